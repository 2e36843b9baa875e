"""The forecast record over three elections, under the protocol, and what each part does.

For 2019, 2021 and 2025 this runs the published backtest (`seatcast backtest E --json`:
the default model beside uniform and proportional swing, same seed, same draws) and, for
the default model only, in the same simulation, the variants that show what each piece of
the protocol does (none of them is fitted or chosen on the election it scores):

* ``no structure``: the default model without its covariate effects and kinds;
* ``fieldwork dates``: polls counted from their last fieldwork day (the old rule) instead
  of their publication;
* ``single carry``: the poll average corrected by the one previous election's miss (the
  old rule) instead of the historical poll-error model;
* ``in sample`` (2021): the election's own pair among the fitting pairs;
* ``regional polls`` (2025): the 2025 campaign's regional polls as compiled by 338Canada,
  read from the raw data folder (no licence: never shipped, never built into a table;
  used here as validation only).

It also prints the poll-error model's prediction before each election and the calibration
tables.  ``--raw ../shared/data`` is only needed for the regional polls.

    .venv/bin/python benchmarks/forecast_record.py --sims 20000            # tables
    .venv/bin/python benchmarks/forecast_record.py --sims 20000 --json     # everything
    .venv/bin/python benchmarks/forecast_record.py --svg docs               # the reliability charts only

Nothing here feeds the forecast; `seatcast backtest` is the published record.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

from seatcast.catalog import Catalog
from seatcast.domain.geography import Region
from seatcast.domain.polls import POLL_PARTIES, Poll
from seatcast.forecast.average import poll_average
from seatcast.forecast.backtest import Score, actual_outcome, backtest, score
from seatcast.forecast.baseline import MODEL_PARTIES, baseline
from seatcast.forecast.history import eve_of
from seatcast.forecast.models import DEFAULT_MODEL, MODELS
from seatcast.forecast.pollerror import apply_bias
from seatcast.forecast.projection import Forecaster, Projection
from seatcast.forecast.simulate import simulate
from seatcast.forecast.summary import outcome_class
from seatcast.present.figures import reliability_figure
from seatcast.serialize import to_jsonable

REGIONAL = "polls/regional/338canada-pages-2025/ca_2025_campaign_regional_polls_338canada.csv"
_REGIONS = {"ATL": Region.ATL, "QC": Region.QC, "ON": Region.ON, "MB_SK": Region.PR, "AB": Region.AB,
            "BC": Region.BC}


def brief(s: Score) -> dict[str, Any]:
    return {"ridings_right": s.ridings_right, "seat_mae": round(s.seat_mae, 2), "brier": round(s.brier, 4),
            "log_score": round(s.log_score, 4), "coverage": dict(s.coverage),
            "seat_error": {p.value: round(v, 1) for p, v in s.seat_error.items()
                           if p.value in ("LPC", "CPC", "BQ", "NDP", "GPC")}}


def regional_polls(raw: Path) -> list[Poll]:
    """The 338Canada pages' regional rows (middle field date + 1 as the last fieldwork day;
    Nanos's PRAIRIES rows, which join Alberta to Manitoba and Saskatchewan, left out)."""
    out = []
    with (raw / REGIONAL).open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            region = _REGIONS.get(r["region"])
            if region is None:
                continue
            shares = tuple(float(r[p.value]) if r.get(p.value) else None for p in POLL_PARTIES)
            end = dt.date.fromisoformat(r["middle_field_date"]) + dt.timedelta(days=1)
            out.append(Poll(r["pollster"], end, int(r["sample_size_national"]) // 6, shares, r["mode"],
                            False, region, None, r["source_url"]))
    return out


def single_carry(fc: Forecaster, proj: Projection) -> Projection | None:
    """The projection with its average corrected by the one previous miss (the old rule)."""
    rec = proj.election
    if rec.poll_miss_from is None or proj.average is None:
        return None
    prev = fc.catalog.record(rec.poll_miss_from)
    avg = poll_average(fc.catalog.vintage(prev.date).polls(prev.id), eve_of(prev))
    result = baseline(fc.catalog.election(prev.id)).national
    miss = np.log(np.clip(avg.mean, 1e-3, None)) - np.log(np.clip(result, 1e-3, None))
    target = apply_bias(proj.average.mean, miss)
    shift = None
    if proj.fitted.structure is not None:
        shift = proj.fitted.structure.shift(fc.covariates(rec.id, proj.base, rec.map))
    return dataclasses.replace(proj, target=target, mean=proj.fitted.project(proj.base, target, shift))


def election_record(fc: Forecaster, election: str, sims: int, seed: int, raw: Path | None) -> dict[str, Any]:
    bt = backtest(fc, election, sims=sims, seed=seed)
    rec = fc.record(election)
    e = fc.catalog.election(rec.id)
    win, seats = actual_outcome(e)
    cls = outcome_class(np.array([seats[p] for p in MODEL_PARTIES]), MODEL_PARTIES, e.majority)

    def scored(proj: Projection) -> dict[str, Any]:
        return brief(score(simulate(proj, sims=sims, seed=seed), win, seats, cls))

    main = fc.project(rec.id, model=DEFAULT_MODEL)
    variants: dict[str, Any] = {}
    plain = MODELS[DEFAULT_MODEL].fit(fc.pairs(rec.id))
    variants["no structure"] = scored(dataclasses.replace(
        main, fitted=plain, mean=plain.project(main.base, main.target), kinds=None))
    table = fc.catalog.polls(rec.id)
    fieldwork = [dataclasses.replace(p, released=p.end_date) for p in table]
    variants["fieldwork dates"] = scored(fc.project(rec.id, model=DEFAULT_MODEL, polls=fieldwork))
    carry = single_carry(fc, main)
    if carry is not None:
        variants["single carry"] = scored(carry)
    own_pair = any(r.id == rec.id and r.previous for r in fc.catalog.registry.with_results())
    if rec.date is not None and own_pair:
        ins = backtest(fc, election, sims=sims, seed=seed, in_sample=True)
        variants["in sample"] = {"fitted_on": ins.fitted_on, **brief(ins.score),
                                 "uniform": brief(ins.baselines[0])}
    if raw is not None and rec.id == "2025":
        variants["regional polls"] = scored(fc.project(rec.id, model=DEFAULT_MODEL,
                                                       polls=[*fc.polls(rec.id), *regional_polls(raw)]))
    structure = main.fitted.structure
    return {
        "election": rec.id, "as_of": bt.as_of.isoformat(), "fitted_on": bt.fitted_on,
        "params": dict(bt.params),
        "covariates": {"entered": list(structure.covariates) if structure else [],
                       "effects": {k: dict(v) for k, v in structure.effects.items()} if structure else {},
                       "validated_on": structure.validated_on if structure else None,
                       "rmse_change_alone": dict(structure.validation) if structure else {},
                       "kinds": list(structure.kind_names) if structure else [],
                       "kind_sd": {p.value: round(float(x), 3) for p, x in
                                   zip(MODEL_PARTIES, structure.kind_sd, strict=True)} if structure else {}},
        "poll_error": to_jsonable(bt.poll_error),
        "national_shares_used": {p.value: round(x, 4) for p, x in bt.national_shares_used.items()},
        "models": {s.model: brief(s) for s in (bt.score, *bt.baselines)},
        "beats_uniform": dict(bt.beats_uniform),
        "reliability": to_jsonable(bt.score.reliability),
        "intervals": to_jsonable(dict(bt.score.intervals)),
        "variants": variants,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sims", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--elections", default="2019,2021,2025")
    ap.add_argument("--raw", type=Path, default=Path("../shared/data"))
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--svg", type=Path, help="write forecast_reliability_<election>.svg there (only)")
    a = ap.parse_args(argv)
    raw = a.raw if (a.raw / REGIONAL).is_file() else None
    fc = Forecaster(Catalog.builtin())
    if a.svg is not None:
        for e in a.elections.split(","):
            bt = backtest(fc, e, sims=a.sims, seed=a.seed)
            path = a.svg / f"forecast_reliability_{e}.svg"
            tmp = path.with_suffix(".svg.tmp")
            tmp.write_text(reliability_figure(bt).svg + "\n", encoding="utf-8")
            tmp.replace(path)
            print(path)
        return 0
    out = [election_record(fc, e, a.sims, a.seed, raw) for e in a.elections.split(",")]
    if a.json:
        json.dump(out, sys.stdout, indent=1, ensure_ascii=False)
        print()
        return 0
    for r in out:
        print(f"\n== {r['election']} as of {r['as_of']}: fitted on {r['fitted_on']} {r['params']}")
        print(f"   covariates entered: {r['covariates']['entered']} (validated on "
              f"{r['covariates']['validated_on']}; RMSE change alone, points: "
              f"{r['covariates']['rmse_change_alone']}); kinds {r['covariates']['kinds']}")
        for name, s in {**r["models"], **r["variants"]}.items():
            if "ridings_right" not in s:
                continue
            print(f"   {name:16s} right {s['ridings_right']:3d}  seat error {s['seat_mae']:5.2f}  "
                  f"Brier {s['brier']:.4f}  log {s['log_score']:.4f}  50/80/95 "
                  f"{s['coverage']['50']}/{s['coverage']['80']}/{s['coverage']['95']}  {s['seat_error']}")
        print("   poll error before it: " + ", ".join(
            f"{p['party']} {p['bias']:+.3f}±{p['sd']:.3f}" for p in r["poll_error"]["parties"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
