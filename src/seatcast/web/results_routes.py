"""The results pages: the elections, one election's House, one riding, and their embeds."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from seatcast.domain.ridings import AmbiguousRidingError
from seatcast.errors import NotFoundError
from seatcast.present.figures import COLOUR_MODES, election_figures, riding_figures
from seatcast.present.svg import Figure
from seatcast.views.election import ElectionRequest, ElectionView, election_view
from seatcast.views.elections import ElectionsView, elections_view
from seatcast.views.forecast import ForecastRequest
from seatcast.views.home import headline
from seatcast.views.report import report_html
from seatcast.views.riding import RidingRequest, RidingView, riding_view
from seatcast.web.pages import Site, riding_href

ElectionQ = Annotated[str | None, Query(description="election id or alias, e.g. 2025")]
ProvinceQ = Annotated[str | None, Query(description="a province code, e.g. QC")]
CompareQ = Annotated[str | None, Query(description="compare with this earlier election")]
ClosestQ = Annotated[int, Query(ge=0, le=343, description="how many close races to list")]
RowsQ = Annotated[int | None, Query(ge=1, le=40, description="hemicycle rows (default: fewest)")]
OrderQ = Annotated[str, Query(pattern="^(seats|left-right)$", description="seat order")]
ColourQ = Annotated[str, Query(pattern="^(" + "|".join(COLOUR_MODES) + ")$",
                               description="hex map colouring")]


def _links(v: ElectionView, req: ElectionRequest) -> dict[str, str]:
    eid = v.election.id
    q = "".join(f"&{k}={val}" for k, val in (("province", req.province), ("compare", req.compare))
                if val) + (f"&closest={req.closest}" if req.closest != 10 else "")
    q = ("?" + q[1:]) if q else ""
    return {"html": f"/elections/{eid}{q}", "json": f"/elections/{eid}.json{q}",
            "hemicycle_svg": f"/elections/{eid}/hemicycle.svg",
            "report": f"/elections/{eid}/report.html"}


def register(app: FastAPI, site: Site) -> None:
    """The results routes, in the order they are matched."""
    _register_elections(app, site)
    _register_election(app, site)
    _register_ridings(app, site)


def _view(site: Site, req: ElectionRequest) -> ElectionView:
    return site.cached(("election", req), lambda: election_view(site.catalog, req))


def _figures(site: Site, req: ElectionRequest, colour: str, rows: int | None, order: str,
             wanted: tuple[str, ...] = ("hemicycle", "swing", "hexmap")) -> dict[str, Figure]:
    cat = site.catalog

    def make() -> dict[str, Figure]:
        e = cat.election(req.election)
        return election_figures(e, _view(site, req), cat.hex_layout(e.map.name), href=riding_href(e.id),
                                colour=colour, rows=rows, order=order, charts_wanted=wanted)

    return site.cached(("election-figures", req, colour, rows, order, wanted), make)


def _register_elections(app: FastAPI, site: Site) -> None:
    """The elections Seatcast holds."""
    cat = site.catalog

    @app.get("/elections.json", tags=["pages"], response_model=ElectionsView,
             summary="The elections Seatcast holds (JSON twin of /elections; "
                     "`seatcast elections --json`)")
    def elections_json() -> Response:
        return site.twin(site.cached("elections", lambda: elections_view(cat)),
                         {"html": "/elections", "json": "/elections.json"}, cache="elections")

    @app.get("/elections", response_class=HTMLResponse, include_in_schema=False)
    def elections_html(request: Request) -> HTMLResponse:
        v = site.cached("elections", lambda: elections_view(cat))
        return site.page(request, "elections.html", cache="elections", v=v,
                         json_url="/elections.json")


def _register_election(app: FastAPI, site: Site) -> None:
    """One election: its page, its JSON twin, its charts and its report."""
    cat = site.catalog

    @app.get("/elections/{election_id}.json", response_model=ElectionView, tags=["pages"],
             summary="Results of an election (JSON twin of /elections/{election_id}; "
                     "`seatcast results E --json`)")
    def election_json(election_id: str, province: ProvinceQ = None, compare: CompareQ = None,
                      closest: ClosestQ = 10) -> Response:
        req = ElectionRequest(election_id, province, compare, closest)
        v = _view(site, req)
        return site.twin(v, _links(v, req), cache=("election", req))

    @app.get("/elections/{election_id}/hemicycle.svg", tags=["charts"], response_class=Response,
             summary="The House as an embeddable SVG hemicycle")
    def hemicycle_svg(election_id: str, rows: RowsQ = None, order: OrderQ = "seats") -> Response:
        fig = _figures(site, ElectionRequest(election_id), "winner", rows, order, ("hemicycle",))["hemicycle"]
        return Response(fig.svg, media_type="image/svg+xml")

    @app.get("/elections/{election_id}/hexmap.svg", tags=["charts"], response_class=Response,
             summary="Riding hex map as an embeddable SVG (maps with a hex layout only)")
    def hexmap_svg(election_id: str, colour: ColourQ = "winner") -> Response:
        figs = _figures(site, ElectionRequest(election_id), colour, None, "seats", ("hexmap",))
        if "hexmap" not in figs:
            raise NotFoundError(f"no hex layout for the map of election {election_id}")
        return Response(figs["hexmap"].svg, media_type="image/svg+xml")

    @app.get("/elections/{election_id}/report.html", tags=["charts"], response_class=HTMLResponse,
             summary="A self-contained HTML report of an election (`seatcast report E`)")
    def report(election_id: str) -> HTMLResponse:
        req = ElectionRequest(election_id)
        today = dt.date.today()

        def make() -> str:
            nxt = cat.registry.next_election()
            head = None
            if cat.election(election_id).id == cat.house_election().id and nxt is not None \
                    and nxt.previous and nxt.polls:
                head = headline(site.forecast(ForecastRequest())[0])
            return report_html(cat, req, generated=today, next_election=head)

        return HTMLResponse(site.cached(("report", req, today), make))

    @app.get("/elections/{election_id}", response_class=HTMLResponse, include_in_schema=False)
    def election_html(request: Request, election_id: str, province: ProvinceQ = None,
                      compare: CompareQ = None, closest: ClosestQ = 10, colour: ColourQ = "winner",
                      rows: RowsQ = None, order: OrderQ = "seats") -> HTMLResponse:
        req = ElectionRequest(election_id, province, compare, closest)
        v = _view(site, req)
        figs = _figures(site, req, colour, rows, order)
        return site.page(request, "election.html", cache=(req, colour, rows, order), v=v, figures=figs,
                         colour=colour,
                         rows=figs["hemicycle"].extra["rows"], order=order,
                         json_url=_links(v, req)["json"])

    # the latest election's page, before the first visitor asks
    site.warmers.append(lambda: election_html(None, cat.registry.latest_result().id))  # type: ignore[arg-type]


def _register_ridings(app: FastAPI, site: Site) -> None:
    """One riding: find it by name, its page and its JSON twin."""
    cat = site.catalog

    @app.get("/ridings/find", include_in_schema=False, response_model=None)
    def riding_find(request: Request, q: str, election: ElectionQ = None) -> Response:
        try:
            eid, r = _find(site, q, election)
        except AmbiguousRidingError as amb:
            return site.page(request, "ridings_found.html", query=q, election=election,
                             matches=amb.matches)
        return RedirectResponse(f"/ridings/{r}?election={eid}", status_code=303)

    def riding(code: int, election: str | None) -> RidingView:
        req = RidingRequest(str(code), election)
        return site.cached(("riding", req), lambda: riding_view(cat, req))

    @app.get("/ridings/{code}.json", response_model=RidingView, tags=["pages"],
             summary="One riding's result (JSON twin of /ridings/{code}; `seatcast riding CODE --json`)")
    def riding_json(code: int, election: ElectionQ = None) -> Response:
        v = riding(code, election)
        eid = v.election.id
        return site.twin(v, {"html": f"/ridings/{code}?election={eid}",
                             "json": f"/ridings/{code}.json?election={eid}",
                             "election": f"/elections/{eid}"}, cache=("riding", code, election))

    @app.get("/ridings/{code}", response_class=HTMLResponse, include_in_schema=False)
    def riding_html(request: Request, code: int, election: ElectionQ = None) -> HTMLResponse:
        v = riding(code, election)
        e = cat.election(v.election.id)
        figs = site.cached(("riding-figures", e.id, code), lambda: riding_figures(
            e, cat.hex_layout(e.map.name), code, href=riding_href(e.id)))
        return site.page(request, "riding.html", cache=(code, election), v=v, figures=figs,
                         json_url=f"/ridings/{code}.json?election={e.id}")


def _find(site: Site, query: str, election: str | None) -> tuple[str, int]:
    from seatcast.views.riding import find_riding

    eid, r = find_riding(site.catalog, RidingRequest(query, election))
    return eid, r.code
