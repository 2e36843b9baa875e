"""What happened: seats, votes, shares, government, turnout, closest races and flips.

`summarize` turns an `Election` (and, optionally, the previous election on the same map)
into a `Summary`, the value behind `seatcast results` and the House page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from seatcast.domain.geography import Province
from seatcast.domain.parties import ALL_PARTIES, Party
from seatcast.domain.results import Election, RidingResult


@dataclass(frozen=True, slots=True)
class PartyLine:
    party: Party
    seats: int
    votes: int
    share: float  # fraction of valid votes
    seats_change: int | None = None  # against the previous election on the same map
    share_change: float | None = None  # in fraction points (0.01 = one percentage point)


class GovernmentStatus(StrEnum):
    MAJORITY = "majority"
    MINORITY = "minority"


@dataclass(frozen=True, slots=True)
class Government:
    party: Party  # the largest party
    status: GovernmentStatus
    seats: int
    majority: int  # seats needed
    short_by: int  # seats short of a majority (0 for a majority)
    spare: int  # seats above the majority line (0 for a minority)
    tied_for_first: tuple[Party, ...] = ()  # other parties with as many seats, if any


@dataclass(frozen=True, slots=True)
class Race:
    riding: int
    name: str
    province: str
    winner: Party
    winner_name: str
    runner_up: Party | None
    runner_up_name: str | None
    margin: int
    margin_share: float


@dataclass(frozen=True, slots=True)
class Flip:
    riding: int
    name: str
    province: str
    before: Party
    after: Party


class Comparison(StrEnum):
    """What a comparison with another election can say."""

    SAME_MAP = "same map"  # riding by riding: seat changes and the ridings that changed hands
    TOTALS_ONLY = "totals only"  # another map: party totals only, no riding is the same


@dataclass(frozen=True, slots=True)
class Summary:
    election: str
    name: str
    date: dt.date | None  # None: not known (a user's file that does not say)
    scope: str  # "Canada" or a province code
    seats_total: int
    majority: int
    valid_votes: int
    total_ballots: int | None
    electors: int | None
    turnout: float | None
    previous: str | None
    comparison: Comparison | None
    previous_turnout: float | None
    parties: tuple[PartyLine, ...]
    government: Government
    closest: tuple[Race, ...]
    flips: tuple[Flip, ...]


def government_of(seats: dict[Party, int], majority: int) -> Government:
    """The largest party and whether it holds a majority of ``majority`` seats."""
    ranked = sorted(seats.items(), key=lambda kv: (-kv[1], ALL_PARTIES.index(kv[0])))
    party, n = ranked[0]
    tied = tuple(p for p, s in ranked[1:] if s == n)
    if n >= majority:
        return Government(party, GovernmentStatus.MAJORITY, n, majority, 0, n - majority, tied)
    return Government(party, GovernmentStatus.MINORITY, n, majority, majority - n, 0, tied)


def race_of(election: Election, r: RidingResult) -> Race:
    riding = election.map.get(r.riding)
    ru = r.runner_up
    return Race(
        riding=r.riding,
        name=riding.name_en,
        province=riding.province.code,
        winner=r.winner.party,
        winner_name=r.winner.name,
        runner_up=ru.party if ru else None,
        runner_up_name=ru.name if ru else None,
        margin=r.margin,
        margin_share=r.margin_share,
    )


def flips_between(previous: Election, current: Election) -> tuple[Flip, ...]:
    """Ridings whose winning party changed (both elections on the same map)."""
    if previous.map.name != current.map.name:
        raise ValueError(
            f"cannot compare {current.id} ({current.map.name} map) with {previous.id} "
            f"({previous.map.name} map)"
        )
    out = []
    for code, r in current.results.items():
        p = previous.results.get(code)
        if p is not None and p.winner.party != r.winner.party:
            riding = current.map.get(code)
            out.append(Flip(code, riding.name_en, riding.province.code, p.winner.party, r.winner.party))
    return tuple(out)


def summarize(
    election: Election,
    previous: Election | None = None,
    *,
    province: Province | None = None,
    national: Election | None = None,
    closest: int = 10,
) -> Summary:
    """Summarize an election (optionally one province of it) against the previous one.

    ``national`` is the whole election when ``election`` is a provincial subset; the
    government is always that of the whole House.  ``previous`` on another map compares
    party totals only (no flips).
    """
    whole = national or election
    same_map = previous is not None and previous.map.name == election.map.name
    if province is not None:
        codes = [r.code for r in election.map if r.province == province]
        election = election.subset(codes, label=province.name_en)
        if previous is not None:  # its own ridings of the province (its map may differ)
            previous = previous.subset([r.code for r in previous.map if r.province == province],
                                       label=province.name_en)
    seats, votes = election.seats(), election.votes()
    valid = election.valid_votes
    pseats = previous.seats() if previous else None
    pvotes = previous.votes() if previous else None
    pvalid = previous.valid_votes if previous else 0
    lines = []
    for p in ALL_PARTIES:
        if votes[p] == 0 and seats[p] == 0 and not (pvotes and pvotes[p]):
            continue
        share = votes[p] / valid if valid else 0.0
        lines.append(
            PartyLine(
                party=p,
                seats=seats[p],
                votes=votes[p],
                share=share,
                seats_change=(seats[p] - pseats[p]) if pseats is not None else None,
                share_change=(share - pvotes[p] / pvalid) if pvotes is not None and pvalid else None,
            )
        )
    lines.sort(key=lambda pl: (-pl.seats, -pl.votes))
    races = sorted(
        (race_of(election, r) for r in election.results.values()), key=lambda x: (x.margin, x.riding)
    )
    return Summary(
        election=election.id,
        name=election.name,
        date=election.date,
        scope=province.code if province else "Canada",
        seats_total=election.seats_total,
        majority=whole.majority,
        valid_votes=valid,
        total_ballots=election.total_ballots,
        electors=election.electors,
        turnout=election.turnout,
        previous=previous.id if previous else None,
        comparison=None if previous is None else (
            Comparison.SAME_MAP if same_map else Comparison.TOTALS_ONLY),
        previous_turnout=previous.turnout if previous else None,
        parties=tuple(lines),
        government=government_of(whole.seats(), whole.majority),
        closest=tuple(races[:closest]),
        flips=flips_between(previous, election) if previous is not None and same_map else (),
    )
