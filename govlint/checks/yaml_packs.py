"""Declarative rule packs: rules written as YAML data (rules/packs/*.yaml, or a pack a user names).

Kinds:
- existence: a pattern must not appear;
- required: one of the patterns must appear (anywhere, or `within` a section), else one finding at
  that section's heading (or `anchor`'s, or the title);
- substitution: a wrong wording and its right one — the finding carries the fix;
- identity: an arithmetic identity over the cells of a standard table (`table`, `over`, `expr`).

Each rule becomes a `Rule` subclass like any other, so the engine, the docs and `--fix` treat
both alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from govlint.base import datacache as cache
from govlint.base.diagnostics import Edit, Finding, Severity
from govlint.base.resources import data_dir
from govlint.base.spans import Span
from govlint.base.urls import in_url, url_spans
from govlint.checks.rule import CODE, NAME, Rule

KINDS = ("existence", "required", "substitution", "identity")
SECTIONS = ("一", "二", "三", "四", "五", "六")


class PackError(Exception):
    """A broken pack; the message names the file and line."""


@dataclass(frozen=True)
class PatternSpec:
    pattern: str
    message: str
    replacement: str | None = None
    unless: str | None = None
    message_en: str | None = None


def builtin_packs() -> list[Path]:
    return sorted((data_dir("rules") / "packs").glob("*.yaml"))


def load_pack(path: Path) -> list[dict]:
    """The pack's rules as plain data, validated; cached against the file's size and time."""
    info = path.stat()
    entry = cache.key("pack", str(path.resolve()), info.st_size, info.st_mtime_ns)
    rules = cache.load("pack", entry)
    if rules is None:
        rules = _read(path)
        cache.store("pack", entry, rules)
    return rules


def _read(path: Path) -> list[dict]:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        data = YAML(typ="rt").load(path.read_text(encoding="utf-8"))
    except YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise PackError(f"{path}:{mark.line + 1 if mark else 1}: invalid YAML: {getattr(error, 'problem', error)}") from None
    except OSError as error:
        raise PackError(f"{path}: cannot read ({error.strerror})") from None

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
        for key in ("within", "anchor"):
            if key in node and node[key] not in SECTIONS:
                fail(node, key, f"must be a section key ({'、'.join(SECTIONS)})")
        if kind == "identity":
            if node["over"] not in ("columns", "rows"):
                fail(node, "over", "must be `columns` or `rows`")
            if len(str(node["expr"]).split("==")) != 2:
                fail(node, "expr", "an identity is `a + b == c + d`")
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
                if key not in ("pattern", "message", "message_en", "replacement", "unless"):
                    fail(item, key, "unknown key in a pattern")
            patterns.append(PatternSpec(str(item["pattern"]), str(item["message"]), item.get("replacement"), item.get("unless"),
                                        item.get("message_en")))
        try:
            re.compile("|".join(f"(?:{p.pattern})" for p in patterns), re.MULTILINE)
        except re.error as error:
            fail(node, "patterns", f"the patterns cannot be combined ({error}); use scoped flags like (?i:…)")
        rules.append({
            "code": str(node["code"]), "name": str(node["name"]), "kind": str(node["kind"]), "severity": severity,
            "summary": str(node["summary"]), "documentation": str(node.get("documentation") or node["summary"]),
            "patterns": tuple(patterns), "pack": pack_name, "message": str(node.get("message", "")),
            "message_en": str(node.get("message_en") or node.get("message", "")),
            "within": node.get("within"), "anchor": node.get("anchor"), "years": dict(years),
            "table": str(node.get("table", "")), "over": str(node.get("over", "")), "expr": str(node.get("expr", "")),
        })
    return rules


def rule_classes(path: Path) -> list[type[Rule]]:
    return [_make(data) for data in load_pack(path)]


def _make(data: dict) -> type[Rule]:
    base = {"substitution": SubstitutionRule, "existence": ExistenceRule, "required": RequiredRule, "identity": IdentityPackRule}[data["kind"]]
    return type(f"Pack_{data['code']}", (base,), {
        "code": data["code"], "name": data["name"], "severity": Severity(data["severity"]), "summary": data["summary"],
        "__doc__": data["documentation"], "patterns": data["patterns"],
        "fixable": data["kind"] == "substitution", "data": data,
    })


def _in_years(report, years: dict) -> bool:
    if not years or report.year is None:
        return True
    return years.get("from", 0) <= report.year <= years.get("to", 9999)


class PackRule(Rule):
    """A rule written in a pack: its YAML entry is `data`, its messages come from there."""

    data: dict = {}
    patterns: tuple[PatternSpec, ...] = ()

    def said(self, span, key: str, chinese: str, english: str | None, edits=(), **args) -> Finding:
        """A finding with a message id ("GL503.2") and its English text."""
        def fill(text):
            for name, value in args.items():
                text = text.replace("{" + name + "}", str(value))
            return text

        return Finding(span, fill(chinese), tuple(edits), None, f"{self.code}.{key}", fill(english or chinese))


class PatternRule(PackRule):
    requires = "lines"

    def lines(self, report):
        """(line number, text) of the lines a pattern may match."""
        raise NotImplementedError

    def matches(self, report):
        compiled = [(index, spec, _compile(spec.pattern), _compile(spec.unless) if spec.unless else None)
                    for index, spec in enumerate(self.patterns, 1)]
        # One pass of all patterns together finds the lines worth a closer look.
        screen = _compile("|".join(f"(?:{spec.pattern})" for spec in self.patterns))
        for number, text in self.lines(report):
            if not screen.search(text):
                continue
            urls = url_spans(text)
            for index, spec, pattern, unless in compiled:
                if unless is not None and unless.search(text):
                    continue
                for match in pattern.finditer(text):
                    if match.end() > match.start() and not in_url(urls, match.start()):
                        yield number, index, spec, match


_COMPILED: dict[str, re.Pattern] = {}


def _compile(source: str) -> re.Pattern:
    if source not in _COMPILED:
        _COMPILED[source] = re.compile(source, re.MULTILINE)
    return _COMPILED[source]


class ExistenceRule(PatternRule):
    """A pattern that must not appear (every line but comments, tables included)."""

    def lines(self, report):
        return [(p.line, p.text) for p in report.prose] + list(report.table_lines)

    def check(self, report):
        for number, index, spec, match in self.matches(report):
            span = Span(number, match.start() + 1, number, match.end() + 1)
            yield self.said(span, str(index), spec.message, spec.message_en, match=match.group(0).strip())


class SubstitutionRule(PatternRule):
    """Wrong → right in the prose; the finding's fix writes the right wording."""

    def lines(self, report):
        return [(p.line, p.text) for p in report.prose]

    def check(self, report):
        for number, index, spec, match in self.matches(report):
            span = Span(number, match.start() + 1, number, match.end() + 1)
            replacement = match.expand(spec.replacement)
            if replacement == match.group(0):
                continue
            yield self.said(span, str(index), spec.message, spec.message_en, [Edit(span, replacement)], match=match.group(0))


class RequiredRule(PatternRule):
    """One of the patterns must appear (in the whole report, or `within` one section)."""

    requires = "document"

    def lines(self, report):
        within = self.data["within"]
        if within:
            return [(p.line, p.text[start:stop]) for p, start, stop in report.section_text(within)]
        return [(p.line, p.text) for p in report.prose]

    def check(self, report):
        if not _in_years(report, self.data["years"]):
            return
        if any(True for _ in self.matches(report)):
            return
        anchor = self.data["anchor"] or self.data["within"]
        section = report.sections.get(anchor) if anchor else None
        yield self.said(section.span if section else report.anchor, "missing", self.data["message"], self.data["message_en"])


class IdentityPackRule(PackRule):
    """An arithmetic identity over a standard table's cells, written in a pack."""

    def check(self, report):
        from govlint.model.identities import check_expression

        if not _in_years(report, self.data["years"]):
            return
        for table in report.standard_tables:
            if table.key != self.data["table"]:
                continue
            for failure in check_expression(table, self.data["over"], self.data["expr"], self.code):
                yield self.said(failure.at.span, "identity", self.data["message"].replace("{detail}", failure.describe()),
                                       self.data["message_en"].replace("{detail}", failure.describe("en")))
