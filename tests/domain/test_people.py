"""Matching people across elections (`seatcast.domain.people`): who was a sitting member."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from seatcast.domain.people import Contender, Member, incumbency, name_words, same_surname

ROSTER = (
    Member("Leah Taylor Roy", "ON", "a"),
    Member("Kenneth McDonald", "NL", "b"),
    Member("Simon-Pierre Savard-Tremblay", "QC", "c"),
    Member("Nathaniel Erskine-Smith", "ON", "d"),
    Member("Michelle Rempel", "AB", "e"),
    Member("Greg McLean", "AB", "f"),
    Member("Sylvie Bérubé", "QC", "g"),
)


def call(given: str, surname: str, province: str, middle: str = "") -> bool | None:
    return incumbency({0: Contender(given, surname, province, middle)}, ROSTER)[0].incumbent


@pytest.mark.parametrize(("given", "surname", "province", "expected"), [
    ("Leah", "Taylor Roy", "ON", True),  # a compound surname
    ("Ken", "McDonald", "NL", True),  # a short form that starts the full name
    ("Nate", "Erskine-Smith", "ON", True),  # a common short form
    ("SIMON-PIERRE", "savard tremblay", "QC", True),  # case and hyphens
    ("Sylvie", "Berube", "QC", True),  # accents
    ("Ken", "McDonald", "ON", None),  # a namesake sitting for another province
    ("Kent", "McDonald", "NL", None),  # the surname of a member of the province, another given name
    ("Michelle", "Rempel Garner", "AB", None),  # a surname joined to another since
    ("Shawn", "McLean", "BC", False),  # a surname that no member of BC bears
    ("Mark", "Carney", "ON", False),  # no member of that name anywhere
])
def test_calls(given: str, surname: str, province: str, expected: bool | None) -> None:
    assert call(given, surname, province) is expected


def test_two_candidates_for_one_member_decide_neither() -> None:
    calls = incumbency({"a": Contender("Greg", "McLean", "AB"), "b": Contender("Gregory", "McLean", "AB")},
                       ROSTER)
    assert (calls["a"].incumbent, calls["b"].incumbent) == (None, None)
    assert "2 candidates match" in calls["a"].reason


def test_name_words_and_surnames() -> None:
    assert name_words("Marie-Claude  Bibeau") == ("marie", "claude", "bibeau")
    assert name_words("D'Entremont, Chris") == ("dentremont", "chris")
    assert same_surname("Tatiana Auguste", "Auguste")
    assert not same_surname("Tatiana Auguste", "Guste")
    assert not same_surname("Anyone", "")


names = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéèçô-' ", min_size=1, max_size=12).filter(
    lambda s: any(c.isalpha() for c in s))


@given(names, names, st.sampled_from(["ON", "QC", "AB", "NL"]))
def test_case_and_accents_never_change_a_call(given_name: str, surname: str, province: str) -> None:
    plain = call(given_name, surname, province)
    assert call(given_name.upper(), surname.upper(), province) is plain
    assert call(given_name.replace("é", "e"), surname.replace("é", "e"), province) is plain


@given(names, names, st.sampled_from(["ON", "QC", "AB", "NL"]))
def test_a_call_is_true_only_with_a_member_of_that_surname_in_the_province(
        given_name: str, surname: str, province: str) -> None:
    c = incumbency({0: Contender(given_name, surname, province)}, ROSTER)[0]
    if c.incumbent is True:
        assert c.member is not None
        assert c.member.province == province
        assert same_surname(c.member.name, surname)
    if c.incumbent is False:
        assert not any(same_surname(m.name, surname) for m in ROSTER if m.province == province)
