"""The polling industry's eve-of-election miss, election after election, and what it
predicts for the next one.

For every general election with polls and a national result held before the forecast's
day (2004-2015 from ``polls_history.csv`` and the national results, then 2019, 2021, 2025),
the **miss** of each party is ``log(eve-of-election average / result)``: the poll average of
`seatcast.forecast.average` as of the eve, from the polls published by then, against the
party's national share.  A party counts at an election where both are at least
`MIN_SHARE` (the PPC from 2019 on).

The model predicts the next miss per party as a shrunk mean of its past misses, with the
normal-normal empirical-Bayes estimate (chosen a priori: the polls are taken to be
unbiased until their record says otherwise):

* with ``n >= MIN_ELECTIONS`` misses of mean ``m`` and spread ``s`` (sample standard
  deviation), the mean's standard error is ``se = s / sqrt(n)``, the spread of the true
  biases ``tau^2 = max(0, m^2 - se^2)`` (method of moments), and the bias is
  ``m * tau^2 / (tau^2 + se^2)``: a mean within one standard error of zero counts as no
  bias, one several standard errors away is kept almost whole.  The next miss, once
  corrected, is off by ``sqrt(s^2 + se^2 * tau^2 / (tau^2 + se^2))``: its year-to-year
  spread plus what is not known of the bias;
* with fewer misses (the PPC before 2025), the mean is shrunk as if `PSEUDO` elections
  had shown no miss, and the spread is the largest of the other parties'.

That spread replaces the single fixed election-day miss of the average (0.045 x
sqrt(p (1 - p))): it widens the national error of a party whose polls have missed by
varying amounts and narrows that of one they have called steadily.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from seatcast.catalog import Catalog
from seatcast.domain.elections import ElectionRecord
from seatcast.domain.parties import Party
from seatcast.domain.polls import Poll
from seatcast.errors import SeatcastError
from seatcast.forecast.average import poll_average
from seatcast.forecast.baseline import MODEL_PARTIES, baseline

#: A party's miss counts at an election where its average and its result are both this high.
MIN_SHARE = 0.005
#: Fewer misses than this: shrunk by pseudo-elections, the spread borrowed.
MIN_ELECTIONS = 3
PSEUDO = 2.0


@dataclass(frozen=True, slots=True)
class ElectionMiss:
    """The industry's miss at one election (MODEL_PARTIES order)."""

    day: dt.date
    polls: int  # polls in the eve-of-election average
    average: np.ndarray  # the eve-of-election average (fractions)
    result: np.ndarray  # the national result (fractions)
    miss: np.ndarray  # log(average / result); NaN where the party does not count


@dataclass(frozen=True, slots=True)
class PartyError:
    """What the record says of one party's next miss."""

    party: Party
    elections: int  # misses it rests on
    mean: float | None  # their plain mean (None without any)
    bias: float  # the shrunk mean: the correction applied (log scale)
    shrink: float  # bias / mean (1: kept whole, 0: counted as no bias)
    sd: float  # spread of the corrected miss (log scale)


@dataclass(frozen=True, slots=True)
class PollErrorModel:
    """The poll-error model as it stood before a day (None: today)."""

    before: dt.date | None
    elections: tuple[ElectionMiss, ...]  # oldest first
    parties: tuple[PartyError, ...]  # MODEL_PARTIES order

    @property
    def bias(self) -> np.ndarray:
        return np.array([p.bias for p in self.parties])

    @property
    def sd(self) -> np.ndarray:
        return np.array([p.sd for p in self.parties])

    def correct(self, mean: np.ndarray) -> np.ndarray:
        """An average (MODEL_PARTIES order) with the predicted miss removed, renormalized."""
        return apply_bias(mean, self.bias)

    def target_sd(self, target: np.ndarray, se: np.ndarray, *, corrected: bool = True) -> np.ndarray:
        """Election-day uncertainty of national shares: the average's own standard error
        and the predicted miss (its spread; uncorrected, the bias too), as fractions."""
        miss = self.sd if corrected else np.sqrt(self.sd**2 + self.bias**2)
        out: np.ndarray = np.sqrt(se**2 + (target * miss) ** 2)
        return out


@dataclass(frozen=True, slots=True)
class PartyMiss:
    """What the poll-error model said of one party before the election."""

    party: Party
    elections: int
    mean: float | None  # mean past miss, log(average / result)
    bias: float  # the shrunk correction applied
    sd: float  # spread of the corrected miss


@dataclass(frozen=True, slots=True)
class MissView:
    """The industry's miss at one past election, per party (None: the party did not count)."""

    day: dt.date
    polls: int
    miss: Mapping[Party, float | None]


@dataclass(frozen=True, slots=True)
class PollErrorView:
    """The poll-error model as it stood before an election (its elections and prediction)."""

    elections: tuple[MissView, ...]  # the misses it rests on, oldest first
    parties: tuple[PartyMiss, ...]  # what it predicts for the next one

    @property
    def label(self) -> str:
        """``"the misses of 7 elections, 2004-2021"``."""
        if not self.elections:
            return "no past miss (no correction)"
        first, last = self.elections[0].day.year, self.elections[-1].day.year
        return f"the poll misses of {len(self.elections)} elections, {first}–{last}"


def poll_error_view(m: PollErrorModel) -> PollErrorView:
    """The model as reported (plain values)."""
    return PollErrorView(
        tuple(MissView(e.day, e.polls, MappingProxyType(
            {p: None if np.isnan(x) else float(x) for p, x in zip(MODEL_PARTIES, e.miss, strict=True)}))
            for e in m.elections),
        tuple(PartyMiss(p.party, p.elections, p.mean, p.bias, p.sd) for p in m.parties))


def apply_bias(mean: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """Shares (MODEL_PARTIES order) with a log-scale bias removed, renormalized."""
    out = mean * np.exp(-bias)
    shares: np.ndarray = out / out.sum()
    return shares


def eve_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=1)


def _result_of(catalog: Catalog, day: dt.date) -> np.ndarray | None:
    """The national result (MODEL_PARTIES order) of the general election held on ``day``."""
    for r in catalog.registry.general():
        if r.date == day and r.has_result:
            return baseline(catalog.election(r.id)).national
    tallies = [t for t in catalog.national_history() if t.date == day]
    if not tallies:
        return None
    votes = np.zeros(len(MODEL_PARTIES))
    for t in tallies:
        party = t.party if t.party in MODEL_PARTIES else Party.OTH
        votes[MODEL_PARTIES.index(party)] += t.votes
    return votes / tallies[0].valid_votes


def election_misses(catalog: Catalog, before: dt.date | None) -> tuple[ElectionMiss, ...]:
    """The miss at every general election with polls and a national result held before
    ``before`` (every one for None), oldest first; ``catalog`` should be the vintage of
    ``before`` (a forecast's)."""
    cycles: dict[dt.date, tuple[Poll, ...]] = dict(catalog.poll_history())
    for r in catalog.registry.general():
        if r.polls is not None and r.has_result and r.date is not None:
            cycles[r.date] = catalog.polls(r.id)
    out = []
    for day in sorted(cycles):
        if before is not None and day >= before:
            continue
        result = _result_of(catalog, day)
        if result is None:
            continue
        try:
            avg = poll_average(cycles[day], eve_of(day))
        except SeatcastError:
            continue  # no poll in the last weeks
        ok = (avg.mean >= MIN_SHARE) & (result >= MIN_SHARE)
        miss = np.where(ok, np.log(np.clip(avg.mean, 1e-9, None) / np.clip(result, 1e-9, None)), np.nan)
        for a in (avg.mean, result, miss):
            a.setflags(write=False)
        out.append(ElectionMiss(day, avg.n_polls, avg.mean, result, miss))
    return tuple(out)


def fit_poll_error(misses: tuple[ElectionMiss, ...], before: dt.date | None = None) -> PollErrorModel:
    """The shrunk bias and the spread of each party's next miss (see the module docstring)."""
    m = np.array([e.miss for e in misses]) if misses else np.full((0, len(MODEL_PARTIES)), np.nan)
    rows: list[PartyError | None] = []
    spreads = []
    for j, party in enumerate(MODEL_PARTIES):
        x = m[:, j][~np.isnan(m[:, j])]
        n = len(x)
        if n < MIN_ELECTIONS:
            rows.append(None)
            continue
        mean = float(x.mean())
        s = float(x.std(ddof=1))
        se2 = s * s / n
        tau2 = max(0.0, mean * mean - se2)
        shrink = tau2 / (tau2 + se2) if tau2 + se2 > 0 else 0.0
        sd = float(np.sqrt(s * s + se2 * shrink))
        spreads.append(sd)
        rows.append(PartyError(party, n, mean, mean * shrink, shrink, sd))
    borrowed = max(spreads) if spreads else 0.1
    out = []
    for j, (party, row) in enumerate(zip(MODEL_PARTIES, rows, strict=True)):
        if row is not None:
            out.append(row)
            continue
        x = m[:, j][~np.isnan(m[:, j])]
        n = len(x)
        few = float(x.mean()) if n else None
        shrink = n / (n + PSEUDO)
        out.append(PartyError(party, n, few, (few or 0.0) * shrink, shrink, borrowed))
    return PollErrorModel(before, misses, tuple(out))


def poll_error_before(catalog: Catalog, record: ElectionRecord) -> PollErrorModel:
    """The poll-error model a forecast of ``record`` uses: every miss before its polling day
    (every one for the next election), read through its vintage."""
    past = catalog.vintage(record.date)
    return fit_poll_error(election_misses(past, record.date), record.date)
