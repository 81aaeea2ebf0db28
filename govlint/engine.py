"""Runs the enabled rules over one report and turns their findings into diagnostics: severity
overrides, per-file ignores and inline suppressions applied."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .config import Config, enabled_codes, resolve, rule_options, severities
from .diagnostics import Diagnostic, Severity
from .model import Report
from .plugins import PluginHost
from .rule import Rule
from .source import Source
from .suppressions import apply as apply_suppressions
from .suppressions import parse as parse_suppressions
from .templates import Template, load_templates

ENGINE_CODES = {"GL900", "GL902", "GL903", "GL904"}


@dataclass
class Linter:
    config: Config = field(default_factory=Config)
    host: PluginHost | None = None
    rules: list[Rule] | None = None
    templates: tuple[Template, ...] = ()
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
                          if cls.code in self.enabled and not getattr(cls, "engine", False)]
        else:
            self.enabled |= {rule.code for rule in self.rules}  # rules handed in are wanted
        if not self.templates:
            self.templates = load_templates(self.host.template_dirs())
        if self.report_year is None:
            self.report_year = self.config.report_year

    def lint(self, source: Source, path: Path | None = None) -> list[Diagnostic]:
        return self.check(source, path)[1]

    def check(self, source: Source, path: Path | None = None) -> tuple[Report, list[Diagnostic]]:
        """The report model as the rules saw it, and the diagnostics."""
        report = Report(source, self.templates, self.report_year)
        diagnostics: list[Diagnostic] = []
        error = report.parse_error
        if error is not None:
            span = report.line_span(min(error.line, len(report.lines)))
            text = f"cannot parse the document (line {error.line}): {error}" if self.lang == "en" else f"无法解析文档（第{error.line}行）：{error}"
            diagnostics.append(Diagnostic(source.path, "GL900", "parse-error", Severity.ERROR, text, span, message_id="GL900.failed"))
        for rule in self.rules:
            if error is not None and rule.requires != "lines":
                continue
            try:
                for finding in rule.check(report):
                    message = finding.message_en if self.lang == "en" and finding.message_en else finding.message
                    diagnostics.append(Diagnostic(source.path, rule.code, rule.name, finding.severity or rule.severity,
                                                  message, finding.span, finding.edits, finding.message_id or rule.code))
            except Exception as exc:  # one failing rule must not hide the others' findings
                text = (f"rule {rule.code} ({rule.name}) failed: {type(exc).__name__}: {exc}" if self.lang == "en"
                        else f"规则 {rule.code} ({rule.name}) 运行出错：{type(exc).__name__}: {exc}")
                diagnostics.append(Diagnostic(source.path, "GL902", "rule-error", Severity.ERROR, text, report.anchor,
                                              message_id="GL902.failed"))
        suppressions = parse_suppressions(report.lines, self.rule_classes)
        diagnostics = apply_suppressions(diagnostics, suppressions, source.path, lang=self.lang)
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
        return report, sorted(kept, key=Diagnostic.sort_key)


def _instantiate(cls: type[Rule], options: dict) -> Rule:
    rule = cls()
    for name, value in options.items():
        setattr(rule, name.replace("-", "_"), value)
    return rule
