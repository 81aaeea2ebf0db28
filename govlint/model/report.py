"""The report model: what a reader sees in a report, computed once and shared by every rule.

Everything is lazy: a rule that only reads lines never pays for the parse, and no part is
computed twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from govlint.base.chinese import YEAR, FoundDate, chinese_number, find_dates, halfwidth
from govlint.base.spans import Span
from govlint.model.formats import Format, SectionSpec
from govlint.model.matching import StandardTable, cell_line_tables, split_and_match
from govlint.read.source import Source
from govlint.syntax.nodes import (
    Block,
    Cell,
    Comment,
    Document,
    FrontMatter,
    Heading,
    ListItem,
    Numbering,
    Paragraph,
    Row,
    Table,
)
from govlint.syntax.parser import ParseError, parse, parse_numbering, shared

_LEADING_DEBRIS = re.compile(r"^\s*(?:\[bookmark:[^\]]*\]|<!--\[if [^\]]*\]-->|<!\[endif\]-->)+")
_TITLE_WORDS = re.compile(r"(信息公开|政务公开).{0,12}(报告|年报)")
_ARCHIVE_PREFIX = re.compile(r"^(标题|题目|title)\s*[:：]\s*", re.IGNORECASE)
_HEADING_NOISE = re.compile(r"^[#\s]+|[\s*:：、。.．]+$|\*\*")
_PERIOD_KEYWORD = re.compile(
    r"统计(期限|时限|时间|周期|区间|范围|期间|时段|起止)|(?:统计)?数据的?(?:统计)?(期限|时限|时段|期间|截止|起止)"
    r"|报告(期限|时限|周期|期间|时段)"
)
_PARTIAL_DATE = re.compile(
    r"(?:(?<!\d)(?P<year>(?:19|20)\d{2}|[〇零○一二三四五六七八九]{4})\s*年\s*)?(?P<month>\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(?P<day>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日"
)
# A line that ends a sentence or a paragraph; a prose line that does not is continued by the next one
# when nothing but a page number lies between (a PDF wrap, a Markdown paragraph over several lines).
_SENTENCE_END = re.compile(r"[。！？；：:;!?…]\s*[”’」』）)*]*\s*$")


def _ends_sentence(text: str) -> bool:
    """The line ends a sentence. Only its tail is searched: the pattern anchors at the end, and on a
    long line full of marks and closers a search from every mark would be quadratic."""
    return _SENTENCE_END.search(text[-200:]) is not None
_KEYWORDLESS_PERIOD = re.compile(r"((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日.{0,8}?(至|到|—|-|~).{0,14}?12\s*月\s*31\s*日")


@dataclass(frozen=True, slots=True)  # one per prose line: no per-instance attribute table
class ProseLine:
    line: int
    text: str  # the whole line as written (columns index into it)


@dataclass(frozen=True, slots=True)
class TextParagraph:
    """A logical paragraph: prose lines a hard wrap (PDF text, OCR Markdown) or a page number split,
    joined. `pieces` maps the joined text back to the file: (offset in `text`, line, index in that
    line's text), so a finding in the paragraph reports the original line and column."""

    text: str
    pieces: tuple[tuple[int, int, int], ...]

    @property
    def line(self) -> int:
        return self.pieces[0][1]

    @property
    def lines(self) -> tuple[int, ...]:
        return tuple(line for _, line, _ in self.pieces)

    def locate(self, offset: int) -> tuple[int, int]:
        """(line, 0-based index in the line) of the character at `offset` (the end of the text maps to
        one past the last character of the last line)."""
        for start, line, index in reversed(self.pieces):
            if offset >= start:
                return line, index + offset - start
        return self.pieces[0][1], self.pieces[0][2]

    def span(self, start: int, end: int) -> Span:
        """The file span of text[start:end] (1-based columns, one past the end)."""
        line, index = self.locate(start)
        if end <= start:
            return Span(line, index + 1, line, index + 1)
        end_line, end_index = self.locate(end - 1)
        return Span(line, index + 1, end_line, end_index + 2)


@dataclass(frozen=True)
class Title:
    text: str
    span: Span
    year: int | None
    body: str  # the issuing body as named before the year ("乌拉特前旗政务服务局")


@dataclass(frozen=True)
class Section:
    key: str  # the format's section key (一 … 六)
    spec: SectionSpec
    heading: Block | None  # None when found inside a line (flattened web text)
    span: Span  # the heading
    text: str
    numbering: Numbering | None
    level: int | None  # Markdown level
    inline: bool = False


@dataclass(frozen=True)
class PeriodDate:
    year: int | None
    month: int
    day: int
    span: Span


@dataclass(frozen=True)
class StatisticsPeriod:
    span: Span  # the sentence from its keyword to its end
    text: str
    start: PeriodDate | None
    end: PeriodDate | None


@dataclass(frozen=True)
class SignatureDate:
    span: Span
    date: FoundDate


class Report:
    def __init__(self, source: Source, formats: tuple[Format, ...] = (), report_year: int | None = None):
        self.source = source
        self.path = source.path
        self.formats = formats
        self._configured_year = report_year

    # ---- syntax ------------------------------------------------------------------------------
    @cached_property
    def lines(self) -> list[str]:
        return self.source.lines

    @cached_property
    def _numbers(self) -> list[int | None]:
        """`_numbers[n]` is the int n once something holds it (None before): one object per line number,
        shared by the spans, the prose and the table lines instead of a new int (32 bytes) for each of
        them on every line past 256. The parser fills it with its tokens' line numbers."""
        return [None] * (len(self.lines) + 2)

    def _number(self, n: int) -> int:
        """The shared int for line number `n` (see `_numbers`)."""
        shared = self._numbers[n]
        if shared is None:
            self._numbers[n] = shared = n
        return shared

    @cached_property
    def _parsed(self) -> tuple[Document | None, ParseError | None]:
        try:
            with shared(self.lines, self._numbers):  # a block's whole line is the same string, its line the same int
                return parse(self.source.normalised.text), None
        except ParseError as error:
            return None, error

    @property
    def document(self) -> Document | None:
        return self._parsed[0]

    @property
    def parse_error(self) -> ParseError | None:
        return self._parsed[1]

    @cached_property
    def blocks(self) -> list[Block | Table]:
        """The document's blocks; a Markdown table continued after a page number (which leaves a blank
        line, and a blank line ends a Markdown table) is one table again, and a table written one cell
        per line (a PDF viewer's copy) is a table (`cell_line_tables`)."""
        if not self.document:
            return []
        pages = {line for line, _ in self.page_lines}
        blocks: list[Block | Table] = []
        for block in self.document.blocks:
            previous = blocks[-1] if blocks else None
            if (isinstance(block, Table) and isinstance(previous, Table) and block.layout == previous.layout == "pipe"
                    and _only_pages_between(previous.span.end_line, block.span.line, pages, self.lines)):
                blocks[-1] = Table(previous.span.cover(block.span), "pipe", previous.rows + block.rows, previous.delimited)
                continue
            blocks.append(block)
        return cell_line_tables(blocks, self.source.normalised.text.split("\n"), self.formats)

    @cached_property
    def parsed_tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def _non_prose_lines(self) -> bytearray:
        """A byte per line, indexed by line number: 1 for a line inside a table, a comment or front
        matter, or a page number. Bytes, not a set of line numbers: in a large report most lines are
        table lines, and a set holds an int object and a slot for each."""
        return self._line_map([b for b in self.blocks if isinstance(b, (Table, Comment, FrontMatter))], pages=1)

    @cached_property
    def page_lines(self) -> list[tuple[int, str]]:
        """(line number, text) of the page numbers left in pasted text (govlint/read/normalise.py): not
        the report's text, kept for GL503."""
        return list(self.source.normalised.page_lines)

    @cached_property
    def prose(self) -> list[ProseLine]:
        """Non-blank lines outside tables, comments and front matter (every line when the parse failed),
        page-number lines left out."""
        skip, number = self._non_prose_lines(), self._number
        return [ProseLine(number(i), text) for i, text in enumerate(self.lines, 1) if not skip[i] and text.strip()]

    @cached_property
    def paragraphs(self) -> list[TextParagraph]:
        """The prose as logical paragraphs: a prose line that does not end its sentence is joined with
        the next when that is running text (not a heading, an item or a table) on the next line, or
        after a page number only (govlint/read/normalise.py). Without a parse, every line stands alone."""
        blocks = {block.span.line: block for block in self.blocks if not isinstance(block, Table)}
        page_lines = {line for line, _ in self.page_lines}
        groups: list[list[ProseLine]] = []
        for prose in self.prose:
            previous = groups[-1][-1] if groups else None
            if previous is not None and self._continues(previous, prose, blocks, page_lines):
                groups[-1].append(prose)
            else:
                groups.append([prose])
        paragraphs = []
        for group in groups:
            text, pieces = "", []
            for index, prose in enumerate(group):
                line_text = prose.text.rstrip() if index < len(group) - 1 else prose.text
                start = 0 if index == 0 else len(line_text) - len(line_text.lstrip(" \t\u3000"))
                pieces.append((len(text), prose.line, start))
                text += line_text[start:]
            paragraphs.append(TextParagraph(text, tuple(pieces)))
        return paragraphs

    @cached_property
    def _heading_lines(self) -> frozenset[int]:
        return frozenset(section.span.line for section in self.section_headings)

    def _continues(self, previous: ProseLine, prose: ProseLine, blocks, page_lines) -> bool:
        if self.document is None or _ends_sentence(previous.text) or prose.line in self._heading_lines:
            return False
        if prose.line in self.signature_lines or (self.title is not None and self.title.span.line <= previous.line <= self.title.span.end_line):
            return False  # the title and the 落款 date stand alone
        block = blocks.get(previous.line)
        if not isinstance(blocks.get(prose.line), Paragraph):
            return False
        if not isinstance(block, (Paragraph, ListItem)) and not (isinstance(block, Heading) and _wrapped_item(block)):
            return False
        between = range(previous.line + 1, prose.line)
        if not between:
            return True
        return any(n in page_lines for n in between) and all(n in page_lines or not self.lines[n - 1].strip() for n in between)

    @property
    def table_lines(self) -> list[tuple[int, str]]:
        """(line number, text) of the non-blank lines inside tables (page numbers between rows left out).
        A new list on each use, made from a byte per line (`_table_line_map`): in a large report most
        lines are table lines, and a kept list of pairs would cost some 70 bytes a line for as long as
        the report lives (the few rules that read it use it once)."""
        return list(self.iter_table_lines())

    def iter_table_lines(self) -> Iterator[tuple[int, str]]:
        """`table_lines` one pair at a time, for a reader that goes through them once (no list of them all)."""
        inside, number = self._table_line_map, self._number
        return ((number(n), text) for n, text in enumerate(self.lines, 1) if inside[n] and text.strip())

    @cached_property
    def _table_line_map(self) -> bytearray:
        """A byte per line, indexed by line number: 1 for a line inside a table that is no page number."""
        return self._line_map(self.parsed_tables, pages=0)

    def _line_map(self, blocks, pages: int) -> bytearray:
        """A byte per line, indexed by line number: 1 on the lines of `blocks`, `pages` on the page-number lines."""
        marks, count = bytearray(len(self.lines) + 1), len(self.lines)
        for block in blocks:
            start, end = block.span.line, min(block.span.end_line, count)
            if start <= end:
                marks[start:end + 1] = b"\x01" * (end - start + 1)
        for line, _ in self.page_lines:
            if line <= count:
                marks[line] = pages
        return marks

    @cached_property
    def numbered_blocks(self) -> list[tuple[Block, Numbering]]:
        """(block, numbering) of the numbered headings and items, seeing through conversion debris that
        hides a number (“[bookmark: _GoBack]（一）主动公开情况。” — GL503 reports the debris)."""
        found = []
        for block in self.blocks:
            if isinstance(block, (Heading, ListItem)) and block.numbering and block.numbering.style != "markdown":
                found.append((block, block.numbering))
            elif isinstance(block, Paragraph):
                line = self.lines[block.span.line - 1]
                debris = _LEADING_DEBRIS.match(line)
                if debris:
                    numbering, _ = parse_numbering(line[debris.end():])
                    if numbering:
                        found.append((block, numbering))
        return found

    def line_span(self, line: int) -> Span:
        text = self.lines[line - 1]
        start = len(text) - len(text.lstrip())
        return Span(line, start + 1, line, len(text.rstrip()) + 1)

    # ---- title and year ------------------------------------------------------------------------
    @cached_property
    def front_matter(self) -> FrontMatter | None:
        return next((b for b in self.blocks if isinstance(b, FrontMatter)), None)

    @cached_property
    def title(self) -> Title | None:
        meta = self.front_matter
        declared = meta and (meta.fields.get("标题") or meta.fields.get("title") or meta.fields.get("题目"))
        if declared:
            line = next(n for n in range(meta.span.line, meta.span.end_line + 1) if declared in self.lines[n - 1])
            column = self.lines[line - 1].index(declared) + 1
            return _title(declared, Span(line, column, line, column + len(declared)))
        first_section = min((s.span.line for s in self.sections.values() if not s.inline), default=len(self.lines) + 1)
        candidates = [p for p in self.prose if p.line < first_section][:15]
        for index, prose in enumerate(candidates):
            text = _title_text(prose.text)
            if len(text) > 80 or not _TITLE_WORDS.search(text):
                continue
            start, parts = prose.line, [text]
            previous = candidates[index - 1] if index else None
            if previous and previous.line >= prose.line - 2 and _is_title_fragment(previous.text):
                start, parts = previous.line, [_title_text(previous.text), text]
            return _title("".join(parts), self.line_span(start).cover(self.line_span(prose.line)))
        return None

    @cached_property
    def anchor(self) -> Span:
        """Where document-level findings point: the title's first line, or the first line with text."""
        if self.title:
            return self.line_span(self.title.span.line)
        first = next((p.line for p in self.prose), next((i for i, t in enumerate(self.lines, 1) if t.strip()), 1))
        return self.line_span(first)

    @cached_property
    def year(self) -> int | None:
        """The report year: the title's, else the configured one, else the statistics period's."""
        if self.title and self.title.year:
            return self.title.year
        if self._configured_year:
            return self._configured_year
        period = self.statistics_period
        if period and period.start and period.start.year:
            return period.start.year
        return None

    @property
    def in_format_era(self) -> bool:
        """The report year falls under a national format (2019 on), or is unknown: the six sections
        and the standard tables are expected. The first year comes from the formats' data."""
        return self.year is None or not self.formats or self.year >= min(f.year_from for f in self.formats)

    @cached_property
    def format(self) -> Format | None:
        """The national format that applies to the report year (the newest one when unknown)."""
        if not self.formats:
            return None
        if self.year:
            for format in self.formats:
                if format.applies_to(self.year):
                    return format
        return self.formats[0]

    # ---- sections ------------------------------------------------------------------------------
    @cached_property
    def section_specs(self) -> tuple[SectionSpec, ...]:
        # Every format has the same sections (the loader makes sure); reading them must not wait for the year.
        return self.formats[0].sections if self.formats else ()

    def section_key(self, role: str) -> str | None:
        """The key of the section in a role (overview, proactive, applications, review, problems, other)."""
        return self.formats[0].roles.sections.get(role) if self.formats else None

    @cached_property
    def section_headings(self) -> list[Section]:
        """Every line that is a standard section's heading, in document order (repeats included)."""
        candidates: list[Section] = []
        previous_text: Block | None = None  # the running-text block on the line above, if any
        pages = {line for line, _ in self.page_lines}
        for block in self.blocks:
            above, previous_text = previous_text, None
            if isinstance(block, (Paragraph, ListItem)):
                previous_text = block
            if not isinstance(block, (Heading, ListItem, Paragraph)) or len(block.text) > 45:
                continue
            if isinstance(block, Paragraph) and above is not None and _wraps_into(above, block, pages):
                continue  # the rest of a hard-wrapped line (an introduction listing the sections), not a heading
            text = _HEADING_NOISE.sub("", halfwidth(block.text)).replace(" ", "")
            for spec in self.section_specs:
                if spec.match.search(text):
                    numbering = getattr(block, "numbering", None)
                    level = getattr(block, "level", None)
                    candidates.append(Section(spec.key, spec, block, block.span, block.text, numbering, level))
                    break
        return _by_structure(candidates)

    @cached_property
    def sections(self) -> dict[str, Section]:
        """The six sections, each at its first heading (or found inside flattened text)."""
        found: dict[str, Section] = {}
        for section in self.section_headings:
            found.setdefault(section.key, section)
        self._find_inline_sections(found)
        return dict(sorted(found.items(), key=lambda item: (item[1].span.line, item[1].span.column)))

    def _find_inline_sections(self, found: dict[str, Section]) -> None:
        """Flattened web text runs headings into the body: "…编制。一、总体情况 2025年，…",
        "二、主动公开政府信息情况第二十条…"."""
        for spec in self.section_specs:
            if spec.key in found:
                continue
            pattern = re.compile(rf"(?=({re.escape(spec.number)}[、.．]\s*)([^。\s]{{2,30}}))")  # overlapping: "四、结转…四、政府…"
            for prose in self.prose:
                for match in pattern.finditer(prose.text):
                    words = match.group(2)
                    fits = [n for n in range(2, len(words) + 1) if spec.match.search(_HEADING_NOISE.sub("", halfwidth(words[:n])))]
                    # The official title if it is there, else the shortest start that is a title.
                    exact = [n for n in fits if halfwidth(words[:n]) == spec.title]
                    length = (exact or fits or [0])[0]
                    if length:
                        span = Span(prose.line, match.start(1) + 1, prose.line, match.start(2) + length + 1)
                        numbering, _ = parse_numbering(match.group(1))
                        found[spec.key] = Section(spec.key, spec, None, span, words[:length], numbering, None, True)
                        break
                if spec.key in found:
                    break

    def section_of(self, line: int) -> str | None:
        """The key of the section a line belongs to."""
        current = None
        for key, section in self.sections.items():
            if section.span.line <= line:
                current = key
        return current

    def section_text(self, key: str) -> list[tuple[ProseLine, int, int]]:
        """The section's prose as (line, start, end) ranges, its heading excluded. A section found
        inside a flattened line covers that line from after its heading to the next section's."""
        section = self.sections.get(key)
        if section is None:
            return []
        ordered = list(self.sections.values())
        following = ordered[ordered.index(section) + 1:]
        end_line, end_column = (following[0].span.line, following[0].span.column) if following else (len(self.lines) + 1, 1)
        ranges = []
        for prose in self.prose:
            if prose.line < section.span.line or prose.line > end_line:
                continue
            start = section.span.end_column - 1 if prose.line == section.span.line else 0
            stop = end_column - 1 if prose.line == end_line else len(prose.text)
            if prose.line == section.span.line and not section.inline:
                continue  # the heading line itself
            if prose.line == end_line and not following[0].inline:
                continue  # the next heading's line
            if stop > start:
                ranges.append((prose, start, stop))
        return ranges

    # ---- dates ---------------------------------------------------------------------------------
    @cached_property
    def statistics_period(self) -> StatisticsPeriod | None:
        """The sentence stating the statistics period, read from logical paragraphs (a period split
        over two lines by a wrap or a page number is one sentence)."""
        for paragraph in self.paragraphs:
            keyword = _PERIOD_KEYWORD.search(paragraph.text)
            if keyword:
                end = paragraph.text.find("。", keyword.end())
                end = len(paragraph.text) if end < 0 else end + 1
                return self._period(paragraph, keyword.start(), end)
        for paragraph in self.paragraphs:
            if set(paragraph.lines) & self.signature_lines:
                continue
            match = _KEYWORDLESS_PERIOD.search(paragraph.text)
            if match and re.search(r"数据|统计|报告", paragraph.text):
                return self._period(paragraph, match.start(), match.end())
        return None

    def _period(self, paragraph: TextParagraph, start: int, end: int) -> StatisticsPeriod:
        sentence = paragraph.text[start:end]
        dates = []
        for match in _PARTIAL_DATE.finditer(sentence):
            year = match["year"]
            dates.append(PeriodDate(
                (int(year) if year.isdigit() else chinese_number(year)) if year else None,
                int(match["month"]) if match["month"].isdigit() else chinese_number(match["month"]),
                int(match["day"]) if match["day"].isdigit() else chinese_number(match["day"]),
                paragraph.span(start + match.start(), start + match.end()),
            ))
        first = dates[0] if dates else None
        last = dates[-1] if len(dates) > 1 else None
        if last and last.year is None and first and first.year:
            last = PeriodDate(first.year, last.month, last.day, last.span)
        span = paragraph.span(start, end)
        return StatisticsPeriod(span, sentence, first, last)

    @cached_property
    def signature_lines(self) -> frozenset[int]:
        """The line of the 落款 date: not part of the body's text."""
        return frozenset({self.signature.span.line}) if self.signature else frozenset()

    @cached_property
    def signature_block(self) -> frozenset[int]:
        """The 落款 as a block: its date and, just above it, the issuing body's name (a short line
        without a full stop) — what a section's content does not include."""
        if self.signature is None:
            return frozenset()
        before = [p for p in self.prose if p.line < self.signature.span.line][-1:]
        if before and len(before[0].text.strip()) <= 30 and "。" not in before[0].text:
            return self.signature_lines | {before[0].line}
        return self.signature_lines

    @cached_property
    def signature(self) -> SignatureDate | None:
        """The 落款 date: a line holding only a date among the last lines of the report."""
        for prose in reversed(self.prose[-4:]):
            text = prose.text.strip()
            dates = find_dates(text)
            if len(dates) == 1 and dates[0].start == 0 and dates[0].end == len(text):
                column = prose.text.index(text[0]) + 1
                return SignatureDate(Span(prose.line, column, prose.line, column + len(text)), dates[0])
        return None

    # ---- tables --------------------------------------------------------------------------------
    @cached_property
    def _matched_tables(self) -> list[tuple[Table, list[StandardTable]]]:
        matched, previous = [], None
        captions: dict[int, Block] = {}  # id(table) → the line just above it
        for block in self.blocks:
            if isinstance(block, Table):
                above = Row(previous.span, [Cell(previous.span, previous.text)]) if previous is not None else None
                matched.append((block, split_and_match(block, self.formats, self.year, above)))
                if previous is not None:
                    captions[id(block)] = previous
            previous = block if isinstance(block, (Heading, Paragraph, ListItem)) else None
        return self._joined_sub_tables(matched, captions)

    def _joined_sub_tables(self, matched, captions):
        """Table 四 written as three sub-tables, each under its caption (行政复议 / 行政诉讼（未经复议直接起诉）
        / 行政诉讼（复议后起诉）) with its five columns: read as the one table they are. The captions become
        its header rows; every cell keeps its own place in the file."""
        review = self.section_key("review")
        if review is None or review not in self.sections:
            return matched
        group: list[int] = []
        groups: list[list[int]] = []
        for index, (table, found) in enumerate(matched):
            caption = captions.get(id(table))
            if (not found and self.section_of(table.span.line) == review and caption is not None
                    and len(caption.text) <= 30 and re.search(r"复议|诉讼", caption.text)):
                group.append(index)
                continue
            if len(group) > 1:
                groups.append(group)
            group = []
        if len(group) > 1:
            groups.append(group)
        absorbed: set[int] = set()
        replaced: dict[int, tuple[Table, list[StandardTable]]] = {}
        for members in groups:
            rows = []
            for index in members:
                table, caption = matched[index][0], captions[id(matched[index][0])]
                rows.append(Row(caption.span, [Cell(caption.span, caption.text)]))
                rows.extend(table.rows)
            first, last = matched[members[0]][0], matched[members[-1]][0]
            joined = Table(captions[id(first)].span.cover(last.span), first.layout, rows, first.delimited)
            found = split_and_match(joined, self.formats, self.year, None)
            if found:
                replaced[members[0]] = (joined, found)
                absorbed.update(members[1:])
        return [replaced.get(index, entry) for index, entry in enumerate(matched) if index not in absorbed]

    @cached_property
    def standard_tables_parsed(self) -> list[StandardTable]:
        return [standard for _, matched in self._matched_tables for standard in matched]

    @cached_property
    def standard_tables(self) -> list[StandardTable]:
        """The tables written as tables, and those read back from run-together cells (recover.py)."""
        from govlint.model.recovery import recover

        return self.standard_tables_parsed + recover(self)

    @cached_property
    def other_tables(self) -> list[Table]:
        """Tables that are none of the format's (a report's own overview tables, say)."""
        return [table for table, matched in self._matched_tables if not matched]

    def table(self, key: str) -> StandardTable | None:
        return next((t for t in self.standard_tables if t.key == key), None)

    def table_in_role(self, role: str) -> StandardTable | None:
        """The first standard table that is, in its own format, the table in `role` (applications | review);
        one with rows before a header cut from its rows (a line of debris between them)."""
        found = [table for table in self.standard_tables
                 if (roles := table.format.roles.tables.get(role)) is not None and table.key == roles.table]
        return next((table for table in found if table.rows), found[0] if found else None)

    @cached_property
    def applications(self) -> StandardTable | None:
        return self.table_in_role("applications")

    @cached_property
    def review_litigation(self) -> StandardTable | None:
        return self.table_in_role("review")


def _only_pages_between(end: int, start: int, pages: set[int], lines: list[str]) -> bool:
    """Nothing but blank lines and at least one page number between lines `end` and `start`."""
    between = range(end + 1, start)
    return any(n in pages for n in between) and all(n in pages or not lines[n - 1].strip() for n in between)


def _wrapped_item(heading: Heading) -> bool:
    """A numbered line the grammar took for a heading (short, no full stop) that is the first piece of
    a wrapped item: it runs on like a sentence (“（一）主动公开：…贯彻落实《中”), which a title does not."""
    if heading.level is not None or heading.numbering is None:
        return False
    text = heading.text
    return (bool(re.search(r"[，：,:]", text)) or text.count("**") % 2 == 1
            or any(text.count(a) > text.count(b) for a, b in ("《》", "（）", "“”", "()")))


def _wraps_into(above: Block, block: Block, pages: set[int]) -> bool:
    """`block` continues the long line `above` that a hard wrap broke: nothing but page numbers
    between them, and `above` stops mid-sentence."""
    between = range(above.span.end_line + 1, block.span.line)
    if any(line not in pages for line in between):
        return False
    if _ends_sentence(above.text):
        return False
    # A long line stopping mid-sentence, or a shorter one stopping at a comma, continued by a piece of a
    # sentence (a heading has no full stop).
    return len(above.text) >= 20 or above.text.rstrip().endswith(("，", "、", ",")) or block.text.rstrip().endswith("。")


_NESTED_STYLES = {"cn_paren", "arabic_paren", "circled"}  # （一） （1） ①: below 一、 and 1、


def _by_structure(candidates: list[Section]) -> list[Section]:
    """The candidates that are sections by the document's structure, not by their title words alone.

    - A heading numbered one level down (（一）, （1）, ①) that follows a section numbered 一、 or 1、
      is nested in that section: “（一）主动公开政府信息情况” under 一、总体情况 is a sub-topic of the
      overview, not section 二 — when its own number does not fit (（一） is not 二) or the section
      comes again later with the parent's numbering.
    - An unnumbered line before the first numbered section (the introduction listing the sections,
      wrapped so that a short line holds one title) is not the section when that section has a
      heading of its own later.
    """
    kept: list[Section] = []
    for index, candidate in enumerate(candidates):
        numbering = candidate.numbering
        later = candidates[index + 1:]
        parent = kept[-1] if kept else None
        if (numbering and numbering.style in _NESTED_STYLES and parent is not None and parent.numbering
                and parent.numbering.style in ("cn", "arabic")):
            again = any(c.key == candidate.key and c.numbering and c.numbering.style == parent.numbering.style for c in later)
            if numbering.ordinal != candidate.spec.ordinal or again:
                continue
        if (numbering is None and isinstance(candidate.heading, Paragraph) and not any(k.numbering for k in kept)
                and any(c.key == candidate.key and c.numbering for c in later)):
            continue
        kept.append(candidate)
    return kept


def _title(text: str, span: Span) -> Title:
    compact = halfwidth(text).replace(" ", "")
    year = YEAR.search(compact)
    body = compact[: year.start()] if year else compact.split("政府信息公开")[0]
    return Title(text, span, int(year.group(1)) if year else None, body)


def _title_text(text: str) -> str:
    text = _ARCHIVE_PREFIX.sub("", text.strip().lstrip("#").strip())
    return text.strip("*").strip()


def _is_title_fragment(text: str) -> bool:
    """The first line of a title broken in two (seeds 003, 004): short, no sentence, no numbering."""
    text = text.strip()
    return 0 < len(text) <= 30 and not re.search(r"[。，；：:,]", text) and parse_numbering(text)[0] is None
