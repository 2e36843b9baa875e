"""The words around a claim, read once per sentence: clauses, party mentions, time and place.

A number in a sentence is about the party named nearest to it in its clause, and words in that
clause say when it is not about this election's national result ("in 2021", "at dissolution",
"projected", "in Quebec", "in the Greater Toronto Area").  A claim-dense paragraph can be one
long sentence with hundreds of numbers, so nothing here scans the sentence once per claim: a
:class:`Sentence` finds the clause breaks, the party mentions and every context word once, in
one pass of each regular expression, and answers each claim's questions by binary search over
those positions.  The time to read a sentence is linear in its length.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from functools import cached_property

from seatcast.domain.geography import PROVINCES
from seatcast.factcheck.lexicon import PartyMention, find_parties

# --- clause structure -------------------------------------------------------------------------

_CLAUSE_BREAK = re.compile(
    r";|:|\s[—–]\s|\((?!\d)|\)|\b(?:while|whereas|whilst|but|although|though|tandis que|alors que|"
    r"mais|pendant que|quand|lorsque|et que)\b|(?<!such )(?<!as many )(?<!as much )(?<!as well )\bas\b"
    r"(?!\s+(?:many|much|well|of|a|an|the\s+(?:largest|biggest|second|third|official)))",
    re.IGNORECASE)
#: ", and the Bloc ..." / ", et le Bloc": a new subject starts a new clause.
_NEW_SUBJECT = re.compile(r"(?:,\s*|\s)(?:and|et|with|avec)\s+(?=(?:the\s+|les\s+|le\s+|la\s+|"
                          r"l')?[A-ZÀ-Ý])")
#: A pronoun opening a clause ("The party fell to 22", "il ne conserve que sept sièges").
PRONOUN_SUBJECT = re.compile(
    r"(?:the party|the bloc|they|it|its|their|le parti|la formation|ils|elle|il|le bloc)\b",
    re.IGNORECASE)
_AFTER_LINK = re.compile(r"\s*(?:seats?|sièges?)?\s*(?:,\s*)?(?:for|pour|to|à|by|par|au|aux)\s+"
                         r"(?:the\s+|les\s+|le\s+|la\s+|l')?$", re.IGNORECASE)
_NON_SPACE = re.compile(r"\S")

# --- context words ----------------------------------------------------------------------------

YEAR_REF = re.compile(
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
_NOW = re.compile(r"now\b|maintenant\b|désormais\b", re.IGNORECASE)
#: Words just before a seat count that make it the House as it stands (on the article's day),
#: not the election's result: "now hold 171", "currently has", "after the floor crossing".
_NOW_REF = re.compile(
    r"\b(?:now|currently|today|at\s+present|désormais|maintenant|actuellement|aujourd'hui|"
    r"(?:after|since|following|with|depuis|après|avec)\s+(?:the\s+|la\s+|les\s+|sa\s+|his\s+|her\s+)?"
    r"(?:floor[- ]crossings?|crossing|by-elections?|(?:élections?\s+)?partielles?|défections?|"
    r"changement\s+de\s+camp))\b", re.IGNORECASE)
_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?!\d)")
_TURNOUT_WORD = re.compile(r"\bturnout|voter participation|participation\b", re.IGNORECASE)

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

#: Where a riding may be named (see :meth:`Sentence.riding_places`); names are capitalised.
_PLACE_AFTER = re.compile(r"\s*,?\s*(?i:in|dans|en|à)\s+(?i:the\s+riding\s+of\s+|la\s+circonscription\s+"
                          r"(?:de\s+|d'))?(?P<r>[A-ZÀ-Ý][^,.;:()]{1,80})")
_PLACE_LEAD = re.compile(r"^\W*(?i:in|dans|en|à|au)\s+(?i:the\s+riding\s+of\s+|la\s+circonscription\s+"
                         r"(?:de\s+|d'))?(?P<r>[^,]{2,80}),")
_PLACE_NAMED = re.compile(r"(?i:riding|circonscription)\s+(?i:of|de|d')\s*(?P<r>[A-ZÀ-Ý][^,.;:()]{1,80})")

#: The longest look-behind a context test needs ("par rapport aux environ ", "compared with ").
_WINDOW = 100


def province_in(window: str) -> str | None:
    """A province code (or ATL, PR, NO for a region) named as the place of a claim."""
    m = _PROVINCE_RE.search(window) or _PROVINCE_POSSESSIVE_RE.search(window)
    return _province_code(m)


def _province_code(m: re.Match[str] | None) -> str | None:
    if not m or not m.lastgroup:
        return None
    return m.lastgroup.split("_")[0]


class _Matches:
    """The non-overlapping matches of one regex over a text, for "first match inside [a, b)"."""

    __slots__ = ("ends", "matches", "starts")

    def __init__(self, regex: re.Pattern[str], text: str) -> None:
        self.matches = list(regex.finditer(text))
        self.starts = [m.start() for m in self.matches]
        self.ends = [m.end() for m in self.matches]

    def first_in(self, a: int, b: int) -> re.Match[str] | None:
        i = bisect_left(self.starts, a)
        if i < len(self.matches) and self.ends[i] <= b:
            return self.matches[i]
        return None

    def nearest_in(self, a: int, b: int, pos: int) -> int | None:
        """The smallest distance from ``pos`` to the start of a match inside [a, b)."""
        lo = bisect_left(self.starts, a)
        hi = bisect_right(self.ends, b)  # matches[lo:hi] lie inside (starts and ends both grow)
        if lo >= hi:
            return None
        i = bisect_left(self.starts, pos, lo, hi)
        near = [abs(self.starts[j] - pos) for j in (i - 1, i) if lo <= j < hi]
        return min(near)


class _Breaks:
    """The clause breaks of one regex: (start, end) pairs, non-overlapping and in order."""

    __slots__ = ("ends", "starts")

    def __init__(self, regex: re.Pattern[str], text: str, keep: Callable[[int, int], bool]) -> None:
        spans = [m.span() for m in regex.finditer(text) if keep(*m.span())]
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def cuts(self, pos: int) -> tuple[int, int | None]:
        """The last cut at or before ``pos`` and the first after it.  A break that starts at or
        after ``pos`` cuts at its start, one that starts before ``pos`` cuts at its end."""
        i = bisect_left(self.starts, pos)  # breaks[:i] start before pos
        before, after = 0, None
        if i >= 1:
            if self.ends[i - 1] <= pos:
                before = self.ends[i - 1]
            else:  # pos is inside a break: its end closes the clause
                after = self.ends[i - 1]
                before = self.ends[i - 2] if i >= 2 else 0
        j = i
        if j < len(self.starts) and self.starts[j] == pos:
            before = pos
            j += 1
        if after is None and j < len(self.starts):
            after = self.starts[j]
        return before, after


class Sentence:
    """One sentence with its party mentions, clauses and context words, each found once."""

    def __init__(self, text: str, mentions: list[PartyMention] | None = None) -> None:
        self.text = text
        self.mentions = find_parties(text) if mentions is None else mentions
        self._m_starts = [m.start for m in self.mentions]
        self._m_ends = [m.end for m in self.mentions]

    # --- clauses ------------------------------------------------------------------------------

    @cached_property
    def _breaks(self) -> tuple[_Breaks, _Breaks]:
        return (_Breaks(_CLAUSE_BREAK, self.text, self._outside_mentions),
                _Breaks(_NEW_SUBJECT, self.text, self._outside_mentions))

    def _outside_mentions(self, start: int, end: int) -> bool:
        """Whether a clause break is not part of a party's name (the brackets of "Bloc Québécois
        (BQ)" do not end a clause)."""
        i = bisect_right(self._m_starts, start) - 1
        return i < 0 or self.mentions[i].end < end

    def clause_bounds(self, pos: int) -> tuple[int, int]:
        """Start and end of the clause around ``pos`` (split at ;, —, "while", "but", ", and the X")."""
        start, end = 0, len(self.text)
        for breaks in self._breaks:
            before, after = breaks.cuts(pos)
            start = max(start, before)
            if after is not None and after > pos:
                end = min(end, after)
        return start, end

    def clause_start(self, pos: int) -> int:
        return self.clause_bounds(pos)[0]

    # --- parties ------------------------------------------------------------------------------

    def party_for(self, start: int, end: int) -> PartyMention | None:
        """The party a claim spanning ``text[start:end]`` is about: the last named before it in its
        clause; else one named inside it; else the first after it ("169 seats to 144 for the
        Conservatives" takes the party after a linking "for", "pour", "to")."""
        return self.party_of(start, end)[0]

    def party_of(self, start: int, end: int, *, link: bool = True) -> tuple[PartyMention | None, bool]:
        """:meth:`party_for`, and whether that party is named after the figure through a linking
        word ("41.3 per cent for the Conservatives", "41,3 % pour les conservateurs").  With
        ``link=False`` a party named before the figure comes first ("the NDP candidate lost
        Terrebonne by 100 votes to the Liberals" is about the NDP)."""
        text, mentions = self.text, self.mentions
        c0, c1 = self.clause_bounds(start)
        i = bisect_left(self._m_starts, end)
        after = mentions[i] if i < len(mentions) and mentions[i].start < c1 else None
        if link and after and after.start - end <= _WINDOW and _AFTER_LINK.match(text, end, after.start):
            return after, True
        j = bisect_right(self._m_ends, start) - 1  # the last mention that ends before the claim
        if j >= 0 and mentions[j].start >= c0:
            return mentions[j], False
        k = bisect_left(self._m_starts, start)
        if k < len(mentions) and mentions[k].end <= end:
            return mentions[k], False
        return after, False

    def mentions_before(self, pos: int) -> PartyMention | None:
        """The first party named in the sentence if it ends before ``pos``."""
        first = self.mentions[0] if self.mentions else None
        return first if first is not None and first.end <= pos else None

    def pronoun_subject(self, c0: int, start: int) -> bool:
        """Whether the clause from ``c0`` opens with a pronoun before a claim at ``start``."""
        m = _NON_SPACE.search(self.text, c0, start)
        return bool(m and PRONOUN_SUBJECT.match(self.text, m.start(), start))

    # --- context words ------------------------------------------------------------------------

    @cached_property
    def _blanked(self) -> str:
        """The text with party and leader names blanked out ("Elizabeth May" is not "may")."""
        parts: list[str] = []
        at = 0
        for m in self.mentions:
            parts.append(self.text[at:m.start])
            parts.append(" " * (m.end - m.start))
            at = m.end
        parts.append(self.text[at:])
        return "".join(parts)

    @cached_property
    def _projection(self) -> _Matches:
        return _Matches(_PROJECTION_REF, self._blanked)

    @cached_property
    def _areas(self) -> _Matches:
        return _Matches(_AREA_REF, self.text)

    @cached_property
    def _provinces(self) -> tuple[_Matches, _Matches]:
        return _Matches(_PROVINCE_RE, self.text), _Matches(_PROVINCE_POSSESSIVE_RE, self.text)

    @cached_property
    def _turnout_words(self) -> _Matches:
        return _Matches(_TURNOUT_WORD, self.text)

    @cached_property
    def _lead_province(self) -> str | None:
        lead = _LEADING_PLACE.match(self.text)
        return province_in(lead.group(0)) if lead else None

    def _province_between(self, a: int, b: int) -> str | None:
        plain, possessive = self._provinces
        return _province_code(plain.first_in(a, b) or possessive.first_in(a, b))

    def context(self, start: int, end: int, *, same_time: bool = False) -> tuple[str | None, str | None]:
        """(refers_to, province) from the words just around a claim, inside its clause.  With
        ``same_time`` (the party is named after the figure: "compared with 41.3 per cent for the
        Conservatives"), "compared with" and "contre" before the figure compare two parties, not
        two elections."""
        text = self.text
        c0, c1 = self.clause_bounds(start)
        after = text[end:min(c1, end + 60)]
        after = _NUMBER.split(after, maxsplit=1)[0]  # stop at the next number
        before = text[max(c0, start - 60):start]
        before = _NUMBER.split(before)[-1]  # from the previous number on
        if _NOW.match(text, start, end):
            before = ""  # "who had 153 seats at dissolution, now hold 169": now is now
        refers: str | None = None
        if _RIDING_REF.search(after):
            refers = "riding"
        elif _DISSOLUTION_REF.search(after) or _DISSOLUTION_REF.search(before):
            refers = "dissolution"
        elif (m := YEAR_REF.search(after)) or (m := YEAR_REF.search(before)):
            refers = m.group("year")
        elif _PREVIOUS_REF.search(after) or _PREVIOUS_REF.search(before):
            refers = "previous"
        elif _NOW.match(text, start, end) or _NOW_REF.search(before) or (
                _NOW_REF.search(after) and not _NOW.search(after)):
            refers = "now"  # the House on the article's day (its ledger), not the result
        elif not same_time and _FROM_BEFORE.search(text[max(c0, start - _WINDOW):start]):
            refers = "previous"  # "down from 67 per cent": the figure before this election
        elif self._projection.first_in(c0, start):
            refers = "projection"
        # Places scope the whole clause: "won 27 of 32 seats in Atlantic Canada".
        if self._areas.first_in(c0, c1):
            refers = refers or "area"
        prov = (self._province_between(end, c1) or self._province_between(start, end)
                or self._province_between(c0, start) or self._lead_province)
        return refers, prov

    def riding_places(self, start: int, end: int, named: str | None) -> tuple[str, ...]:
        """Phrases that may name the riding of a claim, nearest first: the words between the verb and
        "by" ("won Terra Nova–The Peninsulas by 12 votes"), a place after the claim ("... in
        Terrebonne"), one that opens the sentence ("In Terrebonne, ..."), "the riding of X"
        anywhere in it.  Which (if any) is a riding is for the checker, which knows the map."""
        out: list[str] = []
        if named:
            out.append(named)
        c1 = self.clause_bounds(start)[1]
        if m := _PLACE_AFTER.match(self.text, end, max(end, c1)):
            out.append(m.group("r"))
        if m := _PLACE_LEAD.match(self.text):
            out.append(m.group("r"))
        out += [m.group("r") for m in _PLACE_NAMED.finditer(self.text)] if len(self.text) < 2000 else []
        return tuple(dict.fromkeys(p.strip() for p in out if p.strip()))

    def is_turnout(self, pos: int) -> bool:
        """A percentage is a turnout when "turnout" is nearer to it, in its clause, than any party."""
        c0, c1 = self.clause_bounds(pos)
        word = self._turnout_words.nearest_in(c0, c1, pos)
        if word is None:
            return False
        lo = bisect_left(self._m_starts, c0)
        hi = bisect_left(self._m_starts, c1)
        if lo >= hi:
            return True
        i = bisect_left(self._m_starts, pos, lo, hi)
        party = min(abs(self._m_starts[j] - pos) for j in (i - 1, i) if lo <= j < hi)
        return word < party


def clause_bounds(text: str, pos: int) -> tuple[int, int]:
    """Start and end of the clause of ``text`` around ``pos`` (one-off; see :class:`Sentence`)."""
    return Sentence(text, []).clause_bounds(pos)


def party_for(text: str, mentions: list[PartyMention], start: int, end: int) -> PartyMention | None:
    """The party a claim spanning ``text[start:end]`` is about (one-off; see :class:`Sentence`)."""
    return Sentence(text, mentions).party_for(start, end)
