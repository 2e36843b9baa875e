"""Golden values on official results (2025 unless stated), checked independently by votelib."""

from __future__ import annotations

from fractions import Fraction

import pytest
from votelib.evaluate.proportional import HighestAverages

from seatcast import load
from seatcast.domain.parties import Party
from seatcast.systems.coalitions import (
    all_coalitions,
    banzhaf,
    minimal_winning,
    named,
    shapley_shubik,
)
from seatcast.systems.fptp import FPTP
from seatcast.systems.listpr import ListPR
from seatcast.systems.measures import compare_parties, measure

P = Party


def nonzero(seats: dict[Party, int]) -> dict[str, int]:
    return {p.value: n for p, n in seats.items() if n}


def test_dhondt_national_2025() -> None:
    out = ListPR(method="dhondt").run(load("2025"))
    assert nonzero(dict(out.seats)) == {"LPC": 152, "CPC": 143, "BQ": 21, "NDP": 21, "GPC": 4, "PPC": 2}
    assert out.ties == ()


def test_sainte_lague_national_2025() -> None:
    out = ListPR(method="sainte-lague").run(load("2025"))
    assert nonzero(dict(out.seats)) == {"LPC": 151, "CPC": 142, "BQ": 22, "NDP": 22, "GPC": 4, "PPC": 2}


@pytest.mark.parametrize("divisor", ["d_hondt", "sainte_lague"])
def test_national_pool_matches_votelib(divisor: str) -> None:
    e = load("2025")
    votes = {p.value: v for p, v in e.votes().items() if p.is_list_party}
    ref = HighestAverages(divisor).evaluate(votes, 343)
    ours = ListPR(method="dhondt" if divisor == "d_hondt" else "sainte-lague").run(e)
    assert nonzero(dict(ours.seats)) == ref


def test_pooling_independents_would_wrongly_give_them_a_seat() -> None:
    """Why IND and OTH stand no list: pooled as one 'party', 85,800 votes would take a seat."""
    e = load("2025")
    votes = {p.value: v for p, v in e.votes().items() if p.is_list_party}
    votes["IND+OTH"] = e.votes()[P.IND] + e.votes()[P.OTH]
    assert votes["IND+OTH"] == 85_800
    assert HighestAverages("sainte_lague").evaluate(votes, 343)["IND+OTH"] == 1


def test_fptp_reproduces_official_seats() -> None:
    assert nonzero(dict(FPTP().run(load("2025")).seats)) == {
        "LPC": 169, "CPC": 144, "BQ": 22, "NDP": 7, "GPC": 1}
    assert nonzero(dict(FPTP().run(load("2019")).seats)) == {
        "LPC": 157, "CPC": 121, "BQ": 32, "NDP": 24, "GPC": 3, "IND": 1}


def test_fptp_measures_2025() -> None:
    fptp = FPTP().run(load("2025"))
    m = measure(fptp)
    assert m.gallagher == pytest.approx(5.01, abs=0.005)
    assert m.enp_votes == pytest.approx(2.70, abs=0.005)
    assert m.enp_seats == pytest.approx(2.36, abs=0.005)
    assert m.loosemore_hanby == pytest.approx(6.30, abs=0.005)
    # ballots for a winner: 19,641,663 valid minus 9,019,370 cast for losing candidates
    assert m.wasted_votes == 9_019_370
    assert m.share_elected_someone == pytest.approx(0.5408, abs=1e-4)
    rows = {r.party: r for r in compare_parties(fptp, fptp)}
    assert rows[P.LPC].seats_per_100k == pytest.approx(169 / 85.95488)


def test_coalitions_2025() -> None:
    e = load("2025")
    seats = named(e.seats())
    assert e.majority == 172
    by_label = {c.label: c for c in all_coalitions(seats, e.majority)}
    assert by_label["LPC+NDP"].seats == 176
    assert by_label["LPC+NDP"].winning
    assert by_label["LPC+BQ"].seats == 191
    assert by_label["LPC+BQ"].winning
    assert by_label["LPC"].surplus == -3
    assert [c.label for c in minimal_winning(seats, e.majority)] == [
        "CPC+BQ+NDP", "LPC+NDP", "LPC+BQ", "LPC+CPC"]


def test_power_indices_2025() -> None:
    seats = named(load("2025").seats())
    order = [P.LPC, P.CPC, P.BQ, P.NDP, P.GPC]
    expected = [Fraction(1, 2), Fraction(1, 6), Fraction(1, 6), Fraction(1, 6), Fraction(0)]
    assert [banzhaf(seats, 172)[p] for p in order] == expected
    assert [shapley_shubik(seats, 172)[p] for p in order] == expected
