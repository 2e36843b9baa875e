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
from dataclasses import dataclass, replace

import numpy as np

from seatcast.domain.draws import SimulationResult
from seatcast.domain.parties import Party, parse_party
from seatcast.domain.ridings import RidingCode
from seatcast.errors import SeatcastError
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


@dataclass(frozen=True, slots=True)
class PartyOdds:
    """One party's seats and vote over the draws."""

    party: Party
    seats_mean: float
    seats_median: float
    seats_80: tuple[int, int]
    seats_95: tuple[int, int]
    p_most_seats: float  # a draw tied for most seats counts 1/k for each of the k tied
    p_majority: float
    p_minority_lead: float  # most seats alone, short of a majority
    vote_mean: float  # mean simulated national share (fraction)
    vote_80: tuple[float, float]


def party_summary(res: SimulationResult) -> tuple[PartyOdds, ...]:
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
        out.append(PartyOdds(
            party=p,
            seats_mean=float(col.mean()),
            seats_median=float(q[2]),
            seats_80=(int(q[1]), int(q[3])),
            seats_95=(int(q[0]), int(q[4])),
            p_most_seats=float(share_top[:, j].mean()),
            p_majority=float((col >= res.majority).mean()),
            p_minority_lead=float((sole[:, j] & (col < res.majority)).mean()),
            vote_mean=float(nat.mean()),
            vote_80=(float(np.quantile(nat, 0.1)), float(np.quantile(nat, 0.9))),
        ))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class PartyChance:
    party: Party
    chance: float  # of winning the riding
    share: float  # mean simulated share
    share_80: tuple[float, float]


@dataclass(frozen=True, slots=True)
class RidingOdds:
    riding: RidingCode
    leader: Party  # the party most likely to win
    chance: float
    label: str  # Safe, Likely, Leaning or Toss-up
    parties: tuple[PartyChance, ...]  # the parties that stand, in model order


def riding_summary(res: SimulationResult) -> tuple[RidingOdds, ...]:
    out = []
    for i, code in enumerate(res.codes):
        wp = res.win_prob[i]
        lead = int(wp.argmax())
        out.append(RidingOdds(
            riding=RidingCode(code),
            leader=res.parties[lead],
            chance=float(wp[lead]),
            label=riding_label(float(wp[lead])),
            parties=tuple(
                PartyChance(p, float(wp[j]), float(res.share_mean[i, j]),
                            (float(res.share_lo[i, j]), float(res.share_hi[i, j])))
                for j, p in enumerate(res.parties) if res.projected[i, j] > 0),
        ))
    return tuple(out)


def outcome_shares(res: SimulationResult) -> dict[str, float]:
    """Each class of outcome ("LPC minority", ...) and its share of the draws, likeliest first."""
    classes = outcome_classes(res.seats, res.parties, res.majority)
    names, counts = np.unique(classes, return_counts=True)
    pairs = sorted(zip(names, counts, strict=True), key=lambda t: (-int(t[1]), str(t[0])))
    return {str(n): int(c) / res.sims for n, c in pairs}


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
