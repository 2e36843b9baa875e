"""Make small files in Elections Canada's official formats, for importer tests."""

from __future__ import annotations

from pathlib import Path

import seatcast

HEADER = [
    "Electoral district number - Numéro de la circonscription",
    "Electoral district name",
    "Nom de la circonscription",
    "Type of results*",
    "Type de résultats**",
    "Surname - Nom de famille",
    "Middle name(s) - Autre(s) prénom(s)",
    "Given name - Prénom",
    "Political affiliation",
    "Appartenance politique",
    "Votes obtained - Votes obtenus",
    "% Votes obtained - Votes obtenus %",
    "Rejected ballots - Bulletins rejetés***",
    "Total number of ballots cast - Nombre total de votes déposés",
]
FR_STAGE = {"preliminary": "préliminaires", "validated": "validés", "judicially certified": "certifiés"}


def enr_rows(codes: list[int] | None = None) -> list[list[str]]:
    """Data rows (one per candidate per stage) for some ridings of the built-in 2025 data."""
    e = seatcast.load("2025")
    rows = []
    for code in codes if codes is not None else [r.code for r in e.map]:
        riding = e.map.get(code)
        for r in e.stages_of(code):
            for c in r.candidates:
                given, _, surname = c.name.rpartition(" ")
                rows.append([
                    str(code), riding.name_en, riding.name_fr, r.stage.value, FR_STAGE[r.stage.value],
                    surname, "", given, c.affiliation, c.affiliation, str(c.votes),
                    f"{100 * c.votes / r.valid_votes:.1f}", str(r.rejected or 0), str(r.total_ballots),
                ])
    return rows


def enr_text(rows: list[list[str]], header: list[str] | None = None) -> str:
    """The text of a results download: timestamp line, header, rows, footnotes; CRLF."""
    lines = [
        "These results were downloaded on June 13, 2025 at 3:56 p.m. ET." + "\t" * 13,
        "\t".join(header or HEADER),
        *("\t".join(r) for r in rows),
        "*Type of results: preliminary results are unofficial results from election night." + "\t" * 13,
        "***The rejected ballots count is not available for the preliminary results." + "\t" * 13,
    ]
    return "\r\n".join(lines) + "\r\n"


def write_enr(path: Path, rows: list[list[str]], header: list[str] | None = None,
              encoding: str = "utf-8-sig") -> Path:
    path.write_bytes(enr_text(rows, header).encode(encoding))
    return path
