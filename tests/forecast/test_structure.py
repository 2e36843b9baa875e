"""Structure inside regions: covariates, the name crosswalk, effects and the kinds' error."""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import pytest

from seatcast.catalog import Catalog
from seatcast.domain.census import RidingCensus
from seatcast.forecast.baseline import baseline
from seatcast.forecast.covariates import COVARIATES, crosswalk, riding_covariates
from seatcast.forecast.projection import Forecaster
from seatcast.forecast.simulate import draw_logits, make_spec
from seatcast.forecast.structure import fit_effects, pair_residuals, shift_to_target

CAT = Catalog.builtin()
FC = Forecaster(CAT)


def test_the_census_table() -> None:
    census = CAT.census("2023")
    assert census is not None
    assert len(census) == 343
    total = sum(c.population for c in census.values())
    assert total == 36_992_020  # the raw README, check 12
    older = sum(c.ages[-1] for c in census.values()) / total
    assert older == pytest.approx(0.1898, abs=5e-4)  # 65+ of the whole population: 18.98 %
    nunavut = census[62001]
    assert isinstance(nunavut, RidingCensus)
    assert nunavut.age_share("65_plus") < 0.08


def test_the_crosswalk_reads_names_only() -> None:
    old, new = CAT.riding_map("2013"), CAT.riding_map("2023")
    link = crosswalk(new, old)
    assert len(link) >= 300
    assert len(set(link.values())) == len(link)
    assert all(a // 1000 == b // 1000 for a, b in link.items())  # within a province
    by_name = {r.name_en: r.code for r in new}
    assert link[next(r.code for r in old if r.name_en == "Avalon")] == by_name["Avalon"]


def test_covariates_as_each_forecast_had_them() -> None:
    b2019 = baseline(CAT.election("2019"))
    before = riding_covariates(CAT.vintage(dt.date(2021, 9, 20)), b2019, "2013")
    after = riding_covariates(CAT.vintage(dt.date(2025, 4, 28)), b2019, "2013")
    assert before.names == ("density", "margin")
    assert after.names == COVARIATES
    assert len(before.kind_names) == 3
    assert len(after.kind_names) == 6
    assert np.allclose(after.values.mean(axis=0), 0, atol=1e-9)
    assert np.allclose(after.values.std(axis=0), 1)
    dens = dict(zip(b2019.codes, after.column("density"), strict=True))
    papineau = next(r.code for r in CAT.riding_map("2013") if r.name_en == "Papineau")
    assert dens[papineau] > 1.0
    assert min(dens, key=dens.__getitem__) == 62001


def test_effects_enter_only_where_they_helped_out_of_sample() -> None:
    for e in ("2019", "2021"):
        st = FC.fitted(e).structure
        assert st is not None
        assert st.covariates == ()
        assert st.validated_on is None
    st = FC.fitted("2025").structure
    assert st is not None
    assert st.validated_on == "2019 -> 2021"
    assert set(st.validation) == set(COVARIATES)
    assert all(st.validation[c] < 0 for c in st.covariates[:1])  # the first one helped alone
    assert FC.fitted("2025", "uniform").structure is None  # the plain swings stay plain


def test_effects_are_ridge_shrunk() -> None:
    pair = FC.pairs("2025")[-1]
    flow = FC.fitted("2025")
    cov = FC.covariates("2025", pair.old, "2013")
    d = pair_residuals(flow.projector, pair, cov)
    beta = fit_effects([d], ("older", "density"))
    assert beta.shape == (2, 7)
    assert np.all(beta[:, -1] == 0)
    assert np.all(np.abs(beta) < 0.3)
    fake = dataclasses.replace(d, resid=d.resid + 5.0 * cov.column("older")[:, None])
    assert np.all(fit_effects([fake], ("older",))[0, :-1] > 1.0)  # a strong signal still comes through


def test_a_shift_keeps_the_national_target() -> None:
    b = baseline(CAT.election("2021t"))
    rng = np.random.default_rng(3)
    shift = rng.normal(0, 0.3, b.shares.shape)
    target = b.national
    out = shift_to_target(b.shares, shift, b.votes, target)
    np.testing.assert_allclose((b.votes / b.votes.sum()) @ out, target, atol=1e-8)
    np.testing.assert_allclose(out.sum(axis=1), 1.0)
    assert np.all(out[b.shares == 0] == 0)  # a party that did not stand still does not


def test_the_kind_error_is_one_draw_per_kind_and_moves_nothing_else() -> None:
    proj = FC.project("2025")
    assert proj.kinds is not None
    assert proj.fitted.errors.kind is not None
    spec = make_spec(proj)
    plain = dataclasses.replace(spec, kind=None, sig_kind=None)
    a = draw_logits(spec, np.random.default_rng(9), 40)
    b = draw_logits(plain, np.random.default_rng(9), 40)
    finite = np.isfinite(a) & np.isfinite(b)  # a party that does not stand has no logit
    diff = np.where(finite, a, 0.0) - np.where(finite, b, 0.0)
    kinds = spec.kind
    assert kinds is not None
    assert (np.isfinite(a) == np.isfinite(b)).all()
    for k in np.unique(kinds):
        for j in range(diff.shape[2]):
            cell = diff[:, kinds == k, j][:, finite[0][kinds == k, j]]
            if cell.size:
                np.testing.assert_allclose(cell, cell[:, :1].repeat(cell.shape[1], axis=1), atol=1e-5)
    assert np.abs(diff[finite]).max() > 0.01
