"""Matching the tables the parser found onto the tables of a national format.

A parsed table becomes one or more `StandardTable`s (section 二 holds several blocks, each
introduced by its 第二十条 line). Each data row is matched to a format row key and its value
cells to column keys, so rules read `table.cell(row_key, column_key)` and get a value with a span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from govlint.base.chinese import cell_kind, halfwidth, label_key, looks_like_value
from govlint.base.spans import Span
from govlint.model.formats import Format, Label, TableSpec
from govlint.syntax.nodes import Cell, Row, Table
from govlint.syntax.parser import LABEL_NUMBERING, parse_numbering

_LEAD_NUMBERING = re.compile(rf"^[\s\u3000]*(?:{LABEL_NUMBERING})")


@dataclass(slots=True)  # one per table cell: no attribute dict each (a 20 MB report has millions)
class CellValue:
    span: Span
    text: str
    column: Label
    kind: str  # number | missing | text
    value: int | Decimal | None  # None when missing or not a number of the column's type

    @property
    def valid(self) -> bool:
        return self.value is not None


@dataclass(slots=True)
class DataRow:
    row: Row
    label: str
    label_cells: list[Cell]
    key: str | None = None  # format row key, None when the label matched no row
    spec: Label | None = None
    cells: list[CellValue] = field(default_factory=list)
    value_cells: list[Cell] = field(default_factory=list)  # as written, after the label
    item_label: str = ""  # the row's own label (the last label cell, broken parts joined): what GL305 reads
    problem: str | None = None  # "too-many" | "too-few": the values cannot be aligned with the columns
    continuation: list[Row] = field(default_factory=list)

    @property
    def span(self) -> Span:
        return self.row.span

    @property
    def label_span(self) -> Span:
        cells = [c for c in self.label_cells if c.text.strip()]
        return cells[0].span.cover(cells[-1].span) if cells else self.row.span

    def cell(self, column_key: str) -> CellValue | None:
        for cell in self.cells:
            if cell.column.key == column_key:
                return cell
        return None


@dataclass
class StandardTable:
    spec: TableSpec
    format: Format
    table: Table
    heading_row: Row | None
    header_rows: list[Row]
    rows: list[DataRow]
    columns: tuple[Label, ...]
    unmatched_headers: list[tuple[Cell, Label]] = field(default_factory=list)
    scores: dict[str, int] = field(default_factory=dict)  # format → how well the table fits it
    recovered: bool = False  # read from cells that ran together (govlint/recover.py), not from a table

    @property
    def key(self) -> str:
        return self.spec.key

    @property
    def first_row(self) -> Row:
        return self.heading_row or (self.header_rows[0] if self.header_rows else self.rows[0].row)

    @property
    def layout_checked(self) -> bool:
        """Shape, labels and blank cells are checked only on a table that was written as a table."""
        return not self.recovered

    def row(self, key: str) -> DataRow | None:
        return next((r for r in self.rows if r.key == key), None)

    def cell(self, row_key: str, column_key: str) -> CellValue | None:
        row = self.row(row_key)
        return row.cell(column_key) if row else None


def trimmed_cells(row: Row) -> list[Cell]:
    """The row's cells without the empty padding at its end."""
    cells = list(row.cells)
    while cells and not cells[-1].text.strip():
        cells.pop()
    return cells


def _is_label(cell: Cell) -> bool:
    return bool(cell.text.strip()) and not looks_like_value(cell.text)


def _split(row: Row) -> tuple[list[Cell], list[Cell]]:
    """Label cells (up to the last text cell) and the cells after them."""
    cells = trimmed_cells(row)
    last = max((i for i, c in enumerate(cells) if _is_label(c)), default=-1)
    return cells[: last + 1], cells[last + 1 :]


def _row_text(row: Row) -> str:
    return "".join(c.text for c in row.cells)


# ---- splitting a parsed table into format tables -----------------------------------------
def _is_block_heading(text: str, formats: tuple[Format, ...]) -> bool:
    text = halfwidth(text).replace(" ", "")
    return any(spec.heading and spec.heading.search(text) for t in formats for spec in t.tables)


def split_and_match(table: Table, formats: tuple[Format, ...], report_year: int | None, heading_above: Row | None = None) -> list[StandardTable]:
    """`heading_above`: the line just above the table when it is not a row of it — a 第二十条 line, or
    the table's header cells run together on one line (`_run_together_header`)."""
    rows = table.rows
    if heading_above is not None and _run_together_header(heading_above, rows, formats):
        rows = [heading_above] + rows
    splits = {id(row): _split(row) for row in rows}  # each row's labels and values, worked out once
    split = splits.__getitem__
    if table.one_cell_rows:
        return []  # nothing to align; GL307 reports it
    segments: list[tuple[Row | None, list[Row]]] = []
    for row in rows:
        first = next((c.text for c in row.cells if c.text.strip()), "")
        if _is_block_heading(first, formats):
            segments.append((row, []))
        elif segments:
            segments[-1][1].append(row)
        else:
            segments.append((heading_above if heading_above and _is_block_heading(heading_above.cells[0].text, formats) else None, [row]))
    matched = []
    for heading_row, rows in segments:
        candidates = _candidate_specs(heading_row, rows, formats)
        if not candidates:
            continue
        written = _written_labels(rows, split)  # the same for every candidate: worked out once
        scores = {(t.key, s.key): _header_score(s, written) for t, s in candidates}
        best = max(candidates, key=lambda pair: (scores[pair[0].key, pair[1].key], pair[0].applies_to(report_year) if report_year else 0, pair[0].year_from))
        standard = _match(table, heading_row, rows, *best, split)
        standard.scores = {fmt: score for (fmt, key), score in scores.items() if key == best[1].key}
        matched.append(standard)
    return matched


def _run_together_header(above: Row, rows: list[Row], formats: tuple[Format, ...]) -> bool:
    """The line above a table that its own rows do not name is its header with the cells run together
    (“行政复议行政诉讼结果维持结果纠正其他结果…”, a converter's doing): the line names the table
    (`recognise`) and holds three of its column labels or more."""
    text = label_key(above.cells[0].text)
    if not text or _is_block_heading(above.cells[0].text, formats) or _candidate_specs(None, rows, formats):
        return False
    return any(s.recognise and s.recognise.search(text) and sum(1 for key in s.column_label_keys if key in text) >= 3
               for f in formats for s in f.tables)


def _candidate_specs(heading_row: Row | None, rows: list[Row], formats) -> list[tuple[Format, TableSpec]]:
    if heading_row is not None:
        text = halfwidth("".join(c.text for c in heading_row.cells)).replace(" ", "")
        return [(t, s) for t in formats for s in t.tables if s.heading and s.heading.search(text)]
    head = "".join(_row_text(r) for r in rows[:4])  # tables 三 and 四 are known by their header rows
    return [(t, s) for t in formats for s in t.tables if s.recognise and s.recognise.search(head)]


def _written_labels(rows: list[Row], split) -> tuple[set[str], set[str]]:
    """The labels a table writes: of any cell, and of the rows that carry numbers."""
    written = {label_key(c.text) for r in rows for c in r.cells if _is_label(c)}
    row_labels = set()
    for row in rows:
        labels, values = split(id(row))
        if labels and any(looks_like_value(c.text) for c in values):
            row_labels.add(label_key(_item_label(labels[-1].text)))
    return written, row_labels


def _header_score(spec: TableSpec, written: tuple[set[str], set[str]]) -> int:
    """How well the table fits this spec: column labels it uses, and rows with numbers it names."""
    cells, row_labels = written
    columns = sum(2 for column in spec.columns if column.keys & cells)
    named_rows = sum(1 for row in spec.rows if row.label and not row.optional and row.keys & row_labels)
    return columns + named_rows


def _item_label(text: str) -> str:
    return _LEAD_NUMBERING.sub("", text)


def _match(table: Table, heading_row: Row | None, rows: list[Row], format: Format, spec: TableSpec, split) -> StandardTable:
    whole_row = len(spec.rows) == 1 and not spec.rows[0].label  # 四: one data row, no label
    header_rows: list[Row] = []
    data: list[DataRow] = []
    pending: DataRow | None = None  # a numbered label alone on its row, its numbers maybe on the next
    for row in rows:
        labels, values = split(id(row))
        if not trimmed_cells(row):
            continue
        if whole_row:
            # 四: header rows carry the labels, the data row only numbers (or blanks).
            if labels:
                header_rows.append(row)
            else:
                data.append(DataRow(row, "", [], value_cells=values))
            continue
        label = "".join(c.text for c in labels)
        numbers = any(looks_like_value(c.text) for c in values if c.text.strip())
        # A row without numbers is a data row (its values all missing) only when its own label is
        # one of the format's rows; otherwise it is a header (before the data) or the rest of the
        # label above it (002: "三、本年度办" / "理结果").
        names_row = bool(labels) and label_key(_item_label(labels[-1].text)) in spec.row_label_keys
        names_column = any(label_key(c.text) in spec.column_label_keys for c in labels)
        if numbers and pending is not None and labels and not _LEAD_NUMBERING.match(labels[-1].text):
            # “\t\t4.保护第三方” / “\t\t合法权益\t0\t0…”: a numbered label wrapped in its cell onto the
            # row that holds its numbers.
            first, rest = pending.label_cells[-1], labels[-1]
            joined = Cell(first.span.cover(rest.span), first.text + rest.text.strip())
            data.append(DataRow(row, pending.label + label, pending.label_cells[:-1] + [joined], value_cells=values))
            pending = None
            continue
        if pending is not None:
            _attach(pending, data, header_rows)
            pending = None
        if data and not numbers and (sum(label_key(c.text) in spec.column_label_keys for c in labels) >= 2
                                     or any("勾稽关系" in c.text for c in labels)):
            header_rows.append(row)  # the header repeated after a page break (Word/PDF 重复标题行)
            continue
        if numbers or (names_row and (data or not names_column)):
            data.append(DataRow(row, label, labels, value_cells=values))
        elif labels and _LEAD_NUMBERING.match(labels[-1].text) and data:
            pending = DataRow(row, label, labels)  # a numbered label without numbers: wrapped, or a group heading
        elif not data:
            header_rows.append(row)
        else:
            # A label broken across rows (seed 002: "三、本年度办" / "理结果").
            data[-1].continuation.append(row)
            data[-1].label += label
    if pending is not None:
        _attach(pending, data, header_rows)
    if whole_row and len(data) > 1:
        data = _joined_sub_rows(data, len(spec.columns))
    columns = _columns(spec, header_rows, data)
    _assign_keys(spec, data, split)
    # A subtotal row's label standing alone ("（三）不予公开" above its items) is a group heading.
    data = [r for r in data if not (r.spec and r.spec.optional and not strip_leading_empty(r.value_cells))]
    starts = _value_starts(data, columns, table.layout, whole_row)
    for row in data:
        align(row, columns, starts, spec)
    unmatched = _unmatched_headers(spec, header_rows)
    return StandardTable(spec, format, table, heading_row, header_rows, data, columns, unmatched)


def _attach(pending: DataRow, data: list[DataRow], header_rows: list[Row]) -> None:
    """A row of labels only, as rows without numbers always were: the rest of the label above it
    (seed 002: “三、本年度办” / “理结果”), or a header before the data."""
    if not data:
        header_rows.append(pending.row)
        return
    data[-1].continuation.append(pending.row)
    data[-1].label += pending.label


def _joined_sub_rows(data: list[DataRow], n: int) -> list[DataRow]:
    """四 written as sub-tables (行政复议 / 未经复议直接起诉 / 复议后起诉, each with its five numbers on a
    row of its own): rows whose numbers together fill the table's columns are its one data row."""
    counts = [len(strip_leading_empty(row.value_cells)) for row in data]
    if sum(counts) != n or any(count == 0 or count == n for count in counts):
        return data
    first = data[0]
    cells = [cell for row in data for cell in strip_leading_empty(row.value_cells)]
    joined = Row(first.row.span.cover(data[-1].row.span), cells)
    return [DataRow(joined, "", [], value_cells=cells)]


def _columns(spec: TableSpec, header_rows: list[Row], data: list[DataRow]) -> tuple[Label, ...]:
    """The format's columns, plus optional ones (a 法人或其他组织 subtotal) when the table has them."""
    columns = list(spec.columns)
    if not spec.optional_columns or not data:
        return tuple(columns)
    counts = [len(strip_leading_empty(r.value_cells)) for r in data]
    modal = max(set(counts), key=counts.count)
    header_text = "".join(_row_text(r) for r in header_rows)
    for optional in spec.optional_columns:
        if modal == len(columns) + 1 and label_key(optional.label) in label_key(header_text):
            at = next((i + 1 for i, c in enumerate(columns) if c.key == optional.after), len(columns))
            columns.insert(at, optional)
    return tuple(columns)


def strip_leading_empty(cells: list[Cell]) -> list[Cell]:
    i = 0
    while i < len(cells) and not cells[i].text.strip():
        i += 1
    return cells[i:]


def _assign_keys(spec: TableSpec, data: list[DataRow], split) -> None:
    """Rows in format order: each row takes the first format row after the previous match
    that recognises its own label (the last label cell), or failing that the whole label."""
    if len(spec.rows) == 1 and not spec.rows[0].label:
        for row in data[:1]:
            row.key, row.spec = spec.rows[0].key, spec.rows[0]
        return
    position = 0
    taken: set[str] = set()
    for row in data:
        item = _item_label(row.label_cells[-1].text) if row.label_cells else ""
        if row.continuation:
            item += "".join(_item_label(c.text) for r in row.continuation for c in split(id(r))[0][-1:])
        wrapped = ""
        cells = row.label_cells
        if len(cells) >= 2 and not _LEAD_NUMBERING.match(cells[-1].text) and _LEAD_NUMBERING.match(cells[-2].text):
            wrapped = _item_label(row.label_cells[-2].text) + item  # “（一）予以” / “公开”: one label in two cells
        found = None
        for text in (item, wrapped, row.label):
            if not text:
                continue
            for index in range(position, len(spec.rows)):
                candidate = spec.rows[index]
                if candidate.key not in taken and candidate.label and candidate.recognises(text):
                    found = index
                    break
            if found is not None:
                if text == wrapped:
                    item = wrapped
                break
        row.item_label = item or row.label
        if found is None:
            continue
        row.key, row.spec = spec.rows[found].key, spec.rows[found]
        taken.add(row.key)
        position = found + 1


# Trailing empty cells omitted, or a column missing? A row with fewer values than the table has
# columns is read as a row whose empty cells at its end were dropped — trailing tabs an editor strips,
# the `<td>`s a web page leaves out, a Markdown row with fewer cells (GitHub-flavoured Markdown fills
# it with empty cells) — when its first value stands in a cell where the table's complete rows start
# theirs (the cells present line up with the leading columns, as in a label-less row such as 四's):
# the missing cells are then blank cells (GL302). It is a missing column (GL301) when
# - the table is a Word export or was written one cell per line: every cell is written there, a blank
#   one as a line of its own, so a short row lost a cell;
# - its values start where no complete row starts them (nothing says which columns they are);
# - or its last value is the total of the others (“151 3 0 0 0 154” under seven columns): the total
#   is there, so a cell before it was lost.
_KEEPS_EVERY_CELL = ("word", "lines")


def _first_value(row: DataRow) -> int:
    """The index, among the row's cells, of its first value cell (blank label columns skipped)."""
    return len(row.label_cells) + len(row.value_cells) - len(strip_leading_empty(row.value_cells))


def _value_starts(data: list[DataRow], columns: tuple[Label, ...], layout: str, whole_row: bool) -> frozenset[int]:
    """Where the table's complete rows start their values (see above); empty when short rows are
    never read as trailing blanks."""
    if layout in _KEEPS_EVERY_CELL:
        return frozenset()
    if whole_row:
        return frozenset({0})
    return frozenset(_first_value(row) for row in data if len(strip_leading_empty(row.value_cells)) == len(columns))


def _trailing_blanks_fit(cells: list[Cell], columns: tuple[Label, ...], spec: TableSpec | None) -> bool:
    """Whether the row's values, read as its first columns with the last ones left blank, hold
    together. They do not when a row identity over the columns they fill fails (四: “25 3 0 36 …”
    lost its 8), or when the last value can be the row total that lost a part (三: “0 0 0 0 0 2”
    lost its 2: the total is the last column, and a value at least the sum of the others may be it)."""
    if spec is None:
        return True
    values = [halfwidth(cell.text).strip() for cell in cells]
    if not all(v.isdigit() for v in values):
        return True  # nothing to weigh
    numbers = [int(v) for v in values]
    keys = [column.key for column in columns]
    for signs, last in row_identities(spec, keys):
        if last < len(numbers) and sum(sign * numbers[i] for i, sign in signs.items()) != 0:
            return False
    total = keys[-1]
    total_last = any(i.over == "rows" and [total] in ([t.key for t in i.left], [t.key for t in i.right]) for i in spec.identities)
    return not (total_last and len(numbers) >= 2 and numbers[-1] > 0 and numbers[-1] >= sum(numbers[:-1]))


def row_identities(spec: TableSpec, columns: list[str]) -> list[tuple[dict[int, int], int]]:
    """The row identities as ({column index: +1 left / -1 right}, index of their last column);
    identities over columns this table lacks, or over groups, are not checked (as everywhere)."""
    checks = []
    for identity in spec.identities:
        if identity.over != "rows":
            continue
        signs: dict[int, int] = {}
        for terms, sign in ((identity.left, 1), (identity.right, -1)):
            for term in terms:
                if term.wildcard or term.key not in columns:
                    signs = {}
                    break
                index = columns.index(term.key)
                signs[index] = signs.get(index, 0) + sign
            else:
                continue
            break
        if signs:
            checks.append((signs, max(signs)))
    return checks




def align(row: DataRow, columns: tuple[Label, ...], starts: frozenset[int] = frozenset(), spec: TableSpec | None = None) -> None:
    """The row's cells under the table's columns; `starts`: where complete rows start their values
    (for the rule on trailing empty cells above)."""
    n = len(columns)
    written = row.value_cells
    core = strip_leading_empty(written)
    trailing = 0
    if len(core) == n:
        cells = core
    elif len(core) > n:
        row.problem = "too-many"
        return
    elif len(written) >= n:
        cells = written[-n:]  # the blank cells before the numbers are missing values
    elif not core:
        cells = []  # no value at all: every cell is missing
    elif _first_value(row) in starts and _trailing_blanks_fit(core, columns, spec):
        cells, trailing = core, n - len(core)  # empty cells omitted at the end of the row
    else:
        row.problem = "too-few"
        return
    if not cells:
        # No value at all: the blank cells as written after the label (the padding `trimmed_cells`
        # dropped), else the end of the label when the row has no cell after it.
        blanks = row.row.cells[len(row.label_cells):] if row.label_cells else []
        blanks = [c for c in blanks if not c.text.strip()][-n:]
        if blanks:
            points = [blanks[min(i, len(blanks) - 1)].span for i in range(n)]
        else:
            anchor = row.label_span
            points = [Span(anchor.end_line, anchor.end_column, anchor.end_line, anchor.end_column)] * n
        row.cells = [CellValue(point, "", column, "missing", None) for point, column in zip(points, columns)]
        return
    row.cells = [_value(cell, column) for cell, column in zip(cells, columns)]
    if trailing:
        # The blank cells as written (the padding `trimmed_cells` dropped), else where the row's text ends.
        written_blanks = [c.span for c in row.row.cells[row.row.cells.index(cells[-1]) + 1:]]
        end = cells[-1].span
        points = written_blanks + [Span(end.end_line, end.end_column, end.end_line, end.end_column)] * trailing
        row.cells += [CellValue(point, "", column, "missing", None) for point, column in zip(points, columns[n - trailing:])]


# No count or amount in a report has more than a dozen digits; a longer "number" is debris (digits
# run together), read as no value — and Python refuses to turn more than 4,300 digits into an int.
MAX_NUMBER_CHARS = 24


def _value(cell: Cell, column: Label) -> CellValue:
    text = halfwidth(cell.text).strip().replace(",", "")
    kind = cell_kind(text)
    value = None
    if kind == "number" and len(text) <= MAX_NUMBER_CHARS:
        try:
            number = Decimal(text)
        except InvalidOperation:
            number = None
        if number is not None:
            if column.type == "decimal" and number >= 0:
                value = number
            elif number == number.to_integral_value() and "." not in text and (column.type == "signed" or number >= 0):
                value = int(number)
    return CellValue(cell.span, cell.text, column, kind, value)


def _unmatched_headers(spec: TableSpec, header_rows: list[Row]) -> list[tuple[Cell, Label]]:
    """Header cells of a block of 二 (the row that starts with its `row_header`, 信息内容) that are no
    official column label (GL305 reads them)."""
    if not spec.row_header:
        return []
    out = []
    for row in header_rows:
        labels = [c for c in trimmed_cells(row) if _is_label(c)]
        if not labels or label_key(labels[0].text) != label_key(spec.row_header):
            continue
        for cell, column in zip(labels[1:], spec.columns):
            if not column.accepts(cell.text):
                out.append((cell, column))
    return out


# ---- tables written one cell per line ------------------------------------------------------------
#
# Copying a table out of a PDF viewer gives its cells one per line (or one per paragraph), with no
# mark where a row ends: “自然人 / 法人或其他组织 / … / 一、本年新收政府信息公开申请数量 / 151 / 3 / …”.
# The grammar reads such lines as short paragraphs and headings. A run of them that names a table of
# the format (its `heading` 第二十条第（X）项 or `recognise` words) and holds values is read back as a
# table (layout `lines`): values go with the labels before them, and a label starts a row when it is
# numbered (一、 （一） 1. — the rows of 三) or is a row label of an unnumbered table (规章, 行政许可 — the
# blocks of 二); the labels before it are header cells (a header run together on one line is one such
# cell, and the table is still known by its `recognise` words). A numbered row label wrapped over two
# lines (“（一）予以” / “公开”) is joined, and so is a header cell wrapped inside a bracket or a column
# label wrapped in its narrow cell (“本年新” / “制作数量”). A blank cell leaves no line in such a copy,
# so a row short of values is a missing column (GL301), never a guess at which column is blank; a row
# whose cells are all blank is its label alone, followed by a row label of the same level.
MAX_CELL_CHARS = 80  # the longest row label of a format is about 45 characters
MIN_VALUES = 3


def cell_line_tables(blocks: list, lines: list[str], formats: tuple[Format, ...]) -> list:
    """`blocks` with each run of one-cell lines that is a format table replaced by that table."""
    from govlint.syntax.nodes import Heading, ListItem, Paragraph

    specs = [s for f in formats for s in f.tables]
    sections = [s.match for f in formats for s in f.sections]
    unnumbered_rows = frozenset(k for s in specs if not any(r.number for r in s.rows) for k in s.row_label_keys)
    out: list = []
    run: list[tuple[object, Cell]] = []

    def flush():
        out.extend(_cell_run(run, specs, unnumbered_rows) if run else [])
        run.clear()

    for block in blocks:
        cells = None
        if isinstance(block, (Paragraph, Heading, ListItem)) and (not isinstance(block, Heading) or block.level is None):
            cells = _line_cells(block, lines, sections)
        if cells is None:
            flush()
            out.append(block)
        else:
            run.extend((block, cell) for cell in cells)
    flush()
    return out


def _line_cells(block, lines: list[str], sections) -> list[Cell] | None:
    """The block's lines as cells, or None when it is no table cell (long, a sentence, a section title)."""
    cells = []
    for number in range(block.span.line, block.span.end_line + 1):
        raw = lines[number - 1]
        text = raw.strip()
        if not text:
            continue
        if "\t" in raw or "|" in raw or len(text) > MAX_CELL_CHARS or text.endswith(("。", "；", ";")):
            return None
        title = _LEAD_NUMBERING.sub("", halfwidth(text)).replace(" ", "")
        if any(section.search(title) for section in sections):
            return None
        start = len(raw) - len(raw.lstrip())
        parts = text.split()
        if _values_from(parts) is not None:
            # “151 3 0 0 0 0 154”: the values of a row on one line; “规章 0 0 0”, “一、本年新收… 151 3 …”:
            # a row on one line, its label first (pdftotext -layout, a PDF viewer's or WPS's copy)
            position = start
            for part in parts:
                at = raw.index(part, position)
                cells.append(Cell(Span(number, at + 1, number, at + len(part) + 1), part))
                position = at + len(part)
        else:
            cells.append(Cell(Span(number, start + 1, number, start + len(text) + 1), text))
    return cells


def _values_from(parts: list[str]) -> int | None:
    """Where the values of a line split at its spaces begin (“行政许可 0”: 1), when from there on every
    part is a value; None for a line of one part or with no value at its end (a label, a sentence).
    Only a run of such lines that names a format table becomes one (`_cell_run`)."""
    index = len(parts)
    while index > 0 and looks_like_value(parts[index - 1]):
        index -= 1
    return index if len(parts) >= 2 and index < len(parts) else None


def _cell_run(run: list[tuple[object, Cell]], specs, unnumbered_rows) -> list:
    """The blocks of the run, its table part (from the first cell that names a table to the last value)
    replaced by a `lines` table when it holds values."""
    blocks = list({id(block): block for block, _ in run}.values())
    cells = [cell for _, cell in run]
    texts = [halfwidth(c.text).replace(" ", "") for c in cells]
    first = next((i for i, t in enumerate(texts) if any(
        (s.heading and s.heading.search(t)) or (s.recognise and s.recognise.search(t)) for s in specs)), None)
    if first is None:
        return blocks
    # The template's note heads the header of 三 (“（本列数据的勾稽关系为：…）”), before the words that name it.
    first = next((i for i in range(max(0, first - 3), first) if "勾稽关系" in texts[i]), first)
    last = max((i for i, c in enumerate(cells) if looks_like_value(c.text)), default=-1)
    if last < first or sum(1 for c in cells[first:last + 1] if looks_like_value(c.text)) < MIN_VALUES:
        return blocks
    # A last row whose cells are all blank is its label alone (a blank cell leaves no line): still a row
    # when the label is a row's own wording (as `_match` takes a row without numbers).
    while last + 1 < len(cells) and _starts_row(cells[last + 1].text, unnumbered_rows) and any(
            label_key(_item_label(cells[last + 1].text)) in s.row_label_keys for s in specs):
        last += 1
    rows = _cell_rows(cells[first:last + 1], specs, unnumbered_rows)
    table = Table(cells[first].span.cover(cells[last].span), "lines", rows)
    if table.one_cell_rows:
        return blocks
    owner = {id(cell): block for block, cell in run}
    inside = {id(owner[id(c)]) for c in cells[first:last + 1]}
    before = [b for b in blocks if id(b) not in inside and b.span.line < table.span.line]
    after = [b for b in blocks if id(b) not in inside and b.span.line > table.span.end_line]
    return before + [table] + after


def _starts_row(text: str, unnumbered_rows) -> bool:
    numbering, _ = parse_numbering(text)
    if numbering is not None and numbering.style in ("cn", "cn_paren", "arabic"):
        return True
    return label_key(text) in unnumbered_rows


def _wrapped_column(first: str, second: str, column_keys) -> bool:
    """Two header lines that are one column label wrapped in its narrow cell (“本年新” / “制作数量”)."""
    return label_key(first + second) in column_keys and not {label_key(first), label_key(second)} & column_keys


def _style(text: str) -> str | None:
    numbering, _ = parse_numbering(text)
    return numbering.style if numbering else None


def _unclosed(text: str) -> bool:
    return text.count("（") + text.count("(") > text.count("）") + text.count(")")


def _cell_rows(cells: list[Cell], specs, unnumbered_rows) -> list[Row]:
    column_keys = frozenset(k for s in specs for k in s.column_label_keys)
    row_keys = frozenset(k for s in specs for k in s.row_label_keys)
    rows: list[Row] = []
    header: list[Cell] = []
    labels: list[Cell] = []
    values: list[Cell] = []
    seen_values = False

    def row(cells_of_row: list[Cell]):
        if cells_of_row:
            rows.append(Row(cells_of_row[0].span.cover(cells_of_row[-1].span), list(cells_of_row)))

    def end_row():
        row(header)
        row(labels + values)
        header.clear()
        labels.clear()
        values.clear()

    for cell in cells:
        text = halfwidth(cell.text).replace(" ", "")
        if looks_like_value(cell.text):
            values.append(cell)
            seen_values = True
            continue
        if values:
            end_row()
        if any(s.heading and s.heading.search(text) for s in specs):
            end_row()
            row([cell])  # 第二十条第（X）项: a block of 二 begins (split_and_match splits there)
            continue
        if _starts_row(cell.text, unnumbered_rows):
            if labels and label_key(_item_label(labels[-1].text)) in row_keys and _style(labels[-1].text) == _style(cell.text):
                end_row()  # a row of the same level follows: the one before had no value, its cells all blank
            labels.append(cell)
        elif seen_values and label_key(cell.text) in row_keys and not (
                labels and label_key(_item_label(labels[-1].text) + cell.text) in row_keys):
            labels.append(cell)  # an unnumbered item label (“属于国家秘密”) after the header: a row of its own
        elif labels and len(labels[-1].text) <= 2 * MAX_CELL_CHARS and parse_numbering(labels[-1].text)[0] is not None:
            # A wrapped row label; a longer run of lines is no label (and joining it would be quadratic).
            labels[-1] = Cell(labels[-1].span.cover(cell.span), labels[-1].text + cell.text)
        elif header and (_unclosed(header[-1].text) or _wrapped_column(header[-1].text, cell.text, column_keys)):
            # “…（单位：万元，保留4位” / “小数）”, “本年新” / “制作数量”
            header[-1] = Cell(header[-1].span.cover(cell.span), header[-1].text + cell.text)
        elif header and label_key(header[-1].text + cell.text) in unnumbered_rows:
            previous = header.pop()  # “行政规范” / “性文件”
            labels.append(Cell(previous.span.cover(cell.span), previous.text + cell.text))
        elif labels:
            labels.append(cell)
        else:
            header.append(cell)
    end_row()
    return rows
