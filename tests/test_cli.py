"""The command line as a user runs it: paths, stdin, formats, exit codes, bad input."""

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from conftest import SEEDS, run_cli, seed

SCHEMA = json.loads((Path(__file__).parents[1] / "docs" / "output.schema.json").read_text(encoding="utf-8"))


def test_text_output_and_exit_one_on_errors():
    result = run_cli(str(seed("000")))
    lines = result.stdout.decode().splitlines()
    assert result.returncode == 1
    assert [line.split(" ")[0:4] for line in lines] == [
        [f"{seed('000')}:3:1:", "GL201", "error", "missing-statistics-period"],
        [f"{seed('000')}:36:1:", "GL103", "warning", "heading-numbering"],
        [f"{seed('000')}:67:1:", "GL103", "warning", "heading-numbering"],
        [f"{seed('000')}:74:1:", "GL103", "warning", "heading-numbering"],
        [f"{seed('000')}:80:1:", "GL103", "warning", "heading-numbering"],
    ]
    assert result.stderr == b""


def test_warnings_alone_exit_zero():
    result = run_cli(str(seed("004")))
    assert result.returncode == 0 and result.stderr == b""
    assert [line.split(" ")[1:3] for line in result.stdout.decode().splitlines()] == [["GL103", "warning"]]


def test_clean_report_prints_nothing(tmp_path):
    from tables_text import clean_report

    (tmp_path / "clean.md").write_text(clean_report(), encoding="utf-8")
    result = run_cli(str(tmp_path / "clean.md"))
    assert (result.returncode, result.stdout, result.stderr) == (0, b"", b"")


def test_json_output_matches_the_schema():
    result = run_cli("--format", "json", str(seed("001")), str(seed("002")))
    document = json.loads(result.stdout)
    jsonschema.validate(document, SCHEMA)
    assert document["schema_version"] == 1 and document["tool"]["name"] == "govlint"
    first = document["diagnostics"][0]
    assert (first["code"], first["name"], first["line"], first["column"], first["end_line"], first["end_column"]) == (
        "GL201", "missing-statistics-period", 3, 1, 3, 34)
    errors = [d["code"] for d in document["diagnostics"] if d["severity"] == "error"]
    assert errors == ["GL201", "GL602", "GL602", "GL602", "GL602", "GL602", "GL301", "GL501", "GL302"]
    comma = next(d for d in document["diagnostics"] if d["code"] == "GL601")
    assert comma["fix"] == {"edits": [{"line": 7, "column": 6, "end_line": 7, "end_column": 7, "text": "，"}]}


def test_json_output_for_a_clean_run_is_still_one_document(tmp_path):
    from tables_text import clean_report

    (tmp_path / "clean.md").write_text(clean_report(), encoding="utf-8")
    document = json.loads(run_cli("--format", "json", str(tmp_path / "clean.md")).stdout)
    jsonschema.validate(document, SCHEMA)
    assert document["diagnostics"] == []


def test_folders_are_walked_for_reports_in_order(tmp_path):
    (tmp_path / "2023").mkdir()
    shutil.copy(seed("002"), tmp_path / "2023" / "b.txt")
    shutil.copy(seed("000"), tmp_path / "a.md")
    (tmp_path / "notes.csv").write_text("x")
    (tmp_path / ".git").mkdir()
    shutil.copy(seed("001"), tmp_path / ".git" / "hidden.md")
    result = run_cli(str(tmp_path))
    paths = [line.split(":")[0] for line in result.stdout.decode().splitlines()]
    assert sorted(set(paths)) == [str(tmp_path / "2023" / "b.txt"), str(tmp_path / "a.md")]
    assert paths == sorted(paths)


def test_stdin_with_a_filename():
    result = run_cli("-", "--stdin-filename", "docs/report.md", stdin=seed("000").read_bytes())
    assert result.stdout.decode().startswith("docs/report.md:3:1: GL201 error missing-statistics-period ")
    assert result.returncode == 1


def test_gbk_and_crlf_reports_give_the_same_findings(tmp_path):
    text = seed("001").read_text(encoding="utf-8")
    (tmp_path / "gbk.txt").write_bytes(text.encode("gbk"))
    (tmp_path / "crlf.txt").write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    for name in ("gbk.txt", "crlf.txt"):
        result = run_cli("--format", "json", str(tmp_path / name))
        found = [(d["code"], d["line"], d["column"]) for d in json.loads(result.stdout)["diagnostics"]]
        assert [f for f in found if f[0] in ("GL201", "GL301", "GL501")] == [("GL201", 3, 1), ("GL301", 72, 1), ("GL501", 78, 1)]
        assert len(found) == 75  # the same as the UTF-8, LF original


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("missing.md", None, "missing.md: no such file"),
        ("empty.md", b"", "empty.md: empty file"),
        ("img.md", b"\x89PNG\x00\x00\x01", "img.md: binary file"),
        ("bad.txt", b"abc \x80\xff\x81 def", "bad.txt: cannot decode"),
    ],
)
def test_unreadable_input_is_one_line_and_exit_two(tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = run_cli(str(path), str(seed("000")))
    stderr = result.stderr.decode()
    assert result.returncode == 2
    assert len(stderr.splitlines()) == 1 and message in stderr and stderr.startswith("govlint: error: ")
    assert "Traceback" not in stderr
    assert "GL201" in result.stdout.decode()  # the other file was still checked


@pytest.mark.parametrize("output", ["full", "json", "sarif", "junit", "text"])
def test_fix_reports_what_remains_exactly_as_a_check_of_the_fixed_files(tmp_path, output):
    """--fix goes through the same formatter path as a check: carets and the files counted for
    `full`, one valid document for `json`, lines for `sarif`."""
    for number, name in (("002", "b.md"), ("001", "a.md"), ("000", "c.md")):
        shutil.copy(seed(number), tmp_path / name)
    paths = [str(tmp_path / name) for name in ("c.md", "b.md", "a.md")]  # not in order: the output is
    fixed = run_cli("--no-cache", "--fix", "--format", output, "--color", "never", *paths)
    assert fixed.stderr.decode() == "govlint: fixed 64 finding(s) in 1 file(s)\n"
    checked = run_cli("--no-cache", "--format", output, "--color", "never", *paths)
    assert fixed.returncode == checked.returncode == 1 and fixed.stdout == checked.stdout
    out = fixed.stdout.decode()
    if output == "full":
        assert out.endswith(" in 3 file(s) checked\n") and "error" in out.splitlines()[-1]
        assert f"{tmp_path / 'b.md'}:77:1: GL302 " in out and "   77 |      0 0 0 0 0 0 0 0 0 0\n      | ^^^^\n" in out
    if output == "json":
        document = json.loads(out)
        jsonschema.validate(document, SCHEMA)
        assert document["diagnostics"] and "GL601" not in {d["code"] for d in document["diagnostics"]}


def test_fix_with_nothing_left_is_still_one_json_document(tmp_path):
    from tables_text import clean_report

    path = tmp_path / "r.md"
    path.write_text(clean_report(), encoding="utf-8")
    result = run_cli("--no-cache", "--fix", "--format", "json", str(path))
    document = json.loads(result.stdout)
    jsonschema.validate(document, SCHEMA)
    assert (result.returncode, document["diagnostics"]) == (0, [])


def test_diff_is_written_in_the_order_given_whatever_the_format(tmp_path):
    for number, name in (("001", "b.md"), ("001", "a.md")):
        shutil.copy(seed(number), tmp_path / name)
    result = run_cli("--diff", "--format", "json", str(tmp_path / "b.md"), str(tmp_path / "a.md"))
    heads = [line for line in result.stdout.decode().splitlines() if line.startswith("--- ")]
    assert [h.rsplit("/", 1)[1] for h in heads] == ["b.md", "a.md"] and result.returncode == 1


def test_usage_errors_exit_two():
    assert run_cli().returncode == 2
    assert run_cli("--format", "xml", str(seed("000"))).returncode == 2


def test_version():
    from govlint import __version__

    result = run_cli("--version")
    assert (result.returncode, result.stdout.decode().strip()) == (0, f"govlint {__version__}")


def test_all_seeds_in_one_run_are_sorted_by_path():
    result = run_cli(str(SEEDS))
    paths = [line.split(":")[0] for line in result.stdout.decode().splitlines()]
    assert paths == sorted(paths)


def test_english_messages_and_message_ids():
    chinese = json.loads(run_cli("--format", "json", str(seed("001"))).stdout)["diagnostics"]
    english = json.loads(run_cli("--format", "json", "--lang", "en", str(seed("001"))).stdout)["diagnostics"]
    assert [d["message_id"] for d in chinese] == [d["message_id"] for d in english]
    by_id = {d["message_id"]: d["message"] for d in english}
    assert by_id["GL201.missing"].startswith("the statistics period is not stated")
    assert by_id["GL301.standard"].startswith("the row “政府信息公开行政复议、行政诉讼情况” has 16 value cells")
    assert by_id["GL501.missing"].startswith("the report does not say whether 信息处理费 was charged")
    assert by_id["GL601.halfwidth"] == "half-width “,” in Chinese text; write “，”"


def test_an_english_locale_gives_english(tmp_path):
    import os
    import subprocess
    import sys

    env = dict(os.environ, LANG="en_US.UTF-8")
    result = subprocess.run([sys.executable, "-m", "govlint", str(seed("000"))], capture_output=True, env=env, timeout=60)
    assert "the statistics period is not stated" in result.stdout.decode()


def test_every_message_has_an_english_text():
    """No rule's English template may be missing or still Chinese-only."""
    from govlint.engine.plugins import PluginHost

    for rule in PluginHost().rules():
        for key, (chinese, english) in getattr(rule, "messages", {}).items():
            assert english and english != chinese, f"{rule.code}.{key}"
        for index, spec in enumerate(getattr(rule, "patterns", ()), 1):
            if rule.plugin in ("content", "typography") and rule.data["kind"] in ("existence", "substitution"):
                assert spec.message_en, f"{rule.code}.{index}"
