"""The same votes under another electoral system; coalitions and voting power; the systems.

`seatcast whatif E --system S [options] --json` and ``/whatif.json?election=E&system=S&...``
are `WhatIfView`; `seatcast coalitions E --json` and ``/coalitions.json`` are
`CoalitionsView`; `seatcast systems --json` and ``/systems.json`` are `SystemsView`.

Options that name a file (a grouping CSV, a preference table, a system definition) are read
by the CLI through `seatcast.sources` and handed in as values: the web reads no file from
the server's disk, so it takes the built-in grouping names and the default table only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType
from typing import Any

from seatcast.catalog import Catalog
from seatcast.domain.parties import LEFT_RIGHT, Party
from seatcast.domain.preferences import PreferenceTable
from seatcast.domain.results import Election
from seatcast.errors import SeatcastError
from seatcast.systems import coalitions as co
from seatcast.systems.apportionment import TIE_RULES
from seatcast.systems.districts import GROUPINGS, Grouping
from seatcast.systems.fptp import FPTP
from seatcast.systems.inputs import DEFAULT_PREFERENCES, Inputs
from seatcast.systems.measures import Measures, compare_parties, measure
from seatcast.systems.methods import METHODS
from seatcast.systems.outcome import Outcome
from seatcast.systems.registry import SYSTEMS, System, configure, from_dict, get
from seatcast.systems.thresholds import Threshold
from seatcast.views.common import ElectionRef

SCOPES = ("national", "district")
OVERHANG = ("absorb", "keep", "balance")


def parse_share(text: str | None) -> Fraction | None:
    """``2/3``, ``0.667`` or ``66.7%``."""
    if text is None or not text.strip():
        return None
    try:
        value = Fraction(text.strip().rstrip("%"))
    except (ValueError, ZeroDivisionError):
        raise SeatcastError(f"{text!r} is not a share (try 2/3 or 0.667)") from None
    return value / 100 if text.strip().endswith("%") else value


@dataclass(frozen=True, slots=True)
class WhatIfRequest:
    """A system by name (or a definition), with options; ``None`` keeps the system's own."""

    election: str = "2025"
    system: str = "pr-national"
    method: str | None = None
    threshold: str | None = None  # e.g. "5%"
    threshold_scope: str | None = None  # national or district
    grouping: str | Grouping | None = None  # a built-in name, or a grouping read from a file
    areas: str | Grouping | None = None  # MMP compensation areas
    local_share: str | None = None  # MMP local seats, e.g. "2/3"
    overhang: str | None = None  # MMP: absorb, keep or balance
    preferences: str | None = None  # "default", or the path a user's table was read from
    preference_table: PreferenceTable | None = None  # that table (CLI only)
    magnitude: int | None = None  # STV seats per district
    tie_rule: str | None = None  # most-votes, strict or lot:SEED
    definition: Mapping[str, Any] | None = None  # a system definition (JSON object)

    def __post_init__(self) -> None:
        for name, value, known in (("grouping", self.grouping, GROUPINGS),
                                   ("areas", self.areas, GROUPINGS)):
            if isinstance(value, str) and value not in known:
                raise SeatcastError(f"unknown {name} {value!r} (known: {', '.join(known)}, "
                                    "or a CSV file on the command line)")
        if self.threshold_scope is not None and self.threshold_scope not in SCOPES:
            raise SeatcastError(f"--threshold-scope must be one of {', '.join(SCOPES)}")
        if self.overhang is not None and self.overhang not in OVERHANG:
            raise SeatcastError(f"--overhang must be one of {', '.join(OVERHANG)}")
        if self.magnitude is not None and self.magnitude < 1:
            raise SeatcastError("--magnitude must be at least 1")
        if self.preference_table is not None and not self.preferences:
            raise SeatcastError("a preference table needs the name it was read from")
        parse_share(self.local_share)

    def build(self) -> System:
        """The system the request describes."""
        base = from_dict(self.definition) if self.definition is not None else get(self.system)
        threshold = None
        if self.threshold is not None or self.threshold_scope is not None:
            threshold = Threshold.parse(self.threshold or "0", self.threshold_scope or "national")
        return configure(base, method=self.method, threshold=threshold, grouping=self.grouping,
                         areas=self.areas, local_share=parse_share(self.local_share),
                         overhang=self.overhang, preferences=self.preferences,
                         magnitude=self.magnitude, tie_rule=self.tie_rule)


def system_inputs(catalog: Catalog, e: Election, req: WhatIfRequest) -> Inputs:
    """The default preference table and the map's coordinates from the catalog, plus the
    user's table (already read) under the name the definition records."""
    tables = {DEFAULT_PREFERENCES: catalog.preferences()}
    if req.preference_table is not None and req.preferences:
        tables[req.preferences] = req.preference_table
    coords = catalog.coordinates(e.map.name)
    return Inputs(MappingProxyType(tables), coords or None)


@dataclass(frozen=True, slots=True)
class PartySeats:
    party: Party
    name: str
    votes: int
    share: float
    seats: int
    fptp_seats: int
    change: int
    seats_per_100k: float | None


@dataclass(frozen=True, slots=True)
class DistrictSeats:
    name: str
    seats: dict[Party, int]  # parties with seats
    valid_votes: int
    represented: int  # ballots that elected someone


@dataclass(frozen=True, slots=True)
class CoalitionRow:
    parties: tuple[Party, ...]
    seats: int
    surplus: int  # seats above the line
    connected: bool  # neighbours on the left-right order


@dataclass(frozen=True, slots=True)
class PowerRow:
    party: Party
    seats: int
    short: int  # seats short of a majority alone (0: a majority)
    banzhaf: float
    shapley_shubik: float
    banzhaf_exact: str
    shapley_shubik_exact: str


@dataclass(frozen=True, slots=True)
class CoalitionsView:
    election: ElectionRef
    system: str
    house: int
    majority: int
    parties: tuple[PowerRow, ...]
    minimal_winning: tuple[CoalitionRow, ...]
    minimal_connected_winning: tuple[CoalitionRow, ...]


def coalitions_of(e: Election, outcome: Outcome) -> CoalitionsView:
    """Minimal winning coalitions, connected ones and voting power in one House."""
    seats = co.named(outcome.seats)
    line = outcome.majority
    bz, ss = co.banzhaf(seats, line), co.shapley_shubik(seats, line)
    connected = {frozenset(c.parties) for c in co.minimal_connected_winning(seats, line, LEFT_RIGHT)}

    def row(c: co.Coalition) -> CoalitionRow:
        return CoalitionRow(tuple(c.parties), c.seats, c.surplus, frozenset(c.parties) in connected)

    return CoalitionsView(
        election=ElectionRef.of(e.record), system=outcome.system, house=outcome.house,
        majority=line,
        parties=tuple(PowerRow(p, n, max(0, line - n), float(bz[p]), float(ss[p]), str(bz[p]),
                               str(ss[p])) for p, n in seats.items()),
        minimal_winning=tuple(row(c) for c in sorted(co.minimal_winning(seats, line),
                                                     key=lambda c: (len(c.parties), -c.seats))),
        minimal_connected_winning=tuple(row(c) for c in co.minimal_connected_winning(seats, line)),
    )


@dataclass(frozen=True, slots=True)
class WhatIfView:
    election: ElectionRef
    system: str
    kind: str
    description: str
    definition: Mapping[str, Any]  # reusable with --definition
    house: int
    majority: int
    parties: tuple[PartySeats, ...]
    measures: Measures
    fptp_measures: Measures
    districts: tuple[DistrictSeats, ...]
    coalitions: CoalitionsView
    ties: tuple[str, ...]
    notes: tuple[str, ...]


def whatif_view(catalog: Catalog, req: WhatIfRequest) -> WhatIfView:
    e = catalog.election(req.election)
    system = req.build()
    inputs = system_inputs(catalog, e, req)
    out = system.run(e, inputs)
    fptp = FPTP().run(e, inputs)
    rows = [PartySeats(r.party, r.party.name_en, r.votes, r.share, r.seats, r.fptp_seats,
                       r.change, r.seats_per_100k) for r in compare_parties(fptp, out)]
    rows.sort(key=lambda r: (-r.seats, -r.votes))
    return WhatIfView(
        election=ElectionRef.of(e.record), system=system.name, kind=system.kind,
        description=system.describe(), definition=MappingProxyType(system.to_dict()),
        house=out.house, majority=out.majority, parties=tuple(rows),
        measures=measure(out), fptp_measures=measure(fptp),
        districts=tuple(DistrictSeats(d.name, {p: n for p, n in d.seats.items() if n},
                                      d.valid_votes, d.represented) for d in out.districts),
        coalitions=coalitions_of(e, out),
        ties=tuple(out.ties), notes=tuple(out.notes),
    )


@dataclass(frozen=True, slots=True)
class CoalitionsRequest:
    election: str = "2025"
    system: str = "fptp"


def coalitions_view(catalog: Catalog, req: CoalitionsRequest) -> CoalitionsView:
    e = catalog.election(req.election)
    system = get(req.system)
    return coalitions_of(e, system.run(e, system_inputs(catalog, e, WhatIfRequest(req.election))))


@dataclass(frozen=True, slots=True)
class SystemRow:
    name: str
    kind: str
    description: str
    definition: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class SystemsView:
    systems: tuple[SystemRow, ...]
    methods: tuple[str, ...]
    groupings: tuple[str, ...]
    tie_rules: tuple[str, ...]
    overhang: tuple[str, ...] = field(default=OVERHANG)


def systems_view() -> SystemsView:
    return SystemsView(
        systems=tuple(SystemRow(s.name, s.kind, s.describe(), MappingProxyType(s.to_dict()))
                      for s in SYSTEMS.values()),
        methods=tuple(METHODS), groupings=GROUPINGS, tie_rules=tuple(TIE_RULES),
    )
