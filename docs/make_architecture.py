"""Draw govlint's architecture from its imports: `python docs/make_architecture.py` rewrites the
generated part of docs/architecture.md (a Mermaid diagram of which package imports which, and each
module's one-line purpose). tests/test_architecture.py fails when it is out of date.

The diagram is made from the code (grimp reads the imports, as import-linter does), never drawn by hand.
"""

from __future__ import annotations

import ast
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "architecture.md"
START, END = "<!-- generated: python docs/make_architecture.py -->", "<!-- end of generated part -->"


def layers() -> list[list[str]]:
    """The layers of the import contract in pyproject.toml, top first, each a list of packages."""
    contract = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"][0]
    return [[name.strip().removeprefix("govlint.") for name in layer.split("|")] for layer in contract["layers"]]


def package_edges() -> set[tuple[str, str]]:
    """(importer, imported) between the top-level packages and modules of govlint."""
    import grimp

    graph = grimp.build_graph("govlint", exclude_type_checking_imports=True)
    edges = set()
    for module in graph.modules:
        parts = module.split(".")
        if len(parts) < 2 or parts[1] == "__main__":
            continue
        for imported in graph.find_modules_directly_imported_by(module):
            other = imported.split(".")
            if len(other) >= 2 and other[0] == "govlint" and other[1] != parts[1]:
                edges.add((parts[1], other[1]))
    return edges


def purpose(path: Path) -> str:
    docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    return " ".join(docstring.split("\n\n")[0].split()) or "—"


def generated() -> str:
    order = layers()
    lines = ["```mermaid", "flowchart TD"]
    for index, layer in enumerate(order):
        lines.append(f"  subgraph L{index} [\" \"]")
        lines += [f"    {name}" for name in layer]
        lines.append("  end")
    for importer, imported in sorted(package_edges()):
        lines.append(f"  {importer} --> {imported}")
    lines += ["```", "", "| package | module | what it is for |", "|---|---|---|"]
    for layer in order:
        for name in layer:
            folder = ROOT / "govlint" / name
            modules = sorted(folder.glob("*.py")) if folder.is_dir() else [ROOT / "govlint" / f"{name}.py"]
            for module in modules:
                if module.name == "__init__.py" and not purpose(module).strip("—"):
                    continue
                label = module.relative_to(ROOT / "govlint").as_posix()
                lines.append(f"| `{name}` | `{label}` | {purpose(module).replace('|', '/')} |")
    return "\n".join(lines)


def render(current: str) -> str:
    head, _, rest = current.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{generated()}\n{END}{tail}"


def main() -> int:
    DOC.write_text(render(DOC.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
