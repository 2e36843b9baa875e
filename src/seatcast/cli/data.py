"""`seatcast data build`: (re)build the package's built-in tables from the raw files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from seatcast.cli.common import JsonOpt
from seatcast.cli.output import emit_json, err_console

#: Where the package reads its built-in tables from (the default of ``--out``).
PACKAGE_DATA = Path(__file__).resolve().parent.parent / "data"


def build(
    src: Annotated[Path, typer.Option("--from", help="Folder of raw official files.")] = Path(
        "../shared/data"),
    out: Annotated[Path | None, typer.Option(
        "--out", help="Where to write the tables.",
        show_default="the package's own data folder, seatcast/data")] = None,
    as_json: JsonOpt = False,
) -> None:
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


def register(app: typer.Typer) -> None:
    data_app = typer.Typer(help="Build and inspect the built-in data tables.", no_args_is_help=True)
    app.add_typer(data_app, name="data")
    data_app.command("build")(build)
