"""Electoral systems: the same votes under other rules, disproportionality, and coalitions.

The vocabulary follows votelib: apportionment *methods* (:mod:`.divisors`, :mod:`.quotas`,
named in :mod:`.methods`), *thresholds* (:mod:`.thresholds`), *groupings* of ridings into
districts (:mod:`.districts`), *systems* composed from them (:mod:`.fptp`, :mod:`.listpr`,
:mod:`.mmp`, :mod:`.irv`, :mod:`.stv`, registered by name in :mod:`.registry`), *measures* of
an outcome (:mod:`.measures`) and *government arithmetic* (:mod:`.coalitions`).  Seat
allocation is exact (integers and fractions); a tie is a value until a named rule breaks it.
"""

from seatcast.systems.registry import SYSTEMS, configure, from_dict, get

__all__ = ["SYSTEMS", "configure", "from_dict", "get"]
