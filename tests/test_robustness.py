"""No input makes a rule raise: report-shaped random text never yields GL900/GL902."""

from conftest import seed_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PIECES = ["\n", "\t", " ", "\u3000", "|", "---", "#", "## ", "- ", "**", "一、", "二、", "（一）", "(二)", "1.", "2、", "（1）",
          "0", "7", "12", "2023年", "1月1日", "12月31日", "2月30日", "统计期限", "自", "至", "止", "。", "，", ",", ":", "“", "”",
          "《", "》", "总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "政府信息公开行政复议、行政诉讼情况",
          "存在的主要问题及改进情况", "其他需要报告的事项", "第二十条第（一）项", "信息内容", "本年制发件数", "规章", "自然人",
          "总计", "本年新收政府信息公开申请数量", "（七）总计", "结转下年度继续办理", "行政复议", "结果维持", "尚未审结",
          "一是", "三是", "的的", "<!-- govlint-disable GL601 -->", "<!-- govlint-disable-line -->", "[bookmark: _GoBack]",
          "信息处理费", "—", "/", "无", "人民政府", "2024年1月10日", "==== 正文 ====", "标题: 某局2023年政府信息公开工作年度报告"]

report_text = st.lists(st.sampled_from(PIECES), min_size=1, max_size=400).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=report_text)
def test_random_report_shaped_text(lint, text):
    if not text.strip():
        return
    crashed = [d for d in lint(text, full=True) if d.code in ("GL900", "GL902")]
    assert crashed == [], crashed[0].message


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(1, 400), drop=st.integers(0, 60), number=st.sampled_from(["000", "001", "002", "003", "004"]))
def test_damaged_seeds(lint, cut, drop, number):
    """Seeds with lines missing at random: tables lose rows, sections lose headings."""
    lines = seed_text(number).split("\n")
    damaged = "\n".join(lines[:cut] + lines[cut + drop:])
    if not damaged.strip():
        return
    crashed = [d for d in lint(damaged, full=True) if d.code in ("GL900", "GL902")]
    assert crashed == [], crashed[0].message


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(number=st.sampled_from(["000", "001", "002", "003", "004"]), width=st.integers(20, 60), every=st.integers(6, 60))
def test_wrapped_and_page_numbered_seeds_give_the_same_findings(lint, number, width, every):
    """Issue 11: a seed pasted out of a PDF viewer — running text hard-wrapped every `width` characters,
    “- N -” between pages, inside paragraphs and tables — gives the findings of the clean seed, at the
    mapped lines and columns, and one GL503 for all its page numbers."""
    from messy_variants import found, mapped, pdf_paste

    clean = seed_text(number)
    messy, moves = pdf_paste(clean, width, every)
    after = found(lint(messy, full=True))
    pages = [d for d in after if d[1] == "GL503.9"]
    starts = lambda items: sorted((code, message_id, span[0], span[1]) for code, message_id, span in items)  # noqa: E731
    assert starts([d for d in after if d[1] != "GL503.9"]) == starts(mapped(lint(clean, full=True), moves))
    assert [(d[2][0], d[2][1]) for d in pages] == [(moves.pages[0], 1)]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(number=st.sampled_from(["000", "001", "003", "004"]), width=st.integers(20, 60), every=st.integers(6, 60),
       cell_width=st.integers(6, 30))
def test_seeds_copied_from_a_pdf_viewer_give_the_same_findings(lint, number, width, every, cell_width):
    """Issue 11: a seed as a PDF viewer copies it — tables one cell per line (long labels wrapped in their
    cells), a running header after each “- N -” — reads every table and gives the clean seed's findings at
    the mapped places. (Seed 002 leaves cells blank, which a PDF copy cannot show: tests/test_messy_text.py.)"""
    from messy_variants import found, mapped, pdf_viewer_copy

    clean = seed_text(number)
    messy, moves = pdf_viewer_copy(clean, width, every, cell_width)
    after = found(lint(messy, full=True))
    starts = lambda items: sorted((code, message_id, span[0], span[1]) for code, message_id, span in items)  # noqa: E731
    assert starts([d for d in after if d[1] != "GL503.9"]) == starts(mapped(lint(clean, full=True), moves))
