"""The poll average: what the polls say, as of a date, with an honest uncertainty.

Four ideas, in order:

1. **Rolling trackers count once per fieldwork window.**  A tracker that publishes every
   night a three-night rolling sample reuses two thirds of its interviews each day; only
   polls whose windows do not overlap are kept (the latest first).  The window is the poll's
   own ``start_date``..``end_date`` when known, else ``rolling_days``.
2. **House effects.**  Each firm's lean is the mean of its polls' differences from the other
   firms' average at the same dates, shrunk toward zero (as if ``shrinkage`` extra polls
   had shown no lean), then centred so that the industry as a whole is taken as unbiased.
3. **Weights.**  A poll weighs ``0.5 ** (age / half_life) * sqrt(min(n, cap) / 1000)``:
   recent polls and large samples count more, but a huge online panel does not swamp the
   rest.
4. **Uncertainty.**  ``se`` is the standard error of the weighted mean (sandwich form, at
   least the sampling error of the pooled sample); ``sd`` adds the industry's historical
   election-day miss, ``miss * sqrt(p (1 - p))`` (about 2 points for a 40 % party); a
   forecast replaces it with the historical poll-error model's spread
   (`seatcast.forecast.pollerror`).

The average as of a day holds the polls **published** by then (`Poll.published`: the
publication day where known, else the day after the fieldwork), not those whose fieldwork
had ended.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from seatcast.domain.geography import Region
from seatcast.domain.parties import Party
from seatcast.domain.polls import POLL_PARTIES, Poll
from seatcast.errors import SeatcastError


@dataclass(frozen=True, slots=True)
class AverageConfig:
    half_life: float = 7.0  # days
    sample_cap: int = 5000
    shrinkage: float = 4.0  # pseudo-polls of zero house effect
    house_days: int = 400  # history used for house effects
    kernel_days: float = 7.0  # width of the reference average used for house effects
    rolling_days: int = 3  # assumed fieldwork window of a rolling tracker
    max_age: int = 60  # polls older than this are ignored by the average itself
    miss: float = 0.045  # historical election-day miss, as a multiple of sqrt(p (1-p))


@dataclass(frozen=True, slots=True)
class PollAverage:
    """Shares as fractions (sum 1) in ``parties`` order, with their uncertainty."""

    as_of: dt.date
    parties: tuple[Party, ...]
    mean: np.ndarray
    se: np.ndarray  # standard error of the average itself
    sd: np.ndarray  # election-day uncertainty: se plus the historical polling miss
    n_polls: int
    firms: tuple[str, ...]
    latest: dt.date  # the end of fieldwork of the latest poll in the average
    house: dict[str, tuple[float, ...]] = field(default_factory=dict)  # firm -> lean in points
    region: Region | None = None
    corr: np.ndarray | None = None  # party correlation of poll deviations (shrunk to identity)

    def share(self, party: Party) -> float:
        return float(self.mean[self.parties.index(party)])


def dedupe_rolling(polls: Sequence[Poll], rolling_days: int = 3) -> list[Poll]:
    """Keep each rolling tracker's polls only once per fieldwork window (latest first)."""
    out = [p for p in polls if not p.rolling]
    by_firm: dict[str, list[Poll]] = defaultdict(list)
    for p in polls:
        if p.rolling:
            by_firm[p.firm].append(p)
    for firm_polls in by_firm.values():
        firm_polls.sort(key=lambda p: p.end_date, reverse=True)
        next_end: dt.date | None = None  # polls must end before this day to be kept
        for p in firm_polls:
            if next_end is None or p.end_date < next_end:
                out.append(p)
                start = p.start_date or (p.end_date - dt.timedelta(days=rolling_days - 1))
                next_end = start
    out.sort(key=lambda p: (p.end_date, p.firm))
    return out


def _matrix(polls: Sequence[Poll]) -> tuple[np.ndarray, np.ndarray]:
    """Shares (fractions, NaN where unreported) and a mask of reported values."""
    x = np.array([[np.nan if s is None else s / 100.0 for s in p.shares] for p in polls], dtype=float)
    return x, ~np.isnan(x)


def house_effects(polls: Sequence[Poll], cfg: AverageConfig) -> dict[str, np.ndarray]:
    """Each firm's lean (fractions, POLL_PARTIES order), shrunk and centred."""
    if not polls:
        return {}
    x, ok = _matrix(polls)
    days = np.array([p.end_date.toordinal() for p in polls], dtype=float)
    firms = [p.firm for p in polls]
    firm_idx = {f: i for i, f in enumerate(sorted(set(firms)))}
    fi = np.array([firm_idx[f] for f in firms])
    k = np.exp(-0.5 * ((days[:, None] - days[None, :]) / cfg.kernel_days) ** 2)
    k[fi[:, None] == fi[None, :]] = 0.0  # leave the firm out of its own reference
    xz = np.where(ok, x, 0.0)
    num = k @ xz
    den = k @ ok.astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        ref = num / den
    resid = np.where(ok & (den > 0.05), x - ref, np.nan)
    nf = len(firm_idx)
    total = np.zeros((nf, x.shape[1]))
    count = np.zeros((nf, x.shape[1]))
    np.add.at(total, fi, np.nan_to_num(resid))
    np.add.at(count, fi, (~np.isnan(resid)).astype(float))
    house = total / (count + cfg.shrinkage)
    # Centre: the industry, weighted by how much each firm polls, is taken as unbiased.
    wf = count / np.maximum(count.sum(axis=0, keepdims=True), 1e-9)
    house = house - (wf * house).sum(axis=0, keepdims=True)
    return {f: house[i] for f, i in firm_idx.items()}


def poll_average(
    polls: Sequence[Poll],
    as_of: dt.date,
    *,
    config: AverageConfig | None = None,
    region: Region | None = None,
) -> PollAverage:
    """The average of the polls published by ``as_of`` (national, or one region); a poll's
    age, for its weight, runs from its last fieldwork day."""
    cfg = config or AverageConfig()
    scoped = [p for p in polls if p.region == region and p.published_by(as_of)]
    history = dedupe_rolling(
        [p for p in scoped if (as_of - p.end_date).days <= cfg.house_days], cfg.rolling_days
    )
    recent = [p for p in history if (as_of - p.end_date).days <= cfg.max_age]
    if not recent:
        if region:
            raise SeatcastError(f"no polls in {region.value} in the {cfg.max_age} days up to {as_of}")
        raise SeatcastError(f"no national polls (no region) in the {cfg.max_age} days up to {as_of}")
    house = house_effects(history, cfg)
    x, ok = _matrix(recent)
    x = x - np.array([house[p.firm] for p in recent])
    age = np.array([(as_of - p.end_date).days for p in recent], dtype=float)
    n = _sample_sizes(recent)
    w = 0.5 ** (age / cfg.half_life) * np.sqrt(np.minimum(n, cfg.sample_cap) / 1000.0)
    wm = np.where(ok, w[:, None], 0.0)
    wsum = wm.sum(axis=0)
    raw = np.where(wsum > 0, (wm * np.nan_to_num(x)).sum(axis=0) / np.maximum(wsum, 1e-12), 0.0)
    raw = np.clip(raw, 1e-4, None)
    mean = raw / raw.sum()
    # Sandwich standard error, floored by the sampling error of the effective pooled sample.
    dev = np.where(ok, np.nan_to_num(x) - mean, 0.0)
    se_sand = np.sqrt((wm**2 * dev**2).sum(axis=0)) / np.maximum(wsum, 1e-12)
    n_eff = np.where(ok, (w * np.minimum(n, cfg.sample_cap))[:, None], 0.0).sum(axis=0) / np.maximum(
        wm.max(axis=0), 1e-12
    )
    se_samp = np.sqrt(mean * (1 - mean) / np.maximum(n_eff, 1.0))
    se = np.maximum(se_sand, se_samp)
    sd = np.sqrt(se**2 + (cfg.miss**2) * mean * (1 - mean))
    firms = tuple(sorted({p.firm for p in recent}))
    corr = _deviation_corr(dev / np.sqrt(np.clip(mean * (1 - mean), 1e-6, None)), wm)
    return PollAverage(
        as_of=as_of,
        parties=POLL_PARTIES,
        mean=mean,
        se=se,
        sd=sd,
        n_polls=len(recent),
        firms=firms,
        latest=max(p.end_date for p in recent),
        house={f: tuple(float(v) * 100 for v in h) for f, h in sorted(house.items()) if f in firms},
        region=region,
        corr=corr,
    )


def _sample_sizes(polls: Sequence[Poll]) -> np.ndarray:
    """Each poll's sample size; one not published counts as the median of the others'
    (1,000 if none is known), so it weighs as a typical poll, neither more nor less."""
    known = [p.sample_size for p in polls if p.sample_size is not None]
    fill = float(np.median(known)) if known else 1000.0
    return np.array([fill if p.sample_size is None else p.sample_size for p in polls], dtype=float)


def _deviation_corr(z: np.ndarray, wm: np.ndarray, shrink: float = 0.5) -> np.ndarray:
    """Weighted correlation of standardized poll deviations, shrunk halfway to identity.

    Polls that show one party high show its rivals low: this is the party covariance the
    simulation gives the national and regional errors."""
    w = wm.min(axis=1)
    p = z.shape[1]
    if (w > 0).sum() < 5:
        return np.eye(p)
    cov = (w[:, None, None] * z[:, :, None] * z[:, None, :]).sum(axis=0) / w.sum()
    d = np.sqrt(np.clip(np.diag(cov), 1e-12, None))
    c = cov / d[:, None] / d[None, :]
    out: np.ndarray = (1 - shrink) * c + shrink * np.eye(p)
    return out
