"""The palette: Canadian party colours that stay apart, and shading scales that stay in hue.

Distances are CIEDE2000 (``seatcast.present.colour.ciede2000``, checked here against the 34
test pairs of Sharma, Wu and Dalal 2005).  Colour-vision deficiencies are simulated with the
Machado, Oliveira and Fernandes (2009) matrices at severity 1.0, applied to linear RGB.

Stated minimum distances (ΔE00):

- any two party colours: 20 under normal vision, 13 under deuteranopia and protanopia;
- a step of a party's shading scale and another party's full colour: 12 (normal vision);
- the same step of two parties' scales: 9 (normal vision); two steps of one scale: 3.5;
- any step and the page background: 6.

Pale steps converge for dichromats (light red, light green and light orange, or light navy
and light sky blue, look alike to them): the maps therefore draw every pale hexagon with a
rim of its party's full colour, and it is the full colours that must stay 13 apart.
"""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from importlib import resources

import pytest
from fastapi.testclient import TestClient

import seatcast
from seatcast.domain.parties import NAMED_PARTIES, Party
from seatcast.present import hexmap
from seatcast.present.colour import (
    MACHADO,
    VISIONS,
    ciede2000,
    contrast,
    delta_e,
    from_oklch,
    hue_distance,
    lab,
    oklch,
    simulate,
)
from seatcast.present.hemicycle import hemicycle
from seatcast.present.palette import (
    BACKGROUND,
    PARTY_COLOURS,
    css_variables,
    scale,
    text_colour_on,
)

MIN_PARTIES = {"normal": 20.0, "deuteranopia": 13.0, "protanopia": 13.0}
MIN_STEP_VS_OTHER_PARTY = 12.0
MIN_SAME_STEP = 9.0
MIN_ADJACENT_STEPS = 3.5
MIN_BACKGROUND = 6.0
GREYS = {Party.IND, Party.OTH}
SVG = "{http://www.w3.org/2000/svg}"

# Sharma, Wu and Dalal (2005), Table 1: (L1, a1, b1), (L2, a2, b2), ΔE00.
SHARMA = [
    ((50.0000, 2.6772, -79.7751), (50.0000, 0.0000, -82.7485), 2.0425),
    ((50.0000, 3.1571, -77.2803), (50.0000, 0.0000, -82.7485), 2.8615),
    ((50.0000, 2.8361, -74.0200), (50.0000, 0.0000, -82.7485), 3.4412),
    ((50.0000, -1.3802, -84.2814), (50.0000, 0.0000, -82.7485), 1.0000),
    ((50.0000, -1.1848, -84.8006), (50.0000, 0.0000, -82.7485), 1.0000),
    ((50.0000, -0.9009, -85.5211), (50.0000, 0.0000, -82.7485), 1.0000),
    ((50.0000, 0.0000, 0.0000), (50.0000, -1.0000, 2.0000), 2.3669),
    ((50.0000, -1.0000, 2.0000), (50.0000, 0.0000, 0.0000), 2.3669),
    ((50.0000, 2.4900, -0.0010), (50.0000, -2.4900, 0.0009), 7.1792),
    ((50.0000, 2.4900, -0.0010), (50.0000, -2.4900, 0.0010), 7.1792),
    ((50.0000, 2.4900, -0.0010), (50.0000, -2.4900, 0.0011), 7.2195),
    ((50.0000, 2.4900, -0.0010), (50.0000, -2.4900, 0.0012), 7.2195),
    ((50.0000, -0.0010, 2.4900), (50.0000, 0.0009, -2.4900), 4.8045),
    ((50.0000, -0.0010, 2.4900), (50.0000, 0.0010, -2.4900), 4.8045),
    ((50.0000, -0.0010, 2.4900), (50.0000, 0.0011, -2.4900), 4.7461),
    ((50.0000, 2.5000, 0.0000), (50.0000, 0.0000, -2.5000), 4.3065),
    ((50.0000, 2.5000, 0.0000), (73.0000, 25.0000, -18.0000), 27.1492),
    ((50.0000, 2.5000, 0.0000), (61.0000, -5.0000, 29.0000), 22.8977),
    ((50.0000, 2.5000, 0.0000), (56.0000, -27.0000, -3.0000), 31.9030),
    ((50.0000, 2.5000, 0.0000), (58.0000, 24.0000, 15.0000), 19.4535),
    ((50.0000, 2.5000, 0.0000), (50.0000, 3.1736, 0.5854), 1.0000),
    ((50.0000, 2.5000, 0.0000), (50.0000, 3.2972, 0.0000), 1.0000),
    ((50.0000, 2.5000, 0.0000), (50.0000, 1.8634, 0.5757), 1.0000),
    ((50.0000, 2.5000, 0.0000), (50.0000, 3.2592, 0.3350), 1.0000),
    ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    ((63.0109, -31.0961, -5.8663), (62.8187, -29.7946, -4.0864), 1.2630),
    ((61.2901, 3.7196, -5.3901), (61.4292, 2.2480, -4.9620), 1.8731),
    ((35.0831, -44.1164, 3.7933), (35.0232, -40.0716, 1.5901), 1.8645),
    ((22.7233, 20.0904, -46.6940), (23.0331, 14.9730, -42.5619), 2.0373),
    ((36.4612, 47.8580, 18.3852), (36.2715, 50.5065, 21.2231), 1.4146),
    ((90.8027, -2.0831, 1.4410), (91.1528, -1.6435, 0.0447), 1.4441),
    ((90.9257, -0.5406, -0.9208), (88.6381, -0.8985, -0.7239), 1.5381),
    ((6.7747, -0.2908, -2.4247), (5.8714, -0.0985, -2.2286), 0.6377),
    ((2.0776, 0.0795, -1.1350), (0.9033, -0.0636, -0.5514), 0.9082),
]


@pytest.mark.parametrize(("lab1", "lab2", "expected"), SHARMA)
def test_ciede2000_reproduces_the_published_test_pairs(lab1: tuple[float, float, float],
                                                       lab2: tuple[float, float, float],
                                                       expected: float) -> None:
    assert ciede2000(lab1, lab2) == pytest.approx(expected, abs=5e-5)
    assert ciede2000(lab2, lab1) == pytest.approx(expected, abs=5e-5)  # symmetric


def test_colour_conversions_round_trip_and_hit_known_values() -> None:
    assert lab("#ffffff") == pytest.approx((100.0, 0.0, 0.0), abs=0.01)
    assert lab("#000000") == pytest.approx((0.0, 0.0, 0.0), abs=1e-9)
    assert lab("#ff0000") == pytest.approx((53.24, 80.09, 67.20), abs=0.02)  # sRGB red, D65
    for c in ("#b10700", "#55c6f9", "#808080", "#123456", "#fedcba"):
        assert from_oklch(*oklch(c)) == c
    # Out of gamut: chroma gives way, lightness and hue stay.
    far = from_oklch(0.9, 0.4, 260)
    assert oklch(far)[0] == pytest.approx(0.9, abs=0.005)
    assert hue_distance(oklch(far)[2], 260) < 2


@pytest.mark.parametrize("vision", sorted(MACHADO))
def test_simulated_dichromats_keep_neutrals_and_merge_red_with_green(vision: str) -> None:
    # Machado's matrices map white to white and greys to greys ...
    assert simulate("#ffffff", vision) == pytest.approx((1.0, 1.0, 1.0), abs=1e-3)
    g = simulate("#777777", vision)
    assert max(g) - min(g) < 2e-3
    # ... and pull a classic red and green together for red-green dichromats.
    if vision != "tritanopia":
        assert delta_e("#d71920", "#3d9b35", vision) < 0.5 * delta_e("#d71920", "#3d9b35")


@pytest.mark.parametrize("vision", VISIONS)
def test_every_pair_of_party_colours_stays_apart(vision: str) -> None:
    worst = min((delta_e(PARTY_COLOURS[a], PARTY_COLOURS[b], vision), a, b)
                for a, b in itertools.combinations(PARTY_COLOURS, 2))
    assert worst[0] >= MIN_PARTIES[vision], (
        f"{worst[1]} and {worst[2]} look alike under {vision}: ΔE00 {worst[0]:.1f}")


def test_the_conventional_colours_would_fail_the_check() -> None:
    """The test can fail: Canada's usual party colours, as parties publish them, clash for
    red-green dichromats (NDP orange and Green green; Conservative blue and PPC purple)."""
    usual = {"LPC": "#d71920", "CPC": "#1a4782", "BQ": "#33b2cc", "NDP": "#f37021",
             "GPC": "#3d9b35", "PPC": "#4e2e7f"}
    worst = min(delta_e(usual[a], usual[b], "protanopia") for a, b in itertools.combinations(usual, 2))
    assert worst < MIN_PARTIES["protanopia"]


#: Each party's conventional hue, as an OKLCh hue window in degrees.
CONVENTION = {
    Party.LPC: (15, 35),  # red
    Party.CPC: (245, 270),  # blue
    Party.BQ: (215, 245),  # light blue
    Party.NDP: (45, 70),  # orange
    Party.GPC: (130, 160),  # green
    Party.PPC: (290, 320),  # purple
}


def test_party_colours_follow_canadian_convention() -> None:
    for party, (lo, hi) in CONVENTION.items():
        _, chroma, hue = oklch(PARTY_COLOURS[party])
        assert lo <= hue <= hi, (party, hue)
        assert chroma > 0.1, party  # a colour, not a grey
    # The Bloc's blue is the light one, the Conservatives' the dark one.
    assert oklch(PARTY_COLOURS[Party.BQ])[0] - oklch(PARTY_COLOURS[Party.CPC])[0] > 0.25
    for party in GREYS:
        assert oklch(PARTY_COLOURS[party])[1] < 1e-6  # greys
    for party, fill in PARTY_COLOURS.items():
        assert contrast(fill, text_colour_on(fill)) >= 4.5, party  # chip text is readable


@pytest.mark.parametrize("steps", sorted({len(hexmap.MARGIN_BANDS), len(hexmap.PROBABILITY_BANDS)}))
def test_shading_scales_stay_in_their_party_hue(steps: int) -> None:
    chromatic = [p for p in PARTY_COLOURS if p not in GREYS]
    for party, colours in ((p, scale(p, steps)) for p in PARTY_COLOURS):
        assert colours[0] == PARTY_COLOURS[party]
        lightness = [oklch(c)[0] for c in colours]
        assert lightness == sorted(lightness), party  # each step lighter than the last
        for c in colours:
            assert delta_e(c, BACKGROUND) >= MIN_BACKGROUND, (party, c)
        for a, b in itertools.pairwise(colours):
            assert delta_e(a, b) >= MIN_ADJACENT_STEPS, (party, a, b)
        if party in GREYS:
            continue
        for c in colours:
            hue = oklch(c)[2]
            own = hue_distance(hue, oklch(PARTY_COLOURS[party])[2])
            nearest_other = min(hue_distance(hue, oklch(PARTY_COLOURS[q])[2])
                                for q in chromatic if q != party)
            assert own < nearest_other, (party, c)
    # Under normal vision no step looks like another party, nor like its step.
    for a, b in itertools.permutations(PARTY_COLOURS, 2):
        if {a, b} == GREYS:
            continue  # two greys: told apart by their full colours only
        for k, c in enumerate(scale(a, steps)):
            d = delta_e(c, PARTY_COLOURS[b])
            assert d >= MIN_STEP_VS_OTHER_PARTY, f"step {k} of {a} looks like {b}: ΔE00 {d:.1f}"
            d = delta_e(c, scale(b, steps)[k])
            assert d >= MIN_SAME_STEP, f"step {k} of {a} and of {b}: ΔE00 {d:.1f}"


def test_the_old_washed_blue_was_the_blocs_and_the_new_scale_is_not() -> None:
    """The issue: Okabe–Ito blue washed 45 % toward white was nearly the Bloc's sky blue."""
    def washed(fill: str, t: float) -> str:
        a = [int(fill[i:i + 2], 16) for i in (1, 3, 5)]
        return "#" + "".join(f"{round(x + (255 - x) * t):02x}" for x in a)

    assert delta_e(washed("#0072b2", 0.45), "#56b4e9") < 5  # what readers saw
    for steps in (3, 4):
        for c in scale(Party.CPC, steps):
            assert delta_e(c, PARTY_COLOURS[Party.BQ]) >= MIN_STEP_VS_OTHER_PARTY


def _hexes(svg: str) -> list[ET.Element]:
    return [g for g in ET.fromstring(svg).iter() if g.get("class") == "hex"]


def test_pale_hexagons_keep_a_rim_of_their_party_colour() -> None:
    e, layout = seatcast.load("2025"), seatcast.hex_layout()
    fig = hexmap.by_margin(e, layout)
    for svg in (fig.svg, fig.narrow or ""):
        for g in _hexes(svg):
            r = e.result(int(g.get("data-code", "0")))
            paths = g.findall(f"{SVG}path")
            band = [label for _, label in hexmap.MARGIN_BANDS].index(g.get("data-category", ""))
            assert paths[0].get("fill") == scale(r.winner.party, 3)[band]
            if band:
                assert paths[1].get("stroke") == PARTY_COLOURS[r.winner.party]
            else:
                assert len(paths) == 1


def test_leading_not_called_is_a_pattern_and_a_ring_not_a_paler_colour() -> None:
    e, layout = seatcast.load("2025"), seatcast.hex_layout()
    states = {24073: (Party.BQ, False, "BQ leads"), 24001: (Party.LPC, True, "called for LPC")}
    fig = hexmap.by_live(e.map, states, layout)
    for svg in (fig.svg, fig.narrow or ""):
        root = ET.fromstring(svg)
        patterns = {p.get("id"): p for p in root.iter(f"{SVG}pattern")}
        cells = {int(g.get("data-code", "0")): g for g in _hexes(svg)}
        fill = cells[24073].findall(f"{SVG}path")[0].get("fill", "")
        m = re.fullmatch(r"url\(#(.+)\)", fill)
        assert m is not None, fill
        stripes = [r.get("fill") for r in patterns[m.group(1)].iter(f"{SVG}rect")]
        assert stripes == ["#ffffff", PARTY_COLOURS[Party.BQ]]  # the full colour, striped
        assert cells[24001].findall(f"{SVG}path")[0].get("fill") == PARTY_COLOURS[Party.LPC]
    fig = hemicycle({Party.LPC: 3, Party.BQ: 2}, firm={Party.LPC: 1, Party.BQ: 2}, pending=1)
    root = ET.fromstring(fig.svg)
    lpc = next(g for g in root.iter(f"{SVG}g") if g.get("data-party") == "LPC")
    dots = lpc.findall(f"{SVG}circle")
    assert [c.get("class") for c in dots] == [None, "leading", "leading"]
    for ring in dots[1:]:
        assert ring.get("fill") == "#ffffff"
        assert ring.get("stroke") == PARTY_COLOURS[Party.LPC]


def test_the_stylesheet_types_no_colour_and_reads_the_palette(client: TestClient) -> None:
    css = resources.files("seatcast.present").joinpath("style.css").read_text(encoding="utf-8")
    assert re.findall(r"#[0-9a-fA-F]{3,8}\b|rgba?\(|hsla?\(", css) == []
    served = client.get("/static/style.css").text
    assert served.startswith(css_variables())
    for p in NAMED_PARTIES:
        assert f"--party-{p.value}: {PARTY_COLOURS[p]};" in served
    for name in set(re.findall(r"var\(--([a-z-]+)\)", css)):
        assert f"--{name}:" in served, name
