"""The table rules (GL301–GL307) and the arithmetic (GL401–GL406), in every layout, with real numbers (平潭 2025)."""

import copy

import pytest
from tables_text import (
    application_rows,
    pingtan_2025_applications,
    pipe,
    review_rows,
    tab,
    word,
    wrap_report,
    zero_tables,
)

LAYOUTS = {"tab": tab, "word": word, "pipe": pipe}
REVIEW = [25, 3, 8, 0, 36, 3, 3, 0, 0, 6, 3, 0, 0, 0, 3]
TABLE_CODES = ("GL301", "GL302", "GL303", "GL304", "GL305", "GL306", "GL307", "GL401", "GL402", "GL403", "GL404", "GL405", "GL406")


def full_report(applications=None, review=None, layout="tab", extra_text=""):
    render = LAYOUTS[layout]
    tables = zero_tables()
    text = wrap_report(tables["二"], "二")
    text = text.replace("三、收到和处理政府信息公开申请情况\n", "三、收到和处理政府信息公开申请情况\n\n" + render(application_rows(applications or pingtan_2025_applications())) + "\n")
    text = text.replace("四、政府信息公开行政复议、行政诉讼情况\n", "四、政府信息公开行政复议、行政诉讼情况\n\n" + render(review_rows(review or REVIEW)) + "\n")
    return text.replace("培训不足。", "培训不足。" + extra_text)


def position(text, needle, occurrence=1, layout="tab"):
    """(line, column) of the n-th occurrence of a cell text."""
    seen = 0
    for number, line in enumerate(text.split("\n"), 1):
        start = 0
        while (index := line.find(needle, start)) >= 0:
            seen += 1
            if seen == occurrence:
                return number, index + 1
            start = index + 1
    raise AssertionError(needle)


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_consistent_real_numbers_are_clean(codes, layout):
    assert codes(full_report(layout=layout), *TABLE_CODES) == []


def cell_of(text, row_label, column_index, layout=None):
    """(line, column) of a value in a row of table 三 (0 = 自然人 … 6 = 总计); the cell spans
    themselves are tested in test_parser.py."""
    from govlint.syntax.nodes import Table
    from govlint.syntax.parser import parse

    for block in parse(text).blocks:
        if isinstance(block, Table):
            for row in block.rows:
                if any(row_label in cell.text for cell in row.cells):
                    values = [cell for cell in row.cells if cell.text.strip()][-7:]
                    return values[column_index].span.line, values[column_index].span.column
    raise AssertionError(row_label)


# GL401 application-balance, GL402 results-total, GL403 applicant-total
@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_a_wrong_total_breaks_every_identity_it_is_in(lint, layout):
    values = copy.deepcopy(pingtan_2025_applications())
    values["三.七"][0] = 140  # （七）总计·自然人: the results add up to 144
    text = full_report(values, layout=layout)
    found = [d for d in lint(text, full=True) if d.code in TABLE_CODES]
    assert [d.code for d in found] == ["GL401", "GL402", "GL403"]
    assert (found[0].line, found[0].column) == cell_of(text, "一、本年新收", 0, layout)
    assert (found[1].line, found[1].column) == cell_of(text, "（七）总计", 0, layout)
    assert (found[2].line, found[2].column) == cell_of(text, "（七）总计", 6, layout)
    assert found[1].message == ("自然人：（七）总计 140，但 （一）予以公开 60 + （二）部分公开 10 + （三）不予公开各项 2 + "
                                "（四）无法提供各项 55 + （五）不予处理各项 9 + （六）其他处理各项 8 = 144，两者应相等")
    assert "一、本年新收政府信息公开申请数量 147 + 二、上年结转政府信息公开申请数量 3 = 150" in found[0].message


def test_applicant_total_alone(codes):
    values = copy.deepcopy(pingtan_2025_applications())
    values["一"] = [147, 1, 0, 0, 0, 3, 150]  # 总计 should be 151
    values["二"] = [3, 0, 0, 0, 0, 0, 4]  # and 一 + 二 still balances in the 总计 column
    text = full_report(values)
    assert codes(text, *TABLE_CODES) == [("GL403", *cell_of(text, "一、本年新收", 6, "tab")), ("GL403", *cell_of(text, "二、上年结转", 6, "tab"))]


# GL404 review-litigation-total
@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_review_total(lint, layout):
    review = list(REVIEW)
    review[4] = 35
    text = full_report(review=review, layout=layout)
    found = [d for d in lint(text, full=True) if d.code in TABLE_CODES]
    assert [(d.code, d.line, d.column) for d in found] == [("GL404", *position(text, "35"))]  # the 总计 cell
    assert found[0].message == "政府信息公开行政复议、行政诉讼情况：行政复议·结果维持 25 + 行政复议·结果纠正 3 + 行政复议·其他结果 8 + 行政复议·尚未审结 0 = 36，但 行政复议·总计 35，两者应相等"


# GL406 subtotal-mismatch
def test_subtotal_rows_are_accepted_and_checked(codes):
    rows = application_rows(pingtan_2025_applications())
    index = next(i for i, r in enumerate(rows) if "1.本机关不掌握相关政府信息" in r)
    good = rows[:index] + [["", "（四）无法提供", "", "55", "0", "0", "0", "0", "2", "57"]] + rows[index:]
    bad = rows[:index] + [["", "（四）无法提供", "", "56", "0", "0", "0", "0", "2", "57"]] + rows[index:]
    text = full_report().replace(tab(application_rows(pingtan_2025_applications())), tab(good))
    assert codes(text, *TABLE_CODES) == []
    text = full_report().replace(tab(application_rows(pingtan_2025_applications())), tab(bad))
    # the subtotal's 自然人 (56, its items add up to 55), and its 总计 (57, its row adds up to 58)
    assert codes(text, *TABLE_CODES) == [("GL406", *cell_of(text, "（四）无法提供", 0)), ("GL403", *cell_of(text, "（四）无法提供", 6))]


def test_subtotal_column_is_accepted_and_checked(codes):
    rows = application_rows(pingtan_2025_applications())
    with_column = []
    for row in rows:
        if row and row[0] in ("", "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）") and not any(c.isdigit() for c in "".join(row)):
            with_column.append(row)
            continue
        values = row[-7:]
        legal = sum(int(v) for v in values[1:6])
        with_column.append(row[:-7] + values[:1] + [str(legal)] + values[1:])
    text = full_report().replace(tab(application_rows(pingtan_2025_applications())), tab(with_column))
    assert codes(text, *TABLE_CODES) == []
    broken = text.replace("\t147\t4\t1\t", "\t147\t5\t1\t")
    # the subtotal column is a column like the others: 一 + 二 = （七） + 四 holds in it too
    subtotal = cell_of(broken, "一、本年新收", 0)  # 法人或其他组织 5, where its five columns add up to 4
    assert codes(broken, *TABLE_CODES) == [("GL401", *subtotal), ("GL406", *subtotal)]


# GL405 narrative-table-mismatch
@pytest.mark.parametrize(
    "sentence, cell",
    [
        ("全区共收到政府信息公开申请154件，共办结148件，结转至2026年6件。全年办理行政复议36起，行政诉讼9起。", None),
        ("全区共收到政府信息公开申请150件。", "150"),
        ("本年度新收政府信息公开申请154件。", "154"),
        ("共办结147件。", "147"),
        ("全年办理行政复议35起。", "35"),
        ("行政诉讼8起。", "8"),
        ("本年度未收到政府信息公开申请。", "未收到政府信息公开申请"),
    ],
)
def test_prose_against_the_tables(codes, sentence, cell):
    text = full_report(extra_text=sentence)
    line = next(i for i, l in enumerate(text.split("\n"), 1) if sentence in l)
    expected = [] if cell is None else [("GL405", line, text.split("\n")[line - 1].index(sentence) + sentence.index(cell) + 1)]
    found = codes(text, "GL405")
    assert found == expected


# GL303 non-numeric-value
@pytest.mark.parametrize("written", ["12件", "五", "-3", "1.5"])
def test_non_numbers_in_count_columns(codes, written):
    values = copy.deepcopy(pingtan_2025_applications())
    values["三.三.1"][1] = written
    text = full_report(values)
    line, column = cell_of(text, "1.属于国家秘密", 1, "tab")
    assert codes(text, "GL302", "GL303") == [("GL303", line, column)]


def test_signed_and_decimal_columns_of_2019(codes):
    block = ("第二十条第（五）项\t\t\t\n信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n行政许可\t12\t-2\t30\n其他对外管理服务事项\t0\t0\t0\n"
             "第二十条第（九）项\t\t\t\n信息内容\t采购项目数量\t采购总金额（单位：万元，保留4位小数）\t\n政府集中采购\t3\t12.5000\t\n")
    text = wrap_report(block, "二").replace("2025", "2020")
    assert codes(text, "GL302", "GL303", "GL304", "GL305") == []
    broken = text.replace("\t-2\t", "\t-2件\t")
    assert codes(broken, "GL303") == [("GL303", *position(broken, "-2件"))]


# GL304 outdated-template
OLD_BLOCK = "第二十条第（一）项\t\t\t\n信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n规章\t0\t0\t0\n规范性文件\t0\t0\t0\n"


def test_2019_tables_in_a_later_report(lint):
    text = full_report().replace(zero_tables()["二"].split("第二十条第（五）项")[0], OLD_BLOCK)
    found = [d for d in lint(text, full=True) if d.code == "GL304"]
    assert [(d.line, d.column, d.severity.value) for d in found] == [(position(text, "第二十条第（一）项")[0], 1, "error")]
    assert "国办公开办函〔2021〕30号" in found[0].message


def test_2021_tables_in_a_2020_report_are_a_warning(lint):
    text = full_report().replace("2025年", "2020年")
    found = [(d.line, d.column, d.severity.value) for d in lint(text, full=True) if d.code == "GL304"]
    # every table whose 2021 form differs from 2019's: 二's four blocks and table 三 (（六） in three rows)
    tables = ["第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项", "（本列数据的勾稽关系为"]
    assert found == [(position(text, table)[0], 1, "warning") for table in tables]


def test_2019_tables_in_a_2020_report_are_right(codes):
    from conftest import seed_text

    assert codes(seed_text("001"), "GL304", "GL305") == []


# GL305 template-label-mismatch
def test_deviating_column_label(codes):
    text = full_report().replace("本年制发件数", "本年制作数量", 1)
    assert codes(text, "GL304", "GL305") == [("GL305", *position(text, "本年制作数量"))]


def test_accepted_variants_and_broken_labels_are_not_deviations(codes):
    from conftest import seed_text

    for number in ("000", "001", "002", "003", "004"):
        assert codes(seed_text(number), "GL305") == []


def test_an_extra_row(codes):
    text = full_report().replace("规章\t0\t0\t0\n", "规章\t0\t0\t0\n其他主动公开文件\t56\t45\t3\n")
    assert codes(text, "GL305") == [("GL305", *position(text, "其他主动公开文件"))]


# GL306 missing-table
def test_bare_section_headings(codes):
    text = wrap_report("", "二")
    assert codes(text, "GL306") == [("GL306", position(text, "二、")[0], 1), ("GL306", position(text, "三、")[0], 1), ("GL306", position(text, "四、")[0], 1)]


def test_a_missing_block_of_section_two(lint):
    text = full_report().replace("第二十条第（八）项\t\n信息内容\t本年收费金额（单位：万元）\n行政事业性收费\t0\n", "")
    found = [d for d in lint(text, full=True) if d.code == "GL306"]
    assert [(d.line, d.message) for d in found] == [(position(text, "二、")[0], "第二部分缺少“第二十条第（八）项”表")]


# GL307 unseparated-table-cells
def test_flattened_real_report(codes):
    from conftest import CORPUS

    text = (CORPUS / "007_pingtan_2025.txt").read_text(encoding="utf-8")
    found = codes(text, *TABLE_CODES)
    assert found == [("GL307", 10, 1282), ("GL307", 10, 1504), ("GL307", 10, 2171)]


def test_words_about_numbers_are_not_a_flattened_table(codes):
    text = wrap_report("本年度主动公开信息总计130条。", "二")
    assert codes(text, "GL306", "GL307") == [("GL306", position(text, heading)[0], 1) for heading in ("二、", "三、", "四、")]


# Tables whose cells ran together: read back only where the row identities allow one split
def test_recovered_table_catches_the_real_2020_defect(lint):
    from conftest import CORPUS

    text = (CORPUS / "005_pingtan_2020.txt").read_text(encoding="utf-8")
    found = [d for d in lint(text, full=True) if d.code.startswith("GL4")]
    assert [(d.code, d.line, d.column) for d in found] == [("GL402", 10, 5412), ("GL402", 10, 5423)]
    assert found[0].message.startswith("自然人：（七）总计 20，但 （一）予以公开 6 + （二）部分公开 6")
    assert found[0].message.endswith("= 26，两者应相等（表格数字连写，按唯一可行的拆分读取）")


def test_recovered_values_of_the_2025_review_table(linter):
    from conftest import CORPUS

    from govlint.model.report import Report
    from govlint.read.source import read_path

    report = Report(read_path(CORPUS / "007_pingtan_2025.txt"), linter.formats)
    review = report.review_litigation
    assert review.recovered
    assert [c.value for c in review.rows[0].cells] == [25, 3, 8, 0, 36, 3, 3, 0, 0, 6, 3, 0, 0, 0, 3]
    applications = report.applications
    assert applications.recovered
    assert [c.value for c in applications.row("一").cells] == [151, 3, 0, 0, 0, 0, 154]
    # “330000033” reads as 33 … 33 or as 3, 30 … 33: that row stays unread.
    assert applications.row("三.一").cells == [] and applications.row("三.一").problem == "unreadable"


def _split_row(linter, digits: str, table: str = "四"):
    from govlint.model.recovery import _split

    format = linter.formats[0]
    spec = format.table(table)
    cells = _split(digits, 0, len(digits), spec, spec.rows[0])
    return None if cells is None else [digits[a:b] for a, b in cells]


def test_recovery_never_guesses(linter):
    # 四: three groups of 维持 + 纠正 + 其他 + 尚未审结 = 总计. Zeros stand alone (no leading zeros).
    assert _split_row(linter, "000000000000000") == ["0"] * 15
    assert _split_row(linter, "1001200000101") is None  # too few digits for 15 counts: unread, not guessed
    assert _split_row(linter, "21003" + "0" * 10) == ["2", "1", "0", "0", "3"] + ["0"] * 10
    assert _split_row(linter, "10102" + "0" * 10) == ["1", "0", "1", "0", "2"] + ["0"] * 10
    # 三: six applicant columns and their 总计. "2000002" has one reading; "1100000011" has two that
    # balance (11 … 11 and 1, 10 … 11), so the row stays unread.
    assert _split_row(linter, "2000002", "三") == ["2", "0", "0", "0", "0", "0", "2"]
    assert _split_row(linter, "1100000011", "三") is None
    assert _split_row(linter, "11 0 0 0 0 0 11", "三") == ["11", "0", "0", "0", "0", "0", "11"]  # spaces decide


def test_recovery_is_bounded_on_long_digit_runs(linter):
    """A run of run-together digits far longer than any real row is cut with a bounded search: each
    extra digit used to double the work (32 digits: 0.3 s; a 395-byte report exhausted 24 GB)."""
    for length in (15, 32, 45, 60, 90):
        assert _split_row(linter, "1" * length) is None  # no balanced reading: read as nothing, quickly
    three = [c for c in "123456" * 10][:40]
    assert _split_row(linter, "".join(three), "三") is None


# The same rules in every layout the parser reads
@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_non_numeric_value_in_every_layout(codes, layout):
    values = copy.deepcopy(pingtan_2025_applications())
    values["三.三.4"][0] = "2件"
    text = full_report(values, layout=layout)
    assert codes(text, *TABLE_CODES) == [("GL303", *cell_of(text, "4.保护第三方合法权益", 0))]
    values["三.三.4"][0] = 2
    assert codes(full_report(values, layout=layout), *TABLE_CODES) == []


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_deviating_row_label_in_every_layout(lint, layout):
    text = full_report(layout=layout).replace("4.保护第三方合法权益", "4.涉及第三方合法权益", 1)
    found = [d for d in lint(text, full=True) if d.code in TABLE_CODES]
    assert [(d.code, d.line, d.column) for d in found] == [("GL305", *position(text, "4.涉及第三方合法权益"))]
    assert found[0].message == "行名“涉及第三方合法权益”与格式不符，应为“保护第三方合法权益”"


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_subtotal_row_in_every_layout(codes, layout):
    def with_subtotal(first):
        rows = application_rows(pingtan_2025_applications())
        index = next(i for i, r in enumerate(rows) if "1.本机关不掌握相关政府信息" in r)
        return rows[:index] + [["", "（四）无法提供", "", str(first), "0", "0", "0", "0", "2", "57"]] + rows[index:]

    base = full_report(layout=layout)
    good = base.replace(LAYOUTS[layout](application_rows(pingtan_2025_applications())), LAYOUTS[layout](with_subtotal(55)))
    bad = base.replace(LAYOUTS[layout](application_rows(pingtan_2025_applications())), LAYOUTS[layout](with_subtotal(54)))
    assert codes(good, *TABLE_CODES) == []
    assert codes(bad, *TABLE_CODES) == [("GL406", *cell_of(bad, "（四）无法提供", 0)), ("GL403", *cell_of(bad, "（四）无法提供", 6))]
