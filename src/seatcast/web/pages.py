"""What every page shares: the catalog and forecaster, the templates, the JSON twin, a cache.

A page's data is a view of `seatcast.views`; its twin is that view serialized with its
``links``.  Views of a past election and of a stored forecast are pure functions of their
request, so `Site.cached` keeps the latest ones (and their figures) per app.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, TypeVar

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from seatcast.catalog import Catalog
from seatcast.domain.draws import SimulationResult
from seatcast.forecast.projection import Forecaster
from seatcast.present.svg import Figure
from seatcast.serialize import to_jsonable
from seatcast.views.forecast import ForecastRequest, ForecastView, forecast_view, run

T = TypeVar("T")
CACHE_SIZE = 64


def riding_href(election_id: str) -> Callable[[int], str]:
    return lambda code: f"/ridings/{code}?election={election_id}"


@dataclass(frozen=True, slots=True)
class Page:
    """A view (the JSON twin) and the figures of its HTML page."""

    data: object
    figures: dict[str, Figure]


class Site:
    """The app's shared state: built once in `create_app`."""

    def __init__(self, catalog: Catalog, forecaster: Forecaster, templates: Jinja2Templates, *,
                 live_enabled: bool = False) -> None:
        self.catalog = catalog
        self.forecaster = forecaster
        self.templates = templates
        self.live_enabled = live_enabled
        self._cache: OrderedDict[Hashable, object] = OrderedDict()
        self._lock = threading.Lock()
        self.warmers: list[Callable[[], object]] = []  # what `warm` computes ahead of a visit

    def warm(self) -> None:
        """Compute ahead what the first visitors ask for (the default forecast above all)."""
        for w in self.warmers:
            w()

    def cached(self, key: Hashable, make: Callable[[], T]) -> T:
        """``make()`` once per key (the latest `CACHE_SIZE` kept)."""
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]  # type: ignore[return-value]
        value = make()
        with self._lock:
            self._cache[key] = value
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        return value

    def page(self, request: Request, template: str, *, status_code: int = 200,
             cache: Hashable | None = None, **ctx: Any) -> HTMLResponse:
        """A page from its template; with ``cache`` (a key for everything the page shows),
        rendered once and served from memory after."""
        ctx.setdefault("live_enabled", self.live_enabled)
        ctx.setdefault("json_url", None)
        ctx.setdefault("latest", self.catalog.registry.latest_result())
        if cache is None:
            return self.templates.TemplateResponse(request, template, ctx, status_code=status_code)
        body = self.cached(("html", template, cache),
                           lambda: self.templates.get_template(template).render(
                               {"request": request, **ctx}).encode("utf-8"))
        return HTMLResponse(body, status_code=status_code)

    def forecast(self, req: ForecastRequest) -> tuple[ForecastView, SimulationResult]:
        """A forecast request's view and draws, simulated once per app (the forecast page,
        its twin and the home page's headline share one run)."""

        def make() -> tuple[ForecastView, SimulationResult]:
            proj, res = run(self.forecaster, req, workers=1)
            return forecast_view(self.forecaster, res, proj, raw_polls=req.raw_polls), res

        return self.cached(("forecast", req), make)

    def twin(self, view: object, links: dict[str, str], *, cache: Hashable | None = None) -> Response:
        """A view's JSON twin (with its links); with ``cache``, serialized once."""
        def body() -> bytes:
            data = to_jsonable(view)
            data["links"] = links
            return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

        return Response(body() if cache is None else self.cached(("json", cache), body),
                        media_type="application/json")
