"""Real text as it comes out of PDFs, OCR and converters (issue 11): page numbers inside paragraphs and
tables, hard-wrapped lines, tables cut short, subsections titled like sections.

The messy variants are made from the seeds and the rule-case bases by tests/messy_variants.py the way
users make them (copy from a PDF viewer: a wrap every ~36 characters, “- 3 -” between the pages);
three are committed under tests/fixtures/messy/. The property throughout: the messy text gives the
findings of the clean one, at the original lines and columns of the messy file, plus one GL503 for
the page numbers.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import FIXTURES, seed_text
from messy_variants import found, mapped, ocr_markdown, pdf_paste, pdf_viewer_copy

from govlint import lint_text
from govlint.model.formats import load_formats
from govlint.model.report import Report, TextParagraph
from govlint.read.normalise import is_text_page_number, normalise_text
from govlint.read.source import decode
from govlint.base.spans import Span

BASES = Path(__file__).parent / "rules" / "_bases"
MESSY = FIXTURES / "messy"
PINGTAN = (BASES / "pingtan-2025.md").read_text(encoding="utf-8")


def report(text: str) -> Report:
    return Report(decode(text.encode("utf-8"), "report.md"), load_formats())


def starts(diagnostics) -> list[tuple]:
    """(code, message id, line, column): where each finding starts."""
    return sorted((code, message_id, span[0], span[1]) for code, message_id, span in diagnostics)


def page_findings(diagnostics) -> list[tuple]:
    return [d for d in diagnostics if d[0] == "GL503" and d[1] == "GL503.9"]


def without_pages(diagnostics) -> list[tuple]:
    return [d for d in diagnostics if not (d[0] == "GL503" and d[1] == "GL503.9")]


# ---- the normalisation stage (govlint/read/normalise.py) -------------------------------------------


@pytest.mark.parametrize("line", ["-3-", "- 3 -", "— 3 —", "－12－", "第3页", "第 3 页 共 8 页", "3/8", "Page 3", "  - 3 -  "])
def test_decorated_page_numbers_are_page_numbers(line):
    assert is_text_page_number(line)


@pytest.mark.parametrize("line", ["3", "2023", "\t3", "3\t4", "| 3 |", "- 3", "第三部分", "共3件", "1/2\t3"])
def test_cells_and_text_are_not_page_numbers(line):
    # A bare number on a line of its own may be a table cell written one per line; a Markdown bullet
    # “- 3” is an item.
    assert not is_text_page_number(line)


def test_page_number_lines_are_blanked_and_kept_in_the_map():
    normalised = normalise_text("第一段\n- 3 -\n第二段\n\t1\t2\n第4页\n")
    assert normalised.text == "第一段\n\n第二段\n\t1\t2\n\n"  # same lines: every position stays the file's
    assert normalised.page_lines == ((2, "- 3 -"), (5, "第4页"))
    assert normalise_text("没有页码\n").page_lines == ()


def test_the_source_keeps_the_original_text():
    source = decode("正文\n- 2 -\n".encode("utf-8"), "x.txt")
    assert source.text == "正文\n- 2 -\n" and source.normalised.text == "正文\n\n"


# ---- logical paragraphs and their map back to the file --------------------------------------------


def test_a_paragraph_maps_offsets_back_to_lines_and_columns():
    paragraph = TextParagraph("根据《中华人民共和国政府信息公开条例》", ((0, 5, 0), (3, 6, 2)))
    assert paragraph.locate(0) == (5, 0) and paragraph.locate(3) == (6, 2)
    assert paragraph.span(2, 4) == Span(5, 3, 6, 4)  # “《中” runs over the wrap
    assert paragraph.span(3, 3) == Span(6, 3, 6, 3)


def test_wrapped_lines_are_one_paragraph_and_a_page_number_does_not_split_it():
    text = PINGTAN.replace("本报告根据《中华人民共和国", "本报告根据《中华人民\n- 2 -\n共和国", 1)
    model = report(text)
    paragraph = next(p for p in model.paragraphs if "本报告根据" in p.text)
    assert "本报告根据《中华人民共和国政府信息公开条例》" in paragraph.text
    assert paragraph.lines == (3, 5)
    assert model.page_lines == [(4, "- 2 -")]
    assert not [p for p in model.prose if p.line == 4]  # the page number is no text of the report


def test_sentences_and_headings_end_paragraphs():
    model = report(PINGTAN)
    overview = next(p for p in model.paragraphs if p.text.startswith("（一）主动公开方面"))
    assert len(overview.lines) == 1
    assert not any("二、主动公开政府信息情况" in p.text and len(p.lines) > 1 for p in model.paragraphs)


# ---- rules on paragraphs, positions in the original file -------------------------------------------


def test_pairs_split_by_a_wrap_or_a_page_number_are_pairs():
    text = PINGTAN.replace("本报告根据《中华人民共和国", "本报告根据《中华人民\n- 2 -\n共和国", 1)
    text = text.replace("严格执行《中华人民共和国", "严格执行《中华\n人民共和国", 1)
    assert [d for d in lint_text(text) if d.code == "GL602"] == []


def test_an_unclosed_mark_in_a_wrapped_paragraph_is_reported_at_its_line():
    text = PINGTAN.replace("本报告根据《中华人民共和国政府信息公开条例》", "本报告根据《中华人民\n共和国政府信息公开条例", 1)
    [finding] = [d for d in lint_text(text) if d.code == "GL602"]
    assert (finding.line, finding.column) == (3, 6)  # the 《 on the first of the two lines


def test_a_statistics_period_split_by_a_wrap_is_read_whole():
    clean = report(PINGTAN).statistics_period
    assert clean is not None and clean.start.year == 2025
    sentence = clean.text
    cut = sentence.index("至")
    text = PINGTAN.replace(sentence, sentence[:cut] + "\n- 2 -\n" + sentence[cut:], 1)
    period = report(text).statistics_period
    assert (period.start.month, period.start.day, period.end.month, period.end.day) == (1, 1, 12, 31)
    assert period.end.span.line == clean.span.line + 2  # the end date is on the line after the page number
    assert not [d for d in lint_text(text) if d.code in ("GL201", "GL202")]


def test_enumeration_split_by_a_wrap():
    # “统\n一是” is 统一是 (no enumeration), wherever the wrap falls; “三\n是” is 三是.
    sentence = "本年度发布口径统一是重点，一是加强培训，二是完善制度。"
    clean = PINGTAN.replace("2025年，无收取信息处理费情况。", sentence + "无收取信息处理费情况。")
    wrapped = clean.replace("口径统一是", "口径统\n一是")
    assert [d for d in lint_text(clean) if d.code == "GL104"] == []
    assert [d for d in lint_text(wrapped) if d.code == "GL104"] == []
    skipped = clean.replace("二是完善", "三\n是完善")
    [finding] = [d for d in lint_text(skipped) if d.code == "GL104"]
    line = skipped.split("\n").index(next(l for l in skipped.split("\n") if l.endswith("，三"))) + 1
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (line, len(skipped.split("\n")[line - 1]), line + 1, 2)
    assert finding.message_id == "GL104.skipped"


def test_a_pattern_split_by_a_wrap_is_found_once_at_its_start():
    text = PINGTAN.replace("2025年，无收取信息处理费情况。", "2025年，本机关均已按\n时办结全部申请。无收取信息处理费情况。")
    findings = [d for d in lint_text(text) if d.code == "GL504"]
    assert [(d.line, d.end_line) for d in findings] == [(82, 83)]


# ---- tables across page numbers, captions, never silent -------------------------------------------


def test_a_table_continued_across_a_page_number_is_one_table_and_its_identities_are_checked():
    lines = PINGTAN.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("\t\t5.属于三类内部事务信息"))
    broken = lines[:at] + ["", "- 3 -", ""] + lines[at:]
    text = "\n".join(broken).replace("（七）总计\t147\t1", "（七）总计\t146\t1")
    model = report(text)
    assert len(model.applications.rows) == len(report(PINGTAN).applications.rows)
    codes = [(d.code, d.line) for d in lint_text(text)]
    assert ("GL503", at + 2) in codes and not [c for c in codes if c[0] in ("GL306", "GL308")]
    assert any(code in ("GL401", "GL402") for code, _ in codes)  # the wrong total after the break is found


def test_a_caption_cut_from_its_table_by_a_page_number_stays_its_caption():
    text = PINGTAN.replace("第二十条第（五）项\n", "第二十条第（五）项\n\n- 2 -\n\n", 1)
    assert [d.code for d in lint_text(text)] == ["GL503"]


def test_a_table_cut_short_says_what_was_not_checked():
    lines = PINGTAN.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("\t\t5.属于三类内部事务信息"))
    text = "\n".join(lines[:at] + ["（转下页）", ""] + lines[at:])
    [finding] = [d for d in lint_text(text) if d.code == "GL308"]
    assert finding.severity.value == "warning" and finding.line == 38
    assert "“（三）5.属于三类内部事务信息”" in finding.message and "等17行未读到" in finding.message
    assert f"被第{at + 1}行“（转下页）”截断" in finding.message
    assert "“一、本年新收政府信息公开申请数量 + 二、上年结转政府信息公开申请数量 = （七）总计 + 四、结转下年度继续办理”" in finding.message
    assert not [d for d in lint_text(text) if d.code == "GL306"]  # the table is there: not “missing”


def test_prose_counts_with_units_are_not_a_flattened_table():
    text = PINGTAN.replace("第二十条第（五）项\n信息内容\t本年处理决定数量\n行政许可\t2418\n", "全年作出行政许可2418件。\n", 1)
    codes = [d.code for d in lint_text(text)]
    assert "GL307" not in codes and "GL306" in codes


# ---- sections by structure ------------------------------------------------------------------------


def test_a_subsection_titled_like_a_section_stays_a_subsection():
    text = PINGTAN.replace("（一）主动公开方面。", "（一）主动公开政府信息情况\n\n", 1)
    model = report(text)
    assert model.sections["二"].span.line == text.split("\n").index("二、主动公开政府信息情况") + 1
    assert not [d for d in lint_text(text) if d.code in ("GL102", "GL103")]


def test_a_wrapped_introduction_listing_the_sections_is_no_section():
    intro = "本报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、\n存在的主要问题及改进情况\n等内容。\n\n"
    text = PINGTAN.replace("一、总体情况\n", intro + "一、总体情况\n", 1)
    assert [s.text for s in report(text).sections.values()][4] == "存在的主要问题及改进情况"
    assert report(text).sections["五"].numbering is not None
    assert not [d for d in lint_text(text) if d.code in ("GL101", "GL102", "GL103")]


def test_overview_topics_numbered_like_sections_are_reported_once():
    text = PINGTAN.replace("（一）主动公开方面。", "一、主动公开方面\n\n", 1).replace("（二）依申请公开方面。", "二、依申请公开方面\n\n", 1)
    findings = [d for d in lint_text(text) if d.message_id == "GL103.item-section-level"]
    assert [(d.line, d.column) for d in findings] == [(9, 1)]
    assert "“一、主动公开方面”" in findings[0].message


# ---- the messy variants: same findings, positions mapped -------------------------------------------

CLEAN = {
    "seed-000": lambda: seed_text("000"),
    "seed-001": lambda: seed_text("001"),
    "seed-002": lambda: seed_text("002"),
    "seed-003": lambda: seed_text("003"),
    "seed-004": lambda: seed_text("004"),
    "pingtan-2025": lambda: PINGTAN,
    "markdown-2023": lambda: (BASES / "markdown-2023.md").read_text(encoding="utf-8"),
    "trial-format-2020": lambda: (BASES / "trial-format-2020.md").read_text(encoding="utf-8"),
}


@pytest.mark.parametrize("name", sorted(CLEAN))
def test_a_pdf_paste_gives_the_findings_of_the_clean_text(name):
    clean = CLEAN[name]()
    messy, moves = pdf_paste(clean)
    assert len(moves.pages) >= 3 and messy.count("\n") > clean.count("\n") + 10  # really wrapped and paged
    after = found(lint_text(messy))
    assert starts(without_pages(after)) == starts(mapped(lint_text(clean), moves))
    assert [(d[2][0], d[2][1]) for d in page_findings(after)] == [(moves.pages[0], 1)]  # once per file, at the first


@pytest.mark.parametrize("fixture, seed, width, every", [
    ("002-pdf-paste-w36-p25.txt", lambda: seed_text("002"), 36, 25),
    ("004-pdf-paste-w30-p40.txt", lambda: seed_text("004"), 30, 40),
    ("pingtan-2025-pdf-paste-w40-p20.txt", lambda: PINGTAN, 40, 20),
])
def test_the_committed_pdf_pastes(fixture, seed, width, every):
    """The committed variants are what the transformation makes (so they stay reviewable), and read
    like their clean text."""
    text = (MESSY / fixture).read_text(encoding="utf-8")
    clean = seed()
    made, moves = pdf_paste(clean, width, every)
    assert text == made
    after = found(lint_text(text))
    assert starts(without_pages(after)) == starts(mapped(lint_text(clean), moves))
    assert len(page_findings(after)) == 1


def test_pingtan_paste_has_page_numbers_inside_a_table_and_reads_every_table():
    text = (MESSY / "pingtan-2025-pdf-paste-w40-p20.txt").read_text(encoding="utf-8")
    model = report(text)
    table_lines = {n for t in model.parsed_tables for n in range(t.span.line, t.span.end_line + 1)}
    assert {line for line, _ in model.page_lines} & table_lines  # a page break inside a table
    assert {t.key for t in model.standard_tables} == {t.key for t in report(PINGTAN).standard_tables}


def _pipe_table_three(text: str) -> str:
    """Table 三 of the 平潭 base as a Markdown table (what converters write), no |---| row."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("（本列数据的勾稽关系"))
    end = next(i for i, line in enumerate(lines) if line.startswith("四、结转下年度继续办理"))
    for i in range(start, end + 1):
        if lines[i].strip():
            lines[i] = "| " + " | ".join(lines[i].split("\t")) + " |"
    return "\n".join(lines)


def test_a_markdown_table_continued_after_a_page_number_is_one_table():
    clean = _pipe_table_three(PINGTAN)
    rows = len(report(clean).applications.rows)
    assert rows == len(report(PINGTAN).applications.rows)
    broken = clean.replace("\n|  |  | 5.属于三类内部事务信息", "\n\n- 3 -\n\n|  |  | 5.属于三类内部事务信息", 1)
    assert broken != clean
    assert len(report(broken).applications.rows) == rows
    assert [d.code for d in lint_text(broken) if d.code != "GL503"] == [d.code for d in lint_text(clean)]
    # A blank line alone still ends a Markdown table: two tables, the second not table 三.
    split = clean.replace("\n|  |  | 5.属于三类内部事务信息", "\n\n|  |  | 5.属于三类内部事务信息", 1)
    assert "GL308" in [d.code for d in lint_text(split)]


# ---- table 四 as three sub-tables ----------------------------------------------------------------

_REVIEW = ("行政复议\t\t\t\t\t行政诉讼\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\n"
           "\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n"
           "25\t3\t8\t0\t36\t3\t3\t0\t0\t6\t3\t0\t0\t0\t3\n")
_HEADER = "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n"


@pytest.mark.parametrize("caption", ["{}\n", "{}\t\n"], ids=["captions-as-paragraphs", "captions-as-rows"])
def test_review_table_as_three_sub_tables_is_read_as_one(caption):
    blocks = [("行政复议", "25\t3\t8\t0\t36"), ("行政诉讼（未经复议直接起诉）", "3\t3\t0\t0\t6"), ("行政诉讼（复议后起诉）", "3\t0\t0\t0\t3")]
    sub_tables = "\n".join(caption.format(title) + _HEADER + numbers + "\n" for title, numbers in blocks)
    text = PINGTAN.replace(_REVIEW, sub_tables)
    assert text != PINGTAN
    review = report(text).review_litigation
    assert [cell.value for cell in review.rows[0].cells] == [25, 3, 8, 0, 36, 3, 3, 0, 0, 6, 3, 0, 0, 0, 3]
    assert [d.code for d in lint_text(text)] == []  # not GL306, not GL301
    broken = text.replace("3\t3\t0\t0\t6", "3\t3\t0\t0\t7")
    line = broken.split("\n").index("3\t3\t0\t0\t7") + 1
    assert [(d.code, d.line, d.column) for d in lint_text(broken) if d.code == "GL404"] == [("GL404", line, 9)]


# ---- a PDF viewer's copy: tables one cell per line, running headers (issue 11) ---------------------

HONGZE_PDF = FIXTURES / "files" / "hongze-qzf-2023.pdf"


def _hongze_text() -> str:
    from govlint.read.files import read_file

    return read_file(HONGZE_PDF).text  # the PDF as govlint reads it: tables as tab rows


VIEWER_CLEAN = {
    "seed-000": lambda: seed_text("000"),
    "seed-001": lambda: seed_text("001"),
    "pingtan-2025": lambda: PINGTAN,
    "markdown-2023": lambda: (BASES / "markdown-2023.md").read_text(encoding="utf-8"),
    "trial-format-2020": lambda: (BASES / "trial-format-2020.md").read_text(encoding="utf-8"),
    "hongze-2023-pdf": _hongze_text,
}


@pytest.mark.parametrize("name", sorted(VIEWER_CLEAN))
def test_a_pdf_viewer_copy_reads_every_table_and_gives_the_findings_of_the_clean_text(name):
    clean = VIEWER_CLEAN[name]()
    messy, moves = pdf_viewer_copy(clean)
    model = report(messy)
    assert any(t.layout == "lines" for t in model.parsed_tables)  # really one cell per line
    assert {t.key for t in model.standard_tables} == {t.key for t in report(clean).standard_tables}
    after = found(lint_text(messy))
    assert not [d for d in after if d[0] in ("GL306", "GL307", "GL308")]
    assert starts(without_pages(after)) == starts(mapped(lint_text(clean), moves))
    # the running header after each page number is no text of the report
    assert {text for _, text in model.page_lines} == {f"- {n} -" for n in range(2, len(moves.pages) + 2)} | {"政府信息公开工作年度报告"}


def test_a_pdf_viewer_copy_of_broken_labels_and_blank_cells():
    """Seed 002 splits labels across rows and leaves the 行政复议 cells blank. A PDF copy keeps no line
    for a blank cell, so the row is read as short of five values (GL301, not GL302: which cells were
    blank is not in the copy); and the piece of the （六）1. label on its own rows no longer sits in one
    cell. Everything else reads as the clean text."""
    clean = seed_text("002")
    messy, moves = pdf_viewer_copy(clean)
    after = starts(without_pages(found(lint_text(messy))))
    before = starts(mapped(lint_text(clean), moves))
    assert [d for d in before if d not in after] == [("GL302", "GL302.missing", 345, 1)]
    assert [d for d in after if d not in before] == [("GL301", "GL301.standard", 345, 1), ("GL305", "GL305.row", 273, 1)]


@pytest.mark.parametrize("fixture, clean, width, every, cell_width, running", [
    ("pingtan-2025-pdf-viewer.txt", lambda: PINGTAN, 40, 30, 16, "平潭综合实验区2025年政府信息公开工作年度报告"),
    ("hongze-2023-pdf-viewer.txt", _hongze_text, 36, 25, 14, "洪泽区人民政府"),
])
def test_the_committed_pdf_viewer_copies(fixture, clean, width, every, cell_width, running):
    text = (MESSY / fixture).read_text(encoding="utf-8")
    made, moves = pdf_viewer_copy(clean(), width, every, cell_width, running)
    assert text == made
    after = found(lint_text(text))
    assert starts(without_pages(after)) == starts(mapped(lint_text(clean()), moves))
    assert not [d for d in after if d[0] in ("GL306", "GL307", "GL308")]


def test_hongze_viewer_copy_findings_are_the_pdfs():
    """The real report's own defects, found in the copy as in the PDF: 2019-format rows in a 2023 table
    (GL304), a garbled row label (GL305) and two review totals left 0 (GL404)."""
    text = (MESSY / "hongze-2023-pdf-viewer.txt").read_text(encoding="utf-8")
    assert sorted(d.code for d in lint_text(text)) == sorted([d.code for d in lint_text(_hongze_text())] + ["GL503"])
    assert [d.code for d in lint_text(_hongze_text())] == ["GL304", "GL305", "GL404", "GL404"]


# ---- tables one cell per line: rows from the format ------------------------------------------------

_SECTION_TWO_CELLS = "第二十条第（一）项\n信息内容\n本年制发件数\n本年废止件数\n现行有效件数\n规章\n0\n0\n0\n行政规范性文件\n58\n45\n546\n"


def _cells_report(block: str, replace: str = _REVIEW) -> str:
    return PINGTAN.replace(replace, block)


def test_cells_one_per_line_are_read_as_rows():
    text = PINGTAN.replace("第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0\n行政规范性文件\t58\t45\t546\n",
                           _SECTION_TWO_CELLS)
    assert text != PINGTAN
    block = report(text).table("二.一")
    assert block.table.layout == "lines"
    assert [(r.key, [c.value for c in r.cells]) for r in block.rows] == [("规章", [0, 0, 0]), ("行政规范性文件", [58, 45, 546])]
    assert lint_text(text) == []
    wrong = text.replace("行政规范性文件\n58\n45\n546\n", "行政规范性文件\n58\n45\n")
    line = wrong.split("\n").index("行政规范性文件") + 1
    # A blank cell leaves no line: which one is blank is unknown, so the row lacks a column.
    assert [(d.code, d.line, d.column) for d in lint_text(wrong)] == [("GL301", line, 1)]


def test_cells_one_per_paragraph_and_a_run_together_header():
    """Table 四 copied with a blank line after each cell, its header cells run together on one line."""
    header = "行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计\n\n"
    cells = "".join(f"{v}\n\n" for v in "25 3 8 0 36 3 3 0 0 6 3 0 0 0 3".split())
    text = _cells_report(header + cells)
    review = report(text).review_litigation
    assert review.table.layout == "lines" and review.header_rows[0].cells[0].text == header.strip()
    assert [c.value for c in review.rows[0].cells] == [25, 3, 8, 0, 36, 3, 3, 0, 0, 6, 3, 0, 0, 0, 3]
    assert lint_text(text) == []
    broken = text.replace("\n\n36\n\n", "\n\n35\n\n")
    line = broken.split("\n").index("35") + 1
    # the 行政复议 total against its four results, and against the prose's “行政复议36起”
    assert [(d.code, d.line, d.column) for d in lint_text(broken)] == [("GL405", 11, 185), ("GL404", line, 1)]


def _table_three_cells():
    """The base's lines, where table 三 starts and ends, and its cells one per line (a PDF viewer's copy)."""
    lines = PINGTAN.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("（本列数据的勾稽关系"))
    end = next(i for i, line in enumerate(lines) if line.startswith("四、结转下年度继续办理"))
    return lines, start, end, [c for line in lines[start:end + 1] for c in line.split("\t") if c.strip()]


def test_a_row_label_wrapped_over_two_lines_is_joined():
    lines, start, end, cells = _table_three_cells()
    at = cells.index("（一）予以公开")
    cells[at:at + 1] = ["（一）予以", "公开"]
    at = cells.index("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")
    cells[at:at + 1] = ["1.申请人无正当理由逾期不补正、", "行政机关不再处理其政府信息公开申请"]
    text = "\n".join(lines[:start] + cells + lines[end + 1:])
    table = report(text).applications
    assert table.table.layout == "lines" and len(table.rows) == len(report(PINGTAN).applications.rows)
    row = table.row("三.一")
    assert row.label_cells[-1].text == "（一）予以公开" and row.label_cells[-1].span.line < row.label_cells[-1].span.end_line
    assert lint_text(text) == []  # no GL305 on “公开”, no GL308


def test_short_lines_that_name_no_table_stay_paragraphs():
    text = PINGTAN.replace("2025年，无收取信息处理费情况。", "2025年，无收取信息处理费情况。\n\n主动公开\n12\n13\n14\n")
    assert not any(t.layout == "lines" for t in report(text).parsed_tables)


# ---- running headers and footers in plain text ----------------------------------------------------


def test_running_headers_next_to_page_numbers_are_blanked():
    text = ("某某市人民政府办公室\n2023年政府信息公开工作年度报告\n\n正文第一页，某某市人民政府办公室\n"
            "某某市人民政府办公室\n- 1 -\n某某市人民政府办公室\n正文第二页\n\n- 2 -\n某某市人民政府办公室\n正文第三页\n")
    normalised = normalise_text(text)
    # the title on the first page and the same words in a sentence stay; those at the page breaks go
    assert normalised.page_lines == ((5, "某某市人民政府办公室"), (6, "- 1 -"), (7, "某某市人民政府办公室"),
                                     (10, "- 2 -"), (11, "某某市人民政府办公室"))
    assert normalised.text.split("\n")[0] == "某某市人民政府办公室"


def test_a_footer_with_the_page_number_and_short_labels_are_not_running_lines():
    # “其他” stands next to two page numbers in a table copied one cell per line: too short for a running line.
    text = "正文\n其他\n- 1 -\n0\n其他\n- 2 -\n0\n"
    assert normalise_text(text).page_lines == ((3, "- 1 -"), (6, "- 2 -"))
    footer = "正文一\n内部资料 注意保存\n- 1 -\n正文二\n内部资料 注意保存\n- 2 -\n正文三\n"
    assert [line for line, _ in normalise_text(footer).page_lines] == [2, 3, 5, 6]


# ---- header cells run together --------------------------------------------------------------------

_RUN_TOGETHER_REVIEW = ("行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉"
                        "结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计\n")


def test_a_header_run_together_above_a_tab_row_is_the_header():
    text = PINGTAN.replace(_REVIEW, _RUN_TOGETHER_REVIEW + "25\t3\t8\t0\t36\t3\t3\t0\t0\t6\t3\t0\t0\t0\t3\n")
    review = report(text).review_litigation
    assert review is not None and review.header_rows[0].cells[0].text == _RUN_TOGETHER_REVIEW.strip()
    assert lint_text(text) == []  # not GL306
    broken = text.replace("\t36\t", "\t37\t")
    line = broken.split("\n").index(_RUN_TOGETHER_REVIEW.strip()) + 2
    assert [(d.code, d.line, d.column) for d in lint_text(broken)] == [("GL405", 11, 185), ("GL404", line, 10)]


def test_a_header_run_together_in_table_three():
    lines = PINGTAN.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("（本列数据的勾稽关系"))
    header = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织商业企业科研机构社会公益组织法律服务机构其他总计"
    text = "\n".join(lines[:at] + [header] + lines[at + 3:])
    assert len(report(text).applications.rows) == len(report(PINGTAN).applications.rows)
    assert lint_text(text) == []


def test_a_sentence_above_a_table_is_no_header():
    # Prose that names the table and a column or two is not its header: the row alone names nothing.
    text = PINGTAN.replace(_REVIEW, "本年度行政复议结果维持25件。\n25\t3\t8\t0\t36\t3\t3\t0\t0\t6\t3\t0\t0\t0\t3\n")
    assert report(text).review_litigation is None


def test_column_labels_wrapped_in_their_cells_are_one_header_cell():
    """Real PDF copies (2019 format): “本年新” / “制作数量”, “对外公开” / “总数量” on lines of their own."""
    trial = (BASES / "trial-format-2020.md").read_text(encoding="utf-8")
    block = "第二十条第(一)项\t\t\t\n信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n规章\t0\t0\t0\n规范性文件\t0\t0\t0\n"
    cells = "第二十条第(一)项\n信息内容\n本年新\n制作数量\n本年新\n公开数量\n对外公开\n总数量\n规章\n0\n0\n0\n规范性文件\n0\n0\n0\n"
    assert block in trial
    text = trial.replace(block, cells)
    table = report(text).table("二.一")
    assert [c.text for c in table.header_rows[0].cells] == ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"]
    assert table.unmatched_headers == [] and lint_text(text) == lint_text(trial)


# ---- OCR-like Markdown of the real reports ----------------------------------------------------------

SHUYANG_HTML = FIXTURES / "files" / "shuyang-fagaiju-2023.html"


def _shuyang_text() -> str:
    from govlint.read.files import read_file

    return read_file(SHUYANG_HTML).text  # the web page as govlint reads it: tables as tab rows


OCR_CLEAN = {
    "seed-000": lambda: seed_text("000"),
    "seed-001": lambda: seed_text("001"),
    "seed-002": lambda: seed_text("002"),
    "pingtan-2025": lambda: PINGTAN,
    "hongze-2023-pdf": _hongze_text,
    "shuyang-2023-html": _shuyang_text,
}


@pytest.mark.parametrize("every", [9, 25])
@pytest.mark.parametrize("name", sorted(OCR_CLEAN))
def test_ocr_markdown_reads_every_table_and_gives_the_findings_of_the_clean_text(name, every):
    """Markdown rows with their empty end cells left out, tables split by page numbers and running
    headers, hard-wrapped prose: the clean text's findings at the mapped places, every table read."""
    clean = OCR_CLEAN[name]()
    messy, moves = ocr_markdown(clean, 30, every)
    model = report(messy)
    assert {t.layout for t in model.parsed_tables} == {"pipe"}
    assert [t.key for t in model.standard_tables] == [t.key for t in report(clean).standard_tables]
    after = found(lint_text(messy))
    assert starts(without_pages(after)) == starts(mapped(lint_text(clean), moves))
    assert not [d for d in after if d[0] in ("GL306", "GL307", "GL308")]


def test_the_committed_ocr_markdown_of_shuyang():
    """The real page's defect — the five 法人或其他组织 columns of table 三 left blank — is one GL302 block
    in the Markdown too, though its tables are split by page numbers and rows lose their empty ends."""
    text = (MESSY / "shuyang-2023-ocr-markdown.md").read_text(encoding="utf-8")
    made, moves = ocr_markdown(_shuyang_text(), 30, 9, "沭阳县发展和改革局")
    assert text == made
    model = report(text)
    table_lines = {n for t in model.parsed_tables for n in range(t.span.line, t.span.end_line + 1)}
    assert {line for line, _ in model.page_lines} & table_lines  # a table split by a page break
    assert "沭阳县发展和改革局" in {text for _, text in model.page_lines}
    after = found(lint_text(text))
    assert starts(without_pages(after)) == starts(mapped(lint_text(_shuyang_text()), moves))
    assert [(d[0], d[1]) for d in without_pages(after)] == [("GL302", "GL302.block")]


def test_a_last_row_of_blank_cells_copied_one_cell_per_line_is_a_row():
    """Its label alone ends the copy (a blank cell leaves no line): the row is there, its values missing
    (GL302) — not a table cut short (GL308)."""
    lines = PINGTAN.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("（本列数据的勾稽关系"))
    end = next(i for i, line in enumerate(lines) if line.startswith("四、结转下年度继续办理"))
    cells = [c for line in lines[start:end] for c in line.split("\t") if c.strip()] + ["四、结转下年度继续办理"]
    text = "\n".join(lines[:start] + cells + lines[end + 1:])
    line = text.split("\n").index("四、结转下年度继续办理") + 1
    found = [(d.code, d.line, d.column, d.message_id) for d in lint_text(text)]
    assert found == [("GL302", line, 12, "GL302.missing")]


def test_a_row_of_blank_cells_inside_a_table_copied_one_cell_per_line_is_a_row():
    lines, start, end, cells = _table_three_cells()
    at = cells.index("（一）予以公开")
    del cells[at + 1:at + 8]  # its seven values were blank
    text = "\n".join(lines[:start] + cells + lines[end + 1:])
    table = report(text).applications
    assert [c.kind for c in table.row("三.一").cells] == ["missing"] * 7
    assert table.row("三.二").cells[0].value == 38
    line = text.split("\n").index("（一）予以公开") + 1
    assert [(d.code, d.line, d.column) for d in lint_text(text)] == [("GL302", line, 8)]


# ---- a row label split over two cells or two lines, in tab tables ----------------------------------


def test_a_row_label_split_over_two_cells_is_one_label():
    text = PINGTAN.replace("三、本年度办理结果\t（一）予以公开\t33", "三、本年度办理结果\t（一）予以\t公开\t33")
    row = report(text).applications.row("三.一")
    assert row.item_label == "予以公开" and [c.value for c in row.cells][0] == 33
    assert lint_text(text) == []  # no GL305 on “公开”


def test_a_numbered_label_wrapped_onto_the_row_of_its_numbers_is_one_label():
    text = PINGTAN.replace("\t\t4.保护第三方合法权益\t0\t0", "\t\t4.保护第三方\n\t\t合法权益\t0\t1")
    model = report(text)
    row = model.applications.row("三.三.4")
    assert row.label_cells[-1].text == "4.保护第三方合法权益" and (row.label_span.line, row.label_span.end_line) == (48, 49)
    assert row.spec.accepts(row.item_label)
    # its numbers are read: the 1 put into 商业企业 breaks the row and column totals, at their cells
    assert [(d.code, d.line, d.column) for d in lint_text(text)] == [("GL403", 49, 20), ("GL402", 65, 12)]


def test_a_label_only_row_still_continues_the_label_above():
    # Seed 002: “三、本年度办” / “理结果” after the row's numbers: still the rest of the label above.
    model = report(seed_text("002"))
    assert model.applications.row("三.二").item_label.endswith("一情形，不计其他情形)")


def test_a_title_repeated_as_the_running_header_stays_the_title():
    # A cover page (title, date, page number) whose title then heads every page: the repeats go, the
    # first line stays — the report's name and year are read from it.
    lines = seed_text("000").split("\n")
    title = next(line for line in lines if line.strip())
    body = lines[lines.index(title) + 1:]
    text = "\n".join([title, "", "2026年1月", "- 1 -", title, *body[:30], "- 2 -", title, *body[30:60], "- 3 -", title, *body[60:]])
    normalised = normalise_text(text)
    kept = normalised.text.split("\n")
    assert kept[0] == title and kept[4] == "" and [line for line, _ in normalised.page_lines if _ == title] == [5, 37, 69]
    report = Report(decode(text.encode(), "r.txt"), load_formats())
    assert report.title is not None and report.title.span.line == 1


# 1.信访举报投诉类申请 with 3 under 自然人 and 2 in 总计: a true GL403 (and GL402) for the variants to keep.
PINGTAN_WITH_A_WRONG_ROW = PINGTAN.replace("1.信访举报投诉类申请\t2\t0\t0\t0\t0\t0\t2", "1.信访举报投诉类申请\t3\t0\t0\t0\t0\t0\t2")


def _lines_found(text: str) -> list[tuple[str, str, int]]:
    """(code, message id, line) of the findings: for variants whose columns move."""
    return sorted((d.code, d.message_id, d.line) for d in lint_text(text))


def _shifted(text: str, at: int, by: int) -> list[tuple[str, int, str]]:
    """(code, line, message) of the findings, lines after `at` moved back by `by` (what was inserted)."""
    return sorted((d.code, d.line - by if d.line > at else d.line, d.message) for d in lint_text(text))


def test_a_table_header_repeated_after_a_page_break_is_a_header():
    # Word's 重复标题行 and PDF tables repeat table 三's header on each page; rows after it keep their
    # group (1.信访举报投诉类申请 stays under （五）不予处理). A true GL403 there must stay found.
    text = PINGTAN_WITH_A_WRONG_ROW
    lines = text.split("\n")
    header = lines[37:40]  # the header rows of table 三 (line 38 on), before 一、本年新收
    assert "申请人情况" in header[0] and lines[40].startswith("一、本年新收")
    at = next(i for i, line in enumerate(lines) if "（五）不予处理" in line)
    repeated = "\n".join(lines[:at] + ["", "- 2 -", ""] + header + lines[at:])
    original = _shifted(text, at, 0)
    assert any(code == "GL403" for code, _, _ in original)
    inserted = 3 + len(header)
    page_number = ("GL503", at + 2 - inserted, "页码残留“- 2 -”（全文共1处，只报告第一处）")  # the page number left in the text
    assert _shifted(repeated, at, inserted) == sorted(original + [page_number])


def test_one_cell_per_line_sub_items_without_their_numbers_are_rows():
    # A PDF copy where 三's sub-items lost their “1.” numbering (“属于国家秘密” alone on its line):
    # each is still a row of its own, with its values.
    from messy_variants import pdf_viewer_copy

    items = {row.label for spec in load_formats()[0].tables for row in spec.rows if row.number and row.number[0].isdigit()}
    numbered, _ = pdf_viewer_copy(PINGTAN)
    unnumbered = "\n".join(line[2:] if re.match(r"\d\.", line) and line[2:] in items else line for line in numbered.split("\n"))
    assert unnumbered != numbered


    assert _lines_found(unnumbered) == _lines_found(numbered)


def test_a_footer_that_carries_its_page_number_is_a_page_line():
    # “…年度报告 第2页 共4页” at each page break, inside table 三 too: blanked and kept in the map like
    # a running footer (not a finding), and the table is read as without it.
    text = PINGTAN
    lines = text.split("\n")
    footer = "平潭综合实验区2025年政府信息公开工作年度报告 第{}页 共4页"
    at = next(i for i, line in enumerate(lines) if "（五）不予处理" in line)
    paged = lines[:8] + [footer.format(1)] + lines[8:at] + [footer.format(2)] + lines[at:] + [footer.format(3)]
    normalised = normalise_text("\n".join(paged))
    assert [number for number, line in normalised.page_lines] == [9, at + 2, len(paged)]
    assert [d.message for d in lint_text("\n".join(paged))] == [d.message for d in lint_text(text)]
    once = lines[:8] + ["详见附件第2页"] + lines[8:]  # a sentence's own page reference, once: text
    assert normalise_text("\n".join(once)).page_lines == ()


@pytest.mark.parametrize("separator", [" ", "   ", "\u3000"])
def test_rows_written_label_then_values_on_one_line_are_read(separator):
    # pdftotext -layout, WPS's or a PDF viewer's copy: “一、本年新收政府信息公开申请数量 151 3 0 0 0 0 154”,
    # “规章 0 0 0”, “行政许可 0”. The tables are read, with the findings of the tab-separated original.
    text = PINGTAN_WITH_A_WRONG_ROW
    spaced = "\n".join(separator.join(c.strip() for c in line.split("\t") if c.strip()) if "\t" in line else line
                       for line in text.split("\n"))


    assert {"GL402", "GL403"} <= {code for code, _, _ in _lines_found(text)}
    assert _lines_found(spaced) == _lines_found(text)
