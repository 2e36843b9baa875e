"""Poll importer, built-in poll tables, user poll files and the poll average."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import pytest

from seatcast.catalog import Catalog
from seatcast.domain.geography import Region
from seatcast.domain.parties import Party
from seatcast.domain.polls import POLL_PARTIES, Poll
from seatcast.errors import InputFileError, SeatcastError
from seatcast.forecast.average import AverageConfig, dedupe_rolling, house_effects, poll_average
from seatcast.forecast.projection import Forecaster
from seatcast.sources.polls import read_poll_csv, read_pollsteraudit

CATALOG = Catalog.builtin()
builtin_polls = CATALOG.polls

D = dt.date


def _poll(
    firm: str,
    day: int,
    lpc: float,
    cpc: float,
    *,
    n: int = 1000,
    rolling: bool = False,
    region: Region | None = None,
    month: int = 4,
) -> Poll:
    rest = 100 - lpc - cpc
    shares = (lpc, cpc, 0.0, rest, 0.0, 0.0, 0.0)
    return Poll(firm, D(2025, month, day), n, shares, "online", rolling, region)


def test_pollsteraudit_columns_are_zipped_with_headings(tmp_path: Path) -> None:
    doc = {
        "headings": [
            "PollingFirm",
            "Date",
            "Citation",
            "CPC",
            "LPC",
            "NDP",
            "BQ",
            "PPC",
            "GPC",
            "Others",
            "MarginOfError",
            "SampleSize",
            "PollingMethod",
        ],
        "data": [["Ekos", 1745712000000, "https://x", 39, 43, 8, 6, 1, 2, 1, 3.1, 1153, "IVR (rolling)"]],
    }
    p = tmp_path / "c.json"
    p.write_text(json.dumps(doc), encoding="utf-8")
    (poll,) = read_pollsteraudit(p)
    assert poll.firm == "EKOS"
    assert poll.end_date == D(2025, 4, 27)
    assert poll.sample_size == 1153
    assert poll.share(Party.LPC) == 43
    assert poll.share(Party.CPC) == 39
    assert poll.share(Party.GPC) == 2
    assert poll.rolling


def test_2019_shifted_layout_is_detected(tmp_path: Path) -> None:
    # 2019 files have no "Others" value: the margin of error sits under it, the sample size
    # under MarginOfError and the lead under PollingMethod.
    doc = {
        "headings": [
            "PollingFirm",
            "Date",
            "Citation",
            "LPC",
            "CPC",
            "NDP",
            "BQ",
            "GPC",
            "PPC",
            "Others",
            "MarginOfError",
            "SampleSize",
            "PollingMethod",
        ],
        "data": [
            ["Nanos Research", 1571529600000, "u", 31.7, 32.5, 20.8, 7.2, 6, 1.5, 3.6, 800, None, "0.8"]
        ],
    }
    p = tmp_path / "c.json"
    p.write_text(json.dumps(doc), encoding="utf-8")
    (poll,) = read_pollsteraudit(p)
    assert poll.sample_size == 800
    assert poll.share(Party.OTH) == pytest.approx(100 - 99.7)


def test_builtin_tables_hold_every_poll_with_its_source() -> None:
    polls = builtin_polls("2025")
    assert len(polls) == 169 + 423
    assert all(p.source.startswith("http") for p in polls)
    campaign = [p for p in polls if p.end_date >= D(2025, 3, 24)]
    assert len(campaign) == 169
    assert len(builtin_polls("2021")) == 151 + 283
    assert len(builtin_polls("next")) == 114  # the 46th election's cycle, to 2026-01-30
    with pytest.raises(SeatcastError, match="no poll table"):
        builtin_polls("2021t")


def test_user_file_with_regions(tmp_path: Path) -> None:
    p = tmp_path / "p.csv"
    p.write_text(
        "firm,end_date,sample_size,region,LPC,CPC,BQ,NDP,GPC,PPC,OTH\n"
        "A,2025-04-20,1000,,43,39,6,8,2,1,1\n"
        "B,2025-04-21,800,QC,40,20,28,6,2,1,3\n",
        encoding="utf-8",
    )
    a, b = read_poll_csv(p)
    assert a.region is None
    assert b.region is Region.QC
    assert b.share(Party.BQ) == 28


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "empty file"),
        ("firm,sample_size,LPC\nA,1,40\n", "missing column 'end_date'"),
        ("firm,end_date,sample_size\nA,2025-04-01,100\n", "no party column"),
        (
            "firm,end_date,sample_size,LPC,CPC\nA,2025-13-01,100,50,50\n",
            ":2: end_date '2025-13-01' is not a date",
        ),
        (
            "firm,end_date,sample_size,LPC,CPC\nA,2025-04-01,many,50,50\n",
            ":2: sample_size 'many' is not a whole",
        ),
        (
            "firm,end_date,sample_size,LPC,CPC\nA,2025-04-01,100,150,50\n",
            ":2: LPC share 150 is outside 0-100",
        ),
        ("firm,end_date,sample_size,LPC,CPC\nA,2025-04-01,100,0.4,0.5\n", "shares sum to 0.9"),
        ("firm,end_date,sample_size,region,LPC,CPC\nA,2025-04-01,100,Mars,50,50\n", "unknown region 'Mars'"),
        ("firm,end_date,sample_size,LPC,CPC\n,2025-04-01,100,50,50\n", ":2: firm is empty"),
    ],
)
def test_bad_poll_files(tmp_path: Path, body: str, message: str) -> None:
    p = tmp_path / "bad.csv"
    p.write_text(body, encoding="utf-8")
    with pytest.raises(InputFileError, match=message.replace("(", r"\(")):
        read_poll_csv(p)


def test_rolling_tracker_counts_once_per_window() -> None:
    nightly = [_poll("Nanos", d, 40, 40, rolling=True) for d in range(1, 11)]
    kept = dedupe_rolling([*nightly, _poll("Leger", 5, 44, 38)], rolling_days=3)
    nanos = sorted(p.end_date.day for p in kept if p.firm == "Nanos")
    assert nanos == [1, 4, 7, 10]  # non-overlapping three-day windows, latest first
    assert sum(p.firm == "Leger" for p in kept) == 1


def test_house_effect_is_shrunk_and_centred() -> None:
    polls = []
    for d in range(1, 29):
        polls.append(_poll("Even", d, 40, 40))
        polls.append(_poll("Leaner", d, 43, 37))
        polls.append(_poll("Other", d, 40, 40))
    h = house_effects(polls, AverageConfig())
    lpc = POLL_PARTIES.index(Party.LPC)
    assert 0 < h["Leaner"][lpc] < 0.03  # shrunk below the raw 3-point lean...
    assert h["Leaner"][lpc] > 0.015  # ...but most of it survives with 28 polls
    avg = poll_average(polls, D(2025, 4, 28))
    assert avg.share(Party.LPC) == pytest.approx(0.41, abs=0.005)  # the industry mean stays


def test_recency_and_sample_size_weights() -> None:
    old = _poll("A", 1, 30, 50, n=1000)
    new = _poll("B", 27, 50, 30, n=1000)
    avg = poll_average([old, new], D(2025, 4, 28))
    assert avg.share(Party.LPC) > 0.45  # 26 days older: weight 0.5 ** (26 / 7)
    big = _poll("C", 27, 30, 50, n=4000)
    avg2 = poll_average([new, big], D(2025, 4, 28))
    assert avg2.share(Party.LPC) < 0.40  # the bigger sample counts more


def test_2025_final_average_and_uncertainty() -> None:
    avg = poll_average(builtin_polls("2025"), D(2025, 4, 27))
    # The final-week mean of each firm's latest poll was LPC 42.6, CPC 38.9 (data README).
    assert avg.share(Party.LPC) == pytest.approx(0.426, abs=0.01)
    assert avg.share(Party.CPC) == pytest.approx(0.389, abs=0.01)
    assert np.isclose(avg.mean.sum(), 1.0)
    assert (avg.se > 0).all()
    assert (avg.sd > avg.se).all()
    assert 0.015 < avg.sd[0] < 0.03  # about two points on election day for a 40 % party
    with pytest.raises(SeatcastError, match="no national polls"):
        poll_average(builtin_polls("2025"), D(2020, 1, 1))


def test_regional_polls_move_that_region() -> None:
    project = Forecaster(CATALOG).project

    polls = builtin_polls("2025")
    qc = Poll("Regional", D(2025, 4, 25), 1500, (20.0, 10.0, 60.0, 6.0, 2.0, 1.0, 1.0), region=Region.QC)
    with_qc = project("2025", polls=[*polls, qc], model="uniform")
    plain = project("2025", polls=polls, model="uniform")
    assert set(with_qc.regional) == {Region.QC}
    bq = with_qc.parties.index(Party.BQ)
    quebec = with_qc.base.region == list(Region).index(Region.QC)
    assert with_qc.mean[quebec, bq].mean() > plain.mean[quebec, bq].mean() + 0.2
    np.testing.assert_allclose(with_qc.mean[~quebec], plain.mean[~quebec])


def test_only_regional_polls_says_national_ones_are_missing(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    from seatcast.cli import main

    f = tmp_path / "qc.csv"
    f.write_text("firm,end_date,sample_size,LPC,CPC,BQ,NDP,region\nAbacus,2025-04-20,1000,40,25,25,8,QC\n")
    assert main(["polls", "--polls", str(f), "--election", "2025"]) == 2
    assert "no national polls (no region) in the 60 days" in capsys.readouterr().err


def test_polls_election_sets_the_date_of_a_user_file(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """With --polls, --election is not ignored: its eve is the default date of the average
    (without it, the file's last poll is)."""
    from seatcast.cli import main

    f = tmp_path / "p.csv"
    f.write_text(
        "firm,end_date,sample_size,LPC,CPC,NDP\n"
        "Abacus,2021-09-10,1000,30,35,20\nLeger,2021-09-18,1000,32,33,19\nEkos,2021-10-20,1000,40,30,20\n"
    )
    assert main(["polls", "--polls", str(f), "--election", "2021", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["as_of"] == "2021-09-19"
    # without --election the next election is meant, and these polls are not of its cycle
    assert main(["polls", "--polls", str(f), "--json"]) == 2
    assert "they belong to the 45th general election (2025)" in capsys.readouterr().err
    assert main(["polls", "--polls", str(f), "--election", "1867"]) == 2
    assert "1867" in capsys.readouterr().err
