"""The election-night page against a real store, fed through the web API itself."""

from __future__ import annotations

import json
from html import unescape
from pathlib import Path

import msgspec
import pytest
from fastapi.testclient import TestClient

from seatcast.live.feed import FeedCandidate, iter_lines
from seatcast.serialize import to_jsonable
from seatcast.web.app import create_app
from tests.support.live import e2025, official
from tests.support.web import fields, no_external

N = 200  # the first 200 records of the official 2025 replay: 200 ridings' preliminary counts
TOKEN = "test-token-0123456789abcdef"
AUTH = {"authorization": f"Bearer {TOKEN}"}


def body_of(updates: list) -> str:
    return "\n".join(iter_lines(updates)) + "\n"


def night_client(store: Path) -> TestClient:
    return TestClient(create_app(store=store, ingest_token=TOKEN), headers=AUTH)


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> tuple[TestClient, Path, str]:
    """A server whose store took the first N records through POST /live/updates."""
    store = tmp_path_factory.mktemp("live") / "night.sqlite"
    client = night_client(store)
    body = body_of(official(e2025())[:N])
    r = client.post("/live/updates", params={"election": "2025"}, content=body,
                    headers={"content-type": "application/x-ndjson"})
    assert r.status_code == 200, r.text
    return client, store, body


def test_before_the_first_records_there_is_no_night_yet(tmp_path: Path) -> None:
    store = tmp_path / "night.sqlite"
    client = night_client(store)
    r = client.get("/live.json")
    assert r.status_code == 404
    assert "does not exist yet" in r.json()["detail"]
    assert not store.exists()


def test_live_page_after_the_first_records(live: tuple[TestClient, Path, str]) -> None:
    client, _, _ = live
    status = client.get("/live.json").json()
    assert status["election"] == "2025"
    assert status["ridings_reporting"] == N
    assert sum(status["seats"].values()) == N
    assert status["wrong_calls"] == 0
    assert status["retractions"] == 0
    html = client.get("/live").text
    no_external(html)
    assert '<meta http-equiv="refresh"' in html
    shown = fields(html)
    for p in status["projection"]:
        party = p["party"]
        assert shown[(party, "seats")] == str(status["seats"].get(party, 0))
        assert shown[(party, "called_seats")] == str(status["called_seats"].get(party, 0))
        assert shown[(party, "expected")] == f"{p['expected']:.1f}"
        assert shown[(party, "range")] == f"{p['low']}–{p['high']}"
    assert shown[("", "ridings_reporting")] == str(N)
    assert shown[("", "called")] == str(len(status["called"]))
    assert f'data-seats="{343 - N}"' in html  # the seats not yet reporting, drawn as rings
    assert html.count('class="hex"') == 2 * 343
    assert 'data-category="not reporting"' in html


def test_the_page_leads_with_the_projection_and_marks_calls(
        live: tuple[TestClient, Path, str]) -> None:
    """Issue 16: the projection first (expected seats, a 90 % range, the chance of a
    majority), calls beside it, each marked as a call or a projection; riding names, times
    in Eastern time (and local where it differs), polls reporting as a percentage; one
    sentence saying what a call means."""
    client, _, _ = live
    v = client.get("/live.json").json()
    html = client.get("/live").text
    assert html.index('id="projection-heading"') < html.index('id="calls-heading"') \
        < html.index('class="hemicycle')
    assert v["call_meaning"] in unescape(html)
    assert v["call_meaning"].startswith("A call means")
    assert "Chance that a party wins a majority" in html
    assert v["government"]["mark"] == "projection"
    assert v["government"]["party"] == "LPC"
    marks = {c["mark"] for c in v["calls"]} | {c["mark"] for c in v["closest"]}
    assert marks == {"call", "projection"}
    assert html.count('data-mark="call"') >= len(v["calls"][:20])
    assert 'data-mark="projection"' in html
    first = v["calls"][0]
    assert first["name"] in html
    assert f">{first['name']}</a>" in html
    assert first["time"]["eastern"].endswith("-04:00")
    # Newfoundland keeps its own time: 30 minutes ahead of Atlantic, 90 of Eastern; Labrador
    # keeps Atlantic time
    nl = {c["riding"]: c["time"]["local"][-6:] for c in v["calls"] if c["province"] == "NL"}
    assert nl[10001] == "-02:30"
    assert nl.get(10004, "-03:00") == "-03:00"
    assert "local)" in html
    assert " ET</time>" in html
    assert all(0 <= c["polls_reporting"] <= 1 for c in v["calls"])
    assert "100.0 %" in html  # the official replay's preliminary counts: every poll in


def test_resending_is_a_no_op_and_bad_records_are_rejected(tmp_path: Path) -> None:
    client = night_client(tmp_path / "night.sqlite")
    body = body_of(official(e2025())[:50])
    assert client.post("/live/updates", params={"election": "2025"}, content=body).json()[
        "applied"] == 50
    before = client.get("/live.json").json()
    again = client.post("/live/updates", content=body).json()
    assert again["applied"] == 0
    assert again["duplicates"] == 50
    bad = [{"seq": 10**6, "riding": 99999, "stage": "preliminary", "time": "2025-04-28T23:00:00-04:00",
            "candidates": []}]
    r = client.post("/live/updates", json=bad)
    assert r.status_code == 200
    assert r.json()["rejected"] == 1
    after = client.get("/live.json").json()
    assert after["seats"] == before["seats"]
    assert after["rejected"] == before["rejected"] + 1
    r = client.post("/live/updates", content="{not json", headers={"content-type": "application/json"})
    assert r.status_code == 400  # an API client gets JSON, not an HTML page
    assert r.json()["detail"]
    r = client.post("/live/updates", params={"election": "1999"}, content=body)
    assert r.status_code in (400, 404)
    assert "1999" in r.json()["detail"]


def test_a_night_with_a_retracted_call_renders_and_shows_the_retraction(tmp_path: Path) -> None:
    """Issue 15: the page used to 500 ("called seats exceed seats") as soon as a called
    riding was overtaken.  A correction within the preliminary count swaps the two leading
    candidates of a called riding: the call stands, recorded, beside its retraction."""
    client = night_client(tmp_path / "night.sqlite")
    feed = official(e2025())[:N]
    client.post("/live/updates", params={"election": "2025"}, content=body_of(feed))
    v = client.get("/live.json").json()
    called = v["calls"][0]
    u = next(x for x in feed if x.riding == called["riding"])
    a, b, *rest = u.candidates
    swapped = msgspec.structs.replace(u, seq=10_000, candidates=(
        FeedCandidate(a.name, a.party, b.votes), FeedCandidate(b.name, b.party, a.votes), *rest))
    r = client.post("/live/updates", content=body_of([swapped]))
    assert r.status_code == 200
    assert r.json()["applied"] == 1
    assert r.json()["corrections"] == 1
    for url in ("/live", "/live.json"):
        assert client.get(url).status_code == 200
    after = client.get("/live.json").json()
    assert after["retractions"] == 1
    assert called["riding"] not in after["called"]
    line = after["retraction_list"][0]
    assert line["subject"] == {"riding": called["riding"], "kind": "riding"}
    assert line["label"] == called["name"]
    assert "now led by" in line["detail"]
    call = next(c for c in after["calls"] if c["riding"] == called["riding"])
    assert call["retracted"] is True
    assert call["mark"] == "call"
    html = client.get("/live").text
    assert 'data-field="alert"' in html
    assert 'id="retractions"' in html
    shown = fields(html)
    assert shown[("", "retraction")].startswith(called["name"])
    assert "(retracted)" in html
    # each riding is drawn once: for its standing call, else its leader
    assert f'data-seats="{343 - N}"' in html


def test_the_page_and_twin_are_built_once_per_revision_and_served_with_an_etag(
        tmp_path: Path) -> None:
    client = night_client(tmp_path / "night.sqlite")
    feed = official(e2025())
    client.post("/live/updates", params={"election": "2025"}, content=body_of(feed[:20]))
    for url in ("/live.json", "/live"):
        r = client.get(url)
        tag = r.headers["etag"]
        assert r.status_code == 200
        assert r.headers["cache-control"] == "no-cache"
        again = client.get(url, headers={"if-none-match": tag})
        assert again.status_code == 304
        assert again.content == b""
        assert again.headers["etag"] == tag
        client.post("/live/updates", content=body_of(feed[20:21]))  # a new revision
        newer = client.get(url, headers={"if-none-match": tag})
        assert newer.status_code == 200
        assert newer.headers["etag"] != tag
        feed = feed[1:]


def test_without_a_store_there_is_no_live_page(client: TestClient) -> None:
    """(`client` is the app without a store.)"""
    assert client.get("/live").status_code == 404
    assert "seatcast serve --store" in client.get("/live.json").json()["detail"]
    r = client.post("/live/updates", content="{}")
    assert r.status_code == 404
    assert "seatcast serve --store" in r.json()["detail"]
    assert 'href="/live"' not in client.get("/").text


def test_live_twin_is_the_live_view(live: tuple[TestClient, Path, str]) -> None:
    from seatcast.live.status import current_status
    from seatcast.views.live import live_view

    client, store, _ = live
    twin = client.get("/live.json").json()
    direct = json.loads(json.dumps(to_jsonable(live_view(current_status(store, e2025()),
                                                         e2025()))))
    assert twin.pop("links") == {"html": "/live", "json": "/live.json", "post": "/live/updates"}
    assert twin == direct


def test_readers_get_the_last_view_while_this_server_ingests(tmp_path: Path) -> None:
    """While the server's own POST commits its chunks, a reader is served the view built
    before it (the POST builds the new one before it answers); once the writer is idle a
    reader builds the newest revision itself."""
    from seatcast.live.status import ingest_lines
    from seatcast.views.live import LiveView
    from seatcast.web.live_view import LiveCache

    store = tmp_path / "night.sqlite"
    client = night_client(store)
    feed = official(e2025())
    r = client.post("/live/updates", params={"election": "2025"}, content=body_of(feed[:50]),
                    headers={"content-type": "application/x-ndjson"})
    assert r.status_code == 200, r.text
    site = client.app.state.site  # type: ignore[attr-defined]
    busy = {"now": False}
    cache = LiveCache(site, store, lambda: busy["now"])
    first = cache.get()
    assert isinstance(first.page.data, LiveView)
    assert first.page.data.ridings_reporting == 50
    ingest_lines(store, list(iter_lines(feed[50:80])), e2025(), source="test")
    busy["now"] = True
    assert cache.get() is first  # the writer is at work: the last view built
    busy["now"] = False
    newest = cache.get().page.data  # idle: the newest revision
    assert isinstance(newest, LiveView)
    assert newest.ridings_reporting == 80
    # and through the app: the POST answered after building its revision
    r = client.post("/live/updates", params={"election": "2025"}, content=body_of(feed[80:90]),
                    headers={"content-type": "application/x-ndjson"})
    assert r.status_code == 200, r.text
    assert client.get("/live.json").json()["ridings_reporting"] == 90
