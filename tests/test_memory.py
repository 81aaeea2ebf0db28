"""Memory on large inputs (issue 16): the structures a report keeps per line stay small.

Structure only, no timings or sizes: what is shared instead of copied, and which per-line objects
carry no attribute dictionary. `benchmarks/bench_memory.py` measures the peak itself.
"""

from conftest import seed_text

from govlint.model.report import ProseLine, Report, TextParagraph
from govlint.read.source import decode
from govlint.syntax import parser
from govlint.syntax.nodes import Cell, Comment, Document, FrontMatter, Heading, ListItem, Numbering, Paragraph, Row, Table
from govlint.syntax.parser import parse, shared


def _report(text: str) -> Report:
    return Report(decode(text.encode("utf-8"), "r.txt"))


def test_per_line_objects_have_no_attribute_dictionary():
    for cls in (Cell, Row, Table, Paragraph, Heading, ListItem, Comment, FrontMatter, Numbering, ProseLine, TextParagraph):
        assert "__slots__" in vars(cls), cls
    report = _report(seed_text("003"))
    table = report.parsed_tables[0]
    for node in (table, table.rows[0], table.rows[0].cells[0], report.prose[0], report.paragraphs[0], report.blocks[0]):
        assert not hasattr(node, "__dict__"), type(node).__name__


def test_blocks_share_the_lines_and_line_numbers_of_the_report():
    report = _report("某局2023年政府信息公开工作年度报告\n\n一、总体情况\n本年公开信息5条。\n\t规章\t0\n")
    paragraph = next(b for b in report.blocks if isinstance(b, Paragraph) and b.span.line == 4)
    assert paragraph.text is report.lines[3]  # the same string, not a copy of the line
    numbers = report._numbers
    assert paragraph.span.line is numbers[4]
    assert all(prose.line is numbers[prose.line] for prose in report.prose)
    assert all(number is numbers[number] for number, _ in report.table_lines)
    assert numbers[2] is None  # a blank line: no int made for it


def test_short_lines_and_cells_are_one_string_each():
    report = _report(seed_text("003"))  # a Word-export table: a line per cell
    zeros = [line for line in report.lines if line == "\t0"]
    assert len(zeros) > 10 and all(line is zeros[0] for line in zeros)
    totals = [cell.text for table in report.parsed_tables for row in table.rows for cell in row.cells if cell.text == "总计"]
    assert len(totals) >= 2 and all(text is totals[0] for text in totals)


def test_parse_builds_no_tree_and_shares_only_inside_shared():
    text = "一、总体情况\n本年公开信息5条。\n"
    document = parse(text)
    assert isinstance(document, Document) and all(type(b).__module__ == "govlint.syntax.nodes" for b in document.blocks)
    lines = text.split("\n")[:-1]
    assert parse(text).blocks[1].text is not lines[1]
    with shared(lines):
        assert parse(text).blocks[1].text is lines[1]
    assert getattr(parser._parsing, "lines", None) is None  # nothing kept after the parse


def test_table_lines_are_made_on_use_not_kept():
    report = _report(seed_text("003"))
    first = report.table_lines
    assert first and first == report.table_lines and first is not report.table_lines
    assert "table_lines" not in vars(report)
    assert list(report.iter_table_lines()) == first
    # the same pairs as the line ranges of the tables, page numbers and blank lines left out
    pages = {line for line, _ in report.page_lines}
    numbers = sorted({n for t in report.parsed_tables for n in range(t.span.line, t.span.end_line + 1)} - pages)
    assert first == [(n, report.lines[n - 1]) for n in numbers if report.lines[n - 1].strip()]
