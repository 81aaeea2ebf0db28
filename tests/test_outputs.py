"""Output formats for people and CI, many files at once, the cache and the Python API."""

import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import jsonschema
from conftest import CORPUS, SEEDS, run_cli, seed

SARIF_SCHEMA = json.loads((Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def test_sarif_is_valid_sarif_2_1_0_with_utf16_columns(tmp_path):
    path = tmp_path / "r.md"
    # 𠀀 is outside the BMP: two UTF-16 code units, one code point.
    path.write_text(seed("001").read_text(encoding="utf-8").replace("2020年,我局", "𠀀2020年,我局", 1), encoding="utf-8")
    log = json.loads(run_cli("--format", "sarif", str(path), str(seed("002"))).stdout)
    jsonschema.validate(log, SARIF_SCHEMA)
    run = log["runs"][0]
    assert run["columnKind"] == "utf16CodeUnits" and run["tool"]["driver"]["name"] == "govlint"
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert rules["GL401"]["name"] == "application-balance" and "helpUri" not in rules["GL401"] and rules["GL401"]["help"]["text"]
    comma = next(r for r in run["results"] if r["ruleId"] == "GL601" and r["locations"][0]["physicalLocation"]["region"]["startLine"] == 7)
    assert comma["locations"][0]["physicalLocation"]["region"]["startColumn"] == 8  # code point column 7, plus one for the surrogate pair
    assert comma["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == "，"
    assert {r["level"] for r in run["results"]} == {"error", "warning"}


def test_github_workflow_commands():
    out = run_cli("--format", "github", str(seed("002"))).stdout.decode()
    assert out == (f"::error file={seed('002')},line=77,col=1,endLine=77,endColumn=5,title=GL302 missing-table-value::"
                   "“政府信息公开行政复议、行政诉讼情况”一行缺少数值：行政复议·结果维持、行政复议·结果纠正、行政复议·其他结果、行政复议·尚未审结、行政复议·总计（无数据时应填0，空白、“—”、“/”不算填写）\n")


def test_github_is_chosen_under_github_actions():
    env = dict(os.environ, GITHUB_ACTIONS="true")
    out = subprocess.run([sys.executable, "-m", "govlint", str(seed("002"))], capture_output=True, env=env, timeout=60).stdout.decode()
    assert out.startswith("::error file=")


def test_junit_has_a_test_case_per_file():
    out = run_cli("--format", "junit", str(seed("002")), str(seed("003")), str(seed("004"))).stdout.decode()
    root = ElementTree.fromstring(out)
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == [str(seed("002")), str(seed("003")), str(seed("004"))]
    assert [len(c.findall("failure")) for c in cases] == [1, 4, 1]
    assert suite.get("tests") == "3" and suite.get("failures") == "3"
    assert cases[0].find("failure").get("type") == "GL302"


def test_json_lines_is_one_finding_a_line():
    lines = run_cli("--format", "json-lines", str(seed("000"))).stdout.decode().splitlines()
    records = [json.loads(line) for line in lines]
    assert [(r["code"], r["line"]) for r in records] == [("GL201", 3), ("GL103", 36), ("GL103", 67), ("GL103", 74), ("GL103", 80)]


def test_full_output_points_a_caret_under_the_finding():
    out = run_cli("--format", "full", "--color", "never", str(seed("002"))).stdout.decode().splitlines()
    assert out[0].startswith(f"{seed('002')}:77:1: GL302 ")
    assert out[1] == "   77 |      0 0 0 0 0 0 0 0 0 0"  # the tabs shown as spaces
    assert out[2] == "      | ^^^^"
    assert out[-1] == "govlint: 1 error in 1 file(s) checked"


def test_full_output_aligns_carets_under_chinese_text():
    out = run_cli("--format", "full", "--color", "never", str(seed("004"))).stdout.decode().splitlines()
    assert out[1] == "    6 | 1、 总体情况" and out[2] == "      | " + "^" * 12  # “1” 1 + “、” 2 + space 1 + 总体情况 8


def test_colour_only_when_asked_or_on_a_terminal():
    plain = run_cli("--format", "full", str(seed("002"))).stdout.decode()
    coloured = run_cli("--format", "full", "--color", "always", str(seed("002"))).stdout.decode()
    assert "\033[" not in plain and "\033[1;31m" in coloured
    env = dict(os.environ, NO_COLOR="1")
    assert "\033[" not in subprocess.run([sys.executable, "-m", "govlint", "--format", "full", str(seed("002"))],
                                         capture_output=True, env=env, timeout=60).stdout.decode()


def test_parallel_output_equals_serial_output(tmp_path):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    shutil.copytree(CORPUS, tmp_path / "corpus")
    serial = run_cli("--no-cache", "-j", "1", "--format", "json", str(tmp_path))
    parallel = run_cli("--no-cache", "-j", "2", "--format", "json", str(tmp_path))
    assert serial.returncode == parallel.returncode == 1
    assert serial.stdout == parallel.stdout and json.loads(serial.stdout)["diagnostics"]


def test_the_cache_answers_the_second_run(tmp_path):
    shutil.copy(seed("001"), tmp_path / "r.md")
    first = run_cli("--format", "json", str(tmp_path / "r.md"), cwd=tmp_path)
    entries = list((tmp_path / ".govlint_cache").rglob("*.json"))
    assert len(entries) == 1
    before = entries[0].stat().st_mtime_ns
    second = run_cli("--format", "json", str(tmp_path / "r.md"), cwd=tmp_path)
    assert first.stdout == second.stdout and entries[0].stat().st_mtime_ns == before
    assert len(list((tmp_path / ".govlint_cache").rglob("*.json"))) == 1  # a hit, nothing new written
    # A changed file is checked again; --no-cache neither reads nor writes.
    (tmp_path / "r.md").write_text(seed("002").read_text(encoding="utf-8"), encoding="utf-8")
    assert json.loads(run_cli("--format", "json", str(tmp_path / "r.md"), cwd=tmp_path).stdout)["diagnostics"][0]["code"] == "GL302"
    assert len(list((tmp_path / ".govlint_cache").rglob("*.json"))) == 2
    run_cli("clean", cwd=tmp_path)
    assert not (tmp_path / ".govlint_cache").exists()
    run_cli("--no-cache", str(tmp_path / "r.md"), cwd=tmp_path)
    assert not (tmp_path / ".govlint_cache").exists()


def test_python_api(tmp_path):
    import govlint

    diagnostics = govlint.lint_text(seed("002").read_text(encoding="utf-8"), path="r.md")
    assert [(d.code, d.line, d.column) for d in diagnostics] == [("GL302", 77, 1)]
    shutil.copy(seed("000"), tmp_path / "a.md")
    (tmp_path / ".govlint.yaml").write_text("ignore: [GL103]\n", encoding="utf-8")
    assert [(d.code, d.line) for d in govlint.lint_paths([tmp_path])] == [("GL201", 3)]
    english = govlint.lint_text(seed("002").read_text(encoding="utf-8"), lang="en")
    assert english[0].message.startswith("the row")


def test_every_built_in_formatter_declares_what_it_needs():
    from govlint.output.registry import Registry

    formatters = Registry().formatters
    assert sorted(formatters) == ["csv", "full", "github", "html", "json", "json-lines", "junit", "sarif", "text"]
    assert {name for name, f in formatters.items() if f.needs_lines} == {"full", "sarif", "html"}
    assert {name for name, f in formatters.items() if f.needs_rules} == {"sarif", "html"}
    assert {name for name, f in formatters.items() if f.streaming} == {"text", "json", "json-lines", "github", "csv"}


def test_every_built_in_formatter_renders_an_empty_run():
    """A formatter can be used without the command line: `render` with a default context."""
    from govlint.output.registry import Registry

    formatters = Registry().formatters
    assert formatters["text"].render([]) == formatters["json-lines"].render([]) == formatters["github"].render([]) == ""
    assert json.loads(formatters["json"].render([]))["diagnostics"] == []
    jsonschema.validate(json.loads(formatters["sarif"].render([])), SARIF_SCHEMA)
    assert ElementTree.fromstring(formatters["junit"].render([])).get("tests") == "0"
    assert formatters["full"].render([]) == "govlint: no findings in 0 file(s) checked\n"


TINY_FORMATTER = '''
"""lengths: each file checked, its findings and its length in lines."""

from govlint.output import Formatter


class Lengths(Formatter):
    name = "lengths"
    needs_lines = True

    def write(self, diagnostics, context, out):
        found = {}
        for d in diagnostics:
            found[d.path] = found.get(d.path, 0) + 1
        for path in context.files:
            out.write(f"{path}: {found.get(path, 0)} finding(s) in {len(context.lines[path])} lines\\n")
        out.write(f"{context.counts['error']} error(s), {context.counts['warning']} warning(s)\\n")
'''


def test_a_new_output_format_is_one_module(tmp_path, monkeypatch, capsys):
    """One module of Formatter subclasses in the formatters folder, and --format knows it; the command
    line collects the source lines because the formatter declares it needs them, not by its name."""
    from govlint import cli
    from govlint.output import registry

    (tmp_path / "govlint_lengths.py").write_text(TINY_FORMATTER, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    modules = registry.builtin_modules()
    monkeypatch.setattr(registry, "builtin_modules", lambda: [*modules, "govlint_lengths"])  # as if it were in output/formatters/
    code = cli.main(["--no-cache", "--isolated", "--format", "lengths", str(seed("004")), str(seed("000"))])
    lines = {path: len(path.read_text(encoding="utf-8").splitlines()) for path in (seed("000"), seed("004"))}
    assert capsys.readouterr().out == (f"{seed('000')}: 5 finding(s) in {lines[seed('000')]} lines\n"
                                       f"{seed('004')}: 1 finding(s) in {lines[seed('004')]} lines\n"
                                       "1 error(s), 5 warning(s)\n")
    assert code == 1
