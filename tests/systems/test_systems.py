"""Systems: invariants over every registered system, definitions as data, and each system's
own oracle (MMP without list seats is FPTP; IRV without transfers is FPTP; STV in one-riding
districts is IRV)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seatcast import load
from seatcast.catalog import Catalog
from seatcast.domain.parties import ALL_PARTIES, Party
from seatcast.domain.preferences import PreferenceTable
from seatcast.domain.ridings import RidingMap
from seatcast.errors import InputFileError, SeatcastError
from seatcast.sources.preferences import read_preferences as read_table
from seatcast.sources.systems import read_definition, read_grouping_rows
from seatcast.systems.districts import District, Grouping, grouping_of, neighbour_grouping
from seatcast.systems.fptp import FPTP
from seatcast.systems.inputs import Inputs
from seatcast.systems.irv import IRV
from seatcast.systems.listpr import ListPR
from seatcast.systems.mmp import MMP
from seatcast.systems.registry import SYSTEMS, configure, from_dict, get
from seatcast.systems.stv import STV, stv_count
from seatcast.systems.thresholds import Threshold

CATALOG = Catalog.builtin()


def default_table() -> PreferenceTable:
    return CATALOG.preferences()


def riding_coordinates() -> Mapping[int, tuple[float, float]]:
    return CATALOG.coordinates("2023")


INPUTS = Inputs({"default": default_table()}, riding_coordinates())


def read_grouping(path: Path, rmap: RidingMap) -> Grouping:
    return grouping_of(path.stem, read_grouping_rows(path, rmap))

P = Party


@pytest.mark.parametrize("election", ["2025", "2021"])
@pytest.mark.parametrize("name", list(SYSTEMS))
def test_invariants_of_every_registered_system(name: str, election: str) -> None:
    e = load(election)
    if name == "stv" and e.map.name != "2023":
        with pytest.raises(SeatcastError, match="coordinates"):
            SYSTEMS[name].run(e, Inputs(INPUTS.preferences, CATALOG.coordinates(e.map.name) or None))
        return
    out = SYSTEMS[name].run(e, INPUTS)
    assert out.house == e.seats_total  # every default keeps the House's size
    assert set(out.seats) == set(ALL_PARTIES)
    assert all(n >= 0 for n in out.seats.values())
    assert dict(out.votes) == e.votes()
    assert 0 < out.represented <= out.valid_votes
    assert all(0 <= d.represented <= d.valid_votes for d in out.districts)
    assert sum(sum(d.seats.values()) for d in out.districts) == out.house
    assert out.majority == e.majority


@pytest.mark.parametrize("name", list(SYSTEMS))
def test_definitions_round_trip_through_json(name: str) -> None:
    system = SYSTEMS[name]
    assert from_dict(json.loads(json.dumps(system.to_dict()))) == system


def test_configure_changes_a_copy_and_refuses_foreign_options() -> None:
    sl = configure(get("pr-national"), method="Webster", threshold=Threshold(Fraction(1, 20)))
    assert sl.to_dict()["method"] == "sainte-lague"
    pr = get("pr-national")  # the registered system is left as it was
    assert isinstance(pr, ListPR)
    assert pr.method == "dhondt"
    # 5 % national threshold: GPC and PPC out; votelib gives the same for the four left
    assert nonzero(sl.run(load("2025"), INPUTS).seats) == {"LPC": 154, "CPC": 145, "BQ": 22, "NDP": 22}
    with pytest.raises(SeatcastError, match="option magnitude does not apply to system irv"):
        configure(get("irv"), magnitude=3)
    with pytest.raises(SeatcastError, match="unknown system kind"):
        from_dict({"kind": "borda"})


def test_definition_file(tmp_path: Path) -> None:
    f = tmp_path / "mine.json"
    f.write_text(json.dumps(MMP(name="mine", overhang="keep").to_dict()))
    assert from_dict(read_definition(f)) == MMP(name="mine", overhang="keep")
    f.write_text("{oops")
    with pytest.raises(InputFileError, match=r"mine\.json:1: not valid JSON"):
        read_definition(f)


def nonzero(seats: Mapping[Party, int]) -> dict[str, int]:
    return {p.value: n for p, n in seats.items() if n}


def test_provincial_pools_with_district_threshold() -> None:
    e = load("2025")
    plain = ListPR(grouping="province").run(e, INPUTS)
    assert len(plain.districts) == 13
    assert nonzero(plain.seats) == {"LPC": 156, "CPC": 144, "BQ": 22, "NDP": 19, "GPC": 2}
    high = ListPR(grouping="province", threshold=Threshold(Fraction(15, 100), "district")).run(e, INPUTS)
    assert high.seats[P.GPC] == 0
    assert high.house == 343


def test_mmp_without_list_seats_is_fptp() -> None:
    e = load("2025")
    assert MMP(local_share=Fraction(1)).run(e, INPUTS).seats == FPTP().run(e, INPUTS).seats


def test_mmp_overhang_rules() -> None:
    e = load("2025")
    absorb = MMP(local_share=Fraction(9, 10)).run(e, INPUTS)
    keep = MMP(local_share=Fraction(9, 10), overhang="keep").run(e, INPUTS)
    balance = MMP(local_share=Fraction(9, 10), overhang="balance").run(e, INPUTS)
    assert absorb.house == 343
    assert keep.house > 343
    assert balance.house >= keep.house
    assert absorb.notes[0] == "310 local and 33 list seats"
    default = MMP().run(e, INPUTS)  # two thirds local: 230 local, 113 list seats, no overhang
    assert default.notes[0] == "230 local and 113 list seats"
    assert nonzero(default.seats) == {"LPC": 156, "CPC": 144, "BQ": 22, "NDP": 19, "GPC": 2}


def test_irv_without_transfers_is_fptp(tmp_path: Path) -> None:
    empty = tmp_path / "none.csv"
    empty.write_text("region,from,to,share\n")
    e = load("2025")
    with_empty = Inputs({**INPUTS.preferences, str(empty): read_table(empty)}, INPUTS.coordinates)
    assert IRV(preferences=str(empty)).run(e, with_empty).seats == FPTP().run(e, INPUTS).seats


def test_irv_default_table_2025() -> None:
    out = IRV().run(load("2025"), INPUTS)
    assert nonzero(out.seats) == {"LPC": 189, "CPC": 126, "BQ": 22, "NDP": 6}
    assert out.notes[0] == "23 riding(s) elect a different party than under FPTP"


def test_stv_in_one_riding_districts_is_irv() -> None:
    e = load("2025")
    singles = Grouping("single", tuple(District(str(c), (c,)) for c in e.results))
    assert STV(grouping=singles).run(e, INPUTS).seats == IRV().run(e, INPUTS).seats


def test_irv_count_by_hand() -> None:
    table = default_table()
    # NDP out first; with GPC and PPC not standing, the 87 % of its ballots that rank another
    # party split LPC 55 : CPC 10, so LPC gains 25,000 x 55/65 x 87/100 and overtakes CPC
    votes = {P.CPC: 40_000, P.LPC: 35_000, P.NDP: 25_000}
    count = stv_count(votes, 1, table, "ON")
    assert count.elected == {P.LPC: 1}
    assert count.represented + count.leftover == 35_000 + 25_000 * Fraction(55, 65) * Fraction(87, 100)
    assert stv_count({P.CPC: 51, P.LPC: 49}, 1, table, "ON").elected == {P.CPC: 1}


@given(votes=st.lists(st.integers(0, 50_000), min_size=len(ALL_PARTIES), max_size=len(ALL_PARTIES))
       .filter(lambda v: sum(v) > 0), seats=st.integers(1, 9))
@settings(max_examples=60, deadline=None)
def test_stv_count_properties(votes: list[int], seats: int) -> None:
    v = dict(zip(ALL_PARTIES, votes, strict=True))
    count = stv_count(v, seats, default_table(), "QC")
    assert sum(count.elected.values()) == seats
    quota = sum(votes) // (seats + 1) + 1
    for p, n in v.items():  # whole Droop quotas of first preferences are always elected
        assert count.elected.get(p, 0) >= min(n // quota, seats)
    assert 0 <= count.represented <= sum(votes)


def test_neighbour_grouping_partitions_each_province() -> None:
    rmap = load("2025").map
    g = neighbour_grouping(rmap, riding_coordinates(), 5)
    g.check_covers(rmap)
    assert g.seats == 343
    for d in g.districts:
        assert len({rmap.get(c).province.code for c in d.ridings}) == 1
        assert 1 <= d.magnitude <= 7
    assert [d.magnitude for d in g.districts if d.name.startswith("PE")] == [4]
    g3 = neighbour_grouping(rmap, riding_coordinates(), 3)
    assert len(g3.districts) > len(g.districts)


def test_stv_2025() -> None:
    out = STV().run(load("2025"), INPUTS)
    assert out.notes[0] == "71 districts of 1–7 members (stv5 grouping)"
    assert out.house == 343
    assert 0.8 < float(out.share_represented) < 0.9


GROUPING_ERRORS = [
    ("riding,zone\n", 1, "header must be 'riding,district'"),
    ("riding,district\nabc,X\n", 2, "expected a riding code and a district name"),
    ("riding,district\n99999,X\n", 2, "riding 99999 is not on the 2023 map"),
    ("riding,district\n10001,X\n10001,Y\n", 3, "riding 10001 listed twice (first on line 2)"),
    ("riding,district\n10001,X\n", None, "342 riding(s) of the 2023 map are in no district"),
]


@pytest.mark.parametrize(("text", "line", "problem"), GROUPING_ERRORS)
def test_bad_grouping_files(tmp_path: Path, text: str, line: int | None, problem: str) -> None:
    f = tmp_path / "g.csv"
    f.write_text(text)
    with pytest.raises(InputFileError) as err:
        read_grouping(f, load("2025").map)
    assert err.value.line == line
    assert err.value.problem.startswith(problem)


def test_user_grouping_file(tmp_path: Path) -> None:
    e = load("2025")
    f = tmp_path / "halves.csv"
    f.write_text("riding,district\n" + "".join(
        f"{c},{'east' if c < 35000 else 'west'}\n" for c in e.results))
    g = read_grouping(f, e.map)
    assert [d.name for d in g.districts] == ["east", "west"]
    out = ListPR(grouping=g).run(e, INPUTS)
    assert out.house == 343
    assert len(out.districts) == 2


PREFERENCE_ERRORS = [
    ("region,from,to\n", 1, "header must be 'region,from,to,share'"),
    ("region,from,to,share\n*,LPC,XYZ,0.5\n", 2, "unknown party 'XYZ'"),
    ("region,from,to,share\nMars,LPC,NDP,0.5\n", 2, "unknown region 'Mars'"),
    ("region,from,to,share\n*,LPC,NDP,lots\n", 2, "share 'lots' is not a number"),
    ("region,from,to,share\n*,LPC,NDP,1.5\n", 2, "share 1.5 must be between 0 and 1"),
    ("region,from,to,share\n*,LPC,LPC,0.5\n", 2, "LPC cannot transfer to itself"),
    ("region,from,to,share\n*,LPC,NDP,0.5\n*,LPC,NDP,0.1\n", 3, "*,LPC,NDP listed twice"),
    ("region,from,to,share\n*,LPC,NDP,0.6\n*,LPC,CPC,0.6\n", 3, "shares from LPC in * add up"),
    ("region,from,to,share\n*,LPC,NDP\n", 2, "expected 4 fields, found 3"),
]


@pytest.mark.parametrize(("text", "line", "problem"), PREFERENCE_ERRORS)
def test_bad_preference_files(tmp_path: Path, text: str, line: int, problem: str) -> None:
    f = tmp_path / "p.csv"
    f.write_text(text)
    with pytest.raises(InputFileError) as err:
        read_table(f)
    assert err.value.line == line
    assert err.value.problem.startswith(problem)


def test_default_preference_table_is_well_formed() -> None:
    t = default_table()
    for (region, source), row in t.rows.items():
        assert source not in row, (region, source)
        assert sum(row.values()) <= 1, (region, source)
    # Quebec rows replace the national ones; the Bloc only has Quebec rows
    assert t.row("QC", P.LPC)[P.BQ] > 0
    assert P.BQ not in t.row("ON", P.LPC)
    # shares meant for a party that is out go to the others in proportion; exhaust stays
    tr = t.transfers("ON", P.NDP, [P.LPC, P.CPC])
    assert sum(tr.values()) == Fraction(87, 100)  # 13 % of NDP ballots rank no other party
    assert tr[P.LPC] / tr[P.CPC] == Fraction(55, 10)


@given(st.sets(st.sampled_from(["NL", "PE", "NS", "NB", "QC", "MB", "SK", "AB", "BC", "YT"]),
               min_size=1))
@settings(max_examples=8, deadline=None)
def test_every_registered_system_on_any_set_of_provinces(provinces: set[str]) -> None:
    e = load("2025")
    part = e.subset([c for c in e.results if e.map.get(c).province.code in provinces])
    for name, system in SYSTEMS.items():
        out = system.run(part, INPUTS)
        assert out.house == part.seats_total, name
        assert all(n >= 0 for n in out.seats.values())
        assert sum(out.votes.values()) == part.valid_votes
        assert 0 <= out.represented <= out.valid_votes
