"""govlint's memory on large inputs: peak RSS and wall time of one run, and where the memory goes.

    python benchmarks/bench_memory.py                     # 2 MB and 20 MB inputs, peak RSS and time
    python benchmarks/bench_memory.py --sizes 1 5 10 20   # other sizes (MB)
    python benchmarks/bench_memory.py --tracemalloc 2     # top allocations by line at the peak, 2 MB input
    python benchmarks/bench_memory.py --no-budget         # every rule runs, however long the file takes

An input is seed 003 (a real report, tables included) repeated to the size asked for, each in a folder
of its own (the cross-report rules read the reports next to a file). A run is `python -m govlint
--no-cache --format json FILE`, output discarded; peak RSS is the child's ru_maxrss. "MB/MB" is the
peak above a small report's, per MB of input: what stays flat when memory is linear in the input.
The goal (issue 16) is a peak under 500 MB for a 20 MB input.

A file's rules stop after a time budget (GL905, engine/linter.py): on a slow or busy machine a 20 MB
input may run fewer rules, and so peak lower. --no-budget lifts it, for figures that compare across
machines; --tracemalloc (several times slower) always lifts it.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "fixtures" / "seeds" / "003_12dffacc33d2df96.txt"
MB = 1_000_000


def make_input(folder: Path, megabytes: float) -> Path:
    """Seed 003 repeated to `megabytes` (whole copies, at most that size), alone in a folder."""
    text = SEED.read_text(encoding="utf-8")
    copies = max(1, int(megabytes * MB) // len(text.encode("utf-8")))
    target = folder / f"{megabytes:g}mb" / "report.txt"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text * copies, encoding="utf-8")
    return target


_NO_BUDGET = ("import sys, govlint.engine.linter as linter; linter.FILE_BUDGET_SECONDS = float('inf'); "
              "from govlint.cli import main; sys.exit(main(sys.argv[1:]))")


def run(path: Path, budget: bool = True) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one govlint process on `path`."""
    start = time.perf_counter()
    command = [sys.executable] + (["-m", "govlint"] if budget else ["-c", _NO_BUDGET])
    process = subprocess.Popen(command + ["--no-cache", "--format", "json", str(path)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    peak = usage.ru_maxrss / 1024 if sys.platform != "darwin" else usage.ru_maxrss / (1024 * 1024)  # KB on Linux, bytes on macOS
    if process.returncode not in (0, 1):
        raise SystemExit(f"govlint failed on {path} (exit {process.returncode})")
    return seconds, peak


def measure(sizes: list[float], budget: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        small_seconds, small_peak = run(SEED, budget)
        print(f"{'input':>10} {'seconds':>8} {'peak MB':>8} {'MB/MB':>6}")
        print(f"{SEED.stat().st_size / MB:>9.3f}M {small_seconds:>8.2f} {small_peak:>8.0f} {'':>6}  (seed 003: the fixed cost)")
        for size in sizes:
            path = make_input(Path(folder), size)
            megabytes = path.stat().st_size / MB
            seconds, peak = run(path, budget)
            print(f"{megabytes:>9.2f}M {seconds:>8.2f} {peak:>8.0f} {(peak - small_peak) / megabytes:>6.1f}", flush=True)


def profile(size: float, top: int) -> None:
    """Run govlint in this process under tracemalloc and print the top allocations (by line) at the
    peak of traced memory, found by sampling: a snapshot is taken whenever the traced memory grows
    past the last one by 5 %."""
    import govlint.engine.linter as linter
    from govlint.cli import main

    linter.FILE_BUDGET_SECONDS = float("inf")  # under tracemalloc every rule is slower: let them all run

    with tempfile.TemporaryDirectory() as folder:
        path = make_input(Path(folder), size)
        tracemalloc.start(1)
        best = {"size": 0, "snapshot": None}
        done = threading.Event()

        def sample():
            while not done.wait(0.25):
                current, _ = tracemalloc.get_traced_memory()
                if current > best["size"] * 1.05:
                    best["snapshot"] = tracemalloc.take_snapshot()
                    best["size"] = tracemalloc.get_traced_memory()[0]

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        start = time.perf_counter()
        stdout = sys.stdout
        try:
            sys.stdout = open(os.devnull, "w")
            main(["--no-cache", "--format", "json", str(path)])
        except SystemExit:
            pass
        finally:
            sys.stdout.close()
            sys.stdout = stdout
            done.set()
            sampler.join()
        seconds = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        megabytes = path.stat().st_size / MB
        print(f"input {megabytes:.2f} MB, {seconds:.1f} s under tracemalloc, traced peak {peak / MB:.0f} MB; "
              f"at the sampled peak ({best['size'] / MB:.0f} MB):")
        snapshot = best["snapshot"].filter_traces([tracemalloc.Filter(False, tracemalloc.__file__)])
        for stat in snapshot.statistics("lineno")[:top]:
            frame = stat.traceback[0]
            name = frame.filename.replace(str(ROOT) + os.sep, "")
            if "site-packages" in name:
                name = name[name.index("site-packages") + len("site-packages") + 1:]
            print(f"{stat.size / MB:8.1f} MB {stat.count:>9} blocks  {name}:{frame.lineno}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=float, nargs="+", default=[2, 20], help="input sizes in MB (default 2 20)")
    parser.add_argument("--tracemalloc", type=float, metavar="MB", help="profile one input of this size instead")
    parser.add_argument("--top", type=int, default=15, help="allocation lines to show (--tracemalloc)")
    parser.add_argument("--no-budget", action="store_true", help="lift the per-file time budget (GL905)")
    args = parser.parse_args()
    if args.tracemalloc:
        profile(args.tracemalloc, args.top)
    else:
        measure(args.sizes, budget=not args.no_budget)


if __name__ == "__main__":
    main()
