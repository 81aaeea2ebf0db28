"""sarif: SARIF 2.1.0 for code-scanning services; columns in UTF-16 code units, as SARIF asks."""

from __future__ import annotations

import json
from pathlib import PurePath
from urllib.parse import quote

from govlint.output import HELP_URI
from govlint.output.formatter import Formatter

LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def utf16_column(line: str, column: int) -> int:
    """A 1-based code-point column as a 1-based UTF-16 code-unit column (astral characters take two)."""
    return 1 + sum(2 if ord(ch) > 0xFFFF else 1 for ch in line[: column - 1])


def uri(path: str) -> str:
    return quote(PurePath(path).as_posix())


class Sarif(Formatter):
    name = "sarif"
    needs_lines = True
    needs_rules = True

    def write(self, diagnostics, context, out) -> None:
        diagnostics = list(diagnostics)
        codes = sorted({d.code for d in diagnostics} | {r.code for r in context.rules})
        by_code = {r.code: r for r in context.rules}
        rules = []
        for code in codes:
            rule = by_code.get(code)
            entry = {"id": code}
            if HELP_URI:  # only a real place; the documentation itself is in `help` below
                entry["helpUri"] = HELP_URI.format(code=code)
            if rule is not None:
                entry.update({
                    "name": rule.name,
                    "shortDescription": {"text": rule.summary},
                    "fullDescription": {"text": rule.documentation().split("\n\n")[0]},
                    "help": {"text": rule.documentation()},
                    "defaultConfiguration": {"level": LEVELS[str(rule.severity)]},
                })
            rules.append(entry)
        index = {code: i for i, code in enumerate(codes)}
        results = []
        for d in diagnostics:
            lines = context.lines.get(d.path, [])
            line_text = lines[d.line - 1] if 0 < d.line <= len(lines) else ""
            end_text = lines[d.end_line - 1] if 0 < d.end_line <= len(lines) else ""
            region = {"startLine": d.line, "startColumn": utf16_column(line_text, d.column),
                      "endLine": d.end_line, "endColumn": utf16_column(end_text, d.end_column)}
            result = {
                "ruleId": d.code, "ruleIndex": index[d.code], "level": LEVELS[str(d.severity)],
                "message": {"text": d.message, "id": d.message_id or d.code},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(d.path)}, "region": region}}],
            }
            if d.edits:
                result["fixes"] = [{"artifactChanges": [{"artifactLocation": {"uri": uri(d.path)}, "replacements": [
                    {"deletedRegion": {"startLine": e.span.line, "startColumn": utf16_column(line_text, e.span.column),
                                       "endLine": e.span.end_line, "endColumn": utf16_column(line_text, e.span.end_column)},
                     "insertedContent": {"text": e.text}} for e in d.edits]}]}]
            results.append(result)
        log = {
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {"name": "govlint", "version": context.version, "rules": rules}},
                "columnKind": "utf16CodeUnits",
                "results": results,
            }],
        }
        out.write(json.dumps(log, ensure_ascii=False, indent=2) + "\n")
