"""The files of the what-if commands: a grouping of ridings into districts (CSV) and an
electoral-system definition (JSON, as ``seatcast whatif --json`` prints it).

Both are read here and handed to `seatcast.systems` as plain values: systems read no files.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from seatcast.domain.ridings import RidingMap
from seatcast.errors import InputFileError
from seatcast.sources.textfile import parse_json, read_text


def read_grouping_rows(path: str | Path, rmap: RidingMap) -> list[tuple[str, list[int]]]:
    """A user grouping: CSV with a header ``riding,district`` (one row per riding), as
    (district, riding codes) in order of first appearance, every riding of ``rmap`` once."""
    p = Path(path)
    rows = list(csv.reader(read_text(p).splitlines()))
    if not rows or [h.strip().lower() for h in rows[0][:2]] != ["riding", "district"]:
        raise InputFileError(p, 1, "header must be 'riding,district'")
    members: dict[str, list[int]] = {}
    seen: dict[int, int] = {}
    for n, row in enumerate(rows[1:], 2):
        if not row or not "".join(row).strip():
            continue
        if len(row) < 2 or not row[0].strip().isdigit() or not row[1].strip():
            raise InputFileError(p, n, "expected a riding code and a district name")
        code, dname = int(row[0]), row[1].strip()
        if code not in rmap:
            raise InputFileError(p, n, f"riding {code} is not on the {rmap.name} map")
        if code in seen:
            raise InputFileError(p, n, f"riding {code} listed twice (first on line {seen[code]})")
        seen[code] = n
        members.setdefault(dname, []).append(code)
    missing = [r.code for r in rmap if r.code not in seen]
    if missing:
        raise InputFileError(p, None, f"{len(missing)} riding(s) of the {rmap.name} map are in no "
                             f"district (first {missing[0]})")
    return list(members.items())


def read_definition(path: str | Path) -> dict[str, Any]:
    """A system definition: a JSON object with a ``kind`` (checked by `systems.from_dict`)."""
    p = Path(path)
    data = parse_json(read_text(p), p)
    if not isinstance(data, dict):
        raise InputFileError(p, 1, "a system definition is a JSON object with a 'kind'")
    return data
