"""Opinion polls as values: one published poll's national (or regional) vote intention.

A poll counts from the day it was **published**, not from its fieldwork: ``released`` where
it is known (a user's file may give it; the built tables carry the publication date of the
cited article where its address dates it after the fieldwork), else the day after the last
fieldwork day (`RELEASE_LAG`).  So an average "as of" a day holds what had been published by
then, and a poll whose fieldwork ended on the eve of an election (published on polling day)
is not in the eve-of-election average.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from seatcast.domain.geography import Region
from seatcast.domain.parties import NAMED_PARTIES, Party

#: The party columns of a poll, in order.  OTH is "others" (independents included).
POLL_PARTIES: tuple[Party, ...] = (*NAMED_PARTIES, Party.OTH)

#: When the publication day is not known, a poll counts from the day after its last
#: fieldwork day: the earliest day Canadian campaign polls are published (nightly trackers
#: publish the next morning).  Of the built-in polls whose cited address dates them after
#: the fieldwork, most were published one day after it (docs/forecast.md, "Polls by release").
RELEASE_LAG = dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Poll:
    """One published poll: shares in percent (None where the party was not reported)."""

    firm: str
    end_date: dt.date  # the last day of fieldwork
    sample_size: int | None  # None: not published (the average uses the median of the others)
    shares: tuple[float | None, ...]  # in POLL_PARTIES order
    method: str = ""
    rolling: bool = False
    region: Region | None = None  # None: national
    start_date: dt.date | None = None
    source: str = ""
    released: dt.date | None = None  # publication day, where known

    def share(self, party: Party) -> float | None:
        return self.shares[POLL_PARTIES.index(party)]

    @property
    def published(self) -> dt.date:
        """The day the poll counts from: its publication day, or the day after its fieldwork."""
        return self.released if self.released is not None else self.end_date + RELEASE_LAG

    def published_by(self, day: dt.date) -> bool:
        """Whether the poll had been published by the end of ``day``."""
        return self.published <= day
