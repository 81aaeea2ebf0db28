"""html: one self-contained page to look at the findings — for the person who wrote the report and
for the evaluator who audits hundreds (`govlint --format html -o audit.html reports/`).

One file, nothing fetched: the style, the script and the data are inline (government machines are
often offline). Chinese by default, English with `--lang en`; printable.

- One report: its text with each finding in place (the span marked, the message, the rule's summary,
  a link to the rule's documentation, which is in the file), a list of the findings to jump from,
  filters by severity and by rule, and the standard tables drawn as grids, the cells of a failing
  identity (勾稽关系) marked and the arithmetic shown ("21 + 0 = 21 ≠ 20 + 0 = 20").
- Many reports: a dashboard first — one row per report (issuing body, year, national format, errors,
  warnings, notes, the rule families hit), sortable, filterable and paged, with the totals per rule
  as a bar chart (SVG) — and each row opens that report's view.

The page stays quick with 10,000 reports: the dashboard reads one small index, a report's text,
findings and tables are a JSON block of their own, parsed only when the report is opened, and the
script that draws the dashboard comes before those blocks, so it draws while they are still being
read. Report text is untrusted: the data is JSON with `<`, `>` and `&` escaped, and the script only
ever sets text (`textContent`), never markup.

What the findings do not carry — the issuing body, the year, the national format, the standard
tables and the identities that fail — is read from the report model again (`Report`, with the
formats and report year of the linter that checked the file); with many reports in worker processes.
"""

from __future__ import annotations

import html
import json
import os
import time
from collections import Counter, defaultdict
from pathlib import Path

from govlint.base.version import __version__
from govlint.output.formatter import Formatter

ASSETS = Path(__file__).parent / "assets"
SEVERITIES = ("error", "warning", "info")
FAMILY_NAMES = {  # a rule family (its plugin) → (Chinese, English); other plugins are shown by name
    "structure": ("结构", "structure"), "dates": ("日期", "dates"), "tables": ("表格", "tables"),
    "arithmetic": ("勾稽", "arithmetic"), "content": ("内容", "content"), "typography": ("标点", "typography"),
    "engine": ("引擎", "engine"),
}
PARALLEL_FROM = 200  # reports; fewer are read again in this process
UI = {
    "zh": {"title": "政府信息公开工作年度报告审查结果", "rules": "规则说明", "noscript": "此页面需要启用 JavaScript 才能显示审查结果。"},
    "en": {"title": "Annual disclosure report audit", "rules": "Rule documentation", "noscript": "This page needs JavaScript to show the findings."},
}


class Html(Formatter):
    name = "html"
    needs_lines = True
    needs_rules = True

    def write(self, diagnostics, context, out) -> None:
        lang = context.lang if context.lang in UI else "zh"
        by_path: dict[str, list] = defaultdict(list)
        for d in diagnostics:
            by_path[d.path].append(d)
        checked = set(context.files)
        files = list(context.files) + [p for p in by_path if p not in checked]
        rules = {rule.code: rule for rule in context.rules}
        facts = _all_facts(files, context, lang)
        index, payloads = _data(files, by_path, facts, rules, lang)
        for part in _page(index, payloads, rules, lang, context.version):
            out.write(part)


# ---- what the model says about each report ----------------------------------------------------
def _all_facts(files: list[str], context, lang: str) -> list[dict]:
    session = context.session
    if session is None:
        from govlint.run.session import Session

        session = Session(quiet=True, lang=lang)
    work = [(path, context.lines.get(path)) for path in files]
    if len(work) < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        return [report_facts(path, lines, session, lang) for path, lines in work]
    from concurrent.futures import ProcessPoolExecutor

    jobs = min(8, os.cpu_count() or 1)
    try:
        with ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=(session.recipe, lang)) as pool:
            found = list(pool.map(_work, work, chunksize=max(1, min(64, len(work) // (jobs * 8) or 1))))
        for facts, (_, lines) in zip(found, work):
            if lines is not None:
                facts["lines"] = lines  # not sent back: this process has them
        return found
    except (OSError, RuntimeError):  # no process pool here (a sandbox): one process it is
        return [report_facts(path, lines, session, lang) for path, lines in work]


_WORKER: dict = {}


def _start_worker(recipe, lang):
    from govlint.run.session import Session

    _WORKER.update(session=Session(**recipe, quiet=True), lang=lang)


def _work(item):
    facts = report_facts(item[0], item[1], _WORKER["session"], _WORKER["lang"])
    if item[1] is not None:
        del facts["lines"]
    return facts


def report_facts(path: str, lines: list[str] | None, session, lang: str = "zh") -> dict:
    """What the dashboard and the report view show beyond the findings: title, issuing body, year,
    national format, the standard tables as grids and the identities that fail in them. A report
    the model cannot read gets what could be read (a page is never lost to one odd report)."""
    facts: dict = {"lines": lines, "title": None, "body": None, "year": None, "format": None, "format_name": None,
                   "table_formats": [], "tables": []}
    try:
        from govlint.model.report import Report
        from govlint.read.source import Source

        if lines is None:
            source = session.read(Path(path))
            facts["lines"] = source.lines
        else:
            source = Source(path, "".join(line + "\n" for line in lines), "utf-8")
        linter = session.linter_for_path(Path(path))
        report = Report(source, linter.formats, linter.report_year)
        title = report.title
        facts.update(title=title.text if title else None, body=(title.body or None) if title else None, year=report.year)
        if report.in_format_era and report.format is not None:
            facts.update(format=report.format.key, format_name=report.format.name)
        tables = report.standard_tables
        facts["table_formats"] = sorted({table.format.key for table in tables})
        facts["tables"] = [_table(table, lang) for table in tables]
    except Exception as error:  # the model of a strange file: show the text and the findings without it
        facts["problem"] = f"{type(error).__name__}: {error}"
    return facts


def _table(table, lang: str) -> dict:
    from govlint.model import identities

    columns = list(table.columns)
    column_index = {column.key: i for i, column in enumerate(columns)}
    where: dict[int, tuple[int, int]] = {}  # id(cell value) → (row, column) in the grid
    rows = []
    for r, row in enumerate(table.rows):
        cells: list = [None] * len(columns)
        for cell in row.cells:
            c = column_index.get(cell.column.key)
            if c is None:
                continue
            span = cell.span
            cells[c] = [cell.text, span.line, span.column, span.end_line, span.end_column]
            where[id(cell)] = (r, c)
        unaligned = 0
        if not row.cells and getattr(row, "value_cells", None):  # values that could not be aligned with the columns: as written
            unaligned = 1
            cells = [[cell.text, cell.span.line, cell.span.column, cell.span.end_line, cell.span.end_column] for cell in row.value_cells]
        try:
            label = identities.row_display(row, table)
        except Exception:
            label = row.label
        rows.append([label, 1 if row.key else 0, cells, row.span.line, unaligned])
    failures = []
    for failure in identities.check(table):
        marked = []
        for side, parts in ((0, failure.left), (1, failure.right)):
            for part in parts:
                marked.extend([*where[id(cell)], side] for cell in part.cells if id(cell) in where)
        at = failure.at.span
        failures.append([failure.identity.rule, failure.instance_name, _arithmetic(failure, lang), failure.describe(lang),
                         marked, at.line, at.column, list(where.get(id(failure.at), (-1, -1)))])
    # the lines of the table as written (drawn in their place as a grid); none when it was read back from prose
    written = [table.table.span.line, table.table.span.end_line] if table.table is not None and not table.recovered else None
    return {"key": table.key, "title": table.spec.title, "format": table.format.key, "recovered": bool(table.recovered),
            "range": written, "columns": [[column.group or "", column.label] for column in columns], "rows": rows, "failures": failures}


def _arithmetic(failure, lang: str) -> str:
    """"21 + 0 = 21 ≠ 20 + 0 = 20": the numbers of both sides; long sums leave out their zeros."""
    def side(parts) -> str:
        shown = [p for p in parts if p.value != 0] if len(parts) > 4 else list(parts)
        text = " + ".join(str(p.value) for p in shown) or "0"
        if len(shown) < len(parts) and shown:
            text += " (+ 0 …)" if lang == "en" else "（+ 0 …）"
        total = sum(p.value for p in parts)
        return text if len(parts) == 1 else f"{text} = {total}"

    return f"{side(failure.left)} ≠ {side(failure.right)}"


# ---- the data the page reads ------------------------------------------------------------------
def _family(code: str, rules: dict) -> str:
    rule = rules.get(code)
    if rule is not None and getattr(rule, "plugin", ""):
        return rule.plugin
    letters = code.rstrip("0123456789")
    return code[: len(letters) + 1] if len(code) > len(letters) else code


def _data(files, by_path, facts, rules, lang):
    index = {"paths": [], "bodies": [], "years": [], "formats": [], "table_formats": [], "errors": [], "warnings": [],
             "infos": [], "codes": []}
    payloads = []
    totals: Counter = Counter()
    seen_codes: dict[str, str] = {}
    for path, fact in zip(files, facts):
        found = by_path.get(path, [])
        counts = Counter(str(d.severity) for d in found)
        codes = Counter(d.code for d in found)
        totals.update(codes)
        for d in found:
            seen_codes.setdefault(d.code, d.name)
        mismatch = [key for key in fact["table_formats"] if key != fact["format"]] if fact["format"] else []
        index["paths"].append(path)
        index["bodies"].append(fact["body"] or "")
        index["years"].append(fact["year"])
        index["formats"].append(fact["format"] or "")
        index["table_formats"].append(",".join(mismatch))
        index["errors"].append(counts["error"])
        index["warnings"].append(counts["warning"])
        index["infos"].append(counts["info"])
        index["codes"].append(sorted(codes.items()))
        positions = {(d.code, d.line, d.column) for d in found}
        tables = fact["tables"]
        for table in tables:  # only the failures a finding reports (a rule disabled or suppressed shows none)
            table["failures"] = [f for f in table["failures"] if (f[0], f[5], f[6]) in positions]
        payloads.append({
            "title": fact["title"], "format_name": fact["format_name"], "problem": fact.get("problem"),
            "text": "\n".join(fact["lines"] or []),
            "findings": [[d.line, d.column, d.end_line, d.end_column, d.code, SEVERITIES.index(str(d.severity)) if str(d.severity) in SEVERITIES else 2,
                          d.message, 1 if d.edits else 0] for d in found],
            "tables": tables,
        })
    families = {}
    rule_data = {}
    for code in sorted(seen_codes):
        rule = rules.get(code)
        family = _family(code, rules)
        families[family] = FAMILY_NAMES.get(family, (family, family))[0 if lang == "zh" else 1]
        rule_data[code] = {
            "name": getattr(rule, "name", seen_codes[code]), "summary": getattr(rule, "summary", ""),
            "severity": str(getattr(rule, "severity", "")), "family": family, "fixable": bool(getattr(rule, "fixable", False)),
        }
    index["rules"] = rule_data
    index["families"] = families
    index["totals"] = dict(totals)
    return index, payloads


# ---- the page ---------------------------------------------------------------------------------
def _json(value) -> str:
    """JSON that is safe inside <script>: no `<`, `>` or `&` (so no `</script>` or `<!--`), no U+2028/9."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _generated() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = time.gmtime(int(epoch)) if epoch and epoch.isdigit() else time.localtime()
    return time.strftime("%Y-%m-%d %H:%M", moment)


def _rule_docs(rules: dict, codes: list[str], lang: str) -> str:
    """The documentation of the rules found, as the page's last section: what a finding's link opens
    (in a dialog on screen; on paper, this appendix)."""
    parts = []
    for code in codes:
        rule = rules.get(code)
        if rule is None:
            continue
        try:
            documentation = rule.documentation()
        except Exception:
            documentation = getattr(rule, "summary", "")
        parts.append(
            f'<section class="ruledoc" id="rule-{html.escape(code)}" data-code="{html.escape(code)}">'
            f'<h3><span class="code">{html.escape(code)}</span> <span class="rname">{html.escape(str(rule.name))}</span></h3>'
            f'<p class="summary">{html.escape(str(getattr(rule, "summary", "")))}</p>'
            f'<pre>{html.escape(documentation)}</pre></section>')
    return f'<section id="ruledocs" class="ruledocs"><h2>{UI[lang]["rules"]}</h2>{"".join(parts)}</section>'


def _page(index: dict, payloads: list[dict], rules: dict, lang: str, version: str):
    """The page, in pieces (a run over thousands of reports is never one string)."""
    index.update(lang=lang, version=version or __version__, generated=_generated(), single=len(payloads) == 1)
    style = (ASSETS / "report.css").read_text(encoding="utf-8")
    script = (ASSETS / "report.js").read_text(encoding="utf-8")
    texts = UI[lang]
    yield (
        "<!DOCTYPE html>\n"
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="govlint {html.escape(index["version"])}">\n'  # a folder walk skips such a page
        # Nothing may be loaded from anywhere: the page is one file, and report text is untrusted.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">\n"
        f"<title>{html.escape(texts['title'])}</title>\n<style>\n{style}</style>\n</head>\n<body>\n"
        f'<noscript><p class="noscript">{html.escape(texts["noscript"])}</p></noscript>\n'
        '<div id="app"></div>\n'
        f'{_rule_docs(rules, sorted(index["rules"]), lang)}\n'
        f'<script type="application/json" id="govlint-index">{_json(index)}</script>\n'
    )

    def blocks():
        for i, payload in enumerate(payloads):
            yield f'<script type="application/json" id="r{i}">{_json(payload)}</script>\n'

    # The script runs where it stands: before the reports' blocks, so the dashboard is drawn while
    # they are still being read (a single report's block comes first: it is what is drawn).
    if index["single"]:
        yield from blocks()
    yield f"<script>\n{script}</script>\n"
    if not index["single"]:
        yield from blocks()
    yield "</body>\n</html>\n"
