"""A short fuzz run on every CI: report-shaped mutations of the real reports never make the API raise
or a built-in rule fail (GL902). benchmarks/fuzz.py runs the same mutations for hours."""

import random

import pytest
from fuzzing import mutate, report_texts

import govlint


@pytest.mark.parametrize("seed", range(200))
def test_mutated_real_reports(seed):
    rng = random.Random(seed)
    corpus = report_texts()
    text = mutate(rng, rng.choice(corpus), corpus)
    found = govlint.lint_text(text, "fuzz.md")
    assert [d.message for d in found if d.code == "GL902"] == []
