"""Election-night throughput and latency on a full synthetic night (2025, ~74,500 boxes).

    .venv/bin/python benchmarks/live.py [--seed S] [--rounds N] [--json]

Measures, side by side in one run on one machine, interleaved, medians of `--rounds`:

* **bulk ingest**: the whole night as JSON Lines records (parsing, validation, the log, the
  current state, riding projections, calls, national seat draws and the commit), in chunks
  of 250 (the default);
* **the SQLite floor**: the same rows inserted into the same schema's ``updates`` table
  with plain ``executemany`` in chunks of 250, one WAL transaction per chunk (what the
  store cannot beat); the ratio ingest/floor is the figure to watch;
* **update-to-projection latency**: from one update arriving (as a one-record chunk) to the
  national seat projection refreshed and committed, for 300 updates in the middle of the
  night (the busiest point: every riding counting, none settled);
* **status read**: `current_status()` from another connection, as the web page does.

The script also runs on the code before the election-night rework (the API it needs is
detected), so one copy of it gives the before/after figures, e.g. on main's tree:
``PYTHONPATH=/tmp/main/src .venv/bin/python benchmarks/live.py``.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from seatcast.catalog import Catalog
from seatcast.live.feed import RawRecord
from seatcast.live.night import LiveNight
from seatcast.live.synthetic import synthetic_feed

CAT = Catalog.builtin()
E = CAT.election("2025")

try:  # the reworked API: a night is created with its plan
    from seatcast.forecast.projection import Forecaster
    from seatcast.live.feed import prepare
    from seatcast.live.plan import plan_night

    PLAN: Any = plan_night(Forecaster(CAT), E, CAT.previous(E))
    NEW = True
except ImportError:
    NEW = False


def night_feed(seed: int) -> list[Any]:
    if NEW:
        return synthetic_feed(E, seed, CAT.snapshots(E.id))
    return synthetic_feed(E, seed)


def open_night(path: Path) -> Any:
    return LiveNight(path, E, plan=PLAN) if NEW else LiveNight(path, "2025")  # type: ignore[arg-type]


def one_record(night: Any, raw: RawRecord) -> None:
    if NEW:
        night.store.chunk([prepare(raw, "bench", night.store.ridings)], night._finish)
    else:
        night.store.chunk([raw], "bench", night._finish)


def status(path: Path) -> Any:
    from seatcast.live.status import current_status

    return current_status(path, E) if NEW else current_status(path)  # type: ignore[call-arg]


def floor_rate(rows: list[tuple[Any, ...]], path: Path, chunk: int = 250) -> float:
    """Plain WAL executemany of the log rows into the store's own schema."""
    from seatcast.live.store import SCHEMA

    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.executescript(SCHEMA)
    t0 = time.perf_counter()
    for i in range(0, len(rows), chunk):
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany("INSERT INTO updates VALUES (?,?,?,?,?,?,?,?,?)", rows[i: i + chunk])
        conn.execute("COMMIT")
    dt = time.perf_counter() - t0
    conn.close()
    return len(rows) / dt


def ingest_rate(raws: list[RawRecord], path: Path, chunk: int = 250) -> float:
    night = open_night(path)
    t0 = time.perf_counter()
    night.ingest(raws, chunk=chunk)
    dt = time.perf_counter() - t0
    night.close()
    return len(raws) / dt


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    t0 = time.perf_counter()
    feed = night_feed(args.seed)
    t_feed = time.perf_counter() - t0
    night_records = [u for u in feed if u.stage.value == "preliminary"]
    raws = [RawRecord("bench", i + 1, u.line()) for i, u in enumerate(feed)]
    rows = [(u.riding, u.seq, json.loads(r.text)["time"], u.stage.value, u.polls_reporting,
             u.polls_total, r.text, f"{i:032x}", "bench")
            for i, (u, r) in enumerate(zip(feed, raws, strict=True))]
    say: Any = (lambda *a, **k: None) if args.json else print
    say(f"synthetic night: {len(feed):,} updates ({len(night_records):,} poll reports) "
        f"generated in {t_feed:.1f} s; {'reworked' if NEW else 'previous'} code")
    out: dict[str, Any] = {"code": "reworked" if NEW else "previous", "updates": len(feed)}
    with tempfile.TemporaryDirectory() as tmp:
        floors, rates = [], []
        for r in range(args.rounds):  # interleaved: load from others hits both alike
            floors.append(floor_rate(rows, Path(tmp) / f"floor{r}.db"))
            rates.append(ingest_rate(raws, Path(tmp) / f"bulk{r}.db"))
            say(f"  round {r + 1}: ingest {rates[-1]:,.0f} updates/s, SQLite floor "
                f"{floors[-1]:,.0f} rows/s", flush=True)
        f, g = statistics.median(floors), statistics.median(rates)
        say(f"bulk ingest, chunks of 250: {g:,.0f} updates/s ({len(raws) / g:.1f} s for the "
            f"night); SQLite floor {f:,.0f} rows/s; ingest is {f / g:.1f}x the floor")
        out.update(ingest_per_s=round(g), floor_per_s=round(f), floor_ratio=round(f / g, 2),
                   ingest_rounds=[round(x) for x in rates], floor_rounds=[round(x) for x in floors])
        # latency: replay the first half in bulk, then one update at a time
        path = Path(tmp) / "latency.db"
        night = open_night(path)
        half = len(night_records) // 2
        night.ingest(raws[:half])
        lat = []
        for raw in raws[half: half + 300]:
            t0 = time.perf_counter()
            one_record(night, raw)
            lat.append(time.perf_counter() - t0)
        night.close()
        lat.sort()
        med, p95 = statistics.median(lat), lat[int(0.95 * len(lat))]
        say(f"update -> refreshed national projection (one-record commits, mid-night): "
            f"median {1000 * med:.2f} ms, p95 {1000 * p95:.2f} ms, max {1000 * lat[-1]:.1f} ms")
        out.update(latency_median_ms=round(1000 * med, 3), latency_p95_ms=round(1000 * p95, 3),
                   latency_max_ms=round(1000 * lat[-1], 2))
        reads = []
        for _ in range(10):
            t0 = time.perf_counter()
            status(path)
            reads.append(time.perf_counter() - t0)
        say(f"current_status() read: {1000 * statistics.median(reads):.1f} ms (median of 10)")
        out["status_read_ms"] = round(1000 * statistics.median(reads), 2)
    if args.json:
        print(json.dumps(out))


if __name__ == "__main__":
    main()
