"""Fact-checker speed: seconds per 10 KB of article, plain prose and claim-dense, at 10 and 100 KB.

    .venv/bin/python benchmarks/factcheck_speed.py [--repeats N] [--json]
    .venv/bin/python benchmarks/factcheck_speed.py --before /tmp/fc_before/src [--limit S]

Two texts are generated, deterministic and with every paragraph different (a repeated
paragraph is read once, so a repeated one would not measure anything):

* **prose**: news paragraphs of five sentences, one claim in three sentences or so, the way a
  results story reads;
* **dense**: one paragraph that is one run-on sentence of "the Liberals won 169 seats, 43.8 % of
  the vote, the Conservatives won ..." — hundreds of claims sharing one sentence and one clause,
  the case that used to grow faster than the text (issue 12: 13.5 KB took 35 s).

Each is checked at 10 KB and at 100 KB (``check_text`` on the text, elections already loaded,
language and election inferred); the figure is the median over ``--repeats`` runs, in seconds per
10 KB, and the dense ratio is time(100 KB) / time(10 KB): 10 means linear.

With ``--before SRC`` the same texts are also checked by another copy of the package (the
``src`` folder of an older checkout, e.g. ``git worktree add /tmp/fc_before main``), in a second
worker process; the two workers take turns run by run, so load from other work on the machine
falls on both alike.  A run of the old copy that takes longer than ``--limit`` seconds is stopped
and reported as more than the limit.  Progress goes to stderr, figures to stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SIZES = (10_000, 100_000)
PARTIES = ("the Liberals", "the Conservatives", "the Bloc Québécois", "the NDP", "the Greens",
           "the People's Party")


def prose(size: int, seed: int = 1) -> str:
    """News prose with a claim in about one sentence in three, every paragraph different."""
    rng = random.Random(seed)
    fillers = [
        "Volunteers in riding office {i} stacked chairs after the last results came in from the north.",
        "Campaign staff said the mood in hall {i} was calm, and supporters lingered well past midnight.",
        "Returning officers reported that poll {i} closed on time despite a long line outside the door.",
        "The leader thanked her family and the volunteers of district {i}, then spoke for twenty minutes.",
        "Reporters waited in the lobby of hotel {i} for a statement that came only after one o'clock.",
    ]
    claims = [
        "{p} won {n} seats, according to the count at table {i}.",
        "{p} took {s}.{d} per cent of the vote in the count reported at table {i}.",
        "{p} finished with {n} seats once the last of the {i} polls had reported.",
    ]
    paragraphs: list[str] = []
    total = 0
    i = 0
    while total < size:
        sentences = []
        for k in range(5):
            i += 1
            if k % 3 == 1:
                sentences.append(rng.choice(claims).format(
                    p=rng.choice(PARTIES).capitalize(), n=rng.randint(1, 200), s=rng.randint(1, 60),
                    d=rng.randint(0, 9), i=i))
            else:
                sentences.append(rng.choice(fillers).format(i=i))
        para = " ".join(sentences)
        paragraphs.append(para)
        total += len(para.encode()) + 2
    return "\n\n".join(paragraphs)


def dense(size: int, seed: int = 1) -> str:
    """One paragraph, one sentence, a seat count and a vote share every 50 bytes or so."""
    rng = random.Random(seed)
    parts: list[str] = []
    total = 0
    i = 0
    while total < size:
        party = PARTIES[i % len(PARTIES)]
        seats, share, tenth = rng.randint(1, 200), rng.randint(1, 60), rng.randint(0, 9)
        part = f"{party} won {seats} seats, {share}.{tenth} % of the vote"
        parts.append(part)
        total += len(part.encode()) + 2
        i += 1
    text = ", ".join(parts)
    return text[0].upper() + text[1:] + "."


TEXTS = {"prose": prose, "dense": dense}


# --- the worker: one process per copy of the package ------------------------------------------


def worker() -> None:
    """Read "kind size" lines on stdin, answer one JSON line each: seconds and claims found."""
    import seatcast
    from seatcast.factcheck import check_text

    elections = {k: seatcast.load(k) for k in seatcast.election_ids()}
    check_text("The Liberals won 169 seats.", elections)  # warm the patterns
    cache: dict[tuple[str, int], str] = {}
    print(json.dumps({"ready": seatcast.__file__}), flush=True)
    for line in sys.stdin:
        kind, size = line.split()
        key = (kind, int(size))
        text = cache.get(key) or cache.setdefault(key, TEXTS[kind](int(size)))
        t0 = time.perf_counter()
        result = check_text(text, elections)
        seconds = time.perf_counter() - t0
        print(json.dumps({"seconds": seconds, "claims": len(result.claims), "bytes": len(text.encode())}),
              flush=True)


class Worker:
    def __init__(self, label: str, src: Path) -> None:
        self.label = label
        self.src = src
        self.proc: subprocess.Popen[str] | None = None
        self.start()

    def start(self) -> None:
        env = dict(os.environ, PYTHONPATH=str(self.src))
        self.proc = subprocess.Popen([sys.executable, __file__, "--worker"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)
        ready = json.loads(self._read())
        if not str(ready["ready"]).startswith(str(self.src)):
            raise SystemExit(f"{self.label}: imported {ready['ready']}, not the copy under {self.src}")

    def _read(self) -> str:
        assert self.proc is not None and self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            raise SystemExit(f"{self.label}: the worker stopped")
        return line

    def run(self, kind: str, size: int, limit: float) -> dict[str, Any] | None:
        """One timed check, or None when it took longer than ``limit`` (the worker is restarted)."""
        assert self.proc is not None and self.proc.stdin is not None
        self.proc.stdin.write(f"{kind} {size}\n")
        self.proc.stdin.flush()
        import selectors

        sel = selectors.DefaultSelector()
        assert self.proc.stdout is not None
        sel.register(self.proc.stdout, selectors.EVENT_READ)
        if not sel.select(timeout=limit):
            self.proc.kill()
            self.proc.wait()
            self.start()
            return None
        result: dict[str, Any] = json.loads(self._read())
        return result

    def close(self) -> None:
        if self.proc is not None:
            assert self.proc.stdin is not None
            self.proc.stdin.close()
            self.proc.wait()


def measure(copies: list[Worker], repeats: int, limit: float) -> dict[str, Any]:
    runs: dict[tuple[str, str, int], list[float | None]] = {}
    claims: dict[tuple[str, str, int], int] = {}
    given_up: set[tuple[str, str, int]] = set()
    cases = [(kind, size) for kind in TEXTS for size in SIZES]
    for r in range(repeats):
        for kind, size in cases:
            for w in copies if r % 2 == 0 else reversed(copies):
                key = (w.label, kind, size)
                if key in given_up:
                    continue
                print(f"  run {r + 1}/{repeats}: {w.label} {kind} {size // 1000} KB", file=sys.stderr,
                      flush=True)
                out = w.run(kind, size, limit)
                if out is None:
                    given_up.add(key)  # it would not finish within the limit on a later run either
                    runs.setdefault(key, []).append(None)
                    continue
                runs.setdefault(key, []).append(out["seconds"])
                claims[key] = out["claims"]
    table: dict[str, Any] = {}
    for w in copies:
        rows: dict[str, Any] = {}
        for kind, size in cases:
            key = (w.label, kind, size)
            times = [t for t in runs.get(key, []) if t is not None]
            over = key in given_up
            seconds = None if over or not times else statistics.median(times)
            rows[f"{kind}_{size // 1000}kb"] = {
                "seconds": seconds, "seconds_per_10kb": None if seconds is None else seconds * 10_000 / size,
                "over_limit_s": limit if over else None, "claims": claims.get(key), "runs": len(times)}
        d10, d100 = rows["dense_10kb"]["seconds"], rows["dense_100kb"]["seconds"]
        rows["dense_ratio_100kb_10kb"] = None if d10 is None or d100 is None else d100 / d10
        table[w.label] = rows
    return table


def _fmt(row: dict[str, Any]) -> str:
    if row["seconds_per_10kb"] is None:
        return f"> {row['over_limit_s']:.0f} s (stopped)" if row["over_limit_s"] else "—"
    return f"{row['seconds_per_10kb']:.3f} s ({row['claims']} claims)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--before", type=Path, help="src folder of another copy of the package")
    parser.add_argument("--limit", type=float, default=300.0, help="seconds after which a run of "
                        "the --before copy is stopped (default 300)")
    parser.add_argument("--json", action="store_true", help="one JSON object on stdout")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker()
        return 0
    copies = [Worker("after", ROOT / "src")]
    if args.before:
        copies.insert(0, Worker("before", args.before.resolve()))
    try:
        table = measure(copies, args.repeats, args.limit)
    finally:
        for w in copies:
            w.close()
    sizes = {kind: {f"{s // 1000}kb": len(TEXTS[kind](s).encode()) for s in SIZES} for kind in TEXTS}
    if args.json:
        print(json.dumps({"repeats": args.repeats, "text_bytes": sizes, "results": table}, indent=2))
        return 0
    print(f"seconds per 10 KB, median of {args.repeats} runs (claims found in brackets)")
    labels = list(table)
    print(f"{'text':18}" + "".join(f"{label:>34}" for label in labels))
    for kind in TEXTS:
        for size in SIZES:
            key = f"{kind}_{size // 1000}kb"
            print(f"{kind + ' ' + str(size // 1000) + ' KB':18}" + "".join(f"{_fmt(table[x][key]):>34}"
                                                                       for x in labels))
    ratios = [table[x]["dense_ratio_100kb_10kb"] for x in labels]
    shown = [("—" if r is None else format(r, ".1f")) for r in ratios]
    print(f"{'dense 100/10 KB':18}" + "".join(f"{x:>34}" for x in shown))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
