"""Inline suppressions (every form, unused and malformed ones), baselines, and the rule docs."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import run_cli
from tables_text import clean_report

BODY = "2025年,我局按要求公开。"  # one GL601 at column 6


def report_with(*extra):
    return clean_report() + "\n".join(extra) + "\n"


def found(lint, text, *codes):
    return [t for t in lint(text) if not codes or t[0] in codes]


def last_lines(text, n):
    return len(text.split("\n")) - 1 - n


@pytest.mark.parametrize("comment", ["<!-- govlint-disable-line GL601 -->", "<!-- govlint-disable-line halfwidth-punctuation -- 原文引用 -->",
                                     "<!-- govlint-disable-line GL6 -->", "<!-- govlint-disable-line -->"])
def test_disable_line(lint, comment):
    assert found(lint, report_with(BODY + comment)) == []


def test_disable_next_line(lint):
    assert found(lint, report_with("<!-- govlint-disable-next-line GL601 -->", BODY)) == []


def test_disable_and_enable_a_region(lint):
    text = report_with("<!-- govlint-disable GL601 -- 引用原文 -->", BODY, BODY, "<!-- govlint-enable GL601 -->", BODY)
    line = len(text.split("\n")) - 1
    assert found(lint, text) == [("GL601", line, 6)]


def test_disable_file(lint):
    text = "<!-- govlint-disable-file GL601 -->\n" + report_with(BODY, BODY)
    assert found(lint, text) == []


def test_unused_suppression_is_reported(lint):
    text = report_with("本段无问题。<!-- govlint-disable-line GL601 -->")
    line = len(text.split("\n")) - 1
    assert found(lint, text) == [("GL903", line, 7)]


@pytest.mark.parametrize("comment, message", [
    ("<!-- govlint-disabel GL601 -->", "未知的抑制指令“govlint-disabel”"),
    ("<!-- govlint-disable-line GL999 -->", "抑制指令中的规则“GL999”不存在"),
])
def test_malformed_suppression_is_reported(lint, comment, message):
    text = report_with(BODY + comment)
    line = len(text.split("\n")) - 1
    diagnostics = lint(text, full=True)
    assert [(d.code, d.line, d.column) for d in diagnostics] == [("GL601", line, 6), ("GL904", line, len(BODY) + 1)]
    assert message in diagnostics[1].message


def test_suppressions_work_in_txt_reports(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(report_with(BODY + "<!-- govlint-disable-line GL601 -->"), encoding="utf-8")
    result = run_cli("--isolated", str(path))
    assert (result.returncode, result.stdout) == (0, b"")


# ---- baselines ---------------------------------------------------------------------------------
def test_baseline_hides_recorded_findings_and_survives_an_edit_above(tmp_path):
    path = tmp_path / "r.md"
    path.write_text(report_with(BODY), encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    written = run_cli("--isolated", "--write-baseline", str(baseline), str(tmp_path))
    assert written.returncode == 0 and "wrote 1 finding(s)" in written.stderr.decode()
    entry = json.loads(baseline.read_text(encoding="utf-8"))["entries"][0]
    assert (entry["code"], entry["count"]) == ("GL601", 1)
    assert run_cli("--isolated", "--baseline", str(baseline), str(tmp_path)).stdout == b""
    # An unrelated edit above moves the finding down two lines: still hidden.
    path.write_text("<!-- 修订稿 -->\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    assert run_cli("--isolated", "--baseline", str(baseline), str(tmp_path)).stdout == b""
    # A new finding is not hidden.
    path.write_text(path.read_text(encoding="utf-8") + "2025年,新增一段。\n", encoding="utf-8")
    result = run_cli("--isolated", "--baseline", str(baseline), str(tmp_path))
    assert [line.split(" ")[1] for line in result.stdout.decode().splitlines()] == ["GL601"]
    assert "新增" not in result.stderr.decode()


def test_stale_baseline_entries_are_reported(tmp_path):
    path = tmp_path / "r.md"
    path.write_text(report_with(BODY), encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    run_cli("--isolated", "--write-baseline", str(baseline), str(path))
    path.write_text(report_with("2025年，我局按要求公开。"), encoding="utf-8")
    result = run_cli("--isolated", "--baseline", str(baseline), str(path))
    assert result.returncode == 0 and result.stdout == b""
    assert f"baseline entry no longer matches: {path.as_posix()} GL601" in result.stderr.decode()


def test_a_broken_baseline_is_an_error(tmp_path):
    (tmp_path / "b.json").write_text("{}", encoding="utf-8")
    result = run_cli("--baseline", str(tmp_path / "b.json"), str(tmp_path))
    assert result.returncode == 2 and "not a govlint baseline" in result.stderr.decode()


# ---- rule documentation -------------------------------------------------------------------------
def test_rules_lists_every_rule_with_its_plugin():
    rules = json.loads(run_cli("rules", "--format", "json").stdout)
    codes = [r["code"] for r in rules]
    assert codes == sorted(codes) and len(codes) == len(set(codes)) == 36 + 6 + ("GL308" in codes)  # + GL701–GL706
    by_code = {r["code"]: r for r in rules}
    assert by_code["GL601"]["fixable"] and by_code["GL501"]["plugin"] == "content" and by_code["GL401"]["plugin"] == "arithmetic"


def test_rule_prints_its_documentation():
    out = run_cli("rule", "application-balance").stdout.decode()
    assert out.startswith("GL401 application-balance\nseverity: error") and "Fails:" in out and "Passes:" in out
    assert run_cli("rule", "GL999").returncode == 2


def test_generated_rule_docs_are_up_to_date(tmp_path):
    subprocess.run([sys.executable, "-m", "govlint.output.docs", str(tmp_path)], check=True, capture_output=True)
    committed = Path(__file__).parents[1] / "docs" / "rules"
    generated = {p.name: p.read_text(encoding="utf-8") for p in tmp_path.glob("*.md")}
    current = {p.name: p.read_text(encoding="utf-8") for p in committed.glob("*.md")}
    assert generated == current, "docs/rules is out of date: run python -m govlint.output.docs docs/rules"
