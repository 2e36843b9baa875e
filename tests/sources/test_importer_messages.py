"""Every message of the importers, exactly: the line named and the problem, one case each.

The results download, table 12 (with and without table 11), the 2021 transposition, the
national history table and the House ledger: each broken file below raises one
`InputFileError` naming the line (or no line, for a file-wide problem) and the problem.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

import seatcast
from seatcast.domain.ridings import RidingCode
from seatcast.errors import InputFileError
from seatcast.sources.elections_canada import (
    DistrictRow,
    read_event_results,
    read_table12,
    read_transposed_json,
)
from seatcast.sources.history import read_national_results
from seatcast.sources.house import parse_events
from tests.support.enr import HEADER, enr_rows, enr_text


def _problem(read: Callable[[Path], object], path: Path) -> tuple[int | None, str]:
    with pytest.raises(InputFileError) as err:
        read(path)
    assert str(err.value).startswith(str(path))
    assert "\n" not in str(err.value)
    return err.value.line, err.value.problem


# -- the results download ------------------------------------------------------------------

def _enr(p: Path, edit: Callable[[list[list[str]]], list[list[str]]]) -> Path:
    p.write_bytes(enr_text(edit(enr_rows([10001, 24073]))).encode("utf-8-sig"))
    return p


def _renamed(rows: list[list[str]]) -> list[list[str]]:
    rows[1][1] = "Nowhere"
    return rows


def _nameless(rows: list[list[str]]) -> list[list[str]]:
    rows[2][5] = rows[2][7] = ""
    return rows


def _other_totals(rows: list[list[str]]) -> list[list[str]]:
    rows[1][13] = str(int(rows[1][13]) + 1)
    return rows


ENR_CASES: list[tuple[str, Callable[[list[list[str]]], list[list[str]]], int | None, str]] = [
    ("renamed", _renamed, 4, "riding 10001 is named 'Nowhere' here but {name!r} above"),
    ("nameless", _nameless, 5, "riding 10001: candidate has no name"),
    ("other_totals", _other_totals, 4,
     "riding 10001 (preliminary): rejected/total ballots 0/{t1} differ from 0/{t0} on line 3"),
    ("footnotes_only", lambda rows: [], None, "no result rows (rows must start with a district number)"),
]


@pytest.mark.parametrize(("name", "edit", "line", "problem"), ENR_CASES, ids=[c[0] for c in ENR_CASES])
def test_results_download_messages(tmp_path: Path, name: str, edit: Callable[[list[list[str]]], list[list[str]]],
                                   line: int | None, problem: str) -> None:
    first = enr_rows([10001])[0]
    expected = problem.format(name=first[1], t0=first[13], t1=int(first[13]) + 1)
    assert _problem(read_event_results, _enr(tmp_path / f"{name}.tsv", edit)) == (line, expected)


def test_results_download_without_a_header(tmp_path: Path) -> None:
    p = tmp_path / "plain.tsv"
    p.write_text("a\tb\n1\t2\n", encoding="utf-8")
    assert _problem(read_event_results, p) == (
        1, "no header line starting 'Electoral district number' (not a results download?)")


def test_results_download_keeps_the_timestamp_and_name_parts(tmp_path: Path) -> None:
    rows = enr_rows([10001])
    rows[0][6] = "Q."
    p = tmp_path / "ok.tsv"
    p.write_bytes(enr_text(rows, HEADER).encode("utf-8-sig"))
    ev = read_event_results(p)
    assert ev.downloaded == "These results were downloaded on June 13, 2025 at 3:56 p.m. ET."
    given, surname = rows[0][7], rows[0][5]
    assert ev.name_parts[(10001, f"{given} Q. {surname}")] == (given, "Q.", surname)
    assert ev.lines == {10001: 3}
    assert [r.stage.value for r in ev.stages[RidingCode(10001)]] == sorted(
        {r[3] for r in rows}, key=["preliminary", "validated", "judicially certified"].index)


# -- table 12 ----------------------------------------------------------------------------------

T12 = (
    "Province,Electoral District Name/Nom de circonscription,Electoral District Number/Numéro de "
    "circonscription,Candidate/Candidat,Candidate Residence/Résidence du candidat,Candidate "
    "Occupation/Profession du candidat,Votes Obtained/Votes obtenus,Percentage of Votes Obtained "
    "/Pourcentage des votes obtenus,Majority/Majorité,Majority Percentage/Pourcentage de majorité\n"
)
IDLOUT = "Nunavut,Nunavut,62001,Lori Idlout NDP-New Democratic Party/NPD-Nouveau Parti démocratique,x,y,3427,47.7,1200,16.7\n"
MACKENZIE = "Nunavut,Nunavut,62001,Laura Mackenzie Conservative/Conservateur,x,y,2227,31,,\n"
YUKON = "Yukon,Yukon,60001,Brendan Hanley Liberal/Libéral,x,y,9000,50,9000,5\n"


def _district(code: int, valid: int, elected: str = "") -> DistrictRow:
    return DistrictRow(code, "N", "N", 100, 90, 5, valid, 1, valid + 1, 7, elected)


def _table11(*rows: DistrictRow) -> dict[RidingCode, DistrictRow]:
    """Table 11 as its reader gives it: rows keyed by riding."""
    return {RidingCode(d.code): d for d in rows}


T12_CASES: list[tuple[str, str, dict[RidingCode, DistrictRow] | None, int | None, str]] = [
    ("short_row", IDLOUT + "Nunavut,Nunavut,62001\n", None, 3, "3 fields where the header has 10"),
    ("twice", IDLOUT + MACKENZIE + IDLOUT, None, 4,
     "riding 62001: candidate Lori Idlout (NDP-New Democratic Party) listed twice (first on line 2)"),
    ("no_rows", "\n", None, None, "no candidate rows"),
    ("not_in_11", IDLOUT + MACKENZIE, _table11(_district(60001, 9000)), 2, "riding 62001 is not in table 11"),
    ("valid", IDLOUT + MACKENZIE, _table11(_district(62001, 5655)), 2,
     "riding 62001: candidate votes add up to 5,654 but table 11 gives 5,655 valid ballots"),
    ("elected", IDLOUT + MACKENZIE, _table11(_district(62001, 5654, "Mackenzie, Laura Conservative/Conservateur")), 2,
     "riding 62001: the most votes went to Lori Idlout, but table 11 gives the elected candidate as "
     "'Mackenzie, Laura Conservative/Conservateur'"),
    ("missing", IDLOUT + MACKENZIE, _table11(_district(62001, 5654), _district(60001, 9000)), None,
     "no candidates for riding 60001 listed in table 11"),
]


@pytest.mark.parametrize(("name", "body", "districts", "line", "problem"), T12_CASES, ids=[c[0] for c in T12_CASES])
def test_table12_messages(tmp_path: Path, name: str, body: str, districts: dict[RidingCode, DistrictRow] | None,
                          line: int | None, problem: str) -> None:
    p = tmp_path / f"{name}.csv"
    p.write_text(T12 + body, encoding="utf-8")
    assert _problem(lambda q: read_table12(q, districts), p) == (line, problem)


def test_table12_attaches_table11(tmp_path: Path) -> None:
    p = tmp_path / "ok.csv"
    p.write_text(T12 + IDLOUT + MACKENZIE + YUKON, encoding="utf-8")
    t = read_table12(p, _table11(_district(62001, 5654, "Idlout, Lori NDP"), _district(60001, 9000)))
    assert [r.code for r in t.ridings] == [60001, 62001]
    assert t.lines == {62001: 2, 60001: 4}
    r = t.results[RidingCode(62001)]
    assert (r.rejected, r.total_ballots, r.electors, r.polling_stations, r.population) == (1, 5655, 90, 5, 100)
    assert (r.winner.name, r.margin) == ("Lori Idlout", 1200)
    alone = read_table12(p).results[RidingCode(62001)]
    assert (alone.rejected, alone.electors) == (None, None)


# -- the 2021 transposition ---------------------------------------------------------------------

def _riding(**over: object) -> dict[str, object]:
    obj: dict[str, object] = {
        "ridingCode": 62001, "ridingName_EN": "Nunavut", "ridingName_FR": "Nunavut",
        "voteDistribution": [{"partyCode": "ndp", "votes": 30}, {"partyCode": "LPC", "votes": 20},
                             {"partyCode": "GPC", "votes": 0}],
        "validVotes": 50, "rejectedVotes": 1, "totalVotes": 51, "registeredVoters": 90}
    obj.update(over)
    return obj


TR_CASES: list[tuple[str, object, int | None, str]] = [
    ("not_a_list", {"a": 1}, 1, "expected a JSON list of ridings"),
    ("missing", [_riding(), {"ridingCode": 60001}], None, "riding entry 2: missing or bad field 'ridingName_EN'"),
    ("bad_count", [_riding(validVotes="many")], None,
     "riding entry 1: missing or bad field invalid literal for int() with base 10: 'many'"),
    ("province", [_riding(ridingCode=99001)], None, "riding entry 1: riding code 99001 belongs to no province"),
    ("twice", [_riding(), _riding()], None, "riding 62001 listed twice"),
    ("party", [_riding(voteDistribution=[{"partyCode": "XYZ", "votes": 5}])], None,
     "riding 62001: unknown party code 'XYZ'"),
    ("votes", [_riding(voteDistribution=[{"partyCode": "NDP", "votes": -5}])], None,
     "riding 62001: NDP votes -5 are not a count"),
    ("float_votes", [_riding(voteDistribution=[{"partyCode": "NDP", "votes": 5.0}])], None,
     "riding 62001: NDP votes 5.0 are not a count"),
    ("sum", [_riding(validVotes=49, totalVotes=50)], None, "riding 62001: party votes add up to 50, not validVotes 49"),
    ("total", [_riding(totalVotes=52)], None, "riding 62001: valid + rejected is not totalVotes"),
]


@pytest.mark.parametrize(("name", "data", "line", "problem"), TR_CASES, ids=[c[0] for c in TR_CASES])
def test_transposition_messages(tmp_path: Path, name: str, data: object, line: int | None, problem: str) -> None:
    p = tmp_path / f"{name}.json"
    p.write_text(json.dumps(data), encoding="utf-8")
    assert _problem(read_transposed_json, p) == (line, problem)


def test_transposition_bad_json_and_a_good_file(tmp_path: Path) -> None:
    p = tmp_path / "t.json"
    p.write_text("[\n{,", encoding="utf-8")
    assert _problem(read_transposed_json, p) == (2, "not valid JSON (Expecting property name enclosed in double quotes)")
    p.write_text(json.dumps([_riding(), _riding(ridingCode=60001, ridingName_EN="Yukon", ridingName_FR="Yukon")]),
                 encoding="utf-8")
    t = read_transposed_json(p)
    assert [r.code for r in t.ridings] == [60001, 62001]
    assert list(t.results) == [60001, 62001]
    r = t.results[RidingCode(62001)]
    assert [(c.party.value, c.votes) for c in r.candidates] == [("NDP", 30), ("LPC", 20)]
    assert (r.rejected, r.total_ballots, r.electors) == (1, 51, 90)


# -- the national history table -------------------------------------------------------------------

HIST = "election_date,year,party,votes,share_pct,seats,valid_votes_total,seats_total,source,note\n"
CPC = "2008-10-14,2008,CPC,60,60.0,2,100,3,Elections Canada x,\n"
LPC = "2008-10-14,2008,LPC,40,40.0,1,100,3,Elections Canada x,\n"

HIST_CASES: list[tuple[str, str, int | None, str]] = [
    ("empty", "", 1, "empty file"),
    ("short", HIST + "2008-10-14,2008,CPC\n", 2, "3 fields where the header has 10"),
    ("year", HIST + CPC.replace(",2008,", ",20o8,"), 2, "year '20o8' is not a whole number"),
    ("date", HIST + CPC.replace("2008-10-14", "2008-10-41"), 2, "election date '2008-10-41' is not a date"),
    ("date_year", HIST + CPC.replace("2008-10-14", "2009-10-14"), 2, "election date 2009-10-14 is not in 2008"),
    ("party", HIST + CPC.replace(",CPC,", ",PC,"), 2, "party 'PC' is not one of LPC, CPC, NDP, BQ, GPC, OTH"),
    ("twice", HIST + CPC + LPC + CPC, 4, "CPC in 2008 listed twice"),
    ("share", HIST + CPC.replace("60.0", "sixty"), 2, "share 'sixty' is not a number"),
    ("no_valid", HIST + CPC.replace(",100,", ",0,"), 2, "CPC 2008: share 60.0 % is not 60 of 0 valid votes"),
    ("seats", HIST + CPC.replace(",2,100", ",two,100"), 2, "seats 'two' is not a whole number"),
    ("no_rows", HIST + "\n", None, "no result rows"),
    ("disagree", HIST + CPC + LPC.replace(",3,", ",4,"), 2,
     "2008: the rows disagree on the date, the valid votes or the House size"),
    ("votes", HIST + CPC + LPC.replace("40,40.0", "39,39.0"), 2, "2008: party votes add up to 99, not 100"),
    ("seats_sum", HIST + CPC + LPC.replace(",1,100", ",0,100"), 2, "2008: seats add up to 2, not 3"),
]


@pytest.mark.parametrize(("name", "text", "line", "problem"), HIST_CASES, ids=[c[0] for c in HIST_CASES])
def test_national_history_messages(tmp_path: Path, name: str, text: str, line: int | None, problem: str) -> None:
    p = tmp_path / f"{name}.csv"
    p.write_text(text, encoding="utf-8")
    assert _problem(read_national_results, p) == (line, problem)


def test_national_history_reads_rows_in_order(tmp_path: Path) -> None:
    p = tmp_path / "h.csv"
    p.write_text(HIST + CPC + LPC.replace("Elections Canada x", "  Library   of Parliament "), encoding="utf-8")
    rows = read_national_results(p)
    assert [(t.party.value, t.votes, t.seats, t.valid_votes, t.seats_total, t.source) for t in rows] == [
        ("CPC", 60, 2, 100, 3, "Elections Canada x"), ("LPC", 40, 1, 100, 3, "Library of Parliament")]


# -- the House ledger ---------------------------------------------------------------------------

LEDGER_CASES: list[tuple[str, int, str]] = [
    ("", 1, "empty file (expected a header line)"),
    ("date,riding_code\n", 1, "no column kind, from_party, to_party, member, verified (the header must name "
     "date,riding_code,riding_name,kind,from_party,to_party,member,source_url,verified,note)"),
    ("date,riding_code,kind,from_party,to_party,member,verified\n2025-11-04,12OO1,floor-crossing,CPC,LPC,X,yes\n",
     2, "riding_code '12OO1' is not a riding number"),
    ("date,riding_code,kind,from_party,to_party,member,verified\n2025-11-04,12001,floor-crossing,CPC,LPC,X,yes,\n",
     2, "8 fields where the header has 7"),
    ("date,riding_code,kind,from_party,to_party,member,verified\n2025-11-04,12001,floor-crossing,XX,LPC,X,yes\n",
     2, "from_party 'XX' is not a party code (" + ", ".join(p.value for p in seatcast.Party) + ")"),
]


@pytest.mark.parametrize(("text", "line", "problem"), LEDGER_CASES)
def test_ledger_messages(text: str, line: int, problem: str) -> None:
    with pytest.raises(InputFileError) as err:
        parse_events(text, "mine.csv", seatcast.load("2025").map)
    assert (err.value.path, err.value.line, err.value.problem) == ("mine.csv", line, problem)


def test_ledger_without_optional_columns() -> None:
    text = "date,riding_code,kind,from_party,to_party,member,verified\n\n2025-11-04,12001,floor-crossing,cpc,LPC,X,Y\n"
    events, lines = parse_events(text, "mine.csv", seatcast.load("2025").map)
    assert lines == (3,)
    e = events[0]
    assert (e.riding, e.from_party, e.to_party, e.verified, e.source, e.note) == (
        12001, seatcast.Party.CPC, seatcast.Party.LPC, True, "", "")
