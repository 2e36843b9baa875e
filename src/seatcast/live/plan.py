"""What a night is created with, and keeps: its prior, its plausibility limits, its seed.

A night's projections and calls must not change because the forecast code, the built-in
data or the station estimates changed after the night began, nor cost a forecast run each
time the store is opened.  So `plan_night` computes them once, when the store is created,
and the store keeps them (`seatcast.live.store`): every later open reads them back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from seatcast.domain.results import Election
from seatcast.domain.ridings import RidingCode
from seatcast.live.model import Prior, forecast_prior, night_seed
from seatcast.live.plausible import RidingLimits, riding_limits

if TYPE_CHECKING:
    from seatcast.forecast.projection import Forecaster


@dataclass(frozen=True, slots=True)
class NightPlan:
    election_id: str
    seed: int  # of the national draws' noise bank
    prior: Prior
    limits: Mapping[RidingCode, RidingLimits]


def plan_night(forecaster: Forecaster | None, election: Election, previous: Election | None, *,
               prior: Prior | None = None, seed: int | None = None) -> NightPlan:
    """The plan of a new night for `election` (`previous`: the election before it on the
    same map, or None): the forecast prior of `forecaster` unless a prior is given (see
    `seatcast.live.model.forecast_prior`), the limits of `seatcast.live.plausible`, and the
    default seed of the election unless one is given."""
    if prior is None:
        if forecaster is None:
            raise ValueError("plan_night needs a forecaster or a prior")
        prior = forecast_prior(forecaster, election, previous)
    return NightPlan(
        election_id=election.id,
        seed=night_seed(election.id) if seed is None else seed,
        prior=prior,
        limits=riding_limits(election, previous),
    )
