"""A rehearsal of an election not held yet: the night drawn from its projection.

``seatcast live replay next --synthetic --seed S`` rehearses the 46th election night.  That
election has no result and no candidates yet, so the rehearsal assumes (docs/live.md):

* **the date**: the fixed date in law it must be held by (the third Monday of October in
  the fourth calendar year after the last general election), polls closing at the 2025
  hours;
* **the candidates**: one placeholder per party standing in the riding (every party the
  projection gives a share there), named after the party ("Liberal candidate"; "Other
  candidates" for independents and small parties together); the party of the riding's
  current member (the House ledger on the projection's date: after floor crossings and
  by-elections) is marked as the incumbent's;
* **the result**: one simulated election from the next-election projection (the default
  model, polls up to the latest in the data) drawn with the night's seed: riding shares
  from the forecast's own error model (national, regional and riding errors), times each
  riding's valid votes of the previous election, in whole votes (largest remainders);
* **the boxes**: the previous election's electors and polling stations per riding (official
  table 11), so the night has as many boxes as the last one;
* **the count**: the preliminary count reports box by box as in a synthetic night of a past
  election (`seatcast.live.synthetic`); a week later each riding's validated count, equal
  to its preliminary one (no revision is drawn).

The night itself does not see the drawn result: it starts from the election's map alone,
with the forecast's prior, and the previous election's electors and boxes as its limits,
as the real night will.  The drawn result is only the feed's source and, at the end, the
result the night is compared with.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING

import numpy as np

from seatcast.domain.parties import Party
from seatcast.domain.results import Candidate, Election, RidingResult, Stage, sort_candidates
from seatcast.domain.ridings import RidingCode
from seatcast.errors import SeatcastError

if TYPE_CHECKING:
    from seatcast.domain.house import Ledger
    from seatcast.forecast.projection import Forecaster

#: The rehearsal's draw: a stream of its own for each seed, apart from the night's boxes.
DRAW_KEY = 46_0001


@dataclass(frozen=True, slots=True)
class Rehearsal:
    """The night of an election not held yet, and the result it is drawn towards."""

    night: Election  # the election on the fixed date, its map alone (no result)
    result: Election  # the drawn result, box counts and electors of the previous election
    previous: Election  # the election before it on the same map
    as_of: dt.date  # the projection's date (its latest poll)
    seed: int
    assumptions: tuple[str, ...]


def placeholder(party: Party) -> str:
    """The name of a party's placeholder candidate."""
    if party is Party.OTH:
        return "Other candidates"
    if party is Party.IND:
        return "Independent candidate"
    return f"{party.name_en} candidate"


def _whole(votes: float, shares: np.ndarray) -> np.ndarray:
    """``votes`` split by ``shares`` into whole votes that add up (largest remainders)."""
    total = round(votes)
    exact = shares * total
    out: np.ndarray = np.floor(exact).astype(np.int64)
    short = total - int(out.sum())
    if short > 0:
        order = np.argsort(-(exact - out), kind="stable")
        out[order[:short]] += 1
    return out


def rehearse(forecaster: Forecaster, election: str, seed: int, *,
             ledger: Ledger | None = None) -> Rehearsal:
    """The rehearsal of `election` (an election without a result: e.g. ``next``) drawn with
    `seed`; `ledger`: the House whose members stand as incumbents (default: the catalog's
    ledger of the previous election, if it has one)."""
    from seatcast.forecast.simulate import draw_shares, make_spec

    catalog = forecaster.catalog
    rec = catalog.record(election)
    if rec.has_result:
        raise SeatcastError(f"election {rec.id} has a result: replay it (a rehearsal is for an "
                            "election not held yet)")
    day = catalog.registry.polling_day(rec)
    if day is None:
        raise SeatcastError(f"election {rec.id} has no date and no fixed date in law to "
                            "rehearse on")
    previous = catalog.previous(rec)
    if previous is None:
        raise SeatcastError(f"election {rec.id} has no earlier election on its map to draw "
                            "its ridings' votes and boxes from")
    proj = forecaster.project(rec.id)
    spec = make_spec(proj)
    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, DRAW_KEY])))
    shares = draw_shares(spec, rng, 1)[0].astype(np.float64)  # (R, P) in map order
    if ledger is None and catalog.has_ledger(previous.id):
        ledger = catalog.ledger(previous.id)
    holders = ledger.seats_on(max(proj.as_of, ledger.elected)) if ledger is not None else {}
    dated = dataclasses.replace(rec, date=day)
    m = catalog.riding_map(rec.map)
    results: dict[RidingCode, RidingResult] = {}
    stages: dict[RidingCode, tuple[RidingResult, ...]] = {}
    for i, code in enumerate(proj.codes):
        before = previous.results[code]
        row = shares[i]
        stood = [j for j, p in enumerate(proj.parties) if proj.mean[i, j] > 0]
        votes = _whole(before.valid_votes, row[stood] / row[stood].sum())
        seat = holders.get(RidingCode(code))
        held = seat.party if seat is not None and not seat.vacant else None
        cands = sort_candidates(
            Candidate(placeholder(proj.parties[j]), proj.parties[j],
                      placeholder(proj.parties[j]), int(v), incumbent=proj.parties[j] is held)
            for j, v in zip(stood, votes, strict=True))
        prelim = RidingResult(RidingCode(code), Stage.PRELIMINARY, cands,
                              electors=before.electors,
                              polling_stations=before.polling_stations,
                              population=before.population)
        final = dataclasses.replace(prelim, stage=Stage.VALIDATED)
        results[RidingCode(code)] = final
        stages[RidingCode(code)] = (prelim, final)
    result = Election(record=dated, map=m, results=MappingProxyType(results),
                      stages=MappingProxyType(stages))
    night = Election(record=dated, map=m, results=MappingProxyType({}))
    assumptions = (
        f"held on {day}, the fixed date in law ({rec.name}: no date is set; an earlier "
        "election is possible)",
        "one placeholder candidate per party standing in each riding, named after the party; "
        f"the current member's party marked as the incumbent's ({ledger.election} House on "
        f"{max(proj.as_of, ledger.elected)})" if ledger is not None else
        "one placeholder candidate per party standing in each riding, named after the party",
        f"the result: one simulated election (seed {seed}) from the {proj.model} projection "
        f"as of {proj.as_of}, times each riding's {previous.id} valid votes",
        f"electors and polling stations per riding: the {previous.id} ones (official table 11)",
        "validated counts a week later, equal to the preliminary ones",
    )
    return Rehearsal(night, result, previous, proj.as_of, seed, assumptions)
