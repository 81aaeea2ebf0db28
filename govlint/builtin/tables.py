"""The standard tables: their shape and their values."""

from __future__ import annotations

from ..hookspecs import hookimpl
from ..rule import Rule
from ..tables import strip_leading_empty, trimmed_cells


def column_name(column) -> str:
    return f"{column.group}·{column.label}" if column.group else column.label


def row_name(table, row) -> str:
    if row.spec is not None and row.spec.label:
        return row.spec.label
    return row.label.strip() or table.spec.title


class InconsistentTableColumns(Rule):
    """A data row has more or fewer value cells than its table has value columns.

    The standard tables' value columns are fixed by the format (seven in 三, fifteen in 四, three in
    第二十条第（一）项 …); a row with one cell too many or too few shifts every number after it into
    the wrong column. Empty cells at the end of a row are layout padding, not columns. For other
    tables the header row sets the count.

    Fails:  the 行政复议/行政诉讼 row of section 四 with 16 numbers.
    Passes: the same row with 15.
    """

    code, name, summary = "GL301", "inconsistent-table-columns", "a data row has the wrong number of value cells"

    def check(self, report):
        for table in report.standard_tables:
            n = len(table.columns)
            for row in table.rows:
                if row.problem:
                    written = len(strip_leading_empty(row.value_cells))
                    yield self.finding(row.span, f"“{row_name(table, row)}”一行有{written}个数值单元格，而“{table.spec.title}”表有{n}个数值列")
        for table in report.other_tables:
            if len(table.rows) < 2:
                continue
            expected = len(trimmed_cells(table.rows[0]))
            for row in table.rows[1:]:
                written = len(trimmed_cells(row))
                if written > expected or (table.layout == "pipe" and written != expected):
                    yield self.finding(row.span, f"该行有{written}个单元格，而表头有{expected}列")


class MissingTableValue(Rule):
    """A value cell of a standard table is blank, “—”, “-”, “/” or “无”.

    The format requires a number in every value cell — 0 when there is nothing to report. Evaluators
    mark blank cells and “/” as 表格缺项; they also make the totals impossible to check.

    Fails:  the 行政复议 cells of section 四 left empty.
    Passes: every cell holds a number, 0 included.
    """

    code, name, summary = "GL302", "missing-table-value", "a value cell is blank or a dash where a number is required"

    def check(self, report):
        for table in report.standard_tables:
            for row in table.rows:
                missing = [cell for cell in row.cells if cell.kind == "missing"]
                if not missing:
                    continue
                names = "、".join(column_name(cell.column) for cell in missing)
                span = missing[0].span.cover(missing[-1].span)
                yield self.finding(span, f"“{row_name(table, row)}”一行缺少数值：{names}（无数据时应填0，空白、“—”、“/”不算填写）")


@hookimpl
def govlint_rules():
    return [InconsistentTableColumns, MissingTableValue]
