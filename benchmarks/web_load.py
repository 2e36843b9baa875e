"""A bounded load test of the dashboard on loopback: every page and JSON twin, 20 clients,
with and without an election-night ingest running.

    .venv/bin/python benchmarks/web_load.py [--clients 20] [--rounds 3] [--time-limit 300]
                                            [--batch 2000] [--json]

* The server is `seatcast.web.app.create_app(store=..., ingest_token=..., warm=True)` under
  uvicorn in a child process, on 127.0.0.1 only, on an ephemeral port, through a socket
  made with ``proto=IPPROTO_TCP`` (asyncio sets TCP_NODELAY only then: without it each
  small response waits 40 ms for a delayed ACK).  Its store holds a synthetic 2025 night
  (seed 1) up to half the polls.
* Each of ``--clients`` threads keeps one connection open and asks every URL of `URLS`
  ``--rounds`` times, in its own shuffled order: a fixed number of requests, and the run
  stops at ``--time-limit`` seconds whatever is left.  Every URL is asked once before the
  timing starts (the first visit of a page that is built once is not the figure).
* Two phases: **idle**, then **ingest**: meanwhile one more client POSTs the rest of the
  night to ``/live/updates`` in batches of ``--batch`` records, one after another, with
  the ingest token (every batch a new store revision: the live page and twin are rebuilt).
* Per URL and phase: requests, errors (any status but 200, or a failed connection), p50 and
  p99 latency; per phase, throughput; and the server's resident memory (VmRSS) before the
  first phase and after each.

Loopback only, a fixed request count and a time limit: it ends by itself.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

URLS = [
    "/", "/index.json", "/house", "/house.json", "/house/hemicycle.svg",
    "/elections", "/elections.json", "/elections/2025", "/elections/2025.json",
    "/elections/2025/hemicycle.svg", "/elections/2025/hexmap.svg", "/elections/2025/report.html",
    "/ridings/24073", "/ridings/24073.json", "/forecast", "/forecast.json", "/polls",
    "/polls.json", "/backtest?election=2025", "/backtest.json?election=2025", "/whatif",
    "/whatif.json", "/systems",
    "/systems.json", "/coalitions", "/coalitions.json", "/live", "/live.json", "/api",
    "/openapi.json", "/static/style.css",
]
HOST = "127.0.0.1"


# -- the server (a child process) -------------------------------------------------------------

def serve(store: Path, token_file: Path) -> None:
    import uvicorn

    from seatcast.web.app import create_app

    app = create_app(store=store, ingest_token=token_file.read_text().strip(), warm=True)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((HOST, 0))
    print(sock.getsockname()[1], flush=True)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", server_header=False))
    server.run(sockets=[sock])


def rss_mib(pid: int) -> float:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


# -- the clients -----------------------------------------------------------------------------

class Client(threading.Thread):
    def __init__(self, port: int, urls: list[str], deadline: float, seed: int) -> None:
        super().__init__(daemon=True)
        self.port, self.urls, self.deadline = port, urls, deadline
        random.Random(seed).shuffle(self.urls)
        self.times: list[tuple[str, float, bool]] = []

    def run(self) -> None:
        conn = http.client.HTTPConnection(HOST, self.port, timeout=60)
        for url in self.urls:
            if time.monotonic() > self.deadline:
                break
            t0 = time.perf_counter()
            ok = False
            try:
                conn.request("GET", url)
                r = conn.getresponse()
                r.read()
                ok = r.status == 200
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection(HOST, self.port, timeout=60)
            self.times.append((url, time.perf_counter() - t0, ok))
        conn.close()


class Ingest(threading.Thread):
    """POSTs the rest of the night in batches until stopped (or the feed ends)."""

    def __init__(self, port: int, token: str, batches: list[bytes]) -> None:
        super().__init__(daemon=True)
        self.port, self.token, self.batches = port, token, batches
        self.stop = threading.Event()
        self.done = self.errors = self.records = 0
        self.seconds: list[float] = []

    def run(self) -> None:
        conn = http.client.HTTPConnection(HOST, self.port, timeout=120)
        for body in self.batches:
            if self.stop.is_set():
                break
            t0 = time.perf_counter()
            conn.request("POST", "/live/updates", body=body, headers={
                "authorization": f"Bearer {self.token}", "content-type": "application/x-ndjson"})
            r = conn.getresponse()
            data = r.read()
            self.seconds.append(time.perf_counter() - t0)
            if r.status != 200:
                self.errors += 1
            else:
                self.records += json.loads(data)["applied"]
            self.done += 1
        conn.close()


def phase(port: int, clients: int, rounds: int, limit: float,
          ingest: Ingest | None) -> dict[str, Any]:
    deadline = time.monotonic() + limit
    threads = [Client(port, URLS * rounds, deadline, seed) for seed in range(clients)]
    t0 = time.perf_counter()
    if ingest is not None:
        ingest.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    if ingest is not None:
        ingest.stop.set()
        ingest.join()
    by_url: dict[str, list[float]] = {u: [] for u in URLS}
    errors: dict[str, int] = dict.fromkeys(URLS, 0)
    for t in threads:
        for url, s, ok in t.times:
            by_url[url].append(s)
            errors[url] += not ok
    n = sum(len(v) for v in by_url.values())
    out: dict[str, Any] = {
        "requests": n, "planned": clients * rounds * len(URLS), "seconds": round(wall, 2),
        "throughput_per_s": round(n / wall, 1), "errors": sum(errors.values()), "urls": {}}
    for url, v in by_url.items():
        v.sort()
        out["urls"][url] = {
            "n": len(v), "errors": errors[url],
            "p50_ms": round(1000 * statistics.median(v), 1) if v else None,
            "p99_ms": round(1000 * v[min(len(v) - 1, int(0.99 * len(v)))], 1) if v else None}
    if ingest is not None:
        out["ingest"] = {"posts": ingest.done, "records": ingest.records,
                         "errors": ingest.errors,
                         "post_median_s": round(statistics.median(ingest.seconds), 2)
                         if ingest.seconds else None}
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--time-limit", type=float, default=300.0)
    ap.add_argument("--batch", type=int, default=2000)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        serve(Path(args.child[0]), Path(args.child[1]))
        return
    say: Any = (lambda *a, **k: None) if args.json else print

    from seatcast.catalog import Catalog
    from seatcast.forecast.projection import Forecaster
    from seatcast.live.feed import iter_lines
    from seatcast.live.plan import plan_night
    from seatcast.live.status import ingest_lines
    from seatcast.live.synthetic import synthetic_feed, until_share_of_polls

    cat = Catalog.builtin()
    e = cat.election("2025")
    night = synthetic_feed(e, 1, cat.snapshots(e.id))
    first = until_share_of_polls(night, 0.5)
    rest = night[len(first):]
    batches = [("\n".join(iter_lines(rest[i: i + args.batch])) + "\n").encode()
               for i in range(0, len(rest), args.batch)]
    result: dict[str, Any] = {"clients": args.clients, "rounds": args.rounds,
                              "urls": len(URLS), "batch": args.batch}
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "night.sqlite"
        ingest_lines(store, iter_lines(first), e,
                     plan=plan_night(Forecaster(cat), e, cat.previous(e)))
        token = secrets.token_urlsafe(32)
        token_file = Path(tmp) / "token"
        token_file.write_text(token)
        say(f"store: {len(first):,} records (half the polls); {len(batches)} POST batches of "
            f"{args.batch:,} left for the ingest phase")
        env = dict(os.environ, OMP_NUM_THREADS="1")
        proc = subprocess.Popen([sys.executable, __file__, "--child", str(store), str(token_file)],
                                stdout=subprocess.PIPE, env=env, text=True)
        try:
            assert proc.stdout is not None
            port = int(proc.stdout.readline())
            for _ in range(600):  # warmed before it listens: wait for the first answer
                try:
                    c = http.client.HTTPConnection(HOST, port, timeout=60)
                    c.request("GET", "/index.json")
                    c.getresponse().read()
                    c.close()
                    break
                except OSError:
                    time.sleep(0.1)
            for url in URLS:  # every page once, before the timing
                c = http.client.HTTPConnection(HOST, port, timeout=120)
                c.request("GET", url)
                r = c.getresponse()
                size = len(r.read())
                c.close()
                if r.status != 200:
                    raise SystemExit(f"{url}: {r.status}")
                result.setdefault("bytes", {})[url] = size
            result["rss_mib_before"] = round(rss_mib(proc.pid), 1)
            say(f"server on {HOST}:{port}; {rss_mib(proc.pid):.0f} MiB before the load")
            for name in ("idle", "ingest"):
                ing = Ingest(port, token, batches) if name == "ingest" else None
                res = phase(port, args.clients, args.rounds, args.time_limit, ing)
                res["rss_mib_after"] = round(rss_mib(proc.pid), 1)
                result[name] = res
                worst = max(res["urls"].items(), key=lambda kv: kv[1]["p99_ms"] or 0)
                say(f"\n{name}: {res['requests']:,}/{res['planned']:,} requests in "
                    f"{res['seconds']} s ({res['throughput_per_s']} req/s), {res['errors']} "
                    f"errors; worst p99 {worst[1]['p99_ms']} ms ({worst[0]}); server "
                    f"{res['rss_mib_after']:.0f} MiB after")
                if ing is not None:
                    say(f"  ingest meanwhile: {ing.done} POSTs, {ing.records:,} records "
                        f"applied, {ing.errors} errors, median POST "
                        f"{res['ingest']['post_median_s']} s")
                say(f"  {'url':34} {'p50 ms':>8} {'p99 ms':>8} {'n':>5} {'err':>4}")
                for url, u in res["urls"].items():
                    say(f"  {url:34} {u['p50_ms']:>8} {u['p99_ms']:>8} {u['n']:>5} "
                        f"{u['errors']:>4}")
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    if args.json:
        print(json.dumps(result))


if __name__ == "__main__":
    main()
