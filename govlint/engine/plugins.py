"""The plugin host: built-in packs and third-party packs arrive through the same entry points.

Each plugin is loaded in its own try/except, so one broken plugin costs a warning, not the run.
"""

from __future__ import annotations

import importlib
import os
import sys
from functools import reduce
from pathlib import Path

import pluggy

from govlint.base import datacache as cache
from govlint.base import hookspecs
from govlint.checks.history import HistoryRule
from govlint.checks.rule import Rule, rule_problem
from govlint.checks.yaml_packs import rule_classes
from govlint.engine.codes import ENGINE_RULES

# govlint's own rule families are plugins like any other, declared once: in pyproject.toml's
# [project.entry-points.govlint]. They are told apart from third-party plugins by their module.
BUILTIN_MODULE = "govlint."
BUILTIN_PREFIX = "GL"


def install_stamp() -> str:
    """Changes whenever a distribution is installed, upgraded or removed (see `entry_points`), and
    only then: where govlint was launched from (the script's folder or the working folder, first on
    sys.path, changing for reasons of their own) is left out, so every launch shares one entry."""
    stamps = []
    here = os.getcwd()
    launch = os.path.abspath(sys.path[0]) if sys.path and sys.path[0] and not sys.flags.safe_path else None
    for folder in sys.path:
        if not folder or os.path.abspath(folder) in (here, launch):
            continue
        try:
            stamps.append((folder, os.stat(folder).st_mtime_ns))
        except OSError:
            continue
    return cache.key("install", stamps)


def entry_points() -> list[tuple[str, str]]:
    """The (name, "module:attribute") pairs of the `govlint` entry-point group.

    Scanning every installed distribution costs more than the rest of start-up, so the answer is
    cached against the modification times of the folders on sys.path, which change whenever a
    distribution is installed, upgraded or removed.
    """
    entry = install_stamp()
    found = cache.load("entry-points", entry)
    if found is None:
        from importlib.metadata import entry_points as scan

        found = [(point.name, point.value) for point in scan(group=hookspecs.PROJECT)]
        cache.store("entry-points", entry, found)
    return found


def load_entry_point(value: str):
    module, _, attribute = value.partition(":")
    loaded = importlib.import_module(module.strip())
    return reduce(getattr, attribute.strip().split("."), loaded) if attribute.strip() else loaded


class PluginHost:
    _shared: dict = {}

    @classmethod
    def shared(cls, disabled: tuple[str, ...] = (), packs: list[Path] = ()) -> "PluginHost":
        """One host per set of disabled plugins and packs in a process: plugins load once."""
        key = (tuple(sorted(disabled)), tuple(str(p) for p in packs))
        if key not in cls._shared:
            cls._shared[key] = cls(disabled, packs)
        return cls._shared[key]

    def __init__(self, disabled: tuple[str, ...] = (), packs: list[Path] = ()):
        self.manager = pluggy.PluginManager(hookspecs.PROJECT)
        self.manager.add_hookspecs(hookspecs)
        self.disabled = set(disabled)
        self.packs = list(packs)
        self.warnings: list[str] = []
        for name in self.disabled:
            self.manager.set_blocked(name)
        self._load()

    def _load(self) -> None:
        for name, value in entry_points():
            if name in self.disabled or self.manager.has_plugin(name):
                continue
            try:
                self._register(load_entry_point(value), name)
            except (Exception, SystemExit) as error:  # a broken plugin (even one calling sys.exit) must not stop the run
                self._warn(f"plugin {name!r} could not be loaded: {type(error).__name__}: {error}")

    def _register(self, plugin, name: str) -> None:
        self.manager.register(plugin, name=name)
        try:
            self.manager.check_pending()
        except pluggy.PluginValidationError as error:
            self.manager.unregister(name=name)
            self._warn(f"plugin {name!r} declares an unknown hook: {error}")

    def builtin_plugins(self) -> set[str]:
        """The names of govlint's own plugins (its rule families)."""
        return {name for name, value in entry_points() if value.startswith(BUILTIN_MODULE)}

    def rules(self) -> list[type[Rule]]:
        """Every rule: the engine's own (GL9xx), the plugins', then the configured YAML packs'."""
        rules: dict[str, type[Rule]] = {rule.code: rule for rule in ENGINE_RULES}
        builtin = self.builtin_plugins()
        for plugin in self.manager.get_plugins():
            name = self.manager.get_name(plugin)
            contributed = []
            for hook_name, base in (("govlint_rules", Rule), ("govlint_history_rules", HistoryRule)):
                hook = getattr(plugin, hook_name, None)
                if hook is None:
                    continue
                try:
                    contributed += [(rule, base) for rule in hook()]
                except (Exception, SystemExit) as error:
                    self._warn(f"plugin {name!r} failed to list its rules: {type(error).__name__}: {error}")
            for rule, base in contributed:
                kind = "govlint.Rule" if base is Rule else "govlint.checks.history.HistoryRule"
                problem = rule_problem(rule) if isinstance(rule, type) and issubclass(rule, base) else f"{rule!r} is not a {kind} subclass"
                if problem is None and name not in builtin and rule.code.startswith(BUILTIN_PREFIX):
                    problem = f"{rule.code} uses the prefix {BUILTIN_PREFIX}, which is reserved for govlint's own rules"
                if problem is None and rule.code in rules:
                    problem = f"{rule.code} is already defined by {rules[rule.code].__module__}"
                if problem:
                    self._warn(f"plugin {name!r}: {problem}; rule skipped")
                    continue
                rule.plugin = name
                rules[rule.code] = rule
        for path in self.packs:  # the configuration's `rule-packs`; a broken one is an error (PackError)
            for rule in rule_classes(path, trusted=False):
                if rule.code in rules:
                    self._warn(f"rule pack {path}: {rule.code} is already defined by {rules[rule.code].plugin}; rule skipped")
                    continue
                rule.plugin = f"yaml:{rule.data['pack']}"  # a YAML pack is data, not a plugin: -p no:NAME does not apply
                rules[rule.code] = rule
        return [rules[code] for code in sorted(rules)]

    def _warn(self, message: str) -> None:
        """A warning once, however often the host is asked again."""
        if message not in self.warnings:
            self.warnings.append(message)

    def _each(self, hook: str, expected: type):
        """(plugin name, result) of one hook, plugin by plugin: a plugin whose hook raises (or exits)
        or returns something other than `expected` costs a warning, never the run."""
        for plugin in self.manager.get_plugins():
            name = self.manager.get_name(plugin)
            function = getattr(plugin, hook, None)
            if function is None:
                continue
            try:
                result = function()
            except (Exception, SystemExit) as error:
                self._warn(f"plugin {name!r}: {hook} failed: {type(error).__name__}: {error}")
                continue
            if result is None:
                continue
            if not isinstance(result, expected):
                self._warn(f"plugin {name!r}: {hook} returned {type(result).__name__}, not {expected.__name__}; ignored")
                continue
            yield name, result

    def format_dirs(self) -> list[Path]:
        dirs: list[Path] = []
        for name, result in self._each("govlint_format_dirs", (list, tuple)):
            for folder in result:
                if isinstance(folder, (str, Path)) and Path(folder).is_dir():
                    dirs.append(Path(folder))
                else:
                    self._warn(f"plugin {name!r}: govlint_format_dirs: {folder!r} is not a folder; ignored")
        return dirs

    def readers(self) -> dict:
        merged = {}
        for name, result in self._each("govlint_readers", dict):
            for suffix, reader in result.items():
                if isinstance(suffix, str) and suffix.startswith(".") and callable(reader):
                    merged[suffix.lower()] = reader
                else:
                    self._warn(f"plugin {name!r}: govlint_readers: {suffix!r} is not a '.suffix' with a function; ignored")
        return merged
