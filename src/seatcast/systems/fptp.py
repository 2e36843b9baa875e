"""First past the post: each riding elects the candidate with the most votes.

This is the baseline every what-if is compared with; on official results it reproduces the
official seat count exactly (the winner of each riding's final count).  A riding whose top
two candidates have exactly equal votes is reported as a tie (Canada breaks it by a new
election); the candidate listed first keeps the seat in the count.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from seatcast.domain.results import Election
from seatcast.systems.inputs import NO_INPUTS, Inputs
from seatcast.systems.outcome import DistrictResult, Outcome, full


@dataclass(frozen=True, slots=True)
class FPTP:
    kind: ClassVar[str] = "fptp"
    name: str = "fptp"

    def describe(self) -> str:
        return "First past the post in every riding (the actual system)"

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "name": self.name}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> FPTP:
        return cls(name=str(d.get("name", cls.kind)))

    def run(self, election: Election, inputs: Inputs = NO_INPUTS) -> Outcome:
        del inputs  # FPTP needs nothing but the votes
        districts, ties = [], []
        for code, r in election.results.items():
            if r.tied:
                ties.append(f"riding {code}: exact tie, first listed kept the seat")
            districts.append(DistrictResult(str(code), full({r.winner.party: 1}),
                                            full(r.party_votes()), r.winner.votes))
        return Outcome(self.name, election.id, full(election.seats()), full(election.votes()),
                       tuple(districts), tuple(ties))
