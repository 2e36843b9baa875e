"""Shared output helpers: JSON on stdout, Rich tables on stdout, progress on stderr."""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.console import Console

from seatcast.serialize import to_jsonable

# Piped output is not squeezed to 80 columns: tables stay one line per row.
console = Console(highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else 120)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)  # one message, one line


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
