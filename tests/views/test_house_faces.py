"""`seatcast house`, ``/house`` and their twin, the home page, the riding page's by-elections
and the report's opening: golden figures, and the CLI's JSON equal to the web twin's."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from seatcast.catalog import Catalog
from seatcast.cli import main
from seatcast.views.election import ElectionRequest
from seatcast.views.report import report_html
from seatcast.web.app import create_app
from tests.support.web import fields, no_external


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app())


def cli_json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> dict[str, Any]:
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def parties(d: dict[str, Any]) -> dict[str, int]:
    return {p["party"]: p["seats"] for p in d["parties"] if p["seats"]}


def test_house_2025_12_31(capsys: pytest.CaptureFixture[str]) -> None:
    d = cli_json(capsys, ["house", "--as-of", "2025-12-31", "--json"])
    assert parties(d) == {"LPC": 171, "CPC": 142, "BQ": 22, "NDP": 7, "GPC": 1}
    assert (d["as_of"], d["seats_total"], d["majority"], d["vacant"], d["sitting"]) == (
        "2025-12-31", 343, 172, [], 343)
    assert d["government"] == {"party": "LPC", "name": "Liberal", "status": "minority", "seats": 171,
                               "majority": 172, "short_by": 1, "spare": 0, "tied_for_first": []}
    assert [(e["date"], e["riding"], e["kind"]) for e in d["events"]] == [
        ("2025-06-17", 48002, "resignation"), ("2025-08-18", 48002, "by-election"),
        ("2025-11-04", 12001, "floor-crossing"), ("2025-12-11", 35058, "floor-crossing")]
    assert all(e["verified"] and e["source"].startswith("https://") for e in d["events"])
    assert d["election"]["id"] == "2025"
    assert d["left_out"] == []


def test_house_2026_04_10(capsys: pytest.CaptureFixture[str]) -> None:
    d = cli_json(capsys, ["house", "--as-of", "2026-04-10", "--json"])
    assert parties(d) == {"LPC": 171, "CPC": 140, "BQ": 22, "NDP": 6, "GPC": 1}
    assert [(v["riding"], v["name"], v["since"], v["kind"]) for v in d["vacant"]] == [
        (24073, "Terrebonne", "2026-02-13", "annulment"),
        (35096, "Scarborough Southwest", "2026-02-02", "resignation"),
        (35112, "University--Rosedale", "2026-01-09", "resignation")]
    g = d["government"]
    assert (g["party"], g["status"], g["short_by"], g["spare"]) == ("LPC", "minority", 1, 0)
    assert len(d["events"]) == 10
    assert d["sitting"] == 340


def test_house_2026_04_20_verified_only(capsys: pytest.CaptureFixture[str]) -> None:
    """After the April 13 by-elections the news reported a Liberal majority; the Terrebonne
    result (unverified) is left out and listed as such."""
    d = cli_json(capsys, ["house", "--as-of", "2026-04-20", "--verified-only", "--json"])
    assert parties(d) == {"LPC": 173, "CPC": 140, "BQ": 22, "NDP": 6, "GPC": 1}
    g = d["government"]
    assert (g["party"], g["status"], g["seats"], g["short_by"], g["spare"]) == ("LPC", "majority", 173, 0, 1)
    assert [v["riding"] for v in d["vacant"]] == [24073]
    assert [(e["riding"], e["kind"], e["verified"]) for e in d["left_out"]] == [(24073, "by-election", False)]
    assert d["verified_only"] is True
    assert all(e["verified"] for e in d["events"])
    full = cli_json(capsys, ["house", "--as-of", "2026-04-20", "--json"])
    assert parties(full)["LPC"] == 174
    assert full["vacant"] == []
    assert [e["verified"] for e in full["events"]].count(False) == 1


def test_house_text_and_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["house", "--as-of", "2026-04-10"]) == 0
    out = capsys.readouterr().out
    assert "Liberal minority: 171 seats, 1 short of the 172 needed" in out
    assert "Vacant: 24073 Terrebonne" in out
    for argv, message in [
        (["house", "--as-of", "2025-01-01"], "2025-01-01 is before the general election of 2025-04-28"),
        (["house", "--as-of", "soon"], "--as-of 'soon' is not a date"),
        (["house", "--election", "2021"], "no ledger of the House elected at 2021"),
        (["house", "--ledger", str(tmp_path / "none.csv")], "none.csv: no such file"),
    ]:
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert err.startswith("seatcast: error: ")
        assert message in err
        assert err.count("\n") == 1


def test_a_users_ledger(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    f = tmp_path / "mine.csv"
    f.write_text("date,riding_code,riding_name,kind,from_party,to_party,member,source_url,verified,note\n"
                 "2025-05-20,62001,Nunavut,sitting-as-independent,NDP,,Lori Idlout,,yes,\n"
                 "2025-05-21,62001,Nunavut,floor-crossing,IND,NDP,Lori Idlout,,no,back\n")
    d = cli_json(capsys, ["house", "--ledger", str(f), "--as-of", "2025-05-20", "--json"])
    assert parties(d)["NDP"] == 6
    assert parties(d)["IND"] == 1
    assert d["ledger"] == str(f)
    d = cli_json(capsys, ["house", "--ledger", str(f), "--as-of", "2025-06-01", "--json"])
    assert parties(d)["NDP"] == 7
    f.write_text(f.read_text().replace("IND,NDP", "BQ,NDP"))
    assert main(["house", "--ledger", str(f)]) == 2
    err = capsys.readouterr().err
    assert err == (f"seatcast: error: {f}:3: a floor crossing by BQ in riding 62001, whose seat is "
                   "held by IND\n")


@pytest.mark.parametrize(("as_of", "verified"), [("2025-12-31", False), ("2026-04-10", False),
                                                 ("2026-04-20", True)])
def test_the_twin_is_the_cli_json(client: TestClient, capsys: pytest.CaptureFixture[str], as_of: str,
                                  verified: bool) -> None:
    argv = ["house", "--as-of", as_of, "--json"] + (["--verified-only"] if verified else [])
    cli = cli_json(capsys, argv)
    q = {"as_of": as_of, **({"verified_only": "true"} if verified else {})}
    web = client.get("/house.json", params=q).json()
    links = web.pop("links")
    assert web == cli
    html = client.get(links["html"]).text
    no_external(html)
    shown = fields(html)
    for p in cli["parties"]:
        assert shown[(p["party"], "seats")] == str(p["seats"])
    assert shown[("vacant", "seats")] == str(len(cli["vacant"])) if cli["vacant"] else ("vacant", "seats") not in shown
    assert f'data-seats="{len(cli["vacant"])}"' in html if cli["vacant"] else 'class="pending"' not in html
    svg = client.get(links["hemicycle_svg"]).text
    assert svg.startswith("<svg")
    assert 'data-majority="172"' in svg


def test_vacant_seats_are_drawn_as_rings(client: TestClient) -> None:
    svg = client.get("/house/hemicycle.svg", params={"as_of": "2026-04-10"}).text
    assert '<g class="pending" data-seats="3"' in svg
    assert "Vacant: 3" in svg
    assert "vacant 3" in svg
    assert svg.count("<circle") == 343
    assert 'data-party="LPC" data-seats="171"' in svg


def test_home_opens_on_today(client: TestClient) -> None:
    d = client.get("/index.json").json()
    today = dt.date.today()
    assert d["today"] == today.isoformat()
    assert d["house"]["as_of"] == today.isoformat()
    house = client.get("/house.json", params={"as_of": d["today"]}).json()
    house.pop("links")
    assert d["house"] == house
    n = d["next_election"]
    forecast = client.get("/forecast.json").json()
    assert n["election"]["id"] == "ge46"
    assert n["no_later_than"] == "2029-10-15"
    assert "an earlier election is possible" in n["when_held"]
    assert (n["as_of"], n["latest_poll"], n["sims"], n["seed"]) == (
        forecast["as_of"], forecast["latest_poll"], forecast["sims"], forecast["seed"])
    assert {p["party"]: p["seats_mean"] for p in n["parties"]} == {
        p["party"]: p["seats_mean"] for p in forecast["parties"] if p["party"] in {x["party"] for x in n["parties"]}}
    elections = client.get("/elections.json").json()
    elections.pop("links")
    assert d["elections"] == elections["elections"]
    html = client.get("/").text
    no_external(html)
    assert 'id="house"' in html
    assert 'id="next-election"' in html
    assert 'id="elections"' in html
    assert html.index('id="house"') < html.index('id="next-election"') < html.index('id="elections"')
    assert "no later than 2029-10-15" in html
    assert "an earlier election is possible" in html


def test_elections_json_is_the_cli(client: TestClient, capsys: pytest.CaptureFixture[str]) -> None:
    cli = cli_json(capsys, ["elections", "--json"])
    web = client.get("/elections.json").json()
    web.pop("links")
    assert web == cli


def test_a_by_election_is_a_result(client: TestClient, capsys: pytest.CaptureFixture[str]) -> None:
    d = cli_json(capsys, ["riding", "48002", "--json"])
    assert d["winner"]["name"] == "Damien Kurek"
    assert d["election"]["id"] == "2025"
    (b,) = d["since"]["by_elections"]
    assert (b["date"], b["member"], b["party"], b["verified"], b["valid_votes"]) == (
        "2025-08-18", "Pierre Poilievre", "CPC", True, 51085)
    assert [(v["party"], v["votes"]) for v in b["votes"]][:3] == [("CPC", 41308), ("OTH", 6367), ("LPC", 2095)]
    assert "Library of Parliament" in b["votes_source"]
    assert d["since"]["holder"] == {"party": "CPC", "member": "Pierre Poilievre", "since": "2025-08-18",
                                    "how": "by-election", "vacant": False}
    web = client.get("/ridings/48002.json").json()
    web.pop("links")
    assert web == d
    html = client.get("/ridings/48002").text
    assert html.index("Damien Kurek") < html.index("By-election of 2025-08-18")
    assert "41,308" in html
    t = cli_json(capsys, ["riding", "terrebonne", "--json"])["since"]
    assert [(b["member"], b["verified"], b["votes"]) for b in t["by_elections"]] == [("Tatiana Auguste", False, [])]
    assert main(["riding", "48002"]) == 0
    out = capsys.readouterr().out
    assert out.index("Damien Kurek") < out.index("By-election of 2025-08-18")
    assert cli_json(capsys, ["riding", "24073", "--election", "2021", "--json"])["since"] is None


def test_the_report_opens_on_today() -> None:
    cat = Catalog.builtin()
    html = report_html(cat, ElectionRequest("2025"), generated=dt.date(2026, 4, 10))
    no_external(html)
    assert html.index("The House of Commons on 2026-04-10") < html.index("<h1>45th general election</h1>")
    assert "Liberal minority: 171 seats, 1 short of the 172 needed" in html
    assert "3 vacant" in html
    assert "The House of Commons on" not in report_html(cat, ElectionRequest("2021"))


def test_the_report_names_the_next_election(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    assert main(["report", "--out", str(out)]) == 0
    html = out.read_text()
    assert html.index("The House of Commons on") < html.index("The next election: 46th general election") \
        < html.index("<h1>45th general election</h1>")
    assert "To be held no later than 2029-10-15, the fixed date in law; an earlier election is possible" in html
