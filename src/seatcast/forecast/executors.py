"""Where the simulation chunks run: local threads (default) or a Dask cluster.

Chunks are pure functions of (spec, seed, block indices), so any `concurrent.futures`
executor gives the same numbers; Dask's ``Client.get_executor()`` is one.  Without a
scheduler address a `LocalCluster` of worker processes is started for the run.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Executor
from contextlib import contextmanager
from typing import Any

from seatcast.errors import SeatcastError

EXECUTORS: tuple[str, ...] = ("local", "dask")


@contextmanager
def dask_executor(
    scheduler: str | None = None, workers: int = 2, *, processes: bool = True
) -> Iterator[Executor]:
    """A `concurrent.futures` executor backed by Dask (a LocalCluster when no address)."""
    try:
        import dask.distributed
    except ImportError:
        raise SeatcastError("--executor dask needs dask[distributed]: pip install 'seatcast[dask]'") from None
    # dask.distributed is untyped: its objects are handled as Any, here only.
    dist: Any = dask.distributed
    cluster: Any = None
    client: Any
    try:
        if scheduler:
            client = dist.Client(scheduler, timeout="10s")
        else:
            cluster = dist.LocalCluster(
                n_workers=max(1, workers), threads_per_worker=1, processes=processes, dashboard_address=None
            )
            client = dist.Client(cluster)
    except OSError as e:
        raise SeatcastError(f"cannot reach the Dask scheduler {scheduler!r}: {e}") from None
    try:
        yield client.get_executor()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
