"""`seatcast live replay|ingest|status`: election night, live or replayed.

Thin: each command builds the night's election from the catalog, runs `seatcast.live`, and
prints the `seatcast.views.live` view (a Rich table, or the view itself with ``--json``).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from seatcast.cli.common import (
    PATH,
    Commands,
    catalog,
    election_argument,
    election_of,
    election_option,
    json_option,
    on_interrupt,
    progress,
)
from seatcast.cli.output import console, emit_json, err_console, pct, table
from seatcast.errors import SeatcastError

if TYPE_CHECKING:
    from seatcast.catalog import Catalog
    from seatcast.domain.results import Election
    from seatcast.live.plan import NightPlan
    from seatcast.views.live import LiveView, ReplayView, When



@click.group("live", cls=Commands, no_args_is_help=True)
def live() -> None:
    """Election night: replay a past night, rehearse the next one, ingest a live feed, show the
    state."""


STORE_ENV = "SEATCAST_LIVE_STORE"
store_option = click.option(
    "--store", type=PATH,
    help=f"The live store (SQLite file); default ${STORE_ENV} or ./seatcast-live.db.")


def _store(path: Path | None) -> Path:
    if path is not None:
        return path
    return Path(os.environ.get(STORE_ENV, "seatcast-live.db"))


def new_plan(cat: Catalog, e: Election) -> NightPlan:
    """The plan of a new night for `e`: the forecast's prior where it has one."""
    from seatcast.forecast.projection import Forecaster
    from seatcast.live.plan import plan_night

    return plan_night(Forecaster(cat), e, cat.previous(e))


def _when(w: When | None) -> str:
    if w is None:
        return "—"
    text = w.eastern.strftime("%Y-%m-%d %H:%M ET")
    return text + (f" ({w.local.strftime('%H:%M')} local)" if w.local is not None else "")


def print_live(v: LiveView, title: str) -> None:
    t = table(title=title + " — projection", title_justify="left")
    for col in ("Party", "Expected seats", "90 % range", "Majority chance", "Leading/won",
                "Called"):
        t.add_column(col, justify="left" if col == "Party" else "right")
    for p in v.projection:
        t.add_row(f"{p.party.value}  {p.name}", f"{p.expected:.1f}", f"{p.low}–{p.high}",
                  pct(p.majority_chance, 1), str(p.leading), str(p.called))
    console.print(t)
    console.print(f"projection: a majority for some party {pct(v.majority_chance, 1)}, "
                  f"no majority {pct(v.no_majority_chance, 1)} ({v.draws:,} seat draws)")
    for g, label in ((v.largest_party, "largest party"), (v.government, "government")):
        what = (f"{g.party.value} {g.outcome.value}" if g.party is not None and g.outcome
                is not None else "—")
        when = f" at {_when(g.time)}" if g.time is not None else ""
        console.print(f"{label}: [{g.mark.value}] {what}{when} ({g.basis})")
    tm = v.timing
    console.print(
        f"{len(v.called)}/{v.seats_total} ridings called; median polls reporting at call "
        f"{pct(tm.median_polls_reporting_at_call, 1)}; called during the preliminary count "
        f"{pct(tm.called_during_preliminary_count, 1)}")
    for c in v.calls[:5]:
        console.print(f"  [call] {c.name}: {c.candidate} ({c.party.value}) at {_when(c.time)}, "
                      f"{pct(c.polls_reporting, 1)} of polls"
                      + (" — RETRACTED" if c.retracted else ""))
    for c in v.closest[:5]:
        console.print(f"  [projection] {c.name}: {c.candidate} ({c.party.value}) leads, "
                      f"P(win) {c.chance:.3f}, {pct(c.polls_reporting, 1)} of polls")
    console.print(f"updates {v.updates:,}, duplicates {v.duplicates:,}, rejected "
                  f"{v.rejected:,}, corrections {v.corrections:,}; wrong calls "
                  f"{v.wrong_calls}, retractions {v.retractions}")
    console.print(f"prior: {v.prior.description}")


def _print_replay(r: ReplayView, title: str) -> None:
    print_live(r.night, title)
    for a in r.assumptions:
        console.print(f"assumed: {a}")
    cmp = r.comparison
    console.print(f"wrong calls against the {'drawn' if r.assumptions else 'official'} result: "
                  f"{cmp.wrong_calls}; final state matches it riding by riding: "
                  + ("[green]yes[/]" if cmp.matches_official else
                     f"[red]no[/] ({len(cmp.mismatched_ridings)} ridings differ)"))


@live.command("replay")
@election_argument
@election_option
@click.option("--synthetic", is_flag=True, help="A seeded poll-by-poll night instead of the "
              "official count stages (the only night of an election not held yet: a rehearsal).")
@click.option("--seed", type=click.IntRange(min=0),
              help="With --synthetic: seed of the night (default 1).")
@click.option("--speed", type=float, default=0.0, help="Play at X times real time (0: as fast as "
              "possible; pauses capped at 2 s); with --emit the file grows at that pace.")
@click.option("--emit", type=PATH,
              help="Write the feed (JSON Lines) to this file instead of applying it.")
@click.option("--store", type=PATH,
              help="Keep the replay in this store (new or empty); default: a temporary one.")
@json_option
def replay(election_arg: str | None, election: str | None, synthetic: bool, seed: int | None,
           speed: float, emit: Path | None, store: Path | None, as_json: bool) -> None:
    """Replay an election night through the live store, model and calls (default 2025); for
    the next election (`next`), rehearse it from its projection (with --synthetic)."""
    from seatcast.live.night import LiveNight
    from seatcast.live.night import emit as emit_feed
    from seatcast.live.night import replay as run_replay
    from seatcast.live.replay import official_feed
    from seatcast.live.status import compare_official, current_status
    from seatcast.live.synthetic import synthetic_feed
    from seatcast.views.live import ReplayView, live_view

    # an option that would have no effect is an error, before anything is written
    if seed is not None and not synthetic:
        raise SeatcastError("--seed is for a synthetic night (add --synthetic); the official "
                            "count stages have no seed")
    if emit is not None and store is not None:
        raise SeatcastError("--store has no effect with --emit (the feed is written to the "
                            "file, not applied): ingest the file into the store afterwards")
    if speed < 0:
        raise SeatcastError("--speed must be 0 or more")
    seed = 1 if seed is None else seed
    cat = catalog()
    rec = cat.record(election_of(election_arg, election, "2025") or "2025")
    assumptions: tuple[str, ...] = ()
    if rec.has_result:
        truth = night_e = cat.election(rec.id)
        source = "synthetic" if synthetic else "official stages"
        snaps = cat.snapshots(rec.id)
        updates = synthetic_feed(truth, seed, snaps) if synthetic else official_feed(truth, snaps)
        prev = cat.previous(truth)
    else:
        if not synthetic:
            raise SeatcastError(f"election {rec.id} ({rec.name}) has no result to replay: "
                                "rehearse it with --synthetic [--seed S]")
        from seatcast.forecast.projection import Forecaster
        from seatcast.live.rehearsal import rehearse

        reh = rehearse(Forecaster(cat), rec.id, seed)
        truth, night_e, prev, assumptions = reh.result, reh.night, reh.previous, reh.assumptions
        source = "rehearsal"
        updates = synthetic_feed(truth, seed)
    if emit is not None:
        on_interrupt(f"{emit} is written whole or not at all" if speed <= 0 else
                     f"{emit} holds whole lines up to the interruption")
        with progress(len(updates), "emitting", show=not as_json and speed > 0) as advance:
            n = emit_feed(updates, emit, speed=speed, on_chunk=advance)
        if as_json:
            emit_json({"emitted": n, "file": str(emit), "election": rec.id,
                       "synthetic": synthetic, "seed": seed if synthetic else None,
                       "speed": speed})
        else:
            console.print(f"wrote {n:,} updates to {emit}")
        return
    from seatcast.forecast.projection import Forecaster
    from seatcast.live.plan import plan_night

    plan = plan_night(Forecaster(cat), night_e, prev)
    with tempfile.TemporaryDirectory() as tmp:
        path = store if store is not None else Path(tmp) / "replay.db"
        if store is not None:
            on_interrupt(f"{store} keeps every finished chunk: ingest the rest of the night "
                         "into it, or replay into a new store")
        night = LiveNight(path, night_e, plan=plan)
        try:
            if night.store.current:
                raise SeatcastError(f"{path} already holds updates; replay into a new store")
            with progress(len(updates), "replaying", show=not as_json) as advance:
                step: Callable[[object, int], None] | None = (
                    (lambda _r, k: advance(k)) if advance is not None else None)
                run_replay(night, updates, speed=speed, on_chunk=step)
        finally:
            night.close()
        st = current_status(path, night_e, ridings=False)
        cmp = compare_official(path, truth)
    view = ReplayView(source, seed if synthetic else None, len(updates), assumptions, cmp,
                      live_view(st, night_e))
    if as_json:
        emit_json(view)
    else:
        what = {"synthetic": f"synthetic night, seed {seed}", "official stages":
                "official count stages", "rehearsal": f"rehearsal, seed {seed}"}[source]
        _print_replay(view, f"{rec.name}: {what}")


@live.command("ingest")
@click.argument("path", type=PATH, help="A JSON Lines feed, an Elections Canada results download "
                "(.tsv) or a directory of them.")
@store_option
@election_option
@click.option("--follow", is_flag=True, help="Keep reading as the files grow.")
@click.option("--idle", type=float,
              help="With --follow: stop after this many seconds without new records.")
@json_option
def ingest(path: Path, store: Path | None, election: str | None, follow: bool, idle: float | None,
           as_json: bool) -> None:
    """Apply a feed to the live store (re-running it is safe: nothing is counted twice); a new
    store is for --election (default 2025; `next` for the next election).  One ingest at a
    time: a second one on the same store stops at once (exit 2)."""
    from seatcast.live.night import LiveNight
    from seatcast.live.store import StoreBusyError, election_id_of, holds_no_updates, remove
    from seatcast.views.live import night_election

    if idle is not None and (not follow or idle <= 0):
        raise SeatcastError("--idle takes a number of seconds above 0, with --follow")
    sp = _store(store)
    cat = catalog()
    held = election_id_of(sp)
    if held is not None and election is not None and cat.record(election).id != held:
        raise SeatcastError(f"{sp} holds election {held}, not {election}")
    e = night_election(cat, held or election or "2025")
    new = held is None
    on_interrupt("the store keeps every finished chunk: run the same command again to resume")
    try:
        night = LiveNight(sp, e, plan=new_plan(cat, e) if new else None)
        try:
            rep = night.follow(path, idle_stop=idle) if follow else night.ingest_path(path)
        finally:
            night.close()
    except StoreBusyError:
        raise
    except SeatcastError:
        if new and holds_no_updates(sp):  # a failed ingest leaves no empty store behind
            remove(sp)
        raise
    if as_json:
        emit_json({**_jsonable(rep), "store": str(sp)})
        return
    console.print(f"{rep.applied:,} applied, {rep.stale:,} older than the current count, "
                  f"{rep.duplicates:,} duplicates, {rep.rejected:,} rejected, "
                  f"{rep.corrections:,} corrections, {rep.calls:,} new calls → {sp}")
    for r in rep.rejections:
        err_console.print(f"rejected {r.source}:{r.line}: {r.reason}")
    if rep.rejected > len(rep.rejections):
        err_console.print(f"... and {rep.rejected - len(rep.rejections):,} more rejected "
                          "(`seatcast live status` lists the latest)")


def _jsonable(x: object) -> dict[str, object]:
    from seatcast.serialize import to_jsonable

    out = to_jsonable(x)
    assert isinstance(out, dict)
    return out


def status_view(store: Path, cat: Catalog) -> LiveView:
    """The `LiveView` of a store (the quick check of every page first)."""
    from seatcast.live.status import current_status
    from seatcast.live.store import StoreError, election_id_of
    from seatcast.views.live import live_view, night_election

    held = election_id_of(store)
    if held is None:
        raise StoreError(f"no live store at {store} (ingest or replay into it first)")
    e = night_election(cat, held)
    return live_view(current_status(store, e, verify=True), e)


@live.command("status")
@store_option
@json_option
def status(store: Path | None, as_json: bool) -> None:
    """The live state: the projection, seats leading and called, the calls and what they rested
    on, rejects and corrections."""
    v = status_view(_store(store), catalog())
    if as_json:
        emit_json(v)
        return
    print_live(v, f"live: {v.name} ({v.store})")
    if v.correction_list:
        console.print(f"corrections ({v.corrections}):")
        for c in v.correction_list[-10:]:
            console.print(f"  {c.riding} {c.name} seq {c.seq} ({c.kind}): {c.detail}")
    for r in v.rejections[:10]:
        console.print(f"  rejected {r.source}:{r.line}: {r.reason}")

