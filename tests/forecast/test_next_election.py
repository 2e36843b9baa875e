"""The next election's forecast: golden, seats summing to the House in every draw, who holds
each seat now, and the guards against a past election's wrong date or another cycle's polls."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from seatcast.catalog import Catalog
from seatcast.cli import main
from seatcast.forecast.projection import Forecaster
from seatcast.views.forecast import ForecastRequest, run


def test_project_next_election_golden(capsys: pytest.CaptureFixture[str]) -> None:
    """`seatcast project --sims 20000 --seed 1 --json`: the next election, baseline 2025, as of
    the latest poll in the data (published the day after its fieldwork), fitted by the protocol
    on every same-map pair before it."""
    assert main(["project", "--sims", "20000", "--seed", "1", "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    polls = Catalog.builtin().polls("ge46")
    assert d["election"]["id"] == "ge46"
    assert d["election"]["number"] == 46
    assert d["election"]["date"] is None
    assert d["baseline"]["id"] == "2025"
    assert d["poll_miss_corrected"]
    assert d["poll_correction"] == "the poll misses of 8 elections, 2004–2025"
    assert d["latest_poll"] == max(p.end_date for p in polls).isoformat() == "2026-01-30"
    assert d["as_of"] == max(p.published for p in polls).isoformat() == "2026-01-31"
    assert d["no_later_than"] == "2029-10-15"
    assert "an earlier election is possible" in d["when_held"]
    assert d["fit"] == {"model": "flow", "pair": "2015 -> 2019, 2019 -> 2021, 2021t -> 2025",
                        "in_sample": False,
                        "params": {"churn": 0.3, "scale": None, "alpha": 0.0, "gamma": 1.0}}
    assert (d["sims"], d["seed"], d["seats_total"], d["majority"]) == (20000, 1, 343, 172)
    assert sum(p["seats_mean"] for p in d["parties"]) == pytest.approx(343)
    assert all(p["actual_seats"] is None for p in d["parties"])
    assert d["ridings_right"] is None
    assert len(d["ridings"]) == 343
    assert all(r["winner"] is None for r in d["ridings"])
    lpc = next(p for p in d["parties"] if p["party"] == "LPC")
    assert d["parties"][0]["party"] == "LPC"
    assert 150 < lpc["seats_mean"] < 210
    # the riding rows: the 2025 winner beside the holder on the as-of day
    rows = {r["riding"]: r for r in d["ridings"]}
    assert rows[12001]["previous_winner"] == "CPC"
    assert rows[12001]["holder"] == {
        "party": "LPC", "member": "Chris d'Entremont", "since": "2025-11-04", "how": "floor-crossing",
        "vacant": False}
    assert rows[35112]["holder"]["vacant"]
    assert rows[35112]["holder"]["member"] == "Chrystia Freeland"
    assert rows[62001]["holder"]["party"] == "NDP"  # Idlout crossed after 2026-01-31
    assert d["holders_as_of"] == "2026-01-31"
    assert d["incumbency"].startswith("not used")
    assert sum(r["previous_winner"] != r["holder"]["party"] for r in d["ridings"]) == 3  # 2 crossings, 1 vacancy


def test_seats_sum_to_343_in_every_draw() -> None:
    fc = Forecaster(Catalog.builtin())
    proj, res = run(fc, ForecastRequest(sims=20_000, seed=1))
    assert res.election == "ge46"
    assert res.seats.shape == (20_000, len(res.parties))
    assert (res.seats.sum(axis=1) == 343).all()
    assert (res.seats >= 0).all()
    assert np.allclose(proj.mean.sum(axis=1), 1.0)


def test_a_past_forecast_has_no_holders(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["project", "--election", "2025", "--sims", "200", "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["baseline"]["id"] == "2021t"
    assert d["holders_as_of"] is None
    assert d["when_held"] is None
    assert all(r["holder"] is None for r in d["ridings"])
    assert d["poll_correction"] == "the poll misses of 7 elections, 2004–2021"


POST_2025 = "firm,end_date,sample_size,LPC,CPC,NDP\nAbacus,2025-06-10,1000,40,38,8\nLeger,2025-09-18,1000,41,37,9\n"


@pytest.mark.parametrize(("argv", "message"), [
    (["project", "--election", "2025", "--as-of", "2025-12-02"],
     "--as-of 2025-12-02 is not before polling day of the 45th general election (2025-04-28)"),
    (["polls", "--election", "2025", "--as-of", "2025-12-02"],
     "--as-of 2025-12-02 is not before polling day of the 45th general election (2025-04-28)"),
    (["backtest", "2025", "--as-of", "2025-12-02", "--sims", "100"],
     "--as-of 2025-12-02 is not before polling day of the 45th general election (2025-04-28)"),
    (["project", "--election", "2021", "--as-of", "2021-09-20"], "polling day of the 44th general election"),
    (["project", "--election", "2025", "--polls", "{late}", "--sims", "100"],
     "every poll given is dated after the 45th general election (2025-04-28): they belong to the "
     "46th general election (ge46)"),
    (["polls", "--election", "2025", "--polls", "{late}"],
     "they belong to the 46th general election (ge46)"),
    (["backtest", "next"], "election ge46 (46th general election) has no result yet"),
])
def test_guards_are_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str],
                             message: str) -> None:
    late = tmp_path / "late.csv"
    late.write_text(POST_2025)
    assert main([a.replace("{late}", str(late)) for a in argv]) == 2
    out = capsys.readouterr()
    assert out.out == ""
    assert out.err.startswith("seatcast: error: ")
    assert message in out.err
    assert out.err.count("\n") == 1


def test_the_next_election_takes_the_same_polls(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    late = tmp_path / "late.csv"
    late.write_text(POST_2025)
    assert main(["polls", "--polls", str(late), "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["election"]["id"] == "ge46"
    assert d["as_of"] == "2025-09-19"
    assert d["correction"] == "the poll misses of 8 elections, 2004–2025"
