"""Fitting the vote-flow model on one pair of elections (by default 2019 -> 2021 only).

The affinity matrix is an ecological regression: find the row-stochastic ``T`` such that
``shares_2021[r] ~= shares_2019[r] @ T`` over the 338 ridings of the 2013 map (weighted by
votes), shrunk toward a matrix where 85 % of voters stay and the rest spread evenly.  It is
solved by exponentiated gradient, which keeps every row a probability vector.  The local
exponent ``alpha`` is then chosen on the same pair by grid search, as the value whose
projection (fed the actual 2021 national shares) best matches the 2021 ridings.  Nothing
from 2025 is used, so the 2025 backtest is a true out-of-sample test.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

from seatcast.forecast.baseline import baseline, national_shares
from seatcast.forecast.swing import FlowModel


@dataclass(frozen=True, slots=True)
class FitReport:
    model: FlowModel
    rmse: float  # riding-level share error of the fitted projection (fraction)
    grid: tuple[tuple[float, float], ...]  # (alpha, rmse) tried


@dataclass(frozen=True, slots=True)
class ErrorScales:
    """Sizes of the regional and riding errors in log-share space, per party (fitted)."""

    regional: np.ndarray  # (P,)
    riding: np.ndarray  # (P,)


def ecological_affinity(
    x: np.ndarray,
    y: np.ndarray,
    w: np.ndarray,
    *,
    stay: float = 0.85,
    ridge: float = 0.02,
    iters: int = 3000,
    lr: float = 2.0,
) -> np.ndarray:
    """Row-stochastic T minimizing sum_r w_r |y_r - x_r T|^2 + ridge |T - T0|^2."""
    p = x.shape[1]
    t0 = np.full((p, p), (1 - stay) / (p - 1))
    np.fill_diagonal(t0, stay)
    t = t0.copy()
    wn = w / w.sum()
    xtwx = x.T @ (wn[:, None] * x)
    xtwy = x.T @ (wn[:, None] * y)
    for _ in range(iters):
        grad = 2 * (xtwx @ t - xtwy) + 2 * ridge * (t - t0)
        t = t * np.exp(-lr * grad)
        t /= t.sum(axis=1, keepdims=True)
    return t


@cache
def fit_flow(old: str = "2019", new: str = "2021") -> FitReport:
    b0, b1 = baseline(old), baseline(new)
    if b0.codes != b1.codes:
        raise ValueError(f"{old} and {new} are not on the same map")
    aff = ecological_affinity(b0.shares, b1.shares, b1.votes)
    target = national_shares(b1.shares, b1.votes)
    grid = []
    best: tuple[float, float, np.ndarray] | None = None
    for alpha in (0.0, 0.25, 0.5, 0.75, 1.0, 1.5):
        proj = FlowModel(aff, alpha).project(b0.shares, b0.votes, target)
        rmse = float(np.sqrt(np.average(((proj - b1.shares) ** 2).sum(axis=1), weights=b1.votes)))
        grid.append((alpha, rmse))
        if best is None or rmse < best[1]:
            best = (alpha, rmse, proj)
    assert best is not None
    alpha, rmse, _ = best
    return FitReport(FlowModel(aff, alpha), rmse, tuple(grid))


@cache
def fit_errors(model: str, old: str = "2019", new: str = "2021") -> ErrorScales:
    """Residuals of ``model`` fed the actual national shares of ``new``: their regional
    part (vote-weighted regional mean of log residuals) and their riding part."""
    from seatcast.domain.geography import REGIONS
    from seatcast.forecast.projection import swing

    b0, b1 = baseline(old), baseline(new)
    proj = swing(model, b0, b1.national)
    lr = np.log(np.clip(b1.shares, 2e-3, None)) - np.log(np.clip(proj, 2e-3, None))
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
    return ErrorScales(np.clip(regional, 0.03, 0.4), np.clip(riding, 0.05, 0.5))
