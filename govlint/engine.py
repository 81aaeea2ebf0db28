"""Runs the rules over one report and collects their findings as diagnostics."""

from __future__ import annotations

from dataclasses import dataclass, field

from .diagnostics import Diagnostic, Severity
from .model import Report
from .plugins import PluginHost
from .rule import Rule
from .source import Source
from .templates import Template, load_templates


@dataclass
class Linter:
    host: PluginHost = field(default_factory=PluginHost)
    rules: list[Rule] = field(default_factory=list)
    templates: tuple[Template, ...] = ()
    report_year: int | None = None

    def __post_init__(self):
        if not self.rules:
            self.rules = [cls() for cls in self.host.rules() if not getattr(cls, "engine", False)]
        if not self.templates:
            self.templates = load_templates(self.host.template_dirs())

    def lint(self, source: Source) -> list[Diagnostic]:
        report = Report(source, self.templates, self.report_year)
        diagnostics: list[Diagnostic] = []
        error = report.parse_error
        if error is not None:
            span = report.line_span(min(error.line, len(report.lines)))
            diagnostics.append(Diagnostic(source.path, "GL900", "parse-error", Severity.ERROR,
                                          f"无法解析文档（第{error.line}行）：{error}", span))
        for rule in self.rules:
            if error is not None and rule.requires != "lines":
                continue
            try:
                for finding in rule.check(report):
                    diagnostics.append(Diagnostic(source.path, rule.code, rule.name, finding.severity or rule.severity,
                                                  finding.message, finding.span, finding.edits))
            except Exception as exc:  # one failing rule must not hide the others' findings
                diagnostics.append(Diagnostic(source.path, "GL902", "rule-error", Severity.ERROR,
                                              f"规则 {rule.code} ({rule.name}) 运行出错：{type(exc).__name__}: {exc}",
                                              report.anchor))
        return sorted(diagnostics, key=Diagnostic.sort_key)
