"""Fitting on one pair of elections (`seatcast.forecast.history.FitPair`): flow model,
mixed swing and error sizes.

The flow model's parameters (churn, left-right affinity scale, local pull alpha, loss shape
gamma) are chosen by grid search as the ones that would have forecast the pair's later
election best from the earlier one: each candidate moves the earlier ridings to the national
shares a forecaster had on the eve of the later election (poll average corrected for the
previous miss) and is scored on ridings called right, then seat error, then share error.
The regional and riding error sizes of every model are the spread of its residuals on the
same pair, fed the actual national shares.  For 2025 the pair is 2019 -> 2021: nothing from
2025 is used, so the 2025 backtest is a true out-of-sample test.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from seatcast.domain.geography import REGIONS
from seatcast.domain.parties import LEFT_RIGHT, Party
from seatcast.forecast.baseline import SCORED_PARTIES, Baseline
from seatcast.forecast.history import FitPair
from seatcast.forecast.swing import FlowModel, MixedModel


@dataclass(frozen=True, slots=True)
class FitReport:
    model: FlowModel
    rmse: float  # riding-level share error of the chosen projection (fraction)
    ridings_right: int
    seat_mae: float
    grid: tuple[dict[str, Any], ...]  # every candidate tried, with its scores
    params: dict[str, Any]  # the chosen candidate: churn, scale (None = flat), alpha, gamma


def volatility(old: np.ndarray, new: np.ndarray) -> float:
    """How much an election moves: the mean of each party's ``|log(new / old)|``, weighted
    by the party's size ``(old + new) / 2`` (a log-scale cousin of the Pedersen index).

    One number for the whole election, so a single party's share enters it only with that
    party's weight: 2019 -> 2021 moved 0.11, the eve-of-2025 poll average 0.34."""
    o = np.clip(old, 1e-3, None)
    n = np.clip(new, 1e-3, None)
    w = (np.clip(old, 0.0, None) + np.clip(new, 0.0, None)) / 2.0
    return float(w @ np.abs(np.log(n / o)) / max(float(w.sum()), 1e-12))


@dataclass(frozen=True, slots=True)
class ErrorScales:
    """Sizes of the regional and riding errors in logit space, per party (fitted).

    Errors grow with the size of the election's move: in 2021 the parties whose vote
    changed most (GPC, PPC) had the largest riding residuals, and a realigning election
    (2025: the NDP and PPC collapse) leaves more riding-level surprise than a status-quo
    one.  So each size is ``own_p + slope * (volatility(old, new) - fitted volatility)``:
    the party's own 2021 size, plus a common slope (fitted across the parties of 2021:
    residual size against each party's own ``|log move|``) times how much more the whole
    election moves now than it did then.  The move is the election's, not the party's:
    with a per-party move a trailing party that climbed back toward its previous share
    got less noise, hence fewer long-shot wins, and more votes could cost it expected
    seats; here its own share enters only with its own small weight."""

    regional: np.ndarray  # (P,) as fitted
    riding: np.ndarray  # (P,) as fitted
    volatility: float  # `volatility` of the fitted pair (2019 -> 2021: 0.11)
    regional_slope: float = 0.0
    riding_slope: float = 0.0

    def scaled(self, old: np.ndarray, new: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(regional, riding) sizes for a forecast moving national shares from old to new."""
        extra = volatility(old, new) - self.volatility
        reg = np.maximum(self.regional + self.regional_slope * extra, 0.5 * self.regional)
        rid = np.maximum(self.riding + self.riding_slope * extra, 0.5 * self.riding)
        return reg, rid


def _rmse(proj: np.ndarray, actual: Baseline) -> float:
    """Vote-weighted riding share error (RMSE over ridings, all parties together)."""
    return float(np.sqrt(np.average(((proj - actual.shares) ** 2).sum(axis=1), weights=actual.votes)))


def logit(s: np.ndarray, floor: float = 2e-3) -> np.ndarray:
    x = np.clip(s, floor, 1 - floor)
    return np.log(x / (1 - x))


def _slope(x: np.ndarray, y: np.ndarray) -> float:
    """Least-squares slope of y on x (with intercept), floored at 0."""
    xm, ym = x - x.mean(), y - y.mean()
    den = float(xm @ xm)
    return max(0.0, float(xm @ ym) / den) if den > 0 else 0.0


def left_right_affinity(parties: tuple[Party, ...], scale: float | None) -> np.ndarray:
    """Where leaving voters go, before any fitting: ``exp(-distance / scale)`` along the
    left-right order (`LEFT_RIGHT`), a party's own voters counting as distance 0; parties
    off that order (OTH) sit at distance 2 from everyone.  ``scale=None``: no preference."""
    p = len(parties)
    if scale is None:
        return np.ones((p, p))
    pos = [LEFT_RIGHT.index(x) if x in LEFT_RIGHT else None for x in parties]
    a = np.empty((p, p))
    for i in range(p):
        for j in range(p):
            pi, pj = pos[i], pos[j]
            d = 2.0 if pi is None or pj is None else abs(pi - pj)
            a[i, j] = np.exp(-d / scale)
    return a


#: The grid searched on the fitting pair (churn, left-right scale, alpha, gamma).
GRID: tuple[tuple[float, ...], tuple[float | None, ...], tuple[float, ...], tuple[float, ...]] = (
    (0.0, 0.15, 0.3, 0.45, 0.6),
    (0.5, 1.0, None),
    (0.0, 0.5),
    (0.0, 1.0, 2.0),
)


def fit_flow(pair: FitPair, *, churn_all: bool = False) -> FitReport:
    """Choose the flow model's parameters on one pair of elections.

    Each candidate projects the ``old`` ridings to the national shares a forecaster had on
    the eve of ``new`` (the poll average, corrected for the miss of the election before),
    exactly as in a forecast; the winner calls the most ``new`` ridings right, then has the
    smallest seat error, then the smallest share error (RMSE over ridings).  ``churn_all``
    fits the variant that churns losing parties too (measured, not published)."""
    b0, b1 = pair.old, pair.new
    target = pair.eve_target
    actual = b1.shares.argmax(axis=1)
    real = np.bincount(actual, minlength=len(b1.parties))
    scored = [b1.parties.index(p) for p in SCORED_PARTIES]
    tried = []
    best: tuple[tuple[int, float, float], FlowModel, dict[str, Any]] | None = None
    for churn, scale, alpha, gamma in itertools.product(*GRID):
        model = FlowModel(left_right_affinity(b0.parties, scale), alpha, churn, gamma, churn_all=churn_all)
        proj = model.project(b0.shares, b0.votes, target)
        called = proj.argmax(axis=1)
        right = int((called == actual).sum())
        seats = np.bincount(called, minlength=len(b1.parties))
        mae = float(np.abs(seats - real)[scored].mean())
        rmse = _rmse(proj, b1)
        key = (-right, mae, rmse)
        tried.append(
            {
                "churn": churn,
                "scale": scale,
                "alpha": alpha,
                "gamma": gamma,
                "ridings_right": right,
                "seat_mae": mae,
                "rmse": rmse,
            }
        )
        if best is None or key < best[0]:
            best = (key, model, {"churn": churn, "scale": scale, "alpha": alpha, "gamma": gamma})
    assert best is not None
    (neg_right, mae, rmse), model, params = best
    return FitReport(model, rmse, int(-neg_right), mae, tuple(tried), params)


@dataclass(frozen=True, slots=True)
class MixedFit:
    model: MixedModel
    rmse: float  # riding-level share error of the chosen weights (fraction), actual shares fed
    grid: tuple[dict[str, float], ...]  # every candidate tried, with its scores


#: Uniform weights tried for the mixed swing (gaining parties x losing parties).
MIXED_GRID: tuple[float, ...] = tuple(round(0.05 * i, 2) for i in range(21))


def fit_mixed(pair: FitPair) -> MixedFit:
    """Choose the mixed swing's two weights on one pair of elections.

    The weights describe the geography of a swing (where a party's gains and losses land),
    so they are fitted on the geography alone: each candidate moves the ``old`` ridings to
    the actual national shares of ``new``, and the winner has the smallest vote-weighted
    riding share error (RMSE over all parties).  In 2021 the gaining parties (NDP, PPC)
    gained about as much where they were weak as where they were strong (uniform), while
    the collapsing Greens lost in proportion to where they had been (proportional); the
    share error over 338 ridings x 7 parties measures this far more finely than the
    number of ridings called right, of which a status-quo election changes only a few."""
    b0, b1 = pair.old, pair.new
    tried = []
    best: tuple[float, MixedModel] | None = None
    for gain, loss in itertools.product(MIXED_GRID, MIXED_GRID):
        model = MixedModel(gain, loss)
        proj = model.project(b0.shares, b0.votes, b1.national)
        rmse = _rmse(proj, b1)
        tried.append({"gain": gain, "loss": loss, "rmse": rmse})
        if best is None or rmse < best[0] - 1e-12:
            best = (rmse, model)
    assert best is not None
    return MixedFit(best[1], best[0], tuple(tried))


#: A projection as the error fit sees it: (baseline, national target) -> riding shares.
Projector = Callable[[Baseline, np.ndarray], np.ndarray]


def fit_error_scales(projector: Projector, pair: FitPair) -> ErrorScales:
    """Residuals of a projection fed the actual national shares of the pair's later
    election: their regional part (vote-weighted regional mean of log residuals) and their
    riding part."""
    b0, b1 = pair.old, pair.new
    proj = projector(b0, b1.national)
    lr = logit(b1.shares) - logit(proj)
    strong = (proj > 0.05) & (b1.shares > 0)
    p = lr.shape[1]
    reg = np.zeros((len(REGIONS), p))
    for g in range(len(REGIONS)):
        m = b0.region == g
        for j in range(p):
            mm = m & strong[:, j]
            if mm.sum() >= 3:
                reg[g, j] = np.average(lr[mm, j], weights=b1.votes[mm])
    rid = lr - reg[b0.region]
    regional = np.array(
        [np.sqrt(np.average(reg[:, j] ** 2, weights=np.bincount(b0.region))) for j in range(p)]
    )
    riding = np.array(
        [float(np.std(rid[strong[:, j], j])) if strong[:, j].sum() > 10 else 0.3 for j in range(p)]
    )
    regional = np.clip(regional, 0.03, 0.4)
    riding = np.clip(riding, 0.05, 0.5)
    move = np.abs(np.log(np.clip(b1.national, 1e-3, None) / np.clip(b0.national, 1e-3, None)))
    named = np.array([strong[:, j].sum() > 10 for j in range(p)])
    return ErrorScales(
        regional,
        riding,
        volatility(b0.national, b1.national),
        _slope(move[named], regional[named]),
        _slope(move[named], riding[named]),
    )
