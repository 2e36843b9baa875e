"""One answer, one shape: for every command and page that answer the same question,
`seatcast X --json` is exactly the page's JSON twin (its `links` aside)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from starlette.routing import Route

from seatcast.cli import main
from seatcast.web.app import create_app

#: (command line, JSON twin) pairs: every question the CLI and the web both answer.
PAIRS = [
    (["results", "2025"], "/elections/2025.json"),
    (["results", "2021", "--province", "QC"], "/elections/2021.json?province=QC"),
    (["results", "2025", "--compare", "2021", "--closest", "3"],
     "/elections/2025.json?compare=2021&closest=3"),
    (["results", "2021t"], "/elections/2021t.json"),
    (["riding", "24073"], "/ridings/24073.json"),
    (["riding", "10001", "--election", "2021"], "/ridings/10001.json?election=2021"),
    (["elections"], "/elections.json"),
    (["systems"], "/systems.json"),
    (["whatif", "2025", "--system", "pr-national", "--method", "sainte-lague"],
     "/whatif.json?election=2025&system=pr-national&method=sainte-lague"),
    (["whatif", "2021", "--system", "mmp", "--threshold", "5%", "--local-share", "3/4",
      "--overhang", "keep"],
     "/whatif.json?election=2021&system=mmp&threshold=5%25&local_share=3/4&overhang=keep"),
    (["whatif", "--system", "stv", "--magnitude", "3"], "/whatif.json?system=stv&magnitude=3"),
    (["coalitions", "2025"], "/coalitions.json?election=2025"),
    (["coalitions", "2021", "--system", "pr-national"], "/coalitions.json?election=2021&system=pr-national"),
    (["coalitions", "--from-forecast", "--sims", "300", "--seed", "2"],
     "/coalitions.json?from_forecast=true&sims=300&seed=2"),
    (["polls"], "/polls.json"),
    (["polls", "--election", "2025", "--as-of", "2025-04-20"], "/polls.json?election=2025&as_of=2025-04-20"),
    (["project", "--sims", "400", "--seed", "7"], "/forecast.json?sims=400&seed=7"),
    (["project", "-e", "2021", "--sims", "300", "--seed", "1", "--as-of", "2021-09-01", "--model",
      "uniform"], "/forecast.json?election=2021&sims=300&seed=1&as_of=2021-09-01&model=uniform"),
    (["project", "-e", "2025", "--sims", "300", "--given", "LPC>=150"],
     "/forecast.json?election=2025&sims=300&given=LPC%3E%3D150"),
    (["backtest", "2025", "--sims", "300"], "/backtest.json?election=2025&sims=300"),
    (["house", "--as-of", "2026-04-10"], "/house.json?as_of=2026-04-10"),
    (["house", "--as-of", "2026-04-20", "--verified-only"], "/house.json?as_of=2026-04-20&verified_only=true"),
]


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app())


@pytest.mark.parametrize(("argv", "url"), PAIRS, ids=[" ".join(a) for a, _ in PAIRS])
def test_the_command_prints_the_twin(argv: list[str], url: str, client: TestClient,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*argv, "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    r = client.get(url)
    assert r.status_code == 200, r.text[:300]
    twin = r.json()
    links = twin.pop("links")
    assert set(links) >= {"html", "json"}
    assert printed == twin


def test_every_json_page_has_a_command() -> None:
    """No question is answered on the web only: each JSON twin the app documents is paired."""
    app = create_app()
    twins = {r.path for r in app.routes if isinstance(r, Route) and r.path.endswith(".json")}
    paired = {url.split("?")[0] for _, url in PAIRS}
    shapes = {"/elections/{election_id}.json": "/elections/2025.json",
              "/ridings/{code}.json": "/ridings/24073.json"}
    missing = {t for t in twins if shapes.get(t, t) not in paired}
    # the home page and the OpenAPI document are the web's alone; election night's CLI is
    # `seatcast live status` (tested with its store in tests/live); the fact-check's pair is
    # tested below (its twin is a POST)
    assert missing <= {"/index.json", "/live.json", "/openapi.json", "/check.json"}, missing


def test_the_fact_check_prints_the_twin(client: TestClient, capsys: pytest.CaptureFixture[str],
                                        tmp_path: Path) -> None:
    """`seatcast check FILE --json` is `POST /check.json` with the file as the body (its name aside)."""
    article = tmp_path / "a.txt"
    article.write_text("After the floor crossing, the Liberals now hold 171 seats. The Liberals won "
                       "169 seats in 2025, three short of a majority.", encoding="utf-8")
    assert main(["check", str(article), "--as-of", "2026-04-10", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    twin = client.post("/check.json?as_of=2026-04-10", content=article.read_bytes()).json()
    twin.pop("links")
    assert printed.pop("article") == str(article)
    assert twin.pop("article") == "<posted>"
    assert printed == twin
    assert [c["verdict"] for c in twin["claims"]][:2] == ["correct", "correct"]
    assert twin["claims"][0]["refers_to"] == "now"
    assert twin["house"]["as_of"] == "2026-04-10"
