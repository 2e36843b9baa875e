"""Statistical charts: the forecast's seat distributions, the poll average, regional swing.

Each function takes numbers already computed elsewhere (simulation draws, a poll average,
regional vote shares) and returns a :class:`~seatcast.present.svg.Figure`: SVG drawn here
on the server, plus a data table with the same numbers.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence

import numpy as np

from seatcast.domain.geography import Region
from seatcast.domain.parties import Party
from seatcast.present.palette import colour
from seatcast.present.svg import (
    GRID,
    INK,
    MUTED,
    NARROW,
    Figure,
    Table,
    esc,
    legend_row,
    num,
    svg_open,
    title_svg,
)

#: Type sizes: the desktop drawing (one unit = one px at its full width) and the phone one.
_TEXT = {"wide": 12.0, "narrow": 13.0}
_TITLE = {"wide": 15.0, "narrow": 15.0}


def _nice_step(span: float, target: int = 5) -> float:
    raw = span / max(target, 1)
    mag = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * mag:
            return m * mag
    return 10 * mag


def _signed(v: float) -> str:
    """A tick label: +5, -5, and 0 without a sign."""
    return "0" if v == 0 else f"{v:+g}"


def seat_histogram(
    parties: Sequence[Party],
    seats: np.ndarray,
    *,
    majority: int,
    title: str = "Seat distribution across simulations",
    width: float = 640,
) -> Figure:
    """One small histogram per party of its seats across ``seats`` (n_sims x n_parties).

    Parties that never win a seat are left out; the majority line is marked in each panel.
    On a phone each party's name sits above its panel, which then spans the width.
    """
    draws = np.asarray(seats)
    if draws.ndim != 2 or draws.shape[1] != len(parties):
        raise ValueError("seats must be an (n_sims x n_parties) array matching the parties")
    n = draws.shape[0]
    if n == 0:
        raise ValueError("no simulations to draw")
    shown = [i for i, _ in enumerate(parties) if draws[:, i].max() > 0]
    shown.sort(key=lambda i: -float(draws[:, i].mean()))
    x_max = max(int(draws[:, shown].max()) if shown else 0, majority) + 5

    rows = []
    desc_parts = []
    stats = []
    for i in shown:
        p = parties[i]
        col = draws[:, i].astype(np.int64)
        counts = np.bincount(col, minlength=x_max + 1)
        mean, med = float(col.mean()), float(np.median(col))
        lo80, hi80 = np.percentile(col, [10, 90])
        lo95, hi95 = np.percentile(col, [2.5, 97.5])
        p_major = float((col >= majority).mean())
        rows.append((p.name_en, f"{mean:.1f}", f"{med:.0f}", f"{lo80:.0f}–{hi80:.0f}",
                     f"{lo95:.0f}–{hi95:.0f}", f"{100 * p_major:.1f} %"))
        desc_parts.append(f"{p.name_en}: median {med:.0f} seats, 80 % between {lo80:.0f} and "
                          f"{hi80:.0f}, majority in {100 * p_major:.1f} % of simulations")
        stats.append((p, counts, med))
    desc = f"Seats won in {n:,} simulations. " + "; ".join(desc_parts) + "."

    def draw(w: float, layout: str) -> str:
        t = _TEXT[layout]
        phone = layout == "narrow"
        left, right = (8.0, 12.0) if phone else (172.0, 16.0)
        panel_h, gap = (44.0, 10.0) if phone else (56.0, 14.0)
        head = t + 8 if phone else 0.0  # the party's name above its panel, on a phone
        plot_w = w - left - right
        title_part, title_end = title_svg(title, x=8, y=16, size=_TITLE[layout], width=w - 16)
        top = title_end + 18 + (t if phone else 0)

        def sx(v: float) -> float:
            return left + plot_w * v / x_max

        body = []
        for k, (p, counts, med) in enumerate(stats):
            y0 = top + k * (head + panel_h + gap) + head
            peak = counts.max()
            bar_w = max(plot_w / (x_max + 1), 0.6)
            bars = []
            for seat_n in np.nonzero(counts)[0].tolist():
                h = (panel_h - 4) * float(counts[seat_n]) / float(peak)
                bars.append(f'<rect x="{num(sx(seat_n) - bar_w / 2)}" y="{num(y0 + panel_h - h)}" '
                            f'width="{num(bar_w)}" height="{num(h)}"/>')
            if phone:
                label = (f'<text x="{num(left)}" y="{num(y0 - 6)}" font-size="{num(t)}" '
                         f'fill="{INK}">{esc(p.name_en)} <tspan fill="{MUTED}">median '
                         f"{med:.0f}</tspan></text>")
            else:
                label = (f'<text x="{num(left - 8)}" y="{num(y0 + panel_h / 2)}" text-anchor="end" '
                         f'font-size="13" fill="{INK}">{esc(p.name_en)}</text>'
                         f'<text x="{num(left - 8)}" y="{num(y0 + panel_h / 2 + 15)}" '
                         f'text-anchor="end" font-size="{num(t)}" fill="{MUTED}">median {med:.0f}</text>')
            body.append(
                f'<g class="panel" data-party="{p.value}" data-median="{med:.0f}">'
                f"<title>{esc(desc_parts[k])}</title>{label}"
                f'<g fill="{colour(p)}">{"".join(bars)}</g>'
                f'<line x1="{num(left)}" x2="{num(left + plot_w)}" y1="{num(y0 + panel_h)}" '
                f'y2="{num(y0 + panel_h)}" stroke="{INK}" stroke-width="0.8"/></g>')
        axis_y = top + len(stats) * (head + panel_h + gap) - gap + 4
        step = _nice_step(x_max, 5 if phone else 6)
        ticks = []
        v = 0.0
        while v <= x_max:
            ticks.append(f'<line x1="{num(sx(v))}" x2="{num(sx(v))}" y1="{num(top)}" '
                         f'y2="{num(axis_y)}" stroke="{GRID}" stroke-width="0.6"/>'
                         f'<text x="{num(sx(v))}" y="{num(axis_y + t + 3)}" text-anchor="middle" '
                         f'font-size="{num(t)}" fill="{MUTED}">{v:g}</text>')
            v += step
        mx = sx(majority)
        anchor = "end" if phone and mx > w - 50 else "middle"
        mline = (f'<g class="majority-line" data-majority="{majority}"><line x1="{num(mx)}" '
                 f'x2="{num(mx)}" y1="{num(top - 10)}" y2="{num(axis_y)}" stroke="{INK}" '
                 f'stroke-width="1.5" stroke-dasharray="5 3"/><text x="{num(mx)}" '
                 f'y="{num(top - 14)}" text-anchor="{anchor}" font-size="{num(t)}" fill="{INK}">'
                 f"majority {majority}</text></g>")
        height = axis_y + t + 12
        return "".join([svg_open(w, height, title, desc, css_class="seat-histogram", layout=layout),
                        title_part, *ticks, *body, mline, "</svg>"])

    table = Table(f"{title} ({n:,} simulations)",
                  ("Party", "Mean", "Median", "80 % interval", "95 % interval", "Majority"),
                  tuple(rows))
    return Figure(draw(width, "wide"), table, title, desc, narrow=draw(NARROW, "narrow"),
                  width=width)


def poll_average(
    dates: Sequence[dt.date],
    mean: Mapping[Party, Sequence[float]],
    low: Mapping[Party, Sequence[float]],
    high: Mapping[Party, Sequence[float]],
    *,
    polls: Sequence[tuple[dt.date, Party, float]] = (),
    marker: tuple[dt.date, str] | None = None,
    title: str = "Poll average",
    width: float = 640,
    height: float = 340,
) -> Figure:
    """Lines of each party's average share over ``dates`` with its band (shares in 0–1).

    ``polls`` are drawn as faint dots; ``marker`` is an optional dated vertical line (the
    election day, the as-of date).  On a phone the date axis shows its two ends only.
    """
    if not dates:
        raise ValueError("a poll average needs at least one date")
    d0, d1 = min(dates), max(dates)
    if marker is not None:
        d1 = max(d1, marker[0])
    span = max((d1 - d0).days, 1)
    y_hi = max(max(max(h) for h in high.values()), max((s for _, _, s in polls), default=0)) + 0.02
    y_hi = min(1.0, math.ceil(y_hi * 20) / 20)
    rows = [(p.name_en, f"{100 * ys[-1]:.1f}", f"{100 * low[p][-1]:.1f}–{100 * high[p][-1]:.1f}",
             f"{100 * ys[0]:.1f}") for p, ys in mean.items()]
    desc = (f"Poll average from {d0.isoformat()} to {dates[-1].isoformat()}, with its uncertainty "
            "band. Latest: " + "; ".join(f"{r[0]} {r[1]} % ({r[2]})" for r in rows) + ".")

    def draw(w: float, h_total: float, layout: str) -> str:
        t = _TEXT[layout]
        phone = layout == "narrow"
        left, right, bottom = (40.0, 72.0, 30.0) if phone else (44.0, 96.0, 30.0)
        title_part, title_end = title_svg(title, x=8, y=16, size=_TITLE[layout], width=w - 16)
        top = title_end + 18
        pw, ph = w - left - right, h_total - top - bottom

        def sx(d: dt.date) -> float:
            return left + pw * (d - d0).days / span

        def sy(v: float) -> float:
            return top + ph * (1 - v / y_hi)

        out = []
        step = _nice_step(y_hi * 100, 4 if phone else 5) / 100
        v = 0.0
        while v <= y_hi + 1e-9:
            out.append(f'<line x1="{num(left)}" x2="{num(left + pw)}" y1="{num(sy(v))}" '
                       f'y2="{num(sy(v))}" stroke="{GRID}" stroke-width="0.6"/><text '
                       f'x="{num(left - 6)}" y="{num(sy(v) + 4)}" text-anchor="end" '
                       f'font-size="{num(t)}" fill="{MUTED}">{100 * v:.0f} %</text>')
            v += step
        ends = ((d0, "start"), (d1, "end")) if phone else (
            (d0, "middle"), (d0 + (d1 - d0) / 2, "middle"), (d1, "middle"))
        for label_date, anchor in ends:
            out.append(f'<text x="{num(sx(label_date))}" y="{num(top + ph + t + 6)}" '
                       f'text-anchor="{anchor}" font-size="{num(t)}" fill="{MUTED}">'
                       f"{label_date.isoformat()}</text>")
        for d, p, share in polls:
            out.append(f'<circle cx="{num(sx(d))}" cy="{num(sy(share))}" r="1.8" '
                       f'fill="{colour(p)}" fill-opacity="0.35"/>')
        last_y: list[tuple[float, Party]] = []
        for p, ys in mean.items():
            lo, hi = low[p], high[p]
            band = ([f"{num(sx(d))},{num(sy(hv))}" for d, hv in zip(dates, hi, strict=True)]
                    + [f"{num(sx(d))},{num(sy(lw))}"
                       for d, lw in reversed(list(zip(dates, lo, strict=True)))])
            line = " ".join(f"{num(sx(d))},{num(sy(y))}" for d, y in zip(dates, ys, strict=True))
            out.append(f'<g class="series" data-party="{p.value}" data-last="{ys[-1]:.4f}">'
                       f"<title>{esc(p.name_en)}: {100 * ys[-1]:.1f} % on {dates[-1].isoformat()} "
                       f"({100 * lo[-1]:.1f}–{100 * hi[-1]:.1f})</title>"
                       f'<polygon points="{" ".join(band)}" fill="{colour(p)}" fill-opacity="0.18"/>'
                       f'<polyline points="{line}" fill="none" stroke="{colour(p)}" '
                       f'stroke-width="2.2"/></g>')
            last_y.append((sy(ys[-1]), p))
        # End labels, nudged apart so they do not overlap.
        last_y.sort()
        placed: list[float] = []
        for y, p in last_y:
            y = max(y, placed[-1] + t + 2) if placed else y
            placed.append(y)
            out.append(f'<text x="{num(left + pw + 6)}" y="{num(y + 4)}" font-size="{num(t)}" '
                       f'fill="{INK}">{esc(p.value)} {100 * mean[p][-1]:.1f}</text>')
        if marker is not None:
            md, mlabel = marker
            out.append(f'<g class="marker"><line x1="{num(sx(md))}" x2="{num(sx(md))}" '
                       f'y1="{num(top)}" y2="{num(top + ph)}" stroke="{INK}" stroke-dasharray="4 3"/>'
                       f'<text x="{num(sx(md) - 4)}" y="{num(top + t)}" text-anchor="end" '
                       f'font-size="{num(t)}" fill="{INK}">{esc(mlabel)}</text></g>')
        return (svg_open(w, h_total, title, desc, css_class="poll-average", layout=layout)
                + title_part + "".join(out) + "</svg>")

    table = Table(f"{title}: latest average with its band, and the first day shown",
                  ("Party", "Latest (%)", "Band (%)", f"On {d0.isoformat()} (%)"), tuple(rows))
    return Figure(draw(width, height, "wide"), table, title, desc,
                  narrow=draw(NARROW, 300, "narrow"), width=width)


def regional_swing(
    before: Mapping[Region, Mapping[Party, float]],
    after: Mapping[Region, Mapping[Party, float]],
    parties: Sequence[Party],
    *,
    title: str = "Vote-share swing by region",
    before_label: str = "before",
    after_label: str = "after",
    width: float = 640,
) -> Figure:
    """Change in each party's vote share (percentage points) in each region, as bars.

    On a phone each region's name sits above its bars, which then span the width.
    """
    changes = {r: {p: 100 * d for p, d in ch.items()}
               for r, ch in share_changes(before, after, parties).items()}
    regions = list(changes)
    biggest = max((abs(v) for ch in changes.values() for v in ch.values()), default=1.0)
    lim = max(5.0, math.ceil(biggest / 5) * 5)
    rows = []
    for r in regions:
        for p in parties:
            rows.append((f"{r.label}, {p.name_en}", f"{100 * before[r].get(p, 0.0):.1f}",
                         f"{100 * after[r].get(p, 0.0):.1f}", f"{changes[r][p]:+.1f}"))
    desc = (f"Change in vote share by region from {before_label} to {after_label}, in points. "
            + "; ".join(f"{r.label}: " + ", ".join(f"{p.value} {changes[r][p]:+.1f}" for p in parties)
                        for r in regions) + ".")

    def draw(w: float, layout: str) -> str:
        t = _TEXT[layout]
        phone = layout == "narrow"
        left, right = (12.0, 12.0) if phone else (130.0, 16.0)
        bar_h, group_gap = 9.0, 12.0
        head = t + 6 if phone else 0.0
        title_part, title_end = title_svg(title, x=8, y=16, size=_TITLE[layout], width=w - 16)
        sub_y = title_end + t + 4
        top = sub_y + 10
        group_h = head + bar_h * len(parties) + group_gap
        pw = w - left - right
        mid = left + pw / 2
        legend_svg, legend_h = legend_row([(colour(p), p.name_en) for p in parties], 8,
                                          top + len(regions) * group_h + t + 14, width=w - 16,
                                          size=t)
        height = top + len(regions) * group_h + t + 14 + legend_h

        def sx(v: float) -> float:
            return mid + (pw / 2) * v / lim

        out = []
        step = _nice_step(lim, 2 if phone else 3)
        v = -lim
        while v <= lim + 1e-9:
            out.append(f'<line x1="{num(sx(v))}" x2="{num(sx(v))}" y1="{num(top - 6)}" '
                       f'y2="{num(top + len(regions) * group_h)}" stroke="{INK if v == 0 else GRID}" '
                       f'stroke-width="{1 if v == 0 else 0.6}"/><text x="{num(sx(v))}" '
                       f'y="{num(top + len(regions) * group_h + t + 2)}" text-anchor="middle" '
                       f'font-size="{num(t)}" fill="{MUTED}">{_signed(v)}</text>')
            v += step
        for k, r in enumerate(regions):
            y0 = top + k * group_h + head
            if phone:
                out.append(f'<text x="{num(left)}" y="{num(y0 - 5)}" font-size="{num(t)}" '
                           f'font-weight="600" fill="{INK}">{esc(r.label)}</text>')
            else:
                out.append(f'<text x="{num(left - 8)}" y="{num(y0 + bar_h * len(parties) / 2 + 4)}" '
                           f'text-anchor="end" font-size="{num(t)}" fill="{INK}">{esc(r.label)}</text>')
            for j, p in enumerate(parties):
                c = changes[r][p]
                x = sx(min(0.0, c))
                out.append(f'<rect class="bar" data-region="{r.value}" data-party="{p.value}" '
                           f'data-change="{c:.2f}" x="{num(x)}" y="{num(y0 + j * bar_h)}" '
                           f'width="{num(abs(sx(c) - sx(0)))}" height="{num(bar_h - 1)}" '
                           f'fill="{colour(p)}"><title>{esc(r.label)}, {esc(p.name_en)}: '
                           f"{c:+.1f} points ({100 * before[r].get(p, 0.0):.1f} % to "
                           f"{100 * after[r].get(p, 0.0):.1f} %)</title></rect>")
        head_svg = (svg_open(w, height, title, desc, css_class="regional-swing", layout=layout)
                    + title_part + f'<text x="8" y="{num(sub_y)}" font-size="{num(t)}" '
                    f'fill="{MUTED}">percentage points, {esc(before_label)} to '
                    f"{esc(after_label)}</text>")
        return head_svg + "".join(out) + legend_svg + "</svg>"

    table = Table(f"{title}, {before_label} to {after_label}",
                  ("Region, party", f"{before_label} (%)", f"{after_label} (%)", "Change (points)"),
                  tuple(rows))
    return Figure(draw(width, "wide"), table, title, desc, narrow=draw(NARROW, "narrow"),
                  width=width)


def share_changes(before: Mapping[Region, Mapping[Party, float]],
                  after: Mapping[Region, Mapping[Party, float]],
                  parties: Sequence[Party]) -> dict[Region, dict[Party, float]]:
    """Each party's change in vote share (a fraction) in every region present both times."""
    return {r: {p: after[r].get(p, 0.0) - before[r].get(p, 0.0) for p in parties}
            for r in Region if r in before and r in after}


#: A reliability series: (label, colour, marker, bins), each bin (low, high, ridings,
#: mean chance or None, share won or None); the marker is "circle", "square" or "diamond".
ReliabilityBins = Sequence[tuple[float, float, int, float | None, float | None]]
ReliabilitySeries = tuple[str, str, str, ReliabilityBins]


def _marker(kind: str, x: float, y: float, r: float, fill: str) -> str:
    if kind == "square":
        return (f'<rect x="{num(x - r)}" y="{num(y - r)}" width="{num(2 * r)}" height="{num(2 * r)}" '
                f'fill="{fill}"/>')
    if kind == "diamond":
        pts = f"{num(x)},{num(y - r * 1.3)} {num(x + r * 1.3)},{num(y)} {num(x)},{num(y + r * 1.3)} " \
              f"{num(x - r * 1.3)},{num(y)}"
        return f'<polygon points="{pts}" fill="{fill}"/>'
    return f'<circle cx="{num(x)}" cy="{num(y)}" r="{num(r)}" fill="{fill}"/>'


def reliability(
    series: Sequence[ReliabilitySeries],
    *,
    title: str = "Reliability of the riding odds",
    width: float = 640,
    height: float = 400,
) -> Figure:
    """How often the favourite won against the chance it was given, by bin of that chance.

    One marker per bin with ridings (its mean chance across, its share won up), one series
    per model; the diagonal is perfect calibration: a marker below it is over-confident,
    above it under-confident.  Each marker's size grows with its bin's count (the table
    holds the counts)."""
    if not series:
        raise ValueError("a reliability chart needs at least one series")
    rows = []
    desc_parts = []
    for label, _, _, bins in series:
        parts = []
        for lo, hi, n, mean, won in bins:
            if n == 0 or mean is None or won is None:
                continue
            rows.append((label, f"{100 * lo:.0f}–{100 * hi:.0f} %", str(n), f"{100 * mean:.1f}",
                         f"{100 * won:.1f}"))
            parts.append(f"{100 * mean:.0f} % chance, won {100 * won:.0f} % of {n}")
        desc_parts.append(f"{label}: " + "; ".join(parts))
    desc = ("The favourite's chance in each riding against how often it won, by bin. "
            + ". ".join(desc_parts) + ".")
    biggest = max((n for _, _, _, bins in series for _, _, n, _, _ in bins), default=1)

    def draw(w: float, h_total: float, layout: str) -> str:
        t = _TEXT[layout]
        left, right, bottom = (46.0, 22.0, 36.0)
        title_part, title_end = title_svg(title, x=8, y=16, size=_TITLE[layout], width=w - 16)
        legend_svg, legend_h = legend_row([(c, lab) for lab, c, _, _ in series], left,
                                          title_end + 10, width=w - left - right, size=t)
        top = title_end + 14 + legend_h + t + 14
        pw, ph = w - left - right, h_total - top - bottom
        x0 = 0.3  # the favourite of seven parties has at least 1/7; the bins start near 0.3

        def sx(v: float) -> float:
            return left + pw * (v - x0) / (1 - x0)

        def sy(v: float) -> float:
            return top + ph * (1 - v)

        out = []
        for v in (0.0, 0.25, 0.5, 0.75, 1.0):
            out.append(f'<line x1="{num(left)}" x2="{num(left + pw)}" y1="{num(sy(v))}" '
                       f'y2="{num(sy(v))}" stroke="{GRID}" stroke-width="0.6"/><text '
                       f'x="{num(left - 6)}" y="{num(sy(v) + 4)}" text-anchor="end" '
                       f'font-size="{num(t)}" fill="{MUTED}">{100 * v:.0f} %</text>')
        for v in (0.3, 0.5, 0.7, 0.9, 1.0):
            out.append(f'<line x1="{num(sx(v))}" x2="{num(sx(v))}" y1="{num(top)}" '
                       f'y2="{num(top + ph)}" stroke="{GRID}" stroke-width="0.6"/><text '
                       f'x="{num(sx(v))}" y="{num(top + ph + t + 4)}" text-anchor="middle" '
                       f'font-size="{num(t)}" fill="{MUTED}">{100 * v:.0f} %</text>')
        out.append(f'<line class="diagonal" x1="{num(sx(x0))}" y1="{num(sy(x0))}" x2="{num(sx(1))}" '
                   f'y2="{num(sy(1))}" stroke="{INK}" stroke-width="1" stroke-dasharray="4 3"/>')
        out.append(f'<text x="{num(left + pw / 2)}" y="{num(h_total - 4)}" text-anchor="middle" '
                   f'font-size="{num(t)}" fill="{INK}">chance given to the favourite</text>')
        out.append(f'<text x="{num(8)}" y="{num(top - 8)}" font-size="{num(t)}" fill="{INK}">'
                   "favourite won (the diagonal: as often as its chance said)</text>")
        for label, c, marker, bins in series:
            pts = [(mean, won, n) for _, _, n, mean, won in bins
                   if n and mean is not None and won is not None]
            line = " ".join(f"{num(sx(m))},{num(sy(y))}" for m, y, _ in pts)
            dots = "".join(
                f"<g><title>{esc(label)}: {n} ridings, mean chance {100 * m:.1f} %, favourite won "
                f"{100 * y:.1f} %</title>"
                + _marker(marker, sx(m), sy(y), 2.5 + 4.0 * math.sqrt(n / biggest), c) + "</g>"
                for m, y, n in pts)
            out.append(f'<g class="series" data-model="{esc(label)}"><polyline points="{line}" '
                       f'fill="none" stroke="{c}" stroke-width="1.4" stroke-opacity="0.7"/>{dots}</g>')
        return (svg_open(w, h_total, title, desc, css_class="reliability", layout=layout)
                + title_part + legend_svg + "".join(out) + "</svg>")

    table = Table(f"{title}: ridings, mean chance and share won by bin of the favourite's chance",
                  ("Model", "Chance bin", "Ridings", "Mean chance (%)", "Favourite won (%)"), tuple(rows))
    return Figure(draw(width, height, "wide"), table, title, desc,
                  narrow=draw(NARROW, 380, "narrow"), width=width)
