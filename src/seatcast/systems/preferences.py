"""Second preferences: where a party's ballots go when it is eliminated (IRV, STV).

Canada has no ranked ballots, so no official second-preference data exists; the IRV and STV
what-ifs need an *assumed* transfer table.  A table is a CSV ``region,from,to,share``: of the
ballots of an eliminated ``from`` party, ``share`` go next to ``to``; what a row does not give
away (one minus the row's sum) *exhausts* (ranks no one else).  ``region`` is a Seatcast region
code (``ATL QC ON PR AB BC NO``) or ``*`` for every region; the rows of a specific region
replace the ``*`` rows for that ``from`` party.

**The default table** (``seatcast/data/preferences_default.csv``) is an assumption, in round
numbers, drawn from the broad pattern of published Canadian second-choice polling (2019–2025
releases by firms such as Abacus Data, Angus Reid, Léger and Nanos): NDP and Green voters lean
Liberal and to each other; Liberal voters lean NDP, then Conservative; Conservative voters split
between Liberal and PPC; PPC voters go mostly Conservative; Bloc voters split between Liberal
and NDP; in Quebec the Bloc is a second choice for many.  It is not taken from any one survey
and no figure in it is a measurement.  Replace it with ``--preferences FILE``.

**The ballot model.**  Ballots are modelled as party piles: when a party is eliminated, its
whole pile moves by its own row, whatever earlier preferences brought ballots to it (a
first-order transfer model).  Shares meant for a party already out go to the continuing
parties in proportion to their own shares in that row; the exhausting share stays exhausted.
All arithmetic is exact (fractions of ballots).
"""

from seatcast.domain.preferences import PreferenceTable

__all__ = ["PreferenceTable"]
