"""GL301 and GL302 in every table layout, on rebuilt real tables (平潭 2025)."""

import pytest
from tables_text import (
    application_rows,
    pingtan_2025_applications,
    pipe,
    review_rows,
    tab,
    word,
    wrap_report,
)

LAYOUTS = {"tab": tab, "word": word, "pipe": pipe}
REVIEW = [25, 3, 8, 0, 36, 3, 3, 0, 0, 6, 3, 0, 0, 0, 3]


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_real_numbers_in_every_layout_are_clean(codes, layout):
    render = LAYOUTS[layout]
    text = wrap_report(render(application_rows(pingtan_2025_applications())), "三")
    assert codes(text, "GL301", "GL302") == []
    text = wrap_report(render(review_rows(REVIEW)), "四")
    assert codes(text, "GL301", "GL302") == []


def review_line(text):
    return next(i for i, line in enumerate(text.split("\n"), 1) if line.lstrip("| ").startswith("25"))


@pytest.mark.parametrize("layout", ["tab", "pipe"])
def test_a_review_row_with_sixteen_values(codes, layout):
    text = wrap_report(LAYOUTS[layout](review_rows(REVIEW + [0])), "四")
    assert codes(text, "GL301") == [("GL301", review_line(text), 1)]


def test_a_review_row_with_fourteen_values_in_word_export(codes):
    text = wrap_report(word(review_rows(REVIEW[:14])), "四")
    first = text.split("\n").index("\t25") + 1
    assert codes(text, "GL301") == [("GL301", first, 2)]


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_blank_and_dash_cells(lint, layout):
    values = pingtan_2025_applications()
    values["二"] = ["", "—", "/", "0", "0", "0", "3"]
    text = wrap_report(LAYOUTS[layout](application_rows(values)), "三")
    found = [d for d in lint(text, full=True) if d.code in ("GL301", "GL302")]
    # one finding for the row, at its first missing cell: the blank 自然人 cell just before the “—”
    assert [(d.code, d.line, d.column) for d in found] == [("GL302", *cell_before(text, "—"))]
    assert "自然人、商业企业、科研机构" in found[0].message and "上年结转政府信息公开申请数量" in found[0].message


def cell_before(text, marker):
    """(line, column) of the cell just before the cell that reads `marker`, as the parser reads it."""
    from govlint.syntax.parser import parse

    for block in parse(text).blocks:
        for row in getattr(block, "rows", []):
            for previous, cell in zip(row.cells, row.cells[1:]):
                if cell.text.strip() == marker:
                    return previous.span.line, previous.span.column
    raise AssertionError(marker)


def test_a_row_left_entirely_blank(codes):
    values = pingtan_2025_applications()
    values["三.七"] = [""] * 7
    text = wrap_report(tab(application_rows(values)), "三")
    row = next(l for l in text.split("\n") if "（七）总计" in l)
    line = text.split("\n").index(row) + 1
    # Reported at the first blank cell, right after the label's tab (issue 11), not at the label.
    assert codes(text, "GL301", "GL302") == [("GL302", line, row.index("（七）总计") + len("（七）总计") + 2)]


def test_trailing_empty_cells_are_padding(codes):
    rows = [row + ["", ""] for row in application_rows(pingtan_2025_applications())]
    assert codes(wrap_report(tab(rows), "三"), "GL301", "GL302") == []


def test_other_tables_follow_their_header(codes):
    table = "| 栏目 | 条数 |\n|---|---|\n| 工作动态 | 12 |\n| 政策文件 | 3 | 5 |\n"
    text = wrap_report(table, "四")
    line = text.split("\n").index("| 政策文件 | 3 | 5 |") + 1
    assert codes(text, "GL301") == [("GL301", line, 1)]


def test_block_of_section_two_with_a_missing_value(codes):
    block = "第二十条第（五）项\n信息内容\t本年处理决定数量\n行政许可\t\n"
    text = wrap_report(block, "二")
    line = text.split("\n").index("行政许可\t") + 1
    assert codes(text, "GL301", "GL302") == [("GL302", line, 6)]  # the blank cell after the tab


# ---- trailing empty cells omitted (issue 11) ---------------------------------------------------------
# A row shorter than its table whose values start where the complete rows start theirs had its empty
# cells at the end dropped (tab, Markdown and web tables): they are blank cells, GL302 where the row's
# text ends. The Word export writes every cell, so there a short row lost one: GL301 (above).


@pytest.mark.parametrize("layout", ["tab", "pipe"])
def test_a_review_row_without_its_last_cell(lint, layout):
    text = wrap_report(LAYOUTS[layout](review_rows(REVIEW[:14])), "四")
    line = review_line(text)
    row = text.split("\n")[line - 1]
    found = [d for d in lint(text, full=True) if d.code in ("GL301", "GL302")]
    # pipe() pads the row with empty cells (as a converter writes it): the blank cell is the 15th.
    end = row.rindex("0") + 2 if layout == "tab" else row.index("|", row.rindex("0")) + 2
    assert [(d.code, d.line, d.column) for d in found] == [("GL302", line, end)]
    assert "复议后起诉·总计" in found[0].message


def test_application_rows_without_their_last_cells(lint):
    values = pingtan_2025_applications()
    rows = application_rows(values)
    at = next(i for i, row in enumerate(rows) if "（七）总计" in row)
    rows[at] = rows[at][:-3]  # 法律服务机构, 其他, 总计 not written
    text = wrap_report(tab(rows), "三")
    line = text.split("\n").index("\t".join(rows[at])) + 1
    found = [d for d in lint(text, full=True) if d.code in ("GL301", "GL302", "GL401", "GL402", "GL403")]
    assert [(d.code, d.line, d.column) for d in found] == [("GL302", line, len("\t".join(rows[at])) + 1)]
    assert "法律服务机构、其他、总计" in found[0].message


def test_a_short_row_whose_values_start_elsewhere_is_a_missing_column(codes):
    # “四、结转…” has its values after two cells like 一 and 二; written right after its label, its four
    # values line up with nothing: which columns they are is unknown.
    values = pingtan_2025_applications()
    rows = application_rows(values)
    rows[-1] = ["四、结转下年度继续办理", "6", "0", "0", "0"]
    text = wrap_report(tab(rows), "三")
    line = text.split("\n").index("\t".join(rows[-1])) + 1
    assert codes(text, "GL301", "GL302") == [("GL301", line, 1)]


def test_a_web_table_row_without_its_last_cells(lint):
    """A `<tr>` whose last `<td>`s are left out: the reader's grid fills them with blank cells."""
    head = "".join(f"<td>{c}</td>" for c in ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3)
    page = ("<html><head><title>x</title></head><body><h1>某某局2025年政府信息公开工作年度报告</h1>"
            "<p>一、总体情况</p><p>本年度，本局依法做好政府信息公开工作。</p>"
            "<p>四、政府信息公开行政复议、行政诉讼情况</p><table>"
            "<tr><td colspan='5'>行政复议</td><td colspan='10'>行政诉讼</td></tr>"
            f"<tr>{head}</tr>"
            "<tr>" + "".join(f"<td>{v}</td>" for v in REVIEW[:12]) + "</tr></table></body></html>")
    from govlint import lint_text  # the reader is chosen by the name

    found = [d for d in lint_text(page, "report.html") if d.code in ("GL301", "GL302")]
    assert [(d.code, d.message_id) for d in found] == [("GL302", "GL302.missing")]
    assert "复议后起诉·其他结果、复议后起诉·尚未审结、复议后起诉·总计" in found[0].message
