"""Writes need a key, bodies are bounded, every response carries its security headers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from seatcast.cli import main
from seatcast.live.feed import iter_lines
from seatcast.web import live_view
from seatcast.web.app import create_app
from tests.live.conftest import e2025, official

TOKEN = "test-token-0123456789abcdef"


@pytest.fixture
def night(tmp_path: Path) -> tuple[TestClient, Path]:
    store = tmp_path / "night.sqlite"
    return TestClient(create_app(store=store, ingest_token=TOKEN)), store


def body(n: int) -> str:
    return "\n".join(iter_lines(official(e2025())[:n])) + "\n"


def post(client: TestClient, content: str | bytes, token: str | None = TOKEN,
         **kw: Any) -> Any:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    headers.update(kw.pop("headers", {}))
    return client.post("/live/updates", params={"election": "2025"}, content=content,
                       headers=headers, **kw)


def test_a_post_without_the_token_is_401_and_writes_nothing(
        night: tuple[TestClient, Path]) -> None:
    client, store = night
    for token in (None, "wrong-token-0123456789abcdef", TOKEN + "x", TOKEN[:-1]):
        r = post(client, body(5), token)
        assert r.status_code == 401 and r.headers["www-authenticate"].startswith("Bearer")
        assert "ingest token" in r.json()["detail"]
    r = client.post("/live/updates", content=body(5), headers={"authorization": f"Basic {TOKEN}"})
    assert r.status_code == 401
    assert not store.exists()
    assert post(client, body(5)).json()["applied"] == 5


def test_a_server_without_a_token_is_read_only(tmp_path: Path) -> None:
    store = tmp_path / "night.sqlite"
    client = TestClient(create_app(store=store))
    r = post(client, body(5))
    assert r.status_code == 403 and "read-only" in r.json()["detail"] and not store.exists()


def test_bodies_are_bounded_in_bytes_and_records(night: tuple[TestClient, Path],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    client, store = night
    monkeypatch.setattr(live_view, "MAX_BODY", 10_000)
    r = post(client, b"x" * 10_001)
    assert r.status_code == 413 and r.json()["detail"].startswith("the body is over 10,000 bytes")
    assert "\n" not in r.json()["detail"]
    monkeypatch.setattr(live_view, "MAX_BODY", 8 * 1024 * 1024)
    monkeypatch.setattr(live_view, "MAX_RECORDS", 10)
    r = post(client, body(11))
    assert r.status_code == 413 and r.json()["detail"] == (
        "11 records in one POST: at most 10 per POST (send the feed in smaller batches)")
    r = post(client, json.dumps([{"seq": i} for i in range(11)]),
             headers={"content-type": "application/json"})
    assert r.status_code == 413
    assert not store.exists()


def test_the_reply_counts_every_rejection_and_lists_the_first_few(
        night: tuple[TestClient, Path]) -> None:
    client, _ = night
    junk = "".join(f'{{"seq": {i}}}\n' for i in range(1, 301))
    r = post(client, body(3) + junk)
    d = r.json()
    assert r.status_code == 200 and d["applied"] == 3 and d["rejected"] == 300
    assert len(d["rejections"]) == 20 and d["rejections"][0]["reason"] == "missing 'riding'"


def test_a_body_nested_100k_deep_is_a_4xx(night: tuple[TestClient, Path]) -> None:
    client, _ = night
    for text in ("[" * 100_000, "[" * 100_000 + "]" * 100_000):
        r = post(client, text, headers={"content-type": "application/json"})
        assert r.status_code == 400 and "nested too deeply" in r.json()["detail"]
    # as one line of JSON Lines: that record is rejected with its reason, the rest goes on
    r = post(client, "[" * 100_000 + "]" * 100_000 + "\n" + body(2),
             headers={"content-type": "application/x-ndjson"})
    assert r.status_code == 200 and (r.json()["rejected"], r.json()["applied"]) == (1, 2)
    assert r.json()["rejections"][0]["reason"] == "not usable JSON (nested too deeply)"


def test_security_headers_on_every_response(night: tuple[TestClient, Path]) -> None:
    client, _ = night
    post(client, body(5))
    for url in ("/", "/live", "/live.json", "/elections/2025", "/elections/2025.json",
                "/static/style.css", "/nowhere"):
        r = client.get(url)
        assert r.headers["x-content-type-options"] == "nosniff", url
        csp = r.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp, url
        assert r.headers["x-frame-options"] == "DENY"
        assert "server" not in r.headers
    page = client.get("/live").headers["content-security-policy"]
    assert "script-src" not in page and "style-src 'self'" in page
    svg = client.get("/elections/2025/hemicycle.svg")
    assert svg.status_code == 200 and "frame-ancestors *" in svg.headers["content-security-policy"]
    assert svg.headers["cross-origin-resource-policy"] == "cross-origin"


def test_unknown_urls_are_an_html_page_for_browsers_and_json_for_the_api(
        night: tuple[TestClient, Path]) -> None:
    client, _ = night
    r = client.get("/nowhere", headers={"accept": "text/html,application/xhtml+xml"})
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "There is no page at this address." in r.text and 'href="/live"' in r.text
    r = client.get("/nowhere.json", headers={"accept": "text/html"})
    assert r.status_code == 404 and r.json() == {"detail": "Not Found"}
    assert client.get("/nowhere").json() == {"detail": "Not Found"}


# -- `seatcast serve`: the token from the environment or a file, never the command line ---

def _serve(monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> list[Any]:
    import uvicorn

    seen: list[Any] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.append((app, kw)))
    monkeypatch.setattr("seatcast.cli.web._check_can_listen", lambda host, port: None)
    monkeypatch.setattr("seatcast.web.pages.Site.warm", lambda self: None)
    assert main(["serve", *argv]) == 0
    return seen


def test_serve_takes_the_token_from_the_environment_or_a_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    store = str(tmp_path / "n.db")
    monkeypatch.setenv("SEATCAST_INGEST_TOKEN", TOKEN)
    (app, kw), = _serve(monkeypatch, ["--store", store, "--json"])
    assert app.state.ingest_token == TOKEN and kw["server_header"] is False
    assert json.loads(capsys.readouterr().out)["ingest"] is True
    monkeypatch.delenv("SEATCAST_INGEST_TOKEN")
    f = tmp_path / "token"
    f.write_text(TOKEN + "\n")
    (app, _), = _serve(monkeypatch, ["--store", store, "--token-file", str(f)])
    assert app.state.ingest_token == TOKEN
    (app, _), = _serve(monkeypatch, ["--store", store])
    assert app.state.ingest_token is None
    capsys.readouterr()
    f.write_text("short\n")
    assert main(["serve", "--store", store, "--token-file", str(f)]) == 2
    err = capsys.readouterr().err
    assert "at least 16 printable characters" in err and err.count("\n") == 1
    assert main(["serve", "--store", store, "--token", TOKEN]) == 2  # no such option


@pytest.mark.parametrize(("token", "warning"), [
    (None, "beyond this machine: anyone who can reach it reads every page"),
    (TOKEN, "put the server behind TLS"),
])
def test_serve_beyond_loopback_warns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str], token: str | None,
                                     warning: str) -> None:
    if token:
        monkeypatch.setenv("SEATCAST_INGEST_TOKEN", token)
    else:
        monkeypatch.delenv("SEATCAST_INGEST_TOKEN", raising=False)
    _serve(monkeypatch, ["--host", "0.0.0.0", "--store", str(tmp_path / "n.db")])
    assert warning in capsys.readouterr().err
    _serve(monkeypatch, ["--host", "127.0.0.1", "--store", str(tmp_path / "n.db")])
    assert "warning" not in capsys.readouterr().err
