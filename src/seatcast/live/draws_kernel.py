"""The compiled inner loop of the night's seat draws (numba): re-draw ridings in place.

`seatcast.live.model.SeatDraws` keeps, per riding and draw, the party that wins it
(``winner``, int8, -1 for none yet) and, per draw and party, the seats (``seats``, int32).
Re-drawing a riding scores its candidate slots in every draw as numpy's path does,
operation for operation in float32 (``(x + z[party]) * s + m``: an add, a multiply, an add,
never fused), takes the first highest slot (``np.argmax``'s rule), and moves the draw's
seat from the old winner to the new one.  One pass over the ridings' draws instead of
numpy's half a dozen over arrays of them; the seats are integers, so the order of the
moves does not matter.  Both paths give the same bits (a test holds them together).

``@njit(cache=True, nogil=True)``: compiled once per machine (the cache sits in
``__pycache__``).
"""

from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True, nogil=True, inline="always")
def _move(winner: np.ndarray, seats: np.ndarray, r: int, d: int, new: int) -> None:
    """Riding ``r`` goes to party ``new`` in draw ``d``: its seat leaves the old winner."""
    old = winner[r, d]
    if old >= 0:
        seats[d, old] -= 1
    seats[d, new] += 1
    winner[r, d] = new


@njit(cache=True, nogil=True)
def redraw(x: np.ndarray, z: np.ndarray, winner: np.ndarray, seats: np.ndarray,
           rows: np.ndarray, m: np.ndarray, s: np.ndarray, pa: np.ndarray) -> None:
    """Ridings ``rows`` (distinct) re-drawn: slot ``j`` of row ``a`` is party ``pa[a, j]``
    with mean ``m[a, j]`` and sd ``s[a, j]`` (an empty slot: mean -inf, sd 0); ``x`` is the
    bank's noise (ridings, draws, slots) and ``z`` its party shocks (draws, parties)."""
    n = x.shape[1]
    top = pa.shape[1]
    for a in range(rows.shape[0]):
        r = rows[a]
        for d in range(n):
            best = 0
            top_score = np.float32(0.0)
            for j in range(top):
                v = x[r, d, j] + z[d, pa[a, j]]
                v = v * s[a, j]
                v = v + m[a, j]
                if j == 0 or v > top_score:
                    best = j
                    top_score = v
            _move(winner, seats, r, d, pa[a, best])


@njit(cache=True, nogil=True)
def fix(winner: np.ndarray, seats: np.ndarray, rows: np.ndarray, party: np.ndarray) -> None:
    """Ridings ``rows`` (distinct) won by ``party[a]`` in every draw (a called riding)."""
    n = winner.shape[1]
    for a in range(rows.shape[0]):
        r = rows[a]
        p = party[a]
        for d in range(n):
            _move(winner, seats, r, d, p)


@njit(cache=True, nogil=True)
def count(winner: np.ndarray, rows: np.ndarray, n_parties: int) -> np.ndarray:
    """Per riding of ``rows``, the draws each party wins (``(len(rows), n_parties)``, int64);
    ValueError for a riding not drawn yet."""
    out = np.zeros((rows.shape[0], n_parties), dtype=np.int64)
    n = winner.shape[1]
    for a in range(rows.shape[0]):
        r = rows[a]
        for d in range(n):
            w = winner[r, d]
            if w < 0:
                raise ValueError("a riding has not been drawn")
            out[a, w] += 1
    return out
