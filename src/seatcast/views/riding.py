"""One riding in one election: every candidate at every count stage, and who held it before.

`seatcast riding QUERY --election E --json` and ``/ridings/CODE.json?election=E`` are
`RidingView`.  A query is a code or a name (accents, case and dash style ignored; an
ambiguous name is an error that lists the matches).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from seatcast.catalog import Catalog
from seatcast.domain.elections import ElectionId
from seatcast.domain.parties import ALL_PARTIES, Party
from seatcast.domain.results import Candidate, RidingResult, Stage
from seatcast.domain.ridings import Riding, RidingCode
from seatcast.errors import NotFoundError
from seatcast.views.common import ElectionRef
from seatcast.views.house import RidingSince, riding_since


@dataclass(frozen=True, slots=True)
class RidingRequest:
    query: str  # a riding code or name
    election: str | None = None  # default: the latest election with this riding on its map


@dataclass(frozen=True, slots=True)
class CandidateRow:
    name: str  # empty for a party total (a transposition has no candidates)
    party: Party
    affiliation: str  # as Elections Canada prints it
    votes: int
    share: float
    incumbent: bool | None  # None: not known
    elected: bool


@dataclass(frozen=True, slots=True)
class StageView:
    stage: Stage
    valid_votes: int
    rejected: int | None
    total_ballots: int | None
    leader: CandidateRow
    margin: int
    margin_share: float
    candidates: tuple[CandidateRow, ...]


@dataclass(frozen=True, slots=True)
class LeaderChange:
    """The leader changed from one count stage to the next."""

    before_stage: Stage
    after_stage: Stage
    before: str  # candidate (or party) leading at the earlier stage
    before_party: Party
    after: str
    after_party: Party


@dataclass(frozen=True, slots=True)
class PreviousResult:
    election: ElectionRef
    winner: Party
    shares: dict[Party, float]
    share_change: dict[Party, float]  # this election minus that one, in fraction points


@dataclass(frozen=True, slots=True)
class RidingView:
    election: ElectionRef
    code: RidingCode
    name: str
    name_fr: str
    province: str
    region: str
    stage: Stage  # the final count's stage
    winner: CandidateRow
    margin: int
    margin_share: float
    valid_votes: int
    rejected: int | None
    total_ballots: int | None
    electors: int | None
    turnout: float | None
    polling_stations: int | None
    candidates: tuple[CandidateRow, ...]  # the final count
    stages: tuple[StageView, ...]  # every count stage, earliest first
    leader_changes: tuple[LeaderChange, ...]
    winner_changed_between_stages: bool
    previous: PreviousResult | None  # the election before, on the same map
    elections: tuple[ElectionId, ...]  # elections with a riding of this code on their map
    since: RidingSince | None = None  # the seat since this election: by-elections, crossings


def _rows(r: RidingResult, final_winner: Candidate | None = None) -> tuple[CandidateRow, ...]:
    valid = r.valid_votes
    return tuple(CandidateRow(c.name, c.party, c.affiliation, c.votes,
                              c.votes / valid if valid else 0.0, c.incumbent,
                              final_winner is not None and i == 0)
                 for i, c in enumerate(r.candidates))


def _stage(r: RidingResult) -> StageView:
    rows = _rows(r)
    return StageView(r.stage, r.valid_votes, r.rejected, r.total_ballots, rows[0], r.margin,
                     r.margin_share, rows)


def _party_rank(p: Party) -> int:
    return ALL_PARTIES.index(p)


def find_riding(catalog: Catalog, req: RidingRequest) -> tuple[ElectionId, Riding]:
    """The election and riding a request names (a code or a name on that election's map)."""
    having = [eid for eid in catalog.result_ids()]
    if req.election is not None:
        e = catalog.election(req.election)
        return e.id, e.map.find(req.query)
    q = req.query.strip()
    if q.isdigit():
        code = int(q)
        for eid in having:
            m = catalog.election(eid).map
            if code in m:
                return eid, m.get(code)
        raise NotFoundError(f"no election in the catalog has a riding {code}")
    latest = catalog.election(having[0])
    return latest.id, latest.map.find(q)


def riding_view(catalog: Catalog, req: RidingRequest) -> RidingView:
    eid, riding = find_riding(catalog, req)
    e = catalog.election(eid)
    code = riding.code
    r = e.result(code)
    stages = e.stages_of(code)
    views = tuple(_stage(st) for st in stages)
    changes = tuple(
        LeaderChange(a.stage, b.stage, a.leader.name, a.leader.party, b.leader.name, b.leader.party)
        for a, b in pairwise(views)
        if (a.leader.name, a.leader.party) != (b.leader.name, b.leader.party))
    prev = catalog.previous(e)
    previous = None
    valid = r.valid_votes
    if prev is not None and code in prev.map:
        pr = prev.result(code)
        pshares = {p: v / pr.valid_votes for p, v in pr.party_votes().items()} if pr.valid_votes else {}
        now = {p: v / valid for p, v in r.party_votes().items()} if valid else {}
        previous = PreviousResult(ElectionRef.of(prev.record), pr.winner.party, pshares,
                                  {p: now.get(p, 0.0) - pshares.get(p, 0.0)
                                   for p in sorted(set(now) | set(pshares), key=_party_rank)})
    final = _rows(r, r.winner)
    return RidingView(
        election=ElectionRef.of(e.record), code=code, name=riding.name_en, name_fr=riding.name_fr,
        province=riding.province.code, region=riding.region.value, stage=r.stage,
        winner=final[0], margin=r.margin, margin_share=r.margin_share, valid_votes=valid,
        rejected=r.rejected, total_ballots=r.total_ballots, electors=r.electors,
        turnout=r.turnout, polling_stations=r.polling_stations, candidates=final,
        stages=views, leader_changes=changes, winner_changed_between_stages=bool(changes),
        previous=previous,
        elections=tuple(x for x in catalog.result_ids() if code in catalog.election(x).map),
        since=riding_since(catalog, e.id, code),
    )
