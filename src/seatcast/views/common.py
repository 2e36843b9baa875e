"""Small values every view shares."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from seatcast.domain.elections import ElectionId, ElectionRecord
from seatcast.domain.parties import Party
from seatcast.domain.results import Candidate
from seatcast.errors import SeatcastError


@dataclass(frozen=True, slots=True)
class ElectionRef:
    """Which election a view is about."""

    id: ElectionId
    number: int | None
    name: str
    date: dt.date | None
    map: str
    transposition_of: ElectionId | None = None  # these are that election's votes, on this map

    @classmethod
    def of(cls, r: ElectionRecord) -> ElectionRef:
        return cls(r.id, r.number, r.name, r.date, r.map, r.transposition_of)


def candidate_label(c: Candidate) -> str:
    """A candidate as a reader sees it: the name, or the party for a party total."""
    return c.name or f"{party_name(c.party)} (party total)"


def party_name(p: Party) -> str:
    return p.name_en


def positive(name: str, value: int, *, at_most: int | None = None) -> int:
    if value < 1 or (at_most is not None and value > at_most):
        bound = f" and {at_most:,}" if at_most is not None else ""
        raise SeatcastError(f"{name} must be between 1{bound} (got {value})")
    return value


def parse_date(name: str, text: str | dt.date | None) -> dt.date | None:
    if text is None or isinstance(text, dt.date):
        return text
    s = text.strip()
    if not s:
        return None
    try:
        return dt.date.fromisoformat(s)
    except ValueError:
        raise SeatcastError(f"{name} {text!r} is not a date (YYYY-MM-DD)") from None


def when_held(no_later_than: dt.date | None) -> str:
    """The sentence every face prints for an election whose date is not known."""
    if no_later_than is None:
        return "date not known; an earlier election is possible"
    return (f"to be held no later than {no_later_than}, the fixed date in law; "
            "an earlier election is possible")
