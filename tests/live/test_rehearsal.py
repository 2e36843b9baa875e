"""`seatcast live replay next --synthetic`: the 46th election night, drawn from its projection."""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path

import pytest

from seatcast.catalog import Catalog
from seatcast.cli import main
from seatcast.domain.parties import Party
from seatcast.domain.results import Stage
from seatcast.domain.ridings import RidingCode
from seatcast.live.night import LiveNight, replay
from seatcast.live.plan import plan_night
from seatcast.live.rehearsal import Rehearsal, rehearse
from seatcast.live.status import compare_official, current_status
from seatcast.live.synthetic import synthetic_feed
from tests.support.live import ATLANTIC, forecaster


@cache
def drawn(seed: int) -> Rehearsal:
    return rehearse(forecaster(), "next", seed)


def test_the_rehearsal_is_the_next_election_on_its_fixed_date() -> None:
    r = drawn(3)
    cat = Catalog.builtin()
    assert r.night.id == r.result.id == cat.record("next").id == "ge46"
    assert r.night.date == r.result.date == dt.date(2029, 10, 15)  # third Monday, October 2029
    assert r.night.results == {}
    assert len(r.night.map) == 343
    assert r.previous.id == "2025"
    assert r.as_of == forecaster().default_as_of("next")
    assert len(r.result.results) == 343
    assert any("fixed date in law" in a for a in r.assumptions)


def test_candidates_are_one_placeholder_per_party_standing() -> None:
    r = drawn(3)
    before = r.previous.results
    for code, res in r.result.results.items():
        names = [c.name for c in res.candidates]
        assert len(set(names)) == len(names)
        assert all(c.name.endswith(" candidate") or c.name == "Other candidates"
                   for c in res.candidates)
        assert res.valid_votes == before[code].valid_votes  # the previous riding's turnout
        assert (res.electors, res.polling_stations) == (before[code].electors,
                                                        before[code].polling_stations)
        assert [s.stage for s in r.result.stages_of(code)] == [Stage.PRELIMINARY, Stage.VALIDATED]
        bq = any(c.party is Party.BQ for c in res.candidates)
        assert bq == str(code).startswith("24")  # the Bloc stands in Quebec only
    assert r.result.results[RidingCode(24073)].winner.party in set(Party)
    # the current member's party stands as the incumbent's: a floor crosser is the Liberal
    # incumbent in West Nova (Chris d'Entremont, CPC to LPC, 2025-11-04)
    west_nova = r.result.results[RidingCode(12001)]
    inc = [c for c in west_nova.candidates if c.incumbent]
    assert [c.name for c in inc] == ["Liberal candidate"]


def test_the_draw_is_the_seed_s() -> None:
    a, b = drawn(3), rehearse(forecaster(), "next", 3)
    assert a.result.results == b.result.results
    c = drawn(4)
    assert a.result.results != c.result.results
    seats = a.result.seats()
    assert sum(seats.values()) == 343


def test_a_rehearsed_night_calls_the_drawn_result(tmp_path: Path) -> None:
    """The Atlantic ridings of a rehearsal: the night (which sees only the feed) calls each
    for the drawn winner, and its store reads as a night of the next election."""
    r = drawn(3)
    feed = [u for u in synthetic_feed(r.result, 3) if str(u.riding)[:2] in ATLANTIC]
    path = tmp_path / "ge46.db"
    plan = plan_night(forecaster(), r.night, r.previous)
    with LiveNight(path, r.night, plan=plan) as night:
        replay(night, feed)
    st = current_status(path, r.night, ridings=False)
    atl = sorted(c for c in r.result.results if str(c)[:2] in ATLANTIC)
    assert sorted(st.called) == atl
    assert st.retractions == 0
    cmp = compare_official(path, r.result.subset(atl))
    assert cmp.matches_official
    assert cmp.wrong_calls == 0
    assert st.prior.description.startswith("forecast: the flow model from the polls up to")


def test_next_needs_synthetic(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["live", "replay", "next"]) == 2
    err = capsys.readouterr().err
    assert "has no result to replay: rehearse it with --synthetic" in err
    assert err.count("\n") == 1


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_seatcast_live_replay_next_synthetic(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             seed: int) -> None:
    store = tmp_path / "ge46.db"
    assert main(["live", "replay", "next", "--synthetic", "--seed", str(seed), "--json",
                 "--store", str(store)]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["source"] == "rehearsal"
    assert d["seed"] == seed
    assert len(d["assumptions"]) == 5
    assert d["comparison"]["matches_official"]
    assert d["comparison"]["wrong_calls"] == 0
    n = d["night"]
    assert n["election"] == "ge46"
    assert n["retractions"] == 0
    assert main(["live", "status", "--store", str(store), "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["called"] == n["called"]
    # At the end of the night every riding is called but those whose validated lead is
    # still within what a judicial recount could revise (0.2 % of the vote): those must not
    # be called, and there are few.
    uncalled = [r for r in status["ridings"] if r["riding"] not in set(n["called"])]
    assert len(n["called"]) + len(uncalled) == 343
    assert len(uncalled) <= 5
    for r in uncalled:
        assert r["stage"] == "validated", r["name"]
        assert r["projection"]["margin"] <= r["projection"]["could_lose"], r["name"]
