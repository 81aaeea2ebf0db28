"""Checking many files: one file's work, a content-hash cache, and a process pool for -j N."""

from __future__ import annotations

import marshal
import os
import pickle
import sys
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from govlint.read.files import REPORT_SUFFIXES, read_source
from govlint.read.source import InputError, read_bytes
from govlint.run.cache import Cache
from govlint.run.session import Session

if TYPE_CHECKING:
    from govlint.base.diagnostics import Diagnostic

SKIPPED_FOLDERS = ("node_modules", "__pycache__")


IGNORE_FILES = (".gitignore", ".ignore")  # read in this order: in one folder, .ignore has the last word
OWN_PAGE = b'<meta name="generator" content="govlint '  # near the top of a `--format html` page: not a report


def report_files(folder: Path, extra_suffixes: tuple[str, ...] = (), problems: list[str] | None = None,
                 respect_gitignore: bool = True) -> list[Path]:
    """The reports below a folder, sorted: *.md, *.markdown, *.txt, the Word, PDF and web files the
    built-in readers convert (and suffixes reader plugins add),
    hidden folders and dependency folders skipped, and — unless `respect_gitignore` is false — what
    the .gitignore and .ignore files ignore (see `Ignores`). A folder that cannot be read is an
    InputError when it is `folder` itself, and a message in `problems` when it is below it (the rest
    is still walked)."""
    suffixes = REPORT_SUFFIXES + tuple(extra_suffixes)
    try:
        os.scandir(folder).close()
    except OSError as error:
        raise InputError(f"{folder}: cannot read the folder ({error.strerror or type(error).__name__})") from None
    found = []

    def unreadable(error: OSError):
        if problems is not None:
            problems.append(f"{error.filename}: cannot read the folder ({error.strerror or type(error).__name__}); its reports were not checked")

    ignores = Ignores.above(folder) if respect_gitignore else None
    for root, folders, files in os.walk(folder, onerror=unreadable):
        here = Path(root)
        folders[:] = [name for name in folders if not name.startswith(".") and name not in SKIPPED_FOLDERS]
        if ignores is not None:
            ignores.enter(here)
            folders[:] = [name for name in folders if not ignores.ignored(here / name, folder=True)]
        found.extend(here / name for name in files
                     if Path(name).suffix.lower() in suffixes and not (ignores is not None and ignores.ignored(here / name)))
    return sorted(path for path in found if path.is_file() and not _own_page(path))


def _own_page(path: Path) -> bool:
    """govlint's own HTML audit page (an audit.html written into the folder checked) is not a report."""
    if path.suffix.lower() not in (".html", ".htm"):
        return False
    try:
        with open(path, "rb") as stream:
            return OWN_PAGE in stream.read(1024)
    except OSError:
        return False


class Ignores:
    """What .gitignore and .ignore files say about the paths of one folder walk, as git reads them
    (gitwildmatch, by `pathspec`): the files of the walked folder and of every folder below it, each
    relative to its own folder, and those of the folders above it up to the root of the repository
    it is in (the folder holding `.git`), with `.git/info/exclude`. A deeper file overrides a
    shallower one, a later pattern an earlier one, `!pattern` re-includes; nothing inside an ignored
    folder is looked at. The folder walked is itself never ignored: it was named."""

    def __init__(self, layers: list[tuple[str, object]]):
        self.layers: dict[str, list[tuple[str, object]]] = {}  # folder → the (base, spec) layers that apply in it
        self._above = layers

    @classmethod
    def above(cls, folder: Path) -> Ignores:
        start = Path(os.path.abspath(folder))
        chain = [start, *start.parents]
        top = next((i for i, candidate in enumerate(chain) if (candidate / ".git").exists()), None)
        layers: list[tuple[str, object]] = []
        if top is not None:
            repository = chain[top]
            spec = _spec((repository / ".git" / "info" / "exclude",))
            if spec is not None:
                layers.append((str(repository), spec))
            for candidate in reversed(chain[1:top + 1]):  # from the repository's root down to the folder's parent
                spec = _spec(candidate / name for name in IGNORE_FILES)
                if spec is not None:
                    layers.append((str(candidate), spec))
        ignores = cls(layers)
        if layers and ignores._match(layers, str(start), folder=True):
            ignores._above = []  # the folder named is ignored: it was named, so walk it as if nothing above applied
        return ignores

    def enter(self, folder: Path) -> None:
        """Called for each folder of the walk, parents first: read its own ignore files."""
        key = os.path.abspath(folder)
        parent = os.path.dirname(key)
        inherited = self.layers.get(parent, self._above)
        spec = _spec(Path(key) / name for name in IGNORE_FILES)
        self.layers[key] = inherited + [(key, spec)] if spec is not None else inherited

    def ignored(self, path: Path, folder: bool = False) -> bool:
        absolute = os.path.abspath(path)
        return self._match(self.layers.get(os.path.dirname(absolute), self._above), absolute, folder)

    @staticmethod
    def _match(layers, absolute: str, folder: bool) -> bool:
        for base, spec in reversed(layers):  # the deepest file that says something decides
            relative = os.path.relpath(absolute, base).replace(os.sep, "/")
            if relative.startswith("../"):
                continue
            result = spec.check_file(relative + "/" if folder else relative)
            if result.include is not None:
                return bool(result.include)
        return False


def _spec(paths):
    """The patterns of those of `paths` that exist, in order, as one gitignore spec; None if there are none."""
    lines: list[str] = []
    for path in paths:
        try:
            lines.extend(Path(path).read_text(encoding="utf-8", errors="replace").splitlines())
        except OSError:
            continue
    if not any(line.strip() and not line.startswith("#") for line in lines):
        return None
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(lines)


@dataclass
class FileResult:
    path: str
    diagnostics: list = field(default_factory=list)
    lines: list[str] | None = None
    error: str | None = None
    cached: bool = False
    # What the cross-report rules read from it (when any is enabled), packed (`pack_facts`): a run keeps
    # every file's facts until the history pass, and bytes are not traversed by the garbage collector.
    facts: bytes | dict | None = None


def check_file(target: Path, session: Session, cache: Cache | None, keep_lines: bool, pack: bool = False) -> FileResult:
    """Read and lint one file, using and filling the cache (keyed by the file's bytes, before any reader).
    `pack`: the caller keeps the result a while (the cross-report pass): its findings as PackedDiagnostics."""
    result = _check_file(target, session, cache, keep_lines)
    if pack and result.diagnostics:
        result.diagnostics = PackedDiagnostics(result.diagnostics)
    return result


def _check_file(target: Path, session: Session, cache: Cache | None, keep_lines: bool) -> FileResult:
    name = str(target)
    try:
        data = read_bytes(target)
        linter = session.linter_for_path(target)
        key = cache.key(name, data, linter.fingerprint) if cache else None
        history = bool(linter.history_rules)  # the cross-report pass needs the facts and the lines (suppressions)
        if cache is not None:
            hit = cache.load_entry(key)
            if hit is not None and (hit[2] is not None or not history):
                diagnostics, lines, facts = hit
                return FileResult(name, diagnostics, lines if keep_lines else _history_lines(lines) if history else None, cached=True,
                                  facts=_packed(facts) if history else None)
        source = read_source(data, name, session.readers)
        del data  # the decoded text is what is checked: a large file's bytes need not stay alive with it
        diagnostics, facts = session.lint_with_facts(source, target)  # through the session: converted files get their origins
        if cache is not None:
            cache.store(key, diagnostics, source.lines, facts)
        return FileResult(name, diagnostics, source.lines if keep_lines else _history_lines(source.lines) if history else None,
                          facts=_packed(facts))
    except InputError as error:
        return FileResult(name, error=str(error))
    except Exception as error:  # a bug met on one file must not end the run: the others are still checked
        return FileResult(name, error=f"{name}: internal error while checking it ({type(error).__name__}: {error}); please report it with the file")


def _history_lines(lines: list[str]) -> list[str]:
    """What the cross-report pass needs of a file's lines: its suppression comments (a GL7xx finding
    can be silenced like any other), so nothing when it has none — keeping every line of 10,000
    files until the pass was most of such a run's memory."""
    return lines if any("govlint-" in line for line in lines) else []


class PackedDiagnostics(Sequence):
    """A file's findings kept as bytes while a run holds every file's until the cross-report pass, and
    made again when they are read (output, the pass). As objects they were ~50 KB a report — 10,000
    files, hundreds of MB — and as compressed bytes ~3 KB. Packed where the file was checked (a
    worker sends bytes, not objects), with pickle: the run's own objects, made and read in memory by
    this run's processes, never stored."""

    __slots__ = ("_packed", "_count", "_added")

    def __init__(self, diagnostics: list[Diagnostic]):
        self._packed = zlib.compress(pickle.dumps(list(diagnostics), protocol=pickle.HIGHEST_PROTOCOL), 1)
        self._count = len(diagnostics)
        self._added: list[Diagnostic] = []

    def add(self, diagnostics: list[Diagnostic]) -> None:
        """Findings of the cross-report pass, kept beside the packed ones (few; no packing again)."""
        self._added += diagnostics
        self._count += len(diagnostics)

    def _unpacked(self) -> list[Diagnostic]:
        found = pickle.loads(zlib.decompress(self._packed))
        return sorted(found + self._added, key=lambda d: d.sort_key()) if self._added else found

    def __iter__(self):
        return iter(self._unpacked())

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index):
        return self._unpacked()[index]


def _packed(facts: dict | None) -> bytes | None:
    """Facts as bytes for the run to keep (marshal: our own plain data, made and read in this run;
    compressed, as a run keeps every file's until the history pass: ~6 KB → ~1 KB a report)."""
    return None if facts is None else zlib.compress(marshal.dumps(facts), 1)


def unpack_facts(facts: bytes | dict) -> dict:
    return marshal.loads(zlib.decompress(facts)) if isinstance(facts, bytes) else facts


# ---- the process pool --------------------------------------------------------------------------
_WORKER: dict = {}


def _start_worker(recipe, settings_key, folder, keep_lines, pack):
    session = Session(**recipe, quiet=True)
    cache = Cache(Path(folder).parent, settings_key, Path(folder)) if settings_key else None
    _WORKER.update(session=session, cache=cache, keep_lines=keep_lines, pack=pack)
    import gc

    gc.freeze()  # what start-up made lives as long as the worker: later collections need not walk it


def _work(target):
    return check_file(target, _WORKER["session"], _WORKER["cache"], _WORKER["keep_lines"], _WORKER["pack"])


def check_files(targets: list[Path], session: Session, cache: Cache | None, keep_lines: bool, jobs: int, progress,
                pack: bool = False):
    """FileResults in the order of `targets`, whatever the number of jobs (`pack`: see check_file)."""
    if jobs <= 1 or len(targets) < 2:
        for index, target in enumerate(targets, 1):
            yield check_file(target, session, cache, keep_lines, pack)
            progress(index, len(targets))
        return
    from concurrent.futures import (
        ProcessPoolExecutor,  # only a parallel run pays for it
    )

    folder = str(cache.root) if cache else ""
    key = cache.settings_key if cache else ""
    with ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=(session.recipe, key, folder, keep_lines, pack)) as pool:
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
