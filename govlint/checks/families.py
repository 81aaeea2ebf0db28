"""The rule families: one module per code hundred, each a plugin (see pyproject's entry points)."""

from __future__ import annotations

import sys

from govlint.base.resources import data_dir
from govlint.checks.rule import Rule
from govlint.checks.yaml_packs import rule_classes


def family_rules(module_name: str) -> list[type[Rule]]:
    """The rules of a family module: every Rule class defined in it with a code, then the rules of
    its YAML pack (rules/packs/FAMILY.yaml) when there is one. Registration is derived, never listed."""
    module = sys.modules[module_name]
    rules = [value for value in vars(module).values()
             if isinstance(value, type) and issubclass(value, Rule) and value.__module__ == module_name and "code" in vars(value)]
    pack = data_dir("rules") / "packs" / f"{module_name.rpartition('.')[2]}.yaml"
    if pack.is_file():
        rules.extend(rule_classes(pack))
    return sorted(rules, key=lambda rule: rule.code)
