"""--format html: the page itself, and the page driven in headless Chromium.

The browser tests use Debian's `chromium` (/usr/bin/chromium) through Playwright for Python (the `test`
extra; `playwright install` is never needed). Without either they are skipped — unless
GOVLINT_REQUIRE_BROWSER=1 or CI=true, where a missing browser is a failure.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from conftest import CORPUS, SEEDS, seed

CHROMIUM = os.environ.get("GOVLINT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run"]
HOSTILE = "</script><script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\">"


def govlint(*args, cwd=None, env=None) -> subprocess.CompletedProcess:
    environment = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", **(env or {}))
    return subprocess.run([sys.executable, "-m", "govlint", *args], capture_output=True, cwd=cwd, env=environment, timeout=300, check=False)


def script_data(page_text: str, element_id: str):
    match = re.search(rf'<script type="application/json" id="{element_id}">(.*?)</script>', page_text, re.DOTALL)
    return json.loads(match.group(1))


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """One run over the seeds and the real reports: the html page and the JSON of the same findings."""
    folder = tmp_path_factory.mktemp("audit")
    result = govlint("--format", "html", "-o", str(folder / "audit.html"), str(SEEDS), str(CORPUS))
    assert result.returncode == 1 and result.stdout == b"", result.stderr
    diagnostics = json.loads(govlint("--format", "json", str(SEEDS), str(CORPUS)).stdout)["diagnostics"]
    by_path = defaultdict(list)
    for d in diagnostics:
        by_path[d["path"]].append(d)
    files = sorted(str(p) for p in [*SEEDS.glob("*.txt"), *CORPUS.glob("*.txt")])
    return folder / "audit.html", by_path, files


# ---- the file ---------------------------------------------------------------------------------
def test_the_page_is_one_offline_file_with_escaped_data(run, tmp_path):
    page, by_path, files = run
    text = page.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and 'lang="zh-CN"' in text
    assert not re.search(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:|//)""", text, re.IGNORECASE)  # nothing fetched
    assert "@import" not in text and "url(" not in text
    index = script_data(text, "govlint-index")
    assert index["paths"] == files and len(re.findall(r'<script type="application/json" id="r\d+">', text)) == len(files)
    for i, path in enumerate(files):
        counts = Counter(d["severity"] for d in by_path.get(path, []))
        assert (index["errors"][i], index["warnings"][i], index["infos"][i]) == (counts["error"], counts["warning"], counts["info"])

    hostile = tmp_path / "a<b>&c.txt"
    hostile.write_text(seed("002").read_text(encoding="utf-8").replace("乌拉特", HOSTILE, 1) + HOSTILE + "\n", encoding="utf-8")
    out = tmp_path / "hostile.html"
    govlint("--format", "html", "-o", str(out), str(hostile), str(seed("001")))
    written = out.read_text(encoding="utf-8")
    assert "__pwned" in written and "<img src=x" not in written and "</script><script>window" not in written
    assert written.count("<script") == 2 + 2 and written.count("</script>") == 2 + 2  # the index, the app, two reports
    paths = script_data(written, "govlint-index")["paths"]  # sorted by path: where the hostile one lands depends on the folders
    payload = script_data(written, f"r{paths.index(str(hostile))}")
    assert HOSTILE in payload["text"]


def test_a_failing_identity_is_in_the_data_with_its_arithmetic(run):
    page, by_path, files = run
    text = page.read_text(encoding="utf-8")
    i = next(n for n, path in enumerate(files) if "005_pingtan_2020" in path)
    tables = script_data(text, f"r{i}")["tables"]
    failures = [f for table in tables for f in table["failures"]]
    reported = [d for d in by_path[files[i]] if d["code"] == "GL402"]
    assert len(failures) == len(reported) >= 1
    code, _instance, arithmetic, detail, cells, line, column, at = failures[0]
    assert code == "GL402" and "≠" in arithmetic and arithmetic.split(" ≠ ")[0] == "20" and "（七）总计" in detail
    assert (line, column) in {(d["line"], d["column"]) for d in reported} and at != [-1, -1] and len(cells) > 5


# ---- in the browser ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def browser():
    required = os.environ.get("GOVLINT_REQUIRE_BROWSER") == "1" or os.environ.get("CI") == "true"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if required:
            raise
        pytest.skip("needs Playwright for Python (pip install -e '.[test]')")
    if not Path(CHROMIUM).exists():
        if required:
            pytest.fail(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
        pytest.skip("needs Chromium (apt-get install chromium)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser):
    """open_page(path, hash="") → a page with the view drawn; every console error and page error fails the test."""
    pages, problems = [], []

    def opener(path: Path, fragment: str = "", width: int = 1360):
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.on("console", lambda message: problems.append(f"console {message.type}: {message.text}") if message.type == "error" else None)
        page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
        page.on("dialog", lambda dialog: (problems.append(f"a dialog opened: {dialog.message}"), dialog.dismiss()))
        page.on("request", lambda request: problems.append(f"fetched {request.url}") if not request.url.startswith(("file:", "data:", "about:")) else None)
        page.goto(path.as_uri() + fragment)
        page.wait_for_selector("html[data-ready]")
        page.wait_for_load_state("load")
        pages.append(page)
        return page

    yield opener
    for page in pages:
        page.close()
    assert problems == []


def dashboard_rows(page) -> dict[str, tuple[int, int, int]]:
    return page.evaluate("""() => Object.fromEntries(Array.from(document.querySelectorAll('table.reports tbody tr')).map(tr =>
        [tr.dataset.path, ['e', 'w', 'i'].map(c => +tr.querySelector(`td[data-col=${c}]`).textContent)]))""")


def test_dashboard_has_one_row_per_report_with_the_json_counts(run, open_page, tmp_path):
    page_file, by_path, files = run
    page = open_page(page_file)
    rows = dashboard_rows(page)
    assert sorted(rows) == files
    for path in files:
        counts = Counter(d["severity"] for d in by_path.get(path, []))
        assert rows[path] == [counts["error"], counts["warning"], counts["info"]], path
    # the bar chart: one bar per rule found (the top ones first), its count the run's total
    totals = Counter(d["code"] for ds in by_path.values() for d in ds)
    page.click("text=" + f"显示全部 {len(totals)} 条规则") if len(totals) > 14 else None
    bars = page.evaluate("() => Array.from(document.querySelectorAll('.chart g.bar')).map(g => [g.dataset.code, +g.querySelector('text.count').textContent])")
    assert dict(bars) == dict(totals) and [n for _, n in bars] == sorted(totals.values(), reverse=True)
    # a row per report and the body read from the title
    body = page.text_content('tr[data-path$="001_8c7e58cf2aa459dd.txt"] td.body')
    assert body == "涧西区政务服务和大数据管理局"
    shot = tmp_path / "dashboard.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000


def test_dashboard_filters_and_sorting(run, open_page):
    page_file, by_path, files = run
    page = open_page(page_file)
    page.fill('input[data-filter="q"]', "涧西")
    assert list(dashboard_rows(page)) == [str(seed("001"))]
    page.fill('input[data-filter="q"]', "")
    assert len(dashboard_rows(page)) == len(files)
    with_gl402 = sorted(p for p, ds in by_path.items() if any(d["code"] == "GL402" for d in ds))
    page.select_option('select[data-filter="rule"]', "GL402")
    assert sorted(dashboard_rows(page)) == with_gl402
    page.select_option('select[data-filter="rule"]', "")
    page.select_option('select[data-filter="status"]', "clean")
    assert sorted(dashboard_rows(page)) == sorted(p for p in files if not by_path.get(p))
    page.select_option('select[data-filter="status"]', "")
    page.click('.chart g.bar[data-code="GL402"]')  # a bar filters by its rule
    assert sorted(dashboard_rows(page)) == with_gl402
    page.click("button:has-text('重置')")
    page.click('th[data-key="warnings"]')  # most warnings first
    order = [rows[1] for rows in dashboard_rows(page).values()]
    assert order == sorted(order, reverse=True)
    page.click('th[data-key="warnings"]')
    order = [rows[1] for rows in dashboard_rows(page).values()]
    assert order == sorted(order)


def test_a_report_shows_each_finding_in_place(run, open_page, tmp_path):
    page_file, by_path, _ = run
    page = open_page(page_file)
    path = str(seed("001"))
    page.click(f'tr[data-path="{path}"] td.body a')
    page.wait_for_selector(".findings")
    expected = by_path[path]
    notes = page.evaluate("""() => Array.from(document.querySelectorAll('.note')).map(n => {
        let above = n.previousElementSibling;
        while (above && above.classList.contains('note')) above = above.previousElementSibling;
        const block = n.closest('.tableblock');
        return {line: +n.dataset.line, code: n.dataset.code, findings: n.dataset.findings.split(',').length,
                above: above && above.classList.contains('ln') ? above.id : null,
                block: block ? [+block.dataset.start, +block.dataset.end] : null};
    })""")
    assert sum(n["findings"] for n in notes) == len(expected) == page.locator(".findings li").count()
    assert Counter((n["line"], n["code"]) for n in notes for _ in range(n["findings"])) == Counter((d["line"], d["code"]) for d in expected)
    for n in notes:  # right under its line, or under the grid its table is drawn as
        assert n["above"] == f"L{n['line']}" or (n["block"] and n["block"][0] <= n["line"] <= n["block"][1]), n
    assert any(n["block"] for n in notes) and page.locator(".tableblock table.grid").count() >= 5
    first = expected[0]
    assert page.locator(f"#L{first['line']} mark.{first['severity']}").count() >= 1
    message = page.text_content(f'.note[data-line="{first["line"]}"][data-code="{first["code"]}"] .msg')
    assert message == first["message"]
    # the list jumps to a finding; a finding's link opens its rule's documentation (in the file)
    page.locator(".findings li").nth(3).click()
    page.locator(f'.note[data-code="{first["code"]}"] a.doclink').first.click()
    assert page.locator("dialog.doc[open]").count() == 1
    assert first["code"] in page.text_content("dialog.doc h3") and len(page.text_content("dialog.doc pre")) > 40
    page.click("dialog.doc button")
    page.screenshot(path=str(tmp_path / "report.png"))
    assert (tmp_path / "report.png").stat().st_size > 10_000
    page.go_back()
    page.wait_for_selector("table.reports")


def test_report_filters_change_what_is_shown(run, open_page):
    page_file, by_path, files = run
    path = str(seed("001"))
    page = open_page(page_file, f"#/r/{files.index(path)}")
    expected = by_path[path]
    errors = [d for d in expected if d["severity"] == "error"]
    assert page.get_attribute("#app", "data-shown") == str(len(expected))
    page.uncheck('input[data-sev="warning"]')
    assert page.get_attribute("#app", "data-shown") == str(len(errors))
    assert page.locator(".note.warning").count() == 0 and page.locator("mark.warning").count() == 0
    assert page.locator(".findings li").count() == len(errors)
    page.check('input[data-sev="warning"]')
    code = "GL601"
    page.select_option('select[data-filter="rule"]', code)
    shown = [d for d in expected if d["code"] == code]
    assert page.get_attribute("#app", "data-shown") == str(len(shown)) and len(shown) > 10
    assert set(page.eval_on_selector_all(".note", "notes => notes.map(n => n.dataset.code)")) == {code}
    page.check("text=只显示有问题的段落")
    assert page.locator(".gap").count() >= 1 and page.locator(".ln").count() < len(Path(path).read_text(encoding="utf-8").splitlines())
    page.uncheck("text=只显示有问题的段落")
    page.select_option('select[data-filter="rule"]', "")
    # a table is drawn as a grid in its place; "显示原文" shows its lines as written, a cell leads to its line
    first_block = page.get_attribute(".tableblock", "data-start")
    assert page.locator(f"#L{first_block}").count() == 0
    page.click(f'button[data-block="{first_block}"]')
    assert page.locator(f"#L{first_block}").count() == 1
    page.click(f'button[data-block="{first_block}"]')
    cell = page.locator(".tableblock td.v").first
    line = cell.get_attribute("data-line")
    cell.click()
    assert page.locator(f"#L{line}").is_visible()


def test_the_standard_tables_are_grids_with_the_failing_identity_marked(run, open_page):
    page_file, by_path, files = run
    path = next(p for p in files if "005_pingtan_2020" in p)
    page = open_page(page_file, f"#/r/{files.index(path)}")
    assert page.locator(".tables table.grid").count() == 2
    failures = page.locator(".tables .fails li")
    assert failures.count() == len([d for d in by_path[path] if d["code"] == "GL402"])
    assert "≠" in failures.first.text_content() and "（七）总计" in failures.first.text_content()
    assert page.locator("table.grid td.v.at").count() >= 1 and page.locator("table.grid td.v.l").count() >= 1
    failures.first.hover()
    assert page.locator("table.grid.focus td.hl").count() > 5
    page.uncheck('input[data-sev="error"]')  # the identity is an error: hidden with the errors
    assert page.locator(".tables .fails li").count() == 0 and page.locator("table.grid td.v.at").count() == 0


def test_english_single_report_and_print(open_page, tmp_path):
    out = tmp_path / "one.html"
    assert govlint("--lang", "en", "-o", str(out), str(seed("000"))).returncode == 1
    page = open_page(out)
    assert page.get_attribute("html", "lang") == "en"
    assert page.locator("table.reports").count() == 0 and page.locator(".findings li").count() >= 1  # the report, no dashboard
    assert "Errors" in page.text_content(".badges") and "Findings" in page.text_content(".side h2")
    page.emulate_media(media="print")
    assert not page.is_visible(".toolbar") and not page.is_visible(".side") and page.is_visible(".note")
    assert len(page.pdf(format="A4")) > 10_000


def test_report_text_cannot_inject_markup_or_script(open_page, tmp_path):
    hostile = tmp_path / "a<img src=x onerror=alert(1)>.txt"
    text = seed("002").read_text(encoding="utf-8").replace("赣县区", HOSTILE, 1) + HOSTILE + "\n"
    hostile.write_text(text, encoding="utf-8")
    out = tmp_path / "hostile.html"
    govlint("--format", "html", "-o", str(out), str(hostile), str(seed("001")))
    page = open_page(out)
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("img").count() == 0 and page.locator("script").count() == 4
    page.click("tr:has(bdi:text-matches('onerror')) td.body a")
    page.wait_for_selector(".findings")
    assert page.evaluate("() => window.__pwned") is None and page.locator("img").count() == 0
    assert HOSTILE in page.text_content(".text")


def test_ten_thousand_reports_render_in_under_two_seconds(open_page, tmp_path, monkeypatch):
    """The real page with 10,000 reports (the fixtures' findings and text, repeated): the dashboard is
    drawn in under 2 s and a report still opens (the model is read once per distinct file here)."""
    from govlint.base.diagnostics import diagnostic_from_dict
    from govlint.output.formatters import html
    from govlint.output.formatter import Context
    from govlint.run.session import Session

    sources = sorted(str(p) for p in [*SEEDS.glob("*.txt"), *CORPUS.glob("*.txt")])
    found = json.loads(govlint("--format", "json", *sources).stdout)["diagnostics"]
    session = Session(quiet=True)
    facts = {path: html.report_facts(path, session.read(Path(path)).lines, session) for path in sources}
    count = 10_000
    files = [f"reports/{n // 500:02d}/{n:05d}_{Path(sources[n % len(sources)]).name}" for n in range(count)]
    origin = {name: sources[n % len(sources)] for n, name in enumerate(files)}
    monkeypatch.setattr(html, "_all_facts", lambda names, context, lang: [json.loads(json.dumps(facts[origin[name]])) for name in names])
    by_source = defaultdict(list)
    for d in found:
        by_source[d["path"]].append(d)
    diagnostics = [diagnostic_from_dict(dict(d, path=name)) for name in files for d in by_source[origin[name]]]
    rules = {rule.code: rule for rule in session.linter_for_path(Path.cwd()).rule_classes}
    context = Context(files=files, rules=list(rules.values()), session=session)
    out = tmp_path / "big.html"
    with open(out, "w", encoding="utf-8") as stream:
        html.Html().write(diagnostics, context, stream)
    page = open_page(out)
    rendered = int(page.get_attribute("html", "data-render-ms"))
    print(f"\n10,000 reports: {out.stat().st_size / 1e6:.0f} MB, dashboard drawn after {rendered} ms")
    assert rendered < 2000
    assert page.text_content(".cards .card .n") == str(count) and page.locator("table.reports tbody tr").count() == 100
    page.fill('input[data-filter="q"]', "09999_")
    page.click("table.reports tbody tr td.body a")
    page.wait_for_selector(".findings")
    assert page.locator(".findings li").count() == len(by_source[origin[files[-1]]])
