"""The forecast page: seat odds from the Monte Carlo, riding odds on the hex map, the polls.

The simulation is run by :func:`seatcast.forecast.simulate.run_projection` (same seed, same
numbers); a small cache keyed by its arguments lets the HTML page and its JSON twin share one
run.  For a past election the page sets the forecast next to what happened.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated, Any

import numpy as np
from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse

from seatcast.catalog import hex_layout, load
from seatcast.domain.parties import Party
from seatcast.errors import SeatcastError
from seatcast.present import charts, hexmap
from seatcast.present.svg import Figure
from seatcast.serialize import to_jsonable
from seatcast.web.views import Page, riding_href

MAX_SIMS = 50_000


@dataclass(frozen=True, slots=True)
class ForecastPartyRow:
    party: str
    name: str
    vote_share: float  # the national share fed to the projection (the poll average)
    vote_sd: float
    mean: float
    median: float
    lo80: int
    hi80: int
    lo95: int
    hi95: int
    p_most: float  # most seats (a draw tied for most counts 1/k for each of the k tied)
    p_majority: float
    p_minority_lead: float
    actual: int | None  # seats won, for a past election


@dataclass(frozen=True, slots=True)
class ForecastRidingRow:
    riding: int
    name: str
    leader: str
    chance: float
    label: str
    chances: dict[str, float]
    actual: str | None


@dataclass(frozen=True, slots=True)
class ForecastView:
    election: str
    as_of: str
    model: str
    sims: int
    seed: int
    seats_total: int
    majority: int
    parties: list[ForecastPartyRow]
    labels: dict[str, int]
    ridings: list[ForecastRidingRow]
    p_hung: float  # no party at the majority line
    ridings_right: int | None  # ridings whose leader won, for a past election
    polls_used: int | None


@lru_cache(maxsize=8)
def _run(election: str, as_of: dt.date | None, sims: int, seed: int) -> Any:
    from seatcast.forecast.simulate import run_projection

    return run_projection(election, as_of, sims=sims, seed=seed, workers=1)


@lru_cache(maxsize=8)
def _poll_series(election: str, as_of: dt.date) -> tuple[Figure | None, int | None]:
    """The poll average every other day over the 120 days up to ``as_of``."""
    from seatcast.forecast.average import poll_average
    from seatcast.forecast.projection import FORECASTABLE
    from seatcast.sources.polls import builtin_polls

    polls = builtin_polls(FORECASTABLE[election][1])
    dates, avgs = [], []
    for back in range(120, -1, -2):
        day = as_of - dt.timedelta(days=back)
        try:
            avgs.append(poll_average(polls, day))
        except SeatcastError:
            continue  # no polls yet in the window
        dates.append(day)
    if not avgs:
        return None, None
    parties: list[Party] = [p for i, p in enumerate(avgs[-1].parties)
                            if p is not Party.OTH and avgs[-1].mean[i] >= 0.01]
    idx = {p: avgs[-1].parties.index(p) for p in parties}
    z80 = 1.2816
    mean: dict[Party, list[float]] = {p: [float(a.mean[idx[p]]) for a in avgs] for p in parties}
    low: dict[Party, list[float]] = {
        p: [float(a.mean[idx[p]] - z80 * a.sd[idx[p]]) for a in avgs] for p in parties}
    high: dict[Party, list[float]] = {
        p: [float(a.mean[idx[p]] + z80 * a.sd[idx[p]]) for a in avgs] for p in parties}
    shown = [(pl.end_date, p, float(s) / 100) for pl in polls
             if pl.region is None and dates[0] <= pl.end_date <= as_of
             for p, s in zip(pl_parties(), pl.shares, strict=True) if s is not None and p in idx]
    e = load(election)
    marker = (e.date, "election day") if e.date <= as_of + dt.timedelta(days=60) else None
    fig = charts.poll_average(dates, mean, low, high, polls=shown, marker=marker,
                              title=f"Poll average to {as_of.isoformat()} (band: 80 % election-day "
                                    "uncertainty)")
    return fig, avgs[-1].n_polls


def pl_parties() -> tuple[Party, ...]:
    from seatcast.sources.polls import POLL_PARTIES

    return tuple(POLL_PARTIES)


def forecast_page(election: str = "2025", as_of: dt.date | None = None, sims: int = 5000,
                  seed: int = 0) -> Page:
    if not 100 <= sims <= MAX_SIMS:
        raise SeatcastError(f"sims must be between 100 and {MAX_SIMS:,} on the web (use "
                            "`seatcast project` for more)")
    from seatcast.forecast.summary import LABELS, party_summary, riding_label

    r = _run(election, as_of, sims, seed)
    e = load(r.election)
    seats = np.asarray(r.seats)
    maj = r.majority
    top = seats.max(axis=1)
    actual_seats = e.seats() if e.date <= dt.date.today() else None
    rows = []
    for i, (p, ps) in enumerate(zip(r.parties, party_summary(r), strict=True)):
        rows.append(ForecastPartyRow(
            party=p.value, name=p.name_en, vote_share=float(r.target[i]),
            vote_sd=float(np.std(r.national[:, i])), mean=ps["seats_mean"],
            median=ps["seats_median"], lo80=ps["seats_80"][0], hi80=ps["seats_80"][1],
            lo95=ps["seats_95"][0], hi95=ps["seats_95"][1],
            p_most=ps["p_most_seats"],  # a tie for most seats is shared, as in `seatcast project`
            p_majority=ps["p_majority"], p_minority_lead=ps["p_minority_lead"],
            actual=None if actual_seats is None else int(actual_seats.get(p, 0)),
        ))
    rows.sort(key=lambda x: -x.mean)
    names = {x.code: x.name_en for x in e.map}
    ridings, chances_by_code = [], {}
    right = 0
    for k, code in enumerate(r.codes):
        probs = {p: float(r.win_prob[k, i]) for i, p in enumerate(r.parties)}
        leader = max(probs, key=lambda q: probs[q])
        won = e.result(code).winner.party if actual_seats is not None else None
        right += int(won == leader)
        chances_by_code[code] = probs
        ridings.append(ForecastRidingRow(code, names[code], leader.value, probs[leader],
                                         riding_label(probs[leader]),
                                         {p.value: v for p, v in probs.items() if v > 0},
                                         won.value if won else None))
    labels = {name: sum(1 for x in ridings if x.label == name) for name in LABELS}
    poll_fig, n_polls = _poll_series(r.election, r.as_of)
    data = ForecastView(
        election=r.election, as_of=r.as_of.isoformat(), model=r.model, sims=r.sims, seed=r.seed,
        seats_total=r.seats_total, majority=maj, parties=rows, labels=labels, ridings=ridings,
        p_hung=float((top < maj).mean()),
        ridings_right=right if actual_seats is not None else None, polls_used=n_polls,
    )
    shown = [p for i, p in enumerate(r.parties) if seats[:, i].max() > 0]
    figures: dict[str, Figure] = {
        "histogram": charts.seat_histogram(
            shown, seats[:, [r.parties.index(p) for p in shown]], majority=maj,
            title=f"Seats in {r.sims:,} simulated elections"),
    }
    layout = hex_layout()
    if set(layout) == set(r.codes):
        figures["hexmap"] = hexmap.by_probability(e.map, chances_by_code, layout,
                                                  href=riding_href(r.election))
    if poll_fig is not None:
        figures["polls"] = poll_fig
    return Page(data, figures)


def _date(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise SeatcastError(f"as_of must be a date like 2025-04-20, not {text!r}") from None


ElectionQ = Annotated[str, Query(description="2025 or 2021")]
AsOfQ = Annotated[str | None, Query(description="forecast as of this date (default: eve of the vote)")]
SimsQ = Annotated[int, Query(ge=100, le=MAX_SIMS, description="simulated elections")]
SeedQ = Annotated[int, Query(ge=0, description="random seed")]


def register(app: FastAPI, page: Callable[..., HTMLResponse]) -> None:
    @app.get("/forecast.json", response_model=ForecastView, tags=["pages"],
             summary="Seat and riding odds from the polls (JSON twin of /forecast)")
    def forecast_json(election: ElectionQ = "2025", as_of: AsOfQ = None, sims: SimsQ = 5000,
                      seed: SeedQ = 0) -> JSONResponse:
        return JSONResponse(to_jsonable(forecast_page(election, _date(as_of), sims, seed).data))

    @app.get("/forecast", response_class=HTMLResponse, include_in_schema=False)
    def forecast_html(request: Request, election: ElectionQ = "2025", as_of: AsOfQ = None,
                      sims: SimsQ = 5000, seed: SeedQ = 0) -> HTMLResponse:
        p = forecast_page(election, _date(as_of), sims, seed)
        q = f"?election={election}&sims={sims}&seed={seed}" + (f"&as_of={as_of}" if as_of else "")
        return page(request, "forecast.html", v=p.data, figures=p.figures,
                    json_url=f"/forecast.json{q}")
