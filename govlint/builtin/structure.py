"""The report's outline: the order of the six sections, their numbering, and sections left empty."""

from __future__ import annotations

import re
from collections import Counter

from ..diagnostics import Severity
from ..hookspecs import hookimpl
from ..nodes import Heading, ListItem, Paragraph
from ..parser import parse_numbering
from ..rule import Rule
from ..textnorm import chinese_number

ORDER = "一二三四五六"
# The conventional hierarchy of Chinese official documents: 一、 > （一） > 1. > （1） > ①.
RANK = {"cn": 1, "cn_paren": 2, "arabic": 3, "arabic_paren": 4, "circled": 5}
FAMILY = {"cn": "bare", "arabic": "bare", "cn_paren": "paren", "arabic_paren": "paren", "circled": "circled"}
_LEADING_DEBRIS = re.compile(r"^\s*(?:\[bookmark:[^\]]*\]|<!--\[if [^\]]*\]-->|<!\[endif\]-->)+")


class SectionOrder(Rule):
    """The standard sections are out of order, or one of them appears twice.

    The six sections follow the format's order 一 … 六; a report that puts 五 before 四, or has a second
    “四、政府信息公开行政复议、行政诉讼情况” heading, breaks the structure evaluators check first.

    Fails:  headings 一、二、三、五、四、六.
    Passes: headings 一 to 六 in order.
    """

    code, name, summary = "GL102", "section-order", "standard sections out of order or repeated"

    def check(self, report):
        seen: dict[str, int] = {}
        highest = -1
        for section in report.section_headings:
            position = ORDER.index(section.key)
            if section.key in seen:
                yield self.finding(section.span, f"第{section.key}部分“{section.spec.title}”重复出现（第一次在第{seen[section.key]}行）")
                continue
            seen[section.key] = section.span.line
            if position < highest:
                yield self.finding(section.span, f"第{section.key}部分出现在第{ORDER[highest]}部分之后，顺序应为一至六")
            highest = max(highest, position)


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
                    yield self.finding(section.span, f"第{section.key}部分标题编号“{section.numbering.marker}”与其他部分的“{sample}”不是同一编号体系")
        for section in numbered:
            if section.numbering.ordinal != ORDER.index(section.key) + 1:
                yield self.finding(section.span, f"第{section.key}部分标题编号为“{section.numbering.marker}”，应为第{ORDER.index(section.key) + 1}项")
        marked = [s for s in sections if s.level]
        if marked:
            reference = marked[0]
            for section in marked[1:]:
                if section.level != reference.level:
                    yield self.finding(section.span, f"第{section.key}部分标题为{'#' * section.level}（{section.level}级），与第{reference.key}部分的{'#' * reference.level}（{reference.level}级）层级不一致")

    def _items(self, report):
        section_lines = {s.span.line for s in report.sections.values() if not s.inline}
        keys = list(report.sections)
        for index, key in enumerate(keys):
            section = report.sections[key]
            if section.inline:
                continue
            later = [report.sections[k].span.line for k in keys[index + 1:] if not report.sections[k].inline]
            end = min(later, default=len(report.lines) + 1)
            items = [item for item in _numbered(report) if section.span.line < item[0].span.line < end and item[0].span.line not in section_lines]
            for family in ("bare", "paren", "circled"):
                yield from self._siblings([item for item in items if FAMILY[item[1].style] == family], family)

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
                    yield self.finding(block.span, f"编号“{numbering.marker}”与同级的“{sample}”不是同一编号体系")
            return
        for style in styles:
            previous = 0
            for block, numbering in (item for item in items if item[1].style == style):
                if numbering.ordinal == 1 or numbering.ordinal == previous + 1:
                    previous = numbering.ordinal
                    continue
                what = "重复" if numbering.ordinal <= previous else "跳号"
                yield self.finding(block.span, f"编号“{numbering.marker}”{what}，上一项为第{previous}项" if previous else f"编号“{numbering.marker}”之前缺少第1项")
                previous = numbering.ordinal


def _numbered(report):
    """(block, numbering) of the numbered headings and items, seeing through conversion debris that
    hides a number (“[bookmark: _GoBack]（一）主动公开情况。” — GL503 reports the debris)."""
    cached = getattr(report, "_govlint_numbered", None)
    if cached is not None:
        return cached
    found = []
    for block in report.blocks:
        if isinstance(block, (Heading, ListItem)) and block.numbering and block.numbering.style != "markdown":
            found.append((block, block.numbering))
        elif isinstance(block, Paragraph):
            line = report.lines[block.span.line - 1]
            debris = _LEADING_DEBRIS.match(line)
            if debris:
                numbering, _ = parse_numbering(line[debris.end():])
                if numbering:
                    found.append((block, numbering))
    report._govlint_numbered = found
    return found


EMPTY = re.compile(r"^[（(]?(?:无|暂无|没有|空)[)）]?[。.]?$")


class EmptySection(Rule):
    """A section with no content, only “无”/“暂无”, or fewer characters than the minimum.

    Option `min-chars` (default 10): the fewest characters a section's text may have.

    Section 五 is where reports most often say nothing; evaluators mark “无” or a bare heading as 内容空洞.
    Sections 二–四 are tables, and a missing one is GL306.

    Fails:  “五、存在的主要问题及改进情况” followed by “无。”
    Passes: the heading followed by the problems found and the measures taken.
    """

    code, name, summary = "GL105", "empty-section", "a section with no real content"
    severity = Severity.WARNING
    options = {"min-chars": (int, 10)}
    min_chars = 10

    def check(self, report):
        signature_lines = set()
        if report.signature:
            signature_lines.add(report.signature.span.line)
            before = [p for p in report.prose if p.line < report.signature.span.line][-1:]
            if before and len(before[0].text.strip()) <= 30 and "。" not in before[0].text:
                signature_lines.add(before[0].line)  # the body's name above the date
        table_sections = {spec.section for spec in report.template.tables} if report.template else set()
        for key, section in report.sections.items():
            if key in table_sections:
                continue  # a section that should hold a table: GL306 reports it when it does not
            text = "".join(p.text[start:stop] for p, start, stop in report.section_text(key) if p.line not in signature_lines)
            compact = re.sub(r"\s", "", text)
            if not compact:
                message = f"第{key}部分“{section.spec.title}”没有内容"
            elif EMPTY.match(compact):
                message = f"第{key}部分“{section.spec.title}”只写了“{compact}”"
            elif len(compact) < self.min_chars:
                message = f"第{key}部分“{section.spec.title}”内容过少（{len(compact)}个字）"
            else:
                continue
            yield self.finding(section.span, message)


@hookimpl
def govlint_rules():
    return [SectionOrder, HeadingNumbering, EmptySection]
