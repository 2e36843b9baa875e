"""Legal thresholds: who may take part in a proportional allocation.

A :class:`Threshold` is a minimum share of the valid vote, measured either over the whole
country (``scope="national"``, as in Germany's 5 %) or within each district on its own
(``scope="district"``, as in Spain's 3 % per province).  A party under the line may still
qualify by winning at least ``local_seats`` constituency seats (Germany's "three direct
mandates" clause), when that number is above zero.

Shares are exact fractions: ``Threshold.parse("5%")`` is ``Fraction(1, 20)``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from seatcast.domain.parties import Party
from seatcast.errors import SeatcastError

SCOPES = ("national", "district")


@dataclass(frozen=True, slots=True)
class Threshold:
    share: Fraction = Fraction(0)
    scope: str = "national"
    local_seats: int = 0  # 0: no alternative qualification by local seats

    def __post_init__(self) -> None:
        if self.scope not in SCOPES:
            raise SeatcastError(f"unknown threshold scope {self.scope!r} (known: {', '.join(SCOPES)})")
        if not 0 <= self.share < 1:
            raise SeatcastError(f"threshold {self.share} must be a share from 0 to below 1")

    @staticmethod
    def parse(text: str, scope: str = "national") -> Threshold:
        """``"5%"``, ``"5"`` (percent) or ``"0.05"`` -> a threshold."""
        t = text.strip().rstrip("%").strip()
        try:
            value = Fraction(t)
        except (ValueError, ZeroDivisionError):
            raise SeatcastError(f"threshold {text!r} is not a number") from None
        share = value / 100 if (text.strip().endswith("%") or value >= 1) else value
        if not 0 <= share < 1:  # name what the user typed, not the fraction it became
            raise SeatcastError(f"threshold {text!r} must be from 0 to below 100 %")
        return Threshold(share, scope)

    def passes(self, party_votes: int, total_votes: int, local_seats_won: int = 0) -> bool:
        if self.local_seats and local_seats_won >= self.local_seats:
            return True
        if total_votes == 0:
            return False
        return Fraction(party_votes, total_votes) >= self.share

    def to_dict(self) -> dict[str, Any]:
        return {"share": str(self.share), "scope": self.scope, "local_seats": self.local_seats}

    @staticmethod
    def from_dict(d: Mapping[str, Any]) -> Threshold:
        return Threshold(Fraction(str(d.get("share", "0"))), str(d.get("scope", "national")),
                         int(d.get("local_seats", 0)))


def qualified(threshold: Threshold, district_votes: Mapping[Party, int],
              national_votes: Mapping[Party, int],
              local_seats: Mapping[Party, int] | None = None) -> set[Party]:
    """List parties (named parties only) that pass the threshold for one district."""
    base = national_votes if threshold.scope == "national" else district_votes
    total = sum(base.values())
    won = local_seats or {}
    return {p for p in district_votes if p.is_list_party and district_votes[p] > 0
            and threshold.passes(base.get(p, 0), total, won.get(p, 0))}
