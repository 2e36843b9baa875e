"""Ridings (federal electoral districts) and the maps they form.

The house size and the majority line are properties of a map, never typed in twice: the
2013 Representation Order has 338 ridings (majority 170), the 2023 one 343 (majority 172).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NewType

from seatcast.domain.geography import Province, Region, province_of

#: A federal electoral district number, e.g. 24073 (Terrebonne): province prefix + riding.
RidingCode = NewType("RidingCode", int)


def majority_of(seats: int) -> int:
    """Seats needed for a majority in a house of ``seats``: floor(seats / 2) + 1."""
    if seats <= 0:
        raise ValueError("a house needs at least one seat")
    return seats // 2 + 1


def fold_name(text: str) -> str:
    """Fold a riding name for matching: no accents, case, dash style or punctuation."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    plain = plain.replace("'", "").replace("’", "")
    return re.sub(r"[^a-z0-9]+", " ", plain).strip()


@dataclass(frozen=True, slots=True)
class Riding:
    code: int
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
            raise KeyError(f"no riding {code} on the {self.name} map") from None

    def find(self, query: str) -> Riding:
        """Find a riding by code or by name (accents, case and dash style ignored).

        An exact folded match wins; otherwise a unique prefix or substring match.
        Raises LookupError naming the candidates when the query is ambiguous or unknown.
        """
        q = query.strip()
        if q.isdigit():
            return self.get(int(q))
        fq = fold_name(q)
        if not fq:
            raise LookupError("empty riding name")
        exact = [r for r in self.ridings if fq in (fold_name(r.name_en), fold_name(r.name_fr))]
        if len(exact) == 1:
            return exact[0]
        for test in (
            lambda n: n.startswith(fq + " ") or n == fq,
            lambda n: n.startswith(fq),
            lambda n: f" {fq} " in f" {n} ",
            lambda n: fq in n,
        ):
            hits = [r for r in self.ridings if test(fold_name(r.name_en)) or test(fold_name(r.name_fr))]
            if len(hits) == 1:
                return hits[0]
            if len(hits) > 1:
                names = "; ".join(f"{r.code} {r.name_en}" for r in hits[:6])
                more = "" if len(hits) <= 6 else f" and {len(hits) - 6} more"
                raise LookupError(f"riding {query!r} is ambiguous: {names}{more}")
        raise LookupError(f"no riding matches {query!r} on the {self.name} map")
