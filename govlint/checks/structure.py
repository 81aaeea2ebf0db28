"""GL1xx — structure: the six sections, their order and numbering, enumerations, empty sections."""

from __future__ import annotations

import re
from collections import Counter

from govlint.base.chinese import chinese_number
from govlint.base.diagnostics import Severity
from govlint.base.hookspecs import hookimpl
from govlint.base.spans import Span
from govlint.checks.families import family_rules
from govlint.checks.rule import Option, Rule
from govlint.syntax.nodes import Heading


class MissingSection(Rule):
    """One of the six standard sections is absent.

    The national format (2019 and 2021 alike) has six sections: 一、总体情况 · 二、主动公开政府信息情况 ·
    三、收到和处理政府信息公开申请情况 · 四、政府信息公开行政复议、行政诉讼情况 · 五、存在的主要问题及改进情况 ·
    六、其他需要报告的事项. Evaluators deduct for each one missing. Real variants of the headings and any
    numbering style (一、 / 1、 / Markdown #) are accepted. Reports before 2019 follow the old
    条例 and are not checked.

    Fails:  a report whose headings run 一、总体情况 … 五、存在的主要问题及改进情况 with no 六.
    Passes: all six headings present, in any numbering style.
    """

    code, name, summary = "GL101", "missing-section", "one of the six standard sections is absent"
    messages = {"missing": ("缺少第{key}部分“{key}、{title}”", "section {key} “{key}、{title}” is missing")}

    def check(self, report):
        if not report.in_format_era:
            return
        for spec in report.section_specs:
            if spec.key not in report.sections:
                yield self.say(report.anchor, "missing", key=spec.number, title=spec.title)


# The conventional hierarchy of Chinese official documents: 一、 > （一） > 1. > （1） > ①.
RANK = {"cn": 1, "cn_paren": 2, "arabic": 3, "arabic_paren": 4, "circled": 5}


FAMILY = {"cn": "bare", "arabic": "bare", "cn_paren": "paren", "arabic_paren": "paren", "circled": "circled"}


class SectionOrder(Rule):
    """The standard sections are out of order, or one of them appears twice.

    The six sections follow the format's order 一 … 六; a report that puts 五 before 四, or has a second
    “四、政府信息公开行政复议、行政诉讼情况” heading, breaks the structure evaluators check first.

    Fails:  headings 一、二、三、五、四、六.
    Passes: headings 一 to 六 in order.
    """

    code, name, summary = "GL102", "section-order", "standard sections out of order or repeated"
    messages = {
        "repeated": ("第{key}部分“{title}”重复出现（第一次在第{first}行）", "section {key} “{title}” appears again (first on line {first})"),
        "order": ("第{key}部分出现在第{after}部分之后，顺序应为{first}至{last}", "section {key} comes after section {after}; the order is {first} to {last}"),
    }

    def check(self, report):
        specs = report.section_specs
        seen: dict[str, int] = {}
        highest = None
        for section in report.section_headings:
            number = section.spec.number
            if section.key in seen:
                yield self.say(section.span, "repeated", key=number, title=section.spec.title, first=seen[section.key])
                continue
            seen[section.key] = section.span.line
            if highest is not None and section.spec.ordinal < highest.ordinal:
                yield self.say(section.span, "order", key=number, after=highest.number, first=specs[0].number, last=specs[-1].number)
            if highest is None or section.spec.ordinal > highest.ordinal:
                highest = section.spec


class HeadingNumbering(Rule):
    """Sibling headings numbered in two systems, with a skipped or repeated ordinal, or at different
    Markdown levels.

    The six sections take one numbering system (一、 … 六、) and, in Markdown, one heading level; the items
    under a section take the next system down (（一）, then 1., then （1））. Seed 003 numbers its sections
    “1、 总体情况 … 二、 … 5、”, and seed 000 gives them `##`, `###` and `####` — evaluators call this
    编号混乱. Within a section, （一）（二）（四） skips and （一）（一） repeats.

    Fails:  “1、 总体情况” followed by “二、主动公开政府信息情况”.
    Passes: “一、总体情况” followed by “二、主动公开政府信息情况”.
    """

    code, name, summary = "GL103", "heading-numbering", "sibling headings numbered inconsistently"
    messages = {
        "section-system": ("第{key}部分标题编号“{marker}”与其他部分的“{sample}”不是同一编号体系", "section {key} is numbered “{marker}”, the others like “{sample}”"),
        "section-ordinal": ("第{key}部分标题编号为“{marker}”，应为第{ordinal}项", "section {key} is numbered “{marker}”; it is item {ordinal}"),
        "section-level": ("第{key}部分标题为{marks}（{level}级），与第{first}部分的{first_marks}（{first_level}级）层级不一致",
                          "section {key} is a level-{level} heading ({marks}), section {first} level {first_level} ({first_marks})"),
        "item-system": ("编号“{marker}”与同级的“{sample}”不是同一编号体系", "“{marker}” is numbered in another system than its siblings (“{sample}”)"),
        "item-repeated": ("编号“{marker}”重复，上一项为第{previous}项", "“{marker}” repeats a number; the item before is number {previous}"),
        "item-skipped": ("编号“{marker}”跳号，上一项为第{previous}项", "“{marker}” skips a number; the item before is number {previous}"),
        "item-first": ("编号“{marker}”之前缺少第1项", "“{marker}” has no item 1 before it"),
        "item-section-level": ("第{key}部分下的小标题“{marker}{text}”与各部分标题同用“{sample}”编号，层级不清（下一级应为“（一）”）",
                               "the subheading “{marker}{text}” under section {key} is numbered like the sections (“{sample}”); the next level down is “（一）”"),
    }
    severity = Severity.WARNING

    def check(self, report):
        yield from self._sections(report)
        yield from self._items(report)

    def _sections(self, report):
        sections = [s for s in report.sections.values() if not s.inline]
        numbered = [s for s in sections if s.numbering and s.numbering.style != "markdown"]
        styles = Counter(s.numbering.style for s in numbered)
        if len(styles) > 1:
            top = max(styles.values())
            leaders = [style for style, count in styles.items() if count == top]
            expected = "cn" if "cn" in leaders else leaders[0]
            sample = next(s.numbering.marker for s in numbered if s.numbering.style == expected)
            for section in numbered:
                if section.numbering.style != expected:
                    yield self.say(section.span, "section-system", key=section.spec.number, marker=section.numbering.marker, sample=sample)
        for section in numbered:
            if section.numbering.ordinal != section.spec.ordinal:
                yield self.say(section.span, "section-ordinal", key=section.spec.number, marker=section.numbering.marker, ordinal=section.spec.ordinal)
        marked = [s for s in sections if s.level]
        if marked:
            reference = marked[0]
            for section in marked[1:]:
                if section.level != reference.level:
                    yield self.say(section.span, "section-level", key=section.spec.number, marks="#" * section.level, level=section.level,
                                   first=reference.spec.number, first_marks="#" * reference.level, first_level=reference.level)

    def _items(self, report):
        section_lines = {s.span.line for s in report.sections.values() if not s.inline}
        keys = list(report.sections)
        for index, key in enumerate(keys):
            section = report.sections[key]
            if section.inline:
                continue
            later = [report.sections[k].span.line for k in keys[index + 1:] if not report.sections[k].inline]
            end = min(later, default=len(report.lines) + 1)
            items = [item for item in report.numbered_blocks if section.span.line < item[0].span.line < end and item[0].span.line not in section_lines]
            yield from self._section_level(report, section, items)
            for family in ("bare", "paren", "circled"):
                yield from self._siblings([item for item in items if FAMILY[item[1].style] == family], family)

    def _section_level(self, report, section, items):
        """Sub-topics numbered 一、二、三… like the sections themselves (总体情况's own topics written at
        the top level, so the numbering restarts before section 二): once per section, at the first."""
        if section.numbering is None or section.numbering.style != "cn":
            return
        if report.format and section.key in report.format.table_sections:
            return  # a table written one cell per line numbers its rows 一、二、三、四
        for block, numbering in items:
            if numbering.style == "cn" and isinstance(block, Heading):
                yield self.say(block.span, "item-section-level", key=section.spec.number, marker=numbering.marker,
                               text=block.text[:20], sample=section.numbering.marker)
                return

    def _siblings(self, items, family):
        if not items:
            return
        ordinals = [numbering.ordinal for _, numbering in items]
        styles = Counter(numbering.style for _, numbering in items)
        if len(styles) > 1 and ordinals == list(range(1, len(items) + 1)):
            # One sequence written in two systems (003: “（1） 存在的问题” then “（二）改进情况”).
            top = max(styles.values())
            expected = min((s for s, c in styles.items() if c == top), key=RANK.get)
            sample = next(n.marker for _, n in items if n.style == expected)
            for block, numbering in items:
                if numbering.style != expected:
                    yield self.say(block.span, "item-system", marker=numbering.marker, sample=sample)
            return
        for style in styles:
            previous = 0
            for block, numbering in (item for item in items if item[1].style == style):
                if numbering.ordinal == 1 or numbering.ordinal == previous + 1:
                    previous = numbering.ordinal
                    continue
                what = ("item-repeated" if numbering.ordinal <= previous else "item-skipped") if previous else "item-first"
                yield self.say(block.span, what, marker=numbering.marker, previous=previous)
                previous = numbering.ordinal


EMPTY = re.compile(r"^[（(]?(?:无|暂无|没有|空)[)）]?[。.]?$")

# What a web page puts around a report (GL503 reports it): no content of a section.
_PAGE_CHROME = re.compile(
    r"打印本页|关闭窗口|【打印】|【关闭】|分享到[:：]?|微信\s*微博\s*QQ空间|当前位置[:：][^\n]*"
    r"|字号[:：]?\s*[【\[]?大[】\]]?\s*[【\[]?中[】\]]?\s*[【\[]?小[】\]]?"
    r"|[\u4e00-\u9fff]{0,2}公网安备\s*\d{6,}号?|(?:访问|浏览|阅读|点击)(?:次数|量)[:：]\s*\d*"
)


class EmptySection(Rule):
    """A section with no content, only “无”/“暂无”, or fewer characters than the minimum.

    Option `min-chars` (default 10): the fewest characters a section's text may have.

    Section 五 is where reports most often say nothing; evaluators mark “无” or a bare heading as 内容空洞.
    Web page chrome after the last section (“打印本页 关闭窗口”, “访问次数：”, a 公网安备 number) is not
    content: a section holding only that is empty.
    Sections 二–四 are tables, and a missing one is GL306.

    Fails:  “五、存在的主要问题及改进情况” followed by “无。”
    Passes: the heading followed by the problems found and the measures taken.
    """

    code, name, summary = "GL105", "empty-section", "a section with no real content"
    severity = Severity.WARNING
    options = {"min-chars": Option(int, 10, minimum=0)}
    messages = {
        "nothing": ("第{key}部分“{title}”没有内容", "section {key} “{title}” is empty"),
        "none": ("第{key}部分“{title}”只写了“{text}”", "section {key} “{title}” only says “{text}”"),
        "short": ("第{key}部分“{title}”内容过少（{count}个字）", "section {key} “{title}” is too short ({count} characters)"),
    }

    def check(self, report):
        signature = report.signature_block  # the date and the body's name above it
        table_sections = report.format.table_sections if report.format else ()
        for key, section in report.sections.items():
            if key in table_sections:
                continue  # a section that should hold a table: GL306 reports it when it does not
            text = "".join(p.text[start:stop] for p, start, stop in report.section_text(key) if p.line not in signature)
            compact = re.sub(r"\s", "", _PAGE_CHROME.sub("", text))
            if not compact:
                kind = "nothing"
            elif EMPTY.match(compact):
                kind = "none"
            elif len(compact) < self.min_chars:
                kind = "short"
            else:
                continue
            yield self.say(section.span, kind, key=section.spec.number, title=section.spec.title, text=compact, count=len(compact))


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
        if any(section.inline for section in report.sections.values()):
            groups = [[(p, p.start, p.stop) for p in _ranges_as_paragraphs(report.section_text(key))] for key in report.sections]
        else:
            # Logical paragraphs (a “一\n是” or “统\n一是” split by a wrap is read whole), by section.
            headings = {section.span.line for section in report.sections.values()}
            groups, current = [], object()
            for paragraph in report.paragraphs:
                if paragraph.line in headings:
                    continue
                key = report.section_of(paragraph.line)
                if not groups or key != current:
                    groups.append([])
                    current = key
                groups[-1].append((paragraph, 0, len(paragraph.text)))
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
                        span = prose.span(match.start(1), match.end())
                        expected = "一二三四五六七八九十"[previous] if previous < 10 else None
                        yield self.say(span, "repeated" if ordinal <= previous else "skipped", ordinal=match.group(1),
                                       hint=f"，应为“{expected}是”" if expected else "", hint_en=f"; write “{expected}是”" if expected else "")
                        ordinal = previous + 1  # read on as if it had been right: one slip, one finding
                    previous = ordinal


class _LineParagraph:
    """A part of one line, read like a paragraph (flattened web text whose sections run inline)."""

    def __init__(self, prose, start, stop):
        self.line, self.text, self.start, self.stop = prose.line, prose.text, start, stop

    def span(self, start, end):
        return Span(self.line, start + 1, self.line, end + 1)


def _ranges_as_paragraphs(ranges):
    return [_LineParagraph(prose, start, stop) for prose, start, stop in ranges]


@hookimpl
def govlint_rules():
    return family_rules(__name__)
