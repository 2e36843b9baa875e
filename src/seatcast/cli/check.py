"""`seatcast check ARTICLE`: fact-check an election article against the official results.

The fact-checker (:mod:`seatcast.factcheck`, with its few hundred regular expressions) is
imported when the command runs, not when the CLI starts: `seatcast results` never loads it.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.text import Text

from seatcast.catalog import election_ids, load
from seatcast.cli.output import console, emit_json, err_console
from seatcast.errors import InputFileError, SeatcastError
from seatcast.sources.textfile import decode_wide, wide_bom

if TYPE_CHECKING:
    from seatcast.factcheck import CheckedClaim, FactCheck

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


def register(app: typer.Typer) -> None:
    @app.command("check")
    def check(
        article: str = typer.Argument(
            ..., help="Article to check: a text file, an HTML file, or - for stdin."),
        election: str | None = typer.Option(
            None, "--election", "-e",
            help=f"Election the article is about ({', '.join(election_ids())}); "
                 "inferred from the text if left out."),
        json_out: bool = typer.Option(False, "--json", help="Print one JSON object instead of the report."),
    ) -> None:
        """Check every seat, vote-share and turnout claim in an article against the official results."""
        from seatcast.factcheck import check_article, extract_article

        content, html = read_article(article)
        try:
            parsed = extract_article(content, html=html)
        except SeatcastError as e:
            raise InputFileError("<stdin>" if article == "-" else article, None, str(e)) from None
        elections = {k: load(k) for k in election_ids()}
        with _progress(len(parsed.text)) as tick:
            result = check_article(parsed, elections, election=election, progress=tick)
        if json_out:
            emit_json(as_json(result, article))
        else:
            render(result, article)


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


def stated_text(c: CheckedClaim) -> str:
    from seatcast.factcheck.patterns import Kind

    claim = c.claim
    s = claim.stated
    hedge = f"{claim.hedge.value} " if claim.hedge.value != "exact" else ""
    if claim.invalid:
        return f"{s} %" if claim.kind in (Kind.VOTE_SHARE, Kind.TURNOUT) else f"{s}"
    if claim.kind in (Kind.VOTE_SHARE, Kind.TURNOUT):
        return f"{hedge}{s:.{claim.decimals}f} %"
    if claim.kind is Kind.TURNOUT_CHANGE:
        return f"{hedge}{s:+.{claim.decimals}f} points"
    if claim.kind is Kind.RIDING_MARGIN:
        return f"{hedge}a margin of {s:,} vote{'s' if s != 1 else ''}"
    if claim.kind is Kind.RIDING_VOTES:
        return f"{hedge}{s:,} vote{'s' if s != 1 else ''}"
    if claim.kind is Kind.SEAT_CHANGE:
        return f"{hedge}{s:+d}" if claim.direction else f"{hedge}{s} (change)"
    if claim.kind in (Kind.RANK, Kind.TERMS):
        return _ordinal(int(s))
    if claim.kind is Kind.SEATS and claim.direction:
        return f"{hedge}{s} ({claim.direction})"
    return f"{hedge}{s}"


def official_text(c: CheckedClaim) -> str:
    from seatcast.factcheck.patterns import Kind

    o = c.official
    if o is None:
        return "—"
    if c.claim.kind in (Kind.VOTE_SHARE, Kind.TURNOUT):
        return f"{o:.2f} %"
    if c.claim.kind is Kind.TURNOUT_CHANGE and isinstance(o, float):
        return f"{o:+.2f} points"
    if c.claim.kind in (Kind.RIDING_MARGIN, Kind.RIDING_VOTES) and isinstance(o, int):
        return f"{o:,}"
    if c.claim.kind is Kind.SEAT_CHANGE and isinstance(o, int) and c.claim.direction:
        return f"{o:+d}"
    if c.claim.kind in (Kind.RANK, Kind.TERMS) and isinstance(o, int):
        return _ordinal(o)
    return str(o)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _about(c: CheckedClaim) -> str:
    from seatcast.factcheck.patterns import Kind

    claim = c.claim
    parts = [claim.kind.value]
    if claim.party is not None:
        named = (f" ({claim.party_text})" if claim.party_text
                 else " (the largest party)" if claim.party_implied else "")
        parts.append(f"{claim.party.value}{named}")
    if claim.province:
        parts.append(f"in {claim.province}")
    if c.riding is not None:
        parts.append(f"{c.riding.code} {c.riding.name_en}")
    if claim.kind is Kind.RANK:
        parts.append(f"by {claim.measure}")
    if claim.refers_to and claim.refers_to not in ("projection",):
        parts.append(f"refers to {claim.refers_to}")
    return " · ".join(parts)


def render(result: FactCheck, path: str) -> None:
    e = result.election
    counts = result.counts()
    console.print(Text(f"Fact-check of {'<stdin>' if path == '-' else path}", style="bold"))
    console.print(f"Election: {e.name} ({e.date.isoformat()}), {result.inference.describe()}", markup=False,
                  soft_wrap=True)
    lang = "English" if result.lang.value == "en" else "French"
    n, dropped = len(result.article.paragraphs), result.article.dropped
    console.print(f"Language: {lang} · {n} paragraph{'s' if n != 1 else ''} read, {dropped} repeated or "
                  f"boilerplate line{'s' if dropped != 1 else ''} left out", markup=False)
    summary = ", ".join(f"{n} {v}" for v, n in counts.items() if n)
    console.print(f"{len(result.claims)} claims: {summary or 'none found'}", markup=False)
    sources: list[str] = []
    for i, c in enumerate(result.claims, 1):
        console.print()
        head = Text(f"{i:>2}. ")
        head.append(f"{c.verdict.value.upper():<18}", style=_STYLE[c.verdict.value])
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
        for i, s in enumerate(sources, 1):
            console.print(Text(f"  [{i}] {s}"), soft_wrap=True)


def _quote(c: CheckedClaim) -> Text:
    quote = c.claim.quote
    t = Text("    “")
    at = quote.find(c.claim.text)
    if at < 0:
        t.append(quote)
    else:
        t.append(quote[:at])
        t.append(quote[at:at + len(c.claim.text)], style="bold underline")
        t.append(quote[at + len(c.claim.text):])
    t.append("”")
    return t


def as_json(result: FactCheck, path: str) -> dict[str, Any]:
    e = result.election
    return {
        "article": "<stdin>" if path == "-" else path,
        "language": result.lang.value,
        "election": {"id": e.id, "name": e.name, "date": e.date, "seats": e.seats_total,
                     "inferred": not result.inference.given, "how": result.inference.describe()},
        "paragraphs": len(result.article.paragraphs),
        "lines_left_out": result.article.dropped,
        "summary": result.counts(),
        "claims": [claim_json(c) for c in result.claims],
    }


def claim_json(c: CheckedClaim) -> dict[str, Any]:
    from seatcast.factcheck.patterns import Kind

    claim = c.claim
    return {
        "claim": claim.text,
        "quote": claim.quote,
        "kind": claim.kind.value,
        "party": claim.party.value if claim.party else None,
        "stated": claim.stated,
        "official": c.official,
        "verdict": c.verdict.value,
        "hedge": claim.hedge_text,
        "hedge_kind": claim.hedge.value,
        "party_named_as": claim.party_text,
        "party_implied": claim.party_implied,
        "direction": claim.direction,
        "measure": claim.measure if claim.kind is Kind.RANK else None,
        "refers_to": claim.refers_to,
        "province": claim.province,
        "compared_with": c.compared_with,
        "riding": {"code": c.riding.code, "name": c.riding.name_en} if c.riding else None,
        "note": c.note,
        "source": c.source,
        "paragraph": claim.paragraph + 1,
    }
