"""What kind of file a report is, by its first bytes before its name, and reading it as text.

A PDF named `.txt` is a PDF, a web page saved as `.doc` is a web page: the signature decides, the
extension only where the bytes say nothing (plain text) or to name what a refused file is. Files
govlint cannot read are refused with one line that says what to do (`InputError`):

| first bytes | kind |
|---|---|
| `%PDF-` (in the first KiB) | pdf |
| `PK` ZIP holding `word/document.xml` | docx |
| `PK` ZIP without it | refused: not a Word document (an .xlsx, .pptx, .odt or other archive) |
| `D0 CF 11 E0` (OLE2) | refused: .doc / .wps, old binary formats: save as .docx |
| `{\\rtf` | refused: save as .docx |
| `<!doctype html`, `<html`, `<head`, `<body` (after a BOM or whitespace) | html |
| anything else | text (decoded by `govlint.read.source.decode`) |

`convert(data, name)` reads any of them into a `Converted`. The readers import their libraries
only when called, so a run over Markdown files never loads them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from govlint.read.source import MAX_BYTES, InputError, decode

if TYPE_CHECKING:  # imported when a file is converted: a plain-text run never needs it
    from govlint.read.converted import Converted

# The suffixes a folder walk reads through a converter (text reports are .md/.markdown/.txt).
CONVERTED_SUFFIXES = (".docx", ".pdf", ".html", ".htm", ".shtml", ".xhtml")
KINDS = ("pdf", "docx", "html", "text")

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_START = re.compile(rb"^(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta[\s>])", re.IGNORECASE)
_HTML_ANYWHERE = re.compile(rb"<(?:html|body|head)[\s>]", re.IGNORECASE)
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def detect(data: bytes, name: str) -> str:
    """"pdf", "docx", "html" or "text"; InputError for a file that is none of them."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(data, name)
    if data.startswith(_OLE2):
        raise InputError(f"{name}: {_ole2_kind(name)}")
    if data.startswith(b"{\\rtf"):
        raise InputError(f"{name}: an RTF document, not a report govlint can read: save it as .docx (Word: 文件 → 另存为 → Word 文档)")
    if _looks_like_html(data):
        return "html"
    suffix = Path(name).suffix.lower()
    if suffix == ".pdf":
        raise InputError(f"{name}: not a PDF (no %PDF- header); the file is damaged or is something else")
    if suffix == ".docx":
        raise InputError(f"{name}: not a .docx (not a ZIP archive); the file is damaged or is something else")
    if suffix in (".doc", ".wps"):
        raise InputError(f"{name}: not a Word document govlint can read: save it as .docx")
    if suffix in (".html", ".htm", ".shtml", ".xhtml") and data.lstrip()[:1] == b"<":
        return "html"
    return "text"


def _looks_like_html(data: bytes) -> bool:
    head = data[:4096]
    for bom in _BOMS:
        if head.startswith(bom):
            head = head[len(bom):]
            break
    if head[:2] in (b"<\x00", b"\x00<"):  # UTF-16 without a BOM
        head = head.replace(b"\x00", b"")
    head = head.lstrip()
    if _HTML_START.match(head):
        return True
    # A comment or an XML declaration first ("<!-- saved from url=… -->", "<?xml …?>"), then the page.
    return head[:4] in (b"<!--", b"<?xm") and bool(_HTML_ANYWHERE.search(head))


def _zip_kind(data: bytes, name: str) -> str:
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
            types = archive.read("[Content_Types].xml")[:20000] if "[Content_Types].xml" in names else b""
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError, KeyError, RuntimeError) as error:
        raise InputError(f"{name}: a damaged ZIP archive, not a readable .docx ({error})") from None
    if "word/document.xml" in names or b"wordprocessingml.document.main" in types:
        return "docx"
    if "xl/workbook.xml" in names:
        what = "an Excel workbook (.xlsx)"
    elif "ppt/presentation.xml" in names:
        what = "a PowerPoint presentation (.pptx)"
    elif mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
        raise InputError(f"{name}: an OpenDocument text (.odt), not a Word document: save it as .docx")
    elif "[Content_Types].xml" in names:
        what = "an Office file that is not a Word document"
    else:
        what = "a ZIP archive"
    raise InputError(f"{name}: {what}, not a Word document (.docx)")


def _ole2_kind(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix in (".wps", ".wpt"):
        return "a WPS Writer document (.wps, an old binary format): save it as .docx (WPS: 文件 → 另存为 → Word 文档)"
    if suffix in (".xls", ".et"):
        return "an old binary spreadsheet (.xls/.et), not a report"
    return "a .doc (old binary Word) file: save it as .docx (Word/WPS: 文件 → 另存为 → Word 文档 .docx)"


def convert(data: bytes, name: str) -> Converted:
    """The report in `data` (named `name`) as govlint text with origins; InputError when it cannot be read."""
    if not data.strip():
        raise InputError(f"{name}: empty file")
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: file too large ({len(data) // (1024 * 1024)} MB; the limit is {MAX_BYTES // (1024 * 1024)} MB)")
    kind = detect(data, name)
    from govlint.read.converted import Converted

    if kind == "text":
        source = decode(data, name)
        count = source.text.count("\n")
        return Converted(path=name, kind="text", text=source.text, origins=(None,) * count)
    if kind == "pdf":
        from govlint.read.pdf import read_pdf as reader
    elif kind == "docx":
        from govlint.read.docx import read_docx as reader
    else:
        from govlint.read.html import read_html as reader
    try:
        converted = reader(data, name)
    except InputError:
        raise
    except RecursionError:
        raise InputError(f"{name}: the {kind.upper()} is nested too deeply to read") from None
    except MemoryError:
        raise InputError(f"{name}: the {kind.upper()} is too large to read") from None
    except Exception as error:  # noqa: BLE001 -- a library's failure on a damaged file is this file's problem, not the run's
        message = " ".join(str(error).split())[:160]
        raise InputError(f"{name}: cannot read this {kind.upper()} ({type(error).__name__}: {message})") from None
    if not converted.text.strip():
        raise InputError(f"{name}: no text found in the {kind.upper()}")
    return converted
