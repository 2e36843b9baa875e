"""Apportionment methods by name: every divisor and largest-remainder method in one registry.

``apportion(votes, seats, "sainte-lague")`` is the one entry point the systems use; a method's
name is what a system definition stores.
"""

from __future__ import annotations

from collections.abc import Mapping

from seatcast.errors import SeatcastError
from seatcast.systems.apportionment import Allocation, K
from seatcast.systems.divisors import DIVISORS, highest_averages
from seatcast.systems.quotas import QUOTAS, largest_remainder

ALIASES = {
    "d'hondt": "dhondt", "d-hondt": "dhondt", "jefferson": "dhondt",
    "webster": "sainte-lague", "sainte-laguë": "sainte-lague", "saint-lague": "sainte-lague",
    "hamilton": "hare", "hare-niemeyer": "hare",
}

METHODS: dict[str, str] = {**{n: d.label for n, d in DIVISORS.items()},
                           **{n: q.label for n, q in QUOTAS.items()}}


def method_name(text: str) -> str:
    """Canonical method name (``"D'Hondt"`` -> ``dhondt``); a SeatcastError for unknown ones."""
    key = text.strip().lower().replace("_", "-").replace(" ", "-")
    key = ALIASES.get(key, key)
    if key not in METHODS:
        raise SeatcastError(f"unknown apportionment method {text!r} (known: {', '.join(METHODS)})")
    return key


def apportion(votes: Mapping[K, int], seats: int, method: str,
              *, already: Mapping[K, int] | None = None) -> Allocation[K]:
    """Allocate ``seats`` among ``votes`` by the named method (ties returned as ties)."""
    name = method_name(method)
    if name in DIVISORS:
        return highest_averages(votes, seats, DIVISORS[name], already=already)
    if already:
        raise SeatcastError(f"method {name} cannot continue from seats already held")
    return largest_remainder(votes, seats, QUOTAS[name])
