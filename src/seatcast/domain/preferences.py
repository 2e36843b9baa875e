"""Second preferences as a value: where a party's ballots go when it is eliminated.

See `seatcast.systems.preferences` for the ballot model and the default (assumed) table.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from seatcast.domain.geography import Region
from seatcast.domain.parties import Party


@dataclass(frozen=True, slots=True)
class PreferenceTable:
    name: str
    rows: Mapping[tuple[str, Party], Mapping[Party, Fraction]]

    def row(self, region: Region | str, source: Party) -> Mapping[Party, Fraction]:
        key = region.value if isinstance(region, Region) else region
        return self.rows.get((key, source)) or self.rows.get(("*", source)) or {}

    def transfers(self, region: Region | str, source: Party,
                  continuing: Iterable[Party]) -> dict[Party, Fraction]:
        """Share of ``source``'s pile that goes to each continuing party (the rest exhausts)."""
        row = self.row(region, source)
        cont = [p for p in continuing if p != source and row.get(p, 0) > 0]
        named = sum(row.values(), Fraction(0))
        reach = sum((row[p] for p in cont), Fraction(0))
        if reach == 0:
            return {}
        return {p: row[p] * named / reach for p in cont}
