"""The election-night feed: one record per riding per update, cumulative for that riding.

A record says "at this moment, riding R's count at stage S stands at these votes, with P of
N polls reporting".  Records are *cumulative snapshots*, never deltas, so applying them is
order-free: the current state of a riding is its record with the highest sequence number.
Re-sending a record is a no-op and a late record with a lower sequence number changes
nothing, which is what makes the store safe against duplicates, disorder and restarts.

The documented format is JSON Lines (one object per line, UTF-8)::

    {"seq": 1042, "time": "2025-04-28T21:47:10-04:00", "riding": 24073,
     "stage": "preliminary", "polls_reporting": 112, "polls_total": 236,
     "candidates": [{"name": "Tatiana Auguste", "party": "LPC", "votes": 9120}, ...]}

* ``seq``: positive integer, increasing with time for a riding (unique per riding);
* ``time``: ISO 8601 timestamp with offset (when the count stood at these figures); times
  are compared as instants (``21:47:10-04:00`` and ``01:47:10Z`` are the same moment);
* ``riding``: 5-digit district number; ``stage``: ``preliminary``, ``validated``,
  ``judicially certified`` or ``official``;
* ``polls_reporting`` / ``polls_total``: integers, or both ``null`` when the source gives
  no poll figures (Elections Canada's results download): a validated or later count is then
  taken as complete, a preliminary one as partial with unknown progress;
* ``candidates``: every candidate with name, party code (``LPC CPC BQ NDP GPC PPC IND OTH``)
  and votes so far.

This module parses and writes records and reads them from a JSON Lines file, a directory of
such files being written, or Elections Canada's results download (re-read as it changes).
`prepare` turns a line into what the store takes: the record with its canonical line and
digest, computed once, or the reason it is malformed.  The usual line is decoded by msgspec
straight to its shape and checked in one pass; any other goes through the standard library's
decoder and the checks one by one, which say what is wrong (the same records either way).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

import msgspec

from seatcast.domain.parties import Party
from seatcast.domain.results import Stage
from seatcast.domain.ridings import RidingCode
from seatcast.errors import SeatcastError

#: The stages a feed may carry, by their spelling in the feed.
FEED_STAGES: dict[str, Stage] = {
    "preliminary": Stage.PRELIMINARY,
    "validated": Stage.VALIDATED,
    "judicially certified": Stage.JUDICIAL,
    "official": Stage.OFFICIAL,
}
#: Stages after which no count follows: the result is settled.
FINAL_STAGES: frozenset[Stage] = frozenset({Stage.JUDICIAL, Stage.OFFICIAL})

#: The feed's days (a chunk of records never spans two) are counted in Eastern daylight
#: time, UTC-4, whatever offset a record is written with: the offset of Elections
#: Canada's timestamps on every general election date since 2008.  A fixed offset, not a
#: time-zone database, so that the chunks (and so the calls) are the same on any machine.
FEED_DAY_ZONE = dt.timezone(dt.timedelta(hours=-4))


class FeedError(ValueError):
    """A record that cannot be accepted; the message is the reason, for the rejects list."""


#: The store's integers are SQLite's, 64-bit.
MAX_INT = 2**63 - 1
#: A count in a record: a whole number SQLite can hold.
_Count = Annotated[int, msgspec.Meta(ge=0, le=MAX_INT)]


class FeedCandidate(msgspec.Struct, frozen=True, gc=False, forbid_unknown_fields=True):
    """One candidate of a record: a frozen msgspec struct, decoded straight from the usual
    line (the votes checked to be a count).  Not tracked by the cyclic garbage collector:
    it holds a string, a party and an int, so it can be in no reference cycle."""

    name: str
    party: Party
    votes: _Count


class Update(msgspec.Struct, frozen=True, gc=False):
    """One riding's cumulative count at one moment (a frozen msgspec struct, as its
    candidates: made for every line of a night, so quick to make; in no reference cycle, so
    not tracked by the cyclic garbage collector; `msgspec.structs.replace` gives a changed
    copy)."""

    seq: int
    time: dt.datetime  # aware: with its UTC offset
    riding: RidingCode
    stage: Stage
    polls_reporting: int | None
    polls_total: int | None
    candidates: tuple[FeedCandidate, ...]

    @property
    def valid_votes(self) -> int:
        return sum([c.votes for c in self.candidates])

    @property
    def polls_known(self) -> bool:
        return self.polls_total is not None and self.polls_reporting is not None

    @property
    def complete(self) -> bool:
        """All polls of this stage are in.  Without poll figures, a validated or later count
        is a whole-stage count (complete), but a preliminary one may still be partial: it
        counts as incomplete, with its progress unknown."""
        if self.polls_total is None or self.polls_reporting is None:
            return self.stage is not Stage.PRELIMINARY
        return self.polls_reporting >= self.polls_total

    @property
    def reporting_share(self) -> float:
        """Share of polls reporting (1.0 for a whole-stage count, 0.0 when unknown)."""
        if self.polls_total is None or self.polls_reporting is None:
            return 1.0 if self.complete else 0.0
        if self.polls_total == 0:
            return 1.0
        return self.polls_reporting / self.polls_total

    def votes_of(self) -> dict[tuple[str, Party], int]:
        """Votes by candidate, a candidate being a (name, party) pair: two candidates may
        share a name (Beauce 2019 had two Maxime Berniers)."""
        return {(c.name, c.party): c.votes for c in self.candidates}

    @property
    def day(self) -> dt.date:
        """The feed day of the record (see `FEED_DAY_ZONE`)."""
        return _day(self.time)

    def to_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "time": self.time.isoformat(),
            "riding": self.riding,
            "stage": self.stage.value,
            "polls_reporting": self.polls_reporting,
            "polls_total": self.polls_total,
            "candidates": [
                {"name": c.name, "party": c.party.value, "votes": c.votes} for c in self.candidates
            ],
        }

    def line(self) -> str:
        """The record as one canonical JSON line (no newline)."""
        text = _canonical_line(self)
        return text if text is not None else _ENCODER.encode(self.to_json())

    def digest(self) -> str:
        return digest_of(self.line())


def digest_of(line: str) -> str:
    return hashlib.sha256(line.encode()).hexdigest()[:32]


#: One encoder for every canonical line (json.dumps with options builds one per call).
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_PARTIES = {p.value: p for p in Party}
#: The string escaping `_ENCODER` applies (``ensure_ascii=False``), and the stages and
#: parties as it writes them: the canonical line is put together from them directly.
_ESCAPE = json.encoder.encode_basestring
_STAGE_TEXT = {s: _ESCAPE(s.value) for s in Stage}
_PARTY_TEXT = {p: _ESCAPE(p.value) for p in Party}


class _PerObject:
    """``fn(stamp)`` once per timestamp object (a night's records share them: `parse_time`
    is cached), the last 8,192.  Keyed on the object, not on the datetime: equal instants
    written with different offsets are equal datetimes with different texts."""

    def __init__(self, fn: Callable[[dt.datetime], Any]) -> None:
        self.fn = fn
        self.memo: dict[int, tuple[dt.datetime, Any]] = {}

    def __call__(self, stamp: dt.datetime) -> Any:
        hit = self.memo.get(id(stamp))
        if hit is not None and hit[0] is stamp:  # the entry holds the object: its id is its own
            return hit[1]
        if len(self.memo) >= 8192:
            self.memo.clear()
        value = self.fn(stamp)
        self.memo[id(stamp)] = (stamp, value)
        return value


_iso = _PerObject(dt.datetime.isoformat)
_feed_day = _PerObject(lambda stamp: stamp.astimezone(FEED_DAY_ZONE).date())


def time_text(stamp: dt.datetime) -> str:
    """``stamp.isoformat()``, once per timestamp object."""
    text: str = _iso(stamp)
    return text


def _day(stamp: dt.datetime) -> dt.date:
    day: dt.date = _feed_day(stamp)
    return day


@lru_cache(maxsize=65536)
def _candidate_text(name: str, party: Party) -> str:
    """The start of the candidate's object in a canonical line (a night's candidates are the
    same all night)."""
    return f'{{"name":{_ESCAPE(name)},"party":{_PARTY_TEXT[party]},"votes":'


def _canonical_line(u: Update) -> str | None:
    """`_ENCODER`'s line for `u`, written out field by field (several times faster than
    encoding the dict of `Update.to_json`, byte for byte the same: the same escaping, and
    ints as the encoder writes them); None for a value of another type than the record's
    own (then the encoder itself says what it makes of it)."""
    seq, riding, rep, tot, stage = u.seq, u.riding, u.polls_reporting, u.polls_total, u.stage
    if (type(seq) is not int or type(riding) is not int or type(u.time) is not dt.datetime
            or type(stage) is not Stage or not (rep is None or type(rep) is int)
            or not (tot is None or type(tot) is int)):
        return None
    cands = []
    for c in u.candidates:
        name, party, votes = c.name, c.party, c.votes
        if type(name) is not str or type(party) is not Party or type(votes) is not int:
            return None
        cands.append(f"{_candidate_text(name, party)}{votes}}}")
    return (f'{{"seq":{seq},"time":{_ESCAPE(time_text(u.time))},"riding":{riding},'
            f'"stage":{_STAGE_TEXT[stage]},"polls_reporting":{"null" if rep is None else rep},'
            f'"polls_total":{"null" if tot is None else tot},"candidates":[{",".join(cands)}]}}')


_RECORD_FIELDS = frozenset({"seq", "time", "riding", "stage", "polls_reporting", "polls_total",
                            "candidates"})
_CANDIDATE_FIELDS = frozenset({"name", "party", "votes"})


def _int(obj: dict[str, Any], key: str, *, allow_none: bool = False) -> int | None:
    v = obj.get(key)
    if type(v) is int and 0 <= v <= MAX_INT:  # the usual case, first
        return v
    if v is None:
        if allow_none:  # absent or null
            return None
        raise FeedError(f"missing {key!r}")
    if isinstance(v, bool) or not isinstance(v, int):
        raise FeedError(f"{key!r} must be a whole number, not {v!r}")
    if v < 0:
        raise FeedError(f"{key!r} is negative ({v})")
    if v > MAX_INT:
        raise FeedError(f"{key!r} is too large ({str(v)[:30]}...: at most {MAX_INT})")
    return v


def parse_update(obj: Any, ridings: Iterable[int] | None = None) -> Update:
    """Check one decoded record and return it as an `Update`; `FeedError` says what is wrong.
    The checks run in a fixed order (fields, seq, riding, time, stage, polls, candidates), so
    a record with several faults is always reported by the same first one."""
    if not isinstance(obj, dict):
        raise FeedError(f"a record must be a JSON object, not {type(obj).__name__}")
    unknown = obj.keys() - _RECORD_FIELDS
    if unknown:
        raise FeedError(f"unknown field(s) {', '.join(sorted(unknown))}")
    seq = _seq(obj)
    riding = _riding(obj, ridings)
    time = obj.get("time")
    if not isinstance(time, str):
        raise FeedError("missing 'time' (ISO 8601 timestamp)")
    stamp = parse_time(time)
    stage_text = obj.get("stage")
    stage = FEED_STAGES.get(stage_text) if isinstance(stage_text, str) else None
    if stage is None:
        raise FeedError(f"unknown stage {stage_text!r} (known: {', '.join(FEED_STAGES)})")
    reporting, total = _polls(obj)
    return Update(seq, stamp, RidingCode(riding), stage, reporting, total, _candidates(obj))


class _WireRecord(msgspec.Struct, forbid_unknown_fields=True):
    """A record's shape, for msgspec's typed decoder: every field present, of its JSON
    type (a bool or a float is not an int), none unknown, the numbers in their ranges.
    Its fields are in the canonical line's order: msgspec's encoding of a record whose
    time and stage are written canonically is its canonical line (msgspec escapes a string
    as the standard library's encoder with ``ensure_ascii=False`` does, every code point
    checked, and writes ints alike)."""

    seq: Annotated[int, msgspec.Meta(ge=1, le=MAX_INT)]
    time: str
    riding: Annotated[int, msgspec.Meta(ge=10000, le=99999)]
    stage: str
    polls_reporting: _Count | None
    polls_total: _Count | None
    candidates: Annotated[list[FeedCandidate], msgspec.Meta(min_length=1)]


_WIRE = msgspec.json.Decoder(_WireRecord)
_WIRE_ENCODE = msgspec.json.Encoder().encode


def _plain_line(text: str, ridings: Iterable[int] | None) -> Update | None:
    """The usual record, decoded to its shape and checked in one pass: the `Update` that
    `parse_line` gives, or None for anything out of the ordinary, valid or not (then the
    standard library's decoder and `parse_update`'s checks, in their order, say what is
    wrong).  msgspec refuses whatever JSON ``json.loads`` refuses (and NaN, a lone
    surrogate escape, a number that is not a whole one); where both decode, they agree
    (a repeated key: the last one), which tests hold them to."""
    hit = _plain(text, ridings)
    return hit[0] if hit is not None else None


def _plain(text: str, ridings: Iterable[int] | None) -> tuple[Update, bytes | None] | None:
    """`_plain_line`'s record, with its canonical line in UTF-8 when msgspec writes it (the
    record's time and stage written as the canonical line writes them), else None."""
    try:
        rec = _WIRE.decode(text)
    except (msgspec.DecodeError, ValueError, RecursionError):  # ValueError: str not UTF-8
        return None
    riding, rep, tot, cands = rec.riding, rec.polls_reporting, rec.polls_total, rec.candidates
    if ridings is not None and riding not in ridings:
        return None
    stage = FEED_STAGES.get(rec.stage)
    if stage is None:
        return None
    if rep is None or tot is None:
        if rep is not tot:
            return None
    elif rep > tot:
        return None
    try:
        stamp = parse_time(rec.time)
    except FeedError:
        return None
    # (a decoded string is valid Unicode: msgspec refuses a lone surrogate)
    out = tuple(cands)
    for c in out:
        if not c.name.strip():
            return None
    if len(out) > 1 and len({c.name for c in out}) < len(out) \
            and len({(c.name, c.party) for c in out}) < len(out):
        return None
    u = Update(rec.seq, stamp, RidingCode(riding), stage, rep, tot, out)
    canonical = rec.time == time_text(stamp) and rec.stage == stage.value
    return u, _WIRE_ENCODE(rec) if canonical else None


def _seq(obj: dict[str, Any]) -> int:
    seq = _int(obj, "seq")
    assert seq is not None
    if seq == 0:
        raise FeedError("'seq' must be positive")
    return seq


def _riding(obj: dict[str, Any], ridings: Iterable[int] | None) -> int:
    riding = _int(obj, "riding")
    assert riding is not None
    if not 10000 <= riding <= 99999:
        raise FeedError(f"riding {riding} is not a 5-digit district number")
    if ridings is not None and riding not in ridings:
        raise FeedError(f"riding {riding} is not on this election's map")
    return riding


def _polls(obj: dict[str, Any]) -> tuple[int | None, int | None]:
    reporting = _int(obj, "polls_reporting", allow_none=True)
    total = _int(obj, "polls_total", allow_none=True)
    if (reporting is None) != (total is None):
        raise FeedError("'polls_reporting' and 'polls_total' must both be given or both null")
    if reporting is not None and total is not None and reporting > total:
        raise FeedError(f"{reporting} polls reporting out of {total}")
    return reporting, total


def _candidates(obj: dict[str, Any]) -> tuple[FeedCandidate, ...]:
    cands = obj.get("candidates")
    if not isinstance(cands, list) or not cands:
        raise FeedError("'candidates' must be a non-empty list")
    out: list[FeedCandidate] = []
    seen: set[tuple[str, Party]] = set()
    for c in cands:
        cand = _candidate(c)
        key = (cand.name, cand.party)
        if key in seen:
            raise FeedError(f"candidate {cand.name!r} ({cand.party.value}) listed twice")
        seen.add(key)
        out.append(cand)
    return tuple(out)


def _candidate(c: Any) -> FeedCandidate:
    if not isinstance(c, dict) or c.keys() != _CANDIDATE_FIELDS:
        raise FeedError("each candidate needs exactly 'name', 'party' and 'votes'")
    name = c["name"]
    if not isinstance(name, str) or not name.strip():
        raise FeedError("a candidate has no name")
    if not _encodable(name):
        raise FeedError(f"candidate name {name!r} is not valid Unicode (a lone surrogate)")
    code = c["party"]
    party = _PARTIES.get(code) if isinstance(code, str) else None
    if party is None:
        raise FeedError(f"unknown party {code!r} for {name}")
    votes = c["votes"]
    if type(votes) is not int or not 0 <= votes <= MAX_INT:
        votes = _int(c, "votes")
        assert votes is not None
    return FeedCandidate(name, party, votes)


#: Feed times must lie within these years (a year-1 or year-9999 stamp cannot even be
#: moved to another offset; a night's records are days, not centuries, apart).
TIME_RANGE = (dt.datetime(1900, 1, 1, tzinfo=dt.UTC), dt.datetime(2200, 1, 1, tzinfo=dt.UTC))


@lru_cache(maxsize=8192)  # a night's records share their timestamps
def parse_time(text: str) -> dt.datetime:
    """An ISO 8601 timestamp with its UTC offset (``Z`` allowed), as an aware datetime."""
    if len(text) > 40:
        raise FeedError(f"'time' {text[:40]!r}... is not an ISO 8601 timestamp")
    try:
        stamp = dt.datetime.fromisoformat(text)
    except ValueError:
        raise FeedError(f"'time' {text!r} is not an ISO 8601 timestamp") from None
    if stamp.tzinfo is None or stamp.utcoffset() is None:
        raise FeedError(f"'time' {text!r} has no UTC offset")
    try:
        inside = TIME_RANGE[0] <= stamp < TIME_RANGE[1]
    except OverflowError:
        inside = False
    if not inside:
        raise FeedError(f"'time' {text!r} is outside the years "
                        f"{TIME_RANGE[0].year}-{TIME_RANGE[1].year - 1}")
    return stamp


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def parse_line(text: str, ridings: Iterable[int] | None = None) -> Update:
    u = _plain_line(text, ridings)
    return u if u is not None else _parse_line(text, ridings)


def _parse_line(text: str, ridings: Iterable[int] | None) -> Update:
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as e:
        raise FeedError(f"not JSON ({e.msg} at column {e.colno})") from None
    except RecursionError:
        raise FeedError("not usable JSON (nested too deeply)") from None
    except ValueError as e:  # e.g. an integer of more digits than Python converts
        raise FeedError(f"not usable JSON ({str(e).split(':')[0]})") from None
    return parse_update(obj, ridings)


@dataclass(frozen=True, slots=True)
class RawRecord:
    """A line read from a source, before parsing: where it came from and its text."""

    source: str
    line: int
    text: str


class Record(msgspec.Struct, frozen=True, gc=False):
    """A record ready for the store: where it came from, and its canonical line and digest
    (computed once, here)."""

    update: Update
    source: str
    line: int
    text: str
    digest: str


@dataclass(frozen=True, slots=True)
class Malformed:
    """A line that is not a usable record, with the reason (it goes to the rejects)."""

    source: str
    line: int
    text: str
    reason: str


def prepare(item: RawRecord | Update, source: str,
            ridings: Iterable[int] | None = None) -> Record | Malformed:
    """Parse a line (or take a record already parsed) for the store."""
    if isinstance(item, RawRecord):
        hit = _plain(item.text, ridings)
        if hit is not None and hit[1] is not None:  # the usual record: its line at hand
            line = hit[1]
            return Record(hit[0], item.source, item.line, line.decode(),
                          hashlib.sha256(line).hexdigest()[:32])
        try:
            u = hit[0] if hit is not None else _parse_line(item.text, ridings)
        except FeedError as e:
            return Malformed(item.source, item.line, item.text, str(e))
        text = u.line()
        return Record(u, item.source, item.line, text, digest_of(text))
    text = item.line()
    if ridings is not None and item.riding not in ridings:
        return Malformed(source, 0, text, f"riding {item.riding} is not on this election's map")
    return Record(item, source, 0, text, digest_of(text))


def read_jsonl(path: Path, offset: int = 0) -> tuple[list[RawRecord], list[int]]:
    """Complete lines of a JSON Lines file from byte `offset`, and the byte offset just
    after each.  A last line without its newline is being written: it is left for later.
    """
    with path.open("rb") as f:
        head = f.read(offset) if offset else b""
        data = f.read()
    first_line = head.count(b"\n") + 1
    out: list[RawRecord] = []
    ends: list[int] = []
    pos = 0
    line = first_line
    while True:
        nl = data.find(b"\n", pos)
        if nl < 0:
            break
        text = data[pos:nl].decode("utf-8", errors="replace").strip().lstrip("\ufeff")
        if text:
            out.append(RawRecord(str(path), line, text))
            ends.append(offset + nl + 1)
        pos = nl + 1
        line += 1
    return out, ends


def event_results_updates(path: Path) -> list[Update]:
    """Elections Canada's results download as feed records (one per riding per stage present).

    The download carries no sequence numbers: a record's ``seq`` is the stage's rank times
    10^9 plus the download time in minutes since 2000.  Re-reading the same file gives the
    same records (a no-op); within a stage a newer download supersedes an older one, and a
    later stage always supersedes an earlier one, whichever download shows it.
    """
    from seatcast.sources.elections_canada import download_time, read_event_results

    er = read_event_results(path)
    stamp = download_time(er.downloaded)
    if stamp is None:
        raise FeedError(f"{path}: no download time in the first line ({er.downloaded[:60]!r})")
    minutes = int((stamp - dt.datetime(2000, 1, 1, tzinfo=dt.UTC)).total_seconds() // 60)
    out = []
    for code, stages in er.stages.items():
        for r in stages:
            out.append(Update(
                seq=r.stage.rank * 1_000_000_000 + minutes,
                time=stamp,
                riding=RidingCode(code),
                stage=r.stage,
                polls_reporting=None,
                polls_total=None,
                candidates=tuple(FeedCandidate(c.name, c.party, c.votes) for c in r.candidates),
            ))
    return out


def write_jsonl(updates: Iterable[Update], path: Path) -> int:
    """Write records as JSON Lines, whole or not at all (a temporary name, then a rename);
    returns how many."""
    from seatcast.sources.tables import write_atomic

    lines = [u.line() + "\n" for u in updates]
    try:
        write_atomic(Path(path), "".join(lines))
    except OSError as e:
        raise SeatcastError(f"cannot write {path}: {e.strerror or e}") from None
    return len(lines)


def iter_lines(updates: Iterable[Update]) -> Iterator[str]:
    for u in updates:
        yield u.line()
