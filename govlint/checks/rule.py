"""The base class of a rule: one rule, one class, its docstring its documentation."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar, Iterable

from govlint.base.diagnostics import Finding, Severity
from govlint.base.spans import Span

if TYPE_CHECKING:
    from govlint.model.report import Report

CODE = re.compile(r"^[A-Z]{2,}\d{3,}$")
NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def fill(template: str, args: dict, lang: str = "zh") -> str:
    """`{name}` replaced by args[name] (args[name_en] in English when given). Other braces stay as
    written, so a message may quote text with braces in it."""
    def value(match):
        name = match.group(1)
        if lang == "en" and f"{name}_en" in args:
            return str(args[f"{name}_en"])
        return str(args[name]) if name in args else match.group(0)

    return _PLACEHOLDER.sub(value, template)


class Option:
    """A setting a rule declares: its type, its default, and what values make sense. The default is
    declared here once; a wrong value is a configuration error (file:line:column), never a failing rule."""

    __slots__ = ("kind", "default", "choices", "pattern", "minimum", "description", "validate")

    def __init__(self, kind: type, default, *, choices: tuple = (), pattern: str | None = None,
                 minimum: int | None = None, description: str = "", validate=None):
        self.kind, self.default, self.choices = kind, default, tuple(choices)
        self.pattern, self.minimum, self.description = pattern, minimum, description
        self.validate = validate  # value -> problem or None, for what a pattern cannot say

    @classmethod
    def of(cls, declared) -> "Option":
        """An Option, also from the older (type, default) pair plugins may still declare."""
        return declared if isinstance(declared, Option) else cls(declared[0], declared[1])

    def problem(self, value) -> str | None:
        """Why `value` is not acceptable, or None."""
        names = {int: "an integer", str: "a string", bool: "true or false", float: "a number", list: "a list"}
        if (self.kind is int and isinstance(value, bool)) or not isinstance(value, self.kind):
            return f"expected {names.get(self.kind, self.kind.__name__)}, got {names.get(type(value), type(value).__name__)}"
        if self.choices and value not in self.choices:
            return f"expected one of {', '.join(map(str, self.choices))}, got {value!r}"
        if self.pattern and not re.fullmatch(self.pattern, str(value)):
            return f"{value!r} is not of the form {self.description or self.pattern}"
        if self.minimum is not None and value < self.minimum:
            return f"expected at least {self.minimum}, got {value!r}"
        return self.validate(value) if self.validate else None


class Rule:
    """Subclass, set the class attributes, and implement `check`.

    `requires` says what the rule reads: "lines" rules still run when the grammar could not parse
    the document; "document" rules (the default) need the parsed report. `options` declares the
    settings `.govlint.yaml` may give it under `options:` as {name: Option(...)}; they are checked
    when the configuration is loaded and read as attributes (dashes become underscores).
    """

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity] = Severity.ERROR
    summary: ClassVar[str]
    requires: ClassVar[str] = "document"
    fixable: ClassVar[bool] = False
    plugin: ClassVar[str] = ""  # the plugin that brought it (set by the plugin host)
    options: ClassVar[dict] = {}
    # key → (Chinese, English) message templates; `say` fills them and gives the message an id.
    messages: ClassVar[dict[str, tuple[str, str]]] = {}

    def check(self, report: "Report") -> Iterable[Finding]:
        raise NotImplementedError

    def say(self, span: Span, message_key: str, /, *, edits=(), severity: Severity | None = None, **args) -> Finding:
        """A finding whose message is the template `message_key` of `messages`, in Chinese and English,
        with the id "CODE.key" (the same in every language, for editors to localise)."""
        chinese, english = self.messages[message_key]
        return Finding(span, fill(chinese, args), tuple(edits), severity, f"{self.code}.{message_key}", fill(english, args, "en"))

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
