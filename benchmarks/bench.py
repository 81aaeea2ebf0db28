"""govlint benchmarks: one report end to end, and a batch of generated reports.

    python benchmarks/bench.py              # both, numbers for the README
    python benchmarks/bench.py --batch 1000 --runs 15
    python benchmarks/bench.py --history    # 1,000 reports of 100 bodies × 10 years, with and without GL7xx
    python benchmarks/bench.py --recovery   # flattened-table read-back time against digit-run length

single: wall time of `python -m govlint REPORT` (process start to exit), median of --runs.
batch:  --batch reports generated from the bundled real reports (names, years and numbers varied),
        linted in one process; reports per second on one core.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.txt"))
BODIES = ["某区政务服务局", "某县教育局", "某市卫生健康委员会", "某镇人民政府", "某街道办事处", "某区自然资源局"]


def vary(text: str, rng: random.Random) -> str:
    """A new report from a real one: another body, another year, other numbers in the tables.

    Section 二's numbers vary freely; in table 三, k new applications from natural persons are all
    disclosed (一 = 三.一 = （七） = k in 自然人 and 总计), so the report stays as consistent as the seed.
    """
    year = rng.randint(2019, 2025)
    text = re.sub(r"20(19|2\d)(\s*年)", lambda m: f"{year}{m.group(2)}", text)
    text = text.replace("政务服务局", rng.choice(BODIES))
    head, _, rest = text.partition("三、收到和处理")
    head = re.sub(r"(?<=\t)0(?=\t|\n)", lambda m: str(rng.choice([0, 0, 0, 1, 2, 5, 12])), head)
    k = rng.randint(1, 40)
    lines = rest.split("\n")
    for index, line in enumerate(lines):
        if "\t" in line and re.search(r"本年新收|予以公开|（七）|\(七\)", line):
            cells = line.split("\t")
            numbers = [i for i, cell in enumerate(cells) if cell.strip() == "0"]
            if len(numbers) == 7:
                cells[numbers[0]] = cells[numbers[-1]] = str(k)
                lines[index] = "\t".join(cells)
    return head + (_ + "\n".join(lines) if _ else "")


def generate(folder: Path, count: int, seed: int = 2026) -> list[Path]:
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    paths = []
    for index in range(count):
        path = folder / f"report-{index:05d}.txt"
        path.write_text(vary(texts[index % len(texts)], rng), encoding="utf-8")
        paths.append(path)
    return paths


def single(runs: int) -> dict:
    report = ROOT / "tests" / "fixtures" / "seeds" / SEEDS[3].name
    command = [sys.executable, "-m", "govlint", str(report)]
    subprocess.run(command, capture_output=True)  # warm the caches and the OS
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True)
        times.append(time.perf_counter() - start)
    return {"report": report.name, "lines": report.read_text(encoding="utf-8").count("\n"),
            "median_ms": statistics.median(times) * 1000, "min_ms": min(times) * 1000}


def batch(count: int) -> dict:
    from govlint.engine.linter import Linter
    from govlint.read.source import read_path

    folder = Path(tempfile.mkdtemp(prefix="govlint-bench-"))
    try:
        paths = generate(folder, count)
        linter = Linter()
        start = time.perf_counter()
        findings = sum(len(linter.lint(read_path(path))) for path in paths)
        elapsed = time.perf_counter() - start
    finally:
        shutil.rmtree(folder)
    return {"reports": count, "seconds": elapsed, "per_second": count / elapsed, "findings": findings}


def relint(runs: int = 50) -> float:
    """What the language server does on a keystroke: lint one open report again, in a warm process."""
    from govlint.engine.linter import Linter
    from govlint.read.source import decode

    linter = Linter()
    text = (ROOT / "tests" / "fixtures" / "seeds" / SEEDS[3].name).read_text(encoding="utf-8")
    linter.lint(decode(text.encode(), "r.md"))
    times = []
    for index in range(runs):
        changed = text.replace("2023年", f"2023年{'' if index % 2 else ' '}", 1)
        start = time.perf_counter()
        linter.lint(decode(changed.encode(), "r.md"))
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def many(count: int) -> list[str]:
    """`govlint` on COUNT generated reports: -j 1 and -j 2, cold and warm cache, peak memory."""
    import resource

    folder = Path(tempfile.mkdtemp(prefix="govlint-many-"))
    rows = []
    try:
        generate(folder / "reports", count) if (folder / "reports").mkdir() is None else None
        for jobs in (1, 2):
            work = folder / f"j{jobs}"
            work.mkdir()
            for label in ("cold", "warm"):
                before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
                start = time.perf_counter()
                subprocess.run([sys.executable, "-m", "govlint", "-j", str(jobs), "--format", "json", str(folder / "reports")],
                               cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                elapsed = time.perf_counter() - start
                peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
                rows.append(f"{count} reports, -j {jobs}, {label} cache: {elapsed:.1f} s, {count / elapsed:.0f} reports/s, "
                            f"peak RSS of one process {max(peak, before) / 1024:.0f} MB")
    finally:
        shutil.rmtree(folder)
    return rows


def generate_years(folder: Path, bodies: int = 100, years: int = 10, seed: int = 2026) -> list[Path]:
    """BODIES × YEARS reports in one folder: each body's reports of consecutive years (2016 on), made
    from the bundled real reports with the body named in the title replaced and the numbers varied."""
    from govlint.model.report import Report
    from govlint.read.source import decode

    rng = random.Random(seed)
    texts = []
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        title = Report(decode(text.encode(), path.name)).title
        texts.append((text, title.body if title and title.body else "政务服务局"))
    paths = []
    for body in range(bodies):
        text, named = texts[body % len(texts)]
        for offset in range(years):
            year = 2016 + offset
            varied = vary(text.replace(named, f"某{body:03d}区"), rng)
            varied = re.sub(r"20(19|2\d)(\s*年)", lambda m: f"{year}{m.group(2)}", varied)
            path = folder / f"body{body:03d}-{year}.txt"
            path.write_text(varied, encoding="utf-8")
            paths.append(path)
    return paths


def history(bodies: int = 100, years: int = 10, runs: int = 3) -> dict:
    """`govlint` (-j 1, no cache) on BODIES × YEARS reports in one folder, with the cross-year rules
    (GL7xx, the history pass) and without them (--ignore GL7): the best of RUNS each."""
    folder = Path(tempfile.mkdtemp(prefix="govlint-history-"))
    try:
        reports = folder / "reports"
        reports.mkdir()
        generate_years(reports, bodies, years)
        timings: dict[str, float] = {}
        for _ in range(runs):  # alternating, so that a busy machine weighs on both alike
            for label, extra in (("without", ["--ignore", "GL7"]), ("with", [])):
                start = time.perf_counter()
                subprocess.run([sys.executable, "-m", "govlint", "--no-cache", "-j", "1", "--format", "json", *extra, str(reports)],
                               cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                elapsed = time.perf_counter() - start
                timings[label] = min(timings.get(label, elapsed), elapsed)
    finally:
        shutil.rmtree(folder)
    return {"reports": bodies * years, **timings, "more": timings["with"] / timings["without"] - 1}


def recovery(lengths: tuple[int, ...] = (15, 20, 25, 30, 32, 35, 40, 50, 60, 80, 100, 120), runs: int = 5) -> list[tuple[int, float]]:
    """Issue 11, item 7: the time to cut a run of run-together digits into table 四's 15 columns (the
    read-back of flattened web text, govlint/model/recovery.py `_split`), against the run's length.
    Worst case: a run with no balanced reading, which the search has to rule out completely. Before
    the bounded search each extra digit doubled the time (32 digits: 0.3 s); now the line is flat."""
    from govlint.model.formats import load_formats
    from govlint.model.recovery import _split

    spec = load_formats()[0].table("四")
    timings = []
    for length in lengths:
        digits = ("1234567890" * (length // 10 + 1))[:length]
        best = float("inf")
        for _ in range(runs):
            started = time.perf_counter()
            _split(digits, 0, len(digits), spec, spec.rows[0])
            best = min(best, time.perf_counter() - started)
        timings.append((length, best * 1000))
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--many", type=int, default=0, help="also run the CLI on this many generated reports (e.g. 10000)")
    parser.add_argument("--history", action="store_true", help="only the cross-year measurement: 100 bodies × 10 years")
    parser.add_argument("--recovery", action="store_true", help="only the flattened-table read-back time against digit-run length")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    if args.recovery:
        print("flattened-table recovery (table 四, a digit run with no balanced reading), best of 5:")
        print("  " + "  ".join(f"{length} digits {ms:.1f} ms" for length, ms in recovery()))
        return
    if args.history:
        found = history()
        print(f"{found['reports']} reports (100 bodies × 10 years), one folder, -j 1, no cache: {found['without']:.1f} s without the "
              f"cross-year rules, {found['with']:.1f} s with them ({found['more']:+.1%})")
        return
    print(f"re-lint of one open report in a warm process (the language server's work): median {relint():.1f} ms")
    one = single(args.runs)
    print(f"single report ({one['report']}, {one['lines']} lines), process start to exit: "
          f"median {one['median_ms']:.0f} ms, best {one['min_ms']:.0f} ms over {args.runs} runs")
    many_ = batch(args.batch)
    print(f"batch of {many_['reports']} generated reports, one process, one core: {many_['seconds']:.2f} s, "
          f"{many_['per_second']:.0f} reports/s ({many_['findings']} findings)")
    if args.many:
        for row in many(args.many):
            print(row)


if __name__ == "__main__":
    main()
