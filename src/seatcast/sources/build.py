"""`seatcast data build`: turn the raw official files into the package's compact tables.

Every built-in election (`seatcast.sources.builtin.BUILTINS`) is read with its importer,
checked against its map, and written in the one table format of `seatcast.sources.tables`;
then the maps, the hex layout, the polls and the registry.  The tables are plain CSV,
sorted, with ``\\n`` line endings, so two builds give the same bytes.  All or nothing: the
tables are staged in a temporary folder and moved into place only once every one is built.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from seatcast.domain.results import RidingResult
from seatcast.domain.ridings import Riding, RidingMap
from seatcast.errors import InputFileError, SeatcastError
from seatcast.sources.builtin import BUILTINS, Builtin
from seatcast.sources.elections_canada import (
    check_against_map,
    read_event_results,
    read_table11,
    read_table12,
    read_transposed_json,
)
from seatcast.sources.house import (
    ledger_csv,
    ledger_table,
    read_by_election_json,
    read_ledger,
    totals_csv,
    totals_table,
)
from seatcast.sources.metadata import read_hex_layout, read_ridings_json
from seatcast.sources.polls import read_pollsteraudit, write_poll_csv
from seatcast.sources.tables import (
    SNAPSHOTS_HEADER,
    csv_text,
    districts_table,
    hexmap_table,
    read_election,
    read_ridings,
    results_table,
    ridings_table,
    snapshots_table,
    write_atomic,
    write_csv,
    write_registry,
    write_results,
    write_ridings,
)

RAW_2025 = "2025/ca_ge45_preliminary_candidates_2025-06-13.tsv"
RAW_2025_SNAPSHOTS = (
    "2025/ca_ge45_preliminary_candidates_2025-05-02.tsv",
    "2025/ca_ge45_preliminary_candidates_2025-05-09.tsv",
    "2025/ca_ge45_preliminary_candidates_2025-06-13.tsv",
)
#: Riding coordinates and hex layouts, per map (only the 2023 map has them).
MAP_METADATA: dict[str, tuple[str, str]] = {
    "2023": ("metadata/ridings.json", "metadata/hex-layout.json"),
}
#: The number of ridings of each map (a file with another count is not that map).
MAP_SEATS: dict[str, int] = {"2023": 343, "2013": 338, "2003": 308}

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
- **Changes to the House since the 2025 election** (`house_2025.csv`) — resignations,
  by-elections, floor crossings and the Terrebonne annulment, hand-compiled from dated public
  news pages (one source URL per row; `verified=no` where no page confirms the event). The
  Battle River–Crowfoot by-election's party totals (`byelections_2025.csv`) are from
  smithbower/CanadianElectionSimulator's `post-election-events.json` (MIT licence), checked
  equal to the Library of Parliament's validated candidate totals.
- **Second preferences** (`preferences_default.csv`) — Seatcast's own assumed transfer table
  for ranked-ballot what-ifs (no official second-preference data exists); see docs/systems.md.
  Replace it with `--preferences FILE`.
- **Opinion polls** (`polls_*.csv`) — from English Wikipedia's "Opinion polling for the 20xx
  Canadian federal election" and "Opinion polling for the 46th Canadian federal election"
  articles, by Wikipedia contributors, licensed
  [CC BY-SA 4.0](https://creativecommons.org/licenses/by-sa/4.0/); collected by
  PollsterAudit (PollsterAudit/PollsterAuditApi, GPL-3.0). Seatcast's poll tables are
  adapted from that data and shared under CC BY-SA 4.0.
"""


@dataclass(frozen=True, slots=True)
class Imported:
    """What an importer read: the ridings as the source names them, and their stages."""

    path: Path  # the file to name in messages about the whole election
    ridings: tuple[Riding, ...]
    stages: Mapping[int, tuple[RidingResult, ...]]
    lines: Mapping[int, int]


def _event_results_2025(src: Path) -> Imported:
    ev = read_event_results(src / RAW_2025)
    return Imported(src / RAW_2025, ev.ridings, ev.stages, ev.lines)


def _transposed_2021(src: Path) -> Imported:
    p = src / "2021/2021_riding_vote_redistributed_ElectionsCanada.json"
    tr = read_transposed_json(p)
    return Imported(p, tr.ridings, {c: (r,) for c, r in tr.results.items()}, {})


def _official(year: str, prefix: str) -> Callable[[Path], Imported]:
    def read(src: Path) -> Imported:
        t11 = read_table11(src / year / f"{prefix}_table_tableau11.csv")
        t12p = src / year / f"{prefix}_table_tableau12.csv"
        t12 = read_table12(t12p, t11)
        ridings = tuple(Riding(r.code, t11[r.code].name_en, t11[r.code].name_fr) for r in t12.ridings)
        return Imported(t12p, ridings, {c: (r,) for c, r in t12.results.items()}, t12.lines)

    return read


#: Importers by the name a `Builtin` gives.
READERS: dict[str, Callable[[Path], Imported]] = {
    "event-results-2025": _event_results_2025,
    "transposed-2021": _transposed_2021,
    "official-2021": _official("2021", "ca_ge44"),
    "official-2019": _official("2019", "ca_ge43"),
}

Builder = Callable[[Path, Path], None]


def _snapshots_2025(src: Path, out: Path) -> None:
    """How far the count had got in each post-election download (for replays)."""
    rows: list[tuple[Any, ...]] = []
    for rel in RAW_2025_SNAPSHOTS:
        p = src / rel
        if not p.exists():
            continue
        snap = read_event_results(p)
        label = p.stem.rsplit("_", 1)[-1]
        for code, stages in snap.stages.items():
            rows.append((label, code, stages[-1].stage.value))
    write_csv(out / snapshots_table("2025"), SNAPSHOTS_HEADER, rows)


def _build_election(b: Builtin, src: Path, out: Path, maps: dict[str, RidingMap]) -> None:
    rec = b.record
    if b.results is not None:
        imp = READERS[b.results](src)
        rmap = maps.get(rec.map)
        if rmap is None:  # the first election read on a map names its ridings
            rmap = RidingMap(rec.map, tuple(sorted(imp.ridings, key=lambda r: r.code)))
            want = MAP_SEATS.get(rec.map)
            if want is not None and rmap.seats != want:
                raise InputFileError(imp.path, None, f"{rmap.seats} ridings, expected {want}")
            maps[rec.map] = rmap
        check_against_map(imp.path, list(imp.stages), rmap, imp.lines)
        write_results(out, rec.id, imp.stages)
    if rec.polls is not None and b.polls:
        polls: dict[tuple[Any, ...], Any] = {}
        for rel in b.polls:
            for poll in read_pollsteraudit(src / rel):
                key = (poll.end_date, poll.firm, poll.region or "", poll.sample_size, poll.source,
                       poll.shares)
                polls.setdefault(key, poll)  # the periods overlap by a day
        write_poll_csv(out / f"{rec.polls}.csv", polls.values())


def build_core(src: Path, out: Path) -> None:
    """Every built-in election, its map, the map metadata and the registry."""
    maps: dict[str, RidingMap] = {}
    for b in BUILTINS:
        _build_election(b, src, out, maps)
    for name, rmap in maps.items():
        coords: dict[int, tuple[float, float]] = {}
        meta = MAP_METADATA.get(name)
        if meta is not None:
            ridings_json, hex_json = meta
            rows = {m.code: m for m in read_ridings_json(src / ridings_json)}
            check_against_map(src / ridings_json, rows, rmap)
            coords = {c: (m.latitude, m.longitude) for c, m in rows.items()}
            hexes = read_hex_layout(src / hex_json)
            check_against_map(src / hex_json, [h.code for h in hexes], rmap)
            write_csv(out / hexmap_table(name), ("code", "col", "row"),
                      [(h.code, h.col, h.row) for h in hexes])
        write_ridings(out, rmap, coords)
    _snapshots_2025(src, out)
    write_registry(out, [b.record for b in BUILTINS])
    write_atomic(out / "ATTRIBUTION.md", ATTRIBUTION)


def build_house(src: Path, out: Path) -> None:
    """The ledger of each House a built-in election returned (``house_<election>.csv``),
    checked against that election's result as just built."""
    for b in BUILTINS:
        if b.house is None:
            continue
        rec = b.record
        rmap = read_ridings((out / ridings_table(rec.map)).read_text(encoding="utf-8"), rec.map)
        e = read_election(rec, rmap, (out / results_table(rec.id)).read_text(encoding="utf-8"),
                          (out / districts_table(rec.id)).read_text(encoding="utf-8"))
        ledger = read_ledger(src / b.house, e)
        write_atomic(out / ledger_table(rec.id), ledger_csv(ledger, rmap))
        t = b.house_totals
        if t is not None:
            totals = read_by_election_json(src / t.path, t.by_elections, ledger, t.source)
            write_atomic(out / totals_table(rec.id), totals_csv(totals))


#: Builders run in order.
BUILDERS: list[tuple[str, Builder]] = [("core", build_core), ("house", build_house)]


def build(src: Path, out: Path) -> list[str]:
    """Build every table from ``src`` into ``out``; all or nothing. Returns the file names."""
    src = Path(src)
    if not src.is_dir():
        raise SeatcastError(f"{src}: no such folder (expected the raw data folder, e.g. ../shared/data)")
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


__all__ = ["BUILDERS", "Imported", "build", "build_core", "csv_text", "write_csv"]
