"""text: `path:line:column: CODE severity name message`, one finding a line."""

from __future__ import annotations

from govlint.output.formatter import Formatter


class Text(Formatter):
    name = "text"
    streaming = True

    def write(self, diagnostics, context, out) -> None:
        for d in diagnostics:
            out.write(f"{d.path}:{d.line}:{d.column}: {d.code} {d.severity} {d.name} {d.message}\n")
