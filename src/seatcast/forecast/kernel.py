"""Compiled inner loops of the seat simulation (numba), between numpy's random numbers.

The simulation's random numbers are always drawn by numpy's generators, the same calls in
the same order on either path; this module does only the arithmetic around them, operation
for operation as the pure-numpy path of `seatcast.forecast.simulate` does it, so both paths
give the same bits (a test proves it).  What it must not do is reorder a floating-point
sum: the row totals are added party by party, and the sums over ridings and draws are
taken in fixed point (int64), where any order gives the same answer.

One sub-batch of draws lives in an ``(m, L)`` float32 array, small enough to stay in the
CPU's cache: for each party in turn, the span of ridings (in the spec's region order) from
the first to the last where it stands (``seg[p]`` is where party ``p`` starts, ``span[p]``
its first riding; elsewhere its share is exactly 0, as on the numpy path, where its logit is
-inf).  Three steps:

1. `fill_neg_logits`: minus the perturbed logit of every riding and party,
   ``-(log_mean + regional + group terms + riding noise)`` (the national error is already in
   the regional one);
2. numpy's vectorised ``np.exp`` in place (a scalar ``expf`` here would be slower and would
   not give numpy's bits);
3. `summarize`: the sigmoid, the renormalisation, the winner of every riding, the seat
   counts, the national vote, and the win counts, share sums and histograms of the chunk.

Another additive logit term shared by groups of ridings (ridings of one kind, say) goes
into ``group_err``/``group_of``: draw it with numpy beside the regional error, pass it in,
and `fill_neg_logits` subtracts it; the numpy path adds the same term in the same place.

Every function is ``@njit(cache=True, nogil=True)``: compiled once per machine (the cache
sits in ``__pycache__``), and threads run it in parallel.
"""

from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True, nogil=True, error_model="numpy")
def fill_neg_logits(
    z: np.ndarray,
    neg_log_mean: np.ndarray,
    seg: np.ndarray,
    span: np.ndarray,
    reg: np.ndarray,
    bounds: np.ndarray,
    cell_of: np.ndarray,
    cell_width: np.ndarray,
    cell_offset: np.ndarray,
    cell_scale: np.ndarray,
    noise: np.ndarray,
    group_err: np.ndarray,
    group_of: np.ndarray,
) -> None:
    """``z[i, seg[p] + r - span[p]] = -(log_mean + reg[i, region(r), p] + groups + noise)``.

    ``neg_log_mean`` (L) is minus the spec's log_mean in that layout; ``reg`` (m, G, P) the
    national plus regional error; ``bounds`` (G + 1) the region boundaries in riding order;
    ``cell_of`` (G, P) the riding-noise cell of a region and party, or -1; ``noise`` the
    cells' normals, cell ``c`` as an ``(m, cell_width[c])`` block at ``cell_offset[c] * m``;
    ``cell_scale`` (m, C) their size in each draw; ``group_err`` (T, m, P, K) and
    ``group_of`` (T, R) uint8 optional extra terms (T = 0: none; at most 256 groups), added
    after the regional one.
    Negating an IEEE sum is exact, so this is bit for bit the negated sum of the numpy path.
    """
    m = z.shape[0]
    p_n = seg.shape[0] - 1
    g_n = bounds.shape[0] - 1
    t_n = group_of.shape[0]
    k_n = group_err.shape[3]
    term = np.empty(group_of.shape[1], np.float32)  # one group term's value at each riding
    for i in range(m):
        zi = z[i]
        for p in range(p_n):
            first = span[p]
            last = first + seg[p + 1] - seg[p]
            if t_n == 1:
                _pick(term, group_err[0, i, p], group_of[0], first, last, k_n)
            for k in range(g_n):
                lo = max(bounds[k], first)
                hi = min(bounds[k + 1], last)
                if lo >= hi:
                    continue
                # Unsigned indices: no negative-index wraparound, so the loops vectorise.
                n = np.uint64(hi - lo)
                at = np.uint64(seg[p] + lo - first)
                t = reg[i, k, p]
                c = cell_of[k, p]
                if t_n == 0 and c < 0:
                    for q in range(n):
                        zi[at + q] = neg_log_mean[at + q] - t
                elif t_n == 0:
                    base = np.uint64(cell_offset[c] * m + i * cell_width[c] + lo - bounds[k])
                    s = cell_scale[i, c]
                    for q in range(n):
                        zi[at + q] = (neg_log_mean[at + q] - t) - noise[base + q] * s
                elif t_n == 1:  # one group term (the kind error): the same sums, unrolled
                    lo_u = np.uint64(lo)
                    if c < 0:
                        for q in range(n):
                            zi[at + q] = (neg_log_mean[at + q] - t) - term[lo_u + q]
                    else:
                        base = np.uint64(cell_offset[c] * m + i * cell_width[c] + lo - bounds[k])
                        s = cell_scale[i, c]
                        for q in range(n):
                            zi[at + q] = ((neg_log_mean[at + q] - t) - term[lo_u + q]) \
                                - noise[base + q] * s
                else:
                    for q in range(n):
                        v = neg_log_mean[at + q] - t
                        for g in range(t_n):
                            v -= group_err[g, i, p, group_of[g, np.uint64(lo) + q]]
                        if c >= 0:
                            base = np.uint64(cell_offset[c] * m + i * cell_width[c] + lo - bounds[k])
                            v -= noise[base + q] * cell_scale[i, c]
                        zi[at + q] = v


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def _pick(
    term: np.ndarray, values: np.ndarray, group_of: np.ndarray, first: int, last: int, k_n: int
) -> None:
    """``term[r] = values[group_of[r]]`` for ``first <= r < last``, as ``k_n`` passes of
    selects (compiled to vector blends) rather than one gather per riding, which does not
    vectorise: the same values, copied, so the fill's sums keep their bits."""
    lo = np.uint64(first)
    n = np.uint64(last - first)
    v0 = values[0]
    for q in range(n):
        term[lo + q] = v0
    for g in range(1, k_n):
        vg = values[g]
        g8 = np.uint8(g)
        for q in range(n):
            term[lo + q] = vg if group_of[lo + q] == g8 else term[lo + q]


@njit(cache=True, nogil=True, error_model="numpy")
def summarize(
    e: np.ndarray,
    first: int,
    seg: np.ndarray,
    span: np.ndarray,
    vote_fx: np.ndarray,
    seats: np.ndarray,
    national: np.ndarray,
    best: np.ndarray,
    wins: np.ndarray,
    share_fx: np.ndarray,
    bins: np.ndarray,
    bin_lo: np.ndarray,
    bin_hi: np.ndarray,
    n_bins: int,
    share_unit: np.float32,
    inv_vote_unit: float,
) -> None:
    """Summaries of one sub-batch; ``e`` (m, L) holds ``exp(-logit)`` and is overwritten.

    Per draw ``i`` (``first + i`` within its block): shares ``s = 1 / (1 + e)``, riding
    totals added party by party (from 0, the shares outside a party's span being 0), the
    winner (the first largest share) into ``best[i]`` (R, int8), ``q = s * (1 / total)``;
    ``share_fx`` (P, R) adds ``q`` in units of ``1 / share_unit`` (truncated; a power of two,
    so ``q * share_unit`` is exact); ``national[i, p]`` is the sum over ridings of ``vote_fx
    * q`` truncated to integers (``vote_fx``: float64 riding weights times a power of two,
    so each product is exact), times ``inv_vote_unit``; for the block's first ``len(bins)``
    draws, ``bins[first + i]`` (L) gets ``floor(q * n_bins)``, at most ``n_bins - 1``, and
    ``bin_lo``/``bin_hi`` (L) keep the lowest and highest bin of each value (see `add_bins`).
    Then ``seats[i]`` (P) and ``wins`` (P, R) count the sub-batch's winners.
    """
    m = e.shape[0]
    p_n = seg.shape[0] - 1
    r_n = vote_fx.shape[0]
    hist_sample = bins.shape[0]
    one = np.float32(1.0)
    zero = np.float32(0.0)
    fbins = np.float32(n_bins)
    top_bin = n_bins - 1
    tot = np.empty(r_n, np.float32)
    top = np.empty(r_n, np.float32)
    for i in range(m):
        ei = e[i]
        bi = best[i]
        for r in range(r_n):
            tot[r] = zero
            top[r] = zero
            bi[r] = 0
        for p in range(p_n):
            n = np.uint64(seg[p + 1] - seg[p])
            at = np.uint64(seg[p])
            lo = np.uint64(span[p])
            party = np.int8(p)
            for q in range(n):
                s = one / (one + ei[at + q])
                ei[at + q] = s
                rid = lo + q
                tot[rid] += s
                gt = s > top[rid]
                top[rid] = s if gt else top[rid]
                bi[rid] = party if gt else bi[rid]
        for r in range(r_n):
            tot[r] = one / tot[r]
        sampled = first + i < hist_sample
        for p in range(p_n):
            n = np.uint64(seg[p + 1] - seg[p])
            at = np.uint64(seg[p])
            lo = np.uint64(span[p])
            sf = share_fx[p]
            acc = np.int64(0)
            for q in range(n):
                rid = lo + q
                x = ei[at + q] * tot[rid]
                sf[rid] += np.int64(x * share_unit)
                acc += np.int64(vote_fx[rid] * np.float64(x))
            national[i, p] = np.float32(np.float64(acc) * inv_vote_unit)
            if sampled:
                bp = bins[first + i]
                for q in range(n):
                    b = np.int64(ei[at + q] * tot[lo + q] * fbins)
                    b8 = np.uint8(b if b < top_bin else top_bin)
                    bp[at + q] = b8
                    bin_lo[at + q] = min(bin_lo[at + q], b8)
                    bin_hi[at + q] = max(bin_hi[at + q], b8)
    for p in range(p_n):
        wp = wins[p]
        party = np.int8(p)
        for i in range(m):
            bi = best[i]
            count = 0
            for r in range(r_n):
                hit = 1 if bi[r] == party else 0
                wp[r] += hit
                count += hit
            seats[i, p] = count


@njit(cache=True, nogil=True, error_model="numpy")
def add_bins(
    hist: np.ndarray,
    bins: np.ndarray,
    bin_lo: np.ndarray,
    bin_hi: np.ndarray,
    seg: np.ndarray,
    span: np.ndarray,
    n: int,
) -> None:
    """``hist[p, r, b] +=`` the number of ``b`` among the ``n`` first rows of ``bins`` (L);
    outside a party's span its share is 0: ``n`` more in bin 0.  Then ``bin_lo``/``bin_hi``
    are reset for the next block.

    Riding by riding, so the counts stay in the CPU's first-level cache; four interleaved
    counters so that repeated bins do not wait on each other; only the bins from
    ``bin_lo[x]`` to ``bin_hi[x]`` (a few dozen of the 200: a share's spread) are added and
    cleared, so the chunk's histograms are touched where they change and nowhere else."""
    p_n, r_n, n_bins = hist.shape
    tmp = np.zeros((4, n_bins), np.int32)
    for p in range(p_n):
        lo = span[p]
        hi = lo + seg[p + 1] - seg[p]
        for r in range(r_n):
            h = hist[p, r]
            if r < lo or r >= hi:
                h[0] += n
                continue
            x = seg[p] + r - lo
            i = 0
            while i + 4 <= n:
                tmp[0, bins[i, x]] += 1
                tmp[1, bins[i + 1, x]] += 1
                tmp[2, bins[i + 2, x]] += 1
                tmp[3, bins[i + 3, x]] += 1
                i += 4
            while i < n:
                tmp[0, bins[i, x]] += 1
                i += 1
            for b in range(np.int64(bin_lo[x]), np.int64(bin_hi[x]) + 1):
                h[b] += tmp[0, b] + tmp[1, b] + tmp[2, b] + tmp[3, b]
                tmp[0, b] = 0
                tmp[1, b] = 0
                tmp[2, b] = 0
                tmp[3, b] = 0
            bin_lo[x] = n_bins - 1
            bin_hi[x] = 0
