"""Security headers on every response, and error pages a browser can read.

``install(app)`` adds, to every response:

* a strict **Content-Security-Policy** that the pages already satisfy: nothing loads from
  anywhere but the app itself (``default-src 'none'``, the stylesheet and charts from
  ``'self'``), no script at all (the templates have none), forms post only to the app; the
  inline ``style=""`` attributes of the party swatches and the charts are the one thing
  allowed inline (``style-src-attr``), not ``<style>`` elements; the self-contained report
  (``/elections/ID/report.html``) carries its stylesheet in one ``<style>`` element, allowed
  by its hash;
* ``frame-ancestors 'none'`` (and ``X-Frame-Options: DENY``) for the pages and the JSON,
  and for the SVG charts, which are meant to be embedded elsewhere, an embeddable policy
  (``frame-ancestors *``, cross-origin readable) that still runs nothing;
* ``X-Content-Type-Options: nosniff``, ``Referrer-Policy: no-referrer``, and
  ``Cross-Origin-Opener-Policy`` / ``Cross-Origin-Resource-Policy``.

An unknown URL answers a browser (a GET that accepts HTML, not a ``.json`` path) with the
HTML error page; an API client gets ``{"detail": ...}``, as before.  The ``server: uvicorn``
banner is turned off where the server starts (`seatcast.cli.web.serve`).
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

PAGE_CSP = ("default-src 'none'; style-src 'self'; style-src-attr 'unsafe-inline'; "
            "img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors *"
DATA_CSP = "default-src 'none'; frame-ancestors 'none'"


@cache
def report_csp() -> str:
    """The policy of the self-contained report: its one inline stylesheet, by hash."""
    from seatcast.present.report import stylesheet

    digest = base64.b64encode(hashlib.sha256(stylesheet().encode("utf-8")).digest()).decode()
    return PAGE_CSP.replace("style-src 'self'", f"style-src 'self' 'sha256-{digest}'")


@cache
def headers_for(path: str, media_type: str) -> tuple[tuple[bytes, bytes], ...]:
    """The security headers of a response to `path` with this content type."""
    common = {"x-content-type-options": "nosniff", "referrer-policy": "no-referrer"}
    if path.endswith(".svg") or media_type.startswith("image/svg"):
        out = {**common, "content-security-policy": SVG_CSP,
               "cross-origin-resource-policy": "cross-origin"}
    else:
        if media_type.startswith("text/html"):
            policy = report_csp() if path.endswith("/report.html") else PAGE_CSP
        elif media_type.startswith("text/css"):
            policy = PAGE_CSP
        else:
            policy = DATA_CSP
        out = {**common, "content-security-policy": policy, "x-frame-options": "DENY",
               "cross-origin-opener-policy": "same-origin",
               "cross-origin-resource-policy": "same-origin"}
    return tuple((k.encode(), v.encode()) for k, v in out.items())


class SecurityHeaders:
    """ASGI middleware: the headers of `headers_for` on every HTTP response (a plain ASGI
    wrapper of ``send``, cheaper than a request/response middleware)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                raw = list(message.get("headers", []))
                have = {k.lower() for k, _ in raw}
                ctype = next((v.decode("latin-1") for k, v in raw
                              if k.lower() == b"content-type"), "")
                raw += [(k, v) for k, v in headers_for(path, ctype) if k not in have]
                message = {**message, "headers": raw}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def wants_html(request: Request) -> bool:
    """A browser asking for a page: a GET (or HEAD) of a path that is not a JSON twin, that
    accepts HTML."""
    return (request.method in ("GET", "HEAD") and not request.url.path.endswith(".json")
            and "text/html" in request.headers.get("accept", ""))


def install(app: FastAPI) -> None:
    """Headers on every response, HTML error pages for browsers."""
    # outside every other layer, Starlette's own 500 page included: every response
    build = app.build_middleware_stack

    def build_with_headers() -> ASGIApp:
        return SecurityHeaders(build())

    app.build_middleware_stack = build_with_headers  # type: ignore[method-assign]

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        headers = dict(exc.headers or {})
        if exc.status_code in (204, 304):
            return Response(status_code=exc.status_code, headers=headers)
        if wants_html(request):
            message = ("There is no page at this address." if exc.status_code == 404
                       else str(exc.detail))
            # the app's own error page (its menu, its latest election): `web.app` sets the site
            resp: Response = app.state.site.page(request, "error.html",
                                                 status_code=exc.status_code,
                                                 status=exc.status_code, message=message)
            resp.headers.update(headers)
            return resp
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code,
                            headers=headers)
