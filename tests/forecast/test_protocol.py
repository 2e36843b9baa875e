"""The fitting protocol: every input of a backtest comes from before its polling day.

The leak test runs the backtests over a catalog that records everything it hands out
(every poll with its publication day, every result with its polling day, the census with
the day it was asked for) and fails if anything dated on or after the scored election's
polling day reached the forecast; the one read allowed is the scored result itself, once
the forecast is made.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from importlib import resources

import numpy as np
import pytest

from seatcast.catalog import Catalog, LeakError
from seatcast.domain.census import PUBLISHED
from seatcast.domain.census import RidingCensus as Census
from seatcast.domain.polls import Poll
from seatcast.domain.results import Election
from seatcast.forecast.backtest import backtest
from seatcast.forecast.fit import PRIOR_FLOW, PRIOR_REGIONAL, PRIOR_RIDING, grid_steps
from seatcast.forecast.projection import Forecaster


class RecordingCatalog(Catalog):
    """The built-in tables, recording every poll, result and census it hands out."""

    def __init__(self) -> None:
        super().__init__(resources.files("seatcast.data"))
        self.reads: list[tuple[str, str, dt.date | None]] = []  # (kind, what, latest date)

    def election(self, key: str) -> Election:
        e = super().election(key)
        self.reads.append(("result", e.id, e.date))
        return e

    def polls(self, key: str, *, before: dt.date | None = None) -> tuple[Poll, ...]:
        out = super().polls(key, before=before)
        self.reads.append(("polls", key, max((p.published for p in out), default=None)))
        return out

    def poll_history(self, *, before: dt.date | None = None) -> Mapping[dt.date, tuple[Poll, ...]]:
        out = super().poll_history(before=before)
        latest = max((p.published for ps in out.values() for p in ps), default=None)
        self.reads.append(("poll history", ",".join(str(d.year) for d in out), latest))
        return out

    def census(self, map_name: str, *, before: dt.date | None = None) -> Mapping[int, Census] | None:
        out = super().census(map_name, before=before)
        if out is not None:
            self.reads.append(("census", map_name, PUBLISHED))
        return out


def leaks(reads: list[tuple[str, str, dt.date | None]], day: dt.date,
          scored: str) -> list[tuple[int, str, str, dt.date]]:
    """Everything read that is dated on or after ``day``, the scored result excepted once
    the forecast is done (after the last poll read)."""
    last_poll = max((i for i, r in enumerate(reads) if r[0] != "result"), default=-1)
    bad: list[tuple[int, str, str, dt.date]] = []
    for i, (kind, what, when) in enumerate(reads):
        if when is None or when < day:
            continue
        if kind == "result" and what == scored and i > last_poll:
            continue
        bad.append((i, kind, what, when))
    return bad


@pytest.mark.parametrize("election", ["2019", "2021", "2025"])
def test_a_backtest_reads_nothing_dated_on_or_after_its_polling_day(election: str) -> None:
    cat = RecordingCatalog()
    fc = Forecaster(cat)
    out = backtest(fc, election, sims=200, seed=1)
    day = cat.record(election).date
    assert day is not None
    assert out.election == election
    assert leaks(cat.reads, day, election) == []
    # it did read the polls (published before the day), and the result it scores, last
    assert any(kind == "polls" and when is not None for kind, _, when in cat.reads)
    assert cat.reads[-1][:2] == ("result", election)
    # the census is published after 2019 and 2021: their forecasts cannot have it
    assert any(kind == "census" for kind, _, _ in cat.reads) == (election == "2025")


def test_the_recorder_would_see_a_leak() -> None:
    """The test above can fail: a forecast reading the table itself (not its vintage) gets
    the polls published on polling day, and reading the result first is a leak too."""
    cat = RecordingCatalog()
    day = dt.date(2021, 9, 20)
    cat.polls("2021")
    assert [r[1] for r in leaks(cat.reads, day, "2021")] == ["polls"]
    cat2 = RecordingCatalog()
    cat2.election("2021")
    cat2.vintage(day).polls("2021")
    assert [r[1] for r in leaks(cat2.reads, day, "2021")] == ["result"]


def test_in_sample_is_labelled_and_reads_the_result_to_fit() -> None:
    cat = RecordingCatalog()
    out = backtest(Forecaster(cat), "2021", sims=200, seed=1, in_sample=True)
    assert out.in_sample
    assert out.fitted_on == "2015 -> 2019, 2019 -> 2021"
    assert leaks(cat.reads, dt.date(2021, 9, 20), "2021") != []


def test_the_vintage_refuses_what_was_not_known() -> None:
    cat = Catalog.builtin()
    v = cat.vintage(dt.date(2021, 9, 20))
    with pytest.raises(LeakError, match="not known before 2021-09-20"):
        v.election("2021")
    with pytest.raises(LeakError):
        v.election("2021t")  # 2021 votes, whatever the map
    assert v.election("2019").id == "2019"
    late = [p for p in cat.polls("2021") if p.published >= dt.date(2021, 9, 20)]
    assert late
    assert not set(late) & set(v.polls("2021"))
    assert max(v.poll_history()) == dt.date(2015, 10, 19)
    assert v.census("2023") is None
    assert cat.vintage(dt.date(2025, 4, 28)).census("2023") is not None
    assert all(t.date < dt.date(2006, 1, 1) for t in cat.vintage(dt.date(2006, 1, 1)).national_history())
    assert cat.vintage(None) is cat


def test_the_fitting_pairs_of_each_election() -> None:
    fc = Forecaster(Catalog.builtin())
    labels = {e: [p.label for p in fc.pairs(e)] for e in ("2019", "2021", "2025", "ge46")}
    assert labels == {"2019": [], "2021": ["2015 -> 2019"], "2025": ["2015 -> 2019", "2019 -> 2021"],
                      "ge46": ["2015 -> 2019", "2019 -> 2021", "2021t -> 2025"]}
    assert [p.in_sample for p in fc.pairs("2021", in_sample=True)] == [False, True]
    # each pair is fed what a forecaster had on the eve of its later election
    p2019 = fc.pairs("2021")[0]
    assert np.isclose(p2019.eve_target.sum(), 1.0)
    assert p2019.new.election == "2019"


def test_2019_is_set_a_priori() -> None:
    fc = Forecaster(Catalog.builtin())
    f = fc.fitted("2019")
    assert (f.pair, f.in_sample) == ("a priori", False)
    assert dict(f.params) == PRIOR_FLOW
    assert np.allclose(f.errors.regional, PRIOR_REGIONAL)
    assert f.structure is not None
    assert f.structure.covariates == ()
    assert grid_steps(PRIOR_FLOW) == 0
    assert grid_steps({**PRIOR_FLOW, "churn": 0.6, "scale": None}) == 3
    # later fits pool the pairs with the prior: an error size between the prior and the pair's
    two = fc.fitted("2021").errors.riding
    assert not np.allclose(two, PRIOR_RIDING)
