"""A live night: the store, the model and the calls, kept in step chunk by chunk.

`LiveNight` applies a batch of records in chunks.  At the end of each chunk (inside its
transaction) it re-projects the ridings that changed, makes the calls the standard now
allows, checks existing calls against the new count (a contradiction is recorded as a
retraction, never by deleting the call), refreshes the national seat projection and the
government call, and saves the projection for readers (`seatcast.live.status`).

Everything a chunk computes is a function of the state at the chunk's end (the national
draws are seeded from it), so a process killed mid-ingest and restarted rebuilds the same
state, calls included.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time as _time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import cast

import numpy as np

from seatcast.domain.parties import Party
from seatcast.errors import InputFileError, SeatcastError
from seatcast.live.calls import (
    Call,
    government_calls,
    government_retracted,
    riding_call,
    riding_retracted,
)
from seatcast.live.feed import (
    FeedError,
    RawRecord,
    Update,
    event_results_updates,
    read_jsonl,
    write_jsonl,
)
from seatcast.live.model import (
    LiveModel,
    ModelConfig,
    NationalProjection,
    Prior,
    RidingProjection,
    forecast_prior,
    national_projection,
)
from seatcast.live.store import IngestReport, LogStore, StoreError

CHUNK = 250


def day_chunks(items: Iterable[RawRecord | Update], size: int, window: float | None = None,
               ) -> Iterable[list[RawRecord | Update]]:
    """Chunks of at most `size` records that never span two days of the feed (so the
    night's calls are not made on the strength of counts published days later) nor, with
    `window`, more than `window` seconds of feed time (a paced replay)."""
    day = None
    start = 0.0
    buf: list[RawRecord | Update] = []
    for it in items:
        d = it.time[:10] if isinstance(it, Update) else _raw_day(it.text)
        t = _stamp(it) if window is not None else None
        if buf and (len(buf) >= size or (d is not None and day is not None and d != day)
                    or (t is not None and window is not None and t - start >= window)):
            yield buf
            buf = []
        if not buf:
            start = t or 0.0
        day = d if d is not None else day
        buf.append(it)
    if buf:
        yield buf


_DAY = re.compile(r'"time"\s*:\s*"(\d{4}-\d{2}-\d{2})')


def _raw_day(text: str) -> str | None:
    """The day of a record not parsed yet (None if it has none: it will be rejected)."""
    m = _DAY.search(text)
    return m.group(1) if m else None


def projection_json(pr: RidingProjection) -> dict[str, object]:
    """A riding projection for readers: final votes (mean and 90 % interval) and chances."""
    return {
        "seq": pr.seq,
        "candidates": [
            {"name": n, "party": p.value, "counted": c, "projected": round(m),
             "low": round(lo), "high": round(hi), "win_probability": round(w, 5)}
            for n, p, c, m, lo, hi, w in zip(pr.names, pr.parties, pr.counted, pr.projected,
                                             pr.low, pr.high, pr.win_probability, strict=True)
        ],
        "margin": pr.margin,
        "could_lose": round(pr.could_lose),
        "recount_line": round(pr.recount_line),
    }


class LiveNight:
    def __init__(self, path: str | Path, election: str | None = None, *,
                 prior: Prior | None = None, config: ModelConfig | None = None) -> None:
        self.store = LogStore(path, election)
        self.election = self.store.election
        self.config = config or ModelConfig()
        self.prior = prior or forecast_prior(self.election)
        self._load()
        self.store.on_rollback = self._load

    def _load(self) -> None:
        """The state derived in memory, rebuilt from the store: on opening, and after a
        chunk that failed partway was rolled back (a chunk changes the model, projections
        and calls as it goes; none of that may outlive the transaction)."""
        self.model = LiveModel(self.election, self.prior, self.config)
        self.projections: dict[int, RidingProjection] = {}
        for u in self.store.current.values():
            self.model.note_turnout(u)
        for u in self.store.current.values():
            self.projections[u.riding] = self.model.project(u)
        conn = self.store.conn
        self.calls: dict[str, Call] = {}
        for subject, text in conn.execute("SELECT subject, call FROM calls"):
            d = json.loads(text)
            d["party"] = Party(d["party"])
            self.calls[subject] = Call(**d)
        self.retracted = {r[0] for r in conn.execute("SELECT subject FROM retractions")}
        self.national: NationalProjection | None = None
        self._basis = self.model.turnout_basis()

    def close(self) -> None:
        self.store.close()

    # -- derived state, inside the chunk's transaction -----------------------------------
    def _record_call(self, call: Call, rep: IngestReport) -> None:
        self.calls[call.subject] = call
        n = self.store.conn.execute("SELECT max(rowid) FROM updates").fetchone()[0] or 0
        self.store.conn.execute("INSERT INTO calls VALUES (?,?,?)",
                                (call.subject, json.dumps(asdict(call)), n))
        rep.calls += 1

    def _retract(self, call: Call, seq: int, time: str, detail: str) -> None:
        if call.subject in self.retracted:
            return
        self.retracted.add(call.subject)
        self.store.conn.execute("INSERT INTO retractions VALUES (?,?,?,?)",
                                (call.subject, seq, time, detail))

    def riding_calls(self) -> dict[int, Party]:
        return {int(s): c.party for s, c in self.calls.items() if s.isdigit()}

    def _finish(self, changed: list[Update], rep: IngestReport) -> None:
        touched = {u.riding for u in changed}
        for u in changed:
            self.model.note_turnout(u)
        refresh = set(touched)
        if self.model.turnout_basis() != self._basis:
            # a partial count's projection rests on the turnout seen in complete ridings:
            # re-project them all, so that projections (and the national draws and the
            # government call) depend on the state alone, as after a restart, and not on
            # when each riding last reported
            self._basis = self.model.turnout_basis()
            refresh.update(c for c, u in self.store.current.items() if not u.complete)
        for code in sorted(refresh):
            u = self.store.current[code]
            pr = self.model.project(u)
            self.projections[code] = pr
            self.store.conn.execute("INSERT OR REPLACE INTO riding_projection VALUES (?,?)",
                                    (code, json.dumps(projection_json(pr))))
            if code not in touched:
                continue  # a riding is called (or its call checked) on its own updates
            call = self.calls.get(str(code))
            if call is None:
                new = riding_call(pr, self.config)
                if new is not None:
                    self._record_call(new, rep)
            elif riding_retracted(call, pr):
                lead = pr.names[pr.leader] if pr.leader >= 0 else "nobody"
                self._retract(call, u.seq, u.time,
                              f"{pr.stage} count now led by {lead}; called for {call.candidate}")
        self.refresh_national(rep)

    def refresh_national(self, rep: IngestReport | None = None) -> NationalProjection:
        called = self.riding_calls()
        last = max(self.store.current.values(), key=lambda u: u.time, default=None)
        seq = sum(u.seq for u in self.store.current.values())
        rng = np.random.default_rng([seq, len(self.store.current), len(called)])
        nat = national_projection(self.election, self.model.prior, self.projections, called,
                                  self.config, rng)
        self.national = nat
        if rep is not None:
            t = last.time if last else ""
            s = last.seq if last else 0
            for c in government_calls(self.election, self.projections, called, nat,
                                      self.config, s, t):
                if c.subject not in self.calls:
                    self._record_call(c, rep)
            for subj in ("government:largest", "government"):
                gc = self.calls.get(subj)
                if gc is not None and government_retracted(gc, nat):
                    self._retract(gc, s, t, "national draws now against the call")
            self.store.conn.execute(
                "INSERT OR REPLACE INTO state VALUES ('projection', ?)",
                (json.dumps({"national": nat.as_dict(), "draws": nat.draws,
                             "turnout_factor": round(self.model.turnout_factor, 4),
                             "prior": self.model.prior.source}),))
        return nat

    # -- batches --------------------------------------------------------------------------
    def ingest(self, items: Iterable[RawRecord | Update], *, source: str = "api",
               chunk: int = CHUNK,
               on_chunk: Callable[[IngestReport, list[RawRecord | Update]], None] | None = None,
               ) -> IngestReport:
        total = IngestReport()
        for batch in day_chunks(items, chunk):
            rep = self.store.chunk(batch, source, self._finish)
            total.merge(rep)
            if on_chunk is not None:
                on_chunk(rep, batch)
        return total

    def ingest_file(self, path: Path, *, chunk: int = CHUNK) -> IngestReport:
        """One JSON Lines file, resuming after the last line a finished chunk consumed."""
        source = str(path.resolve())
        offset = self.store.cursor(source)
        raws, ends = read_jsonl(path, offset)
        total = IngestReport()
        done = 0
        for batch in day_chunks(raws, chunk):
            done += len(batch)
            total.merge(self.store.chunk(batch, source, self._finish,
                                         cursor=(source, ends[done - 1])))
        return total

    def ingest_event_results(self, path: Path, *, chunk: int = CHUNK) -> IngestReport:
        """Elections Canada's results download: every riding at every stage it shows."""
        try:
            ups = event_results_updates(path)
        except FeedError as e:
            raise InputFileError(path, 1, str(e)) from None
        return self.ingest(ups, source=str(path.resolve()), chunk=chunk)

    def ingest_path(self, path: Path, *, chunk: int = CHUNK) -> IngestReport:
        """A .jsonl file, an EC download (.tsv) or a directory of them (in name order)."""
        if path.is_dir():
            total = IngestReport()
            for p in _listing(path):
                if _is_feed(p):
                    total.merge(self.ingest_path(p, chunk=chunk))
            return total
        if not path.exists():
            raise StoreError(f"{path}: no such file or directory")
        if path.suffix in (".tsv", ".txt"):
            return self.ingest_event_results(path, chunk=chunk)
        return self.ingest_file(path, chunk=chunk)

    def follow(self, path: Path, *, interval: float = 1.0, idle_stop: float | None = None,
               chunk: int = CHUNK) -> IngestReport:
        """Keep reading a file or directory as it is written (re-reading EC downloads when
        they change) until nothing new arrives for `idle_stop` seconds."""
        total = IngestReport()
        seen: dict[Path, float] = {}
        quiet_since = _time.monotonic()
        while True:
            before = total.applied + total.stale + total.duplicates + len(total.rejected)
            for p in _listing(path) if path.is_dir() else [path] if path.is_file() else []:
                if p.suffix in (".tsv", ".txt"):
                    m = p.stat().st_mtime
                    if seen.get(p) == m:
                        continue
                    if path.is_dir() and not _is_feed(p):
                        seen[p] = m  # another report: passed over until it changes
                        continue
                    try:
                        total.merge(self.ingest_event_results(p, chunk=chunk))
                        seen[p] = m
                    except InputFileError:
                        continue  # being written: try again on the next pass
                elif p.suffix == ".jsonl":
                    total.merge(self.ingest_file(p, chunk=chunk))
            after = total.applied + total.stale + total.duplicates + len(total.rejected)
            if after != before:
                quiet_since = _time.monotonic()
            elif idle_stop is not None and _time.monotonic() - quiet_since >= idle_stop:
                return total
            _time.sleep(interval)


def _stamp(u: RawRecord | Update) -> float | None:
    if not isinstance(u, Update):
        return None
    return dt.datetime.fromisoformat(u.time).timestamp()


def _listing(folder: Path) -> list[Path]:
    """The files of a folder that may be feeds (.jsonl, .tsv, .txt), in name order."""
    return [p for p in sorted(folder.iterdir())
            if p.suffix in (".jsonl", ".tsv", ".txt") and p.is_file()]


def _is_feed(path: Path) -> bool:
    """In a folder, a .tsv/.txt file counts only if it is a results download: EC's download
    folder also holds other reports (e.g. the winners report), which are passed over."""
    if path.suffix == ".jsonl":
        return True
    from seatcast.sources.files import sniff

    try:
        return sniff(path) == "event-results"
    except InputFileError:
        return False


def paced(updates: list[Update], speed: float, *, chunk: int = CHUNK,
          max_pause: float = 2.0) -> Iterator[list[RawRecord | Update]]:
    """The feed in day chunks; with `speed` > 0, released at `speed` times real time: each
    chunk holds at most 0.05 s of (scaled) feed time, and the wait before it is its
    feed-time gap / speed, at most `max_pause` seconds (0: all at once)."""
    prev: float | None = None
    for batch in day_chunks(updates, chunk, 0.05 * speed if speed > 0 else None):
        t = _stamp(batch[0])
        if speed > 0 and prev is not None and t is not None:
            _time.sleep(min(max(0.0, t - prev) / speed, max_pause))
        prev = t if t is not None else prev
        yield batch


def replay(night: LiveNight, updates: list[Update], *, speed: float = 0.0, chunk: int = CHUNK,
           max_pause: float = 2.0,
           on_chunk: Callable[[IngestReport, int], None] | None = None) -> IngestReport:
    """Feed `updates` through `night`, paced as `paced` releases them."""
    total = IngestReport()
    for batch in paced(updates, speed, chunk=chunk, max_pause=max_pause):
        rep = night.store.chunk(batch, "replay", night._finish)
        total.merge(rep)
        if on_chunk is not None:
            on_chunk(rep, len(batch))
    return total


def emit(updates: list[Update], path: Path, *, speed: float = 0.0, max_pause: float = 2.0,
         on_chunk: Callable[[int], None] | None = None) -> int:
    """Write the feed as JSON Lines; returns how many records.  With `speed` > 0 the file
    grows as a replay at that speed would apply it, whole lines flushed chunk by chunk: a
    rehearsal feed for `seatcast live ingest FILE --follow`.  The file ends the same."""
    if speed <= 0:
        n = write_jsonl(updates, path)
        if on_chunk is not None:
            on_chunk(n)
        return n
    n = 0
    try:
        with path.open("w", encoding="utf-8", newline="\n") as f:
            for batch in paced(updates, speed, max_pause=max_pause):
                f.write("".join(u.line() + "\n" for u in cast("list[Update]", batch)))
                f.flush()
                n += len(batch)
                if on_chunk is not None:
                    on_chunk(len(batch))
    except OSError as e:
        raise SeatcastError(f"cannot write {path}: {e.strerror or e}") from e
    return n
