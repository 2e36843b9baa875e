"""Claims about the House as it stands are checked against the House on the article's day
(its ledger), claims about the 2025 result against the result (issue #11, item 7)."""

from __future__ import annotations

import datetime as dt

import pytest

from seatcast.catalog import Catalog
from seatcast.views.factcheck import FactCheckRequest, fact_check_view

EN = ("After the April 13 by-elections, the Liberals now hold 174 seats. "
      "With the floor crossing of Marilyn Gladu, the Liberals are one seat short of a majority. "
      "The Liberals won 169 seats in April 2025, three short of a majority of 172.")
FR = ("Après les élections partielles du 13 avril, les libéraux détiennent désormais 174 sièges. "
      "Les libéraux avaient remporté 169 sièges en avril 2025, à trois sièges de la majorité de 172 sièges.")


def verdicts(text: str, as_of: str) -> list[tuple[str, str | None, str]]:
    req = FactCheckRequest(text, "t", dt.date(2026, 12, 2), False, None, dt.date.fromisoformat(as_of))
    v = fact_check_view(Catalog.builtin(), req)
    return [(c.kind, c.refers_to, c.verdict) for c in v.claims]


@pytest.mark.parametrize(("as_of", "expected"), [
    ("2026-04-10", [("seats", "now", "wrong"), ("seats short", "now", "correct"),
                    ("seats", None, "correct"), ("seats short", None, "correct"),
                    ("majority threshold", None, "correct")]),
    ("2026-04-20", [("seats", "now", "correct"), ("seats short", "now", "wrong"),
                    ("seats", None, "correct"), ("seats short", None, "correct"),
                    ("majority threshold", None, "correct")]),
])
def test_now_is_the_house_on_the_day_and_the_result_stays_the_result(as_of: str, expected: list[tuple[str, str | None, str]]) -> None:
    assert verdicts(EN, as_of) == expected


def test_french_now_and_then() -> None:
    got = verdicts(FR, "2026-04-20")
    assert got[0] == ("seats", "now", "correct")  # 174 after the by-elections (all events counted)
    assert ("seats", None, "correct") in got  # 169 in 2025
    assert ("majority threshold", None, "correct") in got


def test_before_any_event_now_is_the_result_and_no_ledger_means_no_check() -> None:
    text = "The Liberals now hold 169 seats."
    assert verdicts(text, "2025-05-01") == [("seats", "now", "correct")]
    # a day before the sitting House was elected: its ledger says nothing of that day
    assert verdicts("The Liberals now hold 160 seats after the 2021 election.", "2022-01-10")[0][2] == \
        "cannot be checked"
