"""Rule documentation from its single source (the rule's docstring or YAML entry): `govlint rules`,
`govlint rule CODE`, and the pages under docs/rules/ (regenerate with `python -m govlint.output.docs`)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from govlint.checks.rule import Option


def rules_table(rules: list[type], fmt: str = "text") -> str:
    if fmt == "json":
        return json.dumps([{"code": r.code, "name": r.name, "severity": str(r.severity), "fixable": bool(r.fixable),
                            "plugin": r.plugin, "summary": r.summary} for r in rules], ensure_ascii=False, indent=1) + "\n"
    rows = [f"{r.code:<7} {r.name:<28} {str(r.severity):<8} {'fixable' if r.fixable else '-':<8} {r.plugin:<12} {r.summary}" for r in rules]
    return f"{'code':<7} {'name':<28} {'severity':<8} {'fix':<8} {'plugin':<12} summary\n" + "\n".join(rows) + "\n"


def rule_doc(rule: type) -> str:
    head = f"{rule.code} {rule.name}\n"
    meta = f"severity: {rule.severity} · fixable: {'yes' if rule.fixable else 'no'} · plugin: {rule.plugin}\n"
    options = getattr(rule, "options", None) or {}
    listed = "".join(f"  {name} ({describe_option(option)})\n" for name, option in options.items())
    return head + meta + ("options:\n" + listed if listed else "") + "\n" + rule.documentation() + "\n"


def describe_option(declared) -> str:
    option = Option.of(declared)
    text = f"{option.kind.__name__}, default {option.default!r}"
    if option.choices:
        text += f"; one of {', '.join(map(str, option.choices))}"
    if option.description:
        text += f"; {option.description}"
    return text


def markdown_page(rule: type) -> str:
    options = getattr(rule, "options", None) or {}
    lines = [f"# {rule.code} `{rule.name}`", "", f"*{rule.summary}* — severity **{rule.severity}**, "
             f"{'fixable' if rule.fixable else 'not fixable'}, plugin `{rule.plugin}`.", ""]
    if options:
        lines += ["Options:", ""] + [f"- `{name}` ({describe_option(option)})" for name, option in options.items()] + [""]
    lines += ["```text", rule.documentation(), "```", ""]
    return "\n".join(lines)


def pages(rules: list[type]) -> dict[str, str]:
    """File name → content for docs/rules/, an index included."""
    out = {f"{r.code}.md": markdown_page(r) for r in rules}
    index = ["# govlint rules", "", "Generated from the rules themselves by `python -m govlint.output.docs`; do not edit.", "",
             "| code | name | severity | fixable | summary |", "|---|---|---|---|---|"]
    index += [f"| [{r.code}]({r.code}.md) | {r.name} | {r.severity} | {'yes' if r.fixable else ''} | {r.summary} |" for r in rules]
    out["README.md"] = "\n".join(index) + "\n"
    return out


def builtin_rules() -> list[type]:
    from govlint.engine.config import Config
    from govlint.engine.linter import Linter

    linter = Linter(config=Config(), disabled_plugins=())
    builtin = linter.host.builtin_plugins() | {"engine"}
    return [r for r in linter.rule_classes if r.plugin in builtin]


def main(argv: list[str] | None = None) -> int:
    target = Path(argv[0] if argv else "docs/rules")
    target.mkdir(parents=True, exist_ok=True)
    for old in target.glob("*.md"):
        old.unlink()
    for name, content in pages(builtin_rules()).items():
        (target / name).write_text(content, encoding="utf-8")
    print(f"wrote {len(list(target.glob('*.md')))} pages to {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
