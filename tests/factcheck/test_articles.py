"""Whole test articles, English and French, plain text and HTML: every claim with its verdict.

Each table lists every claim the article makes, in order; a claim found twice, one missed or
one marked differently fails the test.  The official figures behind the verdicts: 2025 LPC 169,
CPC 144, BQ 22, NDP 7, GPC 1 of 343 (majority 172); 2021 LPC 160, CPC 119, BQ 32, NDP 25, GPC 2
of 338 (majority 170), turnout 62.56 % (67.04 % in 2019); 2021 transposed to the 2023 map:
LPC 157, CPC 126, BQ 34, NDP 24; 2025 turnout 68.95 % (Elections Canada's table 11).
"""

from __future__ import annotations

from tests.support.articles import CL, C, U, W, table


def test_english_plain_text_2025(check):
    result = check("carney_minority_en.txt")
    assert result.election.id == "2025"
    assert not result.inference.given
    assert table(result) == [
        ("consecutive terms", "LPC", 4, C),  # headline: "fourth straight term"
        ("seats", "LPC", 168, CL),  # "approximately 168 seats": 169, within ±1
        ("majority", "LPC", "minority", C),  # "falling short of a majority"
        ("house size", None, 343, C),  # "343-seat House of Commons"
        ("consecutive terms", "LPC", 4, C),  # 2015, 2019, 2021, 2025
        ("seats short", "LPC", 3, C),  # 172 - 169
        ("majority threshold", None, 172, C),
        ("rank", "CPC", 2, C),
        ("seats", "CPC", 144, C),
        ("previous seats", "CPC", 119, C),  # "up from 119 in 2021": 2021 as elected
        ("seats", "BQ", 23, CL),  # "fell to about 23": 22, and down from 32 / 34
        ("seats", "NDP", 7, C),  # "reduced to just 7 seats"
        ("seat change", "NDP", -17, C),  # 24 (2021t) -> 7
        ("seats", "GPC", 1, C),  # "a single seat"
        ("vote share", "LPC", 43.8, C),  # 43.76 %
        ("vote share", "CPC", 41.3, C),  # 41.31 %
        ("vote share", "BQ", 7.0, CL),  # "about 7 per cent": 6.29 %, within ±1 point
        ("turnout direction", None, "up", C),  # 68.95 % after 62.56 % in 2021
        ("turnout", None, 69.0, C),  # 68.95 % (19,811,520 ballots of 28,731,275 electors)
    ]


def test_french_plain_text_2025(check):
    result = check("carney_mandat_fr.txt")
    assert result.election.id == "2025"
    assert result.lang.value == "fr"
    assert table(result) == [
        ("consecutive terms", "LPC", 4, C),  # "un quatrième mandat"
        ("seats", "LPC", 169, C),
        ("seats short", "LPC", 3, C),  # "à trois sièges de la majorité"
        ("house size", None, 343, C),
        ("rank", "CPC", 2, C),  # "terminé deuxièmes"
        ("seats", "CPC", 144, C),
        ("vote share", "CPC", 41.3, C),  # "41,3 %"
        ("seat change", "CPC", 25, C),  # 119 in 2021 as elected -> 144
        ("previous seats", "BQ", 32, C),  # "passé de 32 à 22"
        ("seats", "BQ", 22, C),
        ("rank", "BQ", 3, C),  # third in the popular vote: 1,236,349 to the NDP's 1,234,673
        ("seats", "NDP", 7, C),  # "réduit à sept sièges"
        ("vote share", "NDP", 6.3, C),  # "environ 6,3 %": 6.29 % rounds to 6.3
        ("rank", "NDP", 3, W),  # fourth in seats
        ("vote share", "LPC", 45.0, W),  # "près de 45 %": 43.76 %, 1.24 points off
        ("seats", "GPC", 1, C),  # "un seul siège"
        ("consecutive terms", "LPC", 4, C),
        ("majority", "LPC", "minority", C),  # "gouvernement minoritaire"
        ("turnout direction", None, "up", C),  # "en hausse par rapport à 2021"
        ("turnout", None, 69.0, C),  # "environ 69 %": 68.95 %
    ]


def test_english_html_2021(check):
    result = check("trudeau_2021_en.html")
    assert result.election.id == "2021"
    assert table(result) == [
        ("seats", "LPC", 159, W),  # 160
        ("consecutive terms", "LPC", 3, C),  # 2015, 2019, 2021
        ("majority", "LPC", "minority", C),  # no party named: the largest
        ("house size", None, 338, C),
        ("rank", "CPC", 2, C),
        ("seats", "CPC", 119, C),
        ("rank", "CPC", 1, C),  # "won the popular vote"
        ("vote share", "CPC", 33.7, C),
        ("vote share", "LPC", 32.6, C),
        ("seat change", "NDP", 1, C),  # 24 in 2019 -> 25
        ("seats", "NDP", 25, C),  # "to finish with 25"
        ("seats", "BQ", 32, C),
        ("seats", "GPC", 2, C),  # "reduced to two seats": 3 in 2019
        ("vote share", "GPC", 5.0, W),  # "about 5 per cent": 2.33 %
        ("vote share", "PPC", 4.9, C),
        ("turnout direction", None, "down", C),  # 62.56 % after 67.04 %
        ("turnout", None, 62.6, C),
        ("turnout", None, 67.0, C),  # "67 per cent in 2019": checked against 2019
    ]
    by_kind = {(c.claim.kind.value, c.claim.stated): c for c in result.claims}
    assert by_kind[("turnout", 67.0)].claim.refers_to == "2019"
    assert by_kind[("turnout", 67.0)].official == 67.04


def test_french_html_2025(check):
    result = check("carney_bloc_fr.html")
    assert result.election.id == "2025"
    assert table(result) == [
        ("majority", "LPC", "minority", C),  # headline "les libéraux minoritaires"
        ("seats", "BQ", 23, CL),  # "chuté à environ 23 sièges"
        ("majority", "LPC", "minority", C),
        ("vote share", "LPC", 43.8, C),
        ("seats", "LPC", 170, CL),  # "environ 170 sièges"
        ("house size", None, 343, C),  # "sur les 343"
        ("majority threshold", None, 172, C),
        ("seat change", "BQ", -12, C),  # 34 (2021t) -> 22
        ("seats", "NDP", 7, C),
        ("seats", "CPC", 144, C),
    ]


def test_html_boilerplate_and_link_lists_are_not_read(check):
    result = check("trudeau_2021_en.html")
    text = result.article.text
    assert "You may also like" not in text
    assert "Advertisement" not in text
    assert "119-seat result" not in text  # a link title under "You may also like"
    assert "reader poll" not in text  # the aside
    assert "Subscribe" not in text
    assert "All rights reserved" not in text
    french = check("carney_bloc_fr.html").article.text
    assert "À lire aussi" not in french
    assert "Les 22 députés du Bloc" not in french
    assert "Publicité" not in french


def test_seat_change_says_which_baseline_matched(check):
    result = check("carney_minority_en.txt")
    ndp = next(c for c in result.claims if c.claim.kind.value == "seat change")
    assert ndp.compared_with == "2021t"
    assert "2021: -18" in ndp.note
    french = check("carney_mandat_fr.txt")
    cpc = next(c for c in french.claims if c.claim.kind.value == "seat change")
    assert cpc.compared_with == "2021"
    assert cpc.official == 25
    assert "2021t: 18" in cpc.note


def test_quotes_are_the_sentences_of_the_article(check):
    result = check("carney_minority_en.txt")
    for c in result.claims:
        assert c.claim.text in c.claim.quote
        assert c.claim.quote in " ".join(result.article.text.split())
        assert c.source.startswith("Elections Canada")


def test_english_wire_story_2025(check):
    """A wire story in the usual style: every figure right, four that cannot be checked."""
    result = check("wire_story_en.txt")
    assert table(result) == [
        ("majority", "LPC", "minority", C),  # "minority government"
        ("seats", "LPC", 169, C),  # "won 169 of the country's 343 seats"
        ("house size", None, 343, C),
        ("majority threshold", None, 172, C),  # "needed 172 seats to form a majority"
        ("rank", "CPC", 2, C),  # "will form the Official Opposition"
        ("seats", "CPC", 144, C),
        ("seat change", "CPC", 25, C),  # "a gain of 25 seats from the 2021 election": 119 -> 144
        ("vote share", "CPC", 41.3, C),
        ("seats", "BQ", 22, C),
        ("previous seats", "BQ", 33, U),  # "down from 33 at dissolution"
        ("seats", "NDP", 7, C),
        ("rank", "NDP", 3, U),  # "finished third in his own riding": one riding
        ("vote share", "NDP", 6.3, C),
        ("vote share", "NDP", 17.8, C),  # "17.8 per cent in 2021": checked against 2021
        ("turnout direction", None, "up", C),  # "up from 62.6 per cent in 2021"
        ("turnout", None, 69.0, C),  # "about 69 per cent": 68.95 %
        ("turnout", None, 62.6, C),  # "62.6 per cent in 2021"
        ("consecutive terms", "LPC", 4, C),  # "fourth straight election win"
    ]
    notes = {c.claim.text: c.note for c in result.claims}
    assert "dissolution" in notes["down from 33"]
    assert "one riding" in notes["finished third"]


def test_french_news_dispatch_2025(check):
    """A French dispatch: a province-level paragraph ("Au Québec, ...") is checked against Quebec."""
    result = check("depeche_fr.txt")
    assert table(result) == [
        ("majority", "LPC", "minority", C),
        ("seats", "LPC", 169, C),  # "169 députés"
        ("seats short", "LPC", 3, C),  # "trois de moins que les 172 nécessaires"
        ("majority threshold", None, 172, C),
        ("house size", None, 343, C),  # "compte désormais 343 sièges"
        ("rank", "CPC", 2, C),  # "l'opposition officielle"
        ("seats", "CPC", 144, C),
        ("vote share", "CPC", 41.0, C),  # "près de 41 %": 41.31 %
        ("seat change", "CPC", 25, C),  # "un gain de 25 sièges par rapport à 2021"
        ("seats", "BQ", 22, C),  # "22 des 78 sièges de la province"
        ("house size", None, 78, C),  # Quebec's 78 seats
        ("previous seats", "BQ", 32, C),  # "contre 32 en 2021"
        ("seats", "LPC", 44, C),  # "44 circonscriptions au Québec"
        ("seats", "NDP", 7, C),  # "il ne conserve que sept sièges": "il" is the NDP
        ("seat change", "NDP", -17, C),
        ("vote share", "NDP", 6.3, C),
        ("turnout", None, 69.0, C),  # "environ 69 %": 68.95 %
        ("consecutive terms", "LPC", 4, C),
    ]
    quebec = [c for c in result.claims if c.claim.province == "QC"]
    assert [(c.claim.party.value if c.claim.party else None, c.official) for c in quebec] == [
        ("BQ", 22), (None, 78), ("BQ", 32), ("LPC", 44)]
