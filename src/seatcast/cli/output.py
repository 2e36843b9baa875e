"""Shared output helpers: JSON on stdout, Rich tables on stdout, progress on stderr."""

from __future__ import annotations

import json
import sys
from typing import Any

from seatcast.serialize import to_jsonable


class _Lazy:
    """A Rich console made on first use: `--json` output never imports Rich."""

    def __init__(self, **options: Any) -> None:
        self._options = options
        self._console: Any = None

    def __getattr__(self, name: str) -> Any:
        if self._console is None:
            from rich.console import Console

            self._console = Console(**self._options)
        return getattr(self._console, name)


# Piped output is not squeezed to 80 columns: tables stay one line per row.
console: Any = _Lazy(highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else 120)
err_console: Any = _Lazy(stderr=True, highlight=False, soft_wrap=True)  # one message, one line


def table(**options: Any) -> Any:
    """A Rich table (Rich imported only when a table is printed)."""
    from rich.table import Table

    return Table(**options)


def emit_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(to_jsonable(obj), indent=2, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def pct(x: float | None, digits: int = 2) -> str:
    return "—" if x is None else f"{100 * x:.{digits}f} %"


def plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else (words or word + 's')}"


def signed(x: float | int | None, fmt: str = "+d") -> str:
    if x is None:
        return "—"
    return format(x, fmt)
