"""Every page and its JSON twin, in process: same numbers, no external resources."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

import seatcast
from seatcast.results.tally import summarize
from seatcast.serialize import to_jsonable
from seatcast.systems import get
from seatcast.systems.measures import measure
from tests.web.conftest import fields, no_external

PAGES = [
    "/", "/api", "/elections", "/house", "/house?as_of=2026-04-10&verified_only=true", "/elections/2025", "/elections/2021", "/elections/2019", "/elections/2021t",
    "/elections/2015", "/elections/2011", "/ridings/10001?election=2011", "/ridings/24052?election=2015",
    "/elections/2025?colour=margin&rows=12&order=left-right",
    "/ridings/24073", "/ridings/24073?election=2021", "/ridings/35001?election=2021t",
    "/whatif", "/whatif?election=2021&system=mmp&method=sainte-lague", "/whatif?system=stv",
    "/whatif?system=mmp&threshold=5%25&local_share=3/4&overhang=keep",
    "/forecast?sims=1000", "/forecast?election=2021&sims=500&as_of=2021-09-01",
    "/forecast?election=2025&sims=500", "/polls", "/polls?election=2025&as_of=2025-04-20",
    "/backtest?election=2025&sims=200", "/systems", "/coalitions", "/coalitions?from_forecast=true&sims=200",
    "/elections/2025?compare=2021", "/elections/2025?province=QC",
]


@pytest.mark.parametrize("path", PAGES)
def test_page_renders_offline_with_its_json_twin(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200, r.text[:300]
    assert r.headers["content-type"].startswith("text/html")
    no_external(r.text)
    twin = re.search(r'<link rel="alternate" type="application/json" href="([^"]+)"', r.text)
    assert twin is not None
    j = client.get(twin.group(1).replace("&amp;", "&"))
    assert j.status_code == 200 and j.headers["content-type"] == "application/json"
    assert j.json()


def test_house_page_2025_numbers_match_its_twin(client: TestClient) -> None:
    html = client.get("/elections/2025").text
    data = client.get("/elections/2025.json").json()
    shown = fields(html)
    seats = {p["party"]: p["seats"] for p in data["parties"] if p["seats"]}
    assert seats == {"LPC": 169, "CPC": 144, "BQ": 22, "NDP": 7, "GPC": 1}
    for p in data["parties"]:
        assert shown[(p["party"], "seats")] == str(p["seats"])
        assert shown[(p["party"], "votes")] == f"{p['votes']:,}"
        assert shown[(p["party"], "share")] == f"{100 * p['share']:.1f} %"
    assert shown[("", "valid_votes")] == f"{data['valid_votes']:,}" == "19,641,663"
    assert data["majority"] == 172 and data["seats_total"] == 343
    assert data["government"] == {"party": "LPC", "status": "minority", "seats": 169,
                                  "majority": 172, "short_by": 3, "spare": 0, "tied_for_first": []}
    assert data["election"] == {"id": "2025", "number": 45, "name": "45th general election",
                                "date": "2025-04-28", "map": "2023", "transposition_of": None}
    assert 'data-majority="172"' in html and "majority 172" in html
    assert len(data["ridings"]) == 343
    assert html.count('class="hex"') == 2 * 343  # the map for desktop and for phone
    qc = {s["party"]: s["change"] for r in data["swing"] if r["region"] == "QC" for s in r["parties"]}
    assert qc["LPC"] > 0 > qc["BQ"]
    assert {f["riding"]: f["after"] for f in data["flips"]}[24073] == "LPC"


def test_the_same_view_serves_both(client: TestClient) -> None:
    """The twin holds exactly what the core says (no second computation to drift)."""
    e = seatcast.load("2021")
    data = client.get("/elections/2021.json").json()
    assert {p["party"]: p["votes"] for p in data["parties"]} == {
        p.value: v for p, v in e.votes().items() if v}
    assert data["majority"] == 170 and data["seats_total"] == 338
    s = to_jsonable(summarize(e, seatcast.load(e.previous) if e.previous else None))
    for key in ("government", "closest", "flips"):
        assert data[key] == s[key], key
    assert [{k: p[k] for k in ("party", "seats", "votes", "share")} for p in data["parties"]] == [
        {k: p[k] for k in ("party", "seats", "votes", "share")} for p in s["parties"]]
    assert "hexmap_svg" not in data["links"]  # the hex layout is for the 2023 map only
    html = client.get("/elections/2021").text
    assert 'data-majority="170"' in html and 'class="hex"' not in html


def test_riding_page_matches_its_twin(client: TestClient) -> None:
    html = client.get("/ridings/24073").text
    data = client.get("/ridings/24073.json").json()
    assert data["election"]["id"] == "2025" and data["name"] == "Terrebonne"
    assert data["winner"]["party"] == "LPC" and data["margin"] == 1
    assert [s["stage"] for s in data["stages"]] == ["preliminary", "validated",
                                                    "judicially certified"]
    shown = fields(html)
    for c in data["candidates"]:
        assert shown[(c["party"], "votes")] == f"{c['votes']:,}"
    assert shown[("", "margin")] == "1"
    assert sum(c["votes"] for c in data["candidates"]) == data["valid_votes"]
    assert data["previous"]["election"]["id"] == "2021t" and data["previous"]["winner"] == "BQ"
    assert 'class="highlight"' in html  # the riding is marked on the map
    old = client.get("/ridings/24073.json", params={"election": "2021"}).json()
    assert old["election"]["id"] == "2021"
    assert old["elections"] == ["2025", "2021", "2021t", "2019", "2015", "2011"]
    # every candidate at every count stage, and where the leader changed
    assert "The leader changed from the preliminary to the validated count" in html
    assert html.count("<td>23,352</td>") == 1 and html.count("<td>23,340</td>") == 1


def test_find_a_riding_by_name(client: TestClient) -> None:
    r = client.get("/ridings/find", params={"q": "terrebonne"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/ridings/24073?election=2025"
    # an ambiguous name is a page of links, not a dead end
    r = client.get("/ridings/find", params={"q": "kitchener"})
    assert r.status_code == 200 and r.text.count('href="/ridings/35') >= 3


def test_whatif_page(client: TestClient) -> None:
    data = client.get("/whatif.json", params={"system": "pr-national"}).json()
    seats = {p["party"]: p["seats"] for p in data["parties"] if p["seats"]}
    assert seats == {"LPC": 152, "CPC": 143, "BQ": 21, "NDP": 21, "GPC": 4, "PPC": 2}
    assert {p["party"]: p["fptp_seats"] for p in data["parties"]}["LPC"] == 169
    assert data["fptp_measures"]["gallagher"] == pytest.approx(5.0, abs=0.1)
    # the twin holds the systems package's own values (the CLI prints the same objects)
    e = seatcast.load("2025")
    assert data["measures"] == to_jsonable(measure(get("pr-national").run(e)))
    assert data["fptp_measures"] == to_jsonable(measure(get("fptp").run(e)))
    # options the CLI takes are taken here too
    five = client.get("/whatif.json", params={"system": "pr-national", "threshold": "5%"}).json()
    assert {p["party"]: p["seats"] for p in five["parties"] if p["seats"]} == {
        "LPC": 154, "CPC": 145, "BQ": 22, "NDP": 22}
    html = client.get("/whatif", params={"system": "pr-national"}).text
    shown = fields(html)
    for p in data["parties"]:
        assert shown[(p["party"], "seats")] == str(p["seats"])
    fptp = client.get("/whatif.json", params={"system": "fptp"}).json()
    labels = {"+".join(c["parties"]): (c["seats"], c["connected"]) for c in fptp["coalitions"]["minimal_winning"]}
    assert labels["LPC+NDP"] == (176, False) and labels["LPC+BQ"] == (191, True)


def test_forecast_page_matches_its_twin(client: TestClient) -> None:
    q = {"election": "2025", "sims": 1000, "seed": 5}
    data = client.get("/forecast.json", params=q).json()
    assert (data["sims"], data["seed"], data["majority"], data["seats_total"]) == (1000, 5, 172, 343)
    assert sum(p["seats_mean"] for p in data["parties"]) == pytest.approx(343)
    assert len(data["ridings"]) == 343 and sum(data["labels"].values()) == 343
    assert {p["party"]: p["actual_seats"] for p in data["parties"] if p["actual_seats"]} == {
        "LPC": 169, "CPC": 144, "BQ": 22, "NDP": 7, "GPC": 1}
    for r in data["ridings"]:
        chances = [x["chance"] for x in r["parties"]]
        assert r["chance"] == max(chances) and sum(chances) == pytest.approx(1.0, abs=1e-6)
    html = client.get("/forecast", params=q).text
    shown = fields(html)
    for p in data["parties"]:
        assert shown[(p["party"], "seats_mean")] == f"{p['seats_mean']:.1f}"
        assert shown[(p["party"], "p_majority")] == f"{100 * p['p_majority']:.1f} %"
    assert html.count('class="hex"') == 2 * 343 and 'class="poll-average' in html
    assert 'class="seat-histogram wide"' in html and 'data-majority="172"' in html
    again = client.get("/forecast.json", params=q).json()
    other = client.get("/forecast.json", params={**q, "seed": 6}).json()
    assert again == data and other["parties"] != data["parties"]


@pytest.mark.parametrize(("path", "status"), [
    ("/elections/1999", 404), ("/elections/1999.json", 404), ("/ridings/99999", 404),
    ("/ridings/99999.json", 404), ("/ridings/35122?election=2019", 404),
    ("/elections/2025?rows=2", 400), ("/elections/2025.json?colour=x", 200),
    ("/elections/2025?colour=rainbow", 422), ("/whatif?system=nope", 400),
    ("/elections/2021/hexmap.svg", 404), ("/ridings/find?q=zzzz", 404),
    ("/forecast?election=2015", 400), ("/forecast.json?as_of=soon", 400),
    ("/forecast.json?election=2025&as_of=2025-12-02", 400), ("/whatif.json?grouping=mine.csv", 400),
    ("/forecast?sims=10", 422), ("/forecast.json?sims=10000000", 422),
])
def test_errors_are_pages_not_tracebacks(client: TestClient, path: str, status: int) -> None:
    r = client.get(path)
    assert r.status_code == status
    if status != 200:
        if ".json" in path:
            assert set(r.json()) == {"detail"}
        else:
            assert 'role="alert"' in r.text and "Traceback" not in r.text


def test_a_bug_is_a_server_error_not_the_users(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only Seatcast's own user-facing errors become 400s: a ValueError from a bug is a 500,
    not a message that blames the query string."""
    from seatcast.web import app as app_module
    from seatcast.web import results_routes

    def broken(*_: object) -> object:
        raise ValueError("internal slip")

    monkeypatch.setattr(results_routes, "elections_view", broken)
    r = TestClient(app_module.create_app(), raise_server_exceptions=False).get("/elections.json")
    assert r.status_code == 500
    assert "internal slip" not in r.text


def test_svg_embeds_and_report(client: TestClient) -> None:
    r = client.get("/elections/2025/hemicycle.svg", params={"rows": 12, "order": "left-right"})
    assert r.headers["content-type"].startswith("image/svg+xml")
    assert r.text.startswith("<svg") and 'data-majority="172"' in r.text
    r = client.get("/elections/2025/hexmap.svg", params={"colour": "margin"})
    assert r.text.count('class="hex"') == 343
    r = client.get("/elections/2025/report.html")
    no_external(r.text)
    assert "<style>" in r.text and 'href="/static' not in r.text


def test_openapi_documents_the_json_twins(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for p in ("/elections/{election_id}.json", "/ridings/{code}.json", "/whatif.json", "/forecast.json",
              "/elections/{election_id}/hemicycle.svg"):
        assert p in paths
    schema = paths["/elections/{election_id}.json"]["get"]["responses"]["200"]["content"]
    ref = schema["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    assert {"seats_total", "majority", "parties", "ridings"} <= set(
        spec["components"]["schemas"][ref]["properties"])


def test_no_cdn_backed_docs(client: TestClient) -> None:
    """FastAPI's Swagger/ReDoc pages fetch from a CDN; they are off, /api replaces them."""
    assert client.get("/docs").status_code == 404 and client.get("/redoc").status_code == 404
    html = client.get("/api").text
    assert "/elections/{election_id}.json" in html and "/forecast.json" in html


def test_static_files_are_served_locally(client: TestClient) -> None:
    r = client.get("/static/style.css")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/css")
    no_external(r.text)


def test_fact_check_page(client: TestClient) -> None:
    assert 'name="article"' in client.get("/check").text
    r = client.post("/check", content="article=The+Liberals+won+169+seats+in+2025.&as_of=2025-05-01",
                    headers={"content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 200 and 'data-verdict="correct"' in r.text
    no_external(r.text)
    assert client.post("/check.json", content=b"").status_code == 400


def test_names_as_a_reader_sees_them(client: TestClient) -> None:
    """Official names with their em dashes; one name per party; a 1-vote margin is not 0.00 %."""
    html = client.get("/ridings/10007").text
    assert "Terra Nova—The Peninsulas" in html and "Terra Nova--The Peninsulas" not in html
    html = client.get("/ridings/24073").text
    assert "NDP-New Democratic Party" not in html and "New Democratic Party" in html
    assert "0.002 % of valid votes" in html
