"""The `seatcast` command line: thin commands that load, call the core and render.

Every command prints a readable table by default and one JSON object with ``--json``.
Errors the user can fix (bad files, unknown ridings) end with a one-line message on stderr
and exit code 2, never a traceback.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence

import click
import typer

from seatcast.errors import SeatcastError

app = typer.Typer(
    name="seatcast",
    help="Canadian federal elections: results, forecasts, election night, what-ifs and charts.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

#: Each module defines ``register(app)``; one line per command family.
_COMMAND_MODULES: tuple[str, ...] = (
    "seatcast.cli.results",
    "seatcast.cli.data",
    "seatcast.cli.forecast",
    "seatcast.cli.check",
    "seatcast.cli.web",
    "seatcast.cli.whatif",
    "seatcast.cli.live",
)

for _name in _COMMAND_MODULES:
    importlib.import_module(_name).register(app)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code (used by tests and the console script)."""
    command = typer.main.get_command(app)
    try:
        rv = command.main(args=list(argv) if argv is not None else None, prog_name="seatcast",
                          standalone_mode=False)
    except click.exceptions.Exit as e:
        return int(e.exit_code)
    except click.ClickException as e:
        e.show()
        return int(e.exit_code)
    except click.exceptions.Abort:
        print("seatcast: aborted", file=sys.stderr)
        return 1
    except SeatcastError as e:
        print(f"seatcast: error: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("seatcast: interrupted", file=sys.stderr)
        return 130
    return rv if isinstance(rv, int) else 0


def run() -> None:
    sys.exit(main())
