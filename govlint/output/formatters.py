"""Rendering diagnostics: one model, many outputs.

text (one line each), full (the line with a caret, for people), json, json-lines, sarif (SARIF
2.1.0, UTF-16 columns), github (workflow commands), junit (one test case per file).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Iterable

from govlint.base.diagnostics import Diagnostic
from govlint.base.version import __version__

SCHEMA_VERSION = 1
HELP_URI = "https://govlint.invalid/docs/rules/{code}.md"  # docs/rules/ in this repository


@dataclass
class Run:
    """What a formatter may need besides the findings."""

    files: list[str] = field(default_factory=list)  # every file checked, in order
    lines: dict[str, list[str]] = field(default_factory=dict)  # path → its lines, for `full`
    rules: list[type] = field(default_factory=list)
    color: bool = False


def text_lines(diagnostics: Iterable[Diagnostic]):
    """`path:line:column: CODE severity name message`, one finding a line."""
    for d in diagnostics:
        yield f"{d.path}:{d.line}:{d.column}: {d.code} {d.severity} {d.name} {d.message}\n"


def json_chunks(diagnostics: Iterable[Diagnostic]):
    """The JSON document in pieces, so a run over thousands of reports never holds it whole."""
    head = json.dumps({"schema_version": SCHEMA_VERSION, "tool": {"name": "govlint", "version": __version__}}, ensure_ascii=False)
    yield head[:-1] + ', "diagnostics": ['
    separator = "\n  "
    for d in diagnostics:
        yield separator + json.dumps(d.to_dict(), ensure_ascii=False)
        separator = ",\n  "
    yield "\n]}\n"


def json_line_chunks(diagnostics: Iterable[Diagnostic]):
    for d in diagnostics:
        yield json.dumps(d.to_dict(), ensure_ascii=False) + "\n"


def format_text(diagnostics: Iterable[Diagnostic], run: Run | None = None) -> str:
    return "".join(text_lines(diagnostics))


def format_json(diagnostics: Iterable[Diagnostic], run: Run | None = None) -> str:
    return "".join(json_chunks(diagnostics))


def format_json_lines(diagnostics: Iterable[Diagnostic], run: Run | None = None) -> str:
    return "".join(json_line_chunks(diagnostics))


# ---- full: for a person at a terminal --------------------------------------------------------
COLORS = {"error": "\033[1;31m", "warning": "\033[1;33m", "info": "\033[1;36m", "bold": "\033[1m", "dim": "\033[2m", "reset": "\033[0m"}


def display_width(text: str) -> int:
    """Terminal columns: wide (Chinese) characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def format_full(diagnostics: list[Diagnostic], run: Run | None = None) -> str:
    run = run or Run()
    paint = (lambda name, text: f"{COLORS[name]}{text}{COLORS['reset']}") if run.color else (lambda name, text: text)
    out = []
    for d in diagnostics:
        out.append(f"{paint('bold', f'{d.path}:{d.line}:{d.column}:')} {paint(str(d.severity), f'{d.code}')} {d.message} {paint('dim', f'[{d.name}]')}\n")
        lines = run.lines.get(d.path)
        if lines and 0 < d.line <= len(lines):
            source = lines[d.line - 1].replace("\t", " ")
            start = d.column - 1
            end = d.end_column - 1 if d.end_line == d.line else len(source)
            end = max(end, start + 1)
            gutter = f"{d.line:>5} | "
            out.append(f"{paint('dim', gutter)}{source}\n")
            pad = " " * display_width(source[:start])
            marks = "^" * max(1, display_width(source[start:end]))
            out.append(f"{' ' * 5} {paint('dim', '|')} {pad}{paint(str(d.severity), marks)}\n")
    counts = {level: sum(1 for d in diagnostics if d.severity == level) for level in ("error", "warning", "info")}
    summary = "，".join(f"{n} {level}" for level, n in counts.items() if n) or "no findings"
    out.append(f"{paint('bold', 'govlint:')} {summary} in {len(run.files)} file(s) checked\n")
    return "".join(out)


# ---- CI formats --------------------------------------------------------------------------------
def utf16_column(line: str, column: int) -> int:
    """A 1-based code-point column as a 1-based UTF-16 code-unit column (astral characters take two)."""
    return 1 + sum(2 if ord(ch) > 0xFFFF else 1 for ch in line[: column - 1])


def format_sarif(diagnostics: list[Diagnostic], run: Run | None = None) -> str:
    run = run or Run()
    codes = sorted({d.code for d in diagnostics} | {r.code for r in run.rules})
    by_code = {r.code: r for r in run.rules}
    rules = []
    for code in codes:
        rule = by_code.get(code)
        entry = {"id": code, "helpUri": HELP_URI.format(code=code)}
        if rule is not None:
            entry.update({
                "name": rule.name,
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": rule.documentation().split("\n\n")[0]},
                "help": {"text": rule.documentation()},
                "defaultConfiguration": {"level": _sarif_level(str(rule.severity))},
            })
        rules.append(entry)
    index = {code: i for i, code in enumerate(codes)}
    results = []
    for d in diagnostics:
        lines = run.lines.get(d.path, [])
        line_text = lines[d.line - 1] if 0 < d.line <= len(lines) else ""
        end_text = lines[d.end_line - 1] if 0 < d.end_line <= len(lines) else ""
        region = {"startLine": d.line, "startColumn": utf16_column(line_text, d.column),
                  "endLine": d.end_line, "endColumn": utf16_column(end_text, d.end_column)}
        result = {
            "ruleId": d.code, "ruleIndex": index[d.code], "level": _sarif_level(str(d.severity)),
            "message": {"text": d.message, "id": d.message_id or d.code},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(d.path)}, "region": region}}],
        }
        if d.edits:
            result["fixes"] = [{"artifactChanges": [{"artifactLocation": {"uri": _uri(d.path)}, "replacements": [
                {"deletedRegion": {"startLine": e.span.line, "startColumn": utf16_column(line_text, e.span.column),
                                   "endLine": e.span.end_line, "endColumn": utf16_column(line_text, e.span.end_column)},
                 "insertedContent": {"text": e.text}} for e in d.edits]}]}]
        results.append(result)
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "govlint", "version": __version__, "informationUri": "https://govlint.invalid/", "rules": rules}},
            "columnKind": "utf16CodeUnits",
            "results": results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _sarif_level(severity: str) -> str:
    return {"error": "error", "warning": "warning", "info": "note"}[severity]


def _uri(path: str) -> str:
    from pathlib import PurePath
    from urllib.parse import quote

    return quote(PurePath(path).as_posix())


def _github_escape(text: str, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_value else text


def github_lines(diagnostics: Iterable[Diagnostic]):
    for d in diagnostics:
        command = {"error": "error", "warning": "warning", "info": "notice"}[str(d.severity)]
        props = ",".join(f"{key}={_github_escape(str(value), True)}" for key, value in (
            ("file", d.path), ("line", d.line), ("col", d.column), ("endLine", d.end_line), ("endColumn", d.end_column),
            ("title", f"{d.code} {d.name}")))
        yield f"::{command} {props}::{_github_escape(d.message)}\n"


def format_github(diagnostics: Iterable[Diagnostic], run: Run | None = None) -> str:
    return "".join(github_lines(diagnostics))


def format_junit(diagnostics: list[Diagnostic], run: Run | None = None) -> str:
    from xml.sax.saxutils import escape, quoteattr

    run = run or Run()
    by_file: dict[str, list[Diagnostic]] = {}
    for d in diagnostics:
        by_file.setdefault(d.path, []).append(d)
    files = list(run.files) + [p for p in by_file if p not in run.files]
    failures = sum(1 for p in files if by_file.get(p))
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n',
           f'<testsuites name="govlint" tests="{len(files)}" failures="{failures}">\n',
           f'  <testsuite name="govlint" tests="{len(files)}" failures="{failures}" errors="0" skipped="0">\n']
    for path in files:
        found = by_file.get(path, [])
        out.append(f"    <testcase classname=\"govlint\" name={quoteattr(path)}")
        if not found:
            out.append("/>\n")
            continue
        out.append(">\n")
        for d in found:
            detail = f"{d.path}:{d.line}:{d.column}: {d.code} {d.severity} {d.name} {d.message}"
            out.append(f"      <failure type={quoteattr(d.code)} message={quoteattr(d.message)}>{escape(detail)}</failure>\n")
        out.append("    </testcase>\n")
    out.append("  </testsuite>\n</testsuites>\n")
    return "".join(out)


FORMATTERS = {
    "text": format_text, "full": format_full, "json": format_json, "json-lines": format_json_lines,
    "sarif": format_sarif, "github": format_github, "junit": format_junit,
}

# Formats written while the files are being checked, one file at a time.
STREAMING = {"text": text_lines, "json": json_chunks, "json-lines": json_line_chunks, "github": github_lines}
