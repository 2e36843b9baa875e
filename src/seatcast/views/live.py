"""Election night as one answer: `seatcast live status --json`, ``/live.json`` and ``/live``
all render `LiveView`.

The store's status (`seatcast.live.status.LiveStatus`) becomes what a reader needs, in the
order the page shows it:

* **the projection** first: each party's expected seats (the mean of the night's seat draws)
  with a 90 % range (5th to 95th percentile), its chance of a majority and of the most
  seats; the chance that some party wins a majority, and that none does;
* **the calls** beside it, each marked (`Mark`) as a *call* (made only when the count cannot
  change it: `CALL_MEANING`) or a *projection* (the model's estimate now): the government
  (a call once made, else the projection's favourite), every riding call, and the closest
  ridings not called yet;
* riding names (with the em dashes of the official names), times in Eastern time with the
  riding's local time where it differs (Newfoundland, the Atlantic, the Prairies, the
  West), polls reporting as a share.

`live_view(status, election)` is a pure function of the status and the election's map.
`night_election(catalog, key)` is the election a night is for: its result where it has
one, else its map alone (a night of the next election has no result yet).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from zoneinfo import ZoneInfo

from seatcast.catalog import Catalog
from seatcast.domain.elections import ElectionId
from seatcast.domain.geography import province_of
from seatcast.domain.parties import Party
from seatcast.domain.results import Election, Stage
from seatcast.domain.ridings import RidingCode, RidingMap
from seatcast.live.calls import Call, CallOutcome, CallSubject, RidingSubject
from seatcast.live.model import ModelConfig, PartySeats
from seatcast.live.status import (
    CallTiming,
    CandidateVotes,
    LiveStatus,
    OfficialComparison,
    PriorInfo,
    RidingRow,
)
from seatcast.live.store import Correction, Rejection, StoredProjection
from seatcast.views.common import party_name

CALL_PROBABILITY = ModelConfig().call_probability
#: What a call means, in one sentence (the page and docs/live.md say the same).
CALL_MEANING = (
    "A call means the count can no longer change the outcome: the leader's lead is larger than "
    "the most that the ballots still out and any revision or recount could take away, and the "
    f"live model gives the leader at least a {100 * CALL_PROBABILITY:.1f} % chance; a "
    "projection is the model's estimate now, and moves as the votes come in.")
#: How many of the closest uncalled ridings the view lists as projections.
CLOSEST = 20

EASTERN = "America/Toronto"
#: The time zone of each province's ridings (election nights fall in daylight time).
PROVINCE_ZONES: dict[str, str] = {
    "NL": "America/St_Johns", "PE": "America/Halifax", "NS": "America/Halifax",
    "NB": "America/Moncton", "QC": EASTERN, "ON": EASTERN, "MB": "America/Winnipeg",
    "SK": "America/Regina", "AB": "America/Edmonton", "BC": "America/Vancouver",
    "YT": "America/Whitehorse", "NT": "America/Yellowknife", "NU": "America/Iqaluit",
}
#: Ridings most of whose voters keep another province-wide zone's time (by official name,
#: so every map is covered): Labrador keeps Atlantic time, Kenora (Ontario) Central, the
#: East Kootenay (BC) Mountain.  Nunavut spans three zones: Iqaluit's (Eastern) is used.
RIDING_ZONES: dict[str, str] = {
    "Labrador": "America/Goose_Bay",
    "Kenora": "America/Winnipeg",
    "Kenora--Kiiwetinoong": "America/Winnipeg",
    "Kootenay--Columbia": "America/Edmonton",
    "Columbia--Kootenay--Southern Rockies": "America/Edmonton",
}


class Mark(StrEnum):
    """How firm a figure is."""

    CALL = "call"  # the count can no longer change it
    PROJECTION = "projection"  # the live model's estimate now


@cache
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def shown_name(official: str) -> str:
    """An official riding name as printed: EC's ``--`` is an em dash."""
    return official.replace("--", "—")


def zone_of(code: int, official_name: str) -> str:
    """The IANA time zone of a riding's voters (see `RIDING_ZONES`)."""
    return RIDING_ZONES.get(official_name) or PROVINCE_ZONES[province_of(code).code]


@dataclass(frozen=True, slots=True)
class When:
    """An instant in Eastern time, and in the riding's local time where that differs."""

    eastern: dt.datetime
    local: dt.datetime | None  # None: the riding keeps Eastern time (or it is national)

    @classmethod
    def of(cls, t: dt.datetime, zone: str | None = None) -> When:
        eastern = t.astimezone(_zone(EASTERN))
        if zone is None or zone == EASTERN:
            return cls(eastern, None)
        local = t.astimezone(_zone(zone))
        return cls(eastern, None if local.utcoffset() == eastern.utcoffset() else local)


@dataclass(frozen=True, slots=True)
class PartyLine:
    """One party in the live projection (`Mark.PROJECTION`) beside its count and calls."""

    party: Party
    name: str
    expected: float  # seats: the mean of the night's seat draws
    low: int  # 90 % range: 5th percentile of the draws
    high: int  # 95th percentile
    majority_chance: float
    most_seats_chance: float
    leading: int  # ridings it leads or has won in the count
    called: int  # ridings called for it (standing calls)


@dataclass(frozen=True, slots=True)
class GovernmentLine:
    """The government: a call once one is made, else the projection's most likely outcome."""

    mark: Mark
    party: Party | None
    outcome: CallOutcome | None  # majority, minority (or largest: no government call yet)
    chance: float  # the call's chance when made, or the projection's now
    time: When | None  # when the call was made (None for a projection)
    basis: str


@dataclass(frozen=True, slots=True)
class RidingLine:
    """A riding call, or the projection of a riding not called yet."""

    mark: Mark
    riding: RidingCode
    name: str
    province: str
    candidate: str | None
    party: Party
    chance: float  # of the leader winning: the call test's at the call; for a projection,
    # the share of the night's seat draws the leader's party wins in the riding now
    polls_reporting: float | None  # share of polls in: at the call, or now (None: not known)
    stage: Stage | None
    time: When  # of the update the call rested on, or of the latest count
    margin: int  # votes, in the count
    favourite: Party  # the call's party; for a projection, the party that wins most draws
    favourite_chance: float  # its share of the draws (the call test's chance for a call)
    basis: str
    seq: int
    retracted: bool  # a call a later count went against (recorded, never withdrawn)


@dataclass(frozen=True, slots=True)
class RetractionLine:
    subject: CallSubject
    label: str  # the riding's name, or "largest party" / "government"
    time: When
    seq: int
    detail: str


@dataclass(frozen=True, slots=True)
class CorrectionLine:
    riding: RidingCode
    name: str
    seq: int
    prev_seq: int
    kind: str
    detail: str


@dataclass(frozen=True, slots=True)
class LiveRiding:
    """One riding now: its count, its call or projection, and the model's figures."""

    riding: RidingCode
    name: str
    province: str
    stage: Stage | None
    polls_reporting: int | None
    polls_total: int | None
    polls_share: float | None
    leader: str | None
    party: Party | None
    margin: int | None
    votes: tuple[CandidateVotes, ...] | None
    mark: Mark | None  # None: nothing counted yet
    called: Party | None  # the party of a standing call
    call_time: When | None
    retracted: bool
    projection: StoredProjection | None


@dataclass(frozen=True, slots=True)
class LiveView:
    election: ElectionId
    name: str  # "45th general election"
    store: str
    revision: int
    prior: PriorInfo
    call_meaning: str
    seats_total: int
    majority: int
    as_of: When | None  # the latest count in the store
    ridings_reporting: int
    ridings_complete: int
    polls_reporting: int
    polls_total: int
    polls_share: float | None
    projection: tuple[PartyLine, ...]  # most expected seats first
    majority_chance: float  # that some party wins a majority
    no_majority_chance: float
    draws: int
    government: GovernmentLine
    largest_party: GovernmentLine
    seats: dict[Party, int]  # leading or won in the count
    called: tuple[RidingCode, ...]  # standing riding calls
    called_seats: dict[Party, int]
    calls: tuple[RidingLine, ...]  # every riding call, the latest first (retracted ones too)
    closest: tuple[RidingLine, ...]  # the ridings most in doubt (the favourite in the seat
    # draws least sure), not called yet: projections
    wrong_calls: int
    retractions: int
    retraction_list: tuple[RetractionLine, ...]
    updates: int
    duplicates: int
    rejected: int
    rejections: tuple[Rejection, ...]
    corrections: int
    correction_list: tuple[CorrectionLine, ...]
    timing: CallTiming
    ridings: tuple[LiveRiding, ...] | None


@dataclass(frozen=True, slots=True)
class ReplayView:
    """`seatcast live replay --json`: the night at its end, and how it compares with the
    official result (or the drawn result of a rehearsal)."""

    source: str  # "official stages", "synthetic", "rehearsal"
    seed: int | None
    fed: int  # records fed
    assumptions: tuple[str, ...]  # what a rehearsal of an election not held yet assumes
    comparison: OfficialComparison
    night: LiveView


def night_election(catalog: Catalog, key: str) -> Election:
    """The election a night is for: its result where it has one, else its map alone."""
    rec = catalog.record(key)
    if rec.has_result:
        return catalog.election(rec.id)
    return Election(record=rec, map=catalog.riding_map(rec.map), results={})


def _share(reporting: int | None, total: int | None) -> float | None:
    return reporting / total if reporting is not None and total else None


class _Names:
    def __init__(self, m: RidingMap) -> None:
        self.map = m

    def name(self, code: int) -> str:
        return shown_name(self.map.get(code).name_en) if code in self.map else str(code)

    def zone(self, code: int) -> str:
        return zone_of(code, self.map.get(code).name_en if code in self.map else "")

    def label(self, s: CallSubject) -> str:
        return self.name(s.riding) if isinstance(s, RidingSubject) else s.kind


def _call_line(c: Call, retracted: bool, n: _Names) -> RidingLine:
    assert isinstance(c.subject, RidingSubject)
    code = c.subject.riding
    return RidingLine(Mark.CALL, code, n.name(code), province_of(code).code, c.candidate,
                      c.party, c.probability, c.reporting_share, c.stage,
                      When.of(c.time, n.zone(code)), c.margin, c.party, c.probability, c.basis,
                      c.seq, retracted)


def _projection_line(r: RidingRow, n: _Names) -> RidingLine | None:
    p = r.projection
    if r.party is None or p is None or not p.candidates:
        return None
    share = _share(r.polls_reporting, r.polls_total)
    where = f"{share:.1%} of polls" if share is not None else f"{r.stage} count"
    chance = p.draws.get(r.party, 0.0)
    fav, fav_chance = max(p.draws.items(), key=lambda kv: (kv[1], kv[0] is r.party),
                          default=(r.party, chance))
    basis = (f"{where}: lead {r.margin or 0:,}, could lose {p.could_lose:,}; the leader's "
             f"party wins {chance:.1%} of the seat draws")
    time = When.of(r.time, n.zone(r.riding)) if r.time is not None else None
    assert time is not None
    return RidingLine(Mark.PROJECTION, r.riding, n.name(r.riding), province_of(r.riding).code,
                      r.leader, r.party, chance, share, r.stage, time, r.margin or 0, fav,
                      fav_chance, basis, p.seq, r.retracted)


def _government(st: LiveStatus, proj: dict[Party, PartySeats]) -> tuple[GovernmentLine,
                                                                        GovernmentLine]:
    def called(c: Call) -> GovernmentLine:
        return GovernmentLine(Mark.CALL, c.party, c.outcome, c.probability, When.of(c.time),
                              c.basis)

    top = max(proj.items(), key=lambda kv: (kv[1].most_seats_chance, kv[1].mean), default=None)
    if st.government.largest is not None:
        largest = called(st.government.largest)
    elif top is not None:
        largest = GovernmentLine(Mark.PROJECTION, top[0], CallOutcome.LARGEST,
                                 top[1].most_seats_chance, None,
                                 f"P(most seats) {top[1].most_seats_chance:.3f} in the draws")
    else:
        largest = GovernmentLine(Mark.PROJECTION, None, None, 0.0, None, "nothing counted yet")
    if st.government.outcome is not None:
        return called(st.government.outcome), largest
    if top is None:
        return GovernmentLine(Mark.PROJECTION, None, None, 0.0, None, "nothing counted yet"), \
            largest
    maj = sum(s.majority_chance for s in proj.values())
    best_maj = max(proj.items(), key=lambda kv: kv[1].majority_chance)
    if best_maj[1].majority_chance >= 1 - maj:
        gov = GovernmentLine(Mark.PROJECTION, best_maj[0], CallOutcome.MAJORITY,
                             best_maj[1].majority_chance, None,
                             f"P(majority) {best_maj[1].majority_chance:.3f} in the draws")
    else:
        gov = GovernmentLine(Mark.PROJECTION, top[0], CallOutcome.MINORITY, 1 - maj, None,
                             f"P(no majority) {1 - maj:.3f} in the draws")
    return gov, largest


def live_view(st: LiveStatus, election: Election, *, closest: int = CLOSEST) -> LiveView:
    """The status of a night, for readers (see the module docstring)."""
    n = _Names(election.map)
    proj = dict(st.projection)
    lines = [PartyLine(p, party_name(p), s.mean, s.low, s.high, s.majority_chance,
                       s.most_seats_chance, st.seats.get(p, 0), st.called_seats.get(p, 0))
             for p, s in proj.items() if s.mean > 0 or s.high > 0 or st.seats.get(p)]
    lines.sort(key=lambda x: (-x.expected, -x.leading, x.party.value))
    maj = min(1.0, sum(s.majority_chance for s in proj.values()))
    gov, largest = _government(st, proj)
    retracted = {r.subject for r in st.retraction_list}
    calls = sorted((_call_line(c, c.subject in retracted, n) for c in st.calls),
                   key=lambda x: -x.seq)
    standing = set(st.called)
    open_rows = [r for r in st.ridings or () if r.riding not in standing]
    proj_lines = [x for x in (_projection_line(r, n) for r in open_rows) if x is not None]
    proj_lines.sort(key=lambda x: (x.favourite_chance, x.riding))  # the most in doubt first
    ridings = None
    if st.ridings is not None:
        ridings = tuple(_riding(r, n, standing) for r in st.ridings)
    return LiveView(
        election=ElectionId(st.election), name=election.name, store=st.store,
        revision=st.revision, prior=st.prior, call_meaning=CALL_MEANING,
        seats_total=st.seats_total, majority=st.majority,
        as_of=When.of(st.last_time) if st.last_time is not None else None,
        ridings_reporting=st.ridings_reporting, ridings_complete=st.ridings_complete,
        polls_reporting=st.polls_reporting, polls_total=st.polls_total,
        polls_share=_share(st.polls_reporting, st.polls_total),
        projection=tuple(lines), majority_chance=maj, no_majority_chance=1 - maj,
        draws=st.draws, government=gov, largest_party=largest,
        seats=dict(st.seats), called=st.called, called_seats=dict(st.called_seats),
        calls=tuple(calls), closest=tuple(proj_lines[:closest]),
        wrong_calls=st.wrong_calls, retractions=st.retractions,
        retraction_list=tuple(RetractionLine(r.subject, n.label(r.subject),
                                             When.of(r.time, n.zone(r.subject.riding)
                                                     if isinstance(r.subject, RidingSubject)
                                                     else None), r.seq, r.detail)
                              for r in st.retraction_list),
        updates=st.updates, duplicates=st.duplicates, rejected=st.rejected,
        rejections=st.rejections, corrections=st.corrections,
        correction_list=tuple(_correction(c, n) for c in st.correction_list),
        timing=st.timing, ridings=ridings,
    )


def _correction(c: Correction, n: _Names) -> CorrectionLine:
    return CorrectionLine(c.riding, n.name(c.riding), c.seq, c.prev_seq, c.kind.value, c.detail)


def _riding(r: RidingRow, n: _Names, standing: set[RidingCode]) -> LiveRiding:
    mark = (Mark.CALL if r.riding in standing else Mark.PROJECTION if r.party is not None
            else None)
    return LiveRiding(
        r.riding, n.name(r.riding), province_of(r.riding).code, r.stage, r.polls_reporting,
        r.polls_total, _share(r.polls_reporting, r.polls_total), r.leader, r.party, r.margin,
        r.votes, mark, r.called,
        When.of(r.call_time, n.zone(r.riding)) if r.call_time is not None else None,
        r.retracted, r.projection)


__all__ = [
    "CALL_MEANING",
    "GovernmentLine",
    "LiveRiding",
    "LiveView",
    "Mark",
    "PartyLine",
    "ReplayView",
    "RidingLine",
    "When",
    "live_view",
    "night_election",
    "shown_name",
    "zone_of",
]
