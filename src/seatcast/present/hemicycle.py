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
from dataclasses import dataclass
from typing import Protocol

from parliamentarch.geometry import get_nrows_from_nseats, get_row_thickness, get_seats_centers

from seatcast.domain.parties import ALL_PARTIES, LEFT_RIGHT, Party
from seatcast.domain.ridings import majority_of
from seatcast.present.palette import NOT_REPORTING, colour
from seatcast.present.svg import (
    INK,
    MUTED,
    NARROW,
    Figure,
    LegendItem,
    Table,
    esc,
    legend_row,
    num,
    svg_open,
    title_svg,
)

ORDERS = ("seats", "left-right")


class GovernmentLike(Protocol):
    """What the description says about the government (``results.tally.Government`` fits)."""

    @property
    def party(self) -> Party: ...
    @property
    def status(self) -> str: ...  # "majority" or "minority"
    @property
    def short_by(self) -> int: ...


@dataclass(frozen=True, slots=True)
class _Type:
    """Font sizes of one drawing."""

    title: float
    label: float
    big: float


_WIDE = _Type(title=16, label=12, big=28)
_PHONE = _Type(title=15, label=13, big=24)


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
    government: GovernmentLike | None = None,
    pending_label: str = "not yet reporting",
) -> Figure:
    """Draw a hemicycle of ``seats`` (party -> seats; the house size is their sum + ``pending``).

    ``rows`` sets the number of seat rows (at least :func:`min_rows`); ``majority`` defaults
    to floor(house / 2) + 1.  For election night, ``firm`` gives each party's called seats
    (drawn solid; the rest of its seats, only leading, are drawn as rings in the party's
    colour) and ``pending`` the seats not yet reporting (small grey dots, last).
    ``government``, when given, is stated in the description ("No party has a majority:
    Liberal is 3 short").  The figure is drawn at ``width`` and again for a phone.
    Between elections ``pending`` are the vacant seats, with ``pending_label="vacant"``.
    """
    total, majority, nrows = _checked(seats, rows, majority, firm, pending)
    parties = party_order(seats, order)
    centers = get_seats_centers(total, min_nrows=nrows)
    # Left to right: angle pi is the leftmost seat; at equal angles, the inner row first.
    ordered = sorted(centers.items(), key=lambda kv: (-round(kv[1], 9), kv[0][0] ** 2 + kv[0][1] ** 2))
    h = _House(seats=seats, parties=parties, firm=firm, pending=pending, pending_label=pending_label,
               total=total, majority=majority, title=title, ordered=ordered,
               thick=get_row_thickness(nrows))
    desc = _description(h, government)
    return Figure(_draw(h, desc, width, _WIDE, "wide"), _table(h), title, desc,
                  {"rows": nrows, "majority": majority, "total": total,
                   "order": [p.value for p in parties]},
                  narrow=_draw(h, desc, NARROW, _PHONE, "narrow"), width=width)


def _checked(seats: Mapping[Party, int], rows: int | None, majority: int | None,
             firm: Mapping[Party, int] | None, pending: int) -> tuple[int, int, int]:
    """The house size, the majority and the number of rows, once the arguments are checked."""
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
    return total, majority, nrows


_Seat = tuple[tuple[float, float], float]  # (x, y) on the unit half-disc, and its angle


@dataclass(frozen=True, slots=True)
class _House:
    """What both drawings, the description and the table are made from."""

    seats: Mapping[Party, int]
    parties: list[Party]
    firm: Mapping[Party, int] | None
    pending: int
    pending_label: str
    total: int
    majority: int
    title: str
    ordered: list[_Seat]  # seat centres, left to right
    thick: float  # row thickness, as a fraction of the outer radius

    def label(self, p: Party) -> str:
        called = f" ({self.firm.get(p, 0)} called)" if self.firm is not None else ""
        return f"{p.name_en} {self.seats[p]}{called}"


def _description(h: _House, government: GovernmentLike | None) -> str:
    desc = (f"{h.total} seats; {h.majority} needed for a majority. "
            + "; ".join(h.label(p) for p in h.parties) + ". ")
    if h.firm is not None:
        desc += "Called seats are solid dots, seats only leading are rings. "
    if h.pending:
        desc += f"{h.pending} {h.pending_label}. "
    if government is not None:
        gov = government.party.name_en
        desc += (f"{gov} holds a majority." if government.status == "majority" else
                 f"No party has a majority: {gov} is {government.short_by} short.")
    return desc


def _legend_items(h: _House) -> list[LegendItem]:
    items: list[LegendItem] = [(colour(p), h.label(p)) for p in h.parties]
    if h.firm is not None:
        items.append((MUTED, "ring: leading, not called", "ring"))
    if h.pending:
        items.append((NOT_REPORTING, f"{h.pending_label} {h.pending}"))
    return items


@dataclass(frozen=True, slots=True)
class _Frame:
    """Where the unit half-disc lies in one drawing."""

    pad: float
    radius: float  # the outer edge of the outermost row
    top: float
    r_dot: float

    def xy(self, x: float, y: float) -> tuple[float, float]:
        return self.pad + x * self.radius, self.top + (1 - y) * self.radius


def _draw(h: _House, desc: str, w: float, size: _Type, layout: str) -> str:
    pad = 16.0 if layout == "wide" else 8.0
    radius = w / 2 - pad
    title_svg_, title_end = title_svg(h.title, x=w / 2, y=20, size=size.title,
                                      width=w - 2 * pad, anchor="middle")
    frame = _Frame(pad=pad, radius=radius, top=title_end + 34, r_dot=0.8 * h.thick * radius)
    # On a phone the inner arc is too short for the caption: it goes under the seats.
    below = layout == "narrow"
    legend_top = frame.top + radius + 24 + (size.label + 6 if below else 0)
    legend_svg, legend_h = legend_row(_legend_items(h), pad, legend_top,
                                      width=w - 2 * pad, size=size.label)
    height = legend_top + legend_h + 4
    out = [svg_open(w, height, h.title, desc, css_class="hemicycle", layout=layout), title_svg_]
    out += _party_dots(h, frame)
    if h.pending:
        out += _pending_dots(h, frame)
    out.append(_majority_line(h, frame, w, size))
    out.append(_house_size(h, frame, size, below))
    out.append(legend_svg)
    out.append("</svg>")
    return "".join(out)


def _party_dots(h: _House, frame: _Frame) -> list[str]:
    """Each party's seats in turn from the left: called seats solid, seats only leading as rings."""
    out: list[str] = []
    start = 0
    r_dot = frame.r_dot
    ring = r_dot * 0.3
    for p in h.parties:
        n = h.seats[p]
        out.append(f'<g class="party" data-party="{p.value}" data-seats="{n}" fill="{colour(p)}">'
                   f"<title>{esc(p.name_en)}: {n} seat{'s' if n != 1 else ''}</title>")
        solid = n if h.firm is None else h.firm.get(p, 0)
        for k, ((x, y), _a) in enumerate(h.ordered[start : start + n]):
            sx, sy = frame.xy(x, y)
            if k < solid:
                out.append(f'<circle cx="{num(sx)}" cy="{num(sy)}" r="{num(r_dot)}"/>')
            else:  # only leading: a ring in the party's colour, same outer size
                out.append(f'<circle class="leading" cx="{num(sx)}" cy="{num(sy)}" '
                           f'r="{num(r_dot - ring / 2)}" fill="#ffffff" stroke="{colour(p)}" '
                           f'stroke-width="{num(ring)}"/>')
        out.append("</g>")
        start += n
    return out


def _pending_dots(h: _House, frame: _Frame) -> list[str]:
    """The seats not reporting (or vacant): small grey dots after every party's."""
    start = sum(h.seats[p] for p in h.parties)
    out = [f'<g class="pending" data-seats="{h.pending}" fill="{NOT_REPORTING}">'
           f"<title>{esc(h.pending_label.capitalize())}: {h.pending}</title>"]
    for (x, y), _a in h.ordered[start : start + h.pending]:
        sx, sy = frame.xy(x, y)
        out.append(f'<circle cx="{num(sx)}" cy="{num(sy)}" r="{num(frame.r_dot * 0.7)}"/>')
    out.append("</g>")
    return out


def _majority_line(h: _House, frame: _Frame, w: float, size: _Type) -> str:
    """The dashed line through the seat that completes a majority, counted from the left."""
    angle = h.ordered[h.majority - 1][1]
    r_in, r_out = 0.5 - h.thick, 1.0 + 0.02
    x1, y1 = frame.xy(1 + r_in * math.cos(angle), r_in * math.sin(angle))
    x2, y2 = frame.xy(1 + r_out * math.cos(angle), r_out * math.sin(angle))
    # The label sits above the line's outer end, kept inside the drawing.
    lx = min(max(x2, frame.pad + 3.5 * size.label), w - frame.pad - 3.5 * size.label)
    return (f'<g class="majority-line" data-majority="{h.majority}">'
            f"<title>Majority line: {h.majority} of {h.total} seats</title>"
            f'<line x1="{num(x1)}" y1="{num(y1)}" x2="{num(x2)}" y2="{num(y2)}" '
            f'stroke="{INK}" stroke-width="2" stroke-dasharray="6 4"/>'
            f'<text x="{num(lx)}" y="{num(y2 - 6)}" text-anchor="middle" '
            f'font-size="{num(size.label)}" fill="{INK}">majority {h.majority}</text></g>')


def _house_size(h: _House, frame: _Frame, size: _Type, below: bool) -> str:
    """The house size in big type at the centre, and the majority under it."""
    cx, cy = frame.xy(1, 0)
    big_y = cy - 4 if below else cy - size.label - 10
    caption_y = cy + size.label + 8 if below else cy - 4
    return (f'<text class="house-size" x="{num(cx)}" y="{num(big_y)}" '
            f'text-anchor="middle" font-size="{num(size.big)}" font-weight="700" '
            f'fill="{INK}">{h.total}</text>'
            f'<text x="{num(cx)}" y="{num(caption_y)}" text-anchor="middle" '
            f'font-size="{num(size.label)}" fill="{MUTED}">seats · {h.majority} for a majority</text>')


def _table(h: _House) -> Table:
    called = h.firm is not None
    rows_t = [(p.name_en, str(h.seats[p]), f"{100 * h.seats[p] / h.total:.1f} %",
               f"{h.seats[p] - h.majority:+d}") + ((str(h.firm.get(p, 0)),) if h.firm is not None else ())
              for p in h.parties]
    if h.pending:
        rows_t.append((h.pending_label.capitalize(), str(h.pending), f"{100 * h.pending / h.total:.1f} %", "")
                      + (("",) if called else ()))
    return Table(
        caption=f"{h.title}: seats by party ({h.total} seats, majority {h.majority})",
        headers=("Party", "Seats", "Share of seats", "From majority") + (("Called",) if called else ()),
        rows=tuple(rows_t),
    )
