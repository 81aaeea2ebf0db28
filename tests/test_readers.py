"""The readers for Word, web pages and PDF (govlint/read/{detect,docx,html,pdf,normalise,converted}.py).

Real material: tests/fixtures/files/ holds a real PDF (洪泽区 2023, exported by WPS), a real crawled
page (沭阳县发改局 2023), a .docx made from seed 004 with Word's automatic numbering and merged
header cells (make_docx.py) and the PDF LibreOffice exports from it, and the bad files of
make_bad_files.py. Synthetic documents for single features are built inline.
"""

from __future__ import annotations

import datetime
import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import FIXTURES, seed_text

from govlint import lint_text
from govlint.read.converted import Converted, Origin, clean_cell, join_pieces
from govlint.read.detect import convert, detect
from govlint.read.normalise import is_page_number, running_lines
from govlint.read.source import InputError

FILES = FIXTURES / "files"
HONGZE = FILES / "hongze-qzf-2023.pdf"
SHUYANG = FILES / "shuyang-fagaiju-2023.html"
LINZI_DOCX = FILES / "linzi-2023.docx"
LINZI_PDF = FILES / "linzi-2023.pdf"


def read(path: Path) -> Converted:
    return convert(path.read_bytes(), path.name)


def findings(text: str) -> list[tuple[str, int, int, str]]:
    return [(d.code, d.line, d.column, d.message_id) for d in lint_text(text)]


def same_findings(text: str) -> list[tuple[str, str, str]]:
    """What a converted document must share with the text it was made from: lines may differ."""
    return sorted((d.code, d.message_id, d.message) for d in lint_text(text))


@pytest.fixture(scope="module")
def hongze() -> Converted:
    return read(HONGZE)


@pytest.fixture(scope="module")
def shuyang() -> Converted:
    return read(SHUYANG)


@pytest.fixture(scope="module")
def linzi_docx() -> Converted:
    return read(LINZI_DOCX)


@pytest.fixture(scope="module")
def linzi_pdf() -> Converted:
    return read(LINZI_PDF)


# ---- detection: the signature first, the name second ----------------------------------------------


def test_a_pdf_named_txt_is_a_pdf():
    data = LINZI_PDF.read_bytes()
    assert detect(data, "report.txt") == "pdf"
    assert convert(data, "report.txt").kind == "pdf"


def test_a_docx_named_md_is_a_docx():
    assert detect(LINZI_DOCX.read_bytes(), "report.md") == "docx"


@pytest.mark.parametrize("data", [
    b"<!DOCTYPE html><html><body></body></html>",
    b"\xef\xbb\xbf\r\n  <!doctype HTML>\n<html>",
    b"\n\n   <html lang='zh'>",
    b"<!-- saved from url=(0048)http://www.example.gov.cn/ -->\n<html>\n<head>",
    b"<?xml version='1.0' encoding='utf-8'?>\n<!DOCTYPE html PUBLIC '-//W3C//DTD XHTML 1.0//EN'>\n<html>",
    "<html>".encode("utf-16"),
])
def test_web_pages_are_recognised_by_their_first_tag(data):
    assert detect(data, "page.txt") == "html"


@pytest.mark.parametrize("data", [
    "# 某局2023年政府信息公开工作年度报告\n\n一、总体情况\n".encode(),
    "<!-- govlint: disable GL201 -->\n# 报告\n".encode(),  # a Markdown comment first is still Markdown
    "一、总体情况\n".encode("gb18030"),
])
def test_text_reports_are_text(data):
    assert detect(data, "report.md") == "text"


def test_convert_reads_a_text_report_as_it_is():
    converted = convert("一、总体情况\r\n正文。\r\n".encode(), "report.txt")
    assert (converted.kind, converted.text, converted.origins) == ("text", "一、总体情况\n正文。\n", (None, None))


def test_an_html_suffix_with_a_fragment_is_a_web_page():
    assert detect(b"<p>\xe4\xb8\x80</p>", "page.shtml") == "html"


# ---- bad files: one line each, naming the file ------------------------------------------------------


@pytest.mark.parametrize(("name", "message"), [
    ("encrypted.pdf", "encrypted.pdf: the PDF is encrypted (password-protected); save an unprotected copy or lint the Word original"),
    ("scanned.pdf", "scanned.pdf: the PDF has no text layer (a scanned image?); run OCR on it or lint the Word original"),
    ("corrupt.docx", "corrupt.docx: a damaged ZIP archive, not a readable .docx (File is not a zip file)"),
    ("archive.docx", "archive.docx: a ZIP archive, not a Word document (.docx)"),
    ("old.doc", "old.doc: a .doc (old binary Word) file: save it as .docx (Word/WPS: 文件 → 另存为 → Word 文档 .docx)"),
    ("old.wps", "old.wps: a WPS Writer document (.wps, an old binary format): save it as .docx (WPS: 文件 → 另存为 → Word 文档)"),
    ("no-report.html", ("no-report.html: no report found in the web page (no section headings such as 一、总体情况); "
                        "if the report is an attachment, download the attachment and lint it")),
])
def test_bad_files_are_refused_with_one_line(name, message):
    with pytest.raises(InputError) as error:
        convert((FILES / "bad" / name).read_bytes(), name)
    assert str(error.value) == message
    assert "\n" not in str(error.value)


@pytest.mark.parametrize(("data", "name", "message"), [
    (b"", "empty.pdf", "empty.pdf: empty file"),
    (b"not a pdf at all", "broken.pdf", "broken.pdf: not a PDF (no %PDF- header); the file is damaged or is something else"),
    (b"plain words", "broken.docx", "broken.docx: not a .docx (not a ZIP archive); the file is damaged or is something else"),
    (b"{\\rtf1\\ansi hello}", "report.rtf",
     "report.rtf: an RTF document, not a report govlint can read: save it as .docx (Word: 文件 → 另存为 → Word 文档)"),
])
def test_other_bad_inputs(data, name, message):
    with pytest.raises(InputError) as error:
        convert(data, name)
    assert str(error.value) == message


def test_a_truncated_pdf_is_an_input_error_not_a_traceback():
    data = HONGZE.read_bytes()[:5000]
    with pytest.raises(InputError) as error:
        convert(data, "cut.pdf")
    assert str(error.value).startswith("cut.pdf: ")


def test_other_office_archives_are_named():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("[Content_Types].xml", "<Types/>")
        zipped.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(InputError, match=r"^book.docx: an Excel workbook \(.xlsx\), not a Word document \(.docx\)$"):
        convert(archive.getvalue(), "book.docx")


def test_importing_the_readers_loads_no_library():
    code = ("import sys, govlint.read.detect, govlint.read.docx, govlint.read.html, govlint.read.pdf; "
            "print(sorted(m for m in ('lxml', 'pdfplumber', 'pdfminer', 'pypdfium2') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# ---- the real PDF: 洪泽区 2023 (WPS export, a table across pages, page numbers "- N -") ------------


def test_hongze_findings(hongze):
    assert findings(hongze.text) == [
        ("GL304", 42, 1, "GL304.format"),  # （六）其他处理 as one 2019-style row in a 2023 report
        ("GL305", 50, 3, "GL305.extra-row"),  # the row label typo “其他法律行政止公开”
        ("GL404", 74, 10, "GL404.identity"),  # 行政复议 10 + 1 but 总计 0
        ("GL404", 74, 30, "GL404.identity"),  # 复议后起诉 5 but 总计 0
    ]


def test_hongze_application_table_rows_have_seven_values(hongze):
    lines = hongze.lines
    start = lines.index("一、本年新收政府信息公开申请数量\t\t\t21\t0\t0\t0\t0\t0\t21")
    end = lines.index("四、结转下年度继续办理\t\t\t0\t0\t0\t0\t0\t0\t0")
    rows = lines[start:end + 1]
    assert len(rows) == 23  # 2019-style: （六） is one row
    for row in rows:
        cells = row.split("\t")
        assert len(cells) == 10 and all(c.isdigit() for c in cells[3:]), row
    # The rows on both sides of the page break 3 → 4 follow each other: one table, no page number.
    at = lines.index("\t\t2.没有现成信息需要另行制作\t3\t0\t0\t0\t0\t0\t3")
    assert lines[at + 1] == "\t\t3.补正后申请内容仍不明确\t0\t0\t0\t0\t0\t0\t0"
    assert lines[start - 3:start] == [
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t\t\t申请人情况\t\t\t\t\t\t",
        "\t\t\t自然人\t法人或其他组织\t\t\t\t\t总计",
        "\t\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t",
    ]
    assert "三、本年度办理结果\t（一）予以公开\t\t0\t0\t0\t0\t0\t0\t0" in lines  # the vertical label of a merged cell


def test_hongze_review_table(hongze):
    lines = hongze.lines
    at = lines.index("行政复议\t\t\t\t\t行政诉讼\t\t\t\t\t\t\t\t\t")  # 行政诉讼 painted as two boxes, one cell
    assert lines[at + 1:at + 4] == [
        "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t",
        "\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计",
        "10\t1\t0\t0\t0\t0\t0\t0\t0\t0\t5\t0\t0\t0\t0",
    ]


def test_hongze_section_two_table_goes_on_across_the_page(hongze):
    lines = hongze.lines
    at = lines.index("第二十条第（六）项\t\t\t")
    assert lines[at + 1:at + 4] == ["信息内容\t本年处理决定数量\t\t", "行政处罚\t4119\t\t", "行政强制\t195\t\t"]


def test_hongze_has_no_page_numbers_and_paragraphs_rejoined(hongze):
    assert not [line for line in hongze.lines if is_page_number(line)]
    assert "- 3 -" not in hongze.text
    # A paragraph broken by pages 1 → 2 is one line again, its quotation marks together.
    assert ("加强区政府门户网站及政务新媒体日常管理，运用第三方检测平台实行常态化监测，执行信息审核发布制度。"
            "严格执行“分级审核、先审后发”程序，落实“三审三校”制度，从严从实把好政治关、法律关、政策关、保密关、文字关，"
            "未经审核的信息一律不准发布。") in hongze.lines
    # Justified lines spread their characters apart: no spaces come out of that.
    assert "（地址：淮安市洪泽区洪泽湖大道90号，邮编：223100，电话：0517-87222589，电子邮箱：hzzwgk@126.com）。" in hongze.text
    assert hongze.lines[:3] == ["洪泽区人民政府", "", "2023年政府信息公开工作年度报告"]


def test_hongze_origins(hongze):
    lines = hongze.lines
    row = lines.index("四、结转下年度继续办理\t\t\t0\t0\t0\t0\t0\t0\t0") + 1
    assert hongze.origin(row) == Origin("pdf", page=4, line=9)
    assert hongze.origin_at(row, 20) == Origin("pdf", page=4, line=9)  # PDF rows have no cell numbers
    # The paragraph of section 五 runs from page 4 onto page 5: each column finds its own page and line.
    paragraph = next(i for i, line in enumerate(lines, 1) if line.startswith("2023年，洪泽区政府信息公开工作取得一定的成效"))
    assert hongze.origin_at(paragraph, 1) == Origin("pdf", page=4, line=16)
    assert hongze.origin_at(paragraph, len(lines[paragraph - 1])) == Origin("pdf", page=5, line=2)
    assert hongze.origin_at(paragraph, 1).describe() == "第4页第16行"
    assert hongze.origin_at(paragraph, 1).describe("en") == "page 4, line 16"
    assert hongze.origin(2) is None  # the blank line between paragraphs


# ---- the real web page: 沭阳县发改局 2023 (site chrome, metadata box, span/font, colspan/rowspan) -------


def test_shuyang_reads_the_article_only(shuyang):
    assert shuyang.lines[0] == "# 沭阳县发展和改革局2023年政府信息公开年度报告"
    assert shuyang.lines[2].startswith("根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求")
    assert shuyang.lines[-3:] == ["沭阳县发展和改革局", "", "2024年1月17日"]
    for chrome in ("索引号", "当前位置", "xggj", "采集时间", "网站标识码", "jquery", "<", "&nbsp;", "o:p"):
        assert chrome not in shuyang.text


def test_shuyang_metadata_and_publication_date(shuyang):
    assert shuyang.published == datetime.date(2024, 1, 17)
    assert shuyang.metadata == {
        "名称": "沭阳县发展和改革局2023年政府信息公开年度报告",
        "索引号": "014314799/2024-00002",
        "发布机构": "沭阳县发展和改革局",
        "公开日期": "2024-01-17",
    }


def test_shuyang_metadata_as_front_matter(shuyang):
    with_meta = shuyang.with_front_matter()
    assert with_meta.lines[:6] == ["---", "名称: 沭阳县发展和改革局2023年政府信息公开年度报告", "索引号: 014314799/2024-00002",
                                   "发布机构: 沭阳县发展和改革局", "公开日期: 2024-01-17", "---"]
    assert with_meta.origin(7) == shuyang.origin(1) and with_meta.origin(1) is None
    from govlint.syntax.parser import parse

    assert parse(with_meta.text).blocks[0].fields["公开日期"] == "2024-01-17"
    assert sorted(code for code, *_ in findings(with_meta.text)) == sorted(code for code, *_ in findings(shuyang.text))


def test_shuyang_tables_as_grids(shuyang):
    lines = shuyang.lines
    assert "规范性文件\t8\t0\t18" in lines
    assert "行政许可\t0\t\t" in lines  # colspan="3": the value in the first of its grid cells
    # The 法人 columns are &nbsp; on the page: blank cells, not text.
    assert "一、本年新收政府信息公开申请数量\t\t\t26\t\t\t\t\t\t26" in lines
    assert "\t（三）不予公开\t1.属于国家秘密\t0\t\t\t\t\t\t0" in lines  # rowspan: the label only in its first row
    assert "0\t0\t0\t1\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0" in lines


def test_shuyang_findings(shuyang):
    found = findings(shuyang.text)
    blank = [f for f in found if f[0] == "GL302"]
    # Every row of table 三 leaves the five 法人或其他组织 columns blank: the real defect, one blank block,
    # one finding covering lines 51–75 (issue 11: one finding per blank block, not one per row).
    assert [(code, line, message_id) for code, line, _, message_id in blank] == [("GL302", 51, "GL302.block")]
    block = next(d for d in lint_text(shuyang.text) if d.code == "GL302")
    assert (block.end_line, "共25行" in block.message) == (75, True)
    assert not [f for f in found if f[0] in ("GL306", "GL307", "GL503", "GL602", "GL601")]


def test_shuyang_subsection_is_not_a_section(shuyang):
    assert not [f for f in findings(shuyang.text) if f[0] in ("GL102", "GL103")]


def test_shuyang_origins_are_source_lines_and_columns(shuyang):
    source = SHUYANG.read_text(encoding="utf-8").split("\n")
    heading = shuyang.lines.index("一、总体情况") + 1
    origin = shuyang.origin(heading)
    assert (origin.kind, origin.line, origin.column) == ("html", 231, 177)
    assert source[origin.line - 1][origin.column - 1:].startswith("一、总体情况")
    row = shuyang.lines.index("规范性文件\t8\t0\t18") + 1
    label = shuyang.origin_at(row, 1)
    assert (label.table, label.row, label.cell) == (1, 4, 1)
    assert source[label.line - 1][label.column - 1:].startswith("规范性文件")
    value = shuyang.origin_at(row, len("规范性文件\t8\t") + 1)  # each cell has its own place in the source
    assert (value.table, value.row, value.cell) == (1, 4, 3)
    assert value.line > label.line and source[value.line - 1][value.column - 1:].startswith("0</span>")
    assert value.describe() == f"源文件第{value.line}行第{value.column}列（表1第4行第3格）"
    assert value.describe("en") == f"source line {value.line}, column {value.column} (table 1, row 4, cell 3)"


# ---- the .docx made from seed 004, and the PDF LibreOffice exported from it ------------------------


def test_docx_gives_the_findings_of_the_text_it_was_made_from(linzi_docx):
    assert same_findings(linzi_docx.text) == same_findings(seed_text("004"))
    assert findings(linzi_docx.text) == [("GL103", 5, 1, "GL103.section-system")]


def test_pdf_exported_from_the_docx_gives_them_too(linzi_pdf):
    assert same_findings(linzi_pdf.text) == same_findings(seed_text("004"))


def test_docx_automatic_numbering(linzi_docx):
    headings = [line for line in linzi_docx.lines if line.startswith("#")]
    assert headings == [
        "# 临淄区行政审批服务局2023年政府信息公开工作年度报告",  # Title style, its line break joined
        "## 1、 总体情况",  # decimal list, suffix "space"
        "## 二、主动公开政府信息情况",  # chineseCounting list started at 2 by startOverride
        "## 三、收到和处理政府信息公开申请情况",
        "## 四、政府信息公开行政复议、行政诉讼情况",
        "## 五、存在的主要问题及改进情况",
        "## 六、其他需要报告的事项",
    ]
    items = [line[:3] for line in linzi_docx.lines if line[:1] == "（" and line[2:3] == "）"]
    # Level 2 restarts under each level-1 paragraph of its list.
    assert items == ["（一）", "（二）", "（三）", "（四）", "（五）", "（一）", "（二）", "（一）", "（二）", "（三）", "（四）"]


def test_docx_merged_cells_land_in_their_columns(linzi_docx):
    lines = linzi_docx.lines
    at = lines.index("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t\t\t申请人情况\t\t\t\t\t\t")
    assert lines[at + 1:at + 5] == [
        "\t\t\t自然人\t法人或其他组织\t\t\t\t\t总计",
        "\t\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t",
        "一、本年新收政府信息公开申请数量\t\t\t0\t0\t0\t0\t0\t0\t0",
        "二、上年结转政府信息公开申请数量\t\t\t0\t0\t0\t0\t0\t0\t0",
    ]
    assert "\t（三）不予公开\t1．属于国家秘密\t0\t0\t0\t0\t0\t0\t0" in lines
    assert "\t\t2．其他法律行政法规禁止公开\t0\t0\t0\t0\t0\t0\t0" in lines  # vMerge continue: empty
    assert "行政复议\t\t\t\t\t行政诉讼\t\t\t\t\t\t\t\t\t" in lines
    assert "第二十条第(五)项\t\t\t" in lines and "行政许可\t23269\t\t" in lines


def test_docx_tracked_changes_header_footer_and_fields(linzi_docx):
    assert linzi_docx.notes == (
        ("the document has tracked changes (1 insertion(s), 1 deletion(s)): read as if all were accepted; "
         "accept or reject them in Word before publishing"),
    )
    assert "征求意见稿" not in linzi_docx.text  # the deletion
    assert "如对报告内容有疑问，请与临淄区行政审批服务局联系" in linzi_docx.text  # the insertion
    assert linzi_docx.text.count("临淄区行政审批服务局2023年政府信息公开工作年度报告") == 1  # the running header is not read
    assert "- 1 -" not in linzi_docx.text and "PAGE" not in linzi_docx.text


def test_docx_origins(linzi_docx):
    lines = linzi_docx.lines
    assert linzi_docx.origin(1) == Origin("docx", paragraph=1)
    heading = lines.index("## 二、主动公开政府信息情况") + 1
    assert linzi_docx.origin(heading) == Origin("docx", paragraph=10)
    row = lines.index("规章\t0\t0\t0") + 1
    assert linzi_docx.origin_at(row, 4) == Origin("docx", table=1, row=3, cell=2)
    assert linzi_docx.origin_at(row, 4).describe() == "表1第3行第2格"
    assert linzi_docx.origin_at(row, 4).describe("en") == "table 1, row 3, cell 2"
    assert linzi_docx.origin_at(row, 4).to_dict() == {"kind": "docx", "table": 1, "row": 3, "cell": 2}


def test_pdf_from_docx_drops_running_header_and_page_numbers(linzi_pdf):
    assert linzi_pdf.text.count("临淄区行政审批服务局") >= 1
    assert linzi_pdf.lines[0] == "临淄区行政审批服务局"
    assert "临淄区行政审批服务局2023年政府信息公开工作年度报告" not in linzi_pdf.text
    assert not [line for line in linzi_pdf.lines if is_page_number(line)]


def test_pdf_from_docx_table_three_is_one_table_over_three_pages(linzi_pdf):
    lines = linzi_pdf.lines
    start = lines.index("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t\t\t申请人情况\t\t\t\t\t\t")
    end = lines.index("四、结转下年度继续办理\t\t\t0\t0\t0\t0\t0\t0\t0")
    rows = lines[start:end + 1]
    assert all(len(row.split("\t")) == 10 for row in rows)  # page 3 has 8 grid columns, pages 4–5 ten: aligned
    assert {linzi_pdf.origin(start + 1).page, linzi_pdf.origin(end + 1).page} == {3, 5}
    # A row broken by the page: “…公开” at the bottom of page 4, “申请” at the top of page 5.
    assert "\t\t2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0" in rows
    assert "\t\t3.其他\t0\t0\t0\t0\t0\t0\t0" in rows


# ---- Word features, one synthetic document each ------------------------------------------------------

W_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml"')


def docx(body: str, numbering: str = "", styles: str = "") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", f"<w:document {W_NS}><w:body>{body}</w:body></w:document>")
        if numbering:
            archive.writestr("word/numbering.xml", f"<w:numbering {W_NS}>{numbering}</w:numbering>")
        if styles:
            archive.writestr("word/styles.xml", f"<w:styles {W_NS}>{styles}</w:styles>")
    return out.getvalue()


def p(text: str = "", props: str = "", runs: str = "") -> str:
    return f"<w:p><w:pPr>{props}</w:pPr>{runs}{'<w:r><w:t>' + text + '</w:t></w:r>' if text else ''}</w:p>"


def lines_of(body: str, **parts) -> list[str]:
    return convert(docx(body, **parts), "t.docx").lines


def level(ilvl, fmt, text, start=1, extra=""):
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/>{extra}<w:suff w:val="nothing"/></w:lvl>')


def numbered(num_id: int, ilvl: int, text: str) -> str:
    return p(text, f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')


def test_docx_numbering_formats_and_restarts():
    numbering = (
        '<w:abstractNum w:abstractNumId="0">' + level(0, "chineseCounting", "%1、") + level(1, "chineseCounting", "（%2）")
        + level(2, "decimal", "%3.") + level(3, "decimalEnclosedCircle", "%4") + "</w:abstractNum>"
        + '<w:abstractNum w:abstractNumId="1">' + level(0, "decimal", "%1.") + level(1, "decimal", "%1.%2")
        + level(2, "upperLetter", "%3)", extra='<w:lvlRestart w:val="0"/>') + "</w:abstractNum>"
        + '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
        + '<w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>'  # the same list going on
        + '<w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num>'
    )
    body = (numbered(1, 0, "总体情况") + numbered(1, 1, "主动公开") + numbered(1, 2, "规章") + numbered(1, 3, "一项")
            + numbered(1, 3, "二项") + numbered(1, 1, "依申请公开") + numbered(1, 2, "收到") + numbered(2, 0, "主动公开政府信息情况")
            + numbered(1, 1, "第一小节") + numbered(3, 0, "甲") + numbered(3, 2, "乙") + numbered(3, 0, "丙") + numbered(3, 1, "丁")
            + numbered(3, 2, "戊") + numbered(1, 0, ""))
    assert [line for line in lines_of(body, numbering=numbering) if line] == [
        "一、总体情况", "（一）主动公开", "1.规章", "①一项", "②二项", "（二）依申请公开", "1.收到",
        "二、主动公开政府信息情况", "（一）第一小节", "1.甲", "A)乙", "2.丙", "2.1丁", "B)戊",  # lvlRestart 0: B goes on
    ]


def test_docx_numbering_from_the_style_and_headings_by_outline_level():
    styles = (
        '<w:style w:type="paragraph" w:styleId="Sec"><w:name w:val="报告章节"/><w:pPr>'
        '<w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Sec2"><w:name w:val="章节二"/><w:basedOn w:val="Sec"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="H3"><w:name w:val="标题 3"/></w:style>'
    )
    numbering = ('<w:abstractNum w:abstractNumId="0">' + level(0, "chineseCounting", "%1、") + "</w:abstractNum>"
                 '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')
    body = (p("总体情况", '<w:pStyle w:val="Sec"/>') + p("正文。") + p("主动公开政府信息情况", '<w:pStyle w:val="Sec2"/>')
            + p("小标题", '<w:pStyle w:val="H3"/>') + p("大纲级别", '<w:outlineLvl w:val="0"/>'))
    assert [line for line in lines_of(body, numbering=numbering, styles=styles) if line] == [
        "## 一、总体情况", "正文。", "## 二、主动公开政府信息情况", "### 小标题", "# 大纲级别",
    ]


def test_docx_text_boxes_fields_hidden_text_and_notes():
    text_box = ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>'
                + p("文本框里的字") + '</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox>'
                '<w:txbxContent>' + p("文本框里的字") + '</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>')
    body = (
        p(runs='<w:r><w:t>第</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
               '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
               '<w:r><w:t>页</w:t></w:r>')
        + p(runs='<w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>9</w:t></w:r></w:fldSimple>'
                 '<w:fldSimple w:instr=" DATE "><w:r><w:t>2024年1月17日</w:t></w:r></w:fldSimple>')
        + p(runs='<w:r><w:t>可见</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>'
                 '<w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:t>的字</w:t></w:r>' + text_box)
        + p(runs='<w:r><w:t>换行前</w:t><w:br/><w:t>换行后</w:t><w:tab/><w:t>制表</w:t></w:r>')
        + '<w:sdt><w:sdtContent>' + p("内容控件") + '</w:sdtContent></w:sdt>'
    )
    converted = convert(docx(body), "t.docx")
    assert [line for line in converted.lines if line] == ["第页", "2024年1月17日", "可见的字", "文本框里的字", "换行前", "换行后 制表", "内容控件"]
    box = converted.lines.index("文本框里的字") + 1
    assert converted.origin(box) == Origin("docx", paragraph=3, note="text box")
    assert converted.origin(box).describe() == "第3段（文本框）"
    assert converted.origin(box).describe("en") == "paragraph 3 (text box)"
    assert converted.notes == ("1 footnote/endnote reference(s): the notes' text is not read",)


def test_docx_table_merges_deleted_rows_and_boxes():
    def tc(text, props=""):
        return f"<w:tc><w:tcPr>{props}</w:tcPr>{p(text)}</w:tc>"

    restart, span, merged = '<w:vMerge w:val="restart"/>', '<w:gridSpan w:val="2"/>', "<w:vMerge/>"
    table = (
        '<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>'
        f'<w:tr>{tc("甲", restart)}{tc("乙丙", span)}</w:tr>'
        f'<w:tr>{tc("", merged)}{tc("乙")}{tc("丙")}</w:tr>'
        f'<w:tr><w:trPr><w:del w:id="1" w:author="a"/></w:trPr>{tc("删")}{tc("除")}{tc("行")}</w:tr>'
        f'<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>{tc("1")}{tc("2")}</w:tr>'
        '</w:tbl>'
    )
    frame = f'<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid><w:tr>{tc("框里的一段话。")}</w:tr></w:tbl>'
    converted = convert(docx(table + frame), "t.docx")
    assert converted.lines == ["甲\t乙丙\t", "\t乙\t丙", "\t1\t2", "", "框里的一段话。"]
    assert converted.origin(3) == Origin("docx", table=1, row=3)
    assert converted.origin(5) == Origin("docx", table=2, row=1, cell=1)
    assert converted.notes[0].startswith("the document has tracked changes (0 insertion(s), 1 deletion(s))")


def test_docx_table_of_contents_is_not_read():
    styles = '<w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/></w:style>'
    body = (p(runs='<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>TOC \\o "1-3"</w:instrText></w:r>'
                   '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>一、总体情况……1</w:t></w:r>', props='<w:pStyle w:val="TOC1"/>')
            + p(runs='<w:r><w:t>二、主动公开……2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>', props='<w:pStyle w:val="TOC1"/>')
            + p("一、总体情况"))
    converted = convert(docx(body, styles=styles), "t.docx")
    assert converted.lines == ["一、总体情况"]
    assert converted.notes == ("the table of contents is not read (its lines repeat the headings)",)


def test_docx_without_a_body_part():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", f"<w:document {W_NS}></w:document>")
    with pytest.raises(InputError, match=r"^t.docx: not a Word document \(word/document.xml has no body\)$"):
        convert(out.getvalue(), "t.docx")


def test_docx_with_malformed_xml():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document><w:body>")
    with pytest.raises(InputError, match=r"^t.docx: a damaged .docx \(word/document.xml is not well-formed XML"):
        convert(out.getvalue(), "t.docx")


@pytest.mark.parametrize(("number", "fmt", "shown"), [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (11, "chineseCounting", "十一"), (20, "chineseCounting", "二十"),
    (23, "chineseCountingThousand", "二十三"), (105, "chineseCounting", "一百零五"), (3, "chineseLegalSimplified", "叁"),
    (2, "ideographTraditional", "乙"), (12, "ideographDigital", "一二"), (3, "decimalEnclosedCircle", "③"),
    (4, "upperRoman", "IV"), (27, "lowerLetter", "aa"), (7, "decimalFullWidth", "７"), (5, "decimalZero", "05"),
    (2, "bullet", ""),
])
def test_number_formats(number, fmt, shown):
    from govlint.read.docx import format_number

    assert format_number(number, fmt) == shown


# ---- web page features ---------------------------------------------------------------------------------

SECTIONS = "".join(f"<p>{h}</p><p>正文{i}。</p>" for i, h in enumerate(
    ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况",
     "五、存在的主要问题及改进情况", "六、其他需要报告的事项"], 1))


def test_html_gbk_page_with_chrome_and_metadata():
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
        '<meta name="PubDate" content="2024-01-20 09:00"><title>某局2023年政府信息公开工作年度报告_某县政府</title></head>'
        '<body><div class="nav">首页 政务公开</div><div class="info">发布时间：2024-01-18 10:30 来源：某局</div>'
        f'<div id="content">{SECTIONS}<div class="share">分享到：微信</div></div>'
        '<div class="footer">版权所有</div><script>var a = "一、总体情况";</script></body></html>'
    )
    converted = convert(page.encode("gb18030"), "page.htm")
    assert converted.lines[:5] == ["# 某局2023年政府信息公开工作年度报告", "", "一、总体情况", "", "正文1。"]
    assert converted.lines[-1] == "正文6。"
    for chrome in ("首页", "分享", "版权", "var a"):
        assert chrome not in converted.text
    assert converted.metadata == {"发布时间": "2024-01-18", "PubDate": "2024-01-20 09:00"}
    assert converted.published == datetime.date(2024, 1, 18)


def test_html_tables_spans_nbsp_and_line_breaks():
    page = (
        "<html><body><div>" + SECTIONS.replace("<p>正文3。</p>", (
            "<table><tr><td rowspan=2>甲</td><td colspan=2>乙<br>丙</td></tr>"
            "<tr><td><span><font>1</font></span></td><td>&nbsp;</td></tr>"
            "<tr><td style='display:none'>隐藏</td><td>商业\n</td><td><p>企业</p></td></tr></table>"
            "<p>第一行<br/>第二行<span style='display:none'>看不见</span></p>"
        )) + "</div></body></html>"
    )
    lines = convert(page.encode(), "page.html").lines
    at = lines.index("甲\t乙丙\t")
    assert lines[at:at + 6] == ["甲\t乙丙\t", "\t1\t", "商业\t企业\t", "", "第一行", "第二行"]


def test_html_layout_table_is_read_as_blocks_and_source_positions():
    page = "<html><body>\n<table><tr><td>\n  <table><tr><td>导航</td></tr></table>\n" + SECTIONS.replace("<p>", "\n<p>") + "\n</td></tr></table></body></html>"
    converted = convert(page.encode(), "page.html")
    assert "一、总体情况" in converted.lines and "\t" not in converted.text
    line = converted.lines.index("二、主动公开政府信息情况") + 1
    source = page.split("\n")
    origin = converted.origin(line)
    assert source[origin.line - 1][origin.column - 1:].startswith("二、主动公开政府信息情况")


def test_html_whitespace():
    page = "<html><body>" + SECTIONS.replace("正文1。", "二〇二三年，\n   我局  共收到\u00a0申请 3 件。") + "</body></html>"
    assert "二〇二三年，我局 共收到 申请 3 件。" in convert(page.encode(), "page.html").lines


# ---- shared pieces -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("line", ["-3-", "- 3 -", "— 3 —", "－ 12 －", "3", "第3页", "第 3 页 共 5 页", "共5页 第3页", "3/5",
                                  "Page 3 of 5", "- iv -"])
def test_page_numbers(line):
    assert is_page_number(line)


@pytest.mark.parametrize("line", ["一、总体情况", "2023年", "三、本年度办理结果", "3件", "第三部分", "mix"])
def test_not_page_numbers(line):
    assert not is_page_number(line)


def test_running_lines():
    pages = [["某局2023年报告", "正文开头", "第1页"], ["某局2023年报告", "第2页"], ["某局2023年报告", "别的", "第3页"]]
    assert running_lines(pages) == {"某局#年报告", "第#页"}
    assert running_lines([["只有一页"]]) == set()


def test_joining_and_cells():
    assert join_pieces(["商业", "企业"]) == "商业企业"
    assert join_pieces(["annual", "report"]) == "annual report"
    assert join_pieces(["电话：0517-", "87222589"]) == "电话：0517-87222589"
    assert clean_cell("\u00a0") == "" and clean_cell(" 结果\n维持 ") == "结果 维持"


def test_origin_descriptions():
    assert Origin("pdf", page=3, line=12).describe() == "第3页第12行"
    assert Origin("pdf", page=3, line=12).describe("en") == "page 3, line 12"
    assert Origin("docx", paragraph=7).describe() == "第7段"
    assert Origin("docx", paragraph=7).describe("en") == "paragraph 7"
    assert Origin("html", line=40, column=7).describe() == "源文件第40行第7列"
    assert Origin("html", line=40, column=7).describe("en") == "source line 40, column 7"
    assert Origin("pdf", page=3, line=12).to_dict() == {"kind": "pdf", "page": 3, "line": 12}


def test_to_source(hongze):
    source = hongze.to_source()
    assert (source.path, source.encoding, source.text) == ("hongze-qzf-2023.pdf", "pdf", hongze.text)
