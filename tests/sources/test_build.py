"""The built-in tables: rebuilt from the raw files they are byte-identical, twice over."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from seatcast.domain.ridings import RidingCode
from seatcast.sources.build import build
from seatcast.sources.elections_canada import read_event_results, read_table11, read_table12


def test_two_builds_give_the_committed_bytes(raw_data: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    names_a, names_b = build(raw_data, a), build(raw_data, b)
    assert names_a == names_b
    committed = resources.files("seatcast.data")
    for name in names_a:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
        assert (a / name).read_bytes() == committed.joinpath(name).read_bytes(), f"{name} is stale"


def test_raw_2025_download_has_every_stage(raw_data: Path) -> None:
    ev = read_event_results(raw_data / "2025/ca_ge45_preliminary_candidates_2025-06-13.tsv")
    assert len(ev.ridings) == 343
    assert sum(len(r.candidates) for st in ev.stages.values() for r in st) == 3940
    assert len({c.name + str(code) for code, st in ev.stages.items() for r in st for c in r.candidates}) == 1959
    assert ev.downloaded.startswith("These results were downloaded and refreshed on June")


def test_early_snapshot_has_preliminary_only_ridings(raw_data: Path) -> None:
    ev = read_event_results(raw_data / "2025/ca_ge45_preliminary_candidates_2025-05-02.tsv")
    validated = sum(1 for st in ev.stages.values() if st[-1].stage.value == "validated")
    assert (len(ev.stages), validated) == (343, 202)


def test_table12_packed_candidates(raw_data: Path) -> None:
    t11 = read_table11(raw_data / "2021/ca_ge44_table_tableau11.csv")
    t12 = read_table12(raw_data / "2021/ca_ge44_table_tableau12.csv", t11)
    avalon = t12.results[RidingCode(10001)]
    assert (avalon.winner.name, avalon.winner.affiliation, avalon.winner.incumbent) == (
        "Ken McDonald", "Liberal", True)
    bq = t12.results[RidingCode(24001)].winner
    assert (bq.name, bq.affiliation, bq.incumbent) == ("Sylvie Bérubé", "Bloc Québécois", True)
    labels = {c.affiliation for r in t12.results.values() for c in r.candidates}
    assert "NDP-New Democratic Party" in labels
    assert "People's Party - PPC" in labels


def test_user_supplied_table12_with_its_table11(raw_data: Path, tmp_path: Path) -> None:
    import shutil

    from seatcast.catalog import Catalog

    for n in ("11", "12"):
        shutil.copy(raw_data / f"2019/ca_ge43_table_tableau{n}.csv", tmp_path / f"table_tableau{n}.csv")
    e = Catalog.builtin().results_file(tmp_path / "table_tableau12.csv")
    # a table 12 does not say which election it is
    assert e.date is None
    assert e.previous is None
    assert e.map.seats == 338
    assert e.turnout is not None
    assert round(100 * e.turnout, 2) == 67.04
    assert {p.value: n for p, n in e.seats().items() if n} == {
        "LPC": 157, "CPC": 121, "BQ": 32, "NDP": 24, "GPC": 3, "IND": 1}
