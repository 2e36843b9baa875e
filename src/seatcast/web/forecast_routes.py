"""The forecast pages: seat and riding odds, the poll average, the backtest.

The simulation of a request runs once per app (same seed, same numbers) and is kept with
its view, so the page and its twin share one run.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, Response

from seatcast.domain.draws import SimulationResult
from seatcast.domain.polls import POLL_PARTIES
from seatcast.forecast.backtest import Backtest
from seatcast.present.figures import forecast_figures, reliability_figure
from seatcast.present.svg import Figure
from seatcast.views.common import parse_date
from seatcast.views.forecast import (
    BACKTEST_SIMS,
    DEFAULT_SIMS,
    BacktestRequest,
    ForecastRequest,
    ForecastView,
    PollsRequest,
    PollsView,
    backtest_view,
    poll_series,
    polls_view,
)
from seatcast.web.pages import Site, riding_href

#: The most simulations one web request may ask for (`seatcast project` has no limit).
MAX_SIMS = 50_000
ElectionQ = Annotated[str | None, Query(description="election id or alias (default: the next election)")]
AsOfQ = Annotated[str | None, Query(description="as of this date (default: the eve of a past "
                                                "election, the latest poll of the next one)")]
SimsQ = Annotated[int, Query(ge=100, le=MAX_SIMS, description="simulated elections")]
SeedQ = Annotated[int, Query(ge=0, description="random seed")]
ModelQ = Annotated[str, Query(description="flow, mixed, uniform or proportional")]
SharesQ = Annotated[str, Query(pattern="^(polls|actual)$", description="polls or actual")]
RawQ = Annotated[bool, Query(description="do not correct the average for the previous miss")]
GivenQ = Annotated[list[str] | None, Query(description="conditions, e.g. 24073=BQ or LPC>=172")]


def _query(req: ForecastRequest) -> str:
    parts = [f"election={req.election}" if req.election else "", f"sims={req.sims}",
             f"seed={req.seed}", f"model={req.model}" if req.model != "flow" else "",
             f"shares={req.shares}" if req.shares != "polls" else "",
             f"as_of={req.as_of}" if req.as_of else "", "raw_polls=true" if req.raw_polls else "",
             *(f"given={g}" for g in req.given)]
    return "?" + "&".join(p for p in parts if p)


def register(app: FastAPI, site: Site) -> None:
    fc = site.forecaster

    forecast = site.forecast

    def request(election: str | None, as_of: str | None, sims: int, seed: int, model: str,
                shares: str, raw_polls: bool, given: list[str] | None) -> ForecastRequest:
        return ForecastRequest(election, parse_date("as_of", as_of), sims, seed, model, shares,
                               raw_polls, None, tuple(given or ()))

    @app.get("/forecast.json", response_model=ForecastView, tags=["pages"],
             summary="Seat and riding odds from the polls (JSON twin of /forecast; "
                     "`seatcast project --json`)")
    def forecast_json(election: ElectionQ = None, as_of: AsOfQ = None, sims: SimsQ = DEFAULT_SIMS,
                      seed: SeedQ = 0, model: ModelQ = "flow", shares: SharesQ = "polls",
                      raw_polls: RawQ = False, given: GivenQ = None) -> Response:
        req = request(election, as_of, sims, seed, model, shares, raw_polls, given)
        v, _ = forecast(req)
        q = _query(req)
        return site.twin(v, {"html": f"/forecast{q}", "json": f"/forecast.json{q}"}, cache=("forecast", req))

    @app.get("/forecast", response_class=HTMLResponse, include_in_schema=False)
    def forecast_html(request_: Request, election: ElectionQ = None, as_of: AsOfQ = None,
                      sims: SimsQ = DEFAULT_SIMS, seed: SeedQ = 0, model: ModelQ = "flow",
                      shares: SharesQ = "polls", raw_polls: RawQ = False,
                      given: GivenQ = None) -> HTMLResponse:
        req = request(election, as_of, sims, seed, model, shares, raw_polls, given)
        v, res = forecast(req)
        figs = site.cached(("forecast-figures", req), lambda: _figures(site, v, res))
        if v.ridings_right is not None and req.shares == "polls":  # a past election: its calibration
            breq = BacktestRequest(v.election.id, req.as_of, req.shares, req.model, req.sims, req.seed,
                                   req.raw_polls)
            bt = site.cached(("backtest", breq), lambda: backtest_view(fc, breq, workers=1))
            figs = {**figs, "reliability": site.cached(("reliability", breq),
                                                       lambda: reliability_figure(bt))}
        forecastable = [r for r in site.catalog.registry if r.previous and r.polls]
        return site.page(request_, "forecast.html", cache=req, v=v, figures=figs,
                         forecastable=forecastable, json_url=f"/forecast.json{_query(req)}")

    # the default forecast, its page and its twin, before the first visitor asks
    site.warmers.append(lambda: (forecast_html(None), forecast_json()))  # type: ignore[arg-type]

    # -- the polls -------------------------------------------------------------------------
    def polls(election: str | None, as_of: str | None, raw_polls: bool) -> PollsView:
        req = PollsRequest(election, parse_date("as_of", as_of), None, raw_polls)
        return site.cached(("polls", req), lambda: polls_view(fc, req))

    @app.get("/polls.json", response_model=PollsView, tags=["pages"],
             summary="The poll average, raw and corrected (JSON twin of /polls; `seatcast polls --json`)")
    def polls_json(election: ElectionQ = None, as_of: AsOfQ = None, raw_polls: RawQ = False) -> Response:
        v = polls(election, as_of, raw_polls)
        q = f"?election={v.election.id}&as_of={v.as_of}"
        return site.twin(v, {"html": f"/polls{q}", "json": f"/polls.json{q}"},
                         cache=("polls", election, as_of, raw_polls))

    @app.get("/polls", response_class=HTMLResponse, include_in_schema=False)
    def polls_html(request_: Request, election: ElectionQ = None, as_of: AsOfQ = None,
                   raw_polls: RawQ = False) -> HTMLResponse:
        v = polls(election, as_of, raw_polls)
        return site.page(request_, "polls.html", cache=(election, as_of, raw_polls), v=v,
                         json_url=f"/polls.json?election={v.election.id}&as_of={v.as_of}")

    # -- the backtest ----------------------------------------------------------------------
    def backtest(election: str, as_of: str | None, shares: str, model: str, sims: int, seed: int,
                 raw_polls: bool) -> Backtest:
        req = BacktestRequest(election, parse_date("as_of", as_of), shares, model, sims, seed, raw_polls)
        return site.cached(("backtest", req), lambda: backtest_view(fc, req, workers=1))

    @app.get("/backtest.json", response_model=Backtest, tags=["pages"],
             summary="The forecast of a past election on its eve, scored (JSON twin of /backtest; "
                     "`seatcast backtest E --json`)")
    def backtest_json(election: Annotated[str, Query(description="a past election")],
                      as_of: AsOfQ = None, shares: SharesQ = "polls", model: ModelQ = "flow",
                      sims: SimsQ = BACKTEST_SIMS, seed: SeedQ = 0,
                      raw_polls: RawQ = False) -> Response:
        v = backtest(election, as_of, shares, model, sims, seed, raw_polls)
        q = f"?election={v.election}&sims={v.sims}&seed={v.seed}"
        return site.twin(v, {"html": f"/backtest{q}", "json": f"/backtest.json{q}"},
                         cache=("backtest", election, as_of, shares, model, sims, seed, raw_polls))

    @app.get("/backtest", response_class=HTMLResponse, include_in_schema=False)
    def backtest_html(request_: Request, election: Annotated[str, Query()] = "2025",
                      as_of: AsOfQ = None, shares: SharesQ = "polls", model: ModelQ = "flow",
                      sims: SimsQ = BACKTEST_SIMS, seed: SeedQ = 0,
                      raw_polls: RawQ = False) -> HTMLResponse:
        v = backtest(election, as_of, shares, model, sims, seed, raw_polls)
        q = f"?election={v.election}&sims={v.sims}&seed={v.seed}"
        figs = {"reliability": site.cached(("reliability-page", election, as_of, shares, model, sims, seed,
                                            raw_polls), lambda: reliability_figure(v))}
        return site.page(request_, "backtest.html", v=v, figures=figs, json_url=f"/backtest.json{q}")



def _figures(site: Site, v: ForecastView, res: SimulationResult) -> dict[str, Figure]:
    cat = site.catalog
    rec = cat.record(v.election.id)
    rmap = cat.riding_map(rec.map)
    series = poll_series(site.forecaster, rec.id, v.as_of) if v.polls_used else ()
    start = series[0].day if series else v.as_of
    dots: list[tuple[dt.date, object, float]] = [
        (p.end_date, party, float(s) / 100) for p in site.forecaster.polls(rec.id)
        if p.region is None and start <= p.end_date <= v.as_of
        for party, s in zip(POLL_PARTIES, p.shares, strict=True) if s is not None] if series else []
    return forecast_figures(v, res.seats, res.parties, rmap, cat.hex_layout(rec.map), series,
                            polls=dots, election_day=rec.date,  # type: ignore[arg-type]
                            href=riding_href(rec.id))
