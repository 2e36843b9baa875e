"""Golden tests: the built-in elections reproduce Elections Canada's official figures."""

from __future__ import annotations

import pytest

import seatcast
from seatcast import Party
from seatcast.domain.results import Stage
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
    assert s.majority == 172 and s.seats_total == 343


def test_house_sizes_come_from_the_maps() -> None:
    assert seatcast.load("2025").majority == 172
    assert seatcast.load("2021").majority == 170


@pytest.mark.parametrize(("election", "turnout"), [("2021", 62.56), ("2019", 67.04)])
def test_turnout(election: str, turnout: float) -> None:
    t = seatcast.load(election).turnout
    assert t is not None and round(100 * t, 2) == turnout


def test_2021_electors_and_ballots() -> None:
    e = seatcast.load("2021")
    assert (e.electors, e.total_ballots) == (27_509_496, 17_209_811)
    e = seatcast.load("2019")
    assert (e.electors, e.total_ballots) == (27_373_058, 18_350_359)


def test_terrebonne_judicial_recount_reverses_the_validated_count() -> None:
    stages = {r.stage: r for r in seatcast.load("2025").stages_of(24073)}
    validated, judicial = stages[Stage.VALIDATED], stages[Stage.JUDICIAL]
    assert (validated.winner.party, validated.winner.votes, validated.runner_up.votes) == (
        Party.BQ, 23_340, 23_296)  # type: ignore[union-attr]
    assert (judicial.winner.party, judicial.winner.votes) == (Party.LPC, 23_352)
    assert judicial.runner_up is not None and judicial.runner_up.votes == 23_351
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
    assert prelim[10007].winner.party is Party.LPC
    assert prelim[35060].winner.party is Party.CPC
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
