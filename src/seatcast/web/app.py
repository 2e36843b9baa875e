"""The Seatcast web app: HTML pages, each with a JSON twin from the same view, and SVG embeds.

``/elections/2025`` and ``/elections/2025.json`` call the same view function; the JSON
twins are typed (dataclasses) so the OpenAPI schema at ``/openapi.json`` documents them.
Everything a page needs (CSS, SVG) is served by the app itself: no CDN, no script library,
nothing fetched from elsewhere at view time.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from seatcast import __version__
from seatcast.errors import NotFoundError, SeatcastError, UnknownElectionError
from seatcast.present.report import render_report, stylesheet
from seatcast.serialize import to_jsonable
from seatcast.web import extra_views, filters, security, views

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
filters.install(templates.env)

ElectionQ = Annotated[str | None, Query(description="built-in election id, e.g. 2025")]
RowsQ = Annotated[int | None, Query(ge=1, le=40, description="hemicycle rows (default: fewest)")]
OrderQ = Annotated[str, Query(pattern="^(seats|left-right)$", description="seat order")]
ColourQ = Annotated[str, Query(pattern="^(winner|margin)$", description="hex map colouring")]


def _json(data: Any) -> JSONResponse:
    return JSONResponse(to_jsonable(data))


def _wants_json(request: Request) -> bool:
    # A JSON twin, or the API that takes posts (POST /live/updates answers JSON, errors too).
    return request.url.path.endswith(".json") or request.method == "POST"


def create_app(*, store: Path | None = None, ingest_token: str | None = None) -> FastAPI:
    """Build the app; ``store`` is an election-night store to show on ``/live``, and
    ``ingest_token`` the token ``POST /live/updates`` needs (read-only without one)."""
    app = FastAPI(
        title="Seatcast",
        version=__version__,
        description="Canadian federal elections: results, forecast, what-ifs and election night. "
        "Every HTML page has a JSON twin at the same path plus `.json`.",
        # FastAPI's /docs and /redoc pages load Swagger UI and ReDoc from a CDN; the app
        # serves its own API page (/api) instead, so no page needs the network.
        docs_url=None,
        redoc_url=None,
    )
    app.state.store = store
    app.state.ingest_token = ingest_token
    security.install(app)

    @app.get("/static/style.css", include_in_schema=False)
    def style() -> Response:
        return Response(stylesheet(), media_type="text/css",
                        headers={"Cache-Control": "public, max-age=3600"})

    def page(request: Request, template: str, **ctx: Any) -> HTMLResponse:
        ctx.setdefault("live_enabled", store is not None)
        return templates.TemplateResponse(request, template, ctx)

    def error(request: Request, status: int, message: str) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": message}, status_code=status)
        return templates.TemplateResponse(request, "error.html",
                                          {"status": status, "message": message,
                                           "live_enabled": store is not None}, status_code=status)

    @app.exception_handler(SeatcastError)
    async def _seatcast_error(request: Request, exc: SeatcastError) -> Response:
        status = 404 if isinstance(exc, (UnknownElectionError, NotFoundError)) else 400
        return error(request, status, str(exc))

    @app.exception_handler(LookupError)
    async def _lookup_error(request: Request, exc: LookupError) -> Response:
        return error(request, 404, str(exc).strip("'\""))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        msgs = "; ".join(f"{'.'.join(str(x) for x in e['loc'][1:])}: {e['msg']}"
                         for e in exc.errors())
        return error(request, 422, msgs)

    # -- index -----------------------------------------------------------------------
    @app.get("/index.json", tags=["pages"], summary="Built-in elections")
    def index_json() -> dict[str, Any]:
        return views.index_data()

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index_html(request: Request) -> HTMLResponse:
        return page(request, "index.html", data=views.index_data(), json_url="/index.json")

    @app.get("/api", response_class=HTMLResponse, include_in_schema=False)
    def api_html(request: Request) -> HTMLResponse:
        spec = app.openapi()
        ops = [(path, method.upper(), op.get("summary", ""),
                [(q["name"], q.get("description", "") or q.get("schema", {}).get("description", ""))
                 for q in op.get("parameters", [])])
               for path, item in spec["paths"].items() for method, op in item.items()]
        return page(request, "api.html", ops=ops, version=spec["info"]["version"],
                    json_url="/openapi.json")

    # -- the House -------------------------------------------------------------------
    @app.get("/elections/{election_id}.json", response_model=views.ElectionView, tags=["pages"],
             summary="Results of an election (JSON twin of /elections/{election_id})")
    def election_json(election_id: str) -> JSONResponse:
        return _json(views.election_page(election_id).data)

    @app.get("/elections/{election_id}/hemicycle.svg", tags=["charts"],
             response_class=Response, summary="The House as an embeddable SVG hemicycle")
    def hemicycle_svg(election_id: str, rows: RowsQ = None, order: OrderQ = "seats") -> Response:
        fig = views.election_page(election_id, rows=rows, order=order).figures["hemicycle"]
        return Response(fig.svg, media_type="image/svg+xml")

    @app.get("/elections/{election_id}/hexmap.svg", tags=["charts"], response_class=Response,
             summary="Riding hex map as an embeddable SVG (2023 map only)")
    def hexmap_svg(election_id: str, colour: ColourQ = "winner") -> Response:
        figs = views.election_page(election_id, colour=colour).figures
        if "hexmap" not in figs:
            raise NotFoundError(f"no hex layout for the map of election {election_id}")
        return Response(figs["hexmap"].svg, media_type="image/svg+xml")

    @app.get("/elections/{election_id}/report.html", tags=["charts"], response_class=HTMLResponse,
             summary="A self-contained HTML report of an election")
    def report_html(election_id: str) -> HTMLResponse:
        return HTMLResponse(render_report(election_id))

    @app.get("/elections/{election_id}", response_class=HTMLResponse, include_in_schema=False)
    def election_html(request: Request, election_id: str, colour: ColourQ = "winner",
                      rows: RowsQ = None, order: OrderQ = "seats") -> HTMLResponse:
        p = views.election_page(election_id, colour=colour, rows=rows, order=order)
        return page(request, "election.html", v=p.data, figures=p.figures, colour=colour,
                    rows=p.figures["hemicycle"].extra["rows"], order=order,
                    json_url=f"/elections/{election_id}.json")

    # -- a riding --------------------------------------------------------------------
    @app.get("/ridings/find", include_in_schema=False)
    def riding_find(q: str, election: ElectionQ = None) -> RedirectResponse:
        e = views.get_election(election or "2025")
        code = e.map.find(q).code
        return RedirectResponse(f"/ridings/{code}?election={e.id}", status_code=303)

    # --------------------------------------------------------------------
    @app.get("/ridings/{code}.json", response_model=views.RidingView, tags=["pages"],
             summary="One riding's result (JSON twin of /ridings/{code})")
    def riding_json(code: int, election: ElectionQ = None) -> JSONResponse:
        return _json(views.riding_page(code, election).data)

    @app.get("/ridings/{code}", response_class=HTMLResponse, include_in_schema=False)
    def riding_html(request: Request, code: int, election: ElectionQ = None) -> HTMLResponse:
        p = views.riding_page(code, election)
        v = p.data
        assert isinstance(v, views.RidingView)
        return page(request, "riding.html", v=v, figures=p.figures,
                    json_url=f"/ridings/{code}.json?election={v.election}")

    extra_views.register(app, page, store)
    return app


def app_factory() -> FastAPI:
    """For ``uvicorn --factory seatcast.web.app:app_factory``."""
    return create_app()
