"""The forecast: poll average, seat odds, riding odds, coalition odds, and the backtest.

* `seatcast project --json` and ``/forecast.json`` are `ForecastView`;
* `seatcast polls --json` and ``/polls.json`` are `PollsView`;
* `seatcast backtest E --json` and ``/backtest.json?election=E`` are
  `seatcast.forecast.backtest.Backtest`;
* `seatcast coalitions --from-forecast --json` and ``/coalitions.json?from_forecast=true``
  are `ForecastCoalitionsView`.

The default election is the next one when the catalog has it (as of its latest poll), else
the latest election that can be forecast (as of its eve).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from seatcast.catalog import Catalog
from seatcast.domain.draws import SimulationResult
from seatcast.domain.elections import ElectionRecord
from seatcast.domain.house import Seat
from seatcast.domain.parties import Party
from seatcast.domain.polls import Poll
from seatcast.domain.ridings import RidingCode
from seatcast.errors import SeatcastError
from seatcast.forecast.average import PollAverage, poll_average
from seatcast.forecast.backtest import Backtest, backtest
from seatcast.forecast.models import DEFAULT_MODEL, MODELS, Param
from seatcast.forecast.pollerror import PollErrorView, poll_error_view
from seatcast.forecast.projection import Forecaster, Projection, regional_averages
from seatcast.forecast.simulate import simulate
from seatcast.forecast.summary import (
    LABELS,
    PartyChance,
    given,
    outcome_shares,
    party_summary,
    riding_summary,
)
from seatcast.systems.coalitions import coalition_probabilities, minimal_winning_probabilities
from seatcast.views.common import ElectionRef, when_held
from seatcast.views.defaults import BACKTEST_SIMS, COALITION_SIMS, DEFAULT_SIMS
from seatcast.views.house import SeatHolder, seat_holder

SHARES = ("polls", "actual")
Z90 = 1.645


def default_election(forecaster: Forecaster) -> str:
    """The next election when the catalog has one, else the latest forecastable one."""
    reg = forecaster.catalog.registry
    nxt = reg.next_election()
    if nxt is not None and nxt.previous and nxt.polls:
        return nxt.id
    for r in reg:
        if r.previous and r.polls and r.has_result:
            return r.id
    raise SeatcastError("no election in the catalog can be forecast")


@dataclass(frozen=True, slots=True)
class ForecastRequest:
    election: str | None = None  # None: `default_election`
    as_of: dt.date | None = None  # None: the eve (past), the latest poll (next)
    sims: int = DEFAULT_SIMS
    seed: int = 0
    model: str = DEFAULT_MODEL
    shares: str = "polls"  # polls, or actual (the result's national shares: past elections)
    raw_polls: bool = False  # do not correct the average for the previous miss
    polls: tuple[Poll, ...] | None = None  # a user's polls instead of the catalog's (CLI)
    given: tuple[str, ...] = ()  # conditions on the draws, e.g. "24073=BQ", "LPC>=172"

    def __post_init__(self) -> None:
        if self.sims < 1:
            raise SeatcastError(f"--sims must be at least 1 (got {self.sims})")
        if self.seed < 0:
            raise SeatcastError(f"--seed must be 0 or more (got {self.seed})")
        if self.model not in MODELS:
            raise SeatcastError(f"unknown model {self.model!r} (known: {', '.join(MODELS)})")
        if self.shares not in SHARES:
            raise SeatcastError(f"--shares must be polls or actual (got {self.shares!r})")
        if self.shares == "actual" and (self.polls is not None or self.raw_polls):
            used = [n for n, on in (("--polls", self.polls is not None),
                                    ("--raw-polls", self.raw_polls)) if on]
            raise SeatcastError(f"{', '.join(used)} cannot apply with --shares actual "
                                "(no polls are used)")

    def needs_winners(self) -> bool:
        return any(c.strip()[:5].isdigit() for g in self.given for c in g.split(","))


def project(forecaster: Forecaster, req: ForecastRequest) -> Projection:
    election = req.election or default_election(forecaster)
    fixed = forecaster.actual_shares(election) if req.shares == "actual" else None
    return forecaster.project(election, req.as_of, model=req.model, polls=req.polls,
                              shares=fixed, correct_bias=not req.raw_polls)


def run(forecaster: Forecaster, req: ForecastRequest, *, keep_winners: bool = False,
        workers: int = 2, progress: Callable[[int], None] | None = None
        ) -> tuple[Projection, SimulationResult]:
    """The projection and its simulation (conditioned on ``req.given``)."""
    proj = project(forecaster, req)
    res = simulate(proj, sims=req.sims, seed=req.seed, workers=workers,
                   keep_winners=keep_winners or req.needs_winners(), progress=progress)
    return proj, (given(res, req.given) if req.given else res)


@dataclass(frozen=True, slots=True)
class FitInfo:
    """Which fitted model a forecast used, fitted on which pair of elections."""

    model: str
    pair: str
    in_sample: bool
    params: Mapping[str, Param]


@dataclass(frozen=True, slots=True)
class PartyForecast:
    party: Party
    name: str
    target: float  # the national share fed to the projection (corrected poll average)
    vote_mean: float  # mean simulated national share
    vote_80: tuple[float, float]
    seats_mean: float
    seats_median: float
    seats_80: tuple[int, int]
    seats_95: tuple[int, int]
    p_most_seats: float
    p_majority: float
    p_minority_lead: float
    actual_seats: int | None  # for a past election


@dataclass(frozen=True, slots=True)
class RidingForecast:
    riding: int
    name: str
    leader: Party
    chance: float
    label: str
    parties: tuple[PartyChance, ...]
    winner: Party | None  # for a past election: who won
    previous_winner: Party | None  # who won it at the baseline election (2025 for the next)
    holder: SeatHolder | None  # who holds it on the as-of day (None: not known)


@dataclass(frozen=True, slots=True)
class ForecastView:
    election: ElectionRef
    baseline: ElectionRef | None  # the election whose riding shares are moved (its previous)
    no_later_than: dt.date | None  # the next election: the fixed date in law
    when_held: str | None  # the next election: "to be held no later than ...; an earlier ..."
    as_of: dt.date
    model: str
    fit: FitInfo | None  # None for saved draws
    sims: int
    seed: int
    seats_total: int
    majority: int
    conditions: tuple[str, ...]
    polls_used: int | None  # polls in the average (None: fixed shares or saved draws)
    latest_poll: dt.date | None
    poll_miss_corrected: bool | None
    poll_correction: str | None  # what corrects the average ("the poll misses of 7 elections, ...")
    parties: tuple[PartyForecast, ...]  # by mean seats
    outcomes: Mapping[str, float]  # "LPC minority" -> share of draws
    p_hung: float  # no party at the majority line
    labels: Mapping[str, int]  # Safe/Likely/Leaning/Toss-up -> ridings
    ridings_right: int | None  # for a past election: ridings whose leader won
    holders_as_of: dt.date | None  # the day of the seat holders (None: no ledger of that House)
    incumbency: str  # how the projection treats the holders (see docs/forecast.md)
    ridings: tuple[RidingForecast, ...]


def forecast_view(forecaster: Forecaster, res: SimulationResult,
                  proj: Projection | None = None, *, raw_polls: bool = False) -> ForecastView:
    """The view of a simulation (``proj``: the projection it came from, when known)."""
    catalog = forecaster.catalog
    rec = catalog.record(res.election)
    e = catalog.election(rec.id) if rec.has_result else None
    rmap = e.map if e is not None else catalog.riding_map(rec.map)
    actual = e.seats() if e is not None else None
    rows = []
    for i, po in enumerate(party_summary(res)):
        rows.append(PartyForecast(
            party=po.party, name=po.party.name_en, target=float(res.target[i]),
            vote_mean=po.vote_mean, vote_80=po.vote_80, seats_mean=po.seats_mean,
            seats_median=po.seats_median, seats_80=po.seats_80, seats_95=po.seats_95,
            p_most_seats=po.p_most_seats, p_majority=po.p_majority,
            p_minority_lead=po.p_minority_lead,
            actual_seats=None if actual is None else int(actual.get(po.party, 0))))
    rows.sort(key=lambda r: -r.seats_mean)
    prev = catalog.election(rec.previous) if rec.previous else None
    holders = seat_holders(catalog, rec, res.as_of)
    ridings = []
    right = 0
    for ro in riding_summary(res):
        won = e.result(ro.riding).winner.party if e is not None else None
        right += int(won == ro.leader)
        before = prev.result(ro.riding).winner.party if prev is not None else None
        held = holders.get(ro.riding) if holders is not None else None
        ridings.append(RidingForecast(ro.riding, rmap.get(ro.riding).name_en, ro.leader,
                                      ro.chance, ro.label, ro.parties, won, before,
                                      seat_holder(held) if held is not None else None))
    no_later = catalog.registry.no_later_than(rec)
    top = res.seats.max(axis=1)
    avg = proj.average if proj is not None else None
    return ForecastView(
        election=ElectionRef.of(rec),
        baseline=ElectionRef.of(prev.record) if prev is not None else None,
        no_later_than=no_later,
        when_held=when_held(no_later) if rec.date is None else None,
        as_of=res.as_of, model=res.model,
        fit=FitInfo(proj.fitted.name, proj.fitted.pair, proj.fitted.in_sample,
                    proj.fitted.params) if proj is not None else None,
        sims=res.sims, seed=res.seed, seats_total=res.seats_total, majority=res.majority,
        conditions=res.conditions,
        polls_used=avg.n_polls if avg is not None else None,
        latest_poll=avg.latest if avg is not None else None,
        poll_miss_corrected=(not raw_polls) if avg is not None else None,
        poll_correction=(poll_error_view(forecaster.poll_error(rec.id)).label
                         if avg is not None and not raw_polls else None),
        parties=tuple(rows), outcomes=MappingProxyType(outcome_shares(res)),
        p_hung=float((top < res.majority).mean()),
        labels=MappingProxyType({k: sum(1 for r in ridings if r.label == k) for k in LABELS}),
        ridings_right=right if e is not None else None,
        holders_as_of=res.as_of if holders is not None else None,
        incumbency=INCUMBENCY,
        ridings=tuple(ridings),
    )


#: How the projection treats who holds a seat (measured in benchmarks/incumbency.py).
INCUMBENCY = ("not used: the projection moves the baseline election's riding shares; the holder "
              "(after floor crossings and by-elections) is shown, not modelled")


def seat_holders(catalog: Catalog, rec: ElectionRecord, as_of: dt.date) -> Mapping[RidingCode, Seat] | None:
    """Who held each seat of ``rec``'s map on ``as_of``: the ledger of the House sitting
    then (the general election held before ``rec``, on the same map), if the catalog has one."""
    sitting = catalog.registry.held_before(rec)
    if sitting is None or sitting.map != rec.map or not catalog.has_ledger(sitting.id):
        return None
    led = catalog.ledger(sitting.id)
    if as_of < led.elected:
        return None
    return led.seats_on(as_of)


# -- the poll average ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PartyAverage:
    party: Party
    share: float  # the raw average (fraction)
    corrected: float | None  # corrected by the poll-error model (national only)
    se: float
    sd: float  # election-day uncertainty of the average the projection uses
    interval_90: tuple[float, float]  # of the average the projection uses


@dataclass(frozen=True, slots=True)
class AverageView:
    region: str | None  # None: national
    as_of: dt.date
    polls: int
    firms: tuple[str, ...]
    latest_poll: dt.date
    parties: tuple[PartyAverage, ...]
    house_effects: Mapping[str, Mapping[Party, float]]  # firm -> party -> lean in points


@dataclass(frozen=True, slots=True)
class PollsView:
    election: ElectionRef
    as_of: dt.date
    used_by_projection: str  # "corrected" (the default) or "raw"
    correction: str  # what corrects the average ("the poll misses of 7 elections, 2004–2021")
    poll_error: PollErrorView  # the poll-error model: each past miss and what it predicts
    national: AverageView
    regional: tuple[AverageView, ...]


@dataclass(frozen=True, slots=True)
class PollsRequest:
    election: str | None = None
    as_of: dt.date | None = None
    polls: tuple[Poll, ...] | None = None  # a user's polls (CLI)
    raw_polls: bool = False


def _average_view(a: PollAverage, corrected: Sequence[float] | None,
                  used: Sequence[float] | None = None, used_sd: Sequence[float] | None = None) -> AverageView:
    """``used``/``used_sd``: the shares the projection uses and their election-day spread
    (default: the raw average and its own)."""
    centre = a.mean if used is None else used
    spread = a.sd if used_sd is None else used_sd
    return AverageView(
        region=a.region.value if a.region else None, as_of=a.as_of, polls=a.n_polls,
        firms=a.firms, latest_poll=a.latest,
        parties=tuple(PartyAverage(p, float(m), None if corrected is None else float(corrected[i]),
                                   float(se), float(sd),
                                   (float(max(c - Z90 * sd, 0)), float(min(c + Z90 * sd, 1))))
                      for i, (p, m, c, se, sd) in enumerate(zip(a.parties, a.mean, centre, a.se, spread,
                                                                strict=True))),
        house_effects=MappingProxyType({f: MappingProxyType(dict(zip(a.parties, h, strict=True)))
                                        for f, h in a.house.items()}),
    )


def polls_view(forecaster: Forecaster, req: PollsRequest) -> PollsView:
    election = req.election or default_election(forecaster)
    rec = forecaster.record(election)
    pool = list(req.polls) if req.polls is not None else list(forecaster.polls(rec.id))
    if req.polls is not None:
        forecaster.check_polls(rec.id, pool)
    when = req.as_of or forecaster.default_as_of(rec.id, pool)
    forecaster.check_as_of(rec.id, when)
    avg = poll_average(pool, when)
    model = forecaster.poll_error(rec.id)
    corrected = model.correct(avg.mean)
    used = avg.mean if req.raw_polls else corrected
    sd = model.target_sd(used, avg.se, corrected=not req.raw_polls)
    errors = poll_error_view(model)
    return PollsView(
        election=ElectionRef.of(rec), as_of=when,
        used_by_projection="raw" if req.raw_polls else "corrected",
        correction=errors.label, poll_error=errors,
        national=_average_view(avg, list(corrected), list(used), list(sd)),
        regional=tuple(_average_view(a, None) for a in regional_averages(pool, when).values()),
    )


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    day: dt.date
    mean: Mapping[Party, float]
    low: Mapping[Party, float]  # 80 % election-day band
    high: Mapping[Party, float]


def poll_series(forecaster: Forecaster, election: str, as_of: dt.date, *, days: int = 120,
                step: int = 2) -> tuple[SeriesPoint, ...]:
    """The poll average every ``step`` days over the ``days`` up to ``as_of`` (for charts)."""
    pool = forecaster.polls(election)
    out = []
    z80 = 1.2816
    for back in range(days, -1, -step):
        day = as_of - dt.timedelta(days=back)
        try:
            a = poll_average(pool, day)
        except SeatcastError:
            continue  # no polls yet in the window
        out.append(SeriesPoint(day, {p: float(a.mean[i]) for i, p in enumerate(a.parties)},
                               {p: float(a.mean[i] - z80 * a.sd[i]) for i, p in enumerate(a.parties)},
                               {p: float(a.mean[i] + z80 * a.sd[i]) for i, p in enumerate(a.parties)}))
    return tuple(out)


# -- backtest and coalition odds -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BacktestRequest:
    election: str
    as_of: dt.date | None = None
    shares: str = "polls"
    model: str = DEFAULT_MODEL
    sims: int = BACKTEST_SIMS
    seed: int = 0
    raw_polls: bool = False
    in_sample: bool = False  # add the election's own pair to the fitting pairs (a comparison)

    def __post_init__(self) -> None:
        ForecastRequest(self.election, self.as_of, self.sims, self.seed, self.model, self.shares,
                        self.raw_polls)


def backtest_view(forecaster: Forecaster, req: BacktestRequest, *, workers: int = 2,
                  progress: Callable[[int], None] | None = None) -> Backtest:
    return backtest(forecaster, req.election, req.as_of, shares=req.shares, model=req.model,
                    sims=req.sims, seed=req.seed, workers=workers, progress=progress,
                    correct_bias=not req.raw_polls, in_sample=req.in_sample)


@dataclass(frozen=True, slots=True)
class CombinationOdds:
    parties: tuple[Party, ...]
    probability: float  # reaches the majority
    minimal_winning: float  # reaches it and needs every member
    mean_seats: float


@dataclass(frozen=True, slots=True)
class ForecastCoalitionsView:
    election: ElectionRef
    as_of: dt.date
    sims: int
    seed: int
    house: int
    majority: int
    mean_seats: Mapping[Party, float]
    combinations: tuple[CombinationOdds, ...] = field(default=())


def forecast_coalitions_view(forecaster: Forecaster, res: SimulationResult) -> ForecastCoalitionsView:
    """The chance that each combination of parties reaches the majority over the draws."""
    probs = coalition_probabilities(res.seats, res.parties, res.majority)
    minimal = minimal_winning_probabilities(res.seats, res.parties, res.majority)
    mean = res.seats.mean(axis=0)
    rows = [CombinationOdds(tuple(combo), pr, minimal[combo],
                            float(sum(mean[res.parties.index(p)] for p in combo)))
            for combo, pr in probs.items()]
    rows.sort(key=lambda r: (-r.minimal_winning, len(r.parties), -r.probability))
    return ForecastCoalitionsView(
        election=ElectionRef.of(forecaster.catalog.record(res.election)), as_of=res.as_of,
        sims=res.sims, seed=res.seed, house=res.seats_total, majority=res.majority,
        mean_seats=MappingProxyType({p: float(m) for p, m in zip(res.parties, mean, strict=True)}),
        combinations=tuple(rows),
    )


__all__ = ["BACKTEST_SIMS", "COALITION_SIMS", "DEFAULT_SIMS"]
