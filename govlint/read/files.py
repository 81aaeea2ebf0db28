"""Reading one input, whatever it is: a report file, bytes from stdin or an editor buffer.

The command line, the `-j N` workers, the Python API, `--fix` and the language server all read
through `read_source`, so a file type a reader handles is read the same way everywhere.
"""

from __future__ import annotations

from pathlib import Path

from govlint.read.detect import CONVERTED_SUFFIXES, convert, detect
from govlint.read.source import InputError, Source, decode, read_bytes

# The suffixes a folder walk picks up without a reader plugin: text reports, and the files the
# built-in readers convert.
TEXT_SUFFIXES = (".md", ".markdown", ".txt")
REPORT_SUFFIXES = TEXT_SUFFIXES + CONVERTED_SUFFIXES


def reader_for(name: str, readers: dict):
    """The reader function a plugin registered for this file's suffix, or None for a text report."""
    return readers.get(Path(name).suffix.lower()) if readers else None


def read_source(data: bytes, name: str, readers: dict | None = None) -> Source:
    """The report in `data` (named `name`) as text with positions; InputError when it cannot be read.

    A reader plugin registered for the file's suffix reads it; otherwise the file's first bytes decide
    (a PDF named .txt is a PDF): Word, PDF and web pages are converted to govlint's text view (the
    view `govlint convert` prints, with a web page's metadata as front matter), and the Source keeps
    the map back to the original; anything else is decoded as a text report."""
    reader = reader_for(name, readers or {})
    if reader is None:
        if detect(data, name) == "text":
            return decode(data, name)
        return convert(data, name).with_front_matter().to_source()
    try:
        text = reader(data, name)
    except InputError:
        raise
    except Exception as error:  # a reader plugin's failure is this file's problem, not the run's
        raise InputError(f"{name}: the reader plugin could not read it ({type(error).__name__}: {error})") from None
    if not isinstance(text, str):
        raise InputError(f"{name}: the reader plugin returned {type(text).__name__}, not text")
    return decode(text.encode("utf-8"), name)


def read_file(path: Path, readers: dict | None = None, display: str | None = None) -> Source:
    name = display or str(path)
    return read_source(read_bytes(path, name), name, readers)
