"""The live store: an append-only log of every update, and the state derived from it.

SQLite (Python's standard library) in WAL mode, not DuckDB: the store is written record by
record all night while the CLI, the web page and a newsroom's own tools read it from other
processes.  SQLite lets readers in during writes and commits a small transaction in well
under a millisecond (480k feed rows upserted in 2.9 s on this class of machine, see
/work/shared/DEPENDENCIES.md); a DuckDB read-write process locks the file against every
other process, even read-only ones, and inserts row by row at ~1.5 ms.

Tables:

* ``updates``: every accepted record, keyed by (riding, seq), never updated or deleted;
* ``current``: per riding, the record with the highest seq (the state);
* ``corrections``: a record whose count went down from the one before it (by seq), kept
  with what went down, and recomputed when a late record lands in between;
* ``rejected``: each malformed record with its source, line and reason;
* ``calls`` and ``retractions``: calls with what they were based on; retractions (there
  should be none) are recorded beside the call, never by deleting it;
* ``riding_projection``: each riding's latest projection (for readers);
* ``state``: the national projection, counters and the read position in each source file.

A batch is applied in chunks; each chunk (its log rows, state, calls, projection and file
positions) is one transaction, so a process killed at any point restarts from the last
chunk boundary: nothing is lost (the chunk is re-read) and nothing is counted twice (a
re-sent (riding, seq) with the same content is a no-op).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from seatcast.catalog import load
from seatcast.domain.results import Election
from seatcast.errors import SeatcastError
from seatcast.live.feed import FeedError, RawRecord, Update, parse_line, parse_update

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS updates (
    riding INTEGER NOT NULL, seq INTEGER NOT NULL, time TEXT NOT NULL, stage TEXT NOT NULL,
    polls_reporting INTEGER, polls_total INTEGER, record TEXT NOT NULL, digest TEXT NOT NULL,
    source TEXT NOT NULL, PRIMARY KEY (riding, seq));
CREATE TABLE IF NOT EXISTS current (
    riding INTEGER PRIMARY KEY, seq INTEGER NOT NULL, record TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS corrections (
    riding INTEGER NOT NULL, seq INTEGER NOT NULL, prev_seq INTEGER NOT NULL,
    kind TEXT NOT NULL, detail TEXT NOT NULL, PRIMARY KEY (riding, seq));
CREATE TABLE IF NOT EXISTS rejected (
    source TEXT NOT NULL, line INTEGER NOT NULL, digest TEXT NOT NULL, reason TEXT NOT NULL,
    text TEXT NOT NULL, PRIMARY KEY (source, line, digest));
CREATE TABLE IF NOT EXISTS calls (subject TEXT PRIMARY KEY, call TEXT NOT NULL,
    made_after INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS retractions (subject TEXT PRIMARY KEY, seq INTEGER NOT NULL,
    time TEXT NOT NULL, detail TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS riding_projection (riding INTEGER PRIMARY KEY,
    projection TEXT NOT NULL);
"""


class StoreError(SeatcastError):
    pass


@dataclass
class IngestReport:
    applied: int = 0  # accepted and now the riding's current state
    stale: int = 0  # accepted into the log, but an update with a higher seq was already in
    duplicates: int = 0  # re-sent records: no-ops
    rejected: list[tuple[str, int, str]] = field(default_factory=list)  # source, line, reason
    corrections: int = 0
    calls: int = 0

    def merge(self, other: IngestReport) -> None:
        self.applied += other.applied
        self.stale += other.stale
        self.duplicates += other.duplicates
        self.rejected.extend(other.rejected)
        self.corrections += other.corrections
        self.calls += other.calls

    def as_dict(self) -> dict[str, Any]:
        return {"applied": self.applied, "stale": self.stale, "duplicates": self.duplicates,
                "rejected": len(self.rejected), "corrections": self.corrections,
                "calls": self.calls,
                "rejections": [{"source": s, "line": n, "reason": r}
                               for s, n, r in self.rejected[:50]]}


def connect(path: str | Path, *, readonly: bool = False) -> sqlite3.Connection:
    try:
        if readonly:
            p = Path(path)
            if not p.exists():
                raise StoreError(f"no live store at {p} (ingest or replay into it first)")
            conn = sqlite3.connect(f"file:{p}?mode=ro", uri=True, isolation_level=None,
                                   timeout=30)
            conn.execute("SELECT value FROM meta WHERE key='election'").fetchone()
        else:
            conn = sqlite3.connect(str(path), isolation_level=None, timeout=30)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")  # durable against a killed process
            conn.executescript(SCHEMA)
    except sqlite3.Error as e:  # a missing folder, a file that is not a Seatcast store
        raise StoreError(f"{path}: cannot open as a live store ({e})") from e
    return conn


def read_current(conn: sqlite3.Connection) -> dict[int, Update]:
    """The state: each riding's current record."""
    return {r: parse_update(json.loads(rec))
            for r, rec in conn.execute("SELECT riding, record FROM current")}


def _correction(prev: Update, new: Update) -> tuple[str, str] | None:
    """(kind, detail) if `new` lowers anything `prev` had counted."""
    down = []
    old = prev.votes_of()
    now = new.votes_of()
    for key, votes in now.items():
        before = old.get(key)
        if before is not None and votes < before:
            down.append(f"{key[0]} {before:,} → {votes:,}")
    for key in old:
        if key not in now:
            down.append(f"{key[0]} dropped")
    if (prev.polls_reporting is not None and new.polls_reporting is not None
            and new.stage == prev.stage and new.polls_reporting < prev.polls_reporting):
        down.append(f"polls reporting {prev.polls_reporting} → {new.polls_reporting}")
    if new.stage.rank < prev.stage.rank:
        down.append(f"stage {prev.stage.value} → {new.stage.value}")
    if not down:
        return None
    kind = "correction" if new.stage == prev.stage else "revision"
    return kind, "; ".join(down)


class LogStore:
    """The append-only log and the state derived from it (no model: see `night.LiveNight`)."""

    def __init__(self, path: str | Path, election: str | None = None) -> None:
        self.path = str(path)
        self.conn = connect(path)
        row = self.conn.execute("SELECT value FROM meta WHERE key='election'").fetchone()
        if row is None:
            if election is None:
                raise StoreError(f"{path} is a new store: say which election it is for")
            self.conn.execute("INSERT INTO meta VALUES ('election', ?)", (election,))
            row = (election,)
        elif election is not None and str(election) != row[0]:
            raise StoreError(f"{path} holds election {row[0]}, not {election}")
        self.election: Election = load(row[0])
        self.ridings = frozenset(self.election.results)
        self.current = read_current(self.conn)
        # called after a failed chunk was rolled back, once `current` is the store's again:
        # whatever else is derived in memory (the night's model, projections, calls) reloads
        self.on_rollback: Callable[[], None] | None = None

    def close(self) -> None:
        self.conn.close()

    # -- one record, inside an open transaction ------------------------------------------
    def _reject(self, rep: IngestReport, source: str, line: int, text: str, reason: str) -> None:
        # text handed in as str (an API body) may hold lone surrogates: store what UTF-8 can
        text = text.encode("utf-8", "replace").decode("utf-8")
        reason = reason.encode("utf-8", "replace").decode("utf-8")
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
        self.conn.execute("INSERT OR IGNORE INTO rejected VALUES (?,?,?,?,?)",
                          (source, line, digest, reason, text[:2000]))
        rep.rejected.append((source, line, reason))

    def _neighbour(self, riding: int, seq: int, before: bool) -> Update | None:
        q = ("SELECT record FROM updates WHERE riding=? AND seq<? ORDER BY seq DESC LIMIT 1"
             if before else
             "SELECT record FROM updates WHERE riding=? AND seq>? ORDER BY seq LIMIT 1")
        row = self.conn.execute(q, (riding, seq)).fetchone()
        return parse_update(json.loads(row[0])) if row else None

    def _set_correction(self, prev: Update | None, new: Update, rep: IngestReport) -> None:
        c = _correction(prev, new) if prev is not None else None
        if c is None:
            self.conn.execute("DELETE FROM corrections WHERE riding=? AND seq=?",
                              (new.riding, new.seq))
        else:
            assert prev is not None
            self.conn.execute("INSERT OR REPLACE INTO corrections VALUES (?,?,?,?,?)",
                              (new.riding, new.seq, prev.seq, *c))
            rep.corrections += 1

    def apply(self, item: RawRecord | Update, rep: IngestReport, source: str) -> Update | None:
        """Log one record; return it if it became its riding's current state."""
        if isinstance(item, RawRecord):
            source, line = item.source, item.line
            try:
                u = parse_line(item.text, self.ridings)
            except FeedError as e:
                self._reject(rep, source, line, item.text, str(e))
                return None
        else:
            u, line = item, 0
            if u.riding not in self.ridings:
                self._reject(rep, source, line, u.line(), f"riding {u.riding} is not on this "
                             "election's map")
                return None
        text, digest = u.line(), u.digest()
        row = self.conn.execute("SELECT digest FROM updates WHERE riding=? AND seq=?",
                                (u.riding, u.seq)).fetchone()
        if row is not None:
            if row[0] == digest:
                rep.duplicates += 1
            else:
                self._reject(rep, source, line, text, f"riding {u.riding} seq {u.seq} was "
                             "already received with different figures")
            return None
        self.conn.execute("INSERT INTO updates VALUES (?,?,?,?,?,?,?,?,?)",
                          (u.riding, u.seq, u.time, u.stage.value, u.polls_reporting,
                           u.polls_total, text, digest, source))
        cur = self.current.get(u.riding)
        if cur is None or u.seq > cur.seq:
            self._set_correction(cur, u, rep)  # in order: the predecessor is the current
            self.conn.execute("INSERT OR REPLACE INTO current VALUES (?,?,?)",
                              (u.riding, u.seq, text))
            self.current[u.riding] = u
            rep.applied += 1
            return u
        # a late record: it lands between two logged ones; fix both correction rows
        self._set_correction(self._neighbour(u.riding, u.seq, True), u, rep)
        succ = self._neighbour(u.riding, u.seq, False)
        if succ is not None:
            self._set_correction(u, succ, rep)
        rep.stale += 1
        return None

    def chunk(self, items: Iterable[RawRecord | Update], source: str,
              finish: Callable[[list[Update], IngestReport], None] | None = None,
              cursor: tuple[str, int] | None = None) -> IngestReport:
        """Apply records as one transaction; `finish` runs inside it (model, calls).  If
        anything raises, the transaction is rolled back, the state is read back from the
        store and `on_rollback` runs, before the error goes on."""
        rep = IngestReport()
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            changed = []
            for it in items:
                u = self.apply(it, rep, source)
                if u is not None:
                    changed.append(u)
            if rep.duplicates:
                self._bump("duplicates", rep.duplicates)
            if finish is not None:
                finish(changed, rep)
            if cursor is not None:
                self.conn.execute("INSERT OR REPLACE INTO state VALUES (?,?)",
                                  (f"cursor:{cursor[0]}", str(cursor[1])))
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:  # SQLite may have rolled back already (e.g. disk full)
                self.conn.execute("ROLLBACK")
            self.current = read_current(self.conn)
            if self.on_rollback is not None:
                self.on_rollback()
            raise
        return rep

    def _bump(self, key: str, n: int) -> None:
        row = self.conn.execute("SELECT value FROM state WHERE key=?", (key,)).fetchone()
        self.conn.execute("INSERT OR REPLACE INTO state VALUES (?,?)",
                          (key, str(int(row[0]) + n if row else n)))

    def cursor(self, source: str) -> int:
        row = self.conn.execute("SELECT value FROM state WHERE key=?",
                                (f"cursor:{source}",)).fetchone()
        return int(row[0]) if row else 0


def chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    buf: list[Any] = []
    for it in items:
        buf.append(it)
        if len(buf) >= size:
            yield buf
            buf = []
    if buf:
        yield buf
