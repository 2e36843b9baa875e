"""Opinion polls as values: one published poll's national (or regional) vote intention."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from seatcast.domain.geography import Region
from seatcast.domain.parties import NAMED_PARTIES, Party

#: The party columns of a poll, in order.  OTH is "others" (independents included).
POLL_PARTIES: tuple[Party, ...] = (*NAMED_PARTIES, Party.OTH)


@dataclass(frozen=True, slots=True)
class Poll:
    """One published poll: shares in percent (None where the party was not reported)."""

    firm: str
    end_date: dt.date
    sample_size: int | None  # None: not published (the average uses the median of the others)
    shares: tuple[float | None, ...]  # in POLL_PARTIES order
    method: str = ""
    rolling: bool = False
    region: Region | None = None  # None: national
    start_date: dt.date | None = None
    source: str = ""

    def share(self, party: Party) -> float | None:
        return self.shares[POLL_PARTIES.index(party)]
