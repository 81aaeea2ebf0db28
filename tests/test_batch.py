"""A batch run as evaluators use it: csv, --statistics, -o, --exit-zero, -q, folder walks that respect
.gitignore, `exclude` read as a .gitignore reads it, and where the cache goes (--cache-dir)."""

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from conftest import CORPUS, SEEDS, run_cli, seed

REPORT = seed("002").read_text(encoding="utf-8")  # a report with an error-severity finding


def json_of(*args, cwd=None):
    return json.loads(run_cli("--format", "json", *args, cwd=cwd).stdout)["diagnostics"]


def paths_of(*args, cwd=None):
    return sorted({Path(d["path"]).as_posix() for d in json_of(*args, cwd=cwd)})


def git(repo, *args):
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.invalid", GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.invalid")
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, env=env, check=True, timeout=60)


def write(path: Path, text: str = REPORT) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# ---- csv --------------------------------------------------------------------------------------
def test_csv_has_the_json_columns_one_row_per_finding_utf8_with_bom():
    result = run_cli("--format", "csv", str(SEEDS), str(CORPUS))
    assert result.returncode == 1 and result.stdout.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(result.stdout.decode("utf-8-sig"), newline="")))
    expected = json_of(str(SEEDS), str(CORPUS))
    assert len(rows) == len(expected) > 100
    assert list(rows[0]) == ["path", "code", "name", "severity", "message", "message_id", "line", "column", "end_line", "end_column", "fix"]
    for row, diagnostic in zip(rows, expected):
        assert row["message"] == diagnostic["message"]  # Chinese intact, quotes and commas included
        assert (row["path"], row["code"], row["severity"], int(row["line"]), int(row["end_column"])) == (
            diagnostic["path"], diagnostic["code"], diagnostic["severity"], diagnostic["line"], diagnostic["end_column"])
        assert (json.loads(row["fix"]) if row["fix"] else None) == (diagnostic["fix"]["edits"] if "fix" in diagnostic else None)
    assert any("“" in row["message"] and "，" in row["message"] for row in rows)


def test_csv_cells_never_start_a_spreadsheet_formula():
    from govlint.base.diagnostics import Diagnostic, Severity
    from govlint.base.spans import Span
    from govlint.output.formatters.csv import Csv

    found = Diagnostic("=HYPERLINK(\"x\").txt", "GL101", "missing-section", Severity.ERROR, "-2 件", Span(1, 1, 1, 2))
    rows = list(csv.reader(io.StringIO(Csv().render([found]).lstrip("\ufeff"), newline="")))
    assert rows[1][0] == "'=HYPERLINK(\"x\").txt" and rows[1][4] == "'-2 件" and rows[1][6] == "1"


# ---- --statistics, -o, --exit-zero, -q ---------------------------------------------------------
def test_statistics_counts_per_code_like_ruff():
    expected = Counter(d["code"] for d in json_of(str(SEEDS)))
    result = run_cli("--statistics", str(SEEDS))
    assert result.returncode == 1
    lines = result.stdout.decode().splitlines()
    counted = {line.split()[1]: int(line.split()[0]) for line in lines}
    assert counted == dict(expected)
    assert [int(line.split()[0]) for line in lines] == sorted(expected.values(), reverse=True)  # most frequent first
    assert next(line for line in lines if " GL601 " in line).split()[2] == "[*]"  # it has a safe fix
    entries = json.loads(run_cli("--statistics", "--format", "json", str(SEEDS)).stdout)
    assert {e["code"]: e["count"] for e in entries} == dict(expected)
    assert set(entries[0]) == {"code", "name", "count", "severity", "fixable"}


@pytest.mark.parametrize("name", ["text", "full", "json", "json-lines", "sarif", "github", "junit", "csv", "html"])
def test_output_file_holds_what_stdout_would(tmp_path, name):
    env_run = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")  # html shows when it was made
    base = [sys.executable, "-m", "govlint", "--format", name, "--color", "never", str(seed("001")), str(seed("002"))]
    printed = subprocess.run(base, capture_output=True, env=env_run, timeout=60, check=False)
    target = tmp_path / f"out.{name}"
    written = subprocess.run([*base, "-o", str(target)], capture_output=True, env=env_run, timeout=60, check=False)
    assert written.returncode == printed.returncode == 1
    assert written.stdout == b"" and written.stderr == printed.stderr
    assert target.read_bytes() == printed.stdout and target.stat().st_size > 0
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary file left behind


def test_output_file_suffix_names_the_format_and_errors_are_one_line(tmp_path):
    assert run_cli("-o", str(tmp_path / "audit.csv"), str(seed("002"))).returncode == 1
    assert (tmp_path / "audit.csv").read_bytes().startswith(b"\xef\xbb\xbfpath,code,")
    run_cli("-o", str(tmp_path / "audit.html"), str(seed("002")))
    assert (tmp_path / "audit.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    run_cli("--format", "text", "-o", str(tmp_path / "audit.json"), str(seed("002")))  # --format wins
    assert (tmp_path / "audit.json").read_text(encoding="utf-8").split(" ")[1].startswith("GL")
    result = run_cli("-o", str(tmp_path / "missing" / "out.txt"), str(seed("002")))
    stderr = result.stderr.decode()
    assert result.returncode == 2 and stderr.startswith("govlint: error: -o ") and len(stderr.splitlines()) == 1


def test_the_output_file_is_not_taken_for_a_report(tmp_path):
    write(tmp_path / "reports" / "r.txt")
    for _ in range(2):  # the second run walks a folder that holds the first run's page
        result = run_cli("-o", "reports/audit.html", "reports", cwd=tmp_path)
        assert result.returncode == 1 and result.stderr == b""
    run_cli("-o", "reports/audit.json", "reports", cwd=tmp_path)
    run_cli("-o", "reports/audit.json", "reports", cwd=tmp_path)  # nor is this run's own -o file
    written = json.loads((tmp_path / "reports" / "audit.json").read_text(encoding="utf-8"))["diagnostics"]
    assert {Path(d["path"]).name for d in written} == {"r.txt"}


def test_exit_zero_for_findings_but_not_for_errors(tmp_path):
    assert run_cli(str(seed("002"))).returncode == 1
    result = run_cli("--exit-zero", str(seed("002")))
    assert result.returncode == 0 and b" error " in result.stdout
    assert run_cli("--exit-zero", "--strict", str(seed("004"))).returncode == 0
    assert run_cli("--exit-zero", str(tmp_path / "no-such-report.txt")).returncode == 2
    copy = write(tmp_path / "r.md", seed("001").read_text(encoding="utf-8"))
    assert run_cli("--exit-zero", "--diff", str(copy)).returncode == 0


def test_quiet_prints_the_findings_and_errors_only(tmp_path):
    copy = write(tmp_path / "r.md", seed("001").read_text(encoding="utf-8"))
    loud = run_cli("--fix", str(copy))
    assert b"govlint: fixed" in loud.stderr
    write(tmp_path / "r.md", seed("001").read_text(encoding="utf-8"))
    quiet = run_cli("--fix", "-q", str(copy))
    assert quiet.stderr == b"" and quiet.stdout == loud.stdout != b""
    baseline = tmp_path / "baseline.json"
    assert run_cli("--write-baseline", str(baseline), str(seed("002"))).stderr != b""
    assert run_cli("-q", "--write-baseline", str(baseline), str(seed("002"))).stderr == b""
    result = run_cli("-q", str(seed("002")), str(tmp_path / "missing.txt"))
    assert result.returncode == 2 and result.stderr.decode().startswith("govlint: error: ") and b" error " in result.stdout


# ---- folder walks: .gitignore, .ignore, exclude --------------------------------------------------
@pytest.fixture
def repository(tmp_path):
    """A throw-away git repository with a virtualenv, nested .gitignore files and an .ignore."""
    if shutil.which("git") is None:
        pytest.skip("needs git")
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    write(repo / ".gitignore", "venv/\n*.draft.txt\nbuild\n")
    write(repo / "venv" / "lib" / "python3.11" / "site-packages" / "pkg" / "LICENSE.txt", "MIT License, Copyright (c) someone.\n")
    write(repo / "venv" / "README.md", REPORT)
    write(repo / "build" / "r.txt")
    write(repo / "reports" / "2023" / "a.txt")
    write(repo / "reports" / "2023" / "a.draft.txt")
    write(repo / "reports" / ".gitignore", "archive/\n!keep.draft.txt\n")
    write(repo / "reports" / "keep.draft.txt")
    write(repo / "reports" / "archive" / "old.txt")
    write(repo / "reports" / "notes" / "private.txt")
    write(repo / "reports" / "notes" / ".ignore", "private.txt\n")
    write(repo / "reports" / "notes" / "public.txt")
    return repo


def test_an_ignored_virtualenv_is_not_linted(repository):
    assert paths_of(".", cwd=repository) == ["reports/2023/a.txt", "reports/keep.draft.txt", "reports/notes/public.txt"]
    everything = paths_of("--no-respect-gitignore", ".", cwd=repository)
    assert "venv/README.md" in everything and "venv/lib/python3.11/site-packages/pkg/LICENSE.txt" in everything
    assert {"build/r.txt", "reports/archive/old.txt", "reports/notes/private.txt", "reports/2023/a.draft.txt"} <= set(everything)


def test_the_repository_s_gitignore_applies_below_its_root(repository):
    # walking a subfolder: the .gitignore files above it, up to the repository's root, still apply
    assert paths_of("2023", cwd=repository / "reports") == ["2023/a.txt"]
    # a folder named on the command line is walked even when ignored; a file named is checked
    assert "venv/README.md" in paths_of("venv", cwd=repository)
    assert paths_of("reports/2023/a.draft.txt", cwd=repository) == ["reports/2023/a.draft.txt"]


def test_respect_gitignore_in_the_configuration(repository):
    write(repository / ".govlint.yaml", "respect-gitignore: false\n")
    assert "venv/README.md" in paths_of(".", cwd=repository)
    assert "venv/README.md" not in paths_of("--respect-gitignore", ".", cwd=repository)


def test_gitignore_outside_a_repository_still_applies_to_the_walked_folder(tmp_path):
    write(tmp_path / "reports" / ".gitignore", "old/\n")
    write(tmp_path / "reports" / "old" / "r.txt")
    write(tmp_path / "reports" / "new" / "r.txt")
    assert paths_of("reports", cwd=tmp_path) == ["reports/new/r.txt"]


def test_exclude_is_read_as_gitignore_patterns(tmp_path):
    write(tmp_path / ".govlint.yaml", "exclude: ['2020/*.txt', 'drafts/', '/top.txt', '**/tmp/**']\n")
    for name in ("2020/a.txt", "2020/sub/deep.txt", "drafts/d.txt", "x/drafts/d.txt", "top.txt", "x/top.txt", "y/tmp/z/r.txt", "keep.txt"):
        write(tmp_path / name)
    assert paths_of(".", cwd=tmp_path) == ["2020/sub/deep.txt", "keep.txt", "x/top.txt"]


def test_exclude_inherited_through_extend_stays_relative_to_its_file(tmp_path):
    write(tmp_path / ".govlint.yaml", "exclude: ['drafts/*.txt']\n")
    write(tmp_path / "sub" / ".govlint.yaml", "extend: ../.govlint.yaml\n")
    write(tmp_path / "drafts" / "a.txt")
    write(tmp_path / "sub" / "drafts" / "b.txt")
    write(tmp_path / "sub" / "c.txt")
    assert paths_of(".", cwd=tmp_path) == ["sub/c.txt", "sub/drafts/b.txt"]


def test_exclude_unit_semantics():
    from govlint.engine.config import Config

    config = Config(exclude=["2020/*.txt", "drafts/", "!drafts/keep.md"])
    root = config.root
    assert config.excludes(root / "2020" / "a.txt") and not config.excludes(root / "2020" / "sub" / "deep.txt")
    assert config.excludes(root / "a" / "drafts" / "x.md") and not config.excludes(root / "drafts.md")


# ---- the cache folder ---------------------------------------------------------------------------
def test_the_cache_folder_ignores_itself_in_a_repository(repository):
    git(repository, "add", ".gitignore")
    git(repository, "commit", "-q", "-m", "start")
    run_cli(".", cwd=repository)
    cache = repository / ".govlint_cache"
    assert cache.is_dir() and (cache / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert ".govlint_cache" not in git(repository, "status", "--porcelain", "--untracked-files=all").stdout


def test_cache_dir_option_and_configuration(tmp_path):
    write(tmp_path / "r.txt")
    moved = tmp_path / "elsewhere" / "cache"
    first = run_cli("--cache-dir", str(moved), "r.txt", cwd=tmp_path)
    assert not (tmp_path / ".govlint_cache").exists()
    entries = list(moved.rglob("*.json"))
    assert len(entries) == 1 and (moved / ".gitignore").is_file() and (moved / "CACHEDIR.TAG").is_file()
    assert run_cli("--cache-dir", str(moved), "r.txt", cwd=tmp_path).stdout == first.stdout  # read back from it

    write(tmp_path / ".govlint.yaml", "cache-dir: .cache/govlint\n")
    write(tmp_path / "sub" / "r.txt")
    run_cli("sub/r.txt", cwd=tmp_path / "")
    assert list((tmp_path / ".cache" / "govlint").rglob("*.json"))
    assert "cache-dir: '" + str((tmp_path / ".cache" / "govlint").resolve()) in run_cli("config", cwd=tmp_path).stdout.decode()

    assert run_cli("clean", cwd=tmp_path).returncode == 0 and not (tmp_path / ".cache" / "govlint").exists()
    assert run_cli("clean", "--cache-dir", str(moved), cwd=tmp_path).returncode == 0 and not moved.exists()
    # a folder that is not a cache is never removed
    write(tmp_path / "precious" / "notes.txt", "mine\n")
    refused = run_cli("clean", "--cache-dir", "precious", cwd=tmp_path)
    assert refused.returncode == 2 and (tmp_path / "precious" / "notes.txt").exists()


def test_cache_dir_in_the_configuration_must_be_a_path(tmp_path):
    write(tmp_path / ".govlint.yaml", "cache-dir: 3\n")
    write(tmp_path / "r.txt")
    result = run_cli("r.txt", cwd=tmp_path)
    assert result.returncode == 2 and "cache-dir: expected a string" in result.stderr.decode()


def test_findings_kept_for_the_cross_report_pass_are_packed_and_come_back_the_same(tmp_path):
    # A run keeps every file's findings until the cross-year pass: packed, they cost ~3 KB a report
    # instead of ~50 KB of objects; what comes out must be what went in, with the pass's own added.
    from govlint.base.diagnostics import Diagnostic, Severity
    from govlint.base.spans import Span
    from govlint.run.runner import PackedDiagnostics

    def finding(line, code):
        return Diagnostic("r.md", code, "x", Severity.ERROR, f"第{line}行", Span(line, 1, line, 3), message_id=code)

    found = [finding(3, "GL201"), finding(9, "GL302")]
    packed = PackedDiagnostics(found)
    assert len(packed) == 2 and list(packed) == found and packed[1] == found[1]
    packed.add([finding(5, "GL703")])
    assert [d.line for d in packed] == [3, 5, 9] and len(packed) == 3
    assert [d.message_id for d in packed] == ["GL201", "GL703", "GL302"]
