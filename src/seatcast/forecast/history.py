"""What a forecast may learn from the past: the fitting pair and the polls' previous miss.

The published rule, the same for every election E:

* **the fitting pair** is the latest pair of consecutive elections on one map held before E
  (an election with a result and a same-map predecessor), fed the national shares a
  forecaster had on the eve of the later one: for 2025 it is 2019 -> 2021, for the next
  election 2021 (transposed) -> 2025.  When no such pair precedes E, E's own pair is used
  and the fit is marked *in sample* (2021: 2019 -> 2021);
* **the poll miss** corrects E's poll average by the polling industry's miss at the
  election its record names (``poll_miss_from``), as ``log(eve-of-election average /
  result)`` per party.

Everything is read from the catalog through the election records: nothing here names an
election.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from seatcast.catalog import Catalog
from seatcast.domain.elections import ElectionRecord
from seatcast.errors import SeatcastError
from seatcast.forecast.average import poll_average
from seatcast.forecast.baseline import MODEL_PARTIES, Baseline, baseline


def eve_of(record: ElectionRecord) -> dt.date:
    """The last day before polling day (what a forecaster could know on the last day)."""
    if record.date is None:
        raise SeatcastError(f"election {record.id} has no polling day yet")
    return record.date - dt.timedelta(days=1)


def poll_miss(catalog: Catalog, record: ElectionRecord) -> np.ndarray:
    """The industry's miss at the election whose miss corrects ``record``'s polls, as
    log(average / result) per party (MODEL_PARTIES order); zero where there is none."""
    if record.poll_miss_from is None:
        return np.zeros(len(MODEL_PARTIES))
    prev = catalog.record(record.poll_miss_from)
    avg = poll_average(catalog.polls(prev.id), eve_of(prev))
    b = baseline(catalog.election(prev.id))
    return np.log(np.clip(avg.mean, 1e-3, None)) - np.log(np.clip(b.national, 1e-3, None))


def apply_bias(mean: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """Shares (MODEL_PARTIES order) with a log-scale bias removed, renormalized."""
    out = mean * np.exp(-bias)
    return out / out.sum()


def eve_target(catalog: Catalog, record: ElectionRecord) -> np.ndarray:
    """The national shares fed to the swing on the eve of an election: its poll average,
    corrected for the miss its record names."""
    avg = poll_average(catalog.polls(record.id), eve_of(record))
    return apply_bias(avg.mean, poll_miss(catalog, record))


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


def _pair(catalog: Catalog, later: ElectionRecord, in_sample: bool) -> FitPair:
    assert later.previous is not None
    old, new = baseline(catalog.election(later.previous)), baseline(catalog.election(later.id))
    if old.codes != new.codes:
        raise SeatcastError(f"{later.previous} and {later.id} are not on the same ridings")
    return FitPair(old, new, eve_target(catalog, later), in_sample)


def fitting_record(catalog: Catalog, record: ElectionRecord) -> tuple[ElectionRecord, bool]:
    """The later election of ``record``'s fitting pair, and whether it is ``record`` itself."""
    for r in catalog.registry.with_results():
        if r.previous is None or r.polls is None or r.date is None:
            continue
        if record.date is None or r.date < record.date:
            return r, False
    if record.has_result and record.previous is not None and record.polls is not None:
        return record, True
    raise SeatcastError(f"no pair of elections on one map to fit a forecast of {record.id} on")


def fitting_pair(catalog: Catalog, record: ElectionRecord) -> FitPair:
    """The pair of elections ``record``'s models are fitted on (see the module docstring)."""
    later, in_sample = fitting_record(catalog, record)
    return _pair(catalog, later, in_sample)
