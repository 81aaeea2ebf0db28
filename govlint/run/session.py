"""A run's session: the choices of one run (configuration, selection, plugins, language) and the
configuration and linter each file gets from them."""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path

from govlint.base.errors import UsageError
from govlint.engine.config import Config, find_config, load_config
from govlint.engine.linter import Linter
from govlint.engine.plugins import PluginHost
from govlint.read.files import read_file
from govlint.read.source import Source


def message_language(choice: str | None) -> str:
    """--lang wins; otherwise an English locale (LC_ALL, LC_MESSAGES, LANG = en_…) gives English."""
    if choice:
        return choice
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"


def disabled_plugins(specs: list[str]) -> tuple[str, ...]:
    names = []
    for spec in specs:
        if not spec.startswith("no:") or not spec[3:]:
            raise UsageError(f"-p {spec}: expected -p no:NAME")
        names.append(spec[3:])
    return tuple(names)


def split_list(value: str | None) -> list[str] | None:
    return [part.strip() for part in value.split(",") if part.strip()] if value else None


class Session:
    """One run's choices, and what follows from them for each file: the configuration that applies
    (the nearest file, unless one is fixed) and a linter per configuration, made once each.

    The command line, the worker processes of `-j N`, the Python API and the language server all
    check files through a session, so a file gets the same findings whichever way it is checked.
    """

    def __init__(self, *, config: str | Path | Config | None = None, isolated: bool = False, select: list[str] | None = None,
                 ignore: list[str] | None = None, disabled_plugins: tuple[str, ...] = (), lang: str | None = None,
                 quiet: bool = False):
        # what a worker process of `-j N` needs to make the same session
        self.recipe = dict(config=config, isolated=isolated, select=select, ignore=ignore, disabled_plugins=tuple(disabled_plugins), lang=lang)
        self.select, self.ignore, self.quiet = select, ignore, quiet
        self.disabled = tuple(disabled_plugins)
        self.lang = message_language(lang)
        if isinstance(config, Config):
            self.fixed = config
        else:
            self.fixed = load_config(Path(config)) if config else (Config() if isolated else None)
        self._configs: dict[Path, Config] = {}
        self._linters: dict[tuple, Linter] = {}
        self._host = None
        self._readers = None
        self.warnings_shown: set[str] = set()

    @classmethod
    def from_args(cls, args, quiet: bool = False) -> "Session":
        """The session the command line's options describe."""
        return cls(config=args.config, isolated=args.isolated, select=split_list(args.select), ignore=split_list(args.ignore),
                   disabled_plugins=disabled_plugins(args.plugins), lang=args.lang, quiet=quiet)

    @property
    def host(self) -> PluginHost:
        """A plugin host for what is not per-configuration: readers and formatters."""
        if self._host is None:
            self._host = PluginHost.shared(self.disabled)
        return self._host

    @property
    def readers(self) -> dict:
        """{".suffix": reader} from the plugins: how files other than text reports are read."""
        if self._readers is None:
            self._readers = self.host.readers()
        return self._readers

    def read(self, path: Path, display: str | None = None) -> Source:
        return read_file(path, self.readers, display)

    def config_for(self, path: Path) -> Config:
        """The configuration for a file or folder: the fixed one, else the nearest file's, else the defaults."""
        if self.fixed is not None:
            return self.fixed
        folder = (path if path.is_dir() else path.parent).resolve()
        if folder not in self._configs:
            found = find_config(folder) if folder.exists() else None
            self._configs[folder] = load_config(found) if found else Config()
        return self._configs[folder]

    def linter_for(self, config: Config) -> Linter:
        key = config.key()
        if key not in self._linters:
            linter = Linter(config=config, select=self.select, ignore=self.ignore, disabled_plugins=self.disabled, lang=self.lang)
            for warning in linter.host.warnings:
                if not self.quiet and warning not in self.warnings_shown:
                    print(f"govlint: warning: {warning}", file=sys.stderr)
                self.warnings_shown.add(warning)
            self._linters[key] = linter
        return self._linters[key]

    def linter_for_path(self, path: Path) -> Linter:
        return self.linter_for(self.config_for(path))

    def lint(self, source: Source, path: Path) -> list:
        """The diagnostics for one decoded file, with the configuration that applies to `path`; for a
        converted file each carries its place in the original (`origin`)."""
        return self.lint_with_facts(source, path)[0]

    def lint_with_facts(self, source: Source, path: Path) -> tuple[list, dict | None]:
        """The diagnostics (as `lint`) and what the cross-report rules read from the report (None when
        none is enabled): the facts the history pass (govlint/run/history.py) compares across years."""
        linter = self.linter_for_path(path)
        report, diagnostics = linter.check(source, path)
        facts = linter.facts(report, source.path)
        return self.located(source, diagnostics), facts

    def located(self, source: Source, diagnostics: list) -> list:
        """For a converted file, each diagnostic with its place in the original (`origin`)."""
        if source.converted is None:
            return diagnostics
        located = []
        for diagnostic in diagnostics:
            origin = source.converted.origin_at(diagnostic.line, diagnostic.column)
            located.append(replace(diagnostic, origin=origin.to_dict()) if origin is not None else diagnostic)
        return located
