"""Government arithmetic: the majority line, coalitions that reach it, and voting power.

* The majority line comes from the house size: ``majority_of(seats)`` (172 of 343).
* A coalition is **winning** when its seats reach the line, and **minimal winning** when every
  member is needed (drop any one and it falls short).
* A coalition is **connected** when its parties are neighbours on the left–right order
  (``LEFT_RIGHT``: NDP, GPC, BQ, LPC, CPC, PPC; parties with no seat are skipped, IND and OTH
  are off the scale), and **minimal connected winning** when dropping either end loses the
  majority (Axelrod).
* **Banzhaf** power: the share of all swings (a member whose leaving turns a winning coalition
  into a losing one) held by each party.  **Shapley–Shubik**: the share of orderings in which
  the party's arrival first reaches the line.  Both are exact fractions over all 2^n
  coalitions of the n parties with seats.
* For forecast draws, :func:`coalition_probabilities` gives, for each combination of parties,
  the share of simulated Houses in which it reaches the line.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations
from math import factorial
from typing import Any

import numpy as np

from seatcast.domain.parties import LEFT_RIGHT, Party
from seatcast.domain.ridings import majority_of
from seatcast.errors import SeatcastError

MAX_PLAYERS = 16


@dataclass(frozen=True, slots=True)
class Coalition:
    parties: tuple[Any, ...]
    seats: int
    majority: int

    @property
    def surplus(self) -> int:
        """Seats above the line (negative: seats short)."""
        return self.seats - self.majority

    @property
    def winning(self) -> bool:
        return self.seats >= self.majority

    @property
    def label(self) -> str:
        return "+".join(str(p) for p in self.parties)


def _players(seats: Mapping[Any, int]) -> list[Any]:
    players = [p for p, n in seats.items() if n > 0]
    if len(players) > MAX_PLAYERS:
        raise SeatcastError(f"{len(players)} parties with seats: at most {MAX_PLAYERS} supported")
    return players


def _line(seats: Mapping[Any, int], majority: int | None) -> int:
    return majority_of(sum(seats.values())) if majority is None else majority


def all_coalitions(seats: Mapping[Any, int], majority: int | None = None) -> list[Coalition]:
    """Every non-empty coalition of parties with seats, largest first."""
    line = _line(seats, majority)
    players = _players(seats)
    out = [Coalition(c, sum(seats[p] for p in c), line)
           for k in range(1, len(players) + 1) for c in combinations(players, k)]
    return sorted(out, key=lambda c: (-c.seats, len(c.parties)))


def minimal_winning(seats: Mapping[Any, int], majority: int | None = None) -> list[Coalition]:
    """Winning coalitions in which every member is needed, fewest seats first."""
    line = _line(seats, majority)
    out = [c for c in all_coalitions(seats, line)
           if c.winning and all(c.seats - seats[p] < line for p in c.parties)]
    return sorted(out, key=lambda c: (c.seats, len(c.parties)))


def minimal_connected_winning(seats: Mapping[Any, int], majority: int | None = None,
                              order: Sequence[Any] = LEFT_RIGHT) -> list[Coalition]:
    """Connected winning coalitions on ``order`` that lose the line if either end leaves."""
    line = _line(seats, majority)
    axis = [p for p in order if seats.get(p, 0) > 0]
    out = []
    for i in range(len(axis)):
        for j in range(i, len(axis)):
            members = tuple(axis[i:j + 1])
            total = sum(seats[p] for p in members)
            if total < line:
                continue
            if len(members) == 1 or (total - seats[members[0]] < line
                                     and total - seats[members[-1]] < line):
                out.append(Coalition(members, total, line))
    return sorted(out, key=lambda c: (c.seats, len(c.parties)))


def _masks(seats: Mapping[Any, int]) -> tuple[list[Any], list[int]]:
    players = _players(seats)
    weights = [seats[p] for p in players]
    totals = [0] * (1 << len(players))
    for mask in range(1, len(totals)):
        low = (mask & -mask).bit_length() - 1
        totals[mask] = totals[mask & (mask - 1)] + weights[low]
    return players, totals


def banzhaf(seats: Mapping[Any, int], majority: int | None = None) -> dict[Any, Fraction]:
    """Normalised Banzhaf index of every party in ``seats`` (0 for parties with no seat)."""
    line = _line(seats, majority)
    players, totals = _masks(seats)
    swings = [0] * len(players)
    for mask, total in enumerate(totals):
        if total < line:
            continue
        for i in range(len(players)):
            if mask >> i & 1 and total - seats[players[i]] < line:
                swings[i] += 1
    all_swings = sum(swings)
    out = {p: Fraction(0) for p in seats}
    for p, s in zip(players, swings, strict=True):
        out[p] = Fraction(s, all_swings) if all_swings else Fraction(0)
    return out


def shapley_shubik(seats: Mapping[Any, int], majority: int | None = None) -> dict[Any, Fraction]:
    """Shapley–Shubik index of every party in ``seats`` (0 for parties with no seat)."""
    line = _line(seats, majority)
    players, totals = _masks(seats)
    n = len(players)
    weight = [Fraction(factorial(k) * factorial(n - k - 1), factorial(n)) for k in range(n)]
    power = [Fraction(0)] * n
    for mask, total in enumerate(totals):
        if total >= line:
            continue
        size = mask.bit_count()
        for i in range(n):
            if not mask >> i & 1 and total + seats[players[i]] >= line:
                power[i] += weight[size]
    out = {p: Fraction(0) for p in seats}
    for p, v in zip(players, power, strict=True):
        out[p] = v
    return out


def coalition_probabilities(seats: np.ndarray, parties: Sequence[Any], majority: int,
                            combinations_: Iterable[Iterable[Any]] | None = None,
                            *, chunk: int = 20_000) -> dict[tuple[Any, ...], float]:
    """Probability that each combination of parties reaches ``majority`` over forecast draws.

    ``seats`` is an ``(n_sims, n_parties)`` integer array whose columns follow ``parties``.
    Without ``combinations_``, every non-empty combination of the parties is evaluated.
    """
    arr = np.asarray(seats)
    if arr.ndim != 2 or arr.shape[1] != len(parties):
        raise SeatcastError(f"seats must be (n_sims, {len(parties)}), got {arr.shape}")
    if arr.shape[0] == 0:
        raise SeatcastError("no simulated draws")
    index = {p: i for i, p in enumerate(parties)}
    if combinations_ is None:
        combos = [c for k in range(1, len(parties) + 1) for c in combinations(parties, k)]
    else:
        combos = []
        for c in combinations_:
            members = tuple(c)
            unknown = [p for p in members if p not in index]
            if unknown:
                raise SeatcastError(f"party {unknown[0]} is not in the draws")
            combos.append(members)
    member = np.zeros((len(parties), len(combos)), dtype=np.int64)
    for j, c in enumerate(combos):
        for p in c:
            member[index[p], j] = 1
    hits = np.zeros(len(combos), dtype=np.int64)
    for start in range(0, arr.shape[0], chunk):
        block = arr[start:start + chunk].astype(np.int64) @ member
        hits += (block >= majority).sum(axis=0)
    n = arr.shape[0]
    return {c: float(h) / n for c, h in zip(combos, hits, strict=True)}


def minimal_winning_probabilities(seats: np.ndarray, parties: Sequence[Any], majority: int,
                                  max_size: int | None = None) -> dict[tuple[Any, ...], float]:
    """Probability that each combination is a *minimal* winning coalition over the draws:
    it reaches ``majority`` and loses it if any one member leaves (a party with no seat in a
    draw is never needed, so a combination holding one is not minimal in that draw)."""
    arr = np.asarray(seats).astype(np.int64)
    if arr.ndim != 2 or arr.shape[1] != len(parties):
        raise SeatcastError(f"seats must be (n_sims, {len(parties)}), got {arr.shape}")
    if arr.shape[0] == 0:
        raise SeatcastError("no simulated draws")
    top = len(parties) if max_size is None else max_size
    out = {}
    for k in range(1, top + 1):
        for idx in combinations(range(len(parties)), k):
            cols = arr[:, list(idx)]
            total = cols.sum(axis=1)
            ok = (total >= majority) & (total - cols.min(axis=1) < majority)
            out[tuple(parties[i] for i in idx)] = float(ok.mean())
    return out


def named(seats: Mapping[Party, int]) -> dict[Party, int]:
    """Only the parties with seats, in ``Party`` order (the players of the games above)."""
    return {p: n for p, n in seats.items() if n > 0}
