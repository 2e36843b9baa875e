"""The architecture, checked on the source itself: the import contract of pyproject.toml
(`lint-imports`: layers and no cycles), and a domain that knows no I/O."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "seatcast"
IO_MODULES = {"io", "os", "pathlib", "shutil", "sqlite3", "subprocess", "socket", "tempfile", "urllib",
              "http", "requests", "httpx", "pyarrow", "duckdb", "importlib"}


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
    return names


def test_the_import_contract_holds(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every contract of [tool.importlinter] in pyproject.toml is kept (as `make lint` checks)."""
    from importlinter.cli import lint_imports

    monkeypatch.chdir(ROOT)
    assert lint_imports(no_cache=True) == 0


def test_domain_knows_no_io() -> None:
    for path in (SRC / "domain").rglob("*.py"):
        names = imports_of(path)
        bad = {n for n in names if n.split(".")[0] in IO_MODULES}
        assert not bad, f"{path.relative_to(SRC)} imports {sorted(bad)}"
        assert "open(" not in path.read_text(encoding="utf-8"), path


TESTS = ROOT / "tests"


def test_the_test_tree_mirrors_the_packages() -> None:
    """Every folder of tests/ is named after a package or module of seatcast (support/ holds
    the helpers tests import)."""
    names = {p.stem for p in SRC.iterdir() if p.suffix == ".py" or (p / "__init__.py").exists()}
    folders = {p.name for p in TESTS.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert folders - names - {"support"} == set()


def test_no_test_imports_from_a_conftest_or_a_test_module() -> None:
    for path in TESTS.rglob("*.py"):
        for name in imports_of(path):
            parts = name.split(".")
            bad = any(part == "conftest" or part.startswith("test_") for part in parts)
            assert not bad, f"{path.relative_to(ROOT)} imports {name}"
