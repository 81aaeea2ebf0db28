"""grammar/report.lark → a `Document` of headings, paragraphs, list items and tables."""

from __future__ import annotations

import re
import threading
from contextlib import contextmanager
from functools import cache

from lark import Lark, Token
from lark import __version__ as lark_version
from lark.exceptions import LarkError
from lark.grammar import Rule as LarkRule
from lark.lexer import TerminalDef

from govlint.base import datacache
from govlint.base.chinese import chinese_number
from govlint.base.resources import data_dir
from govlint.base.spans import Span
from govlint.syntax.nodes import (
    Cell,
    Comment,
    Document,
    FrontMatter,
    Heading,
    ListItem,
    Numbering,
    Paragraph,
    Row,
    Table,
)

# The numbering of the document hierarchy, 一、 > （一） > 1. > （1） > ①, in one place for every reader.
CN_ORDINAL = "[一二三四五六七八九十]{1,3}"
_NUMBERING = re.compile(
    r"[ \u3000]*(?:"
    rf"(?P<cn>{CN_ORDINAL})[、．.]"
    rf"|[（(](?P<cn_paren>{CN_ORDINAL})[)）]"
    r"|(?P<arabic>\d{1,2})(?:[、．]|\.(?!\d))"
    r"|[（(](?P<arabic_paren>\d{1,2})[)）]"
    r"|(?P<circled>[①-⑳])"
    r")[ \u3000]*"
)
# The same markers in front of a table label or a sentence (一、 （一） （1） 1、 1.), as a regular
# expression to embed: here an Arabic number is never followed by a digit (“1、2” is no numbering).
LABEL_NUMBERING = rf"{CN_ORDINAL}[、.．]|[（(][一二三四五六七八九十\d]{{1,3}}[)）]|\d{{1,2}}[、.．](?!\d)"
_MD_HEADING = re.compile(r"[ ]{0,3}(#{1,6})(?:[ \t]+|$)")
_BULLET = re.compile(r"[ ]{0,3}[-*+][ \t]+")


class ParseError(Exception):
    def __init__(self, message: str, line: int, column: int):
        super().__init__(message)
        self.line = line
        self.column = column


@cache
def _lark() -> Lark:
    # Every terminal is a whole line and carries its own line and column, and every span is built
    # from tokens, so propagate_positions would only copy them onto tree nodes: it is left off,
    # which makes parsing a 400-line report about 40 % faster.
    grammar = (data_dir("grammar") / "report.lark").read_text(encoding="utf-8")
    options = dict(parser="lalr", lexer="contextual", propagate_positions=False)
    # Blocks are made as the parser reduces each rule (`_ToBlocks`): no parse tree is built, and a
    # line's tokens (a Lark token holds its text twice) are dropped once its block is made, so the
    # parse does not hold every token of a large file at once.
    transformer = _ToBlocks()
    # Building the LALR tables costs ~18 ms; loading them back ~2 ms. They are kept in govlint's
    # own data cache as JSON (never Lark's pickle in the shared temp folder), keyed by the grammar.
    # Loading takes only the options that do not change the tables (the parser and lexer kinds are in
    # the stored data; passing them again is refused).
    entry = datacache.key("grammar", grammar, lark_version, sorted(options.items()))
    stored = datacache.load("grammar", entry)
    if isinstance(stored, dict) and {"data", "memo"} <= stored.keys():
        try:
            return Lark._load_from_dict(stored["data"], stored["memo"], transformer=transformer, propagate_positions=False)
        except Exception:
            pass  # a damaged entry: build the tables again
    data, memo = Lark(grammar, **options).memo_serialize([TerminalDef, LarkRule])  # the tables alone, no transformer
    datacache.store("grammar", entry, {"data": data, "memo": memo})
    return Lark._load_from_dict(data, memo, transformer=transformer, propagate_positions=False)


# What the caller shares with the blocks of a text it parses (`with shared(lines, numbers): parse(text)`):
# a block's text that is its whole line is that line's string, not a second copy of it, and a span's
# line is the caller's int object for that number, not one more per line; a short word-table cell's
# text is one string for all its repeats.
_parsing = threading.local()


@contextmanager
def shared(lines: list[str], numbers: list[int | None] | None = None):
    """Parses inside share `lines` (the text's lines: `text.split("\n")`, the last empty piece left
    off) with their blocks instead of copying them; `numbers[n]`, when given, is the int n that spans on
    line n hold (None: the first span on that line puts its own there)."""
    previous = tuple(getattr(_parsing, name, None) for name in ("lines", "numbers", "texts"))
    _parsing.lines, _parsing.numbers, _parsing.texts = lines, numbers, {}
    try:
        yield
    finally:
        _parsing.lines, _parsing.numbers, _parsing.texts = previous


def parse(text: str) -> Document:
    if not text.endswith("\n"):
        text += "\n"  # every terminal is a whole line, the last one included
    try:
        blocks = _lark().parse(text)
    except LarkError as error:
        line = getattr(error, "line", 1) or 1
        column = getattr(error, "column", 1) or 1
        raise ParseError(str(error).strip().splitlines()[0], line, column) from None
    return Document(blocks=blocks)


def parse_numbering(text: str) -> tuple[Numbering | None, str]:
    """Split "（二）依申请公开" into its numbering and the rest."""
    match = _NUMBERING.match(text)
    if not match:
        return None, text.strip()
    style = match.lastgroup
    value = match.group(style)
    if style in ("cn", "cn_paren"):
        ordinal = chinese_number(value)
    elif style == "circled":
        ordinal = ord(value) - ord("①") + 1
    else:
        ordinal = int(value)
    marker = match.group(0).strip(" \u3000")
    return Numbering(marker, style, ordinal), text[match.end():].strip()


def _line(token: Token) -> tuple[Span, str]:
    raw = token.value.rstrip("\n")
    lines, numbers, line = getattr(_parsing, "lines", None), getattr(_parsing, "numbers", None), token.line
    if lines is not None and token.column == 1 and line <= len(lines) and lines[line - 1] == raw:
        raw = lines[line - 1]  # the caller's string for this line: one copy of it, not two
    if numbers is not None and line < len(numbers):
        if numbers[line] is None:
            numbers[line] = line  # this token's int is the one for its line from now on
        else:
            line = numbers[line]  # the caller's int for this number
    return Span.of_line(line, token.column, raw), raw


def _block(kind: str, children: list):
    token = children[0] if kind in ("heading", "list_item", "paragraph", "comment", "front_matter") else None
    if kind == "front_matter":
        lines = token.value.rstrip("\n").split("\n")
        fields = {}
        for line in lines:
            key, sep, value = line.partition(":") if ":" in line else line.partition("：")
            if sep and key.strip() and not key.strip().startswith("-"):
                fields[key.strip()] = value.strip()
        end_line = token.line + len(lines) - 1
        return FrontMatter(Span(token.line, 1, end_line, len(lines[-1]) + 1), "", fields)
    if kind == "heading":
        span, raw = _line(token)
        if token.type == "MD_HEADING":
            marks = _MD_HEADING.match(raw)
            level = len(marks.group(1))
            numbering, rest = parse_numbering(raw[marks.end():].strip())
            return Heading(span, rest.strip(" #"), numbering or Numbering(marks.group(1), "markdown", 0), level)
        numbering, rest = parse_numbering(raw)
        return Heading(span, rest, numbering)
    if kind == "list_item":
        span, raw = _line(token)
        if token.type == "BULLET":
            return ListItem(span, raw[_BULLET.match(raw).end():].strip(), None)
        numbering, rest = parse_numbering(raw)
        return ListItem(span, rest, numbering)
    if kind == "paragraph":
        span, raw = _line(token)
        return Paragraph(span, raw.strip())
    if kind == "comment":
        span, raw = _line(token)
        return Comment(span, raw.strip())
    rows = {"tab_table": _tab_rows, "word_table": list, "pipe_table": _pipe_rows}[kind](children)
    delimited = kind == "pipe_table" and len(rows) < len(children)
    if not rows:  # a pipe table that was only a |---| separator: keep it as text
        token = children[0]
        span, raw = _line(token)
        return Paragraph(span, raw.strip())
    return Table(rows[0].span.cover(rows[-1].span), kind.split("_")[0], rows, delimited)


def _split_line(token: Token, separator: str) -> Row:
    span, raw = _line(token)
    cells, column = [], token.column
    for part in raw.split(separator):
        cells.append(Cell(_content_span(span.line, column, part), part))
        column += len(part) + 1
    return Row(span, cells)


def _content_span(line: int, column: int, part: str) -> Span:
    """The span of a cell's text without the spaces around it (a blank cell: where it starts)."""
    stripped = part.strip()
    if not stripped:
        return Span(line, column, line, column)
    start = column + part.index(stripped)
    return Span(line, start, line, start + len(stripped))


def _tab_rows(tokens: list[Token]) -> list[Row]:
    return [_split_line(token, "\t") for token in tokens]


def _pipe_rows(tokens: list[Token]) -> list[Row]:
    rows = []
    for token in tokens:
        row = _split_line(token, "|")
        cells = row.cells
        # The pipes at both ends delimit, they do not make empty cells.
        if cells and not cells[0].text.strip():
            cells = cells[1:]
        if cells and not cells[-1].text.strip():
            cells = cells[:-1]
        if cells and all(re.fullmatch(r"\s*:?-{2,}:?\s*", cell.text) for cell in cells):
            continue  # the |---|---| separator
        rows.append(Row(row.span, [Cell(c.span, c.text.replace("\\|", "|")) for c in cells]))
    return rows


def _word_cell(tokens: list[Token]) -> Cell:
    first, *rest = tokens
    span, raw = _line(first)
    text = raw[1:]
    texts = getattr(_parsing, "texts", None)
    if texts is not None and not rest and len(text) <= 8:
        text = texts.setdefault(text, text)  # a short cell ("12", "商业企业") is one string however often it comes
    span = Span(span.line, span.column + 1, span.end_line, span.end_column)
    for cont in rest:
        cont_span, cont_raw = _line(cont)
        text += cont_raw.strip()
        span = span.cover(cont_span)
    return Cell(span, text)


def _word_row(cells: list[Cell]) -> Row:
    return Row(cells[0].span.cover(cells[-1].span), cells)


class _ToBlocks:
    """The parser's callbacks, rule by rule: each block is made when its rule is reduced (a Word-export
    table's cells and rows as they come), so no parse tree is built. `start` returns the blocks."""

    def start(self, children: list) -> list:
        return children

    def front_matter(self, children):
        return _block("front_matter", children)

    def heading(self, children):
        return _block("heading", children)

    def list_item(self, children):
        return _block("list_item", children)

    def paragraph(self, children):
        return _block("paragraph", children)

    def comment(self, children):
        return _block("comment", children)

    def tab_table(self, children):
        return _block("tab_table", children)

    def pipe_table(self, children):
        return _block("pipe_table", children)

    def word_table(self, rows):
        return _block("word_table", rows)

    def word_row(self, cells):
        return _word_row(cells)

    def word_cell(self, tokens):
        return _word_cell(tokens)
