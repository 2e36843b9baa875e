"""`seatcast check ARTICLE`: fact-check an election article against the official results.

The fact-checker (:mod:`seatcast.factcheck`, with its few hundred regular expressions) is
imported when the command runs, not when the CLI starts: `seatcast results` never loads it.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from seatcast.cli.common import as_of, as_of_option, catalog, election_option, json_option
from seatcast.cli.output import console, emit_json, err_console
from seatcast.errors import InputFileError
from seatcast.sources.textfile import decode_wide, wide_bom

if TYPE_CHECKING:
    from rich.text import Text

    from seatcast.views.factcheck import ClaimChecked, FactCheckView

#: Verdict (its value) -> style.
_STYLE = {"correct": "bold green", "close": "bold yellow", "wrong": "bold red",
          "cannot be checked": "bold magenta"}
_MAX_BYTES = 20_000_000
#: Articles with more text than this (about a second of checking) show a progress bar on stderr.
_PROGRESS_MIN_CHARS = 100_000


def read_article(path: str) -> tuple[str, bool | None]:
    """The article's text, and whether it is HTML (``None``: guess from the content)."""
    if path == "-":
        data = sys.stdin.buffer.read()
        name = "<stdin>"
        html: bool | None = None
    else:
        p = Path(path)
        name = path
        if not p.exists():
            raise InputFileError(path, None, "no such file")
        if p.is_dir():
            raise InputFileError(path, None, "is a directory, not an article")
        try:
            with p.open("rb") as f:
                data = f.read(_MAX_BYTES + 1)
        except OSError as e:
            raise InputFileError(path, None, f"cannot be read ({e.strerror or e})") from None
        html = True if p.suffix.lower() in (".html", ".htm", ".xhtml") else None
    if len(data) > _MAX_BYTES:
        raise InputFileError(name, None, f"is larger than {_MAX_BYTES // 1_000_000} MB: not an article")
    return decode(data, name), html


def decode(data: bytes, name: str) -> str:
    """UTF-16 or UTF-32 when the file starts with their byte-order mark (Windows editors save
    "Unicode" text so), else UTF-8 (with or without BOM), else Windows-1252 (the usual legacy
    encoding of English and French text), else what charset-normalizer finds; binary refused."""
    wide = wide_bom(data)
    if wide:
        text = decode_wide(name, data, *wide)
        if not text.strip():
            raise InputFileError(name, None, "the article is empty")
        if "\x00" in text:
            raise InputFileError(name, None, "is a binary file, not an article (text or HTML)")
        return text
    if not data.strip():
        raise InputFileError(name, None, "the article is empty")
    if b"\x00" in data[:65536]:
        raise InputFileError(name, None, "is a binary file, not an article (text or HTML)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
        if not re.search(r"[\x00-\x08\x0e-\x1f\x7f]", text):
            return text
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # a trafilatura dependency

    best = from_bytes(data).best()
    if best is None:
        raise InputFileError(name, None, "is not text in any known encoding (a binary file?)")
    return str(best)


@click.command("check")
@click.argument("article", help="Article to check: a text file, an HTML file, or - for stdin.")
@election_option
@as_of_option
@json_option
def check(article: str, election: str | None, as_of_: str | None, as_json: bool) -> None:
    """Check every seat, vote-share and turnout claim in an article against the official results.

    The election is inferred from the text unless --election names it; the article's day
    (--as-of, else its publication date, else today) is the day of the House that claims
    about the House as it stands ("now hold 171 seats") are checked against."""
    from seatcast.views.factcheck import FactCheckRequest, fact_check_view

    content, html = read_article(article)
    name = "<stdin>" if article == "-" else article
    req = FactCheckRequest(content, name, dt.date.today(), html, election, as_of(as_of_))
    with _progress(len(content)) as tick:
        v = fact_check_view(catalog(), req, progress=tick)
    if as_json:
        emit_json(v)
    else:
        render(v)


@contextmanager
def _progress(chars: int) -> Iterator[Callable[[int, int], None] | None]:
    """A transient "checking" bar on stderr for a long article read at a terminal, else nothing."""
    if chars < _PROGRESS_MIN_CHARS or not err_console.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn("checking"), BarColumn(),
                  TextColumn("{task.completed:,}/{task.total:,} characters"), TimeRemainingColumn(),
                  console=err_console, transient=True) as bar:
        task = bar.add_task("checking", total=chars)
        yield lambda done, total: bar.update(task, completed=done, total=total)


# --- output -----------------------------------------------------------------------------------

_SHARES = ("vote share", "turnout")


def stated_text(c: ClaimChecked) -> str:
    s = c.stated
    hedge = f"{c.hedge_kind} " if c.hedge_kind != "exact" else ""
    if c.invalid:
        return f"{s} %" if c.kind in _SHARES else f"{s}"
    if c.kind in _SHARES and isinstance(s, (int, float)):
        return f"{hedge}{s:.{c.decimals}f} %"
    if c.kind == "turnout change" and isinstance(s, (int, float)):
        return f"{hedge}{s:+.{c.decimals}f} points"
    if c.kind == "riding margin" and isinstance(s, int):
        return f"{hedge}a margin of {s:,} vote{'s' if s != 1 else ''}"
    if c.kind == "riding votes" and isinstance(s, int):
        return f"{hedge}{s:,} vote{'s' if s != 1 else ''}"
    if c.kind == "seat change" and isinstance(s, int):
        return f"{hedge}{s:+d}" if c.direction else f"{hedge}{s} (change)"
    if c.kind in ("rank", "consecutive terms"):
        return _ordinal(int(s))
    if c.kind == "seats" and c.direction:
        return f"{hedge}{s} ({c.direction})"
    return f"{hedge}{s}"


def official_text(c: ClaimChecked) -> str:
    o = c.official
    if o is None:
        return "—"
    if c.kind in _SHARES and isinstance(o, (int, float)):
        return f"{o:.2f} %"
    if c.kind == "turnout change" and isinstance(o, float):
        return f"{o:+.2f} points"
    if c.kind in ("riding margin", "riding votes") and isinstance(o, int):
        return f"{o:,}"
    if c.kind == "seat change" and isinstance(o, int) and c.direction:
        return f"{o:+d}"
    if c.kind in ("rank", "consecutive terms") and isinstance(o, int):
        return _ordinal(o)
    return str(o)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _about(c: ClaimChecked) -> str:
    parts = [c.kind]
    if c.party is not None:
        named = (f" ({c.party_named_as})" if c.party_named_as
                 else " (the largest party)" if c.party_implied else "")
        parts.append(f"{c.party.value}{named}")
    if c.province:
        parts.append(f"in {c.province}")
    if c.riding is not None:
        parts.append(f"{c.riding.code} {c.riding.name}")
    if c.kind == "rank":
        parts.append(f"by {c.measure}")
    if c.refers_to and c.refers_to not in ("projection",):
        parts.append(f"refers to {c.refers_to}")
    return " · ".join(parts)


def render(v: FactCheckView) -> None:
    from rich.text import Text

    e = v.election
    console.print(Text(f"Fact-check of {v.article}", style="bold"))
    day = e.date.isoformat() if e.date else "date not known"
    console.print(f"Election: {e.name} ({day}), {e.how}", markup=False, soft_wrap=True)
    if v.house is not None and any(c.refers_to == "now" for c in v.claims):
        h = v.house
        seats = ", ".join(f"{p.value} {n}" for p, n in h.seats.items())
        vacant = f", {h.vacant} vacant" if h.vacant else ""
        console.print(f"The House on {h.as_of} ({v.as_of_from}): {seats}{vacant}", markup=False,
                      soft_wrap=True)
    lang = "English" if v.language == "en" else "French"
    n, dropped = v.paragraphs, v.lines_left_out
    console.print(f"Language: {lang} · {n} paragraph{'s' if n != 1 else ''} read, {dropped} repeated or "
                  f"boilerplate line{'s' if dropped != 1 else ''} left out", markup=False)
    summary = ", ".join(f"{k} {verdict}" for verdict, k in v.summary.items() if k)
    console.print(f"{len(v.claims)} claims: {summary or 'none found'}", markup=False)
    sources: list[str] = []
    for i, c in enumerate(v.claims, 1):
        console.print()
        head = Text(f"{i:>2}. ")
        head.append(f"{c.verdict.upper():<18}", style=_STYLE[c.verdict])
        head.append(_about(c))
        console.print(head)
        console.print(Text(f"    stated {stated_text(c)} · official {official_text(c)}"))
        console.print(_quote(c), soft_wrap=True)
        if c.note:
            console.print(Text(f"    {c.note}", style="dim"), soft_wrap=True)
        if c.source:
            if c.source not in sources:
                sources.append(c.source)
            console.print(Text(f"    source [{sources.index(c.source) + 1}]", style="dim"))
    if sources:
        console.print()
        console.print(Text("Sources", style="bold"))
        for i, src in enumerate(sources, 1):
            console.print(Text(f"  [{i}] {src}"), soft_wrap=True)


def _quote(c: ClaimChecked) -> Text:
    from rich.text import Text

    quote = c.quote
    t = Text("    “")
    at = quote.find(c.claim)
    if at < 0:
        t.append(quote)
    else:
        t.append(quote[:at])
        t.append(quote[at:at + len(c.claim)], style="bold underline")
        t.append(quote[at + len(c.claim):])
    t.append("”")
    return t
