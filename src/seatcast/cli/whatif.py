"""`seatcast whatif`, `seatcast systems` and `seatcast coalitions`: thin commands over
:mod:`seatcast.views.whatif` (read any file option, build the request, render the view)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from seatcast.cli.common import (
    PATH,
    catalog,
    election_argument,
    election_of,
    election_option,
    forecaster,
    json_option,
    progress,
)
from seatcast.cli.output import console, emit_json, table
from seatcast.errors import SeatcastError
from seatcast.views.defaults import COALITION_SIMS

if TYPE_CHECKING:
    from seatcast.systems.districts import Grouping
    from seatcast.views.forecast import ForecastCoalitionsView
    from seatcast.views.whatif import CoalitionsView, SystemsView, WhatIfView


def _grouping(text: str | None, election: str) -> str | Grouping | None:
    """A built-in grouping name, or a CSV file ``riding,district`` read for the election's map."""
    from seatcast.systems.districts import GROUPINGS

    if text is None or text in GROUPINGS:
        return text
    if Path(text).suffix.lower() == ".csv" or Path(text).exists():
        from seatcast.sources.systems import read_grouping_rows
        from seatcast.systems.districts import grouping_of

        rmap = catalog().election(election).map
        return grouping_of(Path(text).stem, read_grouping_rows(text, rmap))
    raise SeatcastError(f"unknown grouping {text!r} (known: {', '.join(GROUPINGS)}, or a CSV file)")


@click.command("whatif")
@election_argument
@election_option
@click.option("--system", "-s", default="pr-national", help="A system from `seatcast systems`.")
@click.option("--method", help="Apportionment method, e.g. dhondt, sainte-lague, "
              "modified-sainte-lague, huntington-hill, adams, hare, droop.")
@click.option("--threshold", help="Legal threshold, e.g. 5%.")
@click.option("--threshold-scope", help="national or district.")
@click.option("--grouping", help="national, province, region, stv, or a CSV file riding,district.")
@click.option("--areas", help="MMP compensation areas: province, region or a CSV file.")
@click.option("--local-share", help="MMP local seats, e.g. 2/3.")
@click.option("--overhang", help="MMP: absorb, keep or balance.")
@click.option("--preferences", type=PATH, help="IRV/STV transfer table CSV region,from,to,share.")
@click.option("--magnitude", type=int, help="STV: seats per district.")
@click.option("--tie-rule", help="most-votes, strict or lot:SEED.")
@click.option("--definition", type=PATH,
              help="A system definition JSON (as --json prints under 'definition').")
@json_option
def whatif(election_arg: str | None, election: str | None, system: str, method: str | None,
           threshold: str | None, threshold_scope: str | None, grouping: str | None,
           areas: str | None, local_share: str | None, overhang: str | None,
           preferences: Path | None, magnitude: int | None, tie_rule: str | None,
           definition: Path | None, as_json: bool) -> None:
    """The same votes under another electoral system, next to the actual FPTP result."""
    eid = election_of(election_arg, election, "2025")
    assert eid is not None
    table = None
    if preferences is not None:
        from seatcast.sources.preferences import read_preferences

        table = read_preferences(preferences)
    spec = None
    if definition is not None:
        from seatcast.sources.systems import read_definition

        spec = read_definition(definition)
    from seatcast.views.whatif import WhatIfRequest, whatif_view

    req = WhatIfRequest(eid, system, method, threshold, threshold_scope, _grouping(grouping, eid),
                        _grouping(areas, eid), local_share, overhang,
                        str(preferences) if preferences is not None else None, table, magnitude,
                        tie_rule, spec)
    v = whatif_view(catalog(), req)
    if as_json:
        emit_json(v)
    else:
        print_whatif(v)


def print_whatif(v: WhatIfView) -> None:
    t = table(title=f"{v.election.name}: {v.description}")
    for col in ("Party", "Votes", "FPTP", v.system, "Change", "Seats/100k votes"):
        t.add_column(col, justify="left" if col == "Party" else "right")
    for r in v.parties:
        per = "—" if r.seats_per_100k is None else f"{r.seats_per_100k:.2f}"
        t.add_row(r.party.value, f"{100 * r.share:.2f} %", str(r.fptp_seats), str(r.seats),
                  f"{r.change:+d}", per)
    t.add_row("Total", "100 %", str(sum(r.fptp_seats for r in v.parties)), str(v.house), "", "")
    console.print(t)
    m = table(title="Measures")
    m.add_column("Measure")
    m.add_column("FPTP", justify="right")
    m.add_column(v.system, justify="right")
    mf, ms = v.fptp_measures, v.measures
    for label, a, b in (
        ("Gallagher index", f"{mf.gallagher:.2f}", f"{ms.gallagher:.2f}"),
        ("Loosemore–Hanby index", f"{mf.loosemore_hanby:.2f}", f"{ms.loosemore_hanby:.2f}"),
        ("Effective parties, votes", f"{mf.enp_votes:.2f}", f"{ms.enp_votes:.2f}"),
        ("Effective parties, seats", f"{mf.enp_seats:.2f}", f"{ms.enp_seats:.2f}"),
        ("Wasted votes", f"{mf.wasted_votes:,}", f"{ms.wasted_votes:,}"),
        ("Voters who elected someone", f"{100 * mf.share_elected_someone:.1f} %",
         f"{100 * ms.share_elected_someone:.1f} %"),
    ):
        m.add_row(label, a, b)
    console.print(m)
    console.print(f"Majority: {v.majority} of {v.house} seats.")
    for note in v.notes:
        console.print(f"Note: {note}")
    for tie in v.ties:
        console.print(f"Tie: {tie}")


@click.command("systems")
@json_option
def systems(as_json: bool) -> None:
    """The electoral systems, apportionment methods, groupings and tie rules available."""
    from seatcast.views.whatif import systems_view

    v = systems_view()
    if as_json:
        emit_json(v)
    else:
        print_systems(v)


def print_systems(v: SystemsView) -> None:
    t = table(title="Electoral systems (seatcast whatif --system NAME)")
    for c in ("Name", "Kind", "Description"):
        t.add_column(c)
    for s in v.systems:
        t.add_row(s.name, s.kind, s.description)
    console.print(t)
    console.print("Methods (--method): " + ", ".join(v.methods))
    console.print("Groupings (--grouping, --areas): " + ", ".join(v.groupings) + ", or a CSV file")
    console.print("Tie rules (--tie-rule): " + ", ".join(v.tie_rules))


@click.command("coalitions")
@election_argument
@election_option
@click.option("--system", "-s", help="Seats from this system (default: the actual result, fptp).")
@click.option("--from-forecast", is_flag=True, help="Coalition odds over simulated Houses of the "
              "forecast instead (default: the next election).")
@click.option("--sims", type=click.IntRange(min=1),
              help=f"Forecast draws (--from-forecast; default {COALITION_SIMS:,}).")
@click.option("--seed", type=click.IntRange(min=0), help="Random seed (--from-forecast; default 0).")
@json_option
def coalitions(election_arg: str | None, election: str | None, system: str | None,
               from_forecast: bool, sims: int | None, seed: int | None, as_json: bool) -> None:
    """Majority line, minimal winning coalitions and voting power for one House."""
    eid = election_of(election_arg, election)
    if from_forecast:  # an option that does not apply is an error, never silently ignored
        if system is not None:
            raise SeatcastError("--system does not apply with --from-forecast (the forecast "
                                "draws are first-past-the-post Houses)")
        from seatcast.views.forecast import ForecastRequest, forecast_coalitions_view, run

        fc = forecaster()
        n = COALITION_SIMS if sims is None else sims
        with progress(n, "simulating", not as_json) as tick:
            _, res = run(fc, ForecastRequest(eid, sims=n, seed=0 if seed is None else seed),
                         progress=tick)
        fv = forecast_coalitions_view(fc, res)
        if as_json:
            emit_json(fv)
        else:
            print_forecast_coalitions(fv)
        return
    if sims is not None or seed is not None:
        raise SeatcastError("--sims and --seed apply with --from-forecast only")
    from seatcast.views.whatif import CoalitionsRequest, coalitions_view

    v = coalitions_view(catalog(), CoalitionsRequest(eid or "2025", system or "fptp"))
    if as_json:
        emit_json(v)
    else:
        print_coalitions(v)


def print_coalitions(v: CoalitionsView) -> None:
    t = table(title=f"{v.election.name} ({v.system}): {v.house} seats, majority {v.majority}")
    for col in ("Party", "Seats", "Short of majority", "Banzhaf", "Shapley–Shubik"):
        t.add_column(col, justify="left" if col == "Party" else "right")
    for r in v.parties:
        t.add_row(r.party.value, str(r.seats), str(r.short) if r.short else "majority",
                  f"{r.banzhaf:.3f} ({r.banzhaf_exact})",
                  f"{r.shapley_shubik:.3f} ({r.shapley_shubik_exact})")
    console.print(t)
    for title, cs in (("Minimal winning coalitions", v.minimal_winning),
                      ("Minimal connected winning coalitions (left–right)", v.minimal_connected_winning)):
        c = table(title=title)
        c.add_column("Coalition")
        c.add_column("Seats", justify="right")
        c.add_column("Above the line", justify="right")
        for co in cs:
            c.add_row("+".join(p.value for p in co.parties), str(co.seats), f"{co.surplus:+d}")
        console.print(c)


def print_forecast_coalitions(v: ForecastCoalitionsView) -> None:
    t = table(title=f"Forecast {v.election.name} as of {v.as_of}: {v.sims:,} draws, "
                    f"majority {v.majority} of {v.house}")
    t.add_column("Combination")
    t.add_column("Mean seats", justify="right")
    t.add_column("P(minimal winning)", justify="right")
    t.add_column("P(reaches majority)", justify="right")
    shown = [r for r in v.combinations if r.minimal_winning >= 0.001]
    for r in shown[:20]:
        t.add_row("+".join(p.value for p in r.parties), f"{r.mean_seats:.1f}",
                  f"{100 * r.minimal_winning:.1f} %", f"{100 * r.probability:.1f} %")
    console.print(t)
    console.print("Minimal winning: reaches the majority and every member is needed. "
                  "Every combination is in --json.")

