"""The built-in declarative packs (rules/packs/*.yaml): GL502, GL503, GL604."""

from __future__ import annotations

from ..hookspecs import hookimpl
from ..packs import builtin_packs, rule_classes


@hookimpl
def govlint_rules():
    return [rule for path in builtin_packs() for rule in rule_classes(path)]
