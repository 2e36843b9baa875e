"""List proportional representation over any grouping of ridings.

Each district (the whole country, a province, a region, or a user-defined group) pools its
ridings' votes and elects as many members as it has ridings, by any apportionment method,
among the parties that pass the threshold.

**Who can win list seats.**  Only the six named parties (``Party.is_list_party``) stand lists.
Independents and candidates of unregistered or minor parties (IND, OTH) are many separate
candidates, not one party: pooling their votes would hand a seat to a "party" no voter chose
(in 2025 the 85,800 IND+OTH votes would take one of 343 seats).  Their votes count in the
total (so in thresholds and measures) but elect no one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from seatcast.domain.parties import Party
from seatcast.domain.results import Election
from seatcast.systems.apportionment import break_ties, check_rule
from seatcast.systems.districts import Grouping, builtin
from seatcast.systems.inputs import NO_INPUTS, Inputs
from seatcast.systems.methods import apportion, method_name
from seatcast.systems.outcome import DistrictResult, Outcome, full
from seatcast.systems.thresholds import Threshold, qualified


def district_votes(election: Election, codes: tuple[int, ...]) -> dict[Party, int]:
    out = full({})
    for c in codes:
        for p, v in election.result(c).party_votes().items():
            out[p] += v
    return out


def resolve_grouping(grouping: str | Grouping, election: Election, inputs: Inputs = NO_INPUTS,
                     magnitude: int = 5) -> Grouping:
    if isinstance(grouping, Grouping):
        grouping.check_covers(election.map)
        return grouping
    return builtin(grouping, election.map, inputs.coordinates or None, magnitude)


def grouping_to_data(grouping: str | Grouping) -> Any:
    return grouping if isinstance(grouping, str) else grouping.to_dict()


def grouping_from_data(data: Any) -> str | Grouping:
    return data if isinstance(data, str) else Grouping.from_dict(data)


def allocate_list(votes: Mapping[Party, int], seats: int, eligible: set[Party], method: str,
                  tie_rule: str, where: str, ties: list[str]) -> dict[Party, int]:
    """Seats for the eligible parties, ties broken by the named rule (and recorded)."""
    pool = {p: votes[p] for p in votes if p in eligible}
    if not pool or not any(pool.values()):
        return full({})
    alloc = apportion(pool, seats, method)
    if alloc.is_tie:
        ties.append(f"{where}: {alloc.tied_seats} seat(s) tied between "
                    f"{', '.join(p.value for p in alloc.tied)}, broken by {tie_rule}")
    return full(break_ties(alloc, pool, tie_rule))


@dataclass(frozen=True, slots=True)
class ListPR:
    kind: ClassVar[str] = "list-pr"
    name: str = "pr-national"
    method: str = "dhondt"
    grouping: str | Grouping = "national"
    threshold: Threshold = field(default_factory=Threshold)
    tie_rule: str = "most-votes"

    def __post_init__(self) -> None:
        object.__setattr__(self, "method", method_name(self.method))
        check_rule(self.tie_rule)

    def describe(self) -> str:
        g = self.grouping if isinstance(self.grouping, str) else self.grouping.name
        t = f", threshold {float(self.threshold.share) * 100:g} % {self.threshold.scope}" \
            if self.threshold.share else ""
        return f"List PR by {g} pools, {self.method}{t}"

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "name": self.name, "method": self.method,
                "grouping": grouping_to_data(self.grouping), "threshold": self.threshold.to_dict(),
                "tie_rule": self.tie_rule}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ListPR:
        return cls(name=str(d.get("name", "pr")), method=str(d.get("method", "dhondt")),
                   grouping=grouping_from_data(d.get("grouping", "national")),
                   threshold=Threshold.from_dict(d.get("threshold", {})),
                   tie_rule=str(d.get("tie_rule", "most-votes")))

    def run(self, election: Election, inputs: Inputs = NO_INPUTS) -> Outcome:
        grouping = resolve_grouping(self.grouping, election, inputs)
        national = full(election.votes())
        seats, ties, districts = full({}), list[str](), []
        for d in grouping.districts:
            votes = district_votes(election, d.ridings)
            ok = qualified(self.threshold, votes, national)
            won = allocate_list(votes, d.magnitude, ok, self.method, self.tie_rule, d.name, ties)
            for p, n in won.items():
                seats[p] += n
            rep = sum(v for p, v in votes.items() if won[p] > 0)
            districts.append(DistrictResult(d.name, won, votes, rep))
        return Outcome(self.name, election.id, seats, national, tuple(districts), tuple(ties),
                       ("IND and OTH candidates stand no list and win no list seat",))
