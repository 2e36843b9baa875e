"""Government arithmetic: coalitions, power indices and coalition odds over forecast draws."""

from __future__ import annotations

from fractions import Fraction
from itertools import permutations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seatcast.domain.parties import Party
from seatcast.errors import SeatcastError
from seatcast.systems.coalitions import (
    banzhaf,
    coalition_probabilities,
    minimal_connected_winning,
    minimal_winning,
    shapley_shubik,
)

P = Party
weights_st = st.dictionaries(st.sampled_from("ABCDEF"), st.integers(1, 60), min_size=1, max_size=6)


@given(weights_st)
@settings(max_examples=60, deadline=None)
def test_power_indices_sum_to_one_and_match_brute_force(seats: dict[str, int]) -> None:
    line = sum(seats.values()) // 2 + 1
    bz, ss = banzhaf(seats, line), shapley_shubik(seats, line)
    assert sum(bz.values()) == 1
    assert sum(ss.values()) == 1
    # Shapley–Shubik by enumerating every order of arrival
    pivots = dict.fromkeys(seats, 0)
    orders = list(permutations(seats))
    for order in orders:
        total = 0
        for p in order:
            total += seats[p]
            if total >= line:
                pivots[p] += 1
                break
    assert ss == {p: Fraction(n, len(orders)) for p, n in pivots.items()}


def test_dummy_and_dictator() -> None:
    assert banzhaf({"A": 60, "B": 39, "C": 1}, 51) == {"A": 1, "B": 0, "C": 0}
    assert shapley_shubik({"A": 50, "B": 49, "C": 1}, 51) == {
        "A": Fraction(2, 3), "B": Fraction(1, 6), "C": Fraction(1, 6)}


def test_minimal_winning_every_member_needed() -> None:
    seats = {"A": 40, "B": 35, "C": 20, "D": 5}
    labels = [c.label for c in minimal_winning(seats, 51)]
    assert labels == ["B+C", "A+C", "A+B"]  # D (5 seats) is in no minimal winning coalition
    for c in minimal_winning(seats, 51):
        assert all(c.seats - seats[p] < 51 for p in c.parties)


def test_minimal_connected_winning_on_the_left_right_axis() -> None:
    seats = {P.NDP: 30, P.LPC: 40, P.CPC: 45, P.BQ: 10}  # axis: NDP GPC BQ LPC CPC PPC
    got = [c.label for c in minimal_connected_winning(seats, 63)]
    assert got == ["NDP+BQ+LPC", "LPC+CPC"]  # NDP+LPC skips the Bloc, so it is not connected


def test_coalition_probabilities_count_draws() -> None:
    parties = [P.LPC, P.CPC, P.NDP]
    draws = np.array([[170, 150, 23], [180, 140, 23], [160, 160, 23], [172, 160, 11]])
    probs = coalition_probabilities(draws, parties, 172)
    assert probs[(P.LPC,)] == 0.5
    assert probs[(P.LPC, P.NDP)] == 1.0
    assert probs[(P.CPC, P.NDP)] == 0.5  # 173 and 183 of 173, 163, 183, 171
    assert len(probs) == 7
    only = coalition_probabilities(draws, parties, 172, [[P.CPC, P.NDP]], chunk=1)
    assert only == {(P.CPC, P.NDP): 0.5}
    with pytest.raises(SeatcastError, match="seats must be"):
        coalition_probabilities(draws[:, :2], parties, 172)
    with pytest.raises(SeatcastError, match="is not in the draws"):
        coalition_probabilities(draws, parties, 172, [[P.BQ]])


@given(st.integers(0, 2**32 - 1))
@settings(max_examples=20, deadline=None)
def test_coalition_probabilities_agree_with_a_loop(seed: int) -> None:
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, 200, size=(50, 4))
    parties = ["a", "b", "c", "d"]
    probs = coalition_probabilities(draws, parties, 172, chunk=7)
    for combo, p in probs.items():
        idx = [parties.index(x) for x in combo]
        assert p == sum(row[idx].sum() >= 172 for row in draws) / 50


def test_minimal_winning_probabilities() -> None:
    from seatcast.systems.coalitions import minimal_winning_probabilities

    parties = ["A", "B", "C"]
    draws = np.array([[172, 100, 71], [150, 100, 93], [100, 172, 0]])
    probs = minimal_winning_probabilities(draws, parties, 172)
    assert probs[("A",)] == pytest.approx(1 / 3)  # draw 1
    assert probs[("A", "B")] == pytest.approx(1 / 3)  # draw 2 only: in draw 1 B is not needed
    assert probs[("B",)] == pytest.approx(1 / 3)
    # draw 2 (100 + 93, both needed) but not draw 3, where C holds no seat and is not needed
    assert probs[("B", "C")] == pytest.approx(1 / 3)
    assert probs[("A", "B", "C")] == 0.0


def test_forecast_coalitions_cli(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from seatcast.catalog import Catalog
    from seatcast.cli import main
    from seatcast.forecast.projection import Forecaster
    from seatcast.forecast.simulate import run_projection

    assert main(["coalitions", "2025", "--from-forecast", "--sims", "300", "--seed", "5", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["sims"] == 300
    assert out["majority"] == 172
    res = run_projection(Forecaster(Catalog.builtin()), "2025", sims=300, seed=5)
    lpc = res.parties.index(Party.LPC)
    alone = next(c for c in out["combinations"] if c["parties"] == ["LPC"])
    assert alone["probability"] == float((res.seats[:, lpc] >= 172).mean())
    assert all(0 <= c["minimal_winning"] <= c["probability"] <= 1 for c in out["combinations"])


def test_forecast_coalitions_error_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    """No progress-bar residue (a blank line) on stderr before the error when it is not a terminal."""
    from seatcast.cli import main

    assert main(["coalitions", "2015", "--from-forecast", "--sims", "100"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("seatcast: error: no forecast for election 2015")
    assert err.count("\n") == 1


@pytest.mark.parametrize(("argv", "message"), [
    (["coalitions", "2025", "--sims", "100"], "--sims and --seed apply with --from-forecast only"),
    (["coalitions", "2025", "--seed", "3"], "--sims and --seed apply with --from-forecast only"),
    (["coalitions", "2025", "--system", "stv", "--from-forecast", "--sims", "100"],
     "--system does not apply with --from-forecast"),
])
def test_coalition_options_that_do_not_apply_are_errors(argv: list[str], message: str,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    from seatcast.cli import main

    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("seatcast: error: ")
    assert message in err
