"""Apportionment methods: exact results, ties as values, named tie rules, thresholds."""

from __future__ import annotations

from fractions import Fraction

import pytest

from seatcast.domain.parties import Party
from seatcast.errors import SeatcastError
from seatcast.systems.apportionment import Allocation, TieError, break_ties
from seatcast.systems.divisors import highest_averages
from seatcast.systems.methods import METHODS, apportion, method_name
from seatcast.systems.quotas import largest_remainder
from seatcast.systems.thresholds import Threshold, qualified

# A textbook example (votes 100k/80k/30k/20k, 8 seats) with the answers by hand.
VOTES = {"A": 100_000, "B": 80_000, "C": 30_000, "D": 20_000}


@pytest.mark.parametrize(("method", "expected"), [
    ("dhondt", {"A": 4, "B": 3, "C": 1, "D": 0}),
    ("sainte-lague", {"A": 3, "B": 3, "C": 1, "D": 1}),
    ("huntington-hill", {"A": 3, "B": 3, "C": 1, "D": 1}),
    ("adams", {"A": 3, "B": 3, "C": 1, "D": 1}),
    ("hare", {"A": 3, "B": 3, "C": 1, "D": 1}),
    ("droop", {"A": 4, "B": 3, "C": 1, "D": 0}),
])
def test_textbook_example(method: str, expected: dict[str, int]) -> None:
    alloc = apportion(VOTES, 8, method)
    assert not alloc.is_tie
    assert dict(alloc.seats) == expected


def test_modified_sainte_lague_exact_tie() -> None:
    # A's 4th quotient 100000/7 equals D's first 20000/1.4 = 100000/7 exactly: a tie, returned
    alloc = apportion(VOTES, 8, "modified-sainte-lague")
    assert alloc == Allocation({"A": 3, "B": 3, "C": 1, "D": 0}, ("A", "D"), 1)
    assert break_ties(alloc, VOTES, "most-votes") == {"A": 4, "B": 3, "C": 1, "D": 0}


def test_every_method_is_registered_once() -> None:
    assert list(METHODS) == ["dhondt", "sainte-lague", "modified-sainte-lague", "huntington-hill",
                             "adams", "hare", "droop"]
    assert method_name("D'Hondt") == "dhondt"
    assert method_name("Webster") == "sainte-lague"
    assert method_name("hamilton") == "hare"
    with pytest.raises(SeatcastError, match="unknown apportionment method 'imperiali'"):
        method_name("imperiali")


def test_divisor_tie_is_returned_not_broken() -> None:
    alloc = highest_averages({"A": 10, "B": 10, "C": 3}, 1, "dhondt")
    assert alloc == Allocation({"A": 0, "B": 0, "C": 0}, ("A", "B"), 1)
    # quotients 30/3 == 20/2: equal quotients from different seat counts also tie
    alloc = highest_averages({"A": 30, "B": 20}, 4, "dhondt")
    assert alloc.seats == {"A": 2, "B": 1}
    assert alloc.tied == ("A", "B")
    assert alloc.tied_seats == 1


def test_remainder_tie_is_returned_not_broken() -> None:
    alloc = largest_remainder({"A": 5, "B": 5, "C": 5}, 2, "hare")
    assert alloc.tied == ("A", "B", "C")
    assert alloc.tied_seats == 2
    assert sum(alloc.seats.values()) == 0


def test_droop_with_tiny_totals_gives_whole_rounds_first() -> None:
    # Droop quota 1 for 2 votes and 7 seats: 1 seat each, 5 left for 2 parties: 2 whole rounds,
    # then 1 seat between two equal remainders (a tie); a party without votes gets nothing.
    assert largest_remainder({"a": 1, "b": 1}, 7, "droop") == Allocation({"a": 3, "b": 3}, ("a", "b"), 1)
    assert largest_remainder({"a": 2, "b": 1, "c": 0}, 8, "droop") == Allocation(
        {"a": 4, "b": 3, "c": 0}, ("a", "b"), 1)
    assert largest_remainder({"a": 3, "b": 1}, 4, "droop") == Allocation({"a": 3, "b": 1})
    with pytest.raises(ValueError, match=r"^no party has votes to receive a seat$"):
        largest_remainder({"a": 0}, 1, "droop")
    with pytest.raises(ValueError, match=r"^seats and votes must be non-negative$"):
        largest_remainder({"a": -1}, 1, "hare")
    assert largest_remainder({"a": 0}, 0, "droop") == Allocation({"a": 0})


def test_named_tie_rules() -> None:
    alloc = highest_averages({"A": 30, "B": 20}, 4, "dhondt")
    votes = {"A": 30, "B": 20}
    assert break_ties(alloc, votes, "most-votes") == {"A": 3, "B": 1}
    with pytest.raises(TieError, match="tie for 1 seat"):
        break_ties(alloc, votes, "strict")
    draws = {tuple(break_ties(alloc, votes, f"lot:{s}").items()) for s in range(20)}
    assert draws == {(("A", 3), ("B", 1)), (("A", 2), ("B", 2))}  # both outcomes occur
    assert break_ties(alloc, votes, "lot:7") == break_ties(alloc, votes, "lot:7")
    with pytest.raises(SeatcastError, match="unknown tie rule"):
        break_ties(alloc, votes, "coin")
    with pytest.raises(SeatcastError, match="unknown tie rule 'lot:-1'"):  # not numpy's ValueError
        break_ties(alloc, votes, "lot:-1")
    equal = highest_averages({"B": 10, "A": 10}, 1, "dhondt")
    assert break_ties(equal, {"B": 10, "A": 10}, "most-votes") == {"B": 1, "A": 0}  # listed first


def test_huntington_hill_and_adams_give_every_party_a_first_seat() -> None:
    votes = {"big": 1_000_000, "small": 1}
    for m in ("huntington-hill", "adams"):
        assert apportion(votes, 2, m).seats == {"big": 1, "small": 1}
    assert apportion(votes, 2, "dhondt").seats == {"big": 2, "small": 0}
    # fewer seats than parties: first seats in order of votes
    assert apportion({"a": 5, "b": 9, "c": 7}, 2, "adams").seats == {"a": 0, "b": 1, "c": 1}


def test_zero_votes_never_win_and_no_votes_is_an_error() -> None:
    assert apportion({"a": 0, "b": 3}, 3, "sainte-lague").seats == {"a": 0, "b": 3}
    with pytest.raises(ValueError, match=r"^no party has votes to receive a seat$"):
        apportion({"a": 0}, 1, "dhondt")


def test_already_held_seats_start_the_divisor() -> None:
    # sequential compensation: A holds 3 local seats, so its next divisor is 4
    alloc = highest_averages({"A": 60, "B": 40}, 2, "dhondt", already={"A": 3})
    assert alloc.seats == {"A": 0, "B": 2}


def test_threshold_parsing_and_scopes() -> None:
    assert Threshold.parse("5%").share == Fraction(1, 20)
    assert Threshold.parse("5").share == Fraction(1, 20)
    assert Threshold.parse("0.03").share == Fraction(3, 100)
    with pytest.raises(SeatcastError, match="not a number"):
        Threshold.parse("five")
    with pytest.raises(SeatcastError, match=r"threshold '150%' must be from 0 to below 100 %"):
        Threshold.parse("150%")
    with pytest.raises(SeatcastError, match=r"threshold '-5' must be"):
        Threshold.parse("-5")
    with pytest.raises(SeatcastError, match="unknown threshold scope"):
        Threshold(Fraction(0), "planet")
    national = {Party.LPC: 50, Party.BQ: 6, Party.GPC: 4, Party.IND: 40}
    district = {Party.LPC: 10, Party.BQ: 6, Party.GPC: 4, Party.IND: 1}
    five = Threshold(Fraction(1, 20))
    assert qualified(five, district, national) == {Party.LPC, Party.BQ}
    assert qualified(Threshold(Fraction(1, 20), "district"), district, national) == {
        Party.LPC, Party.BQ, Party.GPC}  # 4/21 of the district
    assert qualified(Threshold(Fraction(1, 20), "national", 1), district, national,
                     {Party.GPC: 1}) == {Party.LPC, Party.BQ, Party.GPC}  # local-seat clause
