"""The House ledger: golden standings against the reported counts, bad ledgers as one-line
errors, and invariants of `standings` over any ledger the House can take."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from seatcast.catalog import Catalog
from seatcast.domain.elections import ElectionId
from seatcast.domain.house import EventKind, HouseEvent, Ledger, LedgerError, Standings, Status, standings
from seatcast.domain.parties import Party
from seatcast.domain.ridings import RidingCode
from seatcast.errors import InputFileError, SeatcastError
from seatcast.sources.house import HEADER, ledger_csv, parse_ledger, read_ledger

D = dt.date.fromisoformat
CAT = Catalog.builtin()


@pytest.fixture(scope="module")
def ledger() -> Ledger:
    return CAT.ledger("2025")


def seats(s: Standings) -> dict[str, int]:
    return {p.value: n for p, n in s.seats.items()}


def test_the_election_day_house_is_the_official_result(ledger: Ledger) -> None:
    s = ledger.standings(D("2025-04-28"))
    assert seats(s) == {"LPC": 169, "CPC": 144, "BQ": 22, "NDP": 7, "GPC": 1}
    assert (s.events, s.vacant, s.majority, s.seats_total) == ((), (), 172, 343)
    assert s.government is not None
    assert (s.government.status, s.government.short_by, s.government.spare) == (Status.MINORITY, 3, 0)


@pytest.mark.parametrize(("day", "verified_only", "expected", "vacant", "status", "short", "spare"), [
    ("2025-06-17", False, {"LPC": 169, "CPC": 143, "BQ": 22, "NDP": 7, "GPC": 1}, [48002], "minority", 3, 0),
    ("2025-12-31", False, {"LPC": 171, "CPC": 142, "BQ": 22, "NDP": 7, "GPC": 1}, [], "minority", 1, 0),
    ("2026-04-10", False, {"LPC": 171, "CPC": 140, "BQ": 22, "NDP": 6, "GPC": 1},
     [24073, 35096, 35112], "minority", 1, 0),
    ("2026-04-20", True, {"LPC": 173, "CPC": 140, "BQ": 22, "NDP": 6, "GPC": 1}, [24073], "majority", 0, 1),
    ("2026-04-20", False, {"LPC": 174, "CPC": 140, "BQ": 22, "NDP": 6, "GPC": 1}, [], "majority", 0, 2),
])
def test_standings_on_a_date(ledger: Ledger, day: str, verified_only: bool, expected: dict[str, int],
                             vacant: list[int], status: str, short: int, spare: int) -> None:
    s = ledger.standings(D(day), verified_only=verified_only)
    assert seats(s) == expected
    assert [v.riding for v in s.vacant] == vacant
    assert sum(expected.values()) + len(vacant) == 343
    g = s.government
    assert g is not None
    assert (g.party, g.status.value, g.short_by, g.spare, g.majority) == (Party.LPC, status, short, spare, 172)


def test_the_liberal_count_at_each_step_matches_the_reports(ledger: Ledger) -> None:
    """../shared/data/README.md check 16: 169, 170 (d'Entremont), 171 (Ma), 170 (Freeland),
    169 (Blair), 168 (annulment), 169 (Jeneroux), 170 (Idlout), 171 (Gladu)."""
    lpc = [ledger.standings(e.date).seats[Party.LPC] for e in ledger.events if e.date < D("2026-04-13")]
    assert lpc == [169, 169, 170, 171, 170, 169, 168, 169, 170, 171]


def test_who_holds_a_seat(ledger: Ledger) -> None:
    on = ledger.seats_on(D("2026-01-30"))
    assert (on[RidingCode(12001)].party, on[RidingCode(12001)].member, on[RidingCode(12001)].how) == (
        Party.LPC, "Chris d'Entremont", EventKind.FLOOR_CROSSING)
    assert on[RidingCode(35112)].vacant
    assert on[RidingCode(35112)].left == "Chrystia Freeland"
    assert (on[RidingCode(48002)].member, on[RidingCode(48002)].how) == ("Pierre Poilievre", EventKind.BY_ELECTION)
    assert on[RidingCode(62001)].party is Party.NDP  # Idlout crossed in March
    assert ledger.seats_on(D("2026-03-10"))[RidingCode(62001)].party is Party.LPC


def test_unverified_rows_are_marked_and_left_out(ledger: Ledger) -> None:
    s = ledger.standings(D("2026-04-20"), verified_only=True)
    assert [(e.riding, e.kind) for e in s.left_out] == [(24073, EventKind.BY_ELECTION)]
    assert all(e.verified for e in s.events)
    assert len(s.events) == 12


def test_before_the_election_is_an_error(ledger: Ledger) -> None:
    with pytest.raises(SeatcastError, match="before the general election of 2025-04-28"):
        ledger.standings(D("2025-04-27"))


def test_the_built_table_is_the_raw_file_checked(raw_data: Path, ledger: Ledger) -> None:
    e = CAT.election("2025")
    raw = read_ledger(raw_data / "events" / "house_events_2025.csv", e)
    assert raw.events == ledger.events
    assert ledger_csv(raw, e.map) == CAT.text("house_2025.csv")


def test_checked_by_election_totals() -> None:
    (t,) = CAT.by_election_totals("2025")
    assert (t.riding, t.date, t.winner, t.valid_votes) == (48002, D("2025-08-18"), Party.CPC, 51085)
    assert dict(t.votes)[Party.CPC] == 41308
    assert dict(t.votes)[Party.LPC] == 2095
    assert "Library of Parliament" in t.source


# -- a user's ledger: every bad line is one error naming the file and line ------------------

HEAD = ",".join(HEADER)
GOOD = "2025-11-04,12001,Acadie--Annapolis,floor-crossing,CPC,LPC,Chris d'Entremont,https://x,yes,"


@pytest.mark.parametrize(("rows", "line", "message"), [
    (["2025-06-17,48002,,resignation,CPC,,Damien Kurek,,yes,",
      "2025-07-01,48002,,death,CPC,,Damien Kurek,,yes,"], 3,
     "a death in riding 48002, whose seat is already vacant"),
    (["2025-11-04,12001,,floor-crossing,NDP,LPC,Chris d'Entremont,,yes,"], 2,
     "a floor crossing by NDP in riding 12001, whose seat is held by CPC"),
    (["2025-08-18,48002,,by-election,,CPC,Pierre Poilievre,,yes,"], 2,
     "a by-election in riding 48002, whose seat is not vacant (held by CPC)"),
    (["2025-11-04,99999,,floor-crossing,CPC,LPC,Nobody,,yes,"], 2, "unknown riding 99999 (not on the 2023 map)"),
    ([GOOD, "2025-04-01,12001,,resignation,LPC,,Chris d'Entremont,,yes,"], 3,
     "2025-04-01 is before the general election of 2025-04-28"),
    (["2025-11-04,12001,Nunavut,floor-crossing,CPC,LPC,Chris d'Entremont,,yes,"], 2,
     "riding 12001 is Acadie--Annapolis, not 'Nunavut'"),
    (["2025-11-04,12001,,crossed,CPC,LPC,Chris d'Entremont,,yes,"], 2, "unknown event kind 'crossed'"),
    (["2025-11-04,12001,,floor-crossing,CPC,LIB,Chris d'Entremont,,yes,"], 2, "to_party 'LIB' is not a party code"),
    (["2025-11-04,12001,,floor-crossing,CPC,LPC,Chris d'Entremont,,maybe,"], 2, "verified 'maybe' is not yes or no"),
    (["2025-13-04,12001,,floor-crossing,CPC,LPC,Chris d'Entremont,,yes,"], 2, "date '2025-13-04' is not a date"),
    (["2025-11-04,12001,,floor-crossing,CPC,CPC,Chris d'Entremont,,yes,"], 2, "from CPC to the same party"),
    (["2025-11-04,12001,,floor-crossing,CPC,,Chris d'Entremont,,yes,"], 2, "needs the party crossed to"),
    (["2026-01-09,35112,,resignation,LPC,NDP,Chrystia Freeland,,yes,"], 2, "to_party must be blank"),
    (["2026-01-09,35112,,resignation,LPC,,Chrystia Freeland,,yes,",
      "2026-04-13,35112,,by-election,LPC,LPC,Danielle Martin,,yes,"], 3, "leave from_party blank"),
    (["2025-11-04,12001,,floor-crossing,CPC,LPC,,,yes,"], 2, "no member named"),
    (["2025-11-04,12001,,floor-crossing,CPC,LPC"], 2, "6 fields where the header has 10"),
])
def test_bad_ledgers(tmp_path: Path, rows: list[str], line: int, message: str) -> None:
    f = tmp_path / "mine.csv"
    f.write_text("\n".join([HEAD, *rows]) + "\n", encoding="utf-8")
    with pytest.raises(InputFileError) as err:
        read_ledger(f, CAT.election("2025"))
    assert (err.value.path, err.value.line) == (str(f), line)
    assert message in err.value.problem
    assert str(err.value) == f"{f}:{line}: {err.value.problem}"
    assert "\n" not in str(err.value)


def test_a_missing_column(tmp_path: Path) -> None:
    f = tmp_path / "mine.csv"
    f.write_text("date,riding_code,kind\n2025-11-04,12001,floor-crossing\n")
    with pytest.raises(InputFileError, match=r"mine.csv:1: no column from_party, to_party, member, verified"):
        read_ledger(f, CAT.election("2025"))


def test_events_out_of_order_and_other_spellings(tmp_path: Path) -> None:
    text = "\n".join([HEAD, "2026-04-13,35112,University–Rosedale,By election,,LPC,Danielle Martin,,No,",
                      "2026-01-09,35112,,resignation,lpc,,Chrystia Freeland,,yes,",
                      "2025-12-01,62001,,independent,NDP,,Lori Idlout,,yes,"])
    led = parse_ledger(text, "mine.csv", CAT.election("2025"))
    assert [e.kind for e in led.events] == [EventKind.SITTING_AS_INDEPENDENT, EventKind.RESIGNATION,
                                            EventKind.BY_ELECTION]
    s = led.standings(D("2026-05-01"))
    assert (s.seats[Party.IND], s.seats[Party.NDP], s.vacant) == (1, 6, ())
    assert (s.seats[Party.LPC], led.standings(D("2026-05-01"), verified_only=True).seats[Party.LPC]) == (169, 168)
    # leaving out an unverified vacancy while keeping the by-election that fills it: an error
    text2 = "\n".join([HEAD, "2026-01-09,35112,,resignation,LPC,,Chrystia Freeland,,no,",
                       "2026-04-13,35112,,by-election,,LPC,Danielle Martin,,yes,"])
    led2 = parse_ledger(text2, "mine.csv", CAT.election("2025"))
    with pytest.raises(SeatcastError, match="with the unverified rows left out"):
        led2.standings(D("2026-05-01"), verified_only=True)


# -- invariants over any ledger the House can take -------------------------------------------

SMALL_START = {RidingCode(c): p for c, p in zip(range(1, 8), "LLLCCBN", strict=True)}
TEST = ElectionId("test")
PARTY = {"L": Party.LPC, "C": Party.CPC, "B": Party.BQ, "N": Party.NDP}


def _start() -> Ledger:
    from seatcast.domain.house import Seat

    day = D("2025-04-28")
    seats = {c: Seat(c, PARTY[p], f"M{c}", day, None) for c, p in SMALL_START.items()}
    return Ledger.of(TEST, day, seats, [])


@given(st.lists(st.tuples(st.integers(1, 7), st.sampled_from(list(EventKind)),
                          st.sampled_from([Party.LPC, Party.CPC, Party.BQ, Party.NDP, Party.IND]),
                          st.integers(1, 600)), max_size=25))
def test_any_ledger_the_house_takes_keeps_every_seat(moves: list[tuple[int, EventKind, Party, int]]) -> None:
    """Build events one by one, keeping those the House can take: every seat is held or
    vacant, the majority line never moves, and the standings agree with the holders."""
    base = _start()
    events: list[HouseEvent] = []
    for code, kind, party, days in sorted(moves, key=lambda m: m[3]):
        now = base.seats_on(D("2025-04-28")) if not events else Ledger.of(
            TEST, base.elected, base.start, events).seats_on(D("2030-01-01"))
        held = now[RidingCode(code)].party
        e = HouseEvent(D("2025-04-28") + dt.timedelta(days=days), RidingCode(code), kind,
                       None if kind.fills else held, None if kind.vacates else party, "X")
        try:
            Ledger.of(TEST, base.elected, base.start, [*events, e])
        except LedgerError:
            continue
        events.append(e)
    led = Ledger.of(TEST, base.elected, base.start, events)
    for event in [None, *led.events]:
        day = event.date if event is not None else led.elected
        s = standings(led, day)
        assert sum(s.seats.values()) + len(s.vacant) == s.seats_total == 7
        assert s.majority == 4
        g = s.government
        if g is None:  # every seat vacant
            assert not s.seats
            assert len(s.vacant) == 7
            continue
        assert g.seats == max(s.seats.values())
        assert (g.short_by == 0) == (g.status is Status.MAJORITY)
        assert g.seats + g.short_by - g.spare == s.majority
        assert all(h.vacant == (h.party is None) for h in s.holders.values())
