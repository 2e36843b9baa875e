"""Ballot boxes per riding: ordinary polling stations, advance polls, special ballots.

Election night reports a riding box by box.  How many boxes a riding has matters twice:
the replays number their "polls reporting" from it, and a feed record claiming more polls
than a riding could have is rejected (`seatcast.live.plausible`).

* **ordinary polling stations**: the 2021 count per riding (official table 11) on the 2013
  map; on the 2023 map, which has no station counts in the built-in data, the riding's
  electors (the 2021 list transposed) times its province's 2021 stations per elector;
* **advance polls**: 3 plus one per 20,000 electors;
* **special ballots** (mail-in, care homes, abroad): one count.

This is the one module of `seatcast.live` that reads the built-in catalog for these
figures (the 2021 tables), so the lead's catalog object can be swapped in here alone.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache

from seatcast.catalog import load
from seatcast.domain.geography import province_of
from seatcast.domain.results import Election
from seatcast.domain.ridings import RidingCode
from seatcast.sources.build import read_polling_stations

#: The election whose table 11 gives the station counts, and its transposition to 2023.
STATIONS_FROM = "2021"
ELECTORS_2023_FROM = "2021t"
#: Electors assumed for a riding with no elector count anywhere in the data.
DEFAULT_ELECTORS = 80_000


@cache
def _stations_2021() -> tuple[dict[RidingCode, int], dict[str, float]]:
    """2021 ordinary stations per riding (2013 map) and stations per elector by province."""
    stations = read_polling_stations(STATIONS_FROM)
    per_elector: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for code, r in load(STATIONS_FROM).results.items():
        acc = per_elector[province_of(code).code]
        acc[0] += stations[RidingCode(code)]
        acc[1] += r.electors or 0
    return stations, {p: s / e for p, (s, e) in per_elector.items()}


@cache
def _electors_2023() -> dict[RidingCode, int]:
    """Electors per riding on the 2023 map (the 2021 list, transposed)."""
    return {RidingCode(code): r.electors for code, r in load(ELECTORS_2023_FROM).results.items()
            if r.electors}


def station_counts(election: Election) -> dict[RidingCode, int]:
    """Ordinary polling stations per riding (2021 counts, or estimated on the 2023 map)."""
    stations, ratio = _stations_2021()
    if election.map.name == "2013":
        return {RidingCode(code): stations[RidingCode(code)] for code in election.results}
    out = {}
    for code in election.results:
        e = _electors_2023().get(RidingCode(code))
        est = round(e * ratio[province_of(code).code]) if e else 200
        out[RidingCode(code)] = max(20, est)
    return out


def electors_estimate(election: Election, code: int) -> int:
    """The riding's electors: the election's own list where the data has it, else the 2021
    list transposed to the 2023 map, else `DEFAULT_ELECTORS`."""
    return election.results[code].electors or _electors_2023().get(RidingCode(code),
                                                                   DEFAULT_ELECTORS)


def advance_polls(electors: int) -> int:
    """Advance polling stations of a riding: 3 plus one per 20,000 electors."""
    return 3 + electors // 20_000


def boxes(election: Election) -> dict[RidingCode, int]:
    """Every box a riding reports on the night: ordinary stations, advance polls and the
    special-ballot count (the synthetic night's ``polls_total``)."""
    ordinary = station_counts(election)
    return {code: n + advance_polls(electors_estimate(election, code)) + 1
            for code, n in ordinary.items()}


def own_station_counts(election: Election) -> dict[RidingCode, int]:
    """The election's own table-11 station counts where the built-in data has them."""
    return read_polling_stations(election.id)
