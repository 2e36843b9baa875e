"""Riding-level claims: which riding a sentence names, and which candidate.

"In Terrebonne, the Bloc candidate won by 35 votes", "Jonathan Rowe won Terra Nova–The
Peninsulas by 12 votes": the claim finder keeps the phrases that may name the riding
(:attr:`~seatcast.factcheck.claims.Claim.places`) and the words before the claim
(:attr:`~seatcast.factcheck.claims.Claim.who`); here they are matched against the election's map
and the riding's candidates, with accents, dashes, apostrophes and case ignored
(:func:`~seatcast.domain.ridings.fold_name`).  A riding is matched on its whole name, English or
French ("Terra Nova–The Peninsulas", "Terra Nova--Les Péninsules"), never on a part of it, and a
province's own name is not read as a riding ("in Quebec" is the province, not the 2013 riding of
Québec).  The verdicts then compare the claim with every count stage of that riding.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from seatcast.domain.geography import PROVINCES
from seatcast.domain.results import Candidate, RidingResult
from seatcast.domain.ridings import Riding, RidingMap, fold_name


def riding_index(rmap: RidingMap) -> dict[str, Riding]:
    """Folded English and French name -> riding, for one map (province names left out)."""
    counts: dict[str, int] = {}
    for r in rmap:
        counts[r.province.code] = counts.get(r.province.code, 0) + 1
    provinces = {fold_name(name) for p in PROVINCES if counts.get(p.code, 0) > 1
                 for name in (p.name_en, p.name_fr)}
    out: dict[str, Riding] = {}
    for r in rmap:
        for name in (r.name_en, r.name_fr):
            key = fold_name(name)
            if key and key not in provinces:
                out.setdefault(key, r)
    return out


def find_riding(index: Mapping[str, Riding], phrases: Iterable[str]) -> Riding | None:
    """The first riding named at the start of one of the phrases ("Terrebonne on Monday" names
    Terrebonne): the longest run of words that is a whole riding name wins."""
    for phrase in phrases:
        words = fold_name(phrase).split()
        if words[:1] == ["the"]:
            words = words[1:]
        for n in range(len(words), 0, -1):
            found = index.get(" ".join(words[:n]))
            if found is not None:
                return found
    return None


def _name_forms(name: str) -> list[str]:
    """A candidate's full name, folded, then the name without the given name ("Sinclair
    Desgagne") and the last name alone, longest first."""
    words = fold_name(name).split()
    forms = [" ".join(words)]
    if len(words) > 1:
        forms.append(" ".join(words[1:]))
        forms.append(words[-1])
    return [f for f in dict.fromkeys(forms) if len(f) >= 3]


def find_candidate(who: str, candidates: Iterable[Candidate]) -> Candidate | None:
    """The one candidate named in ``who`` (by full name, else by family name), or None."""
    text = f" {fold_name(who)} "
    pool = list(candidates)
    for level in range(3):
        hits = [c for c in pool if len(forms := _name_forms(c.name)) > level and f" {forms[level]} " in text]
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            return None  # two candidates named: not for this module to choose
    return None


def describe(stage: RidingResult) -> str:
    """"preliminary: LPC (Tatiana Auguste) by 35", or "... tied" on an exact tie."""
    w = stage.winner
    if stage.tied:
        return f"{stage.stage.value}: tied at {w.votes:,}"
    return f"{stage.stage.value}: {w.party.value} ({w.name}) by {stage.margin:,}"


__all__ = ["describe", "find_candidate", "find_riding", "riding_index"]
