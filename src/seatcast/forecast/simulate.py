"""Monte Carlo seat simulation: correlated, heavy-tailed errors, vectorized and chunked.

Each simulated election perturbs the projected riding shares on the logit scale with three
errors, then renormalizes every riding (so shares stay in 0..1 and sum to 1, and a party
that did not stand stays at 0):

- a **national** error per party (the polls' election-day miss), correlated between parties
  with the correlation of the polls' own deviations, Student-t (heavy tails);
- a **regional** error per region and party (same correlation, t-distributed);
- a **riding** error per riding and party, normal with a Student-t scale shared by the
  ridings of a region in one draw, so its tails are heavy too;
- where the projection's model has kinds of ridings (`seatcast.forecast.structure`), a
  **kind** error per kind and party, shared by the ridings of a kind in every region (same
  correlation, t-distributed), drawn from its own stream so that it moves no other draw.

Sizes: the national one from the poll average's uncertainty; the regional and riding ones
fitted with the swing model (``proj.fitted.errors``, `seatcast.forecast.fit.fit_error_scales`).

Draws are made in fixed blocks of `BLOCK` simulations, block ``i`` drawn by an SFC64
generator seeded by child ``i`` of ``SeedSequence(seed)``; blocks are grouped into chunks
that run on threads, processes or a Dask cluster.  Since a block's numbers depend only on
(seed, i), any chunking or worker count gives identical results.  Memory stays flat: a
chunk keeps only seat counts, the national vote, per-riding win counts and share sums, and
share histograms from the first `HIST_SAMPLE` draws of each block, for the 80 % intervals
(and, on request, the winner of every riding in every draw, one byte each).

Two engines compute the same numbers from the same random numbers: "numpy" (this module)
and "numba" (`seatcast.forecast.kernel`, compiled loops around numpy's ``exp``, 1.4 times
the cost of drawing the random numbers alone, against 2.6 times for numpy: see
``benchmarks/simulate.py``).  Both add a riding's shares party by party and take the sums
over ridings and draws (national vote, share means) in int64 fixed point, which no grouping
can change, so the engine, the chunking and the executor never move a single bit.
``engine="auto"`` takes numba for large runs when it loads and ``SEATCAST_NO_NUMBA`` is not
set; the numpy engine is the fallback, and the reference the tests hold numba to.

The kind error is an additive error on the logit scale and goes in three places, after the
regional error and before the riding noise: it is drawn in `_draw_errors` after everything
drawn there (from its own stream, so no other draw moves), added in `draw_logits` (the
numpy path), and passed to `kernel.fill_neg_logits` as a group term (``group_err``/
``group_of``); another such error would go the same way (a test holds the kernel to numpy).
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import sys
import threading
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass
from types import ModuleType

import numpy as np

from seatcast.domain.draws import SimulationResult
from seatcast.domain.parties import Party
from seatcast.errors import SeatcastError
from seatcast.forecast.fit import ErrorScales
from seatcast.forecast.models import DEFAULT_MODEL
from seatcast.forecast.projection import Forecaster, Projection

BLOCK = 1000  # simulations per RNG block: fixed, so results never depend on chunking
HIST_BINS = 200  # share histogram bins (0.5 % wide) for per-riding intervals
HIST_SAMPLE = 200  # draws of each block that feed the histograms (the first ones: fixed)
NU = 6.0  # degrees of freedom of the Student-t tails
NOISE_MIN = 0.05  # riding noise for a party only in regions where it reaches 5 % somewhere
MAX_SIGMA = 0.3  # cap on each log-scale error size (small parties' fitted sizes run wild)
SHARE_UNIT = 2.0**32  # fixed point of the share sums (int64: exact for 2**31 draws)
VOTE_UNIT = 2.0**52  # fixed point of a draw's vote-weighted sum over ridings
_SUB = 200  # draws per sub-batch of the numba engine (its arrays stay in the CPU cache)
ENGINES: tuple[str, ...] = ("auto", "numba", "numpy")
NUMBA_MIN_SIMS = 20_000  # "auto" takes numba from here (below, loading it costs about what it saves)


def compiled(module: str) -> ModuleType | None:
    """A numba module (this kernel, the night's draws) when ``SEATCAST_NO_NUMBA`` is unset
    (or 0) and it loads (numba installed and importable: a broken install falls back to
    numpy too); else None, and the caller runs numpy's path, to the same bits."""
    if os.environ.get("SEATCAST_NO_NUMBA", "") not in ("", "0"):
        return None
    try:
        return importlib.import_module(module)
    except ImportError:
        return None


def numba_enabled() -> bool:
    """Whether "auto" may use numba (`compiled` loads the kernel)."""
    return compiled("seatcast.forecast.kernel") is not None


def resolve_engine(engine: str, sims: int) -> str:
    """The engine a run uses: "numba" or "numpy" (same numbers either way)."""
    if engine not in ENGINES:
        raise SeatcastError(f"unknown engine {engine!r} (known: {', '.join(ENGINES)})")
    if engine == "auto":
        # Once the kernel is loaded (a long-running server), it is the faster one at any size.
        warm = sims >= NUMBA_MIN_SIMS or "seatcast.forecast.kernel" in sys.modules
        return "numba" if warm and numba_enabled() else "numpy"
    return engine


@dataclass(frozen=True)
class SimSpec:
    """Everything a chunk needs (small, picklable)."""

    log_mean: np.ndarray  # (R, P) float32, logit of projected shares (centred for the noise)
    stood: np.ndarray  # (R, P) bool: the party stands there
    n_regions: int
    order: np.ndarray  # (R,) the ridings sorted by region: arrays here are in this order
    bounds: tuple[int, ...]  # slice boundaries of each region in that order
    chol: np.ndarray  # (P, P) float32: Cholesky factor of the party correlation
    sig_nat: np.ndarray  # (P,) float32
    sig_reg: np.ndarray  # (P,) float32
    sig_rid: np.ndarray  # (P,) float32
    noise_blocks: tuple[tuple[int, int], ...]  # (region, party) cells with riding noise
    votes: np.ndarray  # (R,) float32 riding weights for the national vote
    nu: float = NU
    kind: np.ndarray | None = None  # (R,) intp kind of each riding (spec order); None: no kind error
    sig_kind: np.ndarray | None = None  # (P,) float32 size of the error shared by a kind

    @property
    def n_noise(self) -> int:
        """Riding-noise variates per simulated election."""
        return sum(self.bounds[k + 1] - self.bounds[k] for k, _ in self.noise_blocks)


def make_spec(proj: Projection, *, error_scale: float = 1.0, errors: ErrorScales | None = None) -> SimSpec:
    """The simulation of a projection; ``errors`` defaults to the sizes fitted for its model."""
    errs = errors if errors is not None else proj.fitted.errors
    p = len(proj.parties)
    corr = np.eye(p)
    if proj.average is not None and proj.average.corr is not None:
        corr = proj.average.corr
    chol = np.linalg.cholesky(corr + 1e-9 * np.eye(p))
    t = np.clip(proj.target, 0.01, 0.99)
    sig_nat = np.clip(proj.target_sd / (t * (1 - t)), 0.02, 0.6)
    mean = proj.mean
    stood = mean > 0
    reg, rid = errs.scaled(proj.base.national, proj.target)
    sig_reg, sig_rid = reg * error_scale, rid * error_scale
    sig_nat = np.minimum(sig_nat, MAX_SIGMA) * error_scale
    sig_reg, sig_rid = np.minimum(sig_reg, MAX_SIGMA), np.minimum(sig_rid, MAX_SIGMA)
    # Noise on the logit pulls expected shares toward 1/2; stretch the centre so that
    # E[sigmoid(mu + sigma Z)] ~ sigmoid(mu / sqrt(1 + pi sigma^2 / 8)) is the projected share.
    # Riding noise for a party only in the regions where it could matter (projected at
    # NOISE_MIN or more in some riding there): a structured model that draws about half the
    # random numbers of a full riding x party grid, in contiguous slices.
    region = proj.base.region.astype(np.intp)
    n_regions = int(region.max()) + 1
    strong = np.zeros((n_regions, mean.shape[1]), dtype=bool)
    np.logical_or.at(strong, region, mean >= NOISE_MIN)
    noisy = strong[region]
    var = sig_nat**2 + sig_reg**2 + np.where(noisy, sig_rid**2, 0.0)
    sig_kind = None
    if proj.kinds is not None and errs.kind is not None:
        sig_kind = np.minimum(errs.kind * error_scale, MAX_SIGMA)
        var = var + sig_kind**2
    stretch = np.sqrt(1.0 + np.pi * var / 8.0)
    m = np.clip(mean, 1e-6, 1 - 1e-6)
    order = np.argsort(region, kind="stable")
    counts = np.bincount(region, minlength=n_regions)
    bounds = tuple(int(x) for x in np.concatenate([[0], np.cumsum(counts)]))
    blocks = [(k, int(j)) for k in range(n_regions) for j in np.flatnonzero(strong[k])]
    return SimSpec(
        # A party that does not stand gets a logit of -inf: exp(inf) = inf and 1 / (1 + inf)
        # = 0, so its share is exactly 0 in every draw and the hot loop needs no mask.
        log_mean=np.where(stood, np.log(m / (1 - m)) * stretch, -np.inf).astype(np.float32)[order],
        stood=stood[order],
        n_regions=n_regions,
        order=order,
        bounds=bounds,
        chol=chol.astype(np.float32),
        sig_nat=sig_nat.astype(np.float32),
        sig_reg=sig_reg.astype(np.float32),
        sig_rid=sig_rid.astype(np.float32),
        noise_blocks=tuple(blocks),
        votes=(proj.base.votes / proj.base.votes.sum()).astype(np.float32)[order],
        kind=None if sig_kind is None or proj.kinds is None else np.asarray(proj.kinds, np.intp)[order],
        sig_kind=None if sig_kind is None else sig_kind.astype(np.float32),
    )


def _t_scale(rng: np.random.Generator, shape: tuple[int, ...], nu: float) -> np.ndarray:
    """sqrt(nu / chi2_nu), normalized to unit variance of the resulting t variable."""
    chi = rng.chisquare(nu, size=shape).astype(np.float32)
    out: np.ndarray = np.sqrt(np.float32(nu - 2.0) / chi)
    return out


def _correlate(x: np.ndarray, chol: np.ndarray) -> np.ndarray:
    """``x @ chol.T`` over the last axis of ``x`` (n, k, P), as one 2-D product: numpy's
    stacked matmul calls BLAS once per row of ``x``, four times slower here; each row's
    products and sums are the same, so are the bits."""
    n, k, p = x.shape
    out: np.ndarray = (x.reshape(n * k, p) @ chol.T).reshape(n, k, p)
    return out


def _noise_stream(key: int, region: int, party: int) -> np.random.Generator:
    """The generator of one (region, party) cell's riding noise within one batch of draws."""
    return np.random.Generator(np.random.SFC64(np.random.SeedSequence(key, spawn_key=(region, party))))


@dataclass(frozen=True, slots=True)
class _Errors:
    """What ``rng`` draws for a batch of n draws, before the riding noise."""

    reg: np.ndarray  # (n, G, P) float32: national plus regional error
    tail: np.ndarray  # (n, G) float32: the t scale of each region's riding noise
    key: int  # seed of the (region, party) riding-noise streams
    kind: np.ndarray | None = None  # (n, K, P) float32: the error shared by a kind (None: no kinds)


def _draw_errors(spec: SimSpec, rng: np.random.Generator, n: int) -> _Errors:
    """The national and regional errors, the regional t scales and the noise key, in the
    order ``rng`` draws them, then the kind errors from their own stream seeded by the key
    (both paths call this: their draws cannot drift apart)."""
    p = spec.log_mean.shape[1]
    g = spec.n_regions
    nat = rng.standard_normal((n, p), dtype=np.float32) @ spec.chol.T
    nat *= spec.sig_nat * _t_scale(rng, (n, 1), spec.nu)
    reg = _correlate(rng.standard_normal((n, g, p), dtype=np.float32), spec.chol)
    reg *= spec.sig_reg * _t_scale(rng, (n, g, 1), spec.nu)
    reg += nat[:, None, :]
    tail = _t_scale(rng, (n, g), spec.nu)
    key = int(rng.integers(0, 2**63))
    kind = kind_errors(spec, key, n) if spec.kind is not None and spec.sig_kind is not None else None
    return _Errors(reg=reg, tail=tail, key=key, kind=kind)


def draw_logits(spec: SimSpec, rng: np.random.Generator, n: int) -> np.ndarray:
    """(n, R, P) float32 perturbed logits of the shares (ridings in ``spec.order``).

    ``rng`` draws the national and regional errors, the regional t scales and one key; each
    (region, party) cell with riding noise draws it from its own stream seeded by that key
    and the cell.  So every draw of a cell depends only on the seed and the cell, never on
    which other cells are noisy: when a party crosses `NOISE_MIN` somewhere, the other
    cells' draws do not move (common random numbers: two projections compared with one
    seed differ only by what differs between them)."""
    r, p = spec.log_mean.shape
    errs = _draw_errors(spec, rng, n)
    z = np.empty((n, r, p), dtype=np.float32)
    for k in range(spec.n_regions):  # ridings are sorted by region: contiguous slices, no gathers
        lo, hi = spec.bounds[k], spec.bounds[k + 1]
        np.add(spec.log_mean[lo:hi], errs.reg[:, k, None, :], out=z[:, lo:hi, :])
    if errs.kind is not None and spec.kind is not None:  # after the regional error, before the noise
        z += errs.kind[:, spec.kind, :]
    for k, j in spec.noise_blocks:
        lo, hi = spec.bounds[k], spec.bounds[k + 1]
        blk = _noise_stream(errs.key, k, j).standard_normal((n, hi - lo), dtype=np.float32)
        blk *= spec.sig_rid[j] * errs.tail[:, k, None]
        z[:, lo:hi, j] += blk
    return z


#: The spawn key of the kind errors' stream (region-party cells use (region, party)).
KIND_STREAM = 1_000


def kind_errors(spec: SimSpec, key: int, n: int) -> np.ndarray:
    """(n, kinds, P) the error shared by the ridings of each kind: the party correlation of
    the national error, Student-t tails, from its own stream (so adding kinds moves no
    other draw)."""
    assert spec.kind is not None and spec.sig_kind is not None
    g = np.random.Generator(np.random.SFC64(np.random.SeedSequence(key, spawn_key=(KIND_STREAM,))))
    kinds = int(spec.kind.max()) + 1
    e = _correlate(g.standard_normal((n, kinds, spec.chol.shape[0]), dtype=np.float32), spec.chol)
    e *= spec.sig_kind * _t_scale(g, (n, kinds, 1), spec.nu)
    return e


def draw_shares(spec: SimSpec, rng: np.random.Generator, n: int) -> np.ndarray:
    """(n, R, P) simulated riding shares in map order: each row in 0..1, summing to 1."""
    s = _draw_sorted(spec, rng, n)
    return s[:, np.argsort(spec.order), :]


def _sigmoid_draws(spec: SimSpec, rng: np.random.Generator, n: int) -> np.ndarray:
    """(n, R, P) sigmoid of the perturbed logits, computed in place: the shares before
    each riding is renormalized (ridings in the spec's region-sorted order)."""
    z = draw_logits(spec, rng, n)
    np.negative(z, out=z)
    np.exp(z, out=z)
    z += 1.0
    np.reciprocal(z, out=z)
    return z


def _draw_sorted(spec: SimSpec, rng: np.random.Generator, n: int) -> np.ndarray:
    """Shares with the ridings in the spec's (region-sorted) order."""
    z = _sigmoid_draws(spec, rng, n)
    z *= spec.stood
    tot = z.sum(axis=2, keepdims=True)
    np.reciprocal(tot, out=tot)
    z *= tot
    return z


@dataclass(frozen=True, slots=True)
class ChunkResult:
    """What one chunk sends back: per-draw rows, and per-riding tallies (parties major)."""

    first_block: int
    seats: np.ndarray  # (n, P) int16
    national: np.ndarray  # (n, P) float32
    wins: np.ndarray  # (P, R) int32 riding wins
    share_fx: np.ndarray  # (P, R) int64 sums of the shares in units of 1 / SHARE_UNIT
    hist: np.ndarray  # (P, R, HIST_BINS) uint16, or int32 when a chunk could overflow it
    winners: np.ndarray | None  # (n, R) int8


def _hist_dtype(n_blocks: int) -> type[np.integer]:
    return np.uint16 if HIST_SAMPLE * n_blocks <= np.iinfo(np.uint16).max else np.int32


def _rng(entropy: int, index: int) -> np.random.Generator:
    return np.random.Generator(np.random.SFC64(np.random.SeedSequence(entropy, spawn_key=(index,))))


def run_blocks(
    spec: SimSpec,
    entropy: int,
    blocks: Sequence[tuple[int, int]],
    keep_winners: bool,
    engine: str = "numpy",
) -> ChunkResult:
    """Simulate consecutive blocks ``(index, size)``: a pure function of its arguments.
    ``engine``: "numpy" or "numba" (`resolve_engine`); both give the same bits."""
    if engine == "numba":
        return _run_blocks_numba(spec, entropy, blocks, keep_winners)
    if engine != "numpy":
        raise ValueError(f"engine must be 'numpy' or 'numba', not {engine!r}")
    r, p = spec.log_mean.shape
    seats_l, nat_l, win_l = [], [], []
    wins = np.zeros(p * r, dtype=np.int64)
    share_fx = np.zeros((p, r), dtype=np.int64)
    hist = np.zeros(p * r * HIST_BINS, dtype=np.int64)
    cell = (np.arange(p * r, dtype=np.int64) * HIST_BINS).reshape(p, r).T[None]  # (1, R, P)
    vote_fx = (spec.votes.astype(np.float64) * VOTE_UNIT)[:, None]  # exact: a power of two
    for index, size in blocks:
        z = _sigmoid_draws(spec, _rng(entropy, index), size)
        tot = z[..., 0].copy()  # row totals party by party: the order the kernel adds them
        for j in range(1, p):
            tot += z[..., j]
        np.reciprocal(tot, out=tot)
        win64 = z.argmax(axis=2)  # (n, R) party index (the first one on a tie)
        z *= tot[..., None]  # the renormalized shares
        nat = np.empty((size, p), dtype=np.float32)
        fx = np.empty((min(size, _SUB), r, p), dtype=np.int64)
        for a in range(0, size, _SUB):  # int64 sums are exact: any grouping gives the same
            q, ints = z[a : a + _SUB], fx[: min(_SUB, size - a)]
            np.multiply(q, np.float32(SHARE_UNIT), out=ints, casting="unsafe")  # exact, then truncated
            share_fx += np.add.reduce(ints, axis=0).T
            np.multiply(q, vote_fx, out=ints, casting="unsafe")  # in float64: exact, then truncated
            acc = np.add.reduce(ints, axis=1)
            nat[a : a + _SUB] = (acc.astype(np.float64) * (1.0 / VOTE_UNIT)).astype(np.float32)
        flat = win64 + p * np.arange(size, dtype=np.int64)[:, None]
        seats_l.append(np.bincount(flat.ravel(), minlength=size * p).reshape(size, p).astype(np.int16))
        nat_l.append(nat)
        wins += np.bincount((win64 * r + np.arange(r)).ravel(), minlength=p * r)
        b = (z[:HIST_SAMPLE] * np.float32(HIST_BINS)).astype(np.int64)  # intervals from a fixed subsample
        np.minimum(b, HIST_BINS - 1, out=b)
        b += cell
        hist += np.bincount(b.ravel(), minlength=p * r * HIST_BINS)
        if keep_winners:
            win_l.append(win64.astype(np.int8))
    return ChunkResult(
        first_block=blocks[0][0],
        seats=np.concatenate(seats_l),
        national=np.concatenate(nat_l),
        wins=wins.reshape(p, r).astype(np.int32),
        share_fx=share_fx,
        hist=hist.reshape(p, r, HIST_BINS).astype(_hist_dtype(len(blocks))),
        winners=np.concatenate(win_l) if keep_winners else None,
    )


@dataclass(frozen=True, slots=True)
class _KernelPlan:
    """A spec's arrays in the kernel's layout (`seatcast.forecast.kernel`)."""

    span: np.ndarray  # (P,) first riding of each party's span (where it stands, first to last)
    seg: np.ndarray  # (P + 1,) where each party's span starts in a draw's row of L values
    neg_log_mean: np.ndarray  # (L,) minus the log_mean, span by span
    bounds: np.ndarray  # (G + 1,) region boundaries
    cell_of: np.ndarray  # (G, P) riding-noise cell of a region and party, or -1
    width: np.ndarray  # (C,) ridings of each cell
    offset: np.ndarray  # (C,) where each cell starts in the noise of a sub-batch (times its rows)
    cell_party: np.ndarray  # (C,)
    cell_region: np.ndarray  # (C,)
    vote_fx: np.ndarray  # (R,) float64 riding weights times VOTE_UNIT

    @classmethod
    def of(cls, spec: SimSpec) -> _KernelPlan:
        p = spec.log_mean.shape[1]
        cells = spec.noise_blocks
        width = np.array([spec.bounds[k + 1] - spec.bounds[k] for k, _ in cells], dtype=np.int64)
        cell_of = np.full((spec.n_regions, p), -1, dtype=np.int64)
        for c, (k, j) in enumerate(cells):
            cell_of[k, j] = c
        span = np.zeros(p, dtype=np.int64)
        seg = np.zeros(p + 1, dtype=np.int64)
        for j in range(p):
            where = np.flatnonzero(spec.stood[:, j])
            if len(where):
                span[j] = where[0]
                seg[j + 1] = seg[j] + where[-1] + 1 - where[0]
            else:
                seg[j + 1] = seg[j]
        lm = [-spec.log_mean[span[j] : span[j] + seg[j + 1] - seg[j], j] for j in range(p)]
        return cls(
            span=span,
            seg=seg,
            neg_log_mean=np.concatenate(lm).astype(np.float32),
            bounds=np.array(spec.bounds, dtype=np.int64),
            cell_of=cell_of,
            width=width,
            offset=np.concatenate([[0], np.cumsum(width)[:-1]]).astype(np.int64),
            cell_party=np.array([j for _, j in cells], dtype=np.intp),
            cell_region=np.array([k for k, _ in cells], dtype=np.intp),
            vote_fx=spec.votes.astype(np.float64) * VOTE_UNIT,
        )


_scratch = threading.local()  # each thread's sub-batch buffers, reused from chunk to chunk


def _buffers(n_values: int, n_noise: int, r: int) -> tuple[np.ndarray, ...]:
    """This thread's (z, noise, bins, bin_lo, bin_hi, best) buffers for rows of ``n_values``
    logits (``bin_lo``/``bin_hi`` as `kernel.add_bins` leaves them: ready for a block)."""
    key = (n_values, n_noise, r)
    if getattr(_scratch, "key", None) != key:
        _scratch.key = key
        _scratch.bufs = (
            np.empty((_SUB, n_values), dtype=np.float32),
            np.empty(_SUB * n_noise, dtype=np.float32),
            np.empty((HIST_SAMPLE, n_values), dtype=np.uint8),  # sampled draws' bins (HIST_BINS <= 256)
            np.full(n_values, HIST_BINS - 1, dtype=np.uint8),  # each value's lowest bin in a block
            np.zeros(n_values, dtype=np.uint8),  # and its highest
            np.empty((_SUB, r), dtype=np.int8),  # the winners of a sub-batch, when not kept
        )
    bufs: tuple[np.ndarray, ...] = _scratch.bufs
    return bufs


def _run_blocks_numba(
    spec: SimSpec, entropy: int, blocks: Sequence[tuple[int, int]], keep_winners: bool
) -> ChunkResult:
    """`run_blocks` with the arithmetic in `seatcast.forecast.kernel`, sub-batch by sub-batch.

    The draws are made by the same numpy calls: `_draw_errors` for each block, then each
    cell's stream in consecutive sub-batches (a generator's stream does not depend on how
    its draws are split between calls)."""
    try:
        from seatcast.forecast import kernel
    except ImportError:
        raise SeatcastError("the numba engine needs numba: pip install numba") from None
    r, p = spec.log_mean.shape
    plan = _KernelPlan.of(spec)
    no_groups = np.zeros((0, _SUB, p, 1), dtype=np.float32)
    if spec.kind is not None and int(spec.kind.max()) > np.iinfo(np.uint8).max:
        raise ValueError("the numba engine takes at most 256 kinds of ridings")
    no_group_of = np.zeros((0, r), dtype=np.uint8)
    group_of = no_group_of if spec.kind is None else np.asarray(spec.kind, np.uint8)[None, :]
    n_total = sum(n for _, n in blocks)
    seats = np.empty((n_total, p), dtype=np.int16)
    national = np.empty((n_total, p), dtype=np.float32)
    winners = np.empty((n_total, r), dtype=np.int8) if keep_winners else None
    wins = np.zeros((p, r), dtype=np.int32)
    share_fx = np.zeros((p, r), dtype=np.int64)
    hist = np.zeros((p, r, HIST_BINS), dtype=_hist_dtype(len(blocks)))
    z, noise, bins, bin_lo, bin_hi, best = _buffers(int(plan.seg[-1]), spec.n_noise, r)
    row = 0
    for index, size in blocks:
        errs = _draw_errors(spec, _rng(entropy, index), size)
        scale = spec.sig_rid[plan.cell_party] * errs.tail[:, plan.cell_region]  # as draw_logits scales
        streams = [_noise_stream(errs.key, k, j) for k, j in spec.noise_blocks]
        for a in range(0, size, _SUB):
            m = min(_SUB, size - a)
            for c, stream in enumerate(streams):
                lo = int(plan.offset[c]) * m
                stream.standard_normal(out=noise[lo : lo + int(plan.width[c]) * m], dtype=np.float32)
            zz = z[:m]
            groups = no_groups if errs.kind is None else \
                np.ascontiguousarray(errs.kind[a : a + m].transpose(0, 2, 1)[None])  # (1, m, P, K)
            kernel.fill_neg_logits(
                zz, plan.neg_log_mean, plan.seg, plan.span, errs.reg[a : a + m], plan.bounds,
                plan.cell_of, plan.width, plan.offset, scale[a : a + m], noise, groups,
                no_group_of if errs.kind is None else group_of,
            )  # fmt: skip
            np.exp(zz, out=zz)
            out = slice(row + a, row + a + m)
            kernel.summarize(
                zz, a, plan.seg, plan.span, plan.vote_fx, seats[out], national[out],
                best if winners is None else winners[out], wins, share_fx, bins, bin_lo, bin_hi, HIST_BINS,
                np.float32(SHARE_UNIT), 1.0 / VOTE_UNIT,
            )  # fmt: skip
            sampled = min(size, HIST_SAMPLE)
            if a < sampled <= a + m:  # the sampled draws are binned: count them while in cache
                kernel.add_bins(hist, bins, bin_lo, bin_hi, plan.seg, plan.span, sampled)
        row += size
    return ChunkResult(
        first_block=blocks[0][0],
        seats=seats,
        national=national,
        wins=wins,
        share_fx=share_fx,
        hist=hist,
        winners=winners,
    )


def _quantile_from_hist(hist: np.ndarray, q: float) -> np.ndarray:
    cum = np.cumsum(hist, axis=-1)
    total = cum[..., -1:]
    idx = (cum < q * total).sum(axis=-1)
    out: np.ndarray = (idx + 0.5) / HIST_BINS
    return out


def plan_chunks(sims: int, chunk_sims: int) -> list[list[tuple[int, int]]]:
    """Blocks ``(index, size)`` grouped into chunks of about ``chunk_sims`` simulations."""
    if sims < 1:
        raise ValueError("sims must be at least 1")
    blocks = [(i, min(BLOCK, sims - i * BLOCK)) for i in range((sims + BLOCK - 1) // BLOCK)]
    per = max(1, chunk_sims // BLOCK)
    return [blocks[i : i + per] for i in range(0, len(blocks), per)]


def default_chunk_sims(sims: int, workers: int, *, remote: bool) -> int:
    """Simulations per chunk: two blocks on local threads (memory stays flat, no chunk
    waits long); with an executor passed in (Dask, processes), whose every chunk ships its
    histograms back (about 1 MB of uint16, whatever its size), fewer and larger chunks:
    about four per worker, from 2 to 64 blocks."""
    if not remote:
        return 2 * BLOCK
    per = -(-sims // (4 * max(1, workers) * BLOCK)) * BLOCK
    return max(2 * BLOCK, min(per, 64 * BLOCK))


def simulate(
    proj: Projection,
    *,
    sims: int = 10_000,
    seed: int = 0,
    workers: int = 2,
    chunk_sims: int | None = None,
    executor: Executor | None = None,
    keep_winners: bool = False,
    progress: Callable[[int], None] | None = None,
    error_scale: float = 1.0,
    errors: ErrorScales | None = None,
    engine: str = "auto",
) -> SimulationResult:
    """Simulate ``sims`` elections from a projection. Same seed, same numbers, however run.
    ``errors``: regional and riding error sizes (default: those fitted for its model);
    ``engine``: "auto", "numba" or "numpy" (`resolve_engine`; the numbers do not change)."""
    spec = make_spec(proj, error_scale=error_scale, errors=errors)
    if chunk_sims is None:
        chunk_sims = default_chunk_sims(sims, workers, remote=executor is not None)
    chunks = plan_chunks(sims, chunk_sims)
    run_engine = resolve_engine(engine, sims)
    entropy = int(seed)
    r, p = spec.log_mean.shape
    # Results go straight into preallocated arrays and the per-riding tallies are summed as
    # chunks finish, with a bounded number of chunks in flight: memory stays flat.
    seats = np.empty((sims, p), dtype=np.int16)
    national = np.empty((sims, p), dtype=np.float32)
    winners = np.empty((sims, r), dtype=np.int8) if keep_winners else None
    wins = np.zeros((p, r), dtype=np.int64)
    hist = np.zeros((p, r, HIST_BINS), dtype=np.int64)
    share_fx = np.zeros((p, r), dtype=np.int64)

    def collect(c: ChunkResult, n: int) -> None:
        lo = c.first_block * BLOCK
        seats[lo : lo + n] = c.seats
        national[lo : lo + n] = c.national
        if winners is not None and c.winners is not None:
            winners[lo : lo + n] = c.winners
        np.add(wins, c.wins, out=wins)
        np.add(hist, c.hist, out=hist)
        np.add(share_fx, c.share_fx, out=share_fx)
        if progress is not None:
            progress(n)

    own = executor is None
    ex = executor or ThreadPoolExecutor(max_workers=max(1, workers))
    window = 2 * max(1, workers) + 2
    try:
        pending: deque[tuple[Future[ChunkResult], int]] = deque()
        for ch in chunks:
            fut = ex.submit(run_blocks, spec, entropy, ch, keep_winners, run_engine)
            pending.append((fut, sum(n for _, n in ch)))
            if len(pending) >= window:
                fut, n = pending.popleft()
                collect(fut.result(), n)
        while pending:
            fut, n = pending.popleft()
            collect(fut.result(), n)
    finally:
        if own:
            ex.shutdown()
    inv = np.argsort(spec.order)  # back to map order, ridings first
    wins_rp, hist_rp = wins.T[inv], hist.transpose(1, 0, 2)[inv]
    share_mean = share_fx.T[inv] * (1.0 / SHARE_UNIT) / sims
    if winners is not None:
        winners = winners[:, inv]
    return SimulationResult(
        election=proj.election.id,
        as_of=proj.as_of,
        model=proj.model,
        sims=sims,
        seed=seed,
        parties=proj.parties,
        codes=proj.codes,
        seats=seats,
        national=national,
        win_prob=wins_rp / sims,
        share_mean=share_mean,
        share_lo=_quantile_from_hist(hist_rp, 0.1),
        share_hi=_quantile_from_hist(hist_rp, 0.9),
        projected=proj.mean,
        target=proj.target,
        winners=winners,
    )


def run_projection(
    forecaster: Forecaster,
    election: str,
    as_of: dt.date | None = None,
    sims: int = 10_000,
    seed: int = 0,
    *,
    model: str = DEFAULT_MODEL,
    shares: dict[Party, float] | None = None,
    workers: int = 2,
    executor: Executor | None = None,
    keep_winners: bool = False,
    progress: Callable[[int], None] | None = None,
    engine: str = "auto",
) -> SimulationResult:
    """Project with ``forecaster`` and simulate: the one-call entry point."""
    proj = forecaster.project(election, as_of, model=model, shares=shares)
    return simulate(
        proj,
        sims=sims,
        seed=seed,
        workers=workers,
        executor=executor,
        keep_winners=keep_winners,
        progress=progress,
        engine=engine,
    )
