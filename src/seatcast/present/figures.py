"""The charts of each view, for the web pages and the report: drawn from the view's own fields
(and the domain values it was made from), so a chart and its table cannot disagree.

Only the figures a page shows are drawn: a JSON twin draws none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from seatcast.domain.geography import Region
from seatcast.domain.parties import Party
from seatcast.domain.results import Election
from seatcast.domain.ridings import RidingMap
from seatcast.errors import SeatcastError
from seatcast.present import charts, hexmap
from seatcast.present.hemicycle import hemicycle
from seatcast.present.palette import INK, LINK, MUTED
from seatcast.present.svg import Figure

if TYPE_CHECKING:
    from seatcast.forecast.backtest import Backtest
    from seatcast.views.election import ElectionView
    from seatcast.views.forecast import ForecastView, SeriesPoint
    from seatcast.views.house import HouseView
    from seatcast.views.whatif import CoalitionsView, WhatIfView

Href = Callable[[int], str] | None
Layout = Mapping[int, tuple[int, int]]
COLOUR_MODES = ("winner", "margin")


def election_figures(e: Election, v: ElectionView, layout: Layout | None, *, href: Href = None,
                     colour: str = "winner", rows: int | None = None, order: str = "seats",
                     charts_wanted: Sequence[str] = ("hemicycle", "swing", "hexmap")) -> dict[str, Figure]:
    """The House (hemicycle), the swing by region and the riding map of an election."""
    figs: dict[str, Figure] = {}
    year = e.date.year if e.date else ""
    if "hemicycle" in charts_wanted:
        try:  # rows and order come from a query string: their errors are the reader's
            figs["hemicycle"] = hemicycle(e.seats(), rows=rows, order=order,
                                          title=f"House of Commons after the {year} election",
                                          government=v.government)
        except ValueError as exc:
            raise SeatcastError(str(exc)) from None
    if "swing" in charts_wanted and v.swing and v.compared_with is not None:
        before: dict[Region, dict[Party, float]] = {}
        after: dict[Region, dict[Party, float]] = {}
        for rs in v.swing:
            r = Region(rs.region)
            before[r] = {s.party: s.before for s in rs.parties}
            after[r] = {s.party: s.after for s in rs.parties}
        shown = [s.party for s in v.swing[0].parties]
        c = v.compared_with
        label = f"{c.date.year if c.date else c.id}" + (" (transposed)" if c.transposition_of else "")
        figs["swing"] = charts.regional_swing(before, after, shown, before_label=label,
                                              after_label=str(year))
    if "hexmap" in charts_wanted and layout is not None and set(layout) == {r.code for r in e.map}:
        figs["hexmap"] = (hexmap.by_winner(e, layout, href=href) if colour == "winner"
                          else hexmap.by_margin(e, layout, href=href))
    return figs


def house_figure(v: HouseView, *, title: str | None = None) -> Figure:
    """The House on a day as a hemicycle, its vacant seats drawn as empty rings."""
    return hemicycle({p.party: p.seats for p in v.parties if p.seats}, majority=v.majority,
                     pending=len(v.vacant), pending_label="vacant",
                     title=title or f"House of Commons on {v.as_of}")


def riding_figures(e: Election, layout: Layout | None, code: int, *, href: Href = None) -> dict[str, Figure]:
    if layout is None or set(layout) != {r.code for r in e.map}:
        return {}
    return {"hexmap": hexmap.by_winner(e, layout, href=href, highlight=code)}


def forecast_figures(v: ForecastView, seats: np.ndarray, parties: Sequence[Party], rmap: RidingMap,
                     layout: Layout | None, series: Sequence[SeriesPoint], *,
                     polls: Sequence[tuple[dt.date, Party, float]] = (),
                     election_day: dt.date | None = None, href: Href = None) -> dict[str, Figure]:
    """The seat histogram, the map of riding odds and the poll average over time."""
    shown = [p for i, p in enumerate(parties) if seats[:, i].max() > 0]
    figs = {"histogram": charts.seat_histogram(
        shown, seats[:, [list(parties).index(p) for p in shown]], majority=v.majority,
        title=f"Seats in {v.sims:,} simulated elections")}
    if layout is not None and set(layout) == {r.code for r in rmap}:
        chances = {r.riding: {pc.party: pc.chance for pc in r.parties} for r in v.ridings}
        figs["hexmap"] = hexmap.by_probability(rmap, chances, layout, href=href)
    if series:
        last = series[-1]
        keep = [p for p in last.mean if p is not Party.OTH and last.mean[p] >= 0.01]
        marker = None
        if election_day is not None and election_day <= v.as_of + dt.timedelta(days=60):
            marker = (election_day, "election day")
        figs["polls"] = charts.poll_average(
            [s.day for s in series], {p: [s.mean[p] for s in series] for p in keep},
            {p: [s.low[p] for s in series] for p in keep},
            {p: [s.high[p] for s in series] for p in keep},
            polls=[x for x in polls if x[1] in keep], marker=marker,
            title=f"Raw poll average (as published) to {v.as_of.isoformat()}; band: 80 % "
                  "election-day uncertainty")
    return figs


#: How each scored model is drawn on the reliability chart (colour from the palette, marker).
_MODEL_STYLE = ((INK, "circle"), (LINK, "square"), (MUTED, "diamond"))


def reliability_figure(bt: Backtest, *, title: str | None = None) -> Figure:
    """The reliability chart of a backtest: the model and the plain swings it is scored beside."""
    series = []
    for s, (c, marker) in zip((bt.score, *bt.baselines), _MODEL_STYLE, strict=False):
        bins = [(b.low, b.high, b.ridings, b.mean_chance, b.share_won) for b in s.reliability]
        series.append((s.model, c, marker, bins))
    return charts.reliability(series, title=title or (
        f"Reliability of the riding odds, {bt.election} as of {bt.as_of} ({bt.sims:,} simulations)"))


@dataclass(frozen=True, slots=True)
class _Government:
    party: Party
    status: str
    short_by: int


def government(c: CoalitionsView) -> _Government | None:
    """The largest party of a House and whether it holds a majority (for the description)."""
    if not c.parties:
        return None
    top = max(c.parties, key=lambda r: r.seats)
    return _Government(top.party, "majority" if top.short == 0 else "minority", top.short)


def whatif_figures(v: WhatIfView) -> dict[str, Figure]:
    year = v.election.date.year if v.election.date else v.election.id
    return {
        "system": hemicycle({p.party: p.seats for p in v.parties}, title=f"{v.system}: {year} votes",
                            government=government(v.coalitions)),
        "fptp": hemicycle({p.party: p.fptp_seats for p in v.parties},
                          title=f"First past the post (actual), {year}"),
    }
