"""The hooks a govlint plugin implements; the built-in packs use exactly these.

A plugin is a module (or object) registered under the entry-point group ``govlint``:

    [project.entry-points.govlint]
    guangdong = "govlint_guangdong.rules"

and decorated with ``govlint.hookimpl``.
"""

from __future__ import annotations

from pathlib import Path

import pluggy

PROJECT = "govlint"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def govlint_rules() -> list[type]:
    """Return the `govlint.Rule` subclasses this plugin contributes. A rule declares its options
    (the option schema) as `options = {"name": (type, default)}`; `.govlint.yaml` sets them under
    `options:` and the rule reads them as attributes (dashes become underscores)."""


@hookspec
def govlint_format_dirs() -> list[Path]:
    """Return folders of format formats (*.yaml, the shape of rules/formats/) to load."""


@hookspec
def govlint_formatters() -> list:
    """Return output formats: a list of `govlint.output.Formatter` subclasses (or instances), each an
    extra value for `--format` (its `name`). A formatter declares what it needs (`needs_lines`,
    `needs_rules`, `streaming`) and implements `write(diagnostics, context, out)`; see
    govlint/output/formatter.py and docs/plugins.md. A built-in name is never replaced.

    Deprecated, still accepted: {name: function(diagnostics) -> str}."""


@hookspec
def govlint_readers() -> dict:
    """Return {".suffix": function(data: bytes, path: str) -> str}: read other file types (.docx, .html)
    into text; positions then refer to that text's lines."""


@hookspec
def govlint_history_rules() -> list[type]:
    """Return cross-report rules: subclasses of `govlint.checks.history.HistoryRule`, each comparing a
    report with another report of the same body (`needs = "previous"`: the nearest earlier year, only
    the year just before when `consecutive`; `needs = "same-year"`: another file of the run for the
    same year). A rule returns what it reads from any report in `facts(report)` (JSON data) and its
    findings on this year's report in `check_history(this, other)`, both `YearFacts`. The engine hands
    it the other report found in the run's files and the configured `history`, or never calls it.
    See docs/plugins.md."""
