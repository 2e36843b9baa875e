"""The registry's checks on its records: each broken link is one message naming the election."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from seatcast.domain.elections import ElectionId, ElectionRecord, Registry, ResultKind


def rec(eid: str, date: str | None, *, map: str = "2023", previous: str | None = None,
        result: ResultKind | None = ResultKind.OFFICIAL, aliases: tuple[str, ...] = (),
        transposition_of: str | None = None, poll_miss_from: str | None = None) -> ElectionRecord:
    return ElectionRecord(
        id=ElectionId(eid), number=None, name=f"election {eid}", map=map,
        date=dt.date.fromisoformat(date) if date else None,
        previous=ElectionId(previous) if previous else None,
        poll_miss_from=ElectionId(poll_miss_from) if poll_miss_from else None,
        result=result, transposition_of=ElectionId(transposition_of) if transposition_of else None,
        aliases=aliases)


def test_a_sound_registry_names_every_record_by_id_and_alias() -> None:
    r = Registry.of([rec("a", "2020-01-01", aliases=("First",)),
                     rec("b", "2024-01-01", previous="a", poll_miss_from="a"),
                     rec("next", None, previous="b", result=None)])
    assert r.ids == ("next", "b", "a")
    assert r.get(" first ").id == "a"
    assert "FIRST" in r
    assert "c" not in r


@pytest.mark.parametrize(("records", "message"), [
    ([rec("a", "2020-01-01", aliases=("x",)), rec("b", "2021-01-01", aliases=("X",))],
     "election 'X' is named twice (a and b)"),
    ([rec("a", "2020-01-01", previous="z")],
     "election a refers to 'z', which is not in the registry"),
    ([rec("a", "2020-01-01", poll_miss_from="z")],
     "election a refers to 'z', which is not in the registry"),
    ([rec("a", "2020-01-01", transposition_of="z")],
     "election a refers to 'z', which is not in the registry"),
    ([rec("a", "2020-01-01", map="2013"), rec("b", "2024-01-01", previous="a")],
     "election b: its previous election a is on another map"),
    ([rec("a", "2020-01-01", result=None), rec("b", "2024-01-01", previous="a")],
     "election b: its previous election a has no result"),
    ([rec("a", "2024-01-01"), rec("b", "2024-01-01", previous="a")],
     "election b: its previous election a is not earlier"),
    # the map is checked first, then the result, then the date
    ([rec("a", "2025-01-01", map="2013", result=None), rec("b", "2024-01-01", previous="a")],
     "election b: its previous election a is on another map"),
    ([rec("a", "2025-01-01", result=None), rec("b", "2024-01-01", previous="a")],
     "election b: its previous election a has no result"),
    ([rec("a", None)], "election a has a result but no polling day"),
    ([rec("a", None, result=None), rec("b", None, result=None)],
     "more than one election without a date: a, b"),
])
def test_a_broken_link_is_one_message(records: list[ElectionRecord], message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)) as err:
        Registry(tuple(records))
    assert str(err.value) == message
