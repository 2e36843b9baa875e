"""`seatcast data build`: turn the raw official files into the package's compact tables.

The tables are plain CSV, sorted, with ``\\n`` line endings, so two builds give the same
bytes.  Extra builders (polls, ...) register themselves in `BUILDERS` and write their own
tables into the same folder.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from seatcast.domain.results import Stage
from seatcast.domain.ridings import RidingCode, RidingMap
from seatcast.errors import InputFileError, SeatcastError
from seatcast.sources.elections_canada import (
    check_against_map,
    read_event_results,
    read_table11,
    read_table12,
    read_transposed_json,
)
from seatcast.sources.metadata import read_hex_layout, read_ridings_json

RAW_2025 = "2025/ca_ge45_preliminary_candidates_2025-06-13.tsv"
RAW_2025_SNAPSHOTS = (
    "2025/ca_ge45_preliminary_candidates_2025-05-02.tsv",
    "2025/ca_ge45_preliminary_candidates_2025-05-09.tsv",
    "2025/ca_ge45_preliminary_candidates_2025-06-13.tsv",
)

ELECTIONS: list[dict[str, Any]] = [
    {"id": "2025", "name": "45th general election", "date": "2025-04-28", "map": "2023",
     "previous": "2021t", "source": "Elections Canada, results download of 2025-06-13"},
    {"id": "2021t", "name": "44th general election, transposed to the 2023 map",
     "date": "2021-09-20", "map": "2023", "previous": None,
     "source": "Elections Canada, Transposition of votes from the 44th GE to the 2023 Representation Order"},
    {"id": "2021", "name": "44th general election", "date": "2021-09-20", "map": "2013",
     "previous": "2019", "source": "Elections Canada, Official Voting Results, tables 11 and 12"},
    {"id": "2019", "name": "43rd general election", "date": "2019-10-21", "map": "2013",
     "previous": None, "source": "Elections Canada, Official Voting Results, tables 11 and 12"},
]

ATTRIBUTION = """\
# Data attribution

The tables in this folder are built by `seatcast data build` from public sources. They are
Seatcast's own normalized extracts, not copies of the source files.

- **Elections Canada** — 45th general election results download (2025-05-02, 2025-05-09 and
  2025-06-13 snapshots); Official Voting Results of the 44th (2021) and 43rd (2019) general
  elections, tables 11 and 12; Transposition of votes from the 44th general election to the
  2023 Representation Order. Contains information licensed under the
  [Open Government Licence – Canada](https://open.canada.ca/en/open-government-licence-canada).
  Reproduced as a normalized extract; not an official version, and not endorsed by Elections Canada.
- **ThreeFortyThree-Canada/elections-canada-mcp-server** (MIT licence) — the JSON copy of the
  2021 transposition used as input (`results_2021t.csv`, `districts_2021t.csv`).
- **smithbower/CanadianElectionSimulator** (MIT licence, © its authors) — riding
  coordinates and the 343-cell hex-map layout (`ridings_2023.csv` coordinates, `hexmap_2023.csv`).
- **Second preferences** (`preferences_default.csv`) — Seatcast's own assumed transfer table
  for ranked-ballot what-ifs (no official second-preference data exists); see docs/systems.md.
  Replace it with `--preferences FILE`.
- **Opinion polls** (`polls_*.csv`) — from English Wikipedia's "Opinion polling for the 20xx
  Canadian federal election" articles, by Wikipedia contributors, licensed
  [CC BY-SA 4.0](https://creativecommons.org/licenses/by-sa/4.0/); collected by
  PollsterAudit (PollsterAudit/PollsterAuditApi, GPL-3.0). Seatcast's poll tables are
  adapted from that data and shared under CC BY-SA 4.0.
"""


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for row in rows:
        w.writerow(["" if v is None else v for v in row])
    path.write_text(buf.getvalue(), encoding="utf-8", newline="")


Builder = Callable[[Path, Path], None]


def build_core(src: Path, out: Path) -> None:
    """Ridings, maps, hex layout and the four elections."""
    ev = read_event_results(src / RAW_2025)
    map2023 = RidingMap("2023", ev.ridings)
    if map2023.seats != 343:
        raise InputFileError(src / RAW_2025, None, f"{map2023.seats} ridings, expected 343")
    meta = {m.code: m for m in read_ridings_json(src / "metadata/ridings.json")}
    check_against_map(src / "metadata/ridings.json", meta, map2023)
    hexes = read_hex_layout(src / "metadata/hex-layout.json")
    check_against_map(src / "metadata/hex-layout.json", [h.code for h in hexes], map2023)
    write_csv(
        out / "ridings_2023.csv",
        ["code", "name_en", "name_fr", "latitude", "longitude"],
        [(r.code, r.name_en, r.name_fr, meta[r.code].latitude, meta[r.code].longitude) for r in map2023],
    )
    write_csv(out / "hexmap_2023.csv", ["code", "col", "row"], [(h.code, h.col, h.row) for h in hexes])
    # 2025, every count stage.
    rows = []
    for code, stages in ev.stages.items():
        for r in stages:
            for c in r.candidates:
                rows.append((code, r.stage.value, c.name, c.affiliation, c.party.value, c.votes,
                             r.rejected, r.total_ballots))
    write_csv(out / "results_2025.csv",
              ["riding", "stage", "candidate", "affiliation", "party", "votes", "rejected", "total_ballots"],
              rows)
    # How far the count had got in each post-election snapshot (for replays).
    snap_rows = []
    for rel in RAW_2025_SNAPSHOTS:
        p = src / rel
        if not p.exists():
            continue
        snap = read_event_results(p)
        label = p.stem.rsplit("_", 1)[-1]
        for code, stages in snap.stages.items():
            snap_rows.append((label, code, stages[-1].stage.value))
    write_csv(out / "snapshots_2025.csv", ["snapshot", "riding", "latest_stage"], snap_rows)
    # 2021 transposed.
    tr = read_transposed_json(src / "2021/2021_riding_vote_redistributed_ElectionsCanada.json")
    check_against_map(src / "2021/2021_riding_vote_redistributed_ElectionsCanada.json", tr.results, map2023)
    write_csv(out / "results_2021t.csv", ["riding", "party", "votes"],
              [(code, c.party.value, c.votes) for code, r in tr.results.items() for c in r.candidates])
    write_csv(out / "districts_2021t.csv", ["riding", "electors", "rejected", "total_ballots"],
              [(code, r.electors, r.rejected, r.total_ballots) for code, r in tr.results.items()])
    # 2021 and 2019 official tables (2013 map).
    map2013: RidingMap | None = None
    for year, prefix in (("2021", "ca_ge44"), ("2019", "ca_ge43")):
        t11p = src / year / f"{prefix}_table_tableau11.csv"
        t12p = src / year / f"{prefix}_table_tableau12.csv"
        t11 = read_table11(t11p)
        t12 = read_table12(t12p, t11)
        if map2013 is None:
            map2013 = RidingMap("2013", tuple(
                type(r)(r.code, t11[r.code].name_en, t11[r.code].name_fr) for r in t12.ridings))
            if map2013.seats != 338:
                raise InputFileError(t11p, None, f"{map2013.seats} ridings, expected 338")
        check_against_map(t12p, t12.results, map2013, t12.lines)
        write_csv(out / f"results_{year}.csv",
                  ["riding", "candidate", "affiliation", "party", "incumbent", "votes"],
                  [(code, c.name, c.affiliation, c.party.value, int(c.incumbent), c.votes)
                   for code, r in t12.results.items() for c in r.candidates])
        write_csv(out / f"districts_{year}.csv",
                  ["riding", "population", "electors", "polling_stations", "rejected", "total_ballots"],
                  [(d.code, d.population, d.electors, d.polling_stations, d.rejected, d.total)
                   for d in sorted(t11.values(), key=lambda d: d.code)])
    assert map2013 is not None
    write_csv(out / "ridings_2013.csv", ["code", "name_en", "name_fr"],
              [(r.code, r.name_en, r.name_fr) for r in map2013])
    (out / "elections.json").write_text(json.dumps(ELECTIONS, indent=2, ensure_ascii=False) + "\n",
                                        encoding="utf-8")
    (out / "ATTRIBUTION.md").write_text(ATTRIBUTION, encoding="utf-8")


#: Builders run in order; other modules append theirs (e.g. polls).
BUILDERS: list[tuple[str, Builder]] = [("core", build_core)]


def _register_optional_builders() -> None:
    import importlib

    for mod in ("seatcast.sources.polls",):
        try:
            m = importlib.import_module(mod)
        except ImportError:
            continue
        fn = getattr(m, "build_tables", None)
        if fn is not None and all(name != mod for name, _ in BUILDERS):
            BUILDERS.append((mod, fn))


def build(src: Path, out: Path) -> list[str]:
    """Build every table from ``src`` into ``out``; all or nothing. Returns the file names."""
    src = Path(src)
    if not src.is_dir():
        raise SeatcastError(f"{src}: no such folder (expected the raw data folder, e.g. ../shared/data)")
    _register_optional_builders()
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise SeatcastError(f"{out}: is a file, not a folder for the tables")
    base = out.parent  # stage beside the output; create nothing until every table is built
    while not base.exists() and base != base.parent:
        base = base.parent
    try:
        with tempfile.TemporaryDirectory(dir=base) as tmp:
            staging = Path(tmp)
            for _, fn in BUILDERS:
                fn(src, staging)
            names = sorted(p.name for p in staging.iterdir())
            out.mkdir(parents=True, exist_ok=True)
            for name in names:
                shutil.move(str(staging / name), str(out / name))
    except OSError as e:
        raise SeatcastError(f"{out}: cannot write the tables ({e.strerror or e})") from None
    return names


# -- readers of the built tables that other packages use (the schema has one owner: here) --

@dataclass(frozen=True, slots=True)
class SnapshotStage:
    """How far one riding's count had got in one post-election results download."""

    snapshot: dt.date
    riding: RidingCode
    latest_stage: Stage


def read_snapshots(election_id: str) -> tuple[SnapshotStage, ...]:
    """``snapshots_<id>.csv`` (written by `build_core`), in snapshot order; empty for an
    election without snapshots."""
    from seatcast.catalog import has_table, read_table

    name = f"snapshots_{election_id}.csv"
    if not has_table(name):
        return ()
    rows = [SnapshotStage(dt.date.fromisoformat(r["snapshot"]), RidingCode(int(r["riding"])),
                          Stage(r["latest_stage"])) for r in read_table(name)]
    return tuple(sorted(rows, key=lambda r: r.snapshot))


def read_polling_stations(election_id: str) -> dict[RidingCode, int]:
    """Ordinary polling stations per riding, from ``districts_<id>.csv`` (official table 11,
    written by `build_core`); empty for an election without the table."""
    from seatcast.catalog import has_table, read_table

    name = f"districts_{election_id}.csv"
    if not has_table(name):
        return {}
    return {RidingCode(int(r["riding"])): int(r["polling_stations"]) for r in read_table(name)
            if r.get("polling_stations")}
