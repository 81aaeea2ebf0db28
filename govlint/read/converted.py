"""A report read from a .docx, a web page or a PDF: its text in govlint's layout, and where each line came from.

The text is what `govlint convert FILE` prints and what the parser reads: Markdown headings, one
paragraph a line with a blank line between paragraphs, and tables as TAB-separated rows (one row a
line, a merged cell's text in its first cell and the cells it covers left empty). Every diagnostic's
line and column refer to this text; `Converted.origin_at(line, column)` says where that place is in
the original file (a page and line of a PDF, a paragraph or table cell of a Word document, a line
and column of a web page's source).
"""

from __future__ import annotations

import bisect
import datetime
import re
from dataclasses import dataclass, field

from govlint.read.source import Source

_ORIGIN_FIELDS = ("page", "line", "column", "paragraph", "table", "row", "cell")


@dataclass(frozen=True)
class Origin:
    """A place in the original file.

    kind is "docx", "pdf" or "html". A Word paragraph has `paragraph` (1-based, body paragraphs
    counted in reading order, table cells not counted); a Word or HTML table cell has `table`,
    `row` and `cell` (1-based, `cell` a grid column, so a merged cell has the number of its first
    column); a PDF line has `page` and `line` (the line's number on the page, counted from the top,
    a table row counting as one line); a web page has `line` and `column` in its source (1-based,
    code points).
    """

    kind: str
    page: int | None = None
    line: int | None = None
    column: int | None = None
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None
    note: str | None = None  # "text box", "footnote" … where the place is not the main text

    def to_dict(self) -> dict:
        """The fields that are set, for JSON output: {"kind": "pdf", "page": 3, "line": 12}."""
        data: dict = {"kind": self.kind}
        for name in _ORIGIN_FIELDS:
            value = getattr(self, name)
            if value is not None:
                data[name] = value
        if self.note:
            data["note"] = self.note
        return data

    def with_cell(self, cell: int | None) -> Origin:
        return Origin(self.kind, self.page, self.line, self.column, self.paragraph, self.table, self.row, cell, self.note)

    def describe(self, lang: str = "zh") -> str:
        """The place in words: "第3页第12行", "表2第3行第4格", "第7段（文本框）", "源文件第40行第7列（表1第4行第3格）";
        in English "page 3, line 12", "table 2, row 3, cell 4", "source line 40, column 7 (table 1, row 4, cell 3)"."""
        zh = lang != "en"

        def words(*pairs) -> str:
            shown = [(f"{a}{value}{b}" if zh else f"{c} {value}") for (a, b, c), value in pairs if value is not None]
            return ("" if zh else ", ").join(shown)

        page, line, column = ("第", "页", "page"), ("第", "行", "line"), ("第", "列", "column")
        table, row, cell, paragraph = ("表", "", "table"), ("第", "行", "row"), ("第", "格", "cell"), ("第", "段", "paragraph")
        if self.kind == "pdf":
            text = words((page, self.page), (line, self.line))
        elif self.kind == "html":
            source = ("源文件第", "行", "source line")
            text = words((source, self.line), (column, self.column))
            if self.table is not None:
                where = words((table, self.table), (row, self.row), (cell, self.cell))
                text += f"（{where}）" if zh else f" ({where})"
        elif self.table is not None:
            text = words((table, self.table), (row, self.row), (cell, self.cell))
        else:
            text = words((paragraph, self.paragraph))
        if self.note:
            text += _NOTES.get(self.note, self.note) if zh else f" ({self.note})"
        return text


_NOTES = {"text box": "（文本框）", "footnote": "（脚注）"}


@dataclass(frozen=True)
class Converted:
    """A converted report.

    `origins[i]` is where line i+1 of `text` came from (None for the blank lines the reader adds).
    A line made of several pieces (a PDF paragraph re-joined across lines and pages) has all of
    them in `pieces[i]` as (start column, origin) pairs; `origin_at` picks the right one.
    """

    path: str
    kind: str  # docx | pdf | html | text
    text: str  # LF line endings, ends with "\n"
    origins: tuple[Origin | None, ...]
    pieces: tuple[tuple[tuple[int, Origin], ...], ...] = ()
    notes: tuple[str, ...] = ()  # what the reader wants the user to know ("tracked changes …"), one line each
    metadata: dict = field(default_factory=dict)  # labelled facts around the report (a web page's 索引号, 公开日期 …)
    published: datetime.date | None = None  # the publication date the page states (公开日期/发布日期/发布时间)

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")[:-1]

    def origin(self, line: int) -> Origin | None:
        """Where line `line` (1-based) of the text came from."""
        return self.origins[line - 1] if 1 <= line <= len(self.origins) else None

    def origin_at(self, line: int, column: int = 1) -> Origin | None:
        """Where the character at `line`, `column` (1-based, code points) came from; in a table row
        the cell is the TAB-separated cell that holds the column."""
        if not 1 <= line <= len(self.origins):
            return None
        found = self.origins[line - 1]
        if self.pieces and self.pieces[line - 1]:
            starts = [start for start, _ in self.pieces[line - 1]]
            found = self.pieces[line - 1][max(0, bisect.bisect_right(starts, column) - 1)][1]
        if found is not None and found.row is not None and found.kind != "pdf":
            text = self.lines[line - 1]
            found = found.with_cell(text[: max(0, column - 1)].count("\t") + 1)
        return found

    def with_front_matter(self) -> Converted:
        """The same report with `metadata` (索引号, 发布机构, 公开日期 …) as YAML front matter on top, the
        way the parser reads metadata: a web page's publication date becomes a fact the model can use,
        and `govlint convert page.html > page.md` keeps it. Line numbers move down by its length."""
        if not self.metadata:
            return self
        head = ["---"] + [f"{key}: {_yaml_scalar(value)}" for key, value in self.metadata.items()] + ["---"]
        pieces = ((),) * len(head) + self.pieces if self.pieces else ()
        return Converted(self.path, self.kind, "".join(line + "\n" for line in head) + self.text, (None,) * len(head) + self.origins,
                         pieces, self.notes, dict(self.metadata), self.published)

    def to_source(self) -> Source:
        """The text as a `Source` for the parser (its encoding names the reader: "docx", "pdf", "html")."""
        return Source(path=self.path, text=self.text, encoding=self.kind, converted=self)


def _yaml_scalar(value) -> str:
    """A value on one line, as the front-matter reader takes it (everything after "key: ")."""
    return " ".join(str(value).split()).replace("---", "—")


class TextBuilder:
    """Collects output lines with their origins; blocks are separated by one blank line."""

    def __init__(self):
        self.lines: list[str] = []
        self.origins: list[Origin | None] = []
        self.pieces: list[tuple[tuple[int, Origin], ...]] = []
        self._in_table = False

    def _separate(self):
        if self.lines and self.lines[-1] != "":
            self._add("", None)

    def _add(self, text: str, origin: Origin | None, pieces: tuple = ()):
        self.lines.append(text)
        self.origins.append(origin)
        self.pieces.append(pieces)

    def paragraph(self, text: str, origin: Origin | None, pieces: tuple = (), separate: bool = True):
        """One paragraph (one line; a newline inside it starts a new line with the same origin).
        Without `separate` it goes on the line after the last one, with no blank line between."""
        parts = [clean_line(part) for part in text.split("\n")]
        parts = [part for part in parts if part]
        if not parts:
            return
        if separate or self._in_table:
            self._separate()
        self._in_table = False
        for part in parts:
            self._add(part, origin, pieces if len(parts) == 1 else ())

    def table_row(self, cells: list[str], origin: Origin | None, cell_origins: list[Origin | None] | None = None):
        """One table row; consecutive rows form one table, a paragraph or `end_table` ends it.
        `cell_origins` (one per cell, None where a cell has none of its own) place each cell."""
        if not self._in_table:
            self._separate()
            self._in_table = True
        texts = [clean_cell(c) for c in cells]
        pieces = []
        if cell_origins:
            start = 1
            for text, cell_origin in zip(texts, cell_origins):
                if cell_origin is not None:
                    pieces.append((start, cell_origin))
                start += len(text) + 1
            if pieces and pieces[0][0] != 1:
                pieces.insert(0, (1, origin))
        self._add("\t".join(texts), origin, tuple(pieces))

    def end_table(self):
        self._in_table = False

    def build(self, path: str, kind: str, notes=(), metadata=None, published=None) -> Converted:
        while self.lines and self.lines[-1] == "":
            self.lines.pop()
            self.origins.pop()
            self.pieces.pop()
        text = "".join(line + "\n" for line in self.lines)
        has_pieces = any(self.pieces)
        return Converted(
            path=path, kind=kind, text=text, origins=tuple(self.origins),
            pieces=tuple(self.pieces) if has_pieces else (), notes=tuple(notes),
            metadata=dict(metadata or {}), published=published,
        )


# ---- text helpers shared by the readers ------------------------------------------------------

_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0\u2002\u2003\u2009\u200b\ufeff]+")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")


def is_wide(char: str) -> bool:
    """A CJK character or full-width punctuation: no space is written next to it when lines join."""
    code = ord(char)
    return (
        0x2E80 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFE30 <= code <= 0xFE4F
        or 0xFF00 <= code <= 0xFFEF or 0x3000 <= code <= 0x303F or 0x20000 <= code <= 0x3FFFF
        or char in "“”‘’—…·"
    )


def join_pieces(pieces: list[str]) -> str:
    """Join the lines of a wrapped paragraph or a table cell: nothing between Chinese characters,
    one space between two pieces of Latin text."""
    out = ""
    for piece in pieces:
        piece = piece.strip(" \u3000")
        if not piece:
            continue
        if out and not is_wide(out[-1]) and not is_wide(piece[0]) and not out.endswith("-"):
            out += " "
        out += piece
    return out


def clean_line(text: str) -> str:
    """A paragraph line: zero-width characters gone, no tab (a tab would make it a table row),
    runs of spaces as one, no spaces at the ends."""
    text = _ZERO_WIDTH.sub("", text).replace("\t", " ").replace("\u00a0", " ")
    text = re.sub(r" {2,}", " ", text)
    return text.strip(" \u3000")


def clean_cell(text: str) -> str:
    """A table cell: no tab or newline inside, runs of spaces as one, `&nbsp;`-only cells blank."""
    text = _ZERO_WIDTH.sub("", text)
    return " ".join(p for p in _SPACES.split(text.replace("\u3000", " ").strip()) if p)
