"""Pages against the framework floor: every warm page and twin, and the first forecast.

The app is served by uvicorn on 127.0.0.1, on an ephemeral port, in this process; a client
with keep-alive asks each URL in interleaved rounds (page A, page B, ..., then again), so
load from elsewhere falls on every page alike.  The floor is ``/index.json``; each page's
figure is its median latency over the rounds, divided by the floor's median in the same run.

* ``first /forecast``: a fresh app started as ``seatcast serve`` starts it (warmed: the
  default forecast computed before the server listens), then its first ``/forecast``.

    python benchmarks/pages.py [--rounds 30] [--json]

Loopback only, a fixed number of requests, and it stops by itself.
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import uvicorn

from seatcast.web.app import create_app

PAGES = [
    "/index.json", "/", "/elections.json", "/elections/2025", "/elections/2025.json",
    "/elections/2021", "/elections/2021.json", "/ridings/24073", "/ridings/24073.json",
    "/forecast", "/forecast.json", "/polls", "/polls.json", "/whatif", "/whatif.json",
    "/coalitions", "/coalitions.json", "/systems.json", "/elections/2025/hemicycle.svg",
    "/elections/2025/hexmap.svg", "/static/style.css", "/house", "/house.json", "/check",
    "/elections/2011", "/elections/2011.json",
]
FLOOR = "/index.json"


@contextmanager
def serving(app: object) -> Iterator[str]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)  # TCP_NODELAY
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off", http="h11"))  # type: ignore[arg-type]
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


def progress(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=30)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    progress("first /forecast after a warmed start ...")
    t0 = time.perf_counter()
    app = create_app(warm=True)
    started = time.perf_counter() - t0
    with serving(app) as url, httpx.Client(base_url=url, timeout=60) as client:
        floor_first = []
        for _ in range(5):
            t = time.perf_counter()
            client.get(FLOOR).raise_for_status()
            floor_first.append(time.perf_counter() - t)
        t = time.perf_counter()
        client.get("/forecast").raise_for_status()
        first_forecast = time.perf_counter() - t
        progress("warming every page once ...")
        for p in PAGES:
            client.get(p).raise_for_status()
        times: dict[str, list[float]] = {p: [] for p in PAGES}
        for k in range(args.rounds):
            if k % 10 == 0:
                progress(f"round {k + 1}/{args.rounds}")
            for p in PAGES:
                t = time.perf_counter()
                r = client.get(p)
                times[p].append(time.perf_counter() - t)
                r.raise_for_status()
    floor = statistics.median(times[FLOOR])
    rows = {p: {"median_ms": 1000 * statistics.median(ts), "ratio": statistics.median(ts) / floor}
            for p, ts in times.items()}
    out = {
        "rounds": args.rounds,
        "floor": FLOOR,
        "floor_ms": 1000 * floor,
        "pages": rows,
        "warm_start_s": started,
        "first_forecast_ms": 1000 * first_forecast,
        "first_forecast_ratio": first_forecast / statistics.median(floor_first),
        "worst_warm_ratio": max(r["ratio"] for r in rows.values()),
    }
    if args.json:
        print(json.dumps(out, indent=2))
        return
    print(f"floor {FLOOR}: {1000 * floor:.2f} ms (median of {args.rounds}); app built and warmed "
          f"in {started:.1f} s")
    for p, r in sorted(rows.items(), key=lambda kv: -kv[1]["ratio"]):
        print(f"  {p:34} {r['median_ms']:8.2f} ms  {r['ratio']:5.2f}x")
    print(f"first /forecast after start-up: {1000 * first_forecast:.2f} ms, "
          f"{out['first_forecast_ratio']:.2f}x the floor")


if __name__ == "__main__":
    main()
