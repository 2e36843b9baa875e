"""`seatcast polls`, `seatcast project` and `seatcast backtest`: the forecast commands."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from seatcast.cli.output import console, emit_json, err_console, pct
from seatcast.errors import SeatcastError

_PROGRESS_MIN_SIMS = 20_000


def _date(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise SeatcastError(f"--as-of {text!r} is not a date (YYYY-MM-DD)") from None


def _model_and_shares(model: str | None, shares: str, *, poll_options: dict[str, bool]) -> str:
    """The model to run (the default when none is named), with ``--shares`` checked: the
    poll options named in ``poll_options`` (option -> given) cannot apply to actual shares."""
    from seatcast.forecast.projection import DEFAULT_MODEL, MODELS

    m = model or DEFAULT_MODEL
    if m not in MODELS:
        raise SeatcastError(f"unknown model {m!r} (known: {', '.join(MODELS)})")
    if shares not in ("polls", "actual"):
        raise SeatcastError(f"--shares must be polls or actual (got {shares!r})")
    ignored = [name for name, given in poll_options.items() if given]
    if shares == "actual" and ignored:
        raise SeatcastError(f"{', '.join(ignored)} cannot apply with --shares actual (no polls are used)")
    return m


@contextmanager
def _progress(total: int, label: str, show: bool) -> Iterator[Callable[[int], None] | None]:
    if not show or not err_console.is_terminal:  # a pipe or file gets no bar (nor its blank line)
        yield None
        return
    with Progress(
        TextColumn(label),
        BarColumn(),
        TextColumn("{task.completed:,}/{task.total:,}"),
        TimeRemainingColumn(),
        console=err_console,
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=total)
        yield lambda n: bar.advance(task, n)


def polls_json(avg: Any, regional: dict[Any, Any]) -> dict[str, Any]:
    def one(a: Any) -> dict[str, Any]:
        return {
            "as_of": a.as_of,
            "region": a.region,
            "polls": a.n_polls,
            "firms": list(a.firms),
            "parties": [
                {
                    "party": p.value,
                    "share": float(m),
                    "se": float(se),
                    "sd": float(sd),
                    "interval_90": [float(max(m - 1.645 * sd, 0)), float(min(m + 1.645 * sd, 1))],
                }
                for p, m, se, sd in zip(a.parties, a.mean, a.se, a.sd, strict=True)
            ],
            "house_effects": {
                f: dict(zip([p.value for p in a.parties], h, strict=True)) for f, h in a.house.items()
            },
        }

    out = one(avg)
    out["regional"] = {r.value: one(a) for r, a in regional.items()}
    return out


def register(app: typer.Typer) -> None:
    @app.command("polls")
    def polls_cmd(
        election: str = typer.Option(
            None,
            "--election",
            "-e",
            help="2025 (default), 2021 or 2019: its built-in polls, or with --polls the election "
            "whose eve is the default --as-of.",
        ),
        as_of: str = typer.Option(
            None,
            "--as-of",
            help="Date of the average (default: eve of the election; with --polls and no "
            "--election, the last poll's end date).",
        ),
        file: Path = typer.Option(None, "--polls", help="Your own poll CSV (see docs/forecast.md)."),
        as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    ) -> None:
        """The poll average as of a date: shares, uncertainty, house effects."""
        from seatcast.forecast.average import poll_average
        from seatcast.forecast.projection import default_as_of, regional_averages
        from seatcast.sources.polls import builtin_polls, read_poll_csv

        polls = read_poll_csv(file) if file is not None else builtin_polls(election or "2025")
        when = _date(as_of)
        if when is None:
            if election is not None or file is None:
                when = default_as_of(election or "2025")
            else:
                when = max(p.end_date for p in polls)
        avg = poll_average(polls, when)
        regional = regional_averages(polls, when)
        if as_json:
            emit_json(polls_json(avg, regional))
            return
        for a in (avg, *regional.values()):
            where = a.region.label if a.region else "Canada"
            t = Table(
                title=f"Poll average, {where}, as of {a.as_of} ({a.n_polls} polls, {len(a.firms)} firms)"
            )
            t.add_column("Party")
            t.add_column("Share", justify="right")
            t.add_column("± se", justify="right")
            t.add_column("90 % on election day", justify="right")
            for p, m, se, sd in zip(a.parties, a.mean, a.se, a.sd, strict=True):
                t.add_row(
                    p.value,
                    pct(m, 1),
                    f"{100 * se:.1f}",
                    f"{pct(max(m - 1.645 * sd, 0), 1)} – {pct(min(m + 1.645 * sd, 1), 1)}",
                )
            console.print(t)
        ht = Table(title="House effects (points, shrunk; + means the firm shows the party higher)")
        ht.add_column("Firm")
        for p in avg.parties[:5]:
            ht.add_column(p.value, justify="right")
        for f, h in avg.house.items():
            ht.add_row(f, *(f"{v:+.1f}" for v in h[:5]))
        console.print(ht)

    @app.command("project")
    def project_cmd(
        election: str = typer.Option("2025", "--election", "-e", help="2025 or 2021."),
        as_of: str = typer.Option(None, "--as-of", help="Poll date (default: eve of the election)."),
        sims: int = typer.Option(20_000, "--sims", min=1, help="Simulated elections."),
        seed: int = typer.Option(0, "--seed", min=0, help="Random seed (same seed, same numbers)."),
        model: str = typer.Option(None, "--model", help="flow (default), mixed, uniform or proportional."),
        shares: str = typer.Option(
            "polls", "--shares", help="polls, or actual (the result's national shares)."
        ),
        raw_polls: bool = typer.Option(
            False, "--raw-polls", help="Do not correct the poll average for the previous election's miss."
        ),
        polls_file: Path = typer.Option(
            None, "--polls", help="Your own poll CSV instead of the built-in polls."
        ),
        workers: int = typer.Option(2, "--workers", min=1, help="Parallel workers."),
        executor: str = typer.Option("local", "--executor", help="local (threads) or dask."),
        scheduler: str = typer.Option(
            None, "--scheduler", help="Dask scheduler address (default: a LocalCluster)."
        ),
        save: Path = typer.Option(None, "--save", help="Save the draws as Parquet."),
        draws: Path = typer.Option(None, "--draws", help="Query saved draws instead of simulating."),
        given: list[str] = typer.Option(
            None, "--given", help="Condition, e.g. 24073=BQ or LPC>=172 (repeatable)."
        ),
        ridings: bool = typer.Option(
            False, "--ridings", help="List every riding (the JSON always has them)."
        ),
        as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    ) -> None:
        """Seat projection: odds per party and per riding, from the polls, by Monte Carlo."""
        from seatcast.forecast.executors import EXECUTORS, dask_executor
        from seatcast.forecast.projection import actual_shares, project
        from seatcast.forecast.simulate import simulate
        from seatcast.forecast.summary import given as condition
        from seatcast.sources.draws import read_draws, write_draws
        from seatcast.sources.polls import read_poll_csv

        if draws is not None:
            if save is not None:
                raise SeatcastError("--save does not apply with --draws (those draws are saved already)")
            ignored = [name for name, used in (
                ("--as-of", as_of is not None), ("--model", model is not None), ("--sims", sims != 20_000),
                ("--seed", seed != 0), ("--shares", shares != "polls"), ("--raw-polls", raw_polls),
                ("--polls", polls_file is not None), ("--executor", executor != "local"),
                ("--scheduler", scheduler is not None)) if used]
            if ignored:
                raise SeatcastError(
                    f"{', '.join(ignored)} cannot apply with --draws: the saved draws were made "
                    "with their own settings (query them with --given)")
            res = read_draws(draws)
        else:
            if save is not None and not save.resolve().parent.is_dir():  # before a long run
                raise SeatcastError(f"cannot write {save}: no folder {save.parent}")
            m = _model_and_shares(
                model, shares, poll_options={"--polls": polls_file is not None, "--raw-polls": raw_polls}
            )
            if executor not in EXECUTORS:
                raise SeatcastError(f"unknown executor {executor!r} (known: {', '.join(EXECUTORS)})")
            fixed = actual_shares(election) if shares == "actual" else None
            user_polls = read_poll_csv(polls_file) if polls_file is not None else None
            proj = project(
                election, _date(as_of), model=m, shares=fixed, polls=user_polls, correct_bias=not raw_polls
            )
            keep = bool(save) or bool(given)
            ctx = dask_executor(scheduler, workers) if executor == "dask" else nullcontext(None)
            with ctx as ex, _progress(sims, "simulating", sims >= _PROGRESS_MIN_SIMS) as tick:
                res = simulate(
                    proj, sims=sims, seed=seed, workers=workers, executor=ex, keep_winners=keep, progress=tick
                )
            shown = condition(res, given) if given else res  # a bad --given fails before --save
            if save is not None:
                write_draws(res, save)
                err_console.print(f"saved {res.sims:,} draws to {save}")
            res = shown
        if given and draws is not None:
            res = condition(res, given)
        _render_projection(res, as_json, ridings)

    @app.command("backtest")
    def backtest_cmd(
        election: str = typer.Argument(..., help="2025 or 2021."),
        as_of: str = typer.Option(None, "--as-of", help="Poll date (default: eve of the election)."),
        shares: str = typer.Option("polls", "--shares", help="polls (the average) or actual (the result's)."),
        model: str = typer.Option(None, "--model", help="Model to score (default: the default model)."),
        sims: int = typer.Option(20_000, "--sims", min=1, help="Simulated elections per model."),
        seed: int = typer.Option(0, "--seed", min=0, help="Random seed."),
        workers: int = typer.Option(2, "--workers", min=1, help="Parallel threads."),
        raw_polls: bool = typer.Option(
            False, "--raw-polls", help="Do not correct the poll average for the previous election's miss."
        ),
        as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    ) -> None:
        """Score the forecast against a past election, beside plain uniform and proportional swing."""
        from seatcast.forecast.backtest import backtest, scored_models

        m = _model_and_shares(model, shares, poll_options={"--raw-polls": raw_polls})
        total = sims * len(scored_models(m))  # 2 runs when the model is a plain swing itself
        with _progress(total, "backtesting", total >= _PROGRESS_MIN_SIMS) as tick:
            out = backtest(
                election,
                _date(as_of),
                shares=shares,
                model=m,
                sims=sims,
                seed=seed,
                workers=workers,
                progress=tick,
                correct_bias=not raw_polls,
            )
        if as_json:
            emit_json(out)
            return
        t = Table(
            title=f"Backtest {out['election']} as of {out['as_of']} ({out['shares']} shares, "
            f"{out['sims']:,} sims, seed {out['seed']})"
        )
        t.add_column("")
        rows = [(out["model"], out), *out["baselines"].items()]
        for name, _ in rows:
            t.add_column(name, justify="right")
        t.add_row("ridings right", *(f"{s['ridings_right']}/{s['ridings_total']}" for _, s in rows))
        for p in ("LPC", "CPC", "BQ", "NDP", "GPC"):
            t.add_row(
                f"{p} seats (actual {out['actual_seats'][p]})",
                *(f"{s['seats'][p]:.1f} ({s['seat_error'][p]:+.1f})" for _, s in rows),
            )
        t.add_row("mean abs. seat error", *(f"{s['seat_mae']:.2f}" for _, s in rows))
        t.add_row("Brier", *(f"{s['brier']:.3f}" for _, s in rows))
        for lab in ("Safe", "Likely", "Leaning", "Toss-up"):
            t.add_row(
                f"{lab}: right/ridings",
                *(f"{s['calibration'][lab]['right']}/{s['calibration'][lab]['ridings']}" for _, s in rows),
            )
        t.add_row(f"P({out['actual_class']})", *(pct(s["p_actual_class"], 1) for _, s in rows))
        console.print(t)


def _render_projection(res: Any, as_json: bool, show_ridings: bool) -> None:
    import numpy as np

    from seatcast.forecast.summary import outcome_classes, party_summary, riding_summary

    parties = party_summary(res)
    classes = outcome_classes(res.seats, res.parties, res.majority)
    names, counts = np.unique(classes, return_counts=True)
    outcome = {
        str(n): int(c) / res.sims for n, c in sorted(zip(names, counts, strict=True), key=lambda t: -t[1])
    }
    if as_json:
        emit_json(
            {
                "election": res.election,
                "as_of": res.as_of,
                "model": res.model,
                "sims": res.sims,
                "seed": res.seed,
                "seats_total": res.seats_total,
                "majority": res.majority,
                "conditions": list(res.conditions),
                "parties": parties,
                "outcomes": outcome,
                "ridings": riding_summary(res),
            }
        )
        return
    cond = f", given {' and '.join(res.conditions)}" if res.conditions else ""
    t = Table(
        title=f"Projection {res.election} as of {res.as_of} ({res.model} model, "
        f"{res.sims:,} sims{cond}); majority {res.majority}"
    )
    for c in (
        "Party",
        "Vote",
        "Seats (mean)",
        "Median",
        "80 %",
        "95 %",
        "Most seats",
        "Majority",
        "Minority lead",
    ):
        t.add_column(c, justify="left" if c == "Party" else "right")
    for p in parties:
        if p["seats_95"][1] == 0 and p["vote_mean"] < 0.01:
            continue
        t.add_row(
            p["party"],
            pct(p["vote_mean"], 1),
            f"{p['seats_mean']:.1f}",
            f"{p['seats_median']:.0f}",
            f"{p['seats_80'][0]}–{p['seats_80'][1]}",
            f"{p['seats_95'][0]}–{p['seats_95'][1]}",
            pct(p["p_most_seats"], 1),
            pct(p["p_majority"], 1),
            pct(p["p_minority_lead"], 1),
        )
    console.print(t)
    console.print("Outcomes: " + ", ".join(f"{k} {pct(v, 1)}" for k, v in list(outcome.items())[:6]))
    rs = riding_summary(res)
    labels: dict[str, int] = {}
    for r in rs:
        labels[r["label"]] = labels.get(r["label"], 0) + 1
    console.print(
        "Ridings: " + ", ".join(f"{k} {labels.get(k, 0)}" for k in ("Safe", "Likely", "Leaning", "Toss-up"))
    )
    if show_ridings:
        rt = Table(title="Ridings")
        for c in ("Code", "Riding", "Leader", "Chance", "Label", "Share (80 %)"):
            rt.add_column(c)
        for r in rs:
            lead = r["parties"][r["leader"]]
            rt.add_row(
                str(r["riding"]),
                r["name"],
                r["leader"],
                pct(r["chance"], 1),
                r["label"],
                f"{pct(lead['share'], 1)} ({pct(lead['share_80'][0], 0)}–{pct(lead['share_80'][1], 0)})",
            )
        console.print(rt)
