"""Property tests: the models and the simulation stay in bounds, and more votes never hurt."""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from seatcast.catalog import Catalog
from seatcast.domain.geography import Region
from seatcast.domain.parties import Party
from seatcast.domain.polls import Poll
from seatcast.forecast.baseline import MODEL_PARTIES
from seatcast.forecast.fit import fit_flow, fit_mixed
from seatcast.forecast.projection import MODELS, Forecaster
from seatcast.forecast.simulate import draw_logits, draw_shares, make_spec, simulate
from seatcast.forecast.swing import MixedModel, proportional_swing, uniform_swing

FC = Forecaster(Catalog.builtin())
project = FC.project
builtin_polls = FC.polls

P = len(MODEL_PARTIES)
FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def electorates(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A random baseline (ridings x parties), riding weights and a target national vector."""
    r = draw(st.integers(3, 12))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    base = rng.dirichlet(np.full(P, 0.7), size=r)
    base[rng.random((r, P)) < 0.15] = 0.0  # some parties do not stand everywhere
    base[:, 0] += 0.01
    base /= base.sum(axis=1, keepdims=True)
    weights = rng.integers(10_000, 80_000, size=r).astype(float)
    target = rng.dirichlet(np.full(P, 1.0))
    stands = base.sum(axis=0) > 0
    target = np.where(stands, target + 0.01, 0.0)
    return base, weights, target / target.sum()


@FAST
@given(electorates())
def test_every_model_stays_in_the_simplex(case: tuple[np.ndarray, np.ndarray, np.ndarray]) -> None:
    base, w, target = case
    old = (w / w.sum()) @ base
    flow = fit_flow(FC.pairs("2025")).model
    mixed = fit_mixed(FC.pairs("2025")).model
    for out in (
        uniform_swing(base, old, target),
        proportional_swing(base, old, target),
        flow.project(base, w, target),
        mixed.project(base, w, target),
        MixedModel(0.0, 1.0).project(base, w, target),
    ):
        assert np.all(out >= 0)
        assert np.all(out <= 1)
        np.testing.assert_allclose(out.sum(axis=1), 1.0, atol=1e-9)
    # Where every party stands everywhere, the flow model lands on the national target. A
    # party standing everywhere keeps some voters in both models (flow: exp(-k/s^gamma); mixed:
    # at least 0.01 %), so its target must be above 0 here: 0 cannot be hit exactly.
    full = base + 0.02
    full /= full.sum(axis=1, keepdims=True)
    target = np.where(target > 0, target, 0.005)
    target /= target.sum()
    got = (w / w.sum()) @ flow.project(full, w, target)
    np.testing.assert_allclose(got, target, atol=1e-6)
    # The mixed swing hits the national target too, even where a loser runs out of voters.
    for gain, loss in ((1.0, 1.0), (1.0, 0.05), (0.3, 0.6)):
        got = (w / w.sum()) @ MixedModel(gain, loss).project(full, w, target)
        np.testing.assert_allclose(got, target, atol=1e-8)


def test_mixed_swing_nests_the_plain_swings() -> None:
    """Weight 1 is uniform swing, weight 0 proportional swing (before the national result
    is hit exactly, which plain proportional swing does not do once ridings renormalize)."""
    base = np.array([[0.5, 0.3, 0.2], [0.3, 0.4, 0.3], [0.2, 0.5, 0.3]])
    w = np.array([1.0, 2.0, 1.5])
    old = (w / w.sum()) @ base
    target = np.array([0.36, 0.37, 0.27])
    prop = MixedModel(0.0, 0.0)
    np.testing.assert_allclose(prop.project(base, w, target, iters=0), proportional_swing(base, old, target))
    np.testing.assert_allclose((w / w.sum()) @ prop.project(base, w, target), target, atol=1e-10)
    uni = MixedModel(1.0, 1.0).project(base, w, target)
    np.testing.assert_allclose(uni, uniform_swing(base, old, target), atol=1e-12)


@FAST
@given(st.integers(0, 2**32 - 1), st.sampled_from(tuple(MODELS)))
def test_simulated_shares_in_bounds_every_riding_and_draw(seed: int, model: str) -> None:
    spec = make_spec(project("2025", model=model))
    s = draw_shares(spec, np.random.default_rng(seed), 40)
    assert s.shape == (40, 343, P)
    assert np.all(s >= 0)
    assert np.all(s <= 1)
    np.testing.assert_allclose(s.sum(axis=2), 1.0, atol=1e-5)


@settings(max_examples=10, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from(tuple(MODELS)))
def test_seats_sum_to_house_in_every_draw(seed: int, model: str) -> None:
    res = simulate(project("2025", model=model), sims=300, seed=seed)
    assert (res.seats.sum(axis=1) == 343).all()
    assert (res.seats >= 0).all()
    # The simulation's own share path (renormalization folded into its sums) stays in the
    # simplex too: national shares in every draw, mean shares in every riding.
    assert np.all(res.national >= 0)
    assert np.all(res.national <= 1)
    np.testing.assert_allclose(res.national.sum(axis=1), 1.0, atol=1e-5)
    assert np.all(res.share_mean >= 0)
    assert np.all(res.share_mean <= 1)
    np.testing.assert_allclose(res.share_mean.sum(axis=1), 1.0, atol=1e-5)


@settings(max_examples=8, deadline=None)
@given(
    st.integers(0, 2**32 - 1),
    st.integers(1, 3500),
    st.sampled_from([1000, 2000, 3000, 10_000]),
    st.integers(1, 3),
)
def test_same_seed_same_numbers_whatever_chunks_and_workers(
    seed: int, sims: int, chunk_sims: int, workers: int
) -> None:
    proj = project("2025")
    a = simulate(proj, sims=sims, seed=seed, workers=1, chunk_sims=1000, keep_winners=True)
    b = simulate(proj, sims=sims, seed=seed, workers=workers, chunk_sims=chunk_sims, keep_winners=True)
    for name in ("seats", "national", "winners", "win_prob", "share_mean", "share_lo", "share_hi"):
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name), err_msg=name)


#: The parties whose every input can rise: the six named ones (OTH is everyone else).
NAMED = tuple(p for p in MODEL_PARTIES if p is not Party.OTH)
#: The one known exception (see the strict xfail below).
KNOWN_VIOLATION = (Party.GPC, "flow")


@settings(max_examples=16, deadline=None)
@given(
    st.sampled_from(NAMED),
    st.floats(0.002, 0.06),
    st.sampled_from(tuple(MODELS)),
    st.integers(0, 2**32 - 1),
)
def test_more_votes_never_cost_expected_seats(party: Party, bump: float, model: str, seed: int) -> None:
    """A party whose every input rises (its national share up, the others scaled down)
    cannot lose expected seats; same seed, so the same random draws.  Every named party
    under every model, but one: the Greens under the flow model (next test)."""
    assume((party, model) != KNOWN_VIOLATION)
    base = project("2025", model=model, correct_bias=False)
    shares = dict(zip(MODEL_PARTIES, base.target, strict=True))
    j = MODEL_PARTIES.index(party)
    up = dict(shares)
    up[party] = shares[party] + bump
    lo = simulate(project("2025", model=model, shares=shares), sims=1000, seed=seed)
    hi = simulate(project("2025", model=model, shares=up), sims=1000, seed=seed)
    assert hi.seats[:, j].mean() >= lo.seats[:, j].mean()


@pytest.mark.parametrize("bump", [0.01, 0.03125])
def test_small_parties_gain_expected_seats_under_the_swings(bump: float) -> None:
    """The cases that used to fail, pinned: the PPC and the Greens climbing back toward
    their 2021 share (their noise no longer shrinks as they do, and the riding noise of
    one region and party no longer shifts the draws of the others)."""
    for party, model in ((Party.PPC, "uniform"), (Party.PPC, "flow"), (Party.GPC, "uniform"), (Party.PPC, "mixed")):
        base = project("2025", model=model, correct_bias=False)
        shares = dict(zip(MODEL_PARTIES, base.target, strict=True))
        up = dict(shares)
        up[party] = shares[party] + bump
        j = MODEL_PARTIES.index(party)
        for seed in (0, 7):
            lo = simulate(project("2025", model=model, shares=shares), sims=1000, seed=seed)
            hi = simulate(project("2025", model=model, shares=up), sims=1000, seed=seed)
            assert hi.seats[:, j].mean() >= lo.seats[:, j].mean(), (party, model, seed)


def _quebec_polls(shares: np.ndarray) -> list[Poll]:
    """Three regional polls of Quebec in the last week (LPC CPC BQ NDP GPC PPC OTH)."""
    return [Poll(f"Regional {i}", dt.date(2025, 4, 20 + i), 1500, tuple(float(x) for x in shares),
                 region=Region.QC) for i in range(3)]


QUEBEC = np.array([40.0, 22.0, 26.0, 7.0, 2.0, 2.0, 1.0])


@pytest.mark.parametrize(
    ("model", "party"),
    [
        (m, p)
        for m in MODELS
        for p in (Party.LPC, Party.CPC, Party.BQ, Party.NDP)
        if (m, p) != ("flow", Party.NDP)  # the known violation (next test)
    ],
)
def test_a_rising_regional_poll_never_costs_expected_seats(model: str, party: Party) -> None:
    """Every input includes the regional polls: a party up 4 points in Quebec's polls
    cannot lose expected seats (same seed).  Under flow the NDP is left out: at 11 % it
    crosses its 2021 Quebec share, the jump of the known violation below."""
    polls = builtin_polls("2025")
    j = MODEL_PARTIES.index(party)
    up = QUEBEC.copy()
    up[j] += 4.0
    lo = simulate(project("2025", model=model, polls=[*polls, *_quebec_polls(QUEBEC)]), sims=1000, seed=0)
    hi = simulate(project("2025", model=model, polls=[*polls, *_quebec_polls(up)]), sims=1000, seed=0)
    assert hi.seats[:, j].mean() >= lo.seats[:, j].mean()


@pytest.mark.xfail(strict=True, reason="known: under flow, a party crossing its previous share can lose seats")
@pytest.mark.parametrize("case", ["greens-national", "ndp-quebec"])
def test_crossing_the_previous_share_under_flow_known_violation(case: str) -> None:
    """The issue's property fails in one place: under the flow model, for a party whose
    target crosses its previous share (seen for the Greens nationally, and for the NDP in a
    Quebec poll).

    A losing party keeps ``exp(-k / s)`` of its voters (no churn: its strongholds stay),
    a gaining one keeps ``1 - churn`` everywhere and its churners re-decide with a pull
    flatter than its geography, so a party that crosses its previous share is diluted in
    its strongholds (GPC +1 point in 2025: expected seats 1.41 -> 0.43; NDP 7 -> 11 % in
    Quebec: 6.69 -> 6.46).  The versions without the jump (churn for every party, or churn
    growing with a party's gain) are monotone but were worse on 2021 and 2025 alike
    (docs/forecast.md).  Strict: when a fix lands this fails, and the exceptions in the
    tests above should go."""
    if case == "greens-national":
        party, model = KNOWN_VIOLATION
        base = project("2025", model=model, correct_bias=False)
        shares = dict(zip(MODEL_PARTIES, base.target, strict=True))
        up = dict(shares)
        up[party] = shares[party] + 0.01
        lo_proj, hi_proj = project("2025", model=model, shares=shares), project("2025", model=model, shares=up)
    else:
        party, model = Party.NDP, "flow"
        polls = builtin_polls("2025")
        more = QUEBEC.copy()
        more[MODEL_PARTIES.index(party)] += 4.0
        lo_proj = project("2025", model=model, polls=[*polls, *_quebec_polls(QUEBEC)])
        hi_proj = project("2025", model=model, polls=[*polls, *_quebec_polls(more)])
    j = MODEL_PARTIES.index(party)
    lo = simulate(lo_proj, sims=1000, seed=0)
    hi = simulate(hi_proj, sims=1000, seed=0)
    assert hi.seats[:, j].mean() >= lo.seats[:, j].mean()


def test_riding_noise_of_one_cell_never_moves_the_others() -> None:
    """Common random numbers: dropping the riding noise of one (region, party) cell leaves
    every other number of the draw as it was."""
    spec = make_spec(project("2025"))
    k, j = spec.noise_blocks[3]
    fewer = dataclasses.replace(spec, noise_blocks=tuple(b for b in spec.noise_blocks if b != (k, j)))
    assert fewer.n_noise == spec.n_noise - (spec.bounds[k + 1] - spec.bounds[k])
    a = draw_logits(spec, np.random.default_rng(5), 50)
    b = draw_logits(fewer, np.random.default_rng(5), 50)
    lo, hi = spec.bounds[k], spec.bounds[k + 1]
    same = np.ones(a.shape, dtype=bool)
    same[:, lo:hi, j] = False
    np.testing.assert_array_equal(a[same], b[same])
    assert not np.array_equal(a[:, lo:hi, j], b[:, lo:hi, j])
