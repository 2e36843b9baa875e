"""A fast start: a command imports what it needs, not what only other commands need.

Each test runs a fresh interpreter (this test session has imported everything already).
No timing here: `benchmarks/startup.py` measures the start against `python -c pass`.
"""

from __future__ import annotations

import subprocess
import sys

#: What `seatcast results` never needs: the other commands' modules, the models, the web
#: app, and the libraries only they use (pydantic comes with the web app's FastAPI).
NOT_FOR_RESULTS = ("seatcast.factcheck", "seatcast.web", "seatcast.forecast", "seatcast.live",
                   "seatcast.systems", "seatcast.cli.check", "seatcast.cli.web",
                   "seatcast.cli.live", "seatcast.cli.forecast", "seatcast.cli.whatif",
                   "seatcast.cli.house", "seatcast.cli.data", "fastapi", "pydantic", "typer",
                   "rich", "numpy", "numba")


def _imported(argv: list[str]) -> set[str]:
    code = ("import contextlib, io, sys\n"
            "from seatcast.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    assert main({argv!r}) == 0\n"
            "print(*sorted(sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def _among(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == n or m.startswith(n + ".") for n in names))


def test_results_imports_nothing_only_other_commands_need() -> None:
    modules = _imported(["results", "2025", "--json"])
    assert "seatcast.views.election" in modules  # the test sees the command's own imports
    assert _among(modules, NOT_FOR_RESULTS) == []


def test_version_reads_no_table() -> None:
    """`import seatcast` (every command's start) loads no catalog: only commands that read
    tables import it."""
    modules = _imported(["--version"])
    assert _among(modules, ("seatcast.catalog", "seatcast.views", "seatcast.sources")) == []
