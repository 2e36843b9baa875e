"""The live model: what is counted, what is still out, and what the forecast expected.

For one riding, the projected final count of each candidate is

    counted votes + outstanding votes x projected share of the outstanding vote

* **outstanding votes**: the expected total is the largest of the votes counted so far, the
  previous election's valid votes scaled by the turnout change seen in ridings already
  complete, and a per-poll extrapolation; a deliberately generous *upper* bound (1.5 x that
  expectation) is kept for the "vote it could lose" test of a call, because the boxes still
  out (advance polls, special ballots) are larger than an average poll;
* **share of the outstanding vote**: a blend of the shares counted so far and the forecast
  prior, moving to the counted shares as the count advances; its uncertainty is the
  forecast's own plus 12 points on the leader-minus-rival share, since late boxes carry
  their own lean;
* **count revisions**: a count that is not final can still move.  A complete preliminary
  count is revised at validation (the largest narrowing of a lead in 2025 was 2.7 % of the
  valid vote: riding 59033), so the model allows 3 % (sd 1 %); a validated count can move at
  a recount (at most 0.1 % in 2025), so 0.2 % (sd 0.05 %); a judicially certified or
  official count does not move.

The chance that the leader wins is at least 1 - sum over rivals of P(rival passes the
leader), each from a normal approximation of the final margin.  Nationally, seat draws
combine every riding's projection with a party-level shock shared by all ridings (results
are correlated: a party that outperforms in one riding's late boxes tends to do so
elsewhere); called ridings are fixed.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from seatcast.catalog import load
from seatcast.domain.parties import ALL_PARTIES, Party
from seatcast.domain.results import Election, Stage
from seatcast.live.feed import FINAL_STAGES, Update


class RidingPriorLike(Protocol):
    """The forecast's contract: riding codes, parties, and mean and sd of vote shares."""

    @property
    def codes(self) -> Sequence[int]: ...
    @property
    def parties(self) -> Sequence[Any]: ...
    @property
    def mean(self) -> Any: ...  # n_ridings x n_parties
    @property
    def sd(self) -> Any: ...


@dataclass(frozen=True, slots=True)
class ModelConfig:
    call_probability: float = 0.999
    recount_line: float = 0.001  # share of valid votes: automatic judicial recount below it
    late_swing_bound: float = 0.35  # late boxes may favour a rival by 35 net points more
    total_upper: float = 1.5  # outstanding upper bound: 1.5 x the expected total ...
    total_upper_learned: float = 1.25  # ... 1.25 x once 5 ridings show the turnout change
    outstanding_net_sd: float = 0.12  # sd of leader-minus-rival share in the vote still out
    preliminary_revision: float = 0.03  # bound on how far validation can move a margin
    preliminary_revision_sd: float = 0.01
    validated_revision: float = 0.002  # bound on how far a recount can move a margin
    validated_revision_sd: float = 0.0005
    draws: int = 1000
    sim_candidates: int = 4  # leading candidates per riding kept in the seat draws
    shock_correlation: float = 0.6


@dataclass(frozen=True, slots=True)
class Prior:
    """Per riding: expected share per party, its sd, and the expected number of valid votes."""

    source: str  # "forecast" or "previous election"
    shares: Mapping[int, Mapping[Party, float]]
    sd: Mapping[int, Mapping[Party, float]]
    expected_votes: Mapping[int, int]


def _previous(election: Election) -> Election | None:
    return load(election.previous) if election.previous else None


def build_prior(election: Election, forecast: RidingPriorLike | None = None) -> Prior:
    """The prior for a night: the forecast where given, else the previous election's shares."""
    prev = _previous(election)
    expected = {code: (prev.results[code].valid_votes if prev and code in prev.results else 0)
                for code in election.results}
    if forecast is not None:
        parties = [Party(str(p)) for p in forecast.parties]
        mean = np.asarray(forecast.mean, dtype=float)
        sd = np.asarray(forecast.sd, dtype=float)
        shares: dict[int, dict[Party, float]] = {}
        sds: dict[int, dict[Party, float]] = {}
        for i, code in enumerate(forecast.codes):
            shares[int(code)] = {p: float(mean[i, j]) for j, p in enumerate(parties)}
            sds[int(code)] = {p: float(sd[i, j]) for j, p in enumerate(parties)}
        return Prior("forecast", shares, sds, expected)
    shares, sds = {}, {}
    for code in election.results:
        if prev is not None and code in prev.results:
            r = prev.results[code]
            pv = r.party_votes()
            v = max(r.valid_votes, 1)
            shares[code] = {p: pv.get(p, 0) / v for p in ALL_PARTIES}
        else:
            shares[code] = {p: 1 / len(ALL_PARTIES) for p in ALL_PARTIES}
        sds[code] = dict.fromkeys(ALL_PARTIES, 0.08)
    return Prior("previous election", shares, sds, expected)


def forecast_prior(election: Election) -> Prior:
    """The forecast prior from `seatcast.forecast.prior` if it can give one, else the fallback."""
    from seatcast.catalog import Catalog
    from seatcast.errors import SeatcastError
    from seatcast.forecast.prior import riding_prior
    from seatcast.forecast.projection import Forecaster

    try:
        fc = riding_prior(Forecaster(Catalog.builtin()), election.id)
    except (SeatcastError, KeyError, ValueError):  # no forecast for it: the previous election
        return build_prior(election)
    return build_prior(election, fc)


def _phi(z: float) -> float:
    return 0.5 * (1.0 + math.erf(z / math.sqrt(2.0)))


@dataclass(frozen=True, slots=True)
class RidingProjection:
    riding: int
    names: tuple[str, ...]
    parties: tuple[Party, ...]
    counted: tuple[int, ...]
    projected: tuple[float, ...]  # final votes, mean
    low: tuple[float, ...]  # 90 % interval of final votes
    high: tuple[float, ...]
    win_probability: tuple[float, ...]  # leader: lower bound; others: upper bounds
    leader: int  # index of the leader in counted votes (-1: nothing counted)
    margin: int
    could_lose: float
    recount_line: float
    stage: Stage | None
    reporting_share: float
    complete: bool
    seq: int
    time: str


@dataclass
class LiveModel:
    """Projections per riding, refreshed as updates arrive, and national seat draws."""

    election: Election
    prior: Prior
    config: ModelConfig = field(default_factory=ModelConfig)
    turnout_factor: float = 1.0
    _complete_votes: dict[int, tuple[int, int]] = field(default_factory=dict)

    def note_turnout(self, u: Update) -> None:
        exp = self.prior.expected_votes.get(u.riding, 0)
        if u.complete and exp > 0:
            self._complete_votes[u.riding] = (u.valid_votes, exp)
        else:
            self._complete_votes.pop(u.riding, None)
        if len(self._complete_votes) >= 5:
            got = sum(v for v, _ in self._complete_votes.values())
            exp_sum = sum(e for _, e in self._complete_votes.values())
            self.turnout_factor = got / exp_sum if exp_sum else 1.0
        else:  # not learned (again, if a complete count was corrected back to partial)
            self.turnout_factor = 1.0

    def turnout_basis(self) -> tuple[float, bool]:
        """What the projection of a partial count takes from the other ridings: the turnout
        factor and whether it is learned yet (it changes as ridings complete)."""
        return self.turnout_factor, len(self._complete_votes) >= 5

    def project(self, u: Update) -> RidingProjection:
        cfg = self.config
        names = tuple(c.name for c in u.candidates)
        parties = tuple(c.party for c in u.candidates)
        votes = [c.votes for c in u.candidates]
        k = len(votes)
        v_total = sum(votes)
        prior_sh = self.prior.shares.get(u.riding, {})
        prior_sd = self.prior.sd.get(u.riding, {})
        n_same = {p: parties.count(p) for p in set(parties)}
        ps = [max(prior_sh.get(p, 0.0), 0.005) / n_same[p] for p in parties]
        s = sum(ps)
        ps = [x / s for x in ps] if s > 0 else [1.0 / k] * k
        psd = [prior_sd.get(p, 0.08) for p in parties]
        if u.complete:
            t_mean = float(v_total)
            o_mean = o_up = 0.0
        else:
            exp = self.prior.expected_votes.get(u.riding, 0) * self.turnout_factor
            f = u.reporting_share if u.polls_known else 0.0
            extrap = v_total / f if f > 0 else 0.0
            t_mean = max(float(v_total), exp, extrap)
            o_mean = t_mean - v_total
            upper = cfg.total_upper_learned if self.turnout_basis()[1] else cfg.total_upper
            o_up = max(upper * max(exp, extrap) - v_total, 2 * o_mean, 0.0)
        w = v_total / t_mean if t_mean > 0 else 0.0
        cs = [x / v_total for x in votes] if v_total > 0 else ps
        s_out = [w * a + (1 - w) * b for a, b in zip(cs, ps, strict=True)]
        if u.stage in FINAL_STAGES:
            rev_bound = rev_sd = 0.0
        elif u.stage is Stage.VALIDATED:
            rev_bound, rev_sd = cfg.validated_revision, cfg.validated_revision_sd
        else:
            rev_bound, rev_sd = cfg.preliminary_revision, cfg.preliminary_revision_sd
        base = max(t_mean, float(v_total))
        rev_bound *= base
        rev_sd *= base
        proj = [votes[i] + o_mean * s_out[i] for i in range(k)]
        share_sd = cfg.outstanding_net_sd / math.sqrt(2)
        lo, hi = [], []
        for i in range(k):
            sd_i = math.hypot(o_mean * math.hypot(share_sd, (1 - w) * psd[i]), rev_sd)
            lo.append(max(0.0, proj[i] - 1.645 * sd_i))
            hi.append(proj[i] + 1.645 * sd_i)
        leader = max(range(k), key=lambda i: (votes[i], -i)) if v_total > 0 else -1
        win = [0.0] * k
        margin = 0
        could_lose = 0.0
        if leader >= 0:
            others = [votes[i] for i in range(k) if i != leader]
            runner = max(others) if others else 0
            margin = votes[leader] - runner
            # the vote the leader could lose to each rival: the vote still out (upper bound)
            # at the rival's counted net rate plus the late-swing bound, plus revisions;
            # expressed against the lead over the runner-up
            could_lose = rev_bound
            for b in range(k):
                if b != leader:
                    rate = min(1.0, max(0.0, (votes[b] - votes[leader]) / v_total
                                        + cfg.late_swing_bound))
                    could_lose = max(could_lose, o_up * rate + rev_bound - (runner - votes[b]))
            lose_total = 0.0
            for b in range(k):
                if b == leader:
                    continue
                diff = proj[leader] - proj[b]
                sd_net = cfg.outstanding_net_sd + (1 - w) * math.hypot(psd[leader], psd[b])
                spread = (o_up - o_mean) / 2 * abs(s_out[leader] - s_out[b])
                sd = math.sqrt((o_mean * sd_net) ** 2 + spread**2 + rev_sd**2)
                if sd > 0:
                    p_pass = 1 - _phi(diff / sd)
                else:
                    p_pass = 0.0 if diff > 0 else (0.5 if diff == 0 else 1.0)
                win[b] = p_pass
                lose_total += p_pass
            win[leader] = max(0.0, 1 - lose_total)
        return RidingProjection(
            riding=u.riding, names=names, parties=parties, counted=tuple(votes),
            projected=tuple(proj), low=tuple(lo), high=tuple(hi), win_probability=tuple(win),
            leader=leader, margin=margin,
            could_lose=could_lose,
            recount_line=cfg.recount_line * base, stage=u.stage,
            reporting_share=u.reporting_share, complete=u.complete, seq=u.seq, time=u.time,
        )


@dataclass(frozen=True, slots=True)
class NationalProjection:
    parties: tuple[Party, ...]
    mean: tuple[float, ...]
    low: tuple[int, ...]  # 5th percentile of seats
    high: tuple[int, ...]  # 95th
    majority_chance: tuple[float, ...]
    most_seats_chance: tuple[float, ...]
    draws: int

    def as_dict(self) -> dict[str, dict[str, float]]:
        return {
            p.value: {"mean": round(self.mean[i], 2), "low": self.low[i], "high": self.high[i],
                      "majority_chance": round(self.majority_chance[i], 4),
                      "most_seats_chance": round(self.most_seats_chance[i], 4)}
            for i, p in enumerate(self.parties)
        }


def national_projection(
    election: Election,
    prior: Prior,
    projections: Mapping[int, RidingProjection],
    called: Mapping[int, Party],
    config: ModelConfig,
    rng: np.random.Generator,
) -> NationalProjection:
    """Seat draws: riding projections with a shared party shock; called ridings are fixed."""
    parties = ALL_PARTIES
    pidx = {p: i for i, p in enumerate(parties)}
    codes = list(election.results)
    fixed = np.zeros(len(parties), dtype=np.int64)
    rows_mean, rows_sd, rows_party = [], [], []
    top = config.sim_candidates
    for code in codes:
        if code in called:
            fixed[pidx[called[code]]] += 1
            continue
        pr = projections.get(code)
        if pr is None or pr.leader < 0:
            sh = prior.shares.get(code, {})
            sds = prior.sd.get(code, {})
            best = sorted(parties, key=lambda p: -sh.get(p, 0.0))[:top]
            rows_party.append([pidx[p] for p in best])
            rows_mean.append([sh.get(p, 0.0) for p in best])
            rows_sd.append([sds.get(p, 0.08) for p in best])
            continue
        tot = sum(pr.projected) or 1.0
        order = sorted(range(len(pr.parties)), key=lambda i: -pr.projected[i])[:top]
        rows_party.append([pidx[pr.parties[i]] for i in order])
        rows_mean.append([pr.projected[i] / tot for i in order])
        rows_sd.append([(pr.high[i] - pr.low[i]) / (2 * 1.645) / tot for i in order])
    n = config.draws
    seats = np.tile(fixed, (n, 1))
    if rows_mean:
        kmax = max(len(r) for r in rows_mean)
        m = np.full((len(rows_mean), kmax), -np.inf)
        s = np.zeros_like(m)
        pa = np.zeros(m.shape, dtype=np.int64)
        for i, (a, b, c) in enumerate(zip(rows_mean, rows_sd, rows_party, strict=True)):
            m[i, : len(a)], s[i, : len(b)], pa[i, : len(c)] = a, b, c
        rho = config.shock_correlation
        z = rng.standard_normal((n, len(parties)), dtype=np.float32)
        x = rng.standard_normal((n, *m.shape), dtype=np.float32)
        x *= math.sqrt(1 - rho**2)
        x += rho * z[:, pa]
        x *= s[None].astype(np.float32)
        x += m[None].astype(np.float32)
        win = np.argmax(x, axis=2)  # n x ridings: candidate index
        won_party = np.take_along_axis(np.broadcast_to(pa, (n, *pa.shape)), win[..., None],
                                       axis=2)[..., 0]
        for j in range(len(parties)):
            seats[:, j] += (won_party == j).sum(axis=1)
    maj = election.majority
    top = seats.max(axis=1, keepdims=True)
    sole_top = (seats == top) & ((seats == top).sum(axis=1, keepdims=True) == 1)
    return NationalProjection(
        parties=parties,
        mean=tuple(float(x) for x in seats.mean(axis=0)),
        low=tuple(int(x) for x in np.percentile(seats, 5, axis=0)),
        high=tuple(int(x) for x in np.percentile(seats, 95, axis=0)),
        majority_chance=tuple(float(x) for x in (seats >= maj).mean(axis=0)),
        most_seats_chance=tuple(float(x) for x in sole_top.mean(axis=0)),
        draws=n,
    )
