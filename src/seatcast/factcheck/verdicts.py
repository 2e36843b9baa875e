"""Verdicts: each claim against the official figure, with where that figure comes from.

Four verdicts:

* **correct** — the official figure, exactly (a percentage: the official share rounded to the
  decimals the article wrote; a bound such as "more than 160": the bound holds);
* **close** — within a hedge's tolerance: ±1 seat after "about", "approximately", "nearly",
  "environ", "près de"…; ±1 percentage point for a hedged share or turnout; and, unhedged, a
  share off by less than one unit of its last written digit (43 % for 43.76 %: truncated);
* **wrong** — anything else, with the official figure;
* **cannot be checked** — with the reason: no party named, a projection, standings at
  dissolution, a figure no result can be ("-5 seats", "250 %", more seats than the House), no
  riding of the map named, an election or a figure the built-in data does not hold (2025 turnout).

A claim about one riding ("won Terrebonne by 35 votes") is compared with each of the riding's
count stages (preliminary, validated, judicially certified): right when the final count says so,
wrong (with the stage it matched named) when only an earlier one did.  Turnout directions and
changes ("rose 6.4 points") compare with the previous election as elected.

Seat changes and "fell to" directions compare with the previous election.  For 2025 that
is ambiguous: the 2021 votes transposed to the 2023 map (``2021t``: LPC 157, CPC 126, BQ 34,
NDP 24) are the like-for-like baseline, but most reporting compares with the 2021 seats as
elected on the old map (LPC 160, CPC 119, BQ 32, NDP 25).  Both are accepted, and the verdict
says which one the claim matched.  Standings at dissolution are not in the built-in data.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, TypeVar, cast

from seatcast.domain.elections import ElectionId
from seatcast.domain.geography import province_of
from seatcast.domain.house import Seat, Standings
from seatcast.domain.parties import ALL_PARTIES, NAMED_PARTIES, Party
from seatcast.domain.results import Candidate, Election, RidingResult
from seatcast.domain.ridings import Riding, RidingCode
from seatcast.factcheck.claims import Claim
from seatcast.factcheck.history import winners_before
from seatcast.factcheck.infer import is_transposed
from seatcast.factcheck.lexicon import Hedge
from seatcast.factcheck.ridings import describe, find_candidate, find_riding, riding_index
from seatcast.results.tally import government_of

_T = TypeVar("_T")

#: A hedged seat count is close when it is this many seats from the official count.
SEAT_TOLERANCE = 1
#: A hedged percentage (vote share, turnout) is close within this many percentage points.
SHARE_TOLERANCE = 1.0
#: A hedged vote count or margin in one riding ("about 40 votes") is close within this share of
#: the official figure, or within VOTE_TOLERANCE_MIN votes, whichever is more.
VOTE_TOLERANCE = 0.05
VOTE_TOLERANCE_MIN = 5


class Verdict(StrEnum):
    CORRECT = "correct"
    CLOSE = "close"
    WRONG = "wrong"
    UNCHECKABLE = "cannot be checked"


@dataclass(frozen=True, slots=True)
class CheckedClaim:
    claim: Claim
    verdict: Verdict
    official: int | float | str | None
    source: str
    note: str = ""
    #: The baseline a change or past figure matched (an election id), or for a riding claim the
    #: count stage it matched ("preliminary", "validated", "judicially certified", "official").
    compared_with: str | None = None
    riding: Riding | None = None  # the riding a riding-level claim is about


def source_of(e: Election) -> str:
    if e.id.startswith("house-"):  # the House on a day (see `Checker.now`)
        return f"{e.source}: {e.name}, via `seatcast house --as-of {e.id[6:]}`"
    return f"{e.source}: {e.name}, via seatcast.load({e.id!r})"


@dataclass(frozen=True)
class Checker:
    """Checks claims against one election; ``elections`` holds the others built in.

    Tallies (seats, votes, a province's subset, whether an election is a transposition) are
    computed once per election and kept, so checking N claims costs N lookups, not N tallies."""

    election: Election
    elections: Mapping[str, Election]
    #: The House on the article's day (from the ledger of changes since its election), for
    #: claims about the House as it stands ("now hold 171 seats"); None: not known.
    house: Standings | None = None
    _memo: dict[tuple[str, int, str | None], tuple[Election, Any]] = field(
        default_factory=dict, init=False, repr=False, compare=False)

    def _once(self, what: str, e: Election, compute: Callable[[], _T], extra: str | None = None) -> _T:
        key = (what, id(e), extra)
        hit = self._memo.get(key)
        if hit is None:
            hit = (e, compute())  # the election is kept with its value, so its id is not reused
            self._memo[key] = hit
        return cast(_T, hit[1])

    def seats_of(self, e: Election) -> dict[Party, int]:
        if self.house is not None and e.id == _now_id(self.house):
            holders = self.house.holders
            return self._once("seats", e, lambda: _held(holders, e.results))
        result: dict[Party, int] = self._once("seats", e, e.seats)
        return result

    def now(self) -> Election | str:
        """The House on the article's day, as an election whose seats are the holders' (vacant
        seats count for no party), or the reason it is not known."""
        h = self.house
        if h is None:
            return "the House as it stands on the article's day is not in the data (no ledger)"
        base = self.elections.get(h.election)
        if base is None:
            return f"the House returned by {h.election} is not in the data"

        def make() -> Election:
            vacant = f", {len(h.vacant)} vacant" if h.vacant else ""
            rec = replace(base.record, id=ElectionId(_now_id(h)),
                          name=f"the House on {h.as_of} ({h.sitting} sitting{vacant})",
                          source=f"the House ledger since the {base.name}")
            return replace(base, record=rec)

        now: Election = self._once("now", base, make, h.as_of.isoformat())
        return now

    def votes_of(self, e: Election) -> dict[Party, int]:
        result: dict[Party, int] = self._once("votes", e, e.votes)
        return result

    def valid_votes_of(self, e: Election) -> int:
        result: int = self._once("valid", e, lambda: e.valid_votes)
        return result

    def transposed(self, e: Election) -> bool:
        return bool(self._once("transposed", e, lambda: is_transposed(e)))

    def largest_of(self, e: Election) -> Party:
        result: Party = self._once("largest", e, lambda: government_of(self.seats_of(e), e.majority).party)
        return result

    def as_elected(self, elections: list[Election]) -> Election:
        """Of several candidate elections, the one as elected (a share or turnout is not transposed)."""
        return next((e for e in elections if not self.transposed(e)), elections[0])

    # --- baselines ----------------------------------------------------------------------------

    def previous(self) -> list[Election]:
        """The previous election: on the same map first (2021t for 2025), then as elected (2021)."""
        out: list[Election] = []
        if self.election.previous and self.election.previous in self.elections:
            out.append(self.elections[self.election.previous])
        earlier = [e for e in self.elections.values() if e.polling_day < self.election.polling_day]
        if earlier:
            last = max(e.polling_day for e in earlier)
            out += [e for e in earlier if e.polling_day == last and e.id not in {o.id for o in out}]
        return out

    def of_year(self, year: str) -> list[Election]:
        """Built-in elections held in ``year``: as elected first, then any transposition."""
        found = [e for e in self.elections.values() if str(e.polling_day.year) == year]
        return sorted(found, key=lambda e: (self.transposed(e), e.id))

    def elections_for(self, refers: str | None) -> list[Election] | str:
        """The elections a claim is about, or the reason none can be used."""
        if refers == "projection":
            return "a projection or poll, not a result"
        if refers == "area":
            return "about a city or part of a province, which the built-in tables do not add up"
        if refers == "riding":
            return "about one riding, not the national result (see `seatcast riding`)"
        if refers == "dissolution":
            return "standings at dissolution are not in the built-in data (results only)"
        if refers == "now":
            now = self.now()
            return [now] if isinstance(now, Election) else now
        if refers == "previous":
            prev = self.previous()
            return prev or f"the election before {self.election.id} is not in the built-in data"
        if refers is not None and refers != str(self.election.polling_day.year):
            found = self.of_year(refers)
            return found or f"{refers} results are not in the built-in data"
        return [self.election]

    # --- checking -----------------------------------------------------------------------------

    def check(self, claim: Claim) -> CheckedClaim:
        if claim.invalid:
            return self._unchecked(claim, claim.invalid)  # "-5 seats", "1e9 seats", "250 %"
        if claim.party is None and claim.party_implied:
            claim = replace(claim, party=self.largest_of(self.election))
        method = getattr(self, "_" + claim.kind.name.lower())
        result: CheckedClaim = method(claim)
        return result

    def _too_many(self, claim: Claim, e: Election) -> CheckedClaim | None:
        """A seat count larger than the House (or the province) it is about: not a result."""
        scoped = self._scoped(e, claim)
        size = scoped.seats_total
        stated = abs(int(claim.stated))
        if stated <= size or claim.hedge in (Hedge.UNDER, Hedge.AT_MOST):
            return None
        where = f"{claim.province} has {size} seats" if claim.province else f"the House has {size} seats"
        return self._unchecked(claim, f"{stated} seats cannot be a result: {where} ({e.id})")

    def check_all(self, claims: Sequence[Claim]) -> list[CheckedClaim]:
        return [self.check(c) for c in claims]

    def _past(self, claim: Claim) -> str:
        """What a claim about the past refers to: its year, or the previous election."""
        if claim.refers_to in (None, str(self.election.polling_day.year)):
            return "previous"
        return claim.refers_to

    def _unchecked(self, claim: Claim, reason: str, e: Election | None = None) -> CheckedClaim:
        return CheckedClaim(claim, Verdict.UNCHECKABLE, None, source_of(e) if e else "", reason)

    def _scoped(self, e: Election, claim: Claim) -> Election:
        if claim.province is None:
            return e
        place = claim.province
        scoped: Election = self._once("scoped", e, lambda: e.subset(
            [c for c in e.results if place in (province_of(c).code, province_of(c).region.value)],
            label=place), place)
        return scoped

    def _party(self, claim: Claim, e: Election) -> Party | str:
        if claim.party is not None:
            return claim.party
        if claim.party_implied:
            return self.largest_of(e)
        return "no party named in the claim's clause"

    def _best_of(self, claim: Claim, elections: list[Election], official_of: Callable[[Election], int],
                 tolerance: float,
                 unit: str) -> CheckedClaim:
        """Check one number against several baselines; the best verdict wins, and is named."""
        results = []
        for e in elections:
            official = official_of(e)
            verdict, note = compare_count(claim.stated, official, claim.hedge, tolerance, unit)
            results.append((_RANK[verdict], e, official, verdict, note))
        results.sort(key=lambda r: r[0])
        _, e, official, verdict, note = results[0]
        if len(elections) > 1:
            others = "; ".join(f"{o.id}: {_fmt(off)}" for _, o, off, _, _ in results[1:])
            note = _join(note, f"matched against {e.id} ({_baseline_label(e)}); also {others}")
        matched = e.id if len(elections) > 1 else None
        return CheckedClaim(claim, verdict, official, source_of(e), note, matched)

    def _seats(self, claim: Claim) -> CheckedClaim:
        elections = self.elections_for(claim.refers_to)
        if isinstance(elections, str):
            return self._unchecked(claim, elections)
        if (too_many := self._too_many(claim, elections[0])) is not None:
            return too_many
        party = self._party(claim, elections[0])
        if not isinstance(party, Party):
            return self._unchecked(claim, party, elections[0])
        checked = self._best_of(claim, elections, lambda e: self.seats_of(self._scoped(e, claim))[party],
                                SEAT_TOLERANCE, "seat")
        right = checked.verdict in (Verdict.CORRECT, Verdict.CLOSE)
        if claim.direction and right and claim.refers_to is None:
            moves = {}
            for b in self.previous():
                before = self.seats_of(self._scoped(b, claim))[party]
                now = self.seats_of(self._scoped(self.election, claim))[party]
                moves[b.id] = (before, "up" if now > before else "down" if now < before else "level")
            if moves and all(d != claim.direction for _, d in moves.values()):
                seen = ", ".join(f"{k}: {v[0]}" for k, v in moves.items())
                return CheckedClaim(claim, Verdict.WRONG, checked.official, checked.source,
                                    f"the count is right but it did not go {claim.direction} ({seen})")
            if moves:
                ok = [k for k, (_, d) in moves.items() if d == claim.direction]
                seen = ", ".join(f"{k}: {moves[k][0]}" for k in ok)
                checked = CheckedClaim(claim, checked.verdict, checked.official, checked.source,
                                       _join(checked.note, f"went {claim.direction} from {seen}"),
                                       ok[0] if len(moves) > 1 else None)
        return checked

    def _previous_seats(self, claim: Claim) -> CheckedClaim:
        refers = self._past(claim)
        elections = self.elections_for(refers)
        if isinstance(elections, str):
            return self._unchecked(claim, elections)
        if (too_many := self._too_many(claim, elections[0])) is not None:
            return too_many
        party = self._party(claim, elections[0])
        if not isinstance(party, Party):
            return self._unchecked(claim, party, elections[0])
        return self._best_of(claim, elections, lambda e: self.seats_of(self._scoped(e, claim))[party],
                             SEAT_TOLERANCE, "seat")

    def _seat_change(self, claim: Claim) -> CheckedClaim:
        if claim.refers_to in ("projection", "dissolution"):
            return self._unchecked(claim, self.elections_for(claim.refers_to))  # type: ignore[arg-type]
        party = self._party(claim, self.election)
        if not isinstance(party, Party):
            return self._unchecked(claim, party, self.election)
        refers = self._past(claim)
        baselines = self.elections_for(refers)
        if isinstance(baselines, str):
            return self._unchecked(claim, baselines, self.election)
        now = self.seats_of(self._scoped(self.election, claim))[party]
        signed = claim.direction is not None

        def change(b: Election) -> int:
            d = now - self.seats_of(self._scoped(b, claim))[party]
            return d if signed else abs(d)

        checked = self._best_of(claim, baselines, change, SEAT_TOLERANCE, "seat")
        first = baselines[0] if checked.compared_with is None else self.elections[checked.compared_with]
        then = self.seats_of(self._scoped(first, claim))[party]
        return CheckedClaim(claim, checked.verdict, checked.official,
                            f"{source_of(self.election)}; baseline {source_of(first)}",
                            _join(f"{now} now, {then} in {first.id}", checked.note),
                            first.id)

    def _house_size(self, claim: Claim) -> CheckedClaim:
        elections = self.elections_for(claim.refers_to if claim.refers_to != "projection" else None)
        e = elections[0] if isinstance(elections, list) else self.election
        size = self._scoped(e, claim).seats_total
        verdict, note = compare_count(claim.stated, size, claim.hedge, 0, "seat")
        where = f"{claim.province} seats in the " if claim.province else ""
        return CheckedClaim(claim, verdict, size, source_of(e),
                            _join(note, f"{where}{e.map.name} representation order"))

    def _majority_threshold(self, claim: Claim) -> CheckedClaim:
        e = self._house_of(claim)
        if isinstance(e, str):
            return self._unchecked(claim, e)
        verdict, note = compare_count(claim.stated, e.majority, claim.hedge, 0, "seat")
        return CheckedClaim(claim, verdict, e.majority, source_of(e),
                            _join(note, f"a majority of the {e.seats_total}-seat House"))

    def _majority(self, claim: Claim) -> CheckedClaim:
        elections = self.elections_for(claim.refers_to)
        if isinstance(elections, str):
            return self._unchecked(claim, elections)
        e = self.as_elected(elections)  # "won a majority in 2015": that election, not this one
        party = self._party(claim, e)
        if not isinstance(party, Party):
            return self._unchecked(claim, party, e)
        seats = self.seats_of(e)[party]
        official = "majority" if seats >= e.majority else "minority"
        verdict = Verdict.CORRECT if official == claim.stated else Verdict.WRONG
        return CheckedClaim(claim, verdict, official, source_of(e),
                            f"{party.value} {seats} seats; majority is {e.majority} of {e.seats_total}")

    def _house_of(self, claim: Claim) -> Election | str:
        """The election a claim about this House is about: the result, or (``now``) the House
        on the article's day."""
        if claim.refers_to == "now":
            return self.now()
        return self.election

    def _seats_short(self, claim: Claim) -> CheckedClaim:
        e = self._house_of(claim)
        if isinstance(e, str):
            return self._unchecked(claim, e)
        party = self._party(claim, e)
        if not isinstance(party, Party):
            return self._unchecked(claim, party, e)
        seats = self.seats_of(e)[party]
        official = e.majority - seats
        verdict, note = compare_count(claim.stated, official, claim.hedge, SEAT_TOLERANCE, "seat")
        if official <= 0:
            held = "holds" if e is not self.election else "won"
            verdict, note = Verdict.WRONG, f"{party.value} {held} a majority"
        return CheckedClaim(claim, verdict, official, source_of(e),
                            _join(note, f"{party.value} {seats} seats; majority is {e.majority}"))

    def _elected_party(self, claim: Claim) -> tuple[Election, Party] | CheckedClaim:
        """The election as elected (scoped to the claim's province or region) and the claim's
        party, or the "cannot be checked" verdict that says why not."""
        elections = self.elections_for(claim.refers_to)
        if isinstance(elections, str):
            return self._unchecked(claim, elections)
        e = self._scoped(self.as_elected(elections), claim)
        party = self._party(claim, e)
        if not isinstance(party, Party):
            return self._unchecked(claim, party, e)
        return e, party

    def _rank(self, claim: Claim) -> CheckedClaim:
        found = self._elected_party(claim)
        if isinstance(found, CheckedClaim):
            return found
        e, party = found
        counts = self.votes_of(e) if claim.measure == "votes" else self.seats_of(e)
        official = 1 + sum(1 for p in NAMED_PARTIES if counts[p] > counts[party])
        tied = [p.value for p in NAMED_PARTIES if p != party and counts[p] == counts[party]]
        verdict = Verdict.CORRECT if official == claim.stated else Verdict.WRONG
        order = ", ".join(f"{p.value} {counts[p]:,}" for p in sorted(NAMED_PARTIES, key=lambda p: -counts[p])
                          if counts[p])
        note = f"by {claim.measure}: {order}" + (f" (tied with {', '.join(tied)})" if tied else "")
        return CheckedClaim(claim, verdict, official, source_of(e), note)

    def _vote_share(self, claim: Claim) -> CheckedClaim:
        found = self._elected_party(claim)
        if isinstance(found, CheckedClaim):
            return found
        e, party = found
        votes, valid = self.votes_of(e)[party], self.valid_votes_of(e)
        official = 100 * votes / valid
        verdict, note = compare_share(float(claim.stated), official, claim.decimals, claim.hedge)
        return CheckedClaim(claim, verdict, round(official, 2), source_of(e),
                            _join(note, f"{votes:,} of {valid:,} valid votes"))

    def _turnout(self, claim: Claim) -> CheckedClaim:
        elections = self.elections_for(claim.refers_to)
        if isinstance(elections, str):
            return self._unchecked(claim, elections)
        e = self._scoped(self.as_elected(elections), claim)
        if e.turnout is None:
            return self._unchecked(claim, no_turnout_reason(e), e)
        official = 100 * e.turnout
        verdict, note = compare_share(float(claim.stated), official, claim.decimals, claim.hedge)
        return CheckedClaim(claim, verdict, round(official, 2), source_of(e),
                            _join(note, f"{e.total_ballots:,} ballots cast / {e.electors:,} electors"))

    def _turnouts(self) -> tuple[Election, float, Election, float] | str:
        """This election and the one before it, with their turnouts, or why they cannot be had.
        The previous election is taken as elected (its published turnout), a transposition of it
        only when that is all there is."""
        e = self.election
        now = self._once("turnout", e, lambda: e.turnout)
        if now is None:
            return no_turnout_reason(e)
        previous = sorted(self.previous(), key=self.transposed)
        if not previous:
            return f"the election before {e.id} is not in the built-in data: no change in turnout to check"
        for b in previous:
            then = self._once("turnout", b, lambda b=b: b.turnout)  # type: ignore[misc]
            if then is not None:
                return e, now, b, then
        return f"{no_turnout_reason(previous[0])} (it is the election before {e.id})"

    def _turnout_direction(self, claim: Claim) -> CheckedClaim:
        found = self._turnouts()
        if isinstance(found, str):
            return self._unchecked(claim, found, self.election)
        e, now, b, then = found
        official = "up" if now > then else "down" if now < then else "level"
        verdict = Verdict.CORRECT if claim.stated == official else Verdict.WRONG
        return CheckedClaim(claim, verdict, official, f"{source_of(e)}; {source_of(b)}",
                            f"{100 * now:.2f} % in {e.id} vs {100 * then:.2f} % in {b.id}", b.id)

    def _turnout_change(self, claim: Claim) -> CheckedClaim:
        found = self._turnouts()
        if isinstance(found, str):
            return self._unchecked(claim, found, self.election)
        e, now, b, then = found
        change = 100 * (now - then)
        verdict, note = compare_share(float(claim.stated), change, claim.decimals, claim.hedge, unit="points")
        moved = "up" if change > 0 else "down" if change < 0 else "level"
        if claim.direction and claim.direction != moved:
            verdict, note = Verdict.WRONG, f"turnout went {moved}, not {claim.direction}"
        return CheckedClaim(claim, verdict, round(change, 2), f"{source_of(e)}; {source_of(b)}",
                            _join(note, f"{100 * now:.2f} % in {e.id} vs {100 * then:.2f} % in {b.id}: "
                                        f"{change:+.2f} points"), b.id)

    # --- one riding ---------------------------------------------------------------------------

    def _riding_of(self, claim: Claim) -> tuple[Election, Riding, tuple[RidingResult, ...]] | CheckedClaim:
        elections = self.elections_for(claim.refers_to)
        if isinstance(elections, str):
            return self._unchecked(claim, elections)
        e = self.as_elected(elections)
        index = self._once("ridings", e, lambda: riding_index(e.map))
        riding = find_riding(index, claim.places)
        if riding is None:
            named = ", ".join(f"“{p}”" for p in claim.places)
            reason = (f"no riding of the {e.map.name} map is named ({named})" if claim.places
                      else "no riding named in the sentence")
            return self._unchecked(claim, reason, e)
        return e, riding, e.stages_of(riding.code)

    def _subject(self, claim: Claim, stages: tuple[RidingResult, ...]) -> Candidate | Party | None:
        """The candidate named before the claim, else the party, else None (the winner's margin)."""
        found = find_candidate(claim.who, stages[-1].candidates)
        return found if found is not None else claim.party

    def _by_stage(self, claim: Claim, e: Election, riding: Riding, stages: tuple[RidingResult, ...],
                  figure_of: Callable[[RidingResult], tuple[int, bool]], what: str,
                  counts: str) -> CheckedClaim:
        """A riding figure at every count stage.  ``figure_of`` gives a stage's figure and whether the
        claim's candidate or party is the one it belongs to.  Correct (or close) when the final
        count says so; a figure that only an earlier count gave is wrong, and the note names that
        count; the note lists every stage."""
        results: list[tuple[RidingResult, int, bool, Verdict, str]] = []
        for st in stages:
            figure, who_ok = figure_of(st)
            tolerance = max(VOTE_TOLERANCE_MIN, round(VOTE_TOLERANCE * figure))
            verdict, note = compare_count(claim.stated, figure, claim.hedge, tolerance, "vote")
            results.append((st, figure, who_ok, verdict, note))
        ok = (Verdict.CORRECT, Verdict.CLOSE)
        final = results[-1]
        last = final[0].stage.value
        where = f"{riding.code} {riding.name_en}"
        matched: str | None = None
        if final[2] and final[3] in ok:
            verdict, note, matched = final[3], final[4], last
        else:
            verdict = Verdict.WRONG
            earlier = next((r for r in results[:-1] if r[2] and r[3] in ok), None)
            if earlier is not None:
                matched = earlier[0].stage.value
                note = f"true of the {matched} count, not of the final ({last}) count"
            elif not final[2]:
                note = f"{what} the final ({last}) count"
            else:
                note = f"{final[4]} at the final ({last}) count"
        source = f"{source_of(e)}, riding {where}"
        note = _join(note, f"{where}: {counts}")
        return CheckedClaim(claim, verdict, final[1], source, note, matched, riding)

    def _riding_margin(self, claim: Claim) -> CheckedClaim:
        found = self._riding_of(claim)
        if isinstance(found, CheckedClaim):
            return found
        e, riding, stages = found
        subject = self._subject(claim, stages)
        lost = claim.direction == "down"  # "lost Terrebonne by one vote": the runner-up

        def margin(st: RidingResult) -> tuple[int, bool]:
            side = st.runner_up if lost else st.winner
            if side is None or st.tied:
                return st.margin, False
            if isinstance(subject, Candidate):
                return st.margin, side.name == subject.name
            return st.margin, subject is None or side.party is subject

        named = subject.name if isinstance(subject, Candidate) else subject.value if subject else "the winner"
        counts = "; ".join(describe(st) for st in stages)
        what = f"{named} was not the runner-up at" if lost else f"{named} did not win"
        return self._by_stage(claim, e, riding, stages, margin, what, counts)

    def _riding_votes(self, claim: Claim) -> CheckedClaim:
        found = self._riding_of(claim)
        if isinstance(found, CheckedClaim):
            return found
        e, riding, stages = found
        subject = self._subject(claim, stages)
        if subject is None:
            return self._unchecked(claim, f"no candidate or party named for the votes in {riding.name_en}", e)

        def votes(st: RidingResult) -> tuple[int, bool]:
            if isinstance(subject, Candidate):
                return next((c.votes for c in st.candidates if c.name == subject.name), 0), True
            return st.party_votes().get(subject, 0), True

        named = f"{subject.name} ({subject.party.value})" if isinstance(subject, Candidate) else subject.value
        counts = f"{named}: " + ", ".join(f"{st.stage.value} {votes(st)[0]:,}" for st in stages)
        return self._by_stage(claim, e, riding, stages, votes, "", counts)

    def _terms(self, claim: Claim) -> CheckedClaim:
        e = self.election
        party = self._party(claim, e)
        if not isinstance(party, Party):
            return self._unchecked(claim, party, e)
        day = e.polling_day
        wins: list[tuple[int, Party]] = [(x.polling_day.year, self.largest_of(x))
                                         for x in self.elections.values()
                                         if not self.transposed(x) and x.polling_day <= day]
        known = {y for y, _ in wins}
        wins += [(y, p) for y, p in winners_before(min(known) if known else day.year) if y not in known]
        wins.sort(reverse=True)
        streak: list[int] = []
        for year, winner in wins:
            if winner != party:
                break
            streak.append(year)
        official = len(streak)
        verdict = Verdict.CORRECT if official == claim.stated else Verdict.WRONG
        years = ", ".join(str(y) for y in reversed(streak)) or "none"
        return CheckedClaim(claim, verdict, official,
                            f"{source_of(e)}; earlier winners: seatcast.factcheck.history",
                            f"{party.value} won the most seats in {years}")


def as_elected(elections: list[Election]) -> Election:
    """Of several candidate elections, the one as elected (a share or turnout is not transposed)."""
    return next((e for e in elections if not is_transposed(e)), elections[0])


def largest(e: Election) -> Party:
    """The party with the most seats (it forms the government)."""
    return government_of(e.seats(), e.majority).party


def no_turnout_reason(e: Election) -> str:
    return (f"turnout for {e.id} is not in the built-in data: its results have no elector counts, "
            f"so turnout cannot be computed")


_RANK = {Verdict.CORRECT: 0, Verdict.CLOSE: 1, Verdict.WRONG: 2, Verdict.UNCHECKABLE: 3}


#: Hedges that state a bound ("more than 160"): the claim is correct when the bound holds.
_BOUNDS: dict[Hedge, Callable[[float, float], bool]] = {
    Hedge.OVER: operator.gt, Hedge.AT_LEAST: operator.ge,
    Hedge.UNDER: operator.lt, Hedge.AT_MOST: operator.le}


def _bound(hedge: Hedge, official: float, stated: float, shown: str) -> tuple[Verdict, str]:
    if _BOUNDS[hedge](official, stated):
        return Verdict.CORRECT, f"{hedge.value} {shown}: holds"
    return Verdict.WRONG, f"{hedge.value} {shown}: does not hold"


def compare_count(stated: int | float | str, official: int, hedge: Hedge, tolerance: float,
                  unit: str) -> tuple[Verdict, str]:
    """A whole number (seats, a change) against the official one, honouring the hedge."""
    s = int(stated)
    d = official - s
    plural = "" if abs(d) == 1 else "s"
    if hedge in _BOUNDS:
        return _bound(hedge, official, s, str(s))
    if d == 0:
        return Verdict.CORRECT, ""
    if hedge in (Hedge.ABOUT, Hedge.NEARLY) and abs(d) <= tolerance:
        note = f"off by {abs(d)} {unit}{plural}, within the ±{tolerance:g} allowed after \"{hedge.value}\""
        if hedge is Hedge.NEARLY and d > 0:
            note += " (though \"nearly\" suggests fewer)"
        return Verdict.CLOSE, note
    return Verdict.WRONG, f"the official figure is {abs(d):,} {unit}{plural} {'higher' if d > 0 else 'lower'}"


def compare_share(stated: float, official: float, decimals: int, hedge: Hedge, *,
                  unit: str = "%") -> tuple[Verdict, str]:
    """A percentage (or a change in points, ``unit="points"``) against the official one, to the
    precision the article wrote it."""
    step = 10.0 ** -decimals
    d = official - stated
    if hedge in _BOUNDS:
        return _bound(hedge, official, stated, f"{stated:g} {unit}")
    if abs(d) <= step / 2 + 1e-9:
        return Verdict.CORRECT, f"{official:.2f} {unit} rounds to {stated:.{decimals}f} {unit}"
    if hedge in (Hedge.ABOUT, Hedge.NEARLY) and abs(d) <= max(SHARE_TOLERANCE, step) + 1e-9:
        return Verdict.CLOSE, (f"off by {abs(d):.2f} points, within the ±{SHARE_TOLERANCE:g} point "
                               f"allowed after \"{hedge.value}\"")
    if abs(d) < step:
        return Verdict.CLOSE, f"off by {abs(d):.2f} points: truncated rather than rounded"
    return Verdict.WRONG, f"the official figure is {abs(d):.2f} points {'higher' if d > 0 else 'lower'}"


def _fmt(x: object) -> str:
    if isinstance(x, float):
        return f"{x:.2f}"
    return str(x)


def _join(*parts: str) -> str:
    return "; ".join(p for p in parts if p)


def _baseline_label(e: Election) -> str:
    if is_transposed(e):
        return "the previous votes transposed to the current map"
    return f"as elected on the {e.map.name} map"


__all__ = ["SEAT_TOLERANCE", "SHARE_TOLERANCE", "VOTE_TOLERANCE", "VOTE_TOLERANCE_MIN", "CheckedClaim",
           "Checker", "Verdict", "compare_count", "compare_share", "largest"]


def _now_id(h: Standings) -> str:
    return f"house-{h.as_of.isoformat()}"


def _held(holders: Mapping[RidingCode, Seat], codes: Iterable[RidingCode]) -> dict[Party, int]:
    """Seats per party among ``codes`` (every party listed; a vacant seat counts for none)."""
    out = dict.fromkeys(ALL_PARTIES, 0)
    for code in codes:
        seat = holders.get(code)
        if seat is not None and seat.party is not None:
            out[seat.party] += 1
    return out
