"""The fact-check page: paste an article, get every claim checked (``POST /check``), and its
JSON twin (``POST /check.json`` with the article as the body: `seatcast check FILE --json`)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated
from urllib.parse import parse_qs

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, Response

from seatcast.errors import SeatcastError
from seatcast.views.common import parse_date
from seatcast.views.factcheck import FactCheckRequest, FactCheckView, fact_check_view
from seatcast.web.pages import Site

#: The longest article the web checks (a long feature is 100 KB; `seatcast check` takes 20 MB).
MAX_BYTES = 2_000_000
NAME = "<posted>"
ElectionQ = Annotated[str | None, Query(description="the election (default: inferred)")]
AsOfQ = Annotated[str | None, Query(description="the article's day (default: its date, else today)")]
HtmlQ = Annotated[bool | None, Query(description="the body is HTML (default: guessed)")]


async def _body(request: Request) -> bytes:
    size = int(request.headers.get("content-length") or 0)
    if size > MAX_BYTES:
        raise SeatcastError(f"the article is larger than {MAX_BYTES // 1_000_000} MB")
    data = await request.body()
    if len(data) > MAX_BYTES:
        raise SeatcastError(f"the article is larger than {MAX_BYTES // 1_000_000} MB")
    return data


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SeatcastError("the article is not UTF-8 text") from None


def register(app: FastAPI, site: Site) -> None:
    def check(content: str, html: bool | None, election: str | None, as_of: str | None) -> FactCheckView:
        if not content.strip():
            raise SeatcastError("the article is empty")
        req = FactCheckRequest(content, NAME, dt.date.today(), html, election or None,
                               parse_date("as_of", as_of))
        return fact_check_view(site.catalog, req)

    @app.post("/check.json", response_model=FactCheckView, tags=["pages"],
              summary="Fact-check an article sent as the body (text or HTML; `seatcast check "
                      "FILE --json`)")
    async def check_json(request: Request, election: ElectionQ = None, as_of: AsOfQ = None,
                         html: HtmlQ = None) -> Response:
        content = _text(await _body(request))
        from starlette.concurrency import run_in_threadpool

        v = await run_in_threadpool(check, content, html, election, as_of)
        return site.twin(v, {"html": "/check", "json": "/check.json"})

    @app.get("/check", response_class=HTMLResponse, include_in_schema=False)
    def check_form(request: Request) -> HTMLResponse:
        return site.page(request, "check.html", v=None, form={"article": "", "as_of": "", "election": ""})

    @app.post("/check", response_class=HTMLResponse, include_in_schema=False)
    async def check_html(request: Request) -> HTMLResponse:
        form = {k: v[0] for k, v in parse_qs(_text(await _body(request))).items()}
        from starlette.concurrency import run_in_threadpool

        v = await run_in_threadpool(check, form.get("article", ""), None, form.get("election"),
                                    form.get("as_of"))
        return site.page(request, "check.html", v=v, form=form)
