"""GL7xx — history: one body's reports checked against each other (the same year, the year before).

A report is identified by its issuing body, normalised from the title (`report_identity`), and its
year. A cross-report rule is a `HistoryRule`: it says which other report it needs (`needs`: the
nearest earlier year of the same body, or another report of the same body and year), whether that
year must be the one just before (`consecutive`), and what it reads from a report (`facts`: small
JSON data, so that the reports of other years come from the cache without being parsed again).
The engine (govlint/engine/history.py) finds the other report and calls `check_history(this,
other)` with the facts of both; with no such report the rule is silent.

GL702 compares a report with itself (the body named in its title and in its text) and is a plain rule.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar, Iterable, Iterator

from govlint.base.chinese import halfwidth
from govlint.base.diagnostics import Finding, Severity
from govlint.base.hookspecs import hookimpl
from govlint.base.spans import Span
from govlint.checks.families import family_rules
from govlint.checks.rule import Option, Rule

if TYPE_CHECKING:
    from govlint.model.report import Report


# ---- the identity of a report ------------------------------------------------------------------
_NOISE = re.compile(r"[\s\u3000《》<>“”\"'·•*#]")
_ABBREVIATIONS = (("管理委员会", "管委会"), ("县政府", "县人民政府"), ("区政府", "区人民政府"), ("市政府", "市人民政府"),
                  ("镇政府", "镇人民政府"), ("乡政府", "乡人民政府"), ("旗政府", "旗人民政府"), ("街道办事处", "街道"),
                  ("街道办", "街道"))


def normalise_body(text: str | None) -> str | None:
    """The issuing body as a key: half-width, no spaces or quotes, 关于/的 trimmed, common short forms
    written out (县政府 → 县人民政府, 管理委员会 → 管委会, 街道办事处 → 街道). None when nothing is left."""
    if not text:
        return None
    body = _NOISE.sub("", halfwidth(text))
    body = re.sub(r"^关于", "", body)
    body = re.sub(r"(关于|的|年度|本级)+$", "", body)
    body = re.sub(r"\(.*?\)$", "", body)  # a trailing note in brackets
    for long, short in _ABBREVIATIONS:
        body = body.replace(long, short) if long != "县政府" or "人民政府" not in body else body
    return body or None


@dataclass(frozen=True)
class Identity:
    body: str | None  # normalised (see normalise_body)
    year: int | None
    span: Span  # where report-level findings point: the title (or the first line)
    title: str = ""  # the body as the title writes it


def report_identity(report: "Report") -> Identity:
    title = report.title
    return Identity(normalise_body(title.body) if title else None, report.year, report.anchor, title.body if title else "")


# ---- what a cross-report rule is handed --------------------------------------------------------
@dataclass
class YearFacts:
    """One report as cross-report rules see it: where it is, whose it is, and what each rule read
    from it (`data[code]`, the rule's `facts`)."""

    path: str
    body: str | None
    year: int | None
    span: Span
    data: dict = field(default_factory=dict)

    def of(self, rule: "Rule") -> dict:
        return self.data.get(rule.code) or {}

    def to_dict(self) -> dict:
        return {"path": self.path, "body": self.body, "year": self.year, "span": _span_list(self.span), "data": self.data}

    @classmethod
    def from_dict(cls, value: dict, path: str | None = None) -> "YearFacts":
        return cls(path if path is not None else value["path"], value["body"], value["year"], _span(value["span"]), value["data"])


def _span_list(span: Span) -> list[int]:
    return [span.line, span.column, span.end_line, span.end_column]


def _span(value) -> Span:
    return Span(*value)


class HistoryRule(Rule):
    """A rule across reports of one body. Subclass, and implement `facts` and `check_history`.

    `needs`: which other report the rule is handed — "previous" (the nearest earlier year of the same
    body) or "same-year" (another report of the same body and year). `consecutive`: for "previous",
    only the year just before counts (the ties of the national format link year N−1 to year N).
    `facts(report)` returns what the rule reads from a report (JSON data: numbers, spans as
    [line, column, end_line, end_column], hashes), computed for every report of the run and of its
    history; `check_history(this, other)` gets the `YearFacts` of both and yields findings on `this`.
    """

    needs: ClassVar[str] = "previous"
    consecutive: ClassVar[bool] = True

    def check(self, report: "Report") -> Iterable[Finding]:
        return ()  # everything happens in check_history

    def facts(self, report: "Report") -> dict:
        return {}

    def check_history(self, this: YearFacts, other: YearFacts) -> Iterable[Finding]:
        raise NotImplementedError


# ---- GL701 ------------------------------------------------------------------------------------
class DuplicateReport(HistoryRule):
    """Two files of one run are the report of the same body for the same year.

    A docs repository or an evaluator's folder holds one report per body and year. A second one is
    a draft left next to the published file, or a report saved under the wrong year — and the two
    may disagree. Both files are reported, each naming the other.

    Fails:  “平潭综合实验区2025年度政府信息公开工作年度报告” as the title of two files of the run.
    Passes: “平潭综合实验区2025年度政府信息公开工作年度报告” in one file, the 2024 report in the other.
    """

    code = "GL701"
    name = "duplicate-report"
    summary = "Another file of the run is the same body's report for the same year."
    needs = "same-year"
    messages = {
        "duplicate": ("{body}{year}年的报告在本次检查中出现两次：另见 {other}",
                      "{body}'s report for {year} is in the run twice: see also {other}"),
    }

    def check_history(self, this: YearFacts, other: YearFacts) -> Iterable[Finding]:
        yield self.say(this.span, "duplicate", body=this.body, year=this.year, other=other.path)


# ---- GL702 ------------------------------------------------------------------------------------
_LEVELS = ("综合实验区", "经济技术开发区", "经济开发区", "高新技术产业开发区", "高新区", "开发区", "新区", "自治州", "自治县", "自治旗",
           "街道", "区", "县", "市", "州", "盟", "旗", "镇", "乡")
_LEVEL = "|".join(_LEVELS)
_PLACE = re.compile(rf"^(?:.{{0,12}}?(?:省|自治区|市|州|盟))??(?P<stem>[\u4e00-\u9fff]{{2,6}}?)(?P<level>{_LEVEL})")


class BodyNameMismatch(Rule):
    """The report names its body differently in its text than in its title.

    A report cloned from another body's keeps that body's name somewhere: the title says 区 and the
    first paragraph or the 联系 sentence (“如对本报告有疑问，请与……联系”) says 县, or 综合实验区 and
    县. Evaluators find this copy-paste defect at once; it tells a reader the report was not written
    for this body. The place name of the title's body is looked for, with another level (区 县 市 镇
    乡 街道 综合实验区 …), in the first paragraph and the 联系 sentence.

    Fails:  the title “平潭综合实验区2025年度政府信息公开工作年度报告” and the first paragraph “2025年，平潭县坚持”.
    Passes: the title “平潭综合实验区2025年度政府信息公开工作年度报告” and the first paragraph “2025年，平潭综合实验区坚持”.
    """

    code = "GL702"
    name = "body-name-mismatch"
    summary = "The body named in the text is not the body named in the title."
    messages = {
        "mismatch": ("标题中的机关为“{title}”，正文写作“{found}”：是否从其他机关的报告复制而来？",
                     "the title names “{title}” but the text says “{found}”: copied from another body's report?"),
    }

    def check(self, report: "Report") -> Iterable[Finding]:
        title = report.title
        if title is None or not title.body:
            return
        place = _PLACE.match(halfwidth(title.body).replace(" ", ""))
        if place is None:
            return
        stem, level = place.group("stem"), place.group("level")
        wrong = re.compile(re.escape(stem) + rf"(?P<level>{_LEVEL})")
        for line, start, end in self._where_named(report):
            text = line.text
            for match in wrong.finditer(text, start, end):
                found = match.group("level")
                if found == level or level.endswith(found) or found.endswith(level):
                    continue
                before = text[match.start() - 1] if match.start() > 0 else ""
                if re.match(r"[\u4e00-\u9fff]", before) and before not in "，。、；：在与由对向为是和及请全本":
                    continue  # a longer name that happens to end with the stem
                span = Span(line.line, match.start() + 1, line.line, match.end() + 1)
                yield self.say(span, "mismatch", title=stem + level, found=stem + found)
                return

    @staticmethod
    def _where_named(report: "Report"):
        """(line, start, end) of the first paragraph — the first 200 characters of section 一, or of the
        first paragraph after the title — and of the 联系 sentence."""
        overview = report.section_text(report.section_key("overview") or "")
        if overview:
            first = overview[0]
        else:
            title_end = report.title.span.end_line if report.title else 0
            line = next((p for p in report.prose if p.line > title_end and len(p.text.strip()) > 20), None)
            first = (line, 0, len(line.text)) if line else None
        found = [(first[0], first[1], min(first[2], first[1] + 200))] if first else []
        for prose in report.prose:
            for match in re.finditer(r"请.{0,40}?联系|联系(电话|方式|地址)", prose.text):
                start = max(prose.text.rfind("。", 0, match.start()) + 1, match.start() - 60)
                found.append((prose, start, match.end()))
        return found


# ---- GL703 ------------------------------------------------------------------------------------
class CarryOverContinuity(HistoryRule):
    """This year's 上年结转 is not what last year's report carried over.

    The national format ties consecutive years: 三、收到和处理政府信息公开申请情况, row 二（上年结转政府信息
    公开申请数量）of year N equals row 四（结转下年度继续办理）of year N−1, for every applicant column.
    Evaluators compare the two reports and mark a difference as a 数据勾稽错误. The finding is on this
    year's row and names last year's file and line.

    Fails:  “二、上年结转政府信息公开申请数量” of 2025 with 自然人 0 when the 2024 report carried over 自然人 4.
    Passes: “二、上年结转政府信息公开申请数量” of 2025 with 自然人 0 when the 2024 report carried over nothing.
    """

    code = "GL703"
    name = "carry-over-continuity"
    summary = "上年结转 differs from last year's 结转下年度继续办理."
    messages = {
        "differs": ("上年结转与{year}年报告的结转下年度继续办理不一致（{other}）：{columns}",
                    "carried over from last year differs from the {year} report's carried to next year ({other}): {columns_en}"),
    }

    def facts(self, report: "Report") -> dict:
        table = report.applications
        if table is None:
            return {}
        roles = table.format.roles.tables["applications"].rows
        out = {}
        for role in ("carried_in", "carried_out"):
            row = table.row(roles[role])
            if row is None:
                continue
            out[role] = {"span": _span_list(row.span),
                         "cells": {c.column.key: [c.value, c.column.label] for c in row.cells if isinstance(c.value, int)}}
        return out

    def check_history(self, this: YearFacts, other: YearFacts) -> Iterable[Finding]:
        carried_in, carried_out = this.of(self).get("carried_in"), other.of(self).get("carried_out")
        if not carried_in or not carried_out:
            return
        differences = []
        for key, (value, label) in carried_in["cells"].items():
            before = carried_out["cells"].get(key)
            if before is not None and before[0] != value:
                differences.append((label, value, before[0]))
        if differences:
            line = carried_out["span"][0]
            yield self.say(_span(carried_in["span"]), "differs", year=other.year, other=f"{other.path}:{line}",
                           columns="；".join(f"{label} {now}，上年结转下年度 {before}" for label, now, before in differences),
                           columns_en="; ".join(f"{label} {now}, last year carried {before}" for label, now, before in differences))


# ---- GL704 ------------------------------------------------------------------------------------
_ISSUED, _REPEALED, _IN_FORCE = "本年制发件数", "本年废止件数", "现行有效件数"  # what the columns say, matched by their patterns


def _regulation_table(report: "Report"):
    """The table of 第二十条第（一）项 in a format that counts 制发, 废止 and 现行有效 (2021): the table of the
    proactive section whose columns match those three wordings."""
    section = report.section_key("proactive")
    for table in report.standard_tables:
        if table.spec.section != section:
            continue
        kinds = {}
        for column in table.columns:
            for kind, words in (("issued", _ISSUED), ("repealed", _REPEALED), ("in_force", _IN_FORCE)):
                if column.match is not None and column.match.search(words) and kind not in kinds:
                    kinds[kind] = column.key
                    break
        if len(kinds) == 3:
            return table, kinds
    return None, {}


class RegulationCountContinuity(HistoryRule):
    """This year's 现行有效件数 does not follow from last year's and this year's 制发 and 废止.

    For 规章 and 行政规范性文件 (二、第二十条第（一）项), 现行有效件数 of year N should be 现行有效件数 of
    year N−1 plus 本年制发件数 minus 本年废止件数 of year N. A difference is not always an error (a
    清理 may re-count), so this is a warning: it asks for a look, or a sentence explaining it.

    Fails:  “行政规范性文件” with 58 制发, 45 废止, 546 现行有效 when last year's report had 520 (520 + 58 − 45 = 533).
    Passes: “行政规范性文件” with 58 制发, 45 废止, 546 现行有效 when last year's report had 533.
    """

    code = "GL704"
    name = "regulation-count-continuity"
    summary = "现行有效件数 ≠ last year's 现行有效 + 本年制发 − 本年废止."
    severity = Severity.WARNING
    messages = {
        "differs": ("{row}现行有效件数为{now}，而{year}年报告的{before}件（{other}）加本年制发{issued}件、减本年废止{repealed}件应为{expected}件",
                    "{row}: {now} in force, but the {year} report's {before} ({other}) plus {issued} issued minus {repealed} repealed is {expected}"),
    }

    def facts(self, report: "Report") -> dict:
        table, kinds = _regulation_table(report)
        if table is None:
            return {}
        rows = {}
        for row in table.rows:
            if row.key is None:
                continue
            values = {kind: row.cell(key) for kind, key in kinds.items()}
            if all(v is not None and isinstance(v.value, int) for v in values.values()):
                rows[row.key] = {"label": row.spec.label if row.spec else row.label,
                                 "values": {kind: v.value for kind, v in values.items()},
                                 "span": _span_list(values["in_force"].span), "line": row.span.line}
        return {"rows": rows}

    def check_history(self, this: YearFacts, other: YearFacts) -> Iterable[Finding]:
        before_rows = other.of(self).get("rows") or {}
        for key, row in (this.of(self).get("rows") or {}).items():
            before = before_rows.get(key)
            if before is None:
                continue
            values = row["values"]
            expected = before["values"]["in_force"] + values["issued"] - values["repealed"]
            if expected != values["in_force"]:
                yield self.say(_span(row["span"]), "differs", row=row["label"], now=values["in_force"], year=other.year,
                               before=before["values"]["in_force"], other=f"{other.path}:{before['line']}",
                               issued=values["issued"], repealed=values["repealed"], expected=expected)


# ---- GL705, GL706: sentences ------------------------------------------------------------------
_SENTENCE_END = re.compile(r"[。！？；!?;]")
_DROP = re.compile(r"[\s\u3000\u00a0，,、：:；;（）()“”\"'《》\-—…·。！？!?．.]+")
_YEARS_FAST = re.compile(r"(?:19|20|１９|２０)[\d０-９]{2}|[〇零○一二三四五六七八九]{4}(?=年)")


MIN_SENTENCE = 10  # characters, punctuation removed: shorter sentences repeat without being copied


def sentences(ranges) -> Iterator[tuple[Span, str, str]]:
    """(span, text, bare text) of each sentence of (prose, start, end) ranges long enough to count; the
    bare text is without spaces and punctuation (what `fingerprint` hashes). One at a time: on a large
    report, every sentence's two copies of its text alive at once were the peak of its memory."""
    for prose, start, end in ranges:
        text = prose.text
        position = start
        while position < end:
            match = _SENTENCE_END.search(text, position, end)
            stop = match.end() if match else end
            piece = text[position:stop]
            stripped = piece.strip()
            bare = _DROP.sub("", stripped)
            if len(bare) >= MIN_SENTENCE:
                first = position + (len(piece) - len(piece.lstrip()))
                yield Span(prose.line, first + 1, prose.line, first + len(stripped) + 1), stripped, bare
            position = stop


def fingerprint(bare: str, years: bool = True) -> str:
    """A short hash of a sentence's bare text (no spaces or punctuation, see `sentences`) — with its years
    blanked unless `years` is false (a sentence copied with the year changed is still copied)."""
    text = bare
    if years:
        text = _YEARS_FAST.sub("Y", text)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=6).hexdigest()


def _share(option) -> str | None:
    return None if 1 <= option <= 100 else "a percentage from 1 to 100"


class RepeatedText(HistoryRule):
    """Section 五 — or the whole report — repeats last year's sentences.

    Evaluators call it 照搬上年: 五、存在的主要问题及改进情况 (or the whole text) copied from the report
    of the year before, with the year changed. Each sentence (of at least ten characters, spaces,
    punctuation and years ignored) is looked up in the last earlier report of the same body; when the
    share of this year's sentences found there is above `share` percent (50 by default), the finding
    gives the share and the first repeated sentence. The whole report is checked first; if it is not
    above the share, section 五 is.

    Fails:  a section 五 whose sentences are all in last year's report, such as “依申请公开答复质量待进一步提升”.
    Passes: a section 五 written anew: “今年政策解读更多采用图解和视频，但基层解读仍然偏少。”
    """

    code = "GL705"
    name = "repeated-text"
    summary = "Section 五 or the whole report repeats most of last year's sentences (照搬上年)."
    severity = Severity.WARNING
    consecutive = False
    options = {"share": Option(int, 50, validate=_share, description="the share of repeated sentences, in percent, above which the rule reports")}
    share = 50
    messages = {
        "report": ("全文{percent}%的句子与{year}年报告（{other}）相同，首个重复的句子：“{sentence}”",
                   "{percent}% of the report's sentences are in the {year} report ({other}); the first: “{sentence}”"),
        "problems": ("第五部分{percent}%的句子与{year}年报告（{other}）相同，首个重复的句子：“{sentence}”",
                     "{percent}% of section 五's sentences are in the {year} report ({other}); the first: “{sentence}”"),
    }

    def facts(self, report: "Report") -> dict:
        title = range(report.title.span.line, report.title.span.end_line + 1) if report.title else range(0)
        everything = sentences((p, 0, len(p.text)) for p in report.prose if p.line not in report.signature_block and p.line not in title)
        problems = sentences(report.section_text(report.section_key("problems") or ""))
        span = report.sections[report.section_key("problems")].span if report.section_key("problems") in report.sections else None
        made = {}  # a sentence of section 五 is also one of the report's: hashed once

        def entry(where: Span, text: str, bare: str) -> list:
            key = (where.line, where.column)
            if key not in made:
                made[key] = [_span_list(where), text[:60], fingerprint(bare)]
            return made[key]

        return {
            "report": [entry(*found) for found in everything],
            "problems": [entry(*found) for found in problems],
            "problems_span": _span_list(span) if span else None,
        }

    def check_history(self, this: YearFacts, other: YearFacts) -> Iterable[Finding]:
        mine, theirs = this.of(self), other.of(self)
        known = {item[2] for item in theirs.get("report") or ()}
        for part, span in (("report", this.span), ("problems", mine.get("problems_span"))):
            own = mine.get(part) or []
            if not own or span is None:
                continue
            repeated = [item for item in own if item[2] in known]
            percent = round(100 * len(repeated) / len(own))
            if len(repeated) * 100 > self.share * len(own):
                yield self.say(_span(span) if isinstance(span, list) else span, part, percent=percent, year=other.year,
                               other=other.path, sentence=repeated[0][1])
                return


_IMPROVEMENT = re.compile(r"改进(情况|措施|方向|举措)|下一步|(二|2)[、.．)）]\s*改进|今后|(20\d\d|明)年.{0,6}(将|要)")


class RepeatedPromises(HistoryRule):
    """This year's 改进情况 repeats last year's plan word for word.

    Section 五 ends with what the body will improve (改进情况, 下一步工作). A plan copied unchanged into
    the next year's report says the promise was not kept, or the section was not rewritten. Every
    sentence of this year's section 五 is looked up, exactly (spaces and punctuation aside, years
    included), among the sentences of last year's plan — the part of last year's section 五 from its
    改进 / 下一步 heading on, or the whole section without one. The finding is on the first repeated
    sentence and counts them.

    Fails:  “下一步整改措施：一是强化政务公开队伍建设” in the 五 of 2024 and of 2025.
    Passes: a 2025 plan in its own words: “2026年将推出政策问答库，按季度更新。”
    """

    code = "GL706"
    name = "repeated-promises"
    summary = "This year's 改进情况 repeats last year's plan word for word."
    severity = Severity.WARNING
    consecutive = False
    messages = {
        "repeated": ("第五部分有{count}句与{year}年报告（{other}）的改进计划逐字相同，如：“{sentence}”",
                     "{count} sentence(s) of section 五 repeat the {year} report's plan ({other}) word for word, e.g. “{sentence}”"),
    }

    def facts(self, report: "Report") -> dict:
        problems = list(sentences(report.section_text(report.section_key("problems") or "")))
        start = next((i for i, (_, text, _) in enumerate(problems) if _IMPROVEMENT.search(text)), 0)
        hashes = [fingerprint(bare, years=False) for _, _, bare in problems]
        return {
            "sentences": [[_span_list(s), text[:60], hashed] for (s, text, _), hashed in zip(problems, hashes)],
            "plan": sorted(set(hashes[start:])),
        }

    def check_history(self, this: YearFacts, other: YearFacts) -> Iterable[Finding]:
        plan = set(other.of(self).get("plan") or ())
        repeated = [item for item in this.of(self).get("sentences") or () if item[2] in plan]
        if repeated:
            yield self.say(_span(repeated[0][0]), "repeated", count=len(repeated), year=other.year, other=other.path,
                           sentence=repeated[0][1])


@hookimpl
def govlint_rules():
    return family_rules(__name__)
