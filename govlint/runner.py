"""Checking many files: one file's work, a content-hash cache, and a process pool for -j N."""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .cache import read_pickle, write_pickle

CACHE_DIR = ".govlint_cache"
REPORT_SUFFIXES = (".md", ".markdown", ".txt")
SKIPPED_FOLDERS = ("node_modules", "__pycache__")


def report_files(folder: Path, extra_suffixes: tuple[str, ...] = ()) -> list[Path]:
    """The reports below a folder, sorted: *.md, *.markdown, *.txt (and suffixes reader plugins add),
    hidden folders and dependency folders skipped."""
    suffixes = REPORT_SUFFIXES + tuple(extra_suffixes)
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


def code_stamp() -> str:
    """What the installed govlint is: its version, its code and its data files (edited in development)."""
    from .resources import data_dir

    package = Path(__file__).parent
    parts = [__version__]
    for folder, pattern in ((package, "**/*.py"), (data_dir("rules"), "**/*.yaml"), (data_dir("grammar"), "*.lark")):
        for path in sorted(folder.glob(pattern)):
            info = path.stat()
            parts.append(f"{path.name}:{info.st_size}:{info.st_mtime_ns}")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


class Cache:
    """Diagnostics of unchanged files, keyed by content, path, govlint, configuration and plugins."""

    def __init__(self, root: Path, settings_key: str):
        self.root = root / CACHE_DIR
        self.settings_key = settings_key

    def key(self, path: str, data: bytes, config_key: tuple) -> str:
        digest = hashlib.sha256(data)
        digest.update(f"\0{path}\0{self.settings_key}\0{config_key!r}".encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.pickle"

    def load(self, key: str):
        return read_pickle(self._path(key))

    def store(self, key: str, value) -> None:
        tag = self.root / "CACHEDIR.TAG"
        if not tag.exists():
            try:
                self.root.mkdir(parents=True, exist_ok=True)
                tag.write_text("Signature: 8a477f597d28d172789f06886806bc55\n# govlint cache; `govlint clean` removes it.\n")
            except OSError:
                pass
        write_pickle(self._path(key), value)


def check_file(target, settings, cache: Cache | None, keep_lines: bool, readers: dict) -> FileResult:
    """Read, decode and lint one file (a Path), using and filling the cache."""
    from .source import InputError, decode, read_bytes

    name = str(target)
    try:
        data = read_bytes(target)
        config = settings.config_for(target)
        reader = readers.get(target.suffix.lower())
        if reader is not None:
            try:
                data = reader(data, name).encode("utf-8")
            except Exception as error:
                raise InputError(f"{name}: the reader plugin could not read it ({type(error).__name__}: {error})") from None
        linter = settings.linter_for(config)
        key = cache.key(name, data, (config.key(), linter.lang, tuple(sorted(linter.enabled)))) if cache else None
        if cache is not None:
            hit = cache.load(key)
            if hit is not None:
                diagnostics, lines = hit
                return FileResult(name, diagnostics, lines if keep_lines else None, cached=True)
        source = decode(data, name)
        diagnostics = linter.lint(source, target)
        if cache is not None:
            cache.store(key, (diagnostics, source.lines))
        return FileResult(name, diagnostics, source.lines if keep_lines else None)
    except InputError as error:
        return FileResult(name, error=str(error))


# ---- the process pool --------------------------------------------------------------------------
_WORKER: dict = {}


def _start_worker(args, settings_key, root, keep_lines):
    from .cli import Settings

    settings = Settings(args, quiet=True)
    _WORKER.update(settings=settings, cache=Cache(Path(root), settings_key) if settings_key else None,
                   keep_lines=keep_lines, readers=settings.host.readers())


def _work(target):
    return check_file(target, _WORKER["settings"], _WORKER["cache"], _WORKER["keep_lines"], _WORKER["readers"])


def check_files(targets: list[Path], settings, args, cache: Cache | None, keep_lines: bool, jobs: int, progress):
    """FileResults in the order of `targets`, whatever the number of jobs."""
    readers = settings.host.readers()
    if jobs <= 1 or len(targets) < 2:
        for index, target in enumerate(targets, 1):
            yield check_file(target, settings, cache, keep_lines, readers)
            progress(index, len(targets))
        return
    from concurrent.futures import ProcessPoolExecutor  # only a parallel run pays for it

    root = str(cache.root.parent) if cache else ""
    key = cache.settings_key if cache else ""
    with ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=(args, key, root, keep_lines)) as pool:
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
