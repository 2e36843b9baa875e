"""The Seatcast web app: HTML pages, each with a JSON twin from the same view, and SVG embeds.

``/elections/2025`` and ``/elections/2025.json`` call the same view function of
`seatcast.views`; the twin is that view serialized, plus its ``links``, and the page's
template reads the same fields.  The app is built once with an explicit catalog
(``create_app(catalog=...)``); everything a page needs (CSS, SVG) is served by the app
itself: no CDN, no script, nothing fetched from elsewhere at view time.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates

from seatcast._version import __version__
from seatcast.catalog import Catalog
from seatcast.errors import NotFoundError, SeatcastError, UnknownElectionError
from seatcast.forecast.projection import Forecaster
from seatcast.present.report import stylesheet
from seatcast.web import filters, security
from seatcast.web.pages import Site

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
filters.install(templates.env)


def _wants_json(request: Request) -> bool:
    # A JSON twin, or the API that takes posts (POST /live/updates answers JSON, errors too).
    return request.url.path.endswith(".json") or request.method == "POST"


def create_app(*, catalog: Catalog | None = None, store: Path | None = None,
               ingest_token: str | None = None, warm: bool = False) -> FastAPI:
    """Build the app over ``catalog`` (default: the built-in tables); ``store`` is an
    election-night store to show on ``/live``, and ``ingest_token`` the token
    ``POST /live/updates`` needs (read-only without one); ``warm``: compute the default
    forecast (and the other first pages) before returning, as `seatcast serve` does."""
    cat = catalog or Catalog.builtin()
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
    app.state.catalog = cat
    site = Site(cat, Forecaster(cat), templates, live_enabled=store is not None)
    app.state.site = site
    security.install(app)

    @app.get("/static/style.css", include_in_schema=False)
    def style() -> Response:
        return Response(stylesheet(), media_type="text/css",
                        headers={"Cache-Control": "public, max-age=3600"})

    def error(request: Request, status: int, message: str) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": message}, status_code=status)
        return site.page(request, "error.html", status_code=status, status=status, message=message)

    @app.exception_handler(SeatcastError)
    async def _seatcast_error(request: Request, exc: SeatcastError) -> Response:
        status = 404 if isinstance(exc, (UnknownElectionError, NotFoundError)) else 400
        return error(request, status, str(exc))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        msgs = "; ".join(f"{'.'.join(str(x) for x in e['loc'][1:])}: {e['msg']}"
                         for e in exc.errors())
        return error(request, 422, msgs)

    @app.get("/api", response_class=HTMLResponse, include_in_schema=False)
    def api_html(request: Request) -> HTMLResponse:
        spec = app.openapi()
        ops = [(path, method.upper(), op.get("summary", ""),
                [(q["name"], q.get("description", "") or q.get("schema", {}).get("description", ""))
                 for q in op.get("parameters", [])])
               for path, item in spec["paths"].items() for method, op in item.items()]
        return site.page(request, "api.html", ops=ops, version=spec["info"]["version"],
                         json_url="/openapi.json")

    from seatcast.web import (
        check_routes,
        forecast_routes,
        house_routes,
        live_view,
        results_routes,
        whatif_routes,
    )

    house_routes.register(app, site)
    results_routes.register(app, site)
    forecast_routes.register(app, site)
    whatif_routes.register(app, site)
    check_routes.register(app, site)
    live_view.register(app, site, store)
    if warm:
        site.warm()
    return app


def app_factory() -> FastAPI:
    """For ``uvicorn --factory seatcast.web.app:app_factory``."""
    return create_app()

