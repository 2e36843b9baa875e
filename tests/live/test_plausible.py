"""Plausibility: well-formed records a riding cannot have are rejected, with the reason."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import msgspec
import pytest

from seatcast.domain.results import Stage
from seatcast.domain.ridings import RidingCode
from seatcast.live.feed import FeedCandidate, Update, prepare
from seatcast.live.plausible import ElectorsBasis, riding_limits
from seatcast.live.store import LogStore
from tests.support.live import e2025, official, plan2025


@pytest.fixture
def store(tmp_path: Path) -> Iterator[LogStore]:
    s = LogStore(tmp_path / "s.db", e2025(), plan2025())
    yield s
    s.close()


def _first(code: int) -> Update:
    return next(u for u in official(e2025()) if u.riding == code)


def _with(u: Update, **kw: object) -> Update:
    return msgspec.structs.replace(u, **kw)


def test_the_limits_come_from_the_election_s_own_table_11() -> None:
    limits = plan2025().limits
    r = e2025().results[RidingCode(24073)]
    assert limits[RidingCode(24073)].electors == r.electors
    assert limits[RidingCode(24073)].electors_basis is ElectorsBasis.ELECTION
    assert r.polling_stations is not None
    assert limits[RidingCode(24073)].polls > 2 * r.polling_stations


def test_a_night_of_an_election_without_a_result_takes_the_previous_lists() -> None:
    from seatcast.catalog import Catalog
    from seatcast.views.live import night_election

    cat = Catalog.builtin()
    night = night_election(cat, "next")
    assert night.results == {}
    assert len(night.map) == 343
    limits = riding_limits(night, cat.election("2025"))
    assert limits[RidingCode(24073)].electors_basis is ElectorsBasis.PREVIOUS
    electors = e2025().results[RidingCode(24073)].electors
    assert electors is not None
    assert limits[RidingCode(24073)].electors == round(1.5 * electors)


def test_votes_beyond_the_electors_are_rejected(store: LogStore) -> None:
    u = _first(24073)
    lim = plan2025().limits[RidingCode(24073)].electors
    huge = _with(u, seq=u.seq + 1, candidates=(*u.candidates[:-1], FeedCandidate(
        u.candidates[-1].name, u.candidates[-1].party, lim)))
    rep = store.chunk([prepare(u, "t"), prepare(huge, "t")])
    assert rep.applied == 1
    assert rep.rejected == 1
    assert "more than the riding's" in rep.rejections[0].reason
    assert "electors" in rep.rejections[0].reason
    assert store.current[RidingCode(24073)] == u


def test_polls_beyond_what_the_riding_can_have_are_rejected(store: LogStore) -> None:
    u = _first(10001)
    cap = plan2025().limits[RidingCode(10001)].polls
    bad = _with(u, polls_reporting=cap + 1, polls_total=cap + 1)
    rep = store.chunk([prepare(bad, "t")])
    assert rep.rejected == 1
    assert "polls reporting, more than the riding can have" in \
        rep.rejections[0].reason


def test_a_stage_only_moves_forward(store: LogStore) -> None:
    stages = [u for u in official(e2025()) if u.riding == 24073]
    prelim, validated = stages[0], stages[1]
    assert (prelim.stage, validated.stage) == (Stage.PRELIMINARY, Stage.VALIDATED)
    store.chunk([prepare(prelim, "t"), prepare(validated, "t")])
    back = _with(prelim, seq=validated.seq + 1)
    rep = store.chunk([prepare(back, "t")])
    assert rep.rejected == 1
    assert "a riding's count stage only moves forward" in rep.rejections[0].reason
    # a correction within the stage is still taken
    fixed = _with(validated, seq=validated.seq + 2, candidates=tuple(
        FeedCandidate(c.name, c.party, c.votes - 1) for c in validated.candidates))
    rep = store.chunk([prepare(fixed, "t")])
    assert rep.applied == 1
    assert rep.corrections == 1


def test_only_a_later_judicial_count_replaces_a_judicial_count(store: LogStore) -> None:
    stages = [u for u in official(e2025()) if u.riding == 24073]
    assert stages[-1].stage is Stage.JUDICIAL  # Terrebonne's recount
    store.chunk([prepare(u, "t") for u in stages])
    judicial = stages[-1]
    spoof = _with(judicial, seq=judicial.seq + 1, stage=Stage.VALIDATED, candidates=(
        FeedCandidate("A spoofer", judicial.candidates[0].party, 30_000),
        *judicial.candidates[1:]))
    rep = store.chunk([prepare(spoof, "t")])
    assert rep.rejected == 1
    assert "cannot replace the judicially certified count" in \
        rep.rejections[0].reason
    assert store.current[RidingCode(24073)] == judicial
    later = _with(judicial, seq=judicial.seq + 2)  # a later judicial count: taken
    assert store.chunk([prepare(later, "t")]).applied == 1
