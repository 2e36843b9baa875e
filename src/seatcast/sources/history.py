"""Importer for national results of earlier general elections (seats and votes by party).

``history/national_results_2004_2015.csv`` of the raw data: one row per party and election,
``election_date, year, party, votes, share_pct, seats, valid_votes_total, seats_total,
source, note``; parties LPC, CPC, NDP, BQ, GPC and OTH (every other party and independent).
Votes are Elections Canada's (table 8) from 2006 and the Library of Parliament's candidate
results summed by party for 2004; seats are the Library of Parliament's.  Every election's
rows must add up to its valid votes and its House, and each share must be its votes over the
valid votes as printed.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path

from seatcast.domain.parties import Party
from seatcast.domain.results import NationalTally
from seatcast.errors import InputFileError
from seatcast.sources.textfile import find_columns, numbered_rows, parse_count, read_text

_PARTIES = {p.value: p for p in (Party.LPC, Party.CPC, Party.NDP, Party.BQ, Party.GPC, Party.OTH)}


def read_national_results(path: str | Path) -> tuple[NationalTally, ...]:
    rows = list(numbered_rows(read_text(path), ","))
    if not rows:
        raise InputFileError(path, 1, "empty file")
    hline, header = rows[0]
    col = find_columns(path, hline, header, {
        "date": "election_date", "year": "year", "party": "party", "votes": "votes",
        "share": "share_pct", "seats": "seats", "valid": "valid_votes_total",
        "total": "seats_total", "source": "source"})
    width = max(col.values()) + 1
    out: list[NationalTally] = []
    lines: dict[int, int] = {}
    seen: set[tuple[int, Party]] = set()
    for line, fields in rows[1:]:
        if not "".join(fields).strip():
            continue
        if len(fields) < width:
            raise InputFileError(path, line, f"{len(fields)} fields where the header has {len(header)}")
        f = {k: fields[i] for k, i in col.items()}
        year, date, party = _year_date_party(path, line, f)
        if (year, party) in seen:
            raise InputFileError(path, line, f"{party.value} in {year} listed twice")
        seen.add((year, party))
        out.append(_tally(path, line, f, year, date, party))
        lines.setdefault(year, line)
    if not out:
        raise InputFileError(path, None, "no result rows")
    by_year: dict[int, list[NationalTally]] = defaultdict(list)
    for t in out:
        by_year[t.year].append(t)
    for year, ts in sorted(by_year.items()):
        _check_election(path, lines[year], year, ts)
    return tuple(out)


def _year_date_party(path: str | Path, line: int, f: Mapping[str, str]) -> tuple[int, dt.date, Party]:
    """A row's year, election date (in that year) and party (``f``: the wanted columns' fields)."""
    year = parse_count(path, line, "year", f["year"])
    try:
        date = dt.date.fromisoformat(f["date"].strip())
    except ValueError:
        raise InputFileError(path, line, f"election date {f['date']!r} is not a date") from None
    if date.year != year:
        raise InputFileError(path, line, f"election date {date} is not in {year}")
    party = _PARTIES.get(f["party"].strip().upper())
    if party is None:
        raise InputFileError(path, line, f"party {f['party']!r} is not one of "
                             f"{', '.join(_PARTIES)}")
    return year, date, party


def _tally(path: str | Path, line: int, f: Mapping[str, str], year: int, date: dt.date,
           party: Party) -> NationalTally:
    """The row's counts; the printed share must be its votes over the valid votes."""
    votes = parse_count(path, line, "votes", f["votes"])
    valid = parse_count(path, line, "valid votes", f["valid"])
    try:
        share = float(f["share"])
    except ValueError:
        raise InputFileError(path, line, f"share {f['share']!r} is not a number") from None
    if valid == 0 or abs(100 * votes / valid - share) > 0.006:
        raise InputFileError(path, line, f"{party.value} {year}: share {share} % is not "
                             f"{votes:,} of {valid:,} valid votes")
    return NationalTally(year, date, party, votes, parse_count(path, line, "seats", f["seats"]), valid,
                         parse_count(path, line, "seats total", f["total"]), " ".join(f["source"].split()))


def _check_election(path: str | Path, line: int, year: int, ts: list[NationalTally]) -> None:
    """One election's rows must agree with each other and add up to its valid votes and House."""
    first = ts[0]
    if any((t.date, t.valid_votes, t.seats_total) != (first.date, first.valid_votes,
                                                      first.seats_total) for t in ts):
        raise InputFileError(path, line, f"{year}: the rows disagree on the date, the "
                             "valid votes or the House size")
    if sum(t.votes for t in ts) != first.valid_votes:
        raise InputFileError(path, line, f"{year}: party votes add up to "
                             f"{sum(t.votes for t in ts):,}, not {first.valid_votes:,}")
    if sum(t.seats for t in ts) != first.seats_total:
        raise InputFileError(path, line, f"{year}: seats add up to "
                             f"{sum(t.seats for t in ts)}, not {first.seats_total}")


__all__ = ["read_national_results"]
