"""Benchmark the seat simulation against its floors, interleaved, one fresh process per size.

For each timed size (default 100,000 and 1,000,000 simulations of the 2025 projection) a
fresh process builds the projection and warms up (the fits, the compiled kernel, the floor's
code), then runs ``--repeats`` rounds; each round times, in an order that alternates from
round to round (so a slow minute from another job hits every side alike):

- the **simulation**: `seatcast.forecast.simulate.simulate` with the chosen engine, on
  ``--workers`` threads, in its default chunks;
- the **RNG floor**: the random numbers the simulation draws and nothing else: the same
  generators, seeds and calls per block (the national and regional normals, the three
  chi-square draws and the key, the kind errors' stream where the model has kinds of
  ridings, then every (region, party) cell's riding-noise stream, a block's worth of a cell
  in one call into a reused buffer), in the same chunks on the same number of threads;
- the **pass floor**: the RNG floor plus one pass over the logits: numpy's in-place ``exp``
  over every riding x party value of every draw (the one pass the simulation cannot avoid:
  its numbers are numpy's ``exp``), in (100, P, R) float32 sub-batches.

Every ratio is the median over rounds of the simulation's time over the floor's time *in the
same round*: wall time (``floor_ratio``, the figure asked for) and the process's CPU time
summed over its threads (``floor_ratio_cpu``: the work done, which other jobs on the machine
disturb much less than the wall time; the two agree on a quiet machine, where the threads
never wait for a core). After the rounds, outside the timing, the process runs the same size once on
the pure-numpy engine and checks that every output (seats, national shares, winners' odds,
share means and intervals) is identical (``--no-check`` skips it).

Memory: ``peak_mib`` is the peak resident set size (``getrusage(RUSAGE_SELF).ru_maxrss``)
of the process that ran that size, so a size never inherits another's peak; ``base_mib`` is
its resident size before the first timed run (interpreter, numpy, numba, the projection).
The **memory run** (``--memory-sizes``, default 10,000,000) runs one simulation in a process
of its own and nothing else (no floors, no check), so its peak is the simulation's.

The **compile time** of the kernel is measured in two more fresh processes sharing an empty
``NUMBA_CACHE_DIR``: the first (cold: an empty cache, numba compiles and writes it) and the
second (warm: it loads the cache), each as its first call on one block minus its second.

    .venv/bin/python benchmarks/simulate.py                     # 100k and 1M timed, 10M memory run
    .venv/bin/python benchmarks/simulate.py --json              # sims_per_s, floor_ratio, peak_mib per size
    .venv/bin/python benchmarks/simulate.py --memory-sizes ''   # the timed sizes only
    .venv/bin/python benchmarks/simulate.py --engine numpy      # the fallback

``--dask`` measures instead what a two-worker Dask ``LocalCluster`` (worker processes, one
thread each) costs over two local threads per 1,000 simulations, for this tree and for each
``--before`` source tree, the trees alternating round by round in fresh processes; inside a
process, local and Dask runs alternate too, and every Dask run is checked against the local
one (identical seats and national shares). The overhead is the median over all runs of
(Dask time - local time) / thousands of simulations, after the cluster has started and run
one warm-up simulation (its start-up is reported apart). Also reported: the bytes one chunk
of the default plan ships back (pickled), which is what the overhead mostly pays for.

    git worktree add /tmp/sim_before 876e4fe    # the code before the kernel
    .venv/bin/python benchmarks/simulate.py --dask --before /tmp/sim_before/src --json

Progress goes to stderr; stdout has only the table or the JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()
SRC = str(HERE.parents[1] / "src")


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _current_mib() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _say(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def _projection_2025() -> Any:
    """The 2025 projection, through whichever API the tree on ``sys.path`` has."""
    try:
        from seatcast.catalog import Catalog
        from seatcast.forecast.projection import Forecaster

        return Forecaster(Catalog.builtin()).project("2025")
    except ImportError:  # the tree before the Forecaster (876e4fe): a module-level project()
        from seatcast.forecast.projection import project  # type: ignore[attr-defined, unused-ignore]

        return project("2025")


def floor_chunk(spec: Any, blocks: list[tuple[int, int]], exp_pass: bool) -> None:
    """The floor of one chunk: its blocks' random numbers (and, with ``exp_pass``, one exp
    over every logit), drawn with the simulation's generators, seeds and calls."""
    import numpy as np

    from seatcast.forecast import simulate as sim
    from seatcast.forecast.simulate import BLOCK, _noise_stream, _rng

    r, p = spec.log_mean.shape
    g = spec.n_regions
    kind = getattr(spec, "kind", None)  # None: no kinds of ridings (or a tree before them)
    kinds = 0 if kind is None else int(kind.max()) + 1
    widths = [spec.bounds[k + 1] - spec.bounds[k] for k, _ in spec.noise_blocks]
    sub = 100
    buf = np.empty(BLOCK * max(widths), dtype=np.float32)
    # Typical values (a party that does not stand: a large one rather than inf, whose exp
    # would take numpy's slow path and flatter the ratio).
    logits = np.broadcast_to(np.minimum(-spec.log_mean.T, 30.0), (sub, p, r)).astype(np.float32)
    out = np.empty_like(logits)
    for index, n in blocks:
        rng = _rng(0, index)
        rng.standard_normal((n, p), dtype=np.float32)
        rng.chisquare(spec.nu, size=(n, 1))
        rng.standard_normal((n, g, p), dtype=np.float32)
        rng.chisquare(spec.nu, size=(n, g, 1))
        rng.chisquare(spec.nu, size=(n, g))
        key = int(rng.integers(0, 2**63))
        if kinds:  # the kind errors' own stream
            ks = np.random.SeedSequence(key, spawn_key=(sim.KIND_STREAM,))
            kg = np.random.Generator(np.random.SFC64(ks))
            kg.standard_normal((n, kinds, p), dtype=np.float32)
            kg.chisquare(spec.nu, size=(n, kinds, 1))
        for (k, j), w in zip(spec.noise_blocks, widths, strict=True):
            _noise_stream(key, k, j).standard_normal(out=buf[: n * w], dtype=np.float32)
        if exp_pass:
            for a in range(0, n, sub):
                m = min(sub, n - a)
                np.exp(logits[:m], out=out[:m])


def floor_seconds(spec: Any, sims: int, workers: int, exp_pass: bool) -> float:
    """Wall time of the floor of ``sims`` simulations, in the simulation's default chunks."""
    from seatcast.forecast.simulate import BLOCK, plan_chunks

    chunks = plan_chunks(sims, 2 * BLOCK)
    t = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as ex:
        list(ex.map(lambda ch: floor_chunk(spec, ch, exp_pass), chunks))
    return time.perf_counter() - t


FIELDS = ("seats", "national", "win_prob", "share_mean", "share_lo", "share_hi")


def one(sims: int, workers: int, repeats: int, engine: str, check: bool) -> dict[str, Any]:
    """In a fresh process: build, warm up, then interleaved rounds of the three timings."""
    import numpy as np

    from seatcast.forecast.simulate import BLOCK, make_spec, resolve_engine, simulate

    proj = _projection_2025()
    spec = make_spec(proj)
    used = resolve_engine(engine, sims)
    p = spec.log_mean.shape[1]
    simulate(proj, sims=2 * BLOCK, seed=0, workers=workers, engine=used)  # warm-up (fits, kernel)
    floor_seconds(spec, 2 * BLOCK, workers, exp_pass=True)
    base = _current_mib()
    load_before = _load()

    def timed(step: Callable[[], object]) -> tuple[float, float]:
        """Wall time and CPU time of the process (every thread) for one step."""
        w, c = time.perf_counter(), time.process_time()
        step()
        return time.perf_counter() - w, time.process_time() - c

    def sim() -> None:
        res = simulate(proj, sims=sims, seed=0, workers=workers, engine=used)
        assert res.seats.shape[0] == sims

    steps: dict[str, Callable[[], object]] = {
        "sim": sim,
        "floor": lambda: floor_seconds(spec, sims, workers, exp_pass=False),
        "floor_pass": lambda: floor_seconds(spec, sims, workers, exp_pass=True),
    }
    rounds = []
    for k in range(repeats):
        row: dict[str, float] = {}
        for name in list(steps) if k % 2 == 0 else list(steps)[::-1]:
            row[f"{name}_s"], row[f"{name}_cpu_s"] = timed(steps[name])
        rounds.append(row)
        _say(
            f"  {sims:>11,} round {k + 1}/{repeats}: simulation {row['sim_s']:7.2f} s, RNG floor"
            f" {row['floor_s']:7.2f} s, pass floor {row['floor_pass_s']:7.2f} s  (ratios"
            f" {row['sim_s'] / row['floor_s']:.2f}, {row['sim_s'] / row['floor_pass_s']:.2f};"
            f" CPU {row['sim_cpu_s'] / row['floor_cpu_s']:.2f}; load {_load()[0]})"
        )
    load_after = _load()
    peak = _rss_mib()

    def med(f: Callable[[dict[str, float]], float]) -> float:
        return statistics.median(f(x) for x in rounds)

    out: dict[str, Any] = {
        "sims": sims,
        "engine": used,
        "workers": workers,
        "seconds": med(lambda x: x["sim_s"]),
        "floor_seconds": med(lambda x: x["floor_s"]),
        "floor_pass_seconds": med(lambda x: x["floor_pass_s"]),
        "floor_ratio": med(lambda x: x["sim_s"] / x["floor_s"]),
        "floor_pass_ratio": med(lambda x: x["sim_s"] / x["floor_pass_s"]),
        "floor_ratio_cpu": med(lambda x: x["sim_cpu_s"] / x["floor_cpu_s"]),
        "floor_pass_ratio_cpu": med(lambda x: x["sim_cpu_s"] / x["floor_pass_cpu_s"]),
        "peak_mib": peak,
        "base_mib": base,
        "variates_per_sim": spec.n_noise + spec.n_regions * (p + 2) + p + 1,
        "load_before": load_before,
        "load_after": load_after,
        "rounds": rounds,
    }
    out["sims_per_s"] = sims / out["seconds"]
    if check:
        _say(f"  {sims:>11,} check: the same seed on the numpy engine (not timed)")
        a = simulate(proj, sims=sims, seed=0, workers=workers, engine=used)
        b = simulate(proj, sims=sims, seed=0, workers=workers, engine="numpy")
        out["identical_to_numpy"] = {f: bool(np.array_equal(getattr(a, f), getattr(b, f))) for f in FIELDS}
    return out


def memory_one(sims: int, workers: int, engine: str) -> dict[str, Any]:
    """In a fresh process: one simulation and nothing else; its peak resident size."""
    from seatcast.forecast.simulate import BLOCK, resolve_engine, simulate

    proj = _projection_2025()
    used = resolve_engine(engine, sims)
    simulate(proj, sims=2 * BLOCK, seed=0, workers=workers, engine=used)  # warm-up (fits, kernel)
    base = _current_mib()
    done = [0, 0]

    def tick(n: int) -> None:
        done[0] += n
        if done[0] * 10 // sims > done[1]:
            done[1] = done[0] * 10 // sims
            _say(f"  {sims:>11,} memory run: {done[0]:,} done, {_current_mib():.0f} MiB resident")

    load_before = _load()
    t = time.perf_counter()
    res = simulate(proj, sims=sims, seed=0, workers=workers, engine=used, progress=tick)
    took = time.perf_counter() - t
    arrays = sum(getattr(res, f).nbytes for f in ("seats", "national")) / 2**20
    return {
        "sims": sims,
        "engine": used,
        "workers": workers,
        "seconds": took,
        "sims_per_s": sims / took,
        "peak_mib": _rss_mib(),
        "base_mib": base,
        "draw_arrays_mib": arrays,
        "load_before": load_before,
        "load_after": _load(),
    }


def compile_probe() -> dict[str, float]:
    """In this process: numba's import, then the kernel's first and second call on one block."""
    t = time.perf_counter()
    import numba  # noqa: F401

    imported = time.perf_counter() - t
    from seatcast.forecast.simulate import make_spec, run_blocks

    spec = make_spec(_projection_2025())
    calls = []
    for _ in range(2):
        t = time.perf_counter()
        run_blocks(spec, 0, [(0, 1000)], False, "numba")
        calls.append(time.perf_counter() - t)
    return {"import_s": imported, "first_call_s": calls[0], "second_call_s": calls[1]}


def compile_times() -> dict[str, float]:
    """Cold (empty cache) and warm (cache filled) compile time, each in a fresh process."""
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, NUMBA_CACHE_DIR=cache)
        out = {}
        for name in ("cold", "warm"):
            cmd = [sys.executable, str(HERE), "--compile-probe"]
            run = subprocess.run(cmd, capture_output=True, text=True, check=True, env=env)
            probe = json.loads(run.stdout.strip().splitlines()[-1])
            out[f"{name}_compile_s"] = probe["first_call_s"] - probe["second_call_s"]
            out["numba_import_s"] = probe["import_s"]
            _say(
                f"  compile ({name} cache): {out[f'{name}_compile_s']:.2f} s"
                f" (numba import {probe['import_s']:.2f} s)"
            )
    return out


def dask_one(sizes: list[int], workers: int, inner: int) -> dict[str, Any]:
    """In this process (the tree on PYTHONPATH): local threads against a LocalCluster."""
    import numpy as np

    from seatcast.forecast import simulate as sim
    from seatcast.forecast.executors import dask_executor

    proj = _projection_2025()
    sim.simulate(proj, sims=max(sizes), seed=1, workers=workers)  # warm-up (fits, kernel)
    # What one chunk of the default plan ships back (the first chunk of the largest size).
    spec = sim.make_spec(proj)
    plan = sim.plan_chunks(max(sizes), _chunk_sims(sim, max(sizes), workers))
    args = (spec, 0, plan[0], False) + (("numba",) if "engine" in sim.run_blocks.__code__.co_varnames else ())
    chunk = sim.run_blocks(*args)
    out: dict[str, Any] = {
        "chunk_sims": sum(n for _, n in plan[0]),
        "chunk_bytes": len(pickle.dumps(chunk)),
        "local_s": {n: [] for n in sizes},
        "dask_s": {n: [] for n in sizes},
    }
    t = time.perf_counter()
    with dask_executor(workers=workers, processes=True) as ex:
        out["cluster_start_s"] = time.perf_counter() - t
        sim.simulate(proj, sims=4 * workers * 2000, seed=1, executor=ex, workers=workers)  # workers warm up
        for k in range(inner):
            for n in sizes:
                runs = {}
                for where in ("local", "dask") if k % 2 == 0 else ("dask", "local"):
                    t = time.perf_counter()
                    kw = {"executor": ex} if where == "dask" else {}
                    runs[where] = sim.simulate(proj, sims=n, seed=0, workers=workers, **kw)
                    out[f"{where}_s"][n].append(time.perf_counter() - t)
                a, b = runs["local"], runs["dask"]
                assert np.array_equal(a.seats, b.seats) and np.array_equal(a.national, b.national)
    return out


def _chunk_sims(sim: Any, sims: int, workers: int) -> int:
    """The chunk size `simulate` uses with an executor of its own (this tree's default)."""
    if hasattr(sim, "default_chunk_sims"):
        return int(sim.default_chunk_sims(sims, workers, remote=True))
    return 2 * sim.BLOCK


def dask_compare(
    trees: list[str], sizes: list[int], workers: int, repeats: int, inner: int
) -> dict[str, Any]:
    runs: dict[str, list[dict[str, Any]]] = {tree: [] for tree in trees}
    load_before = _load()
    for k in range(repeats):
        for tree in trees if k % 2 == 0 else trees[::-1]:
            env = dict(os.environ, PYTHONPATH=tree)
            cmd = [sys.executable, str(HERE), "--dask-one", "--sizes", ",".join(map(str, sizes))]
            cmd += ["--workers", str(workers), "--inner", str(inner)]
            run = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, check=True, env=env)
            res = json.loads(run.stdout.strip().splitlines()[-1])
            runs[tree].append(res)
            over = [
                statistics.median(
                    d - lo for d, lo in zip(res["dask_s"][str(n)], res["local_s"][str(n)], strict=True)
                )
                / (n / 1000)
                * 1000
                for n in sizes
            ]
            _say(
                f"  round {k + 1}/{repeats} {tree}: start {res['cluster_start_s']:.2f} s, overhead "
                + ", ".join(f"{o:.1f} ms/1k at {n:,}" for o, n in zip(over, sizes, strict=True))
                + f"; load {_load()[0]}"
            )
    doc: dict[str, Any] = {"workers": workers, "sizes": sizes, "load_before": load_before, "trees": {}}
    for tree, rs in runs.items():
        per: dict[int, float] = {}
        for n in sizes:
            diffs = [
                d - lo for r in rs for d, lo in zip(r["dask_s"][str(n)], r["local_s"][str(n)], strict=True)
            ]
            per[n] = statistics.median(diffs) / (n / 1000) * 1000
        doc["trees"][tree] = {
            "cluster_start_s": statistics.median(r["cluster_start_s"] for r in rs),
            "chunk_sims": rs[0]["chunk_sims"],
            "chunk_bytes": rs[0]["chunk_bytes"],
            "overhead_ms_per_1000": per,
            "local_s": {n: statistics.median(x for r in rs for x in r["local_s"][str(n)]) for n in sizes},
            "dask_s": {n: statistics.median(x for r in rs for x in r["dask_s"][str(n)]) for n in sizes},
            "runs": len(rs) * inner,
        }
    doc["load_after"] = _load()
    return doc


def _sizes(text: str) -> list[int]:
    return [int(x) for x in text.split(",") if x.strip()]


def main() -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--sizes", default="100000,1000000", help="timed simulation counts, comma-separated")
    ap.add_argument(
        "--memory-sizes", default="10000000", help="memory runs (one simulation each); '' for none"
    )
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=3, help="interleaved rounds per size (medians)")
    ap.add_argument("--engine", default="auto", choices=("auto", "numba", "numpy"))
    ap.add_argument("--no-check", action="store_true", help="skip the check against the numpy engine")
    ap.add_argument("--no-compile", action="store_true", help="skip the compile-time measurement")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--dask", action="store_true", help="Dask's overhead over local threads instead")
    ap.add_argument("--before", action="append", default=[], help="with --dask: another src tree to compare")
    ap.add_argument("--inner", type=int, default=3, help="with --dask: local/Dask pairs per process")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--memory-one", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--compile-probe", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--dask-one", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    child = _child(args)  # a fresh process running one measurement for the parent
    if child is not None:
        print(json.dumps(child))
        return 0
    if args.dask:
        return _dask_main(args)
    return _sizes_main(args)


def _child(args: argparse.Namespace) -> Any:
    if args.dask_one:
        return dask_one(_sizes(args.sizes), args.workers, args.inner)
    if args.compile_probe:
        return compile_probe()
    if args.one:
        return one(args.one, args.workers, args.repeats, args.engine, not args.no_check)
    if args.memory_one:
        return memory_one(args.memory_one, args.workers, args.engine)
    return None


def _dask_main(args: argparse.Namespace) -> int:
    _say(
        f"Dask overhead, {args.repeats} rounds x {args.inner} pairs,"
        f" trees: {', '.join([SRC, *args.before])}"
    )
    doc = dask_compare([SRC, *args.before], _sizes(args.sizes), args.workers, args.repeats, args.inner)
    if args.json:
        print(json.dumps(doc, indent=2))
        return 0
    for tree, d in doc["trees"].items():
        per = ", ".join(f"{v:.1f} ms/1k at {n:,}" for n, v in d["overhead_ms_per_1000"].items())
        print(
            f"{tree}: cluster start {d['cluster_start_s']:.2f} s; Dask overhead {per};"
            f" a chunk of {d['chunk_sims']:,} ships {d['chunk_bytes'] / 1024:,.0f} KiB"
        )
    return 0


def _sizes_main(args: argparse.Namespace) -> int:
    env = dict(os.environ, PYTHONPATH=SRC)
    base_cmd = [sys.executable, str(HERE), "--workers", str(args.workers), "--engine", args.engine]
    results = []
    for n in _sizes(args.sizes):
        _say(f"{n:,} simulations, {args.repeats} rounds, {args.workers} workers, engine {args.engine}:")
        cmd = [*base_cmd, "--one", str(n), "--repeats", str(args.repeats)] + (
            ["--no-check"] if args.no_check else []
        )
        out = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, check=True, env=env)
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    memory = []
    for n in _sizes(args.memory_sizes):
        _say(f"{n:,} simulations, memory run (one simulation, no floors), engine {args.engine}:")
        out = subprocess.run(
            [*base_cmd, "--memory-one", str(n)], stdout=subprocess.PIPE, text=True, check=True, env=env
        )
        memory.append(json.loads(out.stdout.strip().splitlines()[-1]))
    doc: dict[str, Any] = {
        "workers": args.workers,
        "cpus": os.cpu_count(),
        "results": results,
        "memory": memory,
    }
    if not args.no_compile and args.engine != "numpy":
        _say("numba compile time:")
        doc["compile"] = compile_times()
    if args.json:
        print(json.dumps(doc, indent=2))
        return 0
    head = f"{'sims':>10} {'engine':>6} {'seconds':>8} {'sims/s':>9} {'RNG floor':>9} {'ratio':>6}"
    print(
        head
        + f" {'pass floor':>10} {'ratio':>6} {'CPU ratios':>11} {'peak MiB':>9} {'= numpy':>8} {'load':>5}"
    )
    for r in results:
        same = (
            "-"
            if "identical_to_numpy" not in r
            else ("yes" if all(r["identical_to_numpy"].values()) else "NO")
        )
        print(
            f"{r['sims']:>10,} {r['engine']:>6} {r['seconds']:>8.2f} {r['sims_per_s']:>9,.0f}"
            f" {r['floor_seconds']:>9.2f} {r['floor_ratio']:>6.2f} {r['floor_pass_seconds']:>10.2f}"
            f" {r['floor_pass_ratio']:>6.2f} {r['floor_ratio_cpu']:>5.2f} {r['floor_pass_ratio_cpu']:>5.2f}"
            f" {r['peak_mib']:>9.0f} {same:>8} {r['load_before'][0]:>5.2f}"
        )
    for m in memory:
        print(
            f"{m['sims']:>10,} {m['engine']:>6} {m['seconds']:>8.2f} {m['sims_per_s']:>9,.0f}"
            f" {'(memory run)':>28} {m['peak_mib']:>29.0f} {'':>8} {m['load_before'][0]:>5.2f}"
        )
    if "compile" in doc:
        c = doc["compile"]
        print(
            f"numba compile: {c['cold_compile_s']:.2f} s cold, {c['warm_compile_s']:.2f} s warm"
            f" (import {c['numba_import_s']:.2f} s)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
