"""Reading one input, whatever it is: a report file, bytes from stdin or an editor buffer.

The command line, the `-j N` workers, the Python API, `--fix` and the language server all read
through `read_source`, so a file type a reader handles is read the same way everywhere.
"""

from __future__ import annotations

from pathlib import Path

from govlint.read.source import InputError, Source, decode, read_bytes

# The suffixes a folder walk picks up without a reader.
TEXT_SUFFIXES = (".md", ".markdown", ".txt")


def reader_for(name: str, readers: dict):
    """The reader function a plugin registered for this file's suffix, or None for a text report."""
    return readers.get(Path(name).suffix.lower()) if readers else None


def read_source(data: bytes, name: str, readers: dict | None = None) -> Source:
    """The report in `data` (named `name`) as text with positions; InputError when it cannot be read."""
    reader = reader_for(name, readers or {})
    if reader is None:
        return decode(data, name)
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
