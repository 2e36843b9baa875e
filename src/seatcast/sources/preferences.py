"""Second-preference tables (CSV ``region,from,to,share``): the built-in one and a user's.

Of the ballots of an eliminated ``from`` party, ``share`` go next to ``to``; what a row does
not give away exhausts.  ``region`` is a Seatcast region code or ``*``.
"""

from __future__ import annotations

import csv
from fractions import Fraction
from pathlib import Path

from seatcast.domain.geography import parse_region
from seatcast.domain.parties import Party, parse_party
from seatcast.domain.preferences import PreferenceTable
from seatcast.errors import InputFileError
from seatcast.sources.textfile import read_text

DEFAULT_TABLE = "preferences_default.csv"


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


def read_preferences(path: str | Path) -> PreferenceTable:
    """A user's preference table, named by its path (as a system definition records it)."""
    p = Path(path)
    return parse_table(read_text(p), p.name, p)
