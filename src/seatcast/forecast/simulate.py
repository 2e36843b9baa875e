"""Monte Carlo seat simulation: correlated, heavy-tailed errors, vectorized and chunked.

Each simulated election perturbs the projected riding shares on the logit scale with three
errors, then renormalizes every riding (so shares stay in 0..1 and sum to 1, and a party
that did not stand stays at 0):

- a **national** error per party (the polls' election-day miss), correlated between parties
  with the correlation of the polls' own deviations, Student-t (heavy tails);
- a **regional** error per region and party (same correlation, t-distributed);
- a **riding** error per riding and party, normal with a Student-t scale shared by the
  ridings of a region in one draw, so its tails are heavy too.
- where the projection's model has kinds of ridings (`seatcast.forecast.structure`), a
  **kind** error per kind and party, shared by the ridings of a kind in every region (same
  correlation, t-distributed), drawn from its own stream so that it moves no other draw.

Sizes: the national one from the poll average's uncertainty; the regional and riding ones
fitted on 2019 -> 2021 (`seatcast.forecast.fit.fit_errors`).

Draws are made in fixed blocks of `BLOCK` simulations, block ``i`` drawn by an SFC64
generator seeded by child ``i`` of ``SeedSequence(seed)``; blocks are grouped into chunks
that run on threads, processes or a Dask cluster.  Since a block's numbers depend only on
(seed, i), any chunking or worker count gives identical results.  Memory stays flat: a
chunk keeps only seat counts, the national vote, per-riding win counts and share sums, and
share histograms from the first `HIST_SAMPLE` draws of each block, for the 80 % intervals
(and, on request, the winner of every riding in every draw, one byte each).
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np

from seatcast.domain.parties import Party
from seatcast.domain.ridings import majority_of
from seatcast.forecast.fit import ErrorScales
from seatcast.forecast.models import DEFAULT_MODEL
from seatcast.forecast.projection import Forecaster, Projection

BLOCK = 1000  # simulations per RNG block: fixed, so results never depend on chunking
HIST_BINS = 200  # share histogram bins (0.5 % wide) for per-riding intervals
HIST_SAMPLE = 200  # draws of each block that feed the histograms (the first ones: fixed)
NU = 6.0  # degrees of freedom of the Student-t tails
NOISE_MIN = 0.05  # riding noise for a party only in regions where it reaches 5 % somewhere
MAX_SIGMA = 0.3  # cap on each log-scale error size (small parties' fitted sizes run wild)


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
        # A party that does not stand gets a logit of -30: its share is below 1e-13 in every
        # draw, so the hot loop needs no mask (draw_shares still zeroes it exactly).
        log_mean=np.where(stood, np.log(m / (1 - m)) * stretch, -30.0).astype(np.float32)[order],
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
    return np.sqrt(np.float32(nu - 2.0) / chi)


def _noise_stream(key: int, region: int, party: int) -> np.random.Generator:
    """The generator of one (region, party) cell's riding noise within one batch of draws."""
    return np.random.Generator(np.random.SFC64(np.random.SeedSequence(key, spawn_key=(region, party))))


def draw_logits(spec: SimSpec, rng: np.random.Generator, n: int) -> np.ndarray:
    """(n, R, P) float32 perturbed logits of the shares (ridings in ``spec.order``).

    ``rng`` draws the national and regional errors, the regional t scales and one key; each
    (region, party) cell with riding noise draws it from its own stream seeded by that key
    and the cell.  So every draw of a cell depends only on the seed and the cell, never on
    which other cells are noisy: when a party crosses `NOISE_MIN` somewhere, the other
    cells' draws do not move (common random numbers: two projections compared with one
    seed differ only by what differs between them)."""
    r, p = spec.log_mean.shape
    g = spec.n_regions
    nat = rng.standard_normal((n, p), dtype=np.float32) @ spec.chol.T
    nat *= spec.sig_nat * _t_scale(rng, (n, 1), spec.nu)
    reg = rng.standard_normal((n, g, p), dtype=np.float32) @ spec.chol.T
    reg *= spec.sig_reg * _t_scale(rng, (n, g, 1), spec.nu)
    reg += nat[:, None, :]
    tail = _t_scale(rng, (n, g), spec.nu)
    key = int(rng.integers(0, 2**63))
    z = np.empty((n, r, p), dtype=np.float32)
    for k in range(g):  # ridings are sorted by region: contiguous slices, no gathers
        lo, hi = spec.bounds[k], spec.bounds[k + 1]
        np.add(spec.log_mean[lo:hi], reg[:, k, None, :], out=z[:, lo:hi, :])
    for k, j in spec.noise_blocks:
        lo, hi = spec.bounds[k], spec.bounds[k + 1]
        blk = _noise_stream(key, k, j).standard_normal((n, hi - lo), dtype=np.float32)
        blk *= spec.sig_rid[j] * tail[:, k, None]
        z[:, lo:hi, j] += blk
    if spec.kind is not None and spec.sig_kind is not None:
        z += kind_errors(spec, key, n)[:, spec.kind, :]
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
    e = g.standard_normal((n, kinds, spec.chol.shape[0]), dtype=np.float32) @ spec.chol.T
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
    first_block: int
    seats: np.ndarray  # (n, P) int16
    national: np.ndarray  # (n, P) float32
    wins: np.ndarray  # (R, P) int64
    share_sum: np.ndarray  # (R, P) float64
    hist: np.ndarray  # (R, P, HIST_BINS) int64
    winners: np.ndarray | None  # (n, R) int8


def run_blocks(
    spec: SimSpec, entropy: int, blocks: Sequence[tuple[int, int]], keep_winners: bool
) -> ChunkResult:
    """Simulate consecutive blocks ``(index, size)``: a pure function of its arguments."""
    r, p = spec.log_mean.shape
    seats_l, nat_l, win_l = [], [], []
    wins = np.zeros((r, p), dtype=np.int64)
    share_sum = np.zeros((r, p), dtype=np.float64)
    hist = np.zeros(r * p * HIST_BINS, dtype=np.int64)
    cell = (np.arange(r * p, dtype=np.int64) * HIST_BINS).reshape(1, r, p)
    ones = np.ones(p, dtype=np.float32)
    for index, size in blocks:
        rng = np.random.Generator(np.random.SFC64(np.random.SeedSequence(entropy, spawn_key=(index,))))
        z = _sigmoid_draws(spec, rng, size)
        inv_tot = z @ ones  # row sums as a BLAS matrix-vector product (7x faster than .sum)
        np.reciprocal(inv_tot, out=inv_tot)  # (n, R): renormalization folded into the sums
        win64 = z.argmax(axis=2)  # (n, R) party index
        winner = win64.astype(np.int8)
        flat = win64 + p * np.arange(size, dtype=np.int64)[:, None]
        seats = np.bincount(flat.ravel(), minlength=size * p).reshape(size, p).astype(np.int16)
        seats_l.append(seats)
        nat_l.append(np.matmul((inv_tot * spec.votes)[:, None, :], z)[:, 0, :])  # batched (1,R)@(R,P)
        wins += np.bincount((win64 + p * np.arange(r)).ravel(), minlength=r * p).reshape(r, p)
        share_sum += np.matmul(inv_tot.T[:, None, :], z.transpose(1, 0, 2))[:, 0, :]
        sub = z[:HIST_SAMPLE] * inv_tot[:HIST_SAMPLE, :, None]
        b = (sub * HIST_BINS).astype(np.int64)  # intervals from a fixed subsample
        np.minimum(b, HIST_BINS - 1, out=b)
        b += cell
        hist += np.bincount(b.ravel(), minlength=r * p * HIST_BINS)
        if keep_winners:
            win_l.append(winner)
    return ChunkResult(
        first_block=blocks[0][0],
        seats=np.concatenate(seats_l),
        national=np.concatenate(nat_l),
        wins=wins,
        share_sum=share_sum,
        hist=hist.reshape(r, p, HIST_BINS),
        winners=np.concatenate(win_l) if keep_winners else None,
    )


@dataclass(frozen=True, slots=True)
class SimulationResult:
    """The draws of one projection. ``seats[i, j]``: seats of ``parties[j]`` in draw i."""

    election: str
    as_of: dt.date
    model: str
    sims: int
    seed: int
    parties: tuple[Party, ...]
    codes: tuple[int, ...]
    seats: np.ndarray  # (sims, P) int32
    national: np.ndarray  # (sims, P) float32 national vote shares
    win_prob: np.ndarray  # (R, P)
    share_mean: np.ndarray  # (R, P)
    share_lo: np.ndarray  # (R, P) 10th percentile
    share_hi: np.ndarray  # (R, P) 90th percentile
    projected: np.ndarray  # (R, P) the projection's expected shares (before noise)
    target: np.ndarray  # (P,) national shares fed to the projection
    winners: np.ndarray | None = None  # (sims, R) int8 index into parties, when kept
    conditions: tuple[str, ...] = field(default_factory=tuple)

    @property
    def seats_total(self) -> int:
        return len(self.codes)

    @property
    def majority(self) -> int:
        return majority_of(self.seats_total)


def _quantile_from_hist(hist: np.ndarray, q: float) -> np.ndarray:
    cum = np.cumsum(hist, axis=-1)
    total = cum[..., -1:]
    idx = (cum < q * total).sum(axis=-1)
    return (idx + 0.5) / HIST_BINS


def plan_chunks(sims: int, chunk_sims: int) -> list[list[tuple[int, int]]]:
    """Blocks ``(index, size)`` grouped into chunks of about ``chunk_sims`` simulations."""
    if sims < 1:
        raise ValueError("sims must be at least 1")
    blocks = [(i, min(BLOCK, sims - i * BLOCK)) for i in range((sims + BLOCK - 1) // BLOCK)]
    per = max(1, chunk_sims // BLOCK)
    return [blocks[i : i + per] for i in range(0, len(blocks), per)]


def simulate(
    proj: Projection,
    *,
    sims: int = 10_000,
    seed: int = 0,
    workers: int = 2,
    chunk_sims: int = 2 * BLOCK,
    executor: Executor | None = None,
    keep_winners: bool = False,
    progress: Callable[[int], None] | None = None,
    error_scale: float = 1.0,
    errors: ErrorScales | None = None,
) -> SimulationResult:
    """Simulate ``sims`` elections from a projection. Same seed, same numbers, however run.
    ``errors``: regional and riding error sizes (default: those fitted for its model)."""
    spec = make_spec(proj, error_scale=error_scale, errors=errors)
    chunks = plan_chunks(sims, chunk_sims)
    entropy = int(seed)
    r, p = spec.log_mean.shape
    # Results go straight into preallocated arrays and the per-riding tallies are summed as
    # chunks finish, with a bounded number of chunks in flight: memory stays flat.
    seats = np.empty((sims, p), dtype=np.int32)
    national = np.empty((sims, p), dtype=np.float32)
    winners = np.empty((sims, r), dtype=np.int8) if keep_winners else None
    wins = np.zeros((r, p), dtype=np.int64)
    hist = np.zeros((r, p, HIST_BINS), dtype=np.int64)
    share_sum = np.zeros((r, p))

    def collect(c: ChunkResult, n: int) -> None:
        nonlocal wins, hist, share_sum
        lo = c.first_block * BLOCK
        seats[lo : lo + n] = c.seats
        national[lo : lo + n] = c.national
        if winners is not None and c.winners is not None:
            winners[lo : lo + n] = c.winners
        wins += c.wins
        hist += c.hist
        share_sum += c.share_sum
        if progress is not None:
            progress(n)

    own = executor is None
    ex = executor or ThreadPoolExecutor(max_workers=max(1, workers))
    window = 2 * max(1, workers) + 2
    try:
        pending: deque[tuple[Future[ChunkResult], int]] = deque()
        for ch in chunks:
            pending.append((ex.submit(run_blocks, spec, entropy, ch, keep_winners), sum(n for _, n in ch)))
            if len(pending) >= window:
                fut, n = pending.popleft()
                collect(fut.result(), n)
        while pending:
            fut, n = pending.popleft()
            collect(fut.result(), n)
    finally:
        if own:
            ex.shutdown()
    inv = np.argsort(spec.order)  # back to map order
    wins, hist, share_sum = wins[inv], hist[inv], share_sum[inv]
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
        win_prob=wins / sims,
        share_mean=share_sum / sims,
        share_lo=_quantile_from_hist(hist, 0.1),
        share_hi=_quantile_from_hist(hist, 0.9),
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
) -> SimulationResult:
    """Project from the built-in polls and simulate: the one-call entry point."""
    proj = forecaster.project(election, as_of, model=model, shares=shares)
    return simulate(
        proj,
        sims=sims,
        seed=seed,
        workers=workers,
        executor=executor,
        keep_winners=keep_winners,
        progress=progress,
    )
