"""The House between general elections: a ledger of the changes to its seats, and the
standings it gives on any date.

A general election returns a House: one member per riding, each of a party.  Between
elections seats change: a member resigns or dies (the seat is vacant until a by-election
fills it), a court annuls a riding's result (vacant too), a member crosses the floor to
another party or leaves a caucus to sit as an independent.  A `Ledger` is the House a
general election returned plus these events, in date order, checked once when it is made:
an event for a seat already vacant, a crossing by a party that does not hold the seat, a
by-election for a seat that is not vacant, an unknown riding or a date before the general
election are `LedgerError`\\s that name the event at fault.

`standings(ledger, as_of)` is the pure answer to "how does the House stand on this date":
seats per party, the vacant seats and their ridings, the majority line (of the full House:
172 of 343, vacancies or not), the government (the largest party) with its status and
margin, and the events that led there.  The fact-checker, the forecast (who holds each seat
now) and the pages all call it.

The margin is given two ways, as `seatcast.results.tally.Government` gives it for an
election: ``short_by`` (seats a minority needs to reach the majority line; 0 for a
majority) and ``spare`` (seats a majority holds above the line; 0 for a minority).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

from seatcast.domain.elections import ElectionId
from seatcast.domain.parties import ALL_PARTIES, Party
from seatcast.domain.results import Election
from seatcast.domain.ridings import RidingCode, majority_of
from seatcast.errors import SeatcastError


class EventKind(StrEnum):
    """What happened to a seat."""

    RESIGNATION = "resignation"  # the member resigns: the seat is vacant
    DEATH = "death"  # the member dies: the seat is vacant
    ANNULMENT = "annulment"  # a court annuls the riding's election: the seat is vacant
    BY_ELECTION = "by-election"  # a vacant seat is filled
    FLOOR_CROSSING = "floor-crossing"  # the member joins another party's caucus
    SITTING_AS_INDEPENDENT = "sitting-as-independent"  # leaves (or is removed from) a caucus

    @property
    def vacates(self) -> bool:
        return self in (EventKind.RESIGNATION, EventKind.DEATH, EventKind.ANNULMENT)

    @property
    def fills(self) -> bool:
        return self is EventKind.BY_ELECTION

    @property
    def crosses(self) -> bool:
        return self in (EventKind.FLOOR_CROSSING, EventKind.SITTING_AS_INDEPENDENT)

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    EventKind.RESIGNATION: "resignation", EventKind.DEATH: "death",
    EventKind.ANNULMENT: "election annulled", EventKind.BY_ELECTION: "by-election",
    EventKind.FLOOR_CROSSING: "floor crossing",
    EventKind.SITTING_AS_INDEPENDENT: "sits as an independent",
}
_KIND_ALIASES = {"byelection": EventKind.BY_ELECTION, "crossing": EventKind.FLOOR_CROSSING,
                 "independent": EventKind.SITTING_AS_INDEPENDENT,
                 "sits-as-independent": EventKind.SITTING_AS_INDEPENDENT,
                 "annulled": EventKind.ANNULMENT}


def parse_kind(text: str) -> EventKind:
    """An event kind as a ledger spells it (``floor-crossing``, ``floor crossing``,
    ``by_election`` ...); ValueError naming the known kinds for anything else."""
    key = "-".join(text.strip().casefold().replace("_", " ").split())
    try:
        return EventKind(key)
    except ValueError:
        if key in _KIND_ALIASES:
            return _KIND_ALIASES[key]
        known = ", ".join(k.value for k in EventKind)
        raise ValueError(f"unknown event kind {text!r} (known: {known})") from None


@dataclass(frozen=True, slots=True)
class HouseEvent:
    """One change to one seat, with its source."""

    date: dt.date
    riding: RidingCode
    kind: EventKind
    from_party: Party | None  # the party that held the seat (None: the seat was vacant)
    to_party: Party | None  # the party that holds it after (None: it is vacant after)
    member: str  # the member who left, crossed, or won the by-election
    source: str = ""  # a URL
    verified: bool = True  # a dated source confirms the event and its date
    note: str = ""


@dataclass(frozen=True, slots=True)
class Seat:
    """Who holds a seat: a member of a party, or no one (vacant) since an event."""

    riding: RidingCode
    party: Party | None  # None: vacant
    member: str | None  # the member (None: vacant); for a vacant seat see ``left``
    since: dt.date  # the general election's polling day, or the event's date
    how: EventKind | None  # None: elected at the general election
    left: str | None = None  # a vacant seat: the member who left it

    @property
    def vacant(self) -> bool:
        return self.party is None


@dataclass(frozen=True, slots=True)
class ByElectionTotals:
    """The votes of one by-election, by party, as a named source counted them."""

    date: dt.date
    riding: RidingCode
    votes: tuple[tuple[Party, int], ...]  # most votes first
    source: str

    @property
    def valid_votes(self) -> int:
        return sum(n for _, n in self.votes)

    @property
    def winner(self) -> Party:
        return self.votes[0][0]


class LedgerError(SeatcastError):
    """An event the House as it stood cannot take; ``index`` is its place in the list given."""

    def __init__(self, index: int, problem: str) -> None:
        self.index = index
        self.problem = problem
        super().__init__(problem)


def _apply(seats: dict[RidingCode, Seat], e: HouseEvent) -> str | None:
    """Apply one event to ``seats`` (in place); the problem, if the House cannot take it."""
    now = seats.get(e.riding)
    if now is None:
        return f"riding {e.riding} is not on the map of this House"
    if e.kind.fills:
        return _fill(seats, e, now)
    if now.vacant:
        return f"a {e.kind.label} in riding {e.riding}, whose seat is already vacant"
    if e.from_party is not None and e.from_party is not now.party:
        return (f"a {e.kind.label} by {e.from_party} in riding {e.riding}, "
                f"whose seat is {_held(now)}")
    if e.kind.vacates:
        return _vacate(seats, e, now)
    return _cross(seats, e, now)


def _held(seat: Seat) -> str:
    return "vacant" if seat.vacant else f"held by {seat.party}"


def _fill(seats: dict[RidingCode, Seat], e: HouseEvent, now: Seat) -> str | None:
    """A by-election: a vacant seat goes to the winner's party."""
    if not now.vacant:
        return f"a by-election in riding {e.riding}, whose seat is not vacant ({_held(now)})"
    if e.to_party is None:
        return f"a by-election in riding {e.riding} needs the winner's party (to_party)"
    if e.from_party is not None:
        return (f"a by-election in riding {e.riding} has a from_party ({e.from_party}): "
                "the seat is vacant before it (leave from_party blank)")
    seats[e.riding] = Seat(e.riding, e.to_party, e.member, e.date, e.kind)
    return None


def _vacate(seats: dict[RidingCode, Seat], e: HouseEvent, now: Seat) -> str | None:
    """A resignation, a death or an annulment: the held seat becomes vacant."""
    if e.to_party is not None:
        return f"a {e.kind.label} leaves riding {e.riding} vacant: to_party must be blank"
    seats[e.riding] = Seat(e.riding, None, None, e.date, e.kind, left=now.member)
    return None


def _cross(seats: dict[RidingCode, Seat], e: HouseEvent, now: Seat) -> str | None:
    """A crossing: the member (or the one named) now sits for another party, or as an independent."""
    to = e.to_party
    if e.kind is EventKind.SITTING_AS_INDEPENDENT:
        to = to or Party.IND
        if to is not Party.IND:
            return f"a member sitting as an independent goes to IND, not {to}"
    if to is None:
        return f"a floor crossing in riding {e.riding} needs the party crossed to (to_party)"
    if to is now.party:
        return f"a {e.kind.label} in riding {e.riding} from {now.party} to the same party"
    seats[e.riding] = Seat(e.riding, to, e.member or now.member, e.date, e.kind)
    return None


@dataclass(frozen=True, slots=True)
class Ledger:
    """The House a general election returned, and the changes to it since, checked.

    Make one with `Ledger.of`; its methods are thin calls to `standings` and `seats_on`."""

    election: ElectionId
    elected: dt.date  # the general election's polling day
    start: Mapping[RidingCode, Seat]  # the House it returned, in map order
    events: tuple[HouseEvent, ...]  # in date order (the order given within a day)
    source: str = ""  # where the events were read from

    @classmethod
    def of(cls, election: ElectionId, elected: dt.date, start: Mapping[RidingCode, Seat],
           events: Sequence[HouseEvent], source: str = "") -> Ledger:
        """Check ``events`` against the House (raising `LedgerError` with the index of the
        first event it cannot take, in the order given) and sort them by date."""
        order = sorted(range(len(events)), key=lambda i: events[i].date)
        for i in order:
            if events[i].date < elected:
                raise LedgerError(i, f"{events[i].date} is before the general election "
                                     f"of {elected}")
        seats = dict(start)
        for i in order:
            problem = _apply(seats, events[i])
            if problem is not None:
                raise LedgerError(i, problem)
        return cls(election, elected, MappingProxyType(dict(start)),
                   tuple(events[i] for i in order), source)

    @classmethod
    def from_election(cls, e: Election, events: Sequence[HouseEvent], source: str = "") -> Ledger:
        """The ledger of the House ``e`` returned (its winners, as counted)."""
        if e.date is None:
            raise SeatcastError(f"election {e.id} has no polling day: no House to start from")
        if e.record.is_transposition:
            raise SeatcastError(f"election {e.id} is a transposition of votes, not a House")
        return cls.of(e.id, e.date, house_elected(e), events, source)

    def standings(self, as_of: dt.date, *, verified_only: bool = False) -> Standings:
        return standings(self, as_of, verified_only=verified_only)

    def seats_on(self, as_of: dt.date, *, verified_only: bool = False) -> Mapping[RidingCode, Seat]:
        return seats_on(self, as_of, verified_only=verified_only)

    def of_riding(self, riding: int) -> tuple[HouseEvent, ...]:
        return tuple(e for e in self.events if e.riding == riding)


def house_elected(e: Election) -> dict[RidingCode, Seat]:
    """The House an election returned: each riding's winner (as counted, final stage)."""
    if e.date is None:
        raise SeatcastError(f"election {e.id} has no polling day")
    return {code: Seat(code, r.winner.party, r.winner.name or None, e.date, None)
            for code, r in e.results.items()}


def _events_until(ledger: Ledger, as_of: dt.date, verified_only: bool) -> tuple[
        tuple[HouseEvent, ...], tuple[HouseEvent, ...]]:
    if as_of < ledger.elected:
        raise SeatcastError(f"{as_of} is before the general election of {ledger.elected} "
                            f"that returned this House ({ledger.election})")
    upto = [e for e in ledger.events if e.date <= as_of]
    kept = tuple(e for e in upto if e.verified or not verified_only)
    left = tuple(e for e in upto if verified_only and not e.verified)
    return kept, left


def seats_on(ledger: Ledger, as_of: dt.date, *, verified_only: bool = False) -> Mapping[RidingCode, Seat]:
    """Who holds each seat at the end of ``as_of`` (events of that day included)."""
    kept, _ = _events_until(ledger, as_of, verified_only)
    return _replay(ledger, kept)


def _replay(ledger: Ledger, events: Iterable[HouseEvent]) -> Mapping[RidingCode, Seat]:
    seats = dict(ledger.start)
    for e in events:
        problem = _apply(seats, e)
        if problem is not None:  # only with rows left out: the full ledger was checked
            raise SeatcastError(f"with the unverified rows left out, the ledger does not hold "
                                f"together: {problem} ({e.date})")
    return MappingProxyType(seats)


class Status(StrEnum):
    MAJORITY = "majority"
    MINORITY = "minority"


@dataclass(frozen=True, slots=True)
class HouseGovernment:
    """The largest party and how it stands against the majority line of the full House."""

    party: Party
    status: Status
    seats: int
    majority: int  # seats needed (of the full House)
    short_by: int  # seats a minority needs to reach the line (0 for a majority)
    spare: int  # seats a majority holds above the line (0 for a minority)
    tied_for_first: tuple[Party, ...] = ()


def government(seats: Mapping[Party, int], majority: int) -> HouseGovernment | None:
    """The largest party against the line (None when no seat is held at all)."""
    ranked = sorted(((p, n) for p, n in seats.items() if n > 0),
                    key=lambda kv: (-kv[1], ALL_PARTIES.index(kv[0])))
    if not ranked:
        return None
    party, n = ranked[0]
    tied = tuple(p for p, s in ranked[1:] if s == n)
    if n >= majority:
        return HouseGovernment(party, Status.MAJORITY, n, majority, 0, n - majority, tied)
    return HouseGovernment(party, Status.MINORITY, n, majority, majority - n, 0, tied)


@dataclass(frozen=True, slots=True)
class Standings:
    """How the House stood at the end of one day."""

    election: ElectionId  # the general election that returned this House
    elected: dt.date
    as_of: dt.date
    seats_total: int  # every seat, vacant or not
    majority: int  # of the full House
    seats: Mapping[Party, int]  # parties holding seats, most first
    elected_seats: Mapping[Party, int]  # as the general election returned them
    vacant: tuple[Seat, ...]  # in riding order
    government: HouseGovernment | None  # None only when every seat is vacant
    events: tuple[HouseEvent, ...]  # the events that led there, in date order
    left_out: tuple[HouseEvent, ...] = ()  # unverified events to that day, left out
    holders: Mapping[RidingCode, Seat] = field(default_factory=dict)
    verified_only: bool = False

    @property
    def sitting(self) -> int:
        return self.seats_total - len(self.vacant)


def _count(seats: Mapping[RidingCode, Seat]) -> dict[Party, int]:
    n: dict[Party, int] = {}
    for s in seats.values():
        if s.party is not None:
            n[s.party] = n.get(s.party, 0) + 1
    return dict(sorted(n.items(), key=lambda kv: (-kv[1], ALL_PARTIES.index(kv[0]))))


def standings(ledger: Ledger, as_of: dt.date, *, verified_only: bool = False) -> Standings:
    """The House at the end of ``as_of``: the general election's result plus every event of
    the ledger dated on or before it (only the verified ones with ``verified_only``)."""
    kept, left = _events_until(ledger, as_of, verified_only)
    seats = _replay(ledger, kept)
    total = len(seats)
    majority = majority_of(total)
    counts = _count(seats)
    return Standings(
        election=ledger.election, elected=ledger.elected, as_of=as_of, seats_total=total,
        majority=majority, seats=MappingProxyType(counts),
        elected_seats=MappingProxyType(_count(ledger.start)),
        vacant=tuple(s for s in seats.values() if s.vacant),
        government=government(counts, majority), events=kept, left_out=left, holders=seats,
        verified_only=verified_only,
    )


__all__ = [
    "ByElectionTotals",
    "EventKind",
    "HouseEvent",
    "HouseGovernment",
    "Ledger",
    "LedgerError",
    "Seat",
    "Standings",
    "Status",
    "government",
    "house_elected",
    "parse_kind",
    "seats_on",
    "standings",
]
