"""Bad input: each broken file ends with one exact line naming file, line and problem, exit 2."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from seatcast.cli import main
from tests.support.enr import HEADER, enr_rows, write_enr

SMALL = [10001, 24073]


def _rows() -> list[list[str]]:
    return enr_rows(SMALL)


def _set(rows: list[list[str]], i: int, col: int, value: str) -> list[list[str]]:
    rows[i][col] = value
    return rows


def missing_column(p: Path) -> Path:
    header = [h for h in HEADER if not h.startswith("Votes obtained")]
    rows = [r[:10] + r[11:] for r in _rows()]
    return write_enr(p, rows, header)


def non_numeric_votes(p: Path) -> Path:
    return write_enr(p, _set(_rows(), 2, 10, "12a4"))


def negative_votes(p: Path) -> Path:
    return write_enr(p, _set(_rows(), 2, 10, "-5"))


def candidate_twice(p: Path) -> Path:
    rows = _rows()
    rows.insert(1, list(rows[0]))
    return write_enr(p, rows)


def unknown_riding_code(p: Path) -> Path:
    rows = enr_rows()
    for r in rows:
        if r[0] == "35060":
            r[0] = "35999"
    return write_enr(p, rows)


def wrong_number_of_ridings(p: Path) -> Path:
    return write_enr(p, _rows())


def votes_do_not_add_up(p: Path) -> Path:
    rows = _rows()
    rows[0][10] = str(int(rows[0][10]) + 7)
    return write_enr(p, rows)


def wrong_encoding(p: Path) -> Path:
    return write_enr(p, _rows(), encoding="latin-1")


def unknown_stage(p: Path) -> Path:
    return write_enr(p, _set(_rows(), 3, 3, "provisional"))


def short_row(p: Path) -> Path:
    rows = _rows()
    rows[5] = rows[5][:9]
    return write_enr(p, rows)


def bad_district_number(p: Path) -> Path:
    return write_enr(p, _set(_rows(), 0, 0, "1000I"))


def not_a_results_file(p: Path) -> Path:
    p.write_text("name,age\nada,36\n", encoding="utf-8")
    return p


def binary_file(p: Path) -> Path:
    p.write_bytes(b"\x00\x01\x02PK\x03\x04" * 10)
    return p


TABLE12_HEADER = (
    "Province,Electoral District Name/Nom de circonscription,Electoral District Number/Numéro de "
    "circonscription,Candidate/Candidat,Candidate Residence/Résidence du candidat,Candidate "
    "Occupation/Profession du candidat,Votes Obtained/Votes obtenus,Percentage of Votes Obtained "
    "/Pourcentage des votes obtenus,Majority/Majorité,Majority Percentage/Pourcentage de majorité\n"
)


def table12_unpacked_candidate(p: Path) -> Path:
    p.write_text(
        TABLE12_HEADER
        + 'Nunavut,Nunavut,62001,Lori Idlout NDP-New Democratic Party/NPD-Nouveau Parti démocratique,'
        '"Iqaluit, Nun./ Nt",MP,3427,47.7,1200,16.7\n'
        "Nunavut,Nunavut,62001,Laura Mackenzie Conservative,x,y,2227,31,,\n",
        encoding="utf-8",
    )
    return p


def table12_wrong_majority(p: Path) -> Path:
    p.write_text(
        TABLE12_HEADER
        + 'Nunavut,Nunavut,62001,Lori Idlout NDP-New Democratic Party/NPD-Nouveau Parti démocratique,'
        '"Iqaluit, Nun./ Nt",MP,3427,47.7,1300,16.7\n'
        'Nunavut,Nunavut,62001,Laura Mackenzie Conservative/Conservateur,x,y,2227,31,,\n',
        encoding="utf-8",
    )
    return p


CASES: list[tuple[Callable[[Path], Path], str]] = [
    (missing_column, r"^{f}:2: missing column 'Votes obtained' in the header$"),
    (non_numeric_votes, r"^{f}:5: votes '12a4' is not a whole number$"),
    (negative_votes, r"^{f}:5: votes is negative \(-5\)$"),
    (candidate_twice, r"^{f}:4: riding 10001: candidate .+ listed twice for the preliminary count \(first on line 3\)$"),
    (unknown_riding_code, r"^{f}:\d+: unknown riding code 35999: not one of the 343 ridings of the 2023 map$"),
    (wrong_number_of_ridings, r"^{f}: 2 ridings where the 2023 map has 343 \(missing 10002 .+ and 340 more\)$"),
    (votes_do_not_add_up, r"^{f}:3: riding 10001 \(preliminary\): candidate votes add up to [\d,]+ and rejected ballots to 0, but total ballots cast is [\d,]+$"),
    (wrong_encoding, r"^{f}:2: not UTF-8 text \(byte 0x[0-9a-f]{{2}}\); save the file as UTF-8$"),
    (unknown_stage, r"^{f}:6: unknown type of results 'provisional'$"),
    (short_row, r"^{f}:8: 9 fields where the header has 14$"),
    (bad_district_number, r"^{f}:3: riding number '1000I' is not a 5-digit district number$"),
    (not_a_results_file, r"^{f}:1: not a recognised results file \(expected Elections Canada's results download or table 12\)$"),
    (binary_file, r"^{f}:1: binary data \(NUL byte\)$"),
    (table12_unpacked_candidate, r"^{f}:3: candidate field 'Laura Mackenzie Conservative' has no 'PartyEN/PartyFR' part$"),
    (table12_wrong_majority, r"^{f}:2: riding 62001: stated majority 1,300 but the votes give 1,200$"),
]


@pytest.mark.parametrize(("make", "pattern"), CASES, ids=[c[0].__name__ for c in CASES])
def test_bad_file(tmp_path: Path, capsys: pytest.CaptureFixture[str], make: Callable[[Path], Path], pattern: str) -> None:
    path = make(tmp_path / f"{make.__name__}.tsv")
    assert main(["results", "--from", str(path), "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "", "nothing may be half-written to stdout"
    lines = captured.err.splitlines()
    assert len(lines) == 1
    assert "Traceback" not in captured.err
    message = lines[0].removeprefix("seatcast: error: ")
    assert re.match(pattern.format(f=re.escape(str(path))), message), message


def test_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["results", "--from", str(tmp_path / "nope.tsv")]) == 2
    assert capsys.readouterr().err.strip().endswith("nope.tsv: no such file")


def test_build_from_a_missing_folder_writes_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "tables"
    assert main(["data", "build", "--from", str(tmp_path / "none"), "--out", str(out)]) == 2
    assert "no such folder" in capsys.readouterr().err
    assert not out.exists() or not any(out.iterdir())


def test_good_file_in_official_format_round_trips(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_enr(tmp_path / "EventResults.txt", enr_rows())
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert main(["results", "--from", str(path), "--json"]) == 0
    import json

    out = json.loads(capsys.readouterr().out)
    seats = {p["party"]: p["seats"] for p in out["parties"] if p["seats"]}
    assert seats == {"LPC": 169, "CPC": 144, "BQ": 22, "NDP": 7, "GPC": 1}
    assert out["valid_votes"] == 19_641_663


def test_failed_build_creates_no_output_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "raw").mkdir()  # a folder without the official files
    out = tmp_path / "new" / "tables"
    assert main(["data", "build", "--from", str(tmp_path / "raw"), "--out", str(out)]) == 2
    assert "no such file" in capsys.readouterr().err
    assert not (tmp_path / "new").exists()


def test_build_into_a_file_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "raw").mkdir()
    (tmp_path / "tables.txt").write_text("x")
    assert main(["data", "build", "--from", str(tmp_path / "raw"), "--out", str(tmp_path / "tables.txt")]) == 2
    assert capsys.readouterr().err.endswith("tables.txt: is a file, not a folder for the tables\n")
