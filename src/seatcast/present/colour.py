"""Colour maths for the palette: sRGB, CIELAB, OKLab, CIEDE2000 and colour-vision simulation.

Everything here is a pure function of ``#rrggbb`` strings or coordinate triples, written from
the published formulas (no colour library is needed for a dozen colours):

- sRGB (IEC 61966-2-1) to linear RGB to CIE XYZ (D65) to CIELAB;
- OKLab and its polar form OKLCh (Ottosson 2020), where equal hue angles look like the same
  hue at every lightness, which is why the shading scales are built in it;
- the CIEDE2000 colour difference (CIE 142-2001, as written out by Sharma, Wu and Dalal,
  "The CIEDE2000 color-difference formula", Color Research & Application 30, 2005, whose
  34 test pairs the tests reproduce);
- dichromat simulation with the matrices of Machado, Oliveira and Fernandes, "A
  physiologically-based model for simulation of color vision deficiency", IEEE TVCG 15,
  2009, at severity 1.0, applied to linear RGB.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

Triple = tuple[float, float, float]
Matrix = tuple[Triple, Triple, Triple]

#: Machado et al. (2009), severity 1.0, for linear RGB.
MACHADO: dict[str, Matrix] = {
    "protanopia": ((0.152286, 1.052583, -0.204868),
                   (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968),
                     (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779),
                   (-0.078411, 0.930809, 0.147602),
                   (0.004733, 0.691367, 0.303900)),
}
#: The visions the palette is checked under (normal vision first).
VISIONS: tuple[str, ...] = ("normal", "deuteranopia", "protanopia")

_SRGB_TO_XYZ: Matrix = ((0.4124564, 0.3575761, 0.1804375),
                        (0.2126729, 0.7151522, 0.0721750),
                        (0.0193339, 0.1191920, 0.9503041))
_WHITE_D65: Triple = (0.95047, 1.0, 1.08883)


def _mul(m: Matrix, v: Sequence[float]) -> Triple:
    return (m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[2],
            m[1][0] * v[0] + m[1][1] * v[1] + m[1][2] * v[2],
            m[2][0] * v[0] + m[2][1] * v[1] + m[2][2] * v[2])


def parse_hex(colour: str) -> Triple:
    """``#rrggbb`` as three channels in 0..1."""
    if len(colour) != 7 or colour[0] != "#":
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    return (int(colour[1:3], 16) / 255, int(colour[3:5], 16) / 255, int(colour[5:7], 16) / 255)


def to_hex(rgb: Sequence[float]) -> str:
    """Three sRGB channels in 0..1 (clipped) as ``#rrggbb``."""
    return "#" + "".join(f"{round(255 * min(1.0, max(0.0, c))):02x}" for c in rgb)


def linearize(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def delinearize(c: float) -> float:
    return 12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


def linear_rgb(colour: str) -> Triple:
    r, g, b = parse_hex(colour)
    return linearize(r), linearize(g), linearize(b)


def lab_of_linear(rgb: Sequence[float]) -> Triple:
    """CIELAB (D65, 2°) of linear RGB."""
    x, y, z = _mul(_SRGB_TO_XYZ, rgb)

    def f(t: float) -> float:
        d = 6 / 29
        return t ** (1 / 3) if t > d ** 3 else t / (3 * d * d) + 4 / 29

    fx, fy, fz = (f(v / w) for v, w in zip((x, y, z), _WHITE_D65, strict=True))
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def lab(colour: str) -> Triple:
    """CIELAB of an sRGB colour."""
    return lab_of_linear(linear_rgb(colour))


def simulate(colour: str, vision: str) -> Triple:
    """Linear RGB of ``colour`` as seen with ``vision`` ("normal" or a key of :data:`MACHADO`),
    clipped to the displayable range."""
    rgb = linear_rgb(colour)
    if vision == "normal":
        return rgb
    try:
        m = MACHADO[vision]
    except KeyError:
        raise ValueError(f"unknown vision {vision!r} (known: normal, {', '.join(MACHADO)})") from None
    r, g, b = (min(1.0, max(0.0, v)) for v in _mul(m, rgb))
    return r, g, b


def seen_lab(colour: str, vision: str = "normal") -> Triple:
    """CIELAB of ``colour`` as seen with ``vision``."""
    return lab_of_linear(simulate(colour, vision))


def ciede2000(lab1: Triple, lab2: Triple) -> float:
    """The CIEDE2000 difference of two CIELAB colours (kL = kC = kH = 1)."""
    l1, a1, b1 = lab1
    l2, a2, b2 = lab2
    c_bar = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_bar ** 7 / (c_bar ** 7 + 25 ** 7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)

    def hue(a: float, b: float) -> float:
        return 0.0 if a == 0 and b == 0 else math.degrees(math.atan2(b, a)) % 360

    h1p, h2p = hue(a1p, b1), hue(a2p, b2)
    dl, dc = l2 - l1, c2p - c1p
    if c1p * c2p == 0:
        dh = 0.0
    else:
        dh = h2p - h1p
        if dh > 180:
            dh -= 360
        elif dh < -180:
            dh += 360
    big_dh = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    l_bar, cp_bar = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        h_bar = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_bar = (h1p + h2p) / 2
    elif h1p + h2p < 360:
        h_bar = (h1p + h2p + 360) / 2
    else:
        h_bar = (h1p + h2p - 360) / 2
    t = (1 - 0.17 * math.cos(math.radians(h_bar - 30)) + 0.24 * math.cos(math.radians(2 * h_bar))
         + 0.32 * math.cos(math.radians(3 * h_bar + 6)) - 0.20 * math.cos(math.radians(4 * h_bar - 63)))
    d_theta = 30 * math.exp(-(((h_bar - 275) / 25) ** 2))
    r_c = 2 * math.sqrt(cp_bar ** 7 / (cp_bar ** 7 + 25 ** 7))
    s_l = 1 + 0.015 * (l_bar - 50) ** 2 / math.sqrt(20 + (l_bar - 50) ** 2)
    s_c = 1 + 0.045 * cp_bar
    s_h = 1 + 0.015 * cp_bar * t
    r_t = -math.sin(math.radians(2 * d_theta)) * r_c
    return math.sqrt((dl / s_l) ** 2 + (dc / s_c) ** 2 + (big_dh / s_h) ** 2
                     + r_t * (dc / s_c) * (big_dh / s_h))


def delta_e(colour1: str, colour2: str, vision: str = "normal") -> float:
    """CIEDE2000 between two sRGB colours as seen with ``vision``."""
    return ciede2000(seen_lab(colour1, vision), seen_lab(colour2, vision))


# OKLab (Ottosson 2020): linear sRGB <-> LMS <-> OKLab.
_RGB_TO_LMS: Matrix = ((0.4122214708, 0.5363325363, 0.0514459929),
                       (0.2119034982, 0.6806995451, 0.1073969566),
                       (0.0883024619, 0.2817188376, 0.6299787005))
_LMS_TO_OK: Matrix = ((0.2104542553, 0.7936177850, -0.0040720468),
                      (1.9779984951, -2.4285922050, 0.4505937099),
                      (0.0259040371, 0.7827717662, -0.8086757660))
_OK_TO_LMS: Matrix = ((1.0, 0.3963377774, 0.2158037573),
                      (1.0, -0.1055613458, -0.0638541728),
                      (1.0, -0.0894841775, -1.2914855480))
_LMS_TO_RGB: Matrix = ((4.0767416621, -3.3077115913, 0.2309699292),
                       (-1.2684380046, 2.6097574011, -0.3413193965),
                       (-0.0041960863, -0.7034186147, 1.7076147010))


def oklch(colour: str) -> Triple:
    """OKLCh of an sRGB colour: lightness 0..1, chroma, hue in degrees."""
    lms = _mul(_RGB_TO_LMS, linear_rgb(colour))
    lig, a, b = _mul(_LMS_TO_OK, [math.copysign(abs(v) ** (1 / 3), v) for v in lms])
    return lig, math.hypot(a, b), math.degrees(math.atan2(b, a)) % 360


def _oklch_to_linear(lig: float, chroma: float, hue: float) -> Triple:
    a, b = chroma * math.cos(math.radians(hue)), chroma * math.sin(math.radians(hue))
    return _mul(_LMS_TO_RGB, [v ** 3 for v in _mul(_OK_TO_LMS, (lig, a, b))])


def from_oklch(lig: float, chroma: float, hue: float) -> str:
    """The sRGB colour of an OKLCh point; outside the gamut, chroma is reduced (lightness and
    hue kept) until it fits."""
    lo, hi = 0.0, chroma
    rgb = _oklch_to_linear(lig, chroma, hue)
    if all(-1e-9 <= c <= 1 + 1e-9 for c in rgb):
        return to_hex([delinearize(min(1.0, max(0.0, c))) for c in rgb])
    for _ in range(40):  # bisect the largest chroma in gamut
        mid = (lo + hi) / 2
        if all(-1e-9 <= c <= 1 + 1e-9 for c in _oklch_to_linear(lig, mid, hue)):
            lo = mid
        else:
            hi = mid
    return to_hex([delinearize(min(1.0, max(0.0, c))) for c in _oklch_to_linear(lig, lo, hue)])


def hue_distance(h1: float, h2: float) -> float:
    """The angle between two hues, in degrees (0..180)."""
    d = abs(h1 - h2) % 360
    return min(d, 360 - d)


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance."""
    r, g, b = linear_rgb(colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(colour1: str, colour2: str) -> float:
    """WCAG contrast ratio (1..21)."""
    hi, lo = sorted((relative_luminance(colour1), relative_luminance(colour2)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
