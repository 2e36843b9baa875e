"""Results: candidates, riding results at a count stage, and whole elections.

Elections Canada counts in stages: *preliminary* (election night), *validated* (by the
returning officer, days later) and, after a judicial recount, *judicially certified*.  The
final result of a riding is its judicially certified stage where there is one, else the
validated one.  The official tables of 2019 and 2021 carry only the final (official) count,
and the 2021 transposition to the 2023 map carries party totals only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from seatcast.domain.parties import ALL_PARTIES, Party
from seatcast.domain.ridings import RidingMap


class Stage(StrEnum):
    PRELIMINARY = "preliminary"
    VALIDATED = "validated"
    JUDICIAL = "judicially certified"
    OFFICIAL = "official"
    TRANSPOSED = "transposed"

    @property
    def rank(self) -> int:
        """Later stages rank higher; the final result is the highest stage present."""
        return _STAGE_RANK[self]


_STAGE_RANK = {
    Stage.PRELIMINARY: 0,
    Stage.VALIDATED: 1,
    Stage.OFFICIAL: 1,
    Stage.TRANSPOSED: 1,
    Stage.JUDICIAL: 2,
}


@dataclass(frozen=True, slots=True)
class Candidate:
    name: str  # "Given Middle Surname", or the party label for a transposed party total
    party: Party
    affiliation: str  # the label as printed by Elections Canada, e.g. "Parti Rhinocéros Party"
    votes: int
    incumbent: bool = False


@dataclass(frozen=True, slots=True)
class RidingResult:
    """One riding's count at one stage. Candidates are in descending order of votes."""

    riding: int
    stage: Stage
    candidates: tuple[Candidate, ...]
    rejected: int | None = None
    total_ballots: int | None = None
    electors: int | None = None

    @property
    def valid_votes(self) -> int:
        return sum(c.votes for c in self.candidates)

    @property
    def winner(self) -> Candidate:
        """The candidate with the most votes (first listed on an exact tie)."""
        return self.candidates[0]

    @property
    def runner_up(self) -> Candidate | None:
        return self.candidates[1] if len(self.candidates) > 1 else None

    @property
    def tied(self) -> bool:
        ru = self.runner_up
        return ru is not None and ru.votes == self.winner.votes

    @property
    def margin(self) -> int:
        ru = self.runner_up
        return self.winner.votes - (ru.votes if ru else 0)

    @property
    def margin_share(self) -> float:
        v = self.valid_votes
        return self.margin / v if v else 0.0

    @property
    def turnout(self) -> float | None:
        if self.electors and self.total_ballots is not None:
            return self.total_ballots / self.electors
        return None

    def party_votes(self) -> dict[Party, int]:
        """Votes per party code (IND and OTH summed over their candidates)."""
        out: dict[Party, int] = {}
        for c in self.candidates:
            out[c.party] = out.get(c.party, 0) + c.votes
        return out


def sort_candidates(candidates: Iterable[Candidate]) -> tuple[Candidate, ...]:
    """Descending votes; ties keep a stable order by name so results are deterministic."""
    return tuple(sorted(candidates, key=lambda c: (-c.votes, c.name)))


@dataclass(frozen=True)
class Election:
    """A general election on one map: the final result of every riding, plus all stages."""

    id: str  # "2025", "2021", "2019" or "2021t"
    name: str
    date: dt.date
    map: RidingMap
    results: Mapping[int, RidingResult]  # final result per riding code, in map order
    stages: Mapping[int, tuple[RidingResult, ...]] = field(default_factory=dict)
    previous: str | None = None  # the election to compare against, on the same map
    source: str = ""

    @property
    def seats_total(self) -> int:
        return self.map.seats

    @property
    def majority(self) -> int:
        return self.map.majority

    def __iter__(self) -> Iterator[RidingResult]:
        return iter(self.results.values())

    def result(self, riding: int) -> RidingResult:
        try:
            return self.results[riding]
        except KeyError:
            raise KeyError(f"riding {riding} has no result in election {self.id}") from None

    def stages_of(self, riding: int) -> tuple[RidingResult, ...]:
        """Every count stage of a riding, earliest first (the final result alone if none)."""
        return self.stages.get(riding) or (self.result(riding),)

    def seats(self) -> dict[Party, int]:
        out = dict.fromkeys(ALL_PARTIES, 0)
        for r in self.results.values():
            out[r.winner.party] += 1
        return out

    def votes(self) -> dict[Party, int]:
        out = dict.fromkeys(ALL_PARTIES, 0)
        for r in self.results.values():
            for p, v in r.party_votes().items():
                out[p] += v
        return out

    @property
    def valid_votes(self) -> int:
        return sum(r.valid_votes for r in self.results.values())

    @property
    def electors(self) -> int | None:
        vals = [r.electors for r in self.results.values()]
        if any(v is None for v in vals):
            return None
        return sum(v for v in vals if v is not None)

    @property
    def total_ballots(self) -> int | None:
        vals = [r.total_ballots for r in self.results.values()]
        if any(v is None for v in vals):
            return None
        return sum(v for v in vals if v is not None)

    @property
    def turnout(self) -> float | None:
        e, b = self.electors, self.total_ballots
        return b / e if e and b is not None else None

    def subset(self, ridings: Iterable[int], *, label: str = "") -> Election:
        """The same election restricted to some ridings (a province, a region)."""
        keep = set(ridings)
        return Election(
            id=self.id,
            name=f"{self.name}{' — ' + label if label else ''}",
            date=self.date,
            map=RidingMap(self.map.name, tuple(r for r in self.map if r.code in keep)),
            results={k: v for k, v in self.results.items() if k in keep},
            stages={k: v for k, v in self.stages.items() if k in keep},
            previous=self.previous,
            source=self.source,
        )


def final_stage(stages: Iterable[RidingResult]) -> RidingResult:
    """The final result among a riding's stages: the judicially certified count where there
    is one, else the validated (or official) count, else the preliminary one."""
    ordered = sorted(stages, key=lambda r: r.stage.rank)
    if not ordered:
        raise ValueError("a riding needs at least one count stage")
    return ordered[-1]


__all__ = [
    "Candidate",
    "Election",
    "RidingResult",
    "Stage",
    "final_stage",
    "sort_candidates",
]
