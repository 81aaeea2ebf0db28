"""Inline suppressions, in HTML comments so they disappear from rendered Markdown:

    <!-- govlint-disable GL301 -- 本表为合并单元格导出 -->   … <!-- govlint-enable GL301 -->
    <!-- govlint-disable-line GL601 -->        <!-- govlint-disable-next-line year-mismatch -->
    <!-- govlint-disable-file GL503 -->

Rules are named by code, prefix or name; none means every rule; a reason may follow `--`. The same
comments work in .txt reports. A directive that suppresses nothing is GL903; a malformed one GL904.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from govlint.base.diagnostics import Diagnostic, to_diagnostic
from govlint.base.spans import Span
from govlint.engine.codes import (
    INVALID_SUPPRESSION,
    SUPPRESSION_CODES,
    UNUSED_SUPPRESSION,
)
from govlint.engine.config import match_selector

DIRECTIVE = re.compile(r"<!--\s*govlint-(?P<kind>[A-Za-z-]*)(?P<rest>(?:(?!-->).)*)-->")
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

    def covers(self, diagnostic: Diagnostic) -> Directive | None:
        code, line = diagnostic.code, diagnostic.line

        def names(directive):
            return directive.codes is None or code in directive.codes

        for directive in self.directives:
            if directive.kind == "disable-file" and names(directive):
                return directive
            if directive.kind in ("disable-line", "disable-next-line") and directive.target == line and names(directive):
                return directive
        region = None
        for directive in self.directives:
            if directive.line >= line:
                break
            if directive.kind == "disable" and names(directive):
                region = directive
            elif directive.kind == "enable" and region is not None and (directive.codes is None or code in directive.codes):
                region = None
        return region


def parse(lines: list[str], rules: list[type]) -> Suppressions:
    found = Suppressions()
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
                if unknown:
                    found.problems.append((span, "unknown-rule", {"rules": "、".join(unknown)}))
                    continue
            target = number
            if kind == "disable-next-line":
                target = next((n for n in range(number + 1, len(lines) + 1) if lines[n - 1].strip()), number + 1)
            found.directives.append(Directive(kind, codes, number, span, target, text=match.group(0)))
    return found


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
