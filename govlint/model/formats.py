"""The national formats as data: rules/formats/*.yaml → `Format` objects.

A format names the six sections, the blocks of section 二 and the tables of 三 and 四: each row
and column with a stable key, its official label, accepted variants, a pattern that recognises
it when the wording deviates, the column's value type, and the arithmetic identities over keys.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from govlint.base import datacache as cache
from govlint.base.chinese import label_key
from govlint.base.resources import data_dir

VALUE_TYPES = ("count", "signed", "decimal")


class FormatError(Exception):
    """An invalid format file; the message names the file, line and key."""


class Pattern:
    """A regular expression from a format, compiled on first use.

    Unpickling compiled patterns would recompile every one of them at start-up (about a
    millisecond each for patterns with Chinese character classes); most runs need few of them.
    """

    __slots__ = ("source", "_compiled")

    def __init__(self, source: str):
        self.source = source
        self._compiled = None

    def search(self, text: str):
        if self._compiled is None:
            self._compiled = re.compile(self.source)
        return self._compiled.search(text)

    def __reduce__(self):
        return (Pattern, (self.source,))

    def __eq__(self, other):
        return isinstance(other, Pattern) and other.source == self.source

    def __hash__(self):
        return hash(self.source)

    def __repr__(self):
        return f"Pattern({self.source!r})"


@dataclass(frozen=True)
class Term:
    key: str
    wildcard: bool = False  # sum(三.三.*): every row whose key starts with "三.三."

    def __str__(self) -> str:
        return f"sum({self.key}.*)" if self.wildcard else self.key


@dataclass(frozen=True)
class Identity:
    rule: str
    over: str  # columns: checked once per column, terms are row keys; rows: the other way round
    left: tuple[Term, ...]
    right: tuple[Term, ...]
    expr: str


@dataclass(frozen=True)
class Label:
    """A row or a column of a format table."""

    key: str
    label: str
    variants: tuple[str, ...] = ()
    match: Pattern | None = None
    type: str = "count"
    group: str | None = None
    optional: bool = False
    after: str | None = None
    subtotal_of: tuple[str, ...] = ()

    @cached_property
    def keys(self) -> frozenset[str]:
        """The official label and its variants, reduced by `label_key`."""
        return frozenset(label_key(text) for text in (self.label, *self.variants))

    def accepts(self, written: str) -> bool:
        """The wording is the official label or an accepted variant (spaces, punctuation, numbering aside)."""
        return label_key(written) in self.keys

    def recognises(self, written: str) -> bool:
        key = label_key(written)
        if key in self.keys:
            return True
        if self.match is not None:
            return bool(self.match.search(key))
        return label_key(self.label) in key


@dataclass(frozen=True)
class TableSpec:
    key: str
    section: str
    title: str
    columns: tuple[Label, ...]
    rows: tuple[Label, ...]
    heading: Pattern | None = None  # the 第二十条第（X）项 line that introduces a block of 二
    recognise: Pattern | None = None
    optional_columns: tuple[Label, ...] = ()
    identities: tuple[Identity, ...] = ()

    @cached_property
    def row_label_keys(self) -> frozenset[str]:
        """The reduced labels of the rows a data row can be (subtotal rows aside)."""
        return frozenset(k for row in self.rows if row.label and not row.optional for k in row.keys)

    @cached_property
    def column_label_keys(self) -> frozenset[str]:
        return frozenset(k for column in self.columns + self.optional_columns for k in column.keys)

    def row(self, key: str) -> Label | None:
        return next((row for row in self.rows if row.key == key), None)

    def column(self, key: str) -> Label | None:
        return next((c for c in self.columns + self.optional_columns if c.key == key), None)


@dataclass(frozen=True)
class SectionSpec:
    key: str
    title: str
    match: Pattern


@dataclass(frozen=True)
class Format:
    key: str  # "2021": the YAML `format:`
    name: str
    year_from: int
    year_to: int | None
    sections: tuple[SectionSpec, ...]
    tables: tuple[TableSpec, ...]
    path: str = field(default="", compare=False)

    def applies_to(self, year: int) -> bool:
        return self.year_from <= year and (self.year_to is None or year <= self.year_to)

    def table(self, key: str) -> TableSpec | None:
        return next((t for t in self.tables if t.key == key), None)


# ---- loading ----------------------------------------------------------------------------------
def builtin_format_dir() -> Path:
    return data_dir("rules") / "formats"


def load_formats(directories: list[Path] | None = None) -> tuple[Format, ...]:
    """Every *.yaml in the built-in folder and in `directories`, newest format first.

    Loading YAML is the slowest part of start-up, so the result is cached, keyed by the files'
    paths, sizes and modification times; any change to a format reloads it.
    """
    files = sorted(builtin_format_dir().glob("*.yaml"))
    for directory in directories or []:
        files += sorted(Path(directory).glob("*.yaml"))
    stamps = []
    for path in files:
        info = path.stat()
        stamps.append((str(path.resolve()), info.st_size, info.st_mtime_ns))
    entry = cache.key("formats", stamps)
    formats = cache.load("formats", entry)
    if formats is not None:
        return formats
    formats = tuple(sorted((load_format(path) for path in files), key=lambda t: -t.year_from))
    keys = [t.key for t in formats]
    duplicates = {k for k in keys if keys.count(k) > 1}
    if duplicates:
        raise FormatError(f"format {sorted(duplicates)[0]!r} is defined twice")
    cache.store("formats", entry, formats)
    return formats


def load_format(path: Path) -> Format:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        data = YAML(typ="rt").load(path.read_text(encoding="utf-8"))
    except YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise FormatError(f"{path}:{line}: invalid YAML: {getattr(error, 'problem', error)}") from None
    return _Reader(path).format(data)


class _Reader:
    """Turns the YAML mapping into dataclasses, naming file, line and key on any error."""

    def __init__(self, path: Path):
        self.path = path

    def fail(self, node, key: str, message: str):
        line = 1
        lc = getattr(node, "lc", None)
        if lc is not None:
            try:
                line = (lc.key(key)[0] if isinstance(key, str) and key in node else lc.line) + 1
            except (KeyError, TypeError, AttributeError):
                line = lc.line + 1
        raise FormatError(f"{self.path}:{line}: {key}: {message}")

    def get(self, node, key: str, kind=str, required: bool = True, default=None):
        if not isinstance(node, dict):
            self.fail(node, key, "expected a mapping")
        if key not in node:
            if required:
                self.fail(node, key, "missing")
            return default
        value = node[key]
        if kind is str and isinstance(value, (int, float)):
            value = str(value)
        if not isinstance(value, kind):
            self.fail(node, key, f"expected {kind.__name__}, got {type(value).__name__}")
        return value

    def pattern(self, node, key: str) -> Pattern | None:
        text = self.get(node, key, required=False)
        if text is None:
            return None
        try:
            re.compile(text)
        except re.error as error:
            self.fail(node, key, f"invalid regular expression: {error}")
        return Pattern(text)

    def check_keys(self, node, allowed: set[str], where: str):
        for key in node:
            if key not in allowed:
                self.fail(node, key, f"unknown key in {where}")

    def format(self, data) -> Format:
        if not isinstance(data, dict):
            raise FormatError(f"{self.path}:1: a format is a mapping")
        self.check_keys(data, {"format", "name", "years", "sections", "tables"}, "a format")
        years = self.get(data, "years", dict)
        year_from = self.get(years, "from", int)
        year_to = self.get(years, "to", int, required=False)
        sections = tuple(
            SectionSpec(self.get(s, "key"), self.get(s, "title"), self.pattern(s, "match") or Pattern(re.escape(self.get(s, "title"))))
            for s in self.get(data, "sections", list)
        )
        tables = tuple(self.table(t) for t in self.get(data, "tables", list))
        return Format(self.get(data, "format"), self.get(data, "name"), year_from, year_to, sections, tables, str(self.path))

    def table(self, node) -> TableSpec:
        self.check_keys(node, {"key", "section", "title", "heading", "recognise", "columns", "optional_columns", "rows", "identities"}, "a table")
        columns = tuple(self.label(c) for c in self.get(node, "columns", list))
        optional = tuple(self.label(c) for c in self.get(node, "optional_columns", list, required=False, default=[]))
        rows = tuple(self.label(r) for r in self.get(node, "rows", list))
        for what, labels in (("columns", columns + optional), ("rows", rows)):
            keys = [label.key for label in labels]
            for key in keys:
                if keys.count(key) > 1:
                    self.fail(node, what, f"key {key!r} appears twice")
        if self.get(node, "heading", required=False) is None and self.get(node, "recognise", required=False) is None:
            self.fail(node, "key", "a table needs `heading` or `recognise`")
        identities = tuple(self.identity(i, rows, columns + optional) for i in self.get(node, "identities", list, required=False, default=[]))
        return TableSpec(
            key=self.get(node, "key"), section=self.get(node, "section"), title=self.get(node, "title"),
            columns=columns, rows=rows, heading=self.pattern(node, "heading"), recognise=self.pattern(node, "recognise"),
            optional_columns=optional, identities=identities,
        )

    def label(self, node) -> Label:
        self.check_keys(node, {"key", "label", "variants", "match", "type", "group", "optional", "after", "subtotal_of"}, "a row or column")
        value_type = self.get(node, "type", required=False, default="count")
        if value_type not in VALUE_TYPES:
            self.fail(node, "type", f"must be one of {', '.join(VALUE_TYPES)}")
        subtotal = self.get(node, "subtotal_of", (str, list), required=False, default=())
        return Label(
            key=self.get(node, "key"), label=self.get(node, "label"),
            variants=tuple(str(v) for v in self.get(node, "variants", list, required=False, default=[])),
            match=self.pattern(node, "match"), type=value_type, group=self.get(node, "group", required=False),
            optional=bool(self.get(node, "optional", bool, required=False, default=False)),
            after=self.get(node, "after", required=False),
            subtotal_of=(subtotal,) if isinstance(subtotal, str) else tuple(subtotal),
        )

    def identity(self, node, rows, columns) -> Identity:
        self.check_keys(node, {"rule", "over", "expr"}, "an identity")
        over = self.get(node, "over")
        if over not in ("columns", "rows"):
            self.fail(node, "over", "must be `columns` or `rows`")
        expr = self.get(node, "expr")
        known = {label.key for label in (rows if over == "columns" else columns)}
        sides = expr.split("==")
        if len(sides) != 2:
            self.fail(node, "expr", "an identity is `a + b == c + d`")
        left, right = (self.terms(node, side, known) for side in sides)
        return Identity(self.get(node, "rule"), over, left, right, expr)

    def terms(self, node, side: str, known: set[str]) -> tuple[Term, ...]:
        terms = []
        for part in side.split("+"):
            part = part.strip()
            wildcard = re.fullmatch(r"sum\((.+)\.\*\)", part)
            term = Term(wildcard.group(1), True) if wildcard else Term(part)
            if wildcard and not any(k.startswith(term.key + ".") for k in known):
                self.fail(node, "expr", f"sum({term.key}.*) matches no key")
            if not wildcard and part not in known:
                self.fail(node, "expr", f"unknown key {part!r}")
            terms.append(term)
        return tuple(terms)
