"""--statistics: the number of findings per rule, most frequent first, instead of the findings (as
ruff's --statistics). Not a --format of its own: the command line uses it in place of the format,
and writes JSON when the format asked for is json.

    text:  `  12  GL401  [*] application-balance` — count, code, [*] when some of them have a safe fix, name
    json:  [{"code": "GL401", "name": "application-balance", "count": 12, "fixable": false}, …]
"""

from __future__ import annotations

import json

from govlint.output.formatter import Formatter


def statistics(diagnostics) -> list[dict]:
    """One entry per code: code, name, count, severity (the most severe seen) and fixable (some have a safe fix)."""
    rank = {"error": 0, "warning": 1, "info": 2}
    found: dict[str, dict] = {}
    for d in diagnostics:
        entry = found.setdefault(d.code, {"code": d.code, "name": d.name, "count": 0, "severity": str(d.severity), "fixable": False})
        entry["count"] += 1
        entry["fixable"] = entry["fixable"] or bool(d.edits)
        if rank.get(str(d.severity), 3) < rank.get(entry["severity"], 3):
            entry["severity"] = str(d.severity)
    return sorted(found.values(), key=lambda entry: (-entry["count"], entry["code"]))


class Statistics(Formatter):
    name = ""  # chosen by --statistics, not by --format

    def __init__(self, as_json: bool = False):
        self.as_json = as_json

    def write(self, diagnostics, context, out) -> None:
        entries = statistics(diagnostics)
        if self.as_json:
            out.write(json.dumps(entries, ensure_ascii=False, indent=2) + "\n")
            return
        if not entries:
            return
        count_width = max(len(str(entry["count"])) for entry in entries)
        code_width = max(len(entry["code"]) for entry in entries)
        for entry in entries:
            fixable = "[*]" if entry["fixable"] else "   "
            out.write(f"{entry['count']:>{count_width}}  {entry['code']:<{code_width}}  {fixable} {entry['name']}\n")
