"""Reading a report: bytes → text whose line numbers are the original file's.

Only line endings are normalised (CRLF and lone CR become LF, one break for one break), so a
line number is the same in the file and in every diagnostic. What the grammar reads is
`Source.normalised` (govlint/read/normalise.py): the same lines, page numbers left in pasted text
blanked and kept in a map.
"""

from __future__ import annotations

import codecs
import os
import stat
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from govlint.read.normalise import Normalised, normalise_text

from govlint.base.errors import GovlintError

MAX_BYTES = 20 * 1024 * 1024  # a report is tens of kilobytes; 20 MB is not a report
_SHARED_LINE = 8  # lines up to this long are kept once per text (`Source.lines`)


class InputError(GovlintError):
    """A file govlint cannot read; the message is one line for stderr."""


@dataclass(frozen=True)
class Source:
    path: str
    text: str  # LF line endings, no BOM, ends with "\n"
    encoding: str  # the text encoding, or the reader's kind for a converted file: "docx", "pdf", "html"
    # A converted file (.docx, .pdf, .html): its text view and the map back to the original
    # (govlint.read.converted.Converted); None for a text report.
    converted: object = field(default=None, compare=False, repr=False)

    @cached_property
    def lines(self) -> list[str]:
        """The lines, split once (the model, the cache and the formatters all read them). A short line is
        one string however often it comes: a Word-export table has a line per cell, most of them the
        same few ("\t0": seed 003 has 311 short lines, 43 different), and a string costs 40–60 bytes
        before its text."""
        seen: dict[str, str] = {}
        return [seen.setdefault(line, line) if len(line) <= _SHARED_LINE else line for line in self.text.split("\n")[:-1]]

    @cached_property
    def normalised(self) -> Normalised:
        """The text the grammar reads (govlint/read/normalise.py): the same lines, page numbers left
        in pasted text blanked and kept in a map. Lines and columns are the original file's."""
        return normalise_text(self.text)


def decode(data: bytes, path: str) -> Source:
    if not data.strip():
        raise InputError(f"{path}: empty file")
    if len(data) > MAX_BYTES:
        raise InputError(f"{path}: file too large ({len(data) // (1024 * 1024)} MB; the limit is {MAX_BYTES // (1024 * 1024)} MB)")
    text, encoding = _decode_text(data, path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{path}: empty file")
    if not text.endswith("\n"):
        text += "\n"
    return Source(path=path, text=text, encoding=encoding)


# Characters every report uses, in simplified and in traditional script: a legacy-encoded file is
# decoded both as GB18030 and as Big5, and the reading that gives more of these is the right one
# (the wrong one turns them into rare characters). Cheaper and surer on these texts than a
# general-purpose detector.
_COMMON = frozenset("的政府信息公开年度报告工作申请情况本机关行政复议诉讼主动处理结果法人组织自然人")
_COMMON_TRADITIONAL = frozenset("的政府資訊信息公開年度報告工作申請情況本機關行政復議訴訟主動處理結果法人組織自然人")


def _legacy_chinese(data: bytes) -> tuple[str, str] | None:
    """The text of a file that is not UTF-8: GB18030 (a superset of GBK) or Big5, whichever reads as
    a report; None when neither decodes."""
    readings = []
    for encoding, common in (("gb18030", _COMMON), ("big5", _COMMON_TRADITIONAL)):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        sample = text[:20000]
        readings.append((sum(ch in common for ch in sample), encoding == "gb18030", text, encoding))
    if not readings:
        return None
    _, _, text, encoding = max(readings)
    return text, encoding


def _decode_text(data: bytes, path: str) -> tuple[str, str]:
    # The encoding's name says what --fix must write back: the BOM and its byte order stay.
    for bom, encoding, codec in ((codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
                                 (codecs.BOM_UTF32_LE, "utf-32-le-bom", "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be-bom", "utf-32-be"),
                                 (codecs.BOM_UTF16_LE, "utf-16-le-bom", "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be-bom", "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec), encoding
            except UnicodeDecodeError as error:
                raise InputError(f"{path}: invalid {codec.upper()} at byte {error.start + len(bom)}") from None
    if b"\x00" in data[:8192]:
        raise InputError(f"{path}: binary file (contains NUL bytes), not a text report")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Many published reports are GBK (GB18030 is its superset); Taiwan and Hong Kong mirrors are Big5.
    legacy = _legacy_chinese(data)
    if legacy is None:
        raise InputError(f"{path}: cannot decode as UTF-8, GB18030 or Big5; convert the file to UTF-8") from None
    text, encoding = legacy
    if any(ch < " " and ch not in "\t\n\r\f" for ch in text[:8192]):
        raise InputError(f"{path}: binary file (control characters), not a text report")
    return text, encoding


_BOMS = {"utf-8-sig": (codecs.BOM_UTF8, "utf-8"), "utf-16-le-bom": (codecs.BOM_UTF16_LE, "utf-16-le"),
         "utf-16-be-bom": (codecs.BOM_UTF16_BE, "utf-16-be"), "utf-32-le-bom": (codecs.BOM_UTF32_LE, "utf-32-le"),
         "utf-32-be-bom": (codecs.BOM_UTF32_BE, "utf-32-be")}


def encode_like(text: str, encoding: str) -> bytes:
    """The text in the encoding a file came in, with its BOM and byte order (what `decode` reported)."""
    if encoding in _BOMS:
        bom, codec = _BOMS[encoding]
        return bom + text.encode(codec)
    return text.encode(encoding)


def raw_text(data: bytes, path: str) -> str:
    """The file's text exactly as it is, line endings included (for rewriting it)."""
    return _decode_text(data, path)[0]


def read_path(path: Path, display: str | None = None) -> Source:
    return decode(read_bytes(path, display), display or str(path))


def read_bytes(path: Path, display: str | None = None) -> bytes:
    """The file's bytes. Only regular files are read: a FIFO or a device named on the command line
    would block or never end (opened without blocking, checked on the open file, so a swap cannot
    slip one in)."""
    name = display or str(path)
    try:
        if path.is_dir():
            raise InputError(f"{name}: is a directory")
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        try:
            info = os.fstat(descriptor)
            if not stat.S_ISREG(info.st_mode):
                raise InputError(f"{name}: not a regular file (a pipe, socket or device)")
            if info.st_size > MAX_BYTES:
                raise InputError(f"{name}: file too large ({info.st_size // (1024 * 1024)} MB; the limit is {MAX_BYTES // (1024 * 1024)} MB)")
            with os.fdopen(descriptor, "rb", closefd=True) as handle:
                descriptor = None
                data = handle.read(MAX_BYTES + 1)
        finally:
            if descriptor is not None:
                os.close(descriptor)
        if len(data) > MAX_BYTES:
            raise InputError(f"{name}: file too large (more than {MAX_BYTES // (1024 * 1024)} MB)")
        return data
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as error:
        raise InputError(f"{name}: cannot read ({error.strerror})") from None
