"""govlint — a linter for 政府信息公开工作年度报告 (government information disclosure annual reports)."""

from __future__ import annotations

__version__ = "0.1.0"

from govlint.base.diagnostics import Diagnostic, Edit, Finding, Severity  # noqa: E402
from govlint.base.hookspecs import hookimpl  # noqa: E402
from govlint.checks.rule import Rule  # noqa: E402

__all__ = ["Diagnostic", "Edit", "Finding", "Rule", "Severity", "hookimpl", "lint_paths", "lint_text", "__version__"]


def lint_text(text: str, path: str = "<text>", config=None, lang: str = "zh") -> list[Diagnostic]:
    """Lint a report given as text; the diagnostics the command line would print for it.

    `config` is a `govlint.config.Config`, a path to a configuration file, or None for the defaults.
    """
    from pathlib import Path

    from govlint.read.source import decode

    return _linter(config, lang).lint(decode(text.encode("utf-8"), path), Path(path))


def lint_paths(paths, config=None, lang: str = "zh") -> list[Diagnostic]:
    """Lint files and folders (*.md, *.txt, recursively), each with the configuration nearest to it
    unless `config` is given; unreadable files raise `govlint.source.InputError`."""
    from pathlib import Path

    from govlint.engine.config import Config, find_config, load_config
    from govlint.read.source import read_path
    from govlint.run.runner import report_files

    diagnostics: list[Diagnostic] = []
    files = []
    for raw in paths:
        path = Path(raw)
        files.extend(report_files(path) if path.is_dir() else [path])
    for file in files:
        if config is None:
            found = find_config(file.resolve())
            chosen = load_config(found) if found else Config()
        else:
            chosen = config
        diagnostics.extend(_linter(chosen, lang).lint(read_path(file), file))
    return sorted(diagnostics, key=Diagnostic.sort_key)


_LINTERS: dict = {}


def _linter(config, lang):
    from pathlib import Path

    from govlint.engine.config import Config, load_config
    from govlint.engine.linter import Linter

    if config is None:
        config = Config()
    elif not isinstance(config, Config):
        config = load_config(Path(config))
    key = (config.key(), lang)
    if key not in _LINTERS:
        _LINTERS[key] = Linter(config=config, lang=lang)
    return _LINTERS[key]
