"""Small building blocks shared by every chart: escaping, numbers, and the accessible wrapper.

Every chart Seatcast draws is a :class:`Figure`: an SVG string (rendered on the server, no
script, no external reference) plus a :class:`Table` holding the same numbers, so each chart
has a text alternative twice over: the SVG's own ``<title>``/``<desc>`` (read by screen
readers through ``role="img"`` and ``aria-labelledby``) and a plain data table.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from html import escape

from seatcast.domain.parties import PARTY_COLOURS, Party

_ids = itertools.count(1)

#: Ink colours used by every chart (text, axes, grid lines).
INK = "#1a1a1a"
MUTED = "#595959"  # 7:1 contrast on white
GRID = "#d9d9d9"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif"


def esc(text: object) -> str:
    """Escape text for SVG/HTML content and attribute values."""
    return escape(str(text), quote=True)


def num(x: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros."""
    s = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def colour(party: Party | str) -> str:
    return PARTY_COLOURS[Party(party)]


def text_colour_on(fill: str) -> str:
    """Black or white, whichever reads better on ``fill`` (WCAG relative luminance)."""
    r, g, b = (int(fill[i : i + 2], 16) / 255 for i in (1, 3, 5))

    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    lum = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    return "#000000" if (lum + 0.05) / 0.05 > 1.05 / (lum + 0.05) else "#ffffff"


def mix(fill: str, toward: str, t: float) -> str:
    """Blend ``fill`` toward ``toward`` by ``t`` (0 = fill, 1 = toward), in sRGB."""
    if t <= 0:
        return fill
    a = [int(fill[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(toward[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * t):02x}" for x, y in zip(a, b, strict=True))


@dataclass(frozen=True, slots=True)
class Table:
    """The numbers behind a chart, as a plain table (the chart's text alternative)."""

    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def html(self, *, css_class: str = "data") -> str:
        head = "".join(f'<th scope="col">{esc(h)}</th>' for h in self.headers)
        body = "".join(
            "<tr>" + "".join(
                (f'<th scope="row">{esc(c)}</th>' if i == 0 else f"<td>{esc(c)}</td>")
                for i, c in enumerate(row)
            ) + "</tr>"
            for row in self.rows
        )
        return (f'<table class="{css_class}"><caption>{esc(self.caption)}</caption>'
                f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


@dataclass(frozen=True, slots=True)
class Figure:
    """An SVG chart with its text alternatives."""

    svg: str
    table: Table
    title: str
    description: str
    extra: dict[str, object] = field(default_factory=dict)

    def html(self, *, table_open: bool = False) -> str:
        """The chart followed by its data table in a disclosure widget."""
        opened = " open" if table_open else ""
        return (f'<figure class="chart">{self.svg}'
                f"<details{opened}><summary>Data table: {esc(self.title)}</summary>"
                f"{self.table.html()}</details></figure>")


def svg_open(width: float, height: float, title: str, desc: str, *, css_class: str) -> str:
    """The opening of an accessible, scalable SVG: role=img labelled by its title and desc."""
    uid = next(_ids)
    tid, did = f"{css_class}-t{uid}", f"{css_class}-d{uid}"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{css_class}" '
        f'viewBox="0 0 {num(width)} {num(height)}" width="100%" '
        f'role="img" aria-labelledby="{tid} {did}" '
        f'font-family="{esc(FONT)}" style="max-width:{num(width)}px">'
        f'<title id="{tid}">{esc(title)}</title><desc id="{did}">{esc(desc)}</desc>'
    )


def legend_row(items: list[tuple[str, str]], x: float, y: float, *, width: float,
               size: float = 12) -> tuple[str, float]:
    """A wrapped row of colour swatches with labels; returns (svg, height used)."""
    out = ['<g class="legend">']
    cx, cy = x, y
    for fill, label in items:
        w = size * 1.6 + 0.6 * size * len(label)
        if cx + w > x + width and cx > x:
            cx, cy = x, cy + size * 1.8
        out.append(f'<rect x="{num(cx)}" y="{num(cy)}" width="{num(size)}" height="{num(size)}" '
                   f'fill="{fill}" stroke="{INK}" stroke-width="0.5"/>'
                   f'<text x="{num(cx + size * 1.4)}" y="{num(cy + size * 0.85)}" '
                   f'font-size="{num(size)}" fill="{INK}">{esc(label)}</text>')
        cx += w
    out.append("</g>")
    return "".join(out), cy - y + size * 1.8
