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

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from seatcast.catalog import table_text
from seatcast.domain.geography import Region, parse_region
from seatcast.domain.parties import Party, parse_party
from seatcast.errors import InputFileError
from seatcast.sources.textfile import read_text

DEFAULT_TABLE = "preferences_default.csv"


@dataclass(frozen=True, slots=True)
class PreferenceTable:
    name: str
    rows: Mapping[tuple[str, Party], Mapping[Party, Fraction]]

    def row(self, region: Region | str, source: Party) -> Mapping[Party, Fraction]:
        key = region.value if isinstance(region, Region) else region
        return self.rows.get((key, source)) or self.rows.get(("*", source)) or {}

    def transfers(self, region: Region | str, source: Party,
                  continuing: Iterable[Party]) -> dict[Party, Fraction]:
        """Share of ``source``'s pile that goes to each continuing party (the rest exhausts)."""
        row = self.row(region, source)
        cont = [p for p in continuing if p != source and row.get(p, 0) > 0]
        named = sum(row.values(), Fraction(0))
        reach = sum((row[p] for p in cont), Fraction(0))
        if reach == 0:
            return {}
        return {p: row[p] * named / reach for p in cont}


def parse_table(text: str, name: str, path: str | Path) -> PreferenceTable:
    reader = csv.reader(text.splitlines())
    header = next(reader, None)
    if header is None or [h.strip().lower() for h in header] != ["region", "from", "to", "share"]:
        raise InputFileError(path, 1, "header must be 'region,from,to,share'")
    rows: dict[tuple[str, Party], dict[Party, Fraction]] = {}
    for n, rec in enumerate(reader, 2):
        if not rec or not "".join(rec).strip():
            continue
        if len(rec) != 4:
            raise InputFileError(path, n, f"expected 4 fields, found {len(rec)}")
        reg, src, dst, share = (x.strip() for x in rec)
        try:
            region = "*" if reg == "*" else parse_region(reg).value
            p_from, p_to = parse_party(src), parse_party(dst)
            value = Fraction(share)
        except (ValueError, ZeroDivisionError) as e:
            raise InputFileError(path, n, str(e) if "unknown" in str(e) else
                                 f"share {share!r} is not a number") from None
        if p_from == p_to:
            raise InputFileError(path, n, f"{p_from.value} cannot transfer to itself")
        if not 0 <= value <= 1:
            raise InputFileError(path, n, f"share {share} must be between 0 and 1")
        row = rows.setdefault((region, p_from), {})
        if p_to in row:
            raise InputFileError(path, n, f"{region},{p_from.value},{p_to.value} listed twice")
        row[p_to] = value
        if sum(row.values()) > 1:
            raise InputFileError(path, n, f"shares from {p_from.value} in {region} add up to more than 1")
    return PreferenceTable(name, rows)


def default_table() -> PreferenceTable:
    return parse_table(table_text(DEFAULT_TABLE), "default", DEFAULT_TABLE)


def read_table(path: str | Path) -> PreferenceTable:
    p = Path(path)
    return parse_table(read_text(p), p.name, p)


def load_table(source: str | None) -> PreferenceTable:
    """The default table (``None`` or ``"default"``) or a user's CSV file."""
    return default_table() if source in (None, "default") else read_table(str(source))
