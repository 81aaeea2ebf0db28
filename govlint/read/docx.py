"""Word (.docx) → govlint text, read from the OOXML parts with lxml.

Why lxml and not python-docx: python-docx (MIT, pure Python on top of lxml) gives runs, paragraphs
and a table's cells, but not what a report needs: Word's automatic numbering (numbering.xml),
gridSpan/vMerge as a grid, tracked insertions and deletions, text boxes, fields. Those are a few
element names each, so the reader walks `word/document.xml` itself with lxml (BSD licence, binary
wheels for Linux, macOS and Windows on every supported Python), which python-docx would have pulled
in anyway. Measured on one core: the 6-page fixture report converts in 6 ms (python-docx needs
24 ms only to open it and list its text, without numbering); importing lxml costs 18 ms, paid only
when a .docx or a web page is read.

What it reads:
- paragraphs in reading order, content controls (w:sdt), hyperlinks, smart tags, custom XML;
- headings by style ("heading N", "标题 N", "Title") or outline level → Markdown `#` lines;
- Word automatic numbering rendered into the text (一、 （一） 1. ① … from numbering.xml: lvlText,
  numFmt, start, startOverride, lvlRestart, isLgl, the suffix; counters per list as Word keeps them);
- tables as grids: gridBefore/gridAfter, gridSpan and vMerge (hMerge too) resolved, a merged
  cell's text in its first grid cell and the cells it covers empty; nested tables flattened into
  their cell; a one-column table (a box around text) read as paragraphs;
- text boxes (after the paragraph that anchors them, mc:AlternateContent read once);
- tracked changes: insertions kept, deletions dropped, deleted table rows dropped — and a note
  saying so; fields: the result kept, the instruction dropped, page-number fields (PAGE,
  NUMPAGES …) and tables of contents dropped; hidden text (w:vanish) dropped.
What it does not read: headers and footers (not the report), footnotes and endnotes (counted in a
note), comments, images and charts (no text), equations beyond their plain characters.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field

from govlint.read.converted import Converted, Origin, TextBuilder, join_pieces
from govlint.read.source import InputError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
MAX_PART_BYTES = 64 * 1024 * 1024  # an uncompressed document.xml larger than this is not a report
MAX_ELEMENTS = 2_000_000  # bound the walk on a hostile or broken file
MAX_COLUMNS = 256  # a report's widest table has 16 columns
MAX_CELLS = 200_000

_PAGE_FIELDS = {"PAGE", "NUMPAGES", "SECTIONPAGES", "SECTION", "PAGEREF", "TOC"}


# ---- the package ------------------------------------------------------------------------------


def _xml(archive: zipfile.ZipFile, part: str, name: str):
    from lxml import etree

    try:
        info = archive.getinfo(part)
    except KeyError:
        return None
    if info.file_size > MAX_PART_BYTES:
        raise InputError(f"{name}: {part} is too large ({info.file_size // (1024 * 1024)} MB uncompressed) to be a report")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True, remove_pis=True, huge_tree=False)
    try:
        return etree.fromstring(archive.read(part), parser)
    except etree.XMLSyntaxError as error:
        raise InputError(f"{name}: a damaged .docx ({part} is not well-formed XML: {error})") from None


def _relationships(archive: zipfile.ZipFile, part: str, name: str) -> dict[str, str]:
    """Relationship type (its last path segment) → target part name, for `part`."""
    folder, base = posixpath.split(part)
    root = _xml(archive, posixpath.join(folder, "_rels", base + ".rels"), name)
    found: dict[str, str] = {}
    if root is None:
        return found
    for rel in root.iter(f"{REL}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        found.setdefault(rel.get("Type", "").rsplit("/", 1)[-1], target)
    return found


# ---- styles and numbering -----------------------------------------------------------------------


@dataclass
class _Style:
    name: str = ""
    based_on: str | None = None
    outline: int | None = None  # 0-based outline level, None when the style sets none
    num: tuple[str, int] | None = None  # (numId, ilvl) of style-linked numbering


def _styles(root) -> tuple[dict[str, _Style], str | None]:
    styles: dict[str, _Style] = {}
    default = None
    if root is None:
        return styles, default
    for element in root.iter(f"{W}style"):
        if element.get(f"{W}type") != "paragraph":
            continue
        style_id = element.get(f"{W}styleId", "")
        style = _Style()
        name = element.find(f"{W}name")
        style.name = (name.get(f"{W}val", "") if name is not None else "").strip().lower()
        based = element.find(f"{W}basedOn")
        style.based_on = based.get(f"{W}val") if based is not None else None
        ppr = element.find(f"{W}pPr")
        if ppr is not None:
            outline = ppr.find(f"{W}outlineLvl")
            if outline is not None and (outline.get(f"{W}val") or "").isdigit():
                style.outline = int(outline.get(f"{W}val"))
            style.num = _num_pr(ppr)
        styles[style_id] = style
        if element.get(f"{W}default") in ("1", "true", "on"):
            default = style_id
    return styles, default


def _num_pr(ppr) -> tuple[str, int] | None:
    numpr = ppr.find(f"{W}numPr")
    if numpr is None:
        return None
    num_id = numpr.find(f"{W}numId")
    ilvl = numpr.find(f"{W}ilvl")
    level = ilvl.get(f"{W}val", "0") if ilvl is not None else "0"
    return (num_id.get(f"{W}val", "") if num_id is not None else "", int(level) if level.isdigit() else 0)


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None
    legal: bool = False
    suffix: str = "tab"


@dataclass
class _List:
    key: str  # whose counters: the abstract list, or the instance when it overrides a start
    levels: dict[int, _Level] = field(default_factory=dict)


def _level(element) -> _Level:
    def val(tag, default=None):
        found = element.find(f"{W}{tag}")
        return found.get(f"{W}val", default) if found is not None else default

    level = _Level()
    start = val("start")
    level.start = int(start) if start and start.lstrip("-").isdigit() else 1
    level.fmt = val("numFmt", "decimal") or "decimal"
    level.text = val("lvlText", "") or ""
    restart = val("lvlRestart")
    level.restart = int(restart) if restart and restart.isdigit() else None
    level.legal = element.find(f"{W}isLgl") is not None and val("isLgl", "1") not in ("0", "false", "off")
    level.suffix = val("suff", "tab") or "tab"
    return level


def _numbering(root, styles: dict[str, _Style]) -> dict[str, _List]:
    if root is None:
        return {}
    abstracts = {}
    links = {}
    for abstract in root.iter(f"{W}abstractNum"):
        abstract_id = abstract.get(f"{W}abstractNumId", "")
        abstracts[abstract_id] = {int(lvl.get(f"{W}ilvl", "0")): _level(lvl) for lvl in abstract.findall(f"{W}lvl")
                                  if (lvl.get(f"{W}ilvl") or "0").isdigit()}
        link = abstract.find(f"{W}numStyleLink")
        if link is not None:
            links[abstract_id] = link.get(f"{W}val")
    instances = {}
    for num in root.iter(f"{W}num"):
        abstract = num.find(f"{W}abstractNumId")
        instances[num.get(f"{W}numId", "")] = (abstract.get(f"{W}val", "") if abstract is not None else "", num)
    lists: dict[str, _List] = {}
    for num_id, (abstract_id, num) in instances.items():
        # A list that only points at a numbering style takes the levels of that style's list.
        if abstract_id in links and links[abstract_id] in styles and styles[links[abstract_id]].num:
            linked = styles[links[abstract_id]].num[0]
            abstract_id = instances.get(linked, (abstract_id, None))[0]
        levels = dict(abstracts.get(abstract_id, {}))
        overridden = False
        for override in num.findall(f"{W}lvlOverride"):
            ilvl = int(override.get(f"{W}ilvl", "0")) if (override.get(f"{W}ilvl") or "0").isdigit() else 0
            replacement = override.find(f"{W}lvl")
            if replacement is not None:
                levels[ilvl] = _level(replacement)
                overridden = True
            start = override.find(f"{W}startOverride")
            if start is not None:
                base = levels.get(ilvl, _Level())
                value = start.get(f"{W}val", "1")
                levels[ilvl] = _Level(int(value) if value.isdigit() else 1, base.fmt, base.text, base.restart, base.legal, base.suffix)
                overridden = True
        # Instances of one abstract list share its counters (Word continues the list) unless they restart it.
        lists[num_id] = _List(key=f"num:{num_id}" if overridden else f"abstract:{abstract_id}", levels=levels)
    return lists


_CN_DIGITS = "零一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"


def _chinese(n: int, digits: str = _CN_DIGITS, units: str = "十百千") -> str:
    if n <= 0:
        return str(n)
    if n >= 10000:
        return str(n)
    out = ""
    zero = False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        digit = n // power % 10
        if digit:
            if zero and out:
                out += digits[0]
            out += digits[digit] + unit
            zero = False
        elif out:
            zero = True
    if digits is _CN_DIGITS and 10 <= n < 20:
        out = out[1:]  # 十一, not 一十一
    return out


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += letters
            n -= value
    return out


def _letter(n: int) -> str:
    if n <= 0:
        return str(n)
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """One counter in a numbering format (numFmt), as Word shows it."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting", "ideographLegalTraditional"):
        return _chinese(n)
    if fmt == "chineseLegalSimplified":
        return _chinese(n, _CN_LEGAL, "拾佰仟")
    if fmt in ("ideographDigital", "japaneseDigitalTenThousand", "taiwaneseDigital"):
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(n)) if n >= 0 else str(n)
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10] if n > 0 else str(n)
    if fmt == "ideographZodiac":
        return _DIZHI[(n - 1) % 12] if n > 0 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt == "decimalEnclosedFullstop":
        return chr(0x2488 + n - 1) if 1 <= n <= 20 else f"{n}."
    if fmt == "decimalEnclosedParen":
        return chr(0x2474 + n - 1) if 1 <= n <= 20 else f"({n})"
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(0xFF10 + int(d)) for d in str(n)) if n >= 0 else str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperLetter":
        return _letter(n)
    if fmt == "lowerLetter":
        return _letter(n).lower()
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


class _Counters:
    """Word's list counters: one set per list, a level counting on and the levels below it restarting."""

    def __init__(self, lists: dict[str, _List]):
        self.lists = lists
        self.values: dict[str, list[int | None]] = {}

    def label(self, num_id: str, ilvl: int) -> tuple[str, str]:
        """The number text of the next paragraph of list `num_id` at level `ilvl`, and its suffix."""
        found = self.lists.get(num_id)
        if found is None or num_id in ("", "0") or not 0 <= ilvl <= 8:
            return "", ""
        levels = found.levels
        level = levels.get(ilvl, _Level())
        values = self.values.setdefault(found.key, [None] * 9)
        values[ilvl] = level.start if values[ilvl] is None else values[ilvl] + 1
        for deeper in range(ilvl + 1, 9):
            restart = levels.get(deeper, _Level()).restart
            if restart is None or (restart != 0 and ilvl < restart):
                values[deeper] = None
        if level.fmt == "bullet" or level.fmt == "none":
            return "", ""

        def counter(match):
            index = int(match.group(1)) - 1
            other = levels.get(index, _Level())
            value = values[index] if values[index] is not None else other.start
            return format_number(value, "decimal" if level.legal and other.fmt != "bullet" else other.fmt)

        return re.sub(r"%([1-9])", counter, level.text), level.suffix


# ---- the walk -----------------------------------------------------------------------------------


@dataclass
class _Block:
    kind: str  # paragraph | heading | title | table
    text: str = ""
    origin: Origin | None = None
    outline: int | None = None
    rows: list = field(default_factory=list)  # table: [(cells, origin)]


class _Reader:
    def __init__(self, name: str, styles, default_style, lists):
        self.name = name
        self.styles: dict[str, _Style] = styles
        self.default_style = default_style
        self.counters = _Counters(lists)
        self.blocks: list[_Block] = []
        self.paragraph_index = 0
        self.table_index = 0
        self.insertions = 0
        self.deletions = 0
        self.footnotes = 0
        self.toc_dropped = False
        self.fields: list[dict] = []  # open complex fields: {"instr": str, "phase": "instr"|"result"}
        self.elements = 0
        self.cells = 0

    # -- styles

    def _style_chain(self, style_id: str | None):
        seen = set()
        while style_id and style_id in self.styles and style_id not in seen and len(seen) < 20:
            seen.add(style_id)
            yield self.styles[style_id]
            style_id = self.styles[style_id].based_on

    def _paragraph_style(self, p) -> str | None:
        ppr = p.find(f"{W}pPr")
        style = ppr.find(f"{W}pStyle") if ppr is not None else None
        return style.get(f"{W}val") if style is not None else self.default_style

    def _heading(self, p, style_id) -> tuple[str, int | None]:
        """("title", None), ("heading", 0-based outline level) or ("paragraph", None)."""
        ppr = p.find(f"{W}pPr")
        if ppr is not None:
            outline = ppr.find(f"{W}outlineLvl")
            if outline is not None and (outline.get(f"{W}val") or "").isdigit():
                value = int(outline.get(f"{W}val"))
                return ("heading", value) if value < 9 else ("paragraph", None)
        for style in self._style_chain(style_id):
            if style.name in ("title", "标题"):
                return "title", None
            match = re.fullmatch(r"(?:heading|标题)\s*([1-9])", style.name)
            if match:
                return "heading", int(match.group(1)) - 1
            if style.name.startswith("toc") or style.name.startswith("目录"):
                return "toc", None
            if style.outline is not None:
                return ("heading", style.outline) if style.outline < 9 else ("paragraph", None)
        return "paragraph", None

    def _numbering(self, p, style_id) -> str:
        ppr = p.find(f"{W}pPr")
        num = _num_pr(ppr) if ppr is not None else None
        if num is not None and num[0] == "":
            # numPr with only an ilvl: the list comes from the style
            style_num = next((s.num for s in self._style_chain(style_id) if s.num), None)
            num = (style_num[0], num[1]) if style_num else None
        if num is None:
            num = next((s.num for s in self._style_chain(style_id) if s.num), None)
        if num is None:
            return ""
        label, suffix = self.counters.label(*num)
        if not label:
            return ""
        if suffix == "space":
            return label + " "
        if suffix == "nothing" or (label and _is_wide_end(label)):
            return label
        return label + " "

    # -- text of a paragraph

    def _count(self):
        self.elements += 1
        if self.elements > MAX_ELEMENTS:
            raise InputError(f"{self.name}: the document has too many elements to be a report")

    def _page_field_open(self) -> bool:
        return any(f["phase"] == "instr" or f["name"] in _PAGE_FIELDS for f in self.fields)

    def _runs(self, parent, out: list[str], boxes: list):
        for child in parent:
            self._count()
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag == f"{W}r":
                self._run(child, out, boxes)
            elif tag in (f"{W}hyperlink", f"{W}smartTag", f"{W}customXml", f"{W}dir", f"{W}bdo"):
                self._runs(child, out, boxes)
            elif tag == f"{W}sdt":
                content = child.find(f"{W}sdtContent")
                if content is not None:
                    self._runs(content, out, boxes)
            elif tag in (f"{W}ins", f"{W}moveTo"):
                self.insertions += 1
                self._runs(child, out, boxes)
            elif tag in (f"{W}del", f"{W}moveFrom"):
                self.deletions += 1
            elif tag == f"{W}fldSimple":
                name = _field_name(child.get(f"{W}instr", ""))
                if name not in _PAGE_FIELDS:
                    self._runs(child, out, boxes)
            elif tag == f"{MC}AlternateContent":
                self._runs(_alternate(child), out, boxes)
            elif tag in (f"{M}oMath", f"{M}oMathPara") and not self._page_field_open():
                out.append("".join(t.text or "" for t in child.iter(f"{M}t")))

    def _run(self, run, out: list[str], boxes: list):
        rpr = run.find(f"{W}rPr")
        hidden = rpr is not None and any(
            e.get(f"{W}val", "true") not in ("0", "false", "off") for e in (rpr.find(f"{W}vanish"), rpr.find(f"{W}specVanish")) if e is not None
        )
        for child in run:
            self._count()
            tag = child.tag
            if tag == f"{W}fldChar":
                kind = child.get(f"{W}fldCharType")
                if kind == "begin":
                    self.fields.append({"instr": "", "phase": "instr", "name": ""})
                elif kind == "separate" and self.fields:
                    self.fields[-1]["phase"] = "result"
                    self.fields[-1]["name"] = _field_name(self.fields[-1]["instr"])
                    if self.fields[-1]["name"] == "TOC":
                        self.toc_dropped = True
                elif kind == "end" and self.fields:
                    self.fields.pop()
                continue
            if tag == f"{W}instrText":
                if self.fields and self.fields[-1]["phase"] == "instr":
                    self.fields[-1]["instr"] += child.text or ""
                continue
            if tag in (f"{W}drawing", f"{W}pict", f"{MC}AlternateContent", f"{W}object"):
                boxes.extend(_text_boxes(child))
                continue
            if tag in (f"{W}footnoteReference", f"{W}endnoteReference"):
                self.footnotes += 1
                continue
            if hidden or self._page_field_open():
                continue
            if tag == f"{W}t":
                out.append(child.text or "")
            elif tag in (f"{W}tab", f"{W}ptab"):
                out.append(" ")
            elif tag == f"{W}br":
                if child.get(f"{W}type") not in ("page", "column"):
                    out.append("\n")
            elif tag == f"{W}cr":
                out.append("\n")
            elif tag == f"{W}noBreakHyphen":
                out.append("-")
            elif tag == f"{W}sym":
                out.append(_symbol(child.get(f"{W}char", "")))

    # -- blocks

    def body(self, parent, in_box: Origin | None = None):
        for child in parent:
            self._count()
            tag = child.tag
            if tag == f"{W}p":
                if in_box is None:
                    self.paragraph_index += 1
                self._paragraph(child, in_box)
            elif tag == f"{W}tbl":
                self._table(child, in_box)
            elif tag == f"{W}sdt":
                content = child.find(f"{W}sdtContent")
                if content is not None:
                    self.body(content, in_box)
            elif tag in (f"{W}customXml", f"{W}ins", f"{W}moveTo"):
                self.body(child, in_box)
            elif tag == f"{MC}AlternateContent":
                self.body(_alternate(child), in_box)

    def _paragraph_text(self, p) -> tuple[str, list, str]:
        style_id = self._paragraph_style(p)
        ppr = p.find(f"{W}pPr")
        if ppr is not None and ppr.find(f"{W}rPr/{W}del") is not None:
            self.deletions += 1
        if ppr is not None and ppr.find(f"{W}rPr/{W}ins") is not None:
            self.insertions += 1
        out: list[str] = []
        boxes: list = []
        self._runs(p, out, boxes)
        text = "".join(out)
        number = self._numbering(p, style_id)  # an empty numbered paragraph still counts in its list
        if not text.strip():
            number = ""
        return (number + text.lstrip(" \u3000") if number else text), boxes, style_id

    def _paragraph(self, p, in_box: Origin | None):
        text, boxes, style_id = self._paragraph_text(p)
        # A field instruction does not go on past its paragraph: one left open (a damaged field)
        # must not swallow the rest of the document.
        self.fields = [f for f in self.fields if f["phase"] != "instr"]
        kind, outline = self._heading(p, style_id)
        origin = in_box or Origin("docx", paragraph=self.paragraph_index)
        if kind == "toc":
            self.toc_dropped = True
        elif text.strip():
            if kind in ("title", "heading"):
                text = join_pieces(text.split("\n"))  # a heading is one line, its line breaks joined
            self.blocks.append(_Block(kind if kind != "heading" else "heading", text, origin, outline))
        for box in boxes:
            self.body(box, in_box or Origin("docx", paragraph=self.paragraph_index, note="text box"))

    def _cell_text(self, tc) -> str:
        pieces = []
        for child in _cell_content(tc):
            self._count()
            if child.tag == f"{W}p":
                text, boxes, _ = self._paragraph_text(child)
                pieces.extend(text.split("\n"))
                for box in boxes:
                    pieces.extend(self._box_text(box))
            elif child.tag == f"{W}tbl":
                for row in _rows(child):
                    pieces.append(" ".join(t for t in (self._cell_text(c) for c in _cells(row)) if t))
        return join_pieces(pieces)

    def _box_text(self, box) -> list[str]:
        pieces = []
        for p in box.iter(f"{W}p"):
            text, _, _ = self._paragraph_text(p)
            pieces.extend(text.split("\n"))
        return pieces

    def _table(self, tbl, in_box: Origin | None):
        grid = tbl.find(f"{W}tblGrid")
        width = len(grid.findall(f"{W}gridCol")) if grid is not None else 0
        if in_box is None:
            self.table_index += 1
        table_number = self.table_index
        rows: list[tuple[list[str], Origin]] = []
        spans: list[list[tuple[int, int, str]]] = []  # per row: (grid column, span, merge state)
        row_number = 0
        for tr in _rows(tbl):
            trpr = tr.find(f"{W}trPr")
            if trpr is not None and trpr.find(f"{W}del") is not None:
                self.deletions += 1
                continue
            if trpr is not None and trpr.find(f"{W}ins") is not None:
                self.insertions += 1
            row_number += 1
            column = _grid_value(trpr, "gridBefore")
            cells: dict[int, str] = {}
            layout = []
            for tc in _cells(tr):
                tcpr = tc.find(f"{W}tcPr")
                span = max(1, _grid_value(tcpr, "gridSpan", 1))
                merge = "none"
                if tcpr is not None:
                    vmerge = tcpr.find(f"{W}vMerge")
                    hmerge = tcpr.find(f"{W}hMerge")
                    if vmerge is not None:
                        merge = "restart" if vmerge.get(f"{W}val") == "restart" else "continue"
                    if hmerge is not None and hmerge.get(f"{W}val") != "restart":
                        merge = "hcontinue"
                text = self._cell_text(tc)
                cells[column] = "" if merge in ("continue", "hcontinue") else text
                layout.append((column, span, merge))
                column += span
            column += _grid_value(trpr, "gridAfter")
            width = min(MAX_COLUMNS, max(width, column))
            self.cells += width
            if self.cells > MAX_CELLS:
                raise InputError(f"{self.name}: tables of more than {MAX_CELLS:,} cells are not a report's tables")
            spans.append(layout)
            rows.append((cells, Origin("docx", table=table_number, row=row_number, note=in_box.note if in_box else None)))
        grid_rows = [([cells.get(i, "") for i in range(width)], origin) for cells, origin in rows]
        # A table of one column is a box around text, not a table of figures: read it as paragraphs.
        if width <= 1 or all(sum(1 for text in cells if text.strip()) <= 1 and len(layout) == 1 for (cells, _), layout in zip(grid_rows, spans)):
            for cells, origin in grid_rows:
                text = next((t for t in cells if t.strip()), "")
                if text:
                    self.blocks.append(_Block("paragraph", text, origin.with_cell(1)))
            return
        self.blocks.append(_Block("table", rows=grid_rows))

    # -- output

    def build(self, path: str) -> Converted:
        builder = TextBuilder()
        has_title = any(b.kind == "title" for b in self.blocks)
        for block in self.blocks:
            if block.kind == "table":
                for cells, origin in block.rows:
                    builder.table_row(cells, origin)
                builder.end_table()
            elif block.kind == "title":
                builder.paragraph("# " + block.text, block.origin)
            elif block.kind == "heading":
                level = min(6, (block.outline or 0) + 1 + (1 if has_title else 0))
                builder.paragraph("#" * level + " " + block.text, block.origin)
            else:
                builder.paragraph(block.text, block.origin)
        notes = []
        if self.insertions or self.deletions:
            notes.append(
                f"the document has tracked changes ({self.insertions} insertion(s), {self.deletions} deletion(s)): "
                "read as if all were accepted; accept or reject them in Word before publishing"
            )
        if self.footnotes:
            notes.append(f"{self.footnotes} footnote/endnote reference(s): the notes' text is not read")
        if self.toc_dropped:
            notes.append("the table of contents is not read (its lines repeat the headings)")
        return builder.build(path, "docx", notes=notes)


def _is_wide_end(label: str) -> bool:
    from govlint.read.converted import is_wide

    return is_wide(label[-1])


def _field_name(instruction: str) -> str:
    words = instruction.strip().split()
    return words[0].upper() if words else ""


def _symbol(code: str) -> str:
    try:
        value = int(code, 16)
    except ValueError:
        return ""
    if 0xF000 <= value <= 0xF0FF:  # Symbol/Wingdings private-use glyphs: no meaning as text
        return ""
    return chr(value)


def _alternate(element):
    """The content of mc:AlternateContent that Word shows: the first Choice (Fallback repeats it)."""
    choice = element.find(f"{MC}Choice")
    if choice is None:
        choice = element.find(f"{MC}Fallback")
    return choice if choice is not None else []


def _text_boxes(element) -> list:
    """The w:txbxContent elements inside a drawing, once each (mc:Fallback copies skipped)."""
    found = []

    def walk(node):
        for child in node:
            if not isinstance(child.tag, str):
                continue
            if child.tag == f"{MC}AlternateContent":
                walk(_alternate(child))
            elif child.tag == f"{W}txbxContent":
                found.append(child)
            else:
                walk(child)

    if element.tag == f"{MC}AlternateContent":
        walk(_alternate(element))
    else:
        walk(element)
    return found


def _unwrap(parent, tags):
    """Children of `parent` with w:sdt/w:customXml wrappers opened."""
    for child in parent:
        if child.tag in tags:
            yield child
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from _unwrap(content, tags)
        elif child.tag == f"{W}customXml":
            yield from _unwrap(child, tags)


def _rows(tbl):
    return _unwrap(tbl, (f"{W}tr",))


def _cells(tr):
    return _unwrap(tr, (f"{W}tc",))


def _cell_content(tc):
    return _unwrap(tc, (f"{W}p", f"{W}tbl"))


def _grid_value(parent, tag: str, default: int = 0) -> int:
    if parent is None:
        return default
    found = parent.find(f"{W}{tag}")
    value = found.get(f"{W}val", "") if found is not None else ""
    return int(value) if value.isdigit() and int(value) < 1000 else default


def read_docx(data: bytes, name: str) -> Converted:
    """A .docx as govlint text with the paragraph or table cell of each line."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, EOFError, ValueError, OSError) as error:
        raise InputError(f"{name}: a damaged ZIP archive, not a readable .docx ({error})") from None
    with archive:
        try:
            package = _relationships(archive, "", name)
            main = package.get("officeDocument", "word/document.xml")
            if main not in archive.namelist():
                main = "word/document.xml"
            document = _xml(archive, main, name)
            if document is None:
                raise InputError(f"{name}: not a Word document (no word/document.xml in the archive)")
            parts = _relationships(archive, main, name)
            styles, default_style = _styles(_xml(archive, parts.get("styles", "word/styles.xml"), name))
            lists = _numbering(_xml(archive, parts.get("numbering", "word/numbering.xml"), name), styles)
        except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile, NotImplementedError, RuntimeError) as error:
            # RuntimeError: an encrypted member; NotImplementedError: an unknown compression method
            raise InputError(f"{name}: a damaged or encrypted .docx ({error})") from None
    body = document.find(f"{W}body")
    if body is None:
        raise InputError(f"{name}: not a Word document (word/document.xml has no body)")
    reader = _Reader(name, styles, default_style, lists)
    reader.body(body)
    return reader.build(name)
