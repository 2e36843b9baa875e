"""The pre-election riding prior: projected shares and their uncertainty, riding by riding.

Election-night models start from this: ``mean[r, j]`` is the expected share of
``parties[j]`` in riding ``codes[r]`` and ``sd[r, j]`` its standard deviation over the
simulated elections (national, regional and riding errors together).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from seatcast.domain.parties import Party
from seatcast.forecast.models import DEFAULT_MODEL
from seatcast.forecast.projection import Forecaster
from seatcast.forecast.simulate import draw_shares, make_spec

PRIOR_SIMS = 4000
PRIOR_BATCH = 1000  # PRIOR_SIMS is a multiple of it
PRIOR_SEED = 20250428


@dataclass(frozen=True, slots=True)
class RidingPrior:
    codes: tuple[int, ...]  # riding codes in map order
    parties: tuple[Party, ...]
    mean: np.ndarray  # (n_ridings, n_parties) projected shares, rows sum to 1
    sd: np.ndarray  # (n_ridings, n_parties) share uncertainty


def riding_prior(forecaster: Forecaster, election: str, as_of: dt.date | None = None) -> RidingPrior:
    """The projection of the default model from the catalog's polls as of ``as_of``
    (default: the eve of the election, or the latest poll for one not held yet), with the
    spread of a fixed-seed simulation."""
    proj = forecaster.project(election, as_of, model=DEFAULT_MODEL)
    spec = make_spec(proj)
    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence(PRIOR_SEED)))
    acc = np.zeros_like(proj.mean)
    acc2 = np.zeros_like(proj.mean)
    for _ in range(PRIOR_SIMS // PRIOR_BATCH):  # batches keep memory small
        s = draw_shares(spec, rng, PRIOR_BATCH).astype(np.float64)
        acc += s.sum(axis=0)
        acc2 += (s**2).sum(axis=0)
    m = acc / PRIOR_SIMS
    sd = np.sqrt(np.clip(acc2 / PRIOR_SIMS - m**2, 0.0, None))
    mean = proj.mean / proj.mean.sum(axis=1, keepdims=True)
    mean.setflags(write=False)
    sd.setflags(write=False)
    return RidingPrior(codes=proj.codes, parties=proj.parties, mean=mean, sd=sd)
