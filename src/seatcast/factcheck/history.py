"""Which party won each federal general election before the built-in data begins.

"A fourth consecutive term" counts back past 2019, the first election Seatcast holds.  The
built-in tables answer for 2019 onwards; earlier elections come from this list of the party
that won the most seats (and so formed the government), as published by Elections Canada
(*Past elections*) and the Library of Parliament (ParlInfo, *General elections*).
"""

from __future__ import annotations

from seatcast.domain.parties import Party

#: Election year -> party with the most seats, 1993–2015 (the 35th to the 42nd Parliament).
EARLIER_WINNERS: dict[int, Party] = {
    1993: Party.LPC,
    1997: Party.LPC,
    2000: Party.LPC,
    2004: Party.LPC,
    2006: Party.CPC,
    2008: Party.CPC,
    2011: Party.CPC,
    2015: Party.LPC,
}


def winners_before(year: int) -> list[tuple[int, Party]]:
    """(year, winner) for the listed elections before ``year``, newest first."""
    return sorted(((y, p) for y, p in EARLIER_WINNERS.items() if y < year), reverse=True)
