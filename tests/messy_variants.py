"""Realistic messy versions of a well-formed report, as users make them (issue 11), with the map back.

`pdf_paste(text)` is what copying a report out of a PDF viewer gives: running text hard-wrapped
every `width` characters, and a page number (“- 3 -”) between the pages — inside paragraphs and
between the rows of a table. It returns the messy text and a `Moves` that says where each
position of the original went, so a test can require "the same findings, at the mapped places".

Cuts fall between two Chinese characters only (never after a sentence end, before a numbering,
inside a doubled character, a heading, a table or the 落款), and page numbers go where a page
break leaves the structure as it was: between two lines of running text or two rows of a
tab-separated table, never inside a Word-export cell or a Markdown table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from govlint.model.formats import load_formats
from govlint.model.report import Report
from govlint.read.source import decode
from govlint.syntax.nodes import Comment, FrontMatter, ListItem, Paragraph, Table

_CJK = re.compile(r"[\u4e00-\u9fff]")
_NUMERALS = set("一二三四五六七八九十")
_SENTENCE_END = set("。！？；：:;!?…")


@dataclass
class Moves:
    """Original (line, 0-based index) → messy (line, 0-based index)."""

    lines: dict[int, list[tuple[int, int, int]]] = field(default_factory=dict)  # line → [(start index, new line, new start)]
    pages: list[int] = field(default_factory=list)  # the inserted page-number lines (messy numbering)
    rows: dict[int, int] = field(default_factory=dict)  # a row rewritten with a leading “|” → where its last cell starts

    def position(self, line: int, index: int) -> tuple[int, int]:
        pieces = self.lines.get(line)
        if not pieces:
            return line, index
        for start, new_line, new_start in reversed(pieces):
            if index >= start:
                return new_line, new_start + index - start
        return pieces[0][1], index

    def span(self, line: int, column: int, end_line: int, end_column: int) -> tuple[int, int, int, int]:
        """A finding's 1-based span (end exclusive) in the messy text."""
        new_line, new_column = self.position(line, column - 1)
        if column == 1 and line in self.rows and (end_line > line or end_column - 1 > self.rows[line]):
            new_column = 0  # a finding on the whole row starts where the row does, at its “|”
        if (end_line, end_column) == (line, column):
            return new_line, new_column + 1, new_line, new_column + 1
        last_line, last_column = self.position(end_line, max(end_column - 2, 0))
        return new_line, new_column + 1, last_line, last_column + 2


def _kinds(text: str) -> tuple[dict[int, str], set[int]]:
    """Each line's kind (wrap: running text that may be wrapped; tab: a row of a tab table; other), and
    the lines a wrap must leave alone (title, 落款, headings)."""
    report = Report(decode(text.encode("utf-8"), "report.md"), load_formats())
    kinds: dict[int, str] = {}
    for block in report.blocks:
        lines = range(block.span.line, block.span.end_line + 1)
        if isinstance(block, Table):
            kind = "tab" if block.layout == "tab" else "fixed"
        elif isinstance(block, (Comment, FrontMatter)):
            kind = "fixed"
        elif isinstance(block, (Paragraph, ListItem)):
            kind = "wrap"
        else:
            kind = "fixed"
        for line in lines:
            kinds[line] = kind
    keep = set(report.signature_block)
    if report.title is not None:
        keep.update(range(1, report.title.span.end_line + 1))
    keep.update(section.span.line for section in report.section_headings)
    return kinds, keep


def _cuts(line: str, width: int) -> list[int]:
    cuts, position = [], 0
    while len(line) - position > width + 8:
        at = position + width
        while at < len(line) - 4 and not _cuttable(line, at):
            at += 1
        if at >= len(line) - 4:
            break
        cuts.append(at)
        position = at
    return cuts


def _cuttable(line: str, at: int) -> bool:
    before, after = line[at - 1], line[at]
    return (bool(_CJK.match(before)) and bool(_CJK.match(after)) and before not in _SENTENCE_END
            and after not in _NUMERALS and before != after and line[at - 2: at] != line[at: at + 2]
            and "http" not in line)


def pdf_paste(text: str, width: int = 36, page_every: int = 25) -> tuple[str, Moves]:
    kinds, keep = _kinds(text)
    original = text.split("\n")
    if original and original[-1] == "":
        original = original[:-1]
    out: list[str] = []
    moves = Moves()
    page = 1
    since_page = 0
    for number, line in enumerate(original, 1):
        kind = kinds.get(number, "blank" if not line.strip() else "fixed")
        previous = kinds.get(number - 1, "blank" if number == 1 or not original[number - 2].strip() else "fixed")
        can_break = number > 6 and (
            (kind == "tab" and previous == "tab")
            or (kind in ("wrap", "blank") and previous in ("wrap", "blank") and not original[number - 2].startswith("\t"))
        )
        if since_page >= page_every and can_break:
            page += 1
            out.append(f"- {page} -")
            moves.pages.append(len(out))
            since_page = 0
        pieces = [0] + (_cuts(line, width) if kind == "wrap" and number not in keep else [])
        moves.lines[number] = []
        for index, start in enumerate(pieces):
            end = pieces[index + 1] if index + 1 < len(pieces) else len(line)
            out.append(line[start:end])
            moves.lines[number].append((start, len(out), 0 if index else 0))
            since_page += 1
    out.append(f"- {page + 1} -")  # the last page's number, after the 落款
    moves.pages.append(len(out))
    return "\n".join(out) + "\n", moves


def mapped(diagnostics, moves: Moves) -> list[tuple]:
    """(code, message id, span) of the original's findings, at their places in the messy text."""
    return sorted((d.code, d.message_id, moves.span(d.line, d.column, d.end_line, d.end_column)) for d in diagnostics)


def found(diagnostics) -> list[tuple]:
    return sorted((d.code, d.message_id, (d.line, d.column, d.end_line, d.end_column)) for d in diagnostics)


# ---- a PDF viewer's copy: tables one cell per line, running headers --------------------------------


def _cell_pieces(cell: str, width: int) -> list[tuple[int, str]]:
    """(offset, text) of the lines a cell's text takes in a narrow PDF column: cut every `width`
    characters between two Chinese characters, never leaving a piece that reads as a value or a numbering."""
    pieces, start = [], 0
    while len(cell) - start > width + 2:
        at = start + width
        while at < len(cell) - 2 and not (_cuttable(cell, at) and not re.match(r"[（(]?[一二三四五六七八九十\d]+[、.．）)]", cell[at:])):
            at += 1
        if at >= len(cell) - 2:
            break
        pieces.append((start, cell[start:at]))
        start = at
    pieces.append((start, cell[start:]))
    return pieces


def pdf_viewer_copy(text: str, width: int = 36, page_every: int = 25, cell_width: int = 16,
                    running: str = "政府信息公开工作年度报告") -> tuple[str, Moves]:
    """What selecting all in a PDF viewer and pasting gives: running text hard-wrapped every `width`
    characters; every table cell on a line of its own with no mark where a row ends (blank cells
    leave no line, a long label wraps in its narrow column every `cell_width` characters); and at
    each page break the page number (“- 3 -”) and the running header (`running`) of the next page —
    between paragraphs, inside paragraphs and between the cells of a table."""
    kinds, keep = _kinds(text)
    original = text.split("\n")
    if original and original[-1] == "":
        original = original[:-1]
    out: list[str] = []
    moves = Moves()
    page, since_page = 1, 0

    def page_break():
        nonlocal page, since_page
        page += 1
        out.append(f"- {page} -")
        moves.pages.append(len(out))
        out.append(running)
        since_page = 0

    for number, line in enumerate(original, 1):
        kind = kinds.get(number, "blank" if not line.strip() else "fixed")
        previous = kinds.get(number - 1, "blank" if number == 1 or not original[number - 2].strip() else "fixed")
        moves.lines[number] = []
        if kind == "tab":
            position = 0
            for cell in line.split("\t"):
                start = position
                position += len(cell) + 1
                if not cell.strip():
                    continue  # a blank cell leaves no line in a PDF copy
                lead = len(cell) - len(cell.lstrip())
                for offset, piece in _cell_pieces(cell.strip(), cell_width):
                    if since_page >= page_every and number > 6:
                        page_break()
                    out.append(piece)
                    moves.lines[number].append((start + lead + offset, len(out), 0))
                    since_page += 1
            continue
        can_break = number > 6 and kind in ("wrap", "blank") and previous in ("wrap", "blank", "tab") and not original[number - 2].startswith("\t")
        if since_page >= page_every and can_break:
            page_break()
        pieces = [0] + (_cuts(line, width) if kind == "wrap" and number not in keep else [])
        for index, start in enumerate(pieces):
            end = pieces[index + 1] if index + 1 < len(pieces) else len(line)
            out.append(line[start:end])
            moves.lines[number].append((start, len(out), 0))
            since_page += 1
    out.append(f"- {page + 1} -")
    moves.pages.append(len(out))
    return "\n".join(out) + "\n", moves


# ---- OCR-like Markdown: pipe tables, trailing empty cells dropped, tables split by page numbers ------


def ocr_markdown(text: str, width: int = 36, page_every: int = 25, running: str = "政府信息公开工作年度报告") -> tuple[str, Moves]:
    """What a PDF/OCR converter's Markdown looks like: running text hard-wrapped every `width`
    characters; tab tables as Markdown rows (`| a | b |`, no `|---|` row) whose empty cells at the end
    are left out; and at a page break — between paragraphs, inside paragraphs and between the rows of a
    table, splitting it in two — a blank line, the page number (“- 3 -”), the next page's running header
    (`running`) and a blank line."""
    kinds, keep = _kinds(text)
    original = text.split("\n")
    if original and original[-1] == "":
        original = original[:-1]
    out: list[str] = []
    moves = Moves()
    page, since_page = 1, 0
    for number, line in enumerate(original, 1):
        kind = kinds.get(number, "blank" if not line.strip() else "fixed")
        previous = kinds.get(number - 1, "blank" if number == 1 or not original[number - 2].strip() else "fixed")
        can_break = number > 6 and (
            (kind == "tab" and previous == "tab")
            or (kind in ("wrap", "blank") and previous in ("wrap", "blank") and not original[number - 2].startswith("\t"))
        )
        if since_page >= page_every and can_break:
            page += 1
            out.extend(["", f"- {page} -", running, ""])
            moves.pages.append(len(out) - 2)
            since_page = 0
        moves.lines[number] = []
        if kind == "tab":
            cells = line.split("\t")
            while len(cells) > 1 and not cells[-1].strip():
                cells.pop()  # a converter leaves out the empty cells at the end of a row
            row, position = "|", 0
            for cell in cells:
                # a cell is read from its text, a blank one from the space after its “|”
                moves.lines[number].append((position, len(out) + 1, len(row) + (1 if cell.strip() else 0)))
                moves.rows[number] = position
                position += len(cell) + 1
                row += f" {cell} |"
            out.append(row)
            since_page += 1
            continue
        pieces = [0] + (_cuts(line, width) if kind == "wrap" and number not in keep else [])
        for index, start in enumerate(pieces):
            end = pieces[index + 1] if index + 1 < len(pieces) else len(line)
            out.append(line[start:end])
            moves.lines[number].append((start, len(out), 0))
            since_page += 1
    out.append(f"- {page + 1} -")
    moves.pages.append(len(out))
    return "\n".join(out) + "\n", moves
