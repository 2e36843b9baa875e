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
from dataclasses import dataclass, field, replace
from enum import StrEnum
from types import MappingProxyType

from seatcast.domain.elections import ElectionId, ElectionRecord
from seatcast.domain.parties import ALL_PARTIES, Party
from seatcast.domain.ridings import RidingCode, RidingMap
from seatcast.errors import NotFoundError, SeatcastError


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
    incumbent: bool | None = None  # None: not known (the source does not say)


@dataclass(frozen=True, slots=True)
class RidingResult:
    """One riding's count at one stage. Candidates are in descending order of votes."""

    riding: RidingCode
    stage: Stage
    candidates: tuple[Candidate, ...]
    rejected: int | None = None
    total_ballots: int | None = None
    electors: int | None = None
    polling_stations: int | None = None  # polling stations (2025: voting desks), where known
    population: int | None = None  # census population of the riding, where the tables give it

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
    """A general election on one map: the final result of every riding, plus all stages.

    What the election *is* (id, name, date, the election it compares with) is its
    `ElectionRecord`; this holds the counts."""

    record: ElectionRecord
    map: RidingMap
    results: Mapping[RidingCode, RidingResult]  # final result per riding, in map order
    stages: Mapping[RidingCode, tuple[RidingResult, ...]] = field(default_factory=dict)

    @property
    def id(self) -> ElectionId:
        return self.record.id

    @property
    def name(self) -> str:
        return self.record.name

    @property
    def date(self) -> dt.date | None:
        """Polling day (None: not known, e.g. a user's file that does not say)."""
        return self.record.date

    @property
    def polling_day(self) -> dt.date:
        """The polling day, where code places elections in time (a dateless one cannot be)."""
        if self.record.date is None:
            raise SeatcastError(f"election {self.id} has no polling day")
        return self.record.date

    @property
    def previous(self) -> ElectionId | None:
        """The election before this one on the same map, for comparisons."""
        return self.record.previous

    @property
    def source(self) -> str:
        return self.record.source

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
            return self.results[RidingCode(riding)]
        except KeyError:
            raise NotFoundError(f"riding {riding} has no result in election {self.id}") from None

    def stages_of(self, riding: int) -> tuple[RidingResult, ...]:
        """Every count stage of a riding, earliest first (the final result alone if none)."""
        return self.stages.get(RidingCode(riding)) or (self.result(riding),)

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
        name = f"{self.name}{' — ' + label if label else ''}"
        return Election(
            record=replace(self.record, name=name),
            map=RidingMap(self.map.name, tuple(r for r in self.map if r.code in keep)),
            results=MappingProxyType({k: v for k, v in self.results.items() if k in keep}),
            stages=MappingProxyType({k: v for k, v in self.stages.items() if k in keep}),
        )


@dataclass(frozen=True, slots=True)
class NationalTally:
    """One party's national result at a general election held before the riding-level data
    begins (seats and votes only; ``party`` OTH is every other party and independent)."""

    year: int
    date: dt.date
    party: Party
    votes: int
    seats: int
    valid_votes: int  # the election's valid votes, all parties
    seats_total: int  # the House's size then
    source: str


def national_winner(tallies: Iterable[NationalTally]) -> dict[int, Party]:
    """Year -> the party with the most seats (it formed the government), from national
    tallies; OTH (several parties and independents together) never counts as one party."""
    best: dict[int, NationalTally] = {}
    for t in tallies:
        if t.party is Party.OTH:
            continue
        b = best.get(t.year)
        if b is None or t.seats > b.seats:
            best[t.year] = t
    return {y: t.party for y, t in sorted(best.items())}


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
    "NationalTally",
    "RidingResult",
    "Stage",
    "final_stage",
    "national_winner",
    "sort_candidates",
]
