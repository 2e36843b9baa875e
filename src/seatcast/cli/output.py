"""Shared output helpers: JSON on stdout, Rich tables on stdout, progress on stderr."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
import math
import sys
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from rich.console import Console

# Piped output is not squeezed to 80 columns: tables stay one line per row.
console = Console(highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else 120)
err_console = Console(stderr=True, highlight=False)


def to_jsonable(obj: Any) -> Any:
    """Convert domain values (enums, dataclasses, dates, numpy scalars) to plain JSON."""
    if isinstance(obj, enum.Enum):
        return obj.value
    if isinstance(obj, bool) or obj is None or isinstance(obj, (int, str)):
        return obj
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, Fraction):
        return float(obj)
    if isinstance(obj, (dt.date, dt.datetime)):
        return obj.isoformat()
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, Mapping):
        return {str(to_jsonable(k)): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple, set, frozenset)):
        return [to_jsonable(v) for v in obj]
    item = getattr(obj, "item", None)  # numpy scalars
    if callable(item):
        return to_jsonable(item())
    tolist = getattr(obj, "tolist", None)  # numpy arrays
    if callable(tolist):
        return to_jsonable(tolist())
    raise TypeError(f"cannot serialise {type(obj).__name__} to JSON")


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
