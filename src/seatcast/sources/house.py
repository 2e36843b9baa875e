"""House ledgers as files: the events since a general election, one per line.

One format serves the raw file (``../shared/data/events/house_events_2025.csv``), the built
table (``house_<election>.csv``, written by `seatcast data build`) and a user's own file
(``seatcast house --ledger FILE``): UTF-8 CSV with the header

    date,riding_code,riding_name,kind,from_party,to_party,member,source_url,verified,note

``date`` is ``YYYY-MM-DD``; ``riding_code`` the riding's number on the House's map and
``riding_name`` its name (optional; when given it must be that riding's, English or French,
dashes, accents and case aside); ``kind`` one of `seatcast.domain.house.EventKind`
(``resignation``, ``death``, ``annulment``, ``by-election``, ``floor-crossing``,
``sitting-as-independent``); ``from_party`` the party that held the seat (blank for a
by-election, whose seat was vacant), ``to_party`` the party holding it after (blank for a
vacancy); ``verified`` ``yes`` or ``no`` (whether a dated source confirms the event);
``source_url`` and ``note`` free text.  A bad line is one error naming the file and line:
a malformed field, or an event the House cannot take (see `seatcast.domain.house`).

The built table is the same file normalized: sorted by date, kinds and flags spelled one
way, so two builds give the same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Mapping
from pathlib import Path

from seatcast.domain.house import ByElectionTotals, HouseEvent, Ledger, LedgerError, parse_kind
from seatcast.domain.parties import Party
from seatcast.domain.results import Election
from seatcast.domain.ridings import RidingCode, RidingMap, fold_name
from seatcast.errors import InputFileError
from seatcast.sources.textfile import json_list, numbered_rows, read_text

HEADER = ("date", "riding_code", "riding_name", "kind", "from_party", "to_party", "member",
          "source_url", "verified", "note")
REQUIRED = ("date", "riding_code", "kind", "from_party", "to_party", "member", "verified")
_YES = {"yes": True, "y": True, "true": True, "1": True, "no": False, "n": False,
        "false": False, "0": False}


def ledger_table(election: str) -> str:
    """The built table of the House an election returned: ``house_<election>.csv``."""
    return f"house_{election}.csv"


def _party(name: str, line: int, what: str, text: str) -> Party | None:
    t = text.strip()
    if not t:
        return None
    try:
        return Party(t.upper())
    except ValueError:
        known = ", ".join(p.value for p in Party)
        raise InputFileError(name, line, f"{what} {text!r} is not a party code ({known})") from None


def parse_events(text: str, name: str, rmap: RidingMap) -> tuple[tuple[HouseEvent, ...], tuple[int, ...]]:
    """The events of a ledger file and the line of each, every field checked."""
    rows = numbered_rows(text.lstrip("\ufeff"), ",")
    try:
        _, first = next(rows)
    except StopIteration:
        raise InputFileError(name, 1, "empty file (expected a header line)") from None
    head = [h.strip() for h in first]
    missing = [c for c in REQUIRED if c not in head]
    if missing:
        raise InputFileError(name, 1, f"no column {', '.join(missing)} (the header must name "
                                      f"{','.join(HEADER)})")
    col = {h: i for i, h in enumerate(head)}
    events: list[HouseEvent] = []
    lines: list[int] = []
    for line, fields in rows:
        if not any(f.strip() for f in fields):
            continue
        if len(fields) != len(head):
            raise InputFileError(name, line, f"{len(fields)} fields where the header has {len(head)}")
        # every column of the format, "" where the file has no such column
        row = dict.fromkeys(HEADER, "") | {key: fields[i].strip() for key, i in col.items()}
        events.append(_event(name, line, rmap, row))
        lines.append(line)
    return tuple(events), tuple(lines)


def _event(name: str, line: int, rmap: RidingMap, row: Mapping[str, str]) -> HouseEvent:
    """One ledger line as an event (``row``: column -> field)."""
    try:
        date = dt.date.fromisoformat(row["date"])
    except ValueError:
        raise InputFileError(name, line, f"date {row['date']!r} is not a date (YYYY-MM-DD)") from None
    code = _riding(name, line, rmap, row["riding_code"], row["riding_name"])
    try:
        kind = parse_kind(row["kind"])
    except ValueError as e:
        raise InputFileError(name, line, str(e)) from None
    flag = row["verified"].casefold()
    if flag not in _YES:
        raise InputFileError(name, line, f"verified {row['verified']!r} is not yes or no")
    member = row["member"]
    if not member:
        raise InputFileError(name, line, "no member named")
    return HouseEvent(
        date=date, riding=code, kind=kind,
        from_party=_party(name, line, "from_party", row["from_party"]),
        to_party=_party(name, line, "to_party", row["to_party"]),
        member=member, source=row["source_url"], verified=_YES[flag], note=row["note"])


def _riding(name: str, line: int, rmap: RidingMap, code_s: str, given: str) -> RidingCode:
    """The riding a line names: a number on the map, and its name (if given) that riding's."""
    if not code_s.isdigit():
        raise InputFileError(name, line, f"riding_code {code_s!r} is not a riding number")
    code = RidingCode(int(code_s))
    if code not in rmap:
        raise InputFileError(name, line, f"unknown riding {code} (not on the {rmap.name} map)")
    riding = rmap.get(code)
    if given and fold_name(given) not in (fold_name(riding.name_en), fold_name(riding.name_fr)):
        raise InputFileError(name, line, f"riding {code} is {riding.name_en}, not {given!r}")
    return code


def parse_ledger(text: str, name: str, election: Election) -> Ledger:
    """The ledger of the House ``election`` returned, from a ledger file's text."""
    events, lines = parse_events(text, name, election.map)
    try:
        return Ledger.from_election(election, events, source=name)
    except LedgerError as e:
        raise InputFileError(name, lines[e.index], e.problem) from None


def read_ledger(path: str | Path, election: Election) -> Ledger:
    """A ledger file (a user's, or the raw one the built table comes from)."""
    return parse_ledger(read_text(path), str(path), election)


def ledger_csv(ledger: Ledger, rmap: RidingMap) -> str:
    """The built table of a ledger (date order; kinds and flags spelled one way)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(HEADER)
    for e in ledger.events:
        w.writerow((e.date.isoformat(), e.riding, rmap.get(e.riding).name_en, e.kind.value,
                    e.from_party.value if e.from_party else "", e.to_party.value if e.to_party else "",
                    e.member, e.source, "yes" if e.verified else "no", e.note))
    return buf.getvalue()




# -- by-election vote totals -----------------------------------------------------------------

TOTALS_HEADER = ("date", "riding", "party", "votes", "source")
_SMITHBOWER_PARTIES = {"LPC": Party.LPC, "CPC": Party.CPC, "BQ": Party.BQ, "NDP": Party.NDP,
                       "GPC": Party.GPC, "PPC": Party.PPC, "Other": Party.OTH, "IND": Party.IND}


def totals_table(election: str) -> str:
    """The built table of the checked by-election totals of a House: ``byelections_<election>.csv``."""
    return f"byelections_{election}.csv"


def read_by_election_json(path: str | Path, wanted: Iterable[tuple[int, str]], ledger: Ledger,
                          source: str) -> tuple[ByElectionTotals, ...]:
    """The party totals of the ``wanted`` (riding, date) by-elections from a file in
    smithbower's ``post-election-events.json`` format, each checked against the ledger (a
    by-election on that day, won by the party with the most votes)."""
    name = str(path)
    data = json_list(read_text(path), name, "events")
    out = []
    for code, day in wanted:
        hits = [d for d in data if isinstance(d, dict) and d.get("type") == "byElection"
                and d.get("ridingId") == code and d.get("date") == day]
        if len(hits) != 1:
            raise InputFileError(name, None, f"{len(hits)} by-elections in riding {code} on {day} "
                                             "(expected one)")
        res = hits[0].get("byElectionResult") or {}
        votes: list[tuple[Party, int]] = []
        for c in res.get("candidates", []):
            party = _SMITHBOWER_PARTIES.get(str(c.get("party")))
            n = c.get("votes")
            if party is None or not isinstance(n, int) or n < 0:
                raise InputFileError(name, None, f"riding {code} on {day}: bad candidate {c!r}")
            votes.append((party, n))
        if not votes or sum(n for _, n in votes) != res.get("totalVotes"):
            raise InputFileError(name, None, f"riding {code} on {day}: the votes do not sum to "
                                             f"totalVotes ({res.get('totalVotes')})")
        t = ByElectionTotals(dt.date.fromisoformat(day), RidingCode(code),
                             tuple(sorted(votes, key=lambda v: -v[1])), source)
        _check_totals(name, None, t, ledger)
        out.append(t)
    return tuple(out)


def _check_totals(name: str, line: int | None, t: ByElectionTotals, ledger: Ledger) -> None:
    ev = [e for e in ledger.of_riding(t.riding) if e.kind.fills and e.date == t.date]
    if not ev:
        raise InputFileError(name, line, f"no by-election in riding {t.riding} on {t.date} in the ledger")
    if ev[0].to_party is not t.winner:
        raise InputFileError(name, line, f"riding {t.riding} on {t.date}: the totals' winner "
                                         f"{t.winner} is not the ledger's {ev[0].to_party}")


def totals_csv(totals: Iterable[ByElectionTotals]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(TOTALS_HEADER)
    for t in sorted(totals, key=lambda t: (t.date, t.riding)):
        for party, n in t.votes:
            w.writerow((t.date.isoformat(), t.riding, party.value, n, t.source))
    return buf.getvalue()


def parse_totals(text: str, name: str, ledger: Ledger) -> tuple[ByElectionTotals, ...]:
    """The built table of checked by-election totals, checked against the ledger."""
    rows = numbered_rows(text, ",")
    try:
        _, head = next(rows)
    except StopIteration:
        raise InputFileError(name, 1, "empty table (expected a header line)") from None
    if tuple(head) != TOTALS_HEADER:
        raise InputFileError(name, 1, f"header {','.join(head)!r} is not {','.join(TOTALS_HEADER)!r}")
    groups: dict[tuple[dt.date, RidingCode], list[tuple[Party, int]]] = {}
    sources: dict[tuple[dt.date, RidingCode], tuple[str, int]] = {}
    for line, f in rows:
        if len(f) != len(TOTALS_HEADER):
            raise InputFileError(name, line, f"{len(f)} fields where the header has {len(TOTALS_HEADER)}")
        try:
            key = (dt.date.fromisoformat(f[0]), RidingCode(int(f[1])))
            votes = int(f[3])
        except ValueError:
            raise InputFileError(name, line, "bad date, riding or votes") from None
        party = _party(name, line, "party", f[2])
        if party is None or votes < 0:
            raise InputFileError(name, line, "a party and a vote count are needed")
        groups.setdefault(key, []).append((party, votes))
        sources.setdefault(key, (f[4], line))
    out = []
    for (day, code), party_votes in groups.items():
        t = ByElectionTotals(day, code, tuple(sorted(party_votes, key=lambda v: -v[1])),
                             sources[(day, code)][0])
        _check_totals(name, sources[(day, code)][1], t, ledger)
        out.append(t)
    return tuple(out)


__all__ = ["HEADER", "TOTALS_HEADER", "ledger_csv", "ledger_table", "parse_events", "parse_ledger",
           "parse_totals", "read_by_election_json", "read_ledger", "totals_csv", "totals_table"]
