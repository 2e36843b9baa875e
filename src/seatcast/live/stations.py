"""Ballot boxes per riding: ordinary polling stations, advance polls, special ballots.

Election night reports a riding box by box.  How many boxes a riding has matters twice:
the replays number their "polls reporting" from it, and a feed record claiming more polls
than a riding could have is rejected (`seatcast.live.plausible`).

* **ordinary polling stations**: the riding's count in official table 11 (polling stations,
  "voting desks" in 2025), carried by `RidingResult.polling_stations`; where a result has
  none (a transposition, a user's file), the riding's electors over `ELECTORS_PER_STATION`;
* **advance polls**: 3 plus one per 20,000 electors;
* **special ballots** (mail-in, care homes, abroad): one count.

Everything here is read from the results given: the module reads no table.  A night of an
election not held yet has no result of its own: it takes the previous election's on the
same map (`seatcast.live.plausible`).
"""

from __future__ import annotations

from seatcast.domain.results import Election, RidingResult
from seatcast.domain.ridings import RidingCode

#: Electors assumed for a riding with no elector count in the data.
DEFAULT_ELECTORS = 80_000
#: Electors per ordinary station where a result has no station count: the 2025 national
#: ratio (28,731,275 electors, 74,409 voting desks in official table 11).
ELECTORS_PER_STATION = 386
#: A riding has at least this many ordinary stations (the smallest in 2025: 58, Nunavut).
MIN_STATIONS = 20


def electors_of(r: RidingResult | None) -> int:
    """A riding's electors: its list where the data has it, else `DEFAULT_ELECTORS`."""
    return (r.electors if r is not None else None) or DEFAULT_ELECTORS


def ordinary_stations(r: RidingResult | None) -> int:
    """A riding's ordinary polling stations: its table-11 count, else estimated from its
    electors."""
    n = (r.polling_stations if r is not None else None) or round(electors_of(r)
                                                                 / ELECTORS_PER_STATION)
    return max(MIN_STATIONS, n)


def advance_polls(electors: int) -> int:
    """Advance polling stations of a riding: 3 plus one per 20,000 electors."""
    return 3 + electors // 20_000


def boxes_of(r: RidingResult | None) -> int:
    """Every box a riding reports on the night: ordinary stations, advance polls and the
    special-ballot count (the synthetic night's ``polls_total``)."""
    return ordinary_stations(r) + advance_polls(electors_of(r)) + 1


def electors_estimate(election: Election, code: int) -> int:
    return electors_of(election.results.get(RidingCode(code)))


def station_counts(election: Election) -> dict[RidingCode, int]:
    """Ordinary polling stations per riding of the election's map."""
    return {code: ordinary_stations(election.results.get(code)) for code in election.map.codes}


def boxes(election: Election) -> dict[RidingCode, int]:
    """`boxes_of` every riding of the election's map."""
    return {code: boxes_of(election.results.get(code)) for code in election.map.codes}
