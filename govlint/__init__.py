"""govlint — a linter for 政府信息公开工作年度报告 (government information disclosure annual reports)."""

from __future__ import annotations

__version__ = "0.1.0"

from .diagnostics import Diagnostic, Edit, Finding, Severity  # noqa: E402
from .hookspecs import hookimpl  # noqa: E402
from .rule import Rule  # noqa: E402

__all__ = ["Diagnostic", "Edit", "Finding", "Rule", "Severity", "hookimpl", "lint_text", "__version__"]


def lint_text(text: str, path: str = "<text>") -> list[Diagnostic]:
    """Lint a report given as text; returns the diagnostics the command line would print."""
    from .engine import Linter
    from .source import decode

    return Linter().lint(decode(text.encode("utf-8"), path))
