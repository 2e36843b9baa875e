"""Fact-checking election coverage: find every seat, vote and turnout claim and mark it.

An article (HTML or plain text) is reduced to its readable paragraphs, each read once
(:mod:`~seatcast.factcheck.extract`); its sentences are searched for claims in English or
French (:mod:`~seatcast.factcheck.claims`, :mod:`~seatcast.factcheck.patterns`, each sentence's
clauses and context words read once by :mod:`~seatcast.factcheck.context`); the election is
inferred from the text unless given (:mod:`~seatcast.factcheck.infer`); and each claim is marked
correct, close, wrong or cannot be checked against the official results
(:mod:`~seatcast.factcheck.verdicts`; one riding's count stages through
:mod:`~seatcast.factcheck.ridings`).

>>> import seatcast
>>> from seatcast.factcheck import check_text
>>> elections = {k: seatcast.load(k) for k in seatcast.election_ids()}
>>> report = check_text("The Bloc fell to about 23 seats in the 343-seat House.", elections)
>>> [(c.claim.kind.value, c.verdict.value, c.official) for c in report.claims]
[('seats', 'close', 22), ('house size', 'correct', 343)]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from seatcast.domain.house import Standings
from seatcast.domain.results import Election
from seatcast.errors import UnknownElectionError
from seatcast.factcheck.claims import Claim, detect_language, find_claims
from seatcast.factcheck.extract import Article, extract_article, sentences_once
from seatcast.factcheck.infer import Inference, infer_election
from seatcast.factcheck.lexicon import Lang
from seatcast.factcheck.patterns import Kind
from seatcast.factcheck.verdicts import CheckedClaim, Checker, Verdict


@dataclass(frozen=True)
class FactCheck:
    """The outcome for one article."""

    article: Article
    lang: Lang
    election: Election
    inference: Inference
    claims: tuple[CheckedClaim, ...]

    def counts(self) -> dict[str, int]:
        c = Counter(x.verdict for x in self.claims)
        return {v.value: c.get(v, 0) for v in Verdict}


def check_article(article: Article, elections: Mapping[str, Election], *,
                  election: str | None = None, house: Standings | None = None,
                  progress: Callable[[int, int], None] | None = None) -> FactCheck:
    """Find and check every claim of ``article`` against ``elections`` (id -> Election); claims
    about the House as it stands ("now hold 171 seats") against ``house``, the standings on
    the article's day.

    ``progress``, when given, is called as ``progress(characters read, characters in all)`` after
    each sentence (the time goes into reading sentences, in proportion to their length).
    An election without a polling day (a user's file that does not say) cannot be placed in
    time, so it is not among those checked against."""
    elections = {k: e for k, e in elections.items() if e.date is not None}
    text = article.text
    lang = detect_language(text)
    if election is not None:
        key = str(election).strip().lower()
        if key not in elections:
            known = ", ".join(elections)
            raise UnknownElectionError(f"unknown election {election!r} (built in: {known})")
        inference = Inference(key, True, ())
    else:
        inference = infer_election(text, elections, article.published)
    target = elections[inference.election]
    sentences = sentences_once(article)
    tick = None
    if progress is not None:
        total = sum(len(s) for _, s in sentences)
        done = 0

        def tick(n: int) -> None:
            nonlocal done
            done += n
            progress(done, total)

    claims: list[Claim] = find_claims(sentences, lang, progress=tick)
    checker = Checker(target, elections, house)
    return FactCheck(article, lang, target, inference, tuple(checker.check_all(claims)))


def check_text(content: str, elections: Mapping[str, Election], *, election: str | None = None,
               html: bool | None = None, progress: Callable[[int, int], None] | None = None) -> FactCheck:
    """:func:`check_article` on raw content (HTML or plain text, guessed unless ``html`` is given)."""
    return check_article(extract_article(content, html=html), elections, election=election, progress=progress)


__all__ = ["Article", "CheckedClaim", "Claim", "FactCheck", "Kind", "Verdict", "check_article",
           "check_text", "extract_article"]
