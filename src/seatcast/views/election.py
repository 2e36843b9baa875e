"""An election's result: seats, votes, government, turnout, closest races, flips, swing.

`seatcast results E --json` and ``/elections/E.json`` are `ElectionView`.  A comparison is
with the election before it on its map by default (2021 transposed for 2025, 2015 for 2019),
or for the first election on a new map the general election held before it (2011 for 2015:
308 ridings then, 338 now), or with any earlier election (``compare``): on the same map
riding by riding, on another map (2025 against 2021 as elected, the comparison most coverage
quotes) party totals only, said so.
Under a province, the government line is the whole House's, and says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from seatcast.catalog import Catalog
from seatcast.domain.geography import Province, parse_province
from seatcast.domain.parties import Party
from seatcast.domain.results import Election
from seatcast.errors import SeatcastError
from seatcast.results.compare import RegionalShare, regional_swing
from seatcast.results.tally import Comparison, Flip, Government, Race, race_of, summarize
from seatcast.views.common import ElectionRef


@dataclass(frozen=True, slots=True)
class ElectionRequest:
    election: str = "2025"
    province: str | None = None  # a province code or name
    compare: str | None = None  # any earlier election (default: the previous on the same map)
    closest: int = 10

    def __post_init__(self) -> None:
        if self.closest < 0:
            raise SeatcastError(f"closest must be 0 or more (got {self.closest})")
        if self.province is not None:
            self.scope()

    def scope(self) -> Province | None:
        if self.province is None:
            return None
        try:
            return parse_province(self.province)
        except ValueError as e:
            raise SeatcastError(str(e)) from None


@dataclass(frozen=True, slots=True)
class PartyResult:
    party: Party
    name: str
    seats: int
    votes: int
    share: float  # of valid votes
    seats_change: int | None  # against the comparison
    share_change: float | None  # in fraction points (0.01 = one point)


@dataclass(frozen=True, slots=True)
class RegionSwing:
    region: str
    name: str
    parties: tuple[RegionalShare, ...]


@dataclass(frozen=True, slots=True)
class ElectionView:
    election: ElectionRef
    source: str
    scope: str  # "Canada" or a province code
    seats_total: int  # in scope
    majority: int  # of the whole House
    valid_votes: int
    total_ballots: int | None
    electors: int | None
    turnout: float | None  # total ballots / electors; None where electors are not known
    compared_with: ElectionRef | None
    comparison: Comparison | None  # same map (ridings) or totals only (another map)
    previous_turnout: float | None
    parties: tuple[PartyResult, ...]
    government: Government  # always the whole House's
    government_is_national: bool  # True under a province: the line is the House's, not its
    closest: tuple[Race, ...]
    flips: tuple[Flip, ...]
    swing: tuple[RegionSwing, ...]  # regional vote shares before and after (any comparison)
    ridings: tuple[Race, ...]  # every riding in scope, by code


def comparison_for(catalog: Catalog, e: Election, compare: str | None) -> Election | None:
    """The election ``e`` is compared with: ``compare`` (an earlier one), else its previous
    on the same map, else (the first election on a new map: 2015 after 2011) the general
    election held before it, which compares party totals only.  A transposition has no
    default comparison, and neither does a user's file that is not a catalog election."""
    if compare is None:
        prev = catalog.previous(e)
        if prev is not None or e.record.is_transposition or e.id not in catalog.registry:
            return prev
        before = catalog.registry.held_before(catalog.record(e.id))
        return catalog.election(before.id) if before is not None and e.date is not None else None
    other = catalog.election(compare)
    if other.id == e.id:
        raise SeatcastError(f"cannot compare {e.id} with itself")
    if e.date is not None and other.date is not None and other.date > e.date:
        raise SeatcastError(f"--compare {other.id}: it is later than {e.id}; compare with an "
                            "earlier election")
    return other


def election_view(catalog: Catalog, req: ElectionRequest, e: Election | None = None) -> ElectionView:
    """``e``: a results file the user gave (else the catalog's election ``req.election``)."""
    e = e if e is not None else catalog.election(req.election)
    prev = comparison_for(catalog, e, req.compare)
    prov = req.scope()
    s = summarize(e, prev, province=prov, national=e, closest=req.closest)
    scoped = e.subset([r.code for r in e.map if prov is None or r.province == prov])
    swing: tuple[RegionSwing, ...] = ()
    if prev is not None:
        swing = tuple(RegionSwing(r.value, r.label, shares)
                      for r, shares in regional_swing(prev, scoped).items())
    return ElectionView(
        election=ElectionRef.of(e.record),
        source=e.source,
        scope=s.scope,
        seats_total=s.seats_total,
        majority=s.majority,
        valid_votes=s.valid_votes,
        total_ballots=s.total_ballots,
        electors=s.electors,
        turnout=s.turnout,
        compared_with=ElectionRef.of(prev.record) if prev is not None else None,
        comparison=s.comparison,
        previous_turnout=s.previous_turnout,
        parties=tuple(PartyResult(p.party, p.party.name_en, p.seats, p.votes, p.share,
                                  p.seats_change, p.share_change) for p in s.parties),
        government=s.government,
        government_is_national=prov is not None,
        closest=s.closest,
        flips=s.flips,
        swing=swing,
        ridings=tuple(race_of(scoped, scoped.result(code)) for code in sorted(scoped.results)),
    )
