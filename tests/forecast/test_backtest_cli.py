"""Backtest scores and the forecast commands, end to end."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from seatcast.catalog import Catalog
from seatcast.cli import main
from seatcast.forecast.backtest import actual_outcome, backtest
from seatcast.forecast.fit import GRID, MIXED_GRID, PRIOR_MIXED, STEP_COST, fit_flow, fit_mixed
from seatcast.forecast.projection import Forecaster
from seatcast.forecast.swing import MixedModel
from seatcast.serialize import to_jsonable

SCORE_KEYS = {"ridings_right", "ridings_total", "seat_error", "seat_mae", "brier", "log_score",
              "calibration", "reliability", "intervals", "coverage", "p_actual_class"}
KEYS = {"election", "as_of", "fitted_on", "in_sample", "params", "poll_error", "score", "baselines",
        "beats_uniform"}


@pytest.fixture(scope="module")
def forecaster() -> Forecaster:
    return Forecaster(Catalog.builtin())


def _json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> dict:
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_actual_outcome_2025() -> None:
    win, seats = actual_outcome(Catalog.builtin().election("2025"))
    assert len(win) == 343
    assert {p.value: n for p, n in seats.items() if n} == {
        "LPC": 169,
        "CPC": 144,
        "BQ": 22,
        "NDP": 7,
        "GPC": 1,
    }


def test_flow_parameters_fitted_on_the_pairs_before_2025(forecaster: Forecaster) -> None:
    pairs = forecaster.pairs("2025")
    assert [(p.label, p.in_sample) for p in pairs] == [("2015 -> 2019", False), ("2019 -> 2021", False)]
    fit = fit_flow(pairs)
    assert fit.ridings_right is not None
    assert fit.ridings_right >= 580
    assert len(fit.grid) == int(np.prod([len(axis) for axis in GRID]))
    assert 0 <= fit.model.churn < 1
    assert fit.model.gamma >= 0
    # the pick wins the pooled criterion, less one riding a grid step from the a priori values
    best = min(fit.grid, key=lambda x: (-(x["ridings_right"] - STEP_COST * x["steps"]), x["seat_mae"],
                                        x["rmse"]))
    assert fit.params == {k: best[k] for k in ("churn", "scale", "alpha", "gamma")}
    assert (fit.model.churn, fit.model.alpha, fit.model.gamma) == (best["churn"], best["alpha"], best["gamma"])
    assert fit.ridings_right == best["ridings_right"]
    assert not fit.model.churn_all
    assert all(set(x["pairs"]) == {"2015 -> 2019", "2019 -> 2021"} for x in fit.grid)
    assert all(x["ridings_right"] == sum(v["ridings_right"] for v in x["pairs"].values()) for x in fit.grid)


def test_mixed_weights_fitted_on_the_pairs_geography(forecaster: Forecaster) -> None:
    fit = fit_mixed(forecaster.pairs("2025"))
    assert len(fit.grid) == len(MIXED_GRID) ** 2
    assert fit.rmse == min(x["rmse"] for x in fit.grid)
    assert fit_mixed(()).model == MixedModel(*PRIOR_MIXED)
    assert fit_mixed(()).rmse is None


def test_backtest_2025_small_run_has_every_field(forecaster: Forecaster) -> None:
    out = to_jsonable(backtest(forecaster, "2025", sims=2000, seed=1))
    assert set(out) >= KEYS
    assert [b["model"] for b in out["baselines"]] == ["uniform", "proportional"]
    assert (out["fitted_on"], out["in_sample"]) == ("2015 -> 2019, 2019 -> 2021", False)
    for s in (out["score"], *out["baselines"]):
        assert set(s) >= SCORE_KEYS
        assert s["ridings_total"] == 343
        assert set(s["seat_error"]) >= {"LPC", "CPC", "BQ", "NDP", "GPC"}
        assert set(s["calibration"]) == {"Safe", "Likely", "Leaning", "Toss-up"}
        assert sum(c["ridings"] for c in s["calibration"].values()) == 343
        assert sum(b["ridings"] for b in s["reliability"]) == 343
        assert s["log_score"] < 0
        assert set(s["intervals"]) == {"LPC", "CPC", "BQ", "NDP", "GPC"}
        assert 0 <= s["p_actual_class"] <= 1
        assert 0 <= s["brier"] <= 2
        assert s["ridings_right"] >= 280  # a forecast, not a coin
    assert out["actual_class"] == "LPC minority"


@pytest.mark.slow
def test_backtest_2025_targets(forecaster: Forecaster) -> None:
    out = to_jsonable(backtest(forecaster, "2025", sims=20_000, seed=0))["score"]
    assert out["ridings_right"] >= 290
    assert out["seat_mae"] <= 12.0
    cal = out["calibration"]
    assert cal["Safe"]["right"] >= 0.99 * cal["Safe"]["ridings"]
    assert cal["Likely"]["right"] >= 0.90 * cal["Likely"]["ridings"]


def test_cli_polls_json(capsys: pytest.CaptureFixture[str]) -> None:
    out = _json(capsys, ["polls", "--election", "2025", "--as-of", "2025-04-27", "--json"])
    nat = out["national"]
    assert out["as_of"] == nat["as_of"] == "2025-04-27"
    assert nat["polls"] > 50
    lpc = next(p for p in nat["parties"] if p["party"] == "LPC")
    assert 0.40 < lpc["share"] < 0.45
    assert lpc["interval_90"][0] < lpc["share"] < lpc["interval_90"][1]
    assert "EKOS" in nat["house_effects"]
    # the projection uses the average corrected by the poll-error model, and says so
    assert out["used_by_projection"] == "corrected"
    assert out["correction"] == "the poll misses of 7 elections, 2004–2021"
    assert [m["day"][:4] for m in out["poll_error"]["elections"]] == [
        "2004", "2006", "2008", "2011", "2015", "2019", "2021"]
    cpc = next(p for p in nat["parties"] if p["party"] == "CPC")
    assert cpc["corrected"] > cpc["share"]  # the polls have under-stated the Conservatives
    gpc = next(p for p in nat["parties"] if p["party"] == "GPC")
    assert gpc["corrected"] < gpc["share"] - 0.003  # and over-stated the Greens in every election


def test_cli_project_json_and_given(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    draws = tmp_path / "d.parquet"
    out = _json(capsys, ["project", "-e", "2025", "--sims", "2000", "--seed", "3", "--save", str(draws),
                         "--json"])
    assert out["sims"] == 2000
    assert out["majority"] == 172
    assert len(out["ridings"]) == 343
    assert out["election"]["id"] == "2025"
    assert out["fit"]["pair"] == "2015 -> 2019, 2019 -> 2021"
    lpc = out["parties"][0]
    assert lpc["party"] == "LPC"
    assert {
        "seats_mean",
        "seats_median",
        "seats_80",
        "seats_95",
        "p_most_seats",
        "p_majority",
        "p_minority_lead",
    } <= set(lpc)
    r = next(x for x in out["ridings"] if x["riding"] == 24073)
    assert r["label"] in {"Safe", "Likely", "Leaning", "Toss-up"}
    assert "share_80" in next(x for x in r["parties"] if x["party"] == "BQ")
    cond = _json(capsys, ["project", "--draws", str(draws), "--given", "24073=BQ", "--json"])
    assert cond["conditions"] == ["24073=BQ"]
    assert cond["sims"] < 2000
    again = _json(capsys, ["project", "-e", "2025", "--sims", "2000", "--seed", "3", "--given", "24073=BQ",
                           "--json"])
    assert again["parties"] == cond["parties"]


def test_cli_backtest_json(capsys: pytest.CaptureFixture[str]) -> None:
    out = _json(capsys, ["backtest", "2021", "--sims", "1000", "--json"])
    assert set(out) >= KEYS
    assert out["score"]["ridings_total"] == 338
    assert out["as_of"] == "2021-09-19"
    # The latest same-map pair before 2021: 2015 -> 2019, out of sample.
    assert (out["fitted_on"], out["in_sample"]) == ("2015 -> 2019", False)
    assert main(["backtest", "2025", "--sims", "1000", "--shares", "actual"]) == 0
    assert "ridings right" in capsys.readouterr().out
    raw = _json(capsys, ["backtest", "2025", "--sims", "1000", "--raw-polls", "--json"])
    fixed = _json(capsys, ["backtest", "2025", "--sims", "1000", "--json"])
    assert (raw["poll_miss_corrected"], fixed["poll_miss_corrected"]) == (False, True)
    # The record of misses (Conservatives under-stated, Greens over-stated) moves the shares used.
    assert fixed["national_shares_used"]["CPC"] > raw["national_shares_used"]["CPC"]
    assert fixed["national_shares_used"]["GPC"] < raw["national_shares_used"]["GPC"] - 0.003


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["project", "--as-of", "yesterday"], "is not a date"),
        (["project", "--election", "2015"], "no forecast for election 2015"),
        (["project", "--election", "2025", "--as-of", "2025-12-02"],
         "--as-of 2025-12-02 is not before polling day of the 45th general election"),
        (["project", "--model", "magic"], "unknown model 'magic'"),
        (["project", "--sims", "500", "--given", "99999=LPC"], "no riding 99999"),
        (["project", "--executor", "ray"], "unknown executor 'ray'"),
        (["project", "--draws", "/nonexistent.parquet"], "no such file"),
        (["project", "--draws", "/"], "/: is a directory, not a file"),
        (["project", "--save", "/nonexistent/d.parquet"], "cannot write /nonexistent/d.parquet: no folder"),
        (["backtest", "2025", "--shares", "vibes"], "--shares must be polls or actual"),
        (["backtest", "2025", "--shares", "actual", "--raw-polls"],
         "--raw-polls cannot apply with --shares actual"),
        (["project", "--shares", "actual", "--polls", "p.csv", "--raw-polls"],
         "--polls, --raw-polls cannot apply with --shares actual"),
        (["polls", "--election", "1867"], "unknown election '1867'"),
        (["polls", "--polls", "/nonexistent.csv"], "no such file"),
        (["backtest", "2015"], "no forecast for election 2015"),  # no progress-bar blank line
        (["project", "--draws", "d.parquet", "--save", "e.parquet"], "--save cannot apply with --draws"),
        (["project", "--draws", "d.parquet", "--sims", "5", "--seed", "2"],
         "--sims, --seed cannot apply with --draws"),
    ],
)
def test_cli_errors_are_one_line(capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("seatcast: error: ")
    assert message in err
    assert err.count("\n") == 1


def test_bad_given_writes_no_draws_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    draws = tmp_path / "d.parquet"
    assert main(["project", "-e", "2025", "--sims", "200", "--save", str(draws), "--given", "99999=BQ"]) == 2
    assert "no riding 99999" in capsys.readouterr().err
    assert not draws.exists()
