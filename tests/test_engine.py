"""The engine's promises: a raising rule is a finding, a parse failure still runs line rules,
and plugins arrive through the govlint entry points."""

import pytest
from conftest import seed_text

from govlint import Rule, Severity
from govlint.engine.linter import Linter
from govlint.engine.plugins import PluginHost, entry_points
from govlint.read.source import decode
from govlint.syntax.parser import ParseError


class Exploding(Rule):
    code, name, summary = "ZZ001", "exploding", "always raises"

    def check(self, report):
        raise RuntimeError("boom")


class LongLines(Rule):
    code, name, summary = "ZZ002", "long-line", "a line-level rule"
    severity = Severity.WARNING
    requires = "lines"
    messages = {"long": ("行过长", "line too long")}

    def check(self, report):
        for number, line in enumerate(report.lines, 1):
            if len(line) > 500:
                yield self.say(report.line_span(number), "long")


def test_a_raising_rule_is_reported_and_the_others_still_run(linter):
    rules = [Exploding()] + linter.rules
    diagnostics = Linter(host=linter.host, rules=rules, formats=linter.formats).lint(decode(seed_text("000").encode(), "r.md"))
    assert [(d.code, d.line, d.column) for d in diagnostics if d.code in ("GL201", "GL902")] == [("GL201", 3, 1), ("GL902", 3, 1)]
    error = diagnostics[1]
    assert error.name == "rule-error" and "ZZ001" in error.message and "RuntimeError: boom" in error.message


def test_a_parse_failure_is_gl900_and_line_rules_still_run(linter, monkeypatch):
    def broken(text):
        raise ParseError("No terminal matches", 4, 2)

    monkeypatch.setattr("govlint.model.report.parse", broken)
    rules = [LongLines()] + linter.rules
    text = "标题\n\n正文\n" + "x" * 600 + "\n"
    diagnostics = Linter(host=linter.host, rules=rules, formats=linter.formats).lint(decode(text.encode(), "r.md"))
    assert [(d.code, d.line, d.column) for d in diagnostics] == [("GL900", 4, 1), ("ZZ002", 4, 1)]


def test_builtin_packs_come_through_entry_points():
    host = PluginHost()
    names = {host.manager.get_name(p) for p in host.manager.get_plugins()}
    assert {"structure", "dates", "tables", "arithmetic", "content", "typography"} <= names
    assert {"GL101", "GL201", "GL202", "GL203", "GL301", "GL302", "GL501", "GL900", "GL902"} <= {r.code for r in host.rules()}
    assert host.warnings == []


def test_a_plugin_that_fails_to_import_is_a_warning(monkeypatch):
    installed = entry_points()
    monkeypatch.setattr("govlint.engine.plugins.entry_points", lambda: installed + [("broken", "govlint_no_such_module:rules")])
    host = PluginHost()
    assert host.warnings == ["plugin 'broken' could not be loaded: ModuleNotFoundError: No module named 'govlint_no_such_module'"]
    assert "GL101" in {r.code for r in host.rules()}


def test_every_rule_is_documented_and_well_formed():
    from govlint.checks.rule import rule_problem

    for rule in PluginHost().rules():
        assert rule_problem(rule) is None
        doc = rule.documentation()
        assert len(doc.splitlines()) >= 3, rule.code


@pytest.mark.parametrize("code", ["GL101", "GL201", "GL202", "GL203", "GL301", "GL302", "GL501"])
def test_rule_docs_show_a_failing_and_a_passing_example(code):
    rule = next(r for r in PluginHost().rules() if r.code == code)
    assert "Fails:" in rule.documentation() and "Passes:" in rule.documentation()


def _report_fixtures():
    from conftest import CORPUS, SEEDS

    return sorted(SEEDS.glob("*.txt")) + sorted(p for p in CORPUS.rglob("*") if p.suffix in (".txt", ".md"))


def test_checking_a_report_leaves_no_reference_cycles(linter):
    # Linter.check pauses the cyclic collector; that is only free if a report's objects are freed by
    # reference counting alone. A cycle (a node pointing back at its parent, a closure holding the
    # report) would make every lint leave garbage for the collector.
    import gc

    from govlint.read.source import read_path

    paths = _report_fixtures()
    assert len(paths) >= 5
    for path in paths:
        linter.lint(read_path(path))  # caches and lazily compiled patterns filled in first
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        for path in paths:
            linter.lint(read_path(path))
        gc.collect()
        garbage = [type(o).__qualname__ for o in gc.garbage]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert garbage == []


def test_the_collector_is_running_again_after_a_check_even_when_a_rule_raises(linter):
    import gc

    assert gc.isenabled()
    Linter(host=linter.host, rules=[Exploding()], formats=linter.formats).lint(decode(seed_text("000").encode(), "r.md"))
    assert gc.isenabled()
    gc.disable()
    try:  # a caller that turned it off keeps it off
        linter.lint(decode(seed_text("000").encode(), "r.md"))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_discovered_plugins_are_cached_by_what_is_installed_not_by_where_govlint_was_launched(tmp_path, monkeypatch):
    import sys

    from govlint.engine.plugins import install_stamp

    before = install_stamp()
    monkeypatch.setattr(sys, "path", [str(tmp_path / "a-script-folder"), *sys.path[1:]])
    assert install_stamp() == before
    (tmp_path / "site").mkdir()
    monkeypatch.setattr(sys, "path", [*sys.path, str(tmp_path / "site")])
    installed = install_stamp()
    assert installed != before
    (tmp_path / "site" / "new_plugin-1.0.dist-info").mkdir()  # a distribution installed there
    import os

    os.utime(tmp_path / "site", ns=(1, 1))
    assert install_stamp() != installed
