"""The live model and the call rule, over arbitrary counts (Hypothesis)."""

from __future__ import annotations

import datetime as dt
import math
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import seatcast
from seatcast.domain.parties import Party
from seatcast.domain.results import Stage
from seatcast.domain.ridings import RidingCode
from seatcast.live.calls import riding_call
from seatcast.live.feed import FINAL_STAGES, FeedCandidate, Update
from seatcast.live.model import LiveModel, ModelConfig, build_prior

PARTIES = [Party.LPC, Party.CPC, Party.BQ, Party.NDP, Party.GPC]
EDT = dt.timezone(dt.timedelta(hours=-4))
NIGHT = dt.datetime(2025, 4, 28, 22, 0, tzinfo=EDT)
TERREBONNE = RidingCode(24073)


@cache
def model() -> LiveModel:
    e = seatcast.load("2025")
    return LiveModel(e, build_prior(e, seatcast.load("2021t")), ModelConfig())


@st.composite
def updates(draw: st.DrawFn) -> Update:
    k = draw(st.integers(2, 5))
    votes = draw(st.lists(st.integers(0, 40_000), min_size=k, max_size=k))
    stage = draw(st.sampled_from([Stage.PRELIMINARY, Stage.VALIDATED, Stage.JUDICIAL,
                                  Stage.OFFICIAL]))
    total = draw(st.integers(1, 300))
    reporting = total if stage is not Stage.PRELIMINARY else draw(st.integers(0, total))
    cands = tuple(FeedCandidate(f"c{i}", PARTIES[i], v) for i, v in enumerate(votes))
    return Update(1, NIGHT, TERREBONNE, stage, reporting, total, cands)


@settings(max_examples=300, deadline=None)
@given(updates())
def test_projection_is_coherent(u: Update) -> None:
    pr = model().project(u)
    assert all(0.0 <= p <= 1.0 for p in pr.win_probability)
    assert all(lo <= m <= hi for lo, m, hi in zip(pr.low, pr.projected, pr.high, strict=True))
    assert all(m >= c for m, c in zip(pr.projected, pr.counted, strict=True))
    if u.valid_votes == 0:
        assert pr.leader == -1
        assert riding_call(pr, model().config) is None
        return
    assert pr.counted[pr.leader] == max(pr.counted)
    if u.stage not in FINAL_STAGES:
        assert pr.could_lose >= 0.002 * u.valid_votes
    call = riding_call(pr, model().config)
    if call is not None:
        assert call.candidate == pr.names[pr.leader]
        assert call.margin > call.could_lose
        assert call.probability >= 0.999
        assert u.stage in FINAL_STAGES or call.margin > call.recount_line
    if u.stage in FINAL_STAGES and pr.margin > 0:
        assert call is not None
        assert pr.win_probability[pr.leader] == 1.0


@settings(max_examples=200, deadline=None)
@given(updates(), st.integers(1, 5_000))
def test_a_bigger_lead_never_loses_a_call(u: Update, extra: int) -> None:
    pr = model().project(u)
    if pr.leader < 0 or riding_call(pr, model().config) is None:
        return
    more = tuple(FeedCandidate(c.name, c.party, c.votes + (extra if i == pr.leader else 0))
                 for i, c in enumerate(u.candidates))
    u2 = Update(u.seq, u.time, u.riding, u.stage, u.polls_reporting, u.polls_total, more)
    assert riding_call(model().project(u2), model().config) is not None


def test_recount_line_blocks_a_validated_call_but_not_a_certified_one() -> None:
    cands = (FeedCandidate("a", Party.LPC, 30_040), FeedCandidate("b", Party.BQ, 30_000))
    for stage, called in ((Stage.VALIDATED, False), (Stage.JUDICIAL, True)):
        u = Update(1, NIGHT + dt.timedelta(days=4), TERREBONNE, stage, None, None, cands)
        assert (riding_call(model().project(u), model().config) is not None) is called


def test_turnout_is_a_function_of_the_ridings_now_complete() -> None:
    """A riding whose complete count is corrected back to partial leaves fewer than five
    complete: the turnout factor is unlearned again (1.0), as a model rebuilt from the same
    counts has it, not the factor of the five it no longer has."""
    e = seatcast.load("2025")
    m = LiveModel(e, build_prior(e, seatcast.load("2021t")), ModelConfig())
    codes = sorted(e.results)[:5]
    done = []
    for code in codes:
        r = e.results[code]
        cands = tuple(FeedCandidate(c.name, c.party, c.votes) for c in r.candidates)
        done.append(Update(2, NIGHT, RidingCode(code), Stage.PRELIMINARY, 100, 100, cands))
        m.note_turnout(done[-1])
    assert m.turnout_basis()[1]
    assert m.turnout_factor != 1.0
    m.note_turnout(Update(3, NIGHT, RidingCode(codes[0]), Stage.PRELIMINARY, 99, 100,
                          done[0].candidates))
    assert m.turnout_basis() == (1.0, False)


# -- the fast paths of a chunk: the same bits as the plain code --------------------------

@st.composite
def counts(draw: st.DrawFn) -> list[Update]:
    """A few ridings' counts (2 to 5 candidates: the draws have empty slots), any names."""
    e = seatcast.load("2025")
    codes = draw(st.lists(st.sampled_from(sorted(e.results)[:40]), min_size=1, max_size=6,
                          unique=True))
    out = []
    for code in codes:
        u = draw(updates())
        names = draw(st.lists(st.text(max_size=12), min_size=len(u.candidates),
                              max_size=len(u.candidates)))
        cands = tuple(FeedCandidate(n, c.party, c.votes)
                      for n, c in zip(names, u.candidates, strict=True))
        out.append(Update(u.seq, u.time, RidingCode(code), u.stage, u.polls_reporting,
                          u.polls_total, cands))
    return out


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(counts(), st.booleans()), min_size=1, max_size=4))
def test_compiled_seat_draws_are_numpys(steps: list[tuple[list[Update], bool]]) -> None:
    """The compiled re-draw (numba) leaves the winners, seats and chances bit for bit as
    numpy's path does, step after step (ridings projected, called, re-projected)."""
    from seatcast.live.model import SeatDraws, draws_kernel

    if draws_kernel() is None:
        return  # without numba there is only the numpy path
    e = seatcast.load("2025")
    m = model()
    a = SeatDraws(e, m.prior, m.config, 7, kernel=True)
    b = SeatDraws(e, m.prior, m.config, 7, kernel=False)
    projections: dict[RidingCode, object] = {}
    called: dict[RidingCode, Party] = {}
    for ups, call in steps:
        for u in ups:
            pr = m.project(u)
            projections[u.riding] = pr
            if call and pr.leader >= 0:
                called[u.riding] = pr.parties[pr.leader]
        codes = sorted({u.riding for u in ups})
        for d in (a, b):
            d.set_ridings(projections, called, codes)  # type: ignore[arg-type]
        assert (a._winner == b._winner).all()
        assert (a._seats == b._seats).all()
        assert a.chances_of(codes) == [b.chances(c) for c in codes]
        assert a.projection() == b.projection()


@settings(max_examples=200, deadline=None)
@given(counts(), st.lists(st.tuples(st.sampled_from(list(Party)), st.floats(0, 1)),
                          max_size=4))
def test_a_stored_projection_reads_back_as_readers_see_it(
        ups: list[Update], draws: list[tuple[Party, float]]) -> None:
    """A riding projection as stored for readers reads back with its votes rounded to whole
    numbers, its chances to 5 decimals and its draw shares to 4 (names of any script,
    quotes, control characters), and the text is JSON any reader can load."""
    import json

    from seatcast.live.store import _projection_of, projection_json

    for u in ups:
        pr = model().project(u)
        chances = dict(draws)
        text = projection_json(pr, chances)
        assert json.loads(text)["seq"] == pr.seq
        back = _projection_of(text)
        assert (back.seq, back.margin, back.could_lose, back.recount_line) == (
            pr.seq, pr.margin, round(pr.could_lose), round(pr.recount_line))
        assert [(c.name, c.party, c.counted, c.projected, c.low, c.high, c.win_probability)
                for c in back.candidates] == [
            (n, p, c, round(m), round(lo), round(hi), round(w, 5))
            for n, p, c, m, lo, hi, w in zip(pr.names, pr.parties, pr.counted, pr.projected,
                                             pr.low, pr.high, pr.win_probability, strict=True)]
        assert back.draws == {p: round(x, 4) for p, x in chances.items()}


def test_a_projection_that_is_not_finite_is_refused() -> None:
    import msgspec

    from seatcast.live.store import projection_json

    pr = model().project(Update(1, NIGHT, TERREBONNE, Stage.PRELIMINARY, 3, 9, (
        FeedCandidate("A", Party.LPC, 40), FeedCandidate("B", Party.CPC, 30))))
    projection_json(pr)
    for bad in ({"could_lose": math.inf}, {"win_probability": (math.nan, 0.0)}):
        with pytest.raises(ValueError, match="riding 24073: a projection that is not finite"):
            projection_json(msgspec.structs.replace(pr, **bad))
