"""Which party won each federal general election before the built-in riding-level data begins.

"A fourth consecutive term" counts back past the first election Seatcast holds riding by
riding (2011).  Those elections answer for themselves (the checker reads them); before them:

* **2004, 2006, 2008** come from the built-in national table (``history_national.csv``:
  seats by party from the Library of Parliament's ParlInfo, votes from Elections Canada's
  official table 8; see the data's ATTRIBUTION.md);
* **1993, 1997, 2000** are the list below, typed in: the party that won the most seats (and
  so formed the government), as published by Elections Canada (*Past elections*) and the
  Library of Parliament (ParlInfo, *General elections*).  No table of the raw data covers
  them.
"""

from __future__ import annotations

from seatcast.catalog import Catalog
from seatcast.domain.parties import Party
from seatcast.domain.results import national_winner

#: Election year -> party with the most seats, for the elections no built-in table holds
#: (the 35th to the 37th Parliament).
EARLIER_WINNERS: dict[int, Party] = {
    1993: Party.LPC,
    1997: Party.LPC,
    2000: Party.LPC,
}


def national_winners(catalog: Catalog | None = None) -> dict[int, Party]:
    """Year -> the party with the most seats, from the catalog's national table (2004–2008
    for the built-in one) and, for earlier years, `EARLIER_WINNERS`."""
    table = national_winner((catalog or Catalog.builtin()).national_history())
    return {**{y: p for y, p in EARLIER_WINNERS.items() if y not in table}, **table}


def winners_before(year: int, catalog: Catalog | None = None) -> list[tuple[int, Party]]:
    """(year, winner) for the elections before ``year`` that the riding-level data does not
    hold, newest first."""
    return sorted(((y, p) for y, p in national_winners(catalog).items() if y < year), reverse=True)
