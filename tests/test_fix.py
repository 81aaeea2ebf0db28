"""`govlint --fix` and `--diff`: safe, idempotent, atomic, and faithful to the file's bytes."""

import re
import shutil

import pytest
from conftest import run_cli, seed

from govlint.read.source import decode
from govlint.run.fixes import fix_source, write_atomically
from govlint.syntax.parser import ParseError


def copy_of(tmp_path, number, name="report.md"):
    path = tmp_path / name
    shutil.copy(seed(number), path)
    return path


def test_fix_removes_every_halfwidth_mark_and_nothing_else(tmp_path):
    path = copy_of(tmp_path, "001")
    before = path.read_text(encoding="utf-8")
    result = run_cli("--fix", str(path))
    after = path.read_text(encoding="utf-8")
    assert result.returncode == 1  # errors remain: GL201, GL301, GL501, GL602
    assert "GL601" not in result.stdout.decode()
    assert result.stderr.decode().strip() == "govlint: fixed 64 finding(s) in 1 file(s)"
    old_lines, new_lines = before.split("\n"), after.split("\n")
    assert len(old_lines) == len(new_lines)
    for old, new in zip(old_lines, new_lines):
        assert re.findall(r"\d", old) == re.findall(r"\d", new)
        if "\t" in old:
            assert old == new  # table cells are byte-identical
        assert old.replace(",", "，").replace(":", "：").replace(";", "；") == new or old == new


def test_fix_twice_changes_nothing_the_second_time(tmp_path):
    path = copy_of(tmp_path, "001")
    run_cli("--fix", str(path))
    once = path.read_bytes()
    second = run_cli("--fix", str(path))
    assert path.read_bytes() == once
    assert second.stderr.decode().strip() == "govlint: fixed 0 finding(s) in 0 file(s)"


def test_fix_keeps_encoding_and_line_endings(tmp_path):
    text = seed("001").read_text(encoding="utf-8")
    path = tmp_path / "gbk.txt"
    path.write_bytes(text.replace("\n", "\r\n").encode("gbk"))
    run_cli("--fix", str(path))
    data = path.read_bytes()
    fixed = data.decode("gbk")
    assert fixed.count("\r\n") == text.count("\n") and "\n" not in fixed.replace("\r\n", "")
    assert "2020年，我局" in fixed


def test_diff_shows_and_writes_nothing(tmp_path):
    path = copy_of(tmp_path, "001")
    before = path.read_bytes()
    result = run_cli("--diff", str(path))
    assert path.read_bytes() == before
    assert result.returncode == 1
    out = result.stdout.decode()
    assert out.startswith("--- a/") and "-2020年,我局" in out and "+2020年，我局" in out
    clean = copy_of(tmp_path, "002", "clean.txt")
    assert run_cli("--diff", str(clean)).returncode == 0


def test_urls_are_never_changed(tmp_path, linter):
    text = "某局2023年政府信息公开工作年度报告\n详见:http://www.a.gov.cn/x,y?a=1;b=2 ,我局。\n"
    result = fix_source(linter, decode(text.encode(), "r.md"), text.encode())
    assert result.fixed == "某局2023年政府信息公开工作年度报告\n详见：http://www.a.gov.cn/x,y?a=1;b=2 ，我局。\n"


def test_a_file_that_does_not_parse_is_not_touched(linter, monkeypatch):
    def broken(text):
        raise ParseError("No terminal matches", 2, 1)

    monkeypatch.setattr("govlint.model.report.parse", broken)
    text = "某局2023年政府信息公开工作年度报告\n2023年,我局。\n"
    result = fix_source(linter, decode(text.encode(), "r.md"), text.encode())
    assert (result.fixed, result.refused) == (text, "the file does not parse")


def test_a_crash_while_writing_leaves_the_old_file(tmp_path, monkeypatch):
    path = copy_of(tmp_path, "001")
    before = path.read_bytes()

    def crash(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", crash)
    with pytest.raises(OSError):
        write_atomically(path, b"half a report")
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_fix_refuses_stdin():
    result = run_cli("--fix", "-", stdin=seed("001").read_bytes())
    assert result.returncode == 2 and "--fix cannot rewrite stdin" in result.stderr.decode()


def test_doubled_brackets_and_document_names_are_fixed(tmp_path):
    path = tmp_path / "r.md"
    path.write_text("某局2023年政府信息公开工作年度报告\n成立了领导小组（（组长由局长担任）。依据国办公开办涵〔2021〕30号。\n", encoding="utf-8")
    run_cli("--fix", str(path))
    assert path.read_text(encoding="utf-8").split("\n")[1] == "成立了领导小组（组长由局长担任）。依据国办公开办函〔2021〕30号。"
