"""Disproportionality and fragmentation measures for any outcome.

With vote shares ``v_i`` and seat shares ``s_i`` (in percent, over every party code; IND and
OTH each count as one category, as the data gives them):

* **Gallagher** least-squares index: ``sqrt(½ Σ (v_i − s_i)²)``.
* **Loosemore–Hanby**: ``½ Σ |v_i − s_i|``, the share of seats held by parties beyond their
  vote share.
* **Effective number of parties** (Laakso–Taagepera): ``1 / Σ p_i²`` for vote shares and for
  seat shares.
* **Seats per 100,000 votes** for each party.
* **Wasted votes**: ballots that elected no one (see :mod:`seatcast.systems.outcome`), and the
  share of voters who elected someone.

Sums are exact fractions; only the final square root and the printed figures are floats.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from seatcast.domain.parties import ALL_PARTIES, Party
from seatcast.systems.outcome import Outcome


def shares(counts: Mapping[Party, int]) -> dict[Party, Fraction]:
    total = sum(counts.values())
    if total <= 0:
        raise ValueError("shares of an empty count")
    return {p: Fraction(n, total) for p, n in counts.items()}


def _diffs(votes: Mapping[Party, int], seats: Mapping[Party, int]) -> list[Fraction]:
    v, s = shares(votes), shares(seats)
    return [v.get(p, Fraction(0)) - s.get(p, Fraction(0)) for p in {*v, *s}]


def gallagher(votes: Mapping[Party, int], seats: Mapping[Party, int]) -> float:
    """Gallagher's least-squares index, in percentage points."""
    return 100 * math.sqrt(float(sum(d * d for d in _diffs(votes, seats)) / 2))


def loosemore_hanby(votes: Mapping[Party, int], seats: Mapping[Party, int]) -> Fraction:
    """Loosemore–Hanby index as an exact share (multiply by 100 for percentage points)."""
    return sum((abs(d) for d in _diffs(votes, seats)), Fraction(0)) / 2


def effective_parties(counts: Mapping[Party, int]) -> Fraction:
    """Laakso–Taagepera effective number of parties, exactly."""
    return Fraction(1) / sum((s * s for s in shares(counts).values()), Fraction(0))


def seats_per_100k(votes: Mapping[Party, int], seats: Mapping[Party, int]) -> dict[Party, Fraction | None]:
    return {p: (Fraction(seats.get(p, 0) * 100_000, n) if n else None) for p, n in votes.items()}


@dataclass(frozen=True, slots=True)
class Measures:
    gallagher: float
    loosemore_hanby: float
    enp_votes: float
    enp_seats: float
    wasted_votes: int
    share_elected_someone: float


def measure(outcome: Outcome) -> Measures:
    """Every whole-House measure of one outcome (seats per 100,000 votes are per party:
    :func:`compare_parties`)."""
    return Measures(
        gallagher=gallagher(outcome.votes, outcome.seats),
        loosemore_hanby=float(100 * loosemore_hanby(outcome.votes, outcome.seats)),
        enp_votes=float(effective_parties(outcome.votes)),
        enp_seats=float(effective_parties(outcome.seats)),
        wasted_votes=outcome.wasted,
        share_elected_someone=float(outcome.share_represented),
    )


@dataclass(frozen=True, slots=True)
class PartyComparison:
    """One party's seats under a system next to its seats under first past the post."""

    party: Party
    votes: int
    share: float  # of valid votes
    seats: int
    fptp_seats: int
    seats_per_100k: float | None  # None: the party had no votes

    @property
    def change(self) -> int:
        return self.seats - self.fptp_seats


def compare_parties(fptp: Outcome, outcome: Outcome) -> list[PartyComparison]:
    """Every party with votes or seats under either system, in ``ALL_PARTIES`` order."""
    total = outcome.valid_votes
    per = seats_per_100k(outcome.votes, outcome.seats)
    rows = []
    for p in ALL_PARTIES:
        v, s, f = outcome.votes.get(p, 0), outcome.seats.get(p, 0), fptp.seats.get(p, 0)
        if v or s or f:
            x = per.get(p)
            rows.append(PartyComparison(p, v, v / total if total else 0.0, s, f,
                                        None if x is None else float(x)))
    return rows
