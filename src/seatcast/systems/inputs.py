"""What a system may need besides the votes, resolved by the caller: systems read no files.

IRV and STV transfer ballots by a second-preference table, named in a system's definition
by its source (``"default"`` for the built-in assumed table, else the path of a user's
table); the ``stv`` grouping draws districts from riding coordinates.  The caller (the
what-if view) reads them through the catalog and `seatcast.sources` and hands them in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from seatcast.domain.preferences import PreferenceTable
from seatcast.errors import SeatcastError

DEFAULT_PREFERENCES = "default"


@dataclass(frozen=True, slots=True)
class Inputs:
    preferences: Mapping[str, PreferenceTable] = field(default_factory=lambda: MappingProxyType({}))
    coordinates: Mapping[int, tuple[float, float]] | None = None

    def preference_table(self, source: str | None) -> PreferenceTable:
        key = source or DEFAULT_PREFERENCES
        table = self.preferences.get(key)
        if table is None:
            raise SeatcastError(f"no preference table {key!r} was given to the system")
        return table


NO_INPUTS = Inputs()
