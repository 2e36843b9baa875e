"""The swing models, by name: each has an explicit fit step on a pair of elections.

``MODELS["flow"].fit(pair)`` returns a `FittedModel`: the chosen parameters, the error
sizes of its residuals on the pair, and the projection ``(baseline, target) -> shares``.
Settings (the grids) are apart from data (the pair) apart from fitted state (the returned
object); nothing fits itself behind a cache.  A forecast holds the fitted models it uses.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Protocol

import numpy as np

from seatcast.forecast.baseline import Baseline
from seatcast.forecast.fit import ErrorScales, fit_error_scales, fit_flow, fit_mixed
from seatcast.forecast.history import FitPair
from seatcast.forecast.swing import proportional_swing, uniform_swing

#: A fitted parameter's value, as reported.
Param = float | str | bool | None


@dataclass(frozen=True, slots=True)
class FittedModel:
    """A swing model fitted on one pair of elections."""

    name: str
    pair: str  # "2019 -> 2021"
    in_sample: bool  # fitted on the election it forecasts (no earlier pair)
    params: Mapping[str, Param]
    errors: ErrorScales
    projector: Callable[[Baseline, np.ndarray], np.ndarray]

    def project(self, base: Baseline, target: np.ndarray) -> np.ndarray:
        """Riding shares (R, P) of ``base`` moved to national shares ``target``."""
        return self.projector(base, target)


class SwingModel(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def description(self) -> str: ...

    def fit(self, pair: FitPair) -> FittedModel: ...


def _fitted(name: str, pair: FitPair, params: Mapping[str, Param],
            projector: Callable[[Baseline, np.ndarray], np.ndarray]) -> FittedModel:
    errors = fit_error_scales(projector, pair)
    return FittedModel(name, pair.label, pair.in_sample, MappingProxyType(dict(params)), errors,
                       projector)


@dataclass(frozen=True, slots=True)
class Uniform:
    name: str = "uniform"
    description: str = "uniform swing: each party's national change added in every riding"

    def fit(self, pair: FitPair) -> FittedModel:
        return _fitted(self.name, pair, {},
                       lambda b, t: uniform_swing(b.shares, b.national, t))


@dataclass(frozen=True, slots=True)
class Proportional:
    name: str = "proportional"
    description: str = "proportional swing: each party's riding share times its national ratio"

    def fit(self, pair: FitPair) -> FittedModel:
        return _fitted(self.name, pair, {},
                       lambda b, t: proportional_swing(b.shares, b.national, t))


@dataclass(frozen=True, slots=True)
class Flow:
    name: str = "flow"
    description: str = "vote flow: voters move between parties, riding by riding (the default)"
    churn_all: bool = False

    def fit(self, pair: FitPair) -> FittedModel:
        rep = fit_flow(pair, churn_all=self.churn_all)
        model = rep.model
        params: dict[str, Param] = {k: v for k, v in rep.params.items()}
        return _fitted(self.name, pair, params,
                       lambda b, t: model.project(b.shares, b.votes, t))


@dataclass(frozen=True, slots=True)
class Mixed:
    name: str = "mixed"
    description: str = "mixed swing: a fitted blend of uniform and proportional swing"

    def fit(self, pair: FitPair) -> FittedModel:
        m = fit_mixed(pair).model
        return _fitted(self.name, pair, {"gain": m.gain, "loss": m.loss},
                       lambda b, t: m.project(b.shares, b.votes, t))


#: The swing models by name, the default first.
MODELS: Mapping[str, SwingModel] = MappingProxyType({
    m.name: m for m in (Flow(), Mixed(), Uniform(), Proportional())
})
DEFAULT_MODEL = "flow"
