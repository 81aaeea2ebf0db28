"""govlint — a linter for 政府信息公开工作年度报告 (government information disclosure annual reports)."""

from __future__ import annotations

from govlint.base.diagnostics import Diagnostic, Edit, Finding, Severity  # noqa: E402
from govlint.base.hookspecs import hookimpl  # noqa: E402
from govlint.base.version import __version__  # noqa: E402,F401
from govlint.checks.rule import Option, Rule  # noqa: E402

__all__ = ["Diagnostic", "Edit", "Finding", "Option", "Rule", "Severity", "hookimpl", "lint_paths", "lint_text", "__version__"]


def lint_text(text: str, path: str = "<text>", config=None, lang: str = "zh") -> list[Diagnostic]:
    """Lint a report given as text (see `govlint.api.lint_text`)."""
    from govlint.api import lint_text as lint

    return lint(text, path, config, lang)


def lint_paths(paths, config=None, lang: str = "zh") -> list[Diagnostic]:
    """Lint files and folders (see `govlint.api.lint_paths`)."""
    from govlint.api import lint_paths as lint

    return lint(paths, config, lang)
