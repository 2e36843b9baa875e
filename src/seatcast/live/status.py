"""What a live store says now: a pure read API for the CLI and the web page.

``current_status(store_path, election) -> LiveStatus`` opens the store read-only (it works
while another process is ingesting: SQLite WAL readers never block the writer) and returns
a frozen, typed answer; the CLI's ``--json`` and the web twin are ``to_jsonable`` of it:

* ``election``, ``majority``, ``seats_total``, ``revision`` (one more per committed chunk),
  ``prior`` (which prior the night uses); ``updates`` (records in the log), ``duplicates``,
  ``rejected`` (records refused), ``corrections`` (counts that went down);
* ``seats``: party -> ridings it leads or has won in the count;
* ``called``: riding codes with a standing call (made, and not retracted);
  ``called_seats``: party -> those calls;
* ``government``: the largest-party call and the government (majority/minority) call;
* ``projection``: party -> mean, 5th-95th percentile seats, majority and most-seats chance;
* ``wrong_calls``: calls contradicted by a final (certified or official) count;
  ``retractions``: calls a later count went against (recorded, never deleted);
* ``ridings``: one row per riding with its count, leader, projection interval and call;
* ``calls`` (every call made, retracted ones included), ``retraction_list``,
  ``rejections``, ``correction_list``: the details; ``timing``: how early the calls came.

``ingest_lines(store_path, lines, election, ...) -> IngestReport`` applies POSTed JSON
Lines records; ``compare_official(store_path, election) -> OfficialComparison`` checks a
replay's end against the official result.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from seatcast.domain.parties import ALL_PARTIES, Party
from seatcast.domain.results import Election, Stage
from seatcast.domain.ridings import RidingCode
from seatcast.live.calls import (
    GOVERNMENT,
    LARGEST_PARTY,
    Call,
    CallOutcome,
    CallSubject,
    RidingSubject,
)
from seatcast.live.feed import FINAL_STAGES, RawRecord, Update
from seatcast.live.model import PartySeats, PriorKind
from seatcast.live.plan import NightPlan
from seatcast.live.store import (
    Correction,
    IngestReport,
    Rejection,
    Retraction,
    StoredNight,
    StoredProjection,
    read_calls_of,
    read_current_of,
    read_night,
)


@dataclass(frozen=True, slots=True)
class PriorInfo:
    kind: PriorKind
    description: str


@dataclass(frozen=True, slots=True)
class GovernmentCalls:
    largest: Call | None
    outcome: Call | None


@dataclass(frozen=True, slots=True)
class CallTiming:
    median_polls_reporting_at_call: float | None
    called_during_preliminary_count: float
    largest_party_call_time: dt.datetime | None
    government_call_time: dt.datetime | None


@dataclass(frozen=True, slots=True)
class CandidateVotes:
    name: str
    party: Party
    votes: int


@dataclass(frozen=True, slots=True)
class RidingRow:
    riding: RidingCode
    name: str
    stage: Stage | None
    polls_reporting: int | None
    polls_total: int | None
    time: dt.datetime | None  # of the current count
    leader: str | None
    party: Party | None
    margin: int | None
    votes: tuple[CandidateVotes, ...] | None
    called: Party | None  # the party of a standing call
    call_time: dt.datetime | None
    retracted: bool  # a call was made and a later count went against it
    projection: StoredProjection | None


@dataclass(frozen=True, slots=True)
class LiveStatus:
    election: str
    store: str
    revision: int
    prior: PriorInfo
    seats_total: int
    majority: int
    updates: int
    duplicates: int
    rejected: int
    corrections: int
    last_time: dt.datetime | None
    ridings_reporting: int
    ridings_complete: int
    polls_reporting: int
    polls_total: int
    seats: Mapping[Party, int]
    called: tuple[RidingCode, ...]
    called_seats: Mapping[Party, int]
    government: GovernmentCalls
    projection: Mapping[Party, PartySeats]
    draws: int  # national seat draws behind the projection (0: none yet)
    wrong_calls: int
    retractions: int
    timing: CallTiming
    calls: tuple[Call, ...]
    retraction_list: tuple[Retraction, ...]
    rejections: tuple[Rejection, ...]
    correction_list: tuple[Correction, ...]
    ridings: tuple[RidingRow, ...] | None


@dataclass(frozen=True, slots=True)
class OfficialComparison:
    matches_official: bool
    mismatched_ridings: tuple[RidingCode, ...]
    wrong_calls: int  # riding calls, the largest-party call and the government call
    wrong_call_list: tuple[RidingCode, ...]


def _riding_calls(calls: Mapping[CallSubject, Call]) -> dict[RidingCode, Call]:
    return {s.riding: c for s, c in calls.items() if isinstance(s, RidingSubject)}


def call_timing(calls: Mapping[CallSubject, Call], seats_total: int) -> CallTiming:
    """Median share of polls reporting when ridings were called, the share of ridings
    called by the end of the preliminary count, and when the government calls came."""
    riding = list(_riding_calls(calls).values())
    shares = [c.reporting_share for c in riding]
    prelim = [c for c in riding if c.stage is Stage.PRELIMINARY]
    largest, gov = calls.get(LARGEST_PARTY), calls.get(GOVERNMENT)
    return CallTiming(
        median_polls_reporting_at_call=statistics.median(shares) if shares else None,
        called_during_preliminary_count=len(prelim) / seats_total if seats_total else 0.0,
        largest_party_call_time=largest.time if largest else None,
        government_call_time=gov.time if gov else None,
    )


def _leader(u: Update) -> tuple[str, Party]:
    lead = max(u.candidates, key=lambda c: c.votes)
    return lead.name, lead.party


def status_of(night: StoredNight, e: Election, store: str, *, ridings: bool = True
              ) -> LiveStatus:
    """The status from what a store holds (`read_night`)."""
    current = night.current
    calls = night.calls
    retracted = {r.subject for r in night.retractions}
    seats = dict.fromkeys(ALL_PARTIES, 0)
    for u in current.values():
        if u.valid_votes > 0:
            seats[_leader(u)[1]] += 1
    by_riding = _riding_calls(calls)
    standing = {code: c for code, c in by_riding.items() if RidingSubject(code) not in retracted}
    called = tuple(sorted(standing))
    called_seats = dict.fromkeys(ALL_PARTIES, 0)
    for c in standing.values():
        called_seats[c.party] += 1
    wrong = 0
    for code, call in by_riding.items():
        cur = current.get(code)
        if cur is not None and cur.stage in FINAL_STAGES \
                and _leader(cur) != (call.candidate, call.party):
            wrong += 1
    polls = [(u.polls_reporting, u.polls_total) for u in current.values()
             if u.polls_total is not None and u.polls_reporting is not None]
    last = max((u.time for u in current.values()), default=None)
    rows = None
    if ridings:
        rows = tuple(_riding_row(e, RidingCode(code), current.get(RidingCode(code)),
                                 by_riding.get(RidingCode(code)),
                                 RidingSubject(RidingCode(code)) in retracted,
                                 night.projections.get(RidingCode(code)))
                     for code in e.map.codes)
    return LiveStatus(
        election=e.id, store=store, revision=night.revision,
        prior=PriorInfo(night.prior_kind, night.prior_description),
        seats_total=e.seats_total, majority=e.majority,
        updates=night.updates, duplicates=night.duplicates, rejected=night.rejected,
        corrections=len(night.corrections), last_time=last,
        ridings_reporting=sum(1 for u in current.values() if u.valid_votes > 0),
        ridings_complete=sum(1 for u in current.values() if u.complete),
        polls_reporting=sum(p for p, _ in polls), polls_total=sum(t for _, t in polls),
        seats={p: n for p, n in seats.items() if n},
        called=called,
        called_seats={p: n for p, n in called_seats.items() if n},
        government=GovernmentCalls(calls.get(LARGEST_PARTY), calls.get(GOVERNMENT)),
        projection=dict(night.national.national) if night.national else {},
        draws=night.national.draws if night.national else 0,
        wrong_calls=wrong,
        retractions=len(night.retractions),
        timing=call_timing(calls, e.seats_total),
        calls=tuple(by_riding[c] for c in sorted(by_riding)),
        retraction_list=night.retractions,
        rejections=night.rejections,
        correction_list=night.corrections,
        ridings=rows,
    )


def current_status(store_path: str | Path, election: Election, *, ridings: bool = True,
                   verify: bool = False) -> LiveStatus:
    """The live state of a store (see the module docstring).  `verify` first checks every
    page of the store (SQLite's quick check)."""
    night = read_night(store_path, verify=verify)
    if night.election_id != election.id:
        from seatcast.live.store import StoreError

        raise StoreError(f"{store_path} holds election {night.election_id}, not {election.id}")
    return status_of(night, election, str(store_path), ridings=ridings)


def _riding_row(e: Election, code: RidingCode, u: Update | None, call: Call | None,
                retracted: bool, proj: StoredProjection | None) -> RidingRow:
    riding = e.map.get(code)
    name = riding.name_en if riding else str(code)
    standing = call if call is not None and not retracted else None
    if u is None or u.valid_votes <= 0:
        return RidingRow(code, name, None, None, None, None, None, None, None, None,
                         standing.party if standing else None,
                         standing.time if standing else None, retracted, proj)
    ordered = sorted(u.candidates, key=lambda c: -c.votes)
    return RidingRow(
        code, name, u.stage, u.polls_reporting, u.polls_total, u.time, ordered[0].name,
        ordered[0].party, ordered[0].votes - (ordered[1].votes if len(ordered) > 1 else 0),
        tuple(CandidateVotes(c.name, c.party, c.votes) for c in ordered),
        standing.party if standing else None, standing.time if standing else None,
        retracted, proj)


def compare_official(store_path: str | Path, election: Election) -> OfficialComparison:
    """Replay end: the store's state against the official final result, riding by riding."""
    current = read_current_of(store_path)
    calls = read_calls_of(store_path)
    mismatched = []
    for code, final in election.results.items():
        u = current.get(RidingCode(code))
        want = {(c.name, c.party): c.votes for c in final.candidates}
        if u is None or u.votes_of() != want:
            mismatched.append(RidingCode(code))
    wrong = []
    for code, c in _riding_calls(calls).items():
        w = election.results[code].winner
        if (c.candidate, c.party) != (w.name, w.party):
            wrong.append(code)
    seats = election.seats()
    top = max(seats, key=lambda p: seats[p])
    actual = (CallOutcome.MAJORITY if seats[top] >= election.majority
              else CallOutcome.MINORITY)
    gov, largest = calls.get(GOVERNMENT), calls.get(LARGEST_PARTY)
    gov_wrong = gov is not None and (gov.party != top or gov.outcome is not actual)
    largest_wrong = largest is not None and largest.party != top
    return OfficialComparison(not mismatched, tuple(mismatched),
                              len(wrong) + int(gov_wrong) + int(largest_wrong), tuple(sorted(wrong)))


def ingest_lines(store_path: str | Path, lines: Iterable[str], election: Election, *,
                 plan: NightPlan | None = None, source: str = "api") -> IngestReport:
    """Apply JSON Lines records (e.g. a POST body) to a store, taking its writer lock for
    the time of the ingest (`StoreBusyError` if another process holds it); a new store
    needs the night's `plan`."""
    from seatcast.live.night import LiveNight

    raws = [RawRecord(source, i, t.strip()) for i, t in enumerate(lines, start=1) if t.strip()]
    with LiveNight(store_path, election, plan=plan, verify=False) as night:
        return night.ingest(raws, source=source)
