"""Start-up: `seatcast results 2025 --json` against `python -c pass`, side by side.

Each round runs, in an order that alternates from round to round, a bare interpreter
(``python -c pass``, the floor) and the command, each as a fresh process of the same
interpreter, and records its wall time; the figure is the median over rounds of the
command's time divided by the floor's time in the same round.  Also reported: the modules
the command imports that only other commands need (the fact-checker, the web app, the
models, the other commands' modules, and the libraries only they use), which should be none.

The runs have their bytecode, as an installed package does (pip compiles it): the first run
writes it, even where ``PYTHONDONTWRITEBYTECODE`` is set (``--no-bytecode`` keeps the
variable, and the command then compiles its modules on every run).

    .venv/bin/python benchmarks/startup.py [--rounds 15] [--json] [--no-bytecode]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

COMMAND = ["-m", "seatcast", "results", "2025", "--json"]
NOT_NEEDED = ("seatcast.factcheck", "seatcast.web", "seatcast.forecast", "seatcast.live",
              "seatcast.systems", "seatcast.cli.check", "seatcast.cli.web", "seatcast.cli.live",
              "seatcast.cli.forecast", "seatcast.cli.whatif", "fastapi", "pydantic", "typer",
              "rich", "numpy", "numba")
ENV = dict(os.environ)


def timed(args: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run([sys.executable, *args], check=True, stdout=subprocess.DEVNULL, env=ENV)
    return time.perf_counter() - t


def imported() -> list[str]:
    """The modules of `NOT_NEEDED` that the command imports (it should be none)."""
    code = ("import contextlib, io, sys\n"
            "from seatcast.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    main(['results', '2025', '--json'])\n"
            f"print(*sorted(m for m in sys.modules if m.startswith({NOT_NEEDED!r})))")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True,
                         env=ENV)
    return sorted({name for name in NOT_NEEDED for m in out.stdout.split()
                   if m == name or m.startswith(name + ".")})


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=15)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--no-bytecode", action="store_true",
                    help="keep PYTHONDONTWRITEBYTECODE (compile the modules on every run)")
    args = ap.parse_args()
    if not args.no_bytecode:
        ENV.pop("PYTHONDONTWRITEBYTECODE", None)
    timed(COMMAND)  # the first run compiles bytecode and warms the page cache
    floor: list[float] = []
    cmd: list[float] = []
    ratios: list[float] = []
    for k in range(args.rounds):
        if k % 2:
            c = timed(COMMAND)
            f = timed(["-c", "pass"])
        else:
            f = timed(["-c", "pass"])
            c = timed(COMMAND)
        floor.append(f)
        cmd.append(c)
        ratios.append(c / f)
    out = {
        "rounds": args.rounds,
        "bytecode": "PYTHONDONTWRITEBYTECODE" not in ENV,
        "floor_ms": 1000 * statistics.median(floor),
        "command_ms": 1000 * statistics.median(cmd),
        "ratio": statistics.median(ratios),
        "imports_not_needed": imported(),
    }
    if args.json:
        print(json.dumps(out, indent=2))
        return
    print(f"python -c pass: {out['floor_ms']:.1f} ms; seatcast results 2025 --json: "
          f"{out['command_ms']:.1f} ms; ratio {out['ratio']:.1f}x (median of {args.rounds} "
          "interleaved rounds" + ("" if out["bytecode"] else ", no bytecode") + ")")
    print("imported though not needed: " + (", ".join(out["imports_not_needed"]) or "none"))


if __name__ == "__main__":
    main()
