"""What a system produces from an election: seats per party, per district and overall.

Every system returns an :class:`Outcome`.  Besides seats, each district records how many of its
voters *elected someone* (``represented``): under FPTP the winner's voters, under list PR the
voters of parties that won a seat there, under IRV the ballots in the winner's final pile,
under STV the ballots in elected candidates' quotas and final piles.  The rest are the
district's *wasted votes*.  Ties that a named rule broke are listed in ``ties``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from seatcast.domain.parties import ALL_PARTIES, Party
from seatcast.domain.ridings import majority_of


def full(seats: Mapping[Party, int]) -> dict[Party, int]:
    """Seats (or votes) for every party code, in ``ALL_PARTIES`` order."""
    return {p: int(seats.get(p, 0)) for p in ALL_PARTIES}


@dataclass(frozen=True, slots=True)
class DistrictResult:
    name: str
    seats: Mapping[Party, int]
    votes: Mapping[Party, int]
    represented: int

    @property
    def valid_votes(self) -> int:
        return sum(self.votes.values())

    @property
    def wasted(self) -> int:
        return self.valid_votes - self.represented


@dataclass(frozen=True, slots=True)
class Outcome:
    system: str
    election: str
    seats: Mapping[Party, int]
    votes: Mapping[Party, int]
    districts: tuple[DistrictResult, ...]
    ties: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())

    @property
    def house(self) -> int:
        return sum(self.seats.values())

    @property
    def majority(self) -> int:
        return majority_of(self.house)

    @property
    def valid_votes(self) -> int:
        return sum(self.votes.values())

    @property
    def represented(self) -> int:
        return sum(d.represented for d in self.districts)

    @property
    def wasted(self) -> int:
        return self.valid_votes - self.represented

    @property
    def share_represented(self) -> Fraction:
        v = self.valid_votes
        return Fraction(self.represented, v) if v else Fraction(0)


def rounded(x: Fraction) -> int:
    """Round half up, for reporting fractional ballot counts as whole ballots."""
    return int(x + Fraction(1, 2)) if x >= 0 else -int(-x + Fraction(1, 2))
