"""The opening of the report: the House as it stands, and the next election's projection.

Drawn from the views' own fields (`seatcast.views.house.HouseView`, the forecast headline of
`seatcast.views.home`), so the report says what ``/`` and ``seatcast house`` say.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from seatcast.present.svg import Figure, Table, esc

if TYPE_CHECKING:
    from seatcast.views.home import ForecastHeadline
    from seatcast.views.house import HouseView


def _pct(x: float) -> str:
    return f"{100 * x:.1f} %"


def house_status(v: HouseView) -> str:
    g = v.government
    if g is None:
        return "every seat is vacant"
    margin = (f"{g.short_by} short of the {g.majority} needed" if g.short_by
              else f"{g.spare} above the {g.majority} needed")
    return f"{g.name} {g.status}: {g.seats} seats, {margin}"


def today_html(house: HouseView | None, headline: ForecastHeadline | None,
               house_figure: Figure | None) -> str:
    """The report's first sections (empty when there is neither)."""
    out: list[str] = []
    if house is not None:
        vac = "; ".join(f"{s.name} since {s.since} ({s.kind.value})" for s in house.vacant)
        parties = Table(f"Seats on {house.as_of} and at the {house.election.date} election",
                        ("Party", "Seats now", "Elected", "Change"),
                        tuple((p.name, str(p.seats), str(p.elected), f"{p.change:+d}")
                              for p in house.parties)
                        + ((("Vacant", str(len(house.vacant)), "0", f"+{len(house.vacant)}"),)
                           if house.vacant else ()))
        events = Table(f"{len(house.events)} changes since the election",
                       ("Date", "Riding", "Change", "Member", "Verified"),
                       tuple((str(e.date), e.riding_name,
                              f"{e.label}: {e.from_party or 'vacant'} → {e.to_party or 'vacant'}",
                              e.member, "yes" if e.verified else "no") for e in house.events))
        out += [f"<h1>The House of Commons on {house.as_of}</h1>",
                f'<p class="card" id="house-today"><strong>{esc(house_status(house))}</strong>'
                f" · {house.sitting} members sitting, {len(house.vacant)} vacant"
                + (f" ({esc(vac)})" if vac else "") + "</p>"]
        if house_figure is not None:
            out.append(house_figure.html())
        out += [parties.html(), events.html() if house.events else ""]
    if headline is not None:
        h = headline
        when = f"{esc(h.when_held.capitalize())}. " if h.when_held else ""
        poll = f", the day of the latest poll ({h.polls_used} polls)" if h.latest_poll else ""
        fit = f"; {h.fit.model} model fitted on {h.fit.pair}" if h.fit else ""
        t = Table(f"Projected seats ({h.sims:,} simulated elections, seed {h.seed}{fit})",
                  ("Party", "Vote", "Seats (mean)", "80 %", "Most seats", "Majority"),
                  tuple((p.name, _pct(p.vote_mean), f"{p.seats_mean:.1f}",
                         f"{p.seats_80[0]}–{p.seats_80[1]}", _pct(p.p_most_seats),
                         _pct(p.p_majority)) for p in h.parties))
        odds = " · ".join(f"{esc(k)} {_pct(x)}" for k, x in h.outcomes.items())
        out += [f"<h2>The next election: {esc(h.election.name)}</h2>",
                f'<p class="lede">{when}Projection as of {h.as_of}{poll}.</p>', t.html(),
                f'<p class="note">Likeliest outcomes: {odds}.</p>']
    return "\n".join(x for x in out if x)
