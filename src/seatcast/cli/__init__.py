"""The `seatcast` command line: thin commands that load, call the core and render.

Every command prints a readable table by default and one JSON object with ``--json``.
Errors the user can fix (bad files, unknown ridings) end with a one-line message on stderr
and exit code 2, never a traceback.
"""

from __future__ import annotations

import importlib
import signal
import sys
from collections.abc import Sequence
from typing import Annotated

import click
import typer

from seatcast.errors import SeatcastError

# Typer 0.2x vendors its own copy of Click (``typer._click``), whose exceptions are not the
# ``click`` package's: catch both, so a bad option value is one line, not a traceback.
_EXIT: tuple[type[BaseException], ...] = (click.exceptions.Exit, typer.Exit)
_ABORT: tuple[type[BaseException], ...] = (click.exceptions.Abort, typer.Abort)
_USAGE: tuple[type[Exception], ...] = (click.ClickException,)
try:
    from typer._click.exceptions import ClickException as _VendoredClickException
except ImportError:  # older Typer: plain Click
    pass
else:
    _USAGE += (_VendoredClickException,)

app = typer.Typer(
    name="seatcast",
    help="Canadian federal elections: results, forecasts, election night, what-ifs and charts.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Click's plain help: the same text as docs/cli.md, flags shown as flags (``--json``),
    # not Rich's boxes with a ``<bool>`` beside them.
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        from seatcast import __version__

        print(f"seatcast {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Canadian federal elections: results, forecasts, election night, what-ifs and charts."""

#: Each module defines ``register(app)``; one line per command family.
_COMMAND_MODULES: tuple[str, ...] = (
    "seatcast.cli.results",
    "seatcast.cli.house",
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
    from seatcast.cli.common import reset_interrupt

    reset_interrupt()
    command = typer.main.get_command(app)
    try:
        rv = command.main(args=list(argv) if argv is not None else None, prog_name="seatcast",
                          standalone_mode=False)
    except _EXIT as e:
        return int(getattr(e, "exit_code", 0))
    except _USAGE as e:
        text: str = getattr(e, "format_message", e.__str__)()
        if type(e).__name__ == "NoArgsIsHelpError":  # bare `seatcast`: the help, as asked
            if text.strip():  # Rich help is printed by get_help() itself
                print(text, file=sys.stderr)
            return 2
        message = " ".join(text.split())
        print(f"seatcast: error: {message}", file=sys.stderr)
        return int(getattr(e, "exit_code", 2)) or 2
    except _ABORT:
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
    if rv == 130:  # Typer turns Ctrl-C into exit code 130 (no command returns it otherwise)
        return _interrupted()
    return rv if isinstance(rv, int) else 0


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
