"""Ridings (federal electoral districts) and the maps they form.

The house size and the majority line are properties of a map, never typed in twice: the
2013 Representation Order has 338 ridings (majority 170), the 2023 one 343 (majority 172).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import NewType

from seatcast.domain.geography import PROVINCE_BY_CODE, Province, Region, province_of
from seatcast.errors import NotFoundError

#: A federal electoral district number, e.g. 24073 (Terrebonne).
RidingCode = NewType("RidingCode", int)


#: Words that name no riding on their own ("on" in Niagara-on-the-Lake, "de la" in French).
_LINKING_WORDS = frozenset({"on", "the", "of", "and", "et", "de", "la", "le", "les", "des", "du",
                            "sur", "aux", "au", "en"})

def majority_of(seats: int) -> int:
    """Seats needed for a majority in a house of ``seats``: floor(seats / 2) + 1."""
    if seats <= 0:
        raise ValueError("a house needs at least one seat")
    return seats // 2 + 1


def display_name(name: str) -> str:
    """A riding's official name as a reader sees it: Elections Canada's files write the em dash
    of the Representation Order as ``--`` ("Terra Nova--The Peninsulas"); shown, it is "—".
    The data keeps EC's spelling."""
    return name.replace("--", "\u2014")


def fold_name(text: str) -> str:
    """Fold a riding name for matching: no accents, case, dash style or punctuation."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    plain = plain.replace("'", "").replace("’", "")
    return re.sub(r"[^a-z0-9]+", " ", plain).strip()


class AmbiguousRidingError(NotFoundError):
    """A riding query that matches several ridings; ``matches`` lists them."""

    def __init__(self, query: str, matches: tuple[Riding, ...]) -> None:
        self.query = query
        self.matches = matches
        names = "; ".join(f"{r.code} {r.name_en}" for r in matches[:6])
        more = "" if len(matches) <= 6 else f" and {len(matches) - 6} more"
        super().__init__(f"riding {query!r} is ambiguous: {names}{more}")


@dataclass(frozen=True, slots=True)
class Riding:
    code: RidingCode
    name_en: str
    name_fr: str

    @property
    def province(self) -> Province:
        return province_of(self.code)

    @property
    def region(self) -> Region:
        return self.province.region


@dataclass(frozen=True, slots=True)
class RidingMap:
    """A representation order: the set of ridings that elect one House."""

    name: str  # "2013" or "2023" (the Representation Order's year)
    ridings: tuple[Riding, ...]
    _by_code: dict[int, Riding] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_code", {r.code: r for r in self.ridings})
        if len(self._by_code) != len(self.ridings):
            raise ValueError(f"map {self.name}: a riding code is listed twice")

    @property
    def seats(self) -> int:
        return len(self.ridings)

    @property
    def majority(self) -> int:
        return majority_of(self.seats)

    def __iter__(self) -> Iterator[Riding]:
        return iter(self.ridings)

    def __len__(self) -> int:
        return len(self.ridings)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def get(self, code: int) -> Riding:
        try:
            return self._by_code[code]
        except KeyError:
            raise NotFoundError(f"no riding {code} on the {self.name} map") from None

    @property
    def codes(self) -> tuple[RidingCode, ...]:
        return tuple(r.code for r in self.ridings)

    def find(self, query: str) -> Riding:
        """Find a riding by code or by name (accents, case and dash style ignored).

        An exact folded match wins; then names that start with the query's whole words,
        names that contain them as whole words, names that start with the query, and (for a
        query of four letters or more) names that contain it.  Each step that matches
        several ridings is an `AmbiguousRidingError` listing them; a query of only short or
        linking words ("ON", "de la") matches no words inside names.  Nothing found: a
        `NotFoundError` that suggests the closest names ("did you mean ...?")."""
        q = query.strip()
        if q.isdigit():
            return self.get(int(q))
        fq = fold_name(q)
        if not fq:
            raise NotFoundError("empty riding name")
        names = [(r, fold_name(r.name_en), fold_name(r.name_fr)) for r in self.ridings]
        exact = [r for r, en, fr in names if fq in (en, fr)]
        if len(exact) == 1:
            return exact[0]
        words = [w for w in fq.split() if len(w) >= 3 and w not in _LINKING_WORDS]
        tests: list[Callable[[str], bool]] = [lambda n: n.startswith(fq + " ") or n == fq]
        if words:
            tests.append(lambda n: f" {fq} " in f" {n} ")
        tests.append(lambda n: n.startswith(fq))
        if words and len(fq.replace(" ", "")) >= 4:
            tests.append(lambda n: fq in n)
        for test in tests:
            hits = [r for r, en, fr in names if test(en) or test(fr)]
            if len(hits) == 1:
                return hits[0]
            if len(hits) > 1:
                raise AmbiguousRidingError(query, tuple(hits))
        import difflib  # only for a riding not found

        close = difflib.get_close_matches(fq, [en for _, en, _ in names], n=3, cutoff=0.75)
        by_folded = {en: r for r, en, _ in names}
        hint = ("; did you mean " + " or ".join(f"{by_folded[c].name_en} ({by_folded[c].code})"
                                              for c in close) + "?") if close else ""
        if q.upper() in PROVINCE_BY_CODE:
            hint += f" ({q.upper()} is a province: `seatcast results --province {q.upper()}`)"
        raise NotFoundError(f"no riding matches {query!r} on the {self.name} map{hint}")
