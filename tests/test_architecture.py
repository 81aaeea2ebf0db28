"""The folder tree draws the pipeline, and CI keeps it so: imports only point down it, and no
module imports itself back through another (docs/architecture.md)."""

import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).parents[1]


def test_the_import_contract_is_kept():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 1 kept, 0 broken." in result.stdout


def test_no_import_cycles():
    graph = grimp.build_graph("govlint", exclude_type_checking_imports=True)
    cycles = sorted(
        (module, imported)
        for module in graph.modules
        for imported in graph.find_modules_directly_imported_by(module)
        if imported.startswith("govlint") and graph.chain_exists(importer=imported, imported=module)
    )
    assert cycles == []


def test_the_pipeline_packages_are_the_layers():
    """Every package of govlint/ is a layer of the contract (a new package must say where it sits)."""
    import tomllib

    layers = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"][0]["layers"]
    named = {name.strip() for layer in layers for name in layer.split("|")}
    packages = {f"govlint.{p.name}" for p in (ROOT / "govlint").iterdir() if (p / "__init__.py").exists()}
    modules = {f"govlint.{p.stem}" for p in (ROOT / "govlint").glob("*.py") if p.stem not in ("__init__", "__main__")}
    assert packages | modules == named


def test_the_architecture_picture_is_up_to_date():
    """docs/architecture.md's diagram and module table are drawn from the imports; regenerate them
    with `python docs/make_architecture.py` after moving or adding a module."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_architecture", ROOT / "docs" / "make_architecture.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    current = module.DOC.read_text(encoding="utf-8")
    assert module.render(current) == current, "docs/architecture.md is out of date: run python docs/make_architecture.py"
