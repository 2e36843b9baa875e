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
elsewhere); called ridings are fixed.  The draws reuse one bank of noise, drawn once from
the night's seed (`SeatDraws`): a projection is a function of the state alone, and an
update re-draws only the ridings it touched.

The prior (`Prior`) is computed once, when a night is created, and stored with it: the
forecast's riding shares where a forecast exists for the election (`forecast_prior`), else
the previous election's shares on the same map.  Only "no forecast exists for this
election" falls back; an error inside the forecast is an error, not a quieter prior.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from types import ModuleType
from typing import TYPE_CHECKING, Any, Protocol

import msgspec
import numpy as np

from seatcast.domain.parties import ALL_PARTIES, Party
from seatcast.domain.results import Election, Stage
from seatcast.domain.ridings import RidingCode
from seatcast.live.feed import FINAL_STAGES, Update

if TYPE_CHECKING:
    from seatcast.forecast.projection import Forecaster


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


class PriorKind(StrEnum):
    FORECAST = "forecast"
    PREVIOUS_ELECTION = "previous election"


@dataclass(frozen=True, slots=True)
class Prior:
    """Per riding: expected share per party, its sd, and the expected number of valid votes."""

    kind: PriorKind
    description: str  # which forecast, or which election, for the status
    shares: Mapping[RidingCode, Mapping[Party, float]]
    sd: Mapping[RidingCode, Mapping[Party, float]]
    expected_votes: Mapping[RidingCode, int]

    @property
    def source(self) -> str:
        return self.kind.value


def build_prior(election: Election, previous: Election | None,
                forecast: RidingPriorLike | None = None, *, description: str = "") -> Prior:
    """The prior for a night: the forecast where given, else the previous election's shares
    (`previous`: the election before it on the same map, or None)."""
    prev = previous
    if prev is not None and prev.map.name != election.map.name:
        raise ValueError(f"election {prev.id} is not on the map of {election.id}")
    expected = {code: (prev.results[code].valid_votes if prev and code in prev.results else 0)
                for code in election.map.codes}
    if forecast is not None:
        parties = [Party(str(p)) for p in forecast.parties]
        mean = np.asarray(forecast.mean, dtype=float)
        sd = np.asarray(forecast.sd, dtype=float)
        shares: dict[RidingCode, dict[Party, float]] = {}
        sds: dict[RidingCode, dict[Party, float]] = {}
        for i, code in enumerate(forecast.codes):
            shares[RidingCode(int(code))] = {p: float(mean[i, j]) for j, p in enumerate(parties)}
            sds[RidingCode(int(code))] = {p: float(sd[i, j]) for j, p in enumerate(parties)}
        return Prior(PriorKind.FORECAST, description or "forecast", shares, sds, expected)
    shares, sds = {}, {}
    for code in election.map.codes:
        if prev is not None and code in prev.results:
            r = prev.results[code]
            pv = r.party_votes()
            v = max(r.valid_votes, 1)
            shares[code] = {p: pv.get(p, 0) / v for p in ALL_PARTIES}
        else:
            shares[code] = {p: 1 / len(ALL_PARTIES) for p in ALL_PARTIES}
        sds[code] = dict.fromkeys(ALL_PARTIES, 0.08)
    what = (f"the {prev.id} shares riding by riding (sd 8 points)" if prev is not None
            else "equal shares (no previous election on this map)")
    return Prior(PriorKind.PREVIOUS_ELECTION, description or what, shares, sds, expected)


def forecast_exists(election: Election) -> bool:
    """Whether the election's record names what a forecast needs (an earlier election on its
    map and polls): the explicit "no forecast for this election"."""
    rec = election.record
    return rec.previous is not None and rec.polls is not None


def forecast_prior(forecaster: Forecaster, election: Election, previous: Election | None) -> Prior:
    """The prior of a night: the forecast's riding prior (`seatcast.forecast.prior`) where a
    forecast exists for the election, else the previous election's shares.  Only that
    explicit "no forecast" falls back: an error inside the forecast goes on."""
    if not forecast_exists(election):
        return build_prior(election, previous)
    from seatcast.forecast.models import DEFAULT_MODEL
    from seatcast.forecast.prior import PRIOR_SIMS, riding_prior

    as_of = forecaster.default_as_of(election.id)
    fc = riding_prior(forecaster, election.id, as_of)
    return build_prior(election, previous, fc,
                       description=f"forecast: the {DEFAULT_MODEL} model from the polls up to "
                                   f"{as_of.isoformat()}, {PRIOR_SIMS:,} simulations")


_SQRT2 = math.sqrt(2.0)


class RidingProjection(msgspec.Struct, frozen=True, gc=False):
    """A riding's projection (a frozen msgspec struct: about ten times quicker to make than
    a frozen dataclass of 17 fields, and, holding only numbers, texts and tuples of them,
    in no reference cycle, so not tracked by the cyclic garbage collector)."""

    riding: RidingCode
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
    time: dt.datetime


@dataclass
class LiveModel:
    """Projections per riding, refreshed as updates arrive, and national seat draws."""

    election: Election
    prior: Prior
    config: ModelConfig = field(default_factory=ModelConfig)
    turnout_factor: float = 1.0
    _complete_votes: dict[RidingCode, tuple[int, int]] = field(default_factory=dict)
    # the sums of the votes and of the expected votes of `_complete_votes` (whole numbers:
    # kept up to date exactly, in any order)
    _got: int = 0
    _expected: int = 0
    _priors: dict[tuple[RidingCode, tuple[Party, ...]],
                  tuple[tuple[float, ...], tuple[float, ...]]] = field(
        default_factory=dict, repr=False, compare=False)

    def note_turnout(self, u: Update) -> None:
        exp = self.prior.expected_votes.get(u.riding, 0)
        old = self._complete_votes.pop(u.riding, None)
        if old is not None:
            self._got -= old[0]
            self._expected -= old[1]
        if u.complete and exp > 0:
            got = u.valid_votes
            self._complete_votes[u.riding] = (got, exp)
            self._got += got
            self._expected += exp
        if len(self._complete_votes) >= 5:
            self.turnout_factor = self._got / self._expected if self._expected else 1.0
        else:  # not learned (again, if a complete count was corrected back to partial)
            self.turnout_factor = 1.0

    def turnout_basis(self) -> tuple[float, bool]:
        """What the projection of a partial count takes from the other ridings: the turnout
        factor and whether it is learned yet (it changes as ridings complete)."""
        return self.turnout_factor, len(self._complete_votes) >= 5

    def _prior_of(self, riding: RidingCode, parties: tuple[Party, ...]
                  ) -> tuple[tuple[float, ...], tuple[float, ...]]:
        """The prior shares (normalised, a party's share split between its candidates) and
        sds of a riding's candidates, worked out once per riding and list of parties."""
        hit = self._priors.get((riding, parties))
        if hit is not None:
            return hit
        k = len(parties)
        prior_sh = self.prior.shares.get(riding, {})
        prior_sd = self.prior.sd.get(riding, {})
        if len(set(parties)) == k:  # each party once (x / 1 is x: the general case, exactly)
            ps = [max(prior_sh.get(p, 0.0), 0.005) for p in parties]
        else:  # a party's prior share split between its candidates (IND, OTH)
            n_same = {p: parties.count(p) for p in set(parties)}
            ps = [max(prior_sh.get(p, 0.0), 0.005) / n_same[p] for p in parties]
        s = sum(ps)
        ps = [x / s for x in ps] if s > 0 else [1.0 / k] * k
        psd = [prior_sd.get(p, 0.08) for p in parties]
        if len(self._priors) >= 4096:
            self._priors.clear()
        hit = (tuple(ps), tuple(psd))
        self._priors[riding, parties] = hit
        return hit

    def project(self, u: Update) -> RidingProjection:
        # (written for speed, each value computed by the formulas above and in their order,
        # so to the same bits: `benchmarks/live_outcome.py` compares a night's digests)
        cfg = self.config
        cands = u.candidates
        names = tuple([c.name for c in cands])
        parties = tuple([c.party for c in cands])
        votes = [c.votes for c in cands]
        k = len(votes)
        v_total = sum(votes)
        ps, psd = self._prior_of(u.riding, parties)
        complete = u.complete
        reporting = u.reporting_share
        if complete:
            t_mean = float(v_total)
            o_mean = o_up = 0.0
        else:
            exp = self.prior.expected_votes.get(u.riding, 0) * self.turnout_factor
            f = reporting if u.polls_known else 0.0
            extrap = v_total / f if f > 0 else 0.0
            t_mean = max(float(v_total), exp, extrap)
            o_mean = t_mean - v_total
            upper = (cfg.total_upper_learned if len(self._complete_votes) >= 5
                     else cfg.total_upper)
            o_up = max(upper * max(exp, extrap) - v_total, 2 * o_mean, 0.0)
        w = v_total / t_mean if t_mean > 0 else 0.0
        rest = 1 - w
        if v_total > 0:
            s_out = [w * (x / v_total) + rest * b for x, b in zip(votes, ps, strict=True)]
        else:
            s_out = [w * a + rest * a for a in ps]
        stage = u.stage
        if stage in FINAL_STAGES:
            rev_bound = rev_sd = 0.0
        elif stage is Stage.VALIDATED:
            rev_bound, rev_sd = cfg.validated_revision, cfg.validated_revision_sd
        else:
            rev_bound, rev_sd = cfg.preliminary_revision, cfg.preliminary_revision_sd
        base = max(t_mean, float(v_total))
        rev_bound *= base
        rev_sd *= base
        proj = [v + o_mean * x for v, x in zip(votes, s_out, strict=True)]
        share_sd = cfg.outstanding_net_sd / _SQRT2
        hypot = math.hypot
        lo, hi = [], []
        for p_i, sd_p in zip(proj, psd, strict=True):
            half = 1.645 * hypot(o_mean * hypot(share_sd, rest * sd_p), rev_sd)
            low = p_i - half
            lo.append(low if low > 0.0 else 0.0)  # max(0.0, low), without the call
            hi.append(p_i + half)
        # the leader: most votes counted, the first listed on a tie
        leader = votes.index(max(votes)) if v_total > 0 else -1
        win = [0.0] * k
        margin = 0
        could_lose = 0.0
        if leader >= 0:
            lead_votes = votes[leader]
            runner = max(votes[:leader] + votes[leader + 1:], default=0)
            margin = lead_votes - runner
            # the vote the leader could lose to each rival: the vote still out (upper bound)
            # at the rival's counted net rate plus the late-swing bound, plus revisions;
            # expressed against the lead over the runner-up.  And the chance each rival
            # passes the leader, from a normal approximation of the final margin.
            could_lose = rev_bound
            lose_total = 0.0
            swing, net_sd = cfg.late_swing_bound, cfg.outstanding_net_sd
            p_lead, s_lead, sd_lead = proj[leader], s_out[leader], psd[leader]
            half_gap = (o_up - o_mean) / 2
            rev_sq = rev_sd**2
            erf, sqrt = math.erf, math.sqrt
            for b in range(k):
                if b == leader:
                    continue
                v_b = votes[b]
                rate = (v_b - lead_votes) / v_total + swing  # min(1, max(0, rate)):
                rate = (rate if rate < 1.0 else 1.0) if rate > 0.0 else 0.0
                lose = o_up * rate + rev_bound - (runner - v_b)
                if lose > could_lose:  # max(could_lose, lose)
                    could_lose = lose
                diff = p_lead - proj[b]
                sd_net = net_sd + rest * hypot(sd_lead, psd[b])
                spread = half_gap * abs(s_lead - s_out[b])
                sd = sqrt((o_mean * sd_net) ** 2 + spread**2 + rev_sq)
                if sd > 0:
                    p_pass = 1 - 0.5 * (1.0 + erf(diff / sd / _SQRT2))  # 1 - Phi
                else:
                    p_pass = 0.0 if diff > 0 else (0.5 if diff == 0 else 1.0)
                win[b] = p_pass
                lose_total += p_pass
            win[leader] = max(0.0, 1 - lose_total)
        return RidingProjection(
            u.riding, names, parties, tuple(votes), tuple(proj), tuple(lo), tuple(hi),
            tuple(win), leader, margin, could_lose, cfg.recount_line * base, stage, reporting,
            complete, u.seq, u.time)


@dataclass(frozen=True, slots=True)
class PartySeats:
    """One party in the national seat draws."""

    mean: float
    low: int  # 5th percentile of seats
    high: int  # 95th
    majority_chance: float
    most_seats_chance: float


@dataclass(frozen=True, slots=True)
class NationalProjection:
    parties: tuple[Party, ...]
    mean: tuple[float, ...]
    low: tuple[int, ...]  # 5th percentile of seats
    high: tuple[int, ...]  # 95th
    majority_chance: tuple[float, ...]
    most_seats_chance: tuple[float, ...]
    draws: int

    def by_party(self) -> dict[Party, PartySeats]:
        """Rounded for readers (4 decimals for chances, 2 for the mean)."""
        return {p: PartySeats(round(self.mean[i], 2), self.low[i], self.high[i],
                              round(self.majority_chance[i], 4),
                              round(self.most_seats_chance[i], 4))
                for i, p in enumerate(self.parties)}


def night_seed(election_id: str) -> int:
    """The default seed of a night's noise bank: a function of the election alone, so two
    replays of one night give the same draws (a store keeps the seed it was made with)."""
    import hashlib

    return int.from_bytes(hashlib.sha256(f"seatcast live {election_id}".encode()).digest()[:8],
                          "big")


#: A re-draw of this many ridings (outside a reset) loads the compiled seat draws.
KERNEL_ROWS = 48


def draws_kernel() -> ModuleType | None:
    """`seatcast.live.draws_kernel` when numba loads and ``SEATCAST_NO_NUMBA`` is unset (or
    0), else None (then the draws run in numpy, to the same bits)."""
    from seatcast.forecast.simulate import compiled

    return compiled("seatcast.live.draws_kernel")


class SeatDraws:
    """National seat draws over a fixed bank of noise, re-drawn riding by riding.

    The bank (drawn once from the night's seed) holds, per draw, a shock per party
    (`z`, shared by every riding) and a noise per riding and candidate slot (`x`).  A
    riding's candidates in draw d score ``m + s * (sqrt(1 - rho^2) x + rho z[party])``
    around their projected shares ``m`` with sd ``s``; the highest wins the draw.  Each
    riding's winners over the draws are kept (int8), with the seats per draw and party;
    `set_ridings` re-draws only the ridings given, so an update costs its ridings, not the
    country, and the result depends only on the state (and the seed), never on the order in
    which ridings were updated.
    """

    def __init__(self, election: Election, prior: Prior, config: ModelConfig, seed: int, *,
                 kernel: bool | None = None) -> None:
        """`kernel`: True for the compiled draws (`draws_kernel`), False for numpy's, None
        (auto) for numpy's until a re-draw of at least `KERNEL_ROWS` ridings (a bulk
        ingest), then the compiled ones where numba loads and ``SEATCAST_NO_NUMBA`` is unset:
        a night opened for a few records does not load numba.  The same bits either way."""
        self.election = election
        self.prior = prior
        self.config = config
        self.parties = ALL_PARTIES
        self.pidx = {p: i for i, p in enumerate(self.parties)}
        self.codes = list(election.map.codes)
        self.row = {c: i for i, c in enumerate(self.codes)}
        n, k, r = config.draws, config.sim_candidates, len(self.codes)
        rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed)))
        rho = config.shock_correlation
        self._z = rng.standard_normal((n, len(self.parties)), dtype=np.float32) * np.float32(rho)
        self._x = rng.standard_normal((r, n, k), dtype=np.float32)
        self._x *= np.float32(math.sqrt(1 - rho**2))
        self._winner = np.zeros((r, n), dtype=np.int8)
        self._seats = np.zeros((n, len(self.parties)), dtype=np.int32)
        self._flat = np.arange(n, dtype=np.int64) * len(self.parties)
        self._state: dict[RidingCode, tuple[Any, ...]] = {}
        self._auto = kernel is None
        self._kernel = draws_kernel() if kernel else None
        if kernel and self._kernel is None:
            raise RuntimeError("the compiled seat draws (numba) are not available")
        self._resetting = False
        self.reset({}, {})

    def reset(self, projections: Mapping[RidingCode, RidingProjection],
              called: Mapping[RidingCode, Party]) -> None:
        """Every riding drawn afresh from the state given (the bank stays)."""
        self._state.clear()
        self._winner[:] = -1
        self._seats[:] = 0
        self._resetting = True
        try:
            self.set_ridings(projections, called, self.codes)
        finally:
            self._resetting = False

    def _row(self, code: RidingCode, pr: RidingProjection | None
             ) -> tuple[tuple[int, ...], tuple[float, ...], tuple[float, ...]]:
        """A riding's slots in the draws: its leading parties (by projected votes, ties in
        the order of the count), their projected shares and sds."""
        top = self.config.sim_candidates
        if pr is None or pr.leader < 0:
            sh = self.prior.shares.get(code, {})
            sds = self.prior.sd.get(code, {})
            best = sorted(self.parties, key=lambda p: -sh.get(p, 0.0))[:top]
            return (tuple(self.pidx[p] for p in best), tuple(sh.get(p, 0.0) for p in best),
                    tuple(sds.get(p, 0.08) for p in best))
        proj, high, low, parties, pidx = pr.projected, pr.high, pr.low, pr.parties, self.pidx
        tot = sum(proj) or 1.0
        # descending, equal values in their order (a stable sort, as by the key -projected)
        order = sorted(range(len(proj)), key=proj.__getitem__, reverse=True)[:top]
        return (tuple([pidx[parties[i]] for i in order]), tuple([proj[i] / tot for i in order]),
                tuple([(high[i] - low[i]) / (2 * 1.645) / tot for i in order]))

    def set_ridings(self, projections: Mapping[RidingCode, RidingProjection],
                    called: Mapping[RidingCode, Party], codes: Iterable[RidingCode]) -> None:
        """Re-draw `codes` (distinct) from their projection now (or their call, or the
        prior); a riding whose slots are as they were keeps its draws."""
        fixed: list[tuple[int, int]] = []
        drawn: list[tuple[int, tuple[int, ...], tuple[float, ...], tuple[float, ...]]] = []
        state, row = self._state, self.row
        for code in codes:
            i = row[code]
            winner = called.get(code)
            if winner is not None:
                key: tuple[Any, ...] = ("called", winner)
                if state.get(code) != key:
                    fixed.append((i, self.pidx[winner]))
            else:
                rp, rm, rs = self._row(code, projections.get(code))
                key = ("drawn", rp, rm, rs)
                if state.get(code) != key:
                    drawn.append((i, rp, rm, rs))
            state[code] = key
        if not fixed and not drawn:
            return
        # the slots as arrays; a riding of fewer candidates has empty slots (mean -inf)
        top = self.config.sim_candidates
        fm: list[float] = []
        fs: list[float] = []
        fp: list[int] = []
        for _, p_, m_, s_ in drawn:
            pad = top - len(p_)
            fp += p_
            fm += m_
            fs += s_
            if pad:
                fp += (0,) * pad
                fm += (-math.inf,) * pad
                fs += (0.0,) * pad
        m = np.array(fm, dtype=np.float32).reshape(len(drawn), top)
        s = np.array(fs, dtype=np.float32).reshape(len(drawn), top)
        pa = np.array(fp, dtype=np.int64).reshape(len(drawn), top)
        if self._auto and self._kernel is None and not self._resetting \
                and len(drawn) >= KERNEL_ROWS:
            self._kernel = draws_kernel()
            self._auto = False  # tried once: loaded, or numpy from now on
        if self._kernel is not None:
            k = self._kernel
            if fixed:
                k.fix(self._winner, self._seats, np.array([i for i, _ in fixed], dtype=np.int64),
                      np.array([p for _, p in fixed], dtype=np.int8))
            if drawn:
                k.redraw(self._x, self._z, self._winner, self._seats,
                         np.array([d[0] for d in drawn], dtype=np.int64), m, s, pa)
            return
        self._set_numpy(fixed, [d[0] for d in drawn], m, s, pa)

    def _set_numpy(self, fixed: list[tuple[int, int]], drawn: list[int], m: np.ndarray,
                   s: np.ndarray, pa: np.ndarray) -> None:
        """`set_ridings` in numpy (without numba): the same bits as `draws_kernel`."""
        n = self.config.draws
        rows = [i for i, _ in fixed] + drawn
        new = np.empty((len(rows), n), dtype=np.int8)
        for j, (_, party) in enumerate(fixed):
            new[j] = party
        if drawn:
            x = self._x[np.array(drawn)]  # (k, n, top)
            x += self._z[:, pa].transpose(1, 0, 2)  # the party shocks, per draw
            x *= s[:, None, :]
            x += m[:, None, :]
            win = np.argmax(x, axis=2)  # (k, n): the winning slot
            new[len(fixed):] = np.take_along_axis(pa, win, axis=1).astype(np.int8)
        old = self._winner[rows]
        size = n * len(self.parties)
        seats = self._seats.reshape(-1)
        ok = old >= 0
        if ok.any():
            seats -= np.bincount((self._flat[None, :] + old)[ok].ravel(), minlength=size
                                 ).astype(np.int32)
        seats += np.bincount((self._flat[None, :] + new).ravel(), minlength=size).astype(np.int32)
        self._winner[rows] = new

    def chances(self, code: RidingCode) -> dict[Party, float]:
        """Each party's share of the draws it wins in riding `code` (parties that win none
        left out), as the draws stand."""
        counts = np.bincount(self._winner[self.row[code]].astype(np.int64),
                             minlength=len(self.parties))
        n = self.config.draws
        return {p: float(c) / n for p, c in zip(self.parties, counts, strict=True) if c}

    def chances_of(self, codes: Sequence[RidingCode]) -> list[dict[Party, float]]:
        """`chances` of each riding of `codes`, counted in one pass."""
        k, n_parties = len(codes), len(self.parties)
        if not k:
            return []
        rows = np.array([self.row[c] for c in codes], dtype=np.int64)
        if self._kernel is not None:
            counts = self._kernel.count(self._winner, rows, n_parties).tolist()
        else:
            w = self._winner[rows].astype(np.int64)
            if w.min() < 0:
                raise ValueError("a riding has not been drawn")
            w += (np.arange(k, dtype=np.int64) * n_parties)[:, None]
            counts = np.bincount(w.ravel(), minlength=k * n_parties).reshape(k, n_parties
                                                                              ).tolist()
        n = self.config.draws
        return [{p: float(c) / n for p, c in zip(self.parties, row, strict=True) if c}
                for row in counts]

    def projection(self) -> NationalProjection:
        seats = self._seats
        maj = self.election.majority
        top = seats.max(axis=1, keepdims=True)
        at_top = seats == top
        sole_top = at_top & (at_top.sum(axis=1, keepdims=True) == 1)
        low, high = np.percentile(seats, [5, 95], axis=0)
        return NationalProjection(
            parties=self.parties,
            mean=tuple(float(x) for x in seats.mean(axis=0)),
            low=tuple(int(x) for x in low),
            high=tuple(int(x) for x in high),
            majority_chance=tuple(float(x) for x in (seats >= maj).mean(axis=0)),
            most_seats_chance=tuple(float(x) for x in sole_top.mean(axis=0)),
            draws=self.config.draws,
        )


def national_projection(
    election: Election,
    prior: Prior,
    projections: Mapping[RidingCode, RidingProjection],
    called: Mapping[RidingCode, Party],
    config: ModelConfig,
    seed: int,
) -> NationalProjection:
    """Seat draws from scratch (what `SeatDraws` keeps up to date, riding by riding)."""
    d = SeatDraws(election, prior, config, seed)
    d.set_ridings(projections, called, d.codes)
    return d.projection()
