"""full: for a person at a terminal — each finding, its line, a caret under it, and a summary.

The first line of a finding is `path:line:column: CODE severity message [name]`: the severity is a
word (error, warning, info), so it is there without colour too (piped, NO_COLOR, --color never);
colour only adds emphasis. The summary is an English sentence with English punctuation,
`govlint: 1 error, 2 warning in 3 file(s) checked`, in either language of the messages.
"""

from __future__ import annotations

import unicodedata

from govlint.output.formatter import Formatter

COLORS = {"error": "\033[1;31m", "warning": "\033[1;33m", "info": "\033[1;36m", "bold": "\033[1m", "dim": "\033[2m", "reset": "\033[0m"}


def display_width(text: str) -> int:
    """Terminal columns: wide (Chinese) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


class Full(Formatter):
    name = "full"
    needs_lines = True

    def write(self, diagnostics, context, out) -> None:
        paint = (lambda name, text: f"{COLORS[name]}{text}{COLORS['reset']}") if context.color else (lambda name, text: text)
        counts = {"error": 0, "warning": 0, "info": 0}
        for d in diagnostics:
            counts[str(d.severity)] += 1
            level = str(d.severity)
            where = f" {paint('dim', '(' + describe_origin(d.origin, context.lang) + ')')}" if d.origin else ""
            out.write(f"{paint('bold', f'{d.path}:{d.line}:{d.column}:')} {paint(level, f'{d.code} {level}')} {d.message} {paint('dim', f'[{d.name}]')}{where}\n")
            lines = context.lines.get(d.path)
            if lines and 0 < d.line <= len(lines):
                source = lines[d.line - 1].replace("\t", " ")
                start = d.column - 1
                end = d.end_column - 1 if d.end_line == d.line else len(source)
                end = max(end, start + 1)
                gutter = f"{d.line:>5} | "
                out.write(f"{paint('dim', gutter)}{source}\n")
                pad = " " * display_width(source[:start])
                marks = "^" * max(1, display_width(source[start:end]))
                out.write(f"{' ' * 5} {paint('dim', '|')} {pad}{paint(str(d.severity), marks)}\n")
        if getattr(context, "quiet", False):
            return
        summary = ", ".join(f"{n} {level}" for level, n in counts.items() if n) or "no findings"
        out.write(f"{paint('bold', 'govlint:')} {summary} in {len(context.files)} file(s) checked\n")


def describe_origin(origin: dict, lang: str = "zh") -> str:
    """Where a finding in a converted file is in the original: "第3页第8行", "page 3, line 8"."""
    from govlint.read.converted import Origin

    return Origin(**origin).describe(lang)
