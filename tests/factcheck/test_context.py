"""The per-sentence index answers each claim's questions as a plain scan of the sentence would.

`Sentence` finds clause breaks, party mentions and context words once and answers by binary
search (so a claim-dense sentence is read in linear time); these oracle tests compare it with
the direct definitions on random sentences made of election words and punctuation.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from seatcast.factcheck import context
from seatcast.factcheck.context import Sentence
from seatcast.factcheck.lexicon import PartyMention

PIECES = ["The Liberals", "Bloc Québécois (BQ)", "(GPC)", "Green Party", "the NDP", "Bloc", "won", "169", "22", "seats", ";", ":", " — ", "(", ")", "while",
          "but", "as", "as many", ", and the Greens", " and The Bloc", "with Conservatives", "tandis que",
          "for", "to", "in Quebec", "in Toronto", "turnout", "participation", "polls", "Carney's", ",", "."]

sentences = st.lists(st.sampled_from(PIECES), min_size=1, max_size=30).map(" ".join)


def naive_clause_bounds(text: str, pos: int) -> tuple[int, int]:
    mentions = Sentence(text).mentions
    cuts = [0, len(text)]
    for regex in (context._CLAUSE_BREAK, context._NEW_SUBJECT):
        for m in regex.finditer(text):
            if any(x.start <= m.start() and m.end() <= x.end for x in mentions):
                continue  # the brackets of "Bloc Québécois (BQ)"
            cuts.append(m.start() if m.start() >= pos else m.end())
    start = max(c for c in cuts if c <= pos)
    end = min(c for c in cuts if c > pos) if any(c > pos for c in cuts) else len(text)
    return start, end


def naive_party_for(s: Sentence, start: int, end: int) -> PartyMention | None:
    c0, c1 = naive_clause_bounds(s.text, start)
    after = [m for m in s.mentions if end <= m.start < c1]
    if after and re.match(r"^" + context._AFTER_LINK.pattern, s.text[end:after[0].start], re.IGNORECASE):
        return after[0]
    before = [m for m in s.mentions if m.end <= start and m.start >= c0]
    if before:
        return before[-1]
    inside = [m for m in s.mentions if m.start >= start and m.end <= end]
    if inside:
        return inside[0]
    return after[0] if after else None


@settings(max_examples=300, deadline=None)
@given(sentences, st.data())
def test_clause_bounds_and_party_match_a_plain_scan(text, data):
    s = Sentence(text)
    pos = data.draw(st.integers(0, len(text) - 1))
    assert s.clause_bounds(pos) == naive_clause_bounds(text, pos)
    end = data.draw(st.integers(pos, len(text)))
    assert s.party_for(pos, end) == naive_party_for(s, pos, end)


@settings(max_examples=300, deadline=None)
@given(sentences, st.data())
def test_turnout_words_and_places_match_a_plain_scan(text, data):
    s = Sentence(text)
    pos = data.draw(st.integers(0, len(text) - 1))
    c0, c1 = naive_clause_bounds(text, pos)
    words = [abs(m.start() - pos) for m in context._TURNOUT_WORD.finditer(text, c0, c1)]
    parties = [abs(m.start - pos) for m in s.mentions if c0 <= m.start < c1]
    assert s.is_turnout(pos) == (bool(words) and (not parties or min(words) < min(parties)))
    assert (s._areas.first_in(c0, c1) is not None) == bool(context._AREA_REF.search(text[c0:c1]))
    word_start = pos if pos == 0 or text[pos - 1] == " " else text.find(" ", pos) + 1 or len(text)
    assert s._province_between(word_start, c1) == context.province_in(text[word_start:c1])
