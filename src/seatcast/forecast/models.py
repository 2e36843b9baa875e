"""The swing models, by name: each has an explicit fit step on the fitting pairs.

``MODELS["flow"].fit(pairs)`` returns a `FittedModel`: the chosen parameters, the error
sizes of its residuals on the pairs (pooled with the a priori sizes), and the projection
``(baseline, target) -> shares``.  With no pair (the first backtest on a map) the fit is
the a priori parameters of `seatcast.forecast.fit`.  Settings (the grids, the priors) are
apart from data (the pairs) apart from fitted state (the returned object); nothing fits
itself behind a cache.  A forecast holds the fitted models it uses.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Protocol

import numpy as np

from seatcast.forecast.baseline import Baseline
from seatcast.forecast.fit import ErrorScales, fit_error_scales, fit_flow, fit_mixed
from seatcast.forecast.history import FitPair, pairs_label
from seatcast.forecast.structure import Structure, shift_to_target
from seatcast.forecast.swing import proportional_swing, uniform_swing

#: A fitted parameter's value, as reported.
Param = float | str | bool | None


@dataclass(frozen=True, slots=True)
class FittedModel:
    """A swing model fitted on the fitting pairs (and its structure inside regions)."""

    name: str
    pair: str  # the fitting pairs, "2015 -> 2019, 2019 -> 2021" ("a priori": none)
    in_sample: bool  # the election it forecasts is among its fitting pairs
    params: Mapping[str, Param]
    errors: ErrorScales
    projector: Callable[[Baseline, np.ndarray], np.ndarray]
    structure: Structure | None = None  # covariate effects and kinds (None: a plain swing)

    def project(self, base: Baseline, target: np.ndarray, shift: np.ndarray | None = None) -> np.ndarray:
        """Riding shares (R, P) of ``base`` moved to national shares ``target``; ``shift``:
        the structure's logit shifts of those ridings (then the target is hit again)."""
        out = self.projector(base, target)
        if shift is None or not np.any(shift):
            return out
        return shift_to_target(out, shift, base.votes, target)


class SwingModel(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def description(self) -> str: ...

    def fit(self, pairs: Sequence[FitPair]) -> FittedModel: ...


def _fitted(name: str, pairs: Sequence[FitPair], params: Mapping[str, Param],
            projector: Callable[[Baseline, np.ndarray], np.ndarray]) -> FittedModel:
    errors = fit_error_scales(projector, pairs)
    return FittedModel(name, pairs_label(tuple(pairs)), any(p.in_sample for p in pairs),
                       MappingProxyType(dict(params)), errors, projector)


@dataclass(frozen=True, slots=True)
class Uniform:
    name: str = "uniform"
    description: str = "uniform swing: each party's national change added in every riding"

    def fit(self, pairs: Sequence[FitPair]) -> FittedModel:
        return _fitted(self.name, pairs, {},
                       lambda b, t: uniform_swing(b.shares, b.national, t))


@dataclass(frozen=True, slots=True)
class Proportional:
    name: str = "proportional"
    description: str = "proportional swing: each party's riding share times its national ratio"

    def fit(self, pairs: Sequence[FitPair]) -> FittedModel:
        return _fitted(self.name, pairs, {},
                       lambda b, t: proportional_swing(b.shares, b.national, t))


@dataclass(frozen=True, slots=True)
class Flow:
    name: str = "flow"
    description: str = "vote flow: voters move between parties, riding by riding (the default)"
    churn_all: bool = False

    def fit(self, pairs: Sequence[FitPair]) -> FittedModel:
        rep = fit_flow(pairs, churn_all=self.churn_all)
        model = rep.model
        params: dict[str, Param] = {k: v for k, v in rep.params.items()}
        return _fitted(self.name, pairs, params,
                       lambda b, t: model.project(b.shares, b.votes, t))


@dataclass(frozen=True, slots=True)
class Mixed:
    name: str = "mixed"
    description: str = "mixed swing: a fitted blend of uniform and proportional swing"

    def fit(self, pairs: Sequence[FitPair]) -> FittedModel:
        m = fit_mixed(pairs).model
        return _fitted(self.name, pairs, {"gain": m.gain, "loss": m.loss},
                       lambda b, t: m.project(b.shares, b.votes, t))


#: The plain swings: no fitted parameter, no structure (the yardsticks of every backtest).
PLAIN: frozenset[str] = frozenset({"uniform", "proportional"})
#: The swing models by name, the default first.
_ALL: tuple[SwingModel, ...] = (Flow(), Mixed(), Uniform(), Proportional())
MODELS: Mapping[str, SwingModel] = MappingProxyType({m.name: m for m in _ALL})
DEFAULT_MODEL = "flow"
