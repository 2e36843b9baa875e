"""Faults end cleanly: one line, exit 2, the store intact; and the night goes on after.

The fault-injection table of docs/live.md is `FAULTS` below: each row is a way the disk,
the folder, the store or a second process can fail an ingest, a status or an emitted feed,
and what the command must then say.  Every row ends with exit 2, one line on stderr, and a
store that passes SQLite's quick check and reads the same as before the failure (or, for
a full disk, holds every chunk committed before it and resumes to the uninterrupted
night, row for row).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import msgspec
import pytest

import seatcast.live.store as store_mod
from seatcast.cli import main
from seatcast.live.feed import Update, write_jsonl
from seatcast.live.night import LiveNight
from seatcast.live.store import StoreBusyError
from tests.support.live import calls_of, dump, open_night


@pytest.fixture(scope="module")
def feed_and_clean(tmp_path_factory: pytest.TempPathFactory,
                   atlantic_night: list[Update]) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("faults")
    feed = tmp / "feed.jsonl"
    write_jsonl(atlantic_night, feed)
    clean = tmp / "clean.db"
    assert main(["live", "ingest", str(feed), "--store", str(clean), "--json"]) == 0
    return feed, clean


def one_line(capsys: pytest.CaptureFixture[str], rc: int, *, want: str) -> str:
    out, err = capsys.readouterr()
    assert rc == 2, err
    assert err.startswith("seatcast: error:"), err
    assert err.count("\n") == 1, err
    assert want in err, err
    assert "Traceback" not in err
    assert out == ""
    return err


def quick_check(path: Path) -> None:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    finally:
        conn.close()


def copy_store(src: Path, dst: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        if Path(str(src) + suffix).exists():
            shutil.copyfile(str(src) + suffix, str(dst) + suffix)
    return dst


@contextlib.contextmanager
def full_disk(pages: int) -> Iterator[None]:
    """SQLite's own "database or disk is full" once the store reaches `pages` pages (what a
    full disk gives a growing store)."""
    real = store_mod.connect

    def limited(path: str | Path, *, readonly: bool = False) -> sqlite3.Connection:
        conn = real(path, readonly=readonly)
        if not readonly:
            conn.execute(f"PRAGMA max_page_count={pages}")
        return conn

    store_mod.connect = limited
    try:
        yield
    finally:
        store_mod.connect = real


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """A folder nothing may be created in or removed from (chattr +i as root, who ignores
    permissions; chmod 555 otherwise)."""
    if os.geteuid() == 0:
        if shutil.which("chattr") is None or subprocess.run(
                ["chattr", "+i", str(folder)], capture_output=True, check=False).returncode:
            pytest.skip("cannot make a folder read-only here (root, and no chattr)")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
    else:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)


def corrupt(path: Path) -> None:
    """Garbage over a page in the middle of the store."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    size = path.stat().st_size
    with path.open("r+b") as f:
        f.seek((size // 4096 // 2) * 4096)
        f.write(os.urandom(4096))


def test_a_full_disk_stops_the_ingest_in_one_line_and_the_night_resumes(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        feed_and_clean: tuple[Path, Path]) -> None:
    feed, clean = feed_and_clean
    store = tmp_path / "full.db"
    with full_disk(500):
        rc = main(["live", "ingest", str(feed), "--store", str(store)])
    one_line(capsys, rc, want="the disk is full; the store holds everything up to its last "
                              "complete chunk")
    quick_check(store)
    assert main(["live", "status", "--store", str(store), "--json"]) == 0
    kept = capsys.readouterr().out
    assert '"updates": 0' not in kept  # chunks before the fault were kept
    assert main(["live", "ingest", str(feed), "--store", str(store)]) == 0
    assert dump(store) == dump(clean)
    assert calls_of(store) == calls_of(clean)


@pytest.mark.parametrize("what", ["ingest", "replay", "emit"])
def test_a_read_only_folder_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                        feed_and_clean: tuple[Path, Path], what: str) -> None:
    feed, clean = feed_and_clean
    folder = tmp_path / "ro"
    folder.mkdir()
    store = folder / "s.db"
    if what == "ingest":
        copy_store(clean, store)
        before = dump(store)
    with read_only(folder):
        if what == "ingest":
            rc = main(["live", "ingest", str(feed), "--store", str(store)])
            one_line(capsys, rc, want=f"its folder {folder} is read-only")
            # a reader still reads the store as it stands
            assert main(["live", "status", "--store", str(store), "--json"]) == 0
            assert '"ridings_reporting": 32' in capsys.readouterr().out
        elif what == "replay":
            rc = main(["live", "replay", "2025", "--store", str(store)])
            one_line(capsys, rc, want="cannot open as a live store")
        else:
            rc = main(["live", "replay", "2025", "--emit", str(folder / "f.jsonl")])
            one_line(capsys, rc, want=f"cannot write {folder / 'f.jsonl'}")
    if what == "ingest":
        quick_check(store)
        assert dump(store) == before
        assert main(["live", "status", "--store", str(store), "--json"]) == 0
    else:
        assert sorted(p.name for p in folder.iterdir()) == []


@pytest.mark.parametrize("command", ["status", "ingest"])
def test_a_corrupted_store_is_one_line_and_left_as_it_was(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        feed_and_clean: tuple[Path, Path], command: str) -> None:
    feed, clean = feed_and_clean
    store = copy_store(clean, tmp_path / "bad.db")
    corrupt(store)
    before = store.read_bytes()
    argv = (["live", "status", "--store", str(store)] if command == "status"
            else ["live", "ingest", str(feed), "--store", str(store)])
    one_line(capsys, main(argv), want="the store is damaged")
    assert store.read_bytes() == before


def test_an_emitted_feed_is_whole_or_the_old_one_stays(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "feed.jsonl"
    out.write_text("the old feed\n")

    def no_space(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("seatcast.sources.tables.os.replace", no_space)
    one_line(capsys, main(["live", "replay", "2025", "--emit", str(out)]),
             want=f"cannot write {out}: No space left on device")
    assert out.read_text() == "the old feed\n"
    assert [p.name for p in tmp_path.iterdir()] == ["feed.jsonl"]  # no temporary file left


def test_one_writer_at_a_time_and_readers_keep_reading(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        feed_and_clean: tuple[Path, Path]) -> None:
    feed, clean = feed_and_clean
    store = copy_store(clean, tmp_path / "s.db")
    holder = open_night(store)  # another ingest, holding the store
    try:
        with pytest.raises(StoreBusyError, match=f"another ingest holds the store \\(process "
                                                 f"{os.getpid()}\\); it takes one writer"):
            open_night(store)
        one_line(capsys, main(["live", "ingest", str(feed), "--store", str(store)]),
                 want="another ingest holds the store")
        assert main(["live", "status", "--store", str(store), "--json"]) == 0
        assert '"ridings_reporting": 32' in capsys.readouterr().out
    finally:
        holder.close()
    assert main(["live", "ingest", str(feed), "--store", str(store)]) == 0  # free again


def _instants(calls: dict[str, dict[str, object]]) -> dict[str, tuple[object, ...]]:
    """Each call by what it rested on: its update (seq), its instant, its figures."""
    return {s: (c["seq"], dt.datetime.fromisoformat(str(c["time"])), c["party"], c["candidate"],
                c["probability"], c["margin"], c["made_after"])
            for s, c in calls.items()}


@pytest.mark.parametrize("written", ["Z", "+00:00 and -04:00 alternately", "-03:30"])
def test_offsets_are_instants_the_calls_are_the_same(
        tmp_path: Path, atlantic_night: list[Update], feed_and_clean: tuple[Path, Path],
        written: str) -> None:
    """The same instants written with other offsets: the same chunks (the same revisions)
    and the same calls on the same updates (issue 15: they moved 16 of 17 calls)."""
    _, clean = feed_and_clean
    zone: Callable[[int], dt.timezone] = {
        "Z": lambda i: dt.UTC,
        "+00:00 and -04:00 alternately": lambda i: dt.UTC if i % 2 else dt.timezone(
            dt.timedelta(hours=-4)),
        "-03:30": lambda i: dt.timezone(dt.timedelta(hours=-3, minutes=-30)),
    }[written]
    moved = [msgspec.structs.replace(u, time=u.time.astimezone(zone(i)))
             for i, u in enumerate(atlantic_night)]
    assert [u.time for u in moved] == [u.time for u in atlantic_night]  # the same instants
    feed = tmp_path / "moved.jsonl"
    write_jsonl(moved, feed)
    store = tmp_path / "moved.db"
    night: LiveNight = open_night(store)
    night.ingest_file(feed)
    revision = night.store.revision
    night.close()
    assert revision == int(dict(dump(clean)["state"])["revision"])
    assert _instants(calls_of(store)) == _instants(calls_of(clean))
