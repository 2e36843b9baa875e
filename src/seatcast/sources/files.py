"""Read an official results file a user supplies, recognising its format from its header.

Supported: the results download of a general election (2025 format, tab-separated) and the
official voting results table 12 (comma-separated; table 11 is read from beside it when
present, for electors and turnout).  The file is matched to the map whose ridings it covers
exactly; which election it is, the catalog decides (`seatcast.catalog.Catalog.results_file`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from seatcast.domain.elections import ElectionRecord, ResultKind
from seatcast.domain.results import Election, RidingResult, final_stage
from seatcast.domain.ridings import RidingCode, RidingMap
from seatcast.errors import InputFileError
from seatcast.sources.elections_canada import (
    check_against_map,
    download_time,
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


def _map_for(path: Path, codes: list[int], lines: Mapping[RidingCode, int],
             maps: Sequence[RidingMap]) -> RidingMap:
    """The map whose ridings the file covers exactly; else the error against the closest one."""
    got = set(codes)
    for m in maps:
        if got == {r.code for r in m}:
            return m
    if not maps:
        raise InputFileError(path, None, "no map to check the file against")
    # Judge the file against the map it fits best: fewest unknown codes, then the newest map.
    best = min(maps, key=lambda m: sum(c not in m for c in got))
    check_against_map(path, codes, best, lines)
    raise AssertionError("unreachable")  # pragma: no cover


@dataclass(frozen=True, slots=True)
class ResultsFile:
    """A user's results file, read and checked against its map."""

    kind: ResultKind
    map: RidingMap
    stages: Mapping[RidingCode, tuple[RidingResult, ...]]
    downloaded: dt.datetime | None  # when a results download was made (None: not said)
    source: str

    def election(self, record: ElectionRecord) -> Election:
        final = {r.code: final_stage(self.stages[r.code]) for r in self.map}
        several = any(len(st) > 1 for st in self.stages.values())
        return Election(record=record, map=self.map, results=MappingProxyType(final),
                        stages=MappingProxyType(dict(self.stages) if several else {}))


def read_results_file(path: str | Path, maps: Sequence[RidingMap]) -> ResultsFile:
    """Read a user's results file (either format) and match it to one of ``maps``."""
    p = Path(path)
    kind = sniff(p)
    if kind == "event-results":
        ev = read_event_results(p)
        rmap = _map_for(p, list(ev.stages), ev.lines, maps)
        stamp = download_time(ev.downloaded)
        return ResultsFile(
            ResultKind.STAGES, rmap,
            MappingProxyType({r.code: ev.stages[r.code] for r in rmap}), stamp,
            f"{p} ({ev.downloaded})" if ev.downloaded else str(p),
        )
    t11_path = p.with_name(p.name.replace("tableau12", "tableau11"))
    districts = read_table11(t11_path) if t11_path != p and t11_path.exists() else None
    t12 = read_table12(p, districts)
    rmap = _map_for(p, list(t12.results), t12.lines, maps)
    return ResultsFile(ResultKind.OFFICIAL, rmap,
                       MappingProxyType({r.code: (t12.results[r.code],) for r in rmap}), None, str(p))
