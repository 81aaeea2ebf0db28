"""Reading a report: bytes → text whose line numbers are the original file's.

Only line endings are normalised (CRLF and lone CR become LF, one break for one break), so a
line number is the same in the file and in every diagnostic.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 20 * 1024 * 1024  # a report is tens of kilobytes; 20 MB is not a report


class InputError(Exception):
    """A file govlint cannot read; the message is one line for stderr."""


@dataclass(frozen=True)
class Source:
    path: str
    text: str  # LF line endings, no BOM, ends with "\n"
    encoding: str

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")[:-1]


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


def _decode_text(data: bytes, path: str) -> tuple[str, str]:
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding).lstrip("\ufeff"), encoding
            except UnicodeDecodeError as error:
                raise InputError(f"{path}: invalid {encoding} at byte {error.start}") from None
    if b"\x00" in data[:8192]:
        raise InputError(f"{path}: binary file (contains NUL bytes), not a text report")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Many published reports are GBK; GB18030 is its superset.
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: cannot decode as UTF-8 or GB18030 (byte {error.start}); convert the file to UTF-8") from None
    if any(ch < " " and ch not in "\t\n\r\f" for ch in text[:8192]):
        raise InputError(f"{path}: binary file (control characters), not a text report")
    return text, "gb18030"


def raw_text(data: bytes, path: str) -> str:
    """The file's text exactly as it is, line endings included (for rewriting it)."""
    return _decode_text(data, path)[0]


def read_path(path: Path, display: str | None = None) -> Source:
    return decode(read_bytes(path, display), display or str(path))


def read_bytes(path: Path, display: str | None = None) -> bytes:
    name = display or str(path)
    try:
        if path.is_dir():
            raise InputError(f"{name}: is a directory")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{name}: file too large ({size // (1024 * 1024)} MB; the limit is {MAX_BYTES // (1024 * 1024)} MB)")
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as error:
        raise InputError(f"{name}: cannot read ({error.strerror})") from None
