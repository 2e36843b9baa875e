"""Simulation draws as Parquet: one row per simulated election.

Columns: ``seats_<PARTY>`` (int16), ``vote_<PARTY>`` (float32, national share) and, when
the per-riding winners were kept, ``r<CODE>`` (int8, index into the party list).  The
schema metadata key ``seatcast`` holds a JSON object with the election, date, model,
seed, party list, riding codes and the per-riding share summaries, so a saved file can be
queried (``seatcast project --draws FILE --given 24073=BQ``) without rerunning.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np

from seatcast.domain.draws import SimulationResult
from seatcast.domain.parties import Party
from seatcast.errors import InputFileError, SeatcastError

_KEY = b"seatcast"


def write_draws(res: SimulationResult, path: str | Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    cols: dict[str, np.ndarray] = {}
    for j, p in enumerate(res.parties):
        cols[f"seats_{p.value}"] = res.seats[:, j].astype(np.int16)
    for j, p in enumerate(res.parties):
        cols[f"vote_{p.value}"] = res.national[:, j].astype(np.float32)
    if res.winners is not None:
        for i, code in enumerate(res.codes):
            cols[f"r{code}"] = res.winners[:, i].astype(np.int8)
    meta = {
        "election": res.election,
        "as_of": res.as_of.isoformat(),
        "model": res.model,
        "sims": res.sims,
        "seed": res.seed,
        "parties": [p.value for p in res.parties],
        "codes": list(res.codes),
        "win_prob": res.win_prob.round(6).tolist(),
        "share_mean": res.share_mean.round(6).tolist(),
        "share_lo": res.share_lo.round(4).tolist(),
        "share_hi": res.share_hi.round(4).tolist(),
        "projected": res.projected.round(6).tolist(),
        "target": res.target.tolist(),  # exact: the projection fed these shares
        "conditions": list(res.conditions),
    }
    table = pa.table(cols).replace_schema_metadata({_KEY: json.dumps(meta).encode()})
    try:
        pq.write_table(table, str(path), compression="zstd")
    except OSError as e:
        raise SeatcastError(f"cannot write {path}: {e}") from None


def read_draws(path: str | Path) -> SimulationResult:
    import pyarrow.parquet as pq

    p = Path(path)
    if not p.is_file():
        raise InputFileError(p, None, "is a directory, not a file" if p.is_dir() else "no such file")
    try:
        table = pq.read_table(str(p))
    except Exception as e:  # pyarrow raises several types for a file that is not Parquet
        raise InputFileError(p, None, f"not a Parquet file of draws ({type(e).__name__})") from None
    raw = (table.schema.metadata or {}).get(_KEY)
    if raw is None:
        raise InputFileError(p, None, "not a Seatcast draws file (no 'seatcast' metadata)")
    try:
        meta = json.loads(raw)
        parties = tuple(Party(x) for x in meta["parties"])
        codes = tuple(int(c) for c in meta["codes"])
        seats = np.stack([table.column(f"seats_{x.value}").to_numpy() for x in parties], axis=1)
        national = np.stack([table.column(f"vote_{x.value}").to_numpy() for x in parties], axis=1)
        winners = None
        if f"r{codes[0]}" in table.column_names:
            winners = np.stack([table.column(f"r{c}").to_numpy() for c in codes], axis=1).astype(np.int8)
        return SimulationResult(
            election=meta["election"],
            as_of=dt.date.fromisoformat(meta["as_of"]),
            model=meta["model"],
            sims=table.num_rows,
            seed=int(meta["seed"]),
            parties=parties,
            codes=codes,
            seats=seats.astype(np.int32),
            national=national.astype(np.float32),
            win_prob=np.array(meta["win_prob"]),
            share_mean=np.array(meta["share_mean"]),
            share_lo=np.array(meta["share_lo"]),
            share_hi=np.array(meta["share_hi"]),
            projected=np.array(meta["projected"]),
            target=np.array(meta["target"]),
            winners=winners,
            conditions=tuple(meta.get("conditions", ())),
        )
    except (KeyError, ValueError, TypeError) as e:
        raise InputFileError(p, None, f"damaged draws metadata ({e})") from None
