"""Small building blocks shared by every chart: escaping, numbers, and the accessible wrapper.

Every chart Seatcast draws is a :class:`Figure`: an SVG string (rendered on the server, no
script, no external reference) plus a :class:`Table` holding the same numbers, so each chart
has a text alternative twice over: the SVG's own ``<title>``/``<desc>`` (read by screen
readers through ``role="img"`` and ``aria-labelledby``) and a plain data table.

A chart is drawn twice where one drawing cannot serve both a desktop and a phone: ``svg`` at
its desktop width (640 units, or wider for the hex map) and ``narrow`` at :data:`NARROW`
units with larger type and, for the map, another layout.  :meth:`Figure.html` emits both and
the stylesheet shows one: each is drawn at one CSS pixel per unit, so text set at 12 units or
more is 12 px or more on the screen.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from html import escape

from seatcast.present.palette import GRID, INK, MUTED

__all__ = ["FONT", "GRID", "INK", "MUTED", "NARROW", "Figure", "LegendItem", "Table", "esc",
           "legend_row", "new_id", "num", "svg_open", "text_lines", "title_svg"]

_ids = itertools.count(1)

#: The width of a chart drawn for a phone, in SVG units (= CSS px): it fits a 390 px screen
#: with the page's 12 px margins, and its type (13 units or more) stays at 12 px or more down
#: to a 340 px screen.
NARROW = 340.0
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif"


def esc(text: object) -> str:
    """Escape text for SVG/HTML content and attribute values."""
    return escape(str(text), quote=True)


def num(x: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros."""
    s = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def text_lines(text: str, size: float, width: float) -> list[str]:
    """``text`` broken at spaces into lines that fit ``width`` at font ``size`` (an estimate:
    0.58 em a character, generous for the system sans-serif fonts)."""
    per_line = max(1, int(width / (0.58 * size)))
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= per_line:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


@dataclass(frozen=True, slots=True)
class Table:
    """The numbers behind a chart, as a plain table (the chart's text alternative)."""

    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def html(self, *, css_class: str = "data") -> str:
        """The table in a box that scrolls sideways on its own when it is wider than the page."""
        head = "".join(f'<th scope="col">{esc(h)}</th>' for h in self.headers)
        body = "".join(
            "<tr>" + "".join(
                (f'<th scope="row">{esc(c)}</th>' if i == 0 else f"<td>{esc(c)}</td>")
                for i, c in enumerate(row)
            ) + "</tr>"
            for row in self.rows
        )
        return (f'<div class="table-scroll" role="region" tabindex="0" '
                f'aria-label="{esc(self.caption)}">'
                f'<table class="{css_class}"><caption>{esc(self.caption)}</caption>'
                f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")


@dataclass(frozen=True, slots=True)
class Figure:
    """An SVG chart with its text alternatives; ``narrow`` is the same chart drawn for a phone
    (:data:`NARROW` units wide), ``width`` the desktop drawing's width."""

    svg: str
    table: Table
    title: str
    description: str
    extra: dict[str, object] = field(default_factory=dict)
    narrow: str | None = None
    width: float = 640.0

    def html(self, *, table_open: bool = False) -> str:
        """The chart (both drawings, if it has two) followed by its data table in a
        disclosure widget."""
        opened = " open" if table_open else ""
        if self.narrow is None:
            drawn = self.svg
            switch = ""
        else:
            drawn = (f'<div class="layout-wide">{self.svg}</div>'
                     f'<div class="layout-narrow">{self.narrow}</div>')
            # The stylesheet switches at 700 px, or at 980 px for a drawing wider than 640.
            switch = " switch-lg" if self.width > 640 else " switch-md"
        return (f'<figure class="chart{switch}">{drawn}'
                f"<details{opened}><summary>Data table: {esc(self.title)}</summary>"
                f"{self.table.html()}</details></figure>")


def new_id(prefix: str) -> str:
    """An id unique in the page (several charts share one HTML document)."""
    return f"{prefix}{next(_ids)}"


def svg_open(width: float, height: float, title: str, desc: str, *, css_class: str,
             layout: str = "wide") -> str:
    """The opening of an accessible, scalable SVG: role=img labelled by its title and desc.

    It is drawn at most one CSS pixel per unit (``max-width``) and shrinks with a narrower
    container; ``layout`` ("wide" or "narrow") is a class the tests and the stylesheet read.
    """
    uid = next(_ids)
    tid, did = f"{css_class}-t{uid}", f"{css_class}-d{uid}"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{css_class} {layout}" '
        f'viewBox="0 0 {num(width)} {num(height)}" width="100%" '
        f'role="img" aria-labelledby="{tid} {did}" data-layout="{layout}" '
        f'font-family="{esc(FONT)}" style="max-width:{num(width)}px">'
        f'<title id="{tid}">{esc(title)}</title><desc id="{did}">{esc(desc)}</desc>'
    )


def title_svg(title: str, *, x: float, y: float, size: float, width: float,
              anchor: str = "start") -> tuple[str, float]:
    """A chart's title, wrapped to ``width``; returns (svg, the baseline of its last line)."""
    lines = text_lines(title, size, width)
    spans = "".join(f'<tspan x="{num(x)}" dy="{num(0 if i == 0 else size * 1.2)}">{esc(t)}</tspan>'
                    for i, t in enumerate(lines))
    return (f'<text class="chart-title" x="{num(x)}" y="{num(y)}" text-anchor="{anchor}" '
            f'font-size="{num(size)}" font-weight="600" fill="{INK}">{spans}</text>',
            y + size * 1.2 * (len(lines) - 1))


#: A legend entry: (fill, label), or (fill, label, swatch) where swatch is "square" (the
#: default), "ring" (an outlined circle in ``fill``) or "rim" (a pale square outlined in a
#: full colour: ``fill`` is then "pale|full").
LegendItem = tuple[str, str] | tuple[str, str, str]


def _swatch(kind: str, fill: str, x: float, y: float, size: float) -> str:
    if kind == "ring":
        r = size / 2
        return (f'<circle cx="{num(x + r)}" cy="{num(y + r)}" r="{num(r * 0.8)}" fill="#ffffff" '
                f'stroke="{fill}" stroke-width="{num(size * 0.22)}"/>')
    if kind == "rim":
        pale, full = fill.split("|")
        return (f'<rect x="{num(x + 1)}" y="{num(y + 1)}" width="{num(size - 2)}" '
                f'height="{num(size - 2)}" fill="{pale}" stroke="{full}" stroke-width="2"/>')
    return (f'<rect x="{num(x)}" y="{num(y)}" width="{num(size)}" height="{num(size)}" '
            f'fill="{fill}" stroke="{INK}" stroke-width="0.5"/>')


def legend_row(items: list[LegendItem], x: float, y: float, *, width: float,
               size: float = 12) -> tuple[str, float]:
    """A wrapped row of colour swatches with labels; returns (svg, height used)."""
    out = ['<g class="legend">']
    cx, cy = x, y
    for item in items:
        fill, label = item[0], item[1]
        kind = item[2] if len(item) == 3 else "square"
        w = size * 1.6 + 0.6 * size * len(label)
        if cx + w > x + width and cx > x:
            cx, cy = x, cy + size * 1.8
        out.append(_swatch(kind, fill, cx, cy, size)
                   + f'<text x="{num(cx + size * 1.4)}" y="{num(cy + size * 0.85)}" '
                   f'font-size="{num(size)}" fill="{INK}">{esc(label)}</text>')
        cx += w
    out.append("</g>")
    return "".join(out), cy - y + size * 1.8
