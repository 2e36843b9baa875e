"""Every event the House cannot take is one exact message; the ones it can take move the seat."""

from __future__ import annotations

import datetime as dt

import pytest

from seatcast.domain.elections import ElectionId
from seatcast.domain.house import EventKind, HouseEvent, Ledger, LedgerError, Seat
from seatcast.domain.parties import Party
from seatcast.domain.ridings import RidingCode

ELECTED = dt.date(2025, 4, 28)
A, B = RidingCode(10001), RidingCode(10002)
START = {A: Seat(A, Party.LPC, "Ann", ELECTED, None), B: Seat(B, Party.CPC, "Bob", ELECTED, None)}
K = EventKind


def ev(day: int, riding: int, kind: EventKind, frm: Party | None, to: Party | None,
       member: str = "Someone") -> HouseEvent:
    return HouseEvent(dt.date(2025, 6, day), RidingCode(riding), kind, frm, to, member)


def ledger(*events: HouseEvent) -> Ledger:
    return Ledger.of(ElectionId("x"), ELECTED, START, events)


@pytest.mark.parametrize(("events", "index", "message"), [
    ([ev(1, 99, K.RESIGNATION, None, None)], 0, "riding 99 is not on the map of this House"),
    ([ev(1, 10001, K.BY_ELECTION, None, Party.CPC)], 0,
     "a by-election in riding 10001, whose seat is not vacant (held by LPC)"),
    ([ev(1, 10001, K.DEATH, None, None), ev(2, 10001, K.BY_ELECTION, None, None)], 1,
     "a by-election in riding 10001 needs the winner's party (to_party)"),
    ([ev(1, 10001, K.DEATH, None, None), ev(2, 10001, K.BY_ELECTION, Party.LPC, Party.CPC)], 1,
     "a by-election in riding 10001 has a from_party (LPC): the seat is vacant before it "
     "(leave from_party blank)"),
    ([ev(1, 10001, K.DEATH, None, None), ev(2, 10001, K.ANNULMENT, None, None)], 1,
     "a election annulled in riding 10001, whose seat is already vacant"),
    ([ev(1, 10002, K.FLOOR_CROSSING, Party.LPC, Party.NDP)], 0,
     "a floor crossing by LPC in riding 10002, whose seat is held by CPC"),
    ([ev(1, 10002, K.RESIGNATION, Party.CPC, Party.LPC)], 0,
     "a resignation leaves riding 10002 vacant: to_party must be blank"),
    ([ev(1, 10002, K.SITTING_AS_INDEPENDENT, None, Party.LPC)], 0,
     "a member sitting as an independent goes to IND, not LPC"),
    ([ev(1, 10002, K.FLOOR_CROSSING, Party.CPC, None)], 0,
     "a floor crossing in riding 10002 needs the party crossed to (to_party)"),
    ([ev(1, 10002, K.FLOOR_CROSSING, None, Party.CPC)], 0,
     "a floor crossing in riding 10002 from CPC to the same party"),
    ([ev(1, 10002, K.SITTING_AS_INDEPENDENT, None, None), ev(2, 10002, K.SITTING_AS_INDEPENDENT, None, None)],
     1, "a sits as an independent in riding 10002 from IND to the same party"),
])
def test_an_event_the_house_cannot_take(events: list[HouseEvent], index: int, message: str) -> None:
    with pytest.raises(LedgerError) as err:
        ledger(*events)
    assert (err.value.index, err.value.problem) == (index, message)


def test_events_the_house_takes() -> None:
    lg = ledger(ev(1, 10001, K.DEATH, Party.LPC, None, "Ann"),
                ev(2, 10001, K.BY_ELECTION, None, Party.NDP, "Nan"),
                ev(3, 10002, K.SITTING_AS_INDEPENDENT, Party.CPC, None, ""),
                ev(4, 10002, K.FLOOR_CROSSING, None, Party.GPC, "Bob"))
    died = lg.seats_on(dt.date(2025, 6, 1))[A]
    assert (died.party, died.member, died.left, died.how) == (None, None, "Ann", K.DEATH)
    on = lg.seats_on(dt.date(2025, 6, 4))
    assert (on[A].party, on[A].member, on[A].how) == (Party.NDP, "Nan", K.BY_ELECTION)
    assert (on[B].party, on[B].member, on[B].how) == (Party.GPC, "Bob", K.FLOOR_CROSSING)
    assert lg.seats_on(dt.date(2025, 6, 3))[B].party is Party.IND
    assert lg.seats_on(dt.date(2025, 6, 3))[B].member == "Bob"
