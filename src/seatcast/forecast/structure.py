"""Structure inside regions: covariates that shape each party's swing, and the error shared
by ridings of the same kind.

**Effects.**  On every fitting pair, the swing model's residuals (its projection of the
earlier ridings fed the later election's actual national shares, on the logit scale:
``logit(actual) - logit(projected)``) are regressed, party by party, on the riding
covariates of `seatcast.forecast.covariates`, after removing each region's mean (the
regional polls' business), vote-weighted, pooled over the pairs, with a ridge penalty that
is a prior: an effect of one standard deviation of a covariate is a priori within
``PRIOR_EFFECT`` logits (about 2.5 points on a 35 % party), so ``lambda = sigma^2 /
PRIOR_EFFECT^2`` with ``sigma^2`` the variance the covariates leave (the residual
noise).  A forecast moves each riding's logit by the fitted effects and then hits the
national target again (a constant per party).

**Only what helps out of sample.**  A covariate enters a forecast only if, fitted on the
earlier pairs, it improves the fit of the latest pair (the share RMSE of the swing fed the
actual shares): covariates are added one at a time, the one that improves most first,
until none does.  So with fewer than two fitting pairs (the 2019 and 2021 backtests) no
covariate enters; what each one did on the latest pair is reported either way.

**Kinds.**  The residuals left after the region means and the effects, averaged by kind of
riding (vote-weighted), spread more than the riding errors alone would make them: that
excess is an error shared by the ridings of a kind, in every region (the simulation draws
it per kind and party, `seatcast.forecast.simulate`).  Its size per party is the spread of
the kind means less their sampling noise, pooled over the pairs with an a priori size
``PRIOR_KIND`` counted as one more pair; the riding errors shrink by as much, so the total
riding-level variance is what the pairs showed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from seatcast.forecast.baseline import MODEL_PARTIES, Baseline
from seatcast.forecast.covariates import RidingCovariates
from seatcast.forecast.fit import logit
from seatcast.forecast.history import FitPair

Projector = Callable[[Baseline, np.ndarray], np.ndarray]
#: A priori scale of a covariate's effect (logits per standard deviation).
PRIOR_EFFECT = 0.1
#: A priori size of the error shared by ridings of one kind (logits).
PRIOR_KIND = 0.05
#: The parties given effects (OTH, a residual category, is not).
EFFECT_PARTIES = tuple(j for j, p in enumerate(MODEL_PARTIES) if p.value != "OTH")
MIN_SHARE = 0.05  # a party's riding counts where it was projected at least this high


@dataclass(frozen=True, slots=True)
class PairResiduals:
    """One pair's logit residuals, the ridings where each party counts, and its covariates."""

    label: str
    resid: np.ndarray  # (R, P)
    ok: np.ndarray  # (R, P) bool
    weights: np.ndarray  # (R,) valid votes of the later election, normalized to mean 1
    region: np.ndarray  # (R,)
    covariates: RidingCovariates
    pair: FitPair


def pair_residuals(projector: Projector, pair: FitPair, cov: RidingCovariates) -> PairResiduals:
    proj = projector(pair.old, pair.new.national)
    ok = (proj > MIN_SHARE) & (pair.new.shares > 0)
    w = pair.new.votes / pair.new.votes.mean()
    return PairResiduals(pair.label, logit(pair.new.shares) - logit(proj), ok, w, pair.old.region, cov,
                         pair)


def _demean(x: np.ndarray, w: np.ndarray, groups: np.ndarray) -> np.ndarray:
    out = x.astype(float).copy()
    for g in np.unique(groups):
        m = groups == g
        out[m] -= np.average(x[m], axis=0, weights=w[m])
    return out


def fit_effects(data: Sequence[PairResiduals], names: tuple[str, ...]) -> np.ndarray:
    """(len(names), P) ridge effects pooled over the pairs (zero for OTH and where a party
    counts in too few ridings)."""
    beta = np.zeros((len(names), len(MODEL_PARTIES)))
    if not names or not data:
        return beta
    for j in EFFECT_PARTIES:
        xs, ys, ws = [], [], []
        for k, d in enumerate(data):
            m = d.ok[:, j]
            if m.sum() < 20:
                continue
            groups = d.region[m] + 100 * k
            xs.append(_demean(d.covariates.select(names)[m], d.weights[m], groups))
            ys.append(_demean(d.resid[m, j], d.weights[m], groups))
            ws.append(d.weights[m])
        if not xs:
            continue
        x, y, w = np.vstack(xs), np.concatenate(ys), np.concatenate(ws)
        xtw = x.T * w
        gram = xtw @ x
        ols = np.linalg.lstsq(gram, xtw @ y, rcond=None)[0]
        dof = max(len(y) - len(names), 1)
        sigma2 = float(np.sum(w * (y - x @ ols) ** 2) / dof)  # the noise left by the covariates
        lam = sigma2 / PRIOR_EFFECT**2
        beta[:, j] = np.linalg.solve(gram + lam * np.eye(len(names)), xtw @ y)
    return beta


def shift_to_target(mean: np.ndarray, shift: np.ndarray, votes: np.ndarray, target: np.ndarray,
                    iters: int = 200, tol: float = 1e-10) -> np.ndarray:
    """Riding shares moved by ``shift`` on the logit scale (where the party stands), each
    riding renormalized, then a constant per party added until the national shares are
    ``target`` again."""
    stood = mean > 0
    z = np.where(stood, logit(mean, 1e-6) + shift, -np.inf)
    w = votes / votes.sum()
    goal = np.clip(target, 1e-9, None) * (w @ stood > 0)
    c = np.zeros(mean.shape[1])
    out = mean
    for _ in range(iters):
        s = np.where(stood, 1.0 / (1.0 + np.exp(-(z + c))), 0.0)
        out = s / s.sum(axis=1, keepdims=True)
        nat = w @ out
        step = np.where(nat > 0, np.log(np.maximum(goal, 1e-12) / np.maximum(nat, 1e-12)), 0.0)
        c += step
        if np.max(np.abs(step)) < tol:
            break
    return out


def _rmse(shares: np.ndarray, actual: Baseline) -> float:
    return float(np.sqrt(np.average(((shares - actual.shares) ** 2).sum(axis=1), weights=actual.votes)))


def validation_rmse(projector: Projector, beta: np.ndarray, names: tuple[str, ...],
                    d: PairResiduals) -> float:
    """Share RMSE of a pair's swing fed its actual national shares, moved by ``beta``."""
    pair = d.pair
    proj = projector(pair.old, pair.new.national)
    if names:
        proj = shift_to_target(proj, d.covariates.select(names) @ beta, pair.old.votes, pair.new.national)
    return _rmse(proj, pair.new)


@dataclass(frozen=True, slots=True)
class Structure:
    """Fitted structure inside regions for one swing model."""

    covariates: tuple[str, ...]  # the covariates that entered (helped out of sample)
    effects: Mapping[str, Mapping[str, float]]  # covariate -> party -> logit shift per sd
    beta: np.ndarray  # (len(covariates), P)
    kind_names: tuple[str, ...]
    kind_sd: np.ndarray  # (P,) the error shared by ridings of a kind (logits)
    riding_share: np.ndarray  # (P,) riding variance left to the riding errors (0..1)
    validation: Mapping[str, float]  # covariate -> RMSE change on the latest pair (points) when added alone
    validated_on: str | None  # the pair the covariates were tested on

    def shift(self, cov: RidingCovariates) -> np.ndarray:
        """(R, P) the logit shifts of a baseline's ridings."""
        out: np.ndarray = cov.select(self.covariates) @ self.beta
        return out


def _kind_sizes(data: Sequence[PairResiduals], names: tuple[str, ...], beta: np.ndarray
                ) -> tuple[np.ndarray, np.ndarray]:
    """(kind error size, riding-variance share kept) per party, pooled with the prior."""
    p = len(MODEL_PARTIES)
    kind_var = [np.full(p, PRIOR_KIND**2)]
    total_var = []
    for d in data:
        r = d.resid - (d.covariates.select(names) @ beta if names else 0.0)
        kv = np.zeros(p)
        tv = np.zeros(p)
        for j in range(p):
            m = d.ok[:, j]
            if m.sum() < 20:
                kv[j] = PRIOR_KIND**2
                tv[j] = np.nan
                continue
            rr = _demean(r[m, j], d.weights[m], d.region[m])
            w = d.weights[m]
            kinds = d.covariates.kinds[m]
            tv[j] = float(np.average(rr**2, weights=w))
            means, noise = [], []
            for k in np.unique(kinds):
                mk = kinds == k
                if mk.sum() < 5:
                    continue
                wk = w[mk]
                means.append(np.average(rr[mk], weights=wk))
                n_eff = wk.sum() ** 2 / (wk**2).sum()
                noise.append(tv[j] / n_eff)
            kv[j] = max(0.0, float(np.var(means)) - float(np.mean(noise))) if len(means) > 1 else 0.0
        kind_var.append(kv)
        total_var.append(tv)
    kvar = np.mean(kind_var, axis=0)
    tv_all = np.array(total_var)
    if total_var and (~np.isnan(tv_all)).any():
        counts = (~np.isnan(tv_all)).sum(axis=0)
        tvar = np.where(counts > 0, np.nansum(tv_all, axis=0) / np.maximum(counts, 1), np.nan)
        share = 1.0 - kvar / np.where(tvar > 0, tvar, 1.0)
        keep = np.where(np.isnan(tvar) | (tvar <= 0), 1.0, np.clip(share, 0.25, 1.0))
    else:
        keep = np.ones(p)
    return np.sqrt(kvar), keep


def fit_structure(projector: Projector, pairs: Sequence[FitPair],
                  covariates: Sequence[RidingCovariates], kind_names: tuple[str, ...]) -> Structure:
    """Effects (validated forward) and kind error sizes on the fitting pairs."""
    data = [pair_residuals(projector, p, c) for p, c in zip(pairs, covariates, strict=True)]
    available = tuple(n for n in (data[0].covariates.names if data else ())
                      if all(n in d.covariates.names for d in data))
    chosen: tuple[str, ...] = ()
    alone: dict[str, float] = {}
    validated_on = None
    if len(data) >= 2:
        train, test = data[:-1], data[-1]
        validated_on = test.label
        base = validation_rmse(projector, np.zeros((0, len(MODEL_PARTIES))), (), test)
        for n in available:
            b = fit_effects(train, (n,))
            alone[n] = 100 * (validation_rmse(projector, b, (n,), test) - base)
        current = base
        while True:
            best = None
            for n in available:
                if n in chosen:
                    continue
                names = (*chosen, n)
                r = validation_rmse(projector, fit_effects(train, names), names, test)
                if r < current - 1e-6 and (best is None or r < best[0]):
                    best = (r, n)
            if best is None:
                break
            current, chosen = best[0], (*chosen, best[1])
    beta = fit_effects(data, chosen)
    kind_sd, keep = _kind_sizes(data, chosen, beta)
    effects = MappingProxyType({n: MappingProxyType({MODEL_PARTIES[j].value: float(beta[i, j])
                                                     for j in EFFECT_PARTIES})
                                for i, n in enumerate(chosen)})
    for a in (beta, kind_sd, keep):
        a.setflags(write=False)
    return Structure(chosen, effects, beta, kind_names, kind_sd, keep,
                     MappingProxyType({n: round(v, 4) for n, v in alone.items()}), validated_on)
