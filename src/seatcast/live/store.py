"""The live store: an append-only log of every update, and the state derived from it.

SQLite (Python's standard library) in WAL mode, not DuckDB: the store is written record by
record all night while the CLI, the web page and a newsroom's own tools read it from other
processes.  SQLite lets readers in during writes and commits a small transaction in well
under a millisecond (480k feed rows upserted in 2.9 s on this class of machine, see
/work/shared/DEPENDENCIES.md); a DuckDB read-write process locks the file against every
other process, even read-only ones, and inserts row by row at ~1.5 ms.

This module is the only one that knows the schema.  Tables:

* ``meta``: the election, the schema version, the night's id and seed, its prior's kind;
* ``ridings`` and ``prior``: the night's plan (`seatcast.live.plan`), fixed at creation:
  per riding the expected votes, the plausibility limits, and the prior shares and sds;
* ``updates``: every accepted record, keyed by (riding, seq), never updated or deleted;
* ``current``: per riding, the seq of its record of the latest stage with the highest seq
  (the state; the record itself is its row of ``updates``, not written a second time);
* ``corrections``: a record whose count went down from the one before it (by seq), kept
  with what went down, and recomputed when a late record lands in between;
* ``rejected``: each record refused, with its source, line and reason;
* ``calls`` and ``retractions``: calls with what they were based on; retractions (there
  should be none) are recorded beside the call, never by deleting it;
* ``riding_projection``: each riding's latest projection (for readers), a compact JSON
  object written by msgspec: votes as whole numbers, chances as computed (readers round);
* ``state``: the national projection, counters, the revision (one more per committed
  chunk) and the read position in each source file.

A batch is applied in chunks; each chunk (its log rows, state, calls, projection and file
positions) is one transaction, so a process killed at any point restarts from the last
chunk boundary: nothing is lost (the chunk is re-read) and nothing is counted twice (a
re-sent (riding, seq) with the same content is a no-op).  Within a chunk each record is
parsed once and its statements are batched (`executemany`).

One writer at a time: a writer holds an exclusive lock on ``<store>.lock`` (released by
the system when the process ends, even by kill -9); a second writer gets `StoreBusyError`
at once.  Readers never take it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import math
import os
import secrets
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

import msgspec

from seatcast.domain.parties import Party
from seatcast.domain.results import Election
from seatcast.domain.ridings import RidingCode
from seatcast.errors import SeatcastError
from seatcast.live.calls import (
    GOVERNMENT,
    LARGEST_PARTY,
    Call,
    CallOutcome,
    CallSubject,
    RidingSubject,
)
from seatcast.live.feed import (
    FeedError,
    Malformed,
    Record,
    Update,
    digest_of,
    parse_line,
    time_text,
)
from seatcast.live.model import PartySeats, Prior, PriorKind, RidingProjection
from seatcast.live.plan import NightPlan
from seatcast.live.plausible import ElectorsBasis, RidingLimits, implausible

SCHEMA_VERSION = "3"
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS ridings (
    riding INTEGER PRIMARY KEY, expected_votes INTEGER NOT NULL, electors_limit INTEGER NOT NULL,
    electors_basis TEXT NOT NULL, polls_limit INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS prior (
    riding INTEGER NOT NULL, party TEXT NOT NULL, share REAL NOT NULL, sd REAL NOT NULL,
    PRIMARY KEY (riding, party));
CREATE TABLE IF NOT EXISTS updates (
    riding INTEGER NOT NULL, seq INTEGER NOT NULL, time TEXT NOT NULL, stage TEXT NOT NULL,
    polls_reporting INTEGER, polls_total INTEGER, record TEXT NOT NULL, digest TEXT NOT NULL,
    source TEXT NOT NULL, PRIMARY KEY (riding, seq));
CREATE TABLE IF NOT EXISTS current (riding INTEGER PRIMARY KEY, seq INTEGER NOT NULL);
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
#: How many rejections an ingest report lists (it counts them all).
REPORT_REJECTIONS = 20
#: How many of the latest rejections the status lists.
STATUS_REJECTIONS = 50
#: The text of a rejected record kept in the store (its first characters).
REJECTED_TEXT = 2000


class StoreError(SeatcastError):
    pass


class StoreBusyError(StoreError):
    """Another process is writing to the store."""


# -- the values the store keeps ------------------------------------------------------------

class CorrectionKind(StrEnum):
    CORRECTION = "correction"  # within a stage
    REVISION = "revision"  # across stages (validation lowering a preliminary figure)


@dataclass(frozen=True, slots=True)
class Rejection:
    source: str
    line: int
    reason: str


@dataclass(frozen=True, slots=True)
class Correction:
    riding: RidingCode
    seq: int
    prev_seq: int
    kind: CorrectionKind
    detail: str


@dataclass(frozen=True, slots=True)
class Retraction:
    subject: CallSubject
    seq: int
    time: dt.datetime
    detail: str


@dataclass(frozen=True, slots=True)
class ProjectedCandidate:
    name: str
    party: Party
    counted: int
    projected: int  # final votes: mean
    low: int  # 90 % interval
    high: int
    win_probability: float


@dataclass(frozen=True, slots=True)
class StoredProjection:
    """A riding's projection as the store keeps it for readers."""

    seq: int
    candidates: tuple[ProjectedCandidate, ...]
    margin: int
    could_lose: int
    recount_line: int
    draws: Mapping[Party, float]  # party -> share of the night's seat draws it wins here


@dataclass(frozen=True, slots=True)
class StoredNational:
    national: Mapping[Party, PartySeats]
    draws: int
    turnout_factor: float


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What an ingest did.  ``rejections`` lists the first few; ``rejected`` counts all."""

    applied: int = 0  # accepted and now the riding's current state
    stale: int = 0  # accepted into the log, but a later record of the riding was already in
    duplicates: int = 0  # re-sent records: no-ops
    rejected: int = 0
    corrections: int = 0
    calls: int = 0
    rejections: tuple[Rejection, ...] = ()

    def __add__(self, other: IngestReport) -> IngestReport:
        room = REPORT_REJECTIONS - len(self.rejections)
        return IngestReport(self.applied + other.applied, self.stale + other.stale,
                            self.duplicates + other.duplicates, self.rejected + other.rejected,
                            self.corrections + other.corrections, self.calls + other.calls,
                            self.rejections + other.rejections[:max(room, 0)])

    @property
    def records(self) -> int:
        return self.applied + self.stale + self.duplicates + self.rejected


@dataclass
class Tally:
    """An ingest report being counted (mutable, inside one chunk)."""

    applied: int = 0
    stale: int = 0
    duplicates: int = 0
    rejected: int = 0
    corrections: int = 0
    calls: int = 0
    rejections: list[Rejection] = field(default_factory=list)

    def reject(self, r: Rejection) -> None:
        self.rejected += 1
        if len(self.rejections) < REPORT_REJECTIONS:
            self.rejections.append(r)

    def report(self) -> IngestReport:
        return IngestReport(self.applied, self.stale, self.duplicates, self.rejected,
                            self.corrections, self.calls, tuple(self.rejections))


@dataclass
class _Batch:
    """What one chunk writes: log rows (flushed before any read of the log), rejections,
    and the ridings whose current record changed."""

    conn: sqlite3.Connection
    tally: Tally
    log: list[tuple[Any, ...]] = field(default_factory=list)
    rejects: list[tuple[Any, ...]] = field(default_factory=list)
    changed: dict[RidingCode, Update] = field(default_factory=dict)

    def flush(self) -> None:
        if self.log:
            self.conn.executemany("INSERT INTO updates VALUES (?,?,?,?,?,?,?,?,?)", self.log)
            self.log.clear()

    def reject(self, source: str, line: int, text: str, reason: str) -> None:
        # text handed in as str (an API body) may hold lone surrogates: store what UTF-8 can
        text = text.encode("utf-8", "replace").decode("utf-8")
        reason = reason.encode("utf-8", "replace").decode("utf-8")
        self.rejects.append((source, line, digest_of(text), reason, text[:REJECTED_TEXT]))
        self.tally.reject(Rejection(source, line, reason))


@dataclass(frozen=True, slots=True)
class StoredNight:
    """Everything a store holds now, for readers (`seatcast.live.status`)."""

    election_id: str
    night_id: str
    revision: int
    prior_kind: PriorKind
    prior_description: str
    current: Mapping[RidingCode, Update]
    calls: Mapping[CallSubject, Call]
    retractions: tuple[Retraction, ...]
    rejections: tuple[Rejection, ...]  # the latest, newest first
    rejected: int
    corrections: tuple[Correction, ...]
    updates: int
    duplicates: int
    national: StoredNational | None
    projections: Mapping[RidingCode, StoredProjection]


# -- encoding -------------------------------------------------------------------------------

def subject_key(s: CallSubject) -> str:
    if isinstance(s, RidingSubject):
        return f"riding:{s.riding}"
    return s.kind


def subject_of(key: str) -> CallSubject:
    if key.startswith("riding:"):
        return RidingSubject(RidingCode(int(key.split(":", 1)[1])))
    if key == LARGEST_PARTY.kind:
        return LARGEST_PARTY
    if key == GOVERNMENT.kind:
        return GOVERNMENT
    raise ValueError(f"unknown call subject {key!r}")


def _call_json(c: Call) -> str:
    return json.dumps({
        "party": c.party.value, "outcome": c.outcome.value, "candidate": c.candidate,
        "seq": c.seq, "time": c.time.isoformat(), "stage": c.stage.value if c.stage else None,
        "reporting_share": c.reporting_share, "probability": c.probability,
        "margin": c.margin, "could_lose": c.could_lose, "recount_line": c.recount_line,
        "basis": c.basis})


def _call_of(subject: CallSubject, text: str) -> Call:
    from seatcast.domain.results import Stage

    d = json.loads(text)
    return Call(subject, Party(d["party"]), CallOutcome(d["outcome"]), d["candidate"],
                int(d["seq"]), dt.datetime.fromisoformat(d["time"]),
                Stage(d["stage"]) if d["stage"] else None, float(d["reporting_share"]),
                float(d["probability"]), int(d["margin"]), float(d["could_lose"]),
                float(d["recount_line"]), str(d["basis"]))


class _CandidateRow(msgspec.Struct, gc=False):
    """A candidate in a riding's stored projection: votes as whole numbers (as readers
    show them), the chance as computed (readers round it to 5 decimals)."""

    name: str
    party: Party
    counted: int
    projected: int  # final votes: mean
    low: int  # 90 % interval
    high: int
    win_probability: float


class _ProjectionRow(msgspec.Struct):
    """A riding's projection as the store keeps it (one compact JSON object per riding:
    `projection_json`); ``draws``: each party's share of the night's seat draws that it
    wins in the riding, as computed (readers round it to 4 decimals)."""

    seq: int
    candidates: list[_CandidateRow]
    margin: int
    could_lose: int
    recount_line: int
    draws: dict[Party, float]


_ENCODE = msgspec.json.Encoder().encode
_PROJECTION = msgspec.json.Decoder(_ProjectionRow)


def projection_json(pr: RidingProjection, chances: Mapping[Party, float] | None = None) -> str:
    """A riding projection for readers: final votes (mean and 90 % interval, whole
    numbers), the call test's chances, and each party's share of the night's seat draws.
    A figure that is not finite is refused (`ValueError`): it is a bug, never stored."""
    values = (*pr.projected, *pr.low, *pr.high, *pr.win_probability, pr.could_lose,
              pr.recount_line, *(chances or {}).values())
    if not all(map(math.isfinite, values)):
        raise ValueError(f"riding {pr.riding}: a projection that is not finite")
    row = _ProjectionRow(
        pr.seq,
        [_CandidateRow(n, p, c, round(m), round(lo), round(hi), w)
         for n, p, c, m, lo, hi, w in zip(pr.names, pr.parties, pr.counted, pr.projected,
                                          pr.low, pr.high, pr.win_probability, strict=True)],
        pr.margin, round(pr.could_lose), round(pr.recount_line), dict(chances or {}))
    return _ENCODE(row).decode()


def _projection_of(text: str) -> StoredProjection:
    """A stored projection, rounded for readers (chances to 5 decimals, draw shares to 4)."""
    d = _PROJECTION.decode(text)
    return StoredProjection(
        d.seq,
        tuple(ProjectedCandidate(c.name, c.party, c.counted, c.projected, c.low, c.high,
                                 round(c.win_probability, 5)) for c in d.candidates),
        d.margin, d.could_lose, d.recount_line,
        {p: round(x, 4) for p, x in d.draws.items()})


def _correction(prev: Update, new: Update) -> tuple[CorrectionKind, str] | None:
    """(kind, detail) if `new` lowers anything `prev` had counted."""
    if _nothing_down(prev, new):
        return None
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
    kind = CorrectionKind.CORRECTION if new.stage == prev.stage else CorrectionKind.REVISION
    return kind, "; ".join(down)


def _nothing_down(prev: Update, new: Update) -> bool:
    """The usual case of `_correction`, at a glance: the same candidates in the same order,
    none with fewer votes, polls and stage not lower (False: `_correction` looks closer)."""
    a, b = prev.candidates, new.candidates
    if len(a) != len(b) or new.stage.rank < prev.stage.rank:
        return False
    if (prev.polls_reporting is not None and new.polls_reporting is not None
            and new.stage == prev.stage and new.polls_reporting < prev.polls_reporting):
        return False
    for x, y in zip(a, b, strict=True):
        if y.votes < x.votes or y.name != x.name or y.party is not x.party:
            return False
    return True


# -- opening, errors -------------------------------------------------------------------------

def store_error(path: str | Path, e: BaseException, doing: str = "") -> StoreError:
    """One line for a failure of SQLite or the file system on a store."""
    text = str(e) or type(e).__name__
    low = text.lower()
    if "disk is full" in low or getattr(e, "errno", None) == 28:
        why = ("the disk is full; the store holds everything up to its last complete chunk: "
               "free some space and run the ingest again")
    elif "readonly" in low or "read-only" in low or isinstance(e, PermissionError):
        why = f"the store or its folder is read-only ({text})"
    elif "malformed" in low or "not a database" in low or "corrupt" in low:
        why = f"the store is damaged ({text}); replay or ingest into a new store"
    elif "locked" in low or "busy" in low:
        why = f"the store is busy ({text})"
    else:
        why = text
    return StoreError(f"{path}: {doing + ': ' if doing else ''}{why}")


def connect(path: str | Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A connection to a store: read-only (for readers: works while another process writes),
    or read-write (creating the schema)."""
    p = Path(path)
    try:
        if readonly:
            if not p.exists():
                raise StoreError(f"no live store at {p} (ingest or replay into it first)")
            conn = sqlite3.connect(f"file:{p}?mode=ro", uri=True, isolation_level=None,
                                   timeout=30, check_same_thread=False)
            try:
                conn.execute("PRAGMA cell_size_check=ON")
                row = conn.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
            except sqlite3.OperationalError:
                # a WAL store in a read-only folder: a reader cannot make its shared-memory
                # file there; no writer can either, so the store is read as it stands
                conn.close()
                if _can_write_in(p.parent):
                    raise
                conn = sqlite3.connect(f"file:{p}?mode=ro&immutable=1", uri=True,
                                       isolation_level=None, timeout=30,
                                       check_same_thread=False)
                conn.execute("PRAGMA cell_size_check=ON")
                row = conn.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
            if row is None and conn.execute("SELECT 1 FROM meta LIMIT 1").fetchone() is None:
                conn.close()
                raise StoreError(f"{p}: the live store is being created (try again)")
        else:
            conn = sqlite3.connect(str(p), isolation_level=None, timeout=30,
                                   check_same_thread=False)
            conn.execute("PRAGMA cell_size_check=ON")
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")  # durable against a killed process
            conn.executescript(SCHEMA)
            row = conn.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
            if row is None and conn.execute("SELECT 1 FROM meta LIMIT 1").fetchone() is None:
                row = (SCHEMA_VERSION,)  # a new store: its meta is written by `create`
    except sqlite3.Error as e:  # a missing folder, a file that is not a Seatcast store
        if not readonly and p.parent.is_dir() and not _can_write_in(p.parent):
            raise StoreError(f"{path}: cannot open as a live store (its folder {p.parent} is "
                             f"read-only: {e})") from None
        raise StoreError(f"{path}: cannot open as a live store ({e})") from None
    if row is None or row[0] != SCHEMA_VERSION:
        conn.close()
        raise StoreError(f"{path}: a live store of another Seatcast version (schema "
                         f"{row[0] if row else 1}, this one reads {SCHEMA_VERSION}): replay or "
                         "ingest into a new store")
    return conn


#: errno values that say a file system or folder takes no writes (EPERM, EACCES, EROFS).
READ_ONLY = frozenset({1, 13, 30})


def _can_write_in(folder: Path) -> bool:
    """Whether a file can be created in `folder` (the probe is removed at once)."""
    import tempfile

    try:
        with tempfile.TemporaryFile(dir=folder):
            return True
    except OSError:
        return False


def check(conn: sqlite3.Connection, path: str | Path) -> None:
    """SQLite's quick check of every page (about 0.1 s for a whole synthetic night)."""
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.Error as e:
        raise store_error(path, e) from None
    if rows != [("ok",)]:
        raise StoreError(f"{path}: the store is damaged ({rows[0][0]}); replay or ingest "
                         "into a new store")


def election_id_of(path: str | Path) -> str | None:
    """The election a store is for (None if the file does not exist)."""
    if not Path(path).exists():
        return None
    conn = connect(path, readonly=True)
    try:
        row = conn.execute("SELECT value FROM meta WHERE key='election'").fetchone()
    except sqlite3.Error as e:
        raise store_error(path, e) from None
    finally:
        conn.close()
    if row is None:
        raise StoreError(f"{path}: a live store that was never given an election")
    return str(row[0])


def revision_of(path: str | Path) -> tuple[str, int] | None:
    """(night id, revision): changes with every committed chunk (None: no store there)."""
    if not Path(path).exists():
        return None
    conn = connect(path, readonly=True)
    try:
        night = conn.execute("SELECT value FROM meta WHERE key='night'").fetchone()
        rev = conn.execute("SELECT value FROM state WHERE key='revision'").fetchone()
    except sqlite3.Error as e:
        raise store_error(path, e) from None
    finally:
        conn.close()
    return (night[0] if night else "", int(rev[0]) if rev else 0)


def holds_no_updates(path: Path) -> bool:
    """True for a store with nothing in its log (records already applied are never dropped)."""
    if not path.exists():
        return False
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            count: int = conn.execute("SELECT count(*) FROM updates").fetchone()[0]
            return count == 0
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def remove(path: Path) -> None:
    """Delete a store and its side files (the caller holds its writer lock, or no one does)."""
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"),
                     lock_path(path)):
        leftover.unlink(missing_ok=True)


# -- the writer lock ----------------------------------------------------------------------------

def lock_path(path: str | Path) -> Path:
    p = Path(path)
    return p.with_name(p.name + ".lock")


class WriterLock:
    """An exclusive, non-blocking lock on ``<store>.lock``: one writer per store.  The system
    releases it when the process ends, however it ends."""

    def __init__(self, path: str | Path) -> None:
        self.store = Path(path)
        self.path = lock_path(path)
        self._f: IO[bytes] | None = None

    def acquire(self) -> None:
        try:
            f = open(self.path, "a+b")  # noqa: SIM115 (held open for the lock's lifetime)
        except OSError as e:
            why = (f"its folder {self.path.parent} is read-only" if e.errno in READ_ONLY
                   else f"unable to open its lock file {self.path.name}")
            raise StoreError(f"{self.store}: cannot open as a live store ({why}: "
                             f"{e.strerror or e})") from None
        try:
            _lock(f)
        except BlockingIOError:
            f.seek(0)
            who = f.read(100).decode("ascii", "replace").strip()
            f.close()
            raise StoreBusyError(f"{self.store}: another ingest holds the store"
                                 + (f" (process {who})" if who.isdigit() else "")
                                 + "; it takes one writer at a time") from None
        except OSError as e:
            f.close()
            raise store_error(self.store, e, "cannot lock it for writing") from None
        with contextlib.suppress(OSError):
            f.seek(0)
            f.truncate()
            f.write(str(os.getpid()).encode())
            f.flush()
        self._f = f

    def release(self) -> None:
        if self._f is not None:
            with contextlib.suppress(OSError):
                _unlock(self._f)
            self._f.close()
            self._f = None


try:
    import fcntl

    def _lock(f: IO[bytes]) -> None:
        fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(f: IO[bytes]) -> None:
        fcntl.flock(f.fileno(), fcntl.LOCK_UN)
except ImportError:  # Windows
    import msvcrt

    def _lock(f: IO[bytes]) -> None:
        try:
            msvcrt.locking(f.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            raise BlockingIOError from None

    def _unlock(f: IO[bytes]) -> None:
        msvcrt.locking(f.fileno(), msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]


# -- reading -------------------------------------------------------------------------------------

def _update_of(text: str, digest: str | None, where: str) -> Update:
    try:
        if digest is not None and digest_of(text) != digest:
            raise FeedError("its digest does not match")
        return parse_line(text)
    except FeedError as e:
        raise StoreError(f"{where}: the store is damaged (a stored record is unreadable: {e}); "
                         "replay or ingest into a new store") from None


def read_current(conn: sqlite3.Connection, where: str = "store") -> dict[RidingCode, Update]:
    """The state: each riding's current record (checked against its digest)."""
    return {RidingCode(r): _update_of(rec, d, where)
            for r, rec, d in conn.execute(
                # CROSS JOIN: SQLite's way to keep this order (each riding's record found by
                # the log's key), which its planner would turn into a scan of the log
                "SELECT c.riding, u.record, u.digest FROM current c "
                "CROSS JOIN updates u ON u.riding = c.riding AND u.seq = c.seq")}


def _state(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM state WHERE key=?", (key,)).fetchone()
    return row[0] if row else None


def _meta(conn: sqlite3.Connection) -> dict[str, str]:
    return dict(conn.execute("SELECT key, value FROM meta"))


def read_calls(conn: sqlite3.Connection) -> dict[CallSubject, tuple[Call, int]]:
    """Every call, with the log position it was made after."""
    out = {}
    for key, text, after in conn.execute("SELECT subject, call, made_after FROM calls"):
        s = subject_of(key)
        out[s] = (_call_of(s, text), int(after))
    return out


def read_night(path: str | Path, *, verify: bool = False) -> StoredNight:
    """What a store holds now (a read-only open: safe while another process ingests).
    `verify` first runs SQLite's quick check over every page."""
    conn = connect(path, readonly=True)
    try:
        if verify:
            check(conn, path)
        conn.execute("BEGIN")  # one snapshot of the store for every table read below
        meta = _meta(conn)
        current = read_current(conn, str(path))
        calls = {s: c for s, (c, _) in read_calls(conn).items()}
        projections = {RidingCode(r): _projection_of(j) for r, j in
                       conn.execute("SELECT riding, projection FROM riding_projection")}
        retractions = tuple(
            Retraction(subject_of(s), q, dt.datetime.fromisoformat(t), d) for s, q, t, d in
            conn.execute("SELECT subject, seq, time, detail FROM retractions ORDER BY rowid"))
        rejections = tuple(Rejection(s, n, r) for s, n, r in conn.execute(
            "SELECT source, line, reason FROM rejected ORDER BY rowid DESC LIMIT ?",
            (STATUS_REJECTIONS,)))
        n_rejected = conn.execute("SELECT count(*) FROM rejected").fetchone()[0]
        corrections = tuple(
            Correction(RidingCode(r), q, p, CorrectionKind(k), d) for r, q, p, k, d in
            conn.execute("SELECT riding, seq, prev_seq, kind, detail FROM corrections "
                         "ORDER BY riding, seq"))
        n_updates = conn.execute("SELECT max(rowid) FROM updates").fetchone()[0] or 0
        dup = int(_state(conn, "duplicates") or 0)
        revision = int(_state(conn, "revision") or 0)
        nat_text = _state(conn, "projection")
        conn.execute("COMMIT")
    except sqlite3.Error as e:
        raise store_error(path, e) from None
    except (ValueError, KeyError, TypeError) as e:  # a stored value that does not decode
        raise StoreError(f"{path}: the store is damaged ({type(e).__name__}: {e}); replay "
                         "or ingest into a new store") from None
    finally:
        conn.close()
    national = None
    if nat_text:
        d = json.loads(nat_text)
        national = StoredNational(
            {Party(p): PartySeats(float(v["mean"]), int(v["low"]), int(v["high"]),
                                  float(v["majority_chance"]), float(v["most_seats_chance"]))
             for p, v in d["national"].items()}, int(d["draws"]), float(d["turnout_factor"]))
    return StoredNight(
        election_id=meta["election"], night_id=meta.get("night", ""), revision=revision,
        prior_kind=PriorKind(meta["prior_kind"]), prior_description=meta["prior_description"],
        current=current, calls=calls, retractions=retractions, rejections=rejections,
        rejected=n_rejected, corrections=corrections, updates=n_updates, duplicates=dup,
        national=national, projections=projections)


def read_current_of(path: str | Path) -> dict[RidingCode, Update]:
    """Only the current records (for the comparison with an official result)."""
    conn = connect(path, readonly=True)
    try:
        return read_current(conn, str(path))
    except sqlite3.Error as e:
        raise store_error(path, e) from None
    finally:
        conn.close()


def read_calls_of(path: str | Path) -> dict[CallSubject, Call]:
    conn = connect(path, readonly=True)
    try:
        return {s: c for s, (c, _) in read_calls(conn).items()}
    except sqlite3.Error as e:
        raise store_error(path, e) from None
    except (ValueError, KeyError, TypeError) as e:
        raise StoreError(f"{path}: the store is damaged ({e})") from None
    finally:
        conn.close()


# -- the writer -------------------------------------------------------------------------------

Finish = Callable[[Mapping[RidingCode, Update], Tally], None]


class LogStore:
    """The append-only log and the state derived from it (no model: see `night.LiveNight`).

    Opening it for writing takes the store's writer lock (`StoreBusyError` if another
    process holds it); `close` releases it.  A new store needs the night's `plan`."""

    def __init__(self, path: str | Path, election: Election, plan: NightPlan | None = None,
                 *, verify: bool = True) -> None:
        self.path = str(path)
        self.election = election
        self.ridings = frozenset(election.map.codes)
        self.lock = WriterLock(path)
        self.lock.acquire()
        try:
            self.conn = connect(path)
            try:
                self._open(plan, verify)
            except BaseException:
                self.conn.close()
                raise
        except BaseException:
            self.lock.release()
            raise
        # called after a failed chunk was rolled back, once the memory is the store's again:
        # whatever else is derived in memory (the night's model, projections, calls) reloads
        self.on_rollback: Callable[[], None] | None = None

    def _open(self, plan: NightPlan | None, verify: bool) -> None:
        try:
            meta = _meta(self.conn)
            if "election" not in meta:
                if plan is None:
                    raise StoreError(f"{self.path} is a new store: it needs the night's plan "
                                     "(see seatcast.live.plan.plan_night)")
                if plan.election_id != self.election.id:
                    raise StoreError(f"the plan is for election {plan.election_id}, not "
                                     f"{self.election.id}")
                self._create(plan)
                meta = _meta(self.conn)
            elif meta["election"] != self.election.id:
                raise StoreError(f"{self.path} holds election {meta['election']}, not "
                                 f"{self.election.id}")
            elif verify:
                check(self.conn, self.path)
            self.night_id = meta["night"]
            self.plan = self._read_plan(meta)
            self.current = read_current(self.conn, self.path)
            self.latest: dict[RidingCode, Update] = {}  # per riding, the record of highest seq
            for r, rec in self.conn.execute(
                    "SELECT u.riding, u.record FROM updates u JOIN (SELECT riding, max(seq) AS s "
                    "FROM updates GROUP BY riding) m ON u.riding = m.riding AND u.seq = m.s"):
                self.latest[RidingCode(r)] = parse_line(rec)
            self.rows = self.conn.execute("SELECT max(rowid) FROM updates").fetchone()[0] or 0
            self.revision = int(_state(self.conn, "revision") or 0)
        except sqlite3.Error as e:
            raise store_error(self.path, e, "cannot open it") from None
        except (FeedError, ValueError, KeyError) as e:
            raise StoreError(f"{self.path}: the store is damaged ({e}); replay or ingest into "
                             "a new store") from None

    def _create(self, plan: NightPlan) -> None:
        p = plan.prior
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            c.executemany("INSERT INTO meta VALUES (?,?)", [
                ("schema", SCHEMA_VERSION), ("election", plan.election_id),
                ("night", secrets.token_hex(8)), ("seed", str(plan.seed)),
                ("prior_kind", p.kind.value), ("prior_description", p.description)])
            c.executemany("INSERT INTO ridings VALUES (?,?,?,?,?)", [
                (code, p.expected_votes.get(code, 0), lim.electors, lim.electors_basis.value,
                 lim.polls) for code, lim in sorted(plan.limits.items())])
            c.executemany("INSERT INTO prior VALUES (?,?,?,?)", [
                (code, party.value, share, p.sd[code][party])
                for code in sorted(p.shares) for party, share in p.shares[code].items()])
            c.execute("COMMIT")
        except BaseException:
            if c.in_transaction:
                c.execute("ROLLBACK")
            raise

    def _read_plan(self, meta: Mapping[str, str]) -> NightPlan:
        expected: dict[RidingCode, int] = {}
        limits: dict[RidingCode, RidingLimits] = {}
        for r, ev, el, basis, polls in self.conn.execute("SELECT * FROM ridings"):
            expected[RidingCode(r)] = int(ev)
            limits[RidingCode(r)] = RidingLimits(int(el), ElectorsBasis(basis), int(polls))
        shares: dict[RidingCode, dict[Party, float]] = {}
        sds: dict[RidingCode, dict[Party, float]] = {}
        for r, party, share, sd in self.conn.execute("SELECT * FROM prior ORDER BY rowid"):
            shares.setdefault(RidingCode(r), {})[Party(party)] = float(share)
            sds.setdefault(RidingCode(r), {})[Party(party)] = float(sd)
        prior = Prior(PriorKind(meta["prior_kind"]), meta["prior_description"], shares, sds,
                      expected)
        return NightPlan(meta["election"], int(meta["seed"]), prior, limits)

    def close(self) -> None:
        try:
            self.conn.close()
        finally:
            self.lock.release()

    # -- a chunk ----------------------------------------------------------------------------
    def chunk(self, items: Sequence[Record | Malformed], finish: Finish | None = None,
              cursor: tuple[str, int] | None = None) -> IngestReport:
        """Apply records as one transaction; `finish` runs inside it (model, calls) with the
        ridings whose current record changed.  If anything raises, the transaction is rolled
        back, the state is read back from the store and `on_rollback` runs, before the error
        goes on (a SQLite or file-system error as a one-line `StoreError`)."""
        tally = Tally()
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                changed = self._apply(items, tally)
                if tally.duplicates:
                    self._bump("duplicates", tally.duplicates)
                if finish is not None:
                    finish(changed, tally)
                if cursor is not None:
                    self.set_state(f"cursor:{cursor[0]}", str(cursor[1]))
                self.set_state("revision", str(self.revision + 1))
                self.conn.execute("COMMIT")
                self.revision += 1
            except BaseException:
                self._roll_back()
                raise
        except (sqlite3.Error, OSError) as e:
            raise store_error(self.path, e, "ingest stopped") from None
        return tally.report()

    def _roll_back(self) -> None:
        if self.conn.in_transaction:  # SQLite may have rolled back already (e.g. disk full)
            self.conn.execute("ROLLBACK")
        self.current = read_current(self.conn, self.path)
        self.latest = {}
        for r, rec in self.conn.execute(
                "SELECT u.riding, u.record FROM updates u JOIN (SELECT riding, max(seq) AS s "
                "FROM updates GROUP BY riding) m ON u.riding = m.riding AND u.seq = m.s"):
            self.latest[RidingCode(r)] = parse_line(rec)
        self.rows = self.conn.execute("SELECT max(rowid) FROM updates").fetchone()[0] or 0
        if self.on_rollback is not None:
            self.on_rollback()

    def _apply(self, items: Sequence[Record | Malformed], tally: Tally
               ) -> dict[RidingCode, Update]:
        """One chunk: every record checked, logged and applied in order; the log, the
        current state and the rejections written with one statement each (more only where a
        record arrives out of order and its neighbours must be read)."""
        batch = _Batch(self.conn, tally)
        for it in items:
            if isinstance(it, Malformed):
                batch.reject(it.source, it.line, it.text, it.reason)
            else:
                self._take(it, batch)
        batch.flush()
        if batch.changed:
            self.conn.executemany("INSERT OR REPLACE INTO current VALUES (?,?)",
                                  [(r, u.seq) for r, u in sorted(batch.changed.items())])
        if batch.rejects:
            self.conn.executemany("INSERT OR IGNORE INTO rejected VALUES (?,?,?,?,?)",
                                  batch.rejects)
        return batch.changed

    def _take(self, it: Record, batch: _Batch) -> None:
        """One well-formed record: rejected, counted as a duplicate, or logged (and applied
        when it supersedes the riding's current record)."""
        u = it.update
        r = u.riding
        if r not in self.ridings:
            batch.reject(it.source, it.line, it.text, f"riding {r} is not on this election's map")
            return
        latest = self.latest.get(r)
        if latest is not None and u.seq <= latest.seq and self._logged_before(it, batch):
            return
        cur = self.current.get(r)
        reason = implausible(u, self.plan.limits.get(r), cur)
        if reason is not None:
            batch.reject(it.source, it.line, it.text, reason)
            return
        batch.log.append((r, u.seq, time_text(u.time), u.stage.value, u.polls_reporting,
                          u.polls_total, it.text, it.digest, it.source))
        self.rows += 1
        self._chain(u, latest, batch)
        if cur is None or (u.stage.rank, u.seq) > (cur.stage.rank, cur.seq):
            self.current[r] = u
            batch.changed[r] = u
            batch.tally.applied += 1
        else:
            batch.tally.stale += 1

    def _logged_before(self, it: Record, batch: _Batch) -> bool:
        """A record at or below the riding's latest seq may already be in the log: True
        (counted as a duplicate, or rejected for different figures) if it is."""
        u = it.update
        batch.flush()
        row = self.conn.execute("SELECT digest FROM updates WHERE riding=? AND seq=?",
                                (u.riding, u.seq)).fetchone()
        if row is None:
            return False
        if row[0] == it.digest:
            batch.tally.duplicates += 1
        else:
            batch.reject(it.source, it.line, it.text, f"riding {u.riding} seq {u.seq} was "
                         "already received with different figures")
        return True

    def _chain(self, u: Update, latest: Update | None, batch: _Batch) -> None:
        """The correction rows around a newly logged record."""
        if latest is None or u.seq > latest.seq:  # in order: the predecessor is in memory
            self.latest[u.riding] = u
            if latest is not None:
                self._set_correction(latest, u, batch.tally, known_new=True)
        else:  # a late record: it lands between two logged ones; fix both correction rows
            batch.flush()
            self._set_correction(self._neighbour(u.riding, u.seq, True), u, batch.tally)
            succ = self._neighbour(u.riding, u.seq, False)
            if succ is not None:
                self._set_correction(u, succ, batch.tally)

    def _neighbour(self, riding: int, seq: int, before: bool) -> Update | None:
        q = ("SELECT record FROM updates WHERE riding=? AND seq<? ORDER BY seq DESC LIMIT 1"
             if before else
             "SELECT record FROM updates WHERE riding=? AND seq>? ORDER BY seq LIMIT 1")
        row = self.conn.execute(q, (riding, seq)).fetchone()
        return parse_line(row[0]) if row else None

    def _set_correction(self, prev: Update | None, new: Update, tally: Tally, *,
                        known_new: bool = False) -> None:
        c = _correction(prev, new) if prev is not None else None
        if c is None:
            if not known_new:  # a record new to the log has no correction row to clear
                self.conn.execute("DELETE FROM corrections WHERE riding=? AND seq=?",
                                  (new.riding, new.seq))
        else:
            assert prev is not None
            self.conn.execute("INSERT OR REPLACE INTO corrections VALUES (?,?,?,?,?)",
                              (new.riding, new.seq, prev.seq, c[0].value, c[1]))
            tally.corrections += 1

    # -- derived state, inside a chunk ----------------------------------------------------
    def set_state(self, key: str, value: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO state VALUES (?,?)", (key, value))

    def _bump(self, key: str, n: int) -> None:
        row = _state(self.conn, key)
        self.set_state(key, str(int(row) + n if row else n))

    def cursor(self, source: str) -> int:
        try:
            return int(_state(self.conn, f"cursor:{source}") or 0)
        except sqlite3.Error as e:
            raise store_error(self.path, e) from None

    def read_calls(self) -> dict[CallSubject, Call]:
        return {s: c for s, (c, _) in read_calls(self.conn).items()}

    def retracted(self) -> set[CallSubject]:
        return {subject_of(r[0]) for r in self.conn.execute("SELECT subject FROM retractions")}

    def add_call(self, call: Call) -> None:
        self.conn.execute("INSERT INTO calls VALUES (?,?,?)",
                          (subject_key(call.subject), _call_json(call), self.rows))

    def add_retraction(self, subject: CallSubject, seq: int, time: dt.datetime,
                       detail: str) -> None:
        self.conn.execute("INSERT INTO retractions VALUES (?,?,?,?)",
                          (subject_key(subject), seq, time.isoformat(), detail))

    def save_projections(self, rows: Iterable[tuple[RidingCode, RidingProjection,
                                                    Mapping[Party, float]]]) -> None:
        self.conn.executemany("INSERT OR REPLACE INTO riding_projection VALUES (?,?)",
                              [(code, projection_json(pr, ch)) for code, pr, ch in rows])

    def save_national(self, national: Mapping[Party, PartySeats], draws: int,
                      turnout_factor: float, prior: PriorKind) -> None:
        self.set_state("projection", json.dumps({
            "national": {p.value: {"mean": s.mean, "low": s.low, "high": s.high,
                                   "majority_chance": s.majority_chance,
                                   "most_seats_chance": s.most_seats_chance}
                         for p, s in national.items()},
            "draws": draws, "turnout_factor": round(turnout_factor, 4), "prior": prior.value}))
