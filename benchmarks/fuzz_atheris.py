"""Coverage-guided fuzzing of the whole pipeline with atheris (libFuzzer for Python).

    pip install atheris
    python benchmarks/fuzz_atheris.py .fuzz/atheris-corpus -atheris_runs=200000 -max_len=20000

The corpus folder starts from the real reports in tests/fixtures (seeded on first run) and keeps the
inputs that reached new code; crashes are written by libFuzzer as crash-* files. An input fails when
`govlint.lint_text` raises or a built-in rule fails (GL902). Bytes are decoded as govlint decodes a
file (read_source), so the decoders and the readers' signature detection are fuzzed too.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parents[1]

with atheris.instrument_imports():
    import govlint
    from govlint.read.files import read_source
    from govlint.read.source import InputError


def seed_corpus(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.iterdir()):
        return
    for path in sorted((ROOT / "tests" / "fixtures").glob("*/*.txt")):
        data = path.read_bytes()
        (folder / path.name).write_bytes(data[:20000])


def test_one_input(data: bytes) -> None:
    try:
        source = read_source(data, "fuzz.txt")
    except InputError:
        return  # a one-line input error is the right answer for undecodable or empty input
    found = govlint.lint_text(source.text, "fuzz.md")
    failed = [d.message for d in found if d.code == "GL902"]
    if failed:
        raise AssertionError(failed[0])


def main() -> None:
    corpus = next((Path(arg) for arg in sys.argv[1:] if not arg.startswith("-")), ROOT / ".fuzz" / "atheris-corpus")
    seed_corpus(corpus)
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
