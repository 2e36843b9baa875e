"""Properties of the tally: any riding results, national figures are the sums of riding figures."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from seatcast.domain.elections import ElectionId, ElectionRecord, ResultKind
from seatcast.domain.parties import NAMED_PARTIES, Party
from seatcast.domain.results import Candidate, Election, RidingResult, Stage, sort_candidates
from seatcast.domain.ridings import Riding, RidingCode, RidingMap
from seatcast.results.tally import government_of, summarize

votes = st.lists(st.integers(min_value=0, max_value=50_000), min_size=6, max_size=6)


@st.composite
def elections(draw: st.DrawFn) -> Election:
    n = draw(st.integers(min_value=1, max_value=40))
    ridings = tuple(Riding(RidingCode(35001 + i), f"Riding {i}", f"Circonscription {i}") for i in range(n))
    results = {}
    for r in ridings:
        vs = draw(votes.filter(lambda v: sum(v) > 0))
        cands = [Candidate(f"{p.value} {r.code}", p, p.name_en, v) for p, v in zip(NAMED_PARTIES, vs, strict=True)]
        results[r.code] = RidingResult(r.code, Stage.OFFICIAL, sort_candidates(cands))
    record = ElectionRecord(ElectionId("test"), None, "test", "test", dt.date(2025, 4, 28),
                            result=ResultKind.OFFICIAL)
    return Election(record, RidingMap("test", ridings), results)


@settings(max_examples=60, deadline=None)
@given(elections())
def test_summary_adds_up(e: Election) -> None:
    s = summarize(e)
    assert sum(p.seats for p in s.parties) == e.seats_total
    assert sum(p.votes for p in s.parties) == e.valid_votes
    assert abs(sum(p.share for p in s.parties) - 1.0) < 1e-9
    g = s.government
    assert g.seats == max(p.seats for p in s.parties)
    assert (g.status == "majority") == (g.seats >= e.majority)
    assert g.seats + g.short_by - g.spare == e.majority
    margins = [c.margin for c in s.closest]
    assert margins == sorted(margins)


@given(st.dictionaries(st.sampled_from(list(Party)), st.integers(0, 400), min_size=1))
def test_government_short_by(seats: dict[Party, int]) -> None:
    majority = sum(seats.values()) // 2 + 1
    g = government_of(seats, majority)
    assert g.short_by == max(0, majority - g.seats)
    assert g.spare == max(0, g.seats - majority)
