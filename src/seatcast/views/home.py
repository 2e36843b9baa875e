"""Seatcast today: the House as it stands, the next election's projection, the past elections.

``/`` and its twin ``/index.json`` are `HomeView`; the report (`seatcast report`) opens on
the same two sections.  The projection is the forecast page's default run (`ForecastView`,
the next election as of its latest poll), cut to its headline: the same numbers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from seatcast.catalog import Catalog
from seatcast.domain.parties import Party
from seatcast.forecast.projection import Forecaster
from seatcast.views.common import ElectionRef
from seatcast.views.elections import ElectionRow, elections_view
from seatcast.views.forecast import FitInfo, ForecastRequest, ForecastView, forecast_view, run
from seatcast.views.house import HouseView

#: Outcome classes a headline lists, most likely first.
HEADLINE_OUTCOMES = 4


@dataclass(frozen=True, slots=True)
class HeadlineParty:
    party: Party
    name: str
    vote_mean: float
    seats_mean: float
    seats_80: tuple[int, int]
    p_most_seats: float
    p_majority: float


@dataclass(frozen=True, slots=True)
class ForecastHeadline:
    """The top of a forecast: when, from what, and each party's seats and odds."""

    election: ElectionRef
    no_later_than: dt.date | None
    when_held: str | None
    as_of: dt.date
    latest_poll: dt.date | None
    polls_used: int | None
    sims: int
    seed: int
    model: str
    fit: FitInfo | None
    seats_total: int
    majority: int
    parties: tuple[HeadlineParty, ...]  # parties with a seat in some draw or 1 % of the vote
    outcomes: Mapping[str, float]  # the likeliest classes ("LPC majority": share of draws)
    p_hung: float


@dataclass(frozen=True, slots=True)
class HomeView:
    today: dt.date
    house: HouseView | None  # None: no ledger of the sitting House in the catalog
    next_election: ForecastHeadline | None  # None: no election to forecast
    elections: tuple[ElectionRow, ...]  # newest first (the next election leads)


def headline(v: ForecastView) -> ForecastHeadline:
    shown = tuple(HeadlineParty(p.party, p.name, p.vote_mean, p.seats_mean, p.seats_80,
                                p.p_most_seats, p.p_majority)
                  for p in v.parties if p.seats_95[1] > 0 or p.vote_mean >= 0.01)
    top = dict(sorted(v.outcomes.items(), key=lambda kv: -kv[1])[:HEADLINE_OUTCOMES])
    return ForecastHeadline(
        election=v.election, no_later_than=v.no_later_than, when_held=v.when_held,
        as_of=v.as_of, latest_poll=v.latest_poll, polls_used=v.polls_used, sims=v.sims,
        seed=v.seed, model=v.model, fit=v.fit, seats_total=v.seats_total, majority=v.majority,
        parties=shown, outcomes=MappingProxyType(top), p_hung=v.p_hung)


def home_view(catalog: Catalog, *, today: dt.date, house: HouseView | None,
              forecast: ForecastView | None) -> HomeView:
    """The home page of ``today`` from the House's view and the next election's forecast."""
    return HomeView(today=today, house=house,
                    next_election=headline(forecast) if forecast is not None else None,
                    elections=elections_view(catalog).elections)


def next_election_headline(forecaster: Forecaster) -> ForecastHeadline | None:
    """The headline of the next election's default forecast (None: no next election)."""
    nxt = forecaster.catalog.registry.next_election()
    if nxt is None or not nxt.previous or not nxt.polls:
        return None
    proj, res = run(forecaster, ForecastRequest())
    return headline(forecast_view(forecaster, res, proj))
