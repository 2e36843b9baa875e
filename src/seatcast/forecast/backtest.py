"""Backtest: run the forecast as it stood on the eve of a past election, and score it.

Scores, for the model and, in the same run, for plain uniform and proportional swing:
ridings called right (the party with the highest chance won), seat error per party
(mean simulated seats minus actual), the mean absolute seat error over LPC, CPC, BQ, NDP
and GPC, the Brier score of the riding odds (multi-class: the sum over parties of the
squared difference between the chance and the 0/1 outcome, averaged over ridings), a
calibration table per label (Safe, Likely, Leaning, Toss-up: how many ridings, how many
called right) and the probability the simulation gave to the class of outcome that
happened (e.g. "LPC minority").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from seatcast.domain.parties import Party
from seatcast.domain.results import Election
from seatcast.forecast.baseline import MODEL_PARTIES, SCORED_PARTIES
from seatcast.forecast.models import DEFAULT_MODEL, MODELS, Param
from seatcast.forecast.projection import Forecaster
from seatcast.forecast.simulate import SimulationResult, simulate
from seatcast.forecast.summary import LABELS, outcome_class, outcome_classes, riding_label


@dataclass(frozen=True, slots=True)
class LabelScore:
    """The ridings of one label (Safe, Likely, ...): how many, how many called right."""

    ridings: int
    right: int
    share_right: float | None
    mean_chance: float | None


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
    calibration: Mapping[str, LabelScore]
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
    fitted_on: str  # the fitting pair, e.g. "2019 -> 2021"
    in_sample: bool  # fitted on the election it scores (no earlier pair)
    params: Mapping[str, Param]
    actual_seats: Mapping[Party, int]
    actual_class: str
    score: Score
    baselines: tuple[Score, ...]  # the plain swings, in BASELINES order
    beats_baselines: bool  # lower seat error than every plain swing
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
    labels = [riding_label(float(x)) for x in res.win_prob.max(axis=1)]
    cal: dict[str, LabelScore] = {}
    for lab in LABELS:
        m = np.array([x == lab for x in labels])
        n = int(m.sum())
        k = int(right[m].sum())
        expected = float(res.win_prob.max(axis=1)[m].mean()) if n else None
        cal[lab] = LabelScore(n, k, (k / n) if n else None, expected)
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
        MappingProxyType(cal),
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
) -> Backtest:
    """Score ``model`` and both plain swings on a past election (same seed, same draws)."""
    rec = forecaster.record(election)
    e = forecaster.catalog.election(rec.id)
    fixed = forecaster.actual_shares(rec.id) if shares == "actual" else None
    actual_win, actual_seats = actual_outcome(e)
    actual_class = outcome_class(
        np.array([actual_seats[p] for p in MODEL_PARTIES]), MODEL_PARTIES, e.majority
    )
    scores: dict[str, Score] = {}
    used = None
    for m in scored_models(model):
        proj = forecaster.project(rec.id, as_of, model=m, shares=fixed, correct_bias=correct_bias)
        used = used or proj
        res = simulate(proj, sims=sims, seed=seed, workers=workers, progress=progress)
        scores[m] = score(res, actual_win, actual_seats, actual_class)
    assert used is not None
    main = scores[model]
    others = tuple(s for m, s in scores.items() if m != model)
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
        actual_seats=MappingProxyType(actual_seats),
        actual_class=actual_class,
        score=main,
        baselines=others,
        beats_baselines=all(main.seat_mae < s.seat_mae for s in others),
        models_known=tuple(MODELS),
    )
