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
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from seatcast.catalog import load
from seatcast.domain.parties import Party
from seatcast.forecast.baseline import MODEL_PARTIES, SCORED_PARTIES
from seatcast.forecast.projection import DEFAULT_MODEL, MODELS, actual_shares, check_election, project
from seatcast.forecast.simulate import SimulationResult, simulate
from seatcast.forecast.summary import LABELS, outcome_class, outcome_classes, riding_label


@dataclass(frozen=True, slots=True)
class Score:
    model: str
    ridings_right: int
    ridings_total: int
    ridings_right_share: float
    seats: dict[str, float]  # mean simulated seats
    seat_error: dict[str, float]  # projected minus actual
    seat_mae: float
    brier: float
    calibration: dict[str, dict[str, Any]]
    p_actual_class: float


def actual_outcome(election: str) -> tuple[np.ndarray, dict[Party, int]]:
    """Winner index (into MODEL_PARTIES) per riding, and seats per model party."""
    e = load(election)
    idx = []
    for r in e.results.values():
        p = r.winner.party
        idx.append(MODEL_PARTIES.index(p) if p in MODEL_PARTIES else MODEL_PARTIES.index(Party.OTH))
    win = np.array(idx)
    seats = {p: int((win == j).sum()) for j, p in enumerate(MODEL_PARTIES)}
    return win, seats


def score(
    res: SimulationResult, actual_win: np.ndarray, actual_seats: dict[Party, int], actual_class: str
) -> Score:
    called = res.win_prob.argmax(axis=1)
    right = called == actual_win
    mean = res.seats.mean(axis=0)
    err = {p.value: float(mean[j] - actual_seats[p]) for j, p in enumerate(res.parties)}
    mae = float(np.mean([abs(err[p.value]) for p in SCORED_PARTIES]))
    onehot = np.eye(len(res.parties))[actual_win]
    brier = float(((res.win_prob - onehot) ** 2).sum(axis=1).mean())
    labels = [riding_label(float(x)) for x in res.win_prob.max(axis=1)]
    cal: dict[str, dict[str, Any]] = {}
    for lab in LABELS:
        m = np.array([x == lab for x in labels])
        n = int(m.sum())
        k = int(right[m].sum())
        expected = float(res.win_prob.max(axis=1)[m].mean()) if n else None
        cal[lab] = {"ridings": n, "right": k, "share_right": (k / n) if n else None, "mean_chance": expected}
    classes = outcome_classes(res.seats, res.parties, res.majority)
    p_class = float(np.mean(classes == actual_class))
    return Score(
        res.model,
        int(right.sum()),
        len(actual_win),
        float(right.mean()),
        {p.value: float(mean[j]) for j, p in enumerate(res.parties)},
        err,
        mae,
        brier,
        cal,
        p_class,
    )


#: The plain swings every backtest reports beside the model it scores.
BASELINES: tuple[str, ...] = ("uniform", "proportional")


def scored_models(model: str) -> tuple[str, ...]:
    """The models one backtest simulates: ``model``, then each plain swing it is not."""
    return (model, *(x for x in BASELINES if x != model))


def backtest(
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
) -> dict[str, Any]:
    """Score ``model`` and both plain swings on a past election (same seed, same draws)."""
    key = check_election(election)
    fixed = actual_shares(key) if shares == "actual" else None
    actual_win, actual_seats = actual_outcome(key)
    actual_class = outcome_class(
        np.array([actual_seats[p] for p in MODEL_PARTIES]), MODEL_PARTIES, load(key).majority
    )
    scores: dict[str, Score] = {}
    for m in scored_models(model):
        proj = project(key, as_of, model=m, shares=fixed, correct_bias=correct_bias)
        res = simulate(proj, sims=sims, seed=seed, workers=workers, progress=progress)
        scores[m] = score(res, actual_win, actual_seats, actual_class)
    main = scores[model]
    return {
        "election": key,
        "as_of": proj.as_of,
        "shares": shares,
        "poll_miss_corrected": correct_bias and fixed is None,
        "national_shares_used": {p.value: float(x) for p, x in zip(MODEL_PARTIES, proj.target, strict=True)},
        "sims": sims,
        "seed": seed,
        "model": model,
        "actual_seats": {p.value: n for p, n in actual_seats.items()},
        "actual_class": actual_class,
        **{k: v for k, v in _as_dict(main).items() if k != "model"},
        "baselines": {m: _as_dict(s) for m, s in scores.items() if m != model},
        "beats_baselines": all(main.seat_mae < s.seat_mae for m, s in scores.items() if m != model),
        "models_known": list(MODELS),
    }


def _as_dict(s: Score) -> dict[str, Any]:
    return {f: getattr(s, f) for f in s.__slots__}
