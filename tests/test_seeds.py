"""The acceptance of the core issue: the five seed reports produce exactly these findings."""

import pytest
from conftest import seed, seed_text

EXPECTED = {
    "000": [("GL201", 3, 1), ("GL103", 36, 1), ("GL103", 67, 1), ("GL103", 74, 1), ("GL103", 80, 1)],
    "001": [("GL201", 3, 1), ("GL602", 11, 12), ("GL602", 12, 12), ("GL602", 13, 15), ("GL602", 14, 24), ("GL602", 15, 19),
            ("GL103", 67, 1), ("GL301", 72, 1), ("GL103", 74, 1), ("GL103", 78, 1), ("GL501", 78, 1)],
    "002": [("GL302", 77, 1)],
    "003": [("GL103", 4, 1), ("GL503", 6, 1), ("GL103", 405, 1), ("GL103", 406, 1)],
    "004": [("GL103", 6, 1)],
}
# Seed 001 also has 64 half-width commas, colons and semicolons between Chinese characters (GL601),
# on these lines; they are tested apart so the list above stays readable.
HALFWIDTH_001 = {7: 7, 11: 4, 12: 7, 13: 12, 14: 8, 15: 19, 76: 7}
CORE_CODES = {"GL101", "GL201", "GL202", "GL203", "GL301", "GL302", "GL501", "GL900", "GL902"}


@pytest.mark.parametrize("number", sorted(EXPECTED))
def test_seed_findings(lint, number):
    """Every rule runs: the seeds' tables are all zeros, consistent, and in their year's format."""
    found = [t for t in lint(seed_text(number), path=seed(number).name) if t[0] != "GL601"]
    assert found == EXPECTED[number]


def test_seed_001_halfwidth_punctuation(lint):
    found = [t for t in lint(seed_text("001")) if t[0] == "GL601"]
    per_line = {}
    for _, line, _ in found:
        per_line[line] = per_line.get(line, 0) + 1
    assert per_line == HALFWIDTH_001
    for other in ("000", "002", "003", "004"):
        assert [t for t in lint(seed_text(other)) if t[0] == "GL601"] == []


def test_seed_002_blank_review_cells_are_named(lint):
    (diagnostic,) = [d for d in lint(seed_text("002"), full=True) if d.code == "GL302"]
    assert (diagnostic.line, diagnostic.column, diagnostic.end_line, diagnostic.end_column) == (77, 1, 77, 5)
    assert "行政复议·结果维持" in diagnostic.message and "行政复议·总计" in diagnostic.message
    assert "行政诉讼" not in diagnostic.message.split("：", 1)[1]


def test_seed_001_extra_review_value_is_the_finding(lint):
    (diagnostic,) = [d for d in lint(seed_text("001"), full=True) if d.code == "GL301"]
    assert "16个数值单元格" in diagnostic.message and "15个数值列" in diagnostic.message


# Each seed with its defect removed is clean; a clean seed with a defect injected is not.
def test_000_with_a_statistics_period_is_clean(codes):
    text = seed_text("000").replace("## 一、总体情况", "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。\n\n## 一、总体情况")
    assert codes(text, *CORE_CODES) == []


def test_001_repaired_is_clean(codes):
    lines = seed_text("001").split("\n")
    lines[71] = "\t".join(["0"] * 15)
    lines[79] = "2020年我局未收取信息处理费，无其他需要报告的事项。"
    lines[6] = "本报告所列数据统计期限为2020年1月1日至2020年12月31日。" + lines[6]
    assert codes("\n".join(lines), *CORE_CODES) == []


def test_002_with_zeros_in_the_review_row_is_clean(codes):
    lines = seed_text("002").split("\n")
    lines[76] = "\t".join(["0"] * 15)
    assert codes("\n".join(lines), *CORE_CODES) == []


def test_003_without_section_six_misses_it_and_the_fee(codes):
    lines = seed_text("003").split("\n")
    text = "\n".join(lines[:408] + lines[411:])
    assert codes(text, *CORE_CODES) == [("GL101", 1, 1), ("GL501", 1, 1)]


def test_004_with_last_years_opening_is_a_year_mismatch(codes):
    text = seed_text("004").replace("（二）依申请公开工作情况。2023年我局", "（二）依申请公开工作情况。2022年我局")
    assert codes(text, *CORE_CODES) == [("GL203", 9, 14)]
