"""`seatcast data build`: turn the raw official files into the package's compact tables.

Every built-in election (`seatcast.sources.builtin.BUILTINS`) is read with its importer,
checked against its map, and written in the one table format of `seatcast.sources.tables`;
then the maps, the hex layout, the polls and the registry.  The tables are plain CSV,
sorted, with ``\\n`` line endings, so two builds give the same bytes.  All or nothing: the
tables are staged in a temporary folder and moved into place only once every one is built.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from seatcast.domain.parties import Party
from seatcast.domain.people import Call
from seatcast.domain.results import NationalTally, RidingResult, final_stage
from seatcast.domain.ridings import Riding, RidingCode, RidingMap
from seatcast.errors import InputFileError, SeatcastError
from seatcast.sources import incumbents
from seatcast.sources.builtin import BUILTINS, Builtin
from seatcast.sources.census import build_census
from seatcast.sources.elections_canada import (
    attach_table11,
    check_against_map,
    read_event_results,
    read_table11,
    read_table12,
    read_transposed_json,
)
from seatcast.sources.history import read_national_results
from seatcast.sources.house import (
    ledger_csv,
    ledger_table,
    read_by_election_json,
    read_ledger,
    totals_csv,
    totals_table,
)
from seatcast.sources.metadata import read_hex_layout, read_ridings_json
from seatcast.sources.polls import build_poll_history, read_pollsteraudit, write_poll_csv
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
    write_history,
    write_registry,
    write_results,
    write_ridings,
)

RAW_2025 = "2025/ca_ge45_preliminary_candidates_2025-06-13.tsv"
RAW_2025_TABLE11 = "2025/official/ca_ge45_table_tableau11.csv"
#: By-elections (smithbower's hand-curated, unverified list; see `seatcast.sources.incumbents`).
RAW_EVENTS = "metadata/post-election-events.json"
#: National seats and votes of 2004–2015 (EC table 8; seats and 2004 votes from the LOP).
RAW_HISTORY = "history/national_results_2004_2015.csv"
#: The 44th Parliament was dissolved on 23 March 2025: its members then are the 2025
#: incumbents (the writ's date is not in the raw data; every by-election is checked to be
#: held between the 2021 polling day and it).
DISSOLVED_2025 = dt.date(2025, 3, 23)
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
  2025-06-13 snapshots) and Official Voting Results table 11 (electors, ballots, voting desks
  and population, `districts_2025.csv`); Official Voting Results of the 44th (2021), 43rd
  (2019), 42nd (2015) and 41st (2011) general elections, tables 11 and 12; Transposition of
  votes from the 44th general election to the 2023 Representation Order; national valid votes
  by party of the 39th (2006) and 40th (2008) general elections, table 8
  (`history_national.csv`). Contains information licensed under the
  [Open Government Licence – Canada](https://open.canada.ca/en/open-government-licence-canada).
  Reproduced as a normalized extract; not an official version, and not endorsed by Elections Canada.
- **Library of Parliament** (ParlInfo, *General elections*) — seats won by each party in 2004,
  2006 and 2008 and the 2004 national votes by party, as totals derived from its candidate
  results (`history_national.csv`); only these national totals are recorded.
- **ThreeFortyThree-Canada/elections-canada-mcp-server** (MIT licence) — the JSON copy of the
  2021 transposition used as input (`results_2021t.csv`, `districts_2021t.csv`).
- **smithbower/CanadianElectionSimulator** (MIT licence, © its authors) — riding
  coordinates and the 343-cell hex-map layout (`ridings_2023.csv` coordinates, `hexmap_2023.csv`);
  the list of the by-elections of 2022–2024 (its hand-curated `post-election-events.json`,
  not verified against Elections Canada), used with the 2021 winners to decide which 2025
  candidates were sitting members (the `incumbent` column of `results_2025.csv`: 1, 0, or
  empty where the names do not decide it).
- **Changes to the House since the 2025 election** (`house_2025.csv`) — resignations,
  by-elections, floor crossings and the Terrebonne annulment, hand-compiled from dated public
  news pages (one source URL per row; `verified=no` where no page confirms the event). The
  Battle River–Crowfoot by-election's party totals (`byelections_2025.csv`) are from
  smithbower/CanadianElectionSimulator's `post-election-events.json` (MIT licence), checked
  equal to the Library of Parliament's validated candidate totals.
- **Second preferences** (`preferences_default.csv`) — Seatcast's own assumed transfer table
  for ranked-ballot what-ifs (no official second-preference data exists); see docs/systems.md.
  Replace it with `--preferences FILE`.
- **Statistics Canada**, 2021 Census Profile, 98-401-X2021029 (federal electoral districts,
  2023 Representation Order) — population, age groups and total-income groups by riding
  (`census_2023.csv`), as extracted by CLESSN's cartessn (Université Laval). Adapted from
  Statistics Canada, used under the
  [Statistics Canada Open Licence](https://www.statcan.gc.ca/en/reference/licence); this
  does not constitute an endorsement by Statistics Canada of this product.
- **Opinion polls** (`polls_*.csv`, including `polls_history.csv`, the 2004–2015 cycles) —
  from English Wikipedia's "Opinion polling for the 20xx Canadian federal election" and
  "Opinion polling for the 46th Canadian federal election" articles, by Wikipedia contributors, licensed
  [CC BY-SA 4.0](https://creativecommons.org/licenses/by-sa/4.0/); collected by
  PollsterAudit (PollsterAudit/PollsterAuditApi, GPL-3.0). Seatcast's poll tables are
  adapted from that data and shared under CC BY-SA 4.0.
"""


@dataclass(frozen=True, slots=True)
class Imported:
    """What an importer read: the ridings as the source names them, and their stages."""

    path: Path  # the file to name in messages about the whole election
    ridings: tuple[Riding, ...]
    stages: Mapping[RidingCode, tuple[RidingResult, ...]]
    lines: Mapping[RidingCode, int]
    incumbency: Mapping[incumbents.CandidateKey, Call] = field(default_factory=dict)  # where it was derived


def incumbents_2025(src: Path, stages: Mapping[RidingCode, tuple[RidingResult, ...]],
                    name_parts: Mapping[tuple[int, str], tuple[str, str, str]]
                    ) -> tuple[dict[RidingCode, tuple[RidingResult, ...]],
                               dict[incumbents.CandidateKey, Call]]:
    """The 2025 candidates' incumbency: matched by name against the House at dissolution
    (the 2021 winners, with the 2022–2024 by-election winners in their seats)."""
    y2021 = READERS["official-2021"](src)
    rmap = RidingMap("2013", tuple(sorted(y2021.ridings, key=lambda r: r.code)))
    byelections = incumbents.read_byelections(src / RAW_EVENTS, 2021)
    members = incumbents.roster({c: st[-1] for c, st in y2021.stages.items()}, rmap, byelections,
                                "2021 table 12", held=dt.date(2021, 9, 20),
                                dissolved=DISSOLVED_2025, path=src / RAW_EVENTS)
    return incumbents.flag(stages, name_parts, members)


def _event_results_2025(src: Path) -> Imported:
    ev = read_event_results(src / RAW_2025)
    t11 = read_table11(src / RAW_2025_TABLE11)
    stages = attach_table11(src / RAW_2025_TABLE11, ev.stages, t11)
    stages, calls = incumbents_2025(src, stages, ev.name_parts)
    return Imported(src / RAW_2025, ev.ridings, stages, ev.lines, calls)


def _transposed_2021(src: Path) -> Imported:
    p = src / "2021/2021_riding_vote_redistributed_ElectionsCanada.json"
    tr = read_transposed_json(p)
    return Imported(p, tr.ridings, {c: (r,) for c, r in tr.results.items()}, {})


def _official(year: str, prefix: str, encoding: str = "utf-8") -> Callable[[Path], Imported]:
    """Tables 11 and 12 of an official voting results (checked against each other in every
    district by `read_table12`).  ``encoding``: "cp1252" for the 2011 tables."""

    def read(src: Path) -> Imported:
        t11 = read_table11(src / year / f"{prefix}_table_tableau11.csv", encoding=encoding)
        t12p = src / year / f"{prefix}_table_tableau12.csv"
        t12 = read_table12(t12p, t11, encoding=encoding)
        ridings = tuple(Riding(r.code, t11[r.code].name_en, t11[r.code].name_fr) for r in t12.ridings)
        return Imported(t12p, ridings, {c: (r,) for c, r in t12.results.items()}, t12.lines)

    return read


#: Importers by the name a `Builtin` gives.
READERS: dict[str, Callable[[Path], Imported]] = {
    "event-results-2025": _event_results_2025,
    "transposed-2021": _transposed_2021,
    "official-2021": _official("2021", "ca_ge44"),
    "official-2019": _official("2019", "ca_ge43"),
    "official-2015": _official("2015", "ca_ge42"),
    "official-2011": _official("2011", "ca_ge41", "cp1252"),  # Windows-1252, not UTF-8
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


def national_history(src: Path, built: Mapping[str, Mapping[RidingCode, tuple[RidingResult, ...]]]
                     ) -> tuple[NationalTally, ...]:
    """The national tallies of the elections before the riding-level data begins.

    Where the national table overlaps a built-in election, the two must agree: every
    party's seats, the five parties' votes and the valid votes."""
    path = src / RAW_HISTORY
    tallies = read_national_results(path)
    held = {b.record.date.year: b.record for b in BUILTINS
            if b.record.date is not None and b.record.id in built and not b.record.is_transposition}
    for year in sorted({t.year for t in tallies} & set(held)):
        finals = [final_stage(st) for st in built[held[year].id].values()]
        seats: Counter[Party] = Counter()
        votes: Counter[Party] = Counter()
        for r in finals:
            p = r.winner.party
            seats[Party.OTH if p in (Party.IND, Party.OTH) else p] += 1
            for party, v in r.party_votes().items():
                votes[party] += v
        valid = sum(r.valid_votes for r in finals)
        for t in (t for t in tallies if t.year == year):
            if t.seats != seats[t.party] or (t.party is not Party.OTH and t.votes != votes[t.party]):
                raise InputFileError(path, None, f"{year} {t.party.value}: {t.seats} seats and "
                                     f"{t.votes:,} votes, but the built-in {held[year].id} gives "
                                     f"{seats[t.party]} and {votes[t.party]:,}")
            if t.valid_votes != valid:
                raise InputFileError(path, None, f"{year}: {t.valid_votes:,} valid votes, but the "
                                     f"built-in {held[year].id} gives {valid:,}")
    first = min(held)
    return tuple(replace(t, source=_history_source(t.source)) for t in tallies if t.year < first)


def _history_source(raw: str) -> str:
    """The raw table's per-row source, as the package credits it (the raw text names the raw
    folder's files; see ATTRIBUTION)."""
    if raw.startswith("Elections Canada"):
        return ("Elections Canada, Official Voting Results, table 8 (votes); Library of "
                "Parliament, ParlInfo (seats)")
    if raw.startswith("Library of Parliament"):
        return "Library of Parliament, ParlInfo candidate results, summed by party (votes and seats)"
    raise InputFileError(RAW_HISTORY, None, f"unknown source {raw[:60]!r}")


def _build_election(b: Builtin, src: Path, out: Path, maps: dict[str, RidingMap],
                    built: dict[str, Mapping[RidingCode, tuple[RidingResult, ...]]]) -> None:
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
        built[rec.id] = imp.stages
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
    built: dict[str, Mapping[RidingCode, tuple[RidingResult, ...]]] = {}
    for b in BUILTINS:
        _build_election(b, src, out, maps, built)
    write_history(out, national_history(src, built))
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
BUILDERS: list[tuple[str, Builder]] = [("core", build_core), ("house", build_house),
                                       ("polls-history", build_poll_history),
                                       ("census", build_census)]


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
