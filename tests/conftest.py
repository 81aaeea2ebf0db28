from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

# The tests never touch the user's cache folder, and read messages in the default language
# whatever the locale of the machine running them.
os.environ["GOVLINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="govlint-test-cache-")
for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
    os.environ.pop(variable, None)

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = FIXTURES / "seeds"
CORPUS = FIXTURES / "corpus"


def seed(number: str) -> Path:
    return next(SEEDS.glob(f"{number}_*.txt"))


def seed_text(number: str) -> str:
    return seed(number).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def linter():
    from govlint.engine.linter import Linter

    return Linter()


@pytest.fixture
def lint(linter):
    """lint(text) → [(code, line, column), …] in output order."""
    from govlint.read.source import decode

    def run(text: str, path: str = "report.md", full: bool = False):
        diagnostics = linter.lint(decode(text.encode("utf-8"), path))
        if full:
            return diagnostics
        return [(d.code, d.line, d.column) for d in diagnostics]

    return run


@pytest.fixture
def codes(lint):
    """codes(text, *wanted) → the (code, line, column) of the wanted codes only."""

    def run(text: str, *wanted: str):
        return [t for t in lint(text) if not wanted or t[0] in wanted]

    return run


def run_cli(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "govlint", *args], input=stdin, capture_output=True, cwd=cwd, timeout=60
    )
