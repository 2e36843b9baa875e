"""The night's prior: computed once when the night is created, kept in the store, and never
quietly another one (issue 14)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from seatcast.catalog import Catalog
from seatcast.live.model import PriorKind
from seatcast.live.plan import plan_night
from seatcast.live.store import LogStore

from .conftest import e2025, forecaster, plan2025, status


def test_a_night_with_a_forecast_uses_it_and_says_so(tmp_path: Path) -> None:
    plan = plan2025()
    assert plan.prior.kind is PriorKind.FORECAST
    assert plan.prior.description == ("forecast: the flow model from the polls up to "
                                      "2025-04-27, 4,000 simulations")
    store = LogStore(tmp_path / "s.db", e2025(), plan)
    store.close()
    st = status(tmp_path / "s.db")
    assert (st.prior.kind, st.prior.description) == (plan.prior.kind, plan.prior.description)


def test_the_prior_is_kept_with_the_night(tmp_path: Path) -> None:
    """Reopened, a night reads its prior back: no forecast runs, and a forecast changed since
    cannot change the night."""
    plan = plan2025()
    LogStore(tmp_path / "s.db", e2025(), plan).close()
    again = LogStore(tmp_path / "s.db", e2025())  # no plan: it is read from the store
    try:
        assert again.plan.prior == plan.prior and again.plan.limits == plan.limits
        assert again.plan.seed == plan.seed
    finally:
        again.close()


def test_an_election_without_a_forecast_falls_back_and_says_so() -> None:
    e = Catalog.builtin().election("2015")  # no earlier election on its map, no polls
    plan = plan_night(forecaster(), e, None)
    assert plan.prior.kind is PriorKind.PREVIOUS_ELECTION
    assert plan.prior.description == "equal shares (no previous election on this map)"


def test_a_bug_in_the_forecast_is_an_error_not_a_quieter_prior(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from seatcast.forecast.projection import Forecaster

    def broken(self: Forecaster, election: str, as_of: dt.date | None = None,
               **kw: object) -> object:
        raise KeyError("a bug")

    fc = Forecaster(Catalog.builtin())
    monkeypatch.setattr(Forecaster, "project", broken)
    with pytest.raises(KeyError, match="a bug"):
        plan_night(fc, e2025(), Catalog.builtin().election("2021t"))
