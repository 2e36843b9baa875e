"""A seeded, poll-by-poll election night that adds up exactly to the official count.

Each riding's election-night (preliminary) count is split into the ballot boxes it came
from:

* **ordinary polling stations**: the election's own count per riding (official table 11;
  "voting desks" in 2025), or an estimate from its electors where it has none
  (`seatcast.live.stations`, documented in docs/live.md);
* **advance polls**: 3 plus one per 20,000 electors, with about 35 % of the vote (a record
  7.3 million of 19.8 million ballots in 2025);
* **special ballots** (mail-in, in care homes, abroad): one count with about 6 % of the vote.

Stations differ: each has a latent position (urban to rural) and each candidate a riding-
specific slope on it, plus station noise, so one box may be 70-20 and the next 30-60.  The
advance polls and special ballots have their own lean (a national tilt per party plus a
riding tilt).  Candidate totals are then split over the boxes by multinomial draws, so every
candidate's sum over boxes is *exactly* the official preliminary figure.

Reporting order: ordinary stations report from about 15 minutes after the riding's polls
close, in an order correlated with their latent position (the first boxes in lean one way),
advance polls from one hour after and special ballots last.  So early returns can mislead,
as they do on a real night.  After the night the official later stages follow
(`seatcast.live.replay.later_stage_updates`), so the night ends on the official result.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

import numpy as np

from seatcast.domain.parties import ALL_PARTIES, Party
from seatcast.domain.results import Election, Stage
from seatcast.domain.ridings import RidingCode
from seatcast.live.feed import FeedCandidate, Update
from seatcast.live.replay import later_stage_updates, poll_close, polling_day
from seatcast.live.stations import advance_polls, electors_estimate, station_counts

if TYPE_CHECKING:
    from seatcast.sources.tables import SnapshotRow

ADVANCE_SHARE = 0.35
SPECIAL_SHARE = 0.06


class StationKind(StrEnum):
    ORDINARY = "ordinary"
    ADVANCE = "advance"
    SPECIAL = "special"


@dataclass(frozen=True, slots=True)
class Station:
    kind: StationKind
    minutes: float  # after the riding's polls close
    votes: np.ndarray  # per candidate


def riding_stations(votes: np.ndarray, parties: list[Party], n_ordinary: int, electors: int,
                    lean_adv: dict[Party, float], lean_spec: dict[Party, float],
                    rng: np.random.Generator) -> list[Station]:
    """Split one riding's candidate totals over its boxes (sums exact), with report times."""
    k = len(votes)
    total = max(int(votes.sum()), 1)
    share = np.maximum(votes / total, 1e-4)
    n_adv = advance_polls(electors)
    # box sizes: ordinary stations vary (lognormal), advance and special take their share
    ord_size = rng.lognormal(0.0, 0.45, n_ordinary)
    adv_frac = float(np.clip(rng.normal(ADVANCE_SHARE, 0.05), 0.2, 0.5))
    spec_frac = float(np.clip(rng.normal(SPECIAL_SHARE, 0.02), 0.02, 0.12))
    ord_size *= (1 - adv_frac - spec_frac) / ord_size.sum()
    adv_size = np.full(n_adv, adv_frac / n_adv) * rng.lognormal(0, 0.2, n_adv)
    # station composition: latent position x, candidate slopes, noise
    x = rng.standard_normal(n_ordinary)
    slope = rng.normal(0.0, 0.45, k)
    w_ord = share * np.exp(np.outer(x, slope) + rng.normal(0, 0.2, (n_ordinary, k)))
    la = np.array([lean_adv.get(p, 0.0) for p in parties]) + rng.normal(0, 0.1, k)
    ls = np.array([lean_spec.get(p, 0.0) for p in parties]) + rng.normal(0, 0.15, k)
    w_adv = share * np.exp(la + rng.normal(0, 0.1, (n_adv, k)))
    w_spec = (share * np.exp(ls))[None, :]
    weights = np.vstack([
        w_ord / w_ord.sum(axis=1, keepdims=True) * ord_size[:, None],
        w_adv / w_adv.sum(axis=1, keepdims=True) * adv_size[:, None],
        w_spec / w_spec.sum() * spec_frac,
    ])
    counts = np.zeros_like(weights, dtype=np.int64)
    for c in range(k):
        p = weights[:, c] / weights[:, c].sum()
        counts[:, c] = rng.multinomial(int(votes[c]), p)
    # report times (minutes after close): ordinary in an order tied to x
    order_key = 0.8 * x + 0.6 * rng.standard_normal(n_ordinary)
    rank = np.argsort(np.argsort(order_key)) / max(n_ordinary - 1, 1)
    t_ord = 15 + 150 * rank**1.3 + rng.exponential(5, n_ordinary)
    t_adv = rng.uniform(60, 210, n_adv)
    t_spec = rng.uniform(180, 270, 1)
    times = np.concatenate([t_ord, t_adv, t_spec])
    kinds = ([StationKind.ORDINARY] * n_ordinary + [StationKind.ADVANCE] * n_adv
             + [StationKind.SPECIAL])
    return [Station(kinds[i], float(times[i]), counts[i]) for i in range(len(kinds))]


def synthetic_feed(e: Election, seed: int = 0,
                   snapshots: Iterable[SnapshotRow] | None = None) -> list[Update]:
    """A poll-by-poll night for `e`, reproducible from `seed`, then the later stages (on the
    `snapshots` that show them, `Catalog.snapshots(e.id)`)."""
    rng = np.random.default_rng(np.random.SeedSequence([seed, 20250428]))
    national_adv = {p: float(rng.normal(0, 0.2)) for p in ALL_PARTIES}
    national_spec = {p: float(rng.normal(0, 0.3)) for p in national_adv}
    counts = station_counts(e)
    children = rng.spawn(len(e.results))
    events: list[tuple[dt.datetime, RidingCode, int, np.ndarray]] = []
    names: dict[int, list[tuple[str, Party]]] = {}
    totals: dict[int, int] = {}
    for child, code in zip(children, e.results, strict=True):
        cands = e.stages_of(code)[0].candidates
        names[code] = [(c.name, c.party) for c in cands]
        votes = np.array([c.votes for c in cands], dtype=np.int64)
        boxes = riding_stations(votes, [c.party for c in cands], counts[RidingCode(code)],
                                electors_estimate(e, code), national_adv, national_spec, child)
        totals[code] = len(boxes)
        close = poll_close(e, code)
        for i, b in enumerate(sorted(boxes, key=lambda b: b.minutes)):
            events.append((close + dt.timedelta(minutes=b.minutes), code, i, b.votes))
    events.sort(key=lambda ev: (ev[0], ev[1], ev[2]))
    running: dict[int, np.ndarray] = {}
    out: list[Update] = []
    reported: dict[int, int] = defaultdict(int)
    for when, code, _, v in events:
        acc = running.get(code)
        running[code] = v.copy() if acc is None else acc + v
        reported[code] += 1
        out.append(Update(
            seq=len(out) + 1,
            time=when.replace(microsecond=0),
            riding=RidingCode(code),
            stage=Stage.PRELIMINARY,
            polls_reporting=reported[code],
            polls_total=totals[code],
            candidates=tuple(FeedCandidate(n, p, int(x))
                             for (n, p), x in zip(names[code], running[code], strict=True)),
        ))
    if any(st.stage is not Stage.PRELIMINARY for st in
           (e.stages_of(c)[0] for c in e.results)) or not e.stages:
        # official-only elections: the night's totals are the official result, published
        # as the official count a week later
        last = dt.datetime.combine(polling_day(e) + dt.timedelta(days=7), dt.time(12, 0),
                                   dt.timezone(dt.timedelta(hours=-4)))
        for code in e.results:
            r = e.results[code]
            out.append(Update(len(out) + 1, last, RidingCode(code), Stage.OFFICIAL, totals[code],
                              totals[code], tuple(FeedCandidate(c.name, c.party, c.votes)
                                                  for c in r.candidates)))
        return out
    return out + later_stage_updates(e, len(out) + 1, snapshots)


def until_share_of_polls(feed: Sequence[Update], share: float) -> list[Update]:
    """The feed up to the record at which `share` of the night's polls have reported (a
    night part-way through, for pages, tests and benchmarks)."""
    total = sum({u.riding: u.polls_total or 0 for u in feed
                 if u.polls_total is not None}.values())
    done: dict[int, int] = {}
    running = 0
    for i, u in enumerate(feed):
        if u.polls_reporting is None:
            continue
        running += u.polls_reporting - done.get(u.riding, 0)
        done[u.riding] = u.polls_reporting
        if running >= share * total:
            return list(feed[: i + 1])
    return list(feed)
