"""`seatcast results`, `seatcast riding` and `seatcast elections`: what happened."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from seatcast.cli.common import (
    PATH,
    catalog,
    election_argument,
    election_of,
    election_option,
    json_option,
)
from seatcast.cli.output import console, emit_json, pct, plural, table
from seatcast.domain.ridings import display_name
from seatcast.present.formats import margin_pct
from seatcast.views.election import ElectionRequest, ElectionView, election_view

if TYPE_CHECKING:
    from seatcast.views.elections import ElectionsView
    from seatcast.views.house import RidingSince
    from seatcast.views.riding import RidingView


@click.command("results")
@election_argument
@election_option
@click.option("--province", help="Province code, e.g. QC.")
@click.option("--from", "from_file", type=PATH,
              help="An official results file (results download or table 12).")
@click.option("--compare", help="Compare with any earlier election (default: the previous one on "
              "the same map; another map compares party totals only).")
@click.option("--closest", type=click.IntRange(min=0), default=10, help="How many close races to list.")
@json_option
def results(election_arg: str | None, election: str | None, province: str | None,
            from_file: Path | None, compare: str | None, closest: int, as_json: bool) -> None:
    """Seats, votes, shares, government, turnout, closest races and flips."""
    cat = catalog()
    eid = election_of(election_arg, election, "2025")
    assert eid is not None
    req = ElectionRequest(eid, province, compare, closest)
    e = cat.results_file(from_file) if from_file is not None else None
    v = election_view(cat, req, e)
    if as_json:
        emit_json(v)
    else:
        print_election(v)


def print_election(v: ElectionView) -> None:
    e = v.election
    where = "" if v.scope == "Canada" else f" — {v.scope}"
    console.print(f"[bold]{e.name}{where}[/bold] ({e.id}" + (f", {e.date})" if e.date else ")"))
    cmp = v.compared_with.id if v.compared_with else None
    console.print(_party_table(v, cmp))
    national = " (the whole House, not this province)" if v.government_is_national else ""
    console.print(f"Government{national}: {_government(v)}")
    console.print(_turnout(v))
    console.print(_closest_table(v))
    if cmp:
        _print_changes(v, cmp)


def _party_table(v: ElectionView, cmp: str | None) -> Any:
    """Seats, votes and shares per party, with the changes since ``cmp`` where there is one."""
    t = table(show_edge=False, pad_edge=False)
    cols = ["Party", "Seats", "Votes", "Share"]
    if cmp:
        cols += [f"Seats ± {cmp}", "Share ±"]
    for c in cols:
        t.add_column(c, justify="left" if c == "Party" else "right")
    for p in v.parties:
        row = [f"{p.party.value}  {p.name}", str(p.seats), f"{p.votes:,}", pct(p.share)]
        if cmp:
            row += [f"{p.seats_change:+d}" if p.seats_change is not None else "—",
                    f"{100 * p.share_change:+.2f}" if p.share_change is not None else "—"]
        t.add_row(*row)
    t.add_row("Total", str(v.seats_total), f"{v.valid_votes:,}", "100.00 %", *([""] * (len(cols) - 4)))
    return t


def _government(v: ElectionView) -> str:
    g = v.government
    if g.status == "majority":
        return f"{g.party.name_en} majority ({g.seats} of {v.majority} needed, {g.spare} spare)"
    return f"{g.party.name_en} minority ({g.seats} seats, {g.short_by} short of {g.majority})"


def _turnout(v: ElectionView) -> str:
    if v.turnout is not None and v.electors is not None:
        prev = f" (previous {pct(v.previous_turnout)})" if v.previous_turnout is not None else ""
        return f"Turnout: {pct(v.turnout)} of {v.electors:,} electors{prev}"
    return "Turnout: not available (electors are not in this results file)"


def _closest_table(v: ElectionView) -> Any:
    ct = table(title="Closest ridings", show_edge=False, pad_edge=False, title_justify="left")
    for c in ("Riding", "Winner", "Runner-up", "Margin"):
        ct.add_column(c, justify="right" if c == "Margin" else "left")
    for r in v.closest:
        ct.add_row(f"{r.riding} {display_name(r.name)}", f"{r.winner.value} {r.winner_name}",
                   f"{r.runner_up.value} {r.runner_up_name}" if r.runner_up else "—",
                   f"{r.margin:,} ({margin_pct(r.margin_share)})")
    return ct


def _print_changes(v: ElectionView, cmp: str) -> None:
    """The ridings that changed hands since ``cmp``, by move, or why there are none to count."""
    if v.comparison != "same map":
        console.print(f"{cmp} was held on another map: changes are in party totals only "
                      "(no riding is the same).")
        return
    console.print(f"Ridings that changed hands since {cmp}: {len(v.flips)}")
    moves: dict[tuple[str, str], int] = {}
    for f in v.flips:
        key = (f.before.value, f.after.value)
        moves[key] = moves.get(key, 0) + 1
    for (a, b), n in sorted(moves.items(), key=lambda kv: -kv[1]):
        console.print(f"  {a} → {b}: {n}")


@click.command("riding")
@click.argument("query", help="Riding code or name (accents, case, dashes ignored).")
@election_option
@json_option
def riding(query: str, election: str | None, as_json: bool) -> None:
    """One riding: candidates, votes at each count stage, winner and margin."""
    from seatcast.views.riding import RidingRequest, riding_view

    v = riding_view(catalog(), RidingRequest(query, election))
    if as_json:
        emit_json(v)
    else:
        print_riding(v)


def print_riding(v: RidingView) -> None:
    from seatcast.domain.parties import label_of

    console.print(f"[bold]{v.code} {display_name(v.name)}[/bold] / {display_name(v.name_fr)} "
                  f"({v.province}) — {v.election.name}")
    for st in v.stages:
        t = table(title=f"{st.stage} count", title_justify="left", show_edge=False, pad_edge=False)
        for c in ("Candidate", "Party", "Votes", "Share"):
            t.add_column(c, justify="left" if c in ("Candidate", "Party") else "right")
        for row in st.candidates:
            label = label_of(row.party, row.affiliation)
            t.add_row(row.name or row.party.name_en, f"{row.party.value} ({label})",
                      f"{row.votes:,}", pct(row.share))
        console.print(t)
        extra = f", rejected {st.rejected:,}" if st.rejected else ""
        console.print(f"  Winner: {st.leader.name or st.leader.party.name_en} ({st.leader.party.value}) "
                      f"by {plural(st.margin, 'vote')} ({margin_pct(st.margin_share)}); "
                      f"valid {st.valid_votes:,}{extra}")
    for ch in v.leader_changes:
        console.print(f"[bold]The leader changed from the {ch.before_stage} to the "
                      f"{ch.after_stage} count: {ch.before} ({ch.before_party}) → "
                      f"{ch.after} ({ch.after_party}).[/bold]")
    if v.turnout is not None and v.electors is not None:
        console.print(f"Turnout {pct(v.turnout)} of {v.electors:,} electors")
    if v.since is not None:
        print_since(v.since)


def print_since(s: RidingSince) -> None:
    """The seat after the general election: every change, then each by-election's result."""
    for e in s.events:
        mark = "" if e.verified else " (unverified)"
        console.print(f"{e.date}: {e.label}{mark}, {e.member}: {e.from_party or 'vacant'} → "
                      f"{e.to_party or 'vacant'}")
    for r in s.by_elections:
        mark = "" if r.verified else " (unverified)"
        t = table(title=f"By-election of {r.date}{mark}: {r.member} ({r.party.value}) elected",
                  title_justify="left", show_edge=False, pad_edge=False)
        if r.votes and r.valid_votes is not None:
            for c in ("Party", "Votes", "Share"):
                t.add_column(c, justify="left" if c == "Party" else "right")
            for pv in r.votes:
                t.add_row(f"{pv.party.value} ({pv.name})", f"{pv.votes:,}", pct(pv.share))
            console.print(t)
            console.print(f"  valid {r.valid_votes:,}; votes from {r.votes_source}")
        else:
            console.print(f"[bold]{t.title}[/bold]; vote totals not in Seatcast's data "
                          f"(source: {r.source})")
    h = s.holder
    now = f"vacant since {h.since}" if h.vacant else f"{h.member} ({h.party})"
    console.print(f"Holds the seat now: {now}")


@click.command("elections")
@json_option
def elections(as_json: bool) -> None:
    """The elections Seatcast holds: ids, dates, maps, what each compares with."""
    from seatcast.views.elections import elections_view

    v = elections_view(catalog())
    if as_json:
        emit_json(v)
    else:
        print_elections(v)


def print_elections(v: ElectionsView) -> None:
    t = table(title="Elections (give any id or alias to --election)")
    for c in ("Id", "Aliases", "Name", "Polling day", "Map", "Compared with", "Result", "Polls"):
        t.add_column(c)
    for r in v.elections:
        day = (str(r.date) if r.date else
               f"not yet (no later than {r.no_later_than}; an earlier election is possible)"
               if r.no_later_than else "not yet")
        t.add_row(r.id, ", ".join(r.aliases), r.name, day, f"{r.map} ({r.seats_total})",
                  r.previous or "—", r.result or "—", "—" if r.polls is None else str(r.polls))
    console.print(t)

