"""Replay of a past night from the official count stages.

Elections Canada publishes each riding's count at every stage: *preliminary* (election
night), *validated* (returning officers, the following days) and, after a recount,
*judicially certified*.  The replay sends them in that order: every riding's preliminary
count as its polls close on the night, then each later stage on the first post-election
snapshot where it appears (``snapshots_2025.csv``: the results download of 2025-05-02,
05-09 and 06-13), so validation lands in two waves and the four recounts last.

The official data gives each stage's count as a whole, not poll by poll (see
`seatcast.live.synthetic` for a poll-by-poll night): the night's records say all of the
riding's ordinary polling stations are in (the station count of
`seatcast.live.stations.station_counts`); later stages carry ``null`` poll figures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from seatcast.domain.geography import province_of
from seatcast.domain.results import Election, RidingResult, Stage
from seatcast.domain.ridings import RidingCode
from seatcast.errors import SeatcastError
from seatcast.live.feed import FeedCandidate, Update
from seatcast.live.stations import station_counts

if TYPE_CHECKING:
    from seatcast.sources.tables import SnapshotRow

EDT = dt.timezone(dt.timedelta(hours=-4))

#: Poll closing times in Eastern time on the night (2025 staggered hours): Newfoundland
#: first, then the rest of Atlantic Canada, then Quebec to Alberta, then BC and Yukon.
CLOSE_ET: dict[str, dt.time] = {
    "NL": dt.time(19, 0), "PE": dt.time(19, 30), "NS": dt.time(19, 30), "NB": dt.time(19, 30),
    "QC": dt.time(21, 30), "ON": dt.time(21, 30), "MB": dt.time(21, 30), "SK": dt.time(21, 30),
    "AB": dt.time(21, 30), "NT": dt.time(21, 30), "NU": dt.time(21, 30),
    "BC": dt.time(22, 0), "YT": dt.time(22, 0),
}


def polling_day(election: Election) -> dt.date:
    """The night's date: a replay needs one (a user's file may not say)."""
    if election.date is None:
        raise SeatcastError(f"election {election.id} ({election.name}) has no polling day: "
                            "a night cannot be replayed without one")
    return election.date


def poll_close(election: Election, riding: int) -> dt.datetime:
    """When the polls of a riding close on election night (Eastern daylight time)."""
    return dt.datetime.combine(polling_day(election), CLOSE_ET[province_of(riding).code], EDT)


def stage_dates(election: Election, snapshots: Iterable[SnapshotRow] | None
                ) -> dict[tuple[int, Stage], dt.datetime]:
    """(riding, stage) -> first snapshot that shows the stage, for stages after the night
    (`snapshots`: the catalog's post-election downloads, `Catalog.snapshots`; None: none)."""
    out: dict[tuple[int, Stage], dt.datetime] = {}
    for r in sorted(snapshots or (), key=lambda r: r.snapshot):
        code, latest = r.riding, r.latest_stage
        if code not in election.results:
            continue
        when = dt.datetime.combine(dt.date.fromisoformat(r.snapshot), dt.time(12, 0), EDT)
        for st in election.stages_of(code):
            if st.stage.rank <= latest.rank and st.stage is not Stage.PRELIMINARY:
                out.setdefault((code, st.stage), when)
    return out


def _candidates(r: RidingResult) -> tuple[FeedCandidate, ...]:
    return tuple(FeedCandidate(c.name, c.party, c.votes) for c in r.candidates)


def later_stage_updates(election: Election, first_seq: int,
                        snapshots: Iterable[SnapshotRow] | None = None) -> list[Update]:
    """Every stage after the first, in time order, numbered from `first_seq`: each on the
    first snapshot that shows it, else a week after the night."""
    dates = stage_dates(election, snapshots)
    default = dt.datetime.combine(polling_day(election) + dt.timedelta(days=7), dt.time(12, 0),
                                  EDT)
    items = []
    for code in election.results:
        for r in election.stages_of(code)[1:]:
            items.append((dates.get((code, r.stage), default), r.stage.rank, code, r))
    items.sort(key=lambda x: (x[0], x[1], x[2]))
    return [
        Update(first_seq + i, when, RidingCode(code), r.stage, None, None, _candidates(r))
        for i, (when, _, code, r) in enumerate(items)
    ]


def official_feed(e: Election, snapshots: Iterable[SnapshotRow] | None) -> list[Update]:
    """The official-stage replay: preliminary counts on the night, then later stages on the
    snapshots that show them (`Catalog.snapshots(e.id)`)."""
    night = []
    for code in e.results:
        first = e.stages_of(code)[0]
        # a riding reports its whole preliminary count about 2 h after its polls close,
        # spread by riding so the night unfolds province by province
        offset = dt.timedelta(minutes=90 + (code * 7919) % 120)
        night.append((poll_close(e, code) + offset, code, first))
    night.sort(key=lambda x: (x[0], x[1]))
    polls = station_counts(e)
    updates = [
        Update(i + 1, when, RidingCode(code), r.stage if r.stage is Stage.PRELIMINARY
               else Stage.OFFICIAL, polls[RidingCode(code)], polls[RidingCode(code)],
               _candidates(r))
        for i, (when, code, r) in enumerate(night)
    ]
    return updates + later_stage_updates(e, len(updates) + 1, snapshots)
