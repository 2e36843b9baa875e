"""From the poll average to expected riding shares: which baseline, which swing model.

A forecast for election E starts from the election before it on E's map (its record's
``previous``: 2021 transposed for 2025, 2025 for the next election), takes the national (and,
where given, regional) poll average as of a date, corrects it for the previous poll miss,
and moves every riding with one of the swing models of `seatcast.forecast.models`, fitted
by the published rule of `seatcast.forecast.history`.

`Forecaster` holds, for one catalog, what each election's forecast needs (its baseline, its
polls, its poll miss, its fitting pair) and the models fitted on that pair, each resolved
once and on demand.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from seatcast.catalog import Catalog
from seatcast.domain.elections import ElectionRecord
from seatcast.domain.geography import REGIONS, Region
from seatcast.domain.parties import Party
from seatcast.domain.polls import Poll
from seatcast.domain.ridings import RidingCode
from seatcast.errors import SeatcastError
from seatcast.forecast.average import AverageConfig, PollAverage, poll_average
from seatcast.forecast.baseline import MODEL_PARTIES, Baseline, baseline
from seatcast.forecast.history import FitPair, apply_bias, eve_of, fitting_pair, poll_miss
from seatcast.forecast.models import DEFAULT_MODEL, MODELS, FittedModel

__all__ = ["DEFAULT_MODEL", "MODELS", "Forecaster", "Projection", "regional_averages"]


@dataclass(frozen=True, slots=True)
class Projection:
    """Expected riding shares for one election, and what they came from."""

    election: ElectionRecord
    as_of: dt.date
    fitted: FittedModel
    base: Baseline
    target: np.ndarray  # national shares fed to the swing model (MODEL_PARTIES order)
    target_sd: np.ndarray  # election-day uncertainty of those shares
    mean: np.ndarray  # (R, P) projected riding shares
    average: PollAverage | None  # None when fed fixed shares
    regional: dict[Region, PollAverage] = field(default_factory=dict)  # regional polls used

    @property
    def model(self) -> str:
        return self.fitted.name

    @property
    def parties(self) -> tuple[Party, ...]:
        return self.base.parties

    @property
    def codes(self) -> tuple[RidingCode, ...]:
        return self.base.codes


def check_model(model: str) -> str:
    if model not in MODELS:
        raise SeatcastError(f"unknown model {model!r} (known: {', '.join(MODELS)})")
    return model


class Forecaster:
    """The forecasts of one catalog's elections (inputs and fits cached per instance)."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._lock = threading.RLock()
        self._bases: dict[str, Baseline] = {}
        self._pairs: dict[str, FitPair] = {}
        self._misses: dict[str, np.ndarray] = {}
        self._fits: dict[tuple[str, bool, str], FittedModel] = {}

    # -- what a forecast of one election needs ----------------------------------------------
    def record(self, election: str) -> ElectionRecord:
        """An election that can be forecast: it has a baseline on its map and polls."""
        rec = self.catalog.record(election)
        if rec.previous is None or rec.polls is None:
            known = ", ".join(r.id for r in self.catalog.registry if r.previous and r.polls)
            why = "no earlier election on its map" if rec.previous is None else "no polls"
            raise SeatcastError(f"no forecast for election {rec.id} ({why}; forecastable: {known})")
        return rec

    def baseline(self, election: str) -> Baseline:
        """An election's result as riding shares (of any election with a result)."""
        e = self.catalog.election(election)
        with self._lock:
            if e.id not in self._bases:
                self._bases[e.id] = baseline(e)
            return self._bases[e.id]

    def pair(self, election: str) -> FitPair:
        rec = self.record(election)
        with self._lock:
            if rec.id not in self._pairs:
                self._pairs[rec.id] = fitting_pair(self.catalog, rec)
            return self._pairs[rec.id]

    def miss(self, election: str) -> np.ndarray:
        """The poll miss that corrects an election's polls (log scale, MODEL_PARTIES order)."""
        rec = self.record(election)
        with self._lock:
            if rec.id not in self._misses:
                m = poll_miss(self.catalog, rec)
                m.setflags(write=False)
                self._misses[rec.id] = m
            return self._misses[rec.id]

    def fitted(self, election: str, model: str = DEFAULT_MODEL) -> FittedModel:
        """``model`` fitted by the published rule for a forecast of ``election``."""
        check_model(model)
        pair = self.pair(election)
        key = (pair.label, pair.in_sample, model)
        with self._lock:
            if key not in self._fits:
                self._fits[key] = MODELS[model].fit(pair)
            return self._fits[key]

    def polls(self, election: str) -> tuple[Poll, ...]:
        return self.catalog.polls(self.record(election).id)

    def default_as_of(self, election: str, polls: Sequence[Poll] | None = None) -> dt.date:
        """The eve of a past election; for one not held yet, the day of its latest poll."""
        rec = self.catalog.record(election)
        if rec.date is not None:
            return eve_of(rec)
        pool = polls if polls is not None else self.polls(rec.id)
        if not pool:
            raise SeatcastError(f"no polls for election {rec.id}")
        return max(p.end_date for p in pool)

    def check_as_of(self, election: str, as_of: dt.date) -> None:
        """A forecast of a past election is as of a day before its polling day."""
        rec = self.catalog.record(election)
        if rec.date is not None and as_of >= rec.date:
            nxt = self.catalog.registry.next_election()
            hint = f"; the {nxt.name} is {nxt.id}" if nxt else ""
            raise SeatcastError(
                f"--as-of {as_of} is not before polling day of the {rec.name} ({rec.date}): "
                f"a forecast of {rec.id} is as of an earlier day{hint}")

    def check_polls(self, election: str, polls: Sequence[Poll]) -> None:
        """Polls of another election's cycle are an error that names that election: the
        cycle of E runs from the day after the general election before it to E's polling day."""
        if not polls:
            return
        rec = self.catalog.record(election)
        before = self.catalog.registry.held_before(rec)
        first, last = min(p.end_date for p in polls), max(p.end_date for p in polls)
        late = rec.date is not None and first >= rec.date
        early = before is not None and before.date is not None and last <= before.date
        if not (late or early):
            return
        belongs = self._cycle_of(first if late else last)
        where = f": they belong to the {belongs.name} ({belongs.id})" if belongs else ""
        when = f"after the {rec.name} ({rec.date})" if late else (
            f"before the {before.name} ({before.date}), the election before the {rec.name}"
            if before is not None else "")
        raise SeatcastError(f"every poll given is dated {when}{where}")

    def _cycle_of(self, day: dt.date) -> ElectionRecord | None:
        """The general election whose poll cycle holds ``day`` (the first held on or after it)."""
        held = [r for r in self.catalog.registry.general() if r.date is None or r.date >= day]
        return min(held, key=lambda r: (r.date is None, r.date or dt.date.max)) if held else None

    # -- the projection ---------------------------------------------------------------------
    def project(
        self,
        election: str,
        as_of: dt.date | None = None,
        *,
        model: str = DEFAULT_MODEL,
        polls: Sequence[Poll] | None = None,
        shares: dict[Party, float] | None = None,
        average_config: AverageConfig | None = None,
        correct_bias: bool = True,
    ) -> Projection:
        """Project riding shares from the polls (or from fixed national ``shares``)."""
        rec = self.record(election)
        fitted = self.fitted(rec.id, model)
        base = self.baseline(rec.previous or "")
        if polls is not None:
            self.check_polls(rec.id, polls)
        when = as_of or self.default_as_of(rec.id, polls)
        self.check_as_of(rec.id, when)
        avg: PollAverage | None = None
        regional: dict[Region, PollAverage] = {}
        if shares is not None:
            target = np.array([max(float(shares.get(p, 0.0)), 0.0) for p in MODEL_PARTIES])
            if target.sum() <= 0:
                raise SeatcastError("the national shares given sum to zero")
            target = target / target.sum()
            cfg = average_config or AverageConfig()
            target_sd = np.sqrt(cfg.miss**2 * target * (1 - target))
        else:
            all_polls = list(polls) if polls is not None else list(self.polls(rec.id))
            avg = poll_average(all_polls, when, config=average_config)
            target = avg.mean
            target_sd = avg.sd
            if correct_bias:
                target = apply_bias(avg.mean, self.miss(rec.id))
            regional = regional_averages(all_polls, when, average_config)
        mean = fitted.project(base, target)
        for region, ravg in regional.items():
            # Regional polls: move that region's ridings to the regional average instead.
            m = base.region == REGIONS.index(region)
            if m.any():
                sub = base.subset(m)
                rt = ravg.mean * (sub.shares.sum(axis=0) > 0)
                mean[m] = fitted.project(sub, rt / rt.sum())
        return Projection(rec, when, fitted, base, target, target_sd, mean, avg, regional)

    def actual_shares(self, election: str) -> dict[Party, float]:
        """The national shares of an election as held (for ``--shares actual``)."""
        b = self.baseline(self.record(election).id)
        return dict(zip(b.parties, (float(x) for x in b.national), strict=True))


def regional_averages(
    polls: Sequence[Poll], as_of: dt.date, config: AverageConfig | None = None
) -> dict[Region, PollAverage]:
    """Averages of the regional polls in a poll list, for regions with recent polls."""
    out: dict[Region, PollAverage] = {}
    for region in sorted({p.region for p in polls if p.region is not None}):
        try:
            out[region] = poll_average(polls, as_of, config=config, region=region)
        except SeatcastError:
            continue  # no recent poll in that region
    return out
