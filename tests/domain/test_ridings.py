"""Riding lookup and the majority line."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from seatcast.catalog import riding_map
from seatcast.domain.geography import province_of
from seatcast.domain.ridings import fold_name, majority_of


@given(st.integers(min_value=1, max_value=10_000))
def test_majority_is_more_than_half(seats: int) -> None:
    m = majority_of(seats)
    assert m > seats / 2
    assert m - 1 <= seats / 2


def test_majorities_of_the_two_maps() -> None:
    assert (riding_map("2023").seats, riding_map("2023").majority) == (343, 172)
    assert (riding_map("2013").seats, riding_map("2013").majority) == (338, 170)


def test_fold_name() -> None:
    assert fold_name("Terra Nova—The Peninsulas") == fold_name("terra nova--the peninsulas")
    assert fold_name("Trois-Rivières") == "trois rivieres"


def test_every_riding_has_a_province_and_region() -> None:
    m = riding_map("2023")
    counts: dict[str, int] = {}
    for r in m:
        counts[r.province.code] = counts.get(r.province.code, 0) + 1
    assert counts["ON"] == 122
    assert counts["QC"] == 78
    assert counts["BC"] == 43
    assert counts["AB"] == 37
    assert sum(counts.values()) == 343


def test_find_by_french_name() -> None:
    assert riding_map("2023").find("Terra Nova--Les Péninsules").code == 10007


def test_province_of_unknown_prefix() -> None:
    with pytest.raises(ValueError, match="belongs to no province"):
        province_of(99001)


@pytest.mark.parametrize(("query", "message"), [
    ("ON", "no riding matches 'ON' on the 2023 map (ON is a province"),
    ("Terrebone", "did you mean Terrebonne (24073)?"),
    ("de la", "no riding matches 'de la'"),
])
def test_short_words_match_nothing_and_typos_get_a_suggestion(query: str, message: str) -> None:
    from seatcast.errors import NotFoundError

    with pytest.raises(NotFoundError) as err:
        riding_map("2023").find(query)
    assert message in str(err.value)


def test_whole_words_are_preferred_to_parts_of_words() -> None:
    m = riding_map("2023")
    assert m.find("Niagara-on-the-Lake").name_en.startswith("Niagara")
    assert m.find("terra nova").code == 10007
