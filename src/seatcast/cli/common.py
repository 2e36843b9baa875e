"""What every command shares: its options (defined once), the catalog, and progress.

Every command takes the election the same way: ``--election/-e E`` (an id or an alias such
as ``next``); a command whose subject is an election also takes it as its first argument
(``seatcast results 2025``).  Every command has ``--json``.

Only Click and the standard library are imported here: a command imports what it needs
when it runs, so ``seatcast results`` loads nothing that only ``check`` or ``serve`` needs.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import importlib
import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from seatcast.cli.output import err_console
from seatcast.errors import SeatcastError

if TYPE_CHECKING:
    from seatcast.catalog import Catalog
    from seatcast.forecast.projection import Forecaster

#: A file or folder argument, given to the command as a `pathlib.Path`.
PATH = click.Path(path_type=Path)

json_option = click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
election_option = click.option(
    "--election", "-e", "election", help="Election: an id or alias (2025, 2021, 2021t, next, ...).")
election_argument = click.argument(
    "election_arg", required=False, metavar="[ELECTION]",
    help="Election (the same as --election): 2025, 2021, 2021t, next, ...")
as_of_option = click.option("--as-of", "as_of_", help="A date, YYYY-MM-DD.")


class Commands(click.Group):
    """A group that lists its commands in the order they were added, not sorted; imports
    each of ``lazy`` (name -> ``module:attribute``) only when it runs or the help lists it;
    and names the nearest commands when one is mistyped."""

    def __init__(self, name: str | None = None, lazy: Mapping[str, str] | None = None,
                 **attrs: Any) -> None:
        super().__init__(name, **attrs)
        self.lazy = dict(lazy or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [*self.lazy, *(n for n in self.commands if n not in self.lazy)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.lazy:
            module, _, attribute = self.lazy[cmd_name].partition(":")
            command = getattr(importlib.import_module(module), attribute)
            assert isinstance(command, click.Command), self.lazy[cmd_name]
            self.add_command(command, cmd_name)
        return self.commands.get(cmd_name)

    def resolve_command(self, ctx: click.Context,
                        args: list[str]) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError as e:
            import difflib

            matches = difflib.get_close_matches(args[0], self.list_commands(ctx)) if args else []
            if not matches:
                raise
            raise click.UsageError(f"{e.message.rstrip('.')}. Did you mean "
                                   f"{', '.join(repr(m) for m in matches)}?", ctx) from None


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
    from seatcast.catalog import Catalog

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
    from seatcast.views.common import parse_date

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
