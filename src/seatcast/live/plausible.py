"""Plausibility: what a feed record may claim about a riding, beyond its syntax.

A well-formed record can still be impossible.  The store rejects, with the reason, a record

* whose votes exceed the riding's electors (`RidingLimits.electors`);
* whose polls (reporting, or in all) exceed the polls the riding can have
  (`RidingLimits.polls`);
* that would move a riding back to an earlier count stage than the store already holds: a
  riding's stage only moves forward (preliminary, then validated, then judicially
  certified); a record of the same stage is a correction and is taken;
* that would replace a final count: nothing a feed says replaces a judicially certified
  count except a later judicial count (nor an official count except a later official or
  judicial one).

The limits are fixed when a night is created (`riding_limits`) and stored with it:

* **electors**: the night's election's own elector count of the riding where the data has
  it (official table 11, for every built-in election; so votes never exceed the list); where
  it has none (the next election, a transposition, a user's file), 1.5 x the previous
  election's electors on the same map, else 1.5 x `stations.DEFAULT_ELECTORS`;
* **polls**: twice the boxes the riding reports on the night (`stations.boxes_of`: ordinary
  stations from official table 11 (the previous election's, for an election not held yet),
  or estimated from the electors, plus advance polls and the special-ballot count).  The
  bound is generous: it stops a record claiming thousands of polls, not one that is a few
  off.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from seatcast.domain.results import Election, Stage
from seatcast.domain.ridings import RidingCode
from seatcast.live import stations
from seatcast.live.feed import Update

#: Where a riding's elector count is unknown: this many times the best estimate.
ELECTORS_MARGIN = 1.5
#: The polls a record may claim: this many times the boxes estimated for the riding.
POLLS_MARGIN = 2


class ElectorsBasis(StrEnum):
    ELECTION = "the election's own list"
    PREVIOUS = "the previous election's list"
    DEFAULT = "no list in the data"


@dataclass(frozen=True, slots=True)
class RidingLimits:
    """The most a record may claim for one riding."""

    electors: int  # valid votes at most
    electors_basis: ElectorsBasis
    polls: int  # polls reporting (and in all) at most


def riding_limits(election: Election, previous: Election | None
                  ) -> dict[RidingCode, RidingLimits]:
    """The limits of every riding of `election` (`previous`: the election before it on the
    same map, or None)."""
    out: dict[RidingCode, RidingLimits] = {}
    same_map = previous is not None and previous.map.name == election.map.name
    for code in election.map.codes:
        r = election.results.get(code)
        prev = previous.results.get(code) if previous is not None and same_map else None
        if r is not None and r.electors:
            electors, basis = r.electors, ElectorsBasis.ELECTION
        elif prev is not None and prev.electors:
            electors, basis = round(ELECTORS_MARGIN * prev.electors), ElectorsBasis.PREVIOUS
        else:
            electors = round(ELECTORS_MARGIN * stations.DEFAULT_ELECTORS)
            basis = ElectorsBasis.DEFAULT
        # the boxes of the riding's own result, else of the previous one (a night of an
        # election not held yet)
        polls = POLLS_MARGIN * stations.boxes_of(r if r is not None else prev)
        out[code] = RidingLimits(electors, basis, polls)
    return out


def implausible(u: Update, limits: RidingLimits | None, held: Update | None) -> str | None:
    """Why the store cannot take `u`, or None.  `held` is the riding's current record in the
    store (the latest record of its latest stage), if any."""
    if limits is not None:
        votes = u.valid_votes
        if votes > limits.electors:
            what = ("electors" if limits.electors_basis is ElectorsBasis.ELECTION
                    else f"electors at most ({ELECTORS_MARGIN:g} x {limits.electors_basis.value})")
            return (f"{_where(u)}: {votes:,} votes, more than the riding's "
                    f"{limits.electors:,} {what}")
        for label, n in (("polls reporting", u.polls_reporting), ("polls", u.polls_total)):
            if n is not None and n > limits.polls:
                return (f"{_where(u)}: {n:,} {label}, more than the riding can have (at most "
                        f"{limits.polls:,})")
    if held is None or u.seq < held.seq:
        return None  # a first record, or a late one (it changes nothing: logged, not current)
    if held.stage is Stage.JUDICIAL and u.stage is not Stage.JUDICIAL:
        return (f"{_where(u)}: a {u.stage.value} count cannot replace the judicially certified "
                f"count (seq {held.seq}); only a later judicial count can")
    if held.stage is Stage.OFFICIAL and u.stage not in (Stage.OFFICIAL, Stage.JUDICIAL):
        return (f"{_where(u)}: a {u.stage.value} count cannot replace the official count "
                f"(seq {held.seq})")
    if u.stage.rank < held.stage.rank:
        return (f"{_where(u)}: a {u.stage.value} count after the {held.stage.value} count (seq "
                f"{held.seq}): a riding's count stage only moves forward")
    return None


def _where(u: Update) -> str:
    return f"riding {u.riding} seq {u.seq}"


def limits_of(limits: Mapping[RidingCode, RidingLimits], code: RidingCode) -> RidingLimits | None:
    return limits.get(code)
