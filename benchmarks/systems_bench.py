"""Timing of the what-if core, measured side by side in one run (no assertions).

    .venv/bin/python benchmarks/systems_bench.py

Prints: one exact national D'Hondt allocation (343 seats) by Seatcast and by votelib, every
registered system on 2025, and coalition odds over 200,000 simulated Houses of 7 parties.
"""

from __future__ import annotations

import time

import numpy as np
from votelib.evaluate.proportional import HighestAverages

from seatcast import load
from seatcast.systems.coalitions import coalition_probabilities, minimal_winning_probabilities
from seatcast.systems.methods import apportion
from seatcast.systems.registry import SYSTEMS


def best_of(fn, repeat: int = 5) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    e = load("2025")
    votes = {p.value: v for p, v in e.votes().items() if p.is_list_party}
    ours = best_of(lambda: apportion(votes, 343, "dhondt"))
    ref = best_of(lambda: HighestAverages("d_hondt").evaluate(votes, 343))
    print(f"D'Hondt, 343 seats: seatcast {ours * 1e3:.2f} ms, votelib {ref * 1e3:.2f} ms "
          f"(ratio {ours / ref:.2f})")
    for name, system in SYSTEMS.items():
        print(f"{name:14s} on 2025: {best_of(lambda s=system: s.run(e), 3) * 1e3:7.1f} ms")
    rng = np.random.default_rng(0)
    draws = rng.multinomial(343, [0.45, 0.38, 0.06, 0.05, 0.03, 0.02, 0.01], size=200_000)
    parties = ["LPC", "CPC", "BQ", "NDP", "GPC", "PPC", "OTH"]
    reach = best_of(lambda: coalition_probabilities(draws, parties, 172), 3)
    minimal = best_of(lambda: minimal_winning_probabilities(draws, parties, 172), 3)
    print(f"200,000 draws x 7 parties, all 127 combinations: reaches majority {reach:.2f} s, "
          f"minimal winning {minimal:.2f} s")


if __name__ == "__main__":
    main()
