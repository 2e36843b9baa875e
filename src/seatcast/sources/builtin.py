"""The built-in elections: one record each, and the raw files its tables are built from.

Adding an election to Seatcast is one `Builtin` here (its record and how to read its raw
files) plus the tables `seatcast data build` then writes; every other layer reads the
registry (``elections.json``) and the tables, never this list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from seatcast.domain.elections import ElectionId, ElectionRecord, ResultKind
from seatcast.domain.results import RidingResult
from seatcast.domain.ridings import RidingCode

#: A result importer: (raw data folder) -> every riding's count stages (earliest first).
ResultReader = Callable[[Path], Mapping[RidingCode, tuple[RidingResult, ...]]]

EC_OFFICIAL = "Elections Canada, Official Voting Results, tables 11 and 12"


@dataclass(frozen=True, slots=True)
class CheckedTotals:
    """By-election vote totals read from a file, for the by-elections whose totals were
    checked against an official count (the others' winners come from the ledger alone)."""

    path: str  # relative to the raw folder (smithbower's post-election-events.json format)
    by_elections: tuple[tuple[int, str], ...]  # (riding, date) of each checked by-election
    source: str  # who counted them, and what they were checked against


@dataclass(frozen=True, slots=True)
class Builtin:
    record: ElectionRecord
    results: str | None = None  # the importer's name in `seatcast.sources.build.READERS`
    polls: tuple[str, ...] = ()  # PollsterAudit files (relative to the raw folder)
    house: str | None = None  # the ledger of the House it returned (see seatcast.sources.house)
    house_totals: CheckedTotals | None = None  # vote totals of its by-elections, where checked


def _eid(s: str) -> ElectionId:
    return ElectionId(s)


def _pa(year: str, *periods: str) -> tuple[str, ...]:
    return tuple(f"polls/pollsteraudit/v1/{year}/{p}_period.json" for p in periods)


BUILTINS: tuple[Builtin, ...] = (
    Builtin(
        ElectionRecord(
            id=_eid("ge46"), number=46, name="46th general election", map="2023", date=None,
            previous=_eid("2025"), poll_miss_from=_eid("2025"), polls="polls_ge46",
            aliases=("next", "46"),
            source="No result yet: polls from English Wikipedia via PollsterAudit",
        ),
        polls=_pa("2026", "pre-campaign"),
    ),
    Builtin(
        ElectionRecord(
            id=_eid("2025"), number=45, name="45th general election", map="2023",
            date=dt.date(2025, 4, 28), previous=_eid("2021t"), poll_miss_from=_eid("2021"),
            polls="polls_2025", result=ResultKind.STAGES, aliases=("ge45", "45"),
            source="Elections Canada, results download of 2025-06-13",
        ),
        results="event-results-2025",
        polls=_pa("2025", "pre-campaign", "campaign"),
        house="events/house_events_2025.csv",
        house_totals=CheckedTotals(  # ../shared/data/README.md, check 16
            "metadata/post-election-events.json", ((48002, "2025-08-18"),),
            "smithbower/CanadianElectionSimulator, post-election-events.json (MIT); equal to "
            "the Library of Parliament's validated candidate totals"),
    ),
    Builtin(
        ElectionRecord(
            id=_eid("2021t"), number=44, name="44th general election, transposed to the 2023 map",
            map="2023", date=dt.date(2021, 9, 20), result=ResultKind.TRANSPOSED,
            transposition_of=_eid("2021"),
            source="Elections Canada, Transposition of votes from the 44th GE to the 2023 "
                   "Representation Order",
        ),
        results="transposed-2021",
    ),
    Builtin(
        ElectionRecord(
            id=_eid("2021"), number=44, name="44th general election", map="2013",
            date=dt.date(2021, 9, 20), previous=_eid("2019"), poll_miss_from=_eid("2019"),
            polls="polls_2021", result=ResultKind.OFFICIAL, aliases=("ge44", "44"),
            source=EC_OFFICIAL,
        ),
        results="official-2021",
        polls=_pa("2021", "pre-campaign", "campaign"),
    ),
    Builtin(
        ElectionRecord(
            id=_eid("2019"), number=43, name="43rd general election", map="2013",
            date=dt.date(2019, 10, 21), previous=_eid("2015"), polls="polls_2019",
            result=ResultKind.OFFICIAL, aliases=("ge43", "43"), source=EC_OFFICIAL,
        ),
        results="official-2019",
        polls=_pa("2019", "pre-campaign", "campaign"),
    ),
    # The first election on the 2013 map: no same-map predecessor (2011 was on the 2003 map).
    # No poll table: PollsterAudit's 2015 files have their columns shifted by one (see the
    # raw data's README), and no forecast is fitted or scored on 2015.
    Builtin(
        ElectionRecord(
            id=_eid("2015"), number=42, name="42nd general election", map="2013",
            date=dt.date(2015, 10, 19), result=ResultKind.OFFICIAL, aliases=("ge42", "42"),
            source=EC_OFFICIAL,
        ),
        results="official-2015",
    ),
    Builtin(
        ElectionRecord(
            id=_eid("2011"), number=41, name="41st general election", map="2003",
            date=dt.date(2011, 5, 2), result=ResultKind.OFFICIAL, aliases=("ge41", "41"),
            source=EC_OFFICIAL,
        ),
        results="official-2011",
    ),
)
