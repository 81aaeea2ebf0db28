"""GL3xx — table shape: the standard tables present, complete, numeric and in the right format."""

from __future__ import annotations

import re

from govlint.base.diagnostics import Severity
from govlint.base.hookspecs import hookimpl
from govlint.base.spans import Span
from govlint.checks.families import family_rules
from govlint.checks.rule import Rule
from govlint.model.identities import column_display as column_name
from govlint.model.matching import strip_leading_empty

VALUE_TYPES = {"count": "非负整数", "signed": "整数（可为负数）", "decimal": "非负数（可含小数）"}


VALUE_TYPES_EN = {"count": "a whole number ≥ 0", "signed": "a whole number", "decimal": "a number ≥ 0"}


def row_name(table, row) -> str:
    if row.spec is not None and row.spec.label:
        return row.spec.label
    return row.label.strip() or table.spec.title


class InconsistentTableColumns(Rule):
    """A data row has more or fewer value cells than its table has value columns.

    The standard tables' value columns are fixed by the format (seven in 三, fifteen in 四, three in
    第二十条第（一）项 …); a row with one cell too many or too few shifts every number after it into
    the wrong column. Empty cells at the end of a row are layout padding, not columns. A row short of
    cells whose numbers start where the table's complete rows start theirs lost only its empty cells
    at the end (an editor strips trailing tabs, a web page leaves out the last `<td>`s): those are
    blank cells (GL302), not a missing column — except in a Word export or a table copied one cell per
    line, which write every cell they have, and when the row's last number is the total of the others.
    For other tables the header row sets the count.

    Fails:  the 行政复议/行政诉讼 row of section 四 with 16 numbers.
    Passes: the same row with 15.
    """

    code, name, summary = "GL301", "inconsistent-table-columns", "a data row has the wrong number of value cells"
    messages = {
        "standard": ("“{row}”一行有{written}个数值单元格，而“{table}”表有{expected}个数值列", "the row “{row}” has {written} value cells; the table “{table}” has {expected} value columns"),
        "other": ("该行有{written}个单元格，而表头只有{expected}列", "this row has {written} cells; the header has {expected} columns"),
    }

    def check(self, report):
        for table in report.standard_tables:
            if not table.layout_checked:
                continue
            n = len(table.columns)
            for row in table.rows:
                if row.problem:
                    written = len(strip_leading_empty(row.value_cells))
                    yield self.say(row.span, "standard", row=row_name(table, row), written=written, table=table.spec.title, expected=n)
        for table in report.other_tables:
            if not table.delimited or len(table.rows) < 2:
                continue  # only a Markdown table says how many columns it has
            expected = len(table.rows[0].cells)
            for row in table.rows[1:]:
                if len(row.cells) > expected:
                    yield self.say(row.span, "other", written=len(row.cells), expected=expected)


class MissingTableValue(Rule):
    """A value cell of a standard table is blank, “—”, “-”, “/” or “无”.

    The format requires a number in every value cell — 0 when there is nothing to report. Evaluators
    mark blank cells and “/” as 表格缺项; they also make the totals impossible to check.

    A blank block — the same columns left empty in consecutive rows, say the five 法人或其他组织
    columns of every row of 三 — is one finding naming its first and last row and the columns. Empty
    cells left out at the end of a row (see GL301) are blank cells, reported where the row ends.

    Fails:  the 行政复议 cells of section 四 left empty.
    Passes: every cell holds a number, 0 included.
    """

    code, name, summary = "GL302", "missing-table-value", "a value cell is blank or a dash where a number is required"
    messages = {
        "missing": ("“{row}”一行缺少数值：{columns}（无数据时应填0，空白、“—”、“/”不算填写）",
                    "the row “{row}” has no value in {columns} (write 0 when there is nothing; blank, “—” and “/” are not values)"),
        "block": ("“{row}”至“{last}”共{count}行缺少数值：{columns}（无数据时应填0，空白、“—”、“/”不算填写）",
                  "the {count} rows “{row}” to “{last}” have no value in {columns} (write 0 when there is nothing; blank, “—” and “/” are not values)"),
    }

    def check(self, report):
        for table in report.standard_tables:
            if not table.layout_checked:
                continue
            # One blank block, one finding: consecutive rows missing the same columns are reported together.
            blocks: list[list] = []
            for row in table.rows:
                missing = [cell for cell in row.cells if cell.kind == "missing"]
                columns = tuple(cell.column.key for cell in missing)
                if blocks and columns and blocks[-1][0] == columns and blocks[-1][-1] is not None:
                    blocks[-1][1].append((row, missing))
                else:
                    blocks.append([columns, [(row, missing)], True if columns else None])
            for columns, rows, _ in blocks:
                if not columns:
                    continue
                names = [column_name(cell.column) for cell in rows[0][1]]
                first, last = rows[0], rows[-1]
                span = first[1][0].span.cover(last[1][-1].span)
                args = dict(row=row_name(table, first[0]), columns="、".join(names), columns_en=", ".join(names))
                if len(rows) == 1:
                    yield self.say(span, "missing", **args)
                else:
                    yield self.say(span, "block", last=row_name(table, last[0]), count=len(rows), **args)


class NonNumericValue(Rule):
    """A value cell holds something that is not a number of its column's type.

    Counts are non-negative whole numbers; only 2019's 本年增/减 may be negative, and only amounts in
    万元 may have decimals. “12件”, “五”, “-3” in a count column or “1.5” 件 cannot be added up, so the
    totals cannot be checked.

    Fails:  the 自然人 cell of 一、本年新收 reads “12件”.
    Passes: it reads “12”.
    """

    code, name, summary = "GL303", "non-numeric-value", "a value cell is not a number of its column's type"
    messages = {"not-a-number": ("“{cell}”的值“{text}”不是{expected}", "the value “{text}” of “{cell}” is not {expected_en}")}

    def check(self, report):
        for table in report.standard_tables:
            if not table.layout_checked:
                continue
            for row in table.rows:
                for cell in row.cells:
                    if cell.kind == "missing" or cell.valid:
                        continue
                    yield self.say(cell.span, "not-a-number", cell=f"{row_name(table, row)}·{column_name(cell.column)}", text=cell.text.strip(),
                                   expected=VALUE_TYPES[cell.column.type], expected_en=VALUE_TYPES_EN[cell.column.type])


class OutdatedFormat(Rule):
    """A table follows another year's national format.

    Reports for 2021 on must use the tables of 国办公开办函〔2021〕30号; reports for 2019 and 2020 used the
    试行 format of 国办公开办函〔2019〕60号. A 2023 report with 本年新制作数量 / 本年新公开数量 / 对外公开总数量,
    本年增/减 columns or a 第二十条第（九）项 block is an error (so is a mix of both formats); a 2019 or
    2020 report already using the 2021 tables is a warning.

    Fails:  a 2023 report whose 第二十条第（一）项 block has the columns 本年新制作数量 · 本年新公开数量 · 对外公开总数量.
    Passes: the same block with 本年制发件数 · 本年废止件数 · 现行有效件数.
    """

    code, name, summary = "GL304", "outdated-template", "a table follows another year's national format"
    messages = {"format": ("{year}年度报告应使用{expected}的表格格式，“{table}”表却使用{used}的格式",
                           "a {year} report uses the tables of {expected}, but “{table}” follows {used}")}

    def check(self, report):
        applicable = report.format
        if report.year is None or applicable is None or not applicable.applies_to(report.year):
            return
        for table in report.standard_tables:
            used = table.format
            if used.key == applicable.key or not table.layout_checked:
                continue
            if table.scores.get(applicable.key, -1) >= table.scores.get(used.key, 0):
                continue  # nothing in the table tells the formats apart
            newer = used.year_from > applicable.year_from
            severity = Severity.WARNING if newer else Severity.ERROR
            yield self.say(table.first_row.span, "format", severity=severity, year=report.year, expected=applicable.name,
                           table=table.spec.title, used=used.name)


class FormatLabelMismatch(Rule):
    """A row or column label deviates from the format's wording.

    The tables' labels are fixed by the format; evaluators mark changed wording (本年制作数量 for
    本年制发件数) as 表格不规范. Spaces, full- or half-width punctuation, numbering and line breaks
    inside a label are not deviations, nor are the variants the format itself has used.

    Fails:  信息内容 · 本年制作数量 · 本年废止件数 · 现行有效件数.
    Passes: 信息内容 · 本年制发件数 · 本年废止件数 · 现行有效件数.
    """

    code, name, summary = "GL305", "template-label-mismatch", "a label deviates from the format's wording"
    messages = {
        "column": ("“{table}”表的列名“{written}”与格式不符，应为“{label}”", "the column “{written}” of “{table}” should read “{label}”"),
        "extra-row": ("“{written}”不是“{table}”表的标准行", "“{written}” is not a row of the table “{table}”"),
        "row": ("行名“{written}”与格式不符，应为“{label}”", "the row “{written}” should read “{label}”"),
    }
    severity = Severity.WARNING

    def check(self, report):
        for table in report.standard_tables:
            if not table.layout_checked:
                continue
            for cell, column in table.unmatched_headers:
                yield self.say(cell.span, "column", table=table.spec.title, written=cell.text.strip(), label=column.label)
            for row in table.rows:
                if not row.label_cells or row.spec is None and not row.item_label:
                    continue
                if row.spec is None:
                    yield self.say(row.label_span, "extra-row", written=row.item_label.strip(), table=table.spec.title)
                elif row.spec.label and not row.spec.accepts(row.item_label):
                    yield self.say(row.label_span, "row", written=row.item_label.strip(), label=row.spec.label)


class MissingTable(Rule):
    """A standard table, or a block of section 二, is absent.

    Sections 二, 三 and 四 are tables in the national format; a section that only describes its numbers
    in words, or stands as a bare heading, is marked 表格缺项. A section that is missing altogether is
    GL101; a table whose cells ran together is GL307.

    Fails:  “三、收到和处理政府信息公开申请情况” followed directly by section 四.
    Passes: the heading followed by the applications table.
    """

    code, name, summary = "GL306", "missing-table", "a standard table or a block of 二 is absent"
    messages = {"missing": ("第{key}部分缺少{tables}表", "section {key} lacks the table(s) {tables}")}

    def check(self, report):
        format = report.format
        if format is None or not report.in_format_era:
            return
        present = {table.key for table in report.standard_tables}
        flattened = {key for key, _ in unseparated_sections(report)}
        for section_key in format.table_sections:
            section = report.sections.get(section_key)
            if section is None or section_key in flattened:
                continue
            missing = [spec for spec in format.tables if spec.section == section_key and spec.key not in present]
            if not missing:
                continue
            names = [f"“{spec.title}”" for spec in missing]
            yield self.say(section.span, "missing", key=section.spec.number, tables="、".join(names), tables_en=", ".join(names))


# A measure word after a number: the number is a count in a sentence (“2418件”, “4166万元”).
_UNIT = re.compile(r"\s*(?:件|个|次|项|条|份|篇|人|家|起|宗|万元|元|余|多|%|％)")


def unseparated_sections(report):
    """(section key, span) for the sections that hold tables (二–四) but have none, whose text holds
    one run together: a row or column label of the section's tables followed by at least as many
    digits as the table has value columns ("规章007", "本年新收政府信息公开申请数量801000081")."""
    if report.format is None:
        return
    present = {table.spec.section for table in report.standard_tables if not table.recovered}
    for section_key in report.format.table_sections:
        if section_key in present or section_key not in report.sections:
            continue
        found = None
        for spec in (s for s in report.format.tables if s.section == section_key):
            labels = sorted({label.label for label in spec.rows + spec.columns if len(label.label) >= 2}, key=len, reverse=True)
            pattern = re.compile("(?:" + "|".join(re.escape(label) for label in labels) + r")(?P<run>\s*[-\d][\d\s.\-]*)")
            wanted = max(3, len(spec.columns))
            for table in report.other_tables:
                if table.one_cell_rows and report.section_of(table.span.line) == section_key and any(
                    pattern.search(cell.text + " 000") or cell.text.strip() in labels for row in table.rows for cell in row.cells
                ):
                    found = table.rows[0].span
                    break
            if found:
                break
            for prose, start, stop in report.section_text(section_key):
                for match in pattern.finditer(prose.text, start, stop):
                    if _UNIT.match(prose.text, match.end("run")):
                        continue  # “行政许可2418件”: a count in a sentence, not cells run together
                    if sum(ch.isdigit() for ch in match["run"]) >= wanted:
                        found = Span(prose.line, match.start() + 1, prose.line, match.end("run") + 1)
                        break
                if found:
                    break
            if found:
                break
        if found:
            yield section_key, found


class UnseparatedTableCells(Rule):
    """A standard table's cells ran together and cannot be told apart.

    Text scraped from web pages often loses the table structure: “一、本年新收政府信息公开申请数量801000081”.
    govlint never guesses how such digits split: a row is read back only when exactly one split
    satisfies the row's own totals (80 · 1 · 0 · 0 · 0 · 0 · 81), and the format's identities are then
    checked on what was read; a row with several possible readings stays unread. This finding says
    once per section that the cells ran together. Publish the table as a table (tabs, Markdown or the
    Word table).

    Fails:  “第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件77132470”.
    Passes: the same block with one cell per column.
    """

    code, name, summary = "GL307", "unseparated-table-cells", "a standard table's cells cannot be told apart"
    messages = {"flattened": ("第{key}部分的表格单元格连在一起，无法区分各列，表内数据未能核对",
                              "the cells of section {key}'s tables ran together; their numbers were not checked")}
    severity = Severity.WARNING

    def check(self, report):
        for section_key, span in unseparated_sections(report):
            yield self.say(span, "flattened", key=report.sections[section_key].spec.number)


class PartiallyReadTable(Rule):
    """A standard table is there but could not be read in full: rows of the format were not found.

    Text pasted from a PDF or made by a converter often loses part of a table: the table stops at a
    line that is not a row (a page number govlint did not recognise, a paragraph of debris), or its
    rows are written in a shape govlint cannot align. The rows that were read are checked as usual;
    the identities (勾稽关系) that need a row that was not read are not — and a report that says
    nothing about that looks checked when it was not. This finding names the rows not read, why, and
    the identities that could not be checked. (A table that is absent altogether is GL306; cells run
    together are GL307; a row with too many or too few cells is GL301.)

    Fails:  table 三 cut by the line “（本表下接第4页）” between its rows “4.保护第三方合法权益” and “5.属于三类内部事务信息”.
    Passes: table 三 with all its rows, “一、本年新收政府信息公开申请数量” to “四、结转下年度继续办理” (a page number
            such as “- 3 -” between two rows is read through).
    """

    code, name, summary = "GL308", "partially-read-table", "a standard table was present but not read in full"
    messages = {"partial": ("“{table}”表未能完整读取：{rows}未读到（{why}）；{identities}未能核对",
                            "the table “{table}” was not read in full: {rows_en} not read ({why_en}); {identities_en} not checked")}
    severity = Severity.WARNING

    def check(self, report):
        for table in report.standard_tables:
            if not table.layout_checked or not table.rows:
                continue
            missing = [row for row in table.spec.rows if not row.optional and row.label and table.row(row.key) is None]
            if not missing:
                continue
            from govlint.model.identities import key_display

            names = [key_display(table.spec, row) for row in missing]
            shown = "、".join(f"“{name}”" for name in names[:4]) + (f"等{len(names)}行" if len(names) > 4 else "")
            shown_en = ", ".join(f"“{name}”" for name in names[:4]) + (f" and {len(names) - 4} more rows" if len(names) > 4 else "")
            unrecognised = [row for row in table.rows if row.spec is None and row.item_label.strip()]
            if len(missing) <= len(unrecognised):
                continue  # every row is there, some under another label: GL305 names each of them
            last = next(row for row in reversed(table.spec.rows) if not row.optional and row.label)
            why, why_en = _why_unread(report, table) if last in missing else ("", "")
            if unrecognised:
                first = unrecognised[0].item_label.strip()[:16]
                label = f"{len(unrecognised)}行的行名未能与格式的行对应（如“{first}”）"
                label_en = f"the labels of {len(unrecognised)} rows match no row of the format (such as “{first}”)"
                why, why_en = (f"{label}；{why}", f"{label_en}; {why_en}") if why else (label, label_en)
            unchecked = _unchecked_identities(table, {row.key for row in missing})
            identities = "、".join(unchecked) if unchecked else "无勾稽关系受影响"
            identities_en = ", ".join(unchecked) if unchecked else "no identity"
            span = table.rows[-1].span
            yield self.say(table.first_row.span if table.first_row else span, "partial", table=table.spec.title, rows=shown, rows_en=shown_en,
                           why=why, why_en=why_en, identities=f"勾稽关系{identities}" if unchecked else identities,
                           identities_en=f"the identities {identities_en}" if unchecked else identities_en)


def _why_unread(report, table) -> tuple[str, str]:
    """Why the table stops: the line after its last row."""
    last = table.table.span.end_line
    following = next((n for n in range(last + 1, len(report.lines) + 1) if report.lines[n - 1].strip()), None)
    label = table.rows[-1].item_label.strip() or table.rows[-1].label.strip() or table.spec.title
    if following is None:
        return f"表格在“{label}”之后、文件末尾结束", f"the table ends after “{label}” at the end of the file"
    text = report.lines[following - 1].strip()
    text = text if len(text) <= 20 else text[:20] + "…"
    return (f"表格在“{label}”之后被第{following}行“{text}”截断", f"the table stops after “{label}” at line {following} “{text}”")


def _unchecked_identities(table, missing: set[str]) -> list[str]:
    """The identities of the table that need one of the missing rows, as the template names them."""
    from govlint.model.identities import group_display, key_display

    groups = {row.key: row.group for row in table.spec.rows}
    out = []
    for identity in table.spec.identities:
        if identity.over != "columns":
            continue
        terms = identity.left + identity.right
        absent = [t for t in terms if not t.wildcard and table.spec.row(t.key) is not None and table.spec.row(t.key).optional
                  and table.row(t.key) is None]
        if absent:
            continue  # a subtotal row the table does not have: the identity never applied
        needs = any((t.key in missing) if not t.wildcard else any(k in missing for k, g in groups.items() if g == t.key) for t in terms)
        if not needs:
            continue

        def name(term):
            if term.wildcard:
                return group_display(table.spec, term.key)
            row = table.spec.row(term.key)
            return key_display(table.spec, row) if row is not None else term.key

        text = " + ".join(name(t) for t in identity.left) + " = " + " + ".join(name(t) for t in identity.right)
        out.append(f"“{text}”")
    return out


@hookimpl
def govlint_rules():
    return family_rules(__name__)
