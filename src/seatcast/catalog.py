"""The built-in data: load elections, maps and the hex layout from the package's own tables.

At run time Seatcast reads only these tables (written by `seatcast data build`), so it works
where the raw official files are not present.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import defaultdict
from functools import cache
from importlib import resources
from typing import Any

from seatcast.domain.parties import Party
from seatcast.domain.results import Candidate, Election, RidingResult, Stage, final_stage, sort_candidates
from seatcast.domain.ridings import Riding, RidingMap
from seatcast.errors import UnknownElectionError


def table_text(name: str) -> str:
    """The text of one built table (for modules that parse their own tables, such as polls)."""
    return resources.files("seatcast.data").joinpath(name).read_text(encoding="utf-8")


def _table(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(table_text(name), newline="")))


def has_table(name: str) -> bool:
    return resources.files("seatcast.data").joinpath(name).is_file()


def read_table(name: str) -> list[dict[str, str]]:
    """Rows of one built table (for modules that own extra tables, such as polls)."""
    return _table(name)


@cache
def _elections_meta() -> dict[str, dict[str, Any]]:
    text = table_text("elections.json")
    return {e["id"]: e for e in json.loads(text)}


def election_ids() -> list[str]:
    """The built-in elections, newest first."""
    return list(_elections_meta())


@cache
def riding_map(name: str) -> RidingMap:
    """The ``"2023"`` (343 ridings) or ``"2013"`` (338 ridings) representation order."""
    if name not in ("2023", "2013"):
        raise UnknownElectionError(f"unknown map {name!r} (known: 2023, 2013)")
    rows = _table(f"ridings_{name}.csv")
    return RidingMap(name, tuple(Riding(int(r["code"]), r["name_en"], r["name_fr"]) for r in rows))


@cache
def riding_coordinates() -> dict[int, tuple[float, float]]:
    """Approximate (latitude, longitude) of each riding of the 2023 map."""
    return {int(r["code"]): (float(r["latitude"]), float(r["longitude"])) for r in _table("ridings_2023.csv")}


@cache
def hex_layout() -> dict[int, tuple[int, int]]:
    """riding code -> (col, row) on the pointy-top, odd-row-shifted hex grid (2023 map)."""
    return {int(r["code"]): (int(r["col"]), int(r["row"])) for r in _table("hexmap_2023.csv")}


def _int(s: str) -> int | None:
    return int(s) if s != "" else None


Stages = dict[int, tuple[RidingResult, ...]]


def _load_2025(rmap: RidingMap) -> tuple[dict[int, RidingResult], Stages]:
    groups: dict[tuple[int, str], list[Candidate]] = defaultdict(list)
    ballots: dict[tuple[int, str], tuple[int | None, int | None]] = {}
    for r in _table("results_2025.csv"):
        key = (int(r["riding"]), r["stage"])
        groups[key].append(Candidate(r["candidate"], Party(r["party"]), r["affiliation"], int(r["votes"])))
        ballots[key] = (_int(r["rejected"]), _int(r["total_ballots"]))
    stages: dict[int, list[RidingResult]] = defaultdict(list)
    for (code, stage), cs in groups.items():
        rej, tot = ballots[(code, stage)]
        stages[code].append(RidingResult(code, Stage(stage), sort_candidates(cs), rej, tot))
    ordered = {c.code: tuple(sorted(stages[c.code], key=lambda x: x.stage.rank)) for c in rmap}
    final = {code: final_stage(st) for code, st in ordered.items()}
    return final, ordered


def _load_official(year: str) -> dict[int, RidingResult]:
    districts = {int(d["riding"]): d for d in _table(f"districts_{year}.csv")}
    groups: dict[int, list[Candidate]] = defaultdict(list)
    for r in _table(f"results_{year}.csv"):
        groups[int(r["riding"])].append(
            Candidate(r["candidate"], Party(r["party"]), r["affiliation"], int(r["votes"]),
                      r["incumbent"] == "1"))
    out = {}
    for code in sorted(groups):
        d = districts[code]
        out[code] = RidingResult(code, Stage.OFFICIAL, sort_candidates(groups[code]),
                                 int(d["rejected"]), int(d["total_ballots"]), int(d["electors"]))
    return out


def _load_transposed() -> dict[int, RidingResult]:
    districts = {int(d["riding"]): d for d in _table("districts_2021t.csv")}
    groups: dict[int, list[Candidate]] = defaultdict(list)
    for r in _table("results_2021t.csv"):
        p = Party(r["party"])
        groups[int(r["riding"])].append(Candidate(p.value, p, p.name_en, int(r["votes"])))
    out = {}
    for code in sorted(groups):
        d = districts[code]
        out[code] = RidingResult(code, Stage.TRANSPOSED, sort_candidates(groups[code]),
                                 int(d["rejected"]), int(d["total_ballots"]), int(d["electors"]))
    return out


@cache
def load(election: str = "2025") -> Election:
    """Load a built-in election: ``"2025"``, ``"2021"``, ``"2019"`` or ``"2021t"``."""
    key = str(election).strip().lower()
    meta = _elections_meta().get(key)
    if meta is None:
        known = ", ".join(election_ids())
        raise UnknownElectionError(f"unknown election {election!r} (built in: {known})")
    rmap = riding_map(meta["map"])
    stages: dict[int, tuple[RidingResult, ...]] = {}
    if key == "2025":
        results, stages = _load_2025(rmap)
    elif key == "2021t":
        results = _load_transposed()
    else:
        results = _load_official(key)
    results = {r.code: results[r.code] for r in rmap}
    return Election(
        id=key,
        name=meta["name"],
        date=dt.date.fromisoformat(meta["date"]),
        map=rmap,
        results=results,
        stages=stages,
        previous=meta["previous"],
        source=meta["source"],
    )
