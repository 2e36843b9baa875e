"""Largest remainder (quota) methods, computed exactly.

Each party first gets ``floor(votes / quota)`` seats; the seats left go one each to the
largest remainders ``votes / quota - floor(votes / quota)``.

``hare``
    quota ``V / S`` (exact fraction): Hamilton's method.  It satisfies the *quota rule* (every
    party gets its standard quota ``S v / V`` rounded down or up) but shows the Alabama
    paradox: one more seat in the house can cost a party a seat.
``droop``
    quota ``floor(V / (S + 1)) + 1`` (the integer Droop quota): never more whole quotas than
    seats, and kinder to large parties; it can break the quota rule (votes 342 : 307 : 2,903 :
    698 for 19 seats give the third party 14 seats for a standard quota of 12.98).  With tiny
    vote totals more seats can be left than there are parties; each then gets one seat per
    whole round before the remainders are ranked.

A tie between equal remainders for the last seats is returned as a tie.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from seatcast.systems.apportionment import Allocation, K


@dataclass(frozen=True, slots=True)
class Quota:
    name: str
    label: str
    quota: Callable[[int, int], Fraction]


QUOTAS: dict[str, Quota] = {
    q.name: q
    for q in (
        Quota("hare", "Largest remainder, Hare quota (Hamilton)", lambda v, s: Fraction(v, s)),
        Quota("droop", "Largest remainder, Droop quota", lambda v, s: Fraction(v // (s + 1) + 1)),
    )
}


def largest_remainder(votes: Mapping[K, int], seats: int, quota: Quota | str) -> Allocation[K]:
    """Allocate ``seats`` by largest remainders over ``quota``; ties are returned as ties."""
    q = QUOTAS[quota] if isinstance(quota, str) else quota
    if seats < 0 or any(v < 0 for v in votes.values()):
        raise ValueError("seats and votes must be non-negative")
    total = sum(votes.values())
    won = dict.fromkeys(votes, 0)
    if seats == 0:
        return Allocation(won)
    if total == 0:
        raise ValueError("no party has votes to receive a seat")
    size = q.quota(total, seats)
    remainders: dict[K, Fraction] = {}
    for k, v in votes.items():
        whole, rest = divmod(Fraction(v), size)
        won[k] = int(whole)
        remainders[k] = rest / size
    left = seats - sum(won.values())
    if left < 0:  # cannot happen with these quotas; kept as a guard for custom ones
        raise ValueError(f"quota {q.name} gave more whole seats than the {seats} available")
    ranked = sorted((k for k in votes if votes[k] > 0), key=lambda k: -remainders[k])
    if left >= len(ranked) > 0:  # only with tiny totals under Droop: whole rounds of one seat each
        rounds = left // len(ranked)
        for k in ranked:
            won[k] += rounds
        left -= rounds * len(ranked)
    if left == 0:
        return Allocation(won)
    return _by_remainders(votes, won, remainders, ranked, left)


def _by_remainders(votes: Mapping[K, int], won: dict[K, int], remainders: Mapping[K, Fraction],
                   ranked: list[K], left: int) -> Allocation[K]:
    """The ``left`` seats (fewer than the parties ``ranked``) one each to the largest remainders;
    equal remainders at the cut that cannot all have a seat are returned as a tie."""
    cut = remainders[ranked[left - 1]]
    above = [k for k in ranked if remainders[k] > cut]
    at = [k for k in ranked if remainders[k] == cut]
    for k in above:
        won[k] += 1
    need = left - len(above)
    if len(at) == need:
        for k in at:
            won[k] += 1
        return Allocation(won)
    order = {k: i for i, k in enumerate(votes)}
    return Allocation(won, tuple(sorted(at, key=order.__getitem__)), need)
