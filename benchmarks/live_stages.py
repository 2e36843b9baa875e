"""Where a bulk ingest's time goes, per update: the whole synthetic night in chunks of 250.

    .venv/bin/python benchmarks/live_stages.py [--seed S]

Timers around each stage of the ingest path (parsing a line, the store's part of a chunk,
the riding projections and calls, the seat draws, the projections' texts, the national
projection), then the commit as what remains of a chunk.  The timers cost a little
themselves: the total is a few per cent above `benchmarks/live.py`'s figure.  Runs on the
code before this breakdown was added too (a stage it does not have is left out), e.g.
``PYTHONPATH=<other tree>/src .venv/bin/python benchmarks/live_stages.py``.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import importlib
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import seatcast.live.model as model_mod
import seatcast.live.night as night_mod
import seatcast.live.store as store_mod
from seatcast.catalog import Catalog
from seatcast.forecast.projection import Forecaster
from seatcast.live.feed import RawRecord, prepare
from seatcast.live.night import LiveNight, day_chunks
from seatcast.live.plan import plan_night
from seatcast.live.synthetic import synthetic_feed

SPENT: collections.Counter[str] = collections.Counter()
STAGES = [
    (store_mod.LogStore, "chunk", "a chunk in all (the rows below, and the commit)"),
    (store_mod.LogStore, "_apply", "the store: duplicates, plausibility, corrections, log rows"),
    (night_mod.LiveNight, "_finish", "the model's part of a chunk in all"),
    (model_mod.LiveModel, "project", "riding projections"),
    (night_mod, "riding_call", "riding calls"),
    (model_mod.SeatDraws, "set_ridings", "seat draws (re-draw)"),
    (model_mod.SeatDraws, "chances_of", "draw chances per riding"),
    (store_mod.LogStore, "save_projections", "projections' texts and their rows"),
    (night_mod.LiveNight, "refresh_national", "national projection, government calls, state"),
]


def timed(owner: Any, name: str, label: str) -> None:
    f = getattr(owner, name, None)
    if f is None:
        return

    def g(*a: Any, **k: Any) -> Any:
        t = time.perf_counter()
        try:
            return f(*a, **k)
        finally:
            SPENT[label] += time.perf_counter() - t

    setattr(owner, name, g)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    cat = Catalog.builtin()
    e = cat.election("2025")
    plan = plan_night(Forecaster(cat), e, cat.previous(e))
    raws = [RawRecord("bench", i + 1, u.line())
            for i, u in enumerate(synthetic_feed(e, args.seed, cat.snapshots(e.id)))]
    with contextlib.suppress(ImportError):  # loaded, as after a bulk ingest's first chunk
        importlib.import_module("seatcast.live.draws_kernel")
    for owner, name, label in STAGES:
        timed(owner, name, label)
    ridings = frozenset(e.map.codes)
    parse = "parse and validate each line, its canonical line and digest"

    def prepared() -> Iterator[Any]:
        for r in raws:
            t = time.perf_counter()
            item = prepare(r, "bench", ridings)
            SPENT[parse] += time.perf_counter() - t
            yield item

    with tempfile.TemporaryDirectory() as tmp:
        night = LiveNight(Path(tmp) / "night.db", e, plan=plan)
        finish: Callable[..., None] = night._finish
        # as `LiveNight.ingest` runs it (the collector's threshold raised, where the code has it)
        fewer = getattr(night_mod, "fewer_collections", contextlib.nullcontext)
        t0 = time.perf_counter()
        with fewer():
            for batch in day_chunks(prepared(), 250):
                night.store.chunk(batch, finish)
        total = time.perf_counter() - t0
        night.close()
    n = len(raws)
    print(f"{n:,} updates in {total:.1f} s: {1e6 * total / n:.1f} µs per update "
          f"({n / total:,.0f} updates/s)")
    chunk = SPENT.pop(STAGES[0][2], 0.0)
    inner = SPENT[STAGES[1][2]] + SPENT[STAGES[2][2]]
    SPENT["the commit (what remains of a chunk)"] = chunk - inner
    for label, spent in sorted(SPENT.items(), key=lambda kv: -kv[1]):
        print(f"  {label:62s} {1e6 * spent / n:6.1f} µs")


if __name__ == "__main__":
    main()
