"""The election-night page: what the live store says now, refreshed every 30 seconds.

The page and ``/live.json`` read :func:`seatcast.live.status.current_status` (a read-only
open of the store, safe while another process ingests), built once per store revision
(one more per committed chunk) and served with an ``ETag``: a conditional GET of an
unchanged night is a 304, and while one request rebuilds a newer revision the others get
the last one built instead of waiting.  While this server's own ``POST /live/updates``
commits its chunks, readers get the view built before it; the POST builds the new one, off
the event loop, before it answers.

``POST /live/updates`` applies JSON Lines feed records to the store (the documented feed
format, one record per line) when the server was started with an ingest token
(``Authorization: Bearer TOKEN``; without one the server is read-only).  A body is at
most `MAX_BODY` bytes and `MAX_RECORDS` records (413 past that); the ingest runs in a
worker thread, one at a time, so the server keeps answering meanwhile.  Without
``--store`` the live routes answer 404 with how to start one.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from seatcast.domain.parties import ALL_PARTIES, Party
from seatcast.domain.results import Election
from seatcast.errors import NotFoundError, SeatcastError
from seatcast.live.status import current_status
from seatcast.live.store import IngestReport, StoreBusyError, election_id_of, revision_of
from seatcast.present import hexmap
from seatcast.present.hemicycle import hemicycle
from seatcast.present.svg import Figure
from seatcast.serialize import to_jsonable
from seatcast.views.live import LiveView, Mark, live_view, night_election
from seatcast.web.pages import Page, Site, riding_href

REFRESH_S = 30
#: The most a POST may carry: bytes, and records (lines).
MAX_BODY = 8 * 1024 * 1024
MAX_RECORDS = 20_000
ElectionQ = Annotated[str | None, Query(description="the election of a new store, e.g. 2025")]
LINKS = {"html": "/live", "json": "/live.json", "post": "/live/updates"}


def live_figures(v: LiveView, e: Election, layout: Mapping[int, tuple[int, int]] | None
                 ) -> dict[str, Figure]:
    """A hemicycle of the ridings leading or called, and the hex map."""
    figures: dict[str, Figure] = {}
    # each riding counts once: for the party of its standing call, else for its leader; so
    # the called seats of a party never exceed its seats, even after a retraction
    shown: dict[Party, int] = dict.fromkeys(ALL_PARTIES, 0)
    for r in v.ridings or ():
        p = r.called or r.party
        if p is not None:
            shown[p] += 1
    seats = {p: n for p, n in shown.items() if n}
    pending = v.seats_total - sum(seats.values())
    if sum(seats.values()) + pending > 0:
        figures["hemicycle"] = hemicycle(seats, firm=dict(v.called_seats), pending=pending,
                                         title="Leading and called")
    if layout is not None and set(layout) == set(e.map.codes):
        states: dict[int, tuple[Party | None, bool, str]] = {}
        for r in v.ridings or ():
            if r.party is None:
                continue
            polls = (f"{r.polls_share:.0%} of polls" if r.polls_share is not None
                     else f"{r.stage} count")
            if r.mark is Mark.CALL and r.called is not None:
                what = f"called for {r.called.name_en}"
            else:
                what = (f"{r.party.name_en} leads (projection)"
                        + (" (call retracted)" if r.retracted else ""))
            states[r.riding] = (r.called or r.party, r.mark is Mark.CALL,
                                f"{what} ({r.leader}), margin {r.margin or 0:,}, {polls}")
        figures["hexmap"] = hexmap.by_live(e.map, states, layout, href=riding_href(e.id))
    return figures


def live_page(site: Site, store: Path) -> Page:
    """The live view of the store and its figures."""
    eid = election_id_of(store)
    if eid is None:
        raise NotFoundError(f"{store}: the live store does not exist yet (POST feed records to "
                            "/live/updates?election=2025, or run `seatcast live ingest`)")
    e = night_election(site.catalog, eid)
    v = live_view(current_status(store, e), e)
    return Page(v, live_figures(v, e, site.catalog.hex_layout(e.map.name)))


@dataclass
class Built:
    """One revision of the night, rendered."""

    key: tuple[str, int]  # night id, revision
    page: Page
    json: bytes
    html: bytes | None = None

    @property
    def etag(self) -> str:
        return f'"{self.key[0]}-{self.key[1]}"'


class LiveCache:
    """The page and its twin, built once per store revision."""

    def __init__(self, site: Site, store: Path, writing: Callable[[], bool] = lambda: False
                 ) -> None:
        self.site = site
        self.store = store
        self.writing = writing  # this server is ingesting: it builds the revision when done
        self.built: Built | None = None
        self._building = threading.Lock()  # one build of a revision's view at a time
        self._rendering = threading.Lock()  # one render of a built view's page at a time

    def get(self) -> Built:
        key = revision_of(self.store)
        if key is None:
            live_page(self.site, self.store)  # the 404, with how to start a night
            raise AssertionError("unreachable")
        b = self.built
        if b is not None and b.key == key:
            return b
        # this server's own ingest is committing chunk after chunk (it builds the view when
        # it is done): serve the last one built meanwhile, rather than build every chunk
        if b is not None and self.writing():
            return b
        # another request is building a newer one: serve the last one built meanwhile
        if not self._building.acquire(blocking=b is None):
            assert b is not None
            return b
        try:
            b = self.built
            if b is not None and b.key == key:
                return b
            page = live_page(self.site, self.store)
            status = page.data
            assert isinstance(status, LiveView)
            data = {**to_jsonable(status), "links": LINKS}
            body = json.dumps(data, ensure_ascii=False, allow_nan=False,
                              separators=(",", ":")).encode("utf-8")
            built = Built((key[0], status.revision), page, body)
            self.built = built
            return built
        finally:
            self._building.release()

    def html(self, b: Built, render: Callable[[Page], bytes]) -> bytes:
        if b.html is None:
            with self._rendering:  # not behind a newer revision's build
                if b.html is None:
                    b.html = render(b.page)
        return b.html


class LiveWriter:
    """The server's ingest: one POST at a time (a thread lock), each taking the store's
    writer lock for its duration (another process holding it: 409)."""

    def __init__(self, site: Site, store: Path) -> None:
        self.site = site
        self.store = store
        self._lock = threading.Lock()

    def busy(self) -> bool:
        return self._lock.locked()

    def ingest(self, lines: list[str], election: str | None) -> IngestReport:
        from seatcast.live.plan import plan_night
        from seatcast.live.status import ingest_lines

        cat = self.site.catalog
        with self._lock:
            held = election_id_of(self.store)
            if held is not None and election is not None and cat.record(election).id != held:
                raise SeatcastError(f"{self.store.name} holds election {held}, not {election}")
            e = night_election(cat, held or election or "2025")
            plan = (plan_night(self.site.forecaster, e, cat.previous(e)) if held is None
                    else None)
            return ingest_lines(self.store, lines, e, plan=plan, source="api")


def _records(body: bytes, content_type: str) -> list[str]:
    text = body.decode("utf-8", errors="replace")
    if "json" in content_type and "ndjson" not in content_type and "jsonl" not in content_type:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise SeatcastError(f"body is not JSON: {e.msg} (line {e.lineno})") from None
        except RecursionError:
            raise SeatcastError("body is not usable JSON (nested too deeply)") from None
        except ValueError as e:  # e.g. an integer of more digits than Python converts
            raise SeatcastError(f"body is not usable JSON ({str(e).split(':')[0]})") from None
        items = data if isinstance(data, list) else [data]
        if len(items) > MAX_RECORDS:
            raise HTTPException(413, _too_many(len(items)))
        try:
            return [json.dumps(x) for x in items]
        except (RecursionError, ValueError):
            raise SeatcastError("body is not usable JSON (nested too deeply)") from None
    lines = [t for t in text.splitlines() if t.strip()]
    if len(lines) > MAX_RECORDS:
        raise HTTPException(413, _too_many(len(lines)))
    return lines


def _too_many(n: int) -> str:
    return (f"{n:,} records in one POST: at most {MAX_RECORDS:,} per POST (send the feed in "
            "smaller batches)")


def _too_big() -> str:
    return (f"the body is over {MAX_BODY:,} bytes, the most one POST may carry (send the feed "
            "in smaller batches)")


async def _body(request: Request) -> bytes:
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_BODY:
        raise HTTPException(413, _too_big())
    parts, size = [], 0
    async for part in request.stream():
        size += len(part)
        if size > MAX_BODY:
            raise HTTPException(413, _too_big())
        parts.append(part)
    return b"".join(parts)


def authorized(header: str | None, token: str) -> bool:
    """``Authorization: Bearer TOKEN``, compared in constant time (as hashes, so not even the
    length of the token shows in the timing)."""
    if not header:
        return False
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(hashlib.sha256(given.strip().encode("utf-8", "replace")).digest(),
                               hashlib.sha256(token.encode("utf-8")).digest())


def _conditional(request: Request, etag: str, body: bytes, media_type: str) -> Response:
    headers = {"ETag": etag, "Cache-Control": "no-cache"}
    match = request.headers.get("if-none-match", "")
    if etag in {t.strip() for t in match.split(",")} or match.strip() == "*":
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=media_type, headers=headers)


def register(app: FastAPI, site: Site, store: Path | None) -> None:
    writer = LiveWriter(site, store) if store is not None else None
    cache = LiveCache(site, store, writer.busy) if store is not None and writer is not None \
        else None

    def need_cache() -> LiveCache:
        if cache is None:
            raise NotFoundError("no election night is running: start the server with "
                                "`seatcast serve --store PATH`")
        return cache

    @app.get("/live.json", tags=["pages"], response_model=LiveView,
             summary="The live night now: the projection, the calls, the count (JSON twin of "
                     "/live; `seatcast live status --json`)")
    def live_json(request: Request) -> Response:
        b = need_cache().get()
        return _conditional(request, b.etag, b.json, "application/json")

    @app.get("/live", response_class=HTMLResponse, include_in_schema=False)
    def live_html(request: Request) -> Response:
        c = need_cache()
        b = c.get()

        def render(p: Page) -> bytes:
            v = p.data
            assert isinstance(v, LiveView)
            resp = site.page(request, "live.html", v=v, figures=p.figures, refresh=REFRESH_S,
                             mark_call=Mark.CALL, mark_projection=Mark.PROJECTION,
                             json_url="/live.json")
            return bytes(resp.body)

        return _conditional(request, b.etag, c.html(b, render), "text/html; charset=utf-8")

    @app.post("/live/updates", tags=["live"],
              summary="Apply feed records (JSON Lines, or a JSON array) to the live store; "
                      "needs the server's ingest token (Authorization: Bearer TOKEN)")
    async def live_post(request: Request, election: ElectionQ = None) -> Response:
        if writer is None:
            need_cache()
            raise AssertionError("unreachable")
        token: str | None = getattr(request.app.state, "ingest_token", None)
        if token is None:
            raise HTTPException(403, "this server is read-only: start it with an ingest token "
                                "($SEATCAST_INGEST_TOKEN or --token-file) to take feed records")
        if not authorized(request.headers.get("authorization"), token):
            raise HTTPException(401, "POST /live/updates needs the ingest token "
                                "(Authorization: Bearer TOKEN)",
                                headers={"WWW-Authenticate": 'Bearer realm="seatcast"'})
        lines = _records(await _body(request), request.headers.get("content-type", ""))
        try:
            report = await run_in_threadpool(writer.ingest, lines, election)
        except StoreBusyError as e:
            raise HTTPException(409, str(e)) from None
        if cache is not None and report.applied:
            # the new revision's view, built here off the event loop, so that no reader
            # of /live or /live.json pays for it
            await run_in_threadpool(cache.get)
        return Response(json.dumps(to_jsonable(report), ensure_ascii=False).encode("utf-8"),
                        media_type="application/json")

