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
    """Return the `govlint.Rule` subclasses this plugin contributes."""


@hookspec
def govlint_template_dirs() -> list[Path]:
    """Return folders of format templates (*.yaml, the shape of rules/templates/) to load."""
