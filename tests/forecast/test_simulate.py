"""Simulation: same seed, same numbers (any chunking, any workers, Dask); summaries; draws."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from seatcast.catalog import Catalog
from seatcast.domain.parties import Party
from seatcast.errors import InputFileError, SeatcastError
from seatcast.forecast.executors import dask_executor
from seatcast.forecast.projection import Forecaster
from seatcast.forecast.simulate import default_chunk_sims, numba_enabled, plan_chunks, simulate
from seatcast.forecast.summary import (
    given,
    outcome_class,
    outcome_classes,
    party_summary,
    riding_label,
    riding_summary,
)
from seatcast.sources.draws import read_draws, write_draws


@pytest.fixture(scope="module")
def proj():
    return Forecaster(Catalog.builtin()).project("2025")


FIELDS = ("seats", "national", "winners", "win_prob", "share_mean", "share_lo", "share_hi")
ENGINES = ["numpy", pytest.param("numba", marks=pytest.mark.skipif(not numba_enabled(), reason="no numba"))]


@pytest.mark.parametrize("engine", ENGINES)
def test_same_seed_same_numbers_whatever_the_chunking(proj, engine: str) -> None:
    a = simulate(proj, sims=3500, seed=11, workers=1, chunk_sims=1000, keep_winners=True, engine=engine)
    b = simulate(proj, sims=3500, seed=11, workers=3, chunk_sims=3000, keep_winners=True, engine=engine)
    with ThreadPoolExecutor(max_workers=2) as ex:
        c = simulate(proj, sims=3500, seed=11, executor=ex, chunk_sims=2000, keep_winners=True, engine=engine)
    for other in (b, c):
        for name in FIELDS:
            np.testing.assert_array_equal(getattr(a, name), getattr(other, name), err_msg=name)
    d = simulate(proj, sims=3500, seed=12, workers=2, engine=engine)
    assert not np.array_equal(a.seats, d.seats)


def test_dask_gives_the_same_numbers_as_a_local_run(proj) -> None:
    pytest.importorskip("dask.distributed")
    local = simulate(proj, sims=2500, seed=5, workers=2, keep_winners=True)
    with dask_executor(workers=2, processes=False) as ex:
        remote = simulate(proj, sims=2500, seed=5, executor=ex, keep_winners=True)
    for name in FIELDS:
        np.testing.assert_array_equal(getattr(local, name), getattr(remote, name), err_msg=name)


@pytest.mark.slow
@pytest.mark.parametrize("engine", ENGINES)
def test_dask_worker_processes_same_numbers(proj, engine: str) -> None:
    """A two-worker LocalCluster of processes (each loads the kernel itself) against local
    threads on the other engine: the same numbers."""
    pytest.importorskip("dask.distributed")
    other = "numpy" if engine == "numba" else engine
    local = simulate(proj, sims=4500, seed=9, workers=2, keep_winners=True, engine=other)
    with dask_executor(workers=2, processes=True) as ex:
        remote = simulate(proj, sims=4500, seed=9, executor=ex, keep_winners=True, engine=engine)
    for name in FIELDS:
        np.testing.assert_array_equal(getattr(local, name), getattr(remote, name), err_msg=name)


def test_default_chunks() -> None:
    """Two blocks a chunk on local threads; about four chunks a worker (2 to 64 blocks)
    when an executor is passed in, whose chunks ship their histograms back."""
    assert default_chunk_sims(10**6, 2, remote=False) == 2000
    assert default_chunk_sims(100_000, 2, remote=True) == 13_000
    assert default_chunk_sims(5_000, 2, remote=True) == 2000
    assert default_chunk_sims(10**7, 2, remote=True) == 64_000


def test_plan_chunks_covers_every_simulation() -> None:
    chunks = plan_chunks(4321, 2000)
    blocks = [b for ch in chunks for b in ch]
    assert [i for i, _ in blocks] == list(range(5))
    assert sum(n for _, n in blocks) == 4321
    with pytest.raises(ValueError, match="sims must be at least 1"):
        plan_chunks(0, 1000)


def test_summaries(proj) -> None:
    res = simulate(proj, sims=2000, seed=1, keep_winners=True)
    parties = {p.party: p for p in party_summary(res)}
    lpc = parties[Party.LPC]
    assert lpc.seats_95[0] <= lpc.seats_80[0] <= lpc.seats_median <= lpc.seats_80[1] <= lpc.seats_95[1]
    assert abs(sum(p.p_most_seats for p in parties.values()) - 1) < 1e-9
    assert lpc.p_majority + lpc.p_minority_lead <= lpc.p_most_seats + 1e-9
    rows = riding_summary(res)
    assert len(rows) == 343
    terrebonne = next(r for r in rows if r.riding == 24073)
    assert {x.party for x in terrebonne.parties} >= {Party.LPC, Party.BQ}
    for r in rows:
        lead = next(x for x in r.parties if x.party == r.leader)
        assert lead.share_80[0] <= lead.share + 0.01
        assert lead.share <= lead.share_80[1] + 0.01
    np.testing.assert_allclose(res.win_prob.sum(axis=1), 1.0)


def test_labels_and_classes() -> None:
    assert [riding_label(x) for x in (0.9995, 0.95, 0.75, 0.5)] == ["Safe", "Likely", "Leaning", "Toss-up"]
    parties = (Party.LPC, Party.CPC, Party.BQ)
    assert outcome_class(np.array([169, 144, 30]), parties, 172) == "LPC minority"
    assert outcome_class(np.array([172, 141, 30]), parties, 172) == "LPC majority"
    assert outcome_class(np.array([150, 150, 43]), parties, 172) == "tie"
    # The vectorized classes of the draws name every seat vector as the single one does.
    draws = np.array([[169, 144, 30], [172, 141, 30], [150, 150, 43], [100, 200, 43], [0, 0, 343]])
    assert list(outcome_classes(draws, parties, 172)) == [outcome_class(d, parties, 172) for d in draws]


def test_given_conditions_and_parquet_round_trip(proj, tmp_path: Path) -> None:
    res = simulate(proj, sims=3000, seed=2, keep_winners=True)
    bq = res.parties.index(Party.BQ)
    cond = given(res, ["24073=BQ"])
    assert 0 < cond.sims < res.sims
    assert cond.winners is not None
    assert (cond.winners[:, res.codes.index(24073)] == bq).all()
    assert cond.win_prob[res.codes.index(24073), bq] == 1.0
    both = given(res, ["24073=BQ,LPC>=150"])
    assert (both.seats[:, 0] >= 150).all()
    assert both.sims <= cond.sims
    path = tmp_path / "draws.parquet"
    write_draws(res, path)
    back = read_draws(path)
    np.testing.assert_array_equal(back.seats, res.seats)
    np.testing.assert_array_equal(back.winners, res.winners)
    assert back.codes == res.codes
    assert back.parties == res.parties
    assert back.as_of == res.as_of
    np.testing.assert_array_equal(given(back, ["24073=BQ"]).seats, cond.seats)
    for bad, msg in (
        ("99999=LPC", "no riding 99999"),
        ("24073=XYZ", "unknown party"),
        ("nonsense", "expected"),
        ("LPC>=400", "no simulated election"),
    ):
        with pytest.raises(SeatcastError, match=msg):
            given(res, [bad])
    no_winners = simulate(proj, sims=1000, seed=2)
    with pytest.raises(SeatcastError, match="per-riding draws"):
        given(no_winners, ["24073=BQ"])
    junk = tmp_path / "junk.parquet"
    junk.write_text("not parquet", encoding="utf-8")
    with pytest.raises(InputFileError, match="not a Parquet file"):
        read_draws(junk)
