"""Claim finding in single sentences: parties by name, short name or leader; hedges; context."""

from __future__ import annotations

import pytest

from seatcast.factcheck.claims import claims_in_sentence, detect_language, find_claims
from seatcast.factcheck.lexicon import Hedge, Lang


def found(sentence: str, lang: Lang = Lang.EN) -> list[tuple[str, str | None, object, str]]:
    claims, _ = claims_in_sentence(sentence, lang)
    return [(c.kind.value, c.party.value if c.party else None, c.stated, c.hedge.value) for c in claims]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Mark Carney's Liberals won approximately 168 seats.", [("seats", "LPC", 168, "about")]),
    ("Pierre Poilievre's Conservatives took 144 seats.", [("seats", "CPC", 144, "exact")]),
    ("Yves-François Blanchet's party won 22 seats.", [("seats", "BQ", 22, "exact")]),
    ("Jagmeet Singh's NDP was reduced to just 7 seats.", [("seats", "NDP", 7, "exact")]),
    ("Elizabeth May held the Greens' only seat, one seat in all.", [("seats", "GPC", 1, "exact")]),
    ("The Tories captured nearly 150 seats.", [("seats", "CPC", 150, "nearly")]),
    ("The Grits won more than 160 seats.", [("seats", "LPC", 160, "more than")]),
    ("The New Democrats won fewer than 10 seats.", [("seats", "NDP", 10, "fewer than")]),
    ("The Bloc fell to about 23.", [("seats", "BQ", 23, "about")]),
    ("The Liberals won 169 seats to 144 for the Conservatives.",
     [("seats", "LPC", 169, "exact"), ("seats", "CPC", 144, "exact")]),
    ("The Liberals were three seats short of a majority.", [("seats short", "LPC", 3, "exact")]),
    ("Carney fell short of a majority in the 343-seat House.",
     [("majority", "LPC", "minority", "exact"), ("house size", None, 343, "exact")]),
    ("The Conservatives finished a distant second in Quebec.", [("rank", "CPC", 2, "exact")]),
    ("The Conservatives will form the Official Opposition.", [("rank", "CPC", 2, "exact")]),
    ("The Liberals won a fourth consecutive term.", [("consecutive terms", "LPC", 4, "exact")]),
    ("The NDP lost 17 seats and the Conservatives gained 25 seats.",
     [("seat change", "NDP", -17, "exact"), ("seat change", "CPC", 25, "exact")]),
    ("The Conservatives won 41.3 per cent of the vote.", [("vote share", "CPC", 41.3, "exact")]),
    ("Turnout was roughly 62.5%.", [("turnout", None, 62.5, "about")]),
    ("Turnout dropped compared with 2019.", [("turnout direction", None, "down", "exact")]),
    ("Turnout was 62.6 per cent, down from 67 per cent in 2019.",
     [("turnout direction", None, "down", "exact"), ("turnout", None, 62.6, "exact"),
      ("turnout", None, 67.0, "exact")]),
    ("Turnout fell to 62.6 per cent, down from 67 per cent.",
     [("turnout direction", None, "down", "exact"), ("turnout", None, 62.6, "exact"),
      ("turnout", None, 67.0, "exact")]),
    ("The Liberals won 169 seats, up 9 percentage points of the vote.", [("seats", "LPC", 169, "exact")]),
    ("About 12 per cent of Canadians voted early.", []),
    ("The Liberals won a majority government.", [("majority", "LPC", "majority", "exact")]),
])
def test_english_sentences(sentence, expected):
    assert found(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Les libéraux de Mark Carney ont remporté 169 sièges.", [("seats", "LPC", 169, "exact")]),
    ("Les conservateurs de Pierre Poilievre ont obtenu 144 sièges.", [("seats", "CPC", 144, "exact")]),
    ("Le Bloc d'Yves-François Blanchet a chuté à environ 23 sièges.", [("seats", "BQ", 23, "about")]),
    ("Le NPD a été réduit à sept sièges.", [("seats", "NDP", 7, "exact")]),
    ("Les néo-démocrates ont récolté près de 6 % des voix.", [("vote share", "NDP", 6.0, "nearly")]),
    ("Les libéraux ont obtenu quelque 43,8 % des suffrages.", [("vote share", "LPC", 43.8, "about")]),
    ("Le PLC a terminé premier, à trois sièges de la majorité.",
     [("rank", "LPC", 1, "exact"), ("seats short", "LPC", 3, "exact")]),
    ("Les libéraux formeront un gouvernement minoritaire.", [("majority", "LPC", "minority", "exact")]),
    ("Les conservateurs forment l'opposition officielle.", [("rank", "CPC", 2, "exact")]),
    ("Le Bloc a perdu 12 sièges.", [("seat change", "BQ", -12, "exact")]),
    ("Le taux de participation a reculé.", [("turnout direction", None, "down", "exact")]),
    ("Les verts d'Elizabeth May n'ont conservé qu'un seul siège.", [("seats", "GPC", 1, "exact")]),
    ("La Chambre des communes compte 343 sièges.", [("house size", None, 343, "exact")]),
])
def test_french_sentences(sentence, expected):
    assert found(sentence, Lang.FR) == expected


def test_down_from_refers_to_the_previous_election():
    claims, _ = claims_in_sentence("Turnout fell to 62.6 per cent, down from 67 per cent.", Lang.EN)
    assert [(c.kind.value, c.refers_to) for c in claims] == [
        ("turnout direction", None), ("turnout", None), ("turnout", "previous")]


def test_context_marks_projections_other_years_dissolution_and_provinces():
    def one(sentence: str) -> tuple[str | None, str | None]:
        claims, _ = claims_in_sentence(sentence, Lang.EN)
        assert len(claims) == 1, claims
        return claims[0].refers_to, claims[0].province

    assert one("Polls had projected the Conservatives would win 180 seats.") == ("projection", None)
    assert one("The Bloc had 33 seats at dissolution.") == ("dissolution", None)
    assert one("The NDP won 25 seats in 2021.") == ("2021", None)
    assert one("The NDP won 25 seats in the last election.") == ("previous", None)
    assert one("The Liberals won 44 seats in Quebec.") == (None, "QC")
    assert one("Elizabeth May's Greens held on to a single seat.") == (None, None)  # "May" is no "may"


def test_a_pronoun_subject_takes_the_party_of_the_sentence_before():
    claims = find_claims([(0, "The Bloc Québécois had a difficult night."),
                          (0, "The party fell to 22 seats.")], Lang.EN)
    assert [(c.party.value if c.party else None, c.stated) for c in claims] == [("BQ", 22)]


def test_from_to_gives_the_previous_count_and_a_direction():
    claims, _ = claims_in_sentence("The NDP dropped from 25 seats in 2021 to 7.", Lang.EN)
    prev, now = claims
    assert (prev.kind.value, prev.stated, prev.refers_to) == ("previous seats", 25, "2021")
    assert (now.kind.value, now.stated, now.direction) == ("seats", 7, "down")


def test_hedges_are_kept_with_their_words():
    claims, _ = claims_in_sentence("The Liberals won around 170 seats.", Lang.EN)
    assert claims[0].hedge is Hedge.ABOUT
    assert claims[0].hedge_text == "around"
    claims, _ = claims_in_sentence("Les libéraux ont remporté environ 170 sièges.", Lang.FR)
    assert claims[0].hedge is Hedge.ABOUT
    assert claims[0].hedge_text == "environ"


def test_language_detection():
    assert detect_language("The Liberals won the election and the Conservatives were second.") is Lang.EN
    assert detect_language("Les libéraux ont gagné les élections et le Bloc est troisième.") is Lang.FR


def test_places_scope_the_claim_and_cities_cannot_be_added_up():
    def places(sentence: str, lang: Lang = Lang.EN) -> list[tuple[str, object, str | None, str | None]]:
        claims, _ = claims_in_sentence(sentence, lang)
        return [(c.kind.value, c.stated, c.province, c.refers_to) for c in claims]

    assert places("The Liberals won 24 of 32 seats in Atlantic Canada.") == [
        ("seats", 24, "ATL", None), ("house size", 32, "ATL", None)]
    assert places("Les libéraux ont remporté 24 des 32 sièges de l'Atlantique.", Lang.FR) == [
        ("seats", 24, "ATL", None), ("house size", 32, "ATL", None)]
    assert places("The Liberals won 44 seats in Quebec and 70 in Ontario.") == [("seats", 44, "QC", None)]
    assert places("The Conservatives won 34 seats in the Prairies.") == [("seats", 34, "PR", None)]
    assert places("The Liberals won 20 of Ontario's 24 seats in the Greater Toronto Area.")[0] == (
        "seats", 20, "ON", "area")


def test_thresholds_are_not_seat_counts():
    assert found("The NDP fell below the 12 seats needed for official party status.") == []
    assert found("Le NPD a perdu son statut de parti officiel, qui exige 12 sièges.", Lang.FR) == []


def test_counts_listed_without_their_verb_share_the_first_ones_time_and_place():
    def seats(sentence: str, lang: Lang = Lang.EN) -> list[tuple[str | None, object, str | None, str | None]]:
        claims, _ = claims_in_sentence(sentence, lang)
        return [(c.party.value if c.party else None, c.stated, c.refers_to, c.province)
                for c in claims if c.kind.value == "seats"]

    assert seats("The Liberals won 169 seats, the Conservatives 144, the Bloc 22 and the NDP 7.") == [
        ("LPC", 169, None, None), ("CPC", 144, None, None), ("BQ", 22, None, None), ("NDP", 7, None, None)]
    assert seats("Les libéraux ont fait élire 169 députés, les conservateurs 144 et le Bloc 22.", Lang.FR) == [
        ("LPC", 169, None, None), ("CPC", 144, None, None), ("BQ", 22, None, None)]
    assert seats("In the 2021 election, the Conservatives won 119 seats and the Liberals 160.") == [
        ("CPC", 119, "2021", None), ("LPC", 160, "2021", None)]
    assert seats("In Quebec, the Bloc won 22 seats, the Liberals 44 and the Conservatives 11.") == [
        ("BQ", 22, None, "QC"), ("LPC", 44, None, "QC"), ("CPC", 11, None, "QC")]
    assert found("The Liberals finished first with 169 seats, the Conservatives second with 144.") == [
        ("rank", "LPC", 1, "exact"), ("seats", "LPC", 169, "exact"),
        ("seats", "CPC", 144, "exact"), ("rank", "CPC", 2, "exact")]
