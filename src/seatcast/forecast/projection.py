"""From the poll average to expected riding shares: which baseline, which swing model.

A forecast for election E starts from the previous election on E's map (``2021t`` for
2025, ``2019`` for 2021), takes the national (and, where given, regional) poll average as
of a date, and moves every riding with one of the swing models of `seatcast.forecast.swing`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

import numpy as np

from seatcast.catalog import load
from seatcast.domain.geography import REGIONS, Region
from seatcast.domain.parties import Party
from seatcast.errors import SeatcastError
from seatcast.forecast.average import AverageConfig, PollAverage, poll_average
from seatcast.forecast.baseline import MODEL_PARTIES, Baseline, baseline
from seatcast.forecast.fit import fit_flow, fit_mixed
from seatcast.forecast.swing import proportional_swing, uniform_swing
from seatcast.sources.polls import Poll, builtin_polls

#: election -> (baseline election on the same map, built-in poll table)
FORECASTABLE: dict[str, tuple[str, str]] = {"2025": ("2021t", "2025"), "2021": ("2019", "2021")}
MODELS: tuple[str, ...] = ("flow", "mixed", "uniform", "proportional")
DEFAULT_MODEL = "flow"


@dataclass(frozen=True, slots=True)
class Projection:
    """Expected riding shares for one election, and what they came from."""

    election: str
    as_of: dt.date
    model: str
    base: Baseline
    target: np.ndarray  # national shares fed to the swing model (MODEL_PARTIES order)
    target_sd: np.ndarray  # election-day uncertainty of those shares
    mean: np.ndarray  # (R, P) projected riding shares
    average: PollAverage | None  # None when fed fixed shares
    regional: dict[Region, PollAverage] = field(default_factory=dict)  # regional polls used

    @property
    def parties(self) -> tuple[Party, ...]:
        return self.base.parties

    @property
    def codes(self) -> tuple[int, ...]:
        return self.base.codes


def default_as_of(election: str) -> dt.date:
    """The eve of the election (what a forecaster could know on the last day)."""
    return load(election).date - dt.timedelta(days=1)


def check_election(election: str) -> str:
    key = str(election).strip().lower()
    if key not in FORECASTABLE:
        raise SeatcastError(
            f"no forecast for election {election!r} (forecastable: {', '.join(FORECASTABLE)}; "
            "2019 has no earlier election in the built-in data)"
        )
    return key


def swing(model: str, base: Baseline, target: np.ndarray) -> np.ndarray:
    if model == "uniform":
        return uniform_swing(base.shares, base.national, target)
    if model == "proportional":
        return proportional_swing(base.shares, base.national, target)
    if model == "flow":
        return fit_flow().model.project(base.shares, base.votes, target)
    if model == "mixed":
        return fit_mixed().model.project(base.shares, base.votes, target)
    raise SeatcastError(f"unknown model {model!r} (known: {', '.join(MODELS)})")


def project(
    election: str = "2025",
    as_of: dt.date | None = None,
    *,
    model: str = DEFAULT_MODEL,
    polls: Sequence[Poll] | None = None,
    shares: dict[Party, float] | None = None,
    average_config: AverageConfig | None = None,
    correct_bias: bool = True,
) -> Projection:
    """Project riding shares from the polls (or from fixed national ``shares``)."""
    key = check_election(election)
    base_id, poll_year = FORECASTABLE[key]
    when = as_of or default_as_of(key)
    base = baseline(base_id)
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
        all_polls = list(polls) if polls is not None else builtin_polls(poll_year)
        avg = poll_average(all_polls, when, config=average_config)
        target = avg.mean
        target_sd = avg.sd
        if correct_bias:
            target = apply_bias(avg.mean, industry_bias(key))
        regional = regional_averages(all_polls, when, average_config)
    mean = swing(model, base, target)
    for region, ravg in regional.items():
        # Regional polls: move that region's ridings to the regional average instead.
        m = base.region == REGIONS.index(region)
        if m.any():
            sub = base.subset(m)
            rt = ravg.mean * (sub.shares.sum(axis=0) > 0)
            mean[m] = swing(model, sub, rt / rt.sum())
    return Projection(key, when, model, base, target, target_sd, mean, avg, regional)


#: The election before each forecastable one, whose poll miss is carried forward.
PREVIOUS: dict[str, str] = {"2025": "2021", "2021": "2019"}


@cache
def industry_bias(election: str) -> np.ndarray:
    """The polling industry's miss at the previous election, as log(average / result) per
    party (MODEL_PARTIES order): the eve-of-election average of that election's polls against
    its national result.  Zero where there is no previous election in the data.

    Canadian polls under-stated the Conservatives and the Bloc and over-stated the NDP and
    the Greens in both 2019 and 2021, by similar amounts (the 2021 miss is predicted by the
    2019 one with a slope near 1), so the previous miss is subtracted in full."""
    prev = PREVIOUS.get(election)
    if prev is None:
        return np.zeros(len(MODEL_PARTIES))
    avg = poll_average(builtin_polls(prev), default_as_of(prev))
    b = baseline(prev)
    return np.log(np.clip(avg.mean, 1e-3, None)) - np.log(np.clip(b.national, 1e-3, None))


def apply_bias(mean: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """Shares (MODEL_PARTIES order) with a log-scale bias removed, renormalized."""
    out = mean * np.exp(-bias)
    return out / out.sum()


def forecast_target(election: str) -> np.ndarray:
    """The national shares (MODEL_PARTIES order) fed to the swing on the eve of an election:
    the built-in poll average, corrected for the previous election's miss."""
    key = check_election(election)
    avg = poll_average(builtin_polls(FORECASTABLE[key][1]), default_as_of(key))
    return apply_bias(avg.mean, industry_bias(key))


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


def actual_shares(election: str) -> dict[Party, float]:
    """The national shares of an election as held (for `--shares actual`)."""
    b = baseline(check_election(election))
    return dict(zip(b.parties, (float(x) for x in b.national), strict=True))
