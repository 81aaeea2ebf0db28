"""Word, PDF and web files through every entry point: the command line (folders, JSON origins, the
`full` output, --fix), `govlint convert`, and the API. The readers themselves: tests/test_readers.py."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from conftest import run_cli, seed

import govlint

FILES = Path(__file__).parent / "fixtures" / "files"
SCHEMA = json.loads((Path(__file__).parents[1] / "docs" / "output.schema.json").read_text(encoding="utf-8"))
REAL = ["hongze-qzf-2023.pdf", "shuyang-fagaiju-2023.html", "linzi-2023.docx", "linzi-2023.pdf"]


def findings(*args, cwd=None):
    result = run_cli("--no-cache", "--isolated", "--format", "json", *args, cwd=cwd)
    return result, json.loads(result.stdout)["diagnostics"]


@pytest.mark.parametrize("name", REAL)
def test_convert_output_linted_as_markdown_gives_the_same_findings(tmp_path, name):
    converted = run_cli("convert", str(FILES / name))
    assert converted.returncode == 0, converted.stderr
    markdown = tmp_path / "report.md"
    markdown.write_bytes(converted.stdout)
    _, direct = findings(str(FILES / name))
    _, as_text = findings(str(markdown))
    assert [(d["code"], d["line"], d["column"], d["message_id"]) for d in direct] == \
           [(d["code"], d["line"], d["column"], d["message_id"]) for d in as_text]


def test_the_real_files_give_what_a_careful_reader_finds():
    _, hongze = findings(str(FILES / "hongze-qzf-2023.pdf"))
    assert [(d["code"], d["line"], d["column"]) for d in hongze] == [("GL304", 42, 1), ("GL305", 50, 3), ("GL404", 74, 10), ("GL404", 74, 30)]
    assert [d["origin"] for d in hongze] == [{"kind": "pdf", "page": 3, "line": 8}, {"kind": "pdf", "page": 3, "line": 16},
                                              {"kind": "pdf", "page": 4, "line": 14}, {"kind": "pdf", "page": 4, "line": 14}]
    _, shuyang = findings(str(FILES / "shuyang-fagaiju-2023.html"))
    blanks = [d for d in shuyang if d["code"] == "GL302"]
    # One blank block (the five 法人 columns of all 25 rows of 三): one finding (issue 11).
    assert len(blanks) == 1 and all(d["origin"]["kind"] == "html" and d["origin"]["line"] > 1 for d in blanks)
    assert not [d for d in shuyang if d["code"] in ("GL306", "GL307", "GL503", "GL602", "GL900", "GL902")]


def test_json_with_origins_is_valid_against_the_schema():
    result, _ = findings(*(str(FILES / name) for name in REAL))
    jsonschema.validate(json.loads(result.stdout), SCHEMA)


def test_full_output_names_the_page():
    result = run_cli("--no-cache", "--isolated", "--format", "full", "--color", "never", str(FILES / "hongze-qzf-2023.pdf"))
    assert "GL404 error" in result.stdout.decode() and "(第4页第14行)" in result.stdout.decode()
    english = run_cli("--no-cache", "--isolated", "--format", "full", "--color", "never", "--lang", "en", str(FILES / "hongze-qzf-2023.pdf"))
    assert "(page 4, line 14)" in english.stdout.decode()


def test_a_folder_of_published_files_is_walked(tmp_path):
    for name in REAL:
        shutil.copy(FILES / name, tmp_path / name)
    result, found = findings(str(tmp_path))
    assert result.returncode == 1
    assert {Path(d["path"]).name for d in found} == set(REAL)  # every file read, none skipped as "binary"


def test_a_pdf_named_txt_is_read_as_a_pdf(tmp_path):
    disguised = tmp_path / "report.txt"
    shutil.copy(FILES / "hongze-qzf-2023.pdf", disguised)
    _, found = findings(str(disguised))
    assert [(d["code"], d["line"]) for d in found][-2:] == [("GL404", 74), ("GL404", 74)]


def test_fix_refuses_a_converted_file_and_fixes_the_rest(tmp_path):
    docx = tmp_path / "report.docx"
    shutil.copy(FILES / "linzi-2023.docx", docx)
    text = tmp_path / "other.md"
    shutil.copy(seed("001"), text)
    before = docx.read_bytes()
    result = run_cli("--isolated", "--fix", str(docx), str(text))
    assert result.returncode == 2
    assert f"govlint: error: {docx}: not fixed: fixes apply to text files" in result.stderr.decode()
    assert docx.read_bytes() == before and "," not in text.read_text(encoding="utf-8").split("\n")[6]


@pytest.mark.parametrize("name, message", [
    ("bad/encrypted.pdf", "encrypted"), ("bad/scanned.pdf", "no text"), ("bad/old.doc", "save it as .docx"),
    ("bad/archive.docx", "not a Word document"), ("bad/corrupt.docx", ""), ("bad/no-report.html", ""),
])
def test_bad_files_are_one_line_and_exit_2(name, message):
    result = run_cli("--no-cache", "--isolated", str(FILES / name))
    error = result.stderr.decode().strip()
    assert result.returncode == 2 and error.count("\n") == 0 and error.startswith("govlint: error: ")
    assert message in error and "Traceback" not in error


def test_the_api_reads_them_alike():
    found = govlint.lint_paths([FILES / "hongze-qzf-2023.pdf"])
    assert [(d.code, d.line, d.origin["page"]) for d in found if d.code == "GL404"] == [("GL404", 74, 4), ("GL404", 74, 4)]


def test_convert_refuses_a_text_report():
    result = run_cli("convert", str(seed("002")))
    assert result.returncode == 2 and "already a text report" in result.stderr.decode()
