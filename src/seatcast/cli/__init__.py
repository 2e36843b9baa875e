"""The `seatcast` command line: thin commands that load, call the core and render.

Every command prints a readable table by default and one JSON object with ``--json``.
Errors the user can fix (bad files, unknown ridings) end with a one-line message on stderr
and exit code 2, never a traceback.

Plain Click, for a fast start: each command's module is imported when that command runs
(``seatcast results`` imports neither the fact-checker nor the web app), and each command
imports what only it needs inside its function.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Sequence

import click

from seatcast.cli.common import Commands, reset_interrupt
from seatcast.errors import SeatcastError

#: Every command, in the order the help lists them, and where it is defined.
COMMANDS: dict[str, str] = {
    "results": "seatcast.cli.results:results",
    "riding": "seatcast.cli.results:riding",
    "elections": "seatcast.cli.results:elections",
    "house": "seatcast.cli.house:house",
    "polls": "seatcast.cli.forecast:polls",
    "project": "seatcast.cli.forecast:project",
    "backtest": "seatcast.cli.forecast:backtest",
    "check": "seatcast.cli.check:check",
    "serve": "seatcast.cli.web:serve",
    "report": "seatcast.cli.web:report",
    "whatif": "seatcast.cli.whatif:whatif",
    "systems": "seatcast.cli.whatif:systems",
    "coalitions": "seatcast.cli.whatif:coalitions",
    "data": "seatcast.cli.data:data",
    "live": "seatcast.cli.live:live",
}


def _version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value:
        from seatcast import __version__

        print(f"seatcast {__version__}")
        ctx.exit()


@click.group("seatcast", cls=Commands, lazy=COMMANDS, no_args_is_help=True,
             context_settings={"show_default": True})
@click.option("--version", is_flag=True, is_eager=True, expose_value=False, callback=_version,
              help="Print the version and exit.")
def app() -> None:
    """Canadian federal elections: results, forecasts, election night, what-ifs and charts."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code (used by tests and the console script)."""
    reset_interrupt()
    args = list(argv) if argv is not None else sys.argv[1:]
    try:
        with app.make_context("seatcast", args) as ctx:
            app.invoke(ctx)
    except click.exceptions.Exit as e:  # --help, --version
        return e.exit_code
    except click.exceptions.NoArgsIsHelpError as e:  # bare `seatcast`: the help, as asked
        print(e.format_message(), file=sys.stderr)
        return 2
    except click.ClickException as e:
        message = " ".join(e.format_message().split())
        print(f"seatcast: error: {message}", file=sys.stderr)
        return e.exit_code or 2
    except click.Abort:
        print("seatcast: aborted", file=sys.stderr)
        return 1
    except SeatcastError as e:
        message = " ".join(line.strip() for line in str(e).splitlines() if line.strip())
        print(f"seatcast: error: {message}", file=sys.stderr)  # one line, whatever it wraps
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return _interrupted()
    return 0


def _interrupted() -> int:
    """Ctrl-C: one line saying what the command kept and how to go on; exit code 130."""
    from seatcast.cli.common import interrupted_message

    print(f"seatcast: interrupted: {interrupted_message()}", file=sys.stderr)
    return 130


def run() -> None:
    """The console script. A closed pipe (``seatcast results | head``) ends the program
    quietly, as it does for any Unix filter, instead of an error from the table library."""
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    sys.exit(main())
