"""Race calls: only when the call cannot be wrong.

A riding is called for the candidate leading the count when all three hold:

1. the live model gives the leader at least a 99.9 % chance of winning;
2. the lead in votes counted is larger than the vote the leader could still lose: half of
   the generous upper bound on the votes still out (the rival taking them 75-25) plus how
   far the current count stage can still be revised (3 % of the vote for a preliminary
   count, 0.2 % for a validated one, nothing for a certified or official count);
3. the lead is above the automatic recount line, 0.1 % of the valid vote, unless the count
   is already judicially certified (a recount's result is final).

The government call follows the same standard: a party's *largest party* call needs its
called seats to exceed every other party's called seats plus every uncalled riding that
party could still win, and a 99.9 % chance in the national draws; *majority* needs called
seats at the majority line, *minority* needs every party's called-plus-possible seats
below it.  A call is never withdrawn: if a later count goes against it, a *retraction* is
recorded next to it, and the replays count them (there should be none).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from seatcast.domain.parties import ALL_PARTIES, Party
from seatcast.domain.results import Election, Stage
from seatcast.domain.ridings import RidingCode
from seatcast.live.feed import FINAL_STAGES
from seatcast.live.model import ModelConfig, NationalProjection, RidingProjection

#: A party can still take an uncalled riding if its chance there is at least this.
POSSIBLE = 1e-6


class CallOutcome(StrEnum):
    WIN = "win"  # a riding, for a candidate
    LARGEST = "largest"  # the party with the most seats
    MAJORITY = "majority"
    MINORITY = "minority"


@dataclass(frozen=True, slots=True)
class RidingSubject:
    """A call on one riding: who wins it."""

    riding: RidingCode
    kind: Literal["riding"] = "riding"


@dataclass(frozen=True, slots=True)
class LargestPartySubject:
    """The call on which party has the most seats."""

    kind: Literal["largest party"] = "largest party"


@dataclass(frozen=True, slots=True)
class GovernmentSubject:
    """The call on the government: majority or minority, of which party."""

    kind: Literal["government"] = "government"


#: What a call is about (a tagged union: the ``kind`` says which).
CallSubject = RidingSubject | LargestPartySubject | GovernmentSubject
LARGEST_PARTY = LargestPartySubject()
GOVERNMENT = GovernmentSubject()


@dataclass(frozen=True, slots=True)
class Call:
    """A call and what it rested on: the update, the count and the model's figures."""

    subject: CallSubject
    party: Party
    outcome: CallOutcome
    candidate: str | None  # the candidate of a riding call
    seq: int  # the last update the call was based on
    time: dt.datetime  # that update's timestamp
    stage: Stage | None  # the count stage of a riding call
    reporting_share: float
    probability: float
    margin: int
    could_lose: float
    recount_line: float
    basis: str


def riding_call(pr: RidingProjection, cfg: ModelConfig) -> Call | None:
    """The call a riding's projection allows now, or None."""
    if pr.leader < 0 or pr.margin <= 0 or pr.stage is None:
        return None
    p = pr.win_probability[pr.leader]
    final = pr.stage in FINAL_STAGES
    if p < cfg.call_probability or pr.margin <= pr.could_lose:
        return None
    if not final and pr.margin <= pr.recount_line:
        return None
    what = (f"{pr.stage.value} count, {pr.reporting_share:.1%} of polls"
            if not pr.complete else f"complete {pr.stage.value} count")
    basis = (f"{what}: lead {pr.margin:,} > could lose {pr.could_lose:,.0f}"
             + (f" and recount line {pr.recount_line:,.0f}" if not final else " (final count)")
             + f"; P(win) {p:.4f}")
    return Call(RidingSubject(pr.riding), pr.parties[pr.leader], CallOutcome.WIN,
                pr.names[pr.leader], pr.seq, pr.time, pr.stage, pr.reporting_share, p,
                pr.margin, pr.could_lose, pr.recount_line, basis)


def riding_retracted(call: Call, pr: RidingProjection) -> bool:
    """Would the count now contradict the call? (leader changed on a complete count, or the
    called candidate's chance fell below one half)."""
    who = list(zip(pr.names, pr.parties, strict=True))
    key = (call.candidate or "", call.party)
    if key not in who:
        return True
    i = who.index(key)
    return (pr.complete and pr.leader != i) or pr.win_probability[i] < 0.5


def possible_seats(election: Election, projections: Mapping[RidingCode, RidingProjection],
                   called: Mapping[RidingCode, Party]) -> dict[Party, int]:
    """Per party: called seats plus every uncalled riding it could still win."""
    out = dict.fromkeys(ALL_PARTIES, 0)
    for code in election.map.codes:
        for p in _possible_in(projections.get(RidingCode(code)), called.get(code)):
            out[p] += 1
    return out


def _possible_in(pr: RidingProjection | None, call: Party | None) -> tuple[Party, ...]:
    """The parties that have (`call`) or could still win a riding."""
    if call is not None:
        return (call,)
    if pr is None or pr.leader < 0:
        return ALL_PARTIES
    can = set()
    for i, party in enumerate(pr.parties):
        deficit = pr.counted[pr.leader] - pr.counted[i]
        if i == pr.leader or pr.win_probability[i] >= POSSIBLE or deficit <= pr.could_lose \
                or (pr.stage not in FINAL_STAGES and deficit <= pr.recount_line):
            can.add(party)
    return tuple(can)


class PossibleSeats:
    """`possible_seats` kept riding by riding, for one election: a riding's parties are
    worked out again only when its projection (a new object) or its call changed, and the
    totals moved by the difference (whole numbers: exact in any order)."""

    def __init__(self) -> None:
        self._by_riding: dict[int, tuple[RidingProjection | None, Party | None,
                                         tuple[Party, ...]]] = {}
        self._totals = dict.fromkeys(ALL_PARTIES, 0)
        self._codes: tuple[int, ...] | None = None

    def __call__(self, election: Election, projections: Mapping[RidingCode, RidingProjection],
                 called: Mapping[RidingCode, Party]) -> dict[Party, int]:
        codes = election.map.codes
        if self._codes is None:
            self._codes = codes
        elif self._codes != codes:
            raise ValueError("PossibleSeats counts one election's ridings")
        memo, totals = self._by_riding, self._totals
        for code in codes:
            pr = projections.get(code)
            call = called.get(code)
            hit = memo.get(code)
            if hit is not None and hit[0] is pr and hit[1] is call:
                continue
            # the entry holds its projection: an object seen again is the same one
            parties = _possible_in(pr, call)
            memo[code] = (pr, call, parties)
            if hit is not None:
                for p in hit[2]:
                    totals[p] -= 1
            for p in parties:
                totals[p] += 1
        return dict(totals)


def government_calls(election: Election, projections: Mapping[RidingCode, RidingProjection],
                     called: Mapping[RidingCode, Party], national: NationalProjection,
                     cfg: ModelConfig, seq: int, time: dt.datetime,
                     possible: Mapping[Party, int] | None = None) -> list[Call]:
    """Largest-party and majority/minority calls that the standard allows now (`possible`:
    `possible_seats` of the same state, if already counted)."""
    counted = dict.fromkeys(ALL_PARTIES, 0)
    for p in called.values():
        counted[p] += 1
    if possible is None:
        possible = possible_seats(election, projections, called)
    maj = election.majority
    idx = {p: i for i, p in enumerate(national.parties)}
    out: list[Call] = []
    share = sum(1 for pr in projections.values() if pr.complete) / max(1, election.seats_total)
    for p in ALL_PARTIES:
        rivals = max(possible[q] for q in ALL_PARTIES if q != p)
        chance = national.most_seats_chance[idx[p]]
        if counted[p] > rivals and chance >= cfg.call_probability:
            out.append(Call(LARGEST_PARTY, p, CallOutcome.LARGEST, None, seq, time, None, share,
                            chance,
                            counted[p] - rivals, 0.0, 0.0,
                            f"{counted[p]} seats called; no other party can reach more than "
                            f"{rivals}; P(most seats) {chance:.4f}"))
            maj_chance = national.majority_chance[idx[p]]
            if counted[p] >= maj and maj_chance >= cfg.call_probability:
                out.append(Call(GOVERNMENT, p, CallOutcome.MAJORITY, None, seq, time, None, share,
                                maj_chance,
                                counted[p] - maj + 1, 0.0, 0.0,
                                f"{counted[p]} seats called, majority line {maj}; "
                                f"P(majority) {maj_chance:.4f}"))
            no_maj = 1 - sum(national.majority_chance)
            if max(possible.values()) < maj and no_maj >= cfg.call_probability:
                out.append(Call(GOVERNMENT, p, CallOutcome.MINORITY, None, seq, time, None, share,
                                no_maj,
                                maj - max(possible.values()), 0.0, 0.0,
                                f"{counted[p]} seats called; no party can reach {maj} "
                                f"(at most {max(possible.values())}); P(no majority) "
                                f"{no_maj:.4f}"))
    return out


def government_retracted(call: Call, national: NationalProjection) -> bool:
    i = national.parties.index(call.party)
    if call.outcome is CallOutcome.LARGEST:
        return national.most_seats_chance[i] < 0.5
    if call.outcome is CallOutcome.MAJORITY:
        return national.majority_chance[i] < 0.5
    return sum(national.majority_chance) > 0.5
