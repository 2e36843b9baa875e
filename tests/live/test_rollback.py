"""A chunk that fails partway: the store rolls back, and so must the night in memory.

A chunk is one transaction.  When something raises inside it (a record the store cannot
take, a fault in the model), the database returns to the last chunk boundary; the night's
model, projections and calls must return there too, or the rest of the night is projected
and called on updates the store never kept (a call made in memory but rolled back in the
database would never be recorded).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import seatcast.live.calls
import seatcast.live.night as night_mod
from seatcast.live.feed import FeedError, RawRecord, Update, parse_line, write_jsonl
from seatcast.live.model import SeatDraws
from seatcast.live.night import LiveNight
from seatcast.serialize import to_jsonable
from tests.support.live import calls_of, derived_of, open_night, status, store_state


class Fault(RuntimeError):
    pass


def memory_of(night: LiveNight) -> dict[str, Any]:
    """What a night holds in memory and derives its next chunk from."""
    return {
        "current": night.store.current,
        "projections": night.projections,
        "calls": night.calls,
        "retracted": night.retracted,
        "turnout": night.model.turnout_basis(),
        "national": night.refresh_national(),
    }


def _same_as_reopened(night: LiveNight, path: Path) -> None:
    night.store.lock.release()  # one writer at a time: the reopened night takes the lock
    reopened = open_night(path)
    try:
        assert memory_of(night) == memory_of(reopened)
    finally:
        reopened.close()
    night.store.lock.acquire()


@pytest.fixture(scope="module")
def night_feed(tmp_path_factory: pytest.TempPathFactory,
               atlantic_night: list[Update]) -> tuple[Path, Path]:
    """The Atlantic night as a JSON Lines file, and a store that ingested it cleanly."""
    tmp = tmp_path_factory.mktemp("rollback")
    feed = tmp / "feed.jsonl"
    write_jsonl(atlantic_night, feed)
    clean = tmp / "clean.db"
    night = open_night(clean)
    night.ingest_file(feed)
    night.close()
    return feed, clean


@pytest.mark.parametrize("where", ["riding call", "national draws"])
def test_failed_chunk_rolls_back_the_night_in_memory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, night_feed: tuple[Path, Path],
        where: str) -> None:
    """A fault in the middle of a chunk's projections (after a riding was called in it), or
    in the national draws at its end; the same night object then reads on: its calls and
    projections are those of a run that never saw the failure, and those a fresh reopen of
    the store rebuilds."""
    feed, clean = night_feed
    path = tmp_path / "faulty.db"
    night = open_night(path)
    # the fault strikes the chunk that completes the ridings: it learns the turnout (which
    # re-projects every riding) and calls 8 ridings (riding calls 21 to 28 of the night)
    armed = {"on": True, "learned": False}
    if where == "riding call":
        real_call = seatcast.live.calls.riding_call  # the function night.py calls by that name
        made = {"n": 0}

        def faulty_call(pr: Any, cfg: Any) -> Any:
            c = real_call(pr, cfg)
            if c is not None and armed["on"]:
                made["n"] += 1
                if made["n"] == 23:  # two ridings called in this chunk already
                    armed.update(on=False, learned=night.model.turnout_basis()[1])
                    raise Fault("projection failed")
            return c

        monkeypatch.setattr(night_mod, "riding_call", faulty_call)
    else:
        real_draw = SeatDraws.set_ridings

        def faulty_draw(self: SeatDraws, *args: Any, **kwargs: Any) -> Any:
            n = len(night.riding_calls())
            if armed["on"] and n > 20:  # a chunk that called ridings, then failed at its end
                armed.update(on=False, learned=night.model.turnout_basis()[1])
                self._seats[:] = -99  # half updated when it failed
                raise Fault("seat draws failed")
            return real_draw(self, *args, **kwargs)

        monkeypatch.setattr(SeatDraws, "set_ridings", faulty_draw)

    with pytest.raises(Fault):
        night.ingest_file(feed)
    assert not armed["on"], "the fault was never injected"
    assert armed["learned"], "the fault came before the turnout was learned"
    monkeypatch.undo()
    _same_as_reopened(night, path)  # right after the failure
    night.ingest_file(feed)  # read on from the last committed chunk
    assert store_state(path) == store_state(clean)
    assert calls_of(path) == calls_of(clean)
    assert derived_of(path) == derived_of(clean)
    _same_as_reopened(night, path)
    night.close()


BAD_LINES = [
    # valid JSON, but figures SQLite cannot hold (64-bit integers)
    '{"seq": 100000000000000000000, "time": "2025-04-28T21:00:00-04:00", "riding": 10001, '
    '"stage": "preliminary", "polls_reporting": 1, "polls_total": 2, '
    '"candidates": [{"name": "A", "party": "LPC", "votes": 5}]}',
    '{"seq": 3, "time": "2025-04-28T21:00:00-04:00", "riding": 10001, '
    '"stage": "preliminary", "polls_reporting": 10000000000000000000, '
    '"polls_total": 10000000000000000000, '
    '"candidates": [{"name": "A", "party": "LPC", "votes": 5}]}',
    # a lone UTF-16 surrogate escape: valid JSON, not encodable text
    '{"seq": 4, "time": "2025-04-28T21:00:00-04:00", "riding": 10001, '
    '"stage": "preliminary", "polls_reporting": 1, "polls_total": 2, '
    '"candidates": [{"name": "\\ud800", "party": "LPC", "votes": 5}]}',
    # more nesting or digits than Python's JSON reader takes
    "[" * 100_000,
    '{"seq": ' + "9" * 5000 + "}",
]


@pytest.mark.parametrize("text", BAD_LINES, ids=["seq", "polls", "surrogate", "nesting",
                                                 "digits"])
def test_unusable_line_is_a_reject_not_a_failure(text: str) -> None:
    with pytest.raises(FeedError):
        parse_line(text)


def test_unusable_lines_are_rejected_and_the_chunk_goes_on(
        tmp_path: Path, atlantic_night: list[Update]) -> None:
    """Lines that used to raise inside the chunk (rolling back the good records around them
    and stopping the ingest at the same line on every retry) are rejected with a reason."""
    part = atlantic_night[:600]
    clean = tmp_path / "clean.db"
    night = open_night(clean)
    night.ingest([RawRecord("feed", i + 1, u.line()) for i, u in enumerate(part)])
    night.close()
    raws = [RawRecord("feed", i + 1, u.line()) for i, u in enumerate(part)]
    for i, text in enumerate([*BAD_LINES, '{"seq": 5, "x": "\ud800"}']):
        raws.insert(50 * (i + 1), RawRecord("feed", 10_000 + i, text))
    dirty = tmp_path / "dirty.db"
    night = open_night(dirty)
    rep = night.ingest(raws)
    night.close()
    assert rep.rejected == len(rep.rejections) == len(BAD_LINES) + 1
    assert store_state(dirty)["current"] == store_state(clean)["current"]
    assert calls_of(dirty) == calls_of(clean)
    st = status(dirty)
    assert st.rejected == len(BAD_LINES) + 1
    assert all(r.reason for r in st.rejections)
    json.dumps(to_jsonable(st))  # every reject is stored and shown as text
