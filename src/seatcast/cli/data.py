"""`seatcast data build`: (re)build the package's built-in tables from the raw files."""

from __future__ import annotations

from pathlib import Path

import click

from seatcast.cli.common import PATH, Commands, json_option
from seatcast.cli.output import emit_json, err_console

#: Where the package reads its built-in tables from (the default of ``--out``).
PACKAGE_DATA = Path(__file__).resolve().parent.parent / "data"


@click.group("data", cls=Commands, no_args_is_help=True)
def data() -> None:
    """Build and inspect the built-in data tables."""


@data.command("build")
@click.option("--from", "src", type=PATH, default=Path("../shared/data"),
              help="Folder of raw official files.")
@click.option("--out", type=PATH, help="Where to write the tables.",
              show_default="the package's own data folder, seatcast/data")
@json_option
def build(src: Path, out: Path | None, as_json: bool) -> None:
    """Build the compact normalized tables (deterministic: two builds give the same bytes)."""
    from seatcast.cli.common import on_interrupt
    from seatcast.sources.build import build as build_tables

    on_interrupt("the tables were not changed (a build is all or nothing)")
    target = out or PACKAGE_DATA
    names = build_tables(src, target)
    if as_json:
        emit_json({"out": str(target), "tables": names})
    else:
        err_console.print(f"wrote {len(names)} tables to {target}")
        for n in names:
            print(n)

