"""The plugin host: built-in packs and third-party packs arrive through the same entry points.

Each plugin is loaded in its own try/except, so one broken plugin costs a warning, not the run.
"""

from __future__ import annotations

import importlib
from importlib.metadata import entry_points
from pathlib import Path

import pluggy

from . import hookspecs
from .rule import Rule, rule_problem

# The packs shipped with govlint, as declared in pyproject.toml's [project.entry-points.govlint].
# When govlint runs from a source tree that was never installed the entry points are missing,
# so these are registered directly.
BUILTIN_PACKS = {
    "core": "govlint.builtin.core",
    "tables": "govlint.builtin.tables",
}
BUILTIN_PREFIX = "GL"


class PluginHost:
    def __init__(self, disabled: tuple[str, ...] = ()):
        self.manager = pluggy.PluginManager(hookspecs.PROJECT)
        self.manager.add_hookspecs(hookspecs)
        self.disabled = set(disabled)
        self.warnings: list[str] = []
        self._load()

    def _load(self) -> None:
        for entry in entry_points(group=hookspecs.PROJECT):
            if entry.name in self.disabled or self.manager.has_plugin(entry.name):
                continue
            try:
                self._register(entry.load(), entry.name)
            except Exception as error:  # a broken plugin must not stop the run
                self.warnings.append(f"plugin {entry.name!r} could not be loaded: {type(error).__name__}: {error}")
        for name, module in BUILTIN_PACKS.items():
            if name not in self.disabled and not self.manager.has_plugin(name):
                self._register(importlib.import_module(module), name)

    def _register(self, plugin, name: str) -> None:
        self.manager.register(plugin, name=name)
        try:
            self.manager.check_pending()
        except pluggy.PluginValidationError as error:
            self.manager.unregister(name=name)
            self.warnings.append(f"plugin {name!r} declares an unknown hook: {error}")

    def rules(self) -> list[type[Rule]]:
        rules: dict[str, type[Rule]] = {}
        for plugin in self.manager.get_plugins():
            name = self.manager.get_name(plugin)
            hook = getattr(plugin, "govlint_rules", None)
            if hook is None:
                continue
            try:
                contributed = list(hook())
            except Exception as error:
                self.warnings.append(f"plugin {name!r} failed to list its rules: {type(error).__name__}: {error}")
                continue
            for rule in contributed:
                problem = rule_problem(rule) if isinstance(rule, type) and issubclass(rule, Rule) else f"{rule!r} is not a govlint.Rule subclass"
                if problem is None and name not in BUILTIN_PACKS and rule.code.startswith(BUILTIN_PREFIX):
                    problem = f"{rule.code} uses the prefix {BUILTIN_PREFIX}, which is reserved for govlint's own rules"
                if problem is None and rule.code in rules:
                    problem = f"{rule.code} is already defined by {rules[rule.code].__module__}"
                if problem:
                    self.warnings.append(f"plugin {name!r}: {problem}; rule skipped")
                    continue
                rule.pack = name if name not in BUILTIN_PACKS else rule.pack
                rules[rule.code] = rule
        return [rules[code] for code in sorted(rules)]

    def template_dirs(self) -> list[Path]:
        dirs: list[Path] = []
        for result in self.manager.hook.govlint_template_dirs():
            dirs.extend(Path(d) for d in result or [])
        return dirs
