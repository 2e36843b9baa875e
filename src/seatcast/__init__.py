"""Seatcast: Canadian federal elections — results, forecasts, election night and what-ifs.

>>> import seatcast
>>> e = seatcast.load("2025")
>>> e.seats()[seatcast.Party.LPC]
169
>>> catalog = seatcast.Catalog.builtin()
>>> catalog.record("next").name
'46th general election'

The names below are imported on first use, so that ``import seatcast.cli`` (every command's
start) does not load the catalog for a command that does not read it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from seatcast._version import __version__

if TYPE_CHECKING:
    from seatcast.catalog import Catalog, election_ids, hex_layout, load, riding_map
    from seatcast.domain.elections import ElectionRecord
    from seatcast.domain.parties import Party
    from seatcast.domain.results import Candidate, Election, RidingResult, Stage

#: Each public name, and the module it comes from.
_FROM: dict[str, str] = {
    "Candidate": "seatcast.domain.results",
    "Catalog": "seatcast.catalog",
    "Election": "seatcast.domain.results",
    "ElectionRecord": "seatcast.domain.elections",
    "Party": "seatcast.domain.parties",
    "RidingResult": "seatcast.domain.results",
    "Stage": "seatcast.domain.results",
    "election_ids": "seatcast.catalog",
    "hex_layout": "seatcast.catalog",
    "load": "seatcast.catalog",
    "riding_map": "seatcast.catalog",
}

__all__ = [
    "Candidate",
    "Catalog",
    "Election",
    "ElectionRecord",
    "Party",
    "RidingResult",
    "Stage",
    "__version__",
    "election_ids",
    "hex_layout",
    "load",
    "riding_map",
]


def __getattr__(name: str) -> Any:
    if name not in _FROM:
        raise AttributeError(f"module 'seatcast' has no attribute {name!r}")
    value = getattr(importlib.import_module(_FROM[name]), name)
    globals()[name] = value  # imported once
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_FROM})
