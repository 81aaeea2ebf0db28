"""csv: one row per finding, the columns of the JSON output, for a spreadsheet.

UTF-8 with a byte-order mark, so Excel opens the Chinese correctly; rows end in CRLF (RFC 4180).
The columns are those of a finding in `--format json` (docs/output.schema.json), in its order:
path, code, name, severity, message, message_id, line, column, end_line, end_column, and `fix`, the
safe fix's edits as JSON (empty when there is none).

A text cell that a spreadsheet would take for a formula (it starts with = + - @, a tab or a
carriage return — a path or a message quoting a report can) gets a leading apostrophe, so opening
the file never runs anything (the OWASP advice for CSV injection).
"""

from __future__ import annotations

import csv
import json

from govlint.output.formatter import Formatter

COLUMNS = ("path", "code", "name", "severity", "message", "message_id", "line", "column", "end_line", "end_column", "fix")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


class Csv(Formatter):
    name = "csv"
    streaming = True

    def write(self, diagnostics, context, out) -> None:
        out.write("\ufeff")
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        for d in diagnostics:
            data = d.to_dict()
            fix = data.get("fix")
            data["fix"] = json.dumps(fix["edits"], ensure_ascii=False) if fix else ""
            writer.writerow([_cell(data[column]) if column != "fix" else data["fix"] for column in COLUMNS])
