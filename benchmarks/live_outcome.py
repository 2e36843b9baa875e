"""The outcome of election nights, as digests: to show that a change to the ingest path (a
faster parser, a compiled loop) leaves every result as it was, to the byte.

    .venv/bin/python benchmarks/live_outcome.py [scenario ...] > now.txt
    PYTHONPATH=<the other code>/src .venv/bin/python benchmarks/live_outcome.py > before.txt
    diff before.txt now.txt

One line per scenario: a digest of every row of every table of the store (in row order,
but the night's random id), a digest of what the night holds in memory after every chunk
(the chunk's report, the national projection, every riding's projection, the calls, the
seat draws), and a digest of what readers get from the store at the end (`read_night`:
the same across a change of the store's layout, which changes the first).  Scenarios (all by default):

* ``bench``: the whole synthetic 2025 night (seed 1) as lines, in chunks of 250 (what
  `benchmarks/live.py` times);
* ``official``: the official-stage replay of 2025;
* ``dirty``: the Atlantic night (seed 7) with wrong figures later corrected, 82 kinds of
  malformed or odd lines three times over, duplicates and late records, in chunks of 97;
* ``shuffled``: the Atlantic night shuffled, with some records twice;
* ``updates``: the Atlantic night as records (not lines), in chunks of 13;
* ``file``: the Atlantic night from a JSON Lines file with a broken last line;
* ``parse``: no store: each odd line and 500 good ones parsed, with and without the map.

``SEATCAST_NO_NUMBA=1`` runs the seat draws in numpy: the digests are the same.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import random
import sqlite3
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from seatcast.catalog import Catalog, load
from seatcast.forecast.projection import Forecaster
from seatcast.live.feed import FeedCandidate, Malformed, RawRecord, Update, prepare, write_jsonl
from seatcast.live.night import LiveNight, replay
from seatcast.live.plan import plan_night
from seatcast.live.replay import official_feed
from seatcast.live.synthetic import synthetic_feed

CAT = Catalog.builtin()
E = load("2025")
GOOD = {"seq": 5, "time": "2025-04-28T21:47:10-04:00", "riding": 24073, "stage": "preliminary",
        "polls_reporting": 3, "polls_total": 200,
        "candidates": [{"name": "A", "party": "LPC", "votes": 10},
                       {"name": "B", "party": "BQ", "votes": 7}]}


def _with(**kw: Any) -> str:
    return json.dumps({**GOOD, **kw})


def _raw(seq: int, cand: str, **kw: str) -> str:
    """A line written by hand (JSON that `json.dumps` would not write)."""
    fields = {"time": '"2025-04-28T21:47:10-04:00"', "riding": "24073", "stage": '"preliminary"',
              "polls_reporting": "3", "polls_total": "200", **kw}
    body = ",".join(f'"{k}":{v}' for k, v in fields.items())
    return f'{{"seq":{seq},{body},"candidates":[{cand}]}}'


def _cand(name: str = '"A"', party: str = '"LPC"', votes: str = "1") -> str:
    return f'{{"name":{name},"party":{party},"votes":{votes}}}'


ODD: list[str] = [
    "{nope", "[1, 2]", _with(seq=0), _with(seq="7"), _with(riding=123), _with(riding=99999),
    _with(time="yesterday"), _with(time="2025-04-28T21:00:00"),
    _with(time="0001-01-01T00:00:00+05:00"), _with(time="9999-12-31T23:59:59-05:00"),
    _with(time="2025-04-28T21:00:00" + "0" * 60 + "-04:00"), _with(stage="final"),
    _with(polls_reporting=300), _with(polls_total=None), _with(candidates=[]),
    _with(candidates=[{"name": "A", "party": "XYZ", "votes": 1}]),
    _with(candidates=[{"name": "A", "party": "LPC", "votes": -4}]),
    _with(candidates=[{"name": "A", "party": "LPC", "votes": 1},
                      {"name": "A", "party": "LPC", "votes": 2}]),
    _with(extra=1), json.dumps({k: v for k, v in GOOD.items() if k != "time"}),
    _with(seq=2**63), _with(seq=2**64 + 1), _with(seq=True), _with(seq=1.0),
    _with(seq=float("nan")), _with(riding=24073.0), '{"seq": 1e400}', '{"seq": ' + "9" * 5000 + "}",
    "[" * 100000, _with(seq=None), _with(candidates=[{"name": "\ud800", "party": "LPC", "votes": 1}]),
    '{"seq":5,"seq":6}', _with(polls_reporting=-1), _with(polls_reporting=None, polls_total=None),
    _with(stage="validated", polls_reporting=None, polls_total=None),
    _with(candidates=[{"name": " ", "party": "LPC", "votes": 1}]),
    _with(candidates=[{"name": "A", "party": 3, "votes": 1}]),
    _with(candidates=[{"name": "A", "party": "LPC", "votes": 1, "x": 2}]),
    _with(candidates=[["A"]]), _with(candidates=[{"name": "A", "party": "LPC", "votes": 10**30}]),
    _with(candidates=[{"name": "A", "party": "LPC", "votes": True}]),
    _with(candidates=[{"name": "A", "party": "LPC", "votes": 3.0}]),
    _with(time="2025-04-28T21:47:10Z"), _with(time=5), _with(stage=None),
    _with(candidates={"a": 1}), '"just a string"', "null", "123", "",
    _with(time="2025-04-28 21:47:10-04:00"), _with(time="2025-04-28T21:47:10.5+05:30"),
    _with(candidates=[{"name": "Zoë \u00e9\u4e2d \U0001f600", "party": "LPC", "votes": 1}]),
    _with(candidates=[{"name": 'A"\\\n', "party": "LPC", "votes": 1}]),
    _with(polls_reporting=10**6, polls_total=10**6),
    _with(candidates=[{"name": "A", "party": "LPC", "votes": 10**7}]),
    '{"seq": 5, "riding": 24073, "time": "2025-04-28T21:47:10-04:00", "stage": "preliminary", '
    '"polls_reporting": 3, "polls_total": 200, "candidates": [{"votes": 10, "name": "A", '
    '"party": "LPC"}]}',
    _raw(5, _cand(votes="1e1")), _raw(5, _cand(name='"A\\u00e9"')),
    "\ufeff" + _with(seq=6), _with(seq=7) + " trailing", _with(seq=8) + "\x00",
    _raw(9, _cand(votes="-0")), _raw(10, _cand(votes="NaN")), _raw(11, _cand(votes="Infinity")),
    _raw(12, _cand(name='"\\ud83d\\ude00"')), _raw(13, _cand(name='"\\udc00x"')),
    _raw(14, _cand()) + ",", _raw(15, _cand(votes="01")), _raw(16, _cand()) + "{}",
    _raw(17, _cand(name='"A\tB"')), _raw(18, _cand(votes="1.5e3")), _raw(19, _cand(votes="-1")),
    _raw(20, _cand(votes=str(2**63 - 1))), _raw(21, _cand(votes=str(2**63))),
    _raw(22, _cand(votes=str(2**64))), _raw(23, _cand(), riding="24073", extra="1"),
    _raw(24, _cand() + "," + _cand(party='"CPC"')),
    _raw(25, _cand(), time='"2025-04-28T21:47:10.123456789-04:00"'),
    _raw(26, _cand(), time='"20250428T214710-0400"'),
    _raw(27, _cand(), time='"2025-04-28T21:47:10+24:00"'),
    _raw(28, _cand(votes="0"), polls_reporting="0", polls_total="0"),
]


class Trace:
    """A digest of what the night holds in memory, chunk after chunk."""

    def __init__(self, night: LiveNight) -> None:
        self.night = night
        self.h = hashlib.sha256()

    def __call__(self, report: object, _batch: object = None) -> None:
        n = self.night
        for part in (report, n.national, sorted(n.projections.items()),
                     sorted((str(k), v) for k, v in n.calls.items())):
            self.h.update(repr(part).encode())
        self.h.update(n.draws._seats.tobytes())
        self.h.update(n.draws._winner.tobytes())


def store_digest(path: Path) -> str:
    conn = sqlite3.connect(path)
    h = hashlib.sha256()
    try:
        for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                     "ORDER BY name"):
            for row in conn.execute(f"SELECT rowid, * FROM {table} ORDER BY rowid"):
                if not (table == "meta" and row[1] == "night"):
                    h.update(repr((table, row)).encode())
    finally:
        conn.close()
    return h.hexdigest()[:16]


def readers_digest(path: Path) -> str:
    """A digest of what readers get from the store (`read_night`: the state, calls,
    retractions, rejections, corrections, counters, the national and riding projections),
    but the night's random id: the same whatever the store's own layout."""
    from seatcast.live.store import read_night

    night = read_night(path)
    h = hashlib.sha256()
    for f in dataclasses.fields(night):
        if f.name != "night_id":
            value = getattr(night, f.name)
            if isinstance(value, dict):
                value = sorted((str(k), v) for k, v in value.items())
            h.update(repr((f.name, value)).encode())
    return h.hexdigest()[:16]


def _replace(u: Any, **changes: Any) -> Any:
    """A changed copy of a record, whether the code's `Update` is a dataclass or a struct."""
    import msgspec

    if isinstance(u, msgspec.Struct):
        return msgspec.structs.replace(u, **changes)
    return dataclasses.replace(u, **changes)


def as_raw(updates: list[Update], source: str = "feed") -> list[RawRecord]:
    return [RawRecord(source, i + 1, u.line()) for i, u in enumerate(updates)]


def atlantic() -> tuple[list[Update], list[Update]]:
    """The Atlantic night (seed 7, seqs 10, 20, ...) and wrong figures slipped in."""
    night = [u for u in synthetic_feed(E, 7, CAT.snapshots(E.id))
             if str(u.riding)[:2] in ("10", "11", "12", "13")]
    night = [_replace(u, seq=(i + 1) * 10) for i, u in enumerate(night)]
    rng = random.Random(5)
    nxt: dict[int, Update] = {}
    wrong = []
    for u in reversed(night):
        if u.riding in nxt and rng.random() < 0.05 and u.stage.value == "preliminary":
            bad = tuple(FeedCandidate(c.name, c.party, c.votes + 500) for c in u.candidates)
            wrong.append(_replace(u, seq=u.seq + 5, candidates=bad))
        nxt[u.riding] = u
    return night, wrong


def scenarios() -> dict[str, Callable[[LiveNight, Trace], object]]:
    atl, wrong = atlantic()

    def bench(night: LiveNight, tr: Trace) -> object:
        return night.ingest(as_raw(synthetic_feed(E, 1, CAT.snapshots(E.id)), "bench"),
                            on_chunk=tr)

    def official(night: LiveNight, tr: Trace) -> object:
        return replay(night, official_feed(E, CAT.snapshots(E.id)),
                      on_chunk=lambda rep, _n: tr(rep))

    def dirty(night: LiveNight, tr: Trace) -> object:
        mixed = as_raw(sorted(atl + wrong, key=lambda u: u.seq))
        for i, text in enumerate(ODD * 3):
            mixed.insert(7 * (i + 1), RawRecord("feed", 100_000 + i, text))
        mixed += as_raw(atl[::3], "dup")
        late = list(atl)
        random.Random(9).shuffle(late)
        mixed += as_raw([_replace(u, seq=u.seq + 3) for u in late[:200]], "late")
        return night.ingest(mixed, on_chunk=tr, chunk=97)

    def shuffled(night: LiveNight, tr: Trace) -> object:
        sh = list(atl)
        random.Random(5).shuffle(sh)
        return night.ingest(as_raw(sh + sh[:50]), on_chunk=tr)

    def updates(night: LiveNight, tr: Trace) -> object:
        return night.ingest(atl, on_chunk=tr, chunk=13)

    def file(night: LiveNight, tr: Trace) -> object:
        folder = Path(tempfile.gettempdir()) / "seatcast-live-outcome"  # the same path each run
        folder.mkdir(exist_ok=True)
        feed = folder / "feed.jsonl"
        write_jsonl(atl, feed)
        with feed.open("a", encoding="utf-8") as f:
            f.write("{broken\n")
        report = night.ingest_file(feed)
        tr(report)  # (a file is read in one call: the state at its end)
        return report

    return {"bench": bench, "official": official, "dirty": dirty, "shuffled": shuffled,
            "updates": updates, "file": file}


def parse_digest() -> str:
    atl, _ = atlantic()
    h = hashlib.sha256()
    for text in ODD + [u.line() for u in atl[:500]]:
        for ridings in (None, frozenset(E.map.codes)):
            m = prepare(RawRecord("x", 1, text), "x", ridings)
            if isinstance(m, Malformed):
                h.update(repr(("M", m.source, m.line, m.text, m.reason)).encode())
            else:
                u = m.update
                h.update(repr(("R", m.source, m.line, m.text, m.digest, u.to_json(), u.time,
                               u.day)).encode())
    return h.hexdigest()[:16]


def main() -> None:
    runs = scenarios()
    names = sys.argv[1:] or [*runs, "parse"]
    plan = plan_night(Forecaster(CAT), E, load("2021t"))
    for name in names:
        if name == "parse":
            print("parse", parse_digest(), flush=True)
            continue
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "night.db"
            night = LiveNight(path, E, plan=plan)
            trace = Trace(night)
            runs[name](night, trace)
            night.close()
            print(name, store_digest(path), trace.h.hexdigest()[:16], readers_digest(path),
                  flush=True)


if __name__ == "__main__":
    main()
