"""The two simulation engines: numba and numpy give the same bits, and the same draws as
the code before the compiled kernel (kept below, verbatim, as the oracle)."""

from __future__ import annotations

import dataclasses
import sys

import numpy as np
import pytest

from seatcast.catalog import Catalog
from seatcast.errors import SeatcastError
from seatcast.forecast import simulate as sim
from seatcast.forecast.models import DEFAULT_MODEL
from seatcast.forecast.projection import Forecaster, Projection
from seatcast.forecast.simulate import (
    HIST_BINS,
    HIST_SAMPLE,
    SimSpec,
    make_spec,
    plan_chunks,
    resolve_engine,
    run_blocks,
    simulate,
)

numba = pytest.importorskip("numba")
FORECASTER = Forecaster(Catalog.builtin())


def project(election: str, *, model: str = DEFAULT_MODEL) -> Projection:
    return FORECASTER.project(election, model=model)  # the fallback alone is covered by the other test files


FIELDS = ("seats", "national", "winners", "win_prob", "share_mean", "share_lo", "share_hi")


@pytest.fixture(scope="module")
def proj():
    return project("2025")


# ---- the oracle: the pure-numpy simulation as it was before the kernel (commit 876e4fe) ----


def _old_draw_logits(spec: SimSpec, rng: np.random.Generator, n: int) -> np.ndarray:
    r, p = spec.log_mean.shape
    g = spec.n_regions
    nat = rng.standard_normal((n, p), dtype=np.float32) @ spec.chol.T
    nat *= spec.sig_nat * sim._t_scale(rng, (n, 1), spec.nu)
    reg = rng.standard_normal((n, g, p), dtype=np.float32) @ spec.chol.T
    reg *= spec.sig_reg * sim._t_scale(rng, (n, g, 1), spec.nu)
    reg += nat[:, None, :]
    tail = sim._t_scale(rng, (n, g), spec.nu)
    key = int(rng.integers(0, 2**63))
    z = np.empty((n, r, p), dtype=np.float32)
    for k in range(g):
        lo, hi = spec.bounds[k], spec.bounds[k + 1]
        np.add(spec.log_mean[lo:hi], reg[:, k, None, :], out=z[:, lo:hi, :])
    for k, j in spec.noise_blocks:
        lo, hi = spec.bounds[k], spec.bounds[k + 1]
        blk = sim._noise_stream(key, k, j).standard_normal((n, hi - lo), dtype=np.float32)
        blk *= spec.sig_rid[j] * tail[:, k, None]
        z[:, lo:hi, j] += blk
    return z


def _old_run_blocks(spec: SimSpec, entropy: int, blocks: list[tuple[int, int]]) -> dict[str, np.ndarray]:
    r, p = spec.log_mean.shape
    seats_l, nat_l, win_l = [], [], []
    wins = np.zeros((r, p), dtype=np.int64)
    share_sum = np.zeros((r, p), dtype=np.float64)
    hist = np.zeros(r * p * HIST_BINS, dtype=np.int64)
    cell = (np.arange(r * p, dtype=np.int64) * HIST_BINS).reshape(1, r, p)
    ones = np.ones(p, dtype=np.float32)
    for index, size in blocks:
        rng = np.random.Generator(np.random.SFC64(np.random.SeedSequence(entropy, spawn_key=(index,))))
        z = _old_draw_logits(spec, rng, size)
        np.negative(z, out=z)
        np.exp(z, out=z)
        z += 1.0
        np.reciprocal(z, out=z)
        inv_tot = z @ ones
        np.reciprocal(inv_tot, out=inv_tot)
        win64 = z.argmax(axis=2)
        flat = win64 + p * np.arange(size, dtype=np.int64)[:, None]
        seats_l.append(np.bincount(flat.ravel(), minlength=size * p).reshape(size, p))
        nat_l.append(np.matmul((inv_tot * spec.votes)[:, None, :], z)[:, 0, :])
        wins += np.bincount((win64 + p * np.arange(r)).ravel(), minlength=r * p).reshape(r, p)
        share_sum += np.matmul(inv_tot.T[:, None, :], z.transpose(1, 0, 2))[:, 0, :]
        sub = z[:HIST_SAMPLE] * inv_tot[:HIST_SAMPLE, :, None]
        b = (sub * HIST_BINS).astype(np.int64)
        np.minimum(b, HIST_BINS - 1, out=b)
        b += cell
        hist += np.bincount(b.ravel(), minlength=r * p * HIST_BINS)
        win_l.append(win64.astype(np.int8))
    return {
        "seats": np.concatenate(seats_l),
        "national": np.concatenate(nat_l),
        "winners": np.concatenate(win_l),
        "wins": wins,
        "share_sum": share_sum,
        "hist": hist.reshape(r, p, HIST_BINS),
    }


def _old_simulate(spec: SimSpec, sims: int, seed: int) -> dict[str, np.ndarray]:
    # Before the kernel a party that does not stand had a logit of -30 (now -inf).
    old_spec = dataclasses.replace(spec, log_mean=np.where(spec.stood, spec.log_mean, np.float32(-30.0)))
    out = _old_run_blocks(old_spec, seed, [b for ch in plan_chunks(sims, 2000) for b in ch])
    inv = np.argsort(spec.order)
    hist = out["hist"][inv]
    return {
        "seats": out["seats"],
        "national": out["national"],
        "winners": out["winners"][:, inv],
        "win_prob": out["wins"][inv] / sims,
        "share_mean": out["share_sum"][inv] / sims,
        "share_lo": sim._quantile_from_hist(hist, 0.1),
        "share_hi": sim._quantile_from_hist(hist, 0.9),
    }


# ---- the tests ----


def test_both_engines_draw_what_the_old_code_drew(proj) -> None:
    """Seats, winners, win probabilities and share intervals are bit for bit those of the
    code before the kernel.  National shares and share means are sums: the old code took
    them with BLAS in float32 (an order that depends on the CPU's BLAS kernel), the engines
    take them exactly in int64 fixed point, so these agree to float32 rounding.  The old
    code had no kind error: the projection is taken without its kinds."""
    proj = dataclasses.replace(proj, kinds=None)
    sims, seed = 4321, 17  # a partial last block, and a seed no other test uses
    ref = _old_simulate(make_spec(proj), sims, seed)
    for engine in ("numpy", "numba"):
        res = simulate(proj, sims=sims, seed=seed, keep_winners=True, engine=engine)
        for name in ("seats", "winners", "win_prob", "share_lo", "share_hi"):
            np.testing.assert_array_equal(getattr(res, name), ref[name], err_msg=f"{engine} {name}")
        np.testing.assert_allclose(res.national, ref["national"], rtol=0, atol=5e-7, err_msg=engine)
        np.testing.assert_allclose(res.share_mean, ref["share_mean"], rtol=0, atol=5e-7, err_msg=engine)
        assert (res.share_mean[~proj.mean.astype(bool)] == 0).all()  # not standing: exactly 0


@pytest.mark.parametrize(
    ("election", "model", "sims", "seed"),
    [("2025", "flow", 3500, 0), ("2025", "uniform", 2200, 4), ("2021", "flow", 1999, 8)],
)
def test_numba_and_numpy_engines_give_the_same_bits(election: str, model: str, sims: int, seed: int) -> None:
    proj = project(election, model=model)
    assert (proj.kinds is not None) == (model == "flow")  # the kind error is on both engines too
    a = simulate(proj, sims=sims, seed=seed, keep_winners=True, engine="numpy", chunk_sims=1000)
    b = simulate(proj, sims=sims, seed=seed, keep_winners=True, engine="numba", workers=3, chunk_sims=3000)
    for name in FIELDS:
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name), err_msg=name)
    assert b.seats.dtype == np.int16
    assert b.national.dtype == np.float32
    assert (b.seats.sum(axis=1) == len(proj.codes)).all()


def test_chunks_are_the_same_on_both_engines(proj) -> None:
    spec = make_spec(proj)
    blocks = [(5, 1000), (6, 137)]
    a = run_blocks(spec, 3, blocks, True, "numpy")
    b = run_blocks(spec, 3, blocks, True, "numba")
    for f in dataclasses.fields(a):
        x, y = getattr(a, f.name), getattr(b, f.name)
        np.testing.assert_array_equal(x, y, err_msg=f.name)
        assert getattr(x, "dtype", None) == getattr(y, "dtype", None), f.name
    # What a chunk ships back is small: no int64 histograms (Dask and processes pickle it).
    assert a.hist.dtype == np.uint16
    assert a.wins.dtype == np.int32
    assert a.seats.dtype == np.int16
    assert sim._hist_dtype(327) == np.uint16
    assert sim._hist_dtype(328) == np.int32
    assert HIST_BINS <= 256  # the kernel keeps a sampled draw's bins as uint8


def test_the_kernel_adds_extra_group_terms_in_place(proj) -> None:
    """The hook for another error term (shared by ridings of one kind, say): one group term
    through the kernel's fill equals minus the logits plus that term, computed by numpy."""
    from seatcast.forecast import kernel

    spec = make_spec(proj)
    m, (r, p) = 7, spec.log_mean.shape
    rng = np.random.default_rng(3)
    errs = sim._draw_errors(spec, sim._rng(0, 0), m)
    plan = sim._KernelPlan.of(spec)
    noise = rng.standard_normal(m * spec.n_noise).astype(np.float32)
    scale = spec.sig_rid[plan.cell_party] * errs.tail[:, plan.cell_region]
    kinds = rng.integers(0, 3, size=r)
    extra = rng.standard_normal((1, m, p, 3)).astype(np.float32)
    z = np.empty((m, int(plan.seg[-1])), dtype=np.float32)
    kernel.fill_neg_logits(
        z, plan.neg_log_mean, plan.seg, plan.span, errs.reg, plan.bounds, plan.cell_of,
        plan.width, plan.offset, scale, noise, extra, np.asarray(kinds)[None, :].astype(np.uint8),
    )  # fmt: skip
    want = np.empty((m, r, p), dtype=np.float32)  # the numpy path's order: regional, group, noise
    for k in range(spec.n_regions):
        lo, hi = spec.bounds[k], spec.bounds[k + 1]
        np.add(spec.log_mean[lo:hi], errs.reg[:, k, None, :], out=want[:, lo:hi, :])
    want += extra[0].transpose(0, 2, 1)[:, kinds, :]
    for c, (k, j) in enumerate(spec.noise_blocks):
        lo, hi = spec.bounds[k], spec.bounds[k + 1]
        blk = noise[plan.offset[c] * m : (plan.offset[c] + plan.width[c]) * m].reshape(m, hi - lo)
        want[:, lo:hi, j] += blk * scale[:, c, None]
    for j in range(p):
        lo = int(plan.span[j])
        n = int(plan.seg[j + 1] - plan.seg[j])
        np.testing.assert_array_equal(z[:, plan.seg[j] : plan.seg[j] + n], -want[:, lo : lo + n, j])


def test_engine_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    assert resolve_engine("numpy", 10**6) == "numpy"
    assert resolve_engine("numba", 10) == "numba"
    monkeypatch.setenv("SEATCAST_NO_NUMBA", "1")
    assert resolve_engine("auto", 10**6) == "numpy"
    monkeypatch.setenv("SEATCAST_NO_NUMBA", "0")
    assert resolve_engine("auto", sim.NUMBA_MIN_SIMS) == "numba"
    with pytest.raises(SeatcastError, match="unknown engine"):
        resolve_engine("cuda", 10)
    import seatcast.forecast

    monkeypatch.delattr(seatcast.forecast, "kernel", raising=False)  # as if numba were absent
    monkeypatch.setitem(sys.modules, "seatcast.forecast.kernel", None)
    assert not sim.numba_enabled()
    assert resolve_engine("auto", 10**6) == "numpy"  # the fallback
    with pytest.raises(SeatcastError, match="needs numba"):
        run_blocks(make_spec(project("2025")), 0, [(0, 10)], False, "numba")
    with pytest.raises(ValueError, match="engine"):
        run_blocks(make_spec(project("2025")), 0, [(0, 10)], False, "auto")
