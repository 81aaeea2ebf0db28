"""GL101, GL201, GL202, GL203, GL501: a failing and a passing case each, and the real reports."""

import pytest
from conftest import CORPUS
from tables_text import zero_tables

TABLES = zero_tables()

HEAD = "某区政务服务局2023年政府信息公开工作年度报告"
PERIOD = "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。"
SECTIONS = [
    "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
]
FEE = "本年度未收取信息处理费。"


def report(*, title=HEAD, period=PERIOD, sections=SECTIONS, fee=FEE, body=None):
    lines = [title, period]
    for heading in sections:
        lines.append(heading)
        number = heading.lstrip("#").strip()[0]
        lines.append((body or {}).get(number, TABLES.get(number, "2023年，本机关按要求开展相关工作。")))
    lines.append(fee)
    return "\n".join(line for line in lines if line is not None) + "\n"


def test_a_complete_report_is_clean(lint):
    assert lint(report()) == []


# GL101 missing-section
def test_missing_sections_are_each_reported_at_the_title(codes):
    text = report(sections=[s for s in SECTIONS if s[0] not in "四六"])
    assert codes(text, "GL101") == [("GL101", 1, 1), ("GL101", 1, 1)]


def test_missing_section_messages_name_the_section(lint):
    messages = [d.message for d in lint(report(sections=SECTIONS[:5]), full=True) if d.code == "GL101"]
    assert messages == ["缺少第六部分“六、其他需要报告的事项”"]


def test_sections_in_arabic_and_markdown_numbering_count(codes):
    sections = ["## 1、总体情况", "## 2、主动公开政府信息情况", "### 三、收到和处理政府信息公开申请情况",
                "四、政府信息公开行政复议、行政诉讼情况", "#### 五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
    assert codes(report(sections=sections), "GL101") == []


def test_reports_before_2019_are_not_held_to_the_six_sections(codes):
    text = report(title="某县2016年政府信息公开工作年度报告", period="统计期限为2016年1月1日至12月31日。", sections=SECTIONS[:2])
    assert codes(text, "GL101", "GL501") == []


# GL201 missing-statistics-period
def test_no_period_statement(codes):
    assert codes(report(period=None), "GL201") == [("GL201", 1, 1)]


def test_period_keywords(codes):
    for sentence in ("统计时限为2023年1月1日至2023年12月31日。", "数据统计周期：2023年1月1日—2023年12月31日。"):
        assert codes(report(period=sentence), "GL201", "GL202") == []


def test_real_report_without_period():
    from govlint import lint_text

    text = (CORPUS / "037_zhoushan_weijianwei_2024.txt").read_text(encoding="utf-8")
    assert [d.code for d in lint_text(text) if d.code == "GL201"] == []


# GL202 statistics-period-mismatch
@pytest.mark.parametrize(
    "sentence, column",
    [
        ("本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。", 7),
        ("统计期限为2023年1月1日至2023年11月30日。", 1),
        ("统计期限为2023年2月1日至2023年12月31日。", 1),
        ("统计期限为2023年1月1日至2024年12月31日。", 1),
        ("本报告所列数据的统计期限自至。", 6),
    ],
)
def test_period_not_the_report_year(codes, sentence, column):
    assert codes(report(period=sentence), "GL202", "GL203") == [("GL202", 2, column)]


def test_period_without_end_year_is_the_whole_year(codes):
    assert codes(report(period="统计期限为2023年1月1日至12月31日。"), "GL202") == []


def test_real_report_with_an_empty_period(lint):
    diagnostics = [d for d in lint((CORPUS / "015_pingtanxian_2013.txt").read_text(encoding="utf-8"), full=True) if d.code == "GL202"]
    assert [(d.line, d.column) for d in diagnostics] == [(10, 200)]
    assert "统计期限自至" in diagnostics[0].message


def test_real_report_with_corrupted_period_dates(codes):
    text = (CORPUS / "035_changchun_weijianwei_2024.txt").read_text(encoding="utf-8")
    assert codes(text, "GL201", "GL202") == [("GL202", 7, 161)]


# GL203 year-mismatch
def test_last_years_opening(codes):
    text = report(body={"一": "（二）依申请公开情况。2022年，本机关收到申请3件。"})
    assert codes(text, "GL203") == [("GL203", 4, 12)]


def test_plans_and_signature_in_the_next_year_are_not_mismatches(codes):
    text = report(body={"五": "2024年，我局将进一步规范公开流程。"}) + "某区政务服务局\n2024年1月10日\n"
    assert codes(text, "GL203") == []


def test_heading_with_another_year(codes):
    text = report(body={"一": "## 2022年工作情况"})
    assert codes(text, "GL203") == [("GL203", 4, 4)]


def test_real_report_copied_last_years_paragraph(codes):
    text = (CORPUS / "005_pishan_tongjiju_2023.txt").read_text(encoding="utf-8")
    assert codes(text, "GL203") == [("GL203", 5, 16)]


def test_real_report_naming_itself_with_the_wrong_year(codes):
    text = (CORPUS / "025_zoucheng_tianhuang_zhen_2021.txt").read_text(encoding="utf-8")
    assert codes(text, "GL203") == [("GL203", 1, 67)]


# GL501 absent-fee-statement
def line_of(text, start):
    return next(i for i, line in enumerate(text.split("\n"), 1) if line.startswith(start))


def test_no_fee_statement_points_at_section_six(codes):
    text = report(fee=None)
    assert codes(text, "GL501") == [("GL501", line_of(text, "六、"), 1)]


@pytest.mark.parametrize("statement", ["2023年，无收取信息处理情况。", "我局今年未产生政府信息公开收费情况。", "本年度未收取任何信息处理费。", "收取信息处理费0元。"])
def test_fee_statement_wordings(codes, statement):
    assert codes(report(fee=statement), "GL501") == []


def test_administrative_fees_are_not_a_fee_statement(codes):
    text = report(fee="行政事业性收费本年收费金额0万元。")
    assert codes(text, "GL501") == [("GL501", line_of(text, "六、"), 1)]


def test_real_report_without_fee_statement(codes):
    text = (CORPUS / "005_pingtan_2020.txt").read_text(encoding="utf-8")
    assert codes(text, "GL501") == [("GL501", 10, 5902)]
