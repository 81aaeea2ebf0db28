"""Reading a standard table whose cells ran together (scraped web text: “一、本年新收政府信息公开申请数量
15130000154”).

Each row's digits are split into the table's cells in every way that gives numbers without leading
zeros; the row's own identities (总计 = the six applicant columns; 维持 + 纠正 + 其他 + 尚未审结 = 总计) must
hold. A row is read only when exactly one split satisfies them; a row with several possible readings
stays unread, and every identity that needs it is skipped — nothing is guessed. GL307 still reports
the run-together cells.
"""

from __future__ import annotations

import re
from itertools import product

from govlint.base.spans import Span
from govlint.model.formats import Format, Label, TableSpec
from govlint.model.matching import DataRow, StandardTable, align
from govlint.syntax.nodes import Cell, Row

MAX_DIGITS = 6  # no count in a report has more


def recover(report) -> list[StandardTable]:
    format = report.format
    if format is None:
        return []
    present = {table.key for table in report.standard_tables_parsed}
    found = []
    for spec in format.tables:
        if spec.key in present or spec.section not in report.sections or not spec.identities:
            continue
        table = _recover_table(report, format, spec)
        if table is not None:
            found.append(table)
    return found


def _label_pattern(label: str) -> str:
    """The label with any spaces allowed between its characters (web text breaks them: “社会公益 组织”)."""
    return r"\s*".join(re.escape(ch) for ch in label if not ch.isspace())


def _prefix(key: str) -> str:
    parts = key.split(".")
    if len(parts) == 1:
        return rf"{parts[0]}\s*、\s*"
    if len(parts) == 2:
        return rf"[（(]\s*{parts[1]}\s*[)）]\s*"
    return rf"{parts[2]}\s*[.．、]\s*"


def _recover_table(report, format: Format, spec: TableSpec) -> StandardTable | None:
    for prose, start, stop in report.section_text(spec.section):
        text = prose.text
        if len(spec.rows) == 1 and not spec.rows[0].label:
            runs = _single_row_run(text, start, stop, spec)
        else:
            runs = _row_runs(text, start, stop, spec)
        if not runs:
            continue
        rows = []
        for row_spec, (run_start, run_end) in runs:
            span = Span(prose.line, run_start + 1, prose.line, run_end + 1)
            values = _split(text, run_start, run_end, spec, row_spec)
            if values is None:
                # Ambiguous (“330000033”: 33 … 33, or 3, 30 … 33?) or impossible: the row stays
                # unread, and every identity that needs it is skipped.
                rows.append(DataRow(Row(span, []), row_spec.label, [], key=row_spec.key, spec=row_spec, problem="unreadable"))
                continue
            cells = [Cell(Span(prose.line, a + 1, prose.line, b + 1), text[a:b]) for a, b in values]
            data = DataRow(Row(span, cells), row_spec.label, [], key=row_spec.key, spec=row_spec, value_cells=cells,
                           item_label=row_spec.label)
            align(data, spec.columns)
            rows.append(data)
        return StandardTable(spec, format, None, None, [], rows, spec.columns, recovered=True)
    return None


def _row_runs(text: str, start: int, stop: int, spec: TableSpec):
    """(row spec, digits start, digits end) for every non-optional row, found in order, or None."""
    rows = [r for r in spec.rows if r.label and not r.optional]
    located = []
    position = start
    for row in rows:
        match = re.compile(rf"(?:{_prefix(row.key)})?{_label_pattern(row.label)}").search(text, position, stop)
        if match is None:
            return None
        located.append((row, match.start(), match.end()))
        position = match.end()
    runs = []
    for index, (row, _, label_end) in enumerate(located):
        limit = located[index + 1][1] if index + 1 < len(located) else stop
        digits = re.compile(r"[\d\s]*\d").match(text, label_end, limit)
        if digits is None:
            return None
        runs.append((row, (label_end + len(digits.group(0)) - len(digits.group(0).lstrip()), digits.end())))
    return runs


def _single_row_run(text: str, start: int, stop: int, spec: TableSpec):
    """Table 四: the digits after its last column label."""
    last = None
    for match in re.finditer(r"总\s*计(?=[\d\s]*\d)", text[:stop]):
        if match.start() >= start:
            last = match
    if last is None:
        return None
    digits = re.compile(r"\s*([\d\s]*\d)").match(text, last.end(), stop)
    return [(spec.rows[0], (digits.start(1), digits.end(1)))] if digits else None


def _split(text: str, start: int, end: int, spec: TableSpec, row: Label):
    """The one way to cut the digits into the table's columns that satisfies the row's identities."""
    n = len(spec.columns)
    tokens = [(m.start(), m.end()) for m in re.finditer(r"\d+", text[start:end])]
    tokens = [(start + a, start + b) for a, b in tokens]
    options = [_cuts(text[a:b], a, n) for a, b in tokens]
    solutions = []
    for combo in product(*options):
        cells = [cell for part in combo for cell in part]
        if len(cells) != n:
            continue
        values = {column.key: int(text[a:b]) for column, (a, b) in zip(spec.columns, cells)}
        if all(_holds(identity, values) for identity in spec.identities if identity.over == "rows"):
            solutions.append(cells)
            if len(solutions) > 1:
                return None
    return solutions[0] if solutions else None


def _cuts(digits: str, offset: int, most: int) -> list[list[tuple[int, int]]]:
    """Every way to cut a run of digits into numbers without leading zeros (at most `most` of them)."""
    results: list[list[tuple[int, int]]] = []

    def walk(position: int, taken: list[tuple[int, int]]):
        if len(taken) > most:
            return
        if position == len(digits):
            results.append(list(taken))
            return
        longest = 1 if digits[position] == "0" else MAX_DIGITS
        for length in range(1, min(longest, len(digits) - position) + 1):
            taken.append((offset + position, offset + position + length))
            walk(position + length, taken)
            taken.pop()

    walk(0, [])
    return results


def _holds(identity, values: dict[str, int]) -> bool:
    def total(terms):
        out = 0
        for term in terms:
            if term.wildcard or term.key not in values:
                return None
            out += values[term.key]
        return out

    left, right = total(identity.left), total(identity.right)
    return left is None or right is None or left == right
