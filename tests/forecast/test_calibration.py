"""Calibration, measured and shown: reliability bins, log score, seat intervals, the chart."""

from __future__ import annotations

import numpy as np
import pytest
from fastapi.testclient import TestClient

from seatcast.catalog import Catalog
from seatcast.forecast.backtest import RELIABILITY_BINS, backtest, reliability, seat_interval
from seatcast.forecast.projection import Forecaster
from seatcast.present.charts import reliability as reliability_chart
from seatcast.present.figures import reliability_figure
from seatcast.web.app import create_app


def test_reliability_bins_count_every_riding_once() -> None:
    chance = np.array([0.3, 0.5, 0.55, 0.95, 0.99, 1.0, 1.0])
    won = np.array([False, True, False, True, True, True, False])
    bins = reliability(chance, won)
    assert len(bins) == len(RELIABILITY_BINS) - 1
    assert sum(b.ridings for b in bins) == 7
    by = {(b.low, b.high): b for b in bins}
    assert by[(0.5, 0.6)].ridings == 2
    assert by[(0.5, 0.6)].won == 1
    assert by[(0.5, 0.6)].share_won == 0.5
    assert by[(0.99, 1.0)].ridings == 3
    assert by[(0.99, 1.0)].mean_chance == pytest.approx(0.9967, abs=1e-4)
    assert by[(0.6, 0.7)].share_won is None
    assert by[(0.6, 0.7)].mean_chance is None


def test_seat_intervals_and_percentile() -> None:
    col = np.arange(100)
    iv = seat_interval(col, 50)
    assert iv.interval_50 == (24, 74)
    assert iv.interval_95[0] <= 3
    assert iv.in_50
    assert iv.in_80
    assert iv.in_95
    assert iv.percentile == pytest.approx(0.505)
    far = seat_interval(col, 99)
    assert (far.in_50, far.in_80, far.in_95) == (False, False, False)
    assert far.percentile > 0.98


@pytest.fixture(scope="module")
def bt2021():
    return backtest(Forecaster(Catalog.builtin()), "2021", sims=1000, seed=2)


def test_a_backtest_scores_calibration(bt2021) -> None:
    for s in (bt2021.score, *bt2021.baselines):
        assert sum(b.ridings for b in s.reliability) == 338
        assert sum(b.won for b in s.reliability) == s.ridings_right
        assert -3 < s.log_score < 0
        assert set(s.coverage) == {"50", "80", "95"}
        assert s.coverage["50"] <= s.coverage["80"] <= s.coverage["95"] <= 5
        for iv in s.intervals.values():
            assert iv.interval_95[0] <= iv.interval_80[0] <= iv.interval_50[0]
            assert iv.interval_50[1] <= iv.interval_80[1] <= iv.interval_95[1]
    assert bt2021.beats_uniform["seat_mae"] == (bt2021.score.seat_mae < bt2021.baselines[0].seat_mae)


def test_the_reliability_chart(bt2021) -> None:
    fig = reliability_figure(bt2021)
    assert fig.svg.count('class="series"') == 3
    assert 'class="diagonal"' in fig.svg
    assert 'data-model="flow"' in fig.svg
    assert 'data-model="uniform"' in fig.svg
    assert fig.narrow is not None
    assert "role=\"img\"" in fig.svg
    rows = [r for r in fig.table.rows if r[0] == "flow"]
    assert sum(int(r[2]) for r in rows) == 338  # the table holds the counts
    with pytest.raises(ValueError, match="needs at least one series"):
        reliability_chart([])


def test_the_forecast_page_of_a_past_election_shows_calibration_and_says_which_polls() -> None:
    client = TestClient(create_app())
    html = client.get("/forecast", params={"election": "2025", "sims": 300}).text
    assert "<h2>Calibration</h2>" in html
    assert 'class="reliability' in html
    assert 'id="poll-line"' in html
    assert "draws the <strong>raw</strong> poll average" in html
    assert "corrected</strong> by the poll misses of 7 elections" in html
    nxt = client.get("/forecast", params={"sims": 300}).text
    assert "<h2>Calibration</h2>" not in nxt  # the next election has no result to calibrate on
    page = client.get("/backtest", params={"election": "2021", "sims": 300}).text
    assert 'class="reliability' in page
    assert "Log score" in page
    polls = client.get("/polls", params={"election": "2025"}).text
    assert 'id="misses"' in polls
    assert "the poll misses of 7 elections" in polls
