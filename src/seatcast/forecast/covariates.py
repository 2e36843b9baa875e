"""Riding covariates: who lives in a riding, how dense it is, how safe it was.

Each riding of a baseline gets, as z-scores over its map's ridings:

* ``older``: the share of the population aged 15+ who are 65 or more (census);
* ``young``: the share aged 20-34 (census);
* ``high_income``: the share of persons 15+ with a total income over $90,000 (census);
* ``low_income``: the share with none or under $30,000 (census);
* ``density``: minus the log of the distance to the fifth nearest riding centroid (ridings
  have about equal populations, so close neighbours mean a dense place: 4 km in central
  Montreal, 23 km in Guelph or Waterloo, 1,700 km for Nunavut);
* ``margin``: the baseline winner's lead over the runner-up (a share).

The census counts are by riding of the 2023 map only (`seatcast.domain.census`), published
in 2022, and so are the riding centroids: a riding of the 2013 map takes the values of the
2023 riding of the same name in its province (235 of 338), else of the 2023 riding whose
name shares the most words with it (a token Jaccard of at least `MIN_JACCARD`; 87 more),
else its region's mean (z-score 0 for its region).  The crosswalk reads names only, never
votes, so it cannot carry an election's result into a forecast.  A forecast reads the census
through its vintage: before its publication (the 2019 and 2021 backtests) the census
covariates are absent.

**Kinds** of ridings, for the error they share: terciles of density (urban, suburban,
rural) and, where the census is there, halves of ``high_income`` (six kinds).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from seatcast.catalog import Catalog
from seatcast.domain.census import RidingCensus
from seatcast.domain.geography import REGIONS
from seatcast.domain.ridings import RidingMap, fold_name
from seatcast.forecast.baseline import Baseline

CENSUS_COVARIATES: tuple[str, ...] = ("older", "young", "high_income", "low_income")
COVARIATES: tuple[str, ...] = (*CENSUS_COVARIATES, "density", "margin")
#: The map the census and the centroids are on.
SOURCE_MAP = "2023"
MIN_JACCARD = 0.3
NEIGHBOUR = 5  # density: distance to this nearest centroid
_STOP = frozenset({"and", "the", "of", "de", "la", "le", "les", "des", "du", "et", "d", "l", "st", "saint",
                   "north", "south", "east", "west", "centre", "center", "nord", "sud", "est", "ouest"})


@dataclass(frozen=True, slots=True)
class RidingCovariates:
    """The covariates of one baseline's ridings (map order)."""

    codes: tuple[int, ...]
    names: tuple[str, ...]  # the covariates present (COVARIATES order)
    values: np.ndarray  # (R, len(names)) z-scores over the map's ridings
    kinds: np.ndarray  # (R,) kind index
    kind_names: tuple[str, ...]

    def column(self, name: str) -> np.ndarray:
        return self.values[:, self.names.index(name)]

    def select(self, names: tuple[str, ...]) -> np.ndarray:
        """(R, len(names)) the chosen covariates (each must be present)."""
        return self.values[:, [self.names.index(n) for n in names]] if names else \
            np.zeros((len(self.codes), 0))


def _tokens(name: str) -> frozenset[str]:
    return frozenset(t for t in re.split(r"\s+", fold_name(name)) if t and t not in _STOP)


def crosswalk(source: RidingMap, target: RidingMap) -> dict[int, int]:
    """Riding of ``target`` -> riding of ``source`` it takes its values from, by name: the
    same folded name in the same province, else the most words in common (token Jaccard at
    least `MIN_JACCARD`, each source riding used once, best pairs first)."""
    by_name = {(r.code // 1000, fold_name(r.name_en)): r.code for r in source}
    out: dict[int, int] = {}
    used: set[int] = set()
    for r in target:
        hit = by_name.get((r.code // 1000, fold_name(r.name_en)))
        if hit is not None and hit not in used:
            out[r.code] = hit
            used.add(hit)
    scored = []
    for r in target:
        if r.code in out:
            continue
        ta = _tokens(r.name_en)
        for s in source:
            if s.code in used or s.code // 1000 != r.code // 1000:
                continue
            tb = _tokens(s.name_en)
            if ta and tb:
                j = len(ta & tb) / len(ta | tb)
                if j >= MIN_JACCARD:
                    scored.append((-j, r.code, s.code))
    for _, t, s_code in sorted(scored):
        if t not in out and s_code not in used:
            out[t] = s_code
            used.add(s_code)
    return out


def _census_values(c: RidingCensus) -> tuple[float, float, float, float]:
    return (c.age_share("65_plus"), c.age_share("20_34"), c.income_share("90_150k", "over_150k"),
            c.income_share("none", "under_30k"))


def _density(coords: Mapping[int, tuple[float, float]]) -> dict[int, float]:
    codes = sorted(coords)
    lat = np.radians(np.array([coords[c][0] for c in codes]))
    lon = np.radians(np.array([coords[c][1] for c in codes]))
    cosd = (np.sin(lat)[:, None] * np.sin(lat)[None, :]
            + np.cos(lat)[:, None] * np.cos(lat)[None, :] * np.cos(lon[:, None] - lon[None, :]))
    dist = 6371.0 * np.arccos(np.clip(cosd, -1.0, 1.0))
    np.fill_diagonal(dist, np.inf)
    k = min(NEIGHBOUR, len(codes) - 1)
    kth = np.sort(dist, axis=1)[:, k - 1]
    return {c: -float(np.log(max(d, 1.0))) for c, d in zip(codes, kth, strict=True)}


def _zscore(x: np.ndarray, region: np.ndarray) -> np.ndarray:
    """z-scores; a missing value (NaN) becomes its region's mean first."""
    x = x.copy()
    for g in range(len(REGIONS)):
        m = region == g
        ok = m & ~np.isnan(x)
        if (m & np.isnan(x)).any():
            x[m & np.isnan(x)] = x[ok].mean() if ok.any() else np.nanmean(x)
    sd = float(x.std())
    return (x - x.mean()) / sd if sd > 0 else np.zeros_like(x)


def riding_covariates(catalog: Catalog, base: Baseline, map_name: str) -> RidingCovariates:
    """The covariates of ``base``'s ridings (on ``map_name``), read through ``catalog``
    (a forecast's vintage: the census only if it was published by then)."""
    rmap = catalog.riding_map(map_name)
    source = catalog.riding_map(SOURCE_MAP)
    link = ({c: c for c in rmap.codes} if map_name == SOURCE_MAP else crosswalk(source, rmap))
    census = catalog.census(SOURCE_MAP)
    coords = catalog.coordinates(SOURCE_MAP)
    cols: dict[str, np.ndarray] = {}
    n = len(base.codes)
    if census is not None:
        raw = np.full((n, len(CENSUS_COVARIATES)), np.nan)
        for i, code in enumerate(base.codes):
            src = link.get(code)
            if src is not None and src in census:
                raw[i] = _census_values(census[src])
        for j, name in enumerate(CENSUS_COVARIATES):
            cols[name] = _zscore(raw[:, j], base.region)
    if coords:
        dens = _density(coords)
        cols["density"] = _zscore(np.array([dens.get(link.get(c, -1), np.nan) for c in base.codes]),
                                  base.region)
    s = np.sort(base.shares, axis=1)
    cols["margin"] = _zscore(s[:, -1] - s[:, -2], base.region)
    names = tuple(c for c in COVARIATES if c in cols)
    values = np.column_stack([cols[c] for c in names])
    kinds, kind_names = _kinds(cols)
    values.setflags(write=False)
    kinds.setflags(write=False)
    return RidingCovariates(tuple(base.codes), names, values, kinds, kind_names)


def _kinds(cols: Mapping[str, np.ndarray]) -> tuple[np.ndarray, tuple[str, ...]]:
    if "density" not in cols:
        n = len(next(iter(cols.values())))
        return np.zeros(n, dtype=np.intp), ("every riding",)
    d = cols["density"]
    lo, hi = np.quantile(d, [1 / 3, 2 / 3])
    dens = np.where(d >= hi, 0, np.where(d >= lo, 1, 2)).astype(np.intp)
    labels = ("urban", "suburban", "rural")
    if "high_income" not in cols:
        return dens, labels
    inc = (cols["high_income"] < np.median(cols["high_income"])).astype(np.intp)
    return dens * 2 + inc, tuple(f"{a}, {b}" for a in labels for b in ("higher income", "lower income"))
