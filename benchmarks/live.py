"""Election-night throughput and latency on a full synthetic night (2025, ~74,500 boxes).

    .venv/bin/python benchmarks/live.py [seed]

Measures, side by side in one run on one machine:

* **ingest rate**: the whole night as JSON Lines records (parsing, validation, the log, the
  current state, riding projections, calls, national seat draws and the commit), in chunks
  of 250 (the default) and of 25;
* **update-to-projection latency**: from one update arriving (as a one-record chunk) to the
  national seat projection refreshed and committed, for 300 updates in the middle of the
  night (the busiest point: every riding counting, none settled);
* **status read**: `current_status()` from another connection, as the web page does.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from seatcast.live.feed import RawRecord
from seatcast.live.night import LiveNight
from seatcast.live.status import current_status
from seatcast.live.synthetic import synthetic_feed


def main(seed: int = 1) -> None:
    t0 = time.perf_counter()
    feed = synthetic_feed("2025", seed)
    t_feed = time.perf_counter() - t0
    night_records = [u for u in feed if u.stage.value == "preliminary"]
    raws = [RawRecord("bench", i + 1, u.line()) for i, u in enumerate(feed)]
    print(f"synthetic night: {len(feed):,} updates ({len(night_records):,} poll reports) "
          f"generated in {t_feed:.1f} s")
    with tempfile.TemporaryDirectory() as tmp:
        for chunk in (250, 25):
            night = LiveNight(Path(tmp) / f"bulk{chunk}.db", "2025")
            t0 = time.perf_counter()
            night.ingest(raws, chunk=chunk)
            dt = time.perf_counter() - t0
            night.close()
            print(f"ingest, chunks of {chunk:>3}: {len(raws) / dt:,.0f} updates/s "
                  f"({dt:.1f} s for the night)")
        # latency: replay the first half in bulk, then one update at a time
        path = Path(tmp) / "latency.db"
        night = LiveNight(path, "2025")
        half = len(night_records) // 2
        night.ingest(raws[:half])
        lat = []
        for raw in raws[half: half + 300]:
            t0 = time.perf_counter()
            night.store.chunk([raw], "bench", night._finish)
            lat.append(time.perf_counter() - t0)
        night.close()
        lat.sort()
        print(f"update -> refreshed national projection (one-record commits, mid-night): "
              f"median {1000 * statistics.median(lat):.1f} ms, "
              f"p95 {1000 * lat[int(0.95 * len(lat))]:.1f} ms, max {1000 * lat[-1]:.1f} ms")
        t0 = time.perf_counter()
        for _ in range(10):
            current_status(path)
        print(f"current_status() read: {100 * (time.perf_counter() - t0):.1f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
