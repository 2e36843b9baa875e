"""`seatcast results` and `seatcast riding`: what happened, nationally and riding by riding."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from seatcast.catalog import load
from seatcast.cli.output import console, emit_json, pct, plural
from seatcast.domain.geography import parse_province
from seatcast.domain.results import Election
from seatcast.errors import NotFoundError, SeatcastError
from seatcast.results.tally import Summary, summarize


def summary_json(s: Summary) -> dict[str, Any]:
    """The JSON shape of `seatcast results --json`."""
    g = s.government
    return {
        "election": s.election,
        "name": s.name,
        "date": s.date,
        "scope": s.scope,
        "seats_total": s.seats_total,
        "majority": s.majority,
        "valid_votes": s.valid_votes,
        "total_ballots": s.total_ballots,
        "electors": s.electors,
        "turnout": s.turnout,
        "compared_with": s.previous,
        "previous_turnout": s.previous_turnout,
        "parties": [
            {
                "party": p.party.value,
                "name": p.party.name_en,
                "seats": p.seats,
                "votes": p.votes,
                "share": p.share,
                "seats_change": p.seats_change,
                "share_change": p.share_change,
            }
            for p in s.parties
        ],
        "government": {
            "party": g.party.value,
            "status": g.status,
            "seats": g.seats,
            "majority": g.majority,
            "short_by": g.short_by,
            "spare": g.spare,
        },
        "closest": [
            {
                "riding": r.riding,
                "name": r.name,
                "province": r.province,
                "winner": r.winner.value,
                "winner_name": r.winner_name,
                "runner_up": r.runner_up.value if r.runner_up else None,
                "runner_up_name": r.runner_up_name,
                "margin": r.margin,
                "margin_share": r.margin_share,
            }
            for r in s.closest
        ],
        "flips": [
            {"riding": f.riding, "name": f.name, "province": f.province,
             "from": f.before.value, "to": f.after.value}
            for f in s.flips
        ],
    }


def _previous(e: Election) -> Election | None:
    return load(e.previous) if e.previous else None


def _print_summary(s: Summary) -> None:
    console.print(f"[bold]{s.name}[/bold] ({s.election}" + (f", {s.date})" if s.date else ")"))
    t = Table(show_edge=False, pad_edge=False)
    cols = ["Party", "Seats", "Votes", "Share"]
    if s.previous:
        cols += [f"Seats ± {s.previous}", "Share ±"]
    for c in cols:
        t.add_column(c, justify="left" if c == "Party" else "right")
    for p in s.parties:
        row = [f"{p.party.value}  {p.party.name_en}", str(p.seats), f"{p.votes:,}", pct(p.share)]
        if s.previous:
            row += [
                f"{p.seats_change:+d}" if p.seats_change is not None else "—",
                f"{100 * p.share_change:+.2f}" if p.share_change is not None else "—",
            ]
        t.add_row(*row)
    t.add_row("Total", str(s.seats_total), f"{s.valid_votes:,}", "100.00 %", *([""] * (len(cols) - 4)))
    console.print(t)
    g = s.government
    if g.status == "majority":
        gov = f"{g.party.name_en} majority ({g.seats} of {s.majority} needed, {g.spare} spare)"
    else:
        gov = f"{g.party.name_en} minority ({g.seats} seats, {g.short_by} short of {g.majority})"
    console.print(f"Government: {gov}")
    if s.turnout is not None:
        prev = f" (previous {pct(s.previous_turnout)})" if s.previous_turnout is not None else ""
        console.print(f"Turnout: {pct(s.turnout)} of {s.electors:,} electors{prev}")
    else:
        console.print("Turnout: not available (electors are not in this results file)")
    ct = Table(title="Closest ridings", show_edge=False, pad_edge=False, title_justify="left")
    for c in ("Riding", "Winner", "Runner-up", "Margin"):
        ct.add_column(c, justify="right" if c == "Margin" else "left")
    for r in s.closest:
        ct.add_row(
            f"{r.riding} {r.name}",
            f"{r.winner.value} {r.winner_name}",
            f"{r.runner_up.value} {r.runner_up_name}" if r.runner_up else "—",
            f"{r.margin:,} ({pct(r.margin_share)})",
        )
    console.print(ct)
    if s.previous:
        console.print(f"Ridings that changed hands since {s.previous}: {len(s.flips)}")
        moves: dict[tuple[str, str], int] = {}
        for f in s.flips:
            moves[(f.before.value, f.after.value)] = moves.get((f.before.value, f.after.value), 0) + 1
        for (a, b), n in sorted(moves.items(), key=lambda kv: -kv[1]):
            console.print(f"  {a} → {b}: {n}")


def register(app: typer.Typer) -> None:
    @app.command("results")
    def results_cmd(
        election: str = typer.Argument("2025", help="2025, 2021, 2019 or 2021t (2021 on the 343 map)."),
        province: str | None = typer.Option(None, "--province", help="Province code, e.g. QC."),
        from_file: Path | None = typer.Option(
            None, "--from", help="An official results file (results download or table 12)."
        ),
        compare: str | None = typer.Option(None, "--compare", help="Election to compare against."),
        closest: int = typer.Option(10, "--closest", min=0, help="How many close races to list."),
        as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
    ) -> None:
        """Seats, votes, shares, government, turnout, closest races and flips."""
        if from_file is not None:
            from seatcast.sources.files import load_results_file

            e = load_results_file(from_file)
        else:
            e = load(election)
        prev_id = compare if compare is not None else e.previous
        prev = load(prev_id) if prev_id else None
        if prev is not None and prev.map.name != e.map.name:
            raise SeatcastError(
                f"cannot compare {e.id} ({e.map.seats}-riding map) with {prev.id} "
                f"({prev.map.seats}-riding map); use 2021t to compare with 2025"
            )
        prov = None
        if province is not None:
            try:
                prov = parse_province(province)
            except ValueError as err:
                raise SeatcastError(str(err)) from None
        s = summarize(e, prev, province=prov, national=e, closest=closest)
        if as_json:
            emit_json(summary_json(s))
        else:
            _print_summary(s)

    @app.command("riding")
    def riding_cmd(
        query: str = typer.Argument(..., help="Riding code or name (accents, case, dashes ignored)."),
        election: str = typer.Option("2025", "--election", "-e", help="Election id."),
        as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
    ) -> None:
        """One riding: candidates, votes at each count stage, winner and margin."""
        e = load(election)
        data = riding_json(e, query)
        if as_json:
            emit_json(data)
            return
        console.print(f"[bold]{data['code']} {data['name']}[/bold] / {data['name_fr']} "
                      f"({data['province']}) — {e.name}")
        for st in data["stages"]:
            t = Table(title=f"{st['stage']} count", title_justify="left", show_edge=False, pad_edge=False)
            for c in ("Candidate", "Party", "Votes", "Share"):
                t.add_column(c, justify="left" if c in ("Candidate", "Party") else "right")
            for c in st["candidates"]:
                t.add_row(c["name"], f"{c['party']} ({c['affiliation']})", f"{c['votes']:,}", pct(c["share"]))
            console.print(t)
            extra = f", rejected {st['rejected']:,}" if st["rejected"] else ""
            console.print(f"  Winner: {st['winner']['name']} ({st['winner']['party']}) by "
                          f"{plural(st['margin'], 'vote')} ({pct(st['margin_share'])}); "
                          f"valid {st['valid_votes']:,}{extra}")
        if data["winner_changed_between_stages"]:
            console.print("[bold]The winner changed between count stages.[/bold]")


def riding_json(e: Election, query: str) -> dict[str, Any]:
    """The JSON shape of `seatcast riding --json`."""
    try:
        riding = e.map.find(query)
    except (LookupError, KeyError) as err:
        raise NotFoundError(str(err).strip("'\"")) from None
    stages: list[dict[str, Any]] = []
    for r in e.stages_of(riding.code):
        valid = r.valid_votes
        stages.append({
            "stage": r.stage.value,
            "valid_votes": valid,
            "rejected": r.rejected,
            "total_ballots": r.total_ballots,
            "candidates": [
                {"name": c.name, "party": c.party.value, "affiliation": c.affiliation,
                 "votes": c.votes, "share": c.votes / valid if valid else 0.0, "incumbent": c.incumbent}
                for c in r.candidates
            ],
            "winner": {"name": r.winner.name, "party": r.winner.party.value},
            "margin": r.margin,
            "margin_share": r.margin_share,
        })
    final = e.result(riding.code)
    winners = {s["winner"]["party"] for s in stages}
    return {
        "election": e.id,
        "code": riding.code,
        "name": riding.name_en,
        "name_fr": riding.name_fr,
        "province": riding.province.code,
        "region": riding.region.value,
        "final_stage": final.stage.value,
        "winner": {"name": final.winner.name, "party": final.winner.party.value},
        "margin": final.margin,
        "electors": final.electors,
        "turnout": final.turnout,
        "winner_changed_between_stages": len(winners) > 1,
        "stages": stages,
    }
