"""The catalog: one folder of built tables, read on demand, handed out as immutable values.

A `Catalog` is built once by each face (the CLI per command, the web app at start-up, a
script) and passed to whatever needs data; nothing in Seatcast reads tables behind a
module-level cache.  It knows where the tables are and which election needs which; the
formats are `seatcast.sources.tables`'.  Values it returns are frozen dataclasses and
read-only mappings, cached per catalog, so two callers never see each other's edits.

The package's own tables (``seatcast/data``, written by ``seatcast data build``) are
`Catalog.builtin()`; any folder with the same layout is a catalog too (a test's fictitious
election, a newsroom's extra tables).

`Catalog.vintage(day)` is the catalog as it stood before a day (`Vintage`): the results of
the elections held before it, the polls published before it, the census if published
before it, and an error (`LeakError`) for anything else.  A forecast of a past election
reads its inputs through the vintage of its polling day, so nothing dated on or after that
day can reach a fit; a backtest reads the result it scores through the full catalog.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, TypeVar

from seatcast.domain.elections import ElectionId, ElectionRecord, Registry
from seatcast.domain.results import Election, NationalTally
from seatcast.errors import NotFoundError, SeatcastError
from seatcast.sources import tables

if TYPE_CHECKING:
    from importlib.abc import Traversable

    from seatcast.domain.census import RidingCensus
    from seatcast.domain.house import ByElectionTotals, Ledger
    from seatcast.domain.polls import Poll
    from seatcast.domain.preferences import PreferenceTable
    from seatcast.domain.ridings import RidingMap

T = TypeVar("T")


class LeakError(SeatcastError):
    """A forecast asked its vintage for something dated on or after its day."""


class Catalog:
    """The built tables of one folder: the election registry and what each election needs."""

    def __init__(self, root: Traversable | str | Path) -> None:
        self.root: Traversable = Path(root) if isinstance(root, (str, Path)) else root
        self._lock = threading.RLock()
        self._cache: dict[tuple[str, str], object] = {}
        if not self.root.joinpath(tables.REGISTRY).is_file():
            raise SeatcastError(f"{self.root}: not a Seatcast catalog (no {tables.REGISTRY}; "
                                "run `seatcast data build`)")

    _builtin: Catalog | None = None

    @classmethod
    def builtin(cls) -> Catalog:
        """The package's own tables (one shared, read-only instance)."""
        if cls._builtin is None:
            folder = Path(__file__).parent / "data"  # what importlib.resources gives, on disk
            if not folder.is_dir():  # the package imported from a zip file
                from importlib import resources

                cls._builtin = cls(resources.files("seatcast.data"))
            else:  # importlib.resources would cost every command its imports (tempfile, zipfile)
                cls._builtin = cls(folder)
        return cls._builtin

    def __repr__(self) -> str:
        return f"Catalog({str(self.root)!r})"

    # -- plumbing ---------------------------------------------------------------------------
    def _cached(self, kind: str, key: str, make: Callable[[], T]) -> T:
        with self._lock:
            hit = self._cache.get((kind, key))
            if hit is None:
                hit = make()
                self._cache[(kind, key)] = hit
            return hit  # type: ignore[return-value]

    def has(self, name: str) -> bool:
        return self.root.joinpath(name).is_file()

    def text(self, name: str) -> str:
        """The text of one table of this catalog."""
        f = self.root.joinpath(name)
        if not f.is_file():
            raise NotFoundError(f"the catalog has no table {name} (run `seatcast data build`)")
        return f.read_text(encoding="utf-8")

    # -- elections --------------------------------------------------------------------------
    @property
    def registry(self) -> Registry:
        return self._cached("registry", "", lambda: tables.read_registry(self.text(tables.REGISTRY)))

    def record(self, key: str) -> ElectionRecord:
        """The record of an election, by id or alias (``next``, ``45``, ...)."""
        return self.registry.get(key)

    def election(self, key: str) -> Election:
        """An election's result (its final count in every riding, and every stage)."""
        rec = self.record(key)
        if not rec.has_result:
            raise NotFoundError(f"election {rec.id} ({rec.name}) has no result yet")

        def make() -> Election:
            return tables.read_election(rec, self.riding_map(rec.map),
                                        self.text(tables.results_table(rec.id)),
                                        self.text(tables.districts_table(rec.id)))

        return self._cached("election", rec.id, make)

    def result_ids(self) -> tuple[ElectionId, ...]:
        """The elections with a result, newest first."""
        return tuple(r.id for r in self.registry.with_results())

    def previous(self, e: Election | ElectionRecord) -> Election | None:
        """The election before ``e`` on its map (its comparison), if it has one."""
        rec = e.record if isinstance(e, Election) else e
        return self.election(rec.previous) if rec.previous else None

    def elections(self) -> dict[ElectionId, Election]:
        """Every election with a result, newest first."""
        return {k: self.election(k) for k in self.result_ids()}

    def national_history(self, *, before: dt.date | None = None) -> tuple[NationalTally, ...]:
        """National seats and votes by party of the general elections held before the
        riding-level data begins (empty where the catalog has no such table); ``before``:
        only those held before that day."""
        if not self.has(tables.HISTORY_TABLE):
            return ()
        rows = self._cached("history", "", lambda: tables.read_history(self.text(tables.HISTORY_TABLE)))
        return rows if before is None else tuple(t for t in rows if t.date < before)

    def vintage(self, day: dt.date | None) -> Catalog:
        """The catalog as it stood before ``day`` (itself for None: everything is past)."""
        return self if day is None else Vintage(self, day)

    # -- maps -------------------------------------------------------------------------------
    def riding_map(self, name: str) -> RidingMap:
        """A representation order, e.g. ``"2023"`` (343 ridings)."""
        table = tables.ridings_table(name)
        if not self.has(table):
            known = ", ".join(sorted({r.map for r in self.registry}))
            raise NotFoundError(f"unknown map {name!r} (known: {known})")
        return self._cached("map", name, lambda: tables.read_ridings(self.text(table), name))

    def maps(self) -> tuple[RidingMap, ...]:
        """Every map an election of this catalog is drawn on, newest first."""
        names = sorted({r.map for r in self.registry}, reverse=True)
        return tuple(self.riding_map(n) for n in names)

    def preferences(self) -> PreferenceTable:
        """The built-in table of second preferences by party (for the ranked systems)."""
        from seatcast.sources.preferences import DEFAULT_TABLE, parse_table

        return self._cached("preferences", DEFAULT_TABLE,
                            lambda: parse_table(self.text(DEFAULT_TABLE), "default", DEFAULT_TABLE))

    def hex_layout(self, map_name: str) -> Mapping[int, tuple[int, int]] | None:
        """riding code -> (col, row) on the pointy-top, odd-row-shifted hex grid, for maps
        that have a layout (None for the others)."""
        table = tables.hexmap_table(map_name)
        if not self.has(table):
            return None
        return self._cached("hexmap", map_name,
                            lambda: MappingProxyType(tables.read_hexmap(self.text(table), map_name)))

    def coordinates(self, map_name: str) -> Mapping[int, tuple[float, float]]:
        """Approximate (latitude, longitude) of each riding of a map (empty if not known)."""
        self.riding_map(map_name)
        table = tables.ridings_table(map_name)
        return self._cached("coords", map_name, lambda: MappingProxyType(
            tables.read_coordinates(self.text(table), map_name)))

    # -- polls and replays ------------------------------------------------------------------
    def polls(self, key: str, *, before: dt.date | None = None) -> tuple[Poll, ...]:
        """The published polls of an election's cycle (its record's poll table); ``before``:
        only those published before that day."""
        rec = self.record(key)
        if rec.polls is None:
            raise NotFoundError(f"election {rec.id} has no poll table")
        name = tables.poll_table(rec.polls)

        def make() -> tuple[Poll, ...]:
            from seatcast.sources.polls import parse_poll_table

            return parse_poll_table(self.text(name), name)

        polls = self._cached("polls", rec.polls, make)
        return polls if before is None else tuple(p for p in polls if p.published < before)

    def poll_history(self, *, before: dt.date | None = None) -> Mapping[dt.date, tuple[Poll, ...]]:
        """The polls of the cycles before the elections with a poll table (2004-2015), by the
        polling day of the election ending each cycle (empty without the table); ``before``:
        the cycles of elections held before that day, their polls published before it."""
        from seatcast.sources.polls import HISTORY_TABLE, parse_history_table

        if not self.has(HISTORY_TABLE):
            return MappingProxyType({})
        cycles = self._cached("poll-history", "", lambda: MappingProxyType(
            parse_history_table(self.text(HISTORY_TABLE), HISTORY_TABLE)))
        if before is None:
            return cycles
        return MappingProxyType({d: tuple(p for p in ps if p.published < before)
                                 for d, ps in cycles.items() if d < before})

    def census(self, map_name: str, *, before: dt.date | None = None) -> Mapping[int, RidingCensus] | None:
        """The census counts of every riding of a map (None where the catalog has none, or
        where they were not published before ``before``)."""
        from seatcast.domain.census import PUBLISHED as CENSUS_PUBLISHED
        from seatcast.sources.census import census_table, parse_census_table

        name = census_table(map_name)
        if not self.has(name) or (before is not None and before <= CENSUS_PUBLISHED):
            return None
        return self._cached("census", map_name, lambda: MappingProxyType(
            parse_census_table(self.text(name), name)))

    def snapshots(self, key: str) -> tuple[tables.SnapshotRow, ...] | None:
        """How far each riding's count had got in each post-election download, if known."""
        rec = self.record(key)
        name = tables.snapshots_table(rec.id)
        if not self.has(name):
            return None
        return self._cached("snapshots", rec.id, lambda: tables.read_snapshots(self.text(name), rec.id))

    # -- the House between elections -------------------------------------------------------
    def has_ledger(self, key: str) -> bool:
        from seatcast.sources.house import ledger_table

        return self.has(ledger_table(self.record(key).id))

    def ledger(self, key: str) -> Ledger:
        """The changes to the House an election returned, since its polling day."""
        from seatcast.sources.house import ledger_table, parse_ledger

        rec = self.record(key)
        name = ledger_table(rec.id)
        if not self.has(name):
            raise NotFoundError(f"the catalog has no ledger of the House elected at {rec.id} "
                                f"({rec.name}); give one with --ledger FILE")
        return self._cached("ledger", rec.id,
                            lambda: parse_ledger(self.text(name), name, self.election(rec.id)))

    def by_election_totals(self, key: str) -> tuple[ByElectionTotals, ...]:
        """The vote totals of the by-elections of an election's House, where the catalog has
        checked ones (none otherwise: the ledger still names every winner)."""
        from seatcast.sources.house import parse_totals, totals_table

        rec = self.record(key)
        name = totals_table(rec.id)
        if not self.has(name):
            return ()
        return self._cached("byelections", rec.id,
                            lambda: parse_totals(self.text(name), name, self.ledger(rec.id)))

    def house_election(self) -> ElectionRecord:
        """The general election whose House sits now: the latest one with a result."""
        return self.registry.latest_result()

    # -- a user's file ----------------------------------------------------------------------
    def ledger_file(self, path: str | Path, key: str | None = None) -> Ledger:
        """A user's ledger file, of the House ``key`` returned (default: the latest)."""
        from seatcast.sources.house import read_ledger

        rec = self.record(key) if key is not None else self.house_election()
        return read_ledger(path, self.election(rec.id))

    def results_file(self, path: str | Path) -> Election:
        """An official results file a user supplies, on one of this catalog's maps."""
        from seatcast.sources.files import read_results_file

        f = read_results_file(path, self.maps())
        # A results download is of the latest general election on its map held by the
        # time it was downloaded; a table 12 says nothing of its date.
        rec: ElectionRecord | None = None
        if f.downloaded is not None:
            day = f.downloaded.date()
            held = [r for r in self.registry.general()
                    if r.map == f.map.name and r.date is not None and r.date <= day]
            rec = held[0] if held else None
        record = ElectionRecord(
            id=ElectionId("file"), number=rec.number if rec else None,
            name=f"results from {Path(path).name}", map=f.map.name,
            date=rec.date if rec else None, previous=rec.previous if rec else None,
            result=f.kind, source=f.source,
        )
        return f.election(record)


class Vintage(Catalog):
    """The catalog as it stood before ``day``: what a forecaster could read on the eve.

    Results of elections held before the day, polls published before it, the national
    history of earlier elections, the census if published before it; asking for the
    result of an election held on or after it, its House or its count snapshots is a
    `LeakError`.  The registry and the maps are what they are (which elections exist,
    their dates and ridings).  Every read goes through the full catalog's accessors with
    the day pushed down, so what the full catalog hands out is exactly what the forecast
    sees (tests record it)."""

    def __init__(self, base: Catalog, day: dt.date) -> None:
        self.base = base
        self.day = day
        self.root = base.root
        self._lock = base._lock
        self._cache = base._cache

    def __repr__(self) -> str:
        return f"{self.base!r}.vintage({self.day})"

    def _before(self, before: dt.date | None) -> dt.date:
        return self.day if before is None else min(before, self.day)

    def vintage(self, day: dt.date | None) -> Catalog:
        return self if day is None or day >= self.day else Vintage(self.base, day)

    @property
    def registry(self) -> Registry:
        return self.base.registry

    def election(self, key: str) -> Election:
        rec = self.record(key)
        if rec.date is None or rec.date >= self.day:
            raise LeakError(f"the result of {rec.id} ({rec.date or 'not held'}) is not known "
                            f"before {self.day}")
        return self.base.election(key)

    def polls(self, key: str, *, before: dt.date | None = None) -> tuple[Poll, ...]:
        return self.base.polls(key, before=self._before(before))

    def poll_history(self, *, before: dt.date | None = None) -> Mapping[dt.date, tuple[Poll, ...]]:
        return self.base.poll_history(before=self._before(before))

    def national_history(self, *, before: dt.date | None = None) -> tuple[NationalTally, ...]:
        return self.base.national_history(before=self._before(before))

    def census(self, map_name: str, *, before: dt.date | None = None) -> Mapping[int, RidingCensus] | None:
        return self.base.census(map_name, before=self._before(before))

    def snapshots(self, key: str) -> tuple[tables.SnapshotRow, ...] | None:
        self.election(key)  # a count's snapshots are part of its result
        return self.base.snapshots(key)

    def ledger(self, key: str) -> Ledger:
        raise LeakError(f"the House ledger is not part of a forecast made before {self.day}")

    def has_ledger(self, key: str) -> bool:
        return False


def load(election: str = "2025") -> Election:
    """A built-in election's result: ``seatcast.load("2025")`` (any id or alias)."""
    return Catalog.builtin().election(election)


def election_ids() -> list[ElectionId]:
    """The built-in elections with a result, newest first."""
    return list(Catalog.builtin().result_ids())


def riding_map(name: str) -> RidingMap:
    """A built-in map: ``"2023"`` (343 ridings) or ``"2013"`` (338 ridings)."""
    return Catalog.builtin().riding_map(name)


def hex_layout(map_name: str = "2023") -> Mapping[int, tuple[int, int]]:
    """The built-in hex layout of a map (the 2023 map has one)."""
    layout = Catalog.builtin().hex_layout(map_name)
    if layout is None:
        raise NotFoundError(f"no hex layout for the {map_name} map")
    return layout

