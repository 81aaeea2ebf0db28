"""Configuration: `.govlint.yaml` or `[tool.govlint]` in pyproject.toml, found by walking up from
each file (the nearest wins; `extend:` inherits explicitly), `--config FILE`, or none (`--isolated`).

Every error names the file, line and column and makes govlint exit 2.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath

from govlint.base.diagnostics import Severity
from govlint.base.errors import GovlintError
from govlint.base.yamlfile import YAMLFileError, read_yaml
from govlint.checks.rule import Option

CONFIG_NAMES = (".govlint.yaml", ".govlint.yml", "pyproject.toml")
KEYS = {
    "select": list, "ignore": list, "extend-select": list, "severity": dict, "per-file-ignores": dict,
    "exclude": list, "options": dict, "report-year": int, "rule-packs": list, "disable-plugins": list,
    "extend": str, "force-exclude": bool, "cache-dir": str, "respect-gitignore": bool,
    "history": list,
}


class ConfigError(GovlintError):
    """The message is `file:line:column: what is wrong`."""


@dataclass
class Config:
    path: Path | None = None  # the file it came from; None for the defaults
    select: list[str] = field(default_factory=lambda: ["ALL"])
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    exclude: list[str] = field(default_factory=list)
    options: dict[str, dict] = field(default_factory=dict)
    report_year: int | None = None
    rule_packs: list[str] = field(default_factory=list)
    disable_plugins: list[str] = field(default_factory=list)
    force_exclude: bool = False
    cache_dir: str | None = None  # absolute (made so from the file's folder when loaded); None: .govlint_cache/ in the working folder
    respect_gitignore: bool = True  # folder walks skip what .gitignore and .ignore files ignore
    history: list[str] | None = None  # globs of other years' reports (absolute once loaded); None: the default folders
    exclude_root: Path | None = None  # the folder `exclude` is relative to: this file's, or the one it inherited them from
    origins: dict[str, str] = field(default_factory=dict)  # key → "file:line" it was set at
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)  # "select[2]" → (line, column)

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def where(self, key: str) -> str:
        line, column = self.positions.get(key, self.positions.get(key.split("[")[0].split(".")[0], (1, 1)))
        return f"{self.path}:{line}:{column}"

    def relative(self, file: Path) -> str:
        try:
            return PurePosixPath(file.resolve().relative_to(self.root.resolve())).as_posix()
        except ValueError:
            return PurePosixPath(file).as_posix()

    def excludes(self, file: Path) -> bool:
        """`exclude` as a .gitignore reads it (gitwildmatch), relative to the configuration's folder:
        `drafts/` any folder named drafts, `/drafts/` only the top one, `2020/*.txt` the .txt files
        directly in 2020/ (not 2020/sub/deep.txt), `2020/**/*.txt` those at any depth, `!keep.md` an
        exception. A file inside an excluded folder is excluded."""
        if not self.exclude:
            return False
        root = self.exclude_root or self.root
        try:
            relative = PurePosixPath(file.resolve().relative_to(root.resolve())).as_posix()
        except ValueError:
            relative = PurePosixPath(file).as_posix().lstrip("/")
        return bool(self._exclude_spec.match_file(relative))

    @cached_property
    def _exclude_spec(self):
        import pathspec

        return pathspec.GitIgnoreSpec.from_lines(self.exclude)

    def ignored_for(self, file: Path) -> list[str]:
        relative = self.relative(file)
        return [sel for pattern, selectors in self.per_file_ignores.items() if _glob(relative, pattern) for sel in selectors]

    def key(self) -> tuple:
        """What makes two configurations lint the same way (for caching linters)."""
        return (str(self.path), tuple(self.select), tuple(self.ignore), tuple(self.extend_select), tuple(sorted(self.severity.items())),
                repr(sorted(self.options.items())), self.report_year, tuple(self.rule_packs), tuple(self.disable_plugins))


def _glob(relative: str, pattern: str) -> bool:
    pattern = pattern.rstrip("/")
    if fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(relative, pattern + "/*"):
        return True
    parts = relative.split("/")
    return any(fnmatch.fnmatch("/".join(parts[i:]), pattern) for i in range(1, len(parts))) or any(
        fnmatch.fnmatch(part, pattern) for part in parts)


# ---- discovery -------------------------------------------------------------------------------
def find_config(start: Path) -> Path | None:
    """The nearest configuration file at or above `start` (a pyproject.toml counts only with [tool.govlint])."""
    folder = start if start.is_dir() else start.parent
    for directory in [folder.resolve(), *folder.resolve().parents]:
        for name in CONFIG_NAMES:
            candidate = directory / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_tool_table(candidate)):
                return candidate
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        return re.search(r"^\[tool\.govlint(\.|\])", path.read_text(encoding="utf-8"), re.MULTILINE) is not None
    except (OSError, UnicodeDecodeError):
        return False


def load_config(path: Path, seen: tuple[Path, ...] = ()) -> Config:
    path = path.resolve()
    if path in seen:
        raise ConfigError(f"{path}:1:1: extend: the configuration extends itself")
    if not path.is_file():
        raise ConfigError(f"{path}:1:1: no such configuration file")
    data, positions = (_read_toml(path) if path.name.endswith(".toml") else _read_yaml(path))
    config = Config(path=path, positions=positions)
    base = None
    if "extend" in data:
        if not isinstance(data["extend"], str) or not data["extend"].endswith((".yaml", ".yml", ".toml")):
            raise ConfigError(f"{path}:{_pos(positions, 'extend')}: extend: expected the path of a .yaml, .yml or .toml configuration")
        base = load_config((path.parent / data["extend"]), (*seen, path))
    if base is not None:
        for name in ("select", "ignore", "extend_select", "severity", "per_file_ignores", "exclude", "options",
                     "report_year", "rule_packs", "disable_plugins", "force_exclude", "cache_dir", "respect_gitignore", "history"):
            setattr(config, name, getattr(base, name))
        config.origins = dict(base.origins)
        # Globs and packs of the base stay relative to the base's folder.
        config.exclude_root = base.exclude_root or base.root
        config.rule_packs = [str((base.root / p).resolve()) for p in base.rule_packs]
    for key, value in data.items():
        where = f"{path}:{_pos(positions, key)}"
        if key not in KEYS:
            raise ConfigError(f"{where}: unknown key {key!r} (known: {', '.join(sorted(KEYS))})")
        expected = KEYS[key]
        if expected is int and isinstance(value, bool) or not isinstance(value, expected):
            raise ConfigError(f"{where}: {key}: expected {_type_name(expected)}, got {_type_name(type(value))}")
        if key == "extend":
            continue
        attribute = key.replace("-", "_")
        if expected is list:
            for index, item in enumerate(value):
                if not isinstance(item, str):
                    raise ConfigError(f"{path}:{_pos(positions, f'{key}[{index}]', key)}: {key}: expected strings, got {_type_name(type(item))}")
        if key == "severity":
            for selector, level in value.items():
                if level not in ("error", "warning", "info"):
                    raise ConfigError(f"{path}:{_pos(positions, f'severity.{selector}', key)}: severity: {selector}: must be error, warning or info, not {level!r}")
        if key == "per-file-ignores":
            for pattern, selectors in value.items():
                if not isinstance(selectors, list) or not all(isinstance(s, str) for s in selectors):
                    raise ConfigError(f"{path}:{_pos(positions, f'per-file-ignores.{pattern}', key)}: per-file-ignores: {pattern}: expected a list of rule codes")
        if key == "options":
            for selector, options in value.items():
                if not isinstance(options, dict):
                    raise ConfigError(f"{path}:{_pos(positions, f'options.{selector}', key)}: options: {selector}: expected a mapping of option names")
        if key == "rule-packs":
            value = [str((path.parent / pack).resolve()) for pack in value]
        if key == "exclude":
            config.exclude_root = path.parent
        if key == "cache-dir":
            if not value.strip():
                raise ConfigError(f"{where}: cache-dir: expected the path of a folder")
            value = str((path.parent / Path(value).expanduser()).resolve())
        if key == "history":
            for index, item in enumerate(value):
                if not item.strip():
                    raise ConfigError(f"{path}:{_pos(positions, f'history[{index}]', key)}: history: expected a glob of report files, got an empty string")
            value = [str(path.parent / Path(item).expanduser()) if not Path(item).expanduser().is_absolute() else str(Path(item).expanduser())
                     for item in value]
        if key == "report-year" and not 2000 <= value <= 2100:
            raise ConfigError(f"{where}: report-year: {value} is not a year")
        setattr(config, attribute, value)
        config.origins[key] = f"{path}:{_pos(positions, key).split(':')[0]}"
    return config


def _type_name(kind) -> str:
    return {list: "a list", dict: "a mapping", str: "a string", int: "an integer", bool: "true or false"}.get(kind, kind.__name__)


def _pos(positions: dict, key: str, fallback: str | None = None) -> str:
    line, column = positions.get(key) or positions.get(fallback or "", (1, 1))
    return f"{line}:{column}"


def _read_yaml(path: Path) -> tuple[dict, dict]:
    try:
        data, positions = read_yaml(path)
    except YAMLFileError as error:
        raise ConfigError(str(error)) from None
    if data is None:
        return {}, {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}:1:1: the configuration must be a mapping of keys")
    return data, positions


def _read_toml(path: Path) -> tuple[dict, dict]:
    import tomllib

    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+), column (\d+)", str(error))
        line, column = (int(match.group(1)), int(match.group(2))) if match else (1, 1)
        raise ConfigError(f"{path}:{line}:{column}: invalid TOML: {str(error).split(' (at')[0]}") from None
    table = data.get("tool", {}).get("govlint", {})
    # tomllib keeps no positions: find each key's line inside the [tool.govlint…] tables.
    positions: dict[str, tuple[int, int]] = {}
    section = None
    for number, line in enumerate(text.split("\n"), 1):
        header = re.match(r"\s*\[+\s*([^\]]+?)\s*\]+", line)
        if header:
            section = header.group(1)
            continue
        if section and (section == "tool.govlint" or section.startswith("tool.govlint.")):
            key = re.match(r"(\s*)(\"[^\"]+\"|'[^']+'|[A-Za-z0-9_\-.]+)\s*=", line)
            if key:
                name = key.group(2).strip("\"'")
                prefix = section[len("tool.govlint"):].lstrip(".")
                positions[f"{prefix}.{name}" if prefix else name] = (number, len(key.group(1)) + 1)
                if prefix and prefix not in positions:
                    positions[prefix] = (number - 1, 1)
    return table, positions


# ---- applying a configuration to the rules ---------------------------------------------------
def resolve(selectors: list[str], rules: list[type], config: Config, key: str) -> set[str]:
    """Rule codes named by selectors: ALL, a code (GL401), a prefix (GL4) or a name (application-balance)."""
    codes: set[str] = set()
    for index, selector in enumerate(selectors):
        matched = match_selector(selector, rules)
        if not matched:
            raise ConfigError(f"{config.where(f'{key}[{index}]') if config.path else '<command line>'}: {key}: unknown rule {selector!r}")
        codes |= matched
    return codes


def match_selector(selector: str, rules: list[type]) -> set[str]:
    selector = selector.strip()
    if selector.upper() == "ALL":
        return {rule.code for rule in rules}
    by_name = {rule.code for rule in rules if rule.name == selector}
    if by_name:
        return by_name
    upper = selector.upper()
    return {rule.code for rule in rules if rule.code.startswith(upper)} if re.fullmatch(r"[A-Z]{2,}\d*", upper) else set()


def enabled_codes(config: Config, rules: list[type], cli_select=None, cli_ignore=None, cli_extend=None) -> set[str]:
    select = resolve(cli_select or config.select, rules, config, "select")
    select |= resolve(config.extend_select + (cli_extend or []), rules, config, "extend-select")
    select -= resolve(config.ignore + (cli_ignore or []), rules, config, "ignore")
    return select


def severities(config: Config, rules: list[type]) -> dict[str, Severity]:
    out = {}
    for selector, level in config.severity.items():
        for code in resolve([selector], rules, config, f"severity.{selector}"):
            out[code] = Severity(level)
    return out


def rule_options(config: Config, rules: list[type]) -> dict[str, dict]:
    """Options per rule code, checked against each rule's declared `options`."""
    out: dict[str, dict] = {}
    by_code = {rule.code: rule for rule in rules}
    for selector, options in config.options.items():
        for code in resolve([selector], rules, config, f"options.{selector}"):
            declared = getattr(by_code[code], "options", {}) or {}
            for name, value in options.items():
                where = config.where(f"options.{selector}.{name}")
                if name not in declared:
                    known = ", ".join(sorted(declared)) or "none"
                    raise ConfigError(f"{where}: options: {code} has no option {name!r} (options: {known})")
                problem = Option.of(declared[name]).problem(value)
                if problem:
                    raise ConfigError(f"{where}: options: {code}.{name}: {problem}")
                out.setdefault(code, {})[name] = value
    return out


def describe(config: Config, rules: list[type]) -> str:
    """`govlint config`: the effective configuration and where each value came from."""
    lines = [f"# configuration: {config.path or 'defaults (no configuration file found)'}"]
    values = {
        "select": config.select, "extend-select": config.extend_select, "ignore": config.ignore,
        "severity": config.severity, "per-file-ignores": config.per_file_ignores, "exclude": config.exclude,
        "force-exclude": config.force_exclude, "options": config.options, "report-year": config.report_year,
        "rule-packs": config.rule_packs, "disable-plugins": config.disable_plugins,
        "cache-dir": config.cache_dir, "respect-gitignore": config.respect_gitignore, "history": config.history,
    }
    for key, value in values.items():
        origin = config.origins.get(key, "default")
        lines.append(f"{key}: {value!r}    # {origin}")
    enabled = enabled_codes(config, rules)
    lines.append(f"# enabled rules ({len(enabled)}): {' '.join(sorted(enabled))}")
    return "\n".join(lines) + "\n"
