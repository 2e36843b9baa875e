"""Fitting on the pairs of the protocol (`seatcast.forecast.history`): flow model, mixed
swing and error sizes, each shrunk toward parameters set a priori.

**A priori** (the 2019 forecast, which has no earlier pair on its map, and the starting point
of every later fit), set from what was known of Canadian and British elections before any
pair here was looked at, not from any of them:

* flow: ``churn 0.3`` (about a third of voters re-decide between two elections, the order
  of vote switching in the Canadian Election Study's panels), ``scale 1`` (a left-right
  affinity: leaving voters go first to the neighbouring party, the dominant flows being
  NDP <-> Liberal and Liberal <-> Conservative), ``alpha 0.5`` (some pull toward the parties
  already strong in a riding: strategic voting under first past the post), ``gamma 1``
  (a losing party loses about the same number of points where it is strong: the old
  finding that uniform swing beats proportional swing for losses);
* mixed: gains and losses both uniform (1, 1): uniform swing that hits the target;
* error sizes: 0.12 logits regional and 0.22 riding for every party (3 and 5 points on a
  35 % party), no growth with volatility.

**The fits.** The flow model's candidates (`GRID`) are scored on every fitting pair as
before: each projects the earlier ridings to the national shares a forecaster had on the
eve of the later election and counts the ridings called right, the seat error and the
share error (RMSE over ridings).  The pick has the most ridings right over all pairs
together, less `STEP_COST` ridings for each grid step away from the a priori parameters
(shrinkage: with one pair a departure must be paid for in ridings; the more pairs, the
less the prior weighs), then the smallest mean seat error, then the smallest mean share
error.  Mixed swing's weights minimize the mean share RMSE over the pairs (fed the actual
national shares).  The error sizes are the residual spreads of each pair pooled with the
a priori sizes as one more pair (mean of the variances), and so are their volatility slopes.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from seatcast.domain.geography import REGIONS
from seatcast.domain.parties import LEFT_RIGHT, Party
from seatcast.forecast.baseline import MODEL_PARTIES, SCORED_PARTIES, Baseline
from seatcast.forecast.history import FitPair
from seatcast.forecast.swing import FlowModel, MixedModel


@dataclass(frozen=True, slots=True)
class FitReport:
    model: FlowModel
    rmse: float | None  # mean riding-level share error of the pick over the pairs (None: a priori)
    ridings_right: int | None  # ridings it calls right over all the pairs
    seat_mae: float | None  # its mean seat error over the pairs
    grid: tuple[dict[str, Any], ...]  # every candidate tried, with its scores (empty: a priori)
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

    Errors grow with the size of the election's move: the parties whose vote changes most
    have the largest riding residuals, and a realigning election leaves more riding-level
    surprise than a status-quo one.  So each size is ``own_p + slope * (volatility(old,
    new) - fitted volatility)``: the party's own fitted size, plus a common slope (fitted
    across the parties of a pair: residual size against each party's own ``|log move|``)
    times how much more the whole election moves now than the fitting pairs did.  The move
    is the election's, not the party's:
    with a per-party move a trailing party that climbed back toward its previous share
    got less noise, hence fewer long-shot wins, and more votes could cost it expected
    seats; here its own share enters only with its own small weight."""

    regional: np.ndarray  # (P,) as fitted
    riding: np.ndarray  # (P,) as fitted
    volatility: float  # mean `volatility` of the fitting pairs (2019 -> 2021: 0.11)
    regional_slope: float = 0.0
    riding_slope: float = 0.0
    kind: np.ndarray | None = None  # (P,) error shared by ridings of a kind (None: no such error)

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
    out: np.ndarray = np.log(x / (1 - x))
    return out


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


#: The grid searched on the fitting pairs (churn, left-right scale, alpha, gamma); a
#: scale of None is a flat affinity (the largest scale, last on its axis).
GRID: tuple[tuple[float, ...], tuple[float | None, ...], tuple[float, ...], tuple[float, ...]] = (
    (0.0, 0.15, 0.3, 0.45, 0.6),
    (0.5, 1.0, None),
    (0.0, 0.5),
    (0.0, 1.0, 2.0),
)
PARAM_NAMES: tuple[str, ...] = ("churn", "scale", "alpha", "gamma")
#: The flow model set a priori (see the module docstring); a point of `GRID`.
PRIOR_FLOW: dict[str, Any] = {"churn": 0.3, "scale": 1.0, "alpha": 0.5, "gamma": 1.0}
#: Ridings called right (over all fitting pairs) that one grid step away from the a priori
#: flow parameters must win.
STEP_COST = 1.0


def grid_steps(params: dict[str, Any], prior: dict[str, Any] | None = None) -> int:
    """Grid steps between two flow candidates (the sum over parameters of index distances)."""
    prior = PRIOR_FLOW if prior is None else prior
    return sum(abs(axis.index(params[k]) - axis.index(prior[k]))
               for k, axis in zip(PARAM_NAMES, GRID, strict=True))


def flow_model(params: dict[str, Any], parties: tuple[Party, ...], *, churn_all: bool = False) -> FlowModel:
    return FlowModel(left_right_affinity(parties, params["scale"]), params["alpha"], params["churn"],
                     params["gamma"], churn_all=churn_all)


def _pair_scores(model: FlowModel, pair: FitPair) -> tuple[int, float, float]:
    """(ridings right, seat error, share RMSE) of a flow model forecasting one pair."""
    b0, b1 = pair.old, pair.new
    actual = b1.shares.argmax(axis=1)
    real = np.bincount(actual, minlength=len(b1.parties))
    scored = [b1.parties.index(p) for p in SCORED_PARTIES]
    proj = model.project(b0.shares, b0.votes, pair.eve_target)
    called = proj.argmax(axis=1)
    seats = np.bincount(called, minlength=len(b1.parties))
    return (int((called == actual).sum()), float(np.abs(seats - real)[scored].mean()),
            _rmse(proj, b1))


def fit_flow(pairs: Sequence[FitPair], *, churn_all: bool = False,
             parties: tuple[Party, ...] = MODEL_PARTIES) -> FitReport:
    """Choose the flow model's parameters on the fitting pairs (see the module docstring).

    ``churn_all`` fits the variant that churns losing parties too (measured, not published).
    With no pair, the a priori parameters."""
    if not pairs:
        return FitReport(flow_model(PRIOR_FLOW, parties, churn_all=churn_all), None, None, None, (),
                         dict(PRIOR_FLOW))
    tried = []
    best: tuple[tuple[float, float, float], dict[str, Any], tuple[int, float, float]] | None = None
    for values in itertools.product(*GRID):
        params = dict(zip(PARAM_NAMES, values, strict=True))
        model = flow_model(params, pairs[0].old.parties, churn_all=churn_all)
        per = [_pair_scores(model, pair) for pair in pairs]
        right = sum(x[0] for x in per)
        mae = float(np.mean([x[1] for x in per]))
        rmse = float(np.mean([x[2] for x in per]))
        steps = grid_steps(params)
        key = (-(right - STEP_COST * steps), mae, rmse)
        tried.append({**params, "ridings_right": right, "seat_mae": mae, "rmse": rmse, "steps": steps,
                      "pairs": {pair.label: {"ridings_right": x[0], "seat_mae": x[1], "rmse": x[2]}
                                for pair, x in zip(pairs, per, strict=True)}})
        if best is None or key < best[0]:
            best = (key, params, (right, mae, rmse))
    assert best is not None
    _, params, (right, mae, rmse) = best
    return FitReport(flow_model(params, parties, churn_all=churn_all), rmse, right, mae, tuple(tried),
                     params)


@dataclass(frozen=True, slots=True)
class MixedFit:
    model: MixedModel
    rmse: float | None  # mean riding-level share error of the chosen weights (None: a priori)
    grid: tuple[dict[str, float], ...]  # every candidate tried, with its scores


#: Uniform weights tried for the mixed swing (gaining parties x losing parties).
MIXED_GRID: tuple[float, ...] = tuple(round(0.05 * i, 2) for i in range(21))


#: Mixed swing set a priori: uniform gains and losses.
PRIOR_MIXED: tuple[float, float] = (1.0, 1.0)


def fit_mixed(pairs: Sequence[FitPair]) -> MixedFit:
    """Choose the mixed swing's two weights on the fitting pairs.

    The weights describe the geography of a swing (where a party's gains and losses land),
    so they are fitted on the geography alone: each candidate moves the earlier ridings of
    every pair to the actual national shares of the later election, and the winner has the
    smallest mean (over the pairs) vote-weighted riding share error (RMSE over all parties).
    With no pair, the a priori weights."""
    if not pairs:
        return MixedFit(MixedModel(*PRIOR_MIXED), None, ())
    tried = []
    best: tuple[float, MixedModel] | None = None
    for gain, loss in itertools.product(MIXED_GRID, MIXED_GRID):
        model = MixedModel(gain, loss)
        rmse = float(np.mean([_rmse(model.project(p.old.shares, p.old.votes, p.new.national), p.new)
                              for p in pairs]))
        tried.append({"gain": gain, "loss": loss, "rmse": rmse})
        if best is None or rmse < best[0] - 1e-12:
            best = (rmse, model)
    assert best is not None
    return MixedFit(best[1], best[0], tuple(tried))


#: A projection as the error fit sees it: (baseline, national target) -> riding shares.
Projector = Callable[[Baseline, np.ndarray], np.ndarray]


def pair_error_scales(projector: Projector, pair: FitPair) -> ErrorScales:
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


#: Error sizes set a priori (logits, every party): see the module docstring.
PRIOR_REGIONAL = 0.12
PRIOR_RIDING = 0.22
#: The volatility the a priori sizes stand for (it matters only once a slope is fitted).
PRIOR_VOLATILITY = 0.2


def prior_error_scales(parties: int = len(MODEL_PARTIES)) -> ErrorScales:
    return ErrorScales(np.full(parties, PRIOR_REGIONAL), np.full(parties, PRIOR_RIDING), PRIOR_VOLATILITY)


def fit_error_scales(projector: Projector, pairs: Sequence[FitPair]) -> ErrorScales:
    """Error sizes pooled over the fitting pairs and the a priori sizes (counted as one
    more pair): root mean square of the sizes, mean of the slopes; the reference volatility
    is the pairs' mean (the prior's with no pair)."""
    fits = [pair_error_scales(projector, p) for p in pairs]
    prior = prior_error_scales(len(pairs[0].old.parties) if pairs else len(MODEL_PARTIES))
    every = [prior, *fits]
    return ErrorScales(
        np.sqrt(np.mean([e.regional**2 for e in every], axis=0)),
        np.sqrt(np.mean([e.riding**2 for e in every], axis=0)),
        float(np.mean([e.volatility for e in fits])) if fits else prior.volatility,
        float(np.mean([e.regional_slope for e in every])),
        float(np.mean([e.riding_slope for e in every])),
    )
