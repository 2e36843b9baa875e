"""The House as it stands on a date: `seatcast house --json` and ``/house.json`` are `HouseView`.

The standings come from `seatcast.domain.house.standings`: the general election's result
plus every change since (the catalog's ledger, or a user's ``--ledger FILE``) dated on or
before the day asked (today by default).  ``government.short_by`` is the seats the largest
party lacks for a majority of the full House (0 when it has one); ``government.spare`` the
seats it holds above that line (0 for a minority).  Unverified events are shown as such
(``verified: false``) and left out with ``verified_only``, which lists them in ``left_out``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from seatcast.catalog import Catalog
from seatcast.domain.house import EventKind, HouseEvent, Ledger, Seat, Standings, Status
from seatcast.domain.parties import Party
from seatcast.domain.ridings import RidingCode, RidingMap
from seatcast.views.common import ElectionRef


@dataclass(frozen=True, slots=True)
class HouseRequest:
    as_of: dt.date | None = None  # None: today
    verified_only: bool = False
    election: str | None = None  # the general election whose House (default: the latest)

    def on(self, today: dt.date) -> HouseRequest:
        """The request with its date filled in (a view is a pure function of it)."""
        return HouseRequest(self.as_of or today, self.verified_only, self.election)


@dataclass(frozen=True, slots=True)
class EventRow:
    date: dt.date
    riding: RidingCode
    riding_name: str
    kind: EventKind
    label: str  # "floor crossing", "election annulled", ...
    from_party: Party | None
    to_party: Party | None
    member: str
    source: str
    verified: bool
    note: str


@dataclass(frozen=True, slots=True)
class HouseParty:
    party: Party
    name: str
    seats: int
    elected: int  # at the general election
    change: int  # since the general election


@dataclass(frozen=True, slots=True)
class VacantSeat:
    riding: RidingCode
    name: str
    since: dt.date
    kind: EventKind  # what left it vacant
    member: str | None  # who left it


@dataclass(frozen=True, slots=True)
class HouseGovernmentView:
    party: Party
    name: str
    status: Status
    seats: int
    majority: int
    short_by: int  # a minority: seats it needs to reach the majority line (0 for a majority)
    spare: int  # a majority: seats above the line (0 for a minority)
    tied_for_first: tuple[Party, ...]


@dataclass(frozen=True, slots=True)
class HouseView:
    as_of: dt.date
    election: ElectionRef  # the general election that returned this House
    seats_total: int
    majority: int  # of the full House, vacancies or not
    sitting: int  # members sitting (seats less vacancies)
    parties: tuple[HouseParty, ...]  # most seats first
    vacant: tuple[VacantSeat, ...]
    government: HouseGovernmentView | None  # None only when every seat is vacant
    events: tuple[EventRow, ...]  # the changes that led there, in date order
    verified_only: bool
    left_out: tuple[EventRow, ...]  # with verified_only: the unverified events to that day
    ledger: str  # where the events come from
    latest_event: dt.date | None  # the ledger's latest event, on any date


@dataclass(frozen=True, slots=True)
class SeatHolder:
    """Who holds a seat now: a member and party, or no one (vacant)."""

    party: Party | None  # None: vacant
    member: str | None
    since: dt.date
    how: EventKind | None  # None: elected at the general election
    vacant: bool


def event_row(e: HouseEvent, rmap: RidingMap) -> EventRow:
    return EventRow(e.date, e.riding, rmap.get(e.riding).name_en, e.kind, e.kind.label,
                    e.from_party, e.to_party, e.member, e.source, e.verified, e.note)


def seat_holder(s: Seat) -> SeatHolder:
    return SeatHolder(s.party, s.member if not s.vacant else s.left, s.since, s.how, s.vacant)


def ledger_of(catalog: Catalog, req: HouseRequest, ledger: Ledger | None = None) -> Ledger:
    if ledger is not None:
        return ledger
    rec = catalog.record(req.election) if req.election else catalog.house_election()
    return catalog.ledger(rec.id)


def house_view(catalog: Catalog, req: HouseRequest, ledger: Ledger | None = None, *,
               today: dt.date | None = None) -> HouseView:
    """The standings of ``req`` (``ledger``: a user's, instead of the catalog's)."""
    led = ledger_of(catalog, req, ledger)
    when = req.as_of or today or dt.date.today()
    st = led.standings(when, verified_only=req.verified_only)
    return view_of(catalog, led, st)


def view_of(catalog: Catalog, led: Ledger, st: Standings) -> HouseView:
    e = catalog.election(led.election)
    rmap = e.map
    parties = sorted(set(st.seats) | set(st.elected_seats),
                     key=lambda p: (-st.seats.get(p, 0), -st.elected_seats.get(p, 0)))
    g = st.government
    return HouseView(
        as_of=st.as_of, election=ElectionRef.of(e.record), seats_total=st.seats_total,
        majority=st.majority, sitting=st.sitting,
        parties=tuple(HouseParty(p, p.name_en, st.seats.get(p, 0), st.elected_seats.get(p, 0),
                                 st.seats.get(p, 0) - st.elected_seats.get(p, 0)) for p in parties),
        vacant=tuple(VacantSeat(s.riding, rmap.get(s.riding).name_en, s.since,
                                s.how or EventKind.RESIGNATION, s.left) for s in st.vacant),
        government=HouseGovernmentView(g.party, g.party.name_en, g.status, g.seats, g.majority,
                                       g.short_by, g.spare, g.tied_for_first) if g else None,
        events=tuple(event_row(x, rmap) for x in st.events), verified_only=st.verified_only,
        left_out=tuple(event_row(x, rmap) for x in st.left_out), ledger=led.source,
        latest_event=led.events[-1].date if led.events else None,
    )


def government_line(v: HouseView) -> str:
    """One sentence: "Liberal minority: 171 seats, 1 short of the 172 needed"."""
    g = v.government
    if g is None:
        return "no government: every seat is vacant"
    if g.status is Status.MAJORITY:
        return (f"{g.name} majority: {g.seats} seats, {g.spare} above the {g.majority} needed"
                if g.spare else f"{g.name} majority: {g.seats} seats, exactly the {g.majority} needed")
    return f"{g.name} minority: {g.seats} seats, {g.short_by} short of the {g.majority} needed"


#: By-election totals give every other candidate together (independents included).
OTHERS = "Other candidates (together)"


@dataclass(frozen=True, slots=True)
class PartyVotes:
    party: Party
    name: str
    votes: int
    share: float


@dataclass(frozen=True, slots=True)
class ByElectionResult:
    """A by-election's result: the winner (from the ledger) and, where the catalog has
    checked ones, the votes by party with their source (never estimated)."""

    date: dt.date
    member: str
    party: Party
    verified: bool  # a dated source confirms the winner
    source: str
    votes: tuple[PartyVotes, ...]  # empty: no checked totals
    valid_votes: int | None
    votes_source: str | None


@dataclass(frozen=True, slots=True)
class RidingSince:
    """One riding since the general election: who holds it now, and every change to it."""

    holder: SeatHolder  # after the ledger's latest event (unverified ones included)
    events: tuple[EventRow, ...]  # by-elections, crossings, vacancies, in date order
    by_elections: tuple[ByElectionResult, ...]  # the results, after the general election's
    ledger: str


def riding_since(catalog: Catalog, election: str, code: int) -> RidingSince | None:
    """The changes to one seat of the House ``election`` returned (None: no ledger)."""
    if not catalog.has_ledger(election):
        return None
    led = catalog.ledger(election)
    rmap = catalog.election(led.election).map
    now = led.seats_on(dt.date.max)[RidingCode(code)]
    totals = {(t.riding, t.date): t for t in catalog.by_election_totals(election)}
    results = []
    for ev in led.of_riding(code):
        if not ev.kind.fills or ev.to_party is None:
            continue
        t = totals.get((ev.riding, ev.date))
        valid = t.valid_votes if t is not None else None
        votes = tuple(PartyVotes(p, OTHERS if p is Party.OTH else p.name_en, n,
                                 n / valid if valid else 0.0)
                      for p, n in (t.votes if t is not None else ()))
        results.append(ByElectionResult(ev.date, ev.member, ev.to_party, ev.verified, ev.source,
                                        votes, valid, t.source if t is not None else None))
    return RidingSince(seat_holder(now), tuple(event_row(e, rmap) for e in led.of_riding(code)),
                       tuple(results), led.source)
