"""The home page (Seatcast today) and the House page: the House as it stands on a date.

``/`` and ``/index.json`` are the home view (the House today, the next election's projection,
the past elections); ``/house`` and ``/house.json?as_of=...`` the standings on any day since
the general election; ``/elections.json`` the list of elections (`seatcast elections --json`).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, Response

from seatcast.present.figures import house_figure
from seatcast.views.common import parse_date
from seatcast.views.forecast import ForecastRequest, ForecastView
from seatcast.views.home import HomeView, home_view
from seatcast.views.house import HouseRequest, HouseView, house_view
from seatcast.web.pages import Site

AsOfQ = Annotated[str | None, Query(description="the day, YYYY-MM-DD (default: today)")]
VerifiedQ = Annotated[bool, Query(description="leave out the events no dated source confirms")]


def _q(req: HouseRequest) -> str:
    q = f"?as_of={req.as_of}" + ("&verified_only=true" if req.verified_only else "")
    return q


def register(app: FastAPI, site: Site) -> None:
    cat = site.catalog

    def house(as_of: str | None, verified_only: bool, today: dt.date) -> HouseView:
        req = HouseRequest(parse_date("as_of", as_of), verified_only).on(today)
        return site.cached(("house", req), lambda: house_view(cat, req))

    def home(today: dt.date) -> HomeView:
        def make() -> HomeView:
            hv = house(None, False, today) if cat.has_ledger(cat.house_election().id) else None
            nxt = cat.registry.next_election()
            fv: ForecastView | None = None
            if nxt is not None and nxt.previous and nxt.polls:
                fv, _ = site.forecast(ForecastRequest())
            return home_view(cat, today=today, house=hv, forecast=fv)

        return site.cached(("home", today), make)

    # -- home ------------------------------------------------------------------------------
    @app.get("/index.json", tags=["pages"], response_model=HomeView,
             summary="Seatcast today: the House as it stands, the next election's projection "
                     "and the past elections (JSON twin of /)")
    def index_json() -> Response:
        v = home(dt.date.today())
        return site.twin(v, {"html": "/", "json": "/index.json", "house": "/house.json",
                             "forecast": "/forecast.json", "elections": "/elections.json"},
                         cache=("home", v.today))

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index_html(request: Request) -> HTMLResponse:
        today = dt.date.today()
        v = home(today)
        figs = {}
        if v.house is not None:
            hv = v.house
            figs["hemicycle"] = site.cached(("home-figure", hv.as_of, hv.verified_only),
                                            lambda: house_figure(hv, title="The House today"))
        return site.page(request, "index.html", cache=("home", today), v=v, figures=figs,
                         json_url="/index.json")

    # the home page, before the first visitor asks
    site.warmers.append(lambda: (index_html(None), index_json()))  # type: ignore[arg-type]

    # -- the House on a date -------------------------------------------------------------
    @app.get("/house.json", tags=["pages"], response_model=HouseView,
             summary="The House on a date: seats, vacancies, majority line, government, and "
                     "the changes since the election (JSON twin of /house; `seatcast house --json`)")
    def house_json(as_of: AsOfQ = None, verified_only: VerifiedQ = False) -> Response:
        v = house(as_of, verified_only, dt.date.today())
        req = HouseRequest(v.as_of, v.verified_only)
        return site.twin(v, {"html": f"/house{_q(req)}", "json": f"/house.json{_q(req)}",
                             "hemicycle_svg": f"/house/hemicycle.svg{_q(req)}"}, cache=("house", req))

    @app.get("/house/hemicycle.svg", tags=["charts"], response_class=Response,
             summary="The House on a date as an embeddable SVG hemicycle (vacant seats as rings)")
    def house_svg(as_of: AsOfQ = None, verified_only: VerifiedQ = False) -> Response:
        v = house(as_of, verified_only, dt.date.today())
        fig = site.cached(("house-figure", v.as_of, v.verified_only), lambda: house_figure(v))
        return Response(fig.svg, media_type="image/svg+xml")

    @app.get("/house", response_class=HTMLResponse, include_in_schema=False)
    def house_html(request: Request, as_of: AsOfQ = None,
                   verified_only: VerifiedQ = False) -> HTMLResponse:
        v = house(as_of, verified_only, dt.date.today())
        fig = site.cached(("house-figure", v.as_of, v.verified_only), lambda: house_figure(v))
        req = HouseRequest(v.as_of, v.verified_only)
        return site.page(request, "house.html", cache=req, v=v, figures={"hemicycle": fig},
                         json_url=f"/house.json{_q(req)}")
