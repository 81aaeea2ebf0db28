"""The syntax tree the parser builds: blocks of the document, each with its span.

Spans are 1-based; `end_column` is one past the last character (columns count code points).
Every node has `__slots__` (`slots=True`): a large report has a block, row or cell per line, and a
node without them carries its attributes in a dictionary-like table of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from govlint.base.spans import Span  # noqa: F401  (re-exported: blocks carry spans)


@dataclass(frozen=True, slots=True)
class Numbering:
    """The ordinal in front of a heading or list item: style and value ("（二）" → cn_paren, 2)."""

    marker: str  # as written, e.g. "（二）", "1、", "##"
    style: str  # markdown | cn | cn_paren | arabic | arabic_paren | circled
    ordinal: int  # 0 for Markdown headings


@dataclass(slots=True)
class Block:
    span: Span
    text: str  # the line's text without its numbering or '#' marks, stripped


@dataclass(slots=True)
class Heading(Block):
    numbering: Numbering | None
    level: int | None = None  # Markdown level (1–6), None for a numbered line


@dataclass(slots=True)
class ListItem(Block):
    numbering: Numbering | None  # None for a '-', '*' or '+' bullet


@dataclass(slots=True)
class Paragraph(Block):
    pass


@dataclass(slots=True)
class Comment(Block):
    pass


@dataclass(slots=True)
class FrontMatter(Block):
    """Metadata above the report (YAML front matter, an archiver's header): `fields` by key."""

    fields: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Cell:
    span: Span
    text: str  # as written in the file, continuation lines joined


@dataclass(slots=True)
class Row:
    span: Span
    cells: list[Cell]


@dataclass(slots=True)
class Table:
    span: Span
    layout: str  # tab | word | pipe
    rows: list[Row] = field(default_factory=list)
    delimited: bool = False  # a pipe table with its |---| row, i.e. a real Markdown table

    @property
    def one_cell_rows(self) -> bool:
        """Every cell on a line of its own with nothing marking rows ("规章 |" / "0 |" …): the
        table's structure was lost on the way and its cells cannot be told apart."""
        single = sum(1 for row in self.rows if sum(1 for c in row.cells if c.text.strip()) <= 1)
        return len(self.rows) >= 4 and single >= 0.8 * len(self.rows)


@dataclass(slots=True)
class Document:
    blocks: list[Block | Table]
