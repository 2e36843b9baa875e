"""Reading the draws: seat distributions, outcome classes, riding labels, conditioning.

- Per party: mean and median seats, 80 % and 95 % intervals, the chance of most seats
  (a tie for first counts as a shared fraction), of a majority, and of leading a minority.
- Per riding: each party's chance, its projected share with an 80 % interval, and a label:
  Safe (>= 99.9 %), Likely (>= 90 %), Leaning (>= 70 %), Toss-up.
- Conditioning: ``given(res, ["24073=BQ", "LPC>=172"])`` keeps the draws where those
  outcomes happen (needs the per-riding winners).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from seatcast.domain.parties import Party, parse_party
from seatcast.errors import SeatcastError
from seatcast.forecast.simulate import SimulationResult
from seatcast.results.tally import government_of

LABELS: tuple[str, ...] = ("Safe", "Likely", "Leaning", "Toss-up")


def riding_label(chance: float) -> str:
    if chance >= 0.999:
        return "Safe"
    if chance >= 0.9:
        return "Likely"
    if chance >= 0.7:
        return "Leaning"
    return "Toss-up"


def outcome_class(seats: np.ndarray, parties: Sequence[Party], majority: int) -> str:
    """``"LPC majority"``, ``"LPC minority"`` or ``"tie"`` for one seat vector (the
    results' own `government_of`, named as `outcome_classes` names the draws)."""
    g = government_of({p: int(n) for p, n in zip(parties, seats, strict=True)}, majority)
    return "tie" if g.tied_for_first else f"{g.party.value} {g.status}"


def outcome_classes(seats: np.ndarray, parties: Sequence[Party], majority: int) -> np.ndarray:
    top = seats.max(axis=1)
    lead = seats.argmax(axis=1)
    tie = (seats == top[:, None]).sum(axis=1) > 1
    names = np.array([p.value for p in parties])
    kind = np.where(top >= majority, " majority", " minority")
    return np.where(tie, "tie", np.char.add(names[lead], kind))


def party_summary(res: SimulationResult) -> list[dict[str, Any]]:
    s = res.seats
    top = s.max(axis=1, keepdims=True)
    is_top = s == top
    share_top = is_top / is_top.sum(axis=1, keepdims=True)
    sole = is_top & (is_top.sum(axis=1, keepdims=True) == 1)
    out = []
    for j, p in enumerate(res.parties):
        col = s[:, j]
        q = np.quantile(col, [0.025, 0.1, 0.5, 0.9, 0.975])
        nat = res.national[:, j]
        out.append(
            {
                "party": p.value,
                "seats_mean": float(col.mean()),
                "seats_median": float(q[2]),
                "seats_80": [int(q[1]), int(q[3])],
                "seats_95": [int(q[0]), int(q[4])],
                "p_most_seats": float(share_top[:, j].mean()),
                "p_majority": float((col >= res.majority).mean()),
                "p_minority_lead": float((sole[:, j] & (col < res.majority)).mean()),
                "vote_mean": float(nat.mean()),
                "vote_80": [float(np.quantile(nat, 0.1)), float(np.quantile(nat, 0.9))],
            }
        )
    return out


def riding_summary(res: SimulationResult) -> list[dict[str, Any]]:
    from seatcast.catalog import load

    names = {r.code: r.name_en for r in load(res.election).map}
    out = []
    for i, code in enumerate(res.codes):
        wp = res.win_prob[i]
        lead = int(wp.argmax())
        out.append(
            {
                "riding": code,
                "name": names.get(code, ""),
                "leader": res.parties[lead].value,
                "chance": float(wp[lead]),
                "label": riding_label(float(wp[lead])),
                "parties": {
                    p.value: {
                        "chance": float(wp[j]),
                        "share": float(res.share_mean[i, j]),
                        "share_80": [float(res.share_lo[i, j]), float(res.share_hi[i, j])],
                    }
                    for j, p in enumerate(res.parties)
                    if res.projected[i, j] > 0
                },
            }
        )
    return out


_RIDING_COND = re.compile(r"^\s*(\d{5})\s*(!?=)\s*([A-Za-z]+)\s*$")
_SEAT_COND = re.compile(r"^\s*([A-Za-z]+)\s*(>=|<=|>|<|==|=)\s*(\d+)\s*$")


def given(res: SimulationResult, conditions: Sequence[str]) -> SimulationResult:
    """The draws in which every condition holds: ``CODE=PARTY``, ``CODE!=PARTY`` or a
    seat condition such as ``LPC>=172``."""
    mask = np.ones(res.sims, dtype=bool)
    parts = [c for cond in conditions for c in cond.split(",") if c.strip()]
    for cond in parts:
        m = _RIDING_COND.match(cond)
        if m:
            code = int(m.group(1))
            if code not in res.codes:
                raise SeatcastError(f"--given {cond!r}: no riding {code} in {res.election}")
            if res.winners is None:
                raise SeatcastError("--given on a riding needs the per-riding draws (run with them kept)")
            party = _party(cond, m.group(3), res)
            hit = res.winners[:, res.codes.index(code)] == res.parties.index(party)
            mask &= hit if m.group(2) == "=" else ~hit
            continue
        m = _SEAT_COND.match(cond)
        if m:
            j = res.parties.index(_party(cond, m.group(1), res))
            n = int(m.group(3))
            col = res.seats[:, j]
            op = m.group(2)
            mask &= {">=": col >= n, "<=": col <= n, ">": col > n, "<": col < n}.get(op, col == n)
            continue
        raise SeatcastError(f"--given {cond!r}: expected CODE=PARTY (e.g. 24073=BQ) or PARTY>=N")
    n = int(mask.sum())
    if n == 0:
        raise SeatcastError(f"no simulated election has {' and '.join(parts)} (out of {res.sims})")
    winners = res.winners[mask] if res.winners is not None else None
    if winners is not None:
        p = len(res.parties)
        win_prob = np.stack([(winners == j).mean(axis=0) for j in range(p)], axis=1)
    else:
        win_prob = res.win_prob
    return replace(
        res,
        sims=n,
        seats=res.seats[mask],
        national=res.national[mask],
        win_prob=win_prob,
        winners=winners,
        conditions=(*res.conditions, *parts),
    )


def _party(cond: str, text: str, res: SimulationResult) -> Party:
    try:
        p = parse_party(text)
    except ValueError as e:
        raise SeatcastError(f"--given {cond!r}: {e}") from None
    if p not in res.parties:
        raise SeatcastError(f"--given {cond!r}: {p.value} is not modelled")
    return p
