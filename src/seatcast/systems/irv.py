"""The alternative vote (instant-runoff voting) in every riding.

Each riding keeps one member, elected by a majority of the ballots still ranking a candidate:
the last-placed party is excluded and its ballots move by the second-preference table
(:mod:`seatcast.systems.preferences`; the default table is a documented *assumption*, since
no Canadian ranked ballots exist) until one party holds a majority of the continuing ballots.
It is the one-seat case of the transferable-vote count in :mod:`seatcast.systems.stv`, whose
ballot model and tie handling it shares.  Independents and minor-party candidates in one
riding are counted together as one IND or OTH pile (the data gives their votes by party code).

The share of voters who elected someone counts the ballots in the winner's pile when elected.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from seatcast.domain.results import Election
from seatcast.systems.apportionment import check_rule
from seatcast.systems.inputs import NO_INPUTS, Inputs
from seatcast.systems.outcome import DistrictResult, Outcome, full, rounded
from seatcast.systems.stv import stv_count


@dataclass(frozen=True, slots=True)
class IRV:
    kind: ClassVar[str] = "irv"
    name: str = "irv"
    preferences: str | None = None  # None: the built-in default table; else a CSV path
    tie_rule: str = "most-votes"

    def __post_init__(self) -> None:
        check_rule(self.tie_rule)

    def describe(self) -> str:
        return "Alternative vote (IRV) in every riding, transfers from the preference table"

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "name": self.name, "preferences": self.preferences or "default",
                "tie_rule": self.tie_rule}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> IRV:
        prefs = d.get("preferences")
        return cls(name=str(d.get("name", "irv")),
                   preferences=None if prefs in (None, "default") else str(prefs),
                   tie_rule=str(d.get("tie_rule", "most-votes")))

    def run(self, election: Election, inputs: Inputs = NO_INPUTS) -> Outcome:
        table = inputs.preference_table(self.preferences)
        seats, districts, ties = full({}), [], list[str]()
        changed = 0
        for code, r in election.results.items():
            votes = full(r.party_votes())
            count = stv_count(votes, 1, table, election.map.get(code).region.value,
                              self.tie_rule, str(code))
            (winner,) = count.elected
            ties.extend(count.ties)
            seats[winner] += 1
            changed += winner != r.winner.party
            districts.append(DistrictResult(str(code), full({winner: 1}), votes,
                                            rounded(count.represented + count.leftover)))
        notes = (f"{changed} riding(s) elect a different party than under FPTP",
                 f"transfers: {table.name} preference table")
        return Outcome(self.name, election.id, seats, full(election.votes()), tuple(districts),
                       tuple(ties), notes)
