"""Which election an article is about, read from the article itself.

Cues, strongest first: the election's own date ("April 28, 2025", "28 avril 2025") or its
number ("45th general election", "45e élection générale"); a year next to "election" or
"élection"; the size of the House (343 seats since the 2023 representation order, 338
before); the leaders named (Carney and Poilievre led in 2025 only, O'Toole in 2021, Scheer in
2019); the publication date in the page's metadata.  Each cue adds weight to the elections
it fits; the heaviest wins, the newest on a tie.  With no cue at all the newest election is
assumed, and the report says so.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from seatcast.domain.results import Election, Stage
from seatcast.factcheck.lexicon import find_leaders

_MONTHS_EN = ["january", "february", "march", "april", "may", "june", "july", "august",
              "september", "october", "november", "december"]
_MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
              "septembre", "octobre", "novembre", "décembre"]
_ABBR_EN = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sept?", "oct", "nov", "dec"]


@dataclass(frozen=True, slots=True)
class Inference:
    election: str
    given: bool  # named by the user rather than inferred
    cues: tuple[str, ...]  # what pointed to it, for the report

    def describe(self) -> str:
        if self.given:
            return "given with --election"
        if not self.cues:
            return "no date, leader or house size in the text: the latest election is assumed"
        more = f" and {len(self.cues) - 4} more" if len(self.cues) > 4 else ""
        return "inferred from " + "; ".join(self.cues[:4]) + more


def is_transposed(e: Election) -> bool:
    """Votes recounted on another map (2021t): never what an article is about."""
    return any(r.stage is Stage.TRANSPOSED for r in e.results.values())


def _date_patterns(d: dt.date) -> list[str]:
    m = d.month - 1
    return [
        rf"\b{_MONTHS_EN[m]}\s+{d.day}(?:st|nd|rd|th)?,?\s+{d.year}\b",
        rf"\b{_ABBR_EN[m]}\.?\s+{d.day},?\s+{d.year}\b",
        rf"\b{d.day}(?:er)?\s+{_MONTHS_FR[m]}\s+{d.year}\b",
        rf"\b{d.isoformat()}\b",
    ]


def infer_election(text: str, elections: Mapping[str, Election], published: str | None = None) -> Inference:
    """The built-in election (not a transposition) that ``text`` is most likely about."""
    pool = {k: e for k, e in elections.items() if not is_transposed(e)}
    if not pool:
        raise ValueError("no elections to choose from")
    score: dict[str, float] = defaultdict(float)
    cues: dict[str, list[str]] = defaultdict(list)

    def add(ids: list[str], weight: float, cue: str) -> None:
        for k in ids:
            score[k] += weight / len(ids)
            if cue not in cues[k]:
                cues[k].append(cue)

    for k, e in pool.items():
        for pat in _date_patterns(e.polling_day):
            for m in re.finditer(pat, text, re.IGNORECASE):
                add([k], 6, f'the date "{m.group(0)}"')
        number = re.match(r"(\d+)(?:st|nd|rd|th)\b", e.name)  # "45th general election"
        if number:
            pat = rf"\b{number.group(1)}(?:st|nd|rd|th|e|ème)\s+(?:general\s+election|élection\s+générale)"
            for m in re.finditer(pat, text, re.IGNORECASE):
                add([k], 6, f'"{m.group(0)}"')
    for m in re.finditer(r"\b(?:(?:19|20)\d\d)\b", text):
        year = int(m.group(0))
        ids = [k for k, e in pool.items() if e.polling_day.year == year]
        if not ids:
            continue
        window = text[max(0, m.start() - 40):m.end() + 40].lower()
        if re.search(r"election|élection|scrutin|vote|campaign|campagne", window):
            add(ids, 2, f'"{year}" next to "election"')
        else:
            add(ids, 0.5, f'the year {year}')
    for m in re.finditer(r"\b(343|338)(?:-seat|\s+(?:seats|sièges|ridings|circonscriptions))", text,
                         re.IGNORECASE):
        size = int(m.group(1))
        ids = [k for k, e in pool.items() if e.seats_total == size]
        if ids:
            add(ids, 3, f'a {size}-seat House')
    for leader in find_leaders(text):
        ids = [k for k in leader.elections if k in pool]
        if ids:
            add(ids, 2, f"{leader.name} as a party leader")
    if published:
        try:
            when = dt.date.fromisoformat(published[:10])
        except ValueError:
            when = None
        if when is not None:
            before = [e for e in pool.values() if e.polling_day <= when]
            if before:
                last = max(before, key=lambda e: e.polling_day)
                add([last.id], 1, f"published {when.isoformat()}")
    newest = max(pool.values(), key=lambda e: e.polling_day)
    if not score:
        return Inference(newest.id, False, ())
    best = max(pool.values(), key=lambda e: (score.get(e.id, 0.0), e.polling_day))
    found = cues[best.id]
    # "the year 2025" says nothing more once "2025" next to "election" is listed.
    found = [c for c in found if not (c.startswith("the year ") and f'"{c[9:]}" next to' in " ".join(found))]
    return Inference(best.id, False, tuple(found))
