"""The election-night page: what the live store says now, refreshed every 30 seconds.

The page and ``/live.json`` read :func:`seatcast.live.status.current_status` (a read-only
open of the store, safe while another process ingests).  ``POST /live/updates`` applies
JSON Lines feed records to the store (the documented feed format, one record per line).
Without ``--store`` the live routes answer 404 with how to start one.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse

from seatcast.catalog import hex_layout, load
from seatcast.domain.parties import ALL_PARTIES, Party
from seatcast.errors import NotFoundError, SeatcastError
from seatcast.present import hexmap
from seatcast.present.hemicycle import hemicycle
from seatcast.present.svg import Figure
from seatcast.serialize import to_jsonable
from seatcast.web.pages import Page, riding_href

REFRESH_S = 30
ElectionQ = Annotated[str | None, Query(description="the election of a new store, e.g. 2025")]


def live_page(store: Path) -> Page:
    from seatcast.live.status import current_status

    if not store.exists():
        raise NotFoundError(f"{store}: the live store does not exist yet (POST feed records to "
                            "/live/updates?election=2025, or run `seatcast live ingest`)")
    status = current_status(store)
    e = load(status["election"])
    seats = {Party(p): n for p, n in status["seats"].items()}
    called = {Party(p): n for p, n in status["called_seats"].items()}
    pending = status["seats_total"] - sum(seats.values())
    figures: dict[str, Figure] = {}
    if sum(seats.values()) + pending > 0:
        figures["hemicycle"] = hemicycle(seats, firm=called, pending=pending,
                                         title="Leading and called")
    layout = hex_layout()
    if set(layout) == {r.code for r in e.map}:
        states: dict[int, tuple[Party | None, bool, str]] = {}
        for r in status.get("ridings", []):
            if r["party"] is None:
                continue
            called_p = r["called"]
            polls = (f"{r['polls_reporting']}/{r['polls_total']} polls"
                     if r["polls_total"] else r["stage"])
            what = f"called for {called_p}" if called_p else f"{r['party']} leads"
            states[r["riding"]] = (Party(r["party"]), called_p is not None,
                                   f"{what} ({r['leader']}), margin {r['margin']:,}, {polls}")
        figures["hexmap"] = hexmap.by_live(e.map, states, layout, href=riding_href(e.id))
    status["links"] = {"html": "/live", "json": "/live.json", "post": "/live/updates"}
    return Page(status, figures)


def _records(body: bytes, content_type: str) -> list[str]:
    text = body.decode("utf-8", errors="replace")
    if "json" in content_type and "ndjson" not in content_type and "jsonl" not in content_type:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise SeatcastError(f"body is not JSON: {e.msg} (line {e.lineno})") from None
        items = data if isinstance(data, list) else [data]
        return [json.dumps(x) for x in items]
    return text.splitlines()


def register(app: FastAPI, page: Callable[..., HTMLResponse], store: Path | None) -> None:
    def need_store() -> Path:
        if store is None:
            raise NotFoundError("no election night is running: start the server with "
                                "`seatcast serve --store PATH`")
        return store

    @app.get("/live.json", tags=["pages"], summary="The live night now (JSON twin of /live)")
    def live_json() -> JSONResponse:
        return JSONResponse(to_jsonable(live_page(need_store()).data))

    @app.get("/live", response_class=HTMLResponse, include_in_schema=False)
    def live_html(request: Request) -> HTMLResponse:
        p = live_page(need_store())
        v: dict[str, Any] = p.data  # type: ignore[assignment]
        proj = [(Party(k), d) for k, d in v["projection"].items()
                if d.get("high", 0) > 0 or d.get("mean", 0) > 0]
        proj.sort(key=lambda kv: -kv[1]["mean"])
        return page(request, "live.html", v=v, figures=p.figures, projection=proj,
                    parties=[p for p in ALL_PARTIES if p.value in v["seats"]],
                    refresh=REFRESH_S, json_url="/live.json")

    @app.post("/live/updates", tags=["live"],
              summary="Apply feed records (JSON Lines, or a JSON array) to the live store")
    async def live_post(request: Request, election: ElectionQ = None) -> JSONResponse:
        from seatcast.live.status import ingest_lines

        path = need_store()
        lines = _records(await request.body(), request.headers.get("content-type", ""))
        report = ingest_lines(path, lines, election=election)
        return JSONResponse(to_jsonable(report))
