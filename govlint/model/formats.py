"""The national formats as data: rules/formats/*.yaml → `Format` objects.

A format names the six sections, the blocks of section 二 and the tables of 三 and 四: each row
and column with a key, its official label, accepted variants, a pattern that recognises it when
the wording deviates, the column's value type, and the arithmetic identities over keys. Its
`roles:` name what govlint's code reads (the applications table, its 总计 column, the section
where the fee statement belongs …): the code asks for roles and never spells a key, so a format
revision that renames keys is a YAML edit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from govlint.base import datacache as cache
from govlint.base.chinese import label_key
from govlint.base.errors import GovlintError
from govlint.base.resources import data_dir
from govlint.base.yamlfile import YAMLFileError, read_yaml_document, to_plain

VALUE_TYPES = ("count", "signed", "decimal")

# The roles a format must fill (`roles:` in rules/formats/*.yaml); the code reads keys only through them.
SECTION_ROLES = ("overview", "proactive", "applications", "review", "problems", "other")
APPLICATION_ROWS = ("new", "carried_in", "results_total", "carried_out")
APPLICATION_COLUMNS = ("total",)
# Optional: a format (a plugin's, written before GL405 compared figures per applicant type) may
# leave them out; the comparison is then not made.
APPLICATION_OPTIONAL_COLUMNS = ("natural_persons", "organisations")
REVIEW_ROWS = ("year",)
CASE_KINDS = ("review", "litigation")
CASE_COLUMNS = ("total", "open", "corrected")

_NUMERALS = "一二三四五六七八九"


class FormatError(GovlintError):
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
    wildcard: bool = False  # sum(三.三.*): every row (or column) whose `group` is 三.三

    def __str__(self) -> str:
        return f"sum({self.key}.*)" if self.wildcard else self.key


_SUM = re.compile(r"sum\((.+)\.\*\)")


def parse_identity(expr: str) -> tuple[tuple[Term, ...], tuple[Term, ...]]:
    """`a + sum(g.*) == c + d` → its two sides as terms; ValueError when it is not of that form.
    The terms are not checked against a table here (a format's loader does that; a rule pack's
    identity skips what its table lacks)."""
    sides = expr.split("==")
    if len(sides) != 2:
        raise ValueError("an identity is `a + b == c + d`")
    parsed = []
    for side in sides:
        terms = []
        for part in side.split("+"):
            part = part.strip()
            wildcard = _SUM.fullmatch(part)
            terms.append(Term(wildcard.group(1), True) if wildcard else Term(part))
        parsed.append(tuple(terms))
    return parsed[0], parsed[1]


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
    number: str | None = None  # how the template numbers the row: "一、", "（七）", "1."

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
    row_header: str | None = None  # the header of the label column of a block of 二 (信息内容)

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
    ordinal: int = 0  # its place in the format, from 1
    number: str = ""  # how the format numbers it: 一 … 六 (its ordinal as a Chinese numeral)


@dataclass(frozen=True)
class CaseGroup:
    """A kind of case in the review table: 行政复议, 行政诉讼（未经复议直接起诉）, 行政诉讼（复议后起诉）."""

    name: str  # how messages name it
    kind: str  # what the prose calls these cases: review | litigation
    total: str  # column keys
    open: str
    corrected: str

    def column(self, role: str) -> str:
        """The key of the column in role total | open | corrected."""
        if role not in CASE_COLUMNS:
            raise KeyError(role)
        return getattr(self, role)


@dataclass(frozen=True)
class TableRoles:
    """A table the code reads, and its rows and columns by role."""

    table: str  # the table's key
    rows: dict[str, str] = field(default_factory=dict, hash=False)  # role → row key
    columns: dict[str, str] = field(default_factory=dict, hash=False)  # role → column key
    groups: tuple[CaseGroup, ...] = ()

    def row(self, role: str) -> str:
        return self.rows[role]

    def column(self, role: str) -> str:
        return self.columns[role]


@dataclass(frozen=True)
class Roles:
    """What the code reads from a format, by role (`roles:` in the YAML)."""

    sections: dict[str, str] = field(hash=False)  # role → section key
    tables: dict[str, TableRoles] = field(hash=False)  # "applications", "review" → its roles

    def section(self, role: str) -> str:
        return self.sections[role]

    def section_role(self, key: str) -> str | None:
        return next((role for role, value in self.sections.items() if value == key), None)

    @property
    def applications(self) -> TableRoles:
        return self.tables["applications"]

    @property
    def review(self) -> TableRoles:
        return self.tables["review"]


@dataclass(frozen=True)
class Format:
    key: str  # "2021": the YAML `format:`
    name: str
    year_from: int
    year_to: int | None
    sections: tuple[SectionSpec, ...]
    tables: tuple[TableSpec, ...]
    roles: Roles
    path: str = field(default="", compare=False)

    def applies_to(self, year: int) -> bool:
        return self.year_from <= year and (self.year_to is None or year <= self.year_to)

    def table(self, key: str) -> TableSpec | None:
        return next((t for t in self.tables if t.key == key), None)

    @cached_property
    def table_sections(self) -> tuple[str, ...]:
        """The keys of the sections that hold tables (二, 三, 四), in the format's order; the
        others are prose."""
        held = {spec.section for spec in self.tables}
        return tuple(s.key for s in self.sections if s.key in held)


# ---- loading ----------------------------------------------------------------------------------
def builtin_format_dir() -> Path:
    return data_dir("rules") / "formats"


def load_formats(directories: list[Path] | None = None, builtin: bool = True) -> tuple[Format, ...]:
    """Every *.yaml in the built-in folder (unless `builtin` is false) and in `directories`, newest
    format first.

    Loading YAML is the slowest part of start-up, so the result is cached, keyed by the files'
    paths, sizes and modification times; any change to a format reloads it.
    """
    files = sorted(builtin_format_dir().glob("*.yaml")) if builtin else []
    for directory in directories or []:
        files += sorted(Path(directory).glob("*.yaml"))
    stamps = []
    for path in files:
        info = path.stat()
        stamps.append((str(path.resolve()), info.st_size, info.st_mtime_ns))
    entry = cache.key("formats", stamps)
    stored = cache.load("formats", entry)  # the files' plain data, validated when it was stored
    documents = stored if isinstance(stored, list) and len(stored) == len(files) else None
    if documents is None:
        documents = [_read_document(path) for path in files]
    formats = tuple(sorted((_Reader(path).format(document) for path, document in zip(files, documents)), key=lambda t: -t.year_from))
    keys = [t.key for t in formats]
    duplicates = {k for k in keys if keys.count(k) > 1}
    if duplicates:
        raise FormatError(f"format {sorted(duplicates)[0]!r} is defined twice")
    _check_same_sections(formats)
    if stored is None:
        cache.store("formats", entry, [to_plain(path, document, {}) for path, document in zip(files, documents)])
    return formats


def _check_same_sections(formats: tuple[Format, ...]) -> None:
    """A report's sections are found before its year is known (with the newest format's headings),
    so every format must name the same sections in the same order, in the same roles."""
    for format in formats[1:]:
        first = formats[0]
        if [s.key for s in format.sections] != [s.key for s in first.sections] or format.roles.sections != first.roles.sections:
            raise FormatError(f"{first.path}:1: sections: format {first.key!r} names other sections than format {format.key!r} "
                              f"({format.path}); every format must have the same section keys, order and roles")


def _numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十 (a section's number)."""
    tens, units = divmod(n, 10)
    return (_NUMERALS[tens - 1] if tens > 1 else "") + ("十" if tens else "") + (_NUMERALS[units - 1] if units else "")


def load_format(path: Path) -> Format:
    return _Reader(path).format(_read_document(path))


def _read_document(path: Path):
    """The file's YAML (with the line of each key, for messages), bounded like every YAML govlint reads."""
    try:
        return read_yaml_document(path)
    except YAMLFileError as error:
        raise FormatError(f"{error.path}:{error.line}: {error.message}") from None


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
        self.check_keys(data, {"format", "name", "years", "sections", "tables", "roles"}, "a format")
        years = self.get(data, "years", dict)
        year_from = self.get(years, "from", int)
        year_to = self.get(years, "to", int, required=False)
        sections = tuple(
            SectionSpec(self.get(s, "key"), self.get(s, "title"), self.pattern(s, "match") or Pattern(re.escape(self.get(s, "title"))),
                        ordinal, _numeral(ordinal))
            for ordinal, s in enumerate(self.get(data, "sections", list), 1)
        )
        self.unique(data, "sections", [s.key for s in sections])
        tables = tuple(self.table(t, {s.key for s in sections}) for t in self.get(data, "tables", list))
        self.unique(data, "tables", [t.key for t in tables])
        roles = self.roles(self.get(data, "roles", dict), sections, tables)
        return Format(self.get(data, "format"), self.get(data, "name"), year_from, year_to, sections, tables, roles, str(self.path))

    def unique(self, node, what: str, keys: list[str]):
        for key in keys:
            if keys.count(key) > 1:
                self.fail(node, what, f"key {key!r} appears twice")

    # ---- roles ----
    def roles(self, node, sections, tables) -> Roles:
        self.check_keys(node, {"sections", "applications", "review"}, "roles")
        section_map = self.role_map(node, "sections", SECTION_ROLES, {s.key for s in sections}, "section")
        for role, key in section_map.items():
            if list(section_map.values()).count(key) > 1:
                self.fail(node["sections"], role, f"section {key!r} is in two roles")
        applications = self.table_roles(self.get(node, "applications", dict), tables, APPLICATION_ROWS, APPLICATION_COLUMNS,
                                        optional_columns=APPLICATION_OPTIONAL_COLUMNS)
        review = self.table_roles(self.get(node, "review", dict), tables, REVIEW_ROWS, (), groups=True)
        return Roles(section_map, {"applications": applications, "review": review})

    def role_map(self, node, key: str, roles: tuple[str, ...], known: set[str], what: str,
                 optional: tuple[str, ...] = ()) -> dict[str, str]:
        """{role: key} under `key`: every role given (the `optional` ones when present), each naming a known key."""
        mapping = self.get(node, key, dict, required=bool(roles), default={})
        for role in mapping:
            if role not in roles + optional:
                self.fail(mapping, role, f"unknown role in roles.{key} (expected {', '.join(roles + optional) or 'none'})")
        found = {}
        for role in roles + tuple(r for r in optional if r in mapping):
            value = self.get(mapping, role)
            if value not in known:
                self.fail(mapping, role, f"no {what} has the key {value!r}")
            found[role] = value
        return found

    def table_roles(self, node, tables, row_roles, column_roles, groups: bool = False, optional_columns: tuple[str, ...] = ()) -> TableRoles:
        self.check_keys(node, {"table", "rows", "columns"} | ({"groups"} if groups else set()), "a table's roles")
        key = self.get(node, "table")
        spec = next((t for t in tables if t.key == key), None)
        if spec is None:
            self.fail(node, "table", f"no table has the key {key!r}")
        columns = {c.key for c in spec.columns + spec.optional_columns}
        rows = self.role_map(node, "rows", row_roles, {r.key for r in spec.rows}, "row")
        column_map = self.role_map(node, "columns", column_roles, columns, "column", optional_columns)
        cases = ()
        if groups:
            cases = tuple(self.case_group(g, columns) for g in self.get(node, "groups", list))
            if not cases:
                self.fail(node, "groups", "name at least one group")
        return TableRoles(key, rows, column_map, cases)

    def case_group(self, node, columns: set[str]) -> CaseGroup:
        self.check_keys(node, {"name", "kind", *CASE_COLUMNS}, "a group of cases")
        kind = self.get(node, "kind")
        if kind not in CASE_KINDS:
            self.fail(node, "kind", f"must be one of {', '.join(CASE_KINDS)}")
        keys = {}
        for role in CASE_COLUMNS:
            keys[role] = self.get(node, role)
            if keys[role] not in columns:
                self.fail(node, role, f"no column has the key {keys[role]!r}")
        return CaseGroup(self.get(node, "name"), kind, **keys)

    def table(self, node, sections: set[str]) -> TableSpec:
        self.check_keys(node, {"key", "section", "title", "heading", "recognise", "row_header", "columns", "optional_columns", "rows",
                               "identities"}, "a table")
        if self.get(node, "section") not in sections:
            self.fail(node, "section", f"no section has the key {self.get(node, 'section')!r}")
        columns = tuple(self.label(c) for c in self.get(node, "columns", list))
        optional = tuple(self.label(c) for c in self.get(node, "optional_columns", list, required=False, default=[]))
        rows = tuple(self.label(r) for r in self.get(node, "rows", list))
        for what, labels in (("columns", columns + optional), ("rows", rows)):
            self.unique(node, what, [label.key for label in labels])
        if self.get(node, "heading", required=False) is None and self.get(node, "recognise", required=False) is None:
            self.fail(node, "key", "a table needs `heading` or `recognise`")
        identities = tuple(self.identity(i, rows, columns + optional) for i in self.get(node, "identities", list, required=False, default=[]))
        return TableSpec(
            key=self.get(node, "key"), section=self.get(node, "section"), title=self.get(node, "title"),
            columns=columns, rows=rows, heading=self.pattern(node, "heading"), recognise=self.pattern(node, "recognise"),
            optional_columns=optional, identities=identities, row_header=self.get(node, "row_header", required=False),
        )

    def label(self, node) -> Label:
        self.check_keys(node, {"key", "label", "number", "variants", "match", "type", "group", "optional", "after", "subtotal_of"},
                        "a row or column")
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
            number=self.get(node, "number", required=False),
        )

    def identity(self, node, rows, columns) -> Identity:
        self.check_keys(node, {"rule", "over", "expr"}, "an identity")
        over = self.get(node, "over")
        if over not in ("columns", "rows"):
            self.fail(node, "over", "must be `columns` or `rows`")
        expr = self.get(node, "expr")
        labels = rows if over == "columns" else columns
        try:
            left, right = parse_identity(expr)
        except ValueError as error:
            self.fail(node, "expr", str(error))
        for term in left + right:
            if term.wildcard and not any(label.group == term.key for label in labels):
                self.fail(node, "expr", f"sum({term.key}.*): no {'row' if over == 'columns' else 'column'} is in the group {term.key!r}")
            if not term.wildcard and term.key not in {label.key for label in labels}:
                self.fail(node, "expr", f"unknown key {term.key!r}")
        return Identity(self.get(node, "rule"), over, left, right, expr)
