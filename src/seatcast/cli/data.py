"""`seatcast data build`: (re)build the package's built-in tables from the raw files."""

from __future__ import annotations

from pathlib import Path

import typer

from seatcast.cli.output import emit_json, err_console


def register(app: typer.Typer) -> None:
    data_app = typer.Typer(help="Build and inspect the built-in data tables.", no_args_is_help=True)
    app.add_typer(data_app, name="data")

    @data_app.command("build")
    def build_cmd(
        src: Path = typer.Option(Path("../shared/data"), "--from", help="Folder of raw official files."),
        out: Path = typer.Option(
            Path(__file__).resolve().parent.parent / "data", "--out", help="Where to write the tables."
        ),
        as_json: bool = typer.Option(False, "--json", help="Print a JSON summary."),
    ) -> None:
        """Build the compact normalized tables (deterministic: two builds give the same bytes)."""
        from seatcast.cli.common import on_interrupt
        from seatcast.sources.build import build

        on_interrupt("the tables were not changed (a build is all or nothing)")

        names = build(src, out)
        if as_json:
            emit_json({"out": str(out), "tables": names})
        else:
            err_console.print(f"wrote {len(names)} tables to {out}")
            for n in names:
                print(n)
