"""Backtest: run the forecast as it stood on the eve of a past election, and score it.

The forecast is made exactly as on the eve, under the protocol of
`seatcast.forecast.history`: every input is read through the vintage of polling day (the
polls published before it, the results of earlier elections), and the models are fitted on
the pairs held before it.  Only then is the result read, to score it.

Scores, for the model and, in the same run, for plain uniform and proportional swing:
ridings called right (the party with the highest chance won), seat error per party
(mean simulated seats minus actual), the mean absolute seat error over LPC, CPC, BQ, NDP
and GPC, the Brier score of the riding odds (multi-class: the sum over parties of the
squared difference between the chance and the 0/1 outcome, averaged over ridings), the
log score (the mean natural log of the chance given to the riding's winner, a chance of 0
counted as half a draw), a calibration table per label (Safe, Likely, Leaning, Toss-up:
how many ridings, how many called right), the reliability of the favourites' chances by
bin (`RELIABILITY_BINS`: how many ridings, their mean chance, how often the favourite
won), whether each party's actual seats fell inside the 50, 80 and 95 % intervals of the
draws (and at which percentile), and the probability the simulation gave to the class of
outcome that happened (e.g. "LPC minority").
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from seatcast.domain.draws import SimulationResult
from seatcast.domain.parties import Party
from seatcast.domain.results import Election
from seatcast.forecast.baseline import MODEL_PARTIES, SCORED_PARTIES
from seatcast.forecast.models import DEFAULT_MODEL, MODELS, Param
from seatcast.forecast.pollerror import PollErrorView, poll_error_view
from seatcast.forecast.projection import Forecaster, Projection
from seatcast.forecast.simulate import simulate
from seatcast.forecast.summary import LABELS, outcome_class, outcome_classes, riding_label


@dataclass(frozen=True, slots=True)
class LabelScore:
    """The ridings of one label (Safe, Likely, ...): how many, how many called right."""

    ridings: int
    right: int
    share_right: float | None
    mean_chance: float | None


@dataclass(frozen=True, slots=True)
class ReliabilityBin:
    """The ridings whose favourite had a chance in [low, high): how often it won."""

    low: float
    high: float
    ridings: int
    mean_chance: float | None  # the favourites' mean chance
    won: int  # ridings the favourite won
    share_won: float | None


@dataclass(frozen=True, slots=True)
class SeatInterval:
    """Where one party's actual seats fell in its simulated distribution."""

    actual: int
    percentile: float  # share of draws below the actual count, plus half of those equal
    interval_50: tuple[int, int]
    interval_80: tuple[int, int]
    interval_95: tuple[int, int]
    in_50: bool
    in_80: bool
    in_95: bool


#: Bin edges of the favourite's chance (the favourite of seven parties has at least 1/7).
RELIABILITY_BINS: tuple[float, ...] = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 1.0)


@dataclass(frozen=True, slots=True)
class Score:
    model: str
    ridings_right: int
    ridings_total: int
    ridings_right_share: float
    seats: Mapping[Party, float]  # mean simulated seats
    seat_error: Mapping[Party, float]  # projected minus actual
    seat_mae: float
    brier: float
    log_score: float  # mean ln(chance of the winner): 0 is perfect, higher is better
    calibration: Mapping[str, LabelScore]
    reliability: tuple[ReliabilityBin, ...]
    intervals: Mapping[Party, SeatInterval]  # the scored parties
    coverage: Mapping[str, int]  # "50", "80", "95" -> scored parties inside that interval
    p_actual_class: float


@dataclass(frozen=True, slots=True)
class Backtest:
    """The forecast of a past election on its eve, scored beside the plain swings."""

    election: str
    as_of: dt.date
    shares: str  # "polls" (the average) or "actual" (the result's national shares)
    poll_miss_corrected: bool
    national_shares_used: Mapping[Party, float]
    sims: int
    seed: int
    model: str
    fitted_on: str  # the fitting pairs, e.g. "2015 -> 2019, 2019 -> 2021" ("a priori": none)
    in_sample: bool  # its own pair among the fitting pairs (a comparison, not the protocol)
    params: Mapping[str, Param]
    poll_error: PollErrorView  # the poll-error model as it stood before the election
    actual_seats: Mapping[Party, int]
    actual_class: str
    score: Score
    baselines: tuple[Score, ...]  # the plain swings, in BASELINES order
    beats_baselines: bool  # lower seat error than every plain swing
    beats_uniform: Mapping[str, bool]  # "seat_mae", "brier": lower than uniform swing's
    models_known: tuple[str, ...]


def actual_outcome(e: Election) -> tuple[np.ndarray, dict[Party, int]]:
    """Winner index (into MODEL_PARTIES) per riding, and seats per model party."""
    idx = []
    for r in e.results.values():
        p = r.winner.party
        idx.append(MODEL_PARTIES.index(p) if p in MODEL_PARTIES else MODEL_PARTIES.index(Party.OTH))
    win = np.array(idx)
    seats = {p: int((win == j).sum()) for j, p in enumerate(MODEL_PARTIES)}
    return win, seats


def _interval(col: np.ndarray, level: float) -> tuple[int, int]:
    lo, hi = np.quantile(col, [(1 - level) / 2, (1 + level) / 2])
    return int(lo), int(hi)


def seat_interval(col: np.ndarray, actual: int) -> SeatInterval:
    i50, i80, i95 = (_interval(col, x) for x in (0.5, 0.8, 0.95))
    pct = float((col < actual).mean() + 0.5 * (col == actual).mean())
    return SeatInterval(actual, pct, i50, i80, i95, *(lo <= actual <= hi for lo, hi in (i50, i80, i95)))


def reliability(chance: np.ndarray, won: np.ndarray) -> tuple[ReliabilityBin, ...]:
    """The favourites' chances (``chance``) against whether they won, by `RELIABILITY_BINS`."""
    out = []
    edges = RELIABILITY_BINS
    for k, (lo, hi) in enumerate(itertools.pairwise(edges)):
        last = k == len(edges) - 2
        m = (chance >= lo) & ((chance <= hi) if last else (chance < hi))
        n = int(m.sum())
        w = int(won[m].sum())
        out.append(ReliabilityBin(lo, hi, n, float(chance[m].mean()) if n else None, w,
                                  w / n if n else None))
    return tuple(out)


def score(
    res: SimulationResult, actual_win: np.ndarray, actual_seats: Mapping[Party, int], actual_class: str
) -> Score:
    called = res.win_prob.argmax(axis=1)
    right = called == actual_win
    mean = res.seats.mean(axis=0)
    err = {p: float(mean[j] - actual_seats[p]) for j, p in enumerate(res.parties)}
    mae = float(np.mean([abs(err[p]) for p in SCORED_PARTIES]))
    onehot = np.eye(len(res.parties))[actual_win]
    brier = float(((res.win_prob - onehot) ** 2).sum(axis=1).mean())
    p_win = res.win_prob[np.arange(len(actual_win)), actual_win]
    log_score = float(np.log(np.maximum(p_win, 0.5 / res.sims)).mean())
    top = res.win_prob.max(axis=1)
    labels = [riding_label(float(x)) for x in top]
    cal: dict[str, LabelScore] = {}
    for lab in LABELS:
        m = np.array([x == lab for x in labels])
        n = int(m.sum())
        k = int(right[m].sum())
        expected = float(top[m].mean()) if n else None
        cal[lab] = LabelScore(n, k, (k / n) if n else None, expected)
    intervals = {p: seat_interval(res.seats[:, res.parties.index(p)], actual_seats[p])
                 for p in SCORED_PARTIES}
    coverage = {lvl: sum(getattr(iv, f"in_{lvl}") for iv in intervals.values()) for lvl in ("50", "80", "95")}
    classes = outcome_classes(res.seats, res.parties, res.majority)
    p_class = float(np.mean(classes == actual_class))
    return Score(
        res.model,
        int(right.sum()),
        len(actual_win),
        float(right.mean()),
        MappingProxyType({p: float(mean[j]) for j, p in enumerate(res.parties)}),
        MappingProxyType(err),
        mae,
        brier,
        log_score,
        MappingProxyType(cal),
        reliability(top, right),
        MappingProxyType(intervals),
        MappingProxyType(coverage),
        p_class,
    )


#: The plain swings every backtest reports beside the model it scores.
BASELINES: tuple[str, ...] = ("uniform", "proportional")


def scored_models(model: str) -> tuple[str, ...]:
    """The models one backtest simulates: ``model``, then each plain swing it is not."""
    return (model, *(x for x in BASELINES if x != model))


def backtest(
    forecaster: Forecaster,
    election: str,
    as_of: dt.date | None = None,
    *,
    shares: str = "polls",
    model: str = DEFAULT_MODEL,
    sims: int = 20_000,
    seed: int = 0,
    workers: int = 2,
    progress: Callable[[int], None] | None = None,
    correct_bias: bool = True,
    in_sample: bool = False,
) -> Backtest:
    """Score ``model`` and both plain swings on a past election (same seed, same draws).

    The forecasts are made first, through the forecaster's vintage of polling day; the
    result is read afterwards, to score them.  ``shares="actual"`` feeds the result's own
    national shares (hindsight, labelled); ``in_sample`` adds the election's own pair to
    the fitting pairs (a comparison, labelled, never the published figure)."""
    rec = forecaster.record(election)
    fixed = forecaster.actual_shares(rec.id) if shares == "actual" else None
    runs: dict[str, tuple[Projection, SimulationResult]] = {}
    for m in scored_models(model):
        proj = forecaster.project(rec.id, as_of, model=m, shares=fixed, correct_bias=correct_bias,
                                  in_sample=in_sample)
        runs[m] = (proj, simulate(proj, sims=sims, seed=seed, workers=workers, progress=progress))
    # Scoring: only now is the result read.
    e = forecaster.catalog.election(rec.id)
    actual_win, actual_seats = actual_outcome(e)
    actual_class = outcome_class(
        np.array([actual_seats[p] for p in MODEL_PARTIES]), MODEL_PARTIES, e.majority
    )
    scores = {m: score(res, actual_win, actual_seats, actual_class) for m, (_, res) in runs.items()}
    used = runs[model][0]
    main = scores[model]
    others = tuple(s for m, s in scores.items() if m != model)
    uni = scores.get("uniform")
    return Backtest(
        election=rec.id,
        as_of=used.as_of,
        shares=shares,
        poll_miss_corrected=correct_bias and fixed is None,
        national_shares_used=MappingProxyType(
            {p: float(x) for p, x in zip(MODEL_PARTIES, used.target, strict=True)}),
        sims=sims,
        seed=seed,
        model=model,
        fitted_on=used.fitted.pair,
        in_sample=used.fitted.in_sample,
        params=used.fitted.params,
        poll_error=poll_error_view(forecaster.poll_error(rec.id)),
        actual_seats=MappingProxyType(actual_seats),
        actual_class=actual_class,
        score=main,
        baselines=others,
        beats_baselines=all(main.seat_mae < s.seat_mae for s in others),
        beats_uniform=MappingProxyType({
            "seat_mae": uni is not None and main.seat_mae < uni.seat_mae,
            "brier": uni is not None and main.brier < uni.brier}),
        models_known=tuple(MODELS),
    )
