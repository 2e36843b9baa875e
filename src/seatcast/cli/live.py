"""`seatcast live replay|ingest|status`: election night, live or replayed."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from seatcast.catalog import load
from seatcast.cli.output import console, emit_json, err_console, pct
from seatcast.errors import SeatcastError

live_app = typer.Typer(help="Election night: replay a past night, ingest a live feed, show "
                            "the state.", no_args_is_help=True)

STORE_HELP = "the live store (SQLite file); default $SEATCAST_LIVE_STORE or ./seatcast-live.db"


def _store(path: Path | None) -> Path:
    if path is not None:
        return path
    return Path(os.environ.get("SEATCAST_LIVE_STORE", "seatcast-live.db"))


def _holds_no_updates(path: Path) -> bool:
    """True for a store with nothing in its log (records already applied are never dropped)."""
    import sqlite3

    if not path.exists():
        return False
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return conn.execute("SELECT count(*) FROM updates").fetchone()[0] == 0
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def _show_status(st: dict[str, Any], title: str) -> None:
    t = Table(title=title)
    for col in ("party", "leading/won", "called", "projected", "90 % range", "majority chance"):
        t.add_column(col, justify="left" if col == "party" else "right")
    parties = sorted(set(st["seats"]) | set(st["projection"]),
                     key=lambda p: -st["projection"].get(p, {}).get("mean", st["seats"].get(p, 0)))
    for p in parties:
        pr = st["projection"].get(p, {})
        if not st["seats"].get(p) and not pr.get("high"):
            continue
        t.add_row(p, str(st["seats"].get(p, 0)), str(st["called_seats"].get(p, 0)),
                  f"{pr.get('mean', 0):.1f}", f"{pr.get('low', 0)}–{pr.get('high', 0)}",
                  pct(pr.get("majority_chance"), 1))
    console.print(t)
    gov = st["government"]
    for key, label in (("largest", "largest party"), ("outcome", "government")):
        c = gov.get(key)
        console.print(f"{label}: " + (f"[bold]{c['party']} {c['outcome']}[/] called at {c['time']}"
                                      f" ({c['basis']})" if c else "not called"))
    tm = st["timing"]
    med = tm["median_polls_reporting_at_call"]
    console.print(
        f"{len(st['called'])}/{st['seats_total']} ridings called; median polls reporting at "
        f"call {pct(med, 1)}; called during the preliminary count "
        f"{pct(tm['called_during_preliminary_count'], 1)}")
    console.print(f"updates {st['updates']:,}, duplicates {st['duplicates']:,}, rejected "
                  f"{st['rejected']:,}, corrections {st['corrections']:,}; wrong calls "
                  f"{st['wrong_calls']}, retractions {st['retractions']}")
    if "matches_official" in st:
        console.print("final state matches the official result riding by riding: "
                      + ("[green]yes[/]" if st["matches_official"] else
                         f"[red]no[/] ({len(st['mismatched_ridings'])} ridings differ)"))


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
        night = LiveNight(path, e.id)
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
        st = current_status(path, ridings=False)
        cmp = compare_official(path, e)
    st.update(cmp)
    st.update(source="synthetic" if synthetic else "official stages",
              seed=seed if synthetic else None, fed=len(updates))
    if as_json:
        emit_json(st)
    else:
        what = f"synthetic night, seed {seed}" if synthetic else "official count stages"
        _show_status(st, f"{e.name}: {what}")


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
    """Apply a feed to the live store (re-running it is safe: nothing is counted twice)."""
    from seatcast.live.night import LiveNight

    if idle is not None and (not follow or idle <= 0):
        raise SeatcastError("--idle takes a number of seconds above 0, with --follow")
    sp = _store(store)
    new = not sp.exists()
    try:
        night = LiveNight(sp, election or ("2025" if new else None))
        try:
            if follow:
                rep = night.follow(path, idle_stop=idle)
            else:
                rep = night.ingest_path(path)
        finally:
            night.close()
    except SeatcastError:
        if new and _holds_no_updates(sp):  # a failed ingest leaves no empty store behind
            for leftover in (sp, sp.with_name(sp.name + "-wal"), sp.with_name(sp.name + "-shm")):
                leftover.unlink(missing_ok=True)
        raise
    out = rep.as_dict()
    out["store"] = str(sp)
    if as_json:
        emit_json(out)
        return
    console.print(f"{out['applied']:,} applied, {out['stale']:,} older than the current count, "
                  f"{out['duplicates']:,} duplicates, {out['rejected']:,} rejected, "
                  f"{out['corrections']:,} corrections, {out['calls']:,} new calls → {sp}")
    for r in out["rejections"][:20]:
        err_console.print(f"rejected {r['source']}:{r['line']}: {r['reason']}")


def status_cmd(
    store: Path | None = typer.Option(None, "--store", help=STORE_HELP),
    as_json: bool = typer.Option(False, "--json", help="print one JSON object"),
) -> None:
    """The live state: seats leading and called, projection, calls, rejects and corrections."""
    from seatcast.live.status import current_status

    st = current_status(_store(store))
    if as_json:
        emit_json(st)
        return
    _show_status(st, f"live: election {st['election']} ({st['store']})")
    if st["correction_list"]:
        console.print(f"corrections ({st['corrections']}):")
        for c in st["correction_list"][-10:]:
            console.print(f"  {c['riding']} seq {c['seq']} ({c['kind']}): {c['detail']}")
    for r in st["rejections"][:10]:
        console.print(f"  rejected {r['source']}:{r['line']}: {r['reason']}")


def register(app: typer.Typer) -> None:
    live_app.command("replay")(replay_cmd)
    live_app.command("ingest")(ingest_cmd)
    live_app.command("status")(status_cmd)
    app.add_typer(live_app, name="live")
