"""The hex map: the 343 ridings of the 2023 map as equal hexagons, so that a dense Toronto
riding counts for as much on the page as it does in the House.

The layout (built-in ``hexmap_2023.csv``) is a pointy-top grid with odd rows shifted right by
half a hexagon ("odd-r" offset coordinates), row 0 at the top.  A cell's colour says one
thing: the winner, the winner shaded by margin, or the forecast leader shaded by its chance.
Each hexagon is a link to its riding page and carries a ``<title>`` (the hover text), and the
whole map has a data table with the same facts.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from seatcast.domain.geography import Region, province_of
from seatcast.domain.parties import ALL_PARTIES, Party
from seatcast.domain.results import Election
from seatcast.domain.ridings import RidingMap, display_name
from seatcast.present.palette import MUTED, NOT_REPORTING, colour, neutral_scale, scale
from seatcast.present.svg import (
    INK,
    NARROW,
    Figure,
    LegendItem,
    Table,
    esc,
    legend_row,
    new_id,
    num,
    svg_open,
    title_svg,
)

MODES = ("winner", "margin", "probability")

#: Margin bands (share of valid votes, in points), strongest first: band k is step k of the
#: winner's shading scale (:func:`seatcast.present.palette.scale`).
MARGIN_BANDS: tuple[tuple[float, str], ...] = (
    (15.0, "15 points or more"),
    (5.0, "5 to 15 points"),
    (0.0, "under 5 points"),
)
#: Forecast labels (the leader's chance), strongest first, each a step of the leader's scale.
PROBABILITY_BANDS: tuple[tuple[float, str], ...] = (
    (0.999, "Safe (99.9 % or more)"),
    (0.90, "Likely (90 % or more)"),
    (0.70, "Leaning (70 % or more)"),
    (0.0, "Toss-up"),
)
#: The phone layout's hexagons: circumradius such that a drawn hexagon (97 % of its cell) is
#: 24.1 px from flat side to flat side, over the smallest tap target WCAG 2.2 allows (24 px,
#: 2.5.8); Ontario, 13 hexagons wide, then just fits the 340 px drawing.
PHONE_HEX = 24.1 / (math.sqrt(3) * 0.97)
_PHONE_PAD = 2.0
_RIM = 1.6  # the full-colour outline of a pale hexagon
_LABEL = 13.0  # the phone layout's region labels


@dataclass(frozen=True, slots=True)
class HexCell:
    """What one riding's hexagon shows: ``fill``; ``outline``, a full party colour drawn as a
    rim inside the hexagon (pale shades keep their party's colour at the edge, which also
    tells parties apart for readers with a colour-vision deficiency); ``hatch``, a party
    colour drawn in stripes on white instead of the fill (election night: leading, not
    called)."""

    code: int
    fill: str
    title: str  # the hover text, also the link's accessible name
    href: str | None = None
    category: str = ""  # the legend entry it belongs to
    outline: str | None = None
    hatch: str | None = None


Href = Callable[[int], str] | None
#: A legend fill written ``HATCH + colour`` is drawn as that colour's stripes.
HATCH = "hatch:"


def hex_center(col: int, row: int, size: float) -> tuple[float, float]:
    """Centre of a pointy-top hexagon of circumradius ``size`` in odd-r offset coordinates."""
    w = math.sqrt(3) * size
    return w * (col + 0.5 * (row & 1)) + w / 2, 1.5 * size * row + size


def hex_path(cx: float, cy: float, size: float) -> str:
    pts = []
    for k in range(6):
        a = math.radians(60 * k - 90)
        pts.append(f"{num(cx + size * math.cos(a))},{num(cy + size * math.sin(a))}")
    return "M" + "L".join(pts) + "Z"


def _hatch_defs(colours: list[str], size: float) -> tuple[str, dict[str, str]]:
    """Diagonal stripes of each colour on white, as SVG patterns; returns (defs, id by colour)."""
    ids = {c: new_id("hatch") for c in dict.fromkeys(colours)}
    step = max(4.0, size / 2.6)
    defs = "".join(
        f'<pattern id="{pid}" class="hatch" data-colour="{c}" patternUnits="userSpaceOnUse" '
        f'width="{num(step)}" height="{num(step)}" patternTransform="rotate(45)">'
        f'<rect width="{num(step)}" height="{num(step)}" fill="#ffffff"/>'
        f'<rect width="{num(step / 2)}" height="{num(step)}" fill="{c}"/></pattern>'
        for c, pid in ids.items())
    return (f"<defs>{defs}</defs>" if defs else ""), ids


def _cells_svg(centres: Mapping[int, tuple[float, float]], cells: Mapping[int, HexCell],
               size: float, hatches: Mapping[str, str], highlight: int | None) -> str:
    """The hexagons at ``centres`` (each a link when it has an href), and the highlight."""
    out = []
    focus = ""
    r = size * 0.97
    for code in sorted(centres):
        cx, cy = centres[code]
        cell = cells[code]
        fill = f"url(#{hatches[cell.hatch]})" if cell.hatch else cell.fill
        shape = f'<path d="{hex_path(cx, cy, r)}" fill="{fill}"/>'
        if cell.outline:
            inner = r - _RIM / math.sqrt(3)
            shape += (f'<path class="rim" d="{hex_path(cx, cy, inner)}" fill="none" '
                      f'stroke="{cell.outline}" stroke-width="{num(_RIM)}"/>')
        label = esc(cell.title)
        if cell.href:
            out.append(f'<a class="hex" href="{esc(cell.href)}" data-code="{code}" '
                       f'data-category="{esc(cell.category)}" aria-label="{label}">'
                       f"<title>{label}</title>{shape}</a>")
        else:
            out.append(f'<g class="hex" data-code="{code}" data-category="{esc(cell.category)}">'
                       f"<title>{label}</title>{shape}</g>")
        if code == highlight:
            focus = (f'<path class="highlight" d="{hex_path(cx, cy, size * 1.05)}" fill="none" '
                     f'stroke="{INK}" stroke-width="3"/>')
    return "".join(out) + focus


@dataclass(frozen=True, slots=True)
class _Block:
    """One region of the phone layout: its label and each riding's centre, from (0, 0)."""

    label: str
    centres: dict[int, tuple[float, float]]
    width: float
    height: float


def _label_width(text: str, size: float) -> float:
    return 0.6 * size * len(text)


def _block(label: str, where: Mapping[int, tuple[int, int]], size: float, room: float) -> _Block:
    """A region's ridings at their places in the national grid, moved to the origin; if that
    is wider than ``room``, the ridings in reading order in rows that fit.  The block is at
    least as wide as its label."""
    w = math.sqrt(3) * size
    row0 = min(r for _, r in where.values())
    col0 = min(c for c, _ in where.values())
    # The absolute row keeps each row's odd-r shift, so neighbours stay neighbours.
    xs = {code: w * (c - col0 + 0.5 * (r & 1)) for code, (c, r) in where.items()}
    x0 = min(xs.values())
    width = max(xs.values()) - x0 + w
    if width <= room:
        centres = {code: (xs[code] - x0 + w / 2, 1.5 * size * (r - row0) + size)
                   for code, (_, r) in where.items()}
    else:
        per_row = max(1, int((room - w / 2) // w))
        order = sorted(where, key=lambda code: (where[code][1], where[code][0]))
        centres = {code: hex_center(i % per_row, i // per_row, size) for i, code in enumerate(order)}
        width = w * (min(per_row, len(order)) + (0.5 if len(order) > per_row else 0))
    height = max(y for _, y in centres.values()) + size
    return _Block(label, centres, max(width, _label_width(label, _LABEL)), height)


def _phone_blocks(layout: Mapping[int, tuple[int, int]], size: float, room: float,
                  only: int | None) -> list[_Block]:
    """The map cut into its seven regions, west to east (or only the region of ``only``)."""
    by_region: dict[Region, dict[int, tuple[int, int]]] = {}
    for code, place in layout.items():
        by_region.setdefault(province_of(code).region, {})[code] = place
    if only is not None:
        mine = province_of(only).region
        by_region = {mine: by_region[mine]}
    ordered = sorted(by_region.items(),
                     key=lambda kv: sum(c for c, _ in kv[1].values()) / len(kv[1]))
    blocks = []
    for region, where in ordered:
        cols: dict[str, list[int]] = {}
        for code, (c, _) in where.items():
            cols.setdefault(province_of(code).code, []).append(c)
        provinces = sorted(cols, key=lambda pc: sum(cols[pc]) / len(cols[pc]))  # west to east
        plain = _block(f"{region.label} · {len(where)}", where, size, room)
        named = f"{region.label} ({', '.join(provinces)}) · {len(where)}"
        # Name the provinces of a region when that fits above its hexagons.
        if len(provinces) > 1 and _label_width(named, _LABEL) <= plain.width:
            plain = _Block(named, plain.centres, plain.width, plain.height)
        blocks.append(plain)
    return blocks


def hexmap(
    cells: Mapping[int, HexCell],
    layout: Mapping[int, tuple[int, int]],
    riding_map: RidingMap,
    *,
    title: str,
    description: str,
    legend: list[LegendItem],
    table: Table,
    size: float = 11.0,
    highlight: int | None = None,
) -> Figure:
    """Draw the grid.  Every riding of ``layout`` needs a cell.

    The desktop drawing is the national grid at ``size``; the phone drawing cuts it into the
    seven regions, each at its place in the grid, stacked west to east (two side by side
    where they fit) with hexagons of :data:`PHONE_HEX`, a 24 px tap target.  With a
    ``highlight`` the phone drawing shows that riding's region only.
    """
    missing = sorted(set(layout) - set(cells))
    if missing:
        raise ValueError(f"no colour for {len(missing)} riding(s), e.g. {missing[0]}")
    hatched = [c.hatch for c in cells.values() if c.hatch]
    legend_hatch = [item[0].removeprefix(HATCH) for item in legend if item[0].startswith(HATCH)]

    def with_hatches(items: list[LegendItem], ids: Mapping[str, str]) -> list[LegendItem]:
        return [((f"url(#{ids[it[0].removeprefix(HATCH)]})", *it[1:])
                 if it[0].startswith(HATCH) else it) for it in items]

    # Desktop: the national grid.
    cols = [c for c, _ in layout.values()]
    rows = [r for _, r in layout.values()]
    w = math.sqrt(3) * size
    width = w * (max(cols) + 1.5) + 16
    top = 30.0
    map_h = 1.5 * size * (max(rows) + 1) + size
    defs, ids = _hatch_defs(hatched + legend_hatch, size)
    legend_svg, legend_h = legend_row(with_hatches(legend, ids), 8, top + map_h + 12,
                                      width=width - 16)
    height = top + map_h + 12 + legend_h
    out = [svg_open(width, height, title, description, css_class="hexmap"), defs]
    out.append(f'<text x="8" y="18" font-size="15" font-weight="600" fill="{INK}">{esc(title)}</text>')
    out.append(f'<g transform="translate(8 {num(top)})" stroke="#ffffff" stroke-width="1">')
    centres = {code: hex_center(col, row, size) for code, (col, row) in layout.items()}
    out.append(_cells_svg(centres, cells, size, ids, highlight))
    out.append("</g>")
    # Province labels above each province's group of hexagons.
    by_prov: dict[str, list[tuple[float, float]]] = {}
    for code, xy in centres.items():
        by_prov.setdefault(province_of(code).code, []).append(xy)
    out.append(f'<g class="province-labels" font-size="12" fill="{INK}" text-anchor="middle" '
               f'transform="translate(8 {num(top)})">')
    for prov, pts in sorted(by_prov.items()):
        x = sum(p[0] for p in pts) / len(pts)
        y = min(p[1] for p in pts) - size * 1.25
        out.append(f'<text x="{num(x)}" y="{num(y)}" aria-hidden="true">{prov}</text>')
    out.append("</g>")
    out.append(legend_svg)
    out.append("</svg>")

    # Phone: region blocks, shelf-packed west to east.
    s = PHONE_HEX
    room = NARROW - 2 * _PHONE_PAD
    p_defs, p_ids = _hatch_defs(hatched + legend_hatch, s)
    title_part, y = title_svg(title, x=_PHONE_PAD, y=18, size=15, width=room)
    y += 14
    parts = []
    x, shelf_h, gap, label_h = 0.0, 0.0, 12.0, 22.0
    for b in _phone_blocks(layout, s, room, highlight):
        if x > 0 and x + gap + b.width > room:
            y += shelf_h + gap
            x, shelf_h = 0.0, 0.0
        bx = x + (gap if x > 0 else 0.0)
        ox, oy = _PHONE_PAD + bx, y + label_h
        parts.append(f'<g class="region">'
                     f'<text x="{num(ox)}" y="{num(y + 15)}" font-size="{num(_LABEL)}" font-weight="600" '
                     f'fill="{INK}">{esc(b.label)}</text>'
                     f'<g transform="translate({num(ox)} {num(oy)})" stroke="#ffffff" stroke-width="1">'
                     + _cells_svg(b.centres, cells, s, p_ids, highlight) + "</g></g>")
        x = bx + b.width
        shelf_h = max(shelf_h, label_h + b.height)
    y += shelf_h + 12
    legend_n, legend_nh = legend_row(with_hatches(legend, p_ids), _PHONE_PAD, y, width=room, size=13)
    narrow = (svg_open(NARROW, y + legend_nh, title, description, css_class="hexmap",
                       layout="narrow")
              + p_defs + title_part + "".join(parts) + legend_n + "</svg>")
    return Figure("".join(out), table, title, description, narrow=narrow, width=width)


def _name(riding_map: RidingMap, code: int) -> str:
    return display_name(riding_map.get(code).name_en)


def _band(value: float, bands: tuple[tuple[float, str], ...]) -> tuple[int, str]:
    """The index and label of the first band whose floor ``value`` reaches."""
    for k, (floor, label) in enumerate(bands):
        if value >= floor:
            return k, label
    return len(bands) - 1, bands[-1][1]


def _parties_present(parties: list[Party]) -> list[Party]:
    return [p for p in ALL_PARTIES if p in set(parties)]


def _shaded(party: Party, step: int, steps: int) -> tuple[str, str | None]:
    """(fill, outline) of step ``step`` of the party's scale: pale steps keep a rim of the
    party's full colour."""
    return scale(party, steps)[step], (colour(party) if step else None)


def _band_legend(bands: tuple[tuple[float, str], ...], counts: Mapping[str, int], *,
                 prefix: str = "", short: bool = False) -> list[LegendItem]:
    """The bands in grey: the full step as a square, the paler ones with their rim."""
    greys = neutral_scale(len(bands))
    out: list[LegendItem] = []
    for k, (_, label) in enumerate(bands):
        text = f"{prefix}{label.split(' (')[0] if short else label} ({counts.get(label, 0)})"
        out.append((greys[0], text) if k == 0 else (f"{greys[k]}|{greys[0]}", text, "rim"))
    return out


def _when(election: Election) -> str:
    """The election as a title names it: its year, or its name where the day is not known."""
    return str(election.date.year) if election.date else election.name


def _year_in(election: Election) -> str:
    return f" ({election.date.year})" if election.date else ""


def by_winner(election: Election, layout: Mapping[int, tuple[int, int]], *, href: Href = None,
              highlight: int | None = None) -> Figure:
    """Each riding in its winner's colour."""
    cells, rows = {}, []
    for code in layout:
        r = election.result(code)
        p = r.winner.party
        name = _name(election.map, code)
        pts = 100 * r.margin_share
        cells[code] = HexCell(code, colour(p), f"{name}: {p.name_en} ({r.winner.name}), "
                              f"margin {pts:.1f} points", href(code) if href else None, p.value)
        rows.append((name, str(code), province_of(code).code, p.name_en, f"{pts:.1f}"))
    seats = election.seats()
    parties = _parties_present([election.result(c).winner.party for c in layout])
    legend: list[LegendItem] = [(colour(p), f"{p.name_en} {seats[p]}") for p in parties]
    desc = (f"Hex map of the {len(layout)} ridings of {election.name}{_year_in(election)}, each "
            "coloured by the winning party: " + ", ".join(f"{p.name_en} {seats[p]}" for p in parties)
            + ". Each hexagon links to its riding.")
    table = Table(f"Winner of each riding, {election.name}",
                  ("Riding", "Code", "Province", "Winner", "Margin (points)"), tuple(sorted(rows)))
    return hexmap(cells, layout, election.map, title=f"Winner by riding, {_when(election)}",
                  description=desc, legend=legend, table=table, highlight=highlight)


def by_margin(election: Election, layout: Mapping[int, tuple[int, int]], *, href: Href = None,
              highlight: int | None = None) -> Figure:
    """The winner's colour, lighter (in the same hue, with a rim of the full colour) where the
    race was closer."""
    cells, rows = {}, []
    counts: dict[str, int] = {}
    for code in layout:
        r = election.result(code)
        p = r.winner.party
        pts = 100 * r.margin_share
        step, band = _band(pts, MARGIN_BANDS)
        counts[band] = counts.get(band, 0) + 1
        name = _name(election.map, code)
        ru = r.runner_up
        over = f" over {ru.party.name_en}" if ru else ""
        fill, outline = _shaded(p, step, len(MARGIN_BANDS))
        cells[code] = HexCell(code, fill,
                              f"{name}: {p.name_en}{over} by {pts:.1f} points ({r.margin:,} votes)",
                              href(code) if href else None, band, outline=outline)
        rows.append((name, str(code), p.name_en, f"{pts:.1f}", f"{r.margin:,}", band))
    parties = _parties_present([election.result(c).winner.party for c in layout])
    legend: list[LegendItem] = [(colour(p), p.name_en) for p in parties]
    legend += _band_legend(MARGIN_BANDS, counts, prefix="margin ")
    desc = (f"Hex map of {election.name}: each riding in its winner's colour, lighter where the "
            "margin was smaller. " + "; ".join(f"{counts.get(label, 0)} ridings won by {label}"
                                               for _, label in MARGIN_BANDS) + ".")
    table = Table(f"Margin of victory in each riding, {election.name}",
                  ("Riding", "Code", "Winner", "Margin (points)", "Margin (votes)", "Band"),
                  tuple(sorted(rows)))
    return hexmap(cells, layout, election.map, title=f"Margin of victory, {_when(election)}",
                  description=desc, legend=legend, table=table, highlight=highlight)


def by_probability(
    riding_map: RidingMap,
    chances: Mapping[int, Mapping[Party, float]],
    layout: Mapping[int, tuple[int, int]],
    *,
    title: str = "Forecast: leader and chance in each riding",
    href: Href = None,
    highlight: int | None = None,
) -> Figure:
    """The forecast leader's colour, lighter (same hue, full-colour rim) where its chance of
    winning is lower."""
    cells, rows = {}, []
    counts: dict[str, int] = {}
    leaders = []
    missing = sorted(set(layout) - set(chances))
    if missing:
        raise ValueError(f"no colour for {len(missing)} riding(s), e.g. {missing[0]}")
    for code in layout:
        ch = chances[code]
        p = max(ch, key=lambda q: (ch[q], -ALL_PARTIES.index(q)))
        leaders.append(p)
        step, band = _band(ch[p], PROBABILITY_BANDS)
        counts[band] = counts.get(band, 0) + 1
        name = riding_map.get(code).name_en
        fill, outline = _shaded(p, step, len(PROBABILITY_BANDS))
        cells[code] = HexCell(code, fill,
                              f"{name}: {p.name_en} {100 * ch[p]:.1f} % ({band.split(' (')[0]})",
                              href(code) if href else None, band, outline=outline)
        rows.append((name, str(code), p.name_en, f"{100 * ch[p]:.1f}", band.split(" (")[0]))
    parties = _parties_present(leaders)
    legend: list[LegendItem] = [(colour(p), f"{p.name_en} leads {leaders.count(p)}") for p in parties]
    legend += _band_legend(PROBABILITY_BANDS, counts, short=True)
    desc = ("Hex map of the forecast: each riding in the colour of the party most likely to win, "
            "lighter where that chance is lower. "
            + "; ".join(f"{counts.get(label, 0)} {label}" for _, label in PROBABILITY_BANDS) + ".")
    table = Table("Forecast leader and chance in each riding",
                  ("Riding", "Code", "Leader", "Chance (%)", "Label"), tuple(sorted(rows)))
    return hexmap(cells, layout, riding_map, title=title, description=desc, legend=legend,
                  table=table, highlight=highlight)


#: Election night: the states a riding can be in.
LIVE_STATES: tuple[str, ...] = ("called", "leading", "not reporting")


def by_live(
    riding_map: RidingMap,
    states: Mapping[int, tuple[Party | None, bool, str]],
    layout: Mapping[int, tuple[int, int]],
    *,
    title: str = "Election night: called and leading",
    href: Href = None,
) -> Figure:
    """Election night: ``states`` maps a riding to (leading party or None, called?, hover text).

    Called ridings are in the party's full colour; ridings only leading are hatched in the
    party's colour on white, with a rim of it (a pattern, not a paler shade, so that "leading"
    never reads as another party's lighter colour); ridings not yet reporting are light grey.
    """
    cells, rows = {}, []
    counts = dict.fromkeys(LIVE_STATES, 0)
    for code in layout:
        party, called, text = states.get(code, (None, False, "not yet reporting"))
        name = riding_map.get(code).name_en
        if party is None:
            state = "not reporting"
            cell = HexCell(code, NOT_REPORTING, f"{name}: {text}", href(code) if href else None,
                           state)
        elif called:
            state = "called"
            cell = HexCell(code, colour(party), f"{name}: {text}", href(code) if href else None,
                           state)
        else:
            state = "leading"
            cell = HexCell(code, colour(party), f"{name}: {text}", href(code) if href else None,
                           state, outline=colour(party), hatch=colour(party))
        counts[state] += 1
        cells[code] = cell
        rows.append((name, str(code), party.name_en if party else "—", state, text))
    leaders = [s[0] for s in states.values() if s[0] is not None]
    parties = _parties_present(leaders)
    legend: list[LegendItem] = [(colour(p), f"{p.name_en} {leaders.count(p)}") for p in parties]
    legend += [(HATCH + MUTED, f"striped: leading, not called ({counts['leading']})"),
               (NOT_REPORTING, f"not reporting ({counts['not reporting']})")]
    desc = (f"Hex map of election night: {counts['called']} ridings called (solid), "
            f"{counts['leading']} leading but not called (striped), {counts['not reporting']} "
            "not yet reporting (grey). "
            + ", ".join(f"{p.name_en} leads or won {leaders.count(p)}" for p in parties) + ".")
    table = Table("Each riding on election night", ("Riding", "Code", "Party", "State", "Detail"),
                  tuple(sorted(rows)))
    return hexmap(cells, layout, riding_map, title=title, description=desc, legend=legend,
                  table=table)
