"""Regional vote shares and swing between two elections (any maps: regions are stable)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from seatcast.domain.geography import REGIONS, Region
from seatcast.domain.parties import ALL_PARTIES, NAMED_PARTIES, Party
from seatcast.domain.results import Election


def regional_shares(election: Election) -> dict[Region, dict[Party, float]]:
    """Each party's share of the valid vote in each of the seven regions."""
    votes: dict[Region, dict[Party, int]] = {r: dict.fromkeys(ALL_PARTIES, 0) for r in REGIONS}
    for riding in election.map:
        for p, v in election.result(riding.code).party_votes().items():
            votes[riding.region][p] += v
    out = {}
    for r, pv in votes.items():
        total = sum(pv.values())
        if total:
            out[r] = {p: v / total for p, v in pv.items()}
    return out


def parties_standing(before: Mapping[Region, Mapping[Party, float]],
                     after: Mapping[Region, Mapping[Party, float]]) -> list[Party]:
    """The named parties with votes in some region, before or after (the parties a swing shows)."""
    return [p for p in NAMED_PARTIES
            if any(after[r].get(p, 0.0) or before.get(r, {}).get(p, 0.0) for r in after)]


@dataclass(frozen=True, slots=True)
class RegionalShare:
    party: Party
    before: float  # share of the valid vote (fraction)
    after: float
    change: float  # after - before, in fraction points


def regional_swing(previous: Election, election: Election) -> dict[Region, tuple[RegionalShare, ...]]:
    """Every standing named party's share in each region, before and after."""
    before, after = regional_shares(previous), regional_shares(election)
    shown: Sequence[Party] = parties_standing(before, after)
    return {r: tuple(RegionalShare(p, before[r].get(p, 0.0), after[r].get(p, 0.0),
                                   after[r].get(p, 0.0) - before[r].get(p, 0.0)) for p in shown)
            for r in Region if r in before and r in after}
