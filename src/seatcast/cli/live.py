"""`seatcast live replay|ingest|status`: election night, live or replayed."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.table import Table

from seatcast.catalog import load
from seatcast.cli.output import console, emit_json, err_console, pct
from seatcast.errors import SeatcastError
from seatcast.serialize import to_jsonable

if TYPE_CHECKING:
    from seatcast.domain.results import Election
    from seatcast.live.status import LiveStatus, OfficialComparison

live_app = typer.Typer(help="Election night: replay a past night, ingest a live feed, show "
                            "the state.", no_args_is_help=True)

STORE_HELP = "the live store (SQLite file); default $SEATCAST_LIVE_STORE or ./seatcast-live.db"


def _store(path: Path | None) -> Path:
    if path is not None:
        return path
    return Path(os.environ.get("SEATCAST_LIVE_STORE", "seatcast-live.db"))


def _previous(e: Election) -> Election | None:
    return load(e.previous) if e.previous else None


def _show_status(st: LiveStatus, title: str, cmp: OfficialComparison | None = None) -> None:
    t = Table(title=title)
    for col in ("party", "leading/won", "called", "projected", "90 % range", "majority chance"):
        t.add_column(col, justify="left" if col == "party" else "right")
    proj = st.projection
    parties = sorted(set(st.seats) | set(proj),
                     key=lambda p: -(proj[p].mean if p in proj else st.seats.get(p, 0)))
    for p in parties:
        pr = proj.get(p)
        if not st.seats.get(p) and not (pr and pr.high):
            continue
        t.add_row(p.value, str(st.seats.get(p, 0)), str(st.called_seats.get(p, 0)),
                  f"{pr.mean if pr else 0:.1f}", f"{pr.low if pr else 0}–{pr.high if pr else 0}",
                  pct(pr.majority_chance if pr else None, 1))
    console.print(t)
    for c, label in ((st.government.largest, "largest party"),
                     (st.government.outcome, "government")):
        console.print(f"{label}: " + (f"[bold]{c.party.value} {c.outcome.value}[/] called at "
                                      f"{c.time.isoformat()} ({c.basis})" if c else "not called"))
    tm = st.timing
    console.print(
        f"{len(st.called)}/{st.seats_total} ridings called; median polls reporting at "
        f"call {pct(tm.median_polls_reporting_at_call, 1)}; called during the preliminary count "
        f"{pct(tm.called_during_preliminary_count, 1)}")
    wrong = cmp.wrong_calls if cmp is not None else st.wrong_calls
    console.print(f"updates {st.updates:,}, duplicates {st.duplicates:,}, rejected "
                  f"{st.rejected:,}, corrections {st.corrections:,}; wrong calls "
                  f"{wrong}, retractions {st.retractions}")
    console.print(f"prior: {st.prior.description}")
    if cmp is not None:
        console.print("final state matches the official result riding by riding: "
                      + ("[green]yes[/]" if cmp.matches_official else
                         f"[red]no[/] ({len(cmp.mismatched_ridings)} ridings differ)"))


@contextmanager
def _progress(what: str, total: int) -> Iterator[Callable[[int], None]]:
    """A transient progress bar on stderr; yields the function that advances it."""
    from rich.progress import BarColumn, Progress, TextColumn

    with Progress(TextColumn(what), BarColumn(),
                  TextColumn("{task.completed:,}/{task.total:,} updates"),
                  console=err_console, transient=True) as bar:
        task = bar.add_task(what, total=total)
        yield lambda n: bar.advance(task, n)


def replay_cmd(
    election: str = typer.Argument("2025", help="built-in election to replay"),
    synthetic: bool = typer.Option(False, "--synthetic", help="a seeded poll-by-poll night "
                                   "instead of the official count stages"),
    seed: int | None = typer.Option(None, "--seed", min=0, help="with --synthetic: seed of "
                                    "the night (default 1)"),
    speed: float = typer.Option(0.0, "--speed", help="play at X times real time "
                                "(0: as fast as possible; pauses capped at 2 s); with --emit "
                                "the file grows at that pace"),
    emit: Path | None = typer.Option(None, "--emit", help="write the feed (JSON Lines) to "
                                     "this file instead of applying it"),
    store: Path | None = typer.Option(None, "--store", help="keep the replay in this store "
                                      "(new or empty); default: a temporary one"),
    as_json: bool = typer.Option(False, "--json", help="print one JSON object"),
) -> None:
    """Replay an election night through the live store, model and calls."""
    from seatcast.live.night import LiveNight, replay
    from seatcast.live.night import emit as emit_feed
    from seatcast.live.plan import plan_night
    from seatcast.live.replay import official_feed
    from seatcast.live.status import compare_official, current_status
    from seatcast.live.synthetic import synthetic_feed

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
    e = load(election)
    updates = synthetic_feed(e, seed) if synthetic else official_feed(e)
    show = err_console.is_terminal and not as_json
    if emit is not None:
        if show and speed > 0:
            with _progress("emitting", len(updates)) as advance:
                n = emit_feed(updates, emit, speed=speed, on_chunk=advance)
        else:
            n = emit_feed(updates, emit, speed=speed)
        if as_json:
            emit_json({"emitted": n, "file": str(emit), "election": e.id,
                       "synthetic": synthetic, "seed": seed if synthetic else None,
                       "speed": speed})
        else:
            console.print(f"wrote {n:,} updates to {emit}")
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = store if store is not None else Path(tmp) / "replay.db"
        night = LiveNight(path, e, plan=plan_night(e, _previous(e)))
        try:
            if night.store.current:
                raise SeatcastError(f"{path} already holds updates; replay into a new store")
            if show:
                with _progress("replaying", len(updates)) as advance:
                    replay(night, updates, speed=speed, on_chunk=lambda _r, n: advance(n))
            else:
                replay(night, updates, speed=speed)
        finally:
            night.close()
        st = current_status(path, e, ridings=False)
        cmp = compare_official(path, e)
    if as_json:
        emit_json({**to_jsonable(st), **to_jsonable(cmp),
                   "source": "synthetic" if synthetic else "official stages",
                   "seed": seed if synthetic else None, "fed": len(updates)})
    else:
        what = f"synthetic night, seed {seed}" if synthetic else "official count stages"
        _show_status(st, f"{e.name}: {what}", cmp)


def ingest_cmd(
    path: Path = typer.Argument(..., help="a JSON Lines feed, an Elections Canada results "
                                "download (.tsv) or a directory of them"),
    store: Path | None = typer.Option(None, "--store", help=STORE_HELP),
    election: str | None = typer.Option(None, "--election", help="election of a new store "
                                        "(default 2025)"),
    follow: bool = typer.Option(False, "--follow", help="keep reading as the files grow"),
    idle: float | None = typer.Option(None, "--idle", help="with --follow: stop after this "
                                      "many seconds without new records"),
    as_json: bool = typer.Option(False, "--json", help="print one JSON object"),
) -> None:
    """Apply a feed to the live store (re-running it is safe: nothing is counted twice).
    One ingest at a time: a second one on the same store stops at once (exit 2)."""
    from seatcast.live.night import LiveNight
    from seatcast.live.plan import plan_night
    from seatcast.live.store import StoreBusyError, election_id_of, holds_no_updates, remove

    if idle is not None and (not follow or idle <= 0):
        raise SeatcastError("--idle takes a number of seconds above 0, with --follow")
    sp = _store(store)
    held = election_id_of(sp)
    if held is not None and election is not None and load(election).id != held:
        raise SeatcastError(f"{sp} holds election {held}, not {election}")
    e = load(held or election or "2025")
    new = held is None
    try:
        night = LiveNight(sp, e, plan=plan_night(e, _previous(e)) if new else None)
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
        emit_json({**to_jsonable(rep), "store": str(sp)})
        return
    console.print(f"{rep.applied:,} applied, {rep.stale:,} older than the current count, "
                  f"{rep.duplicates:,} duplicates, {rep.rejected:,} rejected, "
                  f"{rep.corrections:,} corrections, {rep.calls:,} new calls → {sp}")
    for r in rep.rejections:
        err_console.print(f"rejected {r.source}:{r.line}: {r.reason}")
    if rep.rejected > len(rep.rejections):
        err_console.print(f"... and {rep.rejected - len(rep.rejections):,} more rejected "
                          "(`seatcast live status` lists the latest)")


def status_cmd(
    store: Path | None = typer.Option(None, "--store", help=STORE_HELP),
    as_json: bool = typer.Option(False, "--json", help="print one JSON object"),
) -> None:
    """The live state: seats leading and called, projection, calls, rejects and corrections."""
    from seatcast.live.status import current_status
    from seatcast.live.store import StoreError, election_id_of

    sp = _store(store)
    held = election_id_of(sp)
    if held is None:
        raise StoreError(f"no live store at {sp} (ingest or replay into it first)")
    st = current_status(sp, load(held), verify=True)
    if as_json:
        emit_json(st)
        return
    _show_status(st, f"live: election {st.election} ({st.store})")
    if st.correction_list:
        console.print(f"corrections ({st.corrections}):")
        for c in st.correction_list[-10:]:
            console.print(f"  {c.riding} seq {c.seq} ({c.kind.value}): {c.detail}")
    for r in st.rejections[:10]:
        console.print(f"  rejected {r.source}:{r.line}: {r.reason}")


def register(app: typer.Typer) -> None:
    live_app.command("replay")(replay_cmd)
    live_app.command("ingest")(ingest_cmd)
    live_app.command("status")(status_cmd)
    app.add_typer(live_app, name="live")
