"""Should the next election's projection use incumbency?  What each fitting pair can tell.

The published rule fits the next election's models on the latest same-map pair, 2021
(transposed) -> 2025; the 2025 forecast's pair is 2019 -> 2021.  An incumbency term here is an
*open-seat* effect: where the party that won the riding at the baseline election does not run
its sitting member again, its share is moved by ``delta`` on the logit scale.  For each pair:

* open seats are counted for the six named parties (an independent's seat has no party
  successor: Vancouver Granville in 2019 -> 2021 would alone move the mean);
* who ran again: 2021 from Elections Canada's incumbent flags (table 12, ``**``); 2025 has no
  flags and 2021t no candidates at all, so a 2025 candidate is taken as the incumbent when his
  or her first and last names (accents and case aside) are those of a 2021 winner of the same
  party (this ignores the by-elections and floor crossings of the 44th Parliament);
* ``delta``: the mean logit residual of the holder's share in open seats minus that in seats
  where the member ran again, residuals of the pair's own fitted flow model fed the later
  election's actual national shares (so the term measures geography, not the polls);
* does it improve the pair's fit?  In sample (fitted and scored on the same ridings), by
  leave-one-region-out cross-validation (fitted on six regions, scored on the seventh), and
  across pairs (2019 -> 2021's delta scored on 2021t -> 2025: a true out-of-sample test).

    .venv/bin/python benchmarks/incumbency.py [--json]

Nothing here feeds the forecast; docs/forecast.md quotes its output.
"""

from __future__ import annotations

import argparse
import json
import re
import unicodedata
from typing import Any

import numpy as np

from seatcast.catalog import Catalog
from seatcast.domain.parties import Party
from seatcast.domain.results import Election
from seatcast.forecast.baseline import MODEL_PARTIES, Baseline
from seatcast.forecast.fit import logit
from seatcast.forecast.projection import Forecaster


def _person(name: str) -> tuple[str, str]:
    t = re.findall(r"[a-z]+", unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower())
    return (t[0], t[-1]) if t else ("", "")


def open_flagged(base: Baseline, later: Election) -> np.ndarray:
    """Open seats from the later election's incumbent flags: the baseline winner's party
    ran no flagged incumbent there."""
    out = np.zeros(len(base.codes), dtype=bool)
    for i, code in enumerate(base.codes):
        held = MODEL_PARTIES[int(base.shares[i].argmax())]
        out[i] = held is not Party.OTH and not any(
            c.incumbent and c.party is held for c in later.result(code).candidates)
    return out


def open_by_name(base: Baseline, winners_of: Election, later: Election) -> np.ndarray:
    """Open seats by name: no candidate of the baseline winner's party in ``later`` is a
    winner of that party at ``winners_of`` (first and last name)."""
    won = {(_person(r.winner.name), r.winner.party) for r in winners_of.results.values()}
    out = np.zeros(len(base.codes), dtype=bool)
    for i, code in enumerate(base.codes):
        held = MODEL_PARTIES[int(base.shares[i].argmax())]
        out[i] = held is not Party.OTH and not any(
            c.party is held and (_person(c.name), held) in won for c in later.result(code).candidates)
    return out


def holder_residuals(proj: np.ndarray, base: Baseline, actual: Baseline) -> np.ndarray:
    j = base.shares.argmax(axis=1)
    rows = np.arange(len(j))
    return logit(actual.shares[rows, j]) - logit(proj[rows, j])


def fit_delta(res: np.ndarray, opened: np.ndarray) -> tuple[float, float]:
    a, b = res[opened], res[~opened]
    return float(a.mean() - b.mean()), float(np.sqrt(a.var() / len(a) + b.var() / len(b)))


def with_term(proj: np.ndarray, base: Baseline, opened: np.ndarray, delta: float) -> np.ndarray:
    """The projection with the holder's logit moved by ``delta`` in open seats, renormalized."""
    out = proj.copy()
    j = base.shares.argmax(axis=1)
    rows = np.flatnonzero(opened)
    s = out[rows, j[rows]]
    out[rows, j[rows]] = 1.0 / (1.0 + np.exp(-(logit(s) + delta)))
    return out / out.sum(axis=1, keepdims=True)


def rmse(proj: np.ndarray, actual: Baseline, mask: np.ndarray | None = None) -> float:
    m = np.ones(len(actual.codes), dtype=bool) if mask is None else mask
    err = ((proj - actual.shares) ** 2).sum(axis=1)
    return float(100 * np.sqrt(np.average(err[m], weights=actual.votes[m])))


def right(proj: np.ndarray, actual: Baseline) -> int:
    return int((proj.argmax(axis=1) == actual.shares.argmax(axis=1)).sum())


def measure(fc: Forecaster, election: str, opened: np.ndarray) -> dict[str, Any]:
    """The open-seat term on the fitting pair of ``election``'s forecast."""
    pair = fc.pair(election)
    model = fc.fitted(election)
    base, actual = pair.old, pair.new
    proj = model.project(base, actual.national)
    res = holder_residuals(proj, base, actual)
    delta, se = fit_delta(res, opened)
    cv = np.empty_like(proj)
    for g in np.unique(base.region):  # leave one region out
        out = base.region == g
        d, _ = fit_delta(res[~out], opened[~out])
        cv[out] = with_term(proj, base, opened, d)[out]
    held = [MODEL_PARTIES[int(k)] for k in base.shares.argmax(axis=1)]
    by_party = {p.value: sum(1 for h, o in zip(held, opened, strict=True) if o and h is p)
                for p in MODEL_PARTIES}
    return {
        "pair": pair.label, "model": dict(model.params),
        "open_seats": int(opened.sum()),
        "open_by_party": {k: n for k, n in by_party.items() if n},
        "delta_logit": round(delta, 3), "se": round(se, 3),
        "rmse_points": {"without": round(rmse(proj, actual), 3),
                        "in_sample": round(rmse(with_term(proj, base, opened, delta), actual), 3),
                        "leave_one_region_out": round(rmse(cv, actual), 3)},
        "ridings_right": {"without": right(proj, actual),
                          "in_sample": right(with_term(proj, base, opened, delta), actual),
                          "leave_one_region_out": right(cv, actual)},
        "_delta": delta, "_proj": proj, "_base": base, "_actual": actual,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    cat = Catalog.builtin()
    fc = Forecaster(cat)
    pa = fc.pair("2025")  # 2019 -> 2021
    a = measure(fc, "2025", open_flagged(pa.old, cat.election("2021")))
    pb = fc.pair("ge46")  # 2021t -> 2025
    open_b = open_by_name(pb.old, cat.election("2021"), cat.election("2025"))
    b = measure(fc, "ge46", open_b)
    cross = with_term(b["_proj"], b["_base"], open_b, a["_delta"])
    b["rmse_points"]["delta_of_2019_2021"] = round(rmse(cross, b["_actual"]), 3)
    b["ridings_right"]["delta_of_2019_2021"] = right(cross, b["_actual"])
    out = {k: {x: y for x, y in v.items() if not x.startswith("_")} for k, v in
           (("2019 -> 2021", a), ("2021t -> 2025", b))}
    if args.json:
        print(json.dumps(out, indent=2))
        return
    for label, r in out.items():
        print(f"{label} (flow {r['model']}): {r['open_seats']} open seats {r['open_by_party']}")
        print(f"  open-seat term: holder's logit {r['delta_logit']:+.3f} (se {r['se']:.3f})")
        print(f"  share RMSE (points): {r['rmse_points']}")
        print(f"  ridings right: {r['ridings_right']}")


if __name__ == "__main__":
    main()
