"""Pages built on the analysis modules: what-if (systems), forecast and election night.

Each page follows the same pattern as :mod:`seatcast.web.views`: one view function builds a
typed dataclass (the JSON twin) and the figures; both routes call it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse

from seatcast.present.hemicycle import hemicycle
from seatcast.present.svg import Figure
from seatcast.results.tally import government_of
from seatcast.serialize import to_jsonable
from seatcast.systems import SYSTEMS, configure, get
from seatcast.systems import coalitions as co
from seatcast.systems.measures import Measures, compare_parties, measure
from seatcast.web.views import Page, get_election


@dataclass(frozen=True, slots=True)
class SystemRow:
    name: str
    description: str


@dataclass(frozen=True, slots=True)
class WhatIfPartyRow:
    party: str
    name: str
    votes: int
    share: float
    seats: int
    fptp_seats: int
    change: int
    seats_per_100k: float | None


@dataclass(frozen=True, slots=True)
class CoalitionRow:
    parties: list[str]
    seats: int
    surplus: int
    connected: bool


@dataclass(frozen=True, slots=True)
class WhatIfView:
    election: str
    election_name: str
    system: str
    description: str
    definition: dict[str, Any]
    house: int
    majority: int
    parties: list[WhatIfPartyRow]
    measures: Measures
    fptp_measures: Measures
    coalitions: list[CoalitionRow]
    banzhaf: dict[str, float]
    shapley_shubik: dict[str, float]
    ties: list[str]
    notes: list[str]
    systems: list[SystemRow] = field(default_factory=list)


def whatif_page(election_id: str = "2025", system: str = "pr-national",
                method: str | None = None) -> Page:
    """The same votes under another system, next to first past the post."""
    e = get_election(election_id)
    sysobj = get(system)
    if method:
        sysobj = configure(sysobj, method=method)
    out = sysobj.run(e)
    fptp = get("fptp").run(e)
    rows = [WhatIfPartyRow(r.party.value, r.party.name_en, r.votes, r.share, r.seats, r.fptp_seats,
                           r.change, r.seats_per_100k) for r in compare_parties(fptp, out)]
    rows.sort(key=lambda r: (-r.seats, -r.votes))
    players = co.named(out.seats)
    connected = {c.parties for c in co.minimal_connected_winning(players, out.majority)}
    coalitions = [CoalitionRow([p.value for p in c.parties], c.seats, c.surplus, c.parties in connected)
                  for c in sorted(co.minimal_winning(players, out.majority),
                                  key=lambda c: (len(c.parties), -c.seats))]
    bz = co.banzhaf(players, out.majority)
    ss = co.shapley_shubik(players, out.majority)
    data = WhatIfView(
        election=e.id, election_name=e.name, system=sysobj.name, description=sysobj.describe(),
        definition=to_jsonable(sysobj.to_dict()), house=out.house, majority=out.majority,
        parties=rows, measures=measure(out), fptp_measures=measure(fptp),
        coalitions=coalitions, banzhaf={p.value: float(v) for p, v in bz.items()},
        shapley_shubik={p.value: float(v) for p, v in ss.items()},
        ties=list(out.ties), notes=list(out.notes),
        systems=[SystemRow(n, s.describe()) for n, s in SYSTEMS.items()],
    )
    figures: dict[str, Figure] = {
        "system": hemicycle(out.seats, title=f"{sysobj.name}: {e.date.year} votes",
                            government=government_of(dict(out.seats), out.majority)),
        "fptp": hemicycle(fptp.seats, title=f"First past the post (actual), {e.date.year}",
                          government=government_of(dict(fptp.seats), fptp.majority)),
    }
    return Page(data, figures)


PageFn = Callable[..., HTMLResponse]
ElectionQ = Annotated[str, Query(description="built-in election id")]


def register(app: FastAPI, page: PageFn, store: Path | None) -> None:
    """Add the what-if, forecast and live routes."""

    @app.get("/whatif.json", response_model=WhatIfView, tags=["pages"],
             summary="The votes of an election under another electoral system")
    def whatif_json(election: ElectionQ = "2025",
                    system: Annotated[str, Query(description="a name from /whatif")] = "pr-national",
                    method: Annotated[str | None, Query(description="apportionment method")] = None,
                    ) -> JSONResponse:
        return JSONResponse(to_jsonable(whatif_page(election, system, method).data))

    @app.get("/whatif", response_class=HTMLResponse, include_in_schema=False)
    def whatif_html(request: Request, election: str = "2025", system: str = "pr-national",
                    method: str | None = None) -> HTMLResponse:
        p = whatif_page(election, system, method or None)
        q = f"?election={election}&system={system}" + (f"&method={method}" if method else "")
        return page(request, "whatif.html", v=p.data, figures=p.figures, method=method or "",
                    json_url=f"/whatif.json{q}")

    from seatcast.web import forecast_view, live_view

    forecast_view.register(app, page)
    live_view.register(app, page, store)

