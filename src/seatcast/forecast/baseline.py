"""Riding-by-party share matrices: the common currency of projection and simulation.

The model parties are the poll table's columns (`POLL_PARTIES`): the six named parties
plus OTH, which holds every other candidate (independents included), because the polls
report them together.  One tuple, so poll averages and riding matrices share an order.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from seatcast.domain.elections import ElectionId
from seatcast.domain.geography import REGIONS
from seatcast.domain.parties import Party
from seatcast.domain.polls import POLL_PARTIES
from seatcast.domain.results import Election
from seatcast.domain.ridings import RidingCode

MODEL_PARTIES: tuple[Party, ...] = POLL_PARTIES
#: The parties whose seat error is scored (mean absolute error), fits and backtests alike.
SCORED_PARTIES: tuple[Party, ...] = (Party.LPC, Party.CPC, Party.BQ, Party.NDP, Party.GPC)


@dataclass(frozen=True, slots=True)
class Baseline:
    """Shares of one election, riding x party (rows sum to 1), with the riding weights."""

    election: ElectionId
    codes: tuple[RidingCode, ...]
    parties: tuple[Party, ...]
    shares: np.ndarray  # (n_ridings, n_parties)
    votes: np.ndarray  # valid votes per riding (weights for national shares)
    region: np.ndarray  # index into REGIONS per riding

    @property
    def national(self) -> np.ndarray:
        return national_shares(self.shares, self.votes)

    def subset(self, mask: np.ndarray) -> Baseline:
        """The ridings where ``mask`` is true (e.g. one region's)."""
        codes = tuple(c for c, k in zip(self.codes, mask, strict=True) if k)
        shares, votes, region = self.shares[mask], self.votes[mask], self.region[mask]
        return Baseline(self.election, codes, self.parties, _frozen(shares), _frozen(votes),
                        _frozen(region))


def national_shares(shares: np.ndarray, votes: np.ndarray) -> np.ndarray:
    """Vote-weighted shares over ridings."""
    out: np.ndarray = (votes / votes.sum()) @ shares
    return out


def election_matrix(election: Election) -> tuple[np.ndarray, np.ndarray]:
    """(shares, valid votes) of an election in MODEL_PARTIES order."""
    rows = []
    for r in election.results.values():
        pv = r.party_votes()
        rows.append([pv.get(p, 0) + (pv.get(Party.IND, 0) if p is Party.OTH else 0) for p in MODEL_PARTIES])
    v = np.array(rows, dtype=float)
    tot = v.sum(axis=1)
    return v / tot[:, None], tot


def _frozen(a: np.ndarray) -> np.ndarray:
    a.setflags(write=False)
    return a


def baseline(e: Election) -> Baseline:
    """An election's riding shares in MODEL_PARTIES order (read-only arrays)."""
    shares, votes = election_matrix(e)
    region = np.array([REGIONS.index(r.region) for r in e.map], dtype=np.int64)
    codes = tuple(RidingCode(c) for c in e.results)
    return Baseline(e.id, codes, MODEL_PARTIES, _frozen(shares), _frozen(votes), _frozen(region))
