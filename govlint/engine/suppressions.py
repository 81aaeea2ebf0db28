"""Inline suppressions, in HTML comments so they disappear from rendered Markdown:

    <!-- govlint-disable GL301 -- 本表为合并单元格导出 -->   … <!-- govlint-enable GL301 -->
    <!-- govlint-disable-line GL601 -->        <!-- govlint-disable-next-line year-mismatch -->
    <!-- govlint-disable-file GL503 -->

Rules are named by code, prefix or name; none means every rule; a reason may follow `--`. The same
comments work in .txt reports. A directive that suppresses nothing is GL903; a malformed one GL904.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cached_property

from govlint.base.diagnostics import Diagnostic, to_diagnostic
from govlint.base.spans import Span
from govlint.engine.codes import (
    INVALID_SUPPRESSION,
    SUPPRESSION_CODES,
    UNUSED_SUPPRESSION,
)
from govlint.engine.config import match_selector

# The body is bounded: a directive is a short comment, and an unclosed "<!-- govlint-" on a long
# line must not make the search quadratic.
DIRECTIVE = re.compile(r"<!--\s*govlint-(?P<kind>[A-Za-z-]{0,40})(?P<rest>(?:(?!-->).){0,2000})-->")
KINDS = ("disable", "enable", "disable-line", "disable-next-line", "disable-file")


@dataclass
class Directive:
    kind: str
    codes: set[str] | None  # None: every rule
    line: int
    span: Span
    target: int = 0  # the line a -line / -next-line directive covers
    used: bool = False
    text: str = ""


@dataclass
class Suppressions:
    directives: list[Directive] = field(default_factory=list)
    problems: list[tuple[Span, str, dict]] = field(default_factory=list)
    _regions: dict[str, tuple[list[int], list[tuple[int, Directive]]]] = field(default_factory=dict)

    def covers(self, diagnostic: Diagnostic) -> Directive | None:
        """The directive that hides this diagnostic, or None. Work per diagnostic is small whatever
        the number of directives: line directives are looked up by line, regions by bisection."""
        code, line = diagnostic.code, diagnostic.line
        for directive in self._file_and_line.get(0, ()) + self._file_and_line.get(line, ()):
            if directive.codes is None or code in directive.codes:
                return directive
        regions = self._regions.get(code)
        if regions is None:
            regions = self._regions[code] = self._regions_for(code)
        starts, spans = regions
        index = bisect_left(starts, line) - 1  # the last region starting before the line
        if index >= 0 and line < spans[index][0]:
            return spans[index][1]
        return None

    @cached_property
    def _file_and_line(self) -> dict[int, tuple[Directive, ...]]:
        """disable-file directives under 0, -line and -next-line directives under the line they cover."""
        index: dict[int, tuple[Directive, ...]] = {}
        for directive in self.directives:
            if directive.kind == "disable-file":
                index[0] = index.get(0, ()) + (directive,)
            elif directive.kind in ("disable-line", "disable-next-line"):
                index[directive.target] = index.get(directive.target, ()) + (directive,)
        return index

    def _regions_for(self, code: str) -> tuple[list[int], list[tuple[int, Directive]]]:
        """The disable … enable regions that name `code`: their start lines, and for each its end line
        (exclusive) and the directive that opened it."""
        regions, open_at = [], None
        for directive in self.directives:
            if directive.codes is not None and code not in directive.codes:
                continue
            if directive.kind == "disable":
                if open_at is not None:  # a second disable: the region restarts there
                    regions.append((open_at.line, directive.line + 1, open_at))
                open_at = directive
            elif directive.kind == "enable" and open_at is not None:
                regions.append((open_at.line, directive.line + 1, open_at))
                open_at = None
        if open_at is not None:
            regions.append((open_at.line, 1 << 62, open_at))
        return [start for start, _, _ in regions], [(end, directive) for _, end, directive in regions]


def parse(lines: list[str], rules: list[type]) -> Suppressions:
    found = Suppressions()
    following = None  # for each line, the next non-blank line after it (computed when first needed)
    for number, text in enumerate(lines, 1):
        if "govlint-" not in text:
            continue
        for match in DIRECTIVE.finditer(text):
            span = Span(number, match.start() + 1, number, match.end() + 1)
            kind = match["kind"].lower()
            if kind not in KINDS:
                found.problems.append((span, "unknown-directive", {"directive": f"govlint-{match['kind']}", "known": "、".join("govlint-" + k for k in KINDS)}))
                continue
            body = match["rest"].split("--", 1)[0]
            selectors = [s for s in re.split(r"[\s,，]+", body.strip()) if s]
            codes: set[str] | None = None
            if selectors:
                codes = set()
                unknown = []
                for selector in selectors:
                    matched = match_selector(selector, rules)
                    if matched:
                        codes |= matched
                    else:
                        unknown.append(selector)
                if unknown:  # reported; the codes it does know still apply
                    found.problems.append((span, "unknown-rule", {"rules": "、".join(unknown)}))
                    if not codes:
                        continue
            target = number
            if kind == "disable-next-line":
                if following is None:
                    following = _next_non_blank(lines)
                target = following[number]
            found.directives.append(Directive(kind, codes, number, span, target, text=match.group(0)))
    return found


def _next_non_blank(lines: list[str]) -> list[int]:
    """following[n] = the first non-blank line after line n (1-based), or n + 1 when there is none."""
    following = [0] * (len(lines) + 2)
    upcoming = None
    for number in range(len(lines), 0, -1):
        following[number] = upcoming if upcoming is not None else number + 1
        if lines[number - 1].strip():
            upcoming = number
    return following


def apply(diagnostics: list[Diagnostic], suppressions: Suppressions, path: str, lang: str = "zh") -> list[Diagnostic]:
    """The diagnostics no directive covers, plus GL904 for each malformed directive and GL903 for each
    directive that suppressed nothing."""
    kept = []
    for diagnostic in diagnostics:
        directive = suppressions.covers(diagnostic) if diagnostic.code not in SUPPRESSION_CODES else None
        if directive is None:
            kept.append(diagnostic)
        else:
            directive.used = True
    for span, key, args in suppressions.problems:
        kept.append(to_diagnostic(path, INVALID_SUPPRESSION, INVALID_SUPPRESSION.say(span, key, **args), lang))
    for directive in suppressions.directives:
        if directive.kind != "enable" and not directive.used:
            kept.append(to_diagnostic(path, UNUSED_SUPPRESSION, UNUSED_SUPPRESSION.say(directive.span, "unused", text=directive.text), lang))
    return kept
