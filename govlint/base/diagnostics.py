"""The one diagnostic model every formatter renders."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from govlint.base.spans import Span


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Edit:
    """Replace the text between two positions (1-based, end exclusive) by `text`."""

    span: Span
    text: str


@dataclass(frozen=True)
class Finding:
    """What a rule reports: where and what. The engine adds the rule's code, name and severity."""

    span: Span
    message: str
    edits: tuple[Edit, ...] = ()
    severity: Severity | None = None  # when one rule's findings differ in weight (GL304)
    message_id: str | None = None  # stable id of the message ("GL401.identity"), for editors to localise
    message_en: str | None = None  # the English text (`--lang en`)


@dataclass(frozen=True)
class Diagnostic:
    path: str
    code: str
    name: str
    severity: Severity
    message: str
    span: Span
    edits: tuple[Edit, ...] = field(default=(), compare=False)
    message_id: str = field(default="", compare=False)

    @property
    def line(self) -> int:
        return self.span.line

    @property
    def column(self) -> int:
        return self.span.column

    @property
    def end_line(self) -> int:
        return self.span.end_line

    @property
    def end_column(self) -> int:
        return self.span.end_column

    def sort_key(self):
        return (self.path, self.span.line, self.span.column, self.code)

    def to_dict(self) -> dict:
        data = {
            "path": self.path, "code": self.code, "name": self.name, "severity": str(self.severity),
            "message": self.message, "message_id": self.message_id or self.code, "line": self.line, "column": self.column,
            "end_line": self.end_line, "end_column": self.end_column,
        }
        if self.edits:
            data["fix"] = {"edits": [
                {"line": e.span.line, "column": e.span.column, "end_line": e.span.end_line,
                 "end_column": e.span.end_column, "text": e.text} for e in self.edits
            ]}
        return data


def to_diagnostic(path: str, rule, finding: Finding, lang: str = "zh") -> Diagnostic:
    """What `rule` found in the file at `path`, as a diagnostic in the language `lang`."""
    message = finding.message_en if lang == "en" and finding.message_en else finding.message
    return Diagnostic(path, rule.code, rule.name, finding.severity or rule.severity, message, finding.span,
                      finding.edits, finding.message_id or rule.code)
