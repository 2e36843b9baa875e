"""The store under faults: duplicates, disorder, corrections, malformed lines, kill -9."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import msgspec
import pytest

from seatcast.live.feed import FeedCandidate, RawRecord, Update, prepare, write_jsonl
from seatcast.live.night import LiveNight
from seatcast.live.store import LogStore
from tests.support.live import calls_of, derived_of, dump, e2025, open_night, plan2025, status, store_state


def ingest(path: Path, items: list, chunk: int = 250) -> LiveNight:
    night = open_night(path)
    night.ingest(items, chunk=chunk)
    night.close()
    return night


def as_raw(updates: list[Update], source: str = "feed") -> list[RawRecord]:
    return [RawRecord(source, i + 1, u.line()) for i, u in enumerate(updates)]


MALFORMED = ['{"seq": 1, "riding": 10001', "not json at all",
             '{"seq": 3, "time": "2025-04-28T21:00:00-04:00", "riding": 10001, '
             '"stage": "counted", "polls_reporting": 1, "polls_total": 2, "candidates": []}']


def test_duplicates_disorder_corrections_and_junk_give_the_clean_state(
        tmp_path: Path, atlantic_night: list[Update]) -> None:
    clean = tmp_path / "clean.db"
    ingest(clean, as_raw(atlantic_night))
    want = store_state(clean)
    base = status(clean)
    assert base.rejected == 0
    assert base.duplicates == 0
    assert set(base.called) == {u.riding for u in atlantic_night}

    def same_outcome(path: Path) -> None:
        """Seats, the ridings called and for whom: as on the clean feed, never wrong."""
        st = status(path)
        assert st.seats == base.seats
        assert ({c.subject: c.candidate for c in st.calls}
                == {c.subject: c.candidate for c in base.calls})
        assert st.wrong_calls == 0
        assert st.retractions == 0

    # every update twice: the second copy is a no-op
    doubled = tmp_path / "doubled.db"
    ingest(doubled, as_raw([u for u in atlantic_night for _ in range(2)]))
    assert store_state(doubled) == want
    assert status(doubled).duplicates == len(atlantic_night)
    same_outcome(doubled)

    # shuffled: applied by sequence, whatever the arrival order
    rng = random.Random(5)
    shuffled = list(atlantic_night)
    rng.shuffle(shuffled)
    sh = tmp_path / "shuffled.db"
    ingest(sh, as_raw(shuffled))
    assert store_state(sh) == want
    same_outcome(sh)

    # wrong figures sent, then corrected by the next update of the riding; plus junk lines
    nxt: dict[int, Update] = {}
    wrong: list[Update] = []
    for u in reversed(atlantic_night):
        if u.riding in nxt and rng.random() < 0.05 and u.stage.value == "preliminary":
            bad = tuple(FeedCandidate(c.name, c.party, c.votes + 500) for c in u.candidates)
            wrong.append(msgspec.structs.replace(u, seq=u.seq + 5, candidates=bad))
        nxt[u.riding] = u
    assert len(wrong) > 50
    mixed = as_raw(sorted(atlantic_night + wrong, key=lambda u: u.seq))
    for i, text in enumerate(MALFORMED * 10):
        mixed.insert(37 * (i + 1), RawRecord("feed", 100_000 + i, text))
    dirty = tmp_path / "dirty.db"
    ingest(dirty, mixed)
    got = store_state(dirty)
    assert got["current"] == want["current"]
    st = status(dirty)
    assert st.rejected == 30
    reasons = {r.reason for r in st.rejections}
    assert any(r.startswith("not JSON") for r in reasons)
    assert any("unknown stage 'counted'" in r for r in reasons)
    # each wrong record is followed by a lower count: kept and shown as a correction
    corrected = {(c.riding, c.seq) for c in st.correction_list}
    nexts = {(u.riding, min(x.seq for x in atlantic_night
                            if x.riding == u.riding and x.seq > u.seq)) for u in wrong}
    assert nexts <= corrected
    assert len(got["log"]) == len(want["log"]) + len(wrong)  # the wrong figures stay logged
    same_outcome(dirty)


def test_late_record_recomputes_the_corrections_around_it(tmp_path: Path,
                                                           atlantic_night: list[Update]) -> None:
    rows = [u for u in atlantic_night if u.riding == 10001][:3]
    a, b, c = rows
    store = LogStore(tmp_path / "s.db", e2025(), plan2025())
    bigger = msgspec.structs.replace(b, candidates=tuple(
        FeedCandidate(x.name, x.party, x.votes + 10_000) for x in b.candidates))
    store.chunk([prepare(a, "t"), prepare(c, "t")])
    store.chunk([prepare(bigger, "t")])  # late, and higher than the record after it
    state = store_state(tmp_path / "s.db")
    assert [(r[0], r[1], r[2], r[3]) for r in state["corrections"]] == [
        (10001, c.seq, bigger.seq, "correction")]
    assert state["current"][0][1] == c.seq  # the late record did not become current
    conflict = msgspec.structs.replace(a, candidates=a.candidates[:1])
    rep = store.chunk([prepare(conflict, "t")])
    assert rep.rejected
    assert "already received with different figures" in rep.rejections[0].reason
    store.close()


def test_derived_state_is_what_a_restart_rebuilds(tmp_path: Path,
                                                   atlantic_night: list[Update]) -> None:
    """After every chunk, a night reopened from the store (as after a crash) holds the same
    projections and national draws as the night that ran on: none of it depends on when the
    process last restarted.  Ridings complete one after another here, so the turnout they
    show changes the projection of ridings still counting that sent nothing new."""
    night = open_night(tmp_path / "s.db")
    start = next(i for i, u in enumerate(atlantic_night) if u.complete)
    night.ingest(atlantic_night[:start])
    learned = 0
    for i in range(start, len(atlantic_night), 25):
        night.ingest(atlantic_night[i: i + 25], chunk=25)
        if not night.model.turnout_basis()[1]:
            continue
        learned += any(not u.complete for u in night.store.current.values())
        night.store.lock.release()  # one writer at a time
        reopened = open_night(tmp_path / "s.db")
        assert reopened.projections == night.projections
        assert reopened.refresh_national() == night.national
        reopened.close()
        night.store.lock.acquire()
    assert learned >= 1  # the turnout was learned while some ridings were still counting
    night.close()


def _logged(store: Path) -> int:
    if not store.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT count(*) FROM updates").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def _kill_restart(tmp_path: Path, feed: Path, n_records: int, kills: int, seed: int) -> Path:
    """Ingest `feed` in a subprocess, SIGKILL it `kills` times at random points (after a
    random number of records has been committed, so always mid-ingest), then let it finish."""
    store = tmp_path / "killed.db"
    rng = random.Random(seed)
    targets = sorted(rng.sample(range(1, n_records - 300), kills))
    cmd = [str(Path(sys.executable).parent / "seatcast"), "live", "ingest", str(feed),
           "--store", str(store), "--json"]
    env = dict(os.environ, OMP_NUM_THREADS="1")
    for target in targets:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        while _logged(store) < target and proc.poll() is None:
            time.sleep(0.01)
        time.sleep(rng.uniform(0.0, 0.05))  # somewhere inside the next chunk
        assert proc.poll() is None, "the ingest finished before it could be killed"
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    final = subprocess.run(cmd, capture_output=True, env=env, check=False)
    assert final.returncode == 0, final.stderr
    return store


def _feed_file(tmp_path: Path, updates: list[Update]) -> Path:
    feed = tmp_path / "feed.jsonl"
    write_jsonl(updates, feed)
    with feed.open("a", encoding="utf-8") as f:
        f.write("{broken\n")
    return feed


def _check_same(tmp_path: Path, feed: Path, killed: Path) -> None:
    clean = tmp_path / "clean.db"
    night = open_night(clean)
    night.ingest_file(feed)
    night.close()
    assert store_state(killed) == store_state(clean)
    # the same calls, made on the same updates with the same figures, and the same
    # projections: all derived from the log, whenever the process was killed
    assert calls_of(killed) == calls_of(clean)
    assert derived_of(killed) == derived_of(clean)
    assert dump(killed) == dump(clean)  # every table, row for row


def test_killed_ingest_restarts_without_loss_or_double_count(
        tmp_path: Path, atlantic_night: list[Update]) -> None:
    feed = _feed_file(tmp_path, atlantic_night)
    killed = _kill_restart(tmp_path, feed, len(atlantic_night), kills=2, seed=1)
    _check_same(tmp_path, feed, killed)
    assert status(killed).rejected == 1  # the broken last line, once


@pytest.mark.slow
def test_killed_twenty_five_times(tmp_path: Path, atlantic_night: list[Update]) -> None:
    feed = _feed_file(tmp_path, atlantic_night)
    killed = _kill_restart(tmp_path, feed, len(atlantic_night), kills=25, seed=20)
    _check_same(tmp_path, feed, killed)


@pytest.mark.slow
def test_a_whole_night_killed_twenty_five_times_keeps_the_government_calls(
        tmp_path: Path) -> None:
    """The whole synthetic 2025 night (every riding, the later stages: the largest-party
    and minority calls come on May 2 and June 13), killed 25 times: every call, the
    government's included, rests on the same update with the same figures as in the run
    that was never killed."""
    from tests.support.live import synthetic

    night = synthetic(e2025(), 2)
    feed = _feed_file(tmp_path, night)
    killed = _kill_restart(tmp_path, feed, len(night), kills=25, seed=25)
    _check_same(tmp_path, feed, killed)
    calls = calls_of(killed)
    assert calls["largest party"]["party"] == "LPC"
    assert calls["government"]["outcome"] == "minority"
