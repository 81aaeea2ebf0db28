"""The grammar: every layout of the seeds, and Markdown pipe tables, with exact spans."""

from conftest import seed_text

from govlint.base.spans import Span
from govlint.syntax.nodes import Heading, ListItem, Paragraph, Table
from govlint.syntax.parser import parse, parse_numbering


def tables(text):
    return [b for b in parse(text).blocks if isinstance(b, Table)]


def test_headings_lists_and_paragraphs():
    doc = parse("# 标题\n\n一、总体情况\n（一）主动公开情况。本年公开信息5条。\n- 要点\n正文一段。\n")
    kinds = [(type(b).__name__, b.span.line, b.text) for b in doc.blocks]
    assert kinds == [
        ("Heading", 1, "标题"),
        ("Heading", 3, "总体情况"),
        ("ListItem", 4, "主动公开情况。本年公开信息5条。"),
        ("ListItem", 5, "要点"),
        ("Paragraph", 6, "正文一段。"),
    ]
    assert doc.blocks[0].level == 1
    assert doc.blocks[1].numbering.marker == "一、" and doc.blocks[1].numbering.ordinal == 1
    assert doc.blocks[2].numbering.style == "cn_paren"


def test_numbering_styles():
    assert parse_numbering("1、 总体情况")[0].style == "arabic"
    assert parse_numbering("（1） 存在的问题")[0].style == "arabic_paren"
    assert parse_numbering("十二、其他")[0].ordinal == 12
    assert parse_numbering("2023年，我局")[0] is None
    assert parse_numbering("3.5万元")[0] is None


def test_tab_rows_with_blank_lines_inside_stay_one_table():
    (table,) = tables(seed_text("002"))[:1]
    assert table.layout == "tab"
    assert [r.span.line for r in table.rows][:5] == [21, 22, 23, 24, 26]
    assert table.rows[2].cells[1].span == Span(23, 4, 23, 5)


def test_word_export_rows_and_continued_cells():
    application = tables(seed_text("003"))[1]
    assert application.layout == "word"
    header = application.rows[2]
    assert [c.text for c in header.cells][:4] == ["", "", "商业企业", "科研机构"]
    assert header.cells[2].span == Span(70, 2, 71, 3)
    first = application.rows[3]
    assert first.cells[0].text == "一、本年新收政府信息公开申请数量" and first.cells[1].span == Span(80, 2, 80, 3)


def test_markdown_pipe_table_drops_the_separator_row():
    (table,) = tables("| 信息内容 | 本年制发件数 |\n|---|---|\n| 规章 | 3 |\n")
    assert table.layout == "pipe"
    assert [[c.text.strip() for c in r.cells] for r in table.rows] == [["信息内容", "本年制发件数"], ["规章", "3"]]
    assert table.rows[1].cells[1].span == Span(3, 8, 3, 9)


def test_any_text_parses():
    doc = parse("\x0c\n\t\n|\n#\n1.\n（一）\n\u3000\n")
    assert doc.blocks


def test_columns_count_code_points():
    (paragraph,) = parse("政府信息公开\n").blocks
    assert paragraph.span == Span(1, 1, 1, 7)


def test_list_items_and_headings_types():
    doc = parse("5、 存在的主要问题及改进情况\n（1） 存在的问题。2023年，我局政府信息公开工作机制需进一步完善。\n")
    assert isinstance(doc.blocks[0], Heading) and isinstance(doc.blocks[1], ListItem)
    assert not any(isinstance(b, Paragraph) for b in doc.blocks)


def test_the_stored_grammar_tables_are_used_not_rebuilt(tmp_path, monkeypatch):
    # Building the LALR tables is most of a run's start-up; once stored they must be loaded back.
    import lark

    from govlint.syntax import parser as syntax_parser

    monkeypatch.setenv("GOVLINT_CACHE_DIR", str(tmp_path / "cache"))
    syntax_parser._lark.cache_clear()
    built = syntax_parser._lark()
    assert list((tmp_path / "cache").glob("grammar-*.json"))

    def no_building(*args, **kwargs):
        raise AssertionError("the grammar's tables were built again")

    monkeypatch.setattr(lark.Lark, "__init__", no_building)
    syntax_parser._lark.cache_clear()
    try:
        loaded = syntax_parser._lark()
        text = "一、总体情况\n\n正文。\n"
        assert loaded.parse(text) == built.parse(text)
    finally:
        syntax_parser._lark.cache_clear()
