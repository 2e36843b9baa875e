"""Opinion polls: the PollsterAudit importer, the built-in poll tables and user poll files.

Built-in tables (``polls_2019.csv``, ``polls_2021.csv``, ``polls_2025.csv``,
``polls_ge46.csv``: the table each election record names) hold every national
vote-intention poll of the cycle before each election, as listed on English Wikipedia
(CC BY-SA 4.0) and collected by PollsterAudit.  ``polls_history.csv`` holds those of the
2004-2015 cycles (with an ``election`` column: the polling day of the election whose cycle
the poll is in), read only by the historical poll-error model.  A user file has the same
CSV format, with an optional ``region`` column so that regional polls can be supplied:

``firm,end_date,sample_size,LPC,CPC,BQ,NDP,GPC,PPC,OTH`` (required; shares in percent;
``sample_size`` may be empty when the pollster did not publish it),
plus optional ``start_date``, ``released`` (the publication day; empty: the day after
``end_date``), ``method``, ``rolling`` (0/1), ``region`` (ATL QC ON PR AB BC NO, empty for
national) and ``source``.  A party column may be left empty when the poll did not report it.

Traps in the raw PollsterAudit JSON: the column order differs by year (always zip with
``headings``), ``Date`` is epoch milliseconds of the last fieldwork day, the firm's name is
spelt several ways (``Compas``/``Compass``, ``Léger``/``Leger``, ``Ipsos-Reid``/``Ipsos
Reid``), and two layouts sit one column to the left of their headings (no ``Others``
column on Wikipedia): some 2019 rows (detected row by row: a sample size under
``MarginOfError``) and the whole 2015 files (margin of error under ``Others``, sample size
under ``MarginOfError``, ``SampleSize`` always empty, the lead under ``PollingMethod``:
detected file by file).  A row that leaves out a party of its file's headings (2004: BQ
or GPC; a 2019 row with only the two leaders) gets no "others" share made up from the
remainder.

The publication day is not in the data: a poll's ``released`` is the date in its cited
address when that date falls after the fieldwork (an article or release dated 1-14 days
later, e.g. ``ipolitics.ca/2021/08/16/...`` for fieldwork ending 2021-08-15); a date equal
to the last fieldwork day is the pollster's name for its fieldwork, not a publication day,
and is not used.  Without one the poll counts from the day after its fieldwork
(`seatcast.domain.polls.RELEASE_LAG`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
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
    "released",
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
#: One spelling per firm (Wikipedia writes EKOS and Ekos in different years; firms were
#: renamed: SES Research became Nanos Research in 2008, Decima became Harris-Decima in 2007).
_FIRM_ALIASES = {
    "ekos": "EKOS", "ekos research associates": "EKOS",
    "leger": "Leger", "leger marketing": "Leger",
    "ipsos reid": "Ipsos",
    "compas": "COMPAS", "compass": "COMPAS",
    "angus reid strategies": "Angus Reid", "angus reid public opinion": "Angus Reid",
    "decima": "Harris-Decima", "decima research": "Harris-Decima", "harris decima": "Harris-Decima",
    "ses": "Nanos Research", "ses research": "Nanos Research", "nanos": "Nanos Research",
    "unimarketing": "UniMarketing",
    "innovative research group": "Innovative Research",
    "praxicus public strategies": "Praxicus",
}


def canonical_firm(name: str) -> str:
    n = " ".join(name.split())
    key = unicodedata.normalize("NFKD", n).encode("ascii", "ignore").decode().casefold()
    key = " ".join(key.replace("-", " ").split())
    return _FIRM_ALIASES.get(key, n)


#: The built table of the 2004-2015 cycles' polls (for the poll-error model only).
HISTORY_TABLE = "polls_history.csv"
HISTORY_HEADER: tuple[str, ...] = ("election", *HEADER)
#: PollsterAudit's folders of the cycles before the built-in elections' poll tables, by
#: the polling day of the election that ends each cycle.
HISTORY_FILES: tuple[tuple[dt.date, str], ...] = (
    (dt.date(2004, 6, 28), "2004"),
    (dt.date(2006, 1, 23), "2006"),
    (dt.date(2008, 10, 14), "2008"),
    (dt.date(2011, 5, 2), "2011"),
    (dt.date(2015, 10, 19), "2015"),
)

_MONTHS = {m: i + 1 for i, m in enumerate((
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december"))}
_MONTHS |= {m[:3]: i for m, i in list(_MONTHS.items())}
_ARCHIVE = re.compile(r"web\.archive\.org/web/\d+[a-z_]*/", re.I)
_URL_DATES = (
    re.compile(r"(?<!\d)(20\d\d)[/_ -](\d\d)[/_ -](\d\d)(?!\d)"),
    re.compile(r"(?<!\d)(20\d\d)(\d\d)(\d\d)(?!\d)"),
    re.compile(r"(?<!\d)(\d{1,2})[-_ ]?(" + "|".join(sorted(_MONTHS, key=len, reverse=True))
               + r")[-_ ]?(20\d\d)(?!\d)", re.I),
)
#: A date in a cited address is a publication day if it falls this many days after the
#: fieldwork at most.
RELEASE_WINDOW = 14


def release_from_citation(url: str, end: dt.date) -> dt.date | None:
    """The publication day a cited address gives: the latest date in it that falls 1 to
    `RELEASE_WINDOW` days after the last fieldwork day ``end`` (None if there is none)."""
    text = _ARCHIVE.sub("", url or "")
    unquoted = text.replace("%20", " ").replace("%2F", "/")
    found: list[dt.date] = []
    for k, pat in enumerate(_URL_DATES):
        for m in pat.finditer(unquoted):
            g = m.groups()
            try:
                day = (dt.date(int(g[2]), _MONTHS[g[1].casefold()], int(g[0])) if k == 2
                       else dt.date(int(g[0]), int(g[1]), int(g[2])))
            except (ValueError, KeyError):
                continue
            if 1 <= (day - end).days <= RELEASE_WINDOW:
                found.append(day)
    return max(found) if found else None


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
    # The parties every poll of the time reported: a row without one of them (2004: BQ or
    # GPC) gets no "others" share made up from the remainder.  The PPC is not among them: a
    # poll before its founding (2018) rightly has its remainder as "others".
    named = [h for h in ("LPC", "CPC", "NDP", "BQ", "GPC") if h in headings]
    recs = []
    for i, row in enumerate(data, start=1):
        if len(row) != len(headings):
            raise InputFileError(path, None, f"poll {i} has {len(row)} values for {len(headings)} headings")
        recs.append(dict(zip(headings, row, strict=True)))
    # The 2015 layout: every value after the parties one column left (no "Others" column).
    shifted_file = (bool(recs) and "SampleSize" in headings and "Others" in headings
                    and all(r.get("SampleSize") is None for r in recs)
                    and all(_lead(r.get("PollingMethod")) for r in recs))
    out: list[Poll] = []
    for i, rec in enumerate(recs, start=1):
        moe, n, method = rec.get("MarginOfError"), rec.get("SampleSize"), rec.get("PollingMethod")
        others = rec.get("Others")
        if shifted_file or (n is None and isinstance(moe, (int, float)) and moe > 100):
            n, others, method = moe, None, ""
        shares = []
        for p in POLL_PARTIES:
            raw = others if p is Party.OTH else rec.get(p.value)
            shares.append(_num(raw))
        known = sum(s for s in shares if s is not None)
        complete = all(_num(rec.get(h)) is not None for h in named)
        if shares[-1] is None and complete:
            shares[-1] = round(max(0.0, 100.0 - known), 2)
        if not 50 <= sum(s for s in shares if s is not None) <= 110:
            raise InputFileError(path, None, f"poll {i} ({rec.get('PollingFirm')}): shares sum to {known}")
        method_s = str(method or "").strip()
        if method_s in ("—N/a", "–", "-", "—"):
            method_s = ""
        end = dt.datetime.fromtimestamp(int(rec["Date"]) / 1000, tz=dt.UTC).date()
        source = str(rec.get("Citation") or "")
        out.append(
            Poll(
                firm=canonical_firm(str(rec["PollingFirm"])),
                end_date=end,
                sample_size=int(n) if n is not None else None,
                shares=tuple(shares),
                method=method_s,
                rolling="rolling" in method_s.casefold(),
                source=source,
                released=release_from_citation(source, end),
            )
        )
    return out


def _lead(v: Any) -> bool:
    """A 2015 ``PollingMethod`` cell: the leader's lead in points (a number, or "Tie")."""
    if v is None:
        return True
    t = str(v).strip()
    return t.casefold() == "tie" or _num(t) is not None


def _sort_key(p: Poll) -> tuple[Any, ...]:
    return (p.end_date, p.firm, p.region or "", p.sample_size or 0, p.source, p.shares)


def _row(p: Poll) -> tuple[Any, ...]:
    return (
        p.firm,
        p.start_date.isoformat() if p.start_date else "",
        p.end_date.isoformat(),
        p.released.isoformat() if p.released else "",
        p.sample_size,
        p.method,
        int(p.rolling),
        p.region.value if p.region else "",
        *("" if s is None else f"{s:g}" for s in p.shares),
        p.source,
    )


def write_poll_csv(path: Path, polls: Iterable[Poll]) -> None:
    write_csv(path, HEADER, [_row(p) for p in sorted(polls, key=_sort_key)])


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
        out.append(_poll_row(_Row(path, line, f, idx), pcols))
    if not out:
        raise InputFileError(path, None, "no polls in the file")
    return out


@dataclass(frozen=True, slots=True)
class _Row:
    """One data line of a poll file, its cells by column name."""

    path: Path
    line: int
    fields: list[str]
    idx: Mapping[str, int]

    def cell(self, name: str) -> str:
        i = self.idx.get(name)
        return self.fields[i].strip() if i is not None else ""

    def error(self, message: str) -> InputFileError:
        return InputFileError(self.path, self.line, message)


def _poll_row(row: _Row, pcols: Mapping[Party, int | None]) -> Poll:
    """One poll; the cells are checked in the order of the columns' meaning (firm, dates,
    sample, shares, region, rolling), so the first fault named is always the same."""
    path, line, cell = row.path, row.line, row.cell
    firm = cell("firm")
    if not firm:
        raise row.error("firm is empty")
    end = _date(path, line, "end_date", cell("end_date"))
    start = _date(path, line, "start_date", cell("start_date")) if cell("start_date") else None
    if start is not None and start > end:
        raise row.error(f"start_date {start} is after end_date {end}")
    released = _date(path, line, "released", cell("released")) if cell("released") else None
    if released is not None and released < end:
        raise row.error(f"released {released} is before end_date {end} "
                        "(a poll is published after its fieldwork)")
    n = _sample_size(row)
    shares = _shares(row, pcols)
    region = None
    if cell("region"):
        try:
            region = parse_region(cell("region"))
        except ValueError as e:
            raise row.error(str(e)) from None
    rolling_s = cell("rolling").casefold()
    if rolling_s not in ("", "0", "1", "true", "false", "yes", "no"):
        raise row.error(f"rolling {cell('rolling')!r} is not 0 or 1")
    method = cell("method")
    rolling = rolling_s in ("1", "true", "yes") or (rolling_s == "" and "rolling" in method.casefold())
    return Poll(canonical_firm(firm), end, n, tuple(shares), method, rolling, region, start,
                cell("source"), released)


def _sample_size(row: _Row) -> int | None:
    text = row.cell("sample_size")
    if not text:  # empty: not published
        return None
    try:
        n = int(text.replace(",", ""))
    except ValueError:
        raise row.error(f"sample_size {text!r} is not a whole number") from None
    if n <= 0:
        raise row.error(f"sample_size must be positive (got {n})")
    return n


def _shares(row: _Row, pcols: Mapping[Party, int | None]) -> list[float | None]:
    shares: list[float | None] = []
    for p in POLL_PARTIES:
        i = pcols[p]
        raw = row.fields[i].strip().rstrip("%") if i is not None else ""
        if raw == "":
            shares.append(None)
            continue
        try:
            v = float(raw)
        except ValueError:
            raise row.error(f"{p.value} share {raw!r} is not a number") from None
        if not 0 <= v <= 100:
            raise row.error(f"{p.value} share {v:g} is outside 0-100")
        shares.append(v)
    total = sum(s for s in shares if s is not None)
    if not 50 <= total <= 110:
        raise row.error(f"shares sum to {total:g} (expected about 100, in percent)")
    return shares


def read_poll_csv(path: str | Path) -> list[Poll]:
    """A user poll file (see the module docstring for the format)."""
    p = Path(path)
    return parse_poll_rows(p, list(numbered_rows(read_text(p), ",")))


def parse_poll_table(text: str, name: str) -> tuple[Poll, ...]:
    """The polls of a built poll table (same format as a user file)."""
    return tuple(parse_poll_rows(Path(name), list(numbered_rows(text, ","))))


def read_history_files(src: Path) -> dict[dt.date, list[Poll]]:
    """The 2004-2015 cycles' polls (`HISTORY_FILES`), by the election that ends each cycle;
    the campaign and pre-campaign files overlap by a day, so a poll listed twice counts once.
    Every poll must end before its election's polling day."""
    out: dict[dt.date, list[Poll]] = {}
    for day, folder in HISTORY_FILES:
        seen: dict[tuple[Any, ...], Poll] = {}
        for period in ("pre-campaign", "campaign"):
            path = src / "polls/pollsteraudit/v1" / folder / f"{period}_period.json"
            for poll in read_pollsteraudit(path):
                if poll.end_date >= day:
                    raise InputFileError(path, None, f"a poll of {poll.end_date} ({poll.firm}) is not "
                                         f"before the election of {day}")
                seen.setdefault(_key(poll), poll)
        out[day] = list(seen.values())
    return out


def _key(p: Poll) -> tuple[Any, ...]:
    return (p.end_date, p.firm, p.region or "", p.sample_size, p.source, p.shares)


def write_history_csv(path: Path, cycles: Mapping[dt.date, Iterable[Poll]]) -> None:
    rows = []
    for day in sorted(cycles):
        for p in sorted(cycles[day], key=_sort_key):
            rows.append((day.isoformat(), *_row(p)))
    write_csv(path, HISTORY_HEADER, rows)


def parse_history_table(text: str, name: str = HISTORY_TABLE) -> dict[dt.date, tuple[Poll, ...]]:
    """The polls of ``polls_history.csv``, by the election whose cycle they are in."""
    rows = list(numbered_rows(text, ","))
    if not rows or [h.strip() for h in rows[0][1][:1]] != ["election"]:
        raise InputFileError(name, 1, "expected an 'election' column first")
    path = Path(name)
    by: dict[dt.date, list[tuple[int, list[str]]]] = defaultdict(list)
    for line, f in rows[1:]:
        if not any(x.strip() for x in f):
            continue
        by[_date(path, line, "election", f[0])].append((line, f[1:]))
    head = (rows[0][0], rows[0][1][1:])
    out: dict[dt.date, tuple[Poll, ...]] = {}
    for day, body in sorted(by.items()):
        polls = parse_poll_rows(path, [head, *body])
        late = [p for p in polls if p.end_date >= day]
        if late:
            raise InputFileError(name, None, f"a poll of {late[0].end_date} is listed in the cycle "
                                 f"of the election of {day}")
        out[day] = tuple(polls)
    return out


def build_poll_history(src: Path, out: Path) -> None:
    """``polls_history.csv``: the 2004-2015 cycles' polls, for the poll-error model."""
    write_history_csv(out / HISTORY_TABLE, read_history_files(src))
