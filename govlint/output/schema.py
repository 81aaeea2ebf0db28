"""The JSON Schema of govlint's configuration: `.govlint.yaml`, and the `[tool.govlint]` table of
pyproject.toml (the same keys), for editors to complete and check.

Generated, never written by hand, from the one source of truth: the configuration keys and their
types (`govlint.engine.config.KEYS`) and each rule's declared options (`Rule.options`, `Option`:
type, default, choices, pattern, minimum). The shipped copy is `docs/config.schema.json`:

    python -m govlint.output.schema docs/config.schema.json     # govlint's own rules (the shipped file)
    govlint schema -o .govlint.schema.json                      # also the options of installed plugins
    govlint schema --pyproject -o pyproject.schema.json         # a whole pyproject.toml (for taplo)

and a test fails when the shipped copy is out of date.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from govlint.checks.rule import Option
from govlint.engine.config import KEYS
from govlint.engine.plugins import PluginHost

DRAFT = "http://json-schema.org/draft-07/schema#"  # the draft yaml-language-server and taplo read best
TYPES = {list: "array", dict: "object", int: "integer", str: "string", bool: "boolean", float: "number"}
SEVERITIES = ["error", "warning", "info"]
# What each key means, for the editor's hover. A key in KEYS without a line here still gets its type
# (and a test fails until it is described).
DESCRIPTIONS = {
    "select": "The rules to run: codes (GL401), prefixes (GL4), names (application-balance) or ALL. Default: [ALL].",
    "extend-select": "Rules to run in addition to `select` (for example a plugin's prefix, FJ).",
    "ignore": "Rules not to run: codes, prefixes or names.",
    "severity": "A severity per rule (code, prefix or name): error, warning or info. Only errors make the exit code 1.",
    "per-file-ignores": "Rules not to run for some files: {glob: [rules]}, globs relative to this file's folder.",
    "exclude": "Files and folders not to check (globs relative to this file's folder).",
    "force-exclude": "Apply `exclude` to files named on the command line too (as pre-commit needs).",
    "options": "Rule options: {rule code or name: {option: value}}.",
    "report-year": "The report year to assume when a title has no year.",
    "rule-packs": "YAML rule packs to load (paths relative to this file's folder).",
    "disable-plugins": "Plugins not to load, by entry-point name.",
    "extend": "Another configuration (.yaml, .yml or .toml) this one inherits from, relative to this file.",
    "cache-dir": "The folder of the cache, relative to this file's folder. Default: .govlint_cache/ in the working folder.",
    "respect-gitignore": "Whether folder walks skip what .gitignore and .ignore files ignore. Default: true.",
    "history": "Where the reports of other years are (globs relative to this file's folder), for the cross-report rules (GL7xx). "
               "Default: the .md, .markdown and .txt report files in each checked file's folder and in its sibling folders named by a year "
               "(2024/, 2024年/); [] for none.",
}
# A selector: a code or prefix (letters, then digits), ALL, or a rule's name.
SELECTOR_PATTERN = "^[A-Za-z]{2,}[0-9]*$"
SCHEMA_ID = "urn:govlint:config"


def builtin_rules() -> list[type]:
    """govlint's own rules: its rule families and the engine's codes (no third-party plugin)."""
    host = PluginHost()
    builtin = host.builtin_plugins() | {"engine"}
    return [rule for rule in host.rules() if rule.plugin in builtin]


def installed_rules() -> list[type]:
    """Every rule of this installation: govlint's own and those of installed plugins."""
    return PluginHost().rules()


def option_schema(rule: type, name: str, declared) -> dict:
    option = Option.of(declared)
    schema: dict = {"type": TYPES.get(option.kind, "string")}
    if option.choices:
        schema["enum"] = list(option.choices)
    if option.pattern:
        schema["pattern"] = f"^(?:{option.pattern})$"  # Option.problem uses re.fullmatch
    if option.minimum is not None:
        schema["minimum"] = option.minimum
    schema["default"] = option.default
    what = f" ({option.description})" if option.description else ""
    schema["description"] = f"{rule.code} {rule.name}: {name}{what}. Default: {json.dumps(option.default, ensure_ascii=False)}."
    return schema


def rule_options_schema(rule: type) -> dict:
    declared = getattr(rule, "options", None) or {}
    properties = {name: option_schema(rule, name, option) for name, option in sorted(declared.items())}
    schema: dict = {"type": "object", "properties": properties, "additionalProperties": False}
    if not properties:
        schema["maxProperties"] = 0
        schema["description"] = f"{rule.code} {rule.name} has no options."
    else:
        schema["description"] = f"{rule.code} {rule.name}: {rule.summary}"
    return schema


def selector_schema(rules: list[type]) -> dict:
    names = sorted({rule.name for rule in rules})
    codes = sorted({rule.code for rule in rules})
    return {
        "type": "string",
        "anyOf": [{"enum": ["ALL", *codes, *names]}, {"pattern": SELECTOR_PATTERN}],
        "description": "A rule code (GL401), a prefix (GL4), a rule name (application-balance) or ALL.",
    }


def config_schema(rules: list[type] | None = None) -> dict:
    """The schema of a configuration for these rules (default: govlint's own).

    Self-contained (no `$ref`), so every consumer reads it alike: yaml-language-server, taplo,
    validate-pyproject (whose validator resolves references only against web addresses) and
    jsonschema. The `$id` is a name, not a place: there is no web site to point to."""
    rules = builtin_rules() if rules is None else rules
    selector = selector_schema(rules)
    selectors = {"type": "array", "items": selector}
    refine = {
        "select": {"items": selector}, "extend-select": {"items": selector}, "ignore": {"items": selector},
        "severity": {"propertyNames": selector, "additionalProperties": {"enum": SEVERITIES}},
        "per-file-ignores": {"additionalProperties": selectors},
        "exclude": {"items": {"type": "string"}},
        "rule-packs": {"items": {"type": "string"}},
        "disable-plugins": {"items": {"type": "string"}},
        "report-year": {"minimum": 2000, "maximum": 2100},
        "extend": {"pattern": r"\.(yaml|yml|toml)$"},
        "cache-dir": {"pattern": r"\S"},
        "history": {"items": {"type": "string", "pattern": r"\S"}},
        # A selector that is not one of these rules (a prefix, a plugin's rule): govlint checks it when it loads.
        "options": {"propertyNames": selector, "properties": {}, "additionalProperties": {"type": "object"}},
    }
    for rule in rules:
        for key in (rule.code, rule.name):
            refine["options"]["properties"][key] = rule_options_schema(rule)
    properties = {}
    for key, kind in KEYS.items():
        properties[key] = {"type": TYPES.get(kind, "string"), **({"description": DESCRIPTIONS[key]} if key in DESCRIPTIONS else {}), **refine.get(key, {})}
    return {
        "$schema": DRAFT,
        "$id": SCHEMA_ID,
        "title": "govlint configuration",
        "description": "govlint's configuration: .govlint.yaml, or [tool.govlint] in pyproject.toml. "
                       "Generated from govlint's declarations by `python -m govlint.output.schema`; "
                       "`govlint schema` adds the options of installed plugins.",
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }


def pyproject_schema(rules: list[type] | None = None) -> dict:
    """A schema for a whole pyproject.toml that checks only its [tool.govlint] table, for tools that
    apply a schema to a whole file (taplo / Even Better TOML). Everything else is left alone."""
    config = config_schema(rules)
    inner = {key: value for key, value in config.items() if key not in ("$schema", "$id")}
    return {
        "$schema": DRAFT,
        "$id": f"{SCHEMA_ID}:pyproject",
        "title": "pyproject.toml with govlint's [tool.govlint]",
        "type": "object",
        "properties": {"tool": {"type": "object", "properties": {"govlint": inner}}},
    }


def render(schema: dict) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    """`python -m govlint.output.schema [FILE]`: the schema of govlint's own rules, to FILE or stdout."""
    argv = sys.argv[1:] if argv is None else argv
    text = render(config_schema())
    if argv:
        Path(argv[0]).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
