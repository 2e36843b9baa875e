"""The party palette stays distinguishable under the three common colour-vision deficiencies.

Colours are simulated with the Machado, Oliveira & Fernandes (2009) matrices at full
severity, in linear RGB, then compared in CIELAB; every pair of party colours must stay at
least 15 ΔE*ab apart (a difference readers see at a glance on a map).
"""

from __future__ import annotations

import itertools
import math

import pytest

from seatcast.domain.parties import PARTY_COLOURS

MACHADO = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602),
                   (0.004733, 0.691367, 0.303900)),
    "normal vision": ((1, 0, 0), (0, 1, 0), (0, 0, 1)),
}


def _linear(hex_colour: str) -> list[float]:
    out = []
    for i in (1, 3, 5):
        c = int(hex_colour[i:i + 2], 16) / 255
        out.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    return out


def _lab(rgb: list[float]) -> tuple[float, float, float]:
    r, g, b = (min(1.0, max(0.0, v)) for v in rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _seen(hex_colour: str, vision: str) -> tuple[float, float, float]:
    m, rgb = MACHADO[vision], _linear(hex_colour)
    return _lab([sum(m[i][j] * rgb[j] for j in range(3)) for i in range(3)])


@pytest.mark.parametrize("vision", list(MACHADO))
def test_every_pair_of_party_colours_stays_apart(vision: str) -> None:
    worst = min(
        (math.dist(_seen(PARTY_COLOURS[a], vision), _seen(PARTY_COLOURS[b], vision)), a, b)
        for a, b in itertools.combinations(PARTY_COLOURS, 2)
    )
    assert worst[0] >= 15, f"{worst[1]} and {worst[2]} look alike under {vision}: ΔE {worst[0]:.1f}"


def test_the_check_would_catch_a_red_green_clash() -> None:
    red, green = "#D71920", "#3D9B35"  # a classic pair that protanopes confuse with orange
    orange = "#F37021"
    assert math.dist(_seen(orange, "protanopia"), _seen(green, "protanopia")) < 15
    assert math.dist(_seen(red, "normal vision"), _seen(green, "normal vision")) >= 15
