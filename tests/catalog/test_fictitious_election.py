"""Elections are data: one more record and its tables, in a catalog folder, and every layer
takes it with no other edit (loaded, projected, backtested, served, shown on the command line)."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
from importlib import resources
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from seatcast.catalog import Catalog
from seatcast.cli import main
from seatcast.forecast.projection import Forecaster
from seatcast.forecast.simulate import simulate
from seatcast.web.app import create_app

FICTION = {
    "id": "2030", "number": 47, "name": "47th general election (fictitious)", "map": "2023",
    "date": "2030-10-21", "previous": "2025", "poll_miss_from": "2025", "polls": "polls_2030",
    "result": "official", "transposition_of": None, "aliases": ["fiction"],
    "source": "made up for a test",
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built-in tables plus a fictitious 2030 election: its record, results and polls."""
    out = tmp_path_factory.mktemp("catalog")
    for table in resources.files("seatcast.data").iterdir():
        if table.is_file() and table.name.endswith((".csv", ".json", ".md")):
            (out / table.name).write_bytes(table.read_bytes())
    records = json.loads((out / "elections.json").read_text(encoding="utf-8"))
    (out / "elections.json").write_text(json.dumps([FICTION, *records], indent=2), encoding="utf-8")
    # The result: the 2025 final counts with the Conservatives and the Liberals swapped.
    swap = {"LPC": "CPC", "CPC": "LPC"}
    with (out / "results_2025.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    rank = {"preliminary": 0, "validated": 1, "judicially certified": 2}
    final: dict[str, str] = {}  # riding -> its last count stage
    for r in rows:
        if rank[r["stage"]] >= rank.get(final.get(r["riding"], ""), -1):
            final[r["riding"]] = r["stage"]
    with (out / "results_2030.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["riding", "stage", "candidate", "affiliation", "party", "incumbent", "votes"])
        for r in rows:
            if r["stage"] == final[r["riding"]]:
                w.writerow([r["riding"], "official", r["candidate"], r["affiliation"],
                            swap.get(r["party"], r["party"]), "", r["votes"]])
    with (out / "districts_2030.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["riding", "stage", "population", "electors", "polling_stations", "rejected",
                    "total_ballots"])
        for code in final:
            w.writerow([code, "official", "", "", "", "", ""])
    # The polls: the next election's, moved to end two days before polling day.
    with (out / "polls_ge46.csv").open(encoding="utf-8", newline="") as f:
        polls = list(csv.DictReader(f))
    shift = dt.date(2030, 10, 19) - max(dt.date.fromisoformat(p["end_date"]) for p in polls)
    with (out / "polls_2030.csv").open("w", encoding="utf-8", newline="") as f:
        dw = csv.DictWriter(f, fieldnames=list(polls[0]), lineterminator="\n")
        dw.writeheader()
        for p in polls:
            end = dt.date.fromisoformat(p["end_date"]) + shift
            start = p["start_date"] and (dt.date.fromisoformat(p["start_date"]) + shift).isoformat()
            released = p["released"] and (dt.date.fromisoformat(p["released"]) + shift).isoformat()
            dw.writerow({**p, "end_date": end.isoformat(), "start_date": start, "released": released})
    return out


def test_it_loads_and_counts(folder: Path) -> None:
    cat = Catalog(folder)
    e = cat.election("fiction")
    assert e.id == "2030"
    assert e.seats_total == 343
    assert e.majority == 172
    seats = {p.value: n for p, n in e.seats().items() if n}
    assert seats == {"CPC": 169, "LPC": 144, "BQ": 22, "NDP": 7, "GPC": 1}
    assert cat.previous(e) is not None
    assert cat.previous(e).id == "2025"  # type: ignore[union-attr]


def test_it_is_projected_and_backtested(folder: Path) -> None:
    fc = Forecaster(Catalog(folder))
    proj = fc.project("2030")
    assert proj.base.election == "2025"
    assert proj.as_of == dt.date(2030, 10, 20)
    # every same-map pair held before it, the latest last
    assert [p.label for p in fc.pairs("2030")] == ["2015 -> 2019", "2019 -> 2021", "2021t -> 2025"]
    res = simulate(proj, sims=500, seed=1)
    assert (res.seats.sum(axis=1) == 343).all()
    from seatcast.forecast.backtest import backtest

    bt = backtest(fc, "2030", sims=300, seed=1)
    assert bt.score.ridings_total == 343
    assert bt.actual_class == "CPC minority"


def test_it_is_served(folder: Path) -> None:
    client = TestClient(create_app(catalog=Catalog(folder)))
    data = client.get("/elections/2030.json").json()
    assert data["election"]["id"] == "2030"
    assert data["compared_with"]["id"] == "2025"
    assert {p["party"]: p["seats"] for p in data["parties"] if p["seats"]}["CPC"] == 169
    assert client.get("/elections/2030").status_code == 200
    assert client.get("/ridings/24073", params={"election": "2030"}).status_code == 200
    f = client.get("/forecast.json", params={"election": "2030", "sims": 200}).json()
    assert f["election"]["id"] == "2030"
    assert f["ridings_right"] is not None
    assert "2030" in {e["id"] for e in client.get("/elections.json").json()["elections"]}


def test_the_cli_reads_it(folder: Path, monkeypatch: pytest.MonkeyPatch,
                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("SEATCAST_CATALOG", str(folder))
    assert main(["results", "fiction", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["election"]["id"] == "2030"
    assert out["government"]["party"] == "CPC"


def test_a_broken_record_is_one_line(tmp_path: Path) -> None:
    for name in ("elections.json", "ridings_2023.csv"):
        shutil.copy(Path(str(resources.files("seatcast.data").joinpath(name))), tmp_path / name)
    records = json.loads((tmp_path / "elections.json").read_text(encoding="utf-8"))
    bad = {**FICTION, "previous": "1999"}
    (tmp_path / "elections.json").write_text(json.dumps([bad, *records]), encoding="utf-8")
    from seatcast.errors import InputFileError

    with pytest.raises(InputFileError, match="refers to '1999', which is not in the registry"):
        Catalog(tmp_path).registry  # noqa: B018
