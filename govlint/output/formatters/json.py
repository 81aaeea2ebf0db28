"""json (one document, docs/output.schema.json) and json-lines (one finding a line).

Both stream: the JSON document is written in pieces, so a run over thousands of reports never
holds it whole, and it is still one valid document when no finding comes.
"""

from __future__ import annotations

import json

from govlint.output.formatter import Formatter

SCHEMA_VERSION = 1


class Json(Formatter):
    name = "json"
    streaming = True

    def write(self, diagnostics, context, out) -> None:
        head = json.dumps({"schema_version": SCHEMA_VERSION, "tool": {"name": "govlint", "version": context.version}}, ensure_ascii=False)
        out.write(head[:-1] + ', "diagnostics": [')
        separator = "\n  "
        for d in diagnostics:
            out.write(separator + json.dumps(d.to_dict(), ensure_ascii=False))
            separator = ",\n  "
        out.write("\n]}\n")


class JsonLines(Formatter):
    name = "json-lines"
    streaming = True

    def write(self, diagnostics, context, out) -> None:
        for d in diagnostics:
            out.write(json.dumps(d.to_dict(), ensure_ascii=False) + "\n")
