"""An article that repeats itself reports each claim once."""

from __future__ import annotations

from collections import Counter

from tests.support.articles import ARTICLES

BODY = """Mark Carney's Liberals won approximately 168 seats, falling short of a majority in the
343-seat House of Commons.

The Bloc fell to about 23 seats, while the NDP was reduced to just 7 seats."""


def keys(result):
    return [(c.claim.kind, c.claim.party, c.claim.stated, c.claim.quote) for c in result.claims]


def test_repeated_paragraphs_are_read_once(check):
    once = check(BODY, "2025")
    doubled = check(BODY + "\n\n" + BODY + "\n\n" + BODY.upper().lower(), "2025")
    assert len(once.claims) == 5
    assert keys(doubled) == keys(once)


def test_a_sentence_repeated_inside_another_paragraph_is_read_once(check):
    text = BODY + "\n\nIn short: The Bloc fell to about 23 seats, while the NDP was reduced to just 7 seats."
    result = check(text, "2025")
    counts = Counter((c.claim.kind, c.claim.party, c.claim.stated) for c in result.claims)
    assert all(n == 1 for n in counts.values()), counts


def test_repeats_in_html_with_different_markup_are_read_once(check):
    para = "<p>The Bloc fell to about 23 seats, while the NDP was reduced to just 7 seats.</p>"
    html = ("<html><body><article><h1>Results</h1>" + para
            + "<p>The <b>Bloc</b> fell to about 23 seats, while the <i>NDP</i> was reduced to just 7 seats.</p>"
            + para + "</article></body></html>")
    result = check(html, "2025")
    assert [(c.claim.party.value, c.claim.stated) for c in result.claims] == [("BQ", 23), ("NDP", 7)]


def test_every_test_article_reports_each_claim_once(check):
    for path in sorted(ARTICLES.iterdir()):
        result = check(path.name)
        counts = Counter(c.claim.key for c in result.claims)
        assert max(counts.values()) == 1, path.name
