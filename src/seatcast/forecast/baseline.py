"""Riding-by-party share matrices: the common currency of projection and simulation.

The model parties are the six named parties plus OTH, which holds every other candidate
(independents included), because the polls report them together.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

from seatcast.catalog import load
from seatcast.domain.geography import REGIONS, Region
from seatcast.domain.parties import NAMED_PARTIES, Party
from seatcast.domain.results import Election

MODEL_PARTIES: tuple[Party, ...] = (*NAMED_PARTIES, Party.OTH)
#: The parties whose seat error is scored (mean absolute error), fits and backtests alike.
SCORED_PARTIES: tuple[Party, ...] = (Party.LPC, Party.CPC, Party.BQ, Party.NDP, Party.GPC)


@dataclass(frozen=True, slots=True)
class Baseline:
    """Shares of one election, riding x party (rows sum to 1), with the riding weights."""

    election: str
    codes: tuple[int, ...]
    parties: tuple[Party, ...]
    shares: np.ndarray  # (n_ridings, n_parties)
    votes: np.ndarray  # valid votes per riding (weights for national shares)
    region: np.ndarray  # index into REGIONS per riding

    @property
    def national(self) -> np.ndarray:
        return national_shares(self.shares, self.votes)

    def regional(self, region: Region) -> np.ndarray:
        m = self.region == REGIONS.index(region)
        return national_shares(self.shares[m], self.votes[m])


def national_shares(shares: np.ndarray, votes: np.ndarray) -> np.ndarray:
    """Vote-weighted shares over ridings (shares may carry leading batch axes)."""
    w = votes / votes.sum()
    return np.tensordot(shares, w, axes=([-2], [0])) if shares.ndim > 2 else w @ shares


def election_matrix(election: Election) -> tuple[np.ndarray, np.ndarray]:
    """(shares, valid votes) of an election in MODEL_PARTIES order."""
    rows = []
    for r in election.results.values():
        pv = r.party_votes()
        row = [pv.get(p, 0) for p in NAMED_PARTIES]
        row.append(pv.get(Party.OTH, 0) + pv.get(Party.IND, 0))
        rows.append(row)
    v = np.array(rows, dtype=float)
    tot = v.sum(axis=1)
    return v / tot[:, None], tot


@cache
def baseline(election_id: str) -> Baseline:
    e = load(election_id)
    shares, votes = election_matrix(e)
    region = np.array([REGIONS.index(r.region) for r in e.map], dtype=np.int64)
    return Baseline(e.id, tuple(e.results), MODEL_PARTIES, shares, votes, region)
