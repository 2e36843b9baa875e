"""The election is read from the article: dates, numbers, house size, leaders."""

from __future__ import annotations

import pytest

from seatcast.factcheck.infer import infer_election


@pytest.mark.parametrize(("text", "expected"), [
    ("Voters went to the polls on April 28, 2025.", "2025"),
    ("Les électeurs ont voté le 28 avril 2025.", "2025"),
    ("Results of the Sept. 20, 2021 vote.", "2021"),
    ("The 43rd general election returned a minority.", "2019"),
    ("Andrew Scheer's Conservatives won the popular vote.", "2019"),
    ("Erin O'Toole conceded on election night.", "2021"),
    ("Mark Carney and Pierre Poilievre debated twice.", "2025"),
    ("The Liberals fell short of a majority in the 343-seat House.", "2025"),
    ("Justin Trudeau's Liberals won a minority in the 2019 election.", "2019"),
])
def test_cues(elections, text, expected):
    inference = infer_election(text, elections)
    assert inference.election == expected
    assert inference.cues
    assert not inference.given


def test_no_cue_means_the_latest_election_and_says_so(elections):
    inference = infer_election("The Liberals won the most seats.", elections)
    assert inference.election == "2025"
    assert inference.cues == ()
    assert "assumed" in inference.describe()


def test_a_transposition_is_never_inferred(elections):
    assert infer_election("The 2021 election.", elections).election == "2021"


def test_publication_date_is_a_cue(elections):
    assert infer_election("The Liberals won.", elections, published="2021-09-22").election == "2021"
