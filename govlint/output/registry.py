"""Which formatters there are: govlint's own, one module each, then the plugins'.

A built-in output format is one module of govlint/output/ named in BUILTIN_MODULES: every
`Formatter` subclass defined in it with a `name` is a value of --format. A plugin's formatters
come from its `govlint_formatters()` hook (see govlint/base/hookspecs.py): Formatter subclasses
or instances, or — the old form, deprecated — `{name: function(diagnostics) -> str}`. A plugin
cannot replace a built-in format or another plugin's; it gets a warning instead.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from govlint.output.formatter import Formatter, FunctionFormatter

BUILTIN_MODULES = [
    "govlint.output.text", "govlint.output.full", "govlint.output.json",
    "govlint.output.sarif", "govlint.output.github", "govlint.output.junit",
    "govlint.output.csv", "govlint.output.html",
]


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
        self.formatters: dict[str, Formatter] = {}
        self.origin: dict[str, str] = {}
        self.warnings: list[str] = []
        for module in BUILTIN_MODULES if modules is None else modules:
            for formatter in formatters_in(importlib.import_module(module)):
                self.formatters[formatter.name] = formatter
                self.origin[formatter.name] = "govlint"

    def add_plugin(self, plugin: str, contributed) -> None:
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
            self.formatters[formatter.name] = formatter
            self.origin[formatter.name] = plugin

    def add_plugins(self, host) -> None:
        """The formatters of the plugins a `govlint.engine.plugins.PluginHost` loaded, each plugin on its own:
        one whose hook fails costs a warning, not the run."""
        for impl in host.manager.hook.govlint_formatters.get_hookimpls():
            try:
                self.add_plugin(impl.plugin_name, impl.function())
            except Exception as error:
                self.warnings.append(f"plugin {impl.plugin_name!r} failed to list its formatters: {type(error).__name__}: {error}")

    def __contains__(self, name: str) -> bool:
        return name in self.formatters

    def __getitem__(self, name: str) -> Formatter:
        return self.formatters[name]

    def names(self) -> list[str]:
        return sorted(self.formatters)


def registry(host=None) -> Registry:
    """govlint's formatters, then those of the plugins `host` loaded (if given)."""
    found = Registry()
    if host is not None:
        found.add_plugins(host)
    return found
