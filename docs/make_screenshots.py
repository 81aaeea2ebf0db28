"""Regenerate the screenshots of the HTML audit report: docs/images/dashboard.png and docs/images/report.png.

    python docs/make_screenshots.py

It runs `govlint --format html` over the reports in tests/fixtures (the seeds and the real reports of the
corpus) plus one demonstration report — seed 000 with three numbers of its table 三 changed so that an
identity (勾稽关系) fails — and photographs the page in headless Chromium. It needs Debian's `chromium`
(`apt-get install chromium fonts-noto-cjk`) and Playwright for Python (the `test` extra; `playwright
install` is not needed). The pictures are reduced to 256 colours when Pillow is installed, to stay small.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
IMAGES = ROOT / "docs" / "images"
FIXTURES = ROOT / "tests" / "fixtures"
CHROMIUM = os.environ.get("GOVLINT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run"]
WIDTH = 1280


def demonstration_report() -> str:
    """Seed 000 with 21 applications received, 20 answered and none carried over: 一 + 二 ≠ （七）总计 + 四."""
    lines = next((FIXTURES / "seeds").glob("000_*.txt")).read_text(encoding="utf-8").split("\n")

    def set_first_and_total(prefix_words: tuple[str, ...], value: int) -> None:
        for index, line in enumerate(lines):
            if all(word in line for word in prefix_words):
                cells = line.split("\t")
                numbers = [n for n, cell in enumerate(cells) if cell.strip().isdigit()]
                cells[numbers[0]] = cells[numbers[-1]] = str(value)  # 自然人 and 总计
                lines[index] = "\t".join(cells)
                return
        raise SystemExit(f"seed 000 has no row with {prefix_words}")

    set_first_and_total(("一、本年新收",), 21)
    set_first_and_total(("予以公开",), 20)
    set_first_and_total(("总计", "(七)"), 20)
    return "\n".join(lines).replace("政务服务局 2023 年", "示例区政务服务局 2023 年", 1)


def render(folder: Path) -> Path:
    reports = folder / "reports"
    for source in sorted((FIXTURES / "seeds").glob("*.txt")) + sorted((FIXTURES / "corpus").glob("*.txt")):
        target = reports / source.parent.name / source.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    (reports / "demo").mkdir()
    (reports / "demo" / "示例区政务服务局2023年报告.txt").write_text(demonstration_report(), encoding="utf-8")
    page = folder / "audit.html"
    environment = dict(os.environ, SOURCE_DATE_EPOCH="1767225600", PYTHONPATH=str(ROOT))  # 2026-01-01 00:00 UTC
    subprocess.run([sys.executable, "-m", "govlint", "--no-cache", "-q", "--exit-zero", "--format", "html", "-o", str(page), "reports"],
                   cwd=folder, env=environment, check=True, timeout=300)
    return page


def shrink(path: Path) -> None:
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    small.save(path, optimize=True)


def photograph(page_file: Path) -> None:
    from playwright.sync_api import sync_playwright

    IMAGES.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        page = browser.new_page(viewport={"width": WIDTH, "height": 1000}, device_scale_factor=1)
        page.goto(page_file.as_uri())
        page.wait_for_selector("html[data-ready]")
        page.screenshot(path=str(IMAGES / "dashboard.png"))

        page.click("td.body a:text('示例区政务服务局')")
        page.wait_for_selector(".findings")
        page.check("text=只显示有问题的段落")  # the lines with findings and the failing table's grid, on one screen
        bottom = page.evaluate("() => { const r = document.querySelector('.tableblock .fails').getBoundingClientRect(); return r.bottom + window.scrollY; }")
        page.screenshot(path=str(IMAGES / "report.png"), full_page=True, clip={"x": 0, "y": 0, "width": WIDTH, "height": min(1800, bottom + 24)})
        browser.close()
    for name in ("dashboard.png", "report.png"):
        shrink(IMAGES / name)
        print(f"wrote {IMAGES / name} ({(IMAGES / name).stat().st_size // 1024} KB)")


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="govlint-screenshots-") as folder:
        photograph(render(Path(folder)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
