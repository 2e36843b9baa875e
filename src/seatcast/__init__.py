"""Seatcast: Canadian federal elections — results, forecasts, election night and what-ifs.

>>> import seatcast
>>> e = seatcast.load("2025")
>>> e.seats()[seatcast.Party.LPC]
169
"""

from seatcast.catalog import election_ids, hex_layout, load, riding_map
from seatcast.domain.parties import Party
from seatcast.domain.results import Candidate, Election, RidingResult, Stage

__all__ = [
    "Candidate",
    "Election",
    "Party",
    "RidingResult",
    "Stage",
    "election_ids",
    "hex_layout",
    "load",
    "riding_map",
]
__version__ = "0.1.0"
