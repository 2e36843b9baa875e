"""Election night's pair in the spirit of `test_faces.PAIRS`: ``seatcast live status --store
PATH --json`` is exactly the ``/live.json`` twin of a server on that store (links aside)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from seatcast.cli import main
from seatcast.live.feed import write_jsonl
from seatcast.web.app import create_app
from tests.live.conftest import e2025, synthetic


@pytest.mark.parametrize("records", [0, 3000, None])
def test_live_status_json_is_the_live_twin(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                           records: int | None) -> None:
    """A night that has just begun, one mid-way (calls and projections side by side), and
    one that is over."""
    feed = tmp_path / "feed.jsonl"
    night = [u for u in synthetic(e2025(), 4) if str(u.riding).startswith(("10", "11", "59"))]
    write_jsonl(night[:records] if records is not None else night, feed)
    store = tmp_path / "night.db"
    assert main(["live", "ingest", str(feed), "--store", str(store), "--json"]) == 0
    capsys.readouterr()
    argv = ["live", "status", "--store", str(store)]  # the pair: (argv, "/live.json")
    assert main([*argv, "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    r = TestClient(create_app(store=store)).get("/live.json")
    assert r.status_code == 200, r.text[:300]
    twin = r.json()
    links = twin.pop("links")
    assert set(links) >= {"html", "json"}
    assert printed == twin
    if records == 3000:
        assert printed["calls"] and printed["closest"]
        assert {c["mark"] for c in printed["calls"]} == {"call"}
        assert {c["mark"] for c in printed["closest"]} == {"projection"}
