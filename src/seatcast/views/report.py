"""The report: an election's view rendered as one self-contained HTML file."""

from __future__ import annotations

import datetime as dt

from seatcast.catalog import Catalog
from seatcast.present.figures import election_figures
from seatcast.present.report import render_report
from seatcast.views.election import ElectionRequest, election_view


def report_html(catalog: Catalog, req: ElectionRequest, *, generated: dt.date | None = None) -> str:
    """The report of ``req``'s election view, charts included."""
    e = catalog.election(req.election)
    v = election_view(catalog, req, e)
    layout = catalog.hex_layout(e.map.name)
    figs = election_figures(e, v, layout)
    if "hexmap" in figs:
        figs["margin"] = election_figures(e, v, layout, colour="margin", charts_wanted=("hexmap",))["hexmap"]
    return render_report(v, figs, generated=generated)
