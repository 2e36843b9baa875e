"""Importers for riding metadata (names, coordinates) and the 343-cell hex-map layout."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from seatcast.domain.geography import Region, province_of
from seatcast.errors import InputFileError
from seatcast.sources.textfile import json_list, read_text

#: smithbower's region numbers.
_REGION_NUMBERS = {
    0: Region.ATL,
    1: Region.QC,
    2: Region.ON,
    3: Region.PR,
    4: Region.AB,
    5: Region.BC,
    6: Region.NO,
}


@dataclass(frozen=True, slots=True)
class RidingMeta:
    code: int
    name_en: str
    name_fr: str
    region: Region
    latitude: float
    longitude: float


@dataclass(frozen=True, slots=True)
class HexCell:
    code: int
    col: int
    row: int


def _load_list(path: str | Path) -> list[Any]:
    return json_list(read_text(path), path)


def read_ridings_json(path: str | Path) -> list[RidingMeta]:
    """Read a list of ``{id, name, nameFr, province, region, latitude, longitude}``."""
    out: list[RidingMeta] = []
    seen: set[int] = set()
    for i, obj in enumerate(_load_list(path)):
        try:
            code = int(obj["id"])
            region = _REGION_NUMBERS[int(obj["region"])]
            meta = RidingMeta(
                code, str(obj["name"]), str(obj["nameFr"]), region,
                float(obj["latitude"]), float(obj["longitude"]),
            )
        except (KeyError, TypeError, ValueError) as e:
            raise InputFileError(path, None, f"entry {i + 1}: missing or bad field {e}") from None
        if code in seen:
            raise InputFileError(path, None, f"riding {code} listed twice")
        seen.add(code)
        if province_of(code).region != region:
            raise InputFileError(
                path, None, f"riding {code}: region {region} disagrees with its province"
            )
        out.append(meta)
    return sorted(out, key=lambda m: m.code)


def read_hex_layout(path: str | Path) -> list[HexCell]:
    """Read a list of ``{id, col, row}`` (pointy-top, odd rows shifted right)."""
    out: list[HexCell] = []
    cells: dict[tuple[int, int], int] = {}
    for i, obj in enumerate(_load_list(path)):
        try:
            cell = HexCell(int(obj["id"]), int(obj["col"]), int(obj["row"]))
        except (KeyError, TypeError, ValueError) as e:
            raise InputFileError(path, None, f"entry {i + 1}: missing or bad field {e}") from None
        if (cell.col, cell.row) in cells:
            raise InputFileError(
                path, None, f"ridings {cells[(cell.col, cell.row)]} and {cell.code} share a cell"
            )
        cells[(cell.col, cell.row)] = cell.code
        out.append(cell)
    return sorted(out, key=lambda c: c.code)
