"""The report: an election's view rendered as one self-contained HTML file.

A report of the election whose House sits now opens on today: the House as it stands on the
report's date (from the ledger) and the next election's projection, then the result.
"""

from __future__ import annotations

import datetime as dt

from seatcast.catalog import Catalog
from seatcast.present.figures import election_figures, house_figure
from seatcast.present.report import render_report
from seatcast.present.today import today_html
from seatcast.views.election import ElectionRequest, election_view
from seatcast.views.home import ForecastHeadline
from seatcast.views.house import HouseRequest, house_view


def report_html(catalog: Catalog, req: ElectionRequest, *, generated: dt.date | None = None,
                next_election: ForecastHeadline | None = None) -> str:
    """The report of ``req``'s election view, charts included; when that election returned
    the House sitting now, it opens on the House on ``generated`` (today) and
    ``next_election`` (the forecast headline, when given)."""
    e = catalog.election(req.election)
    v = election_view(catalog, req, e)
    layout = catalog.hex_layout(e.map.name)
    figs = election_figures(e, v, layout)
    if "hexmap" in figs:
        figs["margin"] = election_figures(e, v, layout, colour="margin", charts_wanted=("hexmap",))["hexmap"]
    day = generated or dt.date.today()
    opening = ""
    sitting = catalog.house_election()
    if e.id == sitting.id:
        house = None
        if catalog.has_ledger(e.id) and e.date is not None and day >= e.date:
            house = house_view(catalog, HouseRequest(day))
        opening = today_html(house, next_election,
                             house_figure(house, title="The House today") if house else None)
    return render_report(v, figs, generated=generated, opening=opening)
