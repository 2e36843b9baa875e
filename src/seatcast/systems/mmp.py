"""Mixed-member proportional (MMP) in the shape of the Law Commission of Canada's 2004 design.

*Voting Counts* (Law Commission of Canada, 2004) proposed keeping about two thirds of MPs in
single-member ridings elected by FPTP and electing the other third from lists in each province
(in Ontario and Quebec, in regions within the province), as *compensatory* seats: a party's
list seats top up its local seats towards its share of the vote in that area; the territories
keep their single-member seats; the House keeps its size.  Each of these is a parameter here:

``local_share``   fraction of each area's seats that are local (default 2/3)
``areas``         where compensation happens: ``province`` (default), ``region``, or a grouping
``method``        the apportionment method for the area's proportional share (default D'Hondt)
``threshold``     share of the vote a party needs for list seats (default none, national or
                  per area); local seats are always kept
``overhang``      when a party wins more local seats than its proportional share:
                  ``absorb`` (default: the area's size is fixed, the party keeps its local seats
                  and the other parties share the rest proportionally), ``keep`` (the party keeps
                  them and the House grows by the overhang, Germany before 2013), ``balance``
                  (levelling seats are added to the area until every party has its full share,
                  Germany 2013–2020)

**Modelling assumption for local seats.**  Two thirds as many ridings means a new map, which
does not exist.  In each area, the local seats are shared among parties in proportion to the
ridings they won under FPTP (largest remainder, Hare), so a party that won 60 % of an area's
ridings wins about 60 % of its local seats.  Voters are assumed to cast their list vote for the
party of their riding vote (one ballot, as in the data).  Independents keep local seats but
stand no list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, ClassVar

from seatcast.domain.geography import Region
from seatcast.domain.parties import Party
from seatcast.domain.results import Election
from seatcast.errors import SeatcastError
from seatcast.systems.apportionment import break_ties, check_rule
from seatcast.systems.districts import District, Grouping
from seatcast.systems.inputs import NO_INPUTS, Inputs
from seatcast.systems.listpr import (
    allocate_list,
    district_votes,
    grouping_from_data,
    grouping_to_data,
    resolve_grouping,
)
from seatcast.systems.methods import method_name
from seatcast.systems.outcome import DistrictResult, Outcome, full
from seatcast.systems.quotas import largest_remainder
from seatcast.systems.thresholds import Threshold, qualified

OVERHANG_RULES = ("absorb", "keep", "balance")


def local_seats_of(seats: int, share: Fraction) -> int:
    """Local seats in an area of ``seats``: the share rounded half up, at least one."""
    return min(seats, max(1, int(seats * share + Fraction(1, 2))))


@dataclass(frozen=True, slots=True)
class MMP:
    kind: ClassVar[str] = "mmp"
    name: str = "mmp"
    local_share: Fraction = Fraction(2, 3)
    areas: str | Grouping = "province"
    method: str = "dhondt"
    threshold: Threshold = field(default_factory=Threshold)
    overhang: str = "absorb"
    tie_rule: str = "most-votes"

    def __post_init__(self) -> None:
        object.__setattr__(self, "method", method_name(self.method))
        object.__setattr__(self, "local_share", Fraction(self.local_share))
        if not 0 < self.local_share <= 1:
            raise SeatcastError("local share must be above 0 and at most 1")
        if self.overhang not in OVERHANG_RULES:
            raise SeatcastError(f"unknown overhang rule {self.overhang!r} "
                                f"(known: {', '.join(OVERHANG_RULES)})")
        check_rule(self.tie_rule)

    def describe(self) -> str:
        a = self.areas if isinstance(self.areas, str) else self.areas.name
        return (f"MMP (Law Commission of Canada 2004): {self.local_share} local, compensatory "
                f"by {a}, {self.method}, overhang {self.overhang}")

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "name": self.name, "local_share": str(self.local_share),
                "areas": grouping_to_data(self.areas), "method": self.method,
                "threshold": self.threshold.to_dict(), "overhang": self.overhang,
                "tie_rule": self.tie_rule}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> MMP:
        return cls(name=str(d.get("name", "mmp")),
                   local_share=Fraction(str(d.get("local_share", "2/3"))),
                   areas=grouping_from_data(d.get("areas", "province")),
                   method=str(d.get("method", "dhondt")),
                   threshold=Threshold.from_dict(d.get("threshold", {})),
                   overhang=str(d.get("overhang", "absorb")),
                   tie_rule=str(d.get("tie_rule", "most-votes")))

    def _entitlement(self, votes: dict[Party, int], seats: int, where: str,
                     ties: list[str]) -> dict[Party, int]:
        return allocate_list(votes, max(seats, 0), set(votes), self.method, self.tie_rule,
                             f"{where} list", ties)

    def _compensate(self, votes: dict[Party, int], local: dict[Party, int], eligible: set[Party],
                    seats: int, where: str, ties: list[str]) -> dict[Party, int]:
        """Total seats per party in one area (local + list)."""
        total = dict(local)
        active = {p for p in eligible if votes.get(p, 0) > 0}
        pool = seats - sum(n for p, n in local.items() if p not in active)
        if self.overhang == "keep":
            ent = self._entitlement({p: votes[p] for p in active}, pool, where, ties)
            for p in active:
                total[p] = max(local[p], ent[p])
            return total
        if self.overhang == "balance":
            size = pool
            while True:
                ent = self._entitlement({p: votes[p] for p in active}, size, where, ties)
                if all(ent[p] >= local[p] for p in active):
                    break
                size += 1
            for p in active:
                total[p] = ent[p]
            return total
        while active:  # absorb: fixed size, overhang parties keep their locals and drop out
            ent = self._entitlement({p: votes[p] for p in active}, max(pool, 0), where, ties)
            over = [p for p in active if local[p] > ent[p]]
            if not over:
                for p in active:
                    total[p] = ent[p]
                break
            for p in over:
                pool -= local[p]
                active.discard(p)
        return total

    def run(self, election: Election, inputs: Inputs = NO_INPUTS) -> Outcome:
        rmap = election.map
        north = tuple(r.code for r in rmap if r.region == Region.NO)
        south = [r.code for r in rmap if r.region != Region.NO]
        if isinstance(self.areas, Grouping):
            grouping = resolve_grouping(self.areas, election, inputs)
            areas = [District(d.name, tuple(c for c in d.ridings if c not in north))
                     for d in grouping.districts]
        else:
            grouping = resolve_grouping(self.areas, election.subset(south), inputs)
            areas = list(grouping.districts)
        national = full(election.votes())
        ties: list[str] = []
        local_by_area: list[dict[Party, int]] = []
        for a in areas:
            fptp = full({})
            for c in a.ridings:
                fptp[election.result(c).winner.party] += 1
            n_local = local_seats_of(len(a.ridings), self.local_share)
            alloc = largest_remainder(fptp, n_local, "hare")
            if alloc.is_tie:
                ties.append(f"{a.name}: {alloc.tied_seats} local seat(s) tied between "
                            f"{', '.join(p.value for p in alloc.tied)}, broken by {self.tie_rule}")
            local_by_area.append(full(break_ties(alloc, district_votes(election, a.ridings),
                                                 self.tie_rule)))
        local_national = full({})
        for loc in local_by_area:
            for p, n in loc.items():
                local_national[p] += n
        seats, districts = full({}), []
        list_total = 0
        for a, loc in zip(areas, local_by_area, strict=True):
            if not a.ridings:
                continue
            votes = district_votes(election, a.ridings)
            ok = qualified(self.threshold, votes, national, local_national)
            won = self._compensate(votes, loc, ok, len(a.ridings), a.name, ties)
            list_total += sum(won.values()) - sum(loc.values())
            for p, n in won.items():
                seats[p] += n
            rep = sum(v for p, v in votes.items() if won[p] > 0)
            districts.append(DistrictResult(a.name, full(won), votes, rep))
        for c in north:
            r = election.result(c)
            seats[r.winner.party] += 1
            districts.append(DistrictResult(str(c), full({r.winner.party: 1}), full(r.party_votes()),
                                            r.winner.votes))
        local_total = sum(local_national.values()) + len(north)
        notes = (f"{local_total} local and {list_total} list seats",
                 "local seats modelled from FPTP wins per area (see docs/systems.md)")
        return Outcome(self.name, election.id, seats, national, tuple(districts), tuple(ties), notes)
