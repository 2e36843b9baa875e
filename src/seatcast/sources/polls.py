"""Opinion polls: the PollsterAudit importer, the built-in poll tables and user poll files.

Built-in tables (``polls_2019.csv``, ``polls_2021.csv``, ``polls_2025.csv``,
``polls_ge46.csv``: the table each election record names) hold every national
vote-intention poll of the cycle before each election, as listed on English Wikipedia
(CC BY-SA 4.0) and collected by PollsterAudit.  A user file has the same CSV
format, with an optional ``region`` column so that regional polls can be supplied:

``firm,end_date,sample_size,LPC,CPC,BQ,NDP,GPC,PPC,OTH`` (required; shares in percent;
``sample_size`` may be empty when the pollster did not publish it),
plus optional ``start_date``, ``method``, ``rolling`` (0/1), ``region`` (ATL QC ON PR AB BC
NO, empty for national) and ``source``.  A party column may be left empty when the poll
did not report it.

Traps in the raw PollsterAudit JSON: the column order differs by year (always zip with
``headings``), ``Date`` is epoch milliseconds of the last fieldwork day, and the 2019 files
have no ``Others`` column although the headings name one: there the values sit one column
to the left (margin of error under ``Others``, sample size under ``MarginOfError``, the lead
under ``PollingMethod``).  That layout is detected row by row.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from seatcast.domain.geography import parse_region
from seatcast.domain.parties import Party
from seatcast.domain.polls import POLL_PARTIES, Poll
from seatcast.errors import InputFileError
from seatcast.sources.tables import write_csv
from seatcast.sources.textfile import numbered_rows, read_text

HEADER: tuple[str, ...] = (
    "firm",
    "start_date",
    "end_date",
    "sample_size",
    "method",
    "rolling",
    "region",
    *(p.value for p in POLL_PARTIES),
    "source",
)
_RAW_PARTY = {
    "LPC": Party.LPC,
    "CPC": Party.CPC,
    "BQ": Party.BQ,
    "NDP": Party.NDP,
    "GPC": Party.GPC,
    "PPC": Party.PPC,
    "Others": Party.OTH,
}
#: One spelling per firm (Wikipedia writes EKOS and Ekos in different years).
_FIRM_ALIASES = {"ekos": "EKOS", "leger": "Leger", "léger": "Leger"}


def canonical_firm(name: str) -> str:
    n = " ".join(name.split())
    return _FIRM_ALIASES.get(n.casefold(), n)


def _num(v: Any) -> float | None:
    if v is None or v == "":
        return None
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def read_pollsteraudit(path: Path) -> list[Poll]:
    """Polls of one PollsterAudit JSON file (national vote intention only)."""
    try:
        doc = json.loads(read_text(path))
        headings = list(doc["headings"])
        data = doc["data"]
    except (json.JSONDecodeError, KeyError, TypeError) as e:
        raise InputFileError(path, None, f"not a PollsterAudit poll file ({e})") from None
    out: list[Poll] = []
    for i, row in enumerate(data, start=1):
        if len(row) != len(headings):
            raise InputFileError(path, None, f"poll {i} has {len(row)} values for {len(headings)} headings")
        rec = dict(zip(headings, row, strict=True))
        moe, n, method = rec.get("MarginOfError"), rec.get("SampleSize"), rec.get("PollingMethod")
        others = rec.get("Others")
        if n is None and isinstance(moe, (int, float)) and moe > 100:  # the 2019 shifted layout
            n, others, method = moe, None, ""
        shares = []
        for p in POLL_PARTIES:
            raw = others if p is Party.OTH else rec.get(p.value)
            shares.append(_num(raw))
        known = sum(s for s in shares if s is not None)
        if shares[-1] is None:
            shares[-1] = round(max(0.0, 100.0 - known), 2)
        if not 90 <= sum(s for s in shares if s is not None) <= 110:
            raise InputFileError(path, None, f"poll {i} ({rec.get('PollingFirm')}): shares sum to {known}")
        method_s = str(method or "").strip()
        if method_s in ("—N/a", "–", "-", "—"):
            method_s = ""
        end = dt.datetime.fromtimestamp(int(rec["Date"]) / 1000, tz=dt.UTC).date()
        out.append(
            Poll(
                firm=canonical_firm(str(rec["PollingFirm"])),
                end_date=end,
                sample_size=int(n) if n is not None else None,
                shares=tuple(shares),
                method=method_s,
                rolling="rolling" in method_s.casefold(),
                source=str(rec.get("Citation") or ""),
            )
        )
    return out


def _sort_key(p: Poll) -> tuple[Any, ...]:
    return (p.end_date, p.firm, p.region or "", p.sample_size or 0, p.source, p.shares)


def write_poll_csv(path: Path, polls: Iterable[Poll]) -> None:
    rows = []
    for p in sorted(polls, key=_sort_key):
        rows.append(
            (
                p.firm,
                p.start_date.isoformat() if p.start_date else "",
                p.end_date.isoformat(),
                p.sample_size,
                p.method,
                int(p.rolling),
                p.region.value if p.region else "",
                *("" if s is None else f"{s:g}" for s in p.shares),
                p.source,
            )
        )
    write_csv(path, HEADER, rows)


def _date(path: Path, line: int, what: str, text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise InputFileError(path, line, f"{what} {text.strip()!r} is not a date (YYYY-MM-DD)") from None


def parse_poll_rows(path: Path, rows: Sequence[tuple[int, list[str]]]) -> list[Poll]:
    """Polls from CSV rows (the built-in table format, also the user format)."""
    if not rows:
        raise InputFileError(path, None, "empty file (expected a header line)")
    hline, header = rows[0]
    cols = [h.strip().lstrip("\ufeff").casefold() for h in header]
    idx = {c: i for i, c in enumerate(cols)}
    for need in ("firm", "end_date", "sample_size"):
        if need not in idx:
            raise InputFileError(path, hline, f"missing column {need!r} in the header")
    pcols = {p: idx.get(p.value.casefold()) for p in POLL_PARTIES}
    if all(v is None for v in pcols.values()):
        raise InputFileError(path, hline, "no party column (expected LPC, CPC, BQ, NDP, GPC, PPC, OTH)")
    out = []
    for line, f in rows[1:]:
        if not any(x.strip() for x in f):
            continue
        if len(f) < len(cols):
            f = f + [""] * (len(cols) - len(f))

        def cell(name: str, f: list[str] = f) -> str:
            i = idx.get(name)
            return f[i].strip() if i is not None else ""

        firm = cell("firm")
        if not firm:
            raise InputFileError(path, line, "firm is empty")
        end = _date(path, line, "end_date", cell("end_date"))
        start = _date(path, line, "start_date", cell("start_date")) if cell("start_date") else None
        if start is not None and start > end:
            raise InputFileError(path, line, f"start_date {start} is after end_date {end}")
        n: int | None = None
        if cell("sample_size"):  # empty: not published
            try:
                n = int(cell("sample_size").replace(",", ""))
            except ValueError:
                raise InputFileError(
                    path, line, f"sample_size {cell('sample_size')!r} is not a whole number"
                ) from None
            if n <= 0:
                raise InputFileError(path, line, f"sample_size must be positive (got {n})")
        shares: list[float | None] = []
        for p in POLL_PARTIES:
            i = pcols[p]
            raw = f[i].strip().rstrip("%") if i is not None else ""
            if raw == "":
                shares.append(None)
                continue
            try:
                v = float(raw)
            except ValueError:
                raise InputFileError(path, line, f"{p.value} share {raw!r} is not a number") from None
            if not 0 <= v <= 100:
                raise InputFileError(path, line, f"{p.value} share {v:g} is outside 0-100")
            shares.append(v)
        total = sum(s for s in shares if s is not None)
        if not 50 <= total <= 110:
            raise InputFileError(path, line, f"shares sum to {total:g} (expected about 100, in percent)")
        region = None
        if cell("region"):
            try:
                region = parse_region(cell("region"))
            except ValueError as e:
                raise InputFileError(path, line, str(e)) from None
        rolling_s = cell("rolling").casefold()
        if rolling_s not in ("", "0", "1", "true", "false", "yes", "no"):
            raise InputFileError(path, line, f"rolling {cell('rolling')!r} is not 0 or 1")
        method = cell("method")
        rolling = rolling_s in ("1", "true", "yes") or (rolling_s == "" and "rolling" in method.casefold())
        out.append(
            Poll(canonical_firm(firm), end, n, tuple(shares), method, rolling, region, start, cell("source"))
        )
    if not out:
        raise InputFileError(path, None, "no polls in the file")
    return out


def read_poll_csv(path: str | Path) -> list[Poll]:
    """A user poll file (see the module docstring for the format)."""
    p = Path(path)
    return parse_poll_rows(p, list(numbered_rows(read_text(p), ",")))


def parse_poll_table(text: str, name: str) -> tuple[Poll, ...]:
    """The polls of a built poll table (same format as a user file)."""
    return tuple(parse_poll_rows(Path(name), list(numbered_rows(text, ","))))
