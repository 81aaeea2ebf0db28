"""govlint in a real docs repository, through the real pre-commit."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import seed

ROOT = Path(__file__).parents[1]
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"


def git(repo, *args, check=True):
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.invalid", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.invalid")
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, env=env, check=check, timeout=600)


@pytest.fixture(scope="module")
def docs_repo(tmp_path_factory):
    if not PRE_COMMIT.exists() or not (ROOT / ".git").exists():
        pytest.skip("needs the pre-commit executable and this project as a git repository")
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    repo = tmp_path_factory.mktemp("docs")
    git(repo, "init", "-q")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {head}\n    hooks:\n      - id: govlint\n", encoding="utf-8")
    (repo / ".govlint.yaml").write_text("exclude: [drafts/]\n", encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "setup")
    os.environ["PRE_COMMIT_HOME"] = str(tmp_path_factory.mktemp("pre-commit-home"))
    subprocess.run([str(PRE_COMMIT), "install"], cwd=repo, check=True, capture_output=True, timeout=120)
    return repo


def commit(repo, message):
    return git(repo, "commit", "-m", message, check=False)


def test_a_defect_stops_the_commit_and_its_fix_lets_it_through(docs_repo):
    report = docs_repo / "2023" / "report.md"
    report.parent.mkdir()
    shutil.copy(seed("002"), report)
    git(docs_repo, "add", ".")
    refused = commit(docs_repo, "add the 2023 report")
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert "2023/report.md:77:1: GL302 error missing-table-value" in output
    lines = report.read_text(encoding="utf-8").split("\n")
    lines[76] = "\t".join(["0"] * 15)
    report.write_text("\n".join(lines), encoding="utf-8")
    git(docs_repo, "add", ".")
    accepted = commit(docs_repo, "add the 2023 report")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr


def test_an_excluded_path_is_not_checked(docs_repo):
    draft = docs_repo / "drafts" / "draft.md"
    draft.parent.mkdir()
    shutil.copy(seed("002"), draft)  # the same defect, in an excluded folder
    git(docs_repo, "add", ".")
    result = commit(docs_repo, "a draft")
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_published_pdf_is_checked_too(docs_repo):
    """The hook reads what evaluators download: a PDF with a real defect (洪泽 2023: 复议 totals of 0)."""
    pdf = docs_repo / "published" / "hongze-2023.pdf"
    pdf.parent.mkdir()
    shutil.copy(ROOT / "tests" / "fixtures" / "files" / "hongze-qzf-2023.pdf", pdf)
    git(docs_repo, "add", ".")
    refused = commit(docs_repo, "the published PDF")
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert "published/hongze-2023.pdf:74:10: GL404 error review-litigation-total" in output
    git(docs_repo, "rm", "-q", "--cached", "published/hongze-2023.pdf")
    pdf.unlink()


def test_a_carry_over_break_against_last_years_committed_report(docs_repo):
    """pre-commit passes only the changed file: `history` (by default the sibling folders) is how the
    hook sees last year's committed report."""
    head = subprocess.run(["git", "-C", str(ROOT), "show", "HEAD:govlint/cli.py"], capture_output=True, text=True)
    if "history_pass" not in head.stdout:
        pytest.skip("the hook installs govlint from this repository's HEAD, whose command line has no history pass yet")
    from test_history import broken_pair

    this_year = broken_pair(docs_repo / "years")
    git(docs_repo, "add", "years/2024")
    git(docs_repo, "commit", "-q", "--no-verify", "-m", "last year's report, as published")
    git(docs_repo, "add", "years/2025")
    refused = commit(docs_repo, "this year's report")
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert "years/2025/report.md:42:1: GL703 error carry-over-continuity" in output
    assert "years/2024/report.md:65" in output
    git(docs_repo, "rm", "-q", "-r", "--cached", "years/2025")
    shutil.rmtree(this_year.parent)
