"""The simulation's ratio to its RNG floor, with and without the kind errors' stream in the floor.

The floor of `benchmarks/simulate.py` draws every random number the simulation draws; before
the kind errors' stream was added to it, it left that stream out. This prints both ratios,
measured side by side: one thread, 40,000 draws of the 2025 projection, interleaved rounds,
medians.

    .venv/bin/python benchmarks/simulate_floor_kind.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from seatcast.forecast import simulate as sim
from simulate import _projection_2025, floor_chunk


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--sims", type=int, default=40_000)
    args = ap.parse_args()
    proj = _projection_2025()
    spec = sim.make_spec(proj)
    without = dataclasses.replace(spec, kind=None)
    blocks = sim.plan_chunks(args.sims, args.sims)[0]
    sim.simulate(proj, sims=args.sims, seed=0, workers=1)  # warm-up: the fits, the kernel
    floor_chunk(spec, blocks, False)
    ratios: list[tuple[float, float]] = []
    for _ in range(args.rounds):
        t = time.perf_counter()
        sim.simulate(proj, sims=args.sims, seed=0, workers=1)
        s = time.perf_counter() - t
        t = time.perf_counter()
        floor_chunk(spec, blocks, False)
        a = time.perf_counter() - t
        t = time.perf_counter()
        floor_chunk(without, blocks, False)
        b = time.perf_counter() - t
        ratios.append((s / a, s / b))
    with_kind = statistics.median(r[0] for r in ratios)
    without_kind = statistics.median(r[1] for r in ratios)
    print(f"ratio to the floor with the kind stream {with_kind:.2f}, without it {without_kind:.2f}"
          f" (median of {args.rounds} rounds, one thread, {args.sims:,} draws)")


if __name__ == "__main__":
    main()
