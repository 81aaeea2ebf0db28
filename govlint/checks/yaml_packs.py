"""Declarative rule packs: rules written as YAML data (rules/packs/*.yaml, or a pack a user names).

Kinds:
- existence: a pattern must not appear;
- required: one of the patterns must appear (anywhere, or `within` a section), else one finding at
  that section's heading (or `anchor`'s, or the title);
- substitution: a wrong wording and its right one — the finding carries the fix;
- identity: an arithmetic identity over the cells of a standard table (`table`, `over`, `expr`).

Sections are named by their role in the formats (`within: other`: overview, proactive, applications,
review, problems, other); a section key of the built-in formats (`within: 六`) is read as its role.
An identity's `table` is a table role (applications, review) or a table key.

Each rule becomes a `Rule` subclass like any other, so the engine, the docs and `--fix` treat
both alike.
"""

from __future__ import annotations

import re
from itertools import chain
from dataclasses import astuple, dataclass
from pathlib import Path

from govlint.base import datacache as cache
from govlint.base.diagnostics import Edit, Severity
from govlint.base.errors import GovlintError
from govlint.base.spans import Span
from govlint.base.urls import in_url, url_spans
from govlint.base.yamlfile import YAMLFileError, read_yaml_document
from govlint.checks.rule import CODE, NAME, Rule
from govlint.model.formats import SECTION_ROLES, load_formats, parse_identity

KINDS = ("existence", "required", "substitution", "identity")


class PackError(GovlintError):
    """A broken pack; the message names the file and line."""


@dataclass(frozen=True)
class PatternSpec:
    pattern: str
    message: str
    replacement: str | None = None
    unless: str | None = None
    message_en: str | None = None
    once: bool = False  # existence: one finding per file, at the first match, with {count} the number of matches


def load_pack(path: Path) -> list[dict]:
    """The pack's rules as plain data, validated; cached against the file's size and time."""
    info = path.stat()
    entry = cache.key("pack", str(path.resolve()), info.st_size, info.st_mtime_ns)
    stored = cache.load("pack", entry)
    if isinstance(stored, list):
        try:  # the cache holds plain data: patterns come back as PatternSpec
            return [{**rule, "patterns": tuple(PatternSpec(*spec) for spec in rule["patterns"])} for rule in stored]
        except (TypeError, KeyError):
            pass
    rules = _read(path)
    cache.store("pack", entry, [{**rule, "patterns": [astuple(spec) for spec in rule["patterns"]]} for rule in rules])
    return rules


def _read(path: Path) -> list[dict]:
    try:
        data = read_yaml_document(path)
    except YAMLFileError as error:
        raise PackError(f"{error.path}:{error.line}: {error.message}") from None

    def fail(node, key, message):
        line = 1
        try:
            line = (node.lc.key(key)[0] if key in node else node.lc.line) + 1
        except Exception:
            pass
        raise PackError(f"{path}:{line}: {key}: {message}")

    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise PackError(f"{path}:1: a pack is a mapping with a `rules` list")
    pack_name = str(data.get("pack") or path.stem)
    rules = []
    for node in data["rules"]:
        if not isinstance(node, dict):
            raise PackError(f"{path}:{getattr(getattr(node, 'lc', None), 'line', 0) + 1}: a rule is a mapping")
        for key in node:
            if key not in ("code", "name", "kind", "severity", "summary", "documentation", "patterns", "message", "message_en",
                           "within", "anchor", "years", "table", "over", "expr"):
                fail(node, key, "unknown key in a rule")
        kind = node.get("kind")
        needed = ("code", "name", "kind", "summary") + (("table", "over", "expr", "message") if kind == "identity" else ("patterns",))
        if kind == "required":
            needed += ("message",)
        for key in needed:
            if key not in node:
                fail(node, key, "missing")
        sections = {}
        for key in ("within", "anchor"):
            if key in node:
                sections[key] = _section_role(node[key])
                if sections[key] is None:
                    fail(node, key, f"must be a section role ({', '.join(SECTION_ROLES)}) or a section key ({'、'.join(_section_keys())})")
        if kind == "identity":
            if node["over"] not in ("columns", "rows"):
                fail(node, "over", "must be `columns` or `rows`")
            try:
                parse_identity(str(node["expr"]))
            except ValueError as error:
                fail(node, "expr", str(error))
        years = node.get("years") or {}
        if not isinstance(years, dict) or any(k not in ("from", "to") or not isinstance(v, int) for k, v in years.items()):
            fail(node, "years", "expected {from: YEAR, to: YEAR}")
        if not CODE.match(str(node["code"])):
            fail(node, "code", f"{node['code']!r} is not a rule code like GL502")
        if not NAME.match(str(node["name"])):
            fail(node, "name", f"{node['name']!r} is not kebab-case")
        if node["kind"] not in KINDS:
            fail(node, "kind", f"must be one of {', '.join(KINDS)}")
        severity = str(node.get("severity", "warning"))
        if severity not in ("error", "warning", "info"):
            fail(node, "severity", "must be error, warning or info")
        patterns = []
        for item in node.get("patterns") or []:
            if not isinstance(item, dict) or "pattern" not in item or "message" not in item:
                fail(node, "patterns", "each pattern needs `pattern` and `message`")
            for key in ("pattern", "unless"):
                if key in item:
                    try:
                        re.compile(item[key], re.MULTILINE)
                    except re.error as error:
                        fail(item, key, f"invalid regular expression: {error}")
            if node["kind"] == "substitution" and "replacement" not in item:
                fail(item, "pattern", "a substitution needs a `replacement`")
            for key in item:
                if key not in ("pattern", "message", "message_en", "replacement", "unless", "once"):
                    fail(item, key, "unknown key in a pattern")
            if not isinstance(item.get("once", False), bool):
                fail(item, "once", "must be true or false")
            patterns.append(PatternSpec(str(item["pattern"]), str(item["message"]), item.get("replacement"), item.get("unless"),
                                        item.get("message_en"), bool(item.get("once", False))))
        try:
            re.compile("|".join(f"(?:{p.pattern})" for p in patterns), re.MULTILINE)
        except re.error as error:
            fail(node, "patterns", f"the patterns cannot be combined ({error}); use scoped flags like (?i:…)")
        rules.append({
            "code": str(node["code"]), "name": str(node["name"]), "kind": str(node["kind"]), "severity": severity,
            "summary": str(node["summary"]), "documentation": str(node.get("documentation") or node["summary"]),
            "patterns": tuple(patterns), "pack": pack_name, "message": str(node.get("message", "")),
            "message_en": str(node.get("message_en") or node.get("message", "")),
            "within": sections.get("within"), "anchor": sections.get("anchor"), "years": dict(years),
            "table": str(node.get("table", "")), "over": str(node.get("over", "")), "expr": str(node.get("expr", "")),
        })
    return rules


def _section_keys() -> list[str]:
    return [spec.key for spec in load_formats()[0].sections]


def _section_role(value) -> str | None:
    """A section's role: the role itself, or the role a built-in format gives that section key (六 → other)."""
    if value in SECTION_ROLES:
        return value
    for format in load_formats():
        role = format.roles.section_role(str(value))
        if role is not None:
            return role
    return None


def _section_key(report, role: str) -> str:
    """The key of the section in `role` in the report's formats (a key read from a pack cached
    before sections had roles stays as it is)."""
    return report.section_key(role) or role


def rule_classes(path: Path, trusted: bool = True) -> list[type[Rule]]:
    """The pack's rules as Rule classes. A pack that is not govlint's own (`trusted=False`: one a
    repository's configuration names) has its patterns run with a time limit."""
    return [_make(data, trusted) for data in load_pack(path)]


def _make(data: dict, trusted: bool) -> type[Rule]:
    base = {"substitution": SubstitutionRule, "existence": ExistenceRule, "required": RequiredRule, "identity": IdentityPackRule}[data["kind"]]
    if data["kind"] in ("existence", "substitution"):  # each pattern's own message is the finding's
        messages = {str(index): (spec.message, spec.message_en or spec.message) for index, spec in enumerate(data["patterns"], 1)}
    else:  # one message for the rule: what is missing, or which identity fails
        messages = {"missing" if data["kind"] == "required" else "identity": (data["message"], data["message_en"])}
    return type(f"Pack_{data['code']}", (base,), {
        "code": data["code"], "name": data["name"], "severity": Severity(data["severity"]), "summary": data["summary"],
        "__doc__": data["documentation"], "patterns": data["patterns"], "messages": messages,
        "fixable": data["kind"] == "substitution", "data": data, "trusted": trusted,
    })


def _in_years(report, years: dict) -> bool:
    if not years or report.year is None:
        return True
    return years.get("from", 0) <= report.year <= years.get("to", 9999)


class PackRule(Rule):
    """A rule written in a pack: its YAML entry is `data`; its messages (`messages`, keyed by the
    pattern's number, "missing" or "identity") come from there, so `say` gives them ids like GL503.2."""

    data: dict = {}
    patterns: tuple[PatternSpec, ...] = ()
    trusted = True


class _Line:
    """One line of the file as a unit patterns read (a table row, a page number, a part of a line)."""

    __slots__ = ("line", "offset")

    def __init__(self, line: int, offset: int = 0):
        self.line, self.offset = line, offset

    def span(self, start: int, end: int) -> Span:
        return Span(self.line, self.offset + start + 1, self.line, self.offset + end + 1)


def _prose_units(report):
    """The prose as logical paragraphs (model.report.TextParagraph): a wording split by a hard wrap or
    a page number is matched whole, and reported at its original lines and columns."""
    return [(paragraph, paragraph.text) for paragraph in report.paragraphs]


class PatternRule(PackRule):
    requires = "lines"

    def lines(self, report):
        """(unit, text) of the text a pattern may match: a unit has `line` and `span(start, end)` (a
        logical paragraph of the prose, or one line)."""
        raise NotImplementedError

    def matches(self, report):
        compile = _compile if self.trusted else _compile_limited
        # One pass of all patterns together finds the lines worth a closer look; the patterns one by
        # one are compiled only when a line is (compiling is most of a pack's cost in a short run).
        screen = compile("|".join(f"(?:{spec.pattern})" for spec in self.patterns))
        compiled = None
        for unit, text in self.lines(report):
            try:
                if not screen.search(text):
                    continue
                if compiled is None:
                    compiled = [(index, spec, compile(spec.pattern), compile(spec.unless) if spec.unless else None)
                                for index, spec in enumerate(self.patterns, 1)]
                urls = url_spans(text)
                for index, spec, pattern, unless in compiled:
                    if unless is not None and unless.search(text):
                        continue
                    for match in pattern.finditer(text):
                        if match.end() > match.start() and not in_url(urls, match.start()):
                            yield unit, index, spec, match
            except TimeoutError:
                raise PackTimeout(f"a pattern of {self.code} took more than {PATTERN_SECONDS} s on line {unit.line}; "
                                  f"the rule stopped (rewrite the pattern of its YAML pack)") from None


class PackTimeout(Exception):
    """A repository's pattern ran past its time limit (reported as GL902 for that rule)."""


# A pattern from a repository's pack may backtrack catastrophically; it runs under the `regex`
# module's time limit, per line, instead of Python's `re`, which cannot be interrupted.
PATTERN_SECONDS = 0.5
_COMPILED: dict[tuple[str, bool], object] = {}


def _compile(source: str) -> re.Pattern:
    if (source, True) not in _COMPILED:
        _COMPILED[source, True] = re.compile(source, re.MULTILINE)
    return _COMPILED[source, True]


class _Limited:
    """A `regex` pattern whose searches stop with TimeoutError after PATTERN_SECONDS."""

    __slots__ = ("pattern",)

    def __init__(self, pattern):
        self.pattern = pattern

    def search(self, text: str):
        return self.pattern.search(text, timeout=PATTERN_SECONDS)

    def finditer(self, text: str):
        return self.pattern.finditer(text, timeout=PATTERN_SECONDS)


def _compile_limited(source: str) -> _Limited:
    if (source, False) not in _COMPILED:
        import regex

        _COMPILED[source, False] = _Limited(regex.compile(source, regex.MULTILINE | regex.VERSION0))
    return _COMPILED[source, False]


class ExistenceRule(PatternRule):
    """A pattern that must not appear (every line but comments, tables included)."""

    def lines(self, report):
        # One at a time: a large report's table lines, each with its unit, are not all alive at once.
        yield from _prose_units(report)
        for number, text in chain(report.iter_table_lines(), report.page_lines):
            yield _Line(number), text

    def check(self, report):
        once: dict[int, list] = {}  # a pattern marked `once` (page numbers): the first match and the count
        found = [(unit.span(match.start(), match.end()), index, spec, match) for unit, index, spec, match in self.matches(report)]
        for span, index, spec, match in sorted(found, key=lambda item: (item[0].line, item[0].column)):
            if spec.once:
                if index in once:
                    once[index][1] += 1
                else:
                    once[index] = [(span, match.group(0).strip()), 1]
                continue
            yield self.say(span, str(index), match=match.group(0).strip())
        for index, ((span, text), count) in once.items():
            yield self.say(span, str(index), match=text, count=count)


class SubstitutionRule(PatternRule):
    """Wrong → right in the prose; the finding's fix writes the right wording."""

    def lines(self, report):
        return _prose_units(report)

    def check(self, report):
        for unit, index, spec, match in self.matches(report):
            span = unit.span(match.start(), match.end())
            replacement = match.expand(spec.replacement)
            if replacement == match.group(0):
                continue
            # A wording split by a line break is reported; the fix would join the lines, so it has none.
            edits = [Edit(span, replacement)] if span.line == span.end_line else []
            yield self.say(span, str(index), edits=edits, match=match.group(0))


class RequiredRule(PatternRule):
    """One of the patterns must appear (in the whole report, or `within` one section)."""

    requires = "document"

    def lines(self, report):
        within = self.data["within"]
        if within:
            key = _section_key(report, within)
            ranges = report.section_text(key)
            if any(section.inline for section in report.sections.values()):
                return [(_Line(p.line, start), p.text[start:stop]) for p, start, stop in ranges]
            lines = {p.line for p, _, _ in ranges}
            return [(paragraph, paragraph.text) for paragraph in report.paragraphs if paragraph.line in lines]
        return _prose_units(report)

    def check(self, report):
        if not _in_years(report, self.data["years"]):
            return
        if any(True for _ in self.matches(report)):
            return
        anchor = self.data["anchor"] or self.data["within"]
        section = report.sections.get(_section_key(report, anchor)) if anchor else None
        yield self.say(section.span if section else report.anchor, "missing")


class IdentityPackRule(PackRule):
    """An arithmetic identity over a standard table's cells, written in a pack."""

    def check(self, report):
        from govlint.model.identities import check_expression

        if not _in_years(report, self.data["years"]):
            return
        for table in report.standard_tables:
            roles = table.format.roles.tables.get(self.data["table"])
            if table.key != (roles.table if roles else self.data["table"]):
                continue
            for failure in check_expression(table, self.data["over"], self.data["expr"], self.code):
                yield self.say(failure.at.span, "identity", detail=failure.describe(), detail_en=failure.describe("en"))
