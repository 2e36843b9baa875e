"""`seatcast house`: the House of Commons as it stands on a date, and the changes since the
general election that led there."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from seatcast.cli.common import PATH, as_of, as_of_option, catalog, election_option, json_option
from seatcast.cli.output import console, emit_json, table

if TYPE_CHECKING:
    from seatcast.views.house import HouseView


@click.command("house")
@as_of_option
@click.option("--verified-only", is_flag=True, help="Leave out the events no dated source confirms.")
@click.option("--ledger", type=PATH,
              help="Your own ledger CSV instead of the built-in one (see docs/house.md).")
@election_option
@json_option
def house(as_of_: str | None, verified_only: bool, ledger: Path | None, election: str | None,
          as_json: bool) -> None:
    """The House on a date (default: today): seats per party, vacant seats, the majority
    line, the government's margin, and every change since the general election."""
    from seatcast.views.house import HouseRequest, house_view

    cat = catalog()
    req = HouseRequest(as_of(as_of_), verified_only, election)
    led = cat.ledger_file(ledger, election) if ledger is not None else None
    v = house_view(cat, req, led)
    if as_json:
        emit_json(v)
    else:
        print_house(v)


def print_house(v: HouseView) -> None:
    from seatcast.views.house import government_line

    only = ", verified events only" if v.verified_only else ""
    console.print(f"[bold]House of Commons on {v.as_of}[/bold] (elected {v.election.date}, "
                  f"{v.election.name}{only})")
    t = table(show_edge=False, pad_edge=False)
    for c in ("Party", "Seats", "Elected", "Change"):
        t.add_column(c, justify="left" if c == "Party" else "right")
    for p in v.parties:
        t.add_row(f"{p.party.value}  {p.name}", str(p.seats), str(p.elected), f"{p.change:+d}")
    if v.vacant:
        t.add_row("Vacant", str(len(v.vacant)), "0", f"+{len(v.vacant)}")
    t.add_row("Total", str(v.seats_total), str(v.seats_total), "")
    console.print(t)
    console.print(f"Government: {government_line(v)} (a majority of the full House of "
                  f"{v.seats_total}; {v.sitting} members sitting)")
    for s in v.vacant:
        who = f", {s.member}" if s.member else ""
        console.print(f"Vacant: {s.riding} {s.name} since {s.since} ({s.kind.value}{who})")
    if v.events:
        et = table(title=f"Changes since {v.election.date}", title_justify="left", show_edge=False,
                   pad_edge=False)
        for c in ("Date", "Riding", "Change", "Member", "Source"):
            et.add_column(c)
        for e in v.events:
            move = f"{e.from_party or 'vacant'} → {e.to_party or 'vacant'}"
            mark = "" if e.verified else " [unverified]"
            et.add_row(str(e.date), f"{e.riding} {e.riding_name}", f"{e.label}: {move}{mark}",
                       e.member, e.source)
        console.print(et)
    else:
        console.print(f"No change since {v.election.date}.")
    for e in v.left_out:
        console.print(f"Left out (unverified): {e.date} {e.riding} {e.riding_name}, {e.label}, "
                      f"{e.member}")

