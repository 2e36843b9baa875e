"""The draws of a seat projection: simulated elections as plain arrays.

A value, not a computation: the simulation (`seatcast.forecast.simulate`) builds it, the
draws file reader (`seatcast.sources.draws`) rebuilds it from Parquet, and the summaries,
the backtest and the pages read it.  It lives in the domain so that neither of those
packages has to import the other.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from seatcast.domain.parties import Party
from seatcast.domain.ridings import majority_of


@dataclass(frozen=True, slots=True)
class SimulationResult:
    """The draws of one projection. ``seats[i, j]``: seats of ``parties[j]`` in draw i."""

    election: str
    as_of: dt.date
    model: str
    sims: int
    seed: int
    parties: tuple[Party, ...]
    codes: tuple[int, ...]
    seats: np.ndarray  # (sims, P) int16 (a house has at most a few hundred seats)
    national: np.ndarray  # (sims, P) float32 national vote shares
    win_prob: np.ndarray  # (R, P)
    share_mean: np.ndarray  # (R, P)
    share_lo: np.ndarray  # (R, P) 10th percentile
    share_hi: np.ndarray  # (R, P) 90th percentile
    projected: np.ndarray  # (R, P) the projection's expected shares (before noise)
    target: np.ndarray  # (P,) national shares fed to the projection
    winners: np.ndarray | None = None  # (sims, R) int8 index into parties, when kept
    conditions: tuple[str, ...] = field(default_factory=tuple)

    @property
    def seats_total(self) -> int:
        return len(self.codes)

    @property
    def majority(self) -> int:
        return majority_of(self.seats_total)
