"""PDF → govlint text, with pdfplumber (on pdfminer.six).

Why pdfplumber: a report's figures are in ruled tables (Word and WPS export every border as a line
or a thin rectangle), and pdfplumber finds ruled tables from those edges, merged cells included,
and gives every character with its box, so the reader can rebuild lines, paragraphs and cells
itself. Licences: pdfplumber and pdfminer.six MIT; their compiled dependencies (pypdfium2
Apache-2.0/BSD-3, Pillow MIT-CMU, cryptography Apache-2.0/BSD-3) ship binary wheels for Linux,
macOS and Windows. Measured on one core: the 5-page 洪泽 report converts in 0.28 s (55 ms a page,
tables included; 80 % of it is pdfminer parsing the content streams), a 10-page PDF in 0.55 s, the
6-page LibreOffice export in 0.25 s; `import pdfplumber` costs 78 ms, paid only when a PDF is read.
pypdfium2 alone gives the 5 pages' characters and boxes in 10 ms, but no drawing edges and so no
tables: the faster path if PDFs become the bulk of the work. PyMuPDF is AGPL: not shippable here.

What it does:
- characters into lines in reading order (no spaces invented between Chinese characters; one
  between two pieces of Latin text or digits set apart), de-duplicated (fake bold), upright only;
- ruled tables as grids (filled rectangles that are backgrounds or shading are not borders), a
  merged cell's text in its first cell, the lines of a cell joined; a table that continues on the
  next page (same number of columns, right after the page break) joined to it, a repeated header
  row dropped; a one-column "table" (a frame around text) read as text;
- page numbers (“-3-”, “— 3 —”, “第3页”, “第 3 页 共 5 页”) and running headers/footers removed;
- paragraphs re-joined across line wraps and page breaks (a line that reaches the right margin
  followed by one that is not indented), Chinese joined without a space;
- a PDF without a text layer (a scan), an encrypted one, one with more than MAX_PAGES pages: one
  line of InputError; the work per page is bounded (characters, drawing edges, time).
What it does not do: OCR, multi-column page layouts, tables drawn without rules (whitespace
alignment only; their rows come out as text lines), rotated text, headings by font size.
"""

from __future__ import annotations

import io
import itertools
import re
import statistics
import time
from dataclasses import dataclass, field

from govlint.read.converted import Converted, Origin, TextBuilder, is_wide, join_pieces
from govlint.read.normalise import is_page_number, line_key, running_lines
from govlint.read.source import InputError

MAX_PAGES = 300
MAX_CHARS_PER_PAGE = 30_000  # more than ten pages of text on one page: read its text, skip its tables
MAX_EDGES_PER_PAGE = 3_000  # a drawing, not a table: skip the table finder on that page
MAX_TABLE_CELLS = 20_000  # a report's biggest table has about 300 cells
MAX_SECONDS = 60.0

_HEADING_START = re.compile(r"^[ \u3000]*(?:[一二三四五六七八九十]{1,3}[、．.]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、．]|第[一二三四五六七八九十]+[部章节条])")
_SENTENCE_END = "。！？；：!?;:"


@dataclass
class _Line:
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    text: str
    number: int = 0  # line on the page, from the top


@dataclass
class _Table:
    page: int
    top: float
    bottom: float
    columns: int
    rows: list[tuple[list[str], float]] = field(default_factory=list)  # (cells, top)
    origins: list[Origin] = field(default_factory=list)
    left: float = 0.0
    right: float = 0.0
    xs: list[float] = field(default_factory=list)  # where each grid column starts


def _open(data: bytes, name: str):
    import logging

    import pdfplumber

    # pdfminer logs every oddity of a damaged file as a warning; with no logging configured Python
    # prints them on stderr, hundreds of lines. The reader says what matters in one line instead.
    logging.getLogger("pdfminer").setLevel(logging.CRITICAL)
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = pdf.pages  # parses the page tree: errors of a broken file show here
    except Exception as error:
        cause = getattr(error, "__cause__", None) or (error.args[0] if error.args and isinstance(error.args[0], Exception) else error)
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)) or isinstance(error, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise InputError(f"{name}: the PDF is encrypted (password-protected); save an unprotected copy or lint the Word original") from None
        if isinstance(cause, PDFSyntaxError) or isinstance(error, PDFSyntaxError):
            raise InputError(f"{name}: not a readable PDF (damaged: {' '.join(str(cause).split())[:100]})") from None
        raise
    return pdf, pages


def _rules(page_width: float):
    """Which drawing objects may be table rules: lines, curves, stroked rectangles, thin filled ones
    (Word draws borders so) and filled boxes of a cell's size (WPS paints every cell, and where a
    table breaks across pages the painted cell is the only bottom edge of its last row). A filled
    box as wide as the text is the background of a line of text or a shaded row, not a cell."""

    def keep(obj) -> bool:
        if obj.get("object_type") != "rect":
            return True
        width = obj["x1"] - obj["x0"]
        height = obj["bottom"] - obj["top"]
        return bool(obj.get("stroke")) or min(width, height) <= 2.5 or width < 0.6 * page_width

    return keep


def _ruled_between(a, b, vertical: list[tuple[float, float, float]]) -> bool:
    """Whether a drawn rule separates box `a` from box `b` to its right, over the height they share."""
    x, top, bottom = b[0], max(a[1], b[1]), min(a[3], b[3])
    height = bottom - top
    return any(abs(ex - x) <= 3.5 and et <= top + 0.3 * height and eb >= bottom - 0.3 * height for ex, et, eb in vertical)


def _grid(table, columns: int, chars: list[dict], vertical: list[tuple[float, float, float]]) -> list[tuple[list[str], float]]:
    """The table's rows as lists of cell texts (a merged cell's text in its first column).

    Two cells side by side are one cell when the row is ruled but no rule separates them (WPS paints
    a merged cell as several boxes); characters that fall in no cell box (a cell whose border is
    missing) go to the grid cell under them, so no text is lost."""
    xs = sorted({round(cell[0], 1) for row in table.rows for cell in row.cells if cell is not None})
    boxes: list[list] = []
    for row in table.rows:
        cells = list(row.cells) + [None] * (columns - len(row.cells))
        starts = [i for i, cell in enumerate(cells) if cell is not None]

        if any(_ruled_between(cells[i], cells[j], vertical) for i, j in itertools.pairwise(starts)):
            head = starts[0]
            for j in starts[1:]:
                if _ruled_between(cells[head], cells[j], vertical):
                    head = j
                    continue
                a, b = cells[head], cells[j]  # the box at j is the rest of the cell at head
                cells[head] = (a[0], min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))
                cells[j] = None
        boxes.append(cells)
    texts: list[list[list[dict]]] = [[[] for _ in range(columns)] for _ in boxes]
    for char in chars:
        placed = False
        for r, cells in enumerate(boxes):
            for c, cell in enumerate(cells):
                if cell is not None and _inside(char, cell):
                    texts[r][c].append(char)
                    placed = True
                    break
            if placed:
                break
        if not placed:
            y = (char["top"] + char["bottom"]) / 2
            x = (char["x0"] + char["x1"]) / 2
            r = next((i for i, row in enumerate(table.rows) if row.bbox[1] - 1 <= y <= row.bbox[3] + 1), None)
            c = max((i for i, edge in enumerate(xs) if edge <= x + 1), default=0)
            if r is not None and c < columns:
                texts[r][c].append(char)
    return [
        ([join_pieces([_line_text(line) for line in _char_lines(cell)]) if cell else "" for cell in row], table.rows[r].bbox[1])
        for r, row in enumerate(texts)
    ]


def _char_lines(chars: list[dict]) -> list[list[dict]]:
    """Characters grouped into visual lines (top to bottom), each line left to right."""
    lines: list[list[dict]] = []
    bounds: list[list[float]] = []
    for char in sorted(chars, key=lambda c: (round(c["top"], 1), c["x0"])):
        middle = (char["top"] + char["bottom"]) / 2
        for index in range(len(lines) - 1, max(-1, len(lines) - 4), -1):
            top, bottom = bounds[index]
            if top - 0.5 <= middle <= bottom + 0.5:
                lines[index].append(char)
                bounds[index] = [min(top, char["top"]), max(bottom, char["bottom"])]
                break
        else:
            lines.append([char])
            bounds.append([char["top"], char["bottom"]])
    for line in lines:
        line.sort(key=lambda c: c["x0"])
    return lines


def _line_text(chars: list[dict]) -> str:
    out = []
    previous = None
    for char in chars:
        text = char["text"]
        if previous is not None:
            gap = char["x0"] - previous["x1"]
            size = min(char.get("size") or 10, previous.get("size") or 10)
            wide = (out and out[-1] and is_wide(out[-1][-1])) or (text and is_wide(text[0]))
            apart = gap > 1.5 * size or (not wide and gap > 0.2 * size)
            if apart and out and not out[-1].endswith(" ") and not text.startswith(" "):
                out.append(" ")
        out.append(text)
        previous = char
    return re.sub(r" {2,}", " ", "".join(out)).strip()


def _inside(char: dict, box) -> bool:
    x = (char["x0"] + char["x1"]) / 2
    y = (char["top"] + char["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _read_page(page, number: int, notes: list[str]):
    """The page's text lines and tables, each with its top, in reading order."""
    page_chars = page.dedupe_chars().chars if len(page.chars) < MAX_CHARS_PER_PAGE else page.chars
    chars = [c for c in page_chars if c.get("upright", True) and c["text"] and not c["text"].isspace()
             and c["x1"] > page.bbox[0] and c["x0"] < page.bbox[2] and c["bottom"] > page.bbox[1] and c["top"] < page.bbox[3]]
    found = []
    edges = len(page.lines) + len(page.rects) + len(page.curves)
    if len(chars) >= MAX_CHARS_PER_PAGE:
        notes.append(f"page {number}: {len(chars)} characters, tables not looked for")
    elif edges > MAX_EDGES_PER_PAGE:
        notes.append(f"page {number}: {edges} drawing objects, tables not looked for")
    elif edges:
        settings = {"vertical_strategy": "lines", "horizontal_strategy": "lines", "snap_tolerance": 3, "join_tolerance": 3,
                    "intersection_tolerance": 3, "edge_min_length": 3}
        found = [t for t in page.filter(_rules(page.width)).find_tables(settings) if len(t.rows) >= 1]
    strict = page.filter(_rules(0)).edges if found else []
    vertical = [(e["x0"], e["top"], e["bottom"]) for e in strict if e.get("orientation") == "v"]
    tables: list[_Table] = []
    used = set()
    for table in found:
        columns = max((len(row.cells) for row in table.rows), default=0)
        if columns < 2:
            continue  # a frame around text: read as text
        if columns * len(table.rows) > MAX_TABLE_CELLS:
            notes.append(f"page {number}: a grid of {columns} × {len(table.rows)} cells read as text, not as a table")
            continue
        members = [i for i, c in enumerate(chars) if i not in used and _inside(c, table.bbox)]
        grid = _grid(table, columns, [chars[i] for i in members], vertical)
        used.update(members)
        rows = [(cells, top) for cells, top in grid if any(text.strip() for text in cells)]
        if rows:
            xs = sorted({round(cell[0], 1) for row in table.rows for cell in row.cells if cell is not None})
            tables.append(_Table(page=number, top=table.bbox[1], bottom=table.bbox[3], columns=columns, rows=rows,
                                 left=table.bbox[0], right=table.bbox[2], xs=xs if len(xs) == columns else []))
    lines = []
    for group in _char_lines([c for i, c in enumerate(chars) if i not in used]):
        text = _line_text(group)
        if text:
            sizes = [c.get("size") or 10 for c in group]
            lines.append(_Line(number, min(c["top"] for c in group), max(c["bottom"] for c in group),
                               group[0]["x0"], group[-1]["x1"], statistics.median(sizes), text))
    # Number the page's visual lines from the top (a table row counts as one line).
    marks = [(line.top, 0, line) for line in lines] + [(top, 1, (table, i)) for table in tables for i, (_, top) in enumerate(table.rows)]
    marks.sort(key=lambda m: (m[0], m[1]))
    for index, (_, kind, item) in enumerate(marks, start=1):
        if kind == 0:
            item.number = index
        else:
            table, row = item
            while len(table.origins) <= row:
                table.origins.append(None)
            table.origins[row] = Origin("pdf", page=number, line=index)
    blocks = [(line.top, line) for line in lines] + [(table.top, table) for table in tables]
    blocks.sort(key=lambda b: b[0])
    return [block for _, block in blocks], len(chars), page.height, bool(page.images)


def _margins(lines: list[_Line]) -> tuple[float, float]:
    """The text column's left and right edges: the most common line starts and ends."""
    body = [line for line in lines if len(line.text) >= 6]
    if not body:
        return 0.0, 0.0
    lefts = statistics.mode(round(line.x0) for line in body)
    rights = [round(line.x1) for line in body]
    common = statistics.mode(rights)
    right = common if rights.count(common) >= 3 else max(rights)
    return float(lefts), float(right)


def _continues(previous: _Line, line: _Line, left: float, right: float, same_page: bool) -> bool:
    """Whether `line` goes on with the paragraph of `previous` (a wrapped line, not a new paragraph)."""
    size = max(previous.size, 1.0)
    if abs(previous.size - line.size) > 1.5:
        return False
    if previous.x1 < right - 1.6 * size:  # the paragraph's last line ends short of the margin
        return False
    if line.x0 > left + 0.8 * size:  # a first-line indent starts a new paragraph
        return False
    if previous.text[-1] in _SENTENCE_END and _HEADING_START.match(line.text):
        return False
    return not (same_page and line.top - previous.bottom > 1.5 * size)


def read_pdf(data: bytes, name: str) -> Converted:
    """A PDF as govlint text with the page and line of each piece."""
    started = time.perf_counter()
    pdf, pages = _open(data, name)
    notes: list[str] = []
    with pdf:
        if len(pages) > MAX_PAGES:
            raise InputError(f"{name}: {len(pages)} pages; the limit is {MAX_PAGES} (a report has tens)")
        per_page = []
        total_chars = 0
        image_pages = 0
        for number, page in enumerate(pages, start=1):
            blocks, count, height, images = _read_page(page, number, notes)
            page.close()
            per_page.append((blocks, height))
            total_chars += count
            image_pages += 1 if (images and not count) else 0
            if time.perf_counter() - started > MAX_SECONDS:
                raise InputError(f"{name}: reading the PDF took more than {MAX_SECONDS:.0f} s (stopped at page {number} of {len(pages)})")
    if total_chars == 0:
        raise InputError(f"{name}: the PDF has no text layer (a scanned image?); run OCR on it or lint the Word original")
    if image_pages:
        notes.append(f"{image_pages} page(s) are images without text (scanned?); their content is not read")
    return _assemble(per_page, notes, name)


def _assemble(per_page, notes: list[str], name: str) -> Converted:
    # Page numbers and running headers/footers: among the first and last lines of each page.
    edge_lines = []
    for blocks, height in per_page:
        texts = [b for b in blocks if isinstance(b, _Line)]
        edge_lines.append([line.text for line in texts[:2] + texts[-2:] if line.top < 0.15 * height or line.bottom > 0.85 * height])
    running = running_lines(edge_lines)
    sizes = [b.size for blocks, _ in per_page for b in blocks if isinstance(b, _Line)]
    body_size = statistics.median(sizes) if sizes else 0.0
    flow: list = []
    for (blocks, height), edges in zip(per_page, edge_lines):
        lines = [b for b in blocks if isinstance(b, _Line)]
        edge_ids = {id(line) for line in lines[:2] + lines[-2:]}
        for block in blocks:
            edge = isinstance(block, _Line) and id(block) in edge_ids and (
                block.top < 0.15 * height or block.bottom > 0.85 * height or block is lines[-1] or block is lines[0]
            )
            # A running header is small print; a title that happens to read the same is not.
            if edge and (is_page_number(block.text) or (line_key(block.text) in running and block.size <= body_size + 0.5)):
                continue
            flow.append(block)
    left, right = _margins([b for b in flow if isinstance(b, _Line)])
    builder = TextBuilder()
    paragraph: list[_Line] = []

    def flush():
        if paragraph:
            text, pieces = "", []
            for part in paragraph:
                joined = join_pieces([text, part.text]) if text else part.text
                start = len(joined) - len(part.text) + 1
                pieces.append((start, Origin("pdf", page=part.page, line=part.number)))
                text = joined
            builder.paragraph(text, pieces[0][1], tuple(pieces) if len(pieces) > 1 else ())
            paragraph.clear()

    # Tables first: a table that goes on at the top of the next page is one table.
    merged: list = []
    for block in flow:
        previous = merged[-1] if merged else None
        going_on = isinstance(block, _Table) and isinstance(previous, _Table) and block.page == previous.page + 1
        if going_on and _continue_table(previous, block):
            continue
        merged.append(block)
    for block in merged:
        if isinstance(block, _Table):
            flush()
            builder.end_table()
            for (cells, _), origin in zip(block.rows, block.origins):
                builder.table_row(cells, origin)
            builder.end_table()
            continue
        if paragraph and not _continues(paragraph[-1], block, left, right, block.page == paragraph[-1].page):
            flush()
        paragraph.append(block)
    flush()
    return builder.build(name, "pdf", notes=notes)


def _snap(values: list[float], tolerance: float = 4.0) -> list[float]:
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > tolerance:
            out.append(value)
    return out


def _regrid(table: _Table, xs: list[float]) -> list[list[str]]:
    """The table's rows in a finer grid of columns starting at `xs` (a cell goes to the column where it starts)."""
    index = [min(range(len(xs)), key=lambda k: abs(xs[k] - x)) for x in table.xs]
    rows = []
    for cells, _ in table.rows:
        row = [""] * len(xs)
        for column, text in zip(index, cells):
            row[column] = join_pieces([row[column], text]) if row[column] else text
        rows.append(row)
    return rows


def _looks_numeric(text: str) -> bool:
    return bool(re.fullmatch(r"[-+]?[\d,.，]+%?", text.strip()))


def _continue_table(first: _Table, more: _Table) -> bool:
    """Append `more` (at the top of the next page) to `first` when it is the same table going on:
    same left and right edges, or the same number of columns. Its columns are aligned by position,
    a repeated header row is dropped, and a first row that only holds the end of the last row's
    text (a row broken by the page) is joined to that row."""
    same_edges = abs(first.left - more.left) <= 4 and abs(first.right - more.right) <= 4
    if not same_edges and first.columns != more.columns:
        return False
    if same_edges and first.xs and more.xs and (first.columns != more.columns or any(abs(a - b) > 4 for a, b in zip(first.xs, more.xs))):
        xs = _snap(first.xs + more.xs)
        head_rows, more_rows = _regrid(first, xs), _regrid(more, xs)
        first.xs, first.columns = xs, len(xs)
    else:
        head_rows = [cells for cells, _ in first.rows]
        more_rows = [cells + [""] * (first.columns - len(cells)) for cells, _ in more.rows]
    origins = list(more.origins)
    skip = 0
    while skip < min(len(more_rows), len(head_rows), 4) and more_rows[skip] == head_rows[skip] and skip < len(more_rows) - 1:
        skip += 1  # the header repeated on the new page
    more_rows, origins = more_rows[skip:], origins[skip:]
    if more_rows and head_rows:
        last, top_row = head_rows[-1], more_rows[0]
        filled = {i for i, text in enumerate(top_row) if text.strip()}
        last_filled = {i for i, text in enumerate(last) if text.strip()}
        if filled and filled < last_filled and not any(_looks_numeric(top_row[i]) for i in filled):
            head_rows[-1] = [join_pieces([a, b]) for a, b in zip(last, top_row)]
            more_rows, origins = more_rows[1:], origins[1:]
    first.rows = [(cells, 0.0) for cells in head_rows + more_rows]
    first.origins = list(first.origins) + origins
    first.page, first.bottom = more.page, more.bottom
    return True
