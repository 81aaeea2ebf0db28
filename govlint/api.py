"""The Python API: `govlint.lint_text` and `govlint.lint_paths`.

Both go through a `Session`, exactly as the command line does: the same configuration lookup,
the same reader plugins, the same diagnostics.
"""

from __future__ import annotations

from pathlib import Path

from govlint.base.diagnostics import Diagnostic
from govlint.engine.config import Config
from govlint.read.files import read_source
from govlint.run.runner import report_files
from govlint.run.session import Session

_SESSIONS: dict = {}


def lint_text(text: str, path: str = "<text>", config=None, lang: str = "zh", *, history=(), companions=()) -> list[Diagnostic]:
    """Lint a report given as text; the diagnostics the command line would print for it.

    `config` is a `govlint.engine.config.Config`, a path to a configuration file, or None for the defaults
    (the file nearest to `path` is not looked up: text has no folder). An empty text has nothing to
    report (the command line calls an empty file an input error; an editor buffer may well be empty).

    The cross-report rules (GL7xx) compare the text with other reports given as (path, text) pairs:
    `history`, reports of other years (as the `history` setting finds them on disk), and `companions`,
    other files of the same run (so two reports of one body and year are duplicates). Text has no
    folder, so nothing is looked up on disk.
    """
    if not text.strip():
        return []
    session = _session(config if config is not None else Config(), lang)
    source = read_source(_encodable(text), path)
    if not history and not companions:
        return session.lint(source, Path(path))
    diagnostics, facts = session.lint_with_facts(source, Path(path))
    if facts is None:
        return diagnostics
    from govlint.run.history import history_pass, text_facts
    from govlint.run.runner import FileResult

    result = FileResult(source.path, diagnostics, source.lines, facts=facts)
    run = [result] + [FileResult(name, [], None, facts=text_facts(session, name, _encodable(other))) for name, other in companions]
    others = [text_facts(session, name, _encodable(other)) for name, other in history]
    from govlint.checks.history import YearFacts

    history_pass(run, session, history=[YearFacts.from_dict(f) for f in others if f is not None])
    return result.diagnostics


def _encodable(text: str) -> bytes:
    # A lone surrogate (text cut from a broken file) cannot be encoded; it becomes U+FFFD.
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace").encode("utf-8")


def lint_paths(paths, config=None, lang: str = "zh") -> list[Diagnostic]:
    """Lint files and folders (*.md, *.txt and what reader plugins read, recursively), each with the
    configuration nearest to it unless `config` is given; unreadable files raise
    `govlint.read.source.InputError`."""
    session = _session(config, lang)
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(report_files(path, tuple(session.readers), respect_gitignore=session.config_for(path).respect_gitignore))
        else:
            files.append(path)
    from govlint.run.history import history_pass, wanted
    from govlint.run.runner import FileResult

    results = []
    for file in files:
        source = session.read(file)
        found, facts = session.lint_with_facts(source, file)
        results.append(FileResult(source.path, found, source.lines if facts is not None else None, facts=facts))
    if files and wanted(files, session):
        history_pass(results, session)
    return sorted((d for result in results for d in result.diagnostics), key=Diagnostic.sort_key)


def _session(config, lang: str) -> Session:
    """One session per configuration and language, kept for the process (linters are costly to make)."""
    key = (config.key() if isinstance(config, Config) else str(config), lang)
    if key not in _SESSIONS:
        _SESSIONS[key] = Session(config=config, lang=lang, quiet=True)
    return _SESSIONS[key]
