"""Article text: HTML through trafilatura, boilerplate and link lists out, repeats read once."""

from __future__ import annotations

import pytest

from seatcast.errors import SeatcastError
from seatcast.factcheck.extract import (
    clean_lines,
    extract_article,
    looks_like_html,
    sentences_once,
    split_sentences,
)


def test_plain_text_paragraphs_are_joined_and_boilerplate_dropped():
    text = ("Headline here\n\nThe Liberals won 169 seats\nin the election.\n\nAdvertisement\n\n"
            "Related stories\n- Poilievre loses seat\n- What comes next\n\n"
            "The Bloc fell to 22 seats in a night of losses for the party across Quebec.\n"
            "Share this article\n© 2025 Example News\n")
    article = extract_article(text)
    assert article.paragraphs == (
        "Headline here",
        "The Liberals won 169 seats in the election.",
        "The Bloc fell to 22 seats in a night of losses for the party across Quebec.",
    )
    assert article.dropped == 6


def test_a_link_list_ends_at_the_next_line_of_prose():
    kept, _ = clean_lines(["You may also like", "Carney names cabinet", "Singh steps down",
                           "The NDP, reduced to seven seats, lost official party status in the House."])
    assert kept == ["The NDP, reduced to seven seats, lost official party status in the House."]


def test_repeated_paragraphs_differing_in_case_spacing_or_accents_are_dropped():
    kept, dropped = clean_lines(["Le Bloc québécois a obtenu 22 sièges.", "Le  Bloc Quebecois a obtenu 22 sieges.",
                                 "LE BLOC QUÉBÉCOIS A OBTENU 22 SIÈGES"])
    assert kept == ["Le Bloc québécois a obtenu 22 sièges."]
    assert dropped == 2


def test_html_goes_through_the_extractor():
    html = """<html><head><title>Results</title></head><body>
    <nav><a href="/">Home</a> <a href="/news">News</a></nav>
    <article><h1>Liberals win</h1>
    <p>The Liberals won 169 seats, three short of the 172 needed for a majority in the House.</p>
    <p>The Liberals won 169 seats, three short of the 172 needed for a majority in the House.</p>
    <h2>You may also like</h2><ul><li><a href="/x">Poilievre loses Carleton</a></li></ul>
    </article><footer>© 2025 Example</footer></body></html>"""
    article = extract_article(html)
    assert article.paragraphs == (
        "Liberals win",
        "The Liberals won 169 seats, three short of the 172 needed for a majority in the House.",
    )
    assert article.title in ("Liberals win", "Results")


def test_a_very_short_html_page_is_still_read():
    article = extract_article("<html><body><p>The NDP won 7 seats.</p></body></html>")
    assert "The NDP won 7 seats." in article.text


@pytest.mark.parametrize("content", ["", "   \n\n  ", "<html><body><nav><a href='/'>Home</a></nav></body></html>",
                                     "Advertisement\n\nShare this article\n"])
def test_nothing_readable_is_an_error(content):
    with pytest.raises(SeatcastError):
        extract_article(content)


def test_html_is_recognised():
    assert looks_like_html("<!DOCTYPE html><html><body></body></html>")
    assert looks_like_html("  <div><p>x</p></div>")
    assert not looks_like_html("The Liberals won 169 seats <for now>.")


@pytest.mark.parametrize(("paragraph", "sentences"), [
    ("The Liberals won 43.8 per cent. The Conservatives won 41.3 per cent.",
     ["The Liberals won 43.8 per cent.", "The Conservatives won 41.3 per cent."]),
    ("Mr. Carney spoke at 11 p.m. Eastern. He thanked voters.",
     ["Mr. Carney spoke at 11 p.m. Eastern.", "He thanked voters."]),
    ("M. Blanchet a parlé. Le Bloc a obtenu 22 sièges.", ["M. Blanchet a parlé.", "Le Bloc a obtenu 22 sièges."]),
    ('"We won," he said. "Now we govern."', ['"We won," he said.', '"Now we govern."']),
    ("The vote was held on Apr. 28. Results came overnight.",
     ["The vote was held on Apr. 28.", "Results came overnight."]),
])
def test_sentences(paragraph, sentences):
    assert split_sentences(paragraph) == sentences


def test_sentences_once_skips_a_sentence_already_read():
    article = extract_article("The NDP won 7 seats. The Bloc won 22.\n\nIndeed. The NDP won 7 seats.")
    assert [s for _, s in sentences_once(article)] == ["The NDP won 7 seats.", "The Bloc won 22.", "Indeed."]
