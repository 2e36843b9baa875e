"""Riding projection: from the previous election's riding shares to this one's.

Three models, each a function ``(base, old, new) -> shares`` where ``base`` is riding x party
(rows sum to 1), ``old`` the baseline national shares and ``new`` the target national shares:

- **uniform swing** adds each party's national change to every riding where it stood
  (clipped at 0, then renormalized), so a party gains as much in its deserts as in its
  strongholds;
- **proportional swing** multiplies each party's riding share by its national ratio
  ``new / old`` (then renormalizes): bounded, but a collapsing party's losses go to every
  other party in proportion to their national size, not to where its voters went;
- **vote flow** (the default) moves *voters*: a transition matrix ``T[p, q]``, the share of
  party p's voters that vote q, is applied riding by riding, ``shares = base @ T_r``.  Its
  shape comes from an affinity matrix fitted on the previous pair of elections
  (`seatcast.forecast.fit`), and a local term ``(base[r, q] + eps) ** alpha`` lets leaving
  voters favour the parties already strong where they live.  The column scales ``c_q`` are
  solved (iterative proportional fitting) so that the national result hits ``new``
  exactly.  Since every row of ``T_r`` is a probability vector, projected shares stay in
  0..1 and sum to 1: a party that loses 60 % of its vote loses it in proportion to where it
  was, and those voters land where the matrix says voters like them go.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

SwingFn = Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]


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
    """Parameters of the vote-flow model (fitted on the previous election pair)."""

    affinity: np.ndarray  # (P, P) row-stochastic: where p's voters go, before scaling
    alpha: float = 0.5  # pull of local strength on leaving voters
    eps: float = 0.02  # floor of the local term (a party at 0 % still attracts a little)

    def transitions(self, base: np.ndarray, weights: np.ndarray, new: np.ndarray,
                    iters: int = 200, tol: float = 1e-10) -> np.ndarray:
        """Per-riding transition matrices T_r (R, P, P) that hit ``new`` nationally."""
        stood = base > 0
        local = np.where(stood, (base + self.eps) ** self.alpha, 0.0)  # (R, Q)
        kern = self.affinity[None, :, :] * local[:, None, :]  # (R, P, Q)
        w = weights / weights.sum()
        c = np.ones(base.shape[1])
        target = np.clip(new, 1e-9, None)
        for _ in range(iters):
            t = kern * c[None, None, :]
            t /= np.maximum(t.sum(axis=2, keepdims=True), 1e-300)
            got = np.einsum("r,rp,rpq->q", w, base, t)
            ratio = np.where(got > 0, target / np.maximum(got, 1e-300), 1.0)
            c *= ratio
            if np.max(np.abs(ratio - 1.0)) < tol:
                break
        t = kern * c[None, None, :]
        t /= np.maximum(t.sum(axis=2, keepdims=True), 1e-300)
        return t

    def project(self, base: np.ndarray, weights: np.ndarray, new: np.ndarray) -> np.ndarray:
        t = self.transitions(base, weights, new)
        return np.einsum("rp,rpq->rq", base, t)


def flow_swing_fn(model: FlowModel, weights: np.ndarray) -> SwingFn:
    def fn(base: np.ndarray, old: np.ndarray, new: np.ndarray) -> np.ndarray:
        return model.project(base, weights, new)

    return fn
