"""Issue 12's table: every row measured against its reference in the same run, as a ratio.

    python benchmarks/bench_speed.py                 # all rows (about 2 minutes; --reports 10000 for the full -j row)
    python benchmarks/bench_speed.py --only single,batch

Rows and their references:
  single   one report, process start to exit, --no-cache      ÷ the import floor (`python -c "import lark, pluggy, ruamel.yaml"`)
  seeds    the 5 seeds in one process                         ÷ the import floor
  batch    per report inside one process (the real reports)   ÷ the import floor (how many reports one floor buys)
  large    many reports in one 5 MB file, s/MB                ÷ the same for a 0.5 MB file (linear: ratio 10)
  digits   a flattened run of 60 digits read back             ÷ a run of 30 digits (linear: at most 2)
  jobs     N generated reports, -j 2                          ÷ -j 1 (speed-up; peak RSS of one process)
The editor row (last keystroke → diagnostics) is benchmarks/bench_lsp.py.

Process timings alternate between a command and its reference, so a busy machine weighs on both
alike; each is the median of --runs. Python writes no bytecode under PYTHONDONTWRITEBYTECODE, which
makes every start-up compile govlint from source: the variable is removed for the measured commands.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench import SEEDS, generate, recovery  # noqa: E402

FLOOR = [sys.executable, "-c", "import lark, pluggy, ruamel.yaml"]
GOVLINT = [sys.executable, "-m", "govlint"]
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _time(command: list[str], cwd: Path | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def paired(command: list[str], reference: list[str], runs: int, cwd: Path | None = None) -> tuple[float, float]:
    """Medians of `command` and `reference`, run alternately (after one warm-up run of each)."""
    _time(command, cwd), _time(reference, cwd)
    mine, theirs = [], []
    for _ in range(runs):
        mine.append(_time(command, cwd))
        theirs.append(_time(reference, cwd))
    return statistics.median(mine), statistics.median(theirs)


def real_reports() -> list[Path]:
    fixtures = ROOT / "tests" / "fixtures"
    return SEEDS + sorted(p for p in (fixtures / "corpus").glob("*") if p.suffix in (".txt", ".md"))


def row(what: str, value: str, reference: str, ratio: float, target: str) -> str:
    return f"| {what} | {value} | {reference} | {ratio:.2f}× | {target} |"


def single(runs: int) -> str:
    with tempfile.TemporaryDirectory() as folder:  # alone in its folder: no other years to compare with
        report = Path(folder) / SEEDS[3].name
        shutil.copy(SEEDS[3], report)
        mine, floor = paired([*GOVLINT, "--no-cache", str(report)], FLOOR, runs)
    return row("one report, whole process, `--no-cache`", f"{mine * 1000:.0f} ms", f"floor {floor * 1000:.0f} ms", mine / floor, "≤ 1.3×")


def seeds(runs: int) -> str:
    with tempfile.TemporaryDirectory() as folder:
        for path in SEEDS:
            shutil.copy(path, Path(folder) / path.name)
        mine, floor = paired([*GOVLINT, "--no-cache", folder], FLOOR, runs)
    return row("the 5 seeds, one process", f"{mine * 1000:.0f} ms", f"floor {floor * 1000:.0f} ms", mine / floor, "≤ 1.3×")


def batch(runs: int) -> str:
    """The real reports (seeds and corpus), linted over and over in one warm process."""
    from govlint.engine.linter import Linter
    from govlint.read.source import read_path

    sources = [read_path(path) for path in real_reports()]
    linter = Linter()
    for source in sources:
        linter.lint(source)
    rounds = max(1, 600 // len(sources))
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        for _ in range(rounds):
            for source in sources:
                linter.lint(source)
        timings.append((time.perf_counter() - started) / (rounds * len(sources)))
    per_report = min(timings)
    _, floor = paired(FLOOR, FLOOR, max(3, runs // 3))
    return row(f"per report in one process ({len(sources)} real reports)", f"{per_report * 1000:.2f} ms ({1 / per_report:.0f} reports/s)",
               f"floor {floor * 1000:.0f} ms", per_report / floor, "≤ 2 ms (≥ 500 /s)")


def large(runs: int) -> str:
    text = "\n".join(path.read_text(encoding="utf-8") for path in SEEDS)
    timings = {}
    with tempfile.TemporaryDirectory() as folder:
        for megabytes in (0.5, 5.0):
            copies = max(1, round(megabytes * 1e6 / len(text.encode())))
            place = Path(folder) / str(megabytes)
            place.mkdir()
            path = place / "many.txt"
            path.write_text("\n".join([text] * copies), encoding="utf-8")
            size = path.stat().st_size / 1e6
            best = min(_time([*GOVLINT, "--no-cache", "-q", str(path)]) for _ in range(max(1, runs // 7)))
            timings[megabytes] = (best, size)
    (small, small_mb), (big, big_mb) = timings[0.5], timings[5.0]
    return row("many reports in one 5 MB file", f"{big / big_mb:.2f} s/MB ({big:.1f} s)", f"0.5 MB file: {small / small_mb:.2f} s/MB",
               big / small, "linear (10×), ≤ 0.5 s/MB")


def digits() -> str:
    # Table 四 has 15 columns of at most 6 digits: runs of 15 to 90 digits can be read back.
    timings = dict(recovery((30, 60)))
    return row("flattened digit run read back, 60 digits", f"{timings[60]:.1f} ms", f"30 digits: {timings[30]:.1f} ms",
               timings[60] / max(timings[30], 1e-3), "linear (≤ 2×)")


def jobs(count: int) -> str:
    with tempfile.TemporaryDirectory() as folder:
        reports = Path(folder) / "reports"
        reports.mkdir()
        generate(reports, count)
        timings, peaks = {}, {}
        for jobs in (1, 2):
            before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            timings[jobs] = _time([*GOVLINT, "--no-cache", "-j", str(jobs), "--format", "json", str(reports)], cwd=Path(folder))
            peaks[jobs] = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    return row(f"{count} reports, `-j 2`", f"{timings[2]:.1f} s ({count / timings[2]:.0f} /s), peak RSS {peaks[2]:.0f} MB",
               f"`-j 1`: {timings[1]:.1f} s", timings[1] / timings[2], "≥ 1.8× on two idle cores; RSS flat")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--reports", type=int, default=2000, help="generated reports for the -j row")
    parser.add_argument("--only", default="single,seeds,batch,large,digits,jobs")
    args = parser.parse_args()
    wanted = args.only.split(",")
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores; Python {sys.version.split()[0]}")
    print("| what | measured | reference (same run) | ratio | target |\n|---|---|---|---|---|")
    rows = {"single": lambda: single(args.runs), "seeds": lambda: seeds(args.runs), "batch": lambda: batch(args.runs),
            "large": lambda: large(args.runs), "digits": digits, "jobs": lambda: jobs(args.reports)}
    for name in wanted:
        print(rows[name](), flush=True)


if __name__ == "__main__":
    main()
