"""Web page (.html, .htm, .shtml) → govlint text, with lxml.html.

Why lxml: it parses real-world HTML (libxml2's forgiving parser: unclosed tags, Word's `<o:p>`,
stray `</div>`) about as fast as anything in Python (the 110 KB 沭阳 page in 1.0 ms; the whole
conversion takes 17 ms on one core), keeps each element's source line (which the origins need),
and is BSD-3-licensed with binary wheels for Linux, macOS and Windows; the Word reader uses it
too, so it is one dependency for both. selectolax's lexbor backend (MIT) parses the page in 0.9 ms
but gives no source positions; html5lib is pure Python and an order of magnitude slower.

What it does:
- decodes the page by its BOM, `<meta charset>` or `http-equiv` declaration (GBK/GB2312 read as
  GB18030, its superset), else UTF-8, else GB18030;
- finds the report inside the site's chrome: the smallest element that holds the report's section
  headings (一、总体情况 … 六、其他需要报告的事项); navigation, scripts, styles, forms, hidden
  elements, share/print buttons and footers outside it are not read, nor those inside it;
- the report's title from the nearest heading before that element (or the page's <title>);
- `<p>`, `<div>`, `<br>`, headings (`<h1>`… → Markdown `#`) and list items as lines; inline
  wrappers (`span`, `font`, `strong`, Word's `o:p`) as text; whitespace collapsed, a line break of
  the source between two Chinese characters dropped;
- tables as grids with colspan/rowspan resolved (a merged cell's text in its first grid cell, the
  cells it covers empty), `&nbsp;`-only cells blank; a layout table (nested tables, one column,
  long running text in a cell) read as the blocks in it;
- the metadata box (索引号, 发布机构, 公开日期 …) as `Converted.metadata`, and the publication date
  (公开日期, 发布日期, 发布时间 or the PubDate meta tag) as `Converted.published`.
Each line's origin is the source line and column where its text starts.
What it does not do: run scripts (content loaded by JavaScript is not there), follow frames or
attachments (a report published as a linked PDF/Word file must be downloaded and read as such), CSS
(text hidden by a stylesheet rule rather than an inline style is read).
"""

from __future__ import annotations

import bisect
import codecs
import datetime
import re

from govlint.read.converted import Converted, Origin, TextBuilder, is_wide, join_pieces
from govlint.read.source import InputError

_DROP = {"script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed", "svg", "canvas",
         "button", "select", "option", "input", "textarea", "head", "title", "map", "audio", "video", "nav", "footer", "aside"}
_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "section",
          "article", "center", "pre", "address", "header", "footer", "main", "form", "fieldset", "figure", "figcaption",
          "caption", "hr", "table", "tr", "td", "th", "tbody", "thead", "tfoot", "aside", "body", "html", "ucapcontent"}
_CHROME = re.compile(
    r"(?:^|[\s_-])(?:share|bdshare|jiathis|print|fontsize|font-size|zoom-size|toolbar|tools|close|crumb|breadcrumbs?|"
    r"location|position|nav|navbar|menu|footer|copyright|related|xgwz|qrcode|ewm|pagination|pager|prev-next|sxp)(?:$|[\s_-])",
    re.IGNORECASE,
)
_SECTIONS = (
    ("一", r"总体情况|概述"),
    ("二", r"主动公开"),
    ("三", r"收到和处理|依申请公开"),
    ("四", r"行政复议|行政诉讼"),
    ("五", r"存在的主要问题|问题及改进|改进情况"),
    ("六", r"其他需要报告"),
)
_SECTION_HEADING = [
    (key, re.compile(rf"^[\s\u3000]*(?:#+\s*)?(?:[一二三四五六七][、.．]|第[一二三四五六]部分|[1-7][、.．]|[（(][一二三四五六][)）])[\s\u3000]*[^。；]{{0,16}}?(?:{words})"))
    for key, words in _SECTIONS
]
_LABELS = ("名称", "索引号", "发布机构", "发文机关", "文号", "发文字号", "公开日期", "发布日期", "发布时间", "成文日期",
           "生成日期", "主题分类", "公开方式", "公开范围", "有效性", "时效")
_LABEL = re.compile(rf"^[\s【\[]*({'|'.join(_LABELS)})[\s\u3000]*[:：]?[\s\u3000]*(.*)$", re.DOTALL)
_DATE = re.compile(r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
_PUBLISHED_LABELS = ("公开日期", "发布日期", "发布时间", "生成日期")
_PUBDATE_META = {"pubdate", "publishdate", "firstpublishedtime", "articlepubdate", "article:published_time", "dc.date"}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.IGNORECASE)
_SPACE_RUN = re.compile(r"[ \t\r\n\f\u00a0\u2002\u2003\u2009]+")


def _decode(data: bytes, name: str) -> str:
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    declared = _CHARSET.search(data[:8192])
    candidates = []
    if declared:
        label = declared.group(1).decode("ascii", "replace").lower()
        if label in ("gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "gb18030", "x-gb2312"):
            label = "gb18030"
        try:
            codecs.lookup(label)
            candidates.append(label)
        except LookupError:
            pass
    candidates += ["utf-8", "gb18030"]
    for encoding in candidates:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode(candidates[0], errors="replace")


class _Positions:
    """Source line and column of text found in the page's source, searched forward from a cursor."""

    def __init__(self, source: str):
        self.source = source
        self.starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.cursor = 0

    def offset_of_line(self, line: int | None) -> int:
        if not line:
            return self.cursor
        return self.starts[min(len(self.starts), line) - 1]

    def find(self, text: str, line: int | None = None) -> tuple[int, int] | None:
        probe = re.search(r"[\w\u3400-\u9fff]{1,6}", text)
        start = max(self.cursor, self.offset_of_line(line)) if line else self.cursor
        if probe:
            found = self.source.find(probe.group(0), start, start + 50_000)
            if found >= 0:
                self.cursor = found + len(probe.group(0))
                return self._line_column(found)
        if line:
            return line, 1
        return None

    def _line_column(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index] + 1


def _hidden(element) -> bool:
    style = (element.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style or element.get("hidden") is not None \
        or (element.get("aria-hidden") or "").lower() == "true"


def _tag(element) -> str:
    tag = element.tag
    return tag.lower().rsplit(":", 1)[-1] if isinstance(tag, str) else ""


def _text_of(element) -> str:
    return _SPACE_RUN.sub(" ", element.text_content()).strip()


def _section_key(text: str) -> str | None:
    if len(text) > 60:
        return None
    for key, pattern in _SECTION_HEADING:
        if pattern.match(text):
            return key
    return None


def _find_report(root):
    """The smallest element holding the report's section headings, or None."""
    found: dict[str, list] = {}
    for element in root.iter():
        if _tag(element) in ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "span", "font", "strong", "b", "section", "dt", "dd"):
            text = _text_of(element)
            key = _section_key(text) if text else None
            if key:
                found.setdefault(key, []).append(element)
    if len(found) < 2:
        return None
    # The headings as the report has them: for each section its first heading element.
    elements = [items[0] for items in found.values()]
    chains = [list(element.iterancestors())[::-1] + [element] for element in elements]
    common = None
    for level in zip(*chains):
        if all(node is level[0] for node in level):
            common = level[0]
        else:
            break
    return common


def _title_before(root, body) -> str | None:
    """The report's title: the nearest heading-like element before the body that names a report."""
    best = None
    for element in root.iter():
        if element is body:
            break
        tag = _tag(element)
        if tag in ("title", "head", "meta", "script", "style"):
            continue
        marker = " ".join([tag, element.get("class") or "", element.get("id") or ""]).lower()
        if tag in ("h1", "h2", "h3", "ucaptitle") or "title" in marker or "bt" == (element.get("class") or "").lower():
            text = _text_of(element)
            if 6 <= len(text) <= 100 and "报告" in text and not text.startswith(("标题", "名称")):
                best = text
    return best


class _Walker:
    def __init__(self, positions: _Positions, builder: TextBuilder):
        self.positions = positions
        self.builder = builder
        self.parts: list[str] = []
        self.origin: tuple[int, int] | None = None
        self.heading = 0
        self.table_index = 0
        self.broken = False  # the last line ended with a <br>

    # -- inline text

    def _text(self, text: str | None, line: int | None):
        if not text:
            return
        if text.strip() and self.origin is None:
            self.origin = self.positions.find(text, line)
        elif text.strip():
            self.positions.find(text, line)
        self.parts.append(text)

    def flush(self, line_break: bool = False):
        """End the current line: a new paragraph, or with `line_break` (a <br>) the next line of the same one."""
        text = _collapse("".join(self.parts))
        if text:
            origin = Origin("html", line=self.origin[0], column=self.origin[1]) if self.origin else None
            if self.heading:
                text = "#" * self.heading + " " + text
            self.builder.paragraph(text, origin, separate=not self.broken)
        self.broken = line_break and bool(text or self.broken)
        self.parts = []
        self.origin = None

    # -- blocks

    def walk(self, element):
        tag = _tag(element)
        if not tag or tag in _DROP or _hidden(element) or _CHROME.search(" ".join([element.get("class") or "", element.get("id") or ""])):
            self._text(element.tail, None)
            return
        if tag == "br":
            self.flush(line_break=True)
            self._text(element.tail, None)
            return
        if tag == "table":
            self.flush()
            self._table(element)
            self._text(element.tail, None)
            return
        block = tag in _BLOCK
        if block:
            self.flush()
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                self.heading = int(tag[1])
        self._text(element.text, element.sourceline)
        for child in element:
            self.walk(child)
        if block:
            self.flush()
            self.heading = 0
        self._text(element.tail, None)

    def _table(self, table):
        rows = _table_rows(table)
        if _layout_table(table, rows):
            for row in rows:
                for cell in row:
                    self.walk_children(cell)
            return
        self.table_index += 1
        grid, starts = _grid(rows)
        if len(self.builder.lines) + len(grid) > MAX_CELLS:
            raise _TooLarge
        for number, (cells, elements) in enumerate(zip(grid, starts), start=1):
            placed: list[Origin | None] = []
            for column, element in enumerate(elements, start=1):
                position = self.positions.find(_text_of(element), element.sourceline) if element is not None else None
                placed.append(Origin("html", line=position[0], column=position[1], table=self.table_index, row=number, cell=column)
                              if position else None)
            first = next((o for o in placed if o is not None), None)
            origin = Origin("html", line=first.line, column=first.column, table=self.table_index, row=number) if first else \
                Origin("html", table=self.table_index, row=number)
            self.builder.table_row(cells, origin, placed)
        self.builder.end_table()

    def walk_children(self, element):
        self.flush()
        self._text(element.text, element.sourceline)
        for child in element:
            self.walk(child)
        self.flush()


def _collapse(text: str) -> str:
    """HTML whitespace: runs as one space, none where a source line break falls between Chinese characters."""
    def space(match):
        run = match.group(0)
        before = match.string[match.start() - 1] if match.start() > 0 else ""
        after = match.string[match.end()] if match.end() < len(match.string) else ""
        if "\n" in run and before and after and is_wide(before) and is_wide(after):
            return ""
        return " "

    return _SPACE_RUN.sub(space, text).strip(" \u3000")


def _table_rows(table) -> list[list]:
    """The table's own rows (not those of nested tables), each a list of its td/th elements."""
    rows = []
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            rows.append(child)
        elif tag in ("tbody", "thead", "tfoot"):
            rows.extend(c for c in child if _tag(c) == "tr")
    return [[c for c in row if _tag(c) in ("td", "th") and not _hidden(c)] for row in rows if not _hidden(row)]


def _span(cell, name: str, limit: int) -> int:
    value = (cell.get(name) or "1").strip()
    match = re.match(r"\d+", value)
    return max(1, min(int(match.group(0)) if match else 1, limit))


def _layout_table(table, rows) -> bool:
    if any(_tag(e) == "table" for e in table.iterdescendants()):
        return True
    width = max((sum(_span(c, "colspan", 100) for c in row) for row in rows), default=0)
    if width <= 1:
        return True
    return any(len(_text_of(c)) > 400 for row in rows for c in row)


def _cell_text(cell) -> str:
    pieces: list[str] = []
    current: list[str] = []

    def walk(element):
        tag = _tag(element)
        if not tag or tag in _DROP or _hidden(element):
            if element.tail:
                current.append(element.tail)
            return
        block = tag in _BLOCK or tag == "br"
        if block:
            pieces.append("".join(current))
            current.clear()
        if element.text:
            current.append(element.text)
        for child in element:
            walk(child)
        if block:
            pieces.append("".join(current))
            current.clear()
        if element.tail:
            current.append(element.tail)

    if cell.text:
        current.append(cell.text)
    for child in cell:
        walk(child)
    pieces.append("".join(current))
    return join_pieces([_collapse(piece) for piece in pieces])


MAX_COLUMNS = 256  # a report's widest table has 16 columns
MAX_CELLS = 200_000


class _TooLarge(Exception):
    pass


def _grid(rows: list[list]) -> tuple[list[list[str]], list[list]]:
    """Rows of cells with colspan/rowspan resolved: a merged cell's text in its first grid cell;
    and for each grid cell the td/th element that starts there (None for a covered cell)."""
    taken: dict[tuple[int, int], str] = {}
    first: dict[tuple[int, int], object] = {}
    width = 0
    for r, row in enumerate(rows):
        column = 0
        for cell in row:
            while (r, column) in taken:
                column += 1
            if column >= MAX_COLUMNS:
                break
            colspan = _span(cell, "colspan", MAX_COLUMNS - column)
            rowspan = _span(cell, "rowspan", len(rows) - r)
            if len(taken) + colspan * rowspan > MAX_CELLS:
                raise _TooLarge
            text = _cell_text(cell)
            first[(r, column)] = cell
            for dr in range(rowspan):
                for dc in range(colspan):
                    taken[(r + dr, column + dc)] = text if (dr, dc) == (0, 0) else ""
            column += colspan
            width = max(width, column)
    cells = [[taken.get((r, c), "") for c in range(width)] for r in range(len(rows))]
    return cells, [[first.get((r, c)) for c in range(width)] for r in range(len(rows))]


def _metadata(root) -> tuple[dict, datetime.date | None]:
    fields: dict[str, str] = {}
    for element in root.iter():
        tag = _tag(element)
        if tag in ("script", "style") or not tag:
            continue
        if tag == "meta":
            key = (element.get("name") or element.get("property") or "").lower()
            if key in _PUBDATE_META and element.get("content"):
                fields.setdefault("PubDate", element.get("content").strip())
            continue
        if tag not in ("td", "th", "span", "div", "li", "p", "strong", "b", "label", "em", "dt", "dd", "font", "i"):
            continue
        text = _text_of(element)
        if not text or len(text) > 80:
            continue
        match = _LABEL.match(text)
        if not match or match.group(1) in fields:
            continue
        label, value = match.group(1), match.group(2).strip()
        if not value:
            sibling = element.getnext()
            value = _text_of(sibling) if sibling is not None else (element.tail or "").strip()
        if label in _PUBLISHED_LABELS + ("成文日期",):
            date = _DATE.search(value)
            value = date.group(0) if date else ""
        else:
            value = re.split(r"\s{2,}|\s(?=(?:" + "|".join(_LABELS) + r")[:：])", value)[0][:80]
        if value and not _LABEL.match(value):
            fields[label] = value
    published = None
    for label in _PUBLISHED_LABELS + ("PubDate",):
        match = _DATE.search(fields.get(label, ""))
        if match:
            try:
                published = datetime.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
                break
            except ValueError:
                continue
    return fields, published


def read_html(data: bytes, name: str) -> Converted:
    """A web page as govlint text: the report's title and body, with the source line of each line."""
    import lxml.html
    from lxml import etree

    text = _decode(data, name)
    # lxml refuses a str that declares its encoding; blank the declaration out (line numbers stay).
    text = re.sub(r"^\s*<\?xml[^>]*\?>", lambda m: " " * len(m.group(0)), text)
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, recover=True, huge_tree=False)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as error:
        raise InputError(f"{name}: not a readable web page ({error})") from None
    metadata, published = _metadata(root)
    body = _find_report(root)
    if body is None:
        raise InputError(f"{name}: no report found in the web page (no section headings such as 一、总体情况); "
                         "if the report is an attachment, download the attachment and lint it")
    builder = TextBuilder()
    positions = _Positions(text)
    walker = _Walker(positions, builder)
    try:
        walker.walk_children(body) if _tag(body) != "table" else walker.walk(body)
    except _TooLarge:
        raise InputError(f"{name}: a table of more than {MAX_CELLS:,} cells is not a report's table") from None
    walker.flush()
    first = next((line for line in builder.lines if line.strip()), "")
    if not (len(first) <= 80 and "报告" in first):
        # The title is usually outside the article body (a heading above it, or only the page's <title>).
        title = _title_before(root, body)
        if title is None:
            page_title = root.find(".//title")
            candidates = re.split(r"\s*[-_|—]+\s*", _text_of(page_title)) if page_title is not None else []
            title = next((c for c in candidates if "报告" in c), None)
        if title:
            positions.cursor = 0
            position = positions.find(title, _title_line(root, body, title))
            origin = Origin("html", line=position[0], column=position[1]) if position else None
            builder.lines[:0] = ["# " + title, ""]
            builder.origins[:0] = [origin, None]
            builder.pieces[:0] = [(), ()]
    return builder.build(name, "html", metadata=metadata, published=published)


def _title_line(root, body, title: str) -> int | None:
    line = None
    for element in root.iter():
        if element is body:
            break
        if isinstance(element.tag, str) and _text_of(element) == title:
            line = element.sourceline
    return line
