"""`seatcast live replay|ingest|status` end to end, and their errors."""

from __future__ import annotations

import json
import time
from itertools import pairwise
from pathlib import Path

import pytest

from seatcast.cli import main
from tests.support.live import calls_of


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_replay_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    r = run_json(capsys, "live", "replay", "2025", "--json", "--store", str(tmp_path / "r.db"))
    assert (r["source"], r["seed"], r["fed"], r["assumptions"]) == ("official stages", None,
                                                                     690, [])
    assert r["comparison"] == {"matches_official": True, "mismatched_ridings": [],
                               "wrong_calls": 0, "wrong_call_list": []}
    d = r["night"]
    assert d["seats"] == {"LPC": 169, "CPC": 144, "BQ": 22, "NDP": 7, "GPC": 1}
    assert len(d["called"]) == 343
    assert d["called_seats"] == d["seats"]
    assert (d["wrong_calls"], d["retractions"], d["rejected"]) == (0, 0, 0)
    assert d["government"]["mark"] == "call"
    assert d["government"]["outcome"] == "minority"
    assert d["largest_party"]["mark"] == "call"
    assert d["largest_party"]["party"] == "LPC"
    lpc = d["projection"][0]
    assert lpc["party"] == "LPC"
    assert lpc["low"] == lpc["high"] == 169 == lpc["expected"]
    assert d["no_majority_chance"] == 1.0
    assert d["closest"] == []
    # every call names its riding, in Eastern time and the riding's own where it differs
    calls = {c["riding"]: c for c in d["calls"]}
    assert len(calls) == 343
    assert all(c["mark"] == "call" for c in calls.values())
    assert calls[24073]["name"] == "Terrebonne"
    assert calls[24073]["time"]["local"] is None
    vic = calls[59042]
    assert vic["name"] == "Victoria"
    assert vic["time"]["eastern"].endswith("-04:00")
    assert vic["time"]["local"].endswith("-07:00")
    # the store stays for `status`, which agrees
    s = run_json(capsys, "live", "status", "--json", "--store", str(tmp_path / "r.db"))
    assert s["seats"] == d["seats"]
    assert s["called"] == d["called"]
    assert len(s["ridings"]) == 343
    assert s["ridings"][0]["projection"]["candidates"][0]["win_probability"] == 1.0


def test_emit_then_ingest_then_status(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    feed = tmp_path / "night.jsonl"
    d = run_json(capsys, "live", "replay", "2025", "--emit", str(feed), "--json")
    assert d["emitted"] == len(feed.read_text().splitlines()) == 690
    with feed.open("a") as f:
        f.write('{"seq": 1}\n')
    store = str(tmp_path / "live.db")
    r = run_json(capsys, "live", "ingest", str(feed), "--store", store, "--json")
    assert (r["applied"], r["rejected"]) == (690, 1)
    assert r["rejections"][0]["reason"] == "missing 'riding'"
    again = run_json(capsys, "live", "ingest", str(feed), "--store", store, "--json")
    assert again["applied"] == 0
    assert again["rejected"] == 0
    s = run_json(capsys, "live", "status", "--json", "--store", store)
    assert s["rejected"] == 1
    assert s["wrong_calls"] == 0
    assert len(s["called"]) == 343
    assert main(["live", "status", "--store", store]) == 0
    out = capsys.readouterr().out
    assert "343/343 ridings called" in out
    assert "LPC minority" in out
    # the file gives the replay's calls, on the same updates: its chunks, too, never span
    # two days (the night's calls are not deferred to counts published days later)
    replayed = str(tmp_path / "replayed.db")
    run_json(capsys, "live", "replay", "2025", "--json", "--store", replayed)
    assert calls_of(Path(store)) == calls_of(Path(replayed))


@pytest.mark.parametrize(("argv", "message"), [
    (["live", "status", "--store", "{tmp}/none.db"], "no live store at"),
    (["live", "ingest", "{tmp}/missing.jsonl", "--store", "{tmp}/a.db"],
     "no such file or directory"),
    (["live", "replay", "1999"], "unknown election '1999'"),
    (["live", "replay", "2025", "--speed", "-1"], "--speed must be 0 or more"),
    (["live", "ingest", "{tmp}/f.jsonl", "--store", "{tmp}/a.db", "--idle", "5"], "with --follow"),
    (["live", "ingest", "{tmp}/f.jsonl", "--store", "{tmp}/a.db", "--follow", "--idle", "-1"],
     "--idle takes a number of seconds above 0"),
    (["live", "replay", "2025", "--emit", "{tmp}/no/dir/f.jsonl"],
     "cannot write {tmp}/no/dir/f.jsonl: No such file or directory"),
])
def test_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str],
                message: str) -> None:
    assert main([a.replace("{tmp}", str(tmp_path)) for a in argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith("seatcast: error:")
    assert message.replace("{tmp}", str(tmp_path)) in err
    assert err.count("\n") == 1


@pytest.mark.parametrize(("argv", "message"), [
    (["live", "status", "--store", "{tmp}/not.db"], "not.db: cannot open as a live store (file is not"),
    (["live", "ingest", "{tmp}/f.jsonl", "--store", "{tmp}/not.db"], "cannot open as a live store"),
    (["live", "ingest", "{tmp}/f.jsonl", "--store", "{tmp}/no/dir/a.db"],
     "a.db: cannot open as a live store (unable to open"),
    (["live", "replay", "2025", "--store", "{tmp}/no/dir/a.db"], "cannot open as a live store"),
])
def test_unusable_store_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                    argv: list[str], message: str) -> None:
    (tmp_path / "not.db").write_text("not a database\n")
    (tmp_path / "f.jsonl").write_text("")
    assert main([a.replace("{tmp}", str(tmp_path)) for a in argv]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("seatcast: error:")
    assert message in err


def test_store_is_for_one_election(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = str(tmp_path / "s.db")
    assert main(["live", "replay", "2025", "--store", store, "--json"]) == 0
    capsys.readouterr()
    assert main(["live", "replay", "2025", "--store", store]) == 2
    assert "already holds updates" in capsys.readouterr().err
    feed = tmp_path / "f.jsonl"
    feed.write_text("")
    assert main(["live", "ingest", str(feed), "--store", store, "--election", "2021"]) == 2
    assert "holds election 2025, not 2021" in capsys.readouterr().err


@pytest.mark.parametrize("election", ["2019", "2021"])
def test_official_replay_of_earlier_elections(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                              election: str) -> None:
    d = run_json(capsys, "live", "replay", election, "--json")
    assert d["comparison"]["matches_official"]
    assert d["comparison"]["wrong_calls"] == 0
    assert d["night"]["retractions"] == 0
    assert len(d["night"]["called"]) == 338


@pytest.mark.parametrize("argv", [
    ["live", "ingest", "{tmp}/missing.jsonl", "--store", "{tmp}/new.db"],
    ["live", "ingest", "{tmp}/bad.tsv", "--store", "{tmp}/new.db"],
    ["live", "ingest", "{tmp}/empty.jsonl", "--store", "{tmp}/new.db", "--election", "1999"],
])
def test_failed_ingest_leaves_no_new_store(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                           argv: list[str]) -> None:
    (tmp_path / "bad.tsv").write_text("not a results download\n")
    (tmp_path / "empty.jsonl").write_text("")
    assert main([a.replace("{tmp}", str(tmp_path)) for a in argv]) == 2
    assert capsys.readouterr().err.startswith("seatcast: error:")
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith("new.db")]


def test_failed_ingest_keeps_a_new_store_that_took_records(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    feeds = tmp_path / "feeds"
    feeds.mkdir()
    assert main(["live", "replay", "2025", "--emit", str(feeds / "a.jsonl")]) == 0
    # read after a.jsonl: a results download with a broken votes figure on its first row
    from tests.support.enr import enr_rows, write_enr

    rows = enr_rows([10001])
    rows[0][10] = "x"
    write_enr(feeds / "b.tsv", rows)
    store = tmp_path / "night.db"
    assert main(["live", "ingest", str(feeds), "--store", str(store)]) == 2
    assert "b.tsv:3: votes 'x' is not a whole number" in capsys.readouterr().err
    assert main(["live", "status", "--store", str(store), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["updates"] == 690


def test_each_rejection_is_one_stderr_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    feed = tmp_path / "a-feed-file-with-a-rather-long-name-as-newsrooms-make-them.jsonl"
    feed.write_text('{"seq": 1, "riding": 99999}\n{bad json\n')
    assert main(["live", "ingest", str(feed), "--store", str(tmp_path / "s.db")]) == 0
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2
    assert all(line.startswith(f"rejected {feed}:") for line in err)
    assert max(map(len, err)) > 80  # long enough that an 80-column wrap would have split it


@pytest.mark.parametrize(("argv", "message"), [
    # the official count stages have no seed: a --seed there was silently dropped
    (["live", "replay", "2025", "--seed", "3"], "--seed is for a synthetic night"),
    (["live", "replay", "2025", "--seed", "1"], "--seed is for a synthetic night"),
    (["live", "replay", "2025", "--seed", "3", "--emit", "{tmp}/f.jsonl"],
     "--seed is for a synthetic night"),
    (["live", "replay", "2025", "--seed", "3", "--store", "{tmp}/r.db"],
     "--seed is for a synthetic night"),
    # --emit writes the feed instead of replaying it: no store would be written
    (["live", "replay", "2025", "--emit", "{tmp}/f.jsonl", "--store", "{tmp}/r.db"],
     "--store has no effect with --emit"),
    (["live", "replay", "2025", "--synthetic", "--emit", "{tmp}/f.jsonl", "--store",
      "{tmp}/r.db"], "--store has no effect with --emit"),
])
def test_an_option_that_would_be_ignored_is_an_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str],
        message: str) -> None:
    assert main([a.replace("{tmp}", str(tmp_path)) for a in argv]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("seatcast: error:")
    assert message in err
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_synthetic_seed_defaults_to_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = run_json(capsys, "live", "replay", "2025", "--synthetic", "--emit",
                 str(tmp_path / "a.jsonl"), "--json")
    assert d["seed"] == 1
    assert d["synthetic"] is True
    run_json(capsys, "live", "replay", "2025", "--synthetic", "--seed", "1", "--emit",
             str(tmp_path / "b.jsonl"), "--json")
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()


def test_emit_with_speed_writes_the_feed_as_the_night_goes(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """`--emit FILE --speed X` is a rehearsal feed: the file grows at X times the night's
    pace (for `live ingest FILE --follow` in another terminal) and ends as the plain
    `--emit` file.  The waits are recorded here rather than slept."""

    feed = tmp_path / "paced.jsonl"
    waits: list[tuple[float, int]] = []

    def fake_sleep(seconds: float) -> None:
        waits.append((seconds, feed.stat().st_size))  # what a follower sees meanwhile

    monkeypatch.setattr(time, "sleep", fake_sleep)  # the night sleeps through time.sleep
    d = run_json(capsys, "live", "replay", "2025", "--emit", str(feed), "--speed", "600",
                 "--json")
    assert d["emitted"] == 690
    assert d["speed"] == 600
    plain = tmp_path / "plain.jsonl"
    run_json(capsys, "live", "replay", "2025", "--emit", str(plain), "--json")
    assert feed.read_bytes() == plain.read_bytes()
    sizes = [s for _, s in waits]
    assert len(waits) >= 10
    assert sizes[0] > 0
    assert all(a < b for a, b in pairwise(sizes))
    assert sizes[-1] < len(plain.read_bytes())  # the last records came after the last wait
    assert all(0 <= w <= 2.0 for w, _ in waits)
    assert max(w for w, _ in waits) == 2.0
    # flushed whole lines only: a follower never reads half a record
    text = plain.read_bytes()
    assert all(text[s - 1: s] == b"\n" for s in sizes)
