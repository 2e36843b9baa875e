"""Official tables 11 and 12 of 2011–2025: the checks the importers enforce, on the raw files."""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
from pathlib import Path

import pytest

from seatcast.cli import main
from seatcast.domain.ridings import RidingCode
from seatcast.errors import InputFileError
from seatcast.sources.affiliations import split_packed_candidate
from seatcast.sources.elections_canada import (
    attach_table11,
    read_event_results,
    read_table11,
    read_table12,
)
from seatcast.sources.history import read_national_results
from seatcast.sources.textfile import read_text

T11_2025 = "2025/official/ca_ge45_table_tableau11.csv"
ENR_2025 = "2025/ca_ge45_preliminary_candidates_2025-06-13.tsv"


def test_table11_2025_reads_voting_desks(raw_data: Path) -> None:
    t11 = read_table11(raw_data / T11_2025)
    assert len(t11) == 343
    assert sum(d.electors for d in t11.values()) == 28_731_275
    assert sum(d.polling_stations for d in t11.values()) == 74_409
    assert (t11[RidingCode(10001)].elected, t11[RidingCode(10001)].elected_surname) == ("Connors, Paul Liberal/Libéral", "Connors")


def test_table11_2025_agrees_with_the_results_download_in_every_riding(raw_data: Path) -> None:
    ev = read_event_results(raw_data / ENR_2025)
    t11 = read_table11(raw_data / T11_2025)
    stages = attach_table11(raw_data / T11_2025, ev.stages, t11)
    assert len(stages) == 343
    assert all(s.electors == t11[c].electors for c, st in stages.items() for s in st)
    # Each stage keeps its own ballots: Terrebonne's validated count is not the judicial one.
    tb = {s.stage.value: (s.rejected, s.total_ballots) for s in stages[RidingCode(24073)]}
    assert tb["judicially certified"] == (840, 61_118)
    assert tb["preliminary"][0] == 0


@pytest.mark.parametrize(("change", "message"), [
    ({"rejected": 841, "total": 61_119},
     "riding 24073 Terrebonne: valid/rejected/total ballots 60,278/841/61,119, but the judicially "
     "certified count of the results download gives 60,278/840/61,118"),
    ({"elected": "Sinclair-Desgagné, Nathalie Bloc Québécois/Bloc Québécois"},
     "riding 24073 Terrebonne: table 11 gives the elected candidate as 'Sinclair-Desgagné, Nathalie "
     "Bloc Québécois/Bloc Québécois', but the judicially certified count elects Tatiana Auguste"),
])
def test_a_table11_mismatch_names_the_riding(raw_data: Path, change: dict[str, object], message: str) -> None:
    ev = read_event_results(raw_data / ENR_2025)
    t11 = read_table11(raw_data / T11_2025)
    t11[RidingCode(24073)] = dataclasses.replace(t11[RidingCode(24073)], **change)  # type: ignore[arg-type]
    with pytest.raises(InputFileError) as err:
        attach_table11(raw_data / T11_2025, ev.stages, t11)
    assert str(err.value).endswith(message)


def _raw_copy(raw: Path, tmp: Path, replace: str) -> Path:
    """A raw folder of links to the real files, with ``replace`` copied (to be edited)."""
    out = tmp / "raw"
    for p in raw.rglob("*"):
        if p.is_file():
            q = out / p.relative_to(raw)
            q.parent.mkdir(parents=True, exist_ok=True)
            if p.relative_to(raw).as_posix() == replace:
                shutil.copy(p, q)
            else:
                os.symlink(p, q)
    return out / replace


def test_build_refuses_a_table11_that_disagrees_and_writes_nothing(
        raw_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    t11 = _raw_copy(raw_data, tmp_path, T11_2025)
    text = t11.read_text(encoding="utf-8-sig")
    line = next(x for x in text.splitlines() if ',24073,' in x)
    t11.write_text(text.replace(line, line.replace(",840,", ",850,").replace(",61118,", ",61128,")),
                   encoding="utf-8-sig")
    out = tmp_path / "tables"
    assert main(["data", "build", "--from", str(tmp_path / "raw"), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "riding 24073 Terrebonne: valid/rejected/total ballots" in err
    assert re.search(r"ca_ge45_table_tableau11\.csv:\d+: ", err)
    assert not out.exists()


def test_tables_11_and_12_must_name_the_same_winner(raw_data: Path, tmp_path: Path) -> None:
    t11 = tmp_path / "ca_ge42_table_tableau11.csv"
    text = (raw_data / "2015/ca_ge42_table_tableau11.csv").read_text(encoding="utf-8-sig")
    t11.write_text(text.replace('"McDonald, Ken Liberal/Libéral"', '"Andrews, Scott No Affiliation/Aucune '
                                'appartenance"', 1), encoding="utf-8")
    with pytest.raises(InputFileError, match=r"tableau12\.csv:2: riding 10001: the most votes went to Ken "
                       r"McDonald, but table 11 gives the elected candidate as 'Andrews, Scott"):
        read_table12(raw_data / "2015/ca_ge42_table_tableau12.csv", read_table11(t11))


def test_2011_tables_are_windows_1252_and_read_only_when_told(raw_data: Path) -> None:
    t11p, t12p = (raw_data / f"2011/ca_ge41_table_tableau1{n}.csv" for n in (1, 2))
    with pytest.raises(InputFileError, match=r"tableau11\.csv:\d+: not UTF-8 text \(byte 0x"):
        read_table11(t11p)
    t12 = read_table12(t12p, read_table11(t11p, encoding="cp1252"), encoding="cp1252")
    assert len(t12.results) == 308
    avalon = t12.results[RidingCode(10001)].winner
    assert (avalon.name, avalon.affiliation, avalon.incumbent) == ("Scott Andrews", "Liberal", True)
    assert t12.results[RidingCode(24058)].winner.name == "François Lapointe"


def test_a_users_windows_1252_file_is_refused_not_guessed(
        raw_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for n in ("11", "12"):
        shutil.copy(raw_data / f"2011/ca_ge41_table_tableau{n}.csv", tmp_path / f"table_tableau{n}.csv")
    assert main(["results", "--from", str(tmp_path / "table_tableau12.csv")]) == 2
    assert "not UTF-8 text (byte 0x" in capsys.readouterr().err


def test_read_text_cp1252_is_explicit_and_strict(tmp_path: Path) -> None:
    p = tmp_path / "t.csv"
    p.write_bytes("Libéral\n".encode("cp1252"))
    assert read_text(p, encoding="cp1252") == "Libéral\n"
    p.write_bytes("Libéral\n".encode())  # re-saved as UTF-8: would read "LibÃ©ral"
    with pytest.raises(InputFileError, match="is UTF-8 text, not Windows-1252"):
        read_text(p, encoding="cp1252")
    p.write_bytes(b"ok\n\x81\n")  # 0x81 is undefined in Windows-1252
    with pytest.raises(InputFileError, match=r":2: not Windows-1252 text \(byte 0x81"):
        read_text(p, encoding="cp1252")
    p.write_bytes(b"plain ascii\n")
    assert read_text(p, encoding="cp1252") == read_text(p) == "plain ascii\n"
    with pytest.raises(ValueError, match="unsupported encoding"):
        read_text(p, encoding="latin-1")


@pytest.mark.parametrize(("packed", "expected"), [
    ("Kyle Bowles Animal Alliance/Environment Voters/Animal Alliance/Environment Voters",
     ("Kyle Bowles", "Animal Alliance/Environment Voters", False)),
    ("Jennifer McCreath Forces et Démocratie - Allier les forces de nos régions/Forces et Démocratie - "
     "Allier les forces de nos régions",
     ("Jennifer McCreath", "Forces et Démocratie - Allier les forces de nos régions", False)),
    ("Baird Judson CHP Canada/PHC Canada", ("Baird Judson", "CHP Canada", False)),
    ("Fahed Khalid Democratic Advancement/Avancement de la Démocratie",
     ("Fahed Khalid", "Democratic Advancement", False)),
    ("Scott Andrews ** No Affiliation/Aucune appartenance", ("Scott Andrews", "No Affiliation", True)),
])
def test_2015_and_2011_party_labels(packed: str, expected: tuple[str, str, bool]) -> None:
    assert split_packed_candidate(packed) == expected


HISTORY_HEADER = "election_date,year,party,votes,share_pct,seats,valid_votes_total,seats_total,source,note\n"


def test_national_history_rows_must_add_up(tmp_path: Path) -> None:
    p = tmp_path / "h.csv"
    p.write_text(HISTORY_HEADER + "2008-10-14,2008,CPC,60,60.0,2,100,3,Elections Canada x,\n"
                 "2008-10-14,2008,LPC,40,40.0,0,100,3,Elections Canada x,\n", encoding="utf-8")
    with pytest.raises(InputFileError, match=r"h\.csv:2: 2008: seats add up to 2, not 3"):
        read_national_results(p)
    p.write_text(HISTORY_HEADER + "2008-10-14,2008,CPC,60,61.0,2,100,2,Elections Canada x,\n",
                 encoding="utf-8")
    with pytest.raises(InputFileError, match=r"h\.csv:2: CPC 2008: share 61.0 % is not 60 of 100"):
        read_national_results(p)


def test_national_history_raw_table(raw_data: Path) -> None:
    rows = read_national_results(raw_data / "history/national_results_2004_2015.csv")
    seats = {(t.year, t.party.value): t.seats for t in rows}
    assert (seats[(2004, "LPC")], seats[(2006, "CPC")], seats[(2008, "CPC")]) == (135, 124, 143)
    assert {t.year for t in rows} == {2004, 2006, 2008, 2011, 2015}


def test_national_history_must_agree_with_the_built_in_elections(raw_data: Path, tmp_path: Path) -> None:
    from seatcast.sources.build import READERS, national_history

    built = {"2015": READERS["official-2015"](raw_data).stages}
    kept = national_history(raw_data, built)
    assert {t.year for t in kept} == {2004, 2006, 2008, 2011}  # those before the first built-in one
    assert all(t.source.startswith(("Elections Canada, Official", "Library of Parliament")) for t in kept)
    h = _raw_copy(raw_data, tmp_path, "history/national_results_2004_2015.csv")
    text = h.read_text(encoding="utf-8")
    h.write_text(text.replace("2015-10-19,2015,LPC,6942937,39.47,184,", "2015-10-19,2015,LPC,6942937,39.47,185,")
                 .replace("2015-10-19,2015,CPC,5613633,31.91,99,", "2015-10-19,2015,CPC,5613633,31.91,98,"),
                 encoding="utf-8")
    with pytest.raises(InputFileError, match=r"2015 LPC: 185 seats and 6,942,937 votes, but the built-in "
                       r"2015 gives 184 and 6,942,937"):
        national_history(tmp_path / "raw", built)
