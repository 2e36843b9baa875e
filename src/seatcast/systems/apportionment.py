"""Apportionment results, ties as values, and the named rules that may break them.

An apportionment method turns integer vote counts into integer seat counts.  When the last
seats cannot be given without choosing between equally entitled parties, the method does not
choose: it returns an :class:`Allocation` whose ``tied`` parties share ``tied_seats`` open
seats.  Only :func:`break_ties`, called with a *named* rule, turns that into a full result:

``most-votes``
    the tied party with more votes wins each open seat; equal votes go to the party listed
    first in the input (for Seatcast's own calls: the order of ``Party``).
``lot:SEED``
    drawing lots with ``numpy.random.default_rng(SEED)``: reproducible, never hidden.
``strict``
    refuse: raise :class:`TieError` naming the tie, so a user must pick a rule.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

import numpy as np

from seatcast.errors import SeatcastError

K = TypeVar("K", bound=Hashable)

TIE_RULES: tuple[str, ...] = ("most-votes", "lot:SEED", "strict")


class TieError(SeatcastError):
    """A tie that a ``strict`` rule refuses to break."""


@dataclass(frozen=True, slots=True)
class Allocation(Generic[K]):
    """Seats per party, plus an unresolved tie: ``tied_seats`` seats among ``tied``."""

    seats: Mapping[K, int]
    tied: tuple[K, ...] = ()
    tied_seats: int = 0

    @property
    def is_tie(self) -> bool:
        return self.tied_seats > 0

    @property
    def total(self) -> int:
        return sum(self.seats.values()) + self.tied_seats


def check_rule(rule: str) -> str:
    """Validate a tie rule's name (``most-votes``, ``strict`` or ``lot:<int>``)."""
    if rule in ("most-votes", "strict"):
        return rule
    if rule.startswith("lot:") and rule[4:].isdigit():  # numpy seeds are non-negative
        return rule
    raise SeatcastError(f"unknown tie rule {rule!r} (known: {', '.join(TIE_RULES)})")


def break_ties(allocation: Allocation[K], votes: Mapping[K, int], rule: str) -> dict[K, int]:
    """A complete seat count: the allocation's tie broken by the named ``rule``."""
    seats = dict(allocation.seats)
    if not allocation.is_tie:
        return seats
    check_rule(rule)
    tied = list(allocation.tied)
    if rule == "strict":
        names = ", ".join(str(k) for k in tied)
        raise TieError(f"tie for {allocation.tied_seats} seat(s) between {names} (pick a tie rule)")
    if rule == "most-votes":
        order = {k: i for i, k in enumerate(votes)}
        tied.sort(key=lambda k: (-votes.get(k, 0), order.get(k, len(order))))
        winners = tied[: allocation.tied_seats]
    else:
        rng = np.random.default_rng(int(rule[4:]))
        picks = rng.choice(len(tied), size=allocation.tied_seats, replace=False)
        winners = [tied[int(i)] for i in picks]
    for k in winners:
        seats[k] = seats.get(k, 0) + 1
    return seats
