"""Runs the enabled rules over one report and turns their findings into diagnostics: severity
overrides, per-file ignores and inline suppressions applied."""

from __future__ import annotations

import gc
import hashlib
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from govlint.base.diagnostics import Diagnostic, Finding, Severity, to_diagnostic
from govlint.base.spans import Span
from govlint.checks.history import HistoryRule, YearFacts, report_identity
from govlint.checks.rule import Option, Rule
from govlint.engine.codes import (
    ENGINE_RULES,
    NOT_FULLY_CHECKED,
    PARSE_ERROR,
    RULE_ERROR,
)
from govlint.engine.config import (
    Config,
    enabled_codes,
    resolve,
    rule_options,
    severities,
)
from govlint.engine.plugins import PluginHost
from govlint.engine.suppressions import apply as apply_suppressions
from govlint.engine.suppressions import parse as parse_suppressions
from govlint.model.formats import Format, load_formats
from govlint.model.report import Report
from govlint.read.source import Source

# Work spent on one file is bounded: past this, the remaining rules are skipped and GL905 says so.
FILE_BUDGET_SECONDS = 20


@contextmanager
def collector_paused():
    """Linting a report allocates hundreds of thousands of objects and leaves no reference cycles
    (tests/test_engine.py checks it), so the cyclic garbage collector has nothing to find while it
    runs; its scans of the growing heap cost a quarter of a large file's time. Whatever a plugin
    leaves in cycles is collected after the lint, as usual."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@dataclass
class Linter:
    config: Config = field(default_factory=Config)
    host: PluginHost | None = None
    rules: list[Rule] | None = None
    formats: tuple[Format, ...] = ()
    report_year: int | None = None
    select: list[str] | None = None  # from the command line, overriding the configuration's
    ignore: list[str] | None = None
    disabled_plugins: tuple[str, ...] = ()
    lang: str = "zh"  # zh | en

    def __post_init__(self):
        if self.host is None:
            self.host = PluginHost.shared(tuple(self.config.disable_plugins) + tuple(self.disabled_plugins),
                                          [Path(p) for p in self.config.rule_packs])
        self.rule_classes = self.host.rules()
        self.enabled = enabled_codes(self.config, self.rule_classes, self.select, self.ignore)
        self.severity_overrides = severities(self.config, self.rule_classes)
        if self.rules is None:
            options = rule_options(self.config, self.rule_classes)
            self.rules = [_instantiate(cls, options.get(cls.code, {})) for cls in self.rule_classes
                          if cls.code in self.enabled and cls not in ENGINE_RULES]
        else:
            self.enabled |= {rule.code for rule in self.rules}  # rules handed in are wanted
        if not self.formats:
            self.formats = load_formats(self.host.format_dirs())
        if self.report_year is None:
            self.report_year = self.config.report_year

    @cached_property
    def fingerprint(self) -> str:
        """Everything about this linter that changes its findings for a given file: the rules and their
        options, severities, per-file ignores, the language, and the contents of configured YAML packs
        (edited in place, a pack must not leave stale cached results)."""
        digest = hashlib.sha256()
        parts = (self.config.key(), sorted(self.config.per_file_ignores.items()), sorted(self.enabled),
                 sorted((code, str(level)) for code, level in self.severity_overrides.items()), self.lang, self.report_year,
                 [(rule.code, rule.plugin) for rule in self.rule_classes])
        digest.update(repr(parts).encode("utf-8", "surrogatepass"))
        for pack in self.host.packs:
            try:
                digest.update(Path(pack).read_bytes())
            except OSError:
                digest.update(b"unreadable")
        return digest.hexdigest()

    def lint(self, source: Source, path: Path | None = None) -> list[Diagnostic]:
        return self.check(source, path)[1]

    def check(self, source: Source, path: Path | None = None) -> tuple[Report, list[Diagnostic]]:
        """The report model as the rules saw it, and the diagnostics."""
        with collector_paused():
            return self._check(source, path)

    def _check(self, source: Source, path: Path | None) -> tuple[Report, list[Diagnostic]]:
        report = Report(source, self.formats, self.report_year)
        diagnostics: list[Diagnostic] = []
        error = report.parse_error
        if error is not None:
            span = report.line_span(min(error.line, len(report.lines)))
            diagnostics.append(to_diagnostic(source.path, PARSE_ERROR, PARSE_ERROR.say(span, "failed", line=error.line, error=error), self.lang))
        started = time.monotonic()
        for index, rule in enumerate(self.rules):
            if error is not None and rule.requires != "lines":
                continue
            if time.monotonic() - started > FILE_BUDGET_SECONDS:
                skipped = ", ".join(r.code for r in self.rules[index:] if error is None or r.requires == "lines")
                finding = NOT_FULLY_CHECKED.say(report.anchor, "budget", seconds=FILE_BUDGET_SECONDS, rules=skipped)
                diagnostics.append(to_diagnostic(source.path, NOT_FULLY_CHECKED, finding, self.lang))
                break
            try:
                diagnostics.extend(to_diagnostic(source.path, rule, _valid(finding), self.lang) for finding in rule.check(report))
            except (Exception, SystemExit) as exc:  # one failing rule (even one calling sys.exit) must not hide the others' findings
                finding = RULE_ERROR.say(report.anchor, "failed", code=rule.code, name=rule.name, error=f"{type(exc).__name__}: {exc}")
                diagnostics.append(to_diagnostic(source.path, RULE_ERROR, finding, self.lang))
        return report, self._finish(diagnostics, report.lines, source.path, path)

    def _finish(self, diagnostics: list[Diagnostic], lines: list[str], name: str, path: Path | None) -> list[Diagnostic]:
        """Suppressions, the enabled codes, per-file ignores and severity overrides applied; sorted."""
        suppressions = parse_suppressions(lines, self.rule_classes)
        diagnostics = apply_suppressions(diagnostics, suppressions, name, lang=self.lang)
        ignored = set()
        if path is not None and self.config.per_file_ignores:
            ignored = resolve(self.config.ignored_for(path), self.rule_classes, self.config, "per-file-ignores")
        kept = []
        for diagnostic in diagnostics:
            if diagnostic.code not in self.enabled or diagnostic.code in ignored:
                continue
            override = self.severity_overrides.get(diagnostic.code)
            if override is not None and override != diagnostic.severity:
                diagnostic = Diagnostic(diagnostic.path, diagnostic.code, diagnostic.name, override,
                                        diagnostic.message, diagnostic.span, diagnostic.edits, diagnostic.message_id)
            kept.append(diagnostic)
        return sorted(kept, key=Diagnostic.sort_key)

    # ---- across reports ------------------------------------------------------------------------
    @cached_property
    def history_rules(self) -> list[HistoryRule]:
        """The enabled rules that compare a report with another one (GL7xx and plugins' HistoryRules)."""
        return [rule for rule in self.rules if isinstance(rule, HistoryRule)]

    def facts(self, report: Report, name: str) -> dict | None:
        """What the cross-report rules read from this report (JSON data, cached with its findings), or
        None when no such rule is enabled. A rule whose `facts` fails contributes nothing."""
        if not self.history_rules:
            return None
        try:
            identity = report_identity(report) if report.parse_error is None else None
        except Exception:  # the model failing on a strange report must not cost its findings
            identity = None
        if identity is None:
            return YearFacts(name, None, None, Span(1, 1, 1, 1)).to_dict()
        data = {}
        for rule in self.history_rules:
            try:
                data[rule.code] = rule.facts(report)
            except Exception:
                data[rule.code] = {}
        return YearFacts(name, identity.body, identity.year, identity.span, data).to_dict()

    def check_history(self, facts: YearFacts, index, lines: list[str], path: Path | None = None) -> list[Diagnostic]:
        """The findings of the cross-report rules on one report, given the index of the run's and the
        history's reports (`govlint.engine.history.HistoryIndex`); [] when it has no other year."""
        diagnostics: list[Diagnostic] = []
        for rule in self.history_rules:
            other = index.other_for(rule, facts)
            if other is None:
                continue
            try:
                diagnostics.extend(to_diagnostic(facts.path, rule, _valid(finding), self.lang) for finding in rule.check_history(facts, other))
            except (Exception, SystemExit) as exc:
                finding = RULE_ERROR.say(facts.span, "failed", code=rule.code, name=rule.name, error=f"{type(exc).__name__}: {exc}")
                diagnostics.append(to_diagnostic(facts.path, RULE_ERROR, finding, self.lang))
        if not diagnostics:
            return []
        return self._finish(diagnostics, lines, facts.path, path)


def _valid(finding) -> Finding:
    """A rule's finding, checked before it reaches the formatters: a plugin's malformed finding is
    that rule's error (GL902), not a crash of the run."""
    if not isinstance(finding, Finding):
        raise TypeError(f"check() yielded {type(finding).__name__}, not a Finding")
    span = finding.span
    if not isinstance(span, Span) or not all(type(v) is int and v >= 1 for v in (span.line, span.column, span.end_line, span.end_column)):
        raise TypeError(f"a finding needs a Span of positive line and column numbers, got {span!r}")
    if finding.severity is not None and not isinstance(finding.severity, Severity):
        raise TypeError(f"severity must be a govlint.Severity, got {finding.severity!r}")
    if not isinstance(finding.message, str):
        raise TypeError("a finding's message must be text")
    return finding


def _instantiate(cls: type[Rule], options: dict) -> Rule:
    """The rule with each declared option set: the configured value, else the declared default."""
    rule = cls()
    for name, declared in (cls.options or {}).items():
        setattr(rule, name.replace("-", "_"), options.get(name, Option.of(declared).default))
    return rule
