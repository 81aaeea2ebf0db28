"""Rendering diagnostics: one model, several outputs."""

from __future__ import annotations

import json
from typing import Iterable

from . import __version__
from .diagnostics import Diagnostic

SCHEMA_VERSION = 1


def format_text(diagnostics: Iterable[Diagnostic]) -> str:
    """`path:line:column: CODE severity name message`, one finding a line."""
    return "".join(
        f"{d.path}:{d.line}:{d.column}: {d.code} {d.severity} {d.name} {d.message}\n" for d in diagnostics
    )


def format_json(diagnostics: Iterable[Diagnostic]) -> str:
    document = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "govlint", "version": __version__},
        "diagnostics": [d.to_dict() for d in diagnostics],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


FORMATTERS = {"text": format_text, "json": format_json}
