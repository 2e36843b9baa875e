"""The same person in two elections: who among a new election's candidates was a sitting member.

Elections Canada's official table 12 marks each candidate who was a member of the House when
the writ dropped (``**``); its results download of 2025 does not.  `incumbency` decides it
from the House as it stood, given as a roster of sitting members (the previous general
election's winners, with by-election winners in place of the members they replaced), by
matching people by name:

* the surname must match the end of the member's name exactly (accents, case, hyphens and
  apostrophes ignored: "Taylor Roy" matches "Leah Taylor Roy"), and the given name must
  agree with the member's first name, one the start of the other ("Ken" and "Kenneth"), a
  common short form of it (`NICKNAMES`: "Nate" and "Nathaniel"), or one of the other's
  middle names;
* the match must be in the same province: a member runs where they sit, and after a
  redistribution a riding's number changes but its province does not (the riding itself
  may change: members move to a new riding, so ridings are not compared);
* a name matching one member in the province is that member (**True**); a surname no
  member of the province bears, matching nobody elsewhere either, is not a member
  (**False**); anything between (a member of the province with that surname but another
  given name, one with that given name and part of that surname, a namesake sitting for
  another province, two candidates or two members of one name) is not decided (**None**).

False is only as good as the roster: a member missing from it (a by-election winner the
caller does not know of) or one whose surname changed entirely (Candice Hoeppner, later
Bergen) is called False.  The caller vouches for the roster.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar


def name_words(text: str) -> tuple[str, ...]:
    """A person's name as plain words: no accents, case, hyphens, apostrophes or initials' dots."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return tuple(re.sub(r"[^a-z]+", " ", plain.replace("'", "").replace("’", "")).split())


def same_surname(name: str, surname: str) -> bool:
    """Whether the full name ``name`` ("Given Middle Surname") ends with ``surname``."""
    s = name_words(surname)
    return bool(s) and name_words(name)[-len(s):] == s


#: A given name and its short form share at least this many leading letters ("Ken", "Rob").
SHORT_FORM = 3

#: Common English short forms that are not the start of the full name.
NICKNAMES: dict[str, frozenset[str]] = {
    short: frozenset(full.split()) for short, full in {
        "bob": "robert", "bobby": "robert", "bill": "william", "billy": "william",
        "will": "william", "tom": "thomas", "jim": "james", "jimmy": "james", "dick": "richard",
        "rick": "richard", "nate": "nathaniel nathan", "ted": "edward", "ed": "edward",
        "tony": "anthony", "peggy": "margaret", "mike": "michael", "dave": "david",
        "steve": "stephen steven", "joe": "joseph", "andy": "andrew", "drew": "andrew",
        "chuck": "charles", "charlie": "charles", "jack": "john", "larry": "lawrence",
        "liz": "elizabeth", "beth": "elizabeth", "kate": "katherine catherine kathleen",
        "cathy": "catherine", "kathy": "katherine kathleen", "jenny": "jennifer",
        "sue": "susan suzanne", "hank": "henry", "harry": "harold henry",
    }.items()
}


def _first_names_agree(a: str, b: str) -> bool:
    if a == b:
        return True
    if min(len(a), len(b)) >= SHORT_FORM and (a.startswith(b) or b.startswith(a)):
        return True
    return b in NICKNAMES.get(a, frozenset()) or a in NICKNAMES.get(b, frozenset())


def _given_agrees(given: Sequence[str], member_given: Sequence[str]) -> bool:
    """The candidate's given (and middle) names against the member's leading names."""
    if not given or not member_given:
        return False
    if _first_names_agree(given[0], member_given[0]):
        return True
    return given[0] in member_given[1:] or member_given[0] in given[1:]


@dataclass(frozen=True, slots=True)
class Member:
    """A sitting member: the name as the source prints it and the province of the seat."""

    name: str  # "Given [Middle] Surname"
    province: str  # province code, e.g. "ON"
    seat: str = ""  # where the source has them, for messages ("2021 table 12, riding 35064")


@dataclass(frozen=True, slots=True)
class Contender:
    """A candidate of the new election, by name parts, and the province of their riding."""

    given: str
    surname: str
    province: str
    middle: str = ""


@dataclass(frozen=True, slots=True)
class Call:
    """Whether a candidate was a sitting member: True, False or None (not decided), and why."""

    incumbent: bool | None
    member: Member | None  # the member matched (True), or the one that left it open (None)
    reason: str


def _call(c: Contender, roster: Sequence[Member]) -> Call:
    surname = name_words(c.surname)
    if not surname:
        return Call(None, None, "no surname")
    given = name_words(c.given) + name_words(c.middle)
    same = [m for m in roster if name_words(m.name)[-len(surname):] == surname]
    full = [m for m in same
            if _given_agrees(given, name_words(m.name)[: -len(surname)])]
    here = [m for m in full if m.province == c.province]
    if len(here) == 1:
        return Call(True, here[0], f"the sitting member {here[0].name} ({here[0].seat})")
    if len(here) > 1:
        return Call(None, here[0], f"{len(here)} sitting members of that name in {c.province}")
    if full:
        return Call(None, full[0], f"a sitting member of that name, {full[0].name}, sits for "
                    f"{full[0].province}")
    near = [m for m in same if m.province == c.province]
    if near:
        return Call(None, near[0], f"the sitting member {near[0].name} ({near[0].seat}) has "
                    "that surname and another given name")
    # A surname changed or joined to another since (Michelle Rempel, then Rempel Garner).
    part = [m for m in roster if m.province == c.province
            and set(surname + given[1:]) & set(name_words(m.name)[1:])
            and _given_agrees(given, name_words(m.name)[:1])]
    if part:
        return Call(None, part[0], f"the sitting member {part[0].name} ({part[0].seat}) has "
                    "that given name and part of that surname")
    return Call(False, None, f"no sitting member of {c.province} has that surname, and no "
                "member elsewhere that name")


K = TypeVar("K", bound=Hashable)


def incumbency(contenders: Mapping[K, Contender], roster: Sequence[Member]) -> dict[K, Call]:
    """Each contender's call against the roster of sitting members (see the module docstring).

    A member matched by two contenders decides neither (None)."""
    calls = {k: _call(c, roster) for k, c in contenders.items()}
    claimed: dict[Member, list[K]] = defaultdict(list)
    for k, call in calls.items():
        if call.incumbent and call.member is not None:
            claimed[call.member].append(k)
    for m, keys in claimed.items():
        if len(keys) > 1:
            for k in keys:
                calls[k] = Call(None, m, f"{len(keys)} candidates match the sitting member {m.name}")
    return calls


__all__ = ["Call", "Contender", "Member", "incumbency", "name_words", "same_surname"]
