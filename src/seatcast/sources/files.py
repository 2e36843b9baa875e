"""Load an official results file a user supplies, recognising its format from its header.

Supported: the results download of a general election (2025 format, tab-separated) and the
official voting results table 12 (comma-separated; table 11 is read from beside it when
present, for electors and turnout).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from seatcast.catalog import riding_map
from seatcast.domain.results import Election
from seatcast.domain.ridings import RidingMap
from seatcast.errors import InputFileError
from seatcast.sources.elections_canada import (
    check_against_map,
    read_event_results,
    read_table11,
    read_table12,
)
from seatcast.sources.textfile import read_text


def sniff(path: str | Path) -> str:
    """``"event-results"`` or ``"table12"``; an InputFileError for anything else."""
    head = read_text(path)[:4000].casefold()
    if "electoral district number" in head and "type of results" in head:
        return "event-results"
    if "candidate/candidat" in head and "votes obtained" in head:
        return "table12"
    if "electors/électeurs" in head and "valid ballots" in head:
        raise InputFileError(path, 1, "this is table 11 (districts); give table 12 (candidates)")
    raise InputFileError(
        path, 1, "not a recognised results file (expected Elections Canada's results download or table 12)"
    )


def _map_for(path: Path, codes: list[int], lines: dict[int, int]) -> RidingMap:
    """The map whose ridings the file covers exactly; else the error against the closest one."""
    maps = [riding_map(n) for n in ("2023", "2013")]
    got = set(codes)
    for m in maps:
        if got == {r.code for r in m}:
            return m
    # Judge the file against the map it fits best: fewest unknown codes, then the current map.
    best = min(maps, key=lambda m: (sum(c not in m for c in got), m.name != "2023"))
    check_against_map(path, codes, best, lines)
    raise AssertionError("unreachable")  # pragma: no cover


def load_results_file(path: str | Path) -> Election:
    """Read a user's results file into an `Election` (id ``"file"``), checked against its map."""
    p = Path(path)
    kind = sniff(p)
    if kind == "event-results":
        ev = read_event_results(p)
        rmap = _map_for(p, list(ev.stages), dict(ev.lines))
        final = ev.final()
        return Election(
            id="file",
            name=f"results from {p.name}",
            date=dt.date(2025, 4, 28) if rmap.name == "2023" else dt.date.min,
            map=rmap,
            results={r.code: final[r.code] for r in rmap},
            stages={r.code: ev.stages[r.code] for r in rmap},
            previous="2021t" if rmap.name == "2023" else None,
            source=f"{p} ({ev.downloaded})" if ev.downloaded else str(p),
        )
    t11_path = p.with_name(p.name.replace("tableau12", "tableau11"))
    districts = read_table11(t11_path) if t11_path != p and t11_path.exists() else None
    t12 = read_table12(p, districts)
    rmap = _map_for(p, list(t12.results), dict(t12.lines))
    return Election(
        id="file",
        name=f"results from {p.name}",
        date=dt.date.min,
        map=rmap,
        results={r.code: t12.results[r.code] for r in rmap},
        previous=None,
        source=str(p),
    )
