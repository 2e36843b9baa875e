"""Benchmark the seat simulation against the bare random-number floor, side by side.

For each size (default 100,000 and 1,000,000 simulations of the 2025 projection) it
reports wall time, simulations per second, the ratio to the "floor" (numpy drawing the same
number of float32 normal variates, in the same blocks, on the same threads, into reused
buffers) measured in the same run, and the peak memory of a fresh process running it.

    .venv/bin/python benchmarks/simulate.py            # table
    .venv/bin/python benchmarks/simulate.py --json     # sims_per_s, floor_ratio, peak_mib per size
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def floor_seconds(sims: int, variates_per_sim: int, workers: int, block: int) -> float:
    import numpy as np

    from seatcast.forecast.simulate import plan_chunks

    def run(index: int, n: int) -> None:
        rng = np.random.Generator(np.random.SFC64(np.random.SeedSequence(1, spawn_key=(index,))))
        buf = np.empty(n * variates_per_sim, dtype=np.float32)
        rng.standard_normal(out=buf, dtype=np.float32)

    blocks = [b for chunk in plan_chunks(sims, block) for b in chunk]  # the simulation's own blocks
    t = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as ex:
        list(ex.map(lambda b: run(*b), blocks))
    return time.perf_counter() - t


def one(sims: int, workers: int) -> dict[str, float]:
    """Run in a fresh process: the projection is built first, then timed and measured."""
    from seatcast.forecast.projection import project
    from seatcast.forecast.simulate import BLOCK, make_spec, simulate

    proj = project("2025")
    spec = make_spec(proj)
    simulate(proj, sims=2 * BLOCK, seed=0, workers=workers)  # warm-up (fits, caches)
    p = spec.log_mean.shape[1]
    g = spec.n_regions
    variates = spec.n_noise + g * p + p + 2 * g + 1  # normals and chi-squares per election
    base_mib = _peak_mib()
    t = time.perf_counter()
    res = simulate(proj, sims=sims, seed=0, workers=workers)
    sim_s = time.perf_counter() - t
    peak = _peak_mib()
    assert res.seats.shape[0] == sims
    fl = floor_seconds(sims, variates, workers, BLOCK)
    return {
        "sims": sims,
        "seconds": sim_s,
        "sims_per_s": sims / sim_s,
        "floor_seconds": fl,
        "floor_sims_per_s": sims / fl,
        "floor_ratio": sim_s / fl,
        "peak_mib": peak,
        "peak_mib_over_start": peak - base_mib,
        "variates_per_sim": variates,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100000,1000000", help="comma-separated simulation counts")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.workers)))
        return 0
    results = []
    for n in (int(x) for x in args.sizes.split(",")):
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(n), "--workers", str(args.workers)],
            capture_output=True,
            text=True,
            check=True,
        )
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    doc = {"workers": args.workers, "cpus": os.cpu_count(), "results": results}
    if args.json:
        print(json.dumps(doc, indent=2))
    else:
        print(f"{'sims':>10} {'seconds':>8} {'sims/s':>9} {'floor s':>8} {'ratio':>6} {'peak MiB':>9}")
        for r in results:
            print(
                f"{r['sims']:>10,} {r['seconds']:>8.2f} {r['sims_per_s']:>9,.0f} {r['floor_seconds']:>8.2f}"
                f" {r['floor_ratio']:>6.2f} {r['peak_mib']:>9.0f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
