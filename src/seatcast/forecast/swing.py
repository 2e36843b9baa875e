"""Riding projection: from the previous election's riding shares to this one's.

Three models, each a function ``(base, old, new) -> shares`` where ``base`` is riding x party
(rows sum to 1), ``old`` the baseline national shares and ``new`` the target national shares:

- **uniform swing** adds each party's national change to every riding where it stood
  (clipped at 0, then renormalized), so a party gains as much in its deserts as in its
  strongholds;
- **proportional swing** multiplies each party's riding share by its national ratio
  ``new / old`` (then renormalizes): bounded, but a collapsing party's losses go to every
  other party in proportion to their national size, not to where its voters went;
- **vote flow** (the default) moves *voters*: per-riding transition matrices ``T_r[p, q]``,
  the share of party p's voters there that vote q, give ``shares[r] = base[r] @ T_r``.  A
  party that must lose keeps ``exp(-k / s ** gamma)`` of its voters where its share is s
  (gamma = 0: the same fraction everywhere; gamma = 1: about the same number of points
  where it is strong, nearly all of its vote where it is weak); a party that gains keeps
  ``1 - churn`` and its churners re-decide.  The movers choose a destination with weight
  ``affinity[p, q] * (base[r, q] + eps) ** alpha * c_q``; the scales ``c_q`` are solved
  (iterative proportional fitting) so that the national result hits ``new`` exactly.
  Every row of ``T_r`` is a probability vector, so shares stay in 0..1 and sum to 1, and
  a collapsing party's voters leave from where they were.  Its parameters are fitted on
  2019 -> 2021 (`seatcast.forecast.fit`).
- **mixed swing** (the UK modellers' blend of the two plain swings): each party's change
  in a riding is ``delta_p * (lam + (1 - lam) * s / old_p)``, a weight ``lam`` on the
  uniform change and ``1 - lam`` on the proportional one, with one weight for the
  parties that gain and one for those that lose; a party cannot lose more than it has
  (it keeps at least 0.01 % of its voters), every riding is renormalized, and the
  national changes ``delta_p`` are solved so that the national result hits ``new``
  exactly.  Weights fitted on 2019 -> 2021.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


def _normalize(s: np.ndarray) -> np.ndarray:
    tot = s.sum(axis=-1, keepdims=True)
    return s / np.where(tot > 0, tot, 1.0)


def uniform_swing(base: np.ndarray, old: np.ndarray, new: np.ndarray) -> np.ndarray:
    stood = base > 0
    s = np.where(stood, base + (new - old), 0.0)
    return _normalize(np.clip(s, 0.0, None))


def proportional_swing(base: np.ndarray, old: np.ndarray, new: np.ndarray) -> np.ndarray:
    ratio = np.where(old > 0, new / np.where(old > 0, old, 1.0), 0.0)
    return _normalize(base * ratio)


@dataclass(frozen=True, slots=True)
class FlowModel:
    """Parameters of the vote-flow model (fitted on the previous election pair).

    A party that gains keeps ``1 - churn`` of its voters in every riding; a party that
    loses keeps ``exp(-k / s ** gamma)`` where its share is s (`retention`; no churn, so
    its strongholds stay: the two rules do not meet at ``new_p = old_p``, see
    docs/forecast.md).  The voters who leave (and the ``churn`` share of every gaining
    party's voters, who re-decide each election) choose a destination ``q`` with weight
    ``affinity[p, q] * local[r, q] * c_q``, where ``local = (share + eps) ** alpha`` favours
    parties already strong in the riding, and the scales ``c_q`` make the national result
    hit ``new`` exactly.
    """

    affinity: np.ndarray  # (P, P) where p's leaving voters tend to go (rows need not sum to 1)
    alpha: float = 0.0  # pull of local strength on leaving voters
    churn: float = 0.0  # share of every party's voters who re-decide each election
    gamma: float = 0.0  # loss shape: 0 proportional, 1 uniform where strong (saturating)
    eps: float = 0.02  # floor of the local term (a party at 0 % still attracts a little)
    churn_all: bool = False  # churn losing parties too (no jump at new = old; not the fitted model)

    def retention(self, base: np.ndarray, w: np.ndarray, new: np.ndarray) -> np.ndarray:
        """(R, P) share of each party's voters that stay, riding by riding.

        A party that gains keeps ``1 - churn`` of its voters everywhere (the rest re-decide).
        A party that must lose keeps ``exp(-k / s ** gamma)`` of its voters where its share
        is s, with k solved so that it hits its national target (``churn_all``: times
        ``1 - churn``, its churners coming back like every party's, so nothing jumps where
        a party's target crosses its previous share)."""
        keep = np.full(base.shape, 1.0 - self.churn)
        old = w @ base
        s = np.clip(base, 1e-6, None) ** -self.gamma
        for j in range(base.shape[1]):
            if old[j] <= 0 or new[j] >= old[j]:
                continue
            goal = new[j] / old[j]  # fraction of the party's national vote that stays
            col = base[:, j] * w
            tot = float(col.sum())

            def kept(k: float, col: np.ndarray = col, sj: np.ndarray = s[:, j], tot: float = tot) -> float:
                return float(col @ np.exp(-k * sj)) / tot

            lo, hi = 0.0, 1.0
            while kept(hi) > goal and hi < 1e6:
                hi *= 2.0
            for _ in range(60):
                mid = 0.5 * (lo + hi)
                if kept(mid) > goal:
                    lo = mid
                else:
                    hi = mid
            keep[:, j] = np.exp(-0.5 * (lo + hi) * s[:, j])
            if self.churn_all:
                # Churned like every party: it keeps (1 - churn) of what it would have kept,
                # and gets churners back with the rest (its target is reached in transitions).
                keep[:, j] *= 1.0 - self.churn
        return keep

    def transitions(
        self, base: np.ndarray, weights: np.ndarray, new: np.ndarray, iters: int = 500, tol: float = 1e-11
    ) -> np.ndarray:
        """Per-riding transition matrices T_r (R, P, P) that hit ``new`` nationally."""
        stood = base > 0
        w = weights / weights.sum()
        target = np.clip(new, 0.0, None)
        target = target / target.sum()
        rho = self.retention(base, w, target)
        local = np.where(stood, (base + self.eps) ** self.alpha, 0.0)  # (R, Q)
        kern = self.affinity[None, :, :] * local[:, None, :]  # (R, P, Q)
        kept = w @ (base * rho)  # national share each party keeps (<= target)
        mover = base * (1.0 - rho)  # (R, P) voters leaving each party
        need = np.clip(target - kept, 0.0, None)
        c = np.where(need > 0, 1.0, 0.0)
        # dest[r, p, q] = kern[r, p, q] c[q] / sum_q' kern[r, p, q'] c[q'], so the national
        # vote each party q gets is c[q] * sum_rp (w_r mover_rp / S_rp) kern[r, p, q]: two
        # matrix products per iteration, never the (R, P, Q) array itself.
        r_, p_, q_ = kern.shape
        flat = kern.reshape(r_ * p_, q_)
        wm = (w[:, None] * mover).ravel()
        for _ in range(iters):
            norm = np.maximum(flat @ c, 1e-300)
            got = c * ((wm / norm) @ flat)
            ratio = np.where(got > 0, need / np.maximum(got, 1e-300), 0.0)
            c = c * ratio
            c = c / max(float(c.max()), 1e-300)  # only ratios matter: no overflow on unreachable targets
            if np.max(np.abs(np.where(got > 0, ratio - 1.0, 0.0))) < tol:
                break
        dest = kern * c[None, None, :]
        dest = dest / np.maximum(dest.sum(axis=2, keepdims=True), 1e-300)
        p = base.shape[1]
        trans: np.ndarray = rho[:, :, None] * np.eye(p)[None] + (1.0 - rho)[:, :, None] * dest
        return trans

    def project(self, base: np.ndarray, weights: np.ndarray, new: np.ndarray) -> np.ndarray:
        t = self.transitions(base, weights, new)
        out = np.einsum("rp,rpq->rq", base, t)
        shares: np.ndarray = out / out.sum(axis=1, keepdims=True)
        return shares


KEEP = 1e-4  # the least share of its voters a party keeps in a riding under mixed swing


@dataclass(frozen=True, slots=True)
class MixedModel:
    """Mixed swing: a blend of uniform (weight ``gain`` / ``loss``) and proportional swing.

    A gaining party's change in a riding is ``delta * (gain + (1 - gain) * s / old)``, a
    losing party's ``delta * (loss + (1 - loss) * s / old)``: weight 1 is uniform swing,
    0 proportional swing.  A party keeps at least `KEEP` of its voters (it cannot lose
    more than it has, and a riding where every party loses cannot empty), each riding is
    renormalized, and ``delta`` adjusted until the vote-weighted national
    shares equal the target, so unlike plain uniform swing the national result is hit
    exactly even where a collapsing party runs out of voters."""

    gain: float = 1.0  # uniform weight for the parties that gain
    loss: float = 1.0  # uniform weight for the parties that lose

    def project(
        self, base: np.ndarray, weights: np.ndarray, new: np.ndarray, iters: int = 500, tol: float = 1e-12
    ) -> np.ndarray:
        w = weights / weights.sum()
        stood = base > 0
        old = w @ base
        target = np.clip(new, 0.0, None)
        target = np.where(old > 0, target, 0.0)
        target = target / target.sum()
        lam = np.where(target >= old, self.gain, self.loss)
        rel = np.where(old > 0, base / np.where(old > 0, old, 1.0), 0.0)  # s / old
        shape = lam + (1.0 - lam) * rel  # (R, P): where each point of national change lands

        def shares(delta: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
            out = _normalize(np.where(stood, np.maximum(base + delta * shape, KEEP * base), 0.0))
            miss = target - w @ out
            return out, miss, float(np.max(np.abs(miss)))

        # Fixed point delta += miss (the shape's vote-weighted mean is 1, so a point of
        # national change is about a point of delta), the step halved whenever it overshoots.
        delta = target - old
        out, miss, err = shares(delta)
        step = 1.0
        for _ in range(iters):
            if err < tol:
                break
            trial = delta + step * miss
            t_out, t_miss, t_err = shares(trial)
            if t_err < err:
                delta, out, miss, err = trial, t_out, t_miss, t_err
                step = min(1.0, 2.0 * step)
            else:
                step *= 0.5
                if step < 1e-6:
                    break
        return out
