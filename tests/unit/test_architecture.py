"""Dependencies point one way: the core never imports the CLI or web layers, and the domain
knows no I/O. Checked on the source itself, so a stray import fails CI."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "seatcast"
CORE = ("domain", "results", "forecast", "systems", "live", "factcheck", "sources", "present")
IO_MODULES = {"io", "os", "pathlib", "shutil", "sqlite3", "subprocess", "socket", "tempfile", "urllib",
              "http", "requests", "httpx", "pyarrow", "duckdb"}


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


@pytest.mark.parametrize("package", CORE)
def test_core_never_imports_cli_or_web(package: str) -> None:
    for path in (SRC / package).rglob("*.py"):
        bad = {n for n in imports_of(path) if n.startswith(("seatcast.cli", "seatcast.web"))}
        assert not bad, f"{path.relative_to(SRC)} imports {sorted(bad)}"


def test_domain_knows_no_io() -> None:
    for path in (SRC / "domain").rglob("*.py"):
        names = imports_of(path)
        bad = {n for n in names if n.split(".")[0] in IO_MODULES}
        assert not bad, f"{path.relative_to(SRC)} imports {sorted(bad)}"
        assert "open(" not in path.read_text(encoding="utf-8"), path


def test_domain_imports_only_the_domain_from_seatcast() -> None:
    for path in (SRC / "domain").rglob("*.py"):
        bad = {n for n in imports_of(path) if n.startswith("seatcast.") and not n.startswith("seatcast.domain")}
        assert not bad, f"{path.relative_to(SRC)} imports {sorted(bad)}"
