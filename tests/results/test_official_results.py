"""Golden tests: the built-in elections reproduce Elections Canada's official figures."""

from __future__ import annotations

import json
from typing import Any

import pytest

import seatcast
from seatcast import Party
from seatcast.domain.results import Stage
from seatcast.domain.ridings import RidingCode
from seatcast.results.tally import summarize


def named_seats(election: str) -> dict[str, int]:
    return {p.value: n for p, n in seatcast.load(election).seats().items() if n}


@pytest.mark.parametrize(
    ("election", "seats"),
    [
        ("2025", {"LPC": 169, "CPC": 144, "BQ": 22, "NDP": 7, "GPC": 1}),
        ("2021", {"LPC": 160, "CPC": 119, "BQ": 32, "NDP": 25, "GPC": 2}),
        ("2019", {"LPC": 157, "CPC": 121, "BQ": 32, "NDP": 24, "GPC": 3, "IND": 1}),
        ("2021t", {"LPC": 157, "CPC": 126, "BQ": 34, "NDP": 24, "GPC": 2}),
        ("2015", {"LPC": 184, "CPC": 99, "NDP": 44, "BQ": 10, "GPC": 1}),
        ("2011", {"CPC": 166, "NDP": 103, "LPC": 34, "BQ": 4, "GPC": 1}),
    ],
)
def test_seats(election: str, seats: dict[str, int]) -> None:
    assert named_seats(election) == seats


def test_2025_votes_and_shares() -> None:
    e = seatcast.load("2025")
    votes = e.votes()
    assert e.valid_votes == 19_641_663
    assert votes[Party.LPC] == 8_595_488
    assert votes[Party.CPC] == 8_113_484
    assert votes[Party.BQ] == 1_236_349
    assert votes[Party.NDP] == 1_234_673
    assert votes[Party.GPC] == 238_892
    assert votes[Party.PPC] == 136_977
    assert round(100 * votes[Party.LPC] / e.valid_votes, 2) == 43.76
    assert round(100 * votes[Party.CPC] / e.valid_votes, 2) == 41.31
    assert e.total_ballots == 19_811_520
    assert sum(r.rejected or 0 for r in e.results.values()) == 169_857


def test_2025_government_is_a_liberal_minority_three_short() -> None:
    s = summarize(seatcast.load("2025"), seatcast.load("2021t"))
    assert (s.government.party, s.government.status, s.government.short_by) == (Party.LPC, "minority", 3)
    assert s.majority == 172
    assert s.seats_total == 343


def test_house_sizes_come_from_the_maps() -> None:
    assert seatcast.load("2025").majority == 172
    assert seatcast.load("2021").majority == 170
    assert (seatcast.load("2015").seats_total, seatcast.load("2015").majority) == (338, 170)
    assert (seatcast.load("2011").seats_total, seatcast.load("2011").majority) == (308, 155)
    assert seatcast.load("2011").map.name == "2003"
    assert seatcast.load("2015").map.name == "2013"


@pytest.mark.parametrize(("election", "turnout"), [
    ("2025", 68.95), ("2021", 62.56), ("2019", 67.04), ("2015", 68.28), ("2011", 61.11)])
def test_turnout(election: str, turnout: float) -> None:
    t = seatcast.load(election).turnout
    assert t is not None
    assert round(100 * t, 2) == turnout


def test_2025_electors_ballots_and_voting_desks_from_table_11() -> None:
    e = seatcast.load("2025")
    assert (e.electors, e.total_ballots) == (28_731_275, 19_811_520)
    assert e.turnout is not None
    assert round(e.turnout, 4) == 0.6895
    assert sum(r.polling_stations or 0 for r in e) == 74_409  # "Voting desks/Tables de vote"
    assert sum(r.population or 0 for r in e) == 36_991_981  # 2021 census, 2023 boundaries
    avalon = e.stages_of(10001)  # table 11: 81,781 people, 70,859 electors, 201 desks
    assert [(r.stage, r.population, r.electors, r.polling_stations, r.rejected, r.total_ballots)
            for r in avalon] == [(Stage.PRELIMINARY, 81_781, 70_859, 201, 0, 46_596),
                                 (Stage.VALIDATED, 81_781, 70_859, 201, 389, 47_419)]
    # Electors are the same at every count stage; each stage keeps its own ballots.
    assert all(s.electors == e.result(c).electors for c, st in e.stages.items() for s in st)
    terrebonne = e.result(24073)
    assert (terrebonne.stage, terrebonne.electors, terrebonne.total_ballots) == (
        Stage.JUDICIAL, 89_966, 61_118)


def test_2015_votes_shares_and_ballots() -> None:
    """The raw data's check 8: table 12 votes, table 11 electors and ballots."""
    e = seatcast.load("2015")
    v = e.votes()
    assert e.valid_votes == 17_591_468
    assert sum(len(r.candidates) for r in e) == 1_792
    assert {p.value: v[p] for p in (Party.LPC, Party.CPC, Party.NDP, Party.BQ, Party.GPC)} == {
        "LPC": 6_942_937, "CPC": 5_613_633, "NDP": 3_469_368, "BQ": 821_144, "GPC": 602_933}
    shares = {p.value: round(100 * v[p] / e.valid_votes, 2) for p in (Party.LPC, Party.CPC, Party.NDP,
                                                                      Party.BQ, Party.GPC)}
    assert shares == {"LPC": 39.47, "CPC": 31.91, "NDP": 19.72, "BQ": 4.67, "GPC": 3.43}
    assert (e.electors, e.total_ballots) == (25_939_742, 17_711_983)


def test_2011_votes_shares_and_ballots() -> None:
    """The raw data's check 9 (the 2011 tables are Windows-1252)."""
    e = seatcast.load("2011")
    v = e.votes()
    assert e.valid_votes == 14_723_980
    assert sum(len(r.candidates) for r in e) == 1_587
    assert {p.value: v[p] for p in (Party.CPC, Party.NDP, Party.LPC, Party.BQ, Party.GPC)} == {
        "CPC": 5_835_270, "NDP": 4_512_411, "LPC": 2_783_076, "BQ": 891_425, "GPC": 572_095}
    shares = {p.value: round(100 * v[p] / e.valid_votes, 2) for p in (Party.CPC, Party.NDP, Party.LPC,
                                                                      Party.BQ, Party.GPC)}
    assert shares == {"CPC": 39.63, "NDP": 30.65, "LPC": 18.90, "BQ": 6.05, "GPC": 3.89}
    assert (e.electors, e.total_ballots) == (24_257_592, 14_823_408)
    labels = {c.affiliation for r in e for c in r.candidates}
    assert "Bloc Québécois" in labels
    assert not any("Ã" in a for a in labels)  # no mojibake


def test_2015_and_2011_riding_spot_checks() -> None:
    """Riding values as printed in tables 11 and 12 (margin = table 12's Majority column)."""
    e15 = seatcast.load("2015")
    papineau = e15.result(24055)
    assert (e15.map.get(24055).name_en, papineau.winner.name, papineau.winner.votes, papineau.margin,
            papineau.winner.incumbent) == ("Papineau", "Justin Trudeau", 26_391, 13_259, True)
    avalon = e15.result(10001)  # a former Liberal MP ran as an independent
    assert [(c.name, c.affiliation, c.votes, c.incumbent) for c in avalon.candidates[:2]] == [
        ("Ken McDonald", "Liberal", 23_528, False),
        ("Scott Andrews", "No Affiliation", 7_501, True)]
    assert avalon.candidates[1].party is Party.IND
    assert avalon.margin == 16_027
    e11 = seatcast.load("2011")
    m = e11.result(24058)  # the closest race of 2011: 9 votes
    assert (e11.map.get(24058).name_en, m.winner.name, m.winner.party, m.margin) == (
        "Montmagny--L'Islet--Kamouraska--Rivière-du-Loup", "François Lapointe", Party.NDP, 9)
    a11 = e11.result(10001)
    assert (a11.winner.name, a11.winner.votes, a11.margin, a11.electors, a11.polling_stations,
            a11.total_ballots) == ("Scott Andrews", 16_008, 1_259, 64_424, 246, 36_574)


def test_2021_electors_and_ballots() -> None:
    e = seatcast.load("2021")
    assert (e.electors, e.total_ballots) == (27_509_496, 17_209_811)
    e = seatcast.load("2019")
    assert (e.electors, e.total_ballots) == (27_373_058, 18_350_359)


def test_terrebonne_judicial_recount_reverses_the_validated_count() -> None:
    stages = {r.stage: r for r in seatcast.load("2025").stages_of(24073)}
    validated, judicial = stages[Stage.VALIDATED], stages[Stage.JUDICIAL]
    assert validated.runner_up is not None
    assert (validated.winner.party, validated.winner.votes, validated.runner_up.votes) == (
        Party.BQ, 23_340, 23_296)
    assert (judicial.winner.party, judicial.winner.votes) == (Party.LPC, 23_352)
    assert judicial.runner_up is not None
    assert judicial.runner_up.votes == 23_351
    assert seatcast.load("2025").result(24073).stage is Stage.JUDICIAL


def test_terra_nova_goes_cpc_by_twelve_at_its_recount() -> None:
    e = seatcast.load("2025")
    final = e.result(10007)
    assert (final.stage, final.winner.party, final.margin) == (Stage.JUDICIAL, Party.CPC, 12)
    validated = next(r for r in e.stages_of(10007) if r.stage is Stage.VALIDATED)
    assert (validated.winner.party, validated.margin) == (Party.LPC, 12)


def test_four_judicial_recounts_and_every_riding_validated() -> None:
    e = seatcast.load("2025")
    judicial = sorted(c for c, st in e.stages.items() if st[-1].stage is Stage.JUDICIAL)
    assert judicial == [10007, 24073, 35060, 35118]
    assert all({r.stage for r in st} >= {Stage.PRELIMINARY, Stage.VALIDATED} for st in e.stages.values())


def test_preliminary_count_errors_cancel_out() -> None:
    """Election night had Terra Nova LPC and Milton East CPC; the totals still matched."""
    e = seatcast.load("2025")
    prelim = {code: st[0] for code, st in e.stages.items()}
    assert prelim[RidingCode(10007)].winner.party is Party.LPC
    assert prelim[RidingCode(35060)].winner.party is Party.CPC
    counts: dict[Party, int] = {}
    for r in prelim.values():
        counts[r.winner.party] = counts.get(r.winner.party, 0) + 1
    assert counts == {Party.LPC: 169, Party.CPC: 144, Party.BQ: 22, Party.NDP: 7, Party.GPC: 1}


def test_2021t_shares_match_2021() -> None:
    a, b = seatcast.load("2021"), seatcast.load("2021t")
    for p in (Party.LPC, Party.CPC, Party.NDP):
        sa = a.votes()[p] / a.valid_votes
        sb = b.votes()[p] / b.valid_votes
        assert abs(sa - sb) < 0.0005


def test_transposition_spot_values() -> None:
    e = seatcast.load("2021t")
    assert e.result(10002).party_votes()[Party.LPC] == 19_467
    assert e.result(10002).party_votes()[Party.NDP] == 8_227
    assert e.result(24006).party_votes()[Party.PPC] == 10_362


def test_national_tally_is_the_sum_of_riding_tallies() -> None:
    for eid in seatcast.election_ids():
        e = seatcast.load(eid)
        assert sum(e.seats().values()) == e.seats_total
        assert sum(e.votes().values()) == sum(r.valid_votes for r in e.results.values())


def _results_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, Any]:
    from seatcast.cli import main

    assert main(["results", *argv, "--json"]) == 0
    out: dict[str, Any] = json.loads(capsys.readouterr().out)
    return out


def _seats(out: dict[str, Any]) -> dict[str, int]:
    return {p["party"]: p["seats"] for p in out["parties"] if p["seats"]}


def test_cli_results_2025_turnout(capsys: pytest.CaptureFixture[str]) -> None:
    out = _results_json(capsys, "2025")
    assert round(out["turnout"], 4) == 0.6895
    assert out["electors"] == 28_731_275
    assert out["total_ballots"] == 19_811_520
    assert out["compared_with"]["id"] == "2021t"
    assert out["comparison"] == "same map"


def test_cli_results_2015_against_2011_is_totals_only(capsys: pytest.CaptureFixture[str]) -> None:
    out = _results_json(capsys, "2015")
    assert _seats(out) == {"LPC": 184, "CPC": 99, "NDP": 44, "BQ": 10, "GPC": 1}
    assert out["seats_total"] == 338
    assert round(100 * out["turnout"], 2) == 68.28
    # The first election on the 2013 map: compared with 2011 (308 ridings) in party totals only.
    assert out["compared_with"]["id"] == "2011"
    assert out["comparison"] == "totals only"
    assert out["flips"] == []
    assert round(100 * out["previous_turnout"], 2) == 61.11
    lpc = next(p for p in out["parties"] if p["party"] == "LPC")
    assert lpc["seats_change"] == 184 - 34
    from seatcast.cli import main

    assert main(["results", "2015"]) == 0
    assert "2011 was held on another map: changes are in party totals only" in capsys.readouterr().out


def test_cli_results_2011(capsys: pytest.CaptureFixture[str]) -> None:
    out = _results_json(capsys, "2011")
    assert _seats(out) == {"CPC": 166, "NDP": 103, "LPC": 34, "BQ": 4, "GPC": 1}
    assert out["seats_total"] == 308
    assert out["majority"] == 155
    assert round(100 * out["turnout"], 2) == 61.11
    assert out["electors"] == 24_257_592
    assert out["compared_with"] is None  # no earlier election built in


def test_cli_results_2019_compares_with_2015_riding_by_riding(capsys: pytest.CaptureFixture[str]) -> None:
    out = _results_json(capsys, "2019")
    assert out["compared_with"]["id"] == "2015"
    assert out["comparison"] == "same map"
    lpc = next(p for p in out["parties"] if p["party"] == "LPC")
    assert lpc["seats_change"] == 157 - 184
    assert out["flips"]
    assert _results_json(capsys, "2021t")["compared_with"] is None  # a transposition: none
