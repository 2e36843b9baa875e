"""The two interfaces other parts of Seatcast build on: the riding prior and the draws."""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import pytest

from seatcast.catalog import Catalog, load
from seatcast.domain.parties import Party
from seatcast.forecast.prior import RidingPrior, riding_prior
from seatcast.forecast.projection import Forecaster
from seatcast.forecast.simulate import run_projection


@pytest.fixture(scope="module")
def fc() -> Forecaster:
    return Forecaster(Catalog.builtin())


def test_riding_prior_shape_and_rows(fc: Forecaster) -> None:
    p = riding_prior(fc, "2025")
    assert isinstance(p, RidingPrior)
    assert p.codes == tuple(load("2025").results)
    assert p.parties[:2] == (Party.LPC, Party.CPC)
    assert p.mean.shape == p.sd.shape == (343, len(p.parties))
    np.testing.assert_allclose(p.mean.sum(axis=1), 1.0, atol=1e-9)
    assert (p.mean >= 0).all()
    assert (p.sd >= 0).all()
    # BQ stands only in Quebec.
    bq = p.parties.index(Party.BQ)
    quebec = np.array([c // 1000 == 24 for c in p.codes])
    assert (p.mean[~quebec, bq] == 0).all()
    assert (p.mean[quebec, bq] > 0).all()
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.codes = ()  # type: ignore[misc]


def test_riding_prior_as_of_changes_it(fc: Forecaster) -> None:
    early = riding_prior(fc, "2025", dt.date(2025, 1, 15))
    late = riding_prior(fc, "2025")
    lpc = late.parties.index(Party.LPC)
    # The Liberals rose sharply between January and April 2025.
    assert late.mean[:, lpc].mean() > early.mean[:, lpc].mean() + 0.1


def test_run_projection_seats(fc: Forecaster) -> None:
    r = run_projection(fc, "2025", sims=1000, seed=3)
    assert r.seats.shape == (1000, len(r.parties))
    assert np.issubdtype(r.seats.dtype, np.integer)
    assert (r.seats.sum(axis=1) == 343).all()
    assert r.parties[0] is Party.LPC
