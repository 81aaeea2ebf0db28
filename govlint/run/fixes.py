"""Applying safe fixes to a file: `govlint --fix` and `govlint --diff`.

A fix is a list of edits within lines. Before any edit is applied it must pass the safety net:
it does not change a digit, it does not touch a table line, and it does not reach into a URL.
Fixes are applied until nothing fixable is left (at most a few passes), so a second `--fix`
changes nothing. The file is rewritten in its own encoding and line endings, through a temporary
file and a rename, so a crash leaves the old file or the new one, never half of either. A file
that does not parse is never touched.
"""

from __future__ import annotations

import difflib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from govlint.base.diagnostics import Diagnostic, Edit
from govlint.base.urls import in_url, url_spans
from govlint.read.source import Source, decode, raw_text

_DIGIT = re.compile(r"[0-9０-９]")
_LINE_BREAK = re.compile(r"(\r\n|\r|\n)")
MAX_PASSES = 4


@dataclass
class FixResult:
    path: str
    original: str  # the file's text with its own line endings
    fixed: str
    applied: int  # edits applied
    diagnostics: list[Diagnostic]  # what remains after fixing
    refused: str | None = None  # why the file was left alone

    @property
    def changed(self) -> bool:
        return self.fixed != self.original

    def diff(self) -> str:
        return "".join(difflib.unified_diff(
            self.original.splitlines(keepends=True), self.fixed.splitlines(keepends=True),
            fromfile=f"a/{self.path.lstrip('/')}", tofile=f"b/{self.path.lstrip('/')}",
        ))


def fix_source(linter, source: Source, data: bytes, path: Path | None = None) -> FixResult:
    """Fix in memory: lint, apply the safe edits, lint again, until nothing fixable is left."""
    original = raw_text(data, source.path)
    text, applied = original, 0
    report, diagnostics = linter.check(source, path)
    if any(d.code == "GL900" for d in diagnostics):
        return FixResult(source.path, original, original, 0, diagnostics, "the file does not parse")
    for _ in range(MAX_PASSES):
        table_lines = {number for number, _ in report.table_lines}
        lines = _lines(text)
        edits = [e for d in diagnostics for e in d.edits if _safe(e, lines, table_lines)]
        if not edits:
            break
        text, count = apply_edits(text, edits)
        applied += count
        if count == 0:
            break
        report, diagnostics = linter.check(decode(text.encode("utf-8"), source.path), path)
        if any(d.code == "GL900" for d in diagnostics):
            return FixResult(source.path, original, original, 0, linter.lint(source, path), "a fix made the file unparsable")
    return FixResult(source.path, original, text, applied, diagnostics)


def _lines(text: str) -> list[str]:
    """Lines with their own line break kept at the end."""
    parts = _LINE_BREAK.split(text)
    return [parts[i] + (parts[i + 1] if i + 1 < len(parts) else "") for i in range(0, len(parts), 2)]


def _safe(edit: Edit, lines: list[str], table_lines: set[int]) -> bool:
    span = edit.span
    if span.line != span.end_line or span.line in table_lines or span.line > len(lines):
        return False
    line = lines[span.line - 1]
    old = line[span.column - 1: span.end_column - 1]
    if _DIGIT.search(old) or _DIGIT.search(edit.text):
        return False
    return not in_url(url_spans(line), span.column - 1, span.end_column - 1)


def apply_edits(text: str, edits: list[Edit]) -> tuple[str, int]:
    """Apply non-overlapping single-line edits; an edit overlapping one already taken is skipped."""
    lines = _lines(text)
    taken: dict[int, list[tuple[int, int]]] = {}
    by_line: dict[int, list[Edit]] = {}
    for edit in sorted(edits, key=lambda e: (e.span.line, e.span.column, e.span.end_column)):
        start, end = edit.span.column - 1, edit.span.end_column - 1
        if any(a < end and start < b or a == b == start == end for a, b in taken.get(edit.span.line, [])):
            continue
        taken.setdefault(edit.span.line, []).append((start, end))
        by_line.setdefault(edit.span.line, []).append(edit)
    count = 0
    for number, line_edits in by_line.items():
        line = lines[number - 1]
        for edit in sorted(line_edits, key=lambda e: e.span.column, reverse=True):
            start, end = edit.span.column - 1, edit.span.end_column - 1
            line = line[:start] + edit.text + line[end:]
            count += 1
        lines[number - 1] = line
    return "".join(lines), count


def write_atomically(path: Path, data: bytes) -> None:
    """Write through a temporary file in the same folder and rename it over the original."""
    mode = path.stat().st_mode
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".govlint-tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode & 0o7777)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def encode_like(text: str, encoding: str) -> bytes:
    """The text in the encoding the file came in (a UTF-8 BOM or UTF-16 BOM stays)."""
    return text.encode(encoding)
