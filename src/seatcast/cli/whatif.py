"""`seatcast whatif`, `seatcast systems` and `seatcast coalitions`: thin commands over
:mod:`seatcast.systems` (load the election, build the system, run it, render)."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from seatcast.cli.output import console, emit_json
from seatcast.errors import SeatcastError


def _share(text: str | None) -> Fraction | None:
    if text is None:
        return None
    try:
        value = Fraction(text.strip().rstrip("%"))
    except (ValueError, ZeroDivisionError):
        raise SeatcastError(f"{text!r} is not a share (try 2/3 or 0.667)") from None
    return value / 100 if text.strip().endswith("%") else value


def _grouping(text: str | None, election: Any) -> Any:
    """A built-in grouping name, or a CSV file ``riding,district``."""
    if text is None:
        return None
    from seatcast.systems.districts import GROUPINGS, read_grouping

    if text in GROUPINGS:
        return text
    if Path(text).suffix.lower() == ".csv" or Path(text).exists():
        return read_grouping(text, election.map)
    raise SeatcastError(f"unknown grouping {text!r} (known: {', '.join(GROUPINGS)}, or a CSV file)")


def build_system(election: Any, system: str, definition: Path | None, **opts: Any) -> Any:
    from seatcast.systems.registry import configure, get, read_definition
    from seatcast.systems.thresholds import Threshold

    base = read_definition(definition) if definition is not None else get(system)
    threshold, scope = opts.pop("threshold"), opts.pop("threshold_scope")
    if threshold is not None or scope is not None:
        opts["threshold"] = Threshold.parse(threshold or "0", scope or "national")
    opts["grouping"] = _grouping(opts.get("grouping"), election)
    opts["areas"] = _grouping(opts.get("areas"), election)
    opts["local_share"] = _share(opts.get("local_share"))
    if opts.get("preferences") is not None:
        opts["preferences"] = str(opts["preferences"])
    return configure(base, **opts)


def _party_rows(fptp: Any, outcome: Any) -> list[dict[str, Any]]:
    from seatcast.systems.measures import compare_parties

    return [{"party": r.party.value, "votes": r.votes, "vote_share": r.share, "fptp": r.fptp_seats,
             "seats": r.seats, "change": r.change, "seats_per_100k": r.seats_per_100k}
            for r in compare_parties(fptp, outcome)]


def register(app: typer.Typer) -> None:
    @app.command("whatif")
    def whatif_cmd(
        election: str = typer.Argument("2025", help="Election: 2025, 2021, 2019 or 2021t."),
        system: str = typer.Option("pr-national", "--system", "-s",
                                   help="A system from `seatcast systems`."),
        method: str | None = typer.Option(None, "--method", help="Apportionment method, e.g. "
                                          "dhondt, sainte-lague, modified-sainte-lague, "
                                          "huntington-hill, adams, hare, droop."),
        threshold: str | None = typer.Option(None, "--threshold", help="Legal threshold, e.g. 5%."),
        threshold_scope: str | None = typer.Option(None, "--threshold-scope",
                                                   help="national or district."),
        grouping: str | None = typer.Option(None, "--grouping", help="national, province, region, "
                                            "stv, or a CSV file riding,district."),
        areas: str | None = typer.Option(None, "--areas", help="MMP compensation areas: province, "
                                         "region or a CSV file."),
        local_share: str | None = typer.Option(None, "--local-share", help="MMP local seats, e.g. 2/3."),
        overhang: str | None = typer.Option(None, "--overhang", help="MMP: absorb, keep or balance."),
        preferences: Path | None = typer.Option(None, "--preferences",
                                                help="IRV/STV transfer table CSV region,from,to,share."),
        magnitude: int | None = typer.Option(None, "--magnitude", help="STV: seats per district."),
        tie_rule: str | None = typer.Option(None, "--tie-rule", help="most-votes, strict or lot:SEED."),
        definition: Path | None = typer.Option(None, "--definition",
                                               help="A system definition JSON (as --json prints)."),
        as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
    ) -> None:
        """The same votes under another electoral system, next to the actual FPTP result."""
        from seatcast.catalog import load
        from seatcast.systems.fptp import FPTP
        from seatcast.systems.measures import measure

        e = load(election)
        sys_ = build_system(e, system, definition, method=method, threshold=threshold,
                            threshold_scope=threshold_scope, grouping=grouping, areas=areas,
                            local_share=local_share, overhang=overhang, preferences=preferences,
                            magnitude=magnitude, tie_rule=tie_rule)
        fptp, outcome = FPTP().run(e), sys_.run(e)
        mf, ms = measure(fptp), measure(outcome)
        rows = _party_rows(fptp, outcome)
        if as_json:
            emit_json({"election": e.id, "system": sys_.to_dict(), "description": sys_.describe(),
                       "house": outcome.house, "majority": outcome.majority, "parties": rows,
                       "measures": {"fptp": mf, "system": ms},
                       "ties": list(outcome.ties), "notes": list(outcome.notes),
                       "districts": [{"name": d.name, "seats": {p.value: n for p, n in d.seats.items() if n},
                                      "valid_votes": d.valid_votes, "represented": d.represented}
                                     for d in outcome.districts]})
            return
        t = Table(title=f"{e.name}: {sys_.describe()}")
        for col in ("Party", "Votes", "FPTP", sys_.name, "Change", "Seats/100k votes"):
            t.add_column(col, justify="left" if col == "Party" else "right")
        for r in rows:
            per = "—" if r["seats_per_100k"] is None else f"{r['seats_per_100k']:.2f}"
            t.add_row(r["party"], f"{100 * r['vote_share']:.2f} %", str(r["fptp"]), str(r["seats"]),
                      f"{r['change']:+d}", per)
        t.add_row("Total", "100 %", str(fptp.house), str(outcome.house), "", "")
        console.print(t)
        m = Table(title="Measures")
        m.add_column("Measure")
        m.add_column("FPTP", justify="right")
        m.add_column(sys_.name, justify="right")
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
        console.print(f"Majority: {outcome.majority} of {outcome.house} seats.")
        for note in outcome.notes:
            console.print(f"Note: {note}")
        for tie in outcome.ties:
            console.print(f"Tie: {tie}")

    @app.command("systems")
    def systems_cmd(as_json: bool = typer.Option(False, "--json", help="Print one JSON object.")) -> None:
        """The electoral systems, apportionment methods, groupings and tie rules available."""
        from seatcast.systems.apportionment import TIE_RULES
        from seatcast.systems.districts import GROUPINGS
        from seatcast.systems.methods import METHODS
        from seatcast.systems.registry import SYSTEMS

        if as_json:
            emit_json({"systems": [{"name": s.name, "kind": s.kind, "description": s.describe(),
                                    "definition": s.to_dict()} for s in SYSTEMS.values()],
                       "methods": METHODS, "groupings": list(GROUPINGS), "tie_rules": list(TIE_RULES)})
            return
        t = Table(title="Electoral systems (seatcast whatif --system NAME)")
        t.add_column("Name")
        t.add_column("Kind")
        t.add_column("Description")
        for s in SYSTEMS.values():
            t.add_row(s.name, s.kind, s.describe())
        console.print(t)
        console.print("Methods (--method): " + ", ".join(METHODS))
        console.print("Groupings (--grouping, --areas): " + ", ".join(GROUPINGS) + ", or a CSV file")
        console.print("Tie rules (--tie-rule): " + ", ".join(TIE_RULES))

    @app.command("coalitions")
    def coalitions_cmd(
        election: str = typer.Argument("2025", help="Election: 2025, 2021, 2019 or 2021t."),
        system: str | None = typer.Option(None, "--system", "-s",
                                          help="Seats from this system (default: the actual "
                                          "result, fptp)."),
        from_forecast: bool = typer.Option(False, "--from-forecast",
                                           help="Coalition odds over simulated Houses of the "
                                           "forecast for ELECTION instead."),
        sims: int | None = typer.Option(None, "--sims", min=1,
                                        help="Forecast draws (--from-forecast; default 10,000)."),
        seed: int | None = typer.Option(None, "--seed", min=0,
                                        help="Random seed (--from-forecast; default 0)."),
        as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
    ) -> None:
        """Majority line, minimal winning coalitions and voting power for one House."""
        if from_forecast:  # an option that does not apply is an error, never silently ignored
            if system is not None:
                raise SeatcastError("--system does not apply with --from-forecast (the forecast "
                                    "draws are first-past-the-post Houses)")
            _forecast_coalitions(election, 10_000 if sims is None else sims,
                                 0 if seed is None else seed, as_json)
            return
        if sims is not None or seed is not None:
            raise SeatcastError("--sims and --seed apply with --from-forecast only")
        system = system or "fptp"
        from seatcast.catalog import load
        from seatcast.systems.coalitions import (
            banzhaf,
            minimal_connected_winning,
            minimal_winning,
            named,
            shapley_shubik,
        )
        from seatcast.systems.registry import get

        e = load(election)
        outcome = get(system).run(e)
        seats = named(outcome.seats)
        line = outcome.majority
        bz, ss = banzhaf(seats, line), shapley_shubik(seats, line)
        mw, mcw = minimal_winning(seats, line), minimal_connected_winning(seats, line)

        def c_json(c: Any) -> dict[str, Any]:
            return {"parties": [p.value for p in c.parties], "seats": c.seats, "surplus": c.surplus}

        parties: list[dict[str, Any]] = [{"party": p.value, "seats": n, "short": max(0, line - n),
                    "banzhaf": bz[p], "shapley_shubik": ss[p],
                    "banzhaf_exact": str(bz[p]), "shapley_shubik_exact": str(ss[p])}
                   for p, n in seats.items()]
        if as_json:
            emit_json({"election": e.id, "system": outcome.system, "house": outcome.house,
                       "majority": line, "parties": parties,
                       "minimal_winning": [c_json(c) for c in mw],
                       "minimal_connected_winning": [c_json(c) for c in mcw]})
            return
        t = Table(title=f"{e.name} ({outcome.system}): {outcome.house} seats, majority {line}")
        for col in ("Party", "Seats", "Short of majority", "Banzhaf", "Shapley–Shubik"):
            t.add_column(col, justify="left" if col == "Party" else "right")
        for r in parties:
            t.add_row(r["party"], str(r["seats"]), str(r["short"]) if r["short"] else "majority",
                      f"{float(r['banzhaf']):.3f} ({r['banzhaf_exact']})",
                      f"{float(r['shapley_shubik']):.3f} ({r['shapley_shubik_exact']})")
        console.print(t)
        for title, cs in (("Minimal winning coalitions", mw),
                          ("Minimal connected winning coalitions (left–right)", mcw)):
            c = Table(title=title)
            c.add_column("Coalition")
            c.add_column("Seats", justify="right")
            c.add_column("Above the line", justify="right")
            for co in cs:
                c.add_row(co.label, str(co.seats), f"{co.surplus:+d}")
            console.print(c)




def _forecast_coalitions(election: str, sims: int, seed: int, as_json: bool) -> None:
    """Probability that each combination of parties reaches the majority over forecast draws."""
    from rich.progress import Progress

    from seatcast.cli.output import err_console
    from seatcast.forecast.simulate import run_projection
    from seatcast.systems.coalitions import (
        coalition_probabilities,
        minimal_winning_probabilities,
    )

    with Progress(console=err_console, transient=True,
                  disable=as_json or not err_console.is_terminal) as bar:
        task = bar.add_task("simulating", total=sims)
        res = run_projection(election, sims=sims, seed=seed,
                             progress=lambda n: bar.advance(task, n))
    probs = coalition_probabilities(res.seats, res.parties, res.majority)
    minimal = minimal_winning_probabilities(res.seats, res.parties, res.majority)
    mean = res.seats.mean(axis=0)
    rows: list[dict[str, Any]] = [{"parties": [p.value for p in combo], "probability": pr,
             "minimal_winning": minimal[combo],
             "mean_seats": float(sum(mean[res.parties.index(p)] for p in combo))}
            for combo, pr in probs.items()]
    shown = sorted((r for r in rows if r["minimal_winning"] >= 0.001),
                   key=lambda r: (-r["minimal_winning"], len(r["parties"])))
    if as_json:
        emit_json({"election": res.election, "as_of": res.as_of, "sims": res.sims, "seed": res.seed,
                   "house": res.seats_total, "majority": res.majority,
                   "mean_seats": {p.value: float(m) for p, m in zip(res.parties, mean, strict=True)},
                   "combinations": rows})
        return
    t = Table(title=f"Forecast {res.election} as of {res.as_of}: {res.sims:,} draws, "
                    f"majority {res.majority} of {res.seats_total}")
    t.add_column("Combination")
    t.add_column("Mean seats", justify="right")
    t.add_column("P(minimal winning)", justify="right")
    t.add_column("P(reaches majority)", justify="right")
    for r in shown[:20]:
        t.add_row("+".join(r["parties"]), f"{r['mean_seats']:.1f}",
                  f"{100 * r['minimal_winning']:.1f} %", f"{100 * r['probability']:.1f} %")
    console.print(t)
    console.print("Minimal winning: reaches the majority and every member is needed. "
                  "Every combination is in --json.")
