"""The built tables: their one schema, their writers and their readers.

A catalog folder (the package's ``seatcast/data``, or any folder with the same layout) holds:

* ``elections.json``: the election registry (`seatcast.domain.elections.ElectionRecord`s);
* ``ridings_<map>.csv``: ``code,name_en,name_fr[,latitude,longitude]`` for each map;
* ``hexmap_<map>.csv``: ``code,col,row`` (the hex layout of a map, where there is one);
* ``results_<election>.csv``: one row per candidate per count stage,
  ``riding,stage,candidate,affiliation,party,incumbent,votes`` (``incumbent`` is 1, 0, or
  empty when not known; ``candidate`` is empty for party totals of a transposition);
* ``districts_<election>.csv``: one row per riding per count stage,
  ``riding,stage,population,electors,polling_stations,rejected,total_ballots`` (empty where
  the source does not give it);
* ``polls_<...>.csv``: polls (see `seatcast.sources.polls`);
* ``snapshots_<election>.csv``: ``snapshot,riding,latest_stage``, how far each riding's count
  had got in each post-election download (for replays);
* ``history_national.csv``: ``year,date,party,votes,seats,valid_votes,seats_total,source``,
  national seats and votes of the general elections held before the riding-level data
  begins (one row per party; OTH is every other party and independent).

Every table is plain CSV, UTF-8, ``\\n`` line endings, sorted, so two builds give the same
bytes.  The readers check what they read and name the table and line of anything malformed,
since a catalog folder can be a user's.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from seatcast.domain.elections import ElectionRecord, Registry
from seatcast.domain.parties import Party
from seatcast.domain.results import (
    Candidate,
    Election,
    NationalTally,
    RidingResult,
    Stage,
    final_stage,
    sort_candidates,
)
from seatcast.domain.ridings import Riding, RidingCode, RidingMap
from seatcast.errors import InputFileError
from seatcast.sources.textfile import json_list

REGISTRY = "elections.json"
RESULTS_HEADER = ("riding", "stage", "candidate", "affiliation", "party", "incumbent", "votes")
DISTRICTS_HEADER = ("riding", "stage", "population", "electors", "polling_stations", "rejected",
                    "total_ballots")
RIDINGS_HEADER = ("code", "name_en", "name_fr", "latitude", "longitude")
HEXMAP_HEADER = ("code", "col", "row")
SNAPSHOTS_HEADER = ("snapshot", "riding", "latest_stage")
HISTORY_TABLE = "history_national.csv"
HISTORY_HEADER = ("year", "date", "party", "votes", "seats", "valid_votes", "seats_total", "source")


def results_table(election: str) -> str:
    return f"results_{election}.csv"


def districts_table(election: str) -> str:
    return f"districts_{election}.csv"


def ridings_table(map_name: str) -> str:
    return f"ridings_{map_name}.csv"


def hexmap_table(map_name: str) -> str:
    return f"hexmap_{map_name}.csv"


def snapshots_table(election: str) -> str:
    return f"snapshots_{election}.csv"


def poll_table(name: str) -> str:
    return f"{name}.csv"


# -- writing -----------------------------------------------------------------------------


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder, then rename:
    a failure leaves the old file (or none), never half of the new one."""
    import tempfile

    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for row in rows:
        w.writerow(["" if v is None else v for v in row])
    return buf.getvalue()


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    write_atomic(Path(path), csv_text(header, rows))


def _flag(v: bool | None) -> str:
    return "" if v is None else str(int(v))


def write_results(out: Path, election: str, stages: Mapping[RidingCode, Sequence[RidingResult]]) -> None:
    """``results_<election>.csv`` and ``districts_<election>.csv`` from every riding's stages."""
    rows, drows = [], []
    for code in sorted(stages):
        for r in sorted(stages[code], key=lambda x: x.stage.rank):
            for c in r.candidates:
                rows.append((code, r.stage.value, c.name, c.affiliation, c.party.value,
                             _flag(c.incumbent), c.votes))
            drows.append((code, r.stage.value, r.population, r.electors, r.polling_stations,
                          r.rejected, r.total_ballots))
    write_csv(out / results_table(election), RESULTS_HEADER, rows)
    write_csv(out / districts_table(election), DISTRICTS_HEADER, drows)


def write_ridings(out: Path, rmap: RidingMap,
                  coordinates: Mapping[int, tuple[float, float]] | None = None) -> None:
    coords = coordinates or {}
    write_csv(out / ridings_table(rmap.name), RIDINGS_HEADER,
              [(r.code, r.name_en, r.name_fr, *coords.get(r.code, (None, None))) for r in rmap])


def write_history(out: Path, tallies: Iterable[NationalTally]) -> None:
    rows = sorted(tallies, key=lambda t: (t.year, list(Party).index(t.party)))
    write_csv(out / HISTORY_TABLE, HISTORY_HEADER,
              [(t.year, t.date.isoformat(), t.party.value, t.votes, t.seats, t.valid_votes,
                t.seats_total, t.source) for t in rows])


def write_registry(out: Path, records: Sequence[ElectionRecord]) -> None:
    reg = Registry.of(records)  # checks the records before anything is written
    text = json.dumps([r.to_json() for r in reg], indent=2, ensure_ascii=False) + "\n"
    write_atomic(out / REGISTRY, text)


# -- reading -----------------------------------------------------------------------------


def _fields(name: str, text: str, header: Sequence[str]) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """The header of a built table, which must start with ``header``, and (line, fields) of
    each row (the first fields are ``header``'s, in its order)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        got = next(reader)
    except StopIteration:
        raise InputFileError(name, 1, "empty table (expected a header line)") from None
    if tuple(got[: len(header)]) != tuple(header):
        raise InputFileError(name, 1, f"header {','.join(got)!r} is not {','.join(header)!r}")

    def rows() -> Iterator[tuple[int, list[str]]]:
        width = len(got)
        line = 2
        for fields in reader:
            if len(fields) != width:
                raise InputFileError(name, line, f"{len(fields)} fields where the header has {width}")
            yield line, fields
            line = reader.line_num + 1

    return got, rows()


def _rows(name: str, text: str, header: Sequence[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, row) of a built table whose header must start with ``header``."""
    got, rows = _fields(name, text, header)
    for line, fields in rows:
        yield line, dict(zip(got, fields, strict=True))


def _int(name: str, line: int, what: str, text: str, *, optional: bool = False) -> int | None:
    if text == "" and optional:
        return None
    try:
        v = int(text)
    except ValueError:
        raise InputFileError(name, line, f"{what} {text!r} is not a whole number") from None
    if v < 0:
        raise InputFileError(name, line, f"{what} is negative ({v})")
    return v


def _count(name: str, line: int, what: str, text: str) -> int:
    v = _int(name, line, what, text)
    assert v is not None
    return v


def _code(name: str, line: int, text: str) -> RidingCode:
    v = _int(name, line, "riding", text)
    assert v is not None
    return RidingCode(v)


def _stage(name: str, line: int, text: str) -> Stage:
    try:
        return Stage(text)
    except ValueError:
        known = ", ".join(s.value for s in Stage)
        raise InputFileError(name, line, f"unknown stage {text!r} (known: {known})") from None


def _party(name: str, line: int, text: str) -> Party:
    try:
        return Party(text)
    except ValueError:
        raise InputFileError(name, line, f"unknown party {text!r}") from None


def read_registry(text: str, name: str = REGISTRY) -> Registry:
    data = json_list(text, name, "election records")
    records = []
    for i, d in enumerate(data, start=1):
        if not isinstance(d, dict):
            raise InputFileError(name, None, f"record {i} is not a JSON object")
        try:
            records.append(ElectionRecord.from_json(d))
        except ValueError as e:
            raise InputFileError(name, None, f"record {i} ({d.get('id', '?')}): {e}") from None
    try:
        return Registry.of(records)
    except ValueError as e:
        raise InputFileError(name, None, str(e)) from None


def read_ridings(text: str, map_name: str) -> RidingMap:
    name = ridings_table(map_name)
    ridings = [Riding(_code(name, line, r["code"]), r["name_en"], r["name_fr"])
               for line, r in _rows(name, text, RIDINGS_HEADER[:3])]
    try:
        return RidingMap(map_name, tuple(ridings))
    except ValueError as e:
        raise InputFileError(name, None, str(e)) from None


def read_coordinates(text: str, map_name: str) -> dict[int, tuple[float, float]]:
    name = ridings_table(map_name)
    out: dict[int, tuple[float, float]] = {}
    for line, r in _rows(name, text, RIDINGS_HEADER[:3]):
        if r.get("latitude") and r.get("longitude"):
            try:
                out[_code(name, line, r["code"])] = (float(r["latitude"]), float(r["longitude"]))
            except ValueError:
                raise InputFileError(name, line, "latitude/longitude is not a number") from None
    return out


def read_hexmap(text: str, map_name: str) -> dict[int, tuple[int, int]]:
    name = hexmap_table(map_name)
    out: dict[int, tuple[int, int]] = {}
    for line, r in _rows(name, text, HEXMAP_HEADER):
        col, row = _int(name, line, "col", r["col"]), _int(name, line, "row", r["row"])
        assert col is not None and row is not None
        out[_code(name, line, r["code"])] = (col, row)
    return out


@dataclass(frozen=True, slots=True)
class SnapshotRow:
    snapshot: str
    riding: RidingCode
    latest_stage: Stage


def read_snapshots(text: str, election: str) -> tuple[SnapshotRow, ...]:
    name = snapshots_table(election)
    return tuple(SnapshotRow(r["snapshot"], _code(name, line, r["riding"]),
                             _stage(name, line, r["latest_stage"]))
                 for line, r in _rows(name, text, SNAPSHOTS_HEADER))


def read_history(text: str) -> tuple[NationalTally, ...]:
    name = HISTORY_TABLE
    out: list[NationalTally] = []
    seen: set[tuple[int, Party]] = set()
    for line, r in _rows(name, text, HISTORY_HEADER):
        n = {k: _count(name, line, k.replace("_", " "), r[k])
             for k in ("year", "votes", "seats", "valid_votes", "seats_total")}
        try:
            date = dt.date.fromisoformat(r["date"])
        except ValueError:
            raise InputFileError(name, line, f"date {r['date']!r} is not a date (YYYY-MM-DD)") from None
        party = _party(name, line, r["party"])
        if (n["year"], party) in seen:
            raise InputFileError(name, line, f"{party.value} in {n['year']} listed twice")
        seen.add((n["year"], party))
        out.append(NationalTally(n["year"], date, party, n["votes"], n["seats"], n["valid_votes"],
                                 n["seats_total"], r["source"]))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class _District:
    population: int | None
    electors: int | None
    polling_stations: int | None
    rejected: int | None
    total_ballots: int | None


def read_election(record: ElectionRecord, rmap: RidingMap, results_text: str,
                  districts_text: str) -> Election:
    """An election from its two built tables, checked against its map.

    Every command that shows a result starts here, so the rows are read as lists and the
    few distinct ridings, stages and parties are converted once each (the checks and their
    messages are those of the other readers)."""
    rname, dname = results_table(record.id), districts_table(record.id)
    codes: dict[str, RidingCode] = {}
    stages_of: dict[str, Stage] = {}
    districts: dict[tuple[RidingCode, Stage], _District] = {}
    counts = tuple(k.replace("_", " ") for k in DISTRICTS_HEADER[2:])
    for line, fields in _fields(dname, districts_text, DISTRICTS_HEADER)[1]:
        riding, stage_text = fields[0], fields[1]
        key = (codes.get(riding) or _code(dname, line, riding),
               stages_of.get(stage_text) or _stage(dname, line, stage_text))
        codes[riding], stages_of[stage_text] = key
        if key in districts:
            raise InputFileError(dname, line, f"riding {key[0]} ({key[1].value}) listed twice")
        population, electors, stations, rejected, ballots = (
            _int(dname, line, what, v, optional=True)
            for what, v in zip(counts, fields[2:len(DISTRICTS_HEADER)], strict=True))
        districts[key] = _District(population, electors, stations, rejected, ballots)
    parties: dict[str, Party] = {}
    groups: dict[tuple[RidingCode, Stage], list[Candidate]] = defaultdict(list)
    for line, (riding, stage_text, candidate, affiliation, party, inc, votes_text, *_) in _fields(
            rname, results_text, RESULTS_HEADER)[1]:
        code = codes.get(riding) or _code(rname, line, riding)
        stage = stages_of.get(stage_text) or _stage(rname, line, stage_text)
        if code not in rmap:
            raise InputFileError(rname, line, f"riding {code} is not on the {rmap.name} map")
        if (code, stage) not in districts:
            raise InputFileError(rname, line, f"riding {code} ({stage.value}) is not in {dname}")
        if inc not in ("", "0", "1"):
            raise InputFileError(rname, line, f"incumbent {inc!r} is not 1, 0 or empty")
        votes = _count(rname, line, "votes", votes_text)
        p = parties.get(party)
        if p is None:
            p = parties[party] = _party(rname, line, party)
        groups[(code, stage)].append(Candidate(candidate, p, affiliation, votes,
                                               None if inc == "" else inc == "1"))
    by_riding: dict[RidingCode, list[RidingResult]] = defaultdict(list)
    for (code, stage), cs in groups.items():
        d = districts[(code, stage)]
        by_riding[code].append(RidingResult(code, stage, sort_candidates(cs), d.rejected,
                                            d.total_ballots, d.electors, d.polling_stations,
                                            d.population))
    missing = [r for r in rmap if r.code not in by_riding]
    if missing:
        raise InputFileError(rname, None, f"no result for riding {missing[0].code} "
                             f"{missing[0].name_en} (and {len(missing) - 1} more)"
                             if len(missing) > 1 else
                             f"no result for riding {missing[0].code} {missing[0].name_en}")
    stages = {r.code: tuple(sorted(by_riding[r.code], key=lambda x: x.stage.rank)) for r in rmap}
    final = {code: final_stage(st) for code, st in stages.items()}
    counted_in_stages = any(len(st) > 1 for st in stages.values())
    return Election(record=record, map=rmap, results=MappingProxyType(final),
                    stages=MappingProxyType(stages if counted_in_stages else {}))
