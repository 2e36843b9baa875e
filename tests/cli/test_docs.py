"""docs/cli.md is the commands' own help: regenerate it with `make docs` when this fails."""

from __future__ import annotations

from pathlib import Path

from seatcast.cli.docs import render

DOC = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def test_docs_cli_md_is_generated_from_the_help() -> None:
    assert DOC.read_text(encoding="utf-8") == render(), "docs/cli.md is stale: run `make docs`"


def test_every_command_is_documented_with_json() -> None:
    text = render()
    for cmd in ("results", "riding", "elections", "polls", "project", "backtest", "check", "serve",
                "report", "whatif", "systems", "coalitions", "data build", "live replay",
                "live ingest", "live status"):
        section = text.split(f"## `seatcast {cmd}`", 1)[1].split("## `", 1)[0]
        assert "--json" in section, cmd
