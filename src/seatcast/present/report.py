"""A self-contained HTML report of one election, to send as a single file.

Everything is inline: the stylesheet, every chart (SVG), every data table.  The file opens
offline in any browser and holds no script and no external reference.  ``to_pdf`` prints it
with a headless Chromium when one is installed (Debian's ``chromium``).
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from seatcast.errors import SeatcastError
from seatcast.present.palette import css_variables
from seatcast.present.svg import Figure, Table, esc

if TYPE_CHECKING:
    from seatcast.views.election import ElectionView


def stylesheet() -> str:
    """The stylesheet: the palette's custom properties, then ``style.css`` (which uses them)."""
    css = resources.files("seatcast.present").joinpath("style.css").read_text(encoding="utf-8")
    return css_variables() + css


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.1f} %"


def render_report(v: ElectionView, figs: Mapping[str, Figure], *,
                  generated: dt.date | None = None, opening: str = "") -> str:
    """The report of an election's view as one HTML string (``figs``: its charts;
    ``opening``: sections before it, e.g. the House today)."""
    e = v.election
    gov = v.government
    status = (f"{gov.party.name_en} {gov.status}: {gov.seats} seats, "
              + (f"{gov.short_by} short of {gov.majority}" if gov.short_by
                 else f"{gov.spare} above the {gov.majority} needed"))
    cmp = v.compared_with.id if v.compared_with else None
    parties = Table(
        f"Seats and votes by party{f' (change against {cmp})' if cmp else ''}",
        ("Party", "Seats", "Change", "Votes", "Share", "Change (points)"),
        tuple((pl.name, str(pl.seats),
               "—" if pl.seats_change is None else f"{pl.seats_change:+d}",
               f"{pl.votes:,}", _pct(pl.share),
               "—" if pl.share_change is None else f"{100 * pl.share_change:+.1f}")
              for pl in v.parties))
    closest = Table(f"The {len(v.closest)} closest ridings",
                    ("Riding", "Province", "Winner", "Runner-up", "Margin (votes)"),
                    tuple((r.name, r.province, f"{r.winner.value} ({r.winner_name or r.winner.name_en})",
                           r.runner_up.value if r.runner_up else "—", f"{r.margin:,}")
                          for r in v.closest))
    day = e.date.isoformat() if e.date else "date not known"
    sections = [
        opening,
        f"<h1>{esc(e.name)}</h1>",
        f'<p class="lede">{day} · {v.seats_total} ridings · '
        f"{v.majority} seats for a majority · turnout {_pct(v.turnout)}</p>",
        f'<p class="card" id="government"><strong>{esc(status)}</strong></p>',
        "<h2>The House</h2>", figs["hemicycle"].html(),
        "<h2>Seats and votes</h2>", parties.html(),
    ]
    if "hexmap" in figs:
        sections += ["<h2>Every riding</h2>", figs["hexmap"].html()]
    if "margin" in figs:
        sections += [figs["margin"].html()]
    if "swing" in figs:
        sections += ["<h2>Swing by region</h2>", figs["swing"].html()]
    sections += ["<h2>Closest races</h2>", closest.html()]
    if v.flips:
        flips = Table(f"{len(v.flips)} ridings won by a different party than in {cmp}",
                      ("Riding", "Province", "From", "To"),
                      tuple((f.name, f.province, f.before.value, f.after.value) for f in v.flips))
        sections += [f"<h2>Seats that changed hands ({len(v.flips)})</h2>", flips.html()]
    made = (generated or dt.date.today()).isoformat()
    sections.append(f'<p class="note">Source: {esc(v.source)}. Made with Seatcast on {made}. '
                    "Colours: the parties' own (Liberal red, Conservative blue, NDP orange, "
                    "Bloc light blue, Green green, People's Party purple), in shades chosen to "
                    "stay apart for readers with red-green colour blindness; every chart is "
                    "followed by its data table.</p>")
    return ("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{esc(e.name)} · Seatcast report</title><style>{stylesheet()}"
            "</style></head><body><main>"
            + "\n".join(sections) + "</main></body></html>\n")


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def to_pdf(html: str, out: Path, *, chromium: str | None = None) -> None:
    """Print the report to PDF with a headless Chromium."""
    exe = chromium or find_chromium()
    if exe is None:
        raise SeatcastError("--pdf needs Chromium (Debian: apt-get install chromium)")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "report.html"
        src.write_text(html, encoding="utf-8")
        cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
               f"--print-to-pdf={out.resolve()}", src.as_uri()]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0 or not out.exists():
        detail = " ".join(done.stderr.split())[-200:]  # the message stays on one line
        raise SeatcastError(f"Chromium could not print the PDF: {detail}")
