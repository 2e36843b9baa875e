"""What every command shares: its options (defined once), the catalog, and progress.

Every command takes the election the same way: ``--election/-e E`` (an id or an alias such
as ``next``); a command whose subject is an election also takes it as its first argument
(``seatcast results 2025``).  Every command has ``--json``.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer

from seatcast.catalog import Catalog
from seatcast.cli.output import err_console
from seatcast.errors import SeatcastError
from seatcast.views.common import parse_date

if TYPE_CHECKING:
    from seatcast.forecast.projection import Forecaster

JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON object.")]
ElectionOpt = Annotated[str | None, typer.Option(
    "--election", "-e", help="Election: an id or alias (2025, 2021, 2021t, next, ...).")]
ElectionArg = Annotated[str | None, typer.Argument(
    help="Election (the same as --election): 2025, 2021, 2021t, next, ...", show_default=False,
    metavar="ELECTION")]
AsOfOpt = Annotated[str | None, typer.Option("--as-of", help="A date, YYYY-MM-DD.")]

#: What a command says it kept, and how to go on, if Ctrl-C stops it (one line).
_ON_INTERRUPT: contextvars.ContextVar[str] = contextvars.ContextVar(
    "on_interrupt", default="nothing was written")


def on_interrupt(message: str) -> None:
    """Say what an interrupted run keeps (e.g. "the store keeps every finished chunk: run the
    same command again to resume"); the default is that nothing was written."""
    _ON_INTERRUPT.set(message)


def interrupted_message() -> str:
    return _ON_INTERRUPT.get()


def reset_interrupt() -> None:
    """A new command run: nothing is kept until the command says so."""
    _ON_INTERRUPT.set("nothing was written")


#: Runs at least this long show a progress bar (on a terminal's stderr only).
PROGRESS_MIN = 20_000


#: A folder of tables to read instead of the built-in ones (a catalog of one's own).
CATALOG_ENV = "SEATCAST_CATALOG"


def catalog() -> Catalog:
    """The catalog a command reads: the folder named by $SEATCAST_CATALOG, else the
    package's built-in tables."""
    folder = os.environ.get(CATALOG_ENV)
    return Catalog(folder) if folder else Catalog.builtin()


def forecaster() -> Forecaster:
    from seatcast.forecast.projection import Forecaster

    return Forecaster(catalog())


def election_of(argument: str | None, option: str | None, default: str | None = None) -> str | None:
    """The election a command names, given as its argument or with --election (not both)."""
    if argument is not None and option is not None and argument != option:
        raise SeatcastError(f"the election is given twice ({argument} and --election {option})")
    return argument if argument is not None else option if option is not None else default


def as_of(text: str | None) -> dt.date | None:
    return parse_date("--as-of", text)


@contextmanager
def progress(total: int, label: str, show: bool = True) -> Iterator[Callable[[int], None] | None]:
    """A transient progress bar on stderr (none on a pipe, or when ``show`` is false)."""
    if not show or not err_console.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn(label), BarColumn(), TextColumn("{task.completed:,}/{task.total:,}"),
                  TimeRemainingColumn(), console=err_console, transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda n: bar.advance(task, n)
