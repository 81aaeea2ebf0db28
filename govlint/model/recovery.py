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
from functools import lru_cache

from govlint.base.spans import Span
from govlint.model.formats import Format, Label, TableSpec
from govlint.model.matching import DataRow, StandardTable, align, row_identities
from govlint.syntax.nodes import Cell, Row
from govlint.syntax.parser import parse_numbering

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


def _prefix(number: str | None) -> str | None:
    """A row's numbering as the format writes it (“一、”, “（七）”, “1.”), with the spaces web text
    puts into it; None for a row without a number."""
    numbering, _ = parse_numbering(number) if number else (None, "")
    if numbering is None:
        return None
    digits = re.escape(re.sub(r"[、.．（()）]", "", numbering.marker))
    if numbering.style in ("cn_paren", "arabic_paren"):
        return rf"[（(]\s*{digits}\s*[)）]\s*"
    if numbering.style == "cn":
        return rf"{digits}\s*、\s*"
    return rf"{digits}\s*[.．、]\s*"


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


@lru_cache(maxsize=256)
def _row_pattern(number: str | None, label: str) -> re.Pattern:
    """A row's label as web text writes it, its numbering optional (made once per row of a format)."""
    prefix = _prefix(number)
    return re.compile((rf"(?:{prefix})?" if prefix else "") + _label_pattern(label))


def _row_runs(text: str, start: int, stop: int, spec: TableSpec):
    """(row spec, digits start, digits end) for every non-optional row, found in order, or None."""
    rows = [r for r in spec.rows if r.label and not r.optional]
    located = []
    position = start
    for row in rows:
        match = _row_pattern(row.number, row.label).search(text, position, stop)
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
    """A table of one unlabelled row (四): the digits after its last column's label (总计)."""
    last = None
    for match in re.finditer(rf"{_label_pattern(spec.columns[-1].label)}(?=[\d\s]*\d)", text[:stop]):
        if match.start() >= start:
            last = match
    if last is None:
        return None
    digits = re.compile(r"\s*([\d\s]*\d)").match(text, last.end(), stop)
    return [(spec.rows[0], (digits.start(1), digits.end(1)))] if digits else None


def _split(text: str, start: int, end: int, spec: TableSpec, row: Label):
    """The one way to cut the digits into the table's columns that satisfies the row's identities, or
    None (no way, or more than one).

    A search over (position in the digits, column, what the open identities still need), memoised and
    checking each identity as soon as its last column is cut, counts the ways to finish up to two: the
    work grows with the number of digits, not with the number of ways to cut them (which doubles per
    digit). A run so large that even this search would be long stays unread (SEARCH_BUDGET).
    """
    columns = [column.key for column in spec.columns]
    digits, offsets, breaks = "", [], set()
    for match in re.finditer(r"\d+", text[start:end]):
        if digits:
            breaks.add(len(digits))  # a space between digits: no number runs across it
        digits += match.group(0)
        offsets += range(start + match.start(), start + match.end())
    n, size = len(columns), len(digits)
    if not n <= size <= n * MAX_DIGITS:
        return None
    checks = row_identities(spec, columns)
    memo: dict[tuple, int] = {}
    budget = [SEARCH_BUDGET]

    def ways(position: int, column: int, needs: tuple) -> int:
        """How many ways (0, 1, or 2 meaning "several") to cut digits[position:] into columns[column:]."""
        if column == n:
            return 1 if position == size else 0
        left = size - position
        if left < n - column or left > (n - column) * MAX_DIGITS:
            return 0
        key = (position, column, needs)
        if key in memo:
            return memo[key]
        budget[0] -= 1
        if budget[0] < 0:
            raise _TooLarge
        found = 0
        for length, after in _next_numbers(digits, position, breaks):
            following = _cut(needs, checks, column, int(digits[position:position + length]))
            if following is not None:
                found = min(2, found + ways(after, column + 1, following))
                if found == 2:
                    break
        memo[key] = found
        return found

    try:
        if ways(0, 0, tuple(0 for _ in checks)) != 1:
            return None
    except _TooLarge:
        return None
    finally:
        ways = None  # noqa: F841 — `ways` refers to itself: drop the cycle (a lint leaves none for the collector)
    cells, position, needs = [], 0, tuple(0 for _ in checks)
    for column in range(n):  # walk the one way back out of the memo
        for length, after in _next_numbers(digits, position, breaks):
            following = _cut(needs, checks, column, int(digits[position:position + length]))
            if following is not None and (column + 1 == n and after == size or memo.get((after, column + 1, following)) == 1):
                cells.append((offsets[position], offsets[after - 1] + 1))
                position, needs = after, following
                break
    return cells


SEARCH_BUDGET = 200_000  # search steps for one row: far above any real row (a few hundred)


class _TooLarge(Exception):
    pass


def _next_numbers(digits: str, position: int, breaks: set[int]):
    """(length, end) of each number that can start at `position`: no leading zero, at most MAX_DIGITS
    digits, never across a space."""
    longest = 1 if digits[position] == "0" else MAX_DIGITS
    for length in range(1, min(longest, len(digits) - position) + 1):
        yield length, position + length
        if position + length in breaks:
            return


def _cut(needs: tuple, checks, column: int, value: int) -> tuple | None:
    """The open identities' running balance after `value` is cut for `column`; None when an identity
    whose last column this is does not balance."""
    out = []
    for (signs, last), balance in zip(checks, needs):
        balance += signs.get(column, 0) * value
        if column == last:
            if balance != 0:
                return None
            balance = 0  # settled: the same state for every way that got here
        out.append(balance)
    return tuple(out)
