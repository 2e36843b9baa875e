"""`seatcast polls`, `seatcast project` and `seatcast backtest`: the forecast commands."""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

from seatcast.cli.common import (
    PATH,
    PROGRESS_MIN,
    as_of,
    as_of_option,
    election_argument,
    election_of,
    election_option,
    forecaster,
    json_option,
    progress,
)
from seatcast.cli.output import console, emit_json, err_console, pct, table
from seatcast.errors import SeatcastError
from seatcast.views.defaults import BACKTEST_SIMS, DEFAULT_SIMS

if TYPE_CHECKING:
    from seatcast.domain.polls import Poll
    from seatcast.views.forecast import ForecastView, PollsView

polls_file_option = click.option(
    "--polls", "polls_file", type=PATH,
    help="Your own poll CSV instead of the built-in polls (see docs/forecast.md).")
raw_polls_option = click.option(
    "--raw-polls", is_flag=True,
    help="Do not correct the poll average by the historical poll-error model.")
model_option = click.option("--model", help="flow (default), mixed, uniform or proportional.")
shares_option = click.option("--shares", default="polls",
                             help="polls, or actual (the result's national shares).")
seed_option = click.option("--seed", type=click.IntRange(min=0), default=0,
                           help="Random seed (same seed, same numbers).")
workers_option = click.option("--workers", type=click.IntRange(min=1), default=2,
                              help="Parallel workers.")


def _read_polls(path: Path | None) -> tuple[Poll, ...] | None:
    if path is None:
        return None
    from seatcast.sources.polls import read_poll_csv

    return tuple(read_poll_csv(path))


@click.command("polls")
@election_argument
@election_option
@as_of_option
@polls_file_option
@raw_polls_option
@json_option
def polls(election_arg: str | None, election: str | None, as_of_: str | None,
          polls_file: Path | None, raw_polls: bool, as_json: bool) -> None:
    """The poll average, raw and corrected, with uncertainty and house effects.

    Default: the next election, as of its latest poll."""
    from seatcast.views.forecast import PollsRequest, polls_view

    fc = forecaster()
    req = PollsRequest(election_of(election_arg, election), as_of(as_of_), _read_polls(polls_file),
                       raw_polls)
    v = polls_view(fc, req)
    if as_json:
        emit_json(v)
    else:
        print_polls(v)


def print_polls(v: PollsView) -> None:
    for a in (v.national, *v.regional):
        where = a.region or "Canada"
        t = table(title=f"Poll average, {where}, as of {a.as_of} ({a.polls} polls, "
                        f"{len(a.firms)} firms; latest {a.latest_poll})")
        t.add_column("Party")
        t.add_column("Average", justify="right")
        if a.region is None:
            t.add_column("Corrected", justify="right")
        t.add_column("± se", justify="right")
        t.add_column("90 % on election day", justify="right")
        for p in a.parties:
            row = [p.party.value, pct(p.share, 1)]
            if a.region is None:
                row.append(pct(p.corrected, 1))
            row += [f"{100 * p.se:.1f}", f"{pct(p.interval_90[0], 1)} – {pct(p.interval_90[1], 1)}"]
            t.add_row(*row)
        console.print(t)
    if v.used_by_projection == "corrected":
        console.print(f"The projection uses the corrected average: the raw one less the bias that "
                      f"{v.correction} predict (docs/forecast.md).")
    else:
        console.print("The projection uses the raw average (--raw-polls).")
    et = table(title="Poll-error model: the industry's past misses, log(average / result), and "
                     "the next one predicted")
    et.add_column("Party")
    for m in v.poll_error.elections:
        et.add_column(str(m.day.year), justify="right")
    for c in ("bias used", "± spread"):
        et.add_column(c, justify="right")
    for pm in v.poll_error.parties:
        cells = [("" if m.miss[pm.party] is None else f"{m.miss[pm.party]:+.3f}")
                 for m in v.poll_error.elections]
        et.add_row(pm.party.value, *cells, f"{pm.bias:+.3f}", f"{pm.sd:.3f}")
    console.print(et)
    ht = table(title="House effects (points, shrunk; + means the firm shows the party higher)")
    ht.add_column("Firm")
    shown = [x.party for x in v.national.parties[:5]]
    for party in shown:
        ht.add_column(party.value, justify="right")
    for f, h in v.national.house_effects.items():
        ht.add_row(f, *(f"{h[party]:+.1f}" for party in shown))
    console.print(ht)


@click.command("project")
@election_argument
@election_option
@as_of_option
@click.option("--sims", type=click.IntRange(min=1), default=DEFAULT_SIMS, help="Simulated elections.")
@seed_option
@model_option
@shares_option
@raw_polls_option
@polls_file_option
@workers_option
@click.option("--executor", default="local", help="local (threads) or dask.")
@click.option("--scheduler", help="Dask scheduler address (default: a LocalCluster).")
@click.option("--save", type=PATH, help="Save the draws as Parquet.")
@click.option("--draws", type=PATH, help="Query saved draws instead of simulating.")
@click.option("--given", multiple=True, help="Condition, e.g. 24073=BQ or LPC>=172 (repeatable).")
@click.option("--ridings", is_flag=True, help="List every riding (the JSON always has them).")
@json_option
def project(election_arg: str | None, election: str | None, as_of_: str | None, sims: int,
            seed: int, model: str | None, shares: str, raw_polls: bool, polls_file: Path | None,
            workers: int, executor: str, scheduler: str | None, save: Path | None,
            draws: Path | None, given: tuple[str, ...], ridings: bool, as_json: bool) -> None:
    """Seat projection by Monte Carlo: odds per party and per riding, from the polls.

    Default: the next election, as of its latest poll."""
    from seatcast.forecast.executors import EXECUTORS, dask_executor
    from seatcast.forecast.simulate import simulate
    from seatcast.forecast.summary import given as condition
    from seatcast.sources.draws import read_draws, write_draws
    from seatcast.views.forecast import ForecastRequest, forecast_view

    fc = forecaster()
    conditions = tuple(given)
    eid = election_of(election_arg, election)
    if draws is not None:
        ignored = [name for name, used in (
            ("--election", eid is not None), ("--as-of", as_of_ is not None),
            ("--model", model is not None), ("--sims", sims != DEFAULT_SIMS), ("--seed", seed != 0),
            ("--shares", shares != "polls"), ("--raw-polls", raw_polls),
            ("--polls", polls_file is not None), ("--executor", executor != "local"),
            ("--scheduler", scheduler is not None), ("--save", save is not None)) if used]
        if ignored:
            raise SeatcastError(f"{', '.join(ignored)} cannot apply with --draws: the saved draws "
                                "were made with their own settings (query them with --given)")
        res = read_draws(draws)
        shown = condition(res, conditions) if conditions else res
        v = forecast_view(fc, shown)
    else:
        if save is not None and not save.resolve().parent.is_dir():  # before a long run
            raise SeatcastError(f"cannot write {save}: no folder {save.parent}")
        if executor not in EXECUTORS:
            raise SeatcastError(f"unknown executor {executor!r} (known: {', '.join(EXECUTORS)})")
        req = ForecastRequest(eid, as_of(as_of_), sims, seed, model or "flow", shares, raw_polls,
                              () if polls_file is not None else None, conditions)  # checked first
        if polls_file is not None:
            req = replace(req, polls=_read_polls(polls_file))
        from seatcast.views.forecast import project as make_projection

        proj = make_projection(fc, req)
        keep = save is not None or req.needs_winners()
        ctx = dask_executor(scheduler, workers) if executor == "dask" else nullcontext(None)
        with ctx as ex, progress(sims, "simulating", sims >= PROGRESS_MIN) as tick:
            res = simulate(proj, sims=sims, seed=seed, workers=workers, executor=ex,
                           keep_winners=keep, progress=tick)
        shown = condition(res, conditions) if conditions else res  # a bad --given fails first
        if save is not None:
            write_draws(res, save)
            err_console.print(f"saved {res.sims:,} draws to {save}")
        v = forecast_view(fc, shown, proj, raw_polls=raw_polls)
    if as_json:
        emit_json(v)
    else:
        print_forecast(v, ridings)


def print_forecast(v: ForecastView, show_ridings: bool = False) -> None:
    cond = f", given {' and '.join(v.conditions)}" if v.conditions else ""
    when = f" ({v.when_held})" if v.when_held else ""
    t = table(title=f"Projection: {v.election.name}{when} as of {v.as_of} ({v.model} model, "
                    f"{v.sims:,} sims{cond}); majority {v.majority}")
    for c in ("Party", "Vote", "Seats (mean)", "Median", "80 %", "95 %", "Most seats", "Majority",
              "Minority lead"):
        t.add_column(c, justify="left" if c == "Party" else "right")
    for p in v.parties:
        if p.seats_95[1] == 0 and p.vote_mean < 0.01:
            continue
        t.add_row(p.party.value, pct(p.vote_mean, 1), f"{p.seats_mean:.1f}", f"{p.seats_median:.0f}",
                  f"{p.seats_80[0]}–{p.seats_80[1]}", f"{p.seats_95[0]}–{p.seats_95[1]}",
                  pct(p.p_most_seats, 1), pct(p.p_majority, 1), pct(p.p_minority_lead, 1))
    console.print(t)
    console.print("Outcomes: " + ", ".join(f"{k} {pct(x, 1)}" for k, x in list(v.outcomes.items())[:6]))
    console.print("Ridings: " + ", ".join(f"{k} {n}" for k, n in v.labels.items()))
    if v.baseline is not None:
        miss = f"; poll average corrected by {v.poll_correction}" if v.poll_correction else ""
        console.print(f"Baseline: {v.baseline.name} ({v.baseline.id}){miss}")
    if v.fit is not None:
        params = ", ".join(f"{k} {x}" for k, x in v.fit.params.items()) or "none"
        sample = " (in sample)" if v.fit.in_sample else ""
        console.print(f"Model: {v.fit.model}, fitted on {v.fit.pair}{sample}; parameters: {params}")
    if v.holders_as_of is not None:
        moved = [r for r in v.ridings if r.holder is not None and r.holder.how is not None]
        for r in moved:
            h = r.holder
            assert h is not None and h.how is not None
            now = "vacant" if h.vacant else f"{h.party} ({h.member})"
            console.print(f"  {r.riding} {r.name}: won by {r.previous_winner}, on {v.holders_as_of} "
                          f"{now} after a {h.how.label} on {h.since}; forecast {r.leader} "
                          f"{pct(r.chance, 0)}")
        console.print(f"Holders of the seats on {v.holders_as_of}: {len(moved)} changed since "
                      f"the baseline; incumbency {v.incumbency}")
    if show_ridings:
        rt = table(title="Ridings")
        for c in ("Code", "Riding", "Leader", "Chance", "Label", "Share (80 %)"):
            rt.add_column(c)
        for r in v.ridings:
            lead = next(x for x in r.parties if x.party == r.leader)
            rt.add_row(str(r.riding), r.name, r.leader.value, pct(r.chance, 1), r.label,
                       f"{pct(lead.share, 1)} ({pct(lead.share_80[0], 0)}–{pct(lead.share_80[1], 0)})")
        console.print(rt)


@click.command("backtest")
@election_argument
@election_option
@as_of_option
@shares_option
@model_option
@click.option("--sims", type=click.IntRange(min=1), default=BACKTEST_SIMS,
              help="Simulated elections per model.")
@seed_option
@workers_option
@raw_polls_option
@click.option("--in-sample", is_flag=True, help="Add the election's own pair to the fitting pairs "
              "(a comparison, not the protocol: it fits on the result it scores).")
@json_option
def backtest(election_arg: str | None, election: str | None, as_of_: str | None, shares: str,
             model: str | None, sims: int, seed: int, workers: int, raw_polls: bool,
             in_sample: bool, as_json: bool) -> None:
    """Score the forecast against a past election, beside plain uniform and proportional swing.

    The forecast is made as on the eve: polls published before polling day, models fitted
    on the elections before it only (docs/forecast.md, "The protocol")."""
    from seatcast.forecast.backtest import scored_models
    from seatcast.views.forecast import BacktestRequest, backtest_view

    eid = election_of(election_arg, election)
    if eid is None:
        raise SeatcastError("which election? (e.g. seatcast backtest 2025)")
    req = BacktestRequest(eid, as_of(as_of_), shares, model or "flow", sims, seed, raw_polls, in_sample)
    total = sims * len(scored_models(req.model))
    with progress(total, "backtesting", total >= PROGRESS_MIN) as tick:
        out = backtest_view(forecaster(), req, workers=workers, progress=tick)
    if as_json:
        emit_json(out)
        return
    t = table(title=f"Backtest {out.election} as of {out.as_of} ({out.shares} shares, "
                    f"{out.sims:,} sims, seed {out.seed}; fitted on {out.fitted_on}"
                    f"{', in sample' if out.in_sample else ''})")
    t.add_column("")
    rows = (out.score, *out.baselines)
    for s in rows:
        t.add_column(s.model, justify="right")
    t.add_row("ridings right", *(f"{s.ridings_right}/{s.ridings_total}" for s in rows))
    for p, n in out.actual_seats.items():
        if p.value not in ("LPC", "CPC", "BQ", "NDP", "GPC"):
            continue
        t.add_row(f"{p.value} seats (actual {n})",
                  *(f"{s.seats[p]:.1f} ({s.seat_error[p]:+.1f})" for s in rows))
    t.add_row("mean abs. seat error", *(f"{s.seat_mae:.2f}" for s in rows))
    t.add_row("Brier", *(f"{s.brier:.4f}" for s in rows))
    t.add_row("log score", *(f"{s.log_score:.4f}" for s in rows))
    for lab in ("Safe", "Likely", "Leaning", "Toss-up"):
        t.add_row(f"{lab}: right/ridings",
                  *(f"{s.calibration[lab].right}/{s.calibration[lab].ridings}" for s in rows))
    for lvl in ("50", "80", "95"):
        t.add_row(f"parties inside {lvl} % interval",
                  *(f"{s.coverage[lvl]}/{len(s.intervals)}" for s in rows))
    t.add_row(f"P({out.actual_class})", *(pct(s.p_actual_class, 1) for s in rows))
    console.print(t)
    rt = table(title=f"Reliability ({out.score.model}): the favourite's chance against how often it won")
    for c in ("chance", "ridings", "mean chance", "favourite won"):
        rt.add_column(c, justify="right")
    for b in out.score.reliability:
        rt.add_row(f"{100 * b.low:.0f}–{100 * b.high:.0f} %", str(b.ridings),
                   pct(b.mean_chance, 1) if b.mean_chance is not None else "",
                   f"{b.won} ({pct(b.share_won, 1)})" if b.share_won is not None else "")
    console.print(rt)

