"""Single transferable vote in multi-member districts, on ballots modelled from a transfer table.

**Districts.**  STV elects several members per district; Seatcast forms districts by grouping
neighbouring ridings (``grouping``; default: each province's ridings in districts of about
``magnitude`` = 5, see :func:`seatcast.systems.districts.neighbour_grouping`; a territory is a
one-member district, where STV is the alternative vote).  Any grouping can be given instead.

**Ballots.**  There are no ranked ballots in Canada.  Ballots are built from each district's
first preferences and a second-preference table (:mod:`seatcast.systems.preferences`): every
party stands as many candidates as it could elect, and its voters rank all of them first
(so a party's surplus passes to its next candidate whole); once a party is out, its pile moves
by the table.

**Count** (Droop quota ``floor(V / (M + 1)) + 1`` of the district's valid votes):

1. a party whose pile reaches the quota elects a candidate and keeps the surplus for its next
   candidate (the largest pile first);
2. when no pile reaches the quota, the smallest pile is excluded and moves by the table;
3. when the continuing parties are no more than the seats left, the largest piles fill them.

Exclusion ties are broken by the system's named tie rule on first preferences.  The share of
voters who elected someone counts the ballots in elected candidates' quotas (or, for a seat
filled without a quota, the candidate's whole pile); surpluses left over at the end, excluded
parties' and exhausted ballots are wasted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, ClassVar

from seatcast.domain.parties import Party
from seatcast.domain.results import Election
from seatcast.errors import SeatcastError
from seatcast.systems.apportionment import Allocation, break_ties, check_rule
from seatcast.systems.districts import Grouping
from seatcast.systems.inputs import NO_INPUTS, Inputs
from seatcast.systems.listpr import (
    district_votes,
    grouping_from_data,
    grouping_to_data,
    resolve_grouping,
)
from seatcast.systems.outcome import DistrictResult, Outcome, full, rounded
from seatcast.systems.preferences import PreferenceTable
from seatcast.systems.quotas import QUOTAS


@dataclass(frozen=True, slots=True)
class Count:
    """The result of one transferable-vote count."""

    elected: Mapping[Party, int]
    represented: Fraction  # ballots in elected candidates' quotas (whole pile if no quota)
    leftover: Fraction  # surplus still held by elected parties when the count ends
    rounds: int
    ties: tuple[str, ...] = field(default=())


def _pick(candidates: list[Party], piles: Mapping[Party, Fraction], first: Mapping[Party, int],
          tie_rule: str, largest: bool, ties: list[str], what: str) -> Party:
    """The party with the largest (or smallest) pile; an exact tie goes to the named rule."""
    best = max(piles[p] for p in candidates) if largest else min(piles[p] for p in candidates)
    tied = [p for p in candidates if piles[p] == best]
    if len(tied) == 1:
        return tied[0]
    # ask the rule which tied parties *win* one place: to pick the smallest, the others win
    wins = 1 if largest else len(tied) - 1
    result = break_ties(Allocation({}, tuple(tied), wins), {p: first.get(p, 0) for p in tied}, tie_rule)
    ties.append(f"{what}: {', '.join(p.value for p in tied)} tied, broken by {tie_rule}")
    chosen = [p for p in tied if result.get(p, 0)]
    return chosen[0] if largest else next(p for p in tied if p not in chosen)


def stv_count(votes: Mapping[Party, int], seats: int, table: PreferenceTable, region: str,
              tie_rule: str = "most-votes", where: str = "") -> Count:
    """Count one district of ``seats`` members from first preferences ``votes`` (exact)."""
    if seats < 1:
        raise SeatcastError(f"{where}: a district needs at least one seat")
    total = sum(votes.values())
    quota = QUOTAS["droop"].quota(total, seats)
    piles = {p: Fraction(v) for p, v in votes.items() if v > 0}
    continuing = list(piles)
    if not continuing:
        raise SeatcastError(f"{where}: no votes to count")
    elected = dict.fromkeys(piles, 0)
    ties: list[str] = []
    left, rounds = seats, 0
    used = Fraction(0)
    while left > 0:
        rounds += 1
        reach = [p for p in continuing if piles[p] >= quota]
        if reach:
            p = _pick(reach, piles, votes, tie_rule, True, ties, f"{where} election")
            elected[p] += 1
            piles[p] -= quota
            used += quota
            left -= 1
            continue
        if len(continuing) <= left:
            p = _pick(continuing, piles, votes, tie_rule, True, ties, f"{where} last seats")
            elected[p] += 1
            used += piles[p]
            piles[p] = Fraction(0)
            left -= 1
            if len(continuing) > left:
                continuing.remove(p)
            continue
        loser = _pick(continuing, piles, votes, tie_rule, False, ties, f"{where} exclusion")
        continuing.remove(loser)
        _transfer(loser, piles, continuing, table, region)
    leftover = sum((piles[p] for p, n in elected.items() if n > 0), Fraction(0))
    return Count({p: n for p, n in elected.items() if n}, used, leftover, rounds, tuple(ties))


def _transfer(source: Party, piles: dict[Party, Fraction], continuing: list[Party],
              table: PreferenceTable, region: str) -> None:
    pile = piles[source]
    piles[source] = Fraction(0)
    if pile <= 0:
        return
    for p, share in table.transfers(region, source, continuing).items():
        piles[p] += pile * share


@dataclass(frozen=True, slots=True)
class STV:
    kind: ClassVar[str] = "stv"
    name: str = "stv"
    grouping: str | Grouping = "stv"
    magnitude: int = 5
    preferences: str | None = None  # None: the built-in default table; else a CSV path
    tie_rule: str = "most-votes"

    def __post_init__(self) -> None:
        check_rule(self.tie_rule)
        if self.magnitude < 1:
            raise SeatcastError("STV district magnitude must be at least 1")

    def describe(self) -> str:
        g = self.grouping if isinstance(self.grouping, str) else self.grouping.name
        size = f" of about {self.magnitude}" if g == "stv" else ""
        return f"STV in {g} districts{size}, Droop quota, transfers from the preference table"

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "name": self.name, "grouping": grouping_to_data(self.grouping),
                "magnitude": self.magnitude, "preferences": self.preferences or "default",
                "tie_rule": self.tie_rule}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> STV:
        prefs = d.get("preferences")
        return cls(name=str(d.get("name", "stv")), grouping=grouping_from_data(d.get("grouping", "stv")),
                   magnitude=int(d.get("magnitude", 5)),
                   preferences=None if prefs in (None, "default") else str(prefs),
                   tie_rule=str(d.get("tie_rule", "most-votes")))

    def run(self, election: Election, inputs: Inputs = NO_INPUTS) -> Outcome:
        table = inputs.preference_table(self.preferences)
        grouping = resolve_grouping(self.grouping, election, inputs, self.magnitude)
        seats, districts, ties = full({}), [], list[str]()
        for d in grouping.districts:
            votes = district_votes(election, d.ridings)
            region = election.map.get(d.ridings[0]).region.value
            count = stv_count(votes, d.magnitude, table, region, self.tie_rule, d.name)
            ties.extend(count.ties)
            for p, n in count.elected.items():
                seats[p] += n
            districts.append(DistrictResult(d.name, full(count.elected), votes,
                                            rounded(count.represented)))
        sizes = sorted({d.magnitude for d in grouping.districts})
        notes = (f"{len(grouping.districts)} districts of {sizes[0]}–{sizes[-1]} members "
                 f"({grouping.name} grouping)", f"transfers: {table.name} preference table")
        return Outcome(self.name, election.id, seats, full(election.votes()), tuple(districts),
                       tuple(ties), notes)
