"""From the poll average to expected riding shares: which baseline, which swing model.

A forecast for election E starts from the election before it on E's map (its record's
``previous``: 2021 transposed for 2025, 2025 for the next election), takes the national (and,
where given, regional) poll average as of a date (the polls published by then), corrects it
by the historical poll-error model, and moves every riding with one of the swing models of
`seatcast.forecast.models`, fitted by the protocol of `seatcast.forecast.history`.

`Forecaster` holds, for one catalog, what each election's forecast needs (its baseline, its
polls, its poll-error model, its fitting pairs) and the models fitted on those pairs, each
resolved once and on demand, and always read through the vintage of the election's polling
day (`seatcast.catalog.Catalog.vintage`): nothing dated on or after it reaches a forecast.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

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
from seatcast.forecast.covariates import RidingCovariates, riding_covariates
from seatcast.forecast.history import FitPair, eve_of, fitting_pairs
from seatcast.forecast.models import DEFAULT_MODEL, MODELS, PLAIN, FittedModel
from seatcast.forecast.pollerror import PollErrorModel, poll_error_before
from seatcast.forecast.structure import fit_structure

__all__ = ["DEFAULT_MODEL", "MODELS", "Forecaster", "Projection", "regional_averages"]


@dataclass(frozen=True, slots=True)
class Projection:
    """Expected riding shares for one election, and what they came from."""

    election: ElectionRecord
    as_of: dt.date
    fitted: FittedModel
    base: Baseline
    target: np.ndarray  # national shares fed to the swing model (MODEL_PARTIES order)
    target_sd: np.ndarray  # election-day uncertainty of those shares (the poll-error model's)
    mean: np.ndarray  # (R, P) projected riding shares
    average: PollAverage | None  # None when fed fixed shares
    regional: dict[Region, PollAverage] = field(default_factory=dict)  # regional polls used
    kinds: np.ndarray | None = None  # (R,) the kind of each riding, where its model has kinds

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
        self._pairs: dict[tuple[str, bool], tuple[FitPair, ...]] = {}
        self._errors: dict[str, PollErrorModel] = {}
        self._fits: dict[tuple[str, bool, str], FittedModel] = {}
        self._covs: dict[tuple[str, str], RidingCovariates] = {}

    # -- what a forecast of one election needs ----------------------------------------------
    def record(self, election: str) -> ElectionRecord:
        """An election that can be forecast: it has a baseline on its map and polls."""
        rec = self.catalog.record(election)
        if rec.previous is None or rec.polls is None:
            known = ", ".join(r.id for r in self.catalog.registry if r.previous and r.polls)
            why = "no earlier election on its map" if rec.previous is None else "no polls"
            raise SeatcastError(f"no forecast for election {rec.id} ({why}; forecastable: {known})")
        return rec

    def vintage(self, election: str) -> Catalog:
        """The catalog as a forecaster of ``election`` had it: before its polling day."""
        return self.catalog.vintage(self.catalog.record(election).date)

    def baseline(self, election: str) -> Baseline:
        """An election's result as riding shares (of any election with a result)."""
        e = self.catalog.election(election)
        with self._lock:
            if e.id not in self._bases:
                self._bases[e.id] = baseline(e)
            return self._bases[e.id]

    def pairs(self, election: str, *, in_sample: bool = False) -> tuple[FitPair, ...]:
        """The fitting pairs of ``election``'s forecast (``in_sample``: with its own pair)."""
        rec = self.record(election)
        with self._lock:
            key = (rec.id, in_sample)
            if key not in self._pairs:
                source = self.catalog if in_sample else self.vintage(rec.id)
                self._pairs[key] = fitting_pairs(source, rec, in_sample=in_sample)
            return self._pairs[key]

    def poll_error(self, election: str) -> PollErrorModel:
        """The historical poll-error model as it stood before an election's polling day."""
        rec = self.record(election)
        with self._lock:
            if rec.id not in self._errors:
                self._errors[rec.id] = poll_error_before(self.catalog, rec)
            return self._errors[rec.id]

    def miss(self, election: str) -> np.ndarray:
        """The poll correction of an election (log scale, MODEL_PARTIES order)."""
        m = self.poll_error(election).bias
        m.setflags(write=False)
        return m

    def fitted(self, election: str, model: str = DEFAULT_MODEL, *, in_sample: bool = False) -> FittedModel:
        """``model`` fitted by the protocol for a forecast of ``election``."""
        check_model(model)
        pairs = self.pairs(election, in_sample=in_sample)
        rec = self.record(election)
        key = (f"{rec.date}: " + ", ".join(p.label for p in pairs), in_sample, model)
        with self._lock:
            if key not in self._fits:
                fitted = MODELS[model].fit(pairs)
                if model not in PLAIN:
                    fitted = self._with_structure(rec, fitted, pairs)
                self._fits[key] = fitted
            return self._fits[key]

    def covariates(self, election: str, base: Baseline, map_name: str) -> RidingCovariates:
        """The covariates of a baseline's ridings as a forecaster of ``election`` had them."""
        key = (str(self.catalog.record(election).date), base.election)
        with self._lock:
            if key not in self._covs:
                self._covs[key] = riding_covariates(self.vintage(election), base, map_name)
            return self._covs[key]

    def _with_structure(self, rec: ElectionRecord, fitted: FittedModel,
                        pairs: tuple[FitPair, ...]) -> FittedModel:
        """The fitted model with its covariate effects and kinds (fitted on the same pairs,
        the covariates read as the forecast of ``rec`` had them)."""
        maps = {r.id: r.map for r in self.catalog.registry}
        covs = [self.covariates(rec.id, p.old, maps[p.old.election]) for p in pairs]
        names = self.covariates(rec.id, self.baseline(rec.previous or ""), rec.map).kind_names
        structure = fit_structure(fitted.projector, pairs, covs, names)
        errs = fitted.errors
        errors = replace(errs, riding=errs.riding * np.sqrt(structure.riding_share),
                         kind=structure.kind_sd)
        return replace(fitted, structure=structure, errors=errors)

    def polls(self, election: str) -> tuple[Poll, ...]:
        """The polls of an election's cycle published before its polling day."""
        rec = self.record(election)
        return self.vintage(rec.id).polls(rec.id)

    def default_as_of(self, election: str, polls: Sequence[Poll] | None = None) -> dt.date:
        """The eve of a past election; for one not held yet, the day of its latest poll."""
        rec = self.catalog.record(election)
        if rec.date is not None:
            return eve_of(rec)
        pool = polls if polls is not None else self.polls(rec.id)
        if not pool:
            raise SeatcastError(f"no polls for election {rec.id}")
        return max(p.published for p in pool)

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
        in_sample: bool = False,
    ) -> Projection:
        """Project riding shares from the polls (or from fixed national ``shares``)."""
        rec = self.record(election)
        fitted = self.fitted(rec.id, model, in_sample=in_sample)
        past = self.vintage(rec.id)
        base = self.baseline(past.election(rec.previous or "").id)
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
            errors = self.poll_error(rec.id)
            target = errors.correct(avg.mean) if correct_bias else avg.mean
            target_sd = errors.target_sd(target, avg.se, corrected=correct_bias)
            regional = regional_averages(all_polls, when, average_config)
        shift = kinds = None
        if fitted.structure is not None:
            cov = self.covariates(rec.id, base, rec.map)
            shift = fitted.structure.shift(cov)
            kinds = cov.kinds
        mean = fitted.project(base, target, shift)
        for region, ravg in regional.items():
            # Regional polls: move that region's ridings to the regional average instead.
            m = base.region == REGIONS.index(region)
            if m.any():
                sub = base.subset(m)
                rt = ravg.mean * (sub.shares.sum(axis=0) > 0)
                mean[m] = fitted.project(sub, rt / rt.sum(), None if shift is None else shift[m])
        return Projection(rec, when, fitted, base, target, target_sd, mean, avg, regional, kinds)

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
