"""The report model: title and year, the six sections, the statistics period, the signature."""

import pytest
from conftest import CORPUS, seed

from govlint.base.spans import Span
from govlint.model.report import Report
from govlint.read.source import decode, read_path


@pytest.fixture
def report(linter):
    def make(text_or_path):
        source = read_path(text_or_path) if not isinstance(text_or_path, str) else decode(text_or_path.encode(), "r.md")
        return Report(source, linter.formats)

    return make


@pytest.mark.parametrize(
    "number, text, span, year, body",
    [
        ("000", "政务服务局 2023 年政府信息公开工作年度报告", Span(3, 1, 3, 27), 2023, "政务服务局"),
        ("002", "赣县区行政审批局 2023 年政府信息公开 工作年度报告", Span(3, 1, 3, 29), 2023, "赣县区行政审批局"),
        ("003", "乌拉特前旗政务服务局2023年政府信息公开工作年度报告", Span(1, 1, 2, 13), 2023, "乌拉特前旗政务服务局"),
        ("004", "临淄区行政审批服务局2023年政府信息公开工作年度报告", Span(2, 1, 3, 18), 2023, "临淄区行政审批服务局"),
    ],
)
def test_titles_over_one_or_two_lines(report, number, text, span, year, body):
    title = report(seed(number)).title
    assert (title.text, title.span, title.year, title.body) == (text, span, year, body)


def test_archived_page_title(report):
    title = report(CORPUS / "007_pingtan_2025.txt").title
    assert (title.text, title.year) == ("平潭综合实验区2025年度政府信息公开工作年度报告", 2025)


@pytest.mark.parametrize(
    "number, lines",
    [
        ("000", [5, 19, 36, 67, 74, 80]),
        ("002", [7, 19, 37, 72, 79, 85]),
        ("003", [4, 11, 58, 348, 405, 409]),
        ("004", [6, 13, 59, 345, 390, 397]),
    ],
)
def test_six_sections_in_every_numbering_style(report, number, lines):
    sections = report(seed(number)).sections
    assert list(sections) == ["一", "二", "三", "四", "五", "六"]
    assert [s.span.line for s in sections.values()] == lines


def test_sections_inside_flattened_web_text(report):
    sections = report(CORPUS / "002_pingtan_2023.txt").sections
    assert list(sections) == ["一", "二", "三", "四", "五", "六"]
    assert all(s.inline and s.span.line == 10 for s in sections.values())
    assert sections["四"].text == "政府信息公开行政复议、行政诉讼情况"


def test_heading_variants():
    from govlint import lint_text

    text = (
        "某局2023年政府信息公开工作年度报告\n统计期限为2023年1月1日至12月31日。\n一、总体情况\n"
        "二、行政机关主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n"
        "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况\n五、政府信息公开工作存在的主要问题及改进情况\n"
        "六、其他需要报告的事项\n本年度未收取信息处理费。\n"
    )
    assert [d.code for d in lint_text(text) if d.code == "GL101"] == []


@pytest.mark.parametrize(
    "sentence, start, end",
    [
        ("本年度报告中所列数据的统计期限自 2023 年 1 月 1 日起至 2023 年 12 月 31 日止。", (2023, 1, 1), (2023, 12, 31)),
        ("统计期限为2024年1月1日至12月31日。", (2024, 1, 1), (2024, 12, 31)),
        ("本报告所列统计数据的期限自20241月1 日至202412月31日止。", None, None),
        ("统计时间：二〇二三年一月一日至二〇二三年十二月三十一日。", (2023, 1, 1), (2023, 12, 31)),
        ("本报告所列数据时间为2023年1月1日至2023年12月31日。", (2023, 1, 1), (2023, 12, 31)),
    ],
)
def test_statistics_period_dates(report, sentence, start, end):
    period = report(f"某局2023年政府信息公开工作年度报告\n{sentence}\n").statistics_period
    assert period is not None and period.span.line == 2
    if start is None:  # the dates lost their 年: GL202 reads the period as incomplete
        assert period.start is None or period.start.year is None
        return
    assert (period.start.year, period.start.month, period.start.day) == start
    assert (period.end.year, period.end.month, period.end.day) == end


def test_signature_date(report):
    signature = report(seed("003")).signature
    assert (signature.span, signature.date.year, signature.date.month, signature.date.day) == (Span(415, 1, 415, 11), 2024, 1, 10)
    assert report(seed("000")).signature is None


def test_signature_lines(report):
    """The date is not body text; nor, for a section's content, is the body's name above it."""
    r = report(seed("003"))
    assert r.signature_lines == {415} and r.signature_block == {414, 415}
    assert "乌拉特前旗政务服务局" in r.lines[413]
    assert report(seed("000")).signature_lines == report(seed("000")).signature_block == frozenset()
    text = "某局2023年政府信息公开工作年度报告\n六、其他需要报告的事项\n本年度未收取信息处理费，这是一句完整的话。\n2024年1月10日\n"
    assert report(text).signature_block == {4}  # a sentence above the date is not the body's name


def test_sections_and_tables_by_role(report):
    r = report(seed("003"))
    assert [r.section_key(role) for role in ("overview", "proactive", "applications", "review", "problems", "other")] == list("一二三四五六")
    assert [(s.ordinal, s.number) for s in r.section_specs] == [(i, n) for i, n in enumerate("一二三四五六", 1)]
    assert r.applications is r.table_in_role("applications") is r.table("三")
    assert r.review_litigation is r.table_in_role("review") is r.table("四")
    assert r.table_in_role("nothing") is None


def test_standard_tables_are_matched_to_the_format(report):
    r = report(seed("003"))
    assert [t.key for t in r.standard_tables] == ["二.一", "二.五", "二.六", "二.八", "三", "四"]
    assert {t.format.key for t in r.standard_tables} == {"2021"}
    cell = r.applications.cell("三.七", "自然人")
    assert (cell.value, cell.span) == (0, Span(328, 2, 328, 3))
    assert [row.key for row in r.applications.rows][:5] == ["一", "二", "三.一", "三.二", "三.三.1"]


def test_2019_tables_of_a_2020_report(report):
    r = report(seed("001"))
    assert [t.key for t in r.standard_tables] == ["二.一", "二.五", "二.六", "二.八", "二.九", "三", "四"]
    assert {t.format.key for t in r.standard_tables} == {"2019"}
    assert r.applications.row("三.六") is not None and r.applications.row("三.六.1") is None


def test_broken_labels_are_joined(report):
    r = report(seed("002"))
    keys = [row.key for row in r.applications.rows]
    assert keys == ["一", "二", "三.一", "三.二"] + [f"三.三.{i}" for i in range(1, 9)] + [f"三.四.{i}" for i in range(1, 4)] + [
        f"三.五.{i}" for i in range(1, 6)] + ["三.六.1", "三.六.2", "三.六.3", "三.七", "四"]
