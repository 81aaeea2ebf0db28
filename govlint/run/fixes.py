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
import errno
import glob
import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from govlint.base.chinese import halfwidth
from govlint.base.diagnostics import Diagnostic, Edit
from govlint.base.urls import in_url, url_spans
from govlint.read.source import Source, decode, raw_text

_DIGIT = re.compile(r"[0-9]")
_LINE_BREAK = re.compile(r"(\r\n|\r|\n)")
MAX_PASSES = 50  # a fix can uncover another (》》》》 → 》》 → 》); each pass lints once more


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
    """Fix in memory: lint, apply the safe edits, lint again, until nothing fixable is left — so one
    run reaches the fixpoint and a second `--fix` changes nothing (bounded: MAX_PASSES)."""
    original = raw_text(data, source.path)
    text, applied = original, 0
    report, diagnostics = linter.check(source, path)
    if any(d.code == "GL900" for d in diagnostics):
        return FixResult(source.path, original, original, 0, diagnostics, "the file does not parse")
    for _ in range(MAX_PASSES):
        table_lines = {number for number, _ in report.table_lines}
        lines = _lines(text)
        urls: dict[int, list] = {}
        edits = [e for d in diagnostics for e in d.edits if _safe(e, lines, table_lines, urls)]
        if not edits:
            break
        text, count = apply_edits(text, edits)
        applied += count
        if count == 0:
            break
        report, diagnostics = linter.check(decode(text.encode("utf-8", "surrogatepass"), source.path), path)
        if any(d.code == "GL900" for d in diagnostics):
            return FixResult(source.path, original, original, 0, linter.lint(source, path), "a fix made the file unparsable")
    return FixResult(source.path, original, text, applied, diagnostics)


def _lines(text: str) -> list[str]:
    """Lines with their own line break kept at the end."""
    parts = _LINE_BREAK.split(text)
    return [parts[i] + (parts[i + 1] if i + 1 < len(parts) else "") for i in range(0, len(parts), 2)]


def _safe(edit: Edit, lines: list[str], table_lines: set[int], urls: dict[int, list]) -> bool:
    span = edit.span
    if span.line != span.end_line or span.line in table_lines or span.line > len(lines):
        return False
    line = lines[span.line - 1]
    old = line[span.column - 1: span.end_column - 1]
    if _DIGIT.findall(halfwidth(old)) != _DIGIT.findall(halfwidth(edit.text)):
        return False  # a fix may move brackets around a number (〔2021〕30号), never change a digit
    if span.line not in urls:  # a line's addresses are found once, however many edits it has
        urls[span.line] = url_spans(line)
    return not in_url(urls[span.line], span.column - 1, span.end_column - 1)


def apply_edits(text: str, edits: list[Edit]) -> tuple[str, int]:
    """Apply non-overlapping single-line edits; an edit overlapping one already taken is skipped.
    Linear in the line's length and the number of edits (a line of 16,000 commas is one pass)."""
    lines = _lines(text)
    by_line: dict[int, list[Edit]] = {}
    for edit in sorted(edits, key=lambda e: (e.span.line, e.span.column, e.span.end_column)):
        taken = by_line.setdefault(edit.span.line, [])
        if taken:
            last = taken[-1].span
            start, end = edit.span.column, edit.span.end_column
            # sorted by start: only the previous edit can overlap (two insertions at one place count too)
            if start < last.end_column or start == end == last.column == last.end_column:
                continue
        taken.append(edit)
    count = 0
    for number, line_edits in by_line.items():
        line, pieces, position = lines[number - 1], [], 0
        for edit in line_edits:
            start, end = edit.span.column - 1, edit.span.end_column - 1
            pieces += [line[position:start], edit.text]
            position = end
            count += 1
        pieces.append(line[position:])
        lines[number - 1] = "".join(pieces)
    return "".join(lines), count


TEMP_SUFFIX = ".govlint-tmp"


class FileChanged(Exception):
    """The file changed while it was being fixed; it is left as it is now."""


def write_atomically(path: Path, data: bytes, expected: bytes | None = None) -> None:
    """Replace the file's contents through a temporary file in the same folder and a rename.

    - `expected`: the bytes the fixes were computed from; when the file no longer holds them (someone
      saved it meanwhile), nothing is written and FileChanged is raised — a --fix never loses an edit.
    - a symbolic link is followed: its target is fixed, the link stays a link;
    - a file with several hard links is refused (a rename would split them);
    - mode, owner (where permitted) and extended attributes are kept.
    """
    target = Path(os.path.realpath(path))
    info = target.stat()
    if info.st_nlink > 1:
        raise OSError(errno.EMLINK, "the file has other hard links; fix a copy or break the links first")
    _clean_stale_temporaries(target)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.{os.getpid()}.", suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, info.st_mode & 0o7777)
        _keep_owner_and_attributes(target, temporary, info)
        if expected is not None and _digest(target) != hashlib.sha256(expected).digest():
            raise FileChanged(f"{path}: changed while it was being fixed; not written (run --fix again)")
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def _digest(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").digest()


def _keep_owner_and_attributes(original: Path, temporary: str, info: os.stat_result) -> None:
    if hasattr(os, "chown") and (info.st_uid, info.st_gid) != (os.stat(temporary).st_uid, os.stat(temporary).st_gid):
        try:
            os.chown(temporary, info.st_uid, info.st_gid)
        except OSError:
            pass  # only root may give a file away; the owner then becomes the user running --fix
    if hasattr(os, "listxattr"):
        try:
            for name in os.listxattr(original):
                os.setxattr(temporary, name, os.getxattr(original, name))
        except OSError:
            pass  # a file system without extended attributes


def _clean_stale_temporaries(target: Path) -> None:
    """Remove the temporary files of earlier runs that were killed before their rename."""
    for leftover in target.parent.glob(f".{glob.escape(target.name)}.*{TEMP_SUFFIX}"):
        pid = leftover.name[len(target.name) + 2:].split(".", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            try:
                leftover.unlink()
            except OSError:
                pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True
