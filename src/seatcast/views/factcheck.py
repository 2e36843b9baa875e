"""A fact-check: every checkable claim of an article, against the right election and date.

`seatcast check FILE --json` and ``POST /check.json`` (the article as the body) are
`FactCheckView`.  The article's day is ``--as-of``, else the publication date in its page's
metadata, else today: claims about the House as it stands ("the Liberals now hold 171 seats",
"one seat short of a majority", "after the floor crossing") are checked against the ledger
of the House on that day, claims about an election's result against the result.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from seatcast.catalog import Catalog
from seatcast.domain.house import Standings, standings
from seatcast.domain.parties import Party
from seatcast.errors import SeatcastError
from seatcast.views.common import ElectionRef


@dataclass(frozen=True, slots=True)
class FactCheckRequest:
    content: str  # the article: HTML or plain text
    name: str  # how the report names it: a path, "<stdin>", "<posted>"
    today: dt.date  # the face's today (the article's day when nothing else says)
    html: bool | None = None  # None: guessed from the content
    election: str | None = None  # None: inferred from the text
    as_of: dt.date | None = None  # the article's day (None: its publication date, else today)


@dataclass(frozen=True, slots=True)
class ElectionChecked:
    id: str
    name: str
    date: dt.date | None
    seats: int
    inferred: bool
    how: str


@dataclass(frozen=True, slots=True)
class HouseChecked:
    """The House the article's claims about "now" were checked against."""

    as_of: dt.date
    election: ElectionRef  # the general election that returned it
    seats: Mapping[Party, int]
    vacant: int
    unverified_events: int  # changes counted that no dated source confirms yet


@dataclass(frozen=True, slots=True)
class RidingRef:
    code: int
    name: str


@dataclass(frozen=True, slots=True)
class ClaimChecked:
    claim: str
    quote: str
    kind: str
    party: Party | None
    stated: int | float | str
    official: int | float | str | None
    verdict: str
    hedge: str | None
    hedge_kind: str
    party_named_as: str | None
    party_implied: bool
    direction: str | None
    measure: str | None
    refers_to: str | None
    province: str | None
    compared_with: str | None
    riding: RidingRef | None
    note: str
    source: str
    paragraph: int
    decimals: int  # decimals written in a percentage
    invalid: str | None  # why the figure cannot be a result ("-5 seats"), when it cannot


@dataclass(frozen=True, slots=True)
class FactCheckView:
    article: str
    language: str
    election: ElectionChecked
    as_of: dt.date
    as_of_from: str  # "--as-of", "the article's publication date" or "today"
    house: HouseChecked | None  # None: no ledger covers that day
    paragraphs: int
    lines_left_out: int
    summary: Mapping[str, int]
    claims: tuple[ClaimChecked, ...]


def house_on(catalog: Catalog, day: dt.date) -> Standings | None:
    """The House on ``day``, from the ledger of the sitting House (None before its election or
    without a ledger)."""
    rec = catalog.house_election()
    if rec.date is None or day < rec.date or not catalog.has_ledger(rec.id):
        return None
    return standings(catalog.ledger(rec.id), day)


def fact_check_view(catalog: Catalog, req: FactCheckRequest,
                    progress: Callable[[int, int], None] | None = None) -> FactCheckView:
    from seatcast.factcheck import check_article, extract_article
    from seatcast.factcheck.patterns import Kind

    try:
        article = extract_article(req.content, html=req.html)
    except SeatcastError as err:
        raise SeatcastError(f"{req.name}: {err}") from None
    published: dt.date | None = None
    if article.published:
        try:
            published = dt.date.fromisoformat(article.published[:10])
        except ValueError:
            published = None
    day, how = ((req.as_of, "--as-of") if req.as_of else
                (published, "the article's publication date") if published else (req.today, "today"))
    house = house_on(catalog, day)
    elections = {str(k): v for k, v in catalog.elections().items()}
    result = check_article(article, elections, election=req.election, house=house,
                           progress=progress)
    e = result.election
    rec = catalog.house_election()
    claims = []
    for c in result.claims:
        claim = c.claim
        claims.append(ClaimChecked(
            claim=claim.text, quote=claim.quote, kind=claim.kind.value, party=claim.party,
            stated=claim.stated, official=c.official, verdict=c.verdict.value,
            hedge=claim.hedge_text, hedge_kind=claim.hedge.value, party_named_as=claim.party_text,
            party_implied=claim.party_implied, direction=claim.direction,
            measure=claim.measure if claim.kind is Kind.RANK else None, refers_to=claim.refers_to,
            province=claim.province, compared_with=c.compared_with,
            riding=RidingRef(c.riding.code, c.riding.name_en) if c.riding else None,
            note=c.note, source=c.source, paragraph=claim.paragraph + 1,
            decimals=claim.decimals, invalid=claim.invalid))
    return FactCheckView(
        article=req.name, language=result.lang.value,
        election=ElectionChecked(e.id, e.name, e.date, e.seats_total, not result.inference.given,
                                 result.inference.describe()),
        as_of=day, as_of_from=how,
        house=None if house is None else HouseChecked(
            house.as_of, ElectionRef.of(rec), MappingProxyType(dict(house.seats)), len(house.vacant),
            sum(1 for ev in house.events if not ev.verified)),
        paragraphs=len(result.article.paragraphs), lines_left_out=result.article.dropped,
        summary=MappingProxyType(result.counts()), claims=tuple(claims))
