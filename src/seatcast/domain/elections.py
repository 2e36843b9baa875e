"""Elections as data: one record per election, in one registry that every layer reads.

A record says what an election *is*: its id and number, the representation order (map) its
ridings are drawn on, its polling day (none for the next election, whose date is not known),
the election before it on the same map (the baseline for comparisons and swings), the election
whose eve-of-election poll miss corrects its polls, its poll table and whether a result
exists.  Nothing else in Seatcast tests an election's id: a past election, the next one (no
result yet), a transposition of votes to a later map and a fictitious one in a test all go
through the same code.

The date of the next general election is not known.  The Canada Elections Act (s. 56.1(2))
fixes it at the third Monday of October in the fourth calendar year after the polling day of
the last general election, *no later than* which it is held; an earlier election (a
dissolution) is always possible.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NewType

from seatcast.errors import UnknownElectionError

ElectionId = NewType("ElectionId", str)


class ResultKind(StrEnum):
    """How an election's result is held."""

    STAGES = "stages"  # every count stage (Elections Canada's results download)
    OFFICIAL = "official"  # the official voting results (tables 11 and 12)
    TRANSPOSED = "transposed"  # party totals recounted on a later map


@dataclass(frozen=True, slots=True)
class ElectionRecord:
    """One election: what it is, what it compares with, and which tables it has."""

    id: ElectionId
    number: int | None  # 45 for the 45th general election; None for a user's file
    name: str
    map: str  # the representation order: "2023" (343 ridings), "2013" (338), "2003" (308)
    date: dt.date | None  # polling day; None: not known yet (the next election)
    previous: ElectionId | None = None  # the election before it on the same map
    poll_miss_from: ElectionId | None = None  # whose eve-of-election poll miss corrects it
    polls: str | None = None  # its poll table (e.g. "polls_2025"), if any
    result: ResultKind | None = None  # None: no result yet
    transposition_of: ElectionId | None = None  # the election whose votes these are
    aliases: tuple[str, ...] = ()
    source: str = ""

    @property
    def has_result(self) -> bool:
        return self.result is not None

    @property
    def is_transposition(self) -> bool:
        return self.transposition_of is not None

    @property
    def keys(self) -> tuple[str, ...]:
        """Every spelling that names this election (its id first)."""
        return (self.id, *self.aliases)

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "number": self.number,
            "name": self.name,
            "map": self.map,
            "date": self.date.isoformat() if self.date else None,
            "previous": self.previous,
            "poll_miss_from": self.poll_miss_from,
            "polls": self.polls,
            "result": self.result.value if self.result else None,
            "transposition_of": self.transposition_of,
            "aliases": list(self.aliases),
            "source": self.source,
        }

    @classmethod
    def from_json(cls, d: dict[str, object]) -> ElectionRecord:
        """A record from its JSON form; ValueError (with the field) for anything malformed."""

        def opt_str(key: str) -> str | None:
            v = d.get(key)
            if v is not None and not isinstance(v, str):
                raise ValueError(f"{key!r} must be a string or null")
            return v

        def req_str(key: str) -> str:
            v = opt_str(key)
            if not v:
                raise ValueError(f"{key!r} is required")
            return v

        number = d.get("number")
        if number is not None and (isinstance(number, bool) or not isinstance(number, int)):
            raise ValueError("'number' must be a whole number or null")
        date_s = opt_str("date")
        try:
            date = dt.date.fromisoformat(date_s) if date_s else None
        except ValueError:
            raise ValueError(f"'date' {date_s!r} is not a date (YYYY-MM-DD)") from None
        result_s = opt_str("result")
        try:
            result = ResultKind(result_s) if result_s else None
        except ValueError:
            known = ", ".join(k.value for k in ResultKind)
            raise ValueError(f"'result' {result_s!r} is not one of {known}") from None
        aliases = d.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise ValueError("'aliases' must be a list of strings")
        unknown = set(d) - {f for f in cls.__dataclass_fields__}
        if unknown:
            raise ValueError(f"unknown field(s) {', '.join(sorted(unknown))}")

        def eid(key: str) -> ElectionId | None:
            v = opt_str(key)
            return ElectionId(v) if v else None

        return cls(
            id=ElectionId(req_str("id")),
            number=number,
            name=req_str("name"),
            map=req_str("map"),
            date=date,
            previous=eid("previous"),
            poll_miss_from=eid("poll_miss_from"),
            polls=opt_str("polls"),
            result=result,
            transposition_of=eid("transposition_of"),
            aliases=tuple(aliases),
            source=opt_str("source") or "",
        )


def third_monday_of_october(year: int) -> dt.date:
    first = dt.date(year, 10, 1)
    return first + dt.timedelta(days=(0 - first.weekday()) % 7 + 14)


def fixed_date_after(last_polling_day: dt.date) -> dt.date:
    """The fixed date in law of the general election after one held on ``last_polling_day``:
    the third Monday of October in the fourth calendar year after it (Canada Elections Act,
    s. 56.1(2)).  An election held earlier (after a dissolution) resets the clock."""
    return third_monday_of_october(last_polling_day.year + 4)


@dataclass(frozen=True, slots=True)
class Registry:
    """Every election a catalog holds, newest first (the next election, undated, leads)."""

    records: tuple[ElectionRecord, ...]
    _by_key: dict[str, ElectionRecord] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_key = _index(self.records)
        object.__setattr__(self, "_by_key", by_key)
        for r in self.records:
            _check_references(r, by_key)
            if r.previous is not None:
                _check_previous(r, by_key[r.previous.casefold()])
            if r.date is None and r.has_result:
                raise ValueError(f"election {r.id} has a result but no polling day")
        undated = [r for r in self.records if r.date is None]
        if len(undated) > 1:
            raise ValueError(f"more than one election without a date: {', '.join(r.id for r in undated)}")

    @classmethod
    def of(cls, records: Sequence[ElectionRecord]) -> Registry:
        """A registry in canonical order: undated (next) first, then newest first; on the
        same day an election comes before the transposition of its votes."""
        return cls(tuple(sorted(records, key=_order)))

    def __iter__(self) -> Iterator[ElectionRecord]:
        return iter(self.records)

    def __len__(self) -> int:
        return len(self.records)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key.strip().casefold() in self._by_key

    @property
    def ids(self) -> tuple[ElectionId, ...]:
        return tuple(r.id for r in self.records)

    def get(self, key: str) -> ElectionRecord:
        """The record named by an id or an alias (case-insensitive)."""
        r = self._by_key.get(str(key).strip().casefold())
        if r is None:
            known = ", ".join(self.ids)
            raise UnknownElectionError(f"unknown election {key!r} (known: {known})")
        return r

    def with_results(self) -> tuple[ElectionRecord, ...]:
        return tuple(r for r in self.records if r.has_result)

    def general(self) -> tuple[ElectionRecord, ...]:
        """General elections as held (not transpositions), newest first."""
        return tuple(r for r in self.records if not r.is_transposition)

    def latest_result(self) -> ElectionRecord:
        """The latest general election with a result (the House's starting point)."""
        for r in self.general():
            if r.has_result:
                return r
        raise UnknownElectionError("no election with a result in the registry")

    def next_election(self) -> ElectionRecord | None:
        """The election without a result that follows the latest one, if the registry has one."""
        pending = [r for r in self.general() if not r.has_result]
        return pending[0] if pending else None

    def held_before(self, r: ElectionRecord) -> ElectionRecord | None:
        """The general election held before ``r`` (as elected, whatever its map)."""
        when = r.date
        for x in self.general():
            if x.id == r.id or not x.has_result or x.date is None:
                continue
            if when is None or x.date < when:
                return x
        return None

    def no_later_than(self, r: ElectionRecord) -> dt.date | None:
        """For an election without a date, the fixed date in law it must be held by."""
        if r.date is not None:
            return None
        last = self.held_before(r)
        return fixed_date_after(last.date) if last is not None and last.date is not None else None

    def polling_day(self, r: ElectionRecord) -> dt.date | None:
        """Its date, or for the next election the latest date it can be held."""
        return r.date if r.date is not None else self.no_later_than(r)


def _index(records: Sequence[ElectionRecord]) -> dict[str, ElectionRecord]:
    """Every id and alias (stripped, case-folded) to its record; a key named twice is an error."""
    by_key: dict[str, ElectionRecord] = {}
    for r in records:
        for k in r.keys:
            key = k.strip().casefold()
            if key in by_key:
                raise ValueError(f"election {k!r} is named twice ({by_key[key].id} and {r.id})")
            by_key[key] = r
    return by_key


def _check_references(r: ElectionRecord, by_key: dict[str, ElectionRecord]) -> None:
    for ref in (r.previous, r.poll_miss_from, r.transposition_of):
        if ref is not None and ref.casefold() not in by_key:
            raise ValueError(f"election {r.id} refers to {ref!r}, which is not in the registry")


def _check_previous(r: ElectionRecord, p: ElectionRecord) -> None:
    """The election ``r`` compares with by default: on its map, with a result, and earlier."""
    problems = (
        (p.map != r.map, "is on another map"),
        (not p.has_result, "has no result"),
        (r.date is not None and p.date is not None and p.date >= r.date, "is not earlier"),
    )
    for failed, problem in problems:
        if failed:
            raise ValueError(f"election {r.id}: its previous election {p.id} {problem}")


def _order(r: ElectionRecord) -> tuple[int, int, int]:
    if r.date is None:
        return (0, 0, 0)
    return (1, -r.date.toordinal(), 1 if r.is_transposition else 0)


__all__ = [
    "ElectionId",
    "ElectionRecord",
    "Registry",
    "ResultKind",
    "fixed_date_after",
    "third_monday_of_october",
]
