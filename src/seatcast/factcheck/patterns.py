"""The sentence patterns of each claim kind, in English and in French, most specific first.

Each pattern is a regular expression over one sentence, with a group ``n`` for the stated
number (in digits or words), an optional group ``hedge`` ("about", "environ") and, for
movements, a group ``verb`` whose meaning gives the direction ("fell to" is down, "grimpé à"
is up).  The order matters: the claim finder lets a number be claimed once, so "three seats
short of a majority" is read as a seats-short claim before the plain "N seats" pattern can
read it as a seat count.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum

from seatcast.factcheck.lexicon import Lang, hedge_regex, number_regex, ordinal_regex, votes_regex


class Kind(StrEnum):
    """What a claim is about."""

    SEATS = "seats"
    PREVIOUS_SEATS = "previous seats"
    SEAT_CHANGE = "seat change"
    HOUSE_SIZE = "house size"
    MAJORITY_THRESHOLD = "majority threshold"
    MAJORITY = "majority"
    SEATS_SHORT = "seats short"
    RANK = "rank"
    VOTE_SHARE = "vote share"
    TURNOUT = "turnout"
    TURNOUT_DIRECTION = "turnout direction"
    TURNOUT_CHANGE = "turnout change"
    RIDING_MARGIN = "riding margin"
    RIDING_VOTES = "riding votes"
    TERMS = "consecutive terms"

_DOWN = re.compile(
    r"fell|fall|drop|slip|slid|sank|sunk|plung|plummet|tumbl|dip|shr[ai]nk|shrunk|reduc|cut|down|lost|"
    r"los[ei]|loss|shed|gave up|giving up|decreas|declin|lower|fewer|less|tomb|chut|rédui|gliss|recul|"
    r"descend|ramen|limit|perd|perte|baiss|dimin|fléchi|inférieur|faible|moins|céd|cède",
    re.IGNORECASE)
_UP = re.compile(
    r"rose|rise|rising|climb|jump|surg|soar|spik|grew|grow|increas|up|gain|pick|add|higher|bounc|grimp|mont|"
    r"gagn|hauss|bondi|progress|augment|supérieur|élevé|more|plus|ajout",
    re.IGNORECASE)


@dataclass(frozen=True)
class Pattern:
    kind: Kind
    regex: re.Pattern[str]
    value: str  # "number", "decimal", "ordinal", "votes", or the stated word itself ("minority", "up")
    needs_party: bool = True
    default_winner: bool = False  # no party named: the claim is about the largest party
    direction: str | None = None
    #: A seats-short or threshold claim's words hide a "majority" claim they overlap ("needed 172
    #: seats to form a majority" says nothing of who has a majority).
    marks_short: bool = True

    def direction_of(self, verb: str) -> str | None:
        if _DOWN.search(verb):
            return "down"
        if _UP.search(verb):
            return "up"
        return self.direction


def _compile(template: str, lang: Lang) -> re.Pattern[str]:
    rx = (template.replace("{N}", number_regex(lang)).replace("{H}", hedge_regex(lang))
          .replace("{O}", ordinal_regex(lang)).replace("{V}", votes_regex(lang))
          .replace("{PCT}", r"(?<![\d.,])\d{1,2}(?:[.,]\d{1,3})?")
          .replace("{PTS}", r"(?<![\d.,])\d{1,2}(?:[.,]\d{1,2})?(?![\d.,]\d)"))
    return re.compile(rx, re.IGNORECASE)


_NOT_SEATS_AFTER = (r"(?!\s*(?:%|per\s*cent|percent|pour\s*cent|p\.\s*100|points?|million|billion|"
                    r"milliards?|\.\d|,\d|votes|ballots|voix|suffrages|years|ans|days|jours|per|sur\s+100))")

_EN: list[tuple[str, str, str, dict[str, object]]] = [
    # kind, template, value, options
    # "three seats short of a majority", "three short of the 172 needed"
    ("seats short", r"{H}(?P<n>{N})\s+(?:seats?\s+)?(?:short|shy)\s+of\s+(?:a\s+|the\s+|forming\s+a\s+)?"
     r"(?:\d{3}\s+(?:seats\s+)?(?:needed\s+for\s+a\s+)?)?(?:majority|"
         r"\d{3})", "number", {"default_winner": True}),
    ("seats short", r"{H}(?P<n>{N})\s+(?:seats?\s+)?(?:fewer|less)\s+than\s+(?:the\s+)?\d{3}\s+(?:seats\s+)?"
     r"(?:needed|required)", "number", {"default_winner": True}),
    ("seats short", r"(?:short|shy)\s+of\s+(?:a\s+)?majority\s+by\s+{H}(?P<n>{N})\s+seats?", "number",
     {"default_winner": True}),
    ("seats short", r"{H}(?P<n>{N})\s+seats?\s+(?:away\s+)?from\s+(?:a\s+|the\s+)?majority", "number",
     {"default_winner": True}),
    ("majority threshold", r"(?:needed|needs|need|required|requires|require)\s+(?P<n>\d{3})\s+seats\s+"
     r"(?:to\s+(?:form|win|secure|have|get|reach)|for)\s+a\s+majority", "number", {"needs_party": False}),
    ("majority threshold", r"(?P<n>\d{3})\s+(?:seats\s+)?(?:needed|required|necessary)(?:\s+(?:for|"
     r"to\s+\w+)\s+"
     r"(?:a\s+)?majority)?", "number", {"needs_party": False}),
    ("majority threshold", r"(?:majority\s+threshold|threshold\s+for\s+a\s+majority|magic\s+number)\s+"
     r"(?:of|is|was|at|stands\s+at)\s+(?P<n>\d{3})", "number", {"needs_party": False}),
    # "short of a majority of 172 seats", "the majority line of 172" (not "won a majority of 184 seats");
    # its words do not hide the "short of a majority" (minority) claim they overlap.
    ("majority threshold", r"(?:(?:short|shy)\s+of\s+(?:a|the)\s+|from\s+(?:a|the)\s+|\bthe\s+)majority\s+"
     r"(?:line\s+|mark\s+|threshold\s+)?of\s+(?P<n>\d{3})(?:\s+seats)?", "number",
     {"needs_party": False, "marks_short": False}),
    ("majority threshold", r"(?P<n>\d{3})-seat\s+(?:majority\s+)?(?:threshold|mark|bar|line)", "number",
     {"needs_party": False}),
    ("house size", r"(?P<n>\d{3})-(?:seat|member|riding)\s+(?:house|commons|parliament|legislature|chamber)",
     "number", {"needs_party": False}),
    ("house size", r"(?P<n>\d{3})\s+(?:seats|ridings|electoral\s+districts)\s+in\s+(?:the\s+)?"
     r"(?:house|commons|parliament)", "number", {"needs_party": False}),
    ("house size", r"(?:house|commons|parliament)\s+(?:of|has|with|"
     r"now\s+has)\s+(?P<n>\d{3})\s+(?:seats|members)",
     "number", {"needs_party": False}),
    ("house size", r"(?<=\d\s)(?:of|out\s+of)\s+(?:the\s+)?(?P<n>\d{1,3})\s+(?:seats|ridings)", "number",
     {"needs_party": False}),
    ("house size", r"(?:of|out\s+of|among)\s+(?:the\s+|all\s+)?(?P<n>\d{3})(?:\s+(?:seats|"
     r"ridings))?(?![\w-])",
     "number", {"needs_party": False}),
    ("house size", r"(?:all|the)\s+(?P<n>\d{3})\s+(?:seats|ridings)", "number", {"needs_party": False}),
    ("house size", r"(?:of|out\s+of)\s+(?:the\s+)?(?:province's|provincial|[A-Z][\w.]*'s)\s+(?P<n>\d{1,3})\s+"
     r"(?:seats|ridings)", "number", {"needs_party": False}),
    # One riding: "In Terrebonne, the Bloc candidate won by 35 votes", "X won Terra Nova–The
    # Peninsulas by 12 votes", "a 12-vote margin", "Rowe received 19,605 votes in Terra Nova".
    ("riding margin", r"(?P<verb>won|wins|winning|took|takes|taking|carried|carries|captured|held|holds|kept|"
     r"retained|flipped|clinched|lost|loses|losing)\s+(?:(?P<riding>[A-ZÀ-Ý][^,.;:()]{1,80}?)\s+)?by\s+"
     r"(?:just\s+|only\s+|a\s+mere\s+|a\s+(?:margin|majority)\s+of\s+)?{H}(?P<n>{V})\s+votes?\b",
     "votes", {}),
    ("riding margin", r"(?:margin|lead|edge|majority)\s+of\s+(?:just\s+|only\s+)?{H}(?P<n>{V})\s+votes?\b",
     "votes", {}),
    ("riding margin", r"(?<![\w-])(?P<n>{V})-vote\s+(?:margin|lead|edge|win|victory)", "votes", {}),
    ("riding votes", r"(?:received|receiving|got|getting|obtained|won|winning|took|garnered|collected|drew|"
     r"captured|earned|finished\s+with|ended\s+with|with|had)\s+{H}(?P<n>{V})\s+votes\b", "votes", {}),
    ("seat change", r"(?P<verb>gained|gaining|gains?|picked\s+up|picking\s+up|picks\s+up|added|adding|adds|"
     r"lost|losing|loses|shed|shedding|sheds|gave\s+up|giving\s+up|a\s+(?:net\s+)?(?:gain|loss|drop)\s+of|"
     r"(?:net\s+)?(?:gain|loss)\s+of|up|down)\s+{H}(?P<n>{N})\s+seats?", "number", {}),
    ("seat change", r"{H}(?P<n>{N})\s+(?:(?P<verb>more|fewer|less)\s+seats|"
     r"(?:seats\s+)?(?P<verb2>more|fewer|less)"
     r"\s+than\s+(?:in|at|before))", "number", {}),
    ("seat change", r"(?P<verb>increased|boosted|grew|raised|cut|reduced|lowered)\s+(?:their|its|"
     r"the\s+party's)\s+"
     r"seat\s+(?:count|total|tally|haul)\s+by\s+{H}(?P<n>{N})", "number", {}),
    ("previous seats", r"(?:up|down)\s+from\s+(?P<n>{N})(?:\s+seats?)?" + _NOT_SEATS_AFTER, "number", {}),
    ("previous seats", r"(?:compared\s+(?:with|to)|against|versus|vs\.?)\s+(?P<n>{N})(?:\s+seats?)?\s+"
     r"(?:in\s+(?:19|20)\d\d|in\s+the\s+(?:last|previous)\s+election|at\s+dissolution)", "number", {}),
    ("seats", r"(?:from|up\s+from|down\s+from)\s+(?P<prev>{N})\s+(?:seats\s+)?(?:[\w']+\s+){0,4}?to\s+"
     r"{H}(?P<n>{N})" + _NOT_SEATS_AFTER, "number", {}),
    ("seats", r"(?P<verb>fell|falling|falls?|dropped|dropping|drops?|slipped|slipping|slid|sank|plunged|"
     r"plummeted|tumbled|shrank|shrunk|(?:was|were|been|being)\s+reduced|reduced|cut|down|rose|rising|"
     r"climbed|climbing|jumped|surged|grew|increased|bounced\s+back)\s+to\s+{H}(?P<n>{N})"
     + _NOT_SEATS_AFTER + r"(?:\s+seats?)?", "number", {}),
    ("seats", r"{H}(?P<n>{N})\s+(?:of\s+(?:the\s+)?\d{3}\s+|out\s+of\s+(?:the\s+)?\d{3}\s+)?"
     r"(?:(?:Liberal|Conservative|Bloc|NDP|New\s+Democrat|Green|Tory)\s+)?"
     r"(?:seats?|ridings?|MPs|members\s+of\s+parliament|electoral\s+districts|districts)\b", "number", {}),
    ("seats", r"now\s+(?:holds?|has|have|sits?\s+at)\s+{H}(?P<n>{N})" + _NOT_SEATS_AFTER + r"(?:\s+seats?)?",
     "number", {}),
    ("seats", r"(?:won|win|wins|winning|took|take|takes|taking|captured|capturing|secured|securing|claimed|"
     r"held|holds|elected|finish(?:ed|es|ing)?\s+with|ended\s+(?:up\s+)?with|"
         r"at)\s+{H}(?P<n>{N})\s+(?:of|out\s+of)\s+"
     r"(?:the\s+)?\d{3}", "number", {}),
    ("seats", r"(?:won|wins|winning|took|takes|taking|captured|capturing|secured|securing|claimed|"
     r"finish(?:ed|es|ing)?\s+with|ended\s+(?:up\s+)?with)\s+{H}(?P<n>{N})" + _NOT_SEATS_AFTER + r"(?![\w-])",
     "number", {}),
    ("seats", r"(?:to|against|versus|"
     r"vs\.?)\s+{H}(?P<n>{N})(?=\s+(?:seats?\s+)?for\s+(?:the\s+)?[A-Z])", "number", {}),
    ("vote share", r"{H}(?P<n>{PCT})\s*(?:%|per\s*cent\b|percent\b)", "decimal", {}),
    # "Turnout rose 6.4 points", "turnout fell by 4.5 percentage points", "a 4.5-point drop in turnout"
    ("turnout change", r"turnout\b(?:[^.;]|\.\d){0,60}?\b(?P<verb>rose|increased|climbed|jumped|went\s+up|"
     r"was\s+up|surged|soared|grew|gained|fell|dropped|declined|decreased|slipped|went\s+down|was\s+down|"
     r"sank|dipped|plunged|lost|up|down)\s+(?:by\s+)?{H}(?P<n>{PTS})\s+"
     r"(?:percentage\s+)?points?\b", "decimal", {"needs_party": False}),
    ("turnout change", r"\b(?:an?\s+)?(?P<n>{PTS})[-\s](?:percentage[-\s])?points?\s+"
     r"(?P<verb>drop|rise|increase|decline|decrease|jump|fall|gain|dip|surge)\s+in\s+(?:voter\s+)?turnout",
     "decimal", {"needs_party": False}),
    ("turnout direction", r"turnout\b(?:[^.;]|\.\d){0,60}?\b(?P<verb>rose|increased|climbed|jumped|went\s+up|"
     r"was\s+up|surged|soared|grew|fell|dropped|declined|decreased|slipped|went\s+down|was\s+down|sank|"
     r"dipped|plunged|plummeted|was\s+higher|"
     r"was\s+lower)", "up", {"needs_party": False}),
    ("turnout direction", r"turnout\b(?:[^.;]|\.\d){0,120}?\b(?P<verb>up|down)\s+from\s+(?:about\s+)?"
     r"\d{1,2}(?:[.,]\d+)?\s*(?:%|per\s*cent|percent)", "up", {"needs_party": False}),
    ("turnout direction", r"(?P<verb>higher|lower|increased|reduced|rising|falling|"
     r"declining)\s+(?:voter\s+)?turnout",
     "up", {"needs_party": False}),
    ("rank", r"(?:finished|finishing|finishes|came|coming|placed|placing|ended\s+up|ended|remained|remains|"
     r"was|were)\s+(?:in\s+)?(?:a\s+)?(?:distant\s+|close\s+|strong\s+|solid\s+)?(?P<n>{O})"
     r"(?!\s*(?:consecutive|straight|successive|term|time|mandate|in\s+a\s+row|-))(?:\s+place)?",
     "ordinal", {}),
    ("rank", r"(?P<n>{O})-place\s+finish", "ordinal", {}),
    ("rank", r"\bin\s+(?P<n>{O})\s+place", "ordinal", {}),
    ("rank", r"(?P<n>official\s+opposition)", "2", {}),
    ("rank", r"(?:won|wins|winning|took|carried|topped)\s+the\s+popular\s+vote", "1", {}),
    ("consecutive terms", r"(?P<n>{O})\s+(?:consecutive|straight|successive|back-to-back)\s+(?:[\w-]+\s+)?"
     r"(?:terms?|mandates?|wins?|victor(?:y|ies)|elections?|governments?|majorit(?:y|ies)|minorit(?:y|ies))",
     "ordinal", {"default_winner": True}),
    ("consecutive terms", r"(?P<n>{O})\s+(?:term|mandate|victory|win|election\s+win)\s+in\s+a\s+row",
     "ordinal", {"default_winner": True}),
    ("consecutive terms", r"(?:won|win|wins|winning|secured|earned|clinched|handed|gave|giving|for)\s+"
     r"(?:\w+\s+){0,2}?(?:a|their|its|his|the)\s+(?:historic\s+)?(?P<n>{O})\s+(?:term|mandate)",
     "ordinal", {"default_winner": True}),
    ("majority", r"(?:(?:fell|falling|fall|falls|came|coming|comes|were|was|ended\s+up|remained|"
     r"finished)\s+)?"
     r"(?:just\s+|well\s+)?(?:short|shy)\s+of\s+(?:a|the|forming\s+a)\s+majority", "minority",
     {"default_winner": True}),
    ("majority", r"(?:failed|fails|failing|unable)\s+to\s+(?:win|secure|get|form|reach|"
     r"capture)\s+a\s+majority",
     "minority", {"default_winner": True}),
    ("majority", r"(?:did\s+not|didn't|could\s+not|couldn't|won't|will\s+not|not)\s+(?:win|secure|get|reach|"
     r"have)\s+a\s+majority", "minority", {"default_winner": True}),
    ("majority", r"minority\s+(?:government|parliament|mandate|house)", "minority", {"default_winner": True}),
    ("majority", r"(?:won|win|wins|winning|secured|form|formed|forms|forming|lead|leads|leading|with)\s+a\s+"
     r"(?:[\w-]+\s+)?minority", "minority", {"default_winner": True}),
    ("majority", r"without\s+a\s+majority|no\s+party\s+(?:won|has|had|secured|obtained)\s+a\s+majority",
     "minority", {"default_winner": True}),
    ("majority", r"majority\s+government|(?:won|win|wins|winning|secured|clinched|formed|form|forms|"
     r"forming)\s+"
     r"a\s+(?:[\w-]+\s+)?majority(?!\s+of\s+(?:the\s+)?(?:vote|votes|ballots|voters|canadians|"
         r"the\s+popular))",
     "majority", {"default_winner": True}),
]

_FR: list[tuple[str, str, str, dict[str, object]]] = [
    # "à trois sièges de la majorité", "à trois de la majorité"
    ("seats short", r"à\s+{H}(?P<n>{N})\s+(?:sièges?\s+)?(?:de\s+la|d'une|de\s+former\s+une|"
     r"du\s+seuil\s+de\s+la)\s+"
     r"majorité", "number", {"default_winner": True}),
    ("seats short", r"{H}(?P<n>{N})\s+sièges?\s+(?:de\s+moins\s+que\s+la|sous\s+la\s+barre\s+de\s+la|"
     r"en\s+deçà\s+de\s+la)\s+majorité", "number", {"default_winner": True}),
    ("seats short", r"{H}(?P<n>{N})\s+(?:sièges?\s+)?de\s+moins\s+que\s+(?:les\s+)?\d{3}\s+(?:sièges\s+)?"
     r"(?:nécessaires|requis)", "number", {"default_winner": True}),
    ("seats short", r"(?:il\s+)?(?:lui|leur)\s+(?:a\s+|aura\s+)?manqu(?:é|e|ait|ent|"
     r"aient)\s+{H}(?P<n>{N})\s+sièges?",
     "number", {"default_winner": True}),
    ("majority threshold", r"besoin\s+de\s+(?P<n>\d{3})\s+sièges\s+pour\s+(?:obtenir|former|décrocher|"
     r"avoir)\s+(?:la|une)\s+majorité", "number", {"needs_party": False}),
    ("majority threshold", r"(?P<n>\d{3})\s+(?:sièges\s+)?(?:nécessaires|"
     r"requis)", "number", {"needs_party": False}),
    ("majority threshold", r"(?:barre|seuil)\s+(?:de\s+la\s+majorité\s+)?(?:des|de|"
     r"fixée?\s+à)\s+(?P<n>\d{3})",
     "number", {"needs_party": False}),
    # "à trois sièges de la majorité de 172 sièges" (not "une majorité de 184 sièges": a count)
    ("majority threshold", r"\bla\s+majorité(?:\s+absolue)?\s+(?:de|fixée\s+à)\s+(?P<n>\d{3})(?:\s+sièges)?",
     "number", {"needs_party": False, "marks_short": False}),
    ("majority threshold", r"majorité\s+(?:est\s+)?(?:fixée\s+)?à\s+(?P<n>\d{3})", "number",
     {"needs_party": False}),
    ("house size", r"chambre\s+des\s+communes\s+(?:de|qui\s+compte(?:\s+désormais)?|comptant|compte)\s+"
     r"(?P<n>\d{3})\s+(?:sièges|députés)", "number", {"needs_party": False}),
    ("house size", r"(?:compte|comptera|comptant|compter)\s+(?:désormais\s+|maintenant\s+|dorénavant\s+)?"
     r"(?P<n>\d{3})\s+(?:sièges|députés|circonscriptions)", "number", {"needs_party": False}),
    ("house size", r"(?P<n>\d{3})\s+(?:sièges|circonscriptions|députés)\s+(?:de|à|"
     r"aux)\s+(?:la\s+)?(?:chambre|communes)",
     "number", {"needs_party": False}),
    ("house size", r"(?:des|les|sur\s+les)\s+(?P<n>\d{1,3})\s+(?:sièges|circonscriptions)\s+(?:du|"
     r"de\s+la|de\s+l')\s*"
     r"(?:province|Québec|Ontario|Alberta|Colombie-Britannique|Manitoba|Saskatchewan)", "number",
     {"needs_party": False}),
    ("house size", r"(?<=\d\s)(?:des|sur)\s+(?:les\s+)?(?P<n>\d{1,3})\s+(?:sièges|"
     r"circonscriptions)", "number",
     {"needs_party": False}),
    ("house size", r"(?:des|les|sur)\s+(?P<n>\d{3})(?:\s+(?:sièges|circonscriptions))?(?![\w-])", "number",
     {"needs_party": False}),
    # Une circonscription : "Dans Terrebonne, la candidate du Bloc l'a emporté par 35 voix", "a remporté
    # Terra Nova–Les Péninsules par 12 voix", "une avance de 12 voix", "a obtenu 19 605 voix".
    ("riding margin", r"(?P<verb>remporté|remporte|gagné|gagne|emporté|emporte|conservé|conserve|arraché|"
     r"arrache|ravi|ravit|perdu|perd)\s+(?:(?P<riding>[A-ZÀ-Ý][^,.;:()]{1,80}?)\s+)?par\s+"
     r"(?:seulement\s+|à\s+peine\s+)?"
     r"{H}(?P<n>{V})\s+(?:voix|votes?)\b", "votes", {}),
    ("riding margin", r"(?:avance|majorité|marge|écart)\s+de\s+(?:seulement\s+)?{H}(?P<n>{V})\s+"
     r"(?:voix|votes?)\b", "votes", {}),
    ("riding margin", r"avec\s+{H}(?P<n>{V})\s+(?:voix|votes?)\s+d'avance", "votes", {}),
    ("riding votes", r"(?:obtenu|obtient|récolté|récolte|recueilli|recueille|reçu|reçoit|remporté|totalisé|"
     r"amassé|avec)\s+{H}(?P<n>{V})\s+(?:voix|votes)\b", "votes", {}),
    ("seat change", r"(?P<verb>perdu|perd|perdant|perdent|un\s+gain\s+(?:net\s+)?de|"
     r"une\s+perte\s+(?:nette\s+)?de|"
     r"un\s+recul\s+de|une\s+hausse\s+de|une\s+baisse\s+de|en\s+hausse\s+de|en\s+baisse\s+de|cédé|"
         r"cède|ajouté|"
     r"ajoute)\s+{H}(?P<n>{N})\s+sièges?", "number", {}),
    ("seat change", r"(?P<verb>gagné|gagne|gagnant|gagnent|récolté|obtenu|"
     r"remporté)\s+{H}(?P<n>{N})\s+sièges?\s+"
     r"(?:de\s+plus|supplémentaires)", "number", {"direction": "up"}),
    ("seat change", r"{H}(?P<n>{N})\s+(?:sièges?\s+)?de\s+(?P<verb>plus|moins)\s+(?:qu|que|"
     r"par)", "number", {}),
    ("previous seats", r"(?:contre|comparativement\s+à|par\s+rapport\s+aux)\s+(?P<n>{N})(?:\s+sièges)?\s+"
     r"(?:en\s+(?:19|20)\d\d|lors\s+de\s+la\s+(?:dernière|précédente)\s+élection|à\s+la\s+dissolution)",
     "number", {}),
    ("seats", r"(?:de|passant\s+de|passé\s+de)\s+(?P<prev>{N})\s+(?:sièges\s+)?(?:[\w']+\s+){0,4}?à\s+"
     r"{H}(?P<n>{N})(?=\s+(?:sièges?|députés?|élus))", "number", {}),
    ("seats", r"(?P<verb>tombée?s?|tombe|tombent|chutée?s?|chute|chutent|réduite?s?|glissée?s?|glisse|"
     r"reculée?s?|recule|passée?s?|passe|passent|descendue?s?|descend|grimpée?s?|grimpe|grimpent|"
     r"montée?s?|monte|ramenée?s?|limitée?s?)\s+à\s+{H}(?P<n>{N})" + _NOT_SEATS_AFTER
     + r"(?:\s+sièges?|\s+députés?)?", "number", {}),
    ("seats", r"{H}(?P<n>{N})\s+(?:des\s+\d{3}\s+|sur\s+(?:les\s+)?\d{3}\s+)?(?:sièges?|circonscriptions?|"
     r"députés?|élus|élues)\b", "number", {}),
    ("seats", r"(?:remporté|obtenu|gagné|décroché|raflé|récolté|conservé|remporte|obtient|décroche|rafle|"
     r"remportent|obtiennent)\s+{H}(?P<n>{N})\s+(?:des|sur)\s+(?:les\s+)?\d{1,3}", "number", {}),
    ("seats", r"(?:contre|face\s+à)\s+{H}(?P<n>{N})(?=\s+(?:sièges?\s+)?pour\s+(?:les?\s+|la\s+|"
     r"l')?\w)", "number", {}),
    ("vote share", r"{H}(?P<n>{PCT})\s*(?:%|pour\s*cent\b|p\.\s*100)", "decimal", {}),
    ("turnout change", r"participation\b(?:[^.;]|,\d){0,60}?(?P<verb>en\s+hausse|en\s+baisse|a\s+augmenté|"
     r"a\s+grimpé|a\s+bondi|a\s+progressé|a\s+gagné|a\s+baissé|a\s+diminué|a\s+reculé|a\s+chuté|a\s+fléchi|"
     r"a\s+perdu)\s+(?:de\s+)?{H}(?P<n>{PTS})\s+points?\b", "decimal",
     {"needs_party": False}),
    ("turnout change", r"(?P<verb>hausse|baisse|recul|progression|augmentation|diminution|chute)\s+de\s+"
     r"(?P<n>{PTS})\s+points?\s+(?:de\s+pourcentage\s+)?(?:de\s+la|du\s+taux\s+de)\s+participation",
     "decimal", {"needs_party": False}),
    ("turnout direction", r"participation\b(?:[^.;]|,\d){0,60}?(?P<verb>en\s+hausse|en\s+baisse|a\s+augmenté|"
     r"a\s+grimpé|a\s+bondi|a\s+progressé|a\s+baissé|a\s+diminué|a\s+reculé|a\s+chuté|a\s+fléchi|"
     r"plus\s+élevée?|plus\s+faible|supérieure?|inférieure?)", "up", {"needs_party": False}),
    ("turnout direction", r"(?P<verb>hausse|baisse|recul|progression|augmentation|diminution|chute)\s+"
     r"(?:[\w']+\s+){0,2}?(?:de\s+la|du\s+taux\s+de)\s+participation", "up", {"needs_party": False}),
    ("rank", r"(?:terminée?s?|termine|terminent|arrivée?s?|arrive|arrivent|finie?s?|finit|classée?s?|"
     r"classe|placée?s?|retrouvée?s?|retrouve)\s+(?:au\s+|en\s+|à\s+la\s+)?(?P<n>{O})s?"
     r"(?!\s+(?:mandat|victoire|consécuti))(?:\s+(?:place|rang|position))?", "ordinal", {}),
    ("rank", r"\bau\s+(?P<n>{O})\s+rang", "ordinal", {}),
    ("rank", r"\ben\s+(?P<n>{O})\s+place", "ordinal", {}),
    ("rank", r"(?P<n>opposition\s+officielle)", "2", {}),
    ("rank", r"(?:remporté|remporte|gagné|gagne|arrivée?s?\s+en\s+tête\s+(?:du|"
     r"au))\s+(?:le\s+)?vote\s+populaire",
     "1", {}),
    ("consecutive terms", r"(?P<n>{O})\s+(?:mandat|victoire|gouvernement|élection)\s+(?:\w+\s+)?"
     r"(?:consécuti(?:f|ve)|de\s+suite|d'affilée)", "ordinal", {"default_winner": True}),
    ("consecutive terms", r"(?:un|une|le|la|son|sa|leur)\s+(?P<n>{O})\s+(?:mandat|victoire)", "ordinal",
     {"default_winner": True}),
    ("majority", r"(?:gouvernement|mandat|parlement)\s+minoritaire|minoritaires?", "minority",
     {"default_winner": True}),
    ("majority", r"(?:sans|privée?s?\s+d'une|pas\s+de|pas\s+obtenu\s+(?:la|de|une)|raté\s+la|manqué\s+la|"
     r"échoué\s+à\s+obtenir\s+(?:la|une)|loin\s+de\s+la|à\s+court\s+d'une|court\s+de\s+la|"
     r"n'(?:a|ont)\s+pas\s+(?:obtenu|remporté|décroché)\s+(?:la|une))\s+majorité", "minority",
     {"default_winner": True}),
    ("majority", r"(?:gouvernement|mandat)\s+majoritaire|majoritaires?|(?:obtenu|remporté|décroché|obtient|"
     r"remporte|décroche|formera|forme)\s+(?:une|la)\s+majorité(?!\s+des\s+(?:voix|votes|électeurs|"
         r"suffrages))",
     "majority", {"default_winner": True}),
]


def _build(rows: list[tuple[str, str, str, dict[str, object]]], lang: Lang) -> tuple[Pattern, ...]:
    out = []
    for kind, template, value, options in rows:
        out.append(Pattern(Kind(kind), _compile(template, lang), value,
                           needs_party=bool(options.get("needs_party", True)),
                           default_winner=bool(options.get("default_winner", False)),
                           direction=options.get("direction"),  # type: ignore[arg-type]
                           marks_short=bool(options.get("marks_short", True))))
    return tuple(out)


class _Compiled(Mapping[Lang, tuple[Pattern, ...]]):
    """The patterns of each language, compiled the first time that language is read (an English
    article never compiles the French patterns, and importing the package compiles nothing)."""

    def __init__(self) -> None:
        self._rows = {Lang.EN: _EN, Lang.FR: _FR}
        self._done: dict[Lang, tuple[Pattern, ...]] = {}

    def __getitem__(self, lang: Lang) -> tuple[Pattern, ...]:
        if lang not in self._done:
            self._done[lang] = _build(self._rows[lang], lang)
        return self._done[lang]

    def __iter__(self) -> Iterator[Lang]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)


PATTERNS: Mapping[Lang, tuple[Pattern, ...]] = _Compiled()
