"""Views: one function per page, returning the page's data and its charts.

Each view builds a frozen dataclass (the JSON twin, documented in the OpenAPI schema) plus
the figures drawn from the same objects; the HTML page and ``.json`` route both call the
same function, so what a reader sees and what a script downloads cannot disagree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from seatcast.catalog import election_ids, hex_layout, load
from seatcast.domain.parties import ALL_PARTIES, Party
from seatcast.domain.results import Election
from seatcast.errors import NotFoundError, SeatcastError
from seatcast.present import charts, hexmap
from seatcast.present.charts import regional_shares
from seatcast.present.hemicycle import hemicycle
from seatcast.present.svg import Figure
from seatcast.results.tally import Flip, Government, PartyLine, Race, race_of, summarize

COLOUR_MODES = ("winner", "margin")


@dataclass(frozen=True, slots=True)
class ElectionView:
    id: str
    name: str
    date: str
    map: str
    seats_total: int
    majority: int
    valid_votes: int
    turnout: float | None
    previous: str | None
    government: Government
    parties: list[PartyLine]
    closest: list[Race]
    flips: list[Flip]
    swing: dict[str, dict[str, float]]  # region -> party -> change in share (fraction points)
    ridings: list[Race]
    links: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class CandidateRow:
    name: str
    party: str
    affiliation: str
    votes: int
    share: float
    incumbent: bool
    elected: bool


@dataclass(frozen=True, slots=True)
class StageRow:
    stage: str
    valid_votes: int
    winner: str
    winner_name: str
    margin: int
    votes: dict[str, int]  # candidate name -> votes


@dataclass(frozen=True, slots=True)
class PreviousRow:
    election: str
    winner: str
    shares: dict[str, float]
    share_change: dict[str, float]


@dataclass(frozen=True, slots=True)
class RidingView:
    election: str
    election_name: str
    code: int
    name_en: str
    name_fr: str
    province: str
    region: str
    stage: str
    winner: str
    winner_name: str
    margin: int
    margin_share: float
    valid_votes: int
    rejected: int | None
    total_ballots: int | None
    electors: int | None
    turnout: float | None
    candidates: list[CandidateRow]
    stages: list[StageRow]
    previous: PreviousRow | None
    elections: list[str]  # the built-in elections with a riding of this code on their map
    links: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Page:
    """A view's data (the JSON twin) and its figures (the HTML page's charts)."""

    data: object
    figures: dict[str, Figure]


def get_election(election_id: str) -> Election:
    return load(election_id)  # raises UnknownElectionError (a SeatcastError) when unknown


def previous_of(election: Election) -> Election | None:
    return load(election.previous) if election.previous else None


def riding_href(election_id: str) -> Callable[[int], str]:
    return lambda code: f"/ridings/{code}?election={election_id}"


def election_page(election_id: str, *, colour: str = "winner", rows: int | None = None,
                  order: str = "seats") -> Page:
    """The House after an election: seats, votes, government, closest races, flips, swing."""
    if colour not in COLOUR_MODES:
        raise SeatcastError(f"unknown colour mode {colour!r} (known: {', '.join(COLOUR_MODES)})")
    e = get_election(election_id)
    prev = previous_of(e)
    s = summarize(e, prev)
    swing: dict[str, dict[str, float]] = {}
    try:  # rows and order come from the query string: their errors are the user's
        house = hemicycle(e.seats(), rows=rows, order=order,
                          title=f"House of Commons after the {e.date.year} election",
                          government=s.government)
    except ValueError as exc:
        raise SeatcastError(str(exc)) from None
    figures: dict[str, Figure] = {"hemicycle": house}
    if prev is not None:
        before, after = regional_shares(prev), regional_shares(e)
        shown = charts.parties_standing(before, after)
        swing = {r.value: {p.value: d for p, d in ch.items()}
                 for r, ch in charts.share_changes(before, after, shown).items()}
        figures["swing"] = charts.regional_swing(
            before, after, shown, before_label=prev.date.isoformat()[:4] + (
                " (transposed)" if prev.id.endswith("t") else ""), after_label=str(e.date.year))
    layout = hex_layout()
    if set(layout) == {r.code for r in e.map}:
        href = riding_href(e.id)
        figures["hexmap"] = (hexmap.by_winner(e, layout, href=href) if colour == "winner"
                             else hexmap.by_margin(e, layout, href=href))
    data = ElectionView(
        id=e.id, name=e.name, date=e.date.isoformat(), map=e.map.name,
        seats_total=s.seats_total, majority=s.majority, valid_votes=s.valid_votes,
        turnout=s.turnout, previous=s.previous, government=s.government,
        parties=list(s.parties), closest=list(s.closest), flips=list(s.flips),
        swing=swing,
        ridings=[race_of(e, e.result(code)) for code in sorted(e.results)],
        links={"html": f"/elections/{e.id}", "json": f"/elections/{e.id}.json",
               "hemicycle_svg": f"/elections/{e.id}/hemicycle.svg",
               **({"hexmap_svg": f"/elections/{e.id}/hexmap.svg"} if "hexmap" in figures else {})},
    )
    return Page(data, figures)


def elections_with(code: int) -> list[str]:
    return [eid for eid in election_ids() if code in load(eid).map]


def riding_page(code: int, election_id: str | None = None) -> Page:
    """One riding: its candidates, every count stage, and the previous result on its map."""
    having = elections_with(code)
    if not having:
        raise NotFoundError(f"no built-in election has a riding {code}")
    if election_id is None:
        election_id = having[0]
    e = get_election(election_id)
    if code not in e.map:
        raise NotFoundError(f"riding {code} is not on the {e.map.name} map of election {e.id} "
                            f"(it is in: {', '.join(having)})")
    riding = e.map.get(code)
    r = e.result(code)
    valid = r.valid_votes
    cands = [CandidateRow(c.name, c.party.value, c.affiliation, c.votes,
                          c.votes / valid if valid else 0.0, c.incumbent, i == 0)
             for i, c in enumerate(r.candidates)]
    stages = [StageRow(st.stage.value, st.valid_votes, st.winner.party.value, st.winner.name,
                       st.margin, {c.name: c.votes for c in st.candidates})
              for st in e.stages_of(code)]
    prev = previous_of(e)
    previous = None
    if prev is not None and code in prev.map:
        pr = prev.result(code)
        pshares = {p.value: v / pr.valid_votes for p, v in pr.party_votes().items()} if pr.valid_votes else {}
        now = {p.value: v / valid for p, v in r.party_votes().items()} if valid else {}
        previous = PreviousRow(prev.id, pr.winner.party.value, pshares,
                               {p: now.get(p, 0.0) - pshares.get(p, 0.0)
                                for p in sorted(set(now) | set(pshares), key=_party_rank)})
    data = RidingView(
        election=e.id, election_name=e.name, code=code, name_en=riding.name_en,
        name_fr=riding.name_fr, province=riding.province.code, region=riding.region.value,
        stage=r.stage.value, winner=r.winner.party.value, winner_name=r.winner.name,
        margin=r.margin, margin_share=r.margin_share, valid_votes=valid, rejected=r.rejected,
        total_ballots=r.total_ballots, electors=r.electors, turnout=r.turnout,
        candidates=cands, stages=stages, previous=previous, elections=having,
        links={"html": f"/ridings/{code}?election={e.id}",
               "json": f"/ridings/{code}.json?election={e.id}", "election": f"/elections/{e.id}"},
    )
    figures: dict[str, Figure] = {}
    layout = hex_layout()
    if set(layout) == {x.code for x in e.map}:
        figures["hexmap"] = hexmap.by_winner(e, layout, href=riding_href(e.id), highlight=code)
    return Page(data, figures)


def _party_rank(code: str) -> int:
    return ALL_PARTIES.index(Party(code))


def index_data() -> dict[str, object]:
    out = []
    for eid in election_ids():
        e = load(eid)
        seats = {p.value: n for p, n in e.seats().items() if n}
        out.append({"id": e.id, "name": e.name, "date": e.date.isoformat(), "map": e.map.name,
                    "seats_total": e.seats_total, "majority": e.majority, "seats": seats,
                    "links": {"html": f"/elections/{eid}", "json": f"/elections/{eid}.json"}})
    return {"elections": out}
