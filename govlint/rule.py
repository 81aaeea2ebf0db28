"""The base class of a rule: one rule, one class, its docstring its documentation."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar, Iterable

from .diagnostics import Finding, Severity
from .nodes import Span

if TYPE_CHECKING:
    from .model import Report

CODE = re.compile(r"^[A-Z]{2,}\d{3,}$")
NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


class Rule:
    """Subclass, set the class attributes, and implement `check`.

    `requires` says what the rule reads: "lines" rules still run when the grammar could not parse
    the document; "document" rules (the default) need the parsed report.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity] = Severity.ERROR
    summary: ClassVar[str]
    requires: ClassVar[str] = "document"
    fixable: ClassVar[bool] = False
    pack: ClassVar[str] = "core"
    # key → (Chinese, English) message templates; `say` fills them and gives the message an id.
    messages: ClassVar[dict[str, tuple[str, str]]] = {}

    def check(self, report: "Report") -> Iterable[Finding]:
        raise NotImplementedError

    # helpers for subclasses
    @staticmethod
    def finding(span: Span, message: str, edits=(), severity: Severity | None = None) -> Finding:
        return Finding(span, message, tuple(edits), severity)

    def say(self, span: Span, message_key: str, /, *, edits=(), severity: Severity | None = None, **args) -> Finding:
        """A finding whose message is the template `key` of `messages`, in Chinese and English."""
        chinese, english = self.messages[message_key]
        return Finding(span, chinese.format(**args), tuple(edits), severity, f"{self.code}.{message_key}", english.format(**args))

    @classmethod
    def documentation(cls) -> str:
        import inspect

        return inspect.cleandoc(cls.__doc__ or cls.summary)


def rule_problem(cls) -> str | None:
    """Why this class is not a usable rule, or None."""
    for attribute in ("code", "name", "summary"):
        if not isinstance(getattr(cls, attribute, None), str):
            return f"{cls.__name__} has no {attribute}"
    if not CODE.match(cls.code):
        return f"{cls.__name__}: code {cls.code!r} is not like GL201"
    if not NAME.match(cls.name):
        return f"{cls.__name__}: name {cls.name!r} is not kebab-case"
    if not isinstance(cls.severity, Severity):
        return f"{cls.__name__}: severity must be a Severity"
    if cls.requires not in ("lines", "document"):
        return f"{cls.__name__}: requires must be 'lines' or 'document'"
    return None
