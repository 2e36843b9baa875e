"""The House as a hemicycle: one dot per seat, parties in order, and the majority line.

Seat positions come from ``parliamentarch`` (rows of seats on concentric arcs, filled in
proportion to each row's length).  Seats are then taken in angular order, left to right, and
handed out to the parties in the chosen order: by default the largest party first, so that
the dashed majority line (drawn through the seat that completes a majority, 172 of 343 or
170 of 338) shows at a glance how far the largest party stands from it.  A ``left-right``
order (NDP ... CPC, PPC) is available for the classic ideological layout.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from parliamentarch.geometry import get_nrows_from_nseats, get_row_thickness, get_seats_centers

from seatcast.domain.parties import ALL_PARTIES, LEFT_RIGHT, Party
from seatcast.domain.ridings import majority_of
from seatcast.present.svg import (
    INK,
    MUTED,
    Figure,
    Table,
    colour,
    esc,
    legend_row,
    mix,
    num,
    svg_open,
)
from seatcast.results.tally import government_of

ORDERS = ("seats", "left-right")
PALE = 0.45  # how far a seat only leading (not called) is washed toward white


def party_order(seats: Mapping[Party, int], order: str = "seats") -> list[Party]:
    """Parties holding seats, in the order their seats are laid out from the left."""
    held = [p for p in ALL_PARTIES if seats.get(p, 0) > 0]
    if order == "seats":
        rank = {p: i for i, p in enumerate(ALL_PARTIES)}
        return sorted(held, key=lambda p: (not p.is_list_party, -seats[p], rank[p]))
    if order == "left-right":
        lr = [p for p in LEFT_RIGHT if p in held]
        return lr + [p for p in held if p not in lr]
    raise ValueError(f"unknown seat order {order!r} (known: {', '.join(ORDERS)})")


def min_rows(total: int) -> int:
    """The fewest rows that hold ``total`` seats."""
    return int(get_nrows_from_nseats(total))


def hemicycle(
    seats: Mapping[Party, int],
    *,
    rows: int | None = None,
    majority: int | None = None,
    order: str = "seats",
    title: str = "Seats in the House of Commons",
    width: float = 640,
    firm: Mapping[Party, int] | None = None,
    pending: int = 0,
    pending_label: str = "not yet reporting",
) -> Figure:
    """Draw a hemicycle of ``seats`` (party -> seats; the house size is their sum + ``pending``).

    ``rows`` sets the number of seat rows (at least :func:`min_rows`); ``majority`` defaults
    to floor(house / 2) + 1.  For election night, ``firm`` gives each party's called seats
    (drawn solid; the rest of its seats, only leading, are drawn pale) and ``pending`` the
    seats not yet reporting (drawn as empty rings, last); between elections ``pending`` are
    the vacant seats, with ``pending_label="vacant"``.
    """
    if pending < 0 or (firm is not None and any(firm.get(p, 0) > n for p, n in seats.items())):
        raise ValueError("pending seats cannot be negative, nor called seats exceed seats")
    total = sum(seats.values()) + pending
    if total <= 0:
        raise ValueError("a hemicycle needs at least one seat")
    if any(v < 0 for v in seats.values()):
        raise ValueError("seat counts cannot be negative")
    majority = majority_of(total) if majority is None else majority
    if not 1 <= majority <= total:
        raise ValueError(f"a majority of {majority} is impossible in a house of {total}")
    need = min_rows(total)
    nrows = need if rows is None else rows
    if nrows < need:
        raise ValueError(f"{total} seats need at least {need} rows (asked for {rows})")
    if nrows > 40:
        raise ValueError(f"at most 40 rows (asked for {rows})")
    parties = party_order(seats, order)

    centers = get_seats_centers(total, min_nrows=nrows)
    # Left to right: angle pi is the leftmost seat; at equal angles, the inner row first.
    ordered = sorted(centers.items(), key=lambda kv: (-round(kv[1], 9), kv[0][0] ** 2 + kv[0][1] ** 2))
    pad = 16.0
    radius = width / 2 - pad  # the outer edge of the outermost row
    thick = get_row_thickness(nrows)
    r_dot = 0.8 * thick * radius
    top = 54.0

    def xy(x: float, y: float) -> tuple[float, float]:
        return pad + x * radius, top + (1 - y) * radius

    seat_party: list[Party] = []
    for p in parties:
        seat_party += [p] * seats[p]
    names = {p: p.name_en for p in parties}

    def label(p: Party) -> str:
        return f"{names[p]} {seats[p]}" + (f" ({firm.get(p, 0)} called)" if firm is not None else "")

    desc = (f"{total} seats; {majority} needed for a majority. "
            + "; ".join(label(p) for p in parties) + ". ")
    if pending:
        desc += f"{pending} {pending_label}. "
    if parties:
        gov = government_of(dict(seats), majority)
        desc += (f"{names[gov.party]} holds a majority." if gov.status == "majority" else
                 f"No party has a majority: {names[gov.party]} is {gov.short_by} short.")

    legend_items = [(colour(p), label(p)) for p in parties]
    if firm is not None:
        legend_items.append((mix("#555555", "#ffffff", PALE), "pale: leading, not called"))
    if pending:
        legend_items.append(("#ffffff", f"{pending_label} {pending}"))
    legend_svg, legend_h = legend_row(legend_items, pad, top + radius + 24, width=width - 2 * pad)
    height = top + radius + 24 + legend_h + 4
    out = [svg_open(width, height, title, desc, css_class="hemicycle")]
    out.append(f'<text x="{num(width / 2)}" y="20" text-anchor="middle" font-size="16" '
               f'font-weight="600" fill="{INK}">{esc(title)}</text>')

    start = 0
    for p in parties:
        n = seats[p]
        out.append(f'<g class="party" data-party="{p.value}" data-seats="{n}" fill="{colour(p)}">'
                   f"<title>{esc(names[p])}: {n} seat{'s' if n != 1 else ''}</title>")
        solid = n if firm is None else firm.get(p, 0)
        pale = mix(colour(p), "#ffffff", PALE)
        for k, ((x, y), _a) in enumerate(ordered[start : start + n]):
            sx, sy = xy(x, y)
            extra = "" if k < solid else f' fill="{pale}" class="leading"'
            out.append(f'<circle cx="{num(sx)}" cy="{num(sy)}" r="{num(r_dot)}"{extra}/>')
        out.append("</g>")
        start += n
    if pending:
        out.append(f'<g class="pending" data-seats="{pending}" fill="#ffffff" stroke="{MUTED}" '
                   f'stroke-width="1"><title>{esc(pending_label.capitalize())}: {pending}</title>')
        for (x, y), _a in ordered[start : start + pending]:
            sx, sy = xy(x, y)
            out.append(f'<circle cx="{num(sx)}" cy="{num(sy)}" r="{num(r_dot * 0.85)}"/>')
        out.append("</g>")

    # The majority line: through the seat that completes a majority, counted from the left.
    angle = ordered[majority - 1][1]
    r_in, r_out = 0.5 - thick, 1.0 + 0.02
    x1, y1 = xy(1 + r_in * math.cos(angle), r_in * math.sin(angle))
    x2, y2 = xy(1 + r_out * math.cos(angle), r_out * math.sin(angle))
    out.append(f'<g class="majority-line" data-majority="{majority}">'
               f"<title>Majority line: {majority} of {total} seats</title>"
               f'<line x1="{num(x1)}" y1="{num(y1)}" x2="{num(x2)}" y2="{num(y2)}" '
               f'stroke="{INK}" stroke-width="2" stroke-dasharray="6 4"/>'
               f'<text x="{num(x2)}" y="{num(y2 - 6)}" text-anchor="middle" font-size="12" '
               f'fill="{INK}">majority {majority}</text></g>')
    cx, cy = xy(1, 0)
    out.append(f'<text class="house-size" x="{num(cx)}" y="{num(cy - 22)}" text-anchor="middle" '
               f'font-size="28" font-weight="700" fill="{INK}">{total}</text>'
               f'<text x="{num(cx)}" y="{num(cy - 4)}" text-anchor="middle" font-size="12" '
               f'fill="{MUTED}">seats · {majority} for a majority</text>')
    out.append(legend_svg)
    out.append("</svg>")

    rows_t = [(names[p], str(seats[p]), f"{100 * seats[p] / total:.1f} %",
               f"{seats[p] - majority:+d}") + ((str(firm.get(p, 0)),) if firm is not None else ())
              for p in parties]
    if pending:
        rows_t.append((pending_label.capitalize(), str(pending), f"{100 * pending / total:.1f} %", "")
                      + (("",) if firm is not None else ()))
    table = Table(
        caption=f"{title}: seats by party ({total} seats, majority {majority})",
        headers=("Party", "Seats", "Share of seats", "From majority")
        + (("Called",) if firm is not None else ()),
        rows=tuple(rows_t),
    )
    return Figure("".join(out), table, title, desc,
                  {"rows": nrows, "majority": majority, "total": total,
                   "order": [p.value for p in parties]})

