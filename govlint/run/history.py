"""The history pass: the cross-report rules (GL7xx), run once every file of the run is checked.

Each file checked leaves its `facts` (what the enabled `HistoryRule`s read from it: its body, its
year, a few numbers and sentence hashes). The other years come from the run's own files and from
the configured `history` — globs relative to the configuration's folder, or by default the text
report files (.md, .markdown, .txt) in each checked file's folder and in its sibling folders named by
a year (2024/, 2024年/: a docs repository keeps one folder per year; pre-commit passes only the
changed file). A history file is
looked at only when its first lines name a body of the run and an earlier year; its facts come from
the content-hash cache when it is unchanged, and are made once per run otherwise.
"""

from __future__ import annotations

import glob
import os
import re
from pathlib import Path
from collections.abc import Mapping
from typing import Iterable

from govlint.base.chinese import YEAR, halfwidth
from govlint.checks.history import YearFacts, normalise_body
from govlint.engine.history import HistoryIndex
from govlint.read.files import REPORT_SUFFIXES, TEXT_SUFFIXES, read_source
from govlint.read.source import InputError, read_bytes
from govlint.run.cache import Cache
from govlint.run.runner import FileResult, PackedDiagnostics, unpack_facts
from govlint.run.session import Session

HEAD_BYTES = 6000  # where a report's title is
_TITLE = re.compile(r"(信息公开|政务公开).{0,12}(报告|年报)")
_YEAR_FOLDER = re.compile(r"(?<!\d)(19|20)\d{2}(?!\d)")  # a sibling folder of other years: 2024/, 2024年/, report-2024/


def wanted(files: Iterable[Path], session: Session) -> bool:
    """Whether any of these files is checked with a cross-report rule enabled."""
    seen = set()
    for file in files:
        linter = session.linter_for_path(Path(file))
        if id(linter) in seen:
            continue
        seen.add(id(linter))
        if linter.history_rules:
            return True
    return False


def history_files(paths: Iterable[Path], session: Session, extra_suffixes: tuple[str, ...] = ()) -> list[Path]:
    """The files where other years may be, for these checked files: the configured `history` globs, or
    the text reports of each file's folder and of its sibling folders whose name holds a year."""
    found: set[Path] = set()
    folders_done: set[Path] = set()
    globs_done: set[str] = set()
    suffixes = REPORT_SUFFIXES + tuple(extra_suffixes)
    folders_seen: set[str] = set()
    for path in paths:
        parent = os.path.dirname(os.path.abspath(path))
        if parent in folders_seen:
            continue  # one configuration, one set of folders, per folder
        folders_seen.add(parent)
        config = session.config_for(path)
        if config.history is not None:
            for pattern in config.history:
                if pattern in globs_done:
                    continue
                globs_done.add(pattern)
                for match in glob.glob(pattern, recursive=True):
                    candidate = Path(match)
                    if candidate.suffix.lower() in suffixes and candidate.is_file():
                        found.add(Path(os.path.abspath(candidate)))
            continue
        folder = Path(os.path.abspath(path)).parent
        folders = [folder]
        try:
            folders += [entry for entry in folder.parent.iterdir()
                        if entry != folder and not entry.name.startswith(".") and _YEAR_FOLDER.search(entry.name) and entry.is_dir()]
        except OSError:
            pass
        for each in folders:
            if each in folders_done:
                continue
            folders_done.add(each)
            try:
                with os.scandir(each) as entries:
                    found.update(Path(entry.path) for entry in entries
                                 if os.path.splitext(entry.name)[1].lower() in TEXT_SUFFIXES and entry.is_file())
            except OSError:
                continue
    return sorted(found)


def guess_identity(path: Path) -> tuple[str | None, int | None] | None:
    """The (body, year) a text report's first lines name, without parsing it; None when they do not
    tell (the file is then parsed)."""
    if path.suffix.lower() not in TEXT_SUFFIXES:
        return None
    try:
        with open(path, "rb") as stream:
            head = stream.read(HEAD_BYTES)
    except OSError:
        return None
    for encoding in ("utf-8", "gb18030"):
        try:
            text = head.decode(encoding)
            break
        except UnicodeDecodeError as error:
            if error.start > len(head) - 4:  # cut in the middle of a character
                text = head[:error.start].decode(encoding, "ignore")
                break
    else:
        return None
    lines = [line.strip().lstrip("#").strip() for line in text.splitlines() if line.strip()][:20]
    for index, line in enumerate(lines):
        compact = re.sub(r"^(标题|题目|title)\s*[:：]\s*", "", halfwidth(line).replace(" ", ""), flags=re.IGNORECASE).strip("*")
        if len(compact) > 80 or not _TITLE.search(compact):
            continue
        year = YEAR.search(compact)
        if year is None:
            return None
        body = compact[: year.start()]
        if not body and index:
            body = lines[index - 1].strip("*")
        return normalise_body(body), int(year.group(1))
    return None


def _display(path: Path) -> str:
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if relative.startswith("..") else relative


def facts_of(path: Path, session: Session, cache: Cache | None, made: dict) -> dict | None:
    """The facts of a file of another year: from the cache when its bytes are unchanged, made once per
    run otherwise (`made`). None when it cannot be read."""
    name = _display(path)
    try:
        info = path.stat()
        memo = (name, info.st_mtime_ns, info.st_size)  # a long-lived `made` (the language server) sees edits
    except OSError:
        return None
    if memo in made:
        return made[memo]
    made[memo] = None
    try:
        data = read_bytes(path)
        linter = session.linter_for_path(path)
        key = cache.key(name, data, linter.fingerprint + "|facts") if cache is not None else None
        facts = cache.load_facts(key) if cache is not None else None
        if facts is None:
            from govlint.model.report import Report

            source = read_source(data, name, session.readers)
            facts = linter.facts(Report(source, linter.formats, linter.report_year), name)
            if facts is not None and cache is not None:
                cache.store_facts(key, facts)
    except (InputError, OSError):
        return None
    except Exception:  # a history file govlint cannot read costs its comparison, not the run
        return None
    made[memo] = facts
    return facts


def text_facts(session: Session, name: str, data: bytes) -> dict | None:
    """The facts of a report given as bytes (the API, the language server's open buffers)."""
    from govlint.model.report import Report

    linter = session.linter_for_path(Path(name))
    try:
        return linter.facts(Report(read_source(data, name, session.readers), linter.formats, linter.report_year), name)
    except InputError:
        return None


def collect(results: Iterable[FileResult]) -> list[FileResult]:
    """Every result of the run, kept for the history pass. What is kept is moved out of the garbage
    collector's way (`gc.freeze`; checking a report leaves no cyclic garbage), so that keeping a
    thousand files' findings does not make every later collection walk them; `release()` after the pass."""
    import gc

    kept = []
    for result in results:
        kept.append(result)
        gc.freeze()
    return kept


def release() -> None:
    import gc

    gc.unfreeze()


_UNPACKED: dict[int, tuple[bytes, dict]] = {}


class PackedData(Mapping):
    """A report's `YearFacts.data`, left in the runner's packed facts (marshal bytes of our own plain
    data, made in this run) and unpacked when looked at: a run of 10,000 files holds all of them until
    the pass, and unpacked they were most of its memory. Rules read it; they do not change it."""

    __slots__ = ("_packed",)

    def __init__(self, packed: bytes):
        self._packed = packed

    def _data(self) -> dict:
        # The pass looks at one report and the one it is compared with several times in a row: the
        # last few unpacked are kept, each with the bytes it came from (so a reused id never matches).
        entry = _UNPACKED.get(id(self._packed))
        if entry is None or entry[0] is not self._packed:
            if len(_UNPACKED) >= 4:
                _UNPACKED.pop(next(iter(_UNPACKED)))
            entry = _UNPACKED[id(self._packed)] = (self._packed, unpack_facts(self._packed).get("data") or {})
        return entry[1]

    def __getitem__(self, code):
        return self._data()[code]

    def get(self, code, default=None):
        return self._data().get(code, default)

    def __iter__(self):
        return iter(self._data())

    def __len__(self) -> int:
        return len(self._data())


def _year_facts(result: FileResult) -> YearFacts:
    facts = unpack_facts(result.facts)
    data = PackedData(result.facts) if isinstance(result.facts, bytes) else facts.get("data") or {}
    return YearFacts.from_dict({**facts, "data": data}, result.path)


def history_pass(results: list[FileResult], session: Session, cache: Cache | None = None,
                 history: Iterable[YearFacts] | None = None, made: dict | None = None) -> list[FileResult]:
    """Add the cross-report findings to the results (in place; returned for chaining). `history`:
    facts of other years given directly (the API) instead of found on disk. `made`: facts of history
    files already made, kept by a long-lived caller (the language server) across passes."""
    entries = [result for result in results if result.facts is not None and not result.error]
    if not entries:
        return results
    run = [_year_facts(result) for result in entries]
    if history is None:
        latest: dict[str, int] = {}
        for facts in run:
            if facts.body is not None and facts.year is not None:
                latest[facts.body] = max(latest.get(facts.body, facts.year), facts.year)
        history = []
        if latest:
            mine = {Path(os.path.abspath(result.path)) for result in entries}
            made = {} if made is None else made
            for candidate in history_files([Path(result.path) for result in entries], session, tuple(session.readers)):
                if candidate in mine:
                    continue
                guess = guess_identity(candidate)
                if guess is not None and (guess[0] not in latest or guess[1] is None or guess[1] >= latest[guess[0]]):
                    continue  # not an earlier year of a body of the run
                facts = facts_of(candidate, session, cache, made)
                if facts is not None:
                    history.append(YearFacts.from_dict(facts))
    index = HistoryIndex(run, history)
    if len(index) < 2:
        return results
    linters: dict[str, object] = {}  # per folder: a configuration applies to a folder
    for result, facts in zip(entries, run):
        folder = os.path.dirname(os.path.abspath(result.path))
        if folder not in linters:
            linters[folder] = session.linter_for_path(Path(result.path))
        linter = linters[folder]
        if not linter.history_rules:
            continue
        found = linter.check_history(facts, index, result.lines or [], Path(result.path))
        if found:
            if isinstance(result.diagnostics, PackedDiagnostics):
                result.diagnostics.add(found)
            else:
                result.diagnostics = sorted([*result.diagnostics, *found], key=lambda d: d.sort_key())
    return results
