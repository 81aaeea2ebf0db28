"""github: GitHub Actions workflow commands (`::error file=…::message`), shown on the pull request."""

from __future__ import annotations

from govlint.output.formatter import Formatter

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape(text: str, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_value else text


class Github(Formatter):
    name = "github"
    streaming = True

    def write(self, diagnostics, context, out) -> None:
        for d in diagnostics:
            props = ",".join(f"{key}={escape(str(value), True)}" for key, value in (
                ("file", d.path), ("line", d.line), ("col", d.column), ("endLine", d.end_line), ("endColumn", d.end_column),
                ("title", f"{d.code} {d.name}")))
            out.write(f"::{COMMANDS[str(d.severity)]} {props}::{escape(d.message)}\n")
