"""The elections a catalog holds: `seatcast elections --json` and ``/elections.json``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from seatcast.catalog import Catalog
from seatcast.domain.elections import ElectionId, ResultKind
from seatcast.domain.parties import Party


@dataclass(frozen=True, slots=True)
class ElectionRow:
    id: ElectionId
    aliases: tuple[str, ...]
    number: int | None
    name: str
    date: dt.date | None  # polling day; None: not held yet
    no_later_than: dt.date | None  # for the next election: the fixed date in law
    map: str
    seats_total: int
    majority: int
    previous: ElectionId | None  # the election before it on its map
    poll_miss_from: ElectionId | None
    polls: int | None  # polls in its table
    result: ResultKind | None
    transposition_of: ElectionId | None
    seats: Mapping[Party, int]  # parties with seats (empty without a result)


@dataclass(frozen=True, slots=True)
class ElectionsView:
    elections: tuple[ElectionRow, ...]  # newest first; the next election leads


def elections_view(catalog: Catalog) -> ElectionsView:
    rows = []
    reg = catalog.registry
    for r in reg:
        m = catalog.riding_map(r.map)
        seats: dict[Party, int] = {}
        if r.has_result:
            seats = {p: n for p, n in catalog.election(r.id).seats().items() if n}
        rows.append(ElectionRow(
            id=r.id, aliases=r.aliases, number=r.number, name=r.name, date=r.date,
            no_later_than=reg.no_later_than(r), map=r.map, seats_total=m.seats,
            majority=m.majority, previous=r.previous, poll_miss_from=r.poll_miss_from,
            polls=len(catalog.polls(r.id)) if r.polls else None, result=r.result,
            transposition_of=r.transposition_of, seats=MappingProxyType(seats)))
    return ElectionsView(tuple(rows))
