"""The JSON Schema of the configuration (docs/config.schema.json): generated from the declarations,
up to date, in agreement with govlint's own checks, and every documented configuration passes it."""

import json
import re
import tomllib
from pathlib import Path

import jsonschema
import pytest
from conftest import run_cli
from ruamel.yaml import YAML

from govlint.engine.config import (
    KEYS,
    ConfigError,
    enabled_codes,
    load_config,
    rule_options,
    severities,
)
from govlint.output.schema import (
    DESCRIPTIONS,
    builtin_rules,
    config_schema,
    pyproject_schema,
    render,
)

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "docs" / "config.schema.json"
SCHEMA = json.loads(SHIPPED.read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft7Validator(SCHEMA)


def problems(data) -> list[str]:
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in VALIDATOR.iter_errors(data)]


# ---- generated, and up to date -------------------------------------------------------------------
def test_the_shipped_schema_is_up_to_date():
    assert SHIPPED.read_text(encoding="utf-8") == render(config_schema()), \
        "docs/config.schema.json is out of date: run `python -m govlint.output.schema docs/config.schema.json`"


def test_the_schema_follows_the_declarations():
    jsonschema.Draft7Validator.check_schema(SCHEMA)
    assert set(SCHEMA["properties"]) == set(KEYS) and SCHEMA["additionalProperties"] is False
    assert not set(KEYS) - set(DESCRIPTIONS), "describe the new configuration keys in govlint/output/schema.py DESCRIPTIONS"
    assert all(SCHEMA["properties"][key]["description"] for key in KEYS)
    options = SCHEMA["properties"]["options"]["properties"]
    for rule in builtin_rules():
        for key in (rule.code, rule.name):
            declared = {name: getattr(option, "default", None) for name, option in (rule.options or {}).items()}
            assert {name: o["default"] for name, o in options[key]["properties"].items()} == declared
    assert options["GL204"]["properties"]["body-type"]["enum"] == ["auto", "department", "government"]
    assert options["GL105"]["properties"]["min-chars"] == {**options["GL105"]["properties"]["min-chars"], "type": "integer", "minimum": 0}
    assert ".invalid" not in SHIPPED.read_text(encoding="utf-8")


def test_govlint_schema_prints_it():
    builtin = run_cli("schema", "--builtin")
    assert builtin.returncode == 0 and builtin.stdout.decode("utf-8") == SHIPPED.read_text(encoding="utf-8")
    installed = json.loads(run_cli("schema").stdout)  # the installed plugins' options too (none here beyond govlint's)
    assert set(SCHEMA["properties"]["options"]["properties"]) <= set(installed["properties"]["options"]["properties"])
    whole = json.loads(run_cli("schema", "--pyproject").stdout)
    assert whole["properties"]["tool"]["properties"]["govlint"]["properties"] == SCHEMA["properties"]
    assert whole == pyproject_schema()


# ---- the schema says what govlint says ------------------------------------------------------------
GOOD = [
    {}, {"select": ["ALL"]}, {"select": ["gl4", "application-balance", "GL601"]}, {"ignore": ["GL603"], "extend-select": ["FJ"]},
    {"severity": {"GL105": "error", "late-publication": "info"}}, {"per-file-ignores": {"archive/2019/*.md": ["GL304"]}},
    {"options": {"GL204": {"body-type": "government", "government-deadline": "03-31"}}},
    {"options": {"empty-section": {"min-chars": 0}, "halfwidth-punctuation": {"parentheses": True}}},
    {"report-year": 2024}, {"force-exclude": True, "exclude": ["drafts/"]}, {"disable-plugins": ["fujian"]},
    {"extend": "base.yaml"},
]
BAD = [
    {"selct": ["ALL"]}, {"select": "ALL"}, {"select": [1]}, {"select": ["no-such-rule"]},
    {"severity": {"GL105": "fatal"}}, {"options": {"GL204": {"body-type": "x"}}}, {"options": {"GL204": {"nope": 1}}},
    {"options": {"GL401": {"x": 1}}}, {"options": {"empty-section": {"min-chars": -1}}}, {"options": {"GL601": {"parentheses": "yes"}}},
    {"options": {"GL204": {"department-deadline": "1-31"}}}, {"options": {"GL204": "government"}},
    {"report-year": 1999}, {"report-year": True}, {"extend": "base.json"}, {"per-file-ignores": {"a/*.md": "GL304"}},
    {"force-exclude": "yes"},
]


def govlint_accepts(tmp_path: Path, data: dict) -> bool:
    (tmp_path / "base.yaml").write_text("{}\n", encoding="utf-8")
    path = tmp_path / ".govlint.yaml"
    path.write_text(json.dumps(data, ensure_ascii=False) + "\n", encoding="utf-8")  # JSON is YAML
    rules = builtin_rules()
    try:
        config = load_config(path)
        config.extend_select = [s for s in config.extend_select if s != "FJ"]  # a plugin's prefix: not installed here
        enabled_codes(config, rules), severities(config, rules), rule_options(config, rules)
    except ConfigError:
        return False
    return True


@pytest.mark.parametrize("data", GOOD, ids=lambda d: json.dumps(d, ensure_ascii=False))
def test_what_govlint_accepts_the_schema_accepts(tmp_path, data):
    assert govlint_accepts(tmp_path, data) and problems(data) == []


@pytest.mark.parametrize("data", BAD, ids=lambda d: json.dumps(d, ensure_ascii=False))
def test_what_govlint_refuses_the_schema_refuses(tmp_path, data):
    assert not govlint_accepts(tmp_path, data) and problems(data) != []


# ---- every documented configuration passes ----------------------------------------------------------
DOCUMENTS = ["README.md", "README.zh-CN.md", "docs/plugins.md", "docs/editors.md", "docs/quickstart-en.md"]
FENCE = re.compile(r"^```(yaml|yml|toml)[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
INLINE = re.compile(r"`((?:{}):[^`\n]+)`".format("|".join(map(re.escape, KEYS))))


def documented_configurations() -> list[tuple[str, object]]:
    """(where, configuration) for each configuration shown in the documentation and the examples:
    YAML blocks with a configuration key at the top, [tool.govlint] in TOML blocks, inline `key: value`
    snippets, and the examples' configuration files."""
    found = []
    yaml = YAML(typ="safe")
    for name in DOCUMENTS:
        path = ROOT / name
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        for match in FENCE.finditer(text):
            line = text[:match.start()].count("\n") + 1
            if match.group(1) == "toml":
                table = tomllib.loads(match.group(2)).get("tool", {}).get("govlint")
                if table is not None:
                    found.append((f"{name}:{line}", table))
                continue
            data = yaml.load(match.group(2))
            if isinstance(data, dict) and set(data) & set(KEYS):
                found.append((f"{name}:{line}", data))
        for match in INLINE.finditer(text):
            found.append((f"{name}:{text[:match.start()].count(chr(10)) + 1}", yaml.load(match.group(1))))
    for path in sorted((ROOT / "examples").rglob("*")):
        if path.name in (".govlint.yaml", ".govlint.yml"):
            found.append((str(path.relative_to(ROOT)), yaml.load(path.read_text(encoding="utf-8")) or {}))
        elif path.name == "pyproject.toml":
            table = tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {}).get("govlint")
            if table is not None:
                found.append((str(path.relative_to(ROOT)), table))
    return found


def test_every_documented_configuration_passes_the_schema():
    found = documented_configurations()
    where = [w.split(":")[0] for w, _ in found]
    # The configuration example of the README and the snippets of the plugin guide are among them.
    assert where.count("README.md") >= 2 and where.count("docs/plugins.md") >= 3 and where.count("docs/editors.md") >= 2
    readme_block = next(data for w, data in found if w.startswith("README.md") and isinstance(data, dict) and "options" in data and "select" in data)
    assert set(readme_block) >= {"select", "ignore", "severity", "per-file-ignores", "exclude", "options", "report-year"}
    failures = {w: problems(data) for w, data in found if problems(data)}
    assert failures == {}


def test_a_mistake_in_a_documented_configuration_would_be_caught():
    """The check above is not vacuous: the README's example with one typo fails."""
    readme = next(data for w, data in documented_configurations() if w.startswith("README.md") and isinstance(data, dict) and "options" in data)
    broken = json.loads(json.dumps(readme))
    broken["options"]["late-publication"]["body-type"] = "governmnet"
    assert problems(broken) == ["options/late-publication/body-type: 'governmnet' is not one of ['auto', 'department', 'government']"]


def test_the_pyproject_schema_checks_only_tool_govlint():
    """`govlint schema --pyproject` (for taplo): a whole pyproject.toml, other tables left alone."""
    validator = jsonschema.Draft7Validator(pyproject_schema())
    document = tomllib.loads('[project]\nname = "docs"\n[tool.ruff]\nline-length = 100\n'
                             '[tool.govlint]\nignore = ["GL603"]\n[tool.govlint.options.late-publication]\nbody-type = "government"\n')
    assert list(validator.iter_errors(document)) == []
    document["tool"]["govlint"]["options"]["late-publication"]["body-type"] = "governmnet"
    document["tool"]["govlint"]["selct"] = ["ALL"]
    assert sorted(error.message for error in validator.iter_errors(document)) == [
        "'governmnet' is not one of ['auto', 'department', 'government']",
        "Additional properties are not allowed ('selct' was unexpected)",
    ]
