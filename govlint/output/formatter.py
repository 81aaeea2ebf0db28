"""The formatter protocol: how every output format, built-in or a plugin's, is written.

A formatter is a small class. It declares what it needs, and the command line collects exactly
that — never more, and never by looking at the formatter's name:

    needs_lines   the source lines of each file checked (`context.lines`): full, sarif
    needs_rules   the rule classes of the run (`context.rules`): sarif
    streaming     `write` is handed the findings as an iterator, file by file while the files are
                  still being checked, and writes as they come: text, json, json-lines, github.
                  A formatter that is not streaming gets a list, after every file is checked.

`write(diagnostics, context, out)` writes the whole output to the text stream `out`. The findings
arrive sorted by path, then position. `context.files` and `context.counts` are complete on entry
for a formatter that is not streaming, and once the iterator is exhausted for one that is.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import ClassVar, TextIO

from govlint.base.diagnostics import Diagnostic
from govlint.base.version import __version__


def _no_counts() -> dict[str, int]:
    return {"error": 0, "warning": 0, "info": 0}


@dataclass
class Context:
    """What a formatter may read besides the findings."""

    files: list[str] = field(default_factory=list)  # every file checked, in order
    lines: dict[str, list[str]] = field(default_factory=dict)  # path → its lines (when the formatter needs_lines)
    rules: list[type] = field(default_factory=list)  # the rule classes (when the formatter needs_rules)
    color: bool = False  # --color, NO_COLOR and the terminal, decided
    lang: str = "zh"  # the language of the messages: zh or en
    counts: dict[str, int] = field(default_factory=_no_counts)  # findings by severity: error, warning, info
    version: str = __version__  # govlint's version
    diffs: dict[str, str] = field(default_factory=dict)  # under --diff: path → the unified diff of its safe fixes
    quiet: bool = False  # -q: the findings only, no summary or other chatter
    session: object = None  # the run's govlint.run.session.Session (each file's configuration and linter), for a
    # formatter that reads more of a report than its findings (html re-reads the report model); None outside a run


class Formatter:
    """The base class of every output format; subclass it and implement `write`."""

    name: ClassVar[str] = ""  # the value of --format
    needs_lines: ClassVar[bool] = False
    needs_rules: ClassVar[bool] = False
    streaming: ClassVar[bool] = False

    def write(self, diagnostics: Iterable[Diagnostic], context: Context, out: TextIO) -> None:
        raise NotImplementedError(f"{type(self).__name__}.write")

    def render(self, diagnostics: Iterable[Diagnostic], context: Context | None = None) -> str:
        """The output as one string (for tests and the Python API)."""
        buffer = io.StringIO()
        self.write(diagnostics, context if context is not None else Context(), buffer)
        return buffer.getvalue()

    def __repr__(self) -> str:
        return f"<formatter {self.name!r} ({type(self).__module__}.{type(self).__qualname__})>"


class FunctionFormatter(Formatter):
    """The old plugin form, a plain `function(diagnostics) -> str`, as a formatter (deprecated)."""

    def __init__(self, name: str, function):
        self.name = name  # type: ignore[misc]
        self.function = function

    def write(self, diagnostics, context, out) -> None:
        out.write(self.function(list(diagnostics)))
