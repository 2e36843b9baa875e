"""What a forecast may learn from the past: the fitting protocol.

The published rule, the same for every election E (a past one in a backtest, the next one):

* **every input comes from before E's polling day**: a forecast of E reads the catalog
  through its vintage (`seatcast.catalog.Vintage`): the results of elections held before
  E, the polls published before E, the census if published before E; anything else is an
  error, so nothing dated on or after polling day can reach a fit;
* **the fitting pairs** are every pair of consecutive elections on one map whose later
  election L was held before E (an election with a result, polls and a same-map
  predecessor), oldest first, each fed the national shares a forecaster had on the eve of
  L (L's poll average, corrected by the poll-error model as it stood before L): for 2019
  there is none, for 2021 it is 2015 -> 2019, for 2025 2015 -> 2019 and 2019 -> 2021, for
  the next election also 2021 (transposed) -> 2025;
* the swing models and error sizes are fitted on those pairs together, shrunk toward
  parameters set **a priori** (`seatcast.forecast.fit`): with no pair (2019) the a priori
  values are the fit;
* **the poll correction** is the historical poll-error model of
  `seatcast.forecast.pollerror` as it stood before E.

``in_sample=True`` adds E's own pair (a figure labelled *in sample*, for comparison only:
it reads E's result).  Everything is read through the election records: nothing here
names an election.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from seatcast.catalog import Catalog
from seatcast.domain.elections import ElectionRecord
from seatcast.errors import SeatcastError
from seatcast.forecast.average import poll_average
from seatcast.forecast.baseline import Baseline, baseline
from seatcast.forecast.pollerror import PollErrorModel, poll_error_before


def eve_of(record: ElectionRecord) -> dt.date:
    """The last day before polling day (what a forecaster could know on the last day)."""
    if record.date is None:
        raise SeatcastError(f"election {record.id} has no polling day yet")
    return record.date - dt.timedelta(days=1)


def eve_target(catalog: Catalog, record: ElectionRecord, errors: PollErrorModel) -> np.ndarray:
    """The national shares fed to the swing on the eve of an election: its poll average
    (polls published by the eve), corrected by the poll-error model of that day."""
    avg = poll_average(catalog.vintage(record.date).polls(record.id), eve_of(record))
    return errors.correct(avg.mean)


@dataclass(frozen=True, slots=True)
class FitPair:
    """Two consecutive elections on one map, and what a forecaster had on the later one's eve."""

    old: Baseline
    new: Baseline
    eve_target: np.ndarray  # national shares (MODEL_PARTIES order) on the eve of `new`
    in_sample: bool  # the pair is the forecast election itself

    @property
    def label(self) -> str:
        return f"{self.old.election} -> {self.new.election}"


def fitting_records(catalog: Catalog, record: ElectionRecord, *,
                    in_sample: bool = False) -> tuple[ElectionRecord, ...]:
    """The later elections of ``record``'s fitting pairs, oldest first."""
    out = []
    for r in catalog.registry.with_results():
        if r.previous is None or r.polls is None or r.date is None:
            continue
        if record.date is None or r.date < record.date or (in_sample and r.id == record.id):
            out.append(r)
    return tuple(sorted(out, key=lambda r: (r.date, r.id)))


def fit_pair(catalog: Catalog, later: ElectionRecord, in_sample: bool = False) -> FitPair:
    """The pair ending at ``later``, read through the vintage of the day after it (its own
    result is then known, nothing later is)."""
    assert later.previous is not None and later.date is not None
    known = catalog.vintage(later.date + dt.timedelta(days=1))
    old = baseline(known.election(later.previous))
    new = baseline(known.election(later.id))
    if old.codes != new.codes:
        raise SeatcastError(f"{later.previous} and {later.id} are not on the same ridings")
    return FitPair(old, new, eve_target(catalog, later, poll_error_before(catalog, later)), in_sample)


def fitting_pairs(catalog: Catalog, record: ElectionRecord, *,
                  in_sample: bool = False) -> tuple[FitPair, ...]:
    """The pairs ``record``'s models are fitted on (see the module docstring).  ``catalog``
    is the forecast's vintage (each pair reads what was known the day after its own later
    election, never after the forecast's day); ``in_sample`` needs the full catalog, since
    it reads the forecast election's own result."""
    return tuple(fit_pair(catalog, r, r.id == record.id)
                 for r in fitting_records(catalog, record, in_sample=in_sample))


def pairs_label(pairs: tuple[FitPair, ...]) -> str:
    """``"2015 -> 2019, 2019 -> 2021"``, or ``"a priori"`` for none."""
    return ", ".join(p.label for p in pairs) if pairs else "a priori"
