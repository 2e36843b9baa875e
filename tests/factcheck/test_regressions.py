"""Issue 12's fact-checker fixes, each on an article written for it, in English and in French.

Every claim of each article is listed in order with its expected verdict (a claim missed, found
twice or marked otherwise fails).  Official figures: 2025 LPC 169, CPC 144, BQ 22, NDP 7, GPC 1 of
343 (majority 172), shares LPC 43.76 %, CPC 41.31 %, NDP 6.29 %; 2021 shares CPC 33.74 %, NDP
17.82 %, turnout 62.56 % (67.04 % in 2019).  Terrebonne (24073): preliminary LPC by 35, validated
BQ by 44, judicially certified LPC by 1.  Terra Nova–The Peninsulas (10007): preliminary and
validated LPC (Anthony Germain) by 12, judicially certified CPC (Jonathan Rowe, 19,605 votes) by 12.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from seatcast.domain.elections import ElectionId, ElectionRecord
from seatcast.domain.parties import Party
from seatcast.domain.results import Candidate, Election, RidingResult, Stage
from seatcast.domain.ridings import Riding, RidingCode, RidingMap
from seatcast.factcheck import check_text
from seatcast.factcheck.context import Sentence
from seatcast.factcheck.extract import normalise_spaces
from tests.support.articles import ARTICLES, CL, C, U, W, table


def test_compared_with_a_party_is_the_same_election_en(check):
    """"43.8 per cent, compared to 41.3 per cent for the Conservatives" was checked against the
    Conservatives' 2021 share (33.74 %) and marked wrong."""
    result = check("same_time_en.txt")
    assert result.election.id == "2025"
    assert table(result) == [
        ("vote share", "LPC", 43.8, C),
        ("vote share", "CPC", 41.3, C),  # "compared to 41.3 per cent for the Conservatives": 41.31 % in 2025
        ("seats", "LPC", 169, C),
        ("seats", "CPC", 144, C),  # "compared with 144 seats for the Conservatives"
        ("vote share", "NDP", 6.3, C),
        ("vote share", "NDP", 17.8, C),  # "compared with 17.8 per cent in 2021": 2021's 17.82 %
        # "The Conservatives won 41.3 per cent" again: the same claim, reported once
        ("vote share", "CPC", 33.7, C),  # "compared with 33.7 per cent in the last election": 2021
    ]
    refers = [c.claim.refers_to for c in result.claims]
    assert refers == [None, None, None, None, None, "2021", "previous"]


def test_contre_with_a_party_is_the_same_election_fr(check):
    result = check("same_time_fr.txt")
    assert result.election.id == "2025"
    assert result.lang.value == "fr"
    assert table(result) == [
        ("vote share", "LPC", 43.8, C),
        ("vote share", "CPC", 41.3, C),  # "contre 41,3 % pour les conservateurs"
        ("seats", "LPC", 169, C),
        ("seats", "CPC", 144, C),  # "contre 144 pour les conservateurs"
        ("vote share", "NDP", 6.3, C),
        ("vote share", "NDP", 17.8, C),  # "contre 17,8 % en 2021"
        # "Les conservateurs ont obtenu 41,3 %" again: reported once
        ("vote share", "CPC", 33.7, C),  # "contre 33,7 % lors de la dernière élection"
    ]
    assert [c.official for c in result.claims if c.claim.party is Party.CPC] == [41.31, 144, 33.74]


def test_the_majority_line_is_not_a_seat_count_en(check):
    """"three seats short of the 172 needed", "three short of a majority" (no "seats")."""
    result = check("majority_line_en.txt")
    assert table(result) == [
        ("seats short", "LPC", 3, C),  # headline: "three seats shy of a majority"
        ("seats", "LPC", 169, C),
        ("seats short", "LPC", 3, C),  # "three seats short of the 172 needed for a majority"
        ("majority threshold", None, 172, C),
        ("seats short", "LPC", 3, C),  # "three short of a majority": was a bare minority claim
        ("house size", None, 343, C),
        ("seats short", "LPC", 3, C),  # "They ended up three shy of the majority": "They" is the Liberals
        ("majority threshold", None, 172, C),  # "the majority line of 172 seats"
    ]


def test_the_majority_line_is_not_a_seat_count_fr(check):
    """"à trois sièges de la majorité de 172 sièges": 172 was read as the Liberals' seats (wrong)."""
    result = check("majority_line_fr.txt")
    assert table(result) == [
        ("seats short", "LPC", 3, C),
        ("seats", "LPC", 169, C),
        ("majority threshold", None, 172, C),  # "la majorité de 172 sièges", not LPC 172 seats
        ("seats short", "LPC", 3, C),  # "à trois de la majorité" (no "sièges")
        ("majority threshold", None, 172, C),  # "la majorité absolue de 172 sièges"
        ("house size", None, 343, C),
    ]


@pytest.mark.parametrize("sentence", [
    "The Liberals fell short of a majority of 172 seats in the House.",
    "Les libéraux sont loin de la majorité de 172 sièges à la Chambre.",
])
def test_a_majority_line_does_not_hide_the_minority_claim(check, sentence):
    result = check(sentence, "2025")
    assert table(result) == [("majority", "LPC", "minority", C), ("majority threshold", None, 172, C)]


def test_a_party_with_its_abbreviation_in_brackets_en(check):
    """"the Bloc Québécois (BQ) slipped to 22 seats" ended as "no party named"."""
    result = check("abbreviations_en.txt")
    assert table(result) == [
        ("seats", "BQ", 22, C),  # "the Bloc Québécois (BQ) slipped to 22 seats"
        ("seats", "GPC", 1, C),  # "the Green Party (GPC) kept one seat"
        ("seats", "NDP", 7, C),  # "The New Democratic Party (NDP) was reduced to seven seats"
        ("seats", "CPC", 144, C),  # "the Conservative Party of Canada (CPC) won 144 seats"
    ]
    assert [c.claim.party_text for c in result.claims] == [
        "the Bloc Québécois", "Green Party", "New Democratic Party", "Conservative Party of Canada"]


def test_a_party_with_its_abbreviation_in_brackets_fr(check):
    result = check("abbreviations_fr.txt")
    assert table(result) == [
        ("seats", "BQ", 22, C),  # "le Bloc québécois (BQ) a glissé à 22 sièges"
        ("seats", "GPC", 1, C),  # "le Parti vert (PVC) a conservé un seul siège"
        ("seats", "NDP", 7, C),
        ("seats", "CPC", 144, C),  # "le Parti conservateur du Canada (PCC) a remporté 144 sièges"
    ]


_STRONG_BREAK = re.compile(r";|\s[—–]\s")


def test_no_claim_whose_clause_names_a_party_ends_as_no_party_named(check):
    """Over every test article: a claim reported as "no party named" has no party named anywhere in
    its part of the sentence (split at ";" and dashes only, so brackets and conjunctions count)."""
    for path in sorted(ARTICLES.iterdir()):
        for c in check(path.name).claims:
            if "no party named" not in c.note:
                continue
            quote = normalise_spaces(c.claim.quote)
            at = quote.find(c.claim.text)
            breaks = list(_STRONG_BREAK.finditer(quote))
            a = max([0] + [m.end() for m in breaks if m.end() <= at])
            b = min([len(quote)] + [m.start() for m in breaks if m.start() >= at])
            named = [m.text for m in Sentence(quote).mentions if a <= m.start < b]
            assert not named, (path.name, c.claim.text, named)


def test_riding_claims_are_checked_against_every_count_stage_en(check):
    result = check("ridings_en.txt")
    assert table(result) == [
        ("riding margin", "BQ", 35, W),  # the 35-vote margin was LPC's (preliminary); BQ did not win
        ("riding margin", None, 44, W),  # Sinclair-Desgagné by 44: true of the validated count only
        ("riding margin", "LPC", 1, C),  # Auguste "by a single vote": the judicially certified count
        ("riding margin", None, 12, W),  # Germain by 12: true of the preliminary count only
        ("riding margin", None, 12, C),  # Rowe by 12: the final (judicially certified) count
        ("riding votes", "CPC", 19605, C),  # Rowe's 19,605 votes: final count (19,692 before)
        ("riding margin", "LPC", 300, U),  # "In Springfield": no such riding on the 2023 map
    ]
    stages = [c.compared_with for c in result.claims]
    assert stages == [None, "validated", "judicially certified", "preliminary", "judicially certified",
                      "judicially certified", None]
    ridings = [c.riding.code if c.riding else None for c in result.claims]
    assert ridings == [24073, 24073, 24073, 10007, 10007, 10007, None]
    first = result.claims[0].note
    assert "BQ did not win the final (judicially certified) count" in first
    assert "preliminary: LPC (Tatiana Auguste) by 35; validated: BQ (Nathalie Sinclair-Desgagné) by 44; " \
           "judicially certified: LPC (Tatiana Auguste) by 1" in first
    assert "true of the validated count, not of the final (judicially certified) count" in result.claims[1].note
    assert "Springfield" in result.claims[-1].note


def test_riding_claims_are_checked_against_every_count_stage_fr(check):
    result = check("ridings_fr.txt")
    assert table(result) == [
        ("riding margin", "BQ", 44, W),  # "la candidate du Bloc l'a emporté par 44 voix": validated only
        ("riding margin", "LPC", 1, C),  # "a finalement remporté Terrebonne par une seule voix"
        ("riding margin", None, 12, C),  # "Jonathan Rowe a remporté Terra Nova–Les Péninsules par 12 voix"
        ("riding votes", "CPC", 19605, C),  # "19 605 voix"
    ]
    assert [c.compared_with for c in result.claims] == [
        "validated", "judicially certified", "judicially certified", "judicially certified"]


def test_riding_names_ignore_accents_dashes_and_case(check):
    for name in ("terra nova - the peninsulas", "TERRA NOVA—THE PENINSULAS", "Terra Nova--Les Peninsules"):
        result = check(f"Jonathan Rowe won {name} by 12 votes in the 2025 election.", "2025")
        assert [(c.riding.code if c.riding else None, c.verdict.value) for c in result.claims] == [(10007, C)]


def test_turnout_change_against_the_previous_election_en(check):
    result = check("turnout_change_en.txt")
    assert result.election.id == "2021"
    assert table(result) == [
        ("turnout direction", None, "down", C),  # headline "Turnout fell": 62.56 % after 67.04 %
        ("turnout change", None, -4.5, C),  # "dropped 4.5 points": -4.48
        ("turnout", None, 62.6, C),
        ("turnout direction", None, "up", W),  # "Turnout surged compared with 2019"
        ("turnout change", None, 2.0, W),  # "rose by 2 percentage points": it fell 4.48
    ]
    change = result.claims[1]
    assert change.official == -4.48
    assert change.compared_with == "2019"


def test_turnout_change_against_the_previous_election_fr(check):
    result = check("turnout_change_fr.txt")
    assert table(result) == [
        ("turnout direction", None, "down", C),  # "La participation en baisse"
        ("turnout change", None, -4.5, C),  # "a reculé de 4,5 points"
        ("turnout", None, 62.6, C),  # "à 62,6 %"
        ("turnout direction", None, "up", W),  # "la participation a bondi par rapport à 2019"
    ]


def test_nonsense_figures_cannot_be_checked_en(check):
    result = check("nonsense_en.txt")
    assert table(result) == [
        ("seats", "LPC", 169, C),
        ("seats", "BQ", "-5", U),  # never read as 5
        ("seats", "CPC", "1e9", U),  # never read as 9
        ("turnout", None, "250", U),
        ("vote share", "NDP", "140", U),
        ("seats", "GPC", 400, U),  # more than the 343-seat House
        ("house size", None, 343, C),
        ("seats", "PPC", "22.5", U),
    ]
    notes = [c.note for c in result.claims if c.verdict.value == U]
    assert notes == [
        "“-5” is a negative number: not a seat count (a change reads \"lost 5 seats\")",
        "“1e9” is not a plain number (an exponent), so not a seat count",
        "250 % is more than 100 %",
        "140 % is more than 100 %",
        "400 seats cannot be a result: the House has 343 seats (2025)",
        "“22.5 seats” is not a whole number of seats",
    ]


def test_nonsense_figures_cannot_be_checked_fr(check):
    result = check("nonsense_fr.txt")
    assert table(result) == [
        ("seats", "LPC", 169, C),
        ("seats", "BQ", "-5", U),
        ("seats", "CPC", "1e9", U),
        ("turnout", None, "250", U),  # "La participation a atteint 250 %"
        ("vote share", "NDP", "140", U),
        ("seats", "GPC", 400, U),
    ]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The Liberals won 1,000 seats.", [("seats", "LPC", "1,000", U)]),
    ("The Liberals won 2000 seats.", [("seats", "LPC", "2000", U)]),
    ("The Conservatives kept most of their 2021 seats in the Prairies.", []),  # a year, not a count
    ("The Conservatives won 41.3 per cent of the vote and 144 seats.",
     [("vote share", "CPC", 41.3, C), ("seats", "CPC", 144, C)]),
    ("The NDP won \u22122 seats, its worst result.", [("seats", "NDP", "\u22122", U)]),  # a minus sign
    ("The Bloc won 90 seats in Quebec.", [("seats", "BQ", 90, U)]),  # Quebec has 78
])
def test_more_nonsense(check, sentence, expected):
    assert table(check(sentence, "2025")) == expected


# --- turnout on a small fictitious pair of elections --------------------------------------------

def _election(eid: str, year: int, ballots: tuple[int | None, ...], electors: tuple[int | None, ...],
              previous: str | None = None) -> Election:
    codes = [RidingCode(10001 + i) for i in range(3)]
    rmap = RidingMap("test", tuple(Riding(c, f"Riding {i}", f"Circonscription {i}") for i, c in enumerate(codes)))
    results = {}
    for code, b, n in zip(codes, ballots, electors, strict=True):
        cands = (Candidate("A", Party.LPC, "Liberal", 600), Candidate("B", Party.CPC, "Conservative", 300))
        results[code] = RidingResult(code, Stage.OFFICIAL, cands, 0, b, n)
    record = ElectionRecord(id=ElectionId(eid), number=None, name=f"test election {year}", map=rmap.name,
                            date=dt.date(year, 5, 1), previous=ElectionId(previous) if previous else None,
                            source="test")
    return Election(record, rmap, results)


def test_turnout_change_on_fictitious_elections_with_known_electors():
    before = _election("t1", 2030, (600, 600, 600), (1000, 1000, 1000))  # 60.00 %
    after = _election("t2", 2034, (700, 640, 600), (1000, 1000, 1000), previous="t1")  # 64.67 %
    elections = {"t2": after, "t1": before}

    def verdicts(text: str) -> list[tuple[str, object, str, object]]:
        r = check_text(text, elections, election="t2")
        return [(c.claim.kind.value, c.claim.stated, c.verdict.value, c.official) for c in r.claims]

    assert verdicts("Turnout rose 4.7 points across the three ridings of the test.") == [
        ("turnout change", 4.7, C, 4.67)]
    assert verdicts("Turnout fell in the three ridings of the test, people said.") == [
        ("turnout direction", "down", W, "up")]
    assert verdicts("La participation a augmenté de 4,7 points dans les trois circonscriptions.") == [
        ("turnout change", 4.7, C, 4.67)]
    assert verdicts("Turnout was about 64 per cent in the three ridings of the test.") == [
        ("turnout", 64.0, CL, 64.67)]


@pytest.mark.parametrize(("target_electors", "previous_electors", "reason"), [
    ((None, 1000, 1000), (1000, 1000, 1000), "turnout for t2 is not in the built-in data"),
    ((1000, 1000, 1000), (1000, None, 1000), "turnout for t1 is not in the built-in data"),
])
def test_unknown_turnout_cannot_be_checked_and_says_why(target_electors, previous_electors, reason):
    before = _election("t1", 2030, (600, 600, 600), previous_electors)
    after = _election("t2", 2034, (700, 640, 600), target_electors, previous="t1")
    r = check_text("Turnout surged 4.7 points in the three ridings of the test.", {"t2": after, "t1": before},
                   election="t2")
    assert [(c.claim.kind.value, c.verdict.value) for c in r.claims] == [("turnout change", U)]
    assert reason in r.claims[0].note
    assert "elector counts" in r.claims[0].note


def test_no_previous_election_cannot_be_checked():
    only = _election("t1", 2030, (600, 600, 600), (1000, 1000, 1000))
    r = check_text("Turnout surged in the three ridings of the test, people said.", {"t1": only}, election="t1")
    assert [(c.claim.kind.value, c.verdict.value) for c in r.claims] == [("turnout direction", U)]
    assert "the election before t1 is not in the built-in data" in r.claims[0].note
