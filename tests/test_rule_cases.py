"""Rule test cases as data: one file per rule code, tests/rules/GLxxx.yaml (like sqlfluff's std_rule_cases).

A case file:

    rule: GL201
    cases:
      - name: no-period              # kebab-case; the test id is "GL201-no-period"
        example: fails               # optional: this case is the docstring's `Fails:` example (`passes`: its
                                     # `Passes:` example; `both`: a fix case whose before and after are the two)
        config: {report-year: 2024}  # optional: keys of .govlint.yaml (options, select, severity, …)
        path: r.md                   # optional, default r.md
        fail: TEXT                   # the rule must find exactly `expect`
        expect: [[GL201, 1, 1]]      #   [code, line, column] of this rule's findings, in output order
      - name: period-stated
        pass: TEXT                   # the rule must find nothing
      - name: fullwidth-comma
        fix: {before: TEXT, after: TEXT}   # fixable rules: --fix turns before into after (only this rule's
                                           # fixes applied); fixing `after` changes nothing and leaves no finding
                                           # of the rule; an optional `expect` lists the findings on `before`
        xfail: "why govlint is wrong"      # optional: the expectation is right, govlint is not (strict xfail)

Only the findings of the file's rule are compared; other rules may fire on the same text.

A TEXT is a string (a YAML block scalar), or a report built from a base:

    fail:
      base: pingtan-2025            # tests/rules/_bases/pingtan-2025.md
      replace:                      # applied in order; `old` must occur in the text
        - [old, new]                # the first occurrence
        - [old, new, all]           # every occurrence
        - [pattern, new, regex]     # the first match of a regular expression (DOTALL, MULTILINE); new is literal
      append: "text"                # added at the end

The bases are real reports from tests/fixtures, cleaned so that they break no rule (a test checks it):
- pingtan-2025: 平潭 2025 (corpus 007), one paragraph a line, its run-together tables laid out with tabs
  (the real numbers, read back by their only split);
- markdown-2023: seed 000, every section heading at `##`, a statistics period and a signature added;
- word-2023: seed 003 (Word export, one cell a line), numbered 一、/五、/（一） and without its bookmark;
- trial-format-2020: seed 001 (the 2019 试行 format), full-width punctuation, paired `**`, 15 values in
  table 四, a statistics period and a fee statement added.
Expectations name lines of the bases: do not edit a base, add another one.

A cross-report rule (GL7xx) needs other reports; a case lists them, each a path and a TEXT:

    history:                        # reports of other years (what `history` finds on disk)
      - {path: 2024/r.md, text: {base: pingtan-2025, replace: [[…]]}}
    companions:                     # other files of the same run (GL701: the same body and year twice)
      - {path: copy.md, text: …}

The engine's GL900, GL902 and GL905 need something broken: a case may carry
    patch: {parser-raises: [line, column]}   # the grammar raises a ParseError at that position
    patch: {rule-raises: GL603}              # that rule's check raises RuntimeError
    patch: {file-budget-seconds: -1}         # the per-file time budget (linter.FILE_BUDGET_SECONDS)
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

import govlint
from govlint.engine.config import KEYS, Config
from govlint.engine.plugins import PluginHost

CASES = Path(__file__).parent / "rules"
BASES = CASES / "_bases"
KINDS = ("fail", "pass", "fix")
CASE_KEYS = {"name", "example", "config", "path", "expect", "xfail", "patch", "history", "companions", *KINDS}


# ---- reading the case files ------------------------------------------------------------------
def _yaml(path: Path):
    from ruamel.yaml import YAML

    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


@cache
def case_files() -> dict[str, dict]:
    files = {}
    for path in sorted(CASES.glob("*.yaml")):
        data = _yaml(path)
        assert isinstance(data, dict) and set(data) == {"rule", "cases"}, f"{path.name}: expected `rule` and `cases`"
        assert data["rule"] == path.stem, f"{path.name}: rule {data['rule']} in a file named {path.stem}"
        for case in data["cases"]:
            assert set(case) <= CASE_KEYS, f"{path.name}: {case.get('name')}: unknown keys {set(case) - CASE_KEYS}"
            assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", str(case.get("name"))), f"{path.name}: case name {case.get('name')!r}"
            kinds = [kind for kind in KINDS if kind in case]
            assert len(kinds) == 1, f"{path.name}: {case['name']}: one of fail, pass, fix"
            if kinds[0] != "fix":
                assert ("expect" in case) == (kinds[0] == "fail"), f"{path.name}: {case['name']}: a fail case has `expect`, a pass case none"
            assert case.get("example") in (None, "fails", "passes", "both"), f"{path.name}: {case['name']}: example is fails, passes or both"
            assert case.get("example") != "both" or kinds[0] == "fix", f"{path.name}: {case['name']}: only a fix case is both examples"
        names = [case["name"] for case in data["cases"]]
        assert len(names) == len(set(names)), f"{path.name}: case names repeat"
        files[data["rule"]] = data
    return files


def kind(case: dict) -> str:
    return next(k for k in KINDS if k in case)


@cache
def base(name: str) -> str:
    return (BASES / f"{name}.md").read_text(encoding="utf-8")


def build(spec) -> str:
    """A case's text: a string, or {base, replace, append}."""
    if isinstance(spec, str):
        return spec
    assert set(spec) <= {"base", "replace", "append"}, f"unknown keys {set(spec)}"
    text = base(spec["base"])
    for item in spec.get("replace", []):
        old, new, *how = item
        assert how in ([], ["all"], ["regex"]), f"unknown replacement {how}"
        if how == ["regex"]:
            text, count = re.subn(old, lambda _, new=new: new, text, count=1, flags=re.DOTALL | re.MULTILINE)
            assert count == 1, f"{old!r} does not match the text"
            continue
        assert old in text, f"{old!r} is not in the text"
        text = text.replace(old, new) if how == ["all"] else text.replace(old, new, 1)
    return text + spec.get("append", "")


def case_input(case: dict) -> str:
    """The text the case lints (a fix case: `before`)."""
    return build(case["fix"]["before"] if "fix" in case else case[kind(case)])


def all_cases():
    return [(code, case) for code, data in case_files().items() for case in data["cases"]]


def case_param(code, case):
    marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if "xfail" in case else []
    return pytest.param(code, case, id=f"{code}-{case['name']}", marks=marks)


# ---- running govlint on a case ---------------------------------------------------------------
def config_of(case: dict) -> Config:
    settings = case.get("config") or {}
    unknown = set(settings) - set(KEYS)
    assert not unknown, f"unknown configuration keys {unknown}"
    return Config(**{key.replace("-", "_"): value for key, value in settings.items()})


def others(case: dict, key: str) -> list[tuple[str, str]]:
    """A case's other reports (`history`: other years; `companions`: other files of the run), as (path, text)."""
    return [(item["path"], build(item["text"])) for item in case.get(key, [])]


def lint(case: dict, text: str):
    if "history" in case or "companions" in case:
        from govlint.api import lint_text

        return lint_text(text, path=case.get("path", "r.md"), config=config_of(case),
                         history=others(case, "history"), companions=others(case, "companions"))
    return govlint.lint_text(text, path=case.get("path", "r.md"), config=config_of(case))


_FIXING: dict = {}


def _fixing_linter(code: str, config: Config):
    """A linter running only `code`, so that only its fixes are applied."""
    from govlint.run.session import Session

    key = (code, config.key())
    if key not in _FIXING:
        _FIXING[key] = Session(config=config, select=[code], quiet=True).linter_for(config)
    return _FIXING[key]


def fixed(code: str, case: dict, text: str) -> str:
    """The text after `govlint --fix` with only this rule's fixes."""
    from govlint.read.files import read_source
    from govlint.run.fixes import fix_source

    config = config_of(case)
    path = case.get("path", "r.md")
    data = text.encode("utf-8")
    result = fix_source(_fixing_linter(code, config), read_source(data, path), data, Path(path))
    assert result.refused is None, result.refused
    return result.fixed


def apply_patch(case: dict, monkeypatch) -> None:
    patch = case.get("patch") or {}
    assert set(patch) <= {"parser-raises", "rule-raises", "file-budget-seconds"}, f"unknown patch {set(patch)}"
    if "file-budget-seconds" in patch:
        monkeypatch.setattr("govlint.engine.linter.FILE_BUDGET_SECONDS", patch["file-budget-seconds"])
    if "parser-raises" in patch:
        from govlint.syntax.parser import ParseError

        line, column = patch["parser-raises"]

        def broken(text):
            raise ParseError("No terminal matches '¶' in the current parser context", line, column)

        monkeypatch.setattr("govlint.model.report.parse", broken)
    if "rule-raises" in patch:
        rule = next(r for r in PluginHost.shared().rules() if r.code == patch["rule-raises"])

        def check(self, report):
            raise RuntimeError("boom")

        monkeypatch.setattr(rule, "check", check)


def found(code: str, diagnostics) -> list[tuple[str, int, int]]:
    return [(d.code, d.line, d.column) for d in diagnostics if d.code == code]


# ---- the cases -------------------------------------------------------------------------------
@pytest.mark.parametrize("code, case", [case_param(code, case) for code, case in all_cases()])
def test_rule_case(code, case, monkeypatch):
    apply_patch(case, monkeypatch)
    what = kind(case)
    if what == "fail":
        expected = [tuple(item) for item in case["expect"]]
        assert expected and all(item[0] == code for item in expected), "a fail case expects findings of its rule"
        assert found(code, lint(case, case_input(case))) == expected
    elif what == "pass":
        assert found(code, lint(case, case_input(case))) == []
    else:
        before, after = build(case["fix"]["before"]), build(case["fix"]["after"])
        assert before != after
        if "expect" in case:
            assert found(code, lint(case, before)) == [tuple(item) for item in case["expect"]]
        assert fixed(code, case, before) == after
        assert fixed(code, case, after) == after
        assert found(code, lint(case, after)) == []


def builtin_rules():
    host = PluginHost()
    builtin = host.builtin_plugins() | {"engine"}
    return [rule for rule in host.rules() if rule.plugin in builtin]


def test_every_rule_has_a_failing_and_a_passing_case():
    codes = {rule.code for rule in builtin_rules()}
    assert set(case_files()) == codes, "one case file per rule code, none for codes that do not exist"
    for code in sorted(codes):
        kinds = [kind(case) for case in case_files()[code]["cases"]]
        assert "fail" in kinds or "fix" in kinds, f"{code} has no failing case"
        assert "pass" in kinds, f"{code} has no passing case"


def test_fixable_rules_have_a_fix_case_and_the_others_offer_no_edits(monkeypatch):
    for rule in builtin_rules():
        cases = case_files()[rule.code]["cases"]
        if rule.fixable:
            assert any(kind(case) == "fix" for case in cases), f"{rule.code} is fixable but has no fix case"
            continue
        assert not any(kind(case) == "fix" for case in cases), f"{rule.code} is not fixable but has a fix case"
        for case in cases:
            if kind(case) == "fail":
                with monkeypatch.context() as patched:
                    apply_patch(case, patched)
                    diagnostics = [d for d in lint(case, case_input(case)) if d.code == rule.code]
                assert all(not d.edits for d in diagnostics), f"{rule.code}-{case['name']}: a rule that is not fixable offers an edit"


# ---- the documentation's examples are cases --------------------------------------------------
def doc_examples(documentation: str) -> dict[str, list[str]]:
    """{"fails": [quoted texts], "passes": [...]} from the `Fails:` and `Passes:` paragraphs."""
    examples: dict[str, list[str]] = {}
    current = None
    for line in documentation.splitlines():
        label = re.match(r"\s*(Fails|Passes):", line)
        if label:
            current = label.group(1).lower()
            examples[current] = []
        elif not line.strip():
            current = None
        if current:
            examples[current] += re.findall(r"“([^”]*)”", line)
    return examples


@pytest.mark.parametrize("rule", builtin_rules(), ids=lambda rule: rule.code)
def test_the_documented_examples_are_cases(rule):
    examples = doc_examples(rule.documentation())
    cases = case_files()[rule.code]["cases"]
    if rule.plugin == "engine":
        assert examples == {} and not any("example" in case for case in cases)
        return
    assert set(examples) == {"fails", "passes"}, f"{rule.code}: the documentation has no Fails:/Passes: example"
    for which, quoted in examples.items():
        marked = [case for case in cases if case.get("example") in (which, "both")]
        assert len(marked) == 1, f"{rule.code}: one case is the `{which}` example"
        case = marked[0]
        expected_kind = ("fail", "fix") if which == "fails" else ("pass", "fix")
        assert kind(case) in expected_kind, f"{rule.code}-{case['name']}: a `{which}` example is a {' or '.join(expected_kind)} case"
        text = build(case["fix"]["after"]) if kind(case) == "fix" and which == "passes" else case_input(case)
        for quote in quoted:
            assert quote in text, f"{rule.code}-{case['name']}: the documented example “{quote}” is not in the case"


def test_the_bases_break_no_rule():
    for path in sorted(BASES.glob("*.md")):
        assert govlint.lint_text(path.read_text(encoding="utf-8"), path="r.md", config=Config()) == [], path.name
