"""Divisor (highest averages) methods, computed exactly.

A divisor method gives the next seat to the party with the highest quotient
``votes / d(seats so far)``.  The divisor sequences, by their textbook names:

=========================  ==============================  ================================
name                       d(k), k = seats already held     also known as
=========================  ==============================  ================================
``dhondt``                 k + 1                            Jefferson
``sainte-lague``           2k + 1                           Webster
``modified-sainte-lague``  7/5 for k = 0, then 2k + 1       Scandinavian (Norway, Sweden)
``huntington-hill``        sqrt(k (k + 1))                  equal proportions (US House)
``adams``                  k                                smallest divisors
=========================  ==============================  ================================

Quotients are :class:`~fractions.Fraction` values.  Huntington–Hill's divisor is irrational,
so it ranks parties by the *square* of the quotient, ``votes² / (k (k + 1))``, which orders
them identically with no rounding.  Adams and Huntington–Hill divide by zero for a party with
no seat yet: that quotient is infinite, so every party with votes gets a first seat before any
party gets a second; when there are more such parties than seats, those first seats go in
order of votes (equal votes tie), the usual extension of both methods.
Parties with no votes never receive a seat.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from seatcast.systems.apportionment import Allocation, K

#: A priority: (infinite?, value).  Larger compares higher.
Priority = tuple[bool, Fraction]


@dataclass(frozen=True, slots=True)
class Divisor:
    """A named divisor sequence, as a priority function of (votes, seats held)."""

    name: str
    label: str
    priority: Callable[[int, int], Priority]


def _dhondt(v: int, k: int) -> Priority:
    return (False, Fraction(v, k + 1))


def _sainte_lague(v: int, k: int) -> Priority:
    return (False, Fraction(v, 2 * k + 1))


def _modified_sainte_lague(v: int, k: int) -> Priority:
    return (False, Fraction(5 * v, 7) if k == 0 else Fraction(v, 2 * k + 1))


def _huntington_hill(v: int, k: int) -> Priority:
    return (True, Fraction(v)) if k == 0 else (False, Fraction(v * v, k * (k + 1)))


def _adams(v: int, k: int) -> Priority:
    return (True, Fraction(v)) if k == 0 else (False, Fraction(v, k))


DIVISORS: dict[str, Divisor] = {
    d.name: d
    for d in (
        Divisor("dhondt", "D'Hondt (Jefferson)", _dhondt),
        Divisor("sainte-lague", "Sainte-Laguë (Webster)", _sainte_lague),
        Divisor("modified-sainte-lague", "Modified Sainte-Laguë (first divisor 1.4)",
                _modified_sainte_lague),
        Divisor("huntington-hill", "Huntington–Hill (equal proportions)", _huntington_hill),
        Divisor("adams", "Adams (smallest divisors)", _adams),
    )
}


def highest_averages(votes: Mapping[K, int], seats: int, divisor: Divisor | str,
                     *, already: Mapping[K, int] | None = None) -> Allocation[K]:
    """Allocate ``seats`` by a divisor method; a tie for the last seats is returned as a tie.

    ``already`` gives seats a party holds before this allocation starts (its divisor starts
    there, as in the sequential compensatory count of a mixed-member system); the result
    counts only the new seats.
    """
    d = DIVISORS[divisor] if isinstance(divisor, str) else divisor
    if seats < 0:
        raise ValueError("seats must be non-negative")
    if any(v < 0 for v in votes.values()):
        raise ValueError("votes must be non-negative")
    start = dict(already or {})
    held = {k: start.get(k, 0) for k in votes}
    won = dict.fromkeys(votes, 0)
    # max-heap of (priority, order); negate to use heapq's min-heap
    order = {k: i for i, k in enumerate(votes)}
    heap: list[tuple[bool, Fraction, int]] = []
    for k, v in votes.items():
        if v > 0:
            inf, val = d.priority(v, held[k])
            heap.append((not inf, -val, order[k]))
    heapq.heapify(heap)
    keys = list(votes)
    left = seats
    while left > 0:
        if not heap:
            raise ValueError("no party has votes to receive a seat")
        top = heap[0][:2]
        level = []
        while heap and heap[0][:2] == top:
            level.append(heapq.heappop(heap)[2])
        if len(level) > left:
            tied = tuple(keys[i] for i in sorted(level))
            return Allocation(won, tied, left)
        for i in level:
            k = keys[i]
            won[k] += 1
            held[k] += 1
            inf, val = d.priority(votes[k], held[k])
            heapq.heappush(heap, (not inf, -val, i))
        left -= len(level)
    return Allocation(won)
