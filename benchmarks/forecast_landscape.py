"""What the 2019 -> 2021 pair can tell a 2025 forecast, and what it cannot.

Reproduces the record of docs/forecast.md ("What was tried"): every candidate of the flow
model's grid scored on 2021 by several fitting criteria and on 2025, what each criterion
would have picked, and the variants that were measured and not adopted (churn for every
party, logit swing, an open-seat effect), each in the same simulation as the published
models (same seed, its own error sizes fitted on 2019 -> 2021).

    .venv/bin/python benchmarks/forecast_landscape.py             # tables
    .venv/bin/python benchmarks/forecast_landscape.py --json      # everything, machine-readable

Nothing here feeds the forecast; `seatcast backtest` is the published record.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import sys
import unicodedata
from collections.abc import Callable
from typing import Any

import numpy as np

from seatcast.catalog import load
from seatcast.forecast.backtest import actual_outcome, score
from seatcast.forecast.baseline import MODEL_PARTIES, SCORED_PARTIES, Baseline, baseline, national_shares
from seatcast.forecast.fit import fit_error_scales, fit_flow, left_right_affinity, logit
from seatcast.forecast.projection import project
from seatcast.forecast.simulate import simulate
from seatcast.forecast.summary import outcome_class
from seatcast.forecast.swing import FlowModel, proportional_swing, uniform_swing

Projector = Callable[[Baseline, np.ndarray], np.ndarray]
SCORED = [MODEL_PARTIES.index(p) for p in SCORED_PARTIES]


def monte_carlo(fit_with: Projector, use: Projector, election: str, sims: int, seed: int) -> dict[str, Any]:
    """The backtest of `seatcast backtest ELECTION` (polls, corrected for the previous miss)
    for any projection: ``use`` moves the baseline, ``fit_with`` is the same projection on
    2019 -> 2021 (where its regional and riding error sizes are fitted)."""
    p0 = project(election, model="uniform")  # the poll average, its uncertainty and correlation
    proj = dataclasses.replace(p0, model="custom", mean=use(p0.base, p0.target))
    res = simulate(proj, sims=sims, seed=seed, errors=fit_error_scales(fit_with))
    win, seats = actual_outcome(election)
    cls = outcome_class(np.array([seats[p] for p in MODEL_PARTIES]), MODEL_PARTIES, load(election).majority)
    s = score(res, win, seats, cls)
    return {
        "ridings_right": s.ridings_right,
        "seat_mae": round(s.seat_mae, 2),
        "brier": round(s.brier, 4),
        "seat_error": {p.value: round(s.seat_error[p.value], 1) for p in SCORED_PARTIES},
        "p_actual_class": round(s.p_actual_class, 3),
    }


def regional_rmse(projector: Projector) -> float:
    """2019 -> 2021 as seven regional elections: each region's ridings moved to that
    region's actual 2021 shares (far bigger moves than the national status quo: Alberta's
    CPC -13.7 points, the Atlantic Greens -9.2), share RMSE over all ridings."""
    b0, b1 = baseline("2019"), baseline("2021")
    out = np.zeros_like(b1.shares)
    for g in np.unique(b0.region):
        m = b0.region == g
        sub = b0.subset(m)
        t = national_shares(b1.shares[m], b1.votes[m]) * (sub.shares.sum(axis=0) > 0)
        out[m] = projector(sub, t / t.sum())
    return round(100 * float(np.sqrt(np.average(((out - b1.shares) ** 2).sum(axis=1), weights=b1.votes))), 3)


def flow(model: FlowModel) -> Projector:
    return lambda b, t: model.project(b.shares, b.votes, t)


def uniform(b: Baseline, t: np.ndarray) -> np.ndarray:
    return uniform_swing(b.shares, b.national, t)


def proportional(b: Baseline, t: np.ndarray) -> np.ndarray:
    return proportional_swing(b.shares, b.national, t)


def logit_swing(b: Baseline, target: np.ndarray, iters: int = 200) -> np.ndarray:
    """Each party's logit moved by one national amount, solved to hit the target."""
    w = b.votes / b.votes.sum()
    stood = b.shares > 0
    old = w @ b.shares
    t = np.where(old > 0, np.clip(target, 0.0, None), 0.0)
    t = t / t.sum()
    lg = logit(b.shares, 1e-9)
    d = np.where(old > 0, logit(t, 1e-9) - logit(old, 1e-9), 0.0)
    s = b.shares
    for _ in range(iters):
        s = np.where(stood, 1.0 / (1.0 + np.exp(-(lg + d))), 0.0)
        s = s / s.sum(axis=1, keepdims=True)
        d = d + np.where(old > 0, np.log(np.clip(t, 1e-12, 1) / np.clip(w @ s, 1e-12, 1)), 0.0)
    return s


def _person(name: str) -> tuple[str, str]:
    t = re.findall(r"[a-z]+", unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower())
    return (t[0], t[-1]) if t else ("", "")


def open_seats(prev: str, new: str, base: str) -> np.ndarray:
    """(R, P): party p held the riding at the baseline, and no winner of p at the previous
    general election runs for p there now (names matched on first and last name)."""
    winners = {_person(r.winner.name): r.winner.party for r in load(prev).results.values()}
    nxt = load(new).results
    out = np.zeros((len(load(base).results), len(MODEL_PARTIES)), dtype=bool)
    for i, (code, r) in enumerate(load(base).results.items()):
        held = r.winner.party
        if held in MODEL_PARTIES and not any(
            c.party is held and winners.get(_person(c.name)) is held for c in nxt[code].candidates
        ):
            out[i, MODEL_PARTIES.index(held)] = True
    return out


def with_open_seats(projector: Projector, opened: np.ndarray, delta: float) -> Projector:
    """The baseline's open seats moved by ``delta`` on the logit of the holder, then swung."""

    def run(b: Baseline, t: np.ndarray) -> np.ndarray:
        s = np.where(b.shares > 0, 1.0 / (1.0 + np.exp(-(logit(b.shares, 1e-9) + delta * opened))), 0.0)
        return projector(dataclasses.replace(b, shares=s / s.sum(axis=1, keepdims=True)), t)

    return run


def ecological_flows(old: str = "2019", new: str = "2021", iters: int = 5000) -> np.ndarray:
    """Goodman's ecological regression with its rows kept on the simplex (projected
    gradient): the (P, P) matrix T, share of p's ``old`` voters who voted q in ``new``,
    that best carries every riding's ``old`` shares to its ``new`` ones (vote-weighted)."""
    b0, b1 = baseline(old), baseline(new)
    w = b0.votes / b0.votes.sum()
    xtx = (b0.shares * w[:, None]).T @ b0.shares
    xty = (b0.shares * w[:, None]).T @ b1.shares
    step = 1.0 / float(np.linalg.eigvalsh(xtx).max())

    def onto_simplex(v: np.ndarray) -> np.ndarray:
        u = np.sort(v)[::-1]
        css = np.cumsum(u)
        k = int(np.nonzero(u * np.arange(1, len(v) + 1) > css - 1)[0][-1])
        return np.maximum(v - (css[k] - 1) / (k + 1.0), 0.0)

    t = np.eye(len(MODEL_PARTIES))
    for _ in range(iters):
        t = np.array([onto_simplex(row) for row in t - step * (xtx @ t - xty)])
    return t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sims", type=int, default=4000, help="simulations per backtest (default 4000)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    out: dict[str, Any] = {"sims": a.sims, "seed": a.seed}

    def both(
        fit_with: Projector, use21: Projector | None = None, use25: Projector | None = None
    ) -> dict[str, Any]:
        return {
            "2021": monte_carlo(fit_with, use21 or fit_with, "2021", a.sims, a.seed),
            "2025": monte_carlo(fit_with, use25 or fit_with, "2025", a.sims, a.seed),
        }

    published = fit_flow().model
    out["published"] = {
        "flow": both(flow(published)),
        "uniform": both(uniform),
        "proportional": both(proportional),
    }

    # 1. The flow grid under four 2021 criteria.
    rows = []
    for tried in fit_flow().grid:  # each candidate with the fit's own 2021 scores
        m = FlowModel(left_right_affinity(MODEL_PARTIES, tried["scale"]), tried["alpha"], tried["churn"],
                      tried["gamma"])
        row = {k: tried[k] for k in ("churn", "scale", "alpha", "gamma")}
        row["fit_2021"] = {k: tried[k] for k in ("ridings_right", "seat_mae", "rmse")}
        row["regional_rmse_2021"] = regional_rmse(flow(m))
        row.update(both(flow(m)))
        rows.append(row)
    criteria: dict[str, Callable[[dict[str, Any]], Any]] = {
        "published: 2021 ridings right, then seat error, then share RMSE": lambda r: (
            -r["fit_2021"]["ridings_right"],
            r["fit_2021"]["seat_mae"],
            r["fit_2021"]["rmse"],
        ),
        "2021 Brier of the simulated riding odds": lambda r: r["2021"]["brier"],
        "2021 simulated seat error": lambda r: r["2021"]["seat_mae"],
        "2021 as seven regional elections (share RMSE)": lambda r: r["regional_rmse_2021"],
        "hindsight: 2025 simulated seat error (not a fit)": lambda r: r["2025"]["seat_mae"],
    }
    out["grid"] = rows
    out["picks"] = {name: min(rows, key=key) for name, key in criteria.items()}

    # 2. Plain uniform swing does not land on its national target.
    p25 = project("2025", model="uniform")
    got = national_shares(uniform(p25.base, p25.target), p25.base.votes)
    out["uniform_national_2025"] = {
        p.value: {"target": round(100 * float(t), 2), "result": round(100 * float(g), 2)}
        for p, t, g in zip(MODEL_PARTIES, p25.target, got, strict=True)
    }

    # 3. Churn for every party (no jump at new = old), refitted by the published criterion.
    variant = fit_flow(churn_all=True)
    out["churn_all"] = {"params": variant.params}
    out["churn_all"].update(both(flow(variant.model)))

    # 4. Logit swing: bounded, no parameter to fit.
    out["logit"] = both(logit_swing)

    # 5. An open-seat effect, fitted on the residuals of the published flow model in 2021.
    o21, o25 = open_seats("2019", "2021", "2019"), open_seats("2021", "2025", "2021t")
    b0, b1 = baseline("2019"), baseline("2021")
    res = logit(b1.shares) - logit(flow(published)(b0, b1.national))
    held = np.zeros_like(o21)
    held[np.arange(len(b0.codes)), b0.shares.argmax(axis=1)] = True
    opened, kept = res[held & o21], res[held & ~o21]
    delta = float(opened.mean() - kept.mean())
    se = float(np.sqrt(opened.var() / len(opened) + kept.var() / len(kept)))
    out["open_seats"] = {
        "count_2021": {p.value: int(n) for p, n in zip(MODEL_PARTIES, o21.sum(axis=0), strict=True) if n},
        "count_2025": {p.value: int(n) for p, n in zip(MODEL_PARTIES, o25.sum(axis=0), strict=True) if n},
        "delta_logit": round(delta, 3),
        "se": round(se, 3),
    }
    out["open_seats"].update(
        both(
            with_open_seats(flow(published), o21, delta),
            with_open_seats(flow(published), o21, delta),
            with_open_seats(flow(published), o25, delta),
        )
    )

    # 6. Where 2021's voters moved (ecological estimate): the exchanges an affinity could learn.
    flows = ecological_flows()
    out["flows_2019_2021"] = {
        p.value: {q.value: round(float(x), 3) for q, x in zip(MODEL_PARTIES, row, strict=True)}
        for p, row in zip(MODEL_PARTIES, flows, strict=True)
    }

    if a.json:
        json.dump(out, sys.stdout, indent=1)
        print()
        return 0

    def line(name: str, r: dict[str, Any]) -> str:
        x, y = r["2021"], r["2025"]
        return (
            f"{name:52s} 2021: {x['ridings_right']:3d} right, error {x['seat_mae']:5.2f},"
            f" Brier {x['brier']:.4f} | 2025: {y['ridings_right']:3d} right,"
            f" error {y['seat_mae']:5.2f}, Brier {y['brier']:.4f}"
        )

    print(f"Simulated backtests from the polls, {a.sims} draws, seed {a.seed}\n")
    for name, r in out["published"].items():
        print(line(name, r))
    print("\nThe flow grid (90 candidates): what each 2021 criterion picks")
    for name, r in out["picks"].items():
        print(f"  {name}: churn {r['churn']}, scale {r['scale']}, alpha {r['alpha']}, gamma {r['gamma']}")
        print("  " + line("", r))
    errs = sorted(r["2025"]["seat_mae"] for r in rows)
    print(f"  2025 seat error over the grid: {errs[0]:.2f} to {errs[-1]:.2f} (median {np.median(errs):.2f})")
    print("\nUniform swing's own national result, 2025 (target -> result):")
    moved = out["uniform_national_2025"].items()
    print("  " + ", ".join(f"{k} {v['target']} -> {v['result']}" for k, v in moved))
    c = out["churn_all"]
    print("\n" + line(f"churn for every party {tuple(c['params'].values())}", c))
    print(line("logit swing", out["logit"]))
    o = out["open_seats"]
    print(line(f"flow + open-seat effect {o['delta_logit']:+.3f} (se {o['se']:.3f})", o))
    print(f"  open seats 2021 {o['count_2021']}, 2025 {o['count_2025']}")
    print("\nEcological flows 2019 -> 2021 (row: 2019 party, columns: its voters' 2021 vote)")
    print("      " + " ".join(f"{p.value:>5s}" for p in MODEL_PARTIES))
    for p, row in zip(MODEL_PARTIES, flows, strict=True):
        print(f"{p.value:5s} " + " ".join(f"{x:5.2f}" for x in row))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
