"""Words the claim finder reads: party names and leaders, numbers written out, hedges.

Journalists name a party by its name ("the Liberals", "les libéraux"), its short name
("NDP", "NPD", "the Bloc") or its leader ("Mark Carney's Liberals", "Yves-François
Blanchet", "Elizabeth May").  Every form here maps to a :class:`~seatcast.domain.parties.Party`
code, so the rest of the fact-checker works with codes only.  English and French forms live
side by side; a pattern that only one language uses is tagged with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from seatcast.domain.parties import Party


class Lang(StrEnum):
    EN = "en"
    FR = "fr"


# --- parties ----------------------------------------------------------------------------------

#: Name forms of each party (regular expressions, matched case-insensitively on word bounds).
_PARTY_FORMS: dict[Party, tuple[str, ...]] = {
    Party.LPC: (
        r"liberal party(?: of canada)?", r"liberals?", r"grits?", r"LPC",
        r"parti libéral(?: du canada)?", r"libéra(?:l|ux|le|les)", r"PLC",
    ),
    Party.CPC: (
        r"conservative party(?: of canada)?", r"conservatives?", r"tories", r"tory", r"CPC",
        r"parti conservateur(?: du canada)?", r"conservat(?:eur|eurs|rice|rices)", r"PCC",
    ),
    Party.BQ: (r"bloc québécois", r"bloc quebecois", r"the bloc(?:\s+qu[ée]b[ée]cois)?", r"bloc",
               r"bloquistes?", r"BQ"),
    Party.NDP: (
        r"new democratic party", r"new democrats?", r"NDP",
        r"nouveau parti démocratique", r"néo-démocrates?", r"NPD",
    ),
    Party.GPC: (r"green party(?: of canada)?", r"greens",
                r"green(?=\s+(?:candidate|leader|MP|member|nominee))", r"GPC", r"parti vert", r"verts",
                r"PVC"),
    Party.PPC: (r"people's party(?: of canada)?", r"PPC", r"parti populaire(?: du canada)?"),
}

#: Party leaders, with the elections they led their party in (used to infer the election).
@dataclass(frozen=True, slots=True)
class Leader:
    name: str
    party: Party
    elections: tuple[str, ...]
    pattern: str  # the full name, and the surname where it is unambiguous


LEADERS: tuple[Leader, ...] = (
    Leader("Mark Carney", Party.LPC, ("2025",), r"(?:mark\s+)?carney"),
    Leader("Justin Trudeau", Party.LPC, ("2019", "2021"), r"(?:justin\s+)?trudeau"),
    Leader("Pierre Poilievre", Party.CPC, ("2025",), r"(?:pierre\s+)?poilievre"),
    Leader("Erin O'Toole", Party.CPC, ("2021",), r"(?:erin\s+)?o'toole"),
    Leader("Andrew Scheer", Party.CPC, ("2019",), r"(?:andrew\s+)?scheer"),
    Leader("Yves-François Blanchet", Party.BQ, ("2019", "2021", "2025"),
           r"(?:yves-fran[cç]ois\s+)?blanchet"),
    Leader("Jagmeet Singh", Party.NDP, ("2019", "2021", "2025"), r"(?:jagmeet\s+)?singh"),
    Leader("Elizabeth May", Party.GPC, ("2019", "2025"), r"elizabeth\s+may"),
    Leader("Jonathan Pedneault", Party.GPC, ("2025",), r"(?:jonathan\s+)?pedneault"),
    Leader("Annamie Paul", Party.GPC, ("2021",), r"annamie\s+paul"),
    Leader("Maxime Bernier", Party.PPC, ("2019", "2021", "2025"), r"(?:maxime\s+)?bernier"),
)


@dataclass(frozen=True, slots=True)
class PartyMention:
    party: Party
    start: int
    end: int
    text: str
    leader: str | None = None


def _party_regex() -> re.Pattern[str]:
    alts: list[str] = []
    for party, forms in _PARTY_FORMS.items():
        for i, form in enumerate(forms):
            alts.append(f"(?P<p_{party.value}_{i}>{form})")
    for i, leader in enumerate(LEADERS):
        alts.append(f"(?P<l_{i}>{leader.pattern})(?:'s)?")
    # Longest forms first inside the alternation, so "Bloc Québécois" wins over "Bloc".
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])", re.IGNORECASE)


_PARTY_RE = _party_regex()
#: Short capitalised codes must be written in capitals ("NDP", not "ndp" inside a word).
#: English names are capitalised when they name the party (French "libéraux" is not).
_CAPITALISED = ("liberal", "conservative", "tory", "tories", "grit", "green", "new democrat", "people's",
                "bloc", "the bloc")
_CODES = {"LPC", "CPC", "BQ", "NDP", "PLC", "PCC", "NPD", "PPC", "PVC", "GPC"}
#: "the Bloc Québécois (BQ)", "the Green Party (GPC)": capitalised words in brackets right after a
#: party name (its abbreviation, or another of its names) belong to that mention.
_ASIDE = re.compile(r"\s*\(\s*([A-ZÀ-Ý][\w.'’-]*(?:\s+[A-ZÀ-Ý][\w.'’-]*){0,3})\s*\)")


def find_parties(text: str) -> list[PartyMention]:
    """Every party or leader mention in ``text``, in order.  A name followed by its abbreviation in
    brackets ("the Bloc Québécois (BQ)") is one mention, brackets included."""
    out: list[PartyMention] = []
    for m in _named(text):
        if out and m.start < out[-1].end:
            continue  # the "BQ" of "Bloc Québécois (BQ)": already part of the mention before it
        aside = _ASIDE.match(text, m.end)
        if aside and all(x.party is m.party for x in _named(aside.group(1))):
            m = PartyMention(m.party, m.start, aside.end(), m.text, m.leader)
        out.append(m)
    return out


def _named(text: str) -> list[PartyMention]:
    out: list[PartyMention] = []
    for m in _PARTY_RE.finditer(text):
        group = m.lastgroup or ""
        if group.startswith("p_"):
            party = Party(group.split("_")[1])
            if m.group(0).upper() in _CODES and m.group(0) != m.group(0).upper():
                continue
            if m.group(0)[0].islower() and m.group(0).startswith(_CAPITALISED):
                continue  # "a conservative estimate", "green energy", "a bloc of voters"
            if party is Party.GPC and m.group(0).lower() == "verts" and not _green_context(text, m):
                continue
            out.append(PartyMention(party, m.start(), m.end(), m.group(0)))
        else:
            leader = LEADERS[int(group.split("_")[1])]
            out.append(PartyMention(leader.party, m.start(), m.end(), m.group(0), leader.name))
    return out


def _green_context(text: str, m: re.Match[str]) -> bool:
    # "les verts" is the Greens; "verts" as a plain adjective ("espaces verts") is not.
    before = text[max(0, m.start() - 4):m.start()].lower()
    return before.endswith(("les ", "des ", "aux "))


def find_leaders(text: str) -> list[Leader]:
    """Leaders named in ``text`` (for inferring the election)."""
    return [LEADERS[int((m.lastgroup or "l_0").split("_")[1])]
            for m in _PARTY_RE.finditer(text) if (m.lastgroup or "").startswith("l_")]


# --- numbers ----------------------------------------------------------------------------------

_EN_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
             "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
             "seventeen", "eighteen", "nineteen"]
_EN_TENS = {20: "twenty", 30: "thirty", 40: "forty", 50: "fifty", 60: "sixty", 70: "seventy",
            80: "eighty", 90: "ninety"}
_FR_UNITS = ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf",
             "dix", "onze", "douze", "treize", "quatorze", "quinze", "seize", "dix-sept",
             "dix-huit", "dix-neuf"]
_FR_TENS = {20: "vingt", 30: "trente", 40: "quarante", 50: "cinquante", 60: "soixante"}


def _english_words() -> dict[str, int]:
    words = {w: i for i, w in enumerate(_EN_UNITS)}
    for t, w in _EN_TENS.items():
        words[w] = t
        for u in range(1, 10):
            words[f"{w}-{_EN_UNITS[u]}"] = t + u
    words["a single"] = 1
    words["a lone"] = 1
    return words


def _french_words() -> dict[str, int]:
    words = {w: i for i, w in enumerate(_FR_UNITS)}
    words["une"] = 1
    for t, w in _FR_TENS.items():
        words[w] = t
        for u in range(1, 10 if t < 60 else 20):
            words[f"{w}-{_FR_UNITS[u]}" if u != 1 else f"{w} et un"] = t + u
    words["soixante et onze"] = 71
    words["quatre-vingts"] = 80
    for u in range(1, 20):
        words[f"quatre-vingt-{_FR_UNITS[u]}"] = 80 + u
    words["un seul"] = 1
    words["une seule"] = 1
    return words


NUMBER_WORDS: dict[Lang, dict[str, int]] = {Lang.EN: _english_words(), Lang.FR: _french_words()}

ORDINALS: dict[Lang, dict[str, int]] = {
    Lang.EN: {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
              "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10},
    Lang.FR: {"premier": 1, "première": 1, "premiers": 1, "premières": 1, "deuxième": 2,
              "second": 2, "seconde": 2, "troisième": 3, "quatrième": 4, "cinquième": 5,
              "sixième": 6, "septième": 7, "huitième": 8, "neuvième": 9, "dixième": 10},
}


def number_regex(lang: Lang) -> str:
    """A regex alternative that matches a whole number in digits or in words (group-free)."""
    words = sorted(NUMBER_WORDS[lang], key=len, reverse=True)
    word_alt = "|".join(re.escape(w) for w in words if w not in ("un", "une", "zéro", "zero"))
    if lang is Lang.FR:
        # "un" and "une" are also articles: only "un siège", "une circonscription" count.
        word_alt += r"|une?(?=\s+(?:si[eè]ge|circonscription|d[ée]put[ée]))"
    return rf"(?:(?<![\d.,])\d{{1,3}}(?!\d)(?![.,]\d)|(?<![\w-])(?:{word_alt})(?![\w-]))"


def votes_regex(lang: Lang) -> str:
    """A count of votes: digits with thousands separators ("19,605"; French "19 605"), or words
    ("a single", "one", "une seule")."""
    words = sorted(NUMBER_WORDS[lang], key=len, reverse=True)
    word_alt = "|".join(re.escape(w) for w in words if w not in ("zéro", "zero"))
    sep = "," if lang is Lang.EN else r"[ .]"
    return (rf"(?:(?<![\d.,])\d{{1,3}}(?:{sep}\d{{3}})+(?![\d.,]\d)|(?<![\d.,])\d{{1,7}}(?![\d.,]\d|\d)"
            rf"|(?<![\w-])(?:{word_alt})(?![\w-]))")


def parse_votes(text: str, lang: Lang) -> int:
    t = " ".join(text.lower().split())
    if t[:1].isdigit():
        return int(re.sub(r"[^\d]", "", t))
    return parse_number(t, lang)


def ordinal_regex(lang: Lang) -> str:
    words = "|".join(sorted(ORDINALS[lang], key=len, reverse=True))
    suffix = r"(?:st|nd|rd|th)" if lang is Lang.EN else r"(?:e|er|re|ème|eme)s?"
    plural = "" if lang is Lang.EN else "s?"
    return rf"(?:(?<![\w-])(?:{words}){plural}(?![\w-])|\b\d{{1,2}}{suffix}\b)"


def parse_number(text: str, lang: Lang) -> int:
    t = " ".join(text.lower().split())
    if t[:1].isdigit():
        return int(t)
    if t in ("un", "une"):
        return 1
    return NUMBER_WORDS[lang][t]


def parse_ordinal(text: str, lang: Lang) -> int:
    t = text.lower()
    if t[:1].isdigit():
        return int(re.match(r"\d+", t).group(0))  # type: ignore[union-attr]
    return ORDINALS[lang].get(t) or ORDINALS[lang][t[:-1]]  # French plural: "deuxièmes"


def parse_decimal(text: str) -> float:
    """"43.8", "43,8" (French decimal comma) -> 43.8."""
    return float(text.replace(",", ".").replace(" ", ""))


def decimals_of(text: str) -> int:
    t = text.replace(",", ".")
    return len(t.split(".")[1]) if "." in t else 0


# --- hedges -----------------------------------------------------------------------------------


class Hedge(StrEnum):
    """How a number is qualified: exact, approximately, or a one-sided bound."""

    EXACT = "exact"
    ABOUT = "about"  # approximately, about, around, roughly, some, environ, quelque, autour de
    NEARLY = "nearly"  # nearly, almost, close to, près de, presque, pas loin de
    OVER = "more than"  # more than, over, upwards of, plus de
    AT_LEAST = "at least"  # at least, au moins
    UNDER = "fewer than"  # fewer than, less than, under, moins de
    AT_MOST = "at most"  # up to, at most, jusqu'à


_HEDGES: dict[Lang, tuple[tuple[str, Hedge], ...]] = {
    Lang.EN: (
        (r"approximately|about|around|roughly|some|an estimated|circa|approx\.", Hedge.ABOUT),
        (r"nearly|almost|close to|just under|just shy of", Hedge.NEARLY),
        (r"more than|over|upwards of|just over|in excess of", Hedge.OVER),
        (r"at least", Hedge.AT_LEAST),
        (r"fewer than|less than|under", Hedge.UNDER),
        (r"up to|at most|no more than", Hedge.AT_MOST),
    ),
    Lang.FR: (
        (r"environ|autour de|approximativement|quelque|grosso modo|à peu près", Hedge.ABOUT),
        (r"près de|presque|pas loin de|quasiment|tout près de", Hedge.NEARLY),
        (r"plus de|au-delà de|davantage que", Hedge.OVER),
        (r"au moins|au minimum", Hedge.AT_LEAST),
        (r"moins de", Hedge.UNDER),
        (r"jusqu'à|au plus|au maximum", Hedge.AT_MOST),
    ),
}


def hedge_regex(lang: Lang) -> str:
    """Optional hedge in front of a number, captured as group ``hedge``."""
    alts = "|".join(pat for pat, _ in _HEDGES[lang])
    fillers = r"(?:just|only|a mere|seulement|à peine|uniquement|tout juste)"
    return rf"(?:(?P<hedge>(?<![\w-])(?:{alts}))\s+)?(?:{fillers}\s+)?"


def parse_hedge(text: str | None, lang: Lang) -> Hedge:
    if not text:
        return Hedge.EXACT
    t = " ".join(text.lower().split())
    for pat, hedge in _HEDGES[lang]:
        if re.fullmatch(pat, t):
            return hedge
    return Hedge.EXACT
