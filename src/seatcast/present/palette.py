"""The one palette: party colours, their shading scales, and the ink and page colours.

Party colours follow Canadian convention (Liberal red, Conservative blue, NDP orange, Bloc
light blue, Green green, People's Party purple, greys for independents and others).  Within
those hues the lightness and chroma were chosen by a search (OKLCh, hue held in each party's
conventional window, chroma kept high) that maximised the smallest CIEDE2000 difference
between any two colours under normal vision and simulated deuteranopia and protanopia
(Machado et al. 2009, severity 1.0): that is why the Liberal red is dark and the NDP orange
light, so that readers who confuse red and green still tell them apart by lightness.
``tests/web/test_palette.py`` holds the minimum distances.

Shading scales (margins, chances) keep each party's OKLCh hue and raise its lightness toward
:data:`LIGHTEST`, losing some chroma: a paler Conservative blue stays blue, never the Bloc's
light blue.  Charts, pages and the stylesheet all read this module; the stylesheet's custom
properties (``--party-LPC``, ``--ink`` ...) are generated from it by :func:`css_variables`.
"""

from __future__ import annotations

from seatcast.domain.parties import ALL_PARTIES, Party
from seatcast.present.colour import contrast, from_oklch, oklch

PARTY_COLOURS: dict[Party, str] = {
    Party.LPC: "#b10700",  # Liberal red
    Party.CPC: "#0e449a",  # Conservative blue
    Party.BQ: "#55c6f9",  # Bloc light blue
    Party.NDP: "#ff9b43",  # NDP orange
    Party.GPC: "#2e904d",  # Green
    Party.PPC: "#9c61c7",  # People's Party purple
    Party.IND: "#5f5f5f",  # independents: dark grey
    Party.OTH: "#adadad",  # other parties: light grey
}

#: Page and ink colours (text, secondary text, grid lines, card background, links).
BACKGROUND = "#ffffff"
INK = "#1a1a1a"
MUTED = "#595959"  # 7:1 contrast on white
GRID = "#d9d9d9"
CARD = "#fafafa"
LINK = "#005a8c"
WARNING = "#b35900"  # the warning bar's edge
WARNING_BG = "#fff6e8"
#: Election night: a riding or seat not yet reporting.
NOT_REPORTING = "#e6e6e6"

#: The lightness a scale's last step reaches (OKLab L, 0..1) and the share of the party's
#: chroma it keeps there.
LIGHTEST = 0.90
LIGHTEST_CHROMA = 0.5


def colour(party: Party | str) -> str:
    """The party's colour."""
    return PARTY_COLOURS[Party(party)]


def scale(party: Party | str, steps: int) -> tuple[str, ...]:
    """``steps`` shades of the party's colour: its full colour first, then lighter ones at the
    same OKLCh hue, the last at :data:`LIGHTEST`."""
    if steps < 1:
        raise ValueError("a scale needs at least one step")
    lig, chroma, hue = oklch(colour(party))
    out = []
    for k in range(steps):
        t = k / (steps - 1) if steps > 1 else 0.0
        out.append(from_oklch(lig + (LIGHTEST - lig) * t,
                              chroma * (1 - (1 - LIGHTEST_CHROMA) * t), hue))
    return tuple(out)


def shade(party: Party | str, step: int, steps: int) -> str:
    """Step ``step`` (0 = full colour) of the party's ``steps``-step scale."""
    return scale(party, steps)[step]


def neutral_scale(steps: int) -> tuple[str, ...]:
    """The same lightness steps in grey, for legends that explain a scale."""
    lig = oklch(MUTED)[0]
    return tuple(from_oklch(lig + (LIGHTEST - lig) * (k / (steps - 1) if steps > 1 else 0.0), 0, 0)
                 for k in range(steps))


def text_colour_on(fill: str) -> str:
    """Black or white, whichever contrasts more with ``fill`` (WCAG contrast)."""
    return "#000000" if contrast(fill, "#000000") > contrast(fill, "#ffffff") else "#ffffff"


def css_variables() -> str:
    """The palette as CSS custom properties (the stylesheet types no colour itself)."""
    props = {"bg": BACKGROUND, "ink": INK, "muted": MUTED, "line": GRID, "card": CARD,
             "link": LINK, "warning": WARNING, "warning-bg": WARNING_BG,
             "not-reporting": NOT_REPORTING}
    props |= {f"party-{p.value}": PARTY_COLOURS[p] for p in ALL_PARTIES}
    props |= {f"party-{p.value}-text": text_colour_on(PARTY_COLOURS[p]) for p in ALL_PARTIES}
    body = " ".join(f"--{k}: {v};" for k, v in props.items())
    return f":root {{ {body} }}\n"
