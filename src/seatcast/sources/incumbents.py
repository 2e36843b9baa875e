"""Who sat in the House when a writ dropped: the roster that incumbency is decided against.

Elections Canada's official table 12 marks incumbents (``**``); its 2025 results download
does not.  The roster of the House at dissolution is built here from what the raw data has:
the winners of the general election before (table 12), with the winner of each later
by-election in place of the member they replaced.  The only by-election list for 2011–2025
in the raw data is smithbower/CanadianElectionSimulator's hand-curated
``post-election-events.json`` (MIT), which its README marks as not verified, and which is
known to miss by-elections of earlier parliaments (Trinity–Spadina 2014, Bonavista–Burin–
Trinity 2017 and Burnaby South 2019 are not in it), and whose ``ridingId`` is the riding's
number on the 2023 map even for events of earlier parliaments: a by-election's riding is
therefore read from its description ("X wins by-election (Riding--Name)") and must name
exactly one riding of the earlier map.  Elections Canada's own by-election results are not
in the raw data.  The matching itself is `seatcast.domain.people`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from seatcast.domain.geography import province_of
from seatcast.domain.people import Call, Contender, Member, incumbency
from seatcast.domain.results import RidingResult
from seatcast.domain.ridings import RidingCode, RidingMap, fold_name
from seatcast.errors import InputFileError
from seatcast.sources.textfile import json_list, read_text


@dataclass(frozen=True, slots=True)
class ByElection:
    date: dt.date
    riding_name: str  # as the source names it
    winner: str


_DESCRIPTION = re.compile(r"^(?P<who>.+?) wins by-election \((?P<riding>.+)\)\s*$")


def read_byelections(path: str | Path, election_year: int) -> tuple[ByElection, ...]:
    """The by-elections after the general election of ``election_year``, from smithbower's
    ``post-election-events.json`` (a list of events; by-elections have ``type`` "byElection",
    ``electionYear``, ``date``, ``ridingId`` and ``mpName``), in date order."""
    data = json_list(read_text(path), path, "events")
    out: list[ByElection] = []
    for i, ev in enumerate(data, start=1):
        if not isinstance(ev, dict) or ev.get("type") != "byElection":
            continue
        if ev.get("electionYear") != election_year:
            continue
        try:
            date = dt.date.fromisoformat(str(ev["date"]))
            winner, description = str(ev["mpName"]).strip(), str(ev["description"])
        except (KeyError, TypeError, ValueError) as e:
            raise InputFileError(path, None, f"event {i}: missing or bad field {e}") from None
        m = _DESCRIPTION.match(description.strip())
        if not winner or m is None or m.group("who").strip() != winner:
            raise InputFileError(path, None, f"event {i}: by-election description {description!r} "
                                 f"does not read 'WINNER wins by-election (RIDING)' for {winner!r}")
        out.append(ByElection(date, m.group("riding").strip(), winner))
    return tuple(sorted(out, key=lambda b: (b.date, b.riding_name)))


def roster(winners: Mapping[RidingCode, RidingResult], rmap: RidingMap,
           byelections: Sequence[ByElection], source: str, *, held: dt.date, dissolved: dt.date,
           path: str | Path) -> tuple[Member, ...]:
    """The members at dissolution: each riding's general-election winner (``winners``, the
    final counts of the election held on ``held`` on ``rmap``), or the winner of its latest
    by-election held before ``dissolved``.  ``path`` names the by-election file in messages."""
    seat: dict[int, Member] = {code: Member(r.winner.name, province_of(code).code,
                                            f"{source}, riding {code}")
                               for code, r in winners.items()}
    by_name: dict[str, list[int]] = {}
    for r in rmap:
        for n in {fold_name(r.name_en), fold_name(r.name_fr)}:
            by_name.setdefault(n, []).append(r.code)
    for b in byelections:
        codes = by_name.get(fold_name(b.riding_name), [])
        if len(codes) != 1:
            raise InputFileError(path, None, f"by-election of {b.date} in {b.riding_name!r}: "
                                 f"{'no' if not codes else 'more than one'} riding of that name "
                                 f"on the {rmap.name} map")
        if not held < b.date < dissolved:
            raise InputFileError(path, None, f"by-election of {b.date} in {b.riding_name!r}: not "
                                 f"between {held} and {dissolved}")
        code = codes[0]
        seat[code] = Member(b.winner, province_of(code).code,
                            f"by-election of {b.date}, riding {code}")
    return tuple(seat[c] for c in sorted(seat))


#: A candidate of one riding: (riding, name, affiliation) (two candidates of one name can
#: stand in one riding: Beauce, 2019).
CandidateKey = tuple[int, str, str]


def contenders(stages: Mapping[RidingCode, Sequence[RidingResult]],
               name_parts: Mapping[tuple[int, str], tuple[str, str, str]]
               ) -> dict[CandidateKey, Contender]:
    """Every candidate of a results download, with their name parts."""
    out: dict[CandidateKey, Contender] = {}
    for code, st in stages.items():
        for r in st:
            for c in r.candidates:
                key = (code, c.name, c.affiliation)
                if key not in out:
                    given, middle, surname = name_parts[(code, c.name)]
                    out[key] = Contender(given, surname, province_of(code).code, middle)
    return out


def with_incumbents(stages: Mapping[RidingCode, tuple[RidingResult, ...]],
                    calls: Mapping[CandidateKey, Call]) -> dict[RidingCode, tuple[RidingResult, ...]]:
    """The stages with each candidate's incumbency set from ``calls`` (by `CandidateKey`)."""
    return {code: tuple(replace(r, candidates=tuple(
                replace(c, incumbent=calls[(code, c.name, c.affiliation)].incumbent)
                for c in r.candidates))
                for r in st)
            for code, st in stages.items()}


def flag(stages: Mapping[RidingCode, tuple[RidingResult, ...]],
         name_parts: Mapping[tuple[int, str], tuple[str, str, str]],
         members: Sequence[Member]) -> tuple[dict[RidingCode, tuple[RidingResult, ...]],
                                             dict[CandidateKey, Call]]:
    """Decide every candidate's incumbency against ``members``; the stages with it set."""
    calls = incumbency(contenders(stages, name_parts), members)
    return with_incumbents(stages, calls), calls


__all__ = ["ByElection", "CandidateKey", "contenders", "flag", "read_byelections", "roster",
           "with_incumbents"]
