"""Earlier winners for "a fourth consecutive term": the data where it covers them, then a list."""

from __future__ import annotations

from seatcast.domain.parties import Party
from seatcast.factcheck.claims import Claim
from seatcast.factcheck.history import EARLIER_WINNERS, national_winners, winners_before
from seatcast.factcheck.patterns import Kind
from seatcast.factcheck.verdicts import Checker, Verdict


def test_the_typed_list_holds_only_what_no_table_covers() -> None:
    assert EARLIER_WINNERS == {1993: Party.LPC, 1997: Party.LPC, 2000: Party.LPC}
    # 2004-2008 from the built-in national table (ParlInfo seats), 2011 on from the elections.
    assert national_winners() == {1993: Party.LPC, 1997: Party.LPC, 2000: Party.LPC, 2004: Party.LPC,
                                  2006: Party.CPC, 2008: Party.CPC}
    assert winners_before(2006) == [(2004, Party.LPC), (2000, Party.LPC), (1997, Party.LPC),
                                    (1993, Party.LPC)]


def terms(n: int, party: Party) -> Claim:
    return Claim(kind=Kind.TERMS, text="x", quote="x", stated=n, party=party)


def test_consecutive_terms_count_through_the_built_in_elections_and_the_table(elections) -> None:
    r = Checker(elections["2011"], elections).check(terms(3, Party.CPC))  # 2006, 2008, 2011
    assert (r.verdict, r.official) == (Verdict.CORRECT, 3)
    assert "2006, 2008, 2011" in r.note
    r = Checker(elections["2015"], elections).check(terms(1, Party.LPC))  # after 2011's CPC
    assert (r.verdict, r.official) == (Verdict.CORRECT, 1)
    r = Checker(elections["2025"], elections).check(terms(4, Party.LPC))  # 2015 to 2025
    assert (r.verdict, r.official) == (Verdict.CORRECT, 4)
    assert "2015, 2019, 2021, 2025" in r.note
