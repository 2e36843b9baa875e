"""Groupings: how ridings are pooled into the districts where seats are allocated.

A :class:`Grouping` is a named, ordered set of districts, each a tuple of riding codes; a
district elects as many members as it contains ridings unless a seat count is given.  The
built-in groupings are ``national`` (one pool), ``province`` (13), ``region`` (Seatcast's 7
regions) and ``stv`` (neighbouring ridings of each province grouped into districts of about
five: see :func:`neighbour_grouping`).  A user grouping is a CSV file ``riding,district``
(read by `seatcast.sources.systems.read_grouping_rows`), the format ``seatcast whatif --grouping
FILE`` reads.

Neighbouring ridings are grouped by recursive coordinate bisection on each riding's
approximate latitude and longitude: a province is cut along its longer axis, at the point
that splits it into two parts whose sizes are whole multiples of the district size, until each
part is one district.  The parts are compact and, for a map of contiguous ridings, nearly
always contiguous.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from seatcast.domain.geography import PROVINCES, Region, province_of
from seatcast.domain.ridings import RidingMap
from seatcast.errors import SeatcastError


@dataclass(frozen=True, slots=True)
class District:
    name: str
    ridings: tuple[int, ...]
    seats: int | None = None  # None: one seat per riding

    @property
    def magnitude(self) -> int:
        return len(self.ridings) if self.seats is None else self.seats


@dataclass(frozen=True, slots=True)
class Grouping:
    name: str
    districts: tuple[District, ...]

    def __post_init__(self) -> None:
        seen: set[int] = set()
        for d in self.districts:
            for code in d.ridings:
                if code in seen:
                    raise SeatcastError(f"grouping {self.name}: riding {code} is in two districts")
                seen.add(code)

    @property
    def seats(self) -> int:
        return sum(d.magnitude for d in self.districts)

    def check_covers(self, rmap: RidingMap) -> None:
        """Raise unless every riding of the map is in exactly one district."""
        codes = {c for d in self.districts for c in d.ridings}
        missing = [r.code for r in rmap if r.code not in codes]
        extra = sorted(codes - {r.code for r in rmap})
        if missing or extra:
            bits = []
            if missing:
                bits.append(f"{len(missing)} riding(s) in no district (first {missing[0]})")
            if extra:
                bits.append(f"{len(extra)} code(s) not on the {rmap.name} map (first {extra[0]})")
            raise SeatcastError(f"grouping {self.name}: " + "; ".join(bits))

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name,
                "districts": [{"name": d.name, "ridings": list(d.ridings),
                               **({} if d.seats is None else {"seats": d.seats})}
                              for d in self.districts]}

    @staticmethod
    def from_dict(data: Mapping[str, Any]) -> Grouping:
        return Grouping(str(data["name"]), tuple(
            District(str(d["name"]), tuple(int(c) for c in d["ridings"]),
                     None if d.get("seats") is None else int(d["seats"]))
            for d in data["districts"]))


def _group(name: str, rmap: RidingMap, key_of: Mapping[int, str], order: Sequence[str]) -> Grouping:
    buckets: dict[str, list[int]] = {k: [] for k in order}
    for r in rmap:
        buckets[key_of[r.code]].append(r.code)
    return Grouping(name, tuple(District(k, tuple(v)) for k, v in buckets.items() if v))


def national(rmap: RidingMap) -> Grouping:
    return Grouping("national", (District("Canada", tuple(r.code for r in rmap)),))


def by_province(rmap: RidingMap) -> Grouping:
    return _group("province", rmap, {r.code: r.province.code for r in rmap},
                  [p.code for p in PROVINCES])


def by_region(rmap: RidingMap) -> Grouping:
    return _group("region", rmap, {r.code: r.region.value for r in rmap}, [g.value for g in Region])


def _bisect(codes: list[int], coords: Mapping[int, tuple[float, float]], parts: int) -> list[list[int]]:
    if parts <= 1:
        return [sorted(codes)]
    lat = [coords[c][0] for c in codes]
    lon = [coords[c][1] for c in codes]
    mid_lat = (max(lat) + min(lat)) / 2
    # compare extents in kilometres-ish: a degree of longitude shrinks with latitude
    span_lon = (max(lon) - min(lon)) * math.cos(math.radians(mid_lat))
    axis = 1 if span_lon >= max(lat) - min(lat) else 0
    ordered = sorted(codes, key=lambda c: (coords[c][axis], coords[c][1 - axis], c))
    left_parts = parts // 2
    cut = round(len(codes) * left_parts / parts)
    return (_bisect(ordered[:cut], coords, left_parts)
            + _bisect(ordered[cut:], coords, parts - left_parts))


def neighbour_grouping(rmap: RidingMap, coords: Mapping[int, tuple[float, float]],
                       magnitude: int = 5, name: str | None = None) -> Grouping:
    """Group each province's neighbouring ridings into districts of about ``magnitude`` seats.

    A province with n ridings gets ``max(1, round(n / magnitude))`` districts (a territory is a
    one-seat district).  Districts are named ``<province>-<k>`` in the order of bisection.
    """
    if magnitude < 1:
        raise SeatcastError("district magnitude must be at least 1")
    by_prov: dict[str, list[int]] = {}
    for r in rmap:
        by_prov.setdefault(province_of(r.code).code, []).append(r.code)
    missing = [c for codes in by_prov.values() for c in codes if c not in coords]
    if missing:
        raise SeatcastError(f"no coordinates for riding {missing[0]}: give a grouping file instead")
    districts = []
    for p in PROVINCES:
        codes = by_prov.get(p.code, [])
        if not codes:
            continue
        parts = max(1, round(len(codes) / magnitude))
        for i, group in enumerate(_bisect(codes, coords, parts), 1):
            districts.append(District(f"{p.code}-{i}" if parts > 1 else p.code, tuple(group)))
    return Grouping(name or f"stv{magnitude}", tuple(districts))


def grouping_of(name: str, districts: Sequence[tuple[str, Sequence[int]]]) -> Grouping:
    """A grouping from (district name, riding codes) pairs, in order (e.g. a user's file, read
    and checked against its map by `seatcast.sources.systems.read_grouping_rows`)."""
    return Grouping(name, tuple(District(d, tuple(codes)) for d, codes in districts))


def builtin(name: str, rmap: RidingMap, coords: Mapping[int, tuple[float, float]] | None = None,
            magnitude: int = 5) -> Grouping:
    """A built-in grouping by name: national, province, region or stv."""
    if name == "national":
        return national(rmap)
    if name == "province":
        return by_province(rmap)
    if name == "region":
        return by_region(rmap)
    if name == "stv":
        if coords is None:
            raise SeatcastError("the stv grouping needs riding coordinates, which Seatcast has for "
                                "the 2023 map only: give a grouping file (--grouping FILE)")
        return neighbour_grouping(rmap, coords, magnitude)
    raise SeatcastError(f"unknown grouping {name!r} (known: {', '.join(GROUPINGS)}, or a CSV file)")


GROUPINGS: tuple[str, ...] = ("national", "province", "region", "stv")
