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
time), "projected" or "polls" (a forecast), "in Quebec" (one province).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from seatcast.domain.geography import PROVINCES
from seatcast.domain.parties import Party
from seatcast.factcheck.extract import normalise_spaces
from seatcast.factcheck.lexicon import (
    Hedge,
    Lang,
    PartyMention,
    decimals_of,
    find_parties,
    number_regex,
    ordinal_regex,
    parse_decimal,
    parse_hedge,
    parse_number,
    parse_ordinal,
)
from seatcast.factcheck.patterns import PATTERNS, Kind, Pattern


@dataclass(frozen=True, slots=True)
class Claim:
    """One checkable statement, as written, with what it states."""

    kind: Kind
    text: str  # the words of the claim, e.g. "fell to about 23"
    quote: str  # the whole sentence it stands in
    stated: int | float | str  # seats, a percentage (43.8), "majority"/"minority", "up"/"down"
    party: Party | None = None
    party_text: str | None = None  # how the party was named, e.g. "Mark Carney's Liberals"
    party_implied: bool = False  # no party named: the claim is about the largest party
    hedge: Hedge = Hedge.EXACT
    hedge_text: str | None = None
    direction: str | None = None  # "up"/"down" when the claim also says the count moved
    measure: str = "seats"  # what a rank is by: "seats" or "votes"
    decimals: int = 0  # decimals written in a percentage, for rounding
    refers_to: str | None = None  # "previous", "dissolution", "projection", or a year
    province: str | None = None  # province code (or ATL, PR, NO) when the claim is about one place
    paragraph: int = 0
    lang: Lang = Lang.EN

    @property
    def key(self) -> tuple[object, ...]:
        """What makes two claims the same claim (for reporting each once): the same words stating
        the same figure, wherever they stand ("OTTAWA — ..." in the lede, "In short: ..." later)."""
        return (self.kind, self.party, self.stated, self.hedge, self.direction, self.measure,
                self.refers_to, self.province, " ".join(self.text.lower().split()))


# --- clause structure -------------------------------------------------------------------------

_CLAUSE_BREAK = re.compile(
    r";|:|\s[—–]\s|\((?!\d)|\)|\b(?:while|whereas|whilst|but|although|though|tandis que|alors que|"
    r"mais|pendant que|quand|lorsque|et que)\b|(?<!such )(?<!as many )(?<!as much )(?<!as well )\bas\b"
    r"(?!\s+(?:many|much|well|of|a|an|the\s+(?:largest|biggest|second|third|official)))",
    re.IGNORECASE)
_PRONOUN_SUBJECT = re.compile(
    r"^(?:the party|the bloc|they|it|its|their|le parti|la formation|ils|elle|il|le bloc)\b",
    re.IGNORECASE)
_AFTER_LINK = re.compile(r"^\s*(?:seats?|sièges?)?\s*(?:,\s*)?(?:for|pour|to|à|by|par|au|aux)\s+"
                         r"(?:the\s+|les\s+|le\s+|la\s+|l')?$", re.IGNORECASE)


def clause_bounds(text: str, pos: int) -> tuple[int, int]:
    """Start and end of the clause around ``pos`` (split at ;, —, "while", "but", ", and the X")."""
    cuts = [0, len(text)]
    for m in _CLAUSE_BREAK.finditer(text):
        cuts.append(m.start() if m.start() >= pos else m.end())
    # ", and the Bloc ..." / ", et le Bloc": a new subject starts a new clause.
    for m in re.finditer(r"(?:,\s*|\s)(?:and|et|with|avec)\s+(?=(?:the\s+|les\s+|le\s+|la\s+|"
        r"l')?[A-ZÀ-Ý])", text):
        cuts.append(m.start() if m.start() >= pos else m.end())
    start = max(c for c in cuts if c <= pos)
    end = min(c for c in cuts if c > pos) if any(c > pos for c in cuts) else len(text)
    return start, end


def party_for(text: str, mentions: list[PartyMention], start: int, end: int) -> PartyMention | None:
    """The party a claim spanning ``text[start:end]`` is about."""
    c0, c1 = clause_bounds(text, start)
    after = [m for m in mentions if m.start >= end and m.start < c1]
    if after and _AFTER_LINK.match(text[end:after[0].start]):
        return after[0]
    before = [m for m in mentions if m.end <= start and m.start >= c0]
    if before:
        # The last party named before the number; a leader's possessive names the party after it.
        last = before[-1]
        return last
    inside = [m for m in mentions if m.start >= start and m.end <= end]
    if inside:
        return inside[0]
    if after:
        return after[0]
    return None


# --- context words ----------------------------------------------------------------------------

_YEAR_REF = re.compile(
    r"\b(?:in|en|of|de|at|during|lors de|than in|qu'en|que lors de)\s+(?:the\s+|l'|la\s+|le\s+)?"
    r"(?:(?:general|federal)\s+election\s+(?:of|in)\s+|élection(?:s)?\s+(?:générale|fédérale)s?\s+de\s+)?"
    r"(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE)
_PREVIOUS_REF = re.compile(
    r"\b(?:(?:the\s+)?(?:last|previous|prior)\s+(?:federal\s+|general\s+)?(?:election|vote|campaign|"
    r"parliament)|"
    r"(?:la\s+)?(?:dernière|précédente)\s+(?:élection|législature)|(?:l')?(?:élection|"
    r"scrutin)\s+précédent(?:e)?|"
    r"(?:le\s+)?dernier\s+scrutin|previously|auparavant|before the election|avant (?:le scrutin|"
    r"l'élection))\b",
    re.IGNORECASE)
_DISSOLUTION_REF = re.compile(
    r"\b(?:at|before|à la|avant la|au moment de la)\s+(?:the\s+)?dissolution|\boutgoing\b|\bsortante?s?\b|"
    r"\bwhen (?:parliament|the house) was dissolved", re.IGNORECASE)
_RIDING_REF = re.compile(
    r"\b(?:in|dans)\s+(?:his|her|their|its|sa|son|leur)\s+(?:own\s+|propre\s+)?(?:riding|seat|constituency|"
    r"circonscription)|\b(?:in|dans)\s+the\s+riding\s+of|\bdans\s+la\s+circonscription\s+d", re.IGNORECASE)
#: Parts of a province that no built-in table adds up (cities, suburbs): not checkable as a whole.
_AREA_REF = re.compile(
    r"\b(?:in|across|au|dans|à|sur)\s+(?:the\s+|la\s+|le\s+|l')?(?:greater\s+toronto(?:\s+area)?|GTA|905|"
    r"suburbs|lower\s+mainland|région\s+de\s+\w+|grande\s+région|banlieue|couronne\s+nord|"
    r"(?:island\s+of\s+|île\s+de\s+)?montr[ée]al|toronto|vancouver|calgary|edmonton|ottawa|winnipeg|"
    r"halifax|quebec\s+city|ville\s+de\s+québec|rural\s+\w+|urban\s+\w+)\b", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"\b(?:from|contre|compared\s+(?:with|to)|par\s+rapport\s+(?:à|aux?))\s+"
                         r"(?:about\s+|environ\s+|some\s+)?$", re.IGNORECASE)
_PROJECTION_REF = re.compile(
    r"\b(?:project(?:ed|ion|ions|s)|forecast(?:s|ed|er)?|polls?|polling|survey|expected|on track|"
    r"could|would|might|may|predicted|model(?:led)?|sondages?|projet(?:ait|aient|é|ée|ées|ion|ions)|"
    r"prévo(?:yait|yaient|it|ient)|prévisions?|pourrai(?:t|ent)|aurai(?:t|ent)|devrai(?:t|ent)|estimait)\b",
    re.IGNORECASE)


_PLACE_PREFIX = (r"\b(?:(?:in|au|en|dans|across|throughout|à\s+travers|du|de\s+la|des)\s+(?:le\s+|la\s+|l')?"
                 r"|(?:de|dans|en)\s+l')")


def _province_regex() -> re.Pattern[str]:
    alts: list[str] = []
    for p in PROVINCES:
        for name in {p.name_en, p.name_fr}:
            alts.append(f"(?P<{p.code}_{len(alts)}>{re.escape(name)})")
    alts.append(r"(?P<BC_bc>B\.\s?C\.)")
    alts.append(r"(?P<QC_qc>Quebec|Québec)")
    # The regions Seatcast defines beyond single provinces (Region.ATL, Region.PR, Region.NO).
    alts.append(r"(?P<ATL_r>(?:the\s+)?Atlantic(?:\s+Canada|\s+provinces)?|Atlantique|"
        r"provinces\s+de\s+l'Atlantique)")
    alts.append(r"(?P<PR_r>(?:the\s+)?Prairies)")
    alts.append(r"(?P<NO_r>(?:the\s+)?(?:North|territories)|Nord|territoires)")
    return re.compile(_PLACE_PREFIX + r"(?:" +
                      "|".join(alts) + r")(?![\w-])", re.IGNORECASE)


_PROVINCE_RE = _province_regex()
_PROVINCE_POSSESSIVE_RE = re.compile(
    _PROVINCE_RE.pattern.replace(_PLACE_PREFIX, "")
    .replace(r"(?![\w-])", r"'s\b"), re.IGNORECASE)


#: "In Quebec, ..." / "Au Québec, ...": a place that opens the sentence scopes all of it.
_LEADING_PLACE = re.compile(r"^\W*(?:in|au|en|dans)\s+[^,]{2,40},", re.IGNORECASE)


def _province_in(window: str) -> str | None:
    """A province code (or ATL, PR, NO for a region) named as the place of a claim."""
    m = _PROVINCE_RE.search(window) or _PROVINCE_POSSESSIVE_RE.search(window)
    if not m or not m.lastgroup:
        return None
    return m.lastgroup.split("_")[0]


def _blank(text: str, mentions: list[PartyMention]) -> str:
    """The text with party and leader names blanked out ("Elizabeth May" is not "may")."""
    for m in mentions:
        text = text[:m.start] + " " * (m.end - m.start) + text[m.end:]
    return text


def _context(text: str, start: int, end: int, mentions: list[PartyMention]
             ) -> tuple[str | None, str | None]:
    """(refers_to, province) from the words just around a claim, inside its clause."""
    c0, c1 = clause_bounds(text, start)
    after = text[end:min(c1, end + 60)]
    after = re.split(r"(?<![\d.,])\d{1,3}(?!\d)", after, maxsplit=1)[0]  # stop at the next number
    before = text[max(c0, start - 60):start]
    before = re.split(r"(?<![\d.,])\d{1,3}(?![\d])", before)[-1]  # from the previous number on
    if re.match(r"now\b|maintenant\b|désormais\b", text[start:end], re.IGNORECASE):
        before = ""  # "who had 153 seats at dissolution, now hold 169": now is now
    refers: str | None = None
    if _RIDING_REF.search(after):
        refers = "riding"
    elif _DISSOLUTION_REF.search(after) or _DISSOLUTION_REF.search(before):
        refers = "dissolution"
    elif (m := _YEAR_REF.search(after)) or (m := _YEAR_REF.search(before)):
        refers = m.group("year")
    elif _PREVIOUS_REF.search(after) or _PREVIOUS_REF.search(before):
        refers = "previous"
    elif _FROM_BEFORE.search(text[c0:start]):
        refers = "previous"  # "down from 67 per cent": the figure before this election
    elif _PROJECTION_REF.search(_blank(text, mentions)[c0:start]):
        refers = "projection"
    lead = _LEADING_PLACE.match(text)
    rest = text[end:c1]  # places scope the whole clause: "won 27 of 32 seats in Atlantic Canada"
    if _AREA_REF.search(text[c0:c1]):
        refers = refers or "area"
    prov = (_province_in(rest) or _province_in(text[start:end]) or _province_in(text[c0:start])
            or _province_in(lead.group(0) if lead else ""))
    return refers, prov


# --- finding ----------------------------------------------------------------------------------


def detect_language(text: str) -> Lang:
    """English or French, by counting a few very common function words."""
    words = re.findall(r"[a-zàâçéèêëîïôûùüÿœ']+", text.lower())
    fr = sum(w in {"le", "la", "les", "des", "du", "et", "est", "une", "sièges", "dans", "pour", "qui"}
             for w in words)
    en = sum(w in {"the", "and", "of", "to", "in", "was", "were", "seats", "with", "for", "that"}
             for w in words)
    return Lang.FR if fr > en else Lang.EN


def find_claims(sentences: Iterable[tuple[int, str]], lang: Lang) -> list[Claim]:
    """Every claim in the sentences (each given with its paragraph index), each reported once."""
    out: list[Claim] = []
    seen: set[tuple[object, ...]] = set()
    previous_subject: PartyMention | None = None
    for para, sentence in sentences:
        claims, subject = claims_in_sentence(sentence, lang, para, previous_subject)
        if subject is not None:
            previous_subject = subject
        for c in claims:
            if c.key not in seen:
                seen.add(c.key)
                out.append(c)
    return out


def claims_in_sentence(sentence: str, lang: Lang, paragraph: int = 0,
                       previous_subject: PartyMention | None = None
                       ) -> tuple[list[Claim], PartyMention | None]:
    """The claims of one sentence, and the party it is about (its first party mention)."""
    text = normalise_spaces(sentence)
    mentions = find_parties(text)
    taken: list[tuple[int, int]] = []
    # "three seats short of a majority", "needed 172 seats to form a majority": no majority claim
    short_spans: list[tuple[int, int]] = []
    found: list[tuple[int, Claim]] = []
    for pattern in PATTERNS[lang]:
        for m in pattern.regex.finditer(text):
            groups = m.groupdict()
            key = m.span("n") if groups.get("n") is not None else (
                m.span("verb") if groups.get("verb") is not None else m.span())
            if any(key[0] < b and a < key[1] for a, b in taken):
                continue
            if pattern.kind is Kind.MAJORITY and any(m.start() < b and a < m.end() for a, b in short_spans):
                continue
            if pattern.kind is Kind.TURNOUT_DIRECTION and any(
                    c.kind is Kind.TURNOUT_DIRECTION for _, c in found):
                continue  # "Turnout fell to 62.6 per cent, down from 67": one direction
            claims = _build(pattern, m, text, sentence, mentions, lang, paragraph, previous_subject)
            if not claims:
                continue
            taken.append(key)
            if pattern.kind in (Kind.SEATS_SHORT, Kind.MAJORITY_THRESHOLD):
                short_spans.append(m.span())
            if pattern.kind is Kind.SEATS and m.groupdict().get("prev"):
                taken.append(m.span("prev"))
            for c in claims:
                found.append((m.start(), c))
    found += _gapped(text, sentence, mentions, lang, paragraph, taken, [c for _, c in found])
    found.sort(key=lambda t: t[0])
    subject = mentions[0] if mentions else None
    return [c for _, c in found], subject


def _gapped(text: str, quote: str, mentions: list[PartyMention], lang: Lang, paragraph: int,
            taken: list[tuple[int, int]], claims: list[Claim]) -> list[tuple[int, Claim]]:
    """Counts listed after a first one with the verb left out: "The Liberals won 169 seats, the
    Conservatives 144, the Bloc 22 and the NDP 7" / "les conservateurs 144"."""
    # The listed counts share the first one's time and place ("In 2021, ...", "In Quebec, ...").
    first = next((c for c in claims if c.kind is Kind.SEATS), None)
    if first is None:
        return []
    number = number_regex(lang)
    ordinal = ordinal_regex(lang)
    gap = re.compile(rf"(?:'s)?\s*(?:(?P<rank>{ordinal})\s+)?(?:with\s+|avec\s+|at\s+|à\s+|:\s*)?"
                     rf"(?P<n>{number})(?:\s+(?:seats?|sièges?))?" + _NOT_COUNT_AFTER, re.IGNORECASE)
    out: list[tuple[int, Claim]] = []
    for mention in mentions:
        m = gap.match(text, mention.end)
        if not m or mention.leader or not _LIST_ITEM_START.search(text[:mention.start]):
            continue
        span = m.span("n")
        if any(span[0] < b and a < span[1] for a, b in taken):
            continue
        taken.append(span)
        words = text[mention.start:m.end()]
        seats = replace(first, text=words, quote=quote.strip(), stated=parse_number(m.group("n"), lang),
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
    return int(pattern.value) if pattern.value.isdigit() else pattern.value


def _build(pattern: Pattern, m: re.Match[str], text: str, quote: str, mentions: list[PartyMention],
           lang: Lang, paragraph: int, previous_subject: PartyMention | None) -> list[Claim]:
    groups = m.groupdict()
    if groups.get("n") is None and pattern.value in ("number", "decimal", "ordinal"):
        return []
    stated = _stated(pattern, m, lang)
    start, end = m.span()
    mention = party_for(text, mentions, start, end) if pattern.needs_party else None
    c0, _ = clause_bounds(text, start)
    if mention is None and pattern.needs_party and _PRONOUN_SUBJECT.search(text[c0:start].strip()):
        # "The party fell to 22", "il ne conserve que sept sièges": the subject named before.
        earlier = [x for x in mentions if x.end <= c0]
        mention = earlier[0] if earlier else previous_subject
    refers, province = _context(text, start, end, mentions)
    direction = pattern.direction
    verb = groups.get("verb") or groups.get("verb2")
    if verb:
        direction = pattern.direction_of(verb)
    hedge_text = groups.get("hedge")
    kind = pattern.kind
    measure = "votes" if pattern.kind is Kind.RANK and "vote" in m.group(0).lower() else "seats"
    measure = "votes" if pattern.kind is Kind.RANK and re.match(
        r"[^.;]{0,12}?\b(?:in|by|on|au|en|dans le|pour le)\s+(?:the\s+)?(?:popular\s+vote|votes?|"
        r"vote\s+share|"
        r"vote\s+populaire|(?:nombre\s+de\s+)?voix|suffrages)\b", text[end:], re.IGNORECASE) else measure
    if kind is Kind.PREVIOUS_SEATS and refers in (None, "previous"):
        year = _YEAR_REF.search(m.group(0))
        refers = year.group("year") if year else "previous"
    if kind is Kind.VOTE_SHARE:
        if re.match(r"\s*(?:of (?:the )?seats|des sièges|of (?:the )?ridings)", text[end:], re.IGNORECASE):
            return []  # a share of seats, not of votes
        if re.match(r"\s*(?:percentage )?points?\b|\s*points? de pourcentage", text[end:], re.IGNORECASE):
            return []  # a change in share ("up 11 points"), not a share
        if _is_turnout(text, start, mentions):
            kind = Kind.TURNOUT
            mention = None
        elif mention is None:
            return []  # "12 per cent of Canadians": not about a party
    if kind is Kind.SEAT_CHANGE and direction == "down":
        stated = -int(stated)
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
    if kind is Kind.SEATS and party is None and not re.search(r"seat|siège", m.group(0), re.IGNORECASE):
        return []  # "in 12 ridings", "169 MPs" with no party: not a party's seat count
    implied = False
    if pattern.needs_party and party is None and pattern.default_winner:
        implied = True
    claim = Claim(
        kind=kind, text=words, quote=quote.strip(), stated=stated, party=party,
        party_text=mention.text if mention else None, party_implied=implied,
        hedge=parse_hedge(hedge_text, lang), hedge_text=hedge_text, direction=direction,
        measure=measure, decimals=decimals_of(groups["n"]) if pattern.value == "decimal" else 0,
        refers_to=refers, province=province, paragraph=paragraph, lang=lang,
    )
    claims = [claim]
    prev = groups.get("prev")
    if prev is not None:
        # "from 25 to 7 seats": the first number is the party's previous count.
        year = _YEAR_REF.search(m.group(0))
        prev_refers = claim.refers_to if claim.refers_to not in (None, "projection") else (
            year.group("year") if year else "previous")
        claims.insert(0, replace(claim, kind=Kind.PREVIOUS_SEATS, stated=parse_number(prev, lang),
                                 hedge=Hedge.EXACT, hedge_text=None, direction=None,
                                 refers_to=prev_refers))
        claims[1] = replace(claim, refers_to=None if claim.refers_to != "projection" else "projection",
                            direction="down" if parse_number(prev, lang) > int(stated) else "up")
    return claims


_LIST_ITEM_START = re.compile(r"(?:^|,|\band|\bet)\s*(?:the\s+|les\s+|le\s+|la\s+|l')?$")
_NOT_COUNT_AFTER = (r"(?!\s*(?:%|per\s*cent|percent|pour\s*cent|points?|million|\.\d|,\d|votes|voix|"
                    r"years|ans|days|jours))(?![\w-])")
_THRESHOLD_NEAR = re.compile(
    r"\b(?:needed|required|requires|require|necessary|threshold|exige|exigent|nécessaires?|requis|seuil|"
    r"official\s+party\s+status|statut\s+de\s+parti)\b", re.IGNORECASE)
_TURNOUT_WORD = re.compile(r"\bturnout|voter participation|participation\b", re.IGNORECASE)


def _is_turnout(text: str, pos: int, mentions: list[PartyMention]) -> bool:
    """A percentage is a turnout when "turnout" is nearer to it, in its clause, than any party."""
    c0, c1 = clause_bounds(text, pos)
    words = [abs(m.start() - pos) for m in _TURNOUT_WORD.finditer(text, c0, c1)]
    if not words:
        return False
    parties = [abs(m.start - pos) for m in mentions if c0 <= m.start < c1]
    return not parties or min(words) < min(parties)
