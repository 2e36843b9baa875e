"""Reading the feed as it is written, and Elections Canada's own results download."""

from __future__ import annotations

import shutil
from pathlib import Path

import seatcast
from seatcast.domain.parties import Party
from seatcast.live.status import compare_official

from .conftest import open_night, status


def test_follow_a_directory_being_written(tmp_path: Path, official_2025: list) -> None:
    feed_dir = tmp_path / "feed"
    feed_dir.mkdir()
    lines = [u.line() for u in official_2025[:100]]
    (feed_dir / "a.jsonl").write_text("\n".join(lines[:60]) + "\n" + lines[60][:30])
    night = open_night(tmp_path / "s.db")
    try:
        rep = night.follow(feed_dir, interval=0.01, idle_stop=0.05)
        assert rep.applied == 60  # the half-written line waits
        with (feed_dir / "a.jsonl").open("a") as f:
            f.write(lines[60][30:] + "\n")
        (feed_dir / "b.jsonl").write_text("\n".join(lines[61:]) + "\n")
        rep = night.follow(feed_dir, interval=0.01, idle_stop=0.05)
        assert rep.applied == 40 and not rep.rejected
    finally:
        night.close()


def test_official_downloads_as_a_live_source(tmp_path: Path, raw_data: Path) -> None:
    """The three 2025 snapshots of EC's results download, read as they would have arrived."""
    live = tmp_path / "downloads"
    live.mkdir()
    store = tmp_path / "ec.db"
    e = seatcast.load("2025")
    for day in ("05-02", "05-09", "06-13"):
        name = f"ca_ge45_preliminary_candidates_2025-{day}.tsv"
        shutil.copy(raw_data / "2025" / name, live / name)
        night = open_night(store)
        try:
            night.ingest_path(live)
            again = night.ingest_path(live)  # re-reading the same downloads: no-ops
        finally:
            night.close()
        assert again.applied == 0 and again.duplicates > 0
    st = status(store)
    assert compare_official(store, e).matches_official
    assert st.wrong_calls == 0 and st.retractions == 0 and len(st.called) == 343
    assert st.seats == {Party.LPC: 169, Party.CPC: 144, Party.BQ: 22, Party.NDP: 7,
                        Party.GPC: 1}


def test_a_download_folder_with_other_reports_is_read(tmp_path: Path) -> None:
    """EC's download folder also holds reports that are not results downloads (the winners
    report, notes): a folder ingest passes over them instead of stopping at the first."""
    from tests.sources.enr import enr_rows, write_enr

    folder = tmp_path / "downloads"
    folder.mkdir()
    (folder / "ca_ge45_preliminary_districts.tsv").write_text(
        "The Report of Candidates Who Received the Most Votes\nProvince/territory\tElectoral district\n",
        encoding="utf-8")
    (folder / "readme.txt").write_text("downloaded by hand\n", encoding="utf-8")
    write_enr(folder / "results.tsv", enr_rows([10001, 24073]))
    night = open_night(tmp_path / "s.db")
    try:
        rep = night.ingest_path(folder)
    finally:
        night.close()
    assert rep.applied == 5 and not rep.rejected  # 10001: 2 stages; 24073: 3 stages
    night = open_night(tmp_path / "followed.db")
    try:  # following the folder passes over the same reports
        rep = night.follow(folder, interval=0.01, idle_stop=0.05)
    finally:
        night.close()
    assert rep.applied == 5 and not rep.rejected
