"""The election-night page against a real store, fed through the web API itself."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from seatcast.live.feed import iter_lines
from seatcast.live.replay import official_feed
from seatcast.web.app import create_app
from tests.web.conftest import fields, no_external

N = 200  # the first 200 records of the official 2025 replay: 200 ridings' preliminary counts


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> tuple[TestClient, Path, str]:
    store = tmp_path_factory.mktemp("live") / "night.sqlite"
    client = TestClient(create_app(store=store))
    body = "\n".join(iter_lines(official_feed("2025")[:N])) + "\n"
    return client, store, body


def test_live_page_before_and_after_the_first_records(live: tuple[TestClient, Path, str]) -> None:
    client, store, body = live
    r = client.get("/live.json")
    assert r.status_code == 404
    assert "does not exist yet" in r.json()["detail"]
    assert not store.exists()
    r = client.post("/live/updates", params={"election": "2025"}, content=body,
                    headers={"content-type": "application/x-ndjson"})
    assert r.status_code == 200, r.text
    report = r.json()
    assert report["applied"] == N
    assert report["rejected"] == 0
    assert store.exists()
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
    for party, n in status["seats"].items():
        assert shown[(party, "seats")] == str(n)
        assert shown[(party, "called_seats")] == str(status["called_seats"].get(party, 0))
    assert shown[("", "ridings_reporting")] == str(N)
    assert shown[("", "called")] == str(len(status["called"]))
    assert f'data-seats="{343 - N}"' in html  # the seats not yet reporting, drawn as rings
    assert html.count('class="hex"') == 2 * 343
    assert 'data-category="not reporting"' in html


def test_resending_is_a_no_op_and_bad_records_are_rejected(live: tuple[TestClient, Path, str]) -> None:
    client, _, body = live
    before = client.get("/live.json").json()
    again = client.post("/live/updates", content=body).json()
    assert again["applied"] == 0
    assert again["duplicates"] == N
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


def test_without_a_store_there_is_no_live_page(client: TestClient) -> None:
    assert client.get("/live").status_code == 404
    assert "seatcast serve --store" in client.get("/live.json").json()["detail"]
    r = client.post("/live/updates", content="{}")
    assert r.status_code == 404
    assert "seatcast serve --store" in r.json()["detail"]
    assert 'href="/live"' not in client.get("/").text


def test_live_twin_is_the_status_api(live: tuple[TestClient, Path, str]) -> None:
    from seatcast.live.status import current_status

    client, store, _ = live
    twin = client.get("/live.json").json()
    direct = json.loads(json.dumps(current_status(store)))
    twin.pop("links")
    assert twin == direct
