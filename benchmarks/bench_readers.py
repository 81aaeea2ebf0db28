"""How long reading Word, PDF and web files takes: per page for PDF, per file for .docx and .html.

    python benchmarks/bench_readers.py            # numbers for the README (targets: a 10-page PDF < 1 s, a .docx or page < 100 ms)

Conversion only (bytes → govlint's text view), best of --runs, one core, on the real files bundled in
tests/fixtures/files; the "10-page PDF" is the 5-page 洪泽 report and the 6-page LibreOffice export read
back to back. Library imports are measured separately: a run pays them once, and a Markdown-only run
never does.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FILES = ROOT / "tests" / "fixtures" / "files"


def best(function, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return min(times)


def import_cost(module: str) -> float:
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    return float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from govlint.read.detect import convert

    for name in ("linzi-2023.docx", "shuyang-fagaiju-2023.html", "hongze-qzf-2023.pdf", "linzi-2023.pdf"):
        data = (FILES / name).read_bytes()
        convert(data, name)  # libraries imported once, as in a run
        seconds = best(lambda: convert(data, name), args.runs)
        line = f"{name:<28} {seconds * 1000:7.1f} ms"
        if name.endswith(".pdf"):
            import pdfplumber

            with pdfplumber.open(FILES / name) as pdf:
                pages = len(pdf.pages)
            line += f"  ({pages} pages, {seconds * 1000 / pages:.1f} ms a page)"
        print(line)
    pdfs = [(FILES / n).read_bytes() for n in ("hongze-qzf-2023.pdf", "linzi-2023.pdf")]
    ten = best(lambda: [convert(d, "r.pdf") for d in pdfs], args.runs)
    print(f"{'11 pages of PDF (5 + 6)':<28} {ten * 1000:7.1f} ms")
    for module in ("lxml.etree", "pdfplumber"):
        print(f"import {module:<21} {import_cost(module) * 1000:7.1f} ms (once a run, only when such a file is read)")


if __name__ == "__main__":
    main()
