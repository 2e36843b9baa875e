"""The what-if pages: another electoral system, the systems available, coalitions and power.

The web takes every option `seatcast whatif` takes except those naming a file on disk (a
grouping CSV, a preference table, a definition file): a web server reads no file a query
names.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, Response

from seatcast.present.figures import whatif_figures
from seatcast.views.forecast import (
    COALITION_SIMS,
    ForecastCoalitionsView,
    ForecastRequest,
    forecast_coalitions_view,
    run,
)
from seatcast.views.whatif import (
    CoalitionsRequest,
    CoalitionsView,
    SystemsView,
    WhatIfRequest,
    WhatIfView,
    coalitions_view,
    systems_view,
    whatif_view,
)
from seatcast.web.pages import Site

Opt = Annotated[str | None, Query()]
ElectionQ = Annotated[str, Query(description="election id or alias")]
SystemQ = Annotated[str, Query(description="a system from /systems")]


def register(app: FastAPI, site: Site) -> None:
    cat = site.catalog

    def whatif(election: str, system: str, method: str | None, threshold: str | None,
               threshold_scope: str | None, grouping: str | None, areas: str | None,
               local_share: str | None, overhang: str | None, magnitude: int | None,
               tie_rule: str | None) -> tuple[WhatIfRequest, WhatIfView]:
        req = WhatIfRequest(election, system, method or None, threshold or None, threshold_scope or None,
                            grouping or None, areas or None, local_share or None, overhang or None,
                            None, None, magnitude, tie_rule or None)
        return req, site.cached(("whatif", req), lambda: whatif_view(cat, req))

    def query(req: WhatIfRequest) -> str:
        parts = {"election": req.election, "system": req.system, "method": req.method,
                 "threshold": req.threshold, "threshold_scope": req.threshold_scope,
                 "grouping": req.grouping, "areas": req.areas, "local_share": req.local_share,
                 "overhang": req.overhang, "magnitude": req.magnitude, "tie_rule": req.tie_rule}
        return "?" + "&".join(f"{k}={v}" for k, v in parts.items() if v is not None)

    @app.get("/whatif.json", response_model=WhatIfView, tags=["pages"],
             summary="The votes of an election under another electoral system "
                     "(JSON twin of /whatif; `seatcast whatif E --json`)")
    def whatif_json(election: ElectionQ = "2025", system: SystemQ = "pr-national",
                    method: Opt = None, threshold: Opt = None, threshold_scope: Opt = None,
                    grouping: Opt = None, areas: Opt = None, local_share: Opt = None,
                    overhang: Opt = None, magnitude: Annotated[int | None, Query(ge=1)] = None,
                    tie_rule: Opt = None) -> Response:
        req, v = whatif(election, system, method, threshold, threshold_scope, grouping, areas,
                        local_share, overhang, magnitude, tie_rule)
        return site.twin(v, {"html": f"/whatif{query(req)}", "json": f"/whatif.json{query(req)}"},
                         cache=("whatif", req))

    @app.get("/whatif", response_class=HTMLResponse, include_in_schema=False)
    def whatif_html(request: Request, election: ElectionQ = "2025", system: SystemQ = "pr-national",
                    method: Opt = None, threshold: Opt = None, threshold_scope: Opt = None,
                    grouping: Opt = None, areas: Opt = None, local_share: Opt = None,
                    overhang: Opt = None, magnitude: Annotated[int | None, Query(ge=1)] = None,
                    tie_rule: Opt = None) -> HTMLResponse:
        req, v = whatif(election, system, method, threshold, threshold_scope, grouping, areas,
                        local_share, overhang, magnitude, tie_rule)
        figs = site.cached(("whatif-figures", req), lambda: whatif_figures(v))
        return site.page(request, "whatif.html", cache=req, v=v, req=req, figures=figs,
                         systems=systems_view(), elections=cat.result_ids(),
                         json_url=f"/whatif.json{query(req)}")

    @app.get("/systems.json", response_model=SystemsView, tags=["pages"],
             summary="Electoral systems, methods, groupings and tie rules (`seatcast systems --json`)")
    def systems_json() -> Response:
        return site.twin(systems_view(), {"html": "/systems", "json": "/systems.json"}, cache="systems")

    @app.get("/systems", response_class=HTMLResponse, include_in_schema=False)
    def systems_html(request: Request) -> HTMLResponse:
        return site.page(request, "systems.html", cache="systems", v=systems_view(),
                         json_url="/systems.json")

    def coalitions(election: str | None, system: str, from_forecast: bool, sims: int,
                   seed: int) -> CoalitionsView | ForecastCoalitionsView:
        if from_forecast:
            freq = ForecastRequest(election, sims=sims, seed=seed)

            def make() -> ForecastCoalitionsView:
                _, res = run(site.forecaster, freq, workers=1)
                return forecast_coalitions_view(site.forecaster, res)

            return site.cached(("forecast-coalitions", freq), make)
        req = CoalitionsRequest(election or "2025", system)
        return site.cached(("coalitions", req), lambda: coalitions_view(cat, req))

    @app.get("/coalitions.json", tags=["pages"],
             summary="Coalitions and voting power in one House, or coalition odds over the "
                     "forecast (`seatcast coalitions E --json`)")
    def coalitions_json(election: Annotated[str | None, Query()] = None, system: SystemQ = "fptp",
                        from_forecast: Annotated[bool, Query()] = False,
                        sims: Annotated[int, Query(ge=100, le=50_000)] = COALITION_SIMS,
                        seed: Annotated[int, Query(ge=0)] = 0) -> Response:
        v = coalitions(election, system, from_forecast, sims, seed)
        q = (f"?election={v.election.id}" + (f"&system={system}" if not from_forecast else
                                             f"&from_forecast=true&sims={sims}&seed={seed}"))
        return site.twin(v, {"html": f"/coalitions{q}", "json": f"/coalitions.json{q}"},
                         cache=("coalitions", election, system, from_forecast, sims, seed))

    @app.get("/coalitions", response_class=HTMLResponse, include_in_schema=False)
    def coalitions_html(request: Request, election: Annotated[str | None, Query()] = None,
                        system: SystemQ = "fptp", from_forecast: Annotated[bool, Query()] = False,
                        sims: Annotated[int, Query(ge=100, le=50_000)] = COALITION_SIMS,
                        seed: Annotated[int, Query(ge=0)] = 0) -> HTMLResponse:
        v = coalitions(election, system, from_forecast, sims, seed)
        q = (f"?election={v.election.id}" + (f"&system={system}" if not from_forecast else
                                             f"&from_forecast=true&sims={sims}&seed={seed}"))
        return site.page(request, "coalitions.html", cache=(election, system, from_forecast, sims, seed),
                         v=v, forecast=from_forecast,
                         json_url=f"/coalitions.json{q}")
