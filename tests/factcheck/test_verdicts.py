"""Verdict rules: exact figures, hedge tolerances, bounds, rounding; and the checker's choices."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from seatcast.domain.parties import Party
from seatcast.factcheck.claims import Claim
from seatcast.factcheck.lexicon import Hedge
from seatcast.factcheck.patterns import Kind
from seatcast.factcheck.verdicts import (
    SEAT_TOLERANCE,
    SHARE_TOLERANCE,
    Checker,
    Verdict,
    compare_count,
    compare_share,
)

C, CL, W = Verdict.CORRECT, Verdict.CLOSE, Verdict.WRONG


@pytest.mark.parametrize(("stated", "official", "hedge", "verdict"), [
    (169, 169, Hedge.EXACT, C),
    (168, 169, Hedge.EXACT, W),  # unhedged: one seat off is wrong
    (168, 169, Hedge.ABOUT, CL),  # "approximately 168"
    (23, 22, Hedge.ABOUT, CL),  # "about 23"
    (167, 169, Hedge.ABOUT, W),  # two off: beyond ±1
    (170, 169, Hedge.NEARLY, CL),  # "nearly 170"
    (160, 169, Hedge.OVER, C),  # "more than 160"
    (169, 169, Hedge.OVER, W),  # "more than 169" does not hold
    (169, 169, Hedge.AT_LEAST, C),
    (10, 7, Hedge.UNDER, C),  # "fewer than 10"
    (7, 7, Hedge.AT_MOST, C),
])
def test_seat_counts(stated, official, hedge, verdict):
    assert compare_count(stated, official, hedge, SEAT_TOLERANCE, "seat")[0] is verdict


@pytest.mark.parametrize(("stated", "decimals", "official", "hedge", "verdict"), [
    (43.8, 1, 43.76, Hedge.EXACT, C),  # rounds
    (44.0, 0, 43.76, Hedge.EXACT, C),  # "44 per cent" rounds
    (43.0, 0, 43.76, Hedge.EXACT, CL),  # truncated, not rounded
    (43.7, 1, 43.76, Hedge.EXACT, CL),  # truncated
    (43.5, 1, 43.76, Hedge.EXACT, W),
    (7.0, 0, 6.29, Hedge.ABOUT, CL),  # within a point after "about"
    (45.0, 0, 43.76, Hedge.NEARLY, W),  # 1.24 points off
    (40.0, 0, 43.76, Hedge.OVER, C),
])
def test_percentages(stated, decimals, official, hedge, verdict):
    assert compare_share(stated, official, decimals, hedge)[0] is verdict


@given(st.floats(0.01, 99.99), st.integers(0, 2))
def test_stating_the_rounded_figure_is_always_correct(official, decimals):
    stated = round(official, decimals)
    assert compare_share(stated, official, decimals, Hedge.EXACT)[0] is C


@given(st.floats(0.5, 99.0), st.floats(-SHARE_TOLERANCE, SHARE_TOLERANCE))
def test_a_hedged_share_within_tolerance_is_never_wrong(official, off):
    stated = round(official + off, 1)
    if abs(stated - official) <= SHARE_TOLERANCE:
        assert compare_share(stated, official, 1, Hedge.ABOUT)[0] in (C, CL)


@given(st.integers(0, 343), st.integers(-5, 5))
def test_unhedged_seats_are_right_only_when_exact(official, off):
    verdict = compare_count(official + off, official, Hedge.EXACT, SEAT_TOLERANCE, "seat")[0]
    assert verdict is (C if off == 0 else W)


def claim(kind: Kind, stated, party: Party | None = Party.LPC, **kw) -> Claim:
    return Claim(kind=kind, text="x", quote="x", stated=stated, party=party, **kw)


def test_projections_dissolution_and_missing_years_cannot_be_checked(elections):
    checker = Checker(elections["2025"], elections)
    for refers, reason in [("projection", "projection"), ("dissolution", "dissolution"),
                           ("2006", "2006 results are not in the built-in data")]:
        result = checker.check(claim(Kind.SEATS, 180, Party.CPC, refers_to=refers))
        assert result.verdict is Verdict.UNCHECKABLE
        assert reason in result.note


def test_a_seat_claim_without_a_party_cannot_be_checked(elections):
    result = Checker(elections["2025"], elections).check(claim(Kind.SEATS, 22, None))
    assert result.verdict is Verdict.UNCHECKABLE
    assert "no party" in result.note


def test_turnout_2025_2021_and_2019(elections):
    r2025 = Checker(elections["2025"], elections).check(claim(Kind.TURNOUT, 69.0, None))
    assert (r2025.verdict, r2025.official) == (C, 68.95)  # table 11: 19,811,520 / 28,731,275
    assert "28,731,275 electors" in r2025.note
    r2021 = Checker(elections["2021"], elections).check(claim(Kind.TURNOUT, 62.6, None, decimals=1))
    assert (r2021.verdict, r2021.official) == (C, 62.56)
    r2019 = Checker(elections["2019"], elections).check(claim(Kind.TURNOUT, 67.0, None))
    assert (r2019.verdict, r2019.official) == (C, 67.04)
    down = Checker(elections["2021"], elections).check(claim(Kind.TURNOUT_DIRECTION, "up", None))
    assert (down.verdict, down.official) == (W, "down")


def test_seat_changes_accept_either_2021_baseline_and_say_which(elections):
    checker = Checker(elections["2025"], elections)
    vs_transposed = checker.check(claim(Kind.SEAT_CHANGE, 12, direction="up"))  # 157 -> 169
    vs_elected = checker.check(claim(Kind.SEAT_CHANGE, 9, direction="up"))  # 160 -> 169
    neither = checker.check(claim(Kind.SEAT_CHANGE, 20, direction="up"))
    assert (vs_transposed.verdict, vs_transposed.compared_with) == (C, "2021t")
    assert (vs_elected.verdict, vs_elected.compared_with) == (C, "2021")
    assert neither.verdict is W
    wrong_way = checker.check(claim(Kind.SEAT_CHANGE, -12, direction="down"))
    assert wrong_way.verdict is W


def test_a_fall_that_was_a_rise_is_wrong_even_with_the_right_count(elections):
    result = Checker(elections["2025"], elections).check(claim(Kind.SEATS, 144, Party.CPC, direction="down"))
    assert result.verdict is W
    assert "did not go down" in result.note


def test_consecutive_terms_count_back_past_the_built_in_data(elections):
    assert Checker(elections["2025"], elections).check(claim(Kind.TERMS, 4)).verdict is C
    assert Checker(elections["2021"], elections).check(claim(Kind.TERMS, 3)).verdict is C
    assert Checker(elections["2019"], elections).check(claim(Kind.TERMS, 2)).verdict is C
    assert Checker(elections["2025"], elections).check(claim(Kind.TERMS, 3)).verdict is W
    assert Checker(elections["2025"], elections).check(claim(Kind.TERMS, 1, Party.CPC)).official == 0


def test_rank_by_votes_or_seats_and_province_scope(elections):
    checker = Checker(elections["2025"], elections)
    assert checker.check(claim(Kind.RANK, 3, Party.BQ, measure="votes")).verdict is C
    assert checker.check(claim(Kind.RANK, 4, Party.NDP, measure="votes")).verdict is C
    quebec = checker.check(claim(Kind.SEATS, 44, Party.LPC, province="QC"))
    assert (quebec.verdict, quebec.official) == (C, 44)
    assert checker.check(claim(Kind.RANK, 2, Party.BQ, province="QC")).verdict is C


def test_majority_and_seats_short_default_to_the_largest_party(elections):
    checker = Checker(elections["2025"], elections)
    short = checker.check(claim(Kind.SEATS_SHORT, 3, None, party_implied=True))
    assert (short.verdict, short.official, short.claim.party) == (C, 3, Party.LPC)
    assert checker.check(claim(Kind.MAJORITY, "majority", None, party_implied=True)).verdict is W


def test_region_and_city_scopes(elections):
    checker = Checker(elections["2025"], elections)
    atlantic = checker.check(claim(Kind.SEATS, 24, Party.LPC, province="ATL"))
    assert (atlantic.verdict, atlantic.official) == (C, 24)
    assert checker.check(claim(Kind.HOUSE_SIZE, 32, None, province="ATL")).official == 32
    city = checker.check(claim(Kind.SEATS, 20, Party.LPC, province="ON", refers_to="area"))
    assert city.verdict is Verdict.UNCHECKABLE
    assert "city" in city.note
