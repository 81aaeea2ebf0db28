"""Text quality: punctuation, pairs, repeated words, enumerations, and statements the tables refute."""

from __future__ import annotations

import re

from ..diagnostics import Edit, Severity
from ..hookspecs import hookimpl
from ..nodes import Span
from ..packs import URL
from ..rule import Rule
from ..textnorm import chinese_number

# A letter outside ASCII — in these reports, a Chinese character. Written as a negated class because
# Python compiles the explicit CJK ranges into large tables (3 ms a pattern, on every start-up).
CJK_CHAR = r"[^\W\d_A-Za-z]"
CHINESE_NEIGHBOUR = re.compile(rf"{CJK_CHAR}|[\u3000-\u303f\uff01-\uff60\u2018-\u201d]")
FULLWIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_ASCII_MARK = re.compile(r"[,;:?!]")
_ASCII_MARK_PAREN = re.compile(r"[,;:?!()]")


class HalfwidthPunctuation(Rule):
    """ASCII punctuation , ; : ? ! written next to Chinese text.

    Chinese text takes full-width punctuation (，；：？！); a half-width comma between Chinese characters
    (“2020年,我局”) is the mark of text typed with the wrong input mode or converted badly, and evaluators
    list it under 标点不规范. Numbers, times (9:30), URLs, e-mail addresses and Latin text are left alone,
    and so are table cells. `govlint --fix` writes the full-width mark. Option `parentheses` (default
    false): also report half-width ( ) next to Chinese text — off by default because real reports
    write “(一)” everywhere.

    Fails:  “2020年,我局认真贯彻落实区委、区政府工作部署:”
    Passes: “2020年，我局认真贯彻落实区委、区政府工作部署：”
    """

    code, name, summary = "GL601", "halfwidth-punctuation", "ASCII , ; : ? ! next to Chinese text"
    severity = Severity.WARNING
    fixable = True
    requires = "lines"
    options = {"parentheses": (bool, False)}
    parentheses = False
    messages = {"halfwidth": ("中文中使用了半角标点“{mark}”，应为“{right}”", "half-width “{mark}” in Chinese text; write “{right}”")}

    def check(self, report):
        for prose in report.prose:
            text = prose.text
            marks = list((_ASCII_MARK_PAREN if self.parentheses else _ASCII_MARK).finditer(text))
            if not marks:
                continue
            urls = [m.span() for m in URL.finditer(text)] if ("http" in text or "www" in text or "@" in text) else []
            for mark in marks:
                index, char = mark.start(), mark.group(0)
                if any(a <= index < b for a, b in urls):
                    continue
                before = text[index - 1] if index else ""
                after = text[index + 1] if index + 1 < len(text) else ""
                if not (CHINESE_NEIGHBOUR.match(before) or CHINESE_NEIGHBOUR.match(after)):
                    continue
                if before.isdigit() and after.isdigit():
                    continue
                span = Span(prose.line, index + 1, prose.line, index + 2)
                yield self.say(span, "halfwidth", edits=[Edit(span, FULLWIDTH[char])], mark=char, right=FULLWIDTH[char])


PAIRS = {"（": "）", "《": "》", "“": "”", "‘": "’", "【": "】", "〔": "〕"}
CLOSERS = {close: open_ for open_, close in PAIRS.items()}
_PAIR_MARK = re.compile(r"[（）《》“”‘’【】〔〕]|\*\*")
_BRACKET = re.compile(r"[（）《》“”‘’【】〔〕]")


class UnbalancedPairs(Rule):
    """A bracket, book-title mark or quotation mark without its partner, or doubled.

    （）《》“”‘’【】〔〕 come in pairs within a paragraph, and so does Markdown's `**`. An unclosed 《 makes a
    document's name run on; “（（” is a slip of the keyboard, and `govlint --fix` removes the extra one.

    Fails:  “根据《中华人民共和国政府信息公开条例（以下简称《条例》）”
    Passes: “根据《中华人民共和国政府信息公开条例》（以下简称《条例》）”
    """

    code, name, summary = "GL602", "unbalanced-pairs", "an unclosed or doubled bracket or quotation mark"
    fixable = True
    requires = "lines"
    messages = {
        "unclosed": ("“{mark}”没有对应的“{partner}”", "“{mark}” has no matching “{partner}”"),
        "doubled": ("“{mark}”重复", "“{mark}” is doubled"),
        "bold": ("Markdown 加粗标记“**”数目为奇数，有一处未配对", "an odd number of Markdown “**”: one is unpaired"),
    }

    def check(self, report):
        for prose in report.prose:
            if _PAIR_MARK.search(prose.text):
                yield from self._line(prose.line, prose.text)

    def _line(self, number: int, text: str):
        urls = [m.span() for m in URL.finditer(text)] if ("http" in text or "www" in text) else []
        stack: list[tuple[str, int]] = []
        counts: dict[str, int] = {}
        for mark in _BRACKET.finditer(text):
            index, char = mark.start(), mark.group(0)
            if any(a <= index < b for a, b in urls):
                continue
            counts[char] = counts.get(char, 0) + 1
            if char in PAIRS:
                stack.append((char, index))
            elif char in CLOSERS:
                if stack and stack[-1][0] == CLOSERS[char]:
                    stack.pop()
                else:
                    yield self._report(number, text, index, counts, CLOSERS[char])
        for char, index in stack:
            yield self._report(number, text, index, counts, PAIRS[char])
        stripped = text.strip()
        if not re.fullmatch(r"[*\-_ ]{3,}", stripped):
            marks = [m.start() for m in re.finditer(r"\*\*", text)]
            if len(marks) % 2:
                span = Span(number, marks[0] + 1, number, marks[0] + 3)
                yield self.say(span, "bold")

    def _report(self, number, text, index, counts, wanted):
        """A doubled mark (“（（”) whose removal balances the line carries that fix."""
        char = text[index]
        span = Span(number, index + 1, number, index + 2)
        partner = PAIRS.get(char) or CLOSERS[char]
        doubled = (index + 1 < len(text) and text[index + 1] == char) or (index and text[index - 1] == char)
        if doubled and counts.get(char, 0) == counts.get(partner, 0) + 1:
            return self.say(span, "doubled", edits=[Edit(span, "")], mark=char)
        return self.say(span, "unclosed", mark=char, partner=wanted)


# Repeats that are correct Chinese (AABB forms and a few verbs used that way).
REDUPLICATION = ("的的确确", "是是非非", "研究研究", "讨论讨论", "和和美美")
_REPEATED = re.compile(rf"({CJK_CHAR}{{2,4}})\1|([的了和与及对为在是将把被从向以于并或])\2")


class DuplicatedWord(Rule):
    """A word or phrase typed twice: “审核审核”, “的的”, “可通过可以通过”.

    Such slips survive proof-reading more often than any other (平潭 2021: “规范审核审核发布机制”; 2022:
    “统一的的网站界面”). Reduplication that is correct Chinese — 常常, 看看, 一一, 层层, 认认真真 — is not a
    repeat: single characters are only reported for function words (的, 了, 和, 在, 是 …).

    Fails:  “进一步规范审核审核发布机制”
    Passes: “进一步规范审核发布机制”, “层层落实责任”
    """

    code, name, summary = "GL603", "duplicated-word", "a word or phrase typed twice"
    messages = {
        "repeated": ("“{unit}”重复：“{text}”", "“{unit}” is typed twice: “{text}”"),
        "near": ("“{first}”与“{second}”重复", "“{first}” and “{second}” say the same twice"),
    }
    severity = Severity.WARNING
    requires = "lines"

    def check(self, report):
        for prose in report.prose:
            text = prose.text
            for match in _REPEATED.finditer(text):
                word = match.group(0)
                if self._allowed(text, match):
                    continue
                unit = match.group(1) or match.group(2)
                yield self.say(Span(prose.line, match.start() + 1, prose.line, match.end() + 1), "repeated", unit=unit, text=word)
            yield from self._near_repeats(prose.line, text)

    @staticmethod
    def _allowed(text, match) -> bool:
        """AABB reduplication (认认真真) and the listed words."""
        start, end = match.span()
        around = text[max(0, start - 2): end + 2]
        return any(word in around for word in REDUPLICATION)

    def _near_repeats(self, number, text):
        """“可通过可以通过”: a phrase followed by itself with one character more inside."""
        end = -1
        for candidate in _NEAR_REPEAT.finditer(text):
            i = candidate.start()
            if i < end:
                continue
            for length in (2, 3, 4):
                first, second = text[i: i + length], text[i + length: i + 2 * length + 1]
                if len(second) != length + 1 or second[0] != first[0] or second[-1] != first[-1] or first == second[:length]:
                    continue
                if _is_cjk(first + second) and any(second[:k] + second[k + 1:] == first for k in range(1, length)):
                    end = i + 2 * length + 1
                    yield self.say(Span(number, i + 1, number, end + 1), "near", first=first, second=second)
                    break


_NEAR_REPEAT = re.compile(rf"(?=({CJK_CHAR}){CJK_CHAR}{{1,3}}\1)")
_ONLY_CJK = re.compile(rf"{CJK_CHAR}+")


def _is_cjk(text: str) -> bool:
    return bool(_ONLY_CJK.fullmatch(text))


# “一是” anywhere but inside a word (统一是, 唯一是, 第一是, 之一是, 十二是 …).
_ENUMERATION = re.compile(r"(?<![统唯第同之万专单逐合划归整均不其百千零〇一二三四五六七八九十])([一二三四五六七八九十])是(?=\S)")


class EnumerationOrder(Rule):
    """A prose enumeration out of order: “一是…三是…三是”, “一是…一是”.

    Reports list problems and measures as 一是 … 二是 … 三是 …; a skipped or repeated ordinal (平潭 2023:
    “一是…三是…三是”) is a visible slip. A new enumeration may start again at 一是 once the previous one
    reached 二是; “一是…一是” is a slip.

    Fails:  “一是加强培训。三是完善制度。三是强化监督。”
    Passes: “一是加强培训。二是完善制度。三是强化监督。”
    """

    code, name, summary = "GL104", "enumeration-order", "a 一是…二是… enumeration out of order"
    messages = {
        "repeated": ("列举序号“{ordinal}是”重复{hint}", "the enumeration repeats “{ordinal}是”{hint_en}"),
        "skipped": ("列举序号“{ordinal}是”跳号{hint}", "the enumeration skips to “{ordinal}是”{hint_en}"),
    }
    severity = Severity.WARNING

    def check(self, report):
        groups = [report.section_text(key) for key in report.sections] if report.sections else [[(p, 0, len(p.text)) for p in report.prose]]
        for ranges in groups:
            previous = 0
            for prose, start, stop in ranges:
                for match in _ENUMERATION.finditer(prose.text, start, stop):
                    ordinal = chinese_number(match.group(1))
                    # A new enumeration may begin after a complete one (一是…二是… then 一是 again).
                    if ordinal == 1 and previous != 1:
                        previous = 1
                        continue
                    if ordinal != previous + 1:
                        span = Span(prose.line, match.start(1) + 1, prose.line, match.end() + 1)
                        expected = "一二三四五六七八九十"[previous] if previous < 10 else None
                        yield self.say(span, "repeated" if ordinal <= previous else "skipped", ordinal=match.group(1),
                                       hint=f"，应为“{expected}是”" if expected else "", hint_en=f"; write “{expected}是”" if expected else "")
                        ordinal = previous + 1  # read on as if it had been right: one slip, one finding
                    previous = ordinal


_ALL_DONE = re.compile(r"(?:所有|全部|各项)?(?:申请)?(?:均已|均|全部|都已|已全部)(?:按时|按期|依法|及时)?(?:办结|办理完毕)")
_ALL_UPHELD = re.compile(r"(?:均|全部|都)(?:获|被|已被|予以)?维持")


class SelfContradiction(Rule):
    """The text says something the tables refute.

    “所有申请均已办结” while 四、结转下年度继续办理 is above zero; “均获维持” while cases are 尚未审结 or were
    纠正. Evaluators read such statements against the tables and mark them as 自相矛盾.

    Fails:  “本年度收到的申请均已办结。” with 结转下年度继续办理·总计 = 2.
    Passes: the same sentence with 结转下年度继续办理·总计 = 0.
    """

    code, name, summary = "GL504", "self-contradiction", "the text contradicts the tables"
    messages = {
        "all-done": ("正文称“{said}”，但表格“四、结转下年度继续办理·总计”为{carried}", "the text says “{said}”, but 四、结转下年度继续办理·总计 is {carried}"),
        "all-upheld": ("正文称“{said}”，但表格显示{cases}", "the text says “{said}”, but the table shows {cases}"),
    }

    def check(self, report):
        applications, review = report.applications, report.review_litigation
        carried = applications.cell("四", "总计") if applications else None
        open_cases = []
        if review is not None:
            for group, name in (("复议", "行政复议"), ("直接起诉", "行政诉讼（未经复议直接起诉）"), ("复议后起诉", "行政诉讼（复议后起诉）")):
                for column, what in (("尚未审结", "尚未审结"), ("纠正", "结果纠正")):
                    cell = review.cell("本年", f"{group}.{column}")
                    if cell is not None and cell.valid and cell.value > 0:
                        open_cases.append(f"{name}{what} {cell.value} 件")
        for prose in report.prose:
            for match in _ALL_DONE.finditer(prose.text):
                if carried is not None and carried.valid and carried.value > 0:
                    yield self.say(Span(prose.line, match.start() + 1, prose.line, match.end() + 1), "all-done", said=match.group(0), carried=carried.value)
            for match in _ALL_UPHELD.finditer(prose.text):
                if open_cases:
                    yield self.say(Span(prose.line, match.start() + 1, prose.line, match.end() + 1), "all-upheld", said=match.group(0), cases="、".join(open_cases))


@hookimpl
def govlint_rules():
    return [HalfwidthPunctuation, UnbalancedPairs, DuplicatedWord, EnumerationOrder, SelfContradiction]
