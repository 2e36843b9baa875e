"""Finding checkable claims in sentences: seats, house size, majority, rank, shares, turnout, terms.

A claim is a number (or a word such as "minority" or "fourth consecutive") that the official
results can confirm, attached to the party it is about.  Each sentence is matched against the
patterns of its language (:mod:`seatcast.factcheck.patterns`), most specific first; a number
that one pattern has claimed is not claimed again by a looser one, so "three seats short of a
majority" is one seats-short claim, not also a seat count of three.

The party is the nearest mention in the same clause (before the number first: "Mark Carney's
Liberals won 169 seats"; after it for "169 seats for the Liberals"); a sentence whose subject is
a pronoun ("The party fell to 22") takes the subject of the sentence before.  Words around the
number say when it is not about this election's result: "in 2021" or "at dissolution" (another
time), "projected" or "polls" (a forecast), "in Quebec" (one province); those words are found
once per sentence (:mod:`seatcast.factcheck.context`), so a claim-dense paragraph is read in time
linear in its length.  A figure no result can be ("-5 seats", "1e9 seats", "250 %") is kept as a
claim that says why, and its digits are not read again as "5" or "9".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import cache

from seatcast.domain.parties import Party
from seatcast.factcheck.context import YEAR_REF, Sentence, clause_bounds, party_for
from seatcast.factcheck.extract import normalise_spaces
from seatcast.factcheck.lexicon import (
    Hedge,
    Lang,
    PartyMention,
    decimals_of,
    number_regex,
    ordinal_regex,
    parse_decimal,
    parse_hedge,
    parse_number,
    parse_ordinal,
    parse_votes,
)
from seatcast.factcheck.patterns import PATTERNS, Kind, Pattern

__all__ = ["QUOTE_MAX", "Claim", "claims_in_sentence", "clause_bounds", "detect_language", "find_claims",
           "party_for"]


@dataclass(frozen=True, slots=True)
class Claim:
    """One checkable statement, as written, with what it states."""

    kind: Kind
    text: str  # the words of the claim, e.g. "fell to about 23"
    quote: str  # the sentence it stands in (around the claim only, in a sentence over QUOTE_MAX)
    stated: int | float | str  # seats, a percentage (43.8), "majority"/"minority", "up"/"down", votes
    party: Party | None = None
    party_text: str | None = None  # how the party was named, e.g. "Mark Carney's Liberals"
    party_implied: bool = False  # no party named: the claim is about the largest party
    hedge: Hedge = Hedge.EXACT
    hedge_text: str | None = None
    direction: str | None = None  # "up"/"down" when the claim also says the count moved
    measure: str = "seats"  # what a rank is by: "seats" or "votes"
    decimals: int = 0  # decimals written in a percentage, for rounding
    refers_to: str | None = None  # "previous", "dissolution", "projection", "now", or a year
    province: str | None = None  # province code (or ATL, PR, NO) when the claim is about one place
    paragraph: int = 0
    lang: Lang = Lang.EN
    #: Why the figure cannot be a result ("-5 seats", "1e9 seats", "250 %"); ``stated`` is then the
    #: number as written.
    invalid: str | None = None
    #: Riding claims: the phrases that may name the riding, nearest first ("Terrebonne"), and the
    #: words of the clause before the claim, where a candidate may be named ("Jonathan Rowe").
    places: tuple[str, ...] = ()
    who: str = ""

    @property
    def key(self) -> tuple[object, ...]:
        """What makes two claims the same claim (for reporting each once): the same words stating
        the same figure, wherever they stand ("OTTAWA — ..." in the lede, "In short: ..." later)."""
        return (self.kind, self.party, self.stated, self.hedge, self.direction, self.measure,
                self.refers_to, self.province, " ".join(self.text.lower().split()),
                " ".join(self.who.lower().split()[-4:]))  # a riding claim's candidate


# --- finding ----------------------------------------------------------------------------------


def detect_language(text: str) -> Lang:
    """English or French, by counting a few very common function words."""
    words = re.findall(r"[a-zàâçéèêëîïôûùüÿœ']+", text.lower())
    fr = sum(w in {"le", "la", "les", "des", "du", "et", "est", "une", "sièges", "dans", "pour", "qui"}
             for w in words)
    en = sum(w in {"the", "and", "of", "to", "in", "was", "were", "seats", "with", "for", "that"}
             for w in words)
    return Lang.FR if fr > en else Lang.EN


def find_claims(sentences: Iterable[tuple[int, str]], lang: Lang,
                progress: Callable[[int], None] | None = None) -> list[Claim]:
    """Every claim in the sentences (each given with its paragraph index), each reported once.
    ``progress``, when given, is called with the length of each sentence once it is read."""
    out: list[Claim] = []
    seen: set[tuple[object, ...]] = set()
    previous_subject: PartyMention | None = None
    for para, sentence in sentences:
        claims, subject = claims_in_sentence(sentence, lang, para, previous_subject, progress=progress)
        if subject is not None:
            previous_subject = subject
        for c in claims:
            if c.key not in seen:
                seen.add(c.key)
                out.append(c)
    return out


class _Taken:
    """Characters of a sentence already claimed: overlap test and marking cost a span's length,
    not the number of claims found so far."""

    __slots__ = ("_used",)

    def __init__(self, size: int) -> None:
        self._used = bytearray(size)

    def overlaps(self, span: tuple[int, int]) -> bool:
        return self._used.find(1, span[0], span[1]) >= 0

    def add(self, span: tuple[int, int]) -> None:
        self._used[span[0]:span[1]] = b"\x01" * (span[1] - span[0])


def claims_in_sentence(sentence: str, lang: Lang, paragraph: int = 0,
                       previous_subject: PartyMention | None = None, *,
                       progress: Callable[[int], None] | None = None
                       ) -> tuple[list[Claim], PartyMention | None]:
    """The claims of one sentence, and the party it is about (its first party mention).
    ``progress`` is called with parts of the sentence's length adding up to all of it, pattern by
    pattern (a run-on paragraph of 100 KB is one sentence)."""
    s = Sentence(normalise_spaces(sentence))
    text = s.text
    quote = sentence.strip()
    taken = _Taken(len(text))
    # "three seats short of a majority", "needed 172 seats to form a majority": no majority claim
    short_spans = _Taken(len(text))
    direction_found = False
    found = _nonsense(s, quote, lang, paragraph, taken)
    patterns = PATTERNS[lang]
    reported = 0
    for i, pattern in enumerate(patterns):
        if progress is not None:
            share = len(sentence) * i // len(patterns)
            progress(share - reported)
            reported = share
        for m in pattern.regex.finditer(text):
            groups = m.groupdict()
            key = m.span("n") if groups.get("n") is not None else (
                m.span("verb") if groups.get("verb") is not None else m.span())
            if taken.overlaps(key):
                continue
            if pattern.kind is Kind.MAJORITY and short_spans.overlaps(m.span()):
                continue
            if pattern.kind in (Kind.TURNOUT_DIRECTION, Kind.TURNOUT_CHANGE) and direction_found:
                continue  # "Turnout fell to 62.6 per cent, down from 67": one direction
            claims = _build(pattern, m, s, quote, lang, paragraph, previous_subject)
            if not claims:
                continue
            taken.add(key)
            if pattern.kind in (Kind.SEATS_SHORT, Kind.MAJORITY_THRESHOLD) and pattern.marks_short:
                short_spans.add(m.span())
            if pattern.kind is Kind.SEATS and m.groupdict().get("prev"):
                taken.add(m.span("prev"))
            for c in claims:
                direction_found = direction_found or c.kind in (Kind.TURNOUT_DIRECTION, Kind.TURNOUT_CHANGE)
                found.append((m.start(), c))
    found += _gapped(s, quote, lang, paragraph, taken, [c for _, c in found])
    if progress is not None:
        progress(len(sentence) - reported)
    found.sort(key=lambda t: t[0])
    if len(quote) > QUOTE_MAX:
        found = [(at, replace(c, quote=_excerpt(text, at, c.text))) for at, c in found]
    subject = s.mentions[0] if s.mentions else None
    return [c for _, c in found], subject


#: A sentence longer than this (a claim-dense run-on paragraph) is quoted around each claim only,
#: so that a report stays proportional to the article rather than to claims × sentence length.
QUOTE_MAX = 1000
_EXCERPT = 300  # characters kept on either side of the claim


def _excerpt(text: str, at: int, words: str) -> str:
    """The words of a claim found at or after ``at`` in ``text``, with up to ``_EXCERPT`` characters
    on either side, cut at spaces and marked with an ellipsis where the sentence goes on."""
    start = text.find(words, at)
    if start < 0:
        start = at
    end = start + len(words)
    a, b = max(0, start - _EXCERPT), min(len(text), end + _EXCERPT)
    if a > 0:
        space = text.find(" ", a, start)
        a = space + 1 if space >= 0 else start
    if b < len(text):
        space = text.rfind(" ", end, b)
        b = space if space >= 0 else end
    return ("… " if a > 0 else "") + text[a:b].strip() + (" …" if b < len(text) else "")


_SEAT_UNIT = r"seats?|sièges?|ridings?|circonscriptions?"
#: A word after which a year is an adjective ("their 2021 seats", "ses sièges de 2021").
_DETERMINER_BEFORE = re.compile(r"\b(?:the|its|their|his|her|our|of|in|from|since|le|la|les|des|ses|"
                                r"leurs|en|de|du|depuis)\s+$", re.IGNORECASE)
_PCT_UNIT = r"%|per\s*cent|percent|pour\s*cent|p\.\s*100"


@cache
def _number_unit_regex(lang: Lang) -> re.Pattern[str]:
    """A number in any written form (a sign, decimals, separators, an exponent) before a seat or
    percent unit: what the claim patterns read, and what they must not read as something else."""
    spaced = r"\d{1,3}(?:\s\d{3})+(?!\d)|" if lang is Lang.FR else ""  # "1 000 sièges"
    return re.compile(
        rf"(?<![\w.,−-])(?P<num>(?P<sign>[-−])?(?P<body>{spaced}\d+(?:[.,]\d+)*(?:e[+-]?\d+)?))"
        rf"\s*(?:(?P<pct>{_PCT_UNIT})|(?P<seats>{_SEAT_UNIT}))(?![\w-])", re.IGNORECASE)


def _value(body: str, lang: Lang) -> float | None:
    """A number as written: "1,000" and "1 000" / "1.000" are thousands where the groups are three
    digits, else the separator is a decimal mark ("22.5", "22,5")."""
    thousands = r"\d{1,3}(?:,\d{3})+" if lang is Lang.EN else r"\d{1,3}(?:[ .]\d{3})+"
    digits = re.sub(r"[^\d]", "", body) if re.fullmatch(thousands, body) else body.replace(",", ".")
    try:
        return float(digits)
    except ValueError:
        return None


def _invalid(raw: str, sign: str | None, body: str, percent: bool, lang: Lang, year_before: bool = False
             ) -> str | None:
    """Why a number written before "seats" or "%" cannot be a result (``None``: it can, or it is
    not a figure at all: in "their 2021 seats", ``year_before``, 2021 is a year)."""
    unit = "a percentage" if percent else "a seat count"
    if "e" in body.lower():
        return f"“{raw}” is not a plain number (an exponent), so not {unit}"
    if sign:
        what = "share or turnout" if percent else "seat count (a change reads \"lost 5 seats\")"
        return f"“{raw}” is a negative number: not a {what}"
    if year_before and re.fullmatch(r"(?:18[6-9]|19\d|20\d)\d", body):
        return None  # a year used as an adjective: "compared with its 2021 seats"
    value = _value(body, lang)
    if value is None:
        return f"“{raw}” is not a number"
    if percent:
        return f"{raw} % is more than 100 %" if value > 100 else None
    if value != int(value):
        return f"“{raw} seats” is not a whole number of seats"
    if value > 999 or not body.isdigit():
        return f"{raw} seats is more than any House of Commons has"
    return None


def _nonsense(s: Sentence, quote: str, lang: Lang, paragraph: int, taken: _Taken) -> list[tuple[int, Claim]]:
    """Seat counts and percentages that no result can be ("-5 seats", "1e9 seats", "turnout was 250
    %"): reported as such, and their digits kept from the claim patterns (never read as 5 or 9)."""
    out: list[tuple[int, Claim]] = []
    for m in _number_unit_regex(lang).finditer(s.text):
        percent = m.group("pct") is not None
        determiner = bool(_DETERMINER_BEFORE.search(s.text, max(0, m.start() - 20), m.start()))
        reason = _invalid(m.group("num"), m.group("sign"), m.group("body"), percent, lang, determiner)
        if reason is None:
            continue
        start, end = m.span()
        taken.add(m.span("num"))
        kind = Kind.TURNOUT if percent and s.is_turnout(start) else Kind.VOTE_SHARE if percent else Kind.SEATS
        mention = None if kind is Kind.TURNOUT else s.party_for(start, end)
        refers, province = s.context(start, end)
        out.append((start, Claim(kind=kind, text=m.group(0), quote=quote, stated=m.group("num"),
                                 party=mention.party if mention else None,
                                 party_text=mention.text if mention else None, refers_to=refers,
                                 province=province, paragraph=paragraph, lang=lang, invalid=reason)))
    return out


@cache
def _gap_regex(lang: Lang) -> re.Pattern[str]:
    number = number_regex(lang)
    ordinal = ordinal_regex(lang)
    return re.compile(rf"(?:'s)?\s*(?:(?P<rank>{ordinal})\s+)?(?:with\s+|avec\s+|at\s+|à\s+|:\s*)?"
                      rf"(?P<n>{number})(?:\s+(?:seats?|sièges?))?" + _NOT_COUNT_AFTER, re.IGNORECASE)


def _gapped(s: Sentence, quote: str, lang: Lang, paragraph: int, taken: _Taken,
            claims: list[Claim]) -> list[tuple[int, Claim]]:
    """Counts listed after a first one with the verb left out: "The Liberals won 169 seats, the
    Conservatives 144, the Bloc 22 and the NDP 7" / "les conservateurs 144"."""
    # The listed counts share the first one's time and place ("In 2021, ...", "In Quebec, ...").
    first = next((c for c in claims if c.kind is Kind.SEATS), None)
    if first is None:
        return []
    text = s.text
    gap = _gap_regex(lang)
    out: list[tuple[int, Claim]] = []
    for mention in s.mentions:
        m = gap.match(text, mention.end)
        if not m or mention.leader or not _LIST_ITEM_START.search(
                text, max(0, mention.start - _LIST_WINDOW), mention.start):
            continue
        span = m.span("n")
        if taken.overlaps(span):
            continue
        taken.add(span)
        words = text[mention.start:m.end()]
        seats = replace(first, text=words, quote=quote, stated=parse_number(m.group("n"), lang),
                        party=mention.party, party_text=mention.text, party_implied=False, hedge=Hedge.EXACT,
                        hedge_text=None, direction=None, paragraph=paragraph, lang=lang)
        out.append((mention.start, seats))
        if m.group("rank"):
            rank = parse_ordinal(m.group("rank"), lang)
            out.append((mention.start, replace(seats, kind=Kind.RANK, stated=rank, measure="seats")))
    return out


def _stated(pattern: Pattern, m: re.Match[str], lang: Lang) -> int | float | str:
    raw = m.groupdict().get("n") or ""
    if pattern.value == "number":
        return parse_number(raw, lang)
    if pattern.value == "decimal":
        return parse_decimal(raw)
    if pattern.value == "ordinal":
        return parse_ordinal(raw, lang)
    if pattern.value == "votes":
        return parse_votes(raw, lang)
    return int(pattern.value) if pattern.value.isdigit() else pattern.value


_BY_VOTES = re.compile(
    r"[^.;]{0,12}?\b(?:in|by|on|au|en|dans le|pour le)\s+(?:the\s+)?(?:popular\s+vote|votes?|"
    r"vote\s+share|vote\s+populaire|(?:nombre\s+de\s+)?voix|suffrages)\b", re.IGNORECASE)
_OF_SEATS = re.compile(r"\s*(?:of (?:the )?seats|des sièges|of (?:the )?ridings)", re.IGNORECASE)
_POINTS = re.compile(r"\s*(?:percentage )?points?\b|\s*points? de pourcentage", re.IGNORECASE)
_SEAT_WORD = re.compile(r"seat|siège", re.IGNORECASE)


def _build(pattern: Pattern, m: re.Match[str], s: Sentence, quote: str, lang: Lang, paragraph: int,
           previous_subject: PartyMention | None) -> list[Claim]:
    groups = m.groupdict()
    if groups.get("n") is None and pattern.value in ("number", "decimal", "ordinal"):
        return []
    text = s.text
    stated = _stated(pattern, m, lang)
    start, end = m.span()
    riding_level = pattern.kind in (Kind.RIDING_MARGIN, Kind.RIDING_VOTES)
    mention, linked = s.party_of(start, end, link=not riding_level) if pattern.needs_party else (None, False)
    c0 = s.clause_start(start)
    if mention is None and pattern.needs_party and s.pronoun_subject(c0, start):
        # "The party fell to 22", "il ne conserve que sept sièges": the subject named before.
        mention = s.mentions_before(c0) or previous_subject
    # "43.8 per cent, compared with 41.3 per cent for the Conservatives": a party named after the
    # figure makes "compared with" / "contre" a comparison at the same election, not with the last.
    refers, province = s.context(start, end, same_time=linked)
    direction = pattern.direction
    verb = groups.get("verb") or groups.get("verb2")
    if verb:
        direction = pattern.direction_of(verb)
    hedge_text = groups.get("hedge")
    kind = pattern.kind
    measure = "votes" if pattern.kind is Kind.RANK and "vote" in m.group(0).lower() else "seats"
    measure = "votes" if pattern.kind is Kind.RANK and _BY_VOTES.match(text[end:end + 200]) else measure
    if kind is Kind.PREVIOUS_SEATS and refers in (None, "previous"):
        year = YEAR_REF.search(m.group(0))
        refers = year.group("year") if year else "previous"
    if kind is Kind.VOTE_SHARE:
        if _OF_SEATS.match(text, end):
            return []  # a share of seats, not of votes
        if _POINTS.match(text, end):
            return []  # a change in share ("up 11 points"), not a share
        if s.is_turnout(start):
            kind = Kind.TURNOUT
            mention = None
        elif mention is None:
            return []  # "12 per cent of Canadians": not about a party
    if kind is Kind.SEAT_CHANGE and direction == "down":
        stated = -int(stated)
    places: tuple[str, ...] = ()
    who = ""
    if kind in (Kind.RIDING_MARGIN, Kind.RIDING_VOTES):
        places = s.riding_places(start, end, groups.get("riding"))
        if kind is Kind.RIDING_VOTES and not places:
            return []  # "8,595,488 votes" with no riding: a national total, not checked
        who = text[max(c0, start - 150):start].strip()
        refers = refers if refers not in ("riding", "area") else None
        province = None
    if kind is Kind.TURNOUT_CHANGE:
        if direction is None:
            return []
        stated = -float(stated) if direction == "down" else float(stated)
        refers = None
    words = m.group(0).strip()
    if kind is Kind.TURNOUT_DIRECTION:
        if direction is None:
            return []
        stated = direction
        refers = None  # "down from 67 per cent in 2019" compares with the previous election
        if len(words) > 40 and verb:
            words = text[m.start("verb"):m.end()]  # "up from 62.6 per cent", not the whole clause
    party = mention.party if mention else None
    if kind is Kind.SEATS and _THRESHOLD_NEAR.search(text[max(0, start - 25):min(len(text), end + 25)]):
        return []  # "the 12 needed for official party status", "qui exige 12 sièges": a threshold
    if kind is Kind.SEATS and party is None and not _SEAT_WORD.search(m.group(0)):
        return []  # "in 12 ridings", "169 MPs" with no party: not a party's seat count
    implied = False
    if pattern.needs_party and party is None and pattern.default_winner:
        implied = True
    claim = Claim(
        kind=kind, text=words, quote=quote, stated=stated, party=party,
        party_text=mention.text if mention else None, party_implied=implied,
        hedge=parse_hedge(hedge_text, lang), hedge_text=hedge_text, direction=direction,
        measure=measure, decimals=decimals_of(groups["n"]) if pattern.value == "decimal" else 0,
        refers_to=refers, province=province, paragraph=paragraph, lang=lang, places=places, who=who,
    )
    claims = [claim]
    prev = groups.get("prev")
    if prev is not None:
        # "from 25 to 7 seats": the first number is the party's previous count.
        year = YEAR_REF.search(m.group(0))
        prev_refers = claim.refers_to if claim.refers_to not in (None, "projection") else (
            year.group("year") if year else "previous")
        claims.insert(0, replace(claim, kind=Kind.PREVIOUS_SEATS, stated=parse_number(prev, lang),
                                 hedge=Hedge.EXACT, hedge_text=None, direction=None,
                                 refers_to=prev_refers))
        claims[1] = replace(claim, refers_to=None if claim.refers_to != "projection" else "projection",
                            direction="down" if parse_number(prev, lang) > int(stated) else "up")
    return claims


_LIST_ITEM_START = re.compile(r"(?:^|,|\band|\bet)\s*(?:the\s+|les\s+|le\s+|la\s+|l')?$")
_LIST_WINDOW = 100  # the longest text _LIST_ITEM_START can match ("..., and the  ")
_NOT_COUNT_AFTER = (r"(?!\s*(?:%|per\s*cent|percent|pour\s*cent|points?|million|\.\d|,\d|votes|voix|"
                    r"years|ans|days|jours))(?![\w-])")
_THRESHOLD_NEAR = re.compile(
    r"\b(?:needed|required|requires|require|necessary|threshold|exige|exigent|nécessaires?|requis|seuil|"
    r"official\s+party\s+status|statut\s+de\s+parti)\b", re.IGNORECASE)
