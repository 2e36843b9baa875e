"""Seatcast: Canadian federal elections — results, forecasts, election night and what-ifs.

>>> import seatcast
>>> e = seatcast.load("2025")
>>> e.seats()[seatcast.Party.LPC]
169
>>> catalog = seatcast.Catalog.builtin()
>>> catalog.record("next").name
'46th general election'
"""

from seatcast._version import __version__
from seatcast.catalog import Catalog, election_ids, hex_layout, load, riding_map
from seatcast.domain.elections import ElectionRecord
from seatcast.domain.parties import Party
from seatcast.domain.results import Candidate, Election, RidingResult, Stage

__all__ = [
    "Candidate",
    "Catalog",
    "Election",
    "ElectionRecord",
    "Party",
    "RidingResult",
    "Stage",
    "__version__",
    "election_ids",
    "hex_layout",
    "load",
    "riding_map",
]
