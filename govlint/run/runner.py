"""Checking many files: one file's work, a content-hash cache, and a process pool for -j N."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from govlint.read.files import TEXT_SUFFIXES, read_source
from govlint.read.source import InputError, read_bytes
from govlint.run.cache import Cache
from govlint.run.session import Session

SKIPPED_FOLDERS = ("node_modules", "__pycache__")


def report_files(folder: Path, extra_suffixes: tuple[str, ...] = ()) -> list[Path]:
    """The reports below a folder, sorted: *.md, *.markdown, *.txt (and suffixes reader plugins add),
    hidden folders and dependency folders skipped."""
    suffixes = TEXT_SUFFIXES + tuple(extra_suffixes)
    return sorted(
        path for path in folder.rglob("*")
        if path.suffix.lower() in suffixes and path.is_file()
        and not any(part.startswith(".") or part in SKIPPED_FOLDERS for part in path.relative_to(folder).parts[:-1])
    )


@dataclass
class FileResult:
    path: str
    diagnostics: list = field(default_factory=list)
    lines: list[str] | None = None
    error: str | None = None
    cached: bool = False


def check_file(target: Path, session: Session, cache: Cache | None, keep_lines: bool) -> FileResult:
    """Read and lint one file, using and filling the cache (keyed by the file's bytes, before any reader)."""
    name = str(target)
    try:
        data = read_bytes(target)
        linter = session.linter_for_path(target)
        key = cache.key(name, data, (linter.config.key(), linter.lang, tuple(sorted(linter.enabled)))) if cache else None
        if cache is not None:
            hit = cache.load(key)
            if hit is not None:
                diagnostics, lines = hit
                return FileResult(name, diagnostics, lines if keep_lines else None, cached=True)
        source = read_source(data, name, session.readers)
        diagnostics = linter.lint(source, target)
        if cache is not None:
            cache.store(key, (diagnostics, source.lines))
        return FileResult(name, diagnostics, source.lines if keep_lines else None)
    except InputError as error:
        return FileResult(name, error=str(error))


# ---- the process pool --------------------------------------------------------------------------
_WORKER: dict = {}


def _start_worker(recipe, settings_key, root, keep_lines):
    session = Session(**recipe, quiet=True)
    _WORKER.update(session=session, cache=Cache(Path(root), settings_key) if settings_key else None, keep_lines=keep_lines)


def _work(target):
    return check_file(target, _WORKER["session"], _WORKER["cache"], _WORKER["keep_lines"])


def check_files(targets: list[Path], session: Session, cache: Cache | None, keep_lines: bool, jobs: int, progress):
    """FileResults in the order of `targets`, whatever the number of jobs."""
    if jobs <= 1 or len(targets) < 2:
        for index, target in enumerate(targets, 1):
            yield check_file(target, session, cache, keep_lines)
            progress(index, len(targets))
        return
    from concurrent.futures import (
        ProcessPoolExecutor,  # only a parallel run pays for it
    )

    root = str(cache.root.parent) if cache else ""
    key = cache.settings_key if cache else ""
    with ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=(session.recipe, key, root, keep_lines)) as pool:
        for index, result in enumerate(pool.map(_work, targets, chunksize=max(1, min(64, len(targets) // (jobs * 8) or 1))), 1):
            yield result
            progress(index, len(targets))


def progress_bar(enabled: bool):
    """A one-line bar on stderr for a terminal; nothing otherwise."""
    if not enabled:
        return lambda done, total: None

    def show(done, total):
        width = 30
        filled = width * done // total
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done == total:
            sys.stderr.write("\r" + " " * (width + 24) + "\r")
        sys.stderr.flush()

    return show
