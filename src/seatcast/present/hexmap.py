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

from seatcast.domain.geography import province_of
from seatcast.domain.parties import ALL_PARTIES, Party
from seatcast.domain.results import Election
from seatcast.domain.ridings import RidingMap
from seatcast.present.svg import INK, Figure, Table, colour, esc, legend_row, mix, num, svg_open

MODES = ("winner", "margin", "probability")

#: Margin bands (share of valid votes, in points) and how far each is washed toward white.
MARGIN_BANDS: tuple[tuple[float, float, str], ...] = (
    (15.0, 0.0, "15 points or more"),
    (5.0, 0.4, "5 to 15 points"),
    (0.0, 0.72, "under 5 points"),
)
#: Forecast labels (the leader's chance) and their wash toward white.
PROBABILITY_BANDS: tuple[tuple[float, float, str], ...] = (
    (0.999, 0.0, "Safe (99.9 % or more)"),
    (0.90, 0.35, "Likely (90 % or more)"),
    (0.70, 0.6, "Leaning (70 % or more)"),
    (0.0, 0.82, "Toss-up"),
)
WHITE = "#ffffff"


@dataclass(frozen=True, slots=True)
class HexCell:
    """What one riding's hexagon shows."""

    code: int
    fill: str
    title: str  # the hover text, also the link's accessible name
    href: str | None = None
    category: str = ""  # the legend entry it belongs to


Href = Callable[[int], str] | None


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


def hexmap(
    cells: Mapping[int, HexCell],
    layout: Mapping[int, tuple[int, int]],
    riding_map: RidingMap,
    *,
    title: str,
    description: str,
    legend: list[tuple[str, str]],
    table: Table,
    size: float = 11.0,
    highlight: int | None = None,
) -> Figure:
    """Draw the grid.  Every riding of ``layout`` needs a cell."""
    missing = sorted(set(layout) - set(cells))
    if missing:
        raise ValueError(f"no colour for {len(missing)} riding(s), e.g. {missing[0]}")
    cols = [c for c, _ in layout.values()]
    rows = [r for _, r in layout.values()]
    w = math.sqrt(3) * size
    width = w * (max(cols) + 1.5) + 16
    top = 30.0
    map_h = 1.5 * size * (max(rows) + 1) + size
    legend_svg, legend_h = legend_row(legend, 8, top + map_h + 12, width=width - 16)
    height = top + map_h + 12 + legend_h
    out = [svg_open(width, height, title, description, css_class="hexmap")]
    out.append(f'<text x="8" y="18" font-size="15" font-weight="600" fill="{INK}">{esc(title)}</text>')
    out.append(f'<g transform="translate(8 {num(top)})" stroke="#ffffff" stroke-width="1">')
    by_prov: dict[str, list[tuple[float, float]]] = {}
    focus = ""
    for code in sorted(layout):
        col, row = layout[code]
        cell = cells[code]
        cx, cy = hex_center(col, row, size)
        by_prov.setdefault(province_of(code).code, []).append((cx, cy))
        shape = (f'<path d="{hex_path(cx, cy, size * 0.97)}" fill="{cell.fill}"/>')
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
    out.append(focus + "</g>")
    # Province labels above each province's group of hexagons.
    out.append(f'<g class="province-labels" font-size="10" fill="{INK}" text-anchor="middle" '
               f'transform="translate(8 {num(top)})">')
    for prov, pts in sorted(by_prov.items()):
        x = sum(p[0] for p in pts) / len(pts)
        y = min(p[1] for p in pts) - size * 1.25
        out.append(f'<text x="{num(x)}" y="{num(y)}" aria-hidden="true">{prov}</text>')
    out.append("</g>")
    out.append(legend_svg)
    out.append("</svg>")
    return Figure("".join(out), table, title, description)


def _name(riding_map: RidingMap, code: int) -> str:
    return riding_map.get(code).name_en


def _band(value: float, bands: tuple[tuple[float, float, str], ...]) -> tuple[float, str]:
    for floor, wash, label in bands:
        if value >= floor:
            return wash, label
    return bands[-1][1], bands[-1][2]


def _parties_present(parties: list[Party]) -> list[Party]:
    return [p for p in ALL_PARTIES if p in set(parties)]


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
    legend = [(colour(p), f"{p.name_en} {seats[p]}") for p in parties]
    desc = (f"Hex map of the {len(layout)} ridings of {election.name} ({election.date.year}), each "
            "coloured by the winning party: " + ", ".join(f"{p.name_en} {seats[p]}" for p in parties)
            + ". Each hexagon links to its riding.")
    table = Table(f"Winner of each riding, {election.name}",
                  ("Riding", "Code", "Province", "Winner", "Margin (points)"), tuple(sorted(rows)))
    return hexmap(cells, layout, election.map, title=f"Winner by riding, {election.date.year}",
                  description=desc, legend=legend, table=table, highlight=highlight)


def by_margin(election: Election, layout: Mapping[int, tuple[int, int]], *, href: Href = None,
              highlight: int | None = None) -> Figure:
    """The winner's colour, paler where the race was closer."""
    cells, rows = {}, []
    counts: dict[str, int] = {}
    for code in layout:
        r = election.result(code)
        p = r.winner.party
        pts = 100 * r.margin_share
        wash, band = _band(pts, MARGIN_BANDS)
        counts[band] = counts.get(band, 0) + 1
        name = _name(election.map, code)
        ru = r.runner_up
        over = f" over {ru.party.name_en}" if ru else ""
        cells[code] = HexCell(code, mix(colour(p), WHITE, wash),
                              f"{name}: {p.name_en}{over} by {pts:.1f} points ({r.margin:,} votes)",
                              href(code) if href else None, band)
        rows.append((name, str(code), p.name_en, f"{pts:.1f}", f"{r.margin:,}", band))
    parties = _parties_present([election.result(c).winner.party for c in layout])
    legend = [(colour(p), p.name_en) for p in parties]
    legend += [(mix("#555555", WHITE, wash), f"margin {label} ({counts.get(label, 0)})")
               for _, wash, label in MARGIN_BANDS]
    desc = (f"Hex map of {election.name}: each riding in its winner's colour, paler where the "
            "margin was smaller. " + "; ".join(f"{counts.get(label, 0)} ridings won by {label}"
                                               for _, _, label in MARGIN_BANDS) + ".")
    table = Table(f"Margin of victory in each riding, {election.name}",
                  ("Riding", "Code", "Winner", "Margin (points)", "Margin (votes)", "Band"),
                  tuple(sorted(rows)))
    return hexmap(cells, layout, election.map, title=f"Margin of victory, {election.date.year}",
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
    """The forecast leader's colour, paler where its chance of winning is lower."""
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
        wash, band = _band(ch[p], PROBABILITY_BANDS)
        counts[band] = counts.get(band, 0) + 1
        name = riding_map.get(code).name_en
        cells[code] = HexCell(code, mix(colour(p), WHITE, wash),
                              f"{name}: {p.name_en} {100 * ch[p]:.1f} % ({band.split(' (')[0]})",
                              href(code) if href else None, band)
        rows.append((name, str(code), p.name_en, f"{100 * ch[p]:.1f}", band.split(" (")[0]))
    parties = _parties_present(leaders)
    legend = [(colour(p), f"{p.name_en} leads {leaders.count(p)}") for p in parties]
    legend += [(mix("#555555", WHITE, wash), f"{label.split(' (')[0]} ({counts.get(label, 0)})")
               for _, wash, label in PROBABILITY_BANDS]
    desc = ("Hex map of the forecast: each riding in the colour of the party most likely to win, "
            "paler where that chance is lower. "
            + "; ".join(f"{counts.get(label, 0)} {label}" for _, _, label in PROBABILITY_BANDS) + ".")
    table = Table("Forecast leader and chance in each riding",
                  ("Riding", "Code", "Leader", "Chance (%)", "Label"), tuple(sorted(rows)))
    return hexmap(cells, layout, riding_map, title=title, description=desc, legend=legend,
                  table=table, highlight=highlight)


#: Election night: a riding's state and how its hexagon is washed toward white.
LIVE_STATES: tuple[tuple[str, float], ...] = (("called", 0.0), ("leading", 0.45))
NOT_REPORTING = "#eeeeee"


def by_live(
    riding_map: RidingMap,
    states: Mapping[int, tuple[Party | None, bool, str]],
    layout: Mapping[int, tuple[int, int]],
    *,
    title: str = "Election night: called and leading",
    href: Href = None,
) -> Figure:
    """Election night: ``states`` maps a riding to (leading party or None, called?, hover text).

    Called ridings are in the party's full colour, ridings only leading are pale, ridings
    not yet reporting are light grey.
    """
    cells, rows = {}, []
    counts = {"called": 0, "leading": 0, "not reporting": 0}
    for code in layout:
        party, called, text = states.get(code, (None, False, "not yet reporting"))
        name = riding_map.get(code).name_en
        if party is None:
            state, fill = "not reporting", NOT_REPORTING
        else:
            state = "called" if called else "leading"
            fill = mix(colour(party), WHITE, dict(LIVE_STATES)[state])
        counts[state] += 1
        cells[code] = HexCell(code, fill, f"{name}: {text}", href(code) if href else None, state)
        rows.append((name, str(code), party.name_en if party else "—", state, text))
    leaders = [s[0] for s in states.values() if s[0] is not None]
    parties = _parties_present(leaders)
    legend = [(colour(p), f"{p.name_en} {leaders.count(p)}") for p in parties]
    legend += [(mix("#555555", WHITE, 0.45), f"pale: leading, not called ({counts['leading']})"),
               (NOT_REPORTING, f"not reporting ({counts['not reporting']})")]
    desc = (f"Hex map of election night: {counts['called']} ridings called, {counts['leading']} "
            f"leading but not called, {counts['not reporting']} not yet reporting. "
            + ", ".join(f"{p.name_en} leads or won {leaders.count(p)}" for p in parties) + ".")
    table = Table("Each riding on election night", ("Riding", "Code", "Party", "State", "Detail"),
                  tuple(sorted(rows)))
    return hexmap(cells, layout, riding_map, title=title, description=desc, legend=legend,
                  table=table)
