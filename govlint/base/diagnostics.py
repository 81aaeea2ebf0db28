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
    # For a converted file (.docx, .pdf, .html): where the finding is in the original, e.g.
    # {"kind": "pdf", "page": 3, "line": 12}; `line`/`column` above refer to the text view.
    origin: dict | None = field(default=None, compare=False)

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
        if self.origin:
            data["origin"] = dict(self.origin)
        if self.edits:
            data["fix"] = {"edits": [
                {"line": e.span.line, "column": e.span.column, "end_line": e.span.end_line,
                 "end_column": e.span.end_column, "text": e.text} for e in self.edits
            ]}
        return data


def diagnostic_from_dict(data: dict) -> Diagnostic:
    """The diagnostic `Diagnostic.to_dict` wrote; ValueError/TypeError/KeyError when `data` is not one."""
    def number(key):
        value = data[key]
        if type(value) is not int or value < 1:
            raise ValueError(f"{key} must be a positive integer")
        return value

    def text(value):
        if not isinstance(value, str):
            raise TypeError("expected a string")
        return value

    span = Span(number("line"), number("column"), number("end_line"), number("end_column"))
    edits = []
    for edit in (data.get("fix") or {"edits": []})["edits"]:
        edits.append(Edit(Span(*(edit[k] for k in ("line", "column", "end_line", "end_column"))), text(edit["text"])))
        if not all(type(v) is int for v in (edit["line"], edit["column"], edit["end_line"], edit["end_column"])):
            raise TypeError("edit positions must be integers")
    origin = data.get("origin")
    if origin is not None and (not isinstance(origin, dict) or not all(isinstance(k, str) and isinstance(v, (str, int)) for k, v in origin.items())):
        raise TypeError("origin must be a mapping of names to text or numbers")
    return Diagnostic(text(data["path"]), text(data["code"]), text(data["name"]), Severity(data["severity"]), text(data["message"]),
                      span, tuple(edits), text(data.get("message_id", "")), origin)


def to_diagnostic(path: str, rule, finding: Finding, lang: str = "zh") -> Diagnostic:
    """What `rule` found in the file at `path`, as a diagnostic in the language `lang`."""
    message = finding.message_en if lang == "en" and finding.message_en else finding.message
    return Diagnostic(path, rule.code, rule.name, finding.severity or rule.severity, message, finding.span,
                      finding.edits, finding.message_id or rule.code)
