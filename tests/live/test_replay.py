"""Replays of 2025: never a wrong call, never a retraction, and the official result at the end."""

from __future__ import annotations

import datetime as dt
import itertools
import time
from pathlib import Path

import msgspec
import numpy as np
import pytest

import seatcast
from seatcast.domain.parties import Party
from seatcast.domain.results import Stage
from seatcast.live.calls import CallOutcome
from seatcast.live.feed import Update
from seatcast.live.night import replay
from seatcast.live.stations import station_counts
from seatcast.live.status import LiveStatus, OfficialComparison, compare_official
from seatcast.live.synthetic import synthetic_feed
from tests.support.live import calls_of, e2025, open_night, riding_call, status, synthetic

#: ridings whose winner changed after election night, and the stage that settled them
SETTLED_LATE = {24073: "judicially certified", 10007: "judicially certified",
                35060: "judicially certified"}
HOUSE_2025 = {Party.LPC: 169, Party.CPC: 144, Party.BQ: 22, Party.NDP: 7, Party.GPC: 1}


def run(tmp_path: Path, feed: list[Update], name: str = "s.db"
        ) -> tuple[LiveStatus, OfficialComparison, dict]:
    path = tmp_path / name
    night = open_night(path)
    try:
        replay(night, feed)
    finally:
        night.close()
    return status(path), compare_official(path, e2025()), calls_of(path)


def check_night(st: LiveStatus, cmp: OfficialComparison, calls: dict) -> None:
    assert st.wrong_calls == 0
    assert cmp.wrong_calls == 0
    assert st.retractions == 0
    assert cmp.matches_official, cmp.mismatched_ridings
    assert st.seats == HOUSE_2025
    for code, stage in SETTLED_LATE.items():
        assert riding_call(calls, code)["stage"] == stage
    for c in calls.values():
        if c["outcome"] != "win":
            continue
        assert c["probability"] >= 0.999
        assert c["margin"] > c["could_lose"]
        if c["stage"] != "judicially certified":
            assert c["margin"] > c["recount_line"]
    gov = st.government.outcome
    assert gov is not None
    assert (gov.party, gov.outcome) == (Party.LPC, CallOutcome.MINORITY)


def test_official_replay(tmp_path: Path, official_2025: list[Update]) -> None:
    st, cmp, calls = run(tmp_path, official_2025)
    check_night(st, cmp, calls)
    assert len(st.called) == 343
    prelim = [c for c in calls.values() if c["stage"] == "preliminary"]
    # the night's calls all clear the preliminary count's revision allowance (3 %)
    assert all(c["margin"] > 0.03 * c["recount_line"] / 0.001 for c in prelim)
    assert 0.85 < st.timing.called_during_preliminary_count < 0.95
    # the largest-party call waits for validation; the minority call for the last count
    t = st.timing.largest_party_call_time
    assert t is not None
    assert t.isoformat().startswith("2025-05-02")


def test_synthetic_night_adds_up_to_the_preliminary_count() -> None:
    e = seatcast.load("2025")
    feed = synthetic_feed(e, 11)
    last: dict[int, Update] = {}
    for u in feed:
        if u.stage is Stage.PRELIMINARY:
            last[u.riding] = u
            assert u.polls_reporting is not None
            assert u.polls_total is not None
    assert set(last) == set(e.results)
    for code, u in last.items():
        assert u.votes_of() == {(c.name, c.party): c.votes
                                for c in e.stages_of(code)[0].candidates}
        assert u.complete
    assert 70_000 < sum(u.polls_total or 0 for u in last.values()) < 80_000
    assert sum(station_counts(e).values()) > 60_000
    assert [u.seq for u in feed] == list(range(1, len(feed) + 1))
    assert all(a.time <= b.time for a, b in itertools.pairwise(feed))
    # every record is plausible for the night's limits (electors, polls)
    from seatcast.live.plausible import implausible
    from tests.support.live import plan2025

    limits = plan2025().limits
    assert not [u for u in feed if implausible(u, limits[u.riding], None)]


def test_synthetic_night_is_seeded_and_early_returns_mislead() -> None:
    e = seatcast.load("2025").subset([c for c in seatcast.load("2025").results
                                      if str(c).startswith("24")])
    a, b, c = synthetic_feed(e, 3), synthetic_feed(e, 3), synthetic_feed(e, 4)
    assert all(isinstance(u.time, dt.datetime) and u.time.utcoffset() is not None for u in a)
    assert a == b
    assert a != c
    # at a quarter of the polls, the leader often differs from the end of the night's
    misled = 0
    quarter: dict[int, Update] = {}
    for u in a:
        if u.stage is Stage.PRELIMINARY and u.reporting_share <= 0.25:
            quarter[u.riding] = u
    for code, u in quarter.items():
        final = e.stages_of(code)[0].winner.name
        lead = max(u.candidates, key=lambda x: x.votes).name
        misled += lead != final
    assert misled >= 3
    # and the advance and special votes lean differently from the ordinary polls
    shares = []
    for code in e.results:
        rows = [u for u in a if u.riding == code and u.stage is Stage.PRELIMINARY]
        ordinary = rows[int(len(rows) * 0.9) - 1]
        fin = rows[-1]
        lpc = next(i for i, x in enumerate(fin.candidates) if x.party.value == "LPC")
        late = fin.candidates[lpc].votes - ordinary.candidates[lpc].votes
        late_total = fin.valid_votes - ordinary.valid_votes
        shares.append(late / late_total - ordinary.candidates[lpc].votes / ordinary.valid_votes)
    assert np.std(shares) > 0.02


def test_synthetic_replay_of_a_province(tmp_path: Path, atlantic_night: list[Update]) -> None:
    st, _, calls = run(tmp_path, atlantic_night, "atl.db")
    e = seatcast.load("2025")
    atl = [c for c in e.results if str(c)[:2] in ("10", "11", "12", "13")]
    assert sorted(st.called) == sorted(atl)
    for code in atl:
        assert riding_call(calls, code)["candidate"] == e.results[code].winner.name
    assert riding_call(calls, 10007)["stage"] == "judicially certified"
    assert st.retractions == 0
    assert st.wrong_calls == 0
    shares = [riding_call(calls, c)["reporting_share"] for c in atl]
    assert min(shares) < 1.0  # some ridings are called before their count is complete


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(1, 21))
def test_synthetic_replays_seeds_1_to_20(tmp_path: Path, seed: int) -> None:
    st, cmp, calls = run(tmp_path, synthetic(e2025(), seed))
    check_night(st, cmp, calls)
    med = st.timing.median_polls_reporting_at_call
    assert med is not None
    assert med < 1.0


def test_speed_paces_the_replay(tmp_path: Path, official_2025: list[Update],
                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The pauses asked for are the feed-time gaps / speed, capped at max_pause (the sleep
    itself is recorded, not timed, so a loaded machine cannot make this test fail)."""


    pauses: list[float] = []
    monkeypatch.setattr(time, "sleep", pauses.append)  # the night sleeps through time.sleep
    first = official_2025[0]
    base = first.time
    feed = [msgspec.structs.replace(first, seq=i + 1, time=base + dt.timedelta(hours=i))
            for i in range(3)]
    night = open_night(tmp_path / "p.db")
    try:
        replay(night, feed, speed=36_000)  # an hour of the night in 0.1 s
        assert pauses == pytest.approx([0.1, 0.1])
        pauses.clear()
        replay(night, [*feed[-1:], msgspec.structs.replace(feed[-1], seq=9, time=(
            base + dt.timedelta(days=30)))], speed=1.0, max_pause=0.05)
        assert pauses == [0.05]  # a 30-day gap waits no longer than max_pause
    finally:
        night.close()


def test_a_wrong_government_call_counts_as_wrong(tmp_path: Path) -> None:
    """Both government calls, largest party and outcome, are checked against the result."""
    import json
    import sqlite3

    path = tmp_path / "g.db"
    open_night(path).close()
    e = seatcast.load("2025")
    conn = sqlite3.connect(path)
    for subject, party, outcome, wrong in (("largest party", "LPC", "largest", 0),
                                           ("government", "LPC", "minority", 0),
                                           ("largest party", "CPC", "largest", 1),
                                           ("government", "LPC", "majority", 2)):
        call = {"party": party, "outcome": outcome, "candidate": None, "seq": 1,
                "time": "2025-05-02T12:00:00-04:00", "stage": None, "reporting_share": 1.0,
                "probability": 1.0, "margin": 1, "could_lose": 0.0, "recount_line": 0.0,
                "basis": ""}
        conn.execute("INSERT OR REPLACE INTO calls VALUES (?,?,0)", (subject, json.dumps(call)))
        conn.commit()
        assert compare_official(path, e).wrong_calls == wrong, subject
    conn.close()


def test_the_possible_seats_kept_riding_by_riding_are_counted_afresh(
        tmp_path: Path, atlantic_night: list[Update]) -> None:
    """After every chunk of a night, the possible seats the night keeps up to date (a
    riding recounted only when its projection or call changed) are those counted from
    scratch over every riding."""
    from seatcast.live.calls import PossibleSeats, possible_seats

    night = open_night(tmp_path / "p.db")
    checked = 0

    def check(*_: object) -> None:
        nonlocal checked
        called = night.standing_riding_calls()
        kept = night._possible(night.election, night.projections, called)
        assert kept == possible_seats(night.election, night.projections, called)
        checked += 1

    try:
        replay(night, atlantic_night, chunk=40, on_chunk=check)
    finally:
        night.close()
    assert checked > 10
    kept = PossibleSeats()
    kept(e2025(), {}, {})
    with pytest.raises(ValueError, match="one election's ridings"):
        kept(seatcast.load("2019"), {}, {})  # another map
