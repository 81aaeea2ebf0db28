"""Which formatters there are: govlint's own, one module each, then the plugins'.

A built-in output format is one module in govlint/output/formatters/ — nothing lists them: every
`Formatter` subclass defined there with a `name` is a value of --format. Modules are imported only
when needed: `--format json-lines` imports formatters/json.py (a name's first word names its
module), and only listing every name imports them all. A plugin's formatters
come from its `govlint_formatters()` hook (see govlint/base/hookspecs.py): Formatter subclasses
or instances, or — the old form, deprecated — `{name: function(diagnostics) -> str}`. A plugin
cannot replace a built-in format or another plugin's; it gets a warning instead.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

from govlint.output.formatter import Formatter, FunctionFormatter

BUILTIN_PACKAGE = "govlint.output.formatters"


def builtin_modules() -> list[str]:
    """The modules of govlint/output/formatters/, by name (the folder is listed, nothing imported)."""
    folder = Path(__file__).parent / "formatters"
    return sorted(f"{BUILTIN_PACKAGE}.{path.stem}" for path in folder.glob("*.py") if path.stem != "__init__")


def formatters_in(module: ModuleType) -> list[Formatter]:
    """The formatters a module defines: its named Formatter subclasses, in the order written."""
    return [value() for value in vars(module).values()
            if isinstance(value, type) and issubclass(value, Formatter) and value.__module__ == module.__name__ and value.name]


def as_formatters(contributed) -> list[Formatter]:
    """What a plugin's hook returned, as formatters; TypeError names what is not one."""
    if isinstance(contributed, dict):  # {name: function} (deprecated), or {name: Formatter}
        found = []
        for name, value in contributed.items():
            formatter = _instance(value)
            if formatter is None:
                if not callable(value):
                    raise TypeError(f"{value!r} is neither a govlint formatter nor a function")
                formatter = FunctionFormatter(name, value)
            formatter.name = name
            found.append(formatter)
        return found
    single = _instance(contributed)
    if single is not None:  # one formatter, not in a list
        contributed = [single]
    found = []
    for value in contributed or []:
        formatter = _instance(value)
        if formatter is None or not formatter.name:
            raise TypeError(f"{value!r} is not a govlint formatter (a Formatter subclass with a name)")
        found.append(formatter)
    return found


def _instance(value) -> Formatter | None:
    if isinstance(value, type) and issubclass(value, Formatter):
        return value()
    return value if isinstance(value, Formatter) else None


class Registry:
    """--format's values → formatters; `warnings` says what a plugin offered and did not get."""

    def __init__(self, modules: list[str] | None = None):
        self._formatters: dict[str, Formatter] = {}  # loaded so far
        self.origin: dict[str, str] = {}
        self.warnings: list[str] = []
        self._unloaded = list(builtin_modules() if modules is None else modules)

    def _load(self, module: str) -> None:
        self._unloaded.remove(module)
        for formatter in formatters_in(importlib.import_module(module)):
            self._formatters.setdefault(formatter.name, formatter)
            self.origin.setdefault(formatter.name, "govlint")

    def _load_for(self, name: str) -> None:
        """Import the built-in module that should hold `name` (its first word), else every one."""
        guess = [m for m in self._unloaded if m.rpartition(".")[2] == name.split("-")[0]]
        for module in guess or list(self._unloaded):
            self._load(module)
            if name in self._formatters:
                return
        for module in list(self._unloaded):  # a format in a module of another name
            self._load(module)

    def add_plugin(self, plugin: str, contributed) -> None:
        for module in list(self._unloaded):  # a plugin may not take a built-in name: know them all first
            self._load(module)
        try:
            formatters = as_formatters(contributed)
        except TypeError as error:
            self.warnings.append(f"plugin {plugin!r}: {error}; its formatters skipped")
            return
        for formatter in formatters:
            taken = self.origin.get(formatter.name)
            if taken is not None:
                by = "built in" if taken == "govlint" else f"already added by plugin {taken!r}"
                self.warnings.append(f"plugin {plugin!r}: --format {formatter.name} is {by}; formatter skipped")
                continue
            self._formatters[formatter.name] = formatter
            self.origin[formatter.name] = plugin

    def add_plugins(self, host) -> None:
        """The formatters of the plugins a `govlint.engine.plugins.PluginHost` loaded, each plugin on its own:
        one whose hook fails costs a warning, not the run."""
        for impl in host.manager.hook.govlint_formatters.get_hookimpls():
            try:
                self.add_plugin(impl.plugin_name, impl.function())
            except Exception as error:
                self.warnings.append(f"plugin {impl.plugin_name!r} failed to list its formatters: {type(error).__name__}: {error}")

    @property
    def formatters(self) -> dict[str, Formatter]:
        """Every formatter, built-in and plugins' (imports every built-in module)."""
        self.names()
        return self._formatters

    def __contains__(self, name: str) -> bool:
        if name not in self._formatters and self._unloaded:
            self._load_for(name)
        return name in self._formatters

    def __getitem__(self, name: str) -> Formatter:
        if name not in self:
            raise KeyError(name)
        return self._formatters[name]

    def names(self) -> list[str]:
        for module in list(self._unloaded):
            self._load(module)
        return sorted(self._formatters)


def registry(host=None) -> Registry:
    """govlint's formatters, then those of the plugins `host` loaded (if given)."""
    found = Registry()
    if host is not None:
        found.add_plugins(host)
    return found
