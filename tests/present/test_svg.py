"""The charts as SVG: counts drawn equal counts given, the majority line, text alternatives."""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest

import seatcast
from seatcast.domain.geography import Region, province_of
from seatcast.domain.parties import Party
from seatcast.domain.ridings import display_name
from seatcast.present import charts, hexmap
from seatcast.present.hemicycle import hemicycle, min_rows
from seatcast.present.palette import PARTY_COLOURS
from seatcast.present.svg import Figure
from seatcast.results import compare
from seatcast.results.tally import government_of

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # well-formed XML, or this raises


def accessible(root: ET.Element) -> None:
    """role=img, labelled by a non-empty <title> and <desc> that exist."""
    assert root.get("role") == "img"
    ids = root.get("aria-labelledby", "").split()
    found = {e.get("id"): (e.text or "") for e in root.iter() if e.get("id") in ids}
    assert len(ids) == 2
    assert all(found.get(i) for i in ids)
    assert root.find(f"{SVG}title") is not None
    assert root.find(f"{SVG}desc") is not None


def seats_drawn(root: ET.Element) -> dict[str, int]:
    return {g.get("data-party", ""): len(g.findall(f"{SVG}circle"))
            for g in root.iter(f"{SVG}g") if g.get("class") == "party"}


def test_hemicycle_2025_shows_the_house_and_the_majority_line() -> None:
    e = seatcast.load("2025")
    fig = hemicycle(e.seats(), government=government_of(e.seats(), e.majority))
    root = parse(fig.svg)
    accessible(root)
    assert seats_drawn(root) == {"LPC": 169, "CPC": 144, "BQ": 22, "NDP": 7, "GPC": 1}
    line = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "majority-line")
    assert line.get("data-majority") == "172"
    assert "majority 172" in "".join(line.itertext())
    legend = "".join(next(g for g in root.iter(f"{SVG}g") if g.get("class") == "legend").itertext())
    for label in ("Liberal 169", "Conservative 144", "Bloc Québécois 22",
                  "New Democratic Party 7", "Green Party 1"):
        assert label in legend
    assert "Liberal is 3 short" in fig.description
    assert [r[:2] for r in fig.table.rows] == [("Liberal", "169"), ("Conservative", "144"),
                                                ("Bloc Québécois", "22"),
                                                ("New Democratic Party", "7"), ("Green Party", "1")]


def test_majority_line_passes_through_the_seat_that_completes_a_majority() -> None:
    # Largest party first: the 172nd seat from the left is the first Conservative seat, so the
    # line sits exactly where the Liberals (169) would need 3 more.
    fig = hemicycle({Party.LPC: 172, Party.CPC: 171})
    root = parse(fig.svg)
    line = next(e for e in root.iter(f"{SVG}line"))
    x1, y1, x2, y2 = (float(line.get(k, "0")) for k in ("x1", "y1", "x2", "y2"))
    lpc = next(g for g in root.iter(f"{SVG}g") if g.get("data-party") == "LPC")
    # Some LPC seat lies on the line (the 172nd); the line is radial from the centre.
    def dist(c: ET.Element) -> float:
        px, py = float(c.get("cx", "0")), float(c.get("cy", "0"))
        return abs((x2 - x1) * (y1 - py) - (x1 - px) * (y2 - y1)) / math.hypot(x2 - x1, y2 - y1)
    r = float(lpc[1].get("r", "0"))
    assert min(dist(c) for c in lpc.findall(f"{SVG}circle")) < r
    cpc = next(g for g in root.iter(f"{SVG}g") if g.get("data-party") == "CPC")
    assert all(float(c.get("cx", "0")) > x1 - r for c in cpc.findall(f"{SVG}circle")
               if dist(c) < r)


@pytest.mark.parametrize(("election", "total", "majority"), [("2021", 338, 170), ("2019", 338, 170),
                                                            ("2025", 343, 172), ("2011", 308, 155)])
def test_hemicycle_sizes(election: str, total: int, majority: int) -> None:
    e = seatcast.load(election)
    fig = hemicycle(e.seats())
    root = parse(fig.svg)
    assert sum(seats_drawn(root).values()) == total == e.seats_total
    assert fig.extra["majority"] == majority == e.majority
    assert {k: v for k, v in seats_drawn(root).items()} == {p.value: n for p, n in e.seats().items() if n}


def test_rows_are_configurable_and_checked() -> None:
    seats = seatcast.load("2025").seats()
    need = min_rows(343)
    radii = {}
    for rows in (need, need + 5):
        fig = hemicycle(seats, rows=rows)
        assert fig.extra["rows"] == rows
        radius = re.search(r'r="([\d.]+)"', fig.svg)
        assert radius is not None
        radii[rows] = float(radius.group(1))
        assert sum(seats_drawn(parse(fig.svg)).values()) == 343
    assert radii[need + 5] < radii[need]  # more rows, smaller seats
    with pytest.raises(ValueError, match="at least"):
        hemicycle(seats, rows=need - 1)
    with pytest.raises(ValueError, match="majority"):
        hemicycle(seats, majority=400)


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"pending": -1}, "pending seats cannot be negative, nor called seats exceed seats"),
    ({"firm": {Party.LPC: 11}}, "pending seats cannot be negative, nor called seats exceed seats"),
    ({"majority": 0}, "a majority of 0 is impossible in a house of 16"),
    ({"majority": 17}, "a majority of 17 is impossible in a house of 16"),
    ({"rows": 2}, "16 seats need at least 3 rows (asked for 2)"),
    ({"rows": 41}, "at most 40 rows (asked for 41)"),
    ({"order": "alphabetical"}, "unknown seat order 'alphabetical' (known: seats, left-right)"),
])
def test_hemicycle_messages(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        hemicycle({Party.LPC: 10, Party.CPC: 6}, **kwargs)  # type: ignore[arg-type]


def test_hemicycle_needs_seats_and_no_negative_count() -> None:
    with pytest.raises(ValueError, match=r"^a hemicycle needs at least one seat$"):
        hemicycle({Party.LPC: 0})
    with pytest.raises(ValueError, match=r"^seat counts cannot be negative$"):
        hemicycle({Party.LPC: 5, Party.CPC: -1})


def test_hemicycle_on_election_night_states_called_pending_and_government() -> None:
    class Minority:
        party, status, short_by = Party.LPC, "minority", 3

    fig = hemicycle({Party.LPC: 10, Party.CPC: 6}, firm={Party.LPC: 7, Party.CPC: 6}, pending=4,
                    government=Minority())
    assert fig.description == (
        "20 seats; 11 needed for a majority. Liberal 10 (7 called); Conservative 6 (6 called). "
        "Called seats are solid dots, seats only leading are rings. 4 not yet reporting. "
        "No party has a majority: Liberal is 3 short.")
    assert fig.table.headers == ("Party", "Seats", "Share of seats", "From majority", "Called")
    assert fig.table.rows == (("Liberal", "10", "50.0 %", "-1", "7"), ("Conservative", "6", "30.0 %", "-5", "6"),
                              ("Not yet reporting", "4", "20.0 %", "", ""))
    for svg in (fig.svg, fig.narrow or ""):
        root = parse(svg)
        groups = {g.get("data-party") or g.get("class"): g for g in root.iter(f"{SVG}g")
                  if g.get("class") in ("party", "pending")}
        assert len(groups["LPC"].findall(f"{SVG}circle[@class='leading']")) == 3
        assert len(groups["LPC"].findall(f"{SVG}circle")) == 10
        assert len(groups["pending"].findall(f"{SVG}circle")) == 4
        assert "ring: leading, not called" in svg
        assert "not yet reporting 4" in svg
    vacant = hemicycle({Party.LPC: 10, Party.CPC: 6}, pending=2, pending_label="vacant")
    assert vacant.description == "18 seats; 10 needed for a majority. Liberal 10; Conservative 6. 2 vacant. "
    assert vacant.table.rows[-1] == ("Vacant", "2", "11.1 %", "")


def test_left_right_order_lays_parties_out_ideologically() -> None:
    fig = hemicycle(seatcast.load("2025").seats(), order="left-right")
    assert fig.extra["order"] == ["NDP", "GPC", "BQ", "LPC", "CPC"]
    root = parse(fig.svg)
    mean_x = {g.get("data-party"): np.mean([float(c.get("cx", "0")) for c in g.findall(f"{SVG}circle")])
              for g in root.iter(f"{SVG}g") if g.get("class") == "party"}
    assert mean_x["NDP"] < mean_x["LPC"] < mean_x["CPC"]
    with pytest.raises(ValueError, match="order"):
        hemicycle(seatcast.load("2025").seats(), order="alphabetical")


def test_hexmap_by_winner_links_every_riding() -> None:
    e, layout = seatcast.load("2025"), seatcast.hex_layout()
    fig = hexmap.by_winner(e, layout, href=lambda c: f"/ridings/{c}?election=2025")
    root = parse(fig.svg)
    accessible(root)
    links = [a for a in root.iter(f"{SVG}a") if a.get("class") == "hex"]
    assert len(links) == 343
    fills: dict[str, int] = {}
    for a in links:
        code = int(a.get("data-code", "0"))
        assert a.get("href") == f"/ridings/{code}?election=2025"
        title = a.find(f"{SVG}title")
        assert title is not None
        assert display_name(e.map.get(code).name_en) in (title.text or "")
        path = a.find(f"{SVG}path")
        assert path is not None
        fill = path.get("fill")
        assert fill is not None
        fills[fill] = fills.get(fill, 0) + 1
    assert fills == {PARTY_COLOURS[p]: n for p, n in e.seats().items() if n}
    assert len(fig.table.rows) == 343


def test_hex_grid_is_pointy_top_odd_r() -> None:
    size = 10.0
    w = math.sqrt(3) * size
    x0, y0 = hexmap.hex_center(0, 0, size)
    x1, y1 = hexmap.hex_center(0, 1, size)  # odd row: shifted right by half a hexagon
    x2, _ = hexmap.hex_center(1, 0, size)
    assert (x1 - x0, y1 - y0) == pytest.approx((w / 2, 1.5 * size))
    assert x2 - x0 == pytest.approx(w)
    # Neighbours in the layout touch: centres one hex width apart, never overlapping.
    layout = seatcast.hex_layout()
    pts = [hexmap.hex_center(c, r, size) for c, r in layout.values()]
    closest = min(math.dist(a, b) for i, a in enumerate(pts) for b in pts[i + 1:])
    assert closest == pytest.approx(w)


def test_hexmap_margin_and_probability_modes() -> None:
    e, layout = seatcast.load("2025"), seatcast.hex_layout()
    fig = hexmap.by_margin(e, layout)
    cats = [g.get("data-category") for g in parse(fig.svg).iter() if g.get("class") == "hex"]
    close = sum(1 for r in e.results.values() if 100 * r.margin_share < 5)
    assert cats.count("under 5 points") == close > 0
    # Probability: a certain riding is drawn in the full colour, a toss-up paler.
    chances = {c: {Party.LPC: 0.5, Party.CPC: 0.5} for c in layout}
    chances[24073] = {Party.BQ: 1.0}
    fig = hexmap.by_probability(e.map, chances, layout)
    root = parse(fig.svg)
    hexes = {int(g.get("data-code", "0")): g for g in root.iter() if g.get("class") == "hex"}
    terrebonne = hexes[24073].find(f"{SVG}path")
    assert terrebonne is not None
    assert terrebonne.get("fill") == PARTY_COLOURS[Party.BQ]
    assert hexes[35001].get("data-category") == "Toss-up"
    with pytest.raises(ValueError, match="no colour"):
        hexmap.by_probability(e.map, {24073: {Party.BQ: 1.0}}, layout)


def test_seat_histogram_counts_and_majority() -> None:
    rng = np.random.default_rng(7)
    draws = np.column_stack([rng.integers(150, 190, 1000), rng.integers(120, 150, 1000),
                             np.zeros(1000, dtype=int)])
    fig = charts.seat_histogram([Party.LPC, Party.CPC, Party.NDP], draws, majority=172)
    root = parse(fig.svg)
    accessible(root)
    panels = {g.get("data-party"): g for g in root.iter(f"{SVG}g") if g.get("class") == "panel"}
    assert set(panels) == {"LPC", "CPC"}  # a party that never wins a seat is left out
    assert panels["LPC"].get("data-median") == f"{np.median(draws[:, 0]):.0f}"
    bars = panels["LPC"].findall(f".//{SVG}rect")
    assert len(bars) == len(np.unique(draws[:, 0]))
    share = (draws[:, 0] >= 172).mean()
    assert fig.table.rows[0][-1] == f"{100 * share:.1f} %"
    with pytest.raises(ValueError, match=r"^seats must be an \(n_sims x n_parties\) array matching the parties$"):
        charts.seat_histogram([Party.LPC], draws, majority=172)


def test_poll_average_and_swing_charts() -> None:
    d0 = dt.date(2025, 3, 1)
    dates = [d0 + dt.timedelta(days=i) for i in range(30)]
    mean = {Party.LPC: [0.40 + 0.001 * i for i in range(30)], Party.CPC: [0.38] * 30}
    low = {p: [v - 0.02 for v in vs] for p, vs in mean.items()}
    high = {p: [v + 0.02 for v in vs] for p, vs in mean.items()}
    fig = charts.poll_average(dates, mean, low, high, polls=[(d0, Party.LPC, 0.41)],
                              marker=(dt.date(2025, 4, 28), "election day"))
    root = parse(fig.svg)
    accessible(root)
    series = {g.get("data-party"): g for g in root.iter(f"{SVG}g") if g.get("class") == "series"}
    assert series["LPC"].get("data-last") == "0.4290"
    assert "Liberal 42.9 %" in fig.description
    e = seatcast.load("2025")
    before, after = compare.regional_shares(seatcast.load("2021t")), compare.regional_shares(e)
    assert sum(after[Region.QC].values()) == pytest.approx(1.0)
    fig = charts.regional_swing(before, after, [Party.LPC, Party.NDP])
    bars = {(b.get("data-region"), b.get("data-party")): float(b.get("data-change", "0"))
            for b in parse(fig.svg).iter(f"{SVG}rect") if b.get("class") == "bar"}
    assert len(bars) == 14
    assert bars[("QC", "LPC")] == pytest.approx(100 * (after[Region.QC][Party.LPC]
                                                       - before[Region.QC][Party.LPC]), abs=0.01)
    assert bars[("ON", "NDP")] < 0 < bars[("ON", "LPC")]


@functools.cache
def _all_figures() -> dict[str, Figure]:
    e, layout = seatcast.load("2025"), seatcast.hex_layout()
    rng = np.random.default_rng(3)
    draws = np.column_stack([rng.integers(150, 190, 500), rng.integers(120, 150, 500)])
    d0 = dt.date(2025, 3, 1)
    dates = [d0 + dt.timedelta(days=i) for i in range(30)]
    mean = {Party.LPC: [0.42] * 30, Party.CPC: [0.39] * 30}
    before, after = compare.regional_shares(seatcast.load("2021t")), compare.regional_shares(e)
    chances = {c: {Party.LPC: 0.6, Party.CPC: 0.4} for c in layout}
    return {
        "hemicycle": hemicycle(e.seats(), firm={p: n // 2 for p, n in e.seats().items()}),
        "winner": hexmap.by_winner(e, layout),
        "margin": hexmap.by_margin(e, layout, highlight=24073),
        "probability": hexmap.by_probability(e.map, chances, layout),
        "live": hexmap.by_live(e.map, {24073: (Party.BQ, False, "leads")}, layout),
        "histogram": charts.seat_histogram([Party.LPC, Party.CPC], draws, majority=172),
        "polls": charts.poll_average(dates, mean, {p: [v - 0.02 for v in vs] for p, vs in mean.items()},
                                     {p: [v + 0.02 for v in vs] for p, vs in mean.items()},
                                     marker=(dt.date(2025, 4, 28), "election day")),
        "swing": charts.regional_swing(before, after, compare.parties_standing(before, after)),
    }


def _text_sizes(el: ET.Element, inherited: float) -> list[float]:
    """The font size of every <text>, inherited from its groups where it sets none."""
    size = float(el.get("font-size", inherited))
    out = [size] if el.tag == f"{SVG}text" else []
    for child in el:
        out += _text_sizes(child, size)
    return out


@pytest.mark.parametrize("name", list(_all_figures()))
def test_every_chart_has_a_phone_drawing_with_large_enough_type(name: str) -> None:
    fig = _all_figures()[name]
    assert fig.narrow is not None
    for svg, layout, smallest in ((fig.svg, "wide", 12.0), (fig.narrow, "narrow", 13.0)):
        root = parse(svg)
        accessible(root)
        assert root.get("data-layout") == layout
        width = float(root.get("viewBox", "").split()[2])
        assert root.get("style") == f"max-width:{width:g}px"  # one unit = one px, at most
        if layout == "narrow":
            assert width == 340
        sizes = list(_text_sizes(root, 0.0))
        assert sizes, layout
        assert min(sizes) >= smallest, (layout, min(sizes))
    # Both drawings are in the page; the stylesheet shows one.
    html = fig.html()
    assert 'class="layout-wide"' in html
    assert 'class="layout-narrow"' in html


def test_the_phone_map_holds_every_riding_once_in_its_region_without_overlap() -> None:
    e, layout = seatcast.load("2025"), seatcast.hex_layout()
    fig = hexmap.by_winner(e, layout)
    root = parse(fig.narrow or "")
    regions = [g for g in root.iter(f"{SVG}g") if g.get("class") == "region"]
    assert len(regions) == 7
    seen: dict[int, tuple[float, float]] = {}
    for g in regions:
        text = g.find(f"{SVG}text")
        assert text is not None
        label = "".join(text.itertext())
        inner = g.find(f"{SVG}g")
        assert inner is not None
        ox, oy = (float(v) for v in re.findall(r"[\d.]+", inner.get("transform", "")))
        codes = []
        for cell in inner.iter():
            if cell.get("class") != "hex":
                continue
            code = int(cell.get("data-code", "0"))
            codes.append(code)
            outline = cell.find(f"{SVG}path")
            assert outline is not None, code
            pts = [tuple(map(float, p.split(","))) for p in re.findall(r"[\d.]+,[\d.]+", outline.get("d", ""))]
            xs, ys = [ox + x for x, _ in pts], [oy + y for _, y in pts]
            assert min(xs) >= 0, code  # inside the drawing
            assert max(xs) <= 340, code
            assert max(xs) - min(xs) >= 24, code  # a 24 px tap target, flat side to flat side
            assert code not in seen
            seen[code] = (sum(xs) / 6, sum(ys) / 6)
        regions_of = {province_of(c).region for c in codes}
        assert len(regions_of) == 1
        assert label.startswith(regions_of.pop().label)
        assert label.endswith(f"· {len(codes)}")
    assert set(seen) == set(layout)
    pts = list(seen.values())
    closest = min(math.dist(a, b) for i, a in enumerate(pts) for b in pts[i + 1:])
    assert closest >= hexmap.PHONE_HEX * math.sqrt(3) - 0.05  # neighbours touch, none overlap
