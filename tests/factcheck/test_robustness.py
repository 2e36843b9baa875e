"""Any text gives a report or a one-line SeatcastError, never a crash; every claim is quoted."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seatcast.errors import SeatcastError
from seatcast.factcheck import check_text

WORDS = [
    "The", "Liberals", "Conservatives", "Bloc", "NDP", "Greens", "Carney's", "Poilievre", "Blanchet",
    "Singh", "Elizabeth", "May", "won", "fell", "to", "about", "nearly", "more", "than", "seats", "seat",
    "short", "of", "a", "majority", "minority", "finished", "second", "third", "fourth", "consecutive",
    "term", "turnout", "rose", "per", "cent", "%", "gained", "lost", "from", "in", "2021", "2025", "2019",
    "343-seat", "House", "at", "dissolution", "Quebec", "Ontario", "projected", "les", "libéraux", "ont",
    "remporté", "sièges", "environ", "près", "de", "à", "la", "majorité", "NPD", "quatrième", "mandat",
    "consécutif", "taux", "participation", "43.8", "41,3", "169", "22", "seven", "sept", "un", "seul",
    "one", ",", ".", ";", "—", "while", "tandis", "que", "and", "it", "the", "party", "Official",
    "Opposition", "needed", "172", "three", "trois",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=25), min_size=1, max_size=6))
def test_random_prose_never_crashes(elections, paragraphs):
    text = "\n\n".join(" ".join(words) for words in paragraphs)
    try:
        result = check_text(text, elections)
    except SeatcastError:
        return
    for c in result.claims:
        assert c.claim.text
        assert c.claim.text in c.claim.quote
        assert (c.official is None) == (c.verdict.value == "cannot be checked")
