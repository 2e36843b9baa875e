"""End-to-end tests of `seatcast results` and `seatcast riding`."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from seatcast.cli import main


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert main([*args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_results_2025_json(capsys: pytest.CaptureFixture[str]) -> None:
    out = run_json(capsys, "results", "2025")
    assert out["election"]["id"] == "2025"
    assert out["election"]["number"] == 45
    assert (out["seats_total"], out["majority"]) == (343, 172)
    seats = {p["party"]: p["seats"] for p in out["parties"] if p["seats"]}
    assert seats == {"LPC": 169, "CPC": 144, "BQ": 22, "NDP": 7, "GPC": 1}
    lpc = next(p for p in out["parties"] if p["party"] == "LPC")
    assert round(100 * lpc["share"], 2) == 43.76
    assert lpc["votes"] == 8_595_488
    assert lpc["seats_change"] == 169 - 157
    assert out["government"] == {
        "party": "LPC", "status": "minority", "seats": 169, "majority": 172, "short_by": 3, "spare": 0,
        "tied_for_first": [],
    }
    assert [c["riding"] for c in out["closest"][:4]] == [24073, 35118, 10007, 35060]
    assert out["closest"][0]["margin"] == 1
    assert len(out["closest"]) == 10
    assert out["compared_with"]["id"] == "2021t"
    assert out["comparison"] == "same map"
    flips = {f["riding"]: (f["before"], f["after"]) for f in out["flips"]}
    assert flips[24073] == ("BQ", "LPC")
    assert sum(p["share"] for p in out["parties"]) == pytest.approx(1.0)


def test_results_2021_turnout_and_flips(capsys: pytest.CaptureFixture[str]) -> None:
    out = run_json(capsys, "results", "2021")
    assert round(100 * out["turnout"], 2) == 62.56
    assert round(100 * out["previous_turnout"], 2) == 67.04
    assert out["government"]["short_by"] == 10
    # Flips add up: each party's seat change is its gains minus its losses.
    for p in out["parties"]:
        gains = sum(1 for f in out["flips"] if f["after"] == p["party"])
        losses = sum(1 for f in out["flips"] if f["before"] == p["party"])
        assert p["seats_change"] == gains - losses


def test_results_province(capsys: pytest.CaptureFixture[str]) -> None:
    out = run_json(capsys, "results", "2025", "--province", "QC")
    assert out["scope"] == "QC"
    assert out["seats_total"] == 78
    seats = {p["party"]: p["seats"] for p in out["parties"] if p["seats"]}
    assert sum(seats.values()) == 78
    assert seats["BQ"] == 22
    assert out["government"]["party"] == "LPC"  # the House's government, not Quebec's
    assert out["government_is_national"] is True


def test_results_human_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["results", "2025"]) == 0
    out = capsys.readouterr().out
    assert "Liberal minority (169 seats, 3 short of 172)" in out
    assert "8,595,488" in out
    assert "Terrebonne" in out


@pytest.mark.parametrize("query", ["terrebonne", "TERREBONNE", "24073"])
def test_riding_lookup(capsys: pytest.CaptureFixture[str], query: str) -> None:
    out = run_json(capsys, "riding", query)
    assert out["code"] == 24073
    assert [s["stage"] for s in out["stages"]] == ["preliminary", "validated", "judicially certified"]
    assert [s["leader"]["party"] for s in out["stages"]] == ["LPC", "BQ", "LPC"]
    assert out["margin"] == 1
    assert out["winner_changed_between_stages"]
    assert [(c["before_party"], c["after_party"]) for c in out["leader_changes"]] == [("LPC", "BQ"), ("BQ", "LPC")]


@pytest.mark.parametrize("query", ["Terra Nova", "terra nova - the peninsulas", "Terra Nova—The Peninsulas"])
def test_riding_names_match_without_dash_style(capsys: pytest.CaptureFixture[str], query: str) -> None:
    out = run_json(capsys, "riding", query)
    assert out["code"] == 10007
    assert out["winner"]["party"] == "CPC"
    assert out["margin"] == 12


def test_riding_accents_ignored(capsys: pytest.CaptureFixture[str]) -> None:
    out = run_json(capsys, "riding", "montmorency charlevoix")
    assert out["code"] == 24051
    out = run_json(capsys, "riding", "Trois-Rivieres")
    assert out["name"] == "Trois-Rivières"


def test_riding_other_election(capsys: pytest.CaptureFixture[str]) -> None:
    out = run_json(capsys, "riding", "Avalon", "--election", "2021")
    assert out["code"] == 10001
    assert out["stage"] == "official"
    assert out["stages"][0]["candidates"][0]["incumbent"] is True


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["riding", "Atlantis"], "no riding matches 'Atlantis'"),
        (["riding", "Toronto"], "is ambiguous"),
        (["results", "1999"], "unknown election '1999'"),
        (["results", "2025", "--province", "ZZ"], "unknown province 'ZZ'"),
        (["results", "2021", "--compare", "2025"], "--compare 2025: it is later than 2021"),
        (["results", "2025", "--election", "2021"], "the election is given twice"),
    ],
)
def test_user_errors_are_one_line(capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    assert main(args) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert message in captured.err
    assert captured.err.count("\n") == 1
    assert captured.err.startswith("seatcast: error:")


def test_console_script_runs_from_a_subprocess() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", "from seatcast.cli import run; run()", "results", "2025", "--json"],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["government"]["status"] == "minority"


def test_python_api_three_lines() -> None:
    import seatcast

    e = seatcast.load("2025")
    assert e.seats()[seatcast.Party.LPC] == 169


def test_a_file_without_a_date_shows_none(capsys: pytest.CaptureFixture[str]) -> None:
    """A user's table-12 file says no date: no '0001-01-01' placeholder in text or JSON."""
    import dataclasses

    from seatcast.catalog import Catalog
    from seatcast.cli.results import print_election
    from seatcast.domain.elections import ElectionId
    from seatcast.views.election import ElectionRequest, election_view

    cat = Catalog.builtin()
    e = cat.election("2021")
    undated = dataclasses.replace(e, record=dataclasses.replace(e.record, id=ElectionId("file"), date=None))
    v = election_view(cat, ElectionRequest("2021"), undated)
    assert v.election.date is None
    print_election(v)
    assert "0001" not in capsys.readouterr().out


def test_compare_with_another_map_is_totals_only(capsys: pytest.CaptureFixture[str]) -> None:
    """2025 against 2021 as elected (the comparison coverage quotes): totals, no flips, said so."""
    out = run_json(capsys, "results", "2025", "--compare", "2021")
    assert out["comparison"] == "totals only"
    assert out["flips"] == []
    lpc = next(p for p in out["parties"] if p["party"] == "LPC")
    assert lpc["seats_change"] == 169 - 160
    assert main(["results", "2025", "--compare", "2021"]) == 0
    assert "another map: changes are in party totals only" in capsys.readouterr().out
