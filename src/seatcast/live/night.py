"""A live night: the store, the model and the calls, kept in step chunk by chunk.

`LiveNight` applies a batch of records in chunks.  At the end of each chunk (inside its
transaction) it re-projects the ridings that changed, makes the calls the standard now
allows, checks existing calls against the new count (a contradiction is recorded as a
retraction, never by deleting the call), refreshes the national seat projection and the
government call, and saves the projection for readers (`seatcast.live.status`).

Everything a chunk computes is a function of the state at the chunk's end (the national
draws reuse the night's fixed bank of noise; a government call rests on the latest record
of the state, by instant then seq), so a process killed mid-ingest and restarted rebuilds
the same state, calls and their bases included.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import time as _time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from seatcast.domain.parties import Party
from seatcast.domain.results import Election
from seatcast.domain.ridings import RidingCode
from seatcast.errors import InputFileError
from seatcast.live.calls import (
    GOVERNMENT,
    LARGEST_PARTY,
    Call,
    CallSubject,
    PossibleSeats,
    RidingSubject,
    government_calls,
    government_retracted,
    riding_call,
    riding_retracted,
)
from seatcast.live.feed import (
    FeedError,
    Malformed,
    RawRecord,
    Record,
    Update,
    event_results_updates,
    prepare,
    read_jsonl,
)
from seatcast.live.model import (
    LiveModel,
    ModelConfig,
    NationalProjection,
    RidingProjection,
    SeatDraws,
)
from seatcast.live.plan import NightPlan
from seatcast.live.store import IngestReport, LogStore, StoreError, Tally

CHUNK = 250
Item = Record | Malformed


def day_chunks(items: Iterable[Item], size: int, window: float | None = None,
               ) -> Iterator[list[Item]]:
    """Chunks of at most `size` records that never span two days of the feed (so the
    night's calls are not made on the strength of counts published days later) nor, with
    `window`, more than `window` seconds of feed time (a paced replay).  Days and times are
    instants, however a record writes its offset; a malformed record (no time) joins the
    chunk it arrives in."""
    day = None
    start = 0.0
    buf: list[Item] = []
    for it in items:
        u = it.update if isinstance(it, Record) else None
        d = u.day if u is not None else None
        t = u.time.timestamp() if u is not None and window is not None else None
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


#: The cyclic collector's first threshold during a bulk ingest (Python's default is 700).
BULK_GC_THRESHOLD = 10_000


@contextlib.contextmanager
def fewer_collections(threshold: int = BULK_GC_THRESHOLD) -> Iterator[None]:
    """The cyclic garbage collector runs less often while a batch is ingested: a night's
    records are millions of short-lived objects without cycles (freed by their reference
    counts), and at the default threshold the collector ran every 700 of them, and through
    the whole catalog every few seconds, for nothing to collect (about 10 % of a bulk
    ingest).  Cycles are still collected, 14 times less often; the thresholds are restored
    afterwards (a collector that is off, or set higher, is left as it is)."""
    old = gc.get_threshold()
    if not gc.isenabled() or old[0] == 0 or old[0] >= threshold:
        yield
        return
    gc.set_threshold(threshold, *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)


def _latest(current: Mapping[RidingCode, Update]) -> Update | None:
    """The most recent record of the state: the latest instant, then the highest seq (a
    function of the state alone, whatever order the ridings were stored in)."""
    return max(current.values(), key=lambda u: (u.time, u.seq), default=None)


class LiveNight:
    """A store and the model, projections and calls derived from it, kept in step.

    ``LiveNight(path, election)`` opens an existing store for writing (its writer lock is
    held until `close`); a new store also needs the night's `plan`
    (`seatcast.live.plan.plan_night`), which it keeps."""

    def __init__(self, path: str | Path, election: Election, *, plan: NightPlan | None = None,
                 config: ModelConfig | None = None, verify: bool = True) -> None:
        self.store = LogStore(path, election, plan, verify=verify)
        try:
            self.election = election
            self.plan = self.store.plan
            self.prior = self.plan.prior
            self.config = config or ModelConfig()
            self.draws = SeatDraws(election, self.prior, self.config, self.plan.seed)
            self._possible = PossibleSeats()
            self._load()
        except BaseException:
            self.store.close()
            raise
        self.store.on_rollback = self._load

    def _load(self) -> None:
        """The state derived in memory, rebuilt from the store: on opening, and after a
        chunk that failed partway was rolled back (a chunk changes the model, projections
        and calls as it goes; none of that may outlive the transaction)."""
        self.model = LiveModel(self.election, self.prior, self.config)
        self.projections: dict[RidingCode, RidingProjection] = {}
        for u in self.store.current.values():
            self.model.note_turnout(u)
        for code in sorted(self.store.current):
            self.projections[code] = self.model.project(self.store.current[code])
        self.calls: dict[CallSubject, Call] = self.store.read_calls()
        # the riding calls of `calls` by riding, in the same order (kept beside it)
        self._riding_calls: dict[RidingCode, Call] = {
            s.riding: c for s, c in self.calls.items() if isinstance(s, RidingSubject)}
        self.retracted: set[CallSubject] = self.store.retracted()
        self._basis = self.model.turnout_basis()
        # from scratch: a chunk that failed may have left the draws half updated
        self.draws.reset(self.projections, self.standing_riding_calls())
        self.national: NationalProjection = self.draws.projection()

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> LiveNight:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- derived state, inside the chunk's transaction -----------------------------------
    def _record_call(self, call: Call, tally: Tally) -> None:
        self.calls[call.subject] = call
        if isinstance(call.subject, RidingSubject):
            self._riding_calls[call.subject.riding] = call
        self.store.add_call(call)
        tally.calls += 1

    def _retract(self, call: Call, seq: int, time: dt.datetime, detail: str) -> None:
        if call.subject in self.retracted:
            return
        self.retracted.add(call.subject)
        self.store.add_retraction(call.subject, seq, time, detail)

    def riding_calls(self) -> dict[RidingCode, Party]:
        """Every riding called, retracted or not (a call is never withdrawn)."""
        return {r: c.party for r, c in self._riding_calls.items()}

    def standing_riding_calls(self) -> dict[RidingCode, Party]:
        if not self.retracted:  # (as there should be none)
            return {r: c.party for r, c in self._riding_calls.items()}
        return {r: c.party for r, c in self._riding_calls.items()
                if c.subject not in self.retracted}

    def _finish(self, changed: Mapping[RidingCode, Update], tally: Tally) -> None:
        touched = set(changed)
        for code in sorted(changed):
            self.model.note_turnout(changed[code])
        refresh = set(touched)
        if self.model.turnout_basis() != self._basis:
            # a partial count's projection rests on the turnout seen in complete ridings:
            # re-project them all, so that projections (and the national draws and the
            # government call) depend on the state alone, as after a restart, and not on
            # when each riding last reported
            self._basis = self.model.turnout_basis()
            refresh.update(c for c, u in self.store.current.items() if not u.complete)
        order = sorted(refresh)
        for code in order:
            u = self.store.current[code]
            pr = self.model.project(u)
            self.projections[code] = pr
            if code not in touched:
                continue  # a riding is called (or its call checked) on its own updates
            call = self._riding_calls.get(code)
            if call is None:
                new = riding_call(pr, self.config)
                if new is not None:
                    self._record_call(new, tally)
            elif riding_retracted(call, pr):
                lead = pr.names[pr.leader] if pr.leader >= 0 else "nobody"
                self._retract(call, u.seq, u.time,
                              f"{pr.stage} count now led by {lead}; called for {call.candidate}")
        standing = self.standing_riding_calls()
        # a riding's call is made or retracted only on its own updates: the ridings whose
        # slots may have moved are those re-projected
        self.draws.set_ridings(self.projections, standing, order)
        # each riding as readers see it: its projection and its share of the seat draws
        self.store.save_projections(zip(order, [self.projections[c] for c in order],
                                        self.draws.chances_of(order), strict=True))
        self.refresh_national(tally, standing)

    def refresh_national(self, tally: Tally | None = None,
                         called: Mapping[RidingCode, Party] | None = None) -> NationalProjection:
        """The national projection from the draws as they stand; inside a chunk (`tally`
        given), the government calls it allows, their retractions, and the stored copy
        (`called`: the standing riding calls, if already at hand)."""
        if called is None:
            called = self.standing_riding_calls()
        nat = self.draws.projection()
        self.national = nat
        if tally is None:
            return nat
        last = _latest(self.store.current)
        t = last.time if last else dt.datetime.fromtimestamp(0, dt.UTC)
        s = last.seq if last else 0
        possible = self._possible(self.election, self.projections, called)
        for c in government_calls(self.election, self.projections, called, nat,
                                  self.config, s, t, possible):
            if c.subject not in self.calls:
                self._record_call(c, tally)
        for subj in (LARGEST_PARTY, GOVERNMENT):
            gc = self.calls.get(subj)
            if gc is not None and government_retracted(gc, nat):
                self._retract(gc, s, t, "national draws now against the call")
        self.store.save_national(nat.by_party(), nat.draws, self.model.turnout_factor,
                                 self.prior.kind)
        return nat

    # -- batches --------------------------------------------------------------------------
    def prepared(self, items: Iterable[RawRecord | Update], source: str) -> Iterator[Item]:
        """Each line parsed once (its canonical line and digest computed once)."""
        ridings = self.store.ridings
        for it in items:
            yield prepare(it, source, ridings)

    def ingest(self, items: Iterable[RawRecord | Update], *, source: str = "api",
               chunk: int = CHUNK,
               on_chunk: Callable[[IngestReport, list[Item]], None] | None = None,
               ) -> IngestReport:
        total = IngestReport()
        with fewer_collections():
            for batch in day_chunks(self.prepared(items, source), chunk):
                rep = self.store.chunk(batch, self._finish)
                total += rep
                if on_chunk is not None:
                    on_chunk(rep, batch)
        return total

    def ingest_file(self, path: Path, *, chunk: int = CHUNK) -> IngestReport:
        """One JSON Lines file, resuming after the last line a finished chunk consumed."""
        source = str(path.resolve())
        offset = self.store.cursor(source)
        try:
            raws, ends = read_jsonl(path, offset)
        except OSError as e:
            raise InputFileError(path, None, f"cannot read it ({e.strerror or e})") from None
        total = IngestReport()
        done = 0
        with fewer_collections():
            for batch in day_chunks(self.prepared(raws, source), chunk):
                done += len(batch)
                total += self.store.chunk(batch, self._finish, cursor=(source, ends[done - 1]))
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
                    total += self.ingest_path(p, chunk=chunk)
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
            before = total.records
            for p in _listing(path) if path.is_dir() else [path] if path.is_file() else []:
                if p.suffix in (".tsv", ".txt"):
                    m = p.stat().st_mtime
                    if seen.get(p) == m:
                        continue
                    if path.is_dir() and not _is_feed(p):
                        seen[p] = m  # another report: passed over until it changes
                        continue
                    try:
                        total += self.ingest_event_results(p, chunk=chunk)
                        seen[p] = m
                    except InputFileError:
                        continue  # being written: try again on the next pass
                elif p.suffix == ".jsonl":
                    total += self.ingest_file(p, chunk=chunk)
            if total.records != before:
                quiet_since = _time.monotonic()
            elif idle_stop is not None and _time.monotonic() - quiet_since >= idle_stop:
                return total
            _time.sleep(interval)


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


def paced(updates: Sequence[Update], speed: float, *, chunk: int = CHUNK,
          max_pause: float = 2.0, source: str = "replay") -> Iterator[list[Record]]:
    """The feed in day chunks; with `speed` > 0, released at `speed` times real time: each
    chunk holds at most 0.05 s of (scaled) feed time, and the wait before it is its
    feed-time gap / speed, at most `max_pause` seconds (0: all at once)."""
    prev: float | None = None
    records = (prepare(u, source) for u in updates)
    for batch in day_chunks(records, chunk, 0.05 * speed if speed > 0 else None):
        first = batch[0]
        t = first.update.time.timestamp() if isinstance(first, Record) else None
        if speed > 0 and prev is not None and t is not None:
            _time.sleep(min(max(0.0, t - prev) / speed, max_pause))
        prev = t if t is not None else prev
        yield [r for r in batch if isinstance(r, Record)]


def replay(night: LiveNight, updates: Sequence[Update], *, speed: float = 0.0,
           chunk: int = CHUNK, max_pause: float = 2.0,
           on_chunk: Callable[[IngestReport, int], None] | None = None) -> IngestReport:
    """Feed `updates` through `night`, paced as `paced` releases them."""
    total = IngestReport()
    with fewer_collections():
        for batch in paced(updates, speed, chunk=chunk, max_pause=max_pause):
            rep = night.store.chunk(batch, night._finish)
            total += rep
            if on_chunk is not None:
                on_chunk(rep, len(batch))
    return total


def emit(updates: Sequence[Update], path: Path, *, speed: float = 0.0, max_pause: float = 2.0,
         on_chunk: Callable[[int], None] | None = None) -> int:
    """Write the feed as JSON Lines; returns how many records.  Without `speed` the file is
    written whole or not at all (a temporary name, then a rename: a failure leaves the old
    file or none).  With `speed` > 0 the file grows as a replay at that speed would apply
    it, whole lines flushed chunk by chunk: a rehearsal feed for `seatcast live ingest FILE
    --follow`, so it is written in place (a follower reads it as it grows); it ends the
    same, and a failure before its first line leaves no file."""
    from seatcast.errors import SeatcastError
    from seatcast.live.feed import write_jsonl

    if speed <= 0:
        n = write_jsonl(updates, path)
        if on_chunk is not None:
            on_chunk(n)
        return n
    n = 0
    try:
        with path.open("w", encoding="utf-8", newline="\n") as f:
            for batch in paced(updates, speed, max_pause=max_pause):
                f.write("".join(r.text + "\n" for r in batch))
                f.flush()
                n += len(batch)
                if on_chunk is not None:
                    on_chunk(len(batch))
    except OSError as e:
        if n == 0:
            path.unlink(missing_ok=True)
        raise SeatcastError(f"cannot write {path}: {e.strerror or e}") from e
    except BaseException:
        if n == 0:
            path.unlink(missing_ok=True)
        raise
    return n
