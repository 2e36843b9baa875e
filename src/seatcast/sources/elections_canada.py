"""Importers for Elections Canada's official result formats.

* the results download of a general election (``EventResults`` TSV): tab-separated, UTF-8
  with BOM, CRLF, a timestamp line, a header, one row per candidate per count stage, then
  footnote lines starting with ``*``;
* the official voting results tables 11 (one row per district) and 12 (one row per
  candidate, with a packed ``Name [**] PartyEN/PartyFR`` field);
* the transposition of 2021 votes to the 2023 Representation Order (ThreeFortyThree JSON).

Each reader returns domain values and raises `InputFileError` naming the file, the line and
the problem for anything malformed.  Map-level checks (unknown codes, missing ridings) are in
`check_against_map`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from seatcast.domain.geography import province_of
from seatcast.domain.parties import Party
from seatcast.domain.people import same_surname
from seatcast.domain.results import Candidate, RidingResult, Stage, final_stage, sort_candidates
from seatcast.domain.ridings import Riding, RidingCode, RidingMap
from seatcast.errors import InputFileError
from seatcast.sources.affiliations import party_of, split_packed_candidate
from seatcast.sources.textfile import find_columns, json_list, numbered_rows, parse_count, read_text

_STAGES = {
    "preliminary": Stage.PRELIMINARY,
    "validated": Stage.VALIDATED,
    "judicially certified": Stage.JUDICIAL,
}


@dataclass(frozen=True, slots=True)
class EventResults:
    """A parsed results download: every riding at every count stage present."""

    path: str
    downloaded: str  # the timestamp line, as printed
    ridings: tuple[Riding, ...]  # in file order, names in English and French
    stages: Mapping[RidingCode, tuple[RidingResult, ...]]  # riding -> stages, earliest first
    lines: Mapping[RidingCode, int]  # riding -> first line it appears on (for later messages)
    #: (riding, candidate name) -> (given, middle, surname) as the download gives them
    name_parts: Mapping[tuple[int, str], tuple[str, str, str]] = field(default_factory=dict)

    def final(self) -> dict[RidingCode, RidingResult]:
        return {code: final_stage(st) for code, st in self.stages.items()}


def _riding_code(path: str | Path, line: int, text: str) -> RidingCode:
    s = text.strip()
    if not (s.isdigit() and len(s) == 5):
        raise InputFileError(path, line, f"riding number {s!r} is not a 5-digit district number")
    code = int(s)
    try:
        province_of(code)
    except ValueError:
        raise InputFileError(path, line, f"riding number {code} belongs to no province") from None
    return RidingCode(code)


_EVENT_COLUMNS = {
    "code": "Electoral district number",
    "name_en": "Electoral district name",
    "name_fr": "Nom de la circonscription",
    "stage": "Type of results",
    "surname": "Surname",
    "middle": "Middle name",
    "given": "Given name",
    "aff": "Political affiliation",
    "votes": "Votes obtained",
    "rejected": "Rejected ballots",
    "total": "Total number of ballots cast",
}


def read_event_results(path: str | Path) -> EventResults:
    """Read Elections Canada's results download (2025 format, any snapshot)."""
    text = read_text(path)
    rows = list(numbered_rows(text, "\t"))
    header_at = _event_header_at(path, rows)
    downloaded = rows[0][1][0].strip() if header_at > 0 and rows[0][1] else ""
    hline, header = rows[header_at]
    col = find_columns(path, hline, header, _EVENT_COLUMNS)
    width = max(col.values()) + 1
    acc = _EventRows(path)
    for line, fields in rows[header_at + 1 :]:
        first = fields[0].strip() if fields else ""
        if not "".join(fields).strip() or first.startswith("*"):
            continue
        if len(fields) < width:
            raise InputFileError(
                path, line, f"{len(fields)} fields where the header has {len(header)}"
            )
        acc.add(line, {k: fields[i] for k, i in col.items()})
    if not acc.cands:
        raise InputFileError(path, None, "no result rows (rows must start with a district number)")
    ordered = acc.stages()
    ridings = tuple(Riding(code, *acc.names[code]) for code in sorted(acc.names))
    return EventResults(str(path), downloaded, ridings, ordered, acc.first_line, acc.parts)


def _event_header_at(path: str | Path, rows: list[tuple[int, list[str]]]) -> int:
    """The index of the header row (within the first ten)."""
    for i, (_, fields) in enumerate(rows[:10]):
        if fields and fields[0].strip().casefold().startswith("electoral district number"):
            return i
    raise InputFileError(
        path, 1, "no header line starting 'Electoral district number' (not a results download?)"
    )


class _EventRows:
    """The rows of a results download read so far, each checked against those above it."""

    def __init__(self, path: str | Path) -> None:
        self.path = path
        self.names: dict[RidingCode, tuple[str, str]] = {}
        self.first_line: dict[RidingCode, int] = {}
        self.cands: dict[tuple[RidingCode, Stage], list[Candidate]] = defaultdict(list)
        self.seen: dict[tuple[int, Stage, str, str], int] = {}
        self.ballots: dict[tuple[int, Stage], tuple[int, int, int]] = {}
        self.parts: dict[tuple[int, str], tuple[str, str, str]] = {}

    def add(self, line: int, f: Mapping[str, str]) -> None:
        """One candidate at one count stage (``f``: the wanted columns' fields)."""
        path = self.path
        code = _riding_code(path, line, f["code"])
        stage = _STAGES.get(f["stage"].strip().casefold())
        if stage is None:
            raise InputFileError(path, line, f"unknown type of results {f['stage']!r}")
        self._name(line, code, f["name_en"].strip(), f["name_fr"].strip())
        given, middle, surname = (f[k].strip() for k in ("given", "middle", "surname"))
        person = " ".join(p for p in (given, middle, surname) if p)
        if not person:
            raise InputFileError(path, line, f"riding {code}: candidate has no name")
        self.parts.setdefault((code, person), (given, middle, surname))
        aff = f["aff"].strip()
        votes = parse_count(path, line, "votes", f["votes"])
        rejected = parse_count(path, line, "rejected ballots", f["rejected"])
        total = parse_count(path, line, "total ballots cast", f["total"])
        self._once(line, code, stage, person, aff)
        self._ballots(line, code, stage, rejected, total)
        self.cands[(code, stage)].append(Candidate(person, party_of(aff), aff, votes))

    def _name(self, line: int, code: RidingCode, name_en: str, name_fr: str) -> None:
        if code in self.names and self.names[code][0] != name_en:
            raise InputFileError(
                self.path, line,
                f"riding {code} is named {name_en!r} here but {self.names[code][0]!r} above"
            )
        self.names.setdefault(code, (name_en, name_fr))
        self.first_line.setdefault(code, line)

    def _once(self, line: int, code: RidingCode, stage: Stage, person: str, aff: str) -> None:
        key = (code, stage, person.casefold(), aff.casefold())
        if key in self.seen:
            raise InputFileError(
                self.path,
                line,
                f"riding {code}: candidate {person} ({aff}) listed twice for the {stage} "
                f"count (first on line {self.seen[key]})",
            )
        self.seen[key] = line

    def _ballots(self, line: int, code: RidingCode, stage: Stage, rejected: int, total: int) -> None:
        prev = self.ballots.get((code, stage))
        if prev is not None and (prev[0], prev[1]) != (rejected, total):
            raise InputFileError(
                self.path,
                line,
                f"riding {code} ({stage}): rejected/total ballots {rejected}/{total} differ "
                f"from {prev[0]}/{prev[1]} on line {prev[2]}",
            )
        self.ballots.setdefault((code, stage), (rejected, total, line))

    def stages(self) -> dict[RidingCode, tuple[RidingResult, ...]]:
        """Every riding's count stages, earliest first, each adding up to its ballots cast."""
        stages: dict[RidingCode, list[RidingResult]] = defaultdict(list)
        for (code, stage), cs in self.cands.items():
            rejected, total, line = self.ballots[(code, stage)]
            valid = sum(c.votes for c in cs)
            # Preliminary rows report 0 rejected ballots ("not available"): then total = valid.
            if valid + rejected != total:
                raise InputFileError(
                    self.path,
                    line,
                    f"riding {code} ({stage}): candidate votes add up to {valid:,} and rejected "
                    f"ballots to {rejected:,}, but total ballots cast is {total:,}",
                )
            stages[code].append(
                RidingResult(code, stage, sort_candidates(cs), rejected=rejected, total_ballots=total)
            )
        return {
            code: tuple(sorted(st, key=lambda r: r.stage.rank)) for code, st in sorted(stages.items())
        }


@dataclass(frozen=True, slots=True)
class DistrictRow:
    """One row of table 11: district-level counts."""

    code: int
    name_en: str
    name_fr: str
    population: int
    electors: int
    polling_stations: int
    valid: int
    rejected: int
    total: int
    line: int
    elected: str = ""  # "Surname, Given Party/Parti", as printed ("" where the column is absent)

    @property
    def elected_surname(self) -> str:
        """The elected candidate's surname (the part of ``elected`` before its comma)."""
        return self.elected.split(",", 1)[0].strip() if "," in self.elected else ""


def _split_bilingual(text: str) -> tuple[str, str]:
    s = " ".join(text.split())
    if "/" in s:
        en, fr = s.split("/", 1)
        return en.strip(), fr.strip()
    return s, s


def _csv_with_header(
    path: str | Path, wanted: Mapping[str, str | tuple[str, ...]], encoding: str = "utf-8"
) -> tuple[list[tuple[int, list[str]]], list[str], dict[str, int], int]:
    """Rows after the header, the header, the wanted columns' indexes and the minimum width."""
    rows = list(numbered_rows(read_text(path, encoding=encoding), ","))
    if not rows:
        raise InputFileError(path, 1, "empty file")
    hline, header = rows[0]
    col = find_columns(path, hline, header, wanted)
    return rows[1:], header, col, max(col.values()) + 1


def read_table11(path: str | Path, *, encoding: str = "utf-8") -> dict[RidingCode, DistrictRow]:
    """Read official voting results table 11 (one row per electoral district).

    The polling stations column is "Polling Stations/Bureaux de scrutin" up to 2021 and
    "Voting desks/Tables de vote" in 2025.  ``encoding``: "cp1252" for the 2011 tables.
    """
    rows, header, col, width = _csv_with_header(
        path,
        {
            "name": "Electoral District Name",
            "code": "Electoral District Number",
            "population": "Population",
            "electors": "Electors",
            "stations": ("Polling Stations", "Voting desks"),
            "valid": "Valid Ballots",
            "rejected": "Rejected Ballots",
            "total": "Total Ballots Cast",
        },
        encoding,
    )
    elected_col = next((i for i, h in enumerate(header)
                        if h.strip().casefold().startswith("elected candidate")), None)
    out: dict[RidingCode, DistrictRow] = {}
    for line, fields in rows:
        if not "".join(fields).strip():
            continue
        if len(fields) < width:
            raise InputFileError(path, line, f"{len(fields)} fields where the header has {len(header)}")
        code = _riding_code(path, line, fields[col["code"]])
        if code in out:
            raise InputFileError(path, line, f"riding {code} listed twice (first on line {out[code].line})")
        num = {k: parse_count(path, line, k.replace("_", " "), fields[col[k]])
               for k in ("population", "electors", "stations", "valid", "rejected", "total")}
        if num["valid"] + num["rejected"] != num["total"]:
            raise InputFileError(
                path,
                line,
                f"riding {code}: valid {num['valid']:,} + rejected {num['rejected']:,} ballots "
                f"is not the total {num['total']:,}",
            )
        en, fr = _split_bilingual(fields[col["name"]])
        elected = (" ".join(fields[elected_col].split())
                   if elected_col is not None and elected_col < len(fields) else "")
        out[code] = DistrictRow(code, en, fr, num["population"], num["electors"], num["stations"],
                                num["valid"], num["rejected"], num["total"], line, elected)
    if not out:
        raise InputFileError(path, None, "no district rows")
    return out


def attach_table11(path: str | Path, stages: Mapping[RidingCode, tuple[RidingResult, ...]],
                   districts: Mapping[RidingCode, DistrictRow]) -> dict[RidingCode, tuple[RidingResult, ...]]:
    """Every count stage of a results download with table 11's electors, population and
    polling stations (voting desks), after checking the two agree riding by riding.

    ``path`` is table 11's.  The two must have the same districts, and in each the final
    count (judicially certified where there was a recount, else validated) must have table
    11's valid, rejected and total ballots and its elected candidate's surname.  Electors,
    population and polling stations are the same at every count stage, so every stage gets
    them; each stage keeps its own rejected and total ballots.
    """
    for code in stages:
        if code not in districts:
            raise InputFileError(path, None, f"riding {code} of the results download is not in table 11")
    out: dict[RidingCode, tuple[RidingResult, ...]] = {}
    for code, d in sorted(districts.items()):
        st = stages.get(code)
        if not st:
            raise InputFileError(path, d.line, f"riding {code} {d.name_en} has no result in the "
                                 "results download")
        final = final_stage(st)
        got = (final.valid_votes, final.rejected, final.total_ballots)
        if got != (d.valid, d.rejected, d.total):
            raise InputFileError(
                path, d.line,
                f"riding {code} {d.name_en}: valid/rejected/total ballots {d.valid:,}/"
                f"{d.rejected:,}/{d.total:,}, but the {final.stage} count of the results "
                f"download gives {got[0]:,}/{got[1] or 0:,}/{got[2] or 0:,}",
            )
        if d.elected and not same_surname(final.winner.name, d.elected_surname):
            raise InputFileError(
                path, d.line,
                f"riding {code} {d.name_en}: table 11 gives the elected candidate as "
                f"{d.elected!r}, but the {final.stage} count elects {final.winner.name}",
            )
        out[code] = tuple(replace(r, electors=d.electors, population=d.population,
                                  polling_stations=d.polling_stations) for r in st)
    return out


@dataclass(frozen=True, slots=True)
class Table12:
    path: str
    ridings: tuple[Riding, ...]
    results: Mapping[RidingCode, RidingResult]
    lines: Mapping[RidingCode, int]


def read_table12(path: str | Path, districts: Mapping[RidingCode, DistrictRow] | None = None, *,
                 encoding: str = "utf-8") -> Table12:
    """Read official voting results table 12 (one row per candidate).

    With ``districts`` (table 11), the two tables must agree in every district: the same
    districts, candidate votes adding up to the valid ballots, and the most votes going to
    the candidate table 11 names as elected; electors and ballots are attached to the
    results.  ``encoding``: "cp1252" for the 2011 tables.
    """
    rows, header, col, width = _csv_with_header(
        path,
        {
            "name": "Electoral District Name",
            "code": "Electoral District Number",
            "cand": "Candidate/Candidat",
            "votes": "Votes Obtained",
            "majority": "Majority/Majorit",
        },
        encoding,
    )
    acc = _Table12Rows(path)
    for line, fields in rows:
        if not "".join(fields).strip():
            continue
        if len(fields) < width:
            raise InputFileError(path, line, f"{len(fields)} fields where the header has {len(header)}")
        acc.add(line, {k: fields[i] for k, i in col.items()})
    if not acc.cands:
        raise InputFileError(path, None, "no candidate rows")
    results = {code: acc.result(code, districts) for code in sorted(acc.cands)}
    if districts is not None:
        missing = sorted(set(districts) - set(results))
        if missing:
            raise InputFileError(path, None, f"no candidates for riding {missing[0]} listed in table 11")
    ridings = tuple(Riding(code, *acc.names[code]) for code in sorted(acc.names))
    return Table12(str(path), ridings, results, acc.lines)


class _Table12Rows:
    """The candidate rows of table 12 read so far."""

    def __init__(self, path: str | Path) -> None:
        self.path = path
        self.cands: dict[RidingCode, list[Candidate]] = defaultdict(list)
        self.names: dict[RidingCode, tuple[str, str]] = {}
        self.lines: dict[RidingCode, int] = {}
        self.seen: dict[tuple[int, str, str], int] = {}
        self.stated_majority: dict[int, tuple[int, int]] = {}

    def add(self, line: int, f: Mapping[str, str]) -> None:
        """One candidate (``f``: the wanted columns' fields)."""
        path = self.path
        code = _riding_code(path, line, f["code"])
        self.names.setdefault(code, _split_bilingual(f["name"]))
        self.lines.setdefault(code, line)
        try:
            person, aff, incumbent = split_packed_candidate(f["cand"])
        except ValueError as e:
            raise InputFileError(path, line, str(e)) from None
        votes = parse_count(path, line, "votes", f["votes"])
        key = (code, person.casefold(), aff.casefold())
        if key in self.seen:
            raise InputFileError(
                path, line,
                f"riding {code}: candidate {person} ({aff}) listed twice (first on line {self.seen[key]})",
            )
        self.seen[key] = line
        if f["majority"].strip():
            self.stated_majority[code] = (parse_count(path, line, "majority", f["majority"]), line)
        self.cands[code].append(Candidate(person, party_of(aff), aff, votes, incumbent))

    def result(self, code: RidingCode, districts: Mapping[RidingCode, DistrictRow] | None) -> RidingResult:
        """The riding's result, with table 11's counts when it is given (and checked against them)."""
        cs = sort_candidates(self.cands[code])
        d = districts.get(code) if districts is not None else None
        if districts is not None and d is None:
            raise InputFileError(self.path, self.lines[code], f"riding {code} is not in table 11")
        r = RidingResult(
            code,
            Stage.OFFICIAL,
            cs,
            rejected=d.rejected if d else None,
            total_ballots=d.total if d else None,
            electors=d.electors if d else None,
            polling_stations=d.polling_stations if d else None,
            population=d.population if d else None,
        )
        if d is not None:
            _check_against_table11(self.path, self.lines[code], code, r, d)
        if code in self.stated_majority and self.stated_majority[code][0] != r.margin:
            m, mline = self.stated_majority[code]
            raise InputFileError(
                self.path, mline, f"riding {code}: stated majority {m:,} but the votes give {r.margin:,}"
            )
        return r


def _check_against_table11(path: str | Path, line: int, code: RidingCode, r: RidingResult,
                           d: DistrictRow) -> None:
    """Table 12's votes must add up to table 11's valid ballots and elect its candidate."""
    if r.valid_votes != d.valid:
        raise InputFileError(
            path,
            line,
            f"riding {code}: candidate votes add up to {r.valid_votes:,} but table 11 "
            f"gives {d.valid:,} valid ballots",
        )
    if d.elected and not same_surname(r.winner.name, d.elected_surname):
        raise InputFileError(
            path, line,
            f"riding {code}: the most votes went to {r.winner.name}, but table 11 gives "
            f"the elected candidate as {d.elected!r}",
        )


_TRANSPOSED_PARTIES = {
    "LPC": Party.LPC,
    "CPC": Party.CPC,
    "NDP": Party.NDP,
    "BQ": Party.BQ,
    "GPC": Party.GPC,
    "PPC": Party.PPC,
    "IND": Party.IND,
    "OTH": Party.OTH,
}


@dataclass(frozen=True, slots=True)
class Transposed:
    path: str
    ridings: tuple[Riding, ...]
    results: Mapping[RidingCode, RidingResult]


def read_transposed_json(path: str | Path) -> Transposed:
    """Read 2021 votes transposed to the 2023 map (a list of riding objects, JSON)."""
    data = json_list(read_text(path), path, "ridings")
    results: dict[RidingCode, RidingResult] = {}
    ridings: list[Riding] = []
    for i, obj in enumerate(data):
        where = f"riding entry {i + 1}"
        try:
            code = RidingCode(int(obj["ridingCode"]))
            name_en, name_fr = str(obj["ridingName_EN"]), str(obj["ridingName_FR"])
            dist = obj["voteDistribution"]
            valid, rejected = int(obj["validVotes"]), int(obj["rejectedVotes"])
            total, electors = int(obj["totalVotes"]), int(obj["registeredVoters"])
        except (KeyError, TypeError, ValueError) as e:
            raise InputFileError(path, None, f"{where}: missing or bad field {e}") from None
        try:
            province_of(code)
        except ValueError:
            raise InputFileError(path, None, f"{where}: riding code {code} belongs to no province") from None
        if code in results:
            raise InputFileError(path, None, f"riding {code} listed twice")
        cs = _party_totals(path, code, dist)
        r = RidingResult(code, Stage.TRANSPOSED, sort_candidates(cs), rejected, total, electors)
        _check_transposed_sums(path, r, valid, rejected, total)
        results[code] = r
        ridings.append(Riding(code, name_en, name_fr))
    return Transposed(str(path), tuple(sorted(ridings, key=lambda r: r.code)), dict(sorted(results.items())))


def _check_transposed_sums(path: str | Path, r: RidingResult, valid: int, rejected: int, total: int) -> None:
    """The party votes must add up to ``validVotes``, and with the rejected to ``totalVotes``."""
    if r.valid_votes != valid:
        raise InputFileError(
            path, None,
            f"riding {r.riding}: party votes add up to {r.valid_votes:,}, not validVotes {valid:,}",
        )
    if valid + rejected != total:
        raise InputFileError(path, None, f"riding {r.riding}: valid + rejected is not totalVotes")


def _party_totals(path: str | Path, code: RidingCode,
                  dist: Iterable[Mapping[str, object]]) -> list[Candidate]:
    """A riding's vote distribution as one candidate per party with votes."""
    cs = []
    for d in dist:
        pc = str(d.get("partyCode", "")).upper()
        party = _TRANSPOSED_PARTIES.get(pc)
        if party is None:
            raise InputFileError(path, None, f"riding {code}: unknown party code {pc!r}")
        votes = d.get("votes")
        if not isinstance(votes, int) or votes < 0:
            raise InputFileError(path, None, f"riding {code}: {pc} votes {votes!r} are not a count")
        if votes:
            cs.append(Candidate("", party, party.name_en, votes))  # a party total
    return cs


def check_against_map(
    path: str | Path, codes: Iterable[int], rmap: RidingMap, lines: Mapping[RidingCode, int] | None = None
) -> None:
    """Every code must be on the map and every riding of the map present."""
    got = list(codes)
    for code in got:
        if code not in rmap:
            raise InputFileError(
                path,
                (lines or {}).get(RidingCode(code)),
                f"unknown riding code {code}: not one of the {rmap.seats} ridings of the {rmap.name} map",
            )
    missing = [r.code for r in rmap if r.code not in set(got)]
    if missing:
        raise InputFileError(
            path,
            None,
            f"{len(set(got))} ridings where the {rmap.name} map has {rmap.seats} "
            f"(missing {missing[0]} {rmap.get(missing[0]).name_en}"
            f"{'' if len(missing) == 1 else f' and {len(missing) - 1} more'})",
        )



@dataclass(frozen=True, slots=True)
class WinnerRow:
    """One row of the "candidates who received the most votes" report (no district number)."""

    line: int
    province: str
    name: str
    winner: str
    winner_affiliation: str
    winner_votes: int
    runner_up: str
    runner_up_affiliation: str
    runner_up_votes: int
    valid_votes: int
    margin: int
    status: str
    recount: bool


def read_winners_report(path: str | Path) -> list[WinnerRow]:
    """Read the 2025 report of the candidates who received the most votes, by district name.

    Numbers carry thousands separators; the first and last lines are notes.
    """
    text = read_text(path)
    rows = list(numbered_rows(text, "\t"))
    header_at = next(
        (i for i, (_, f) in enumerate(rows[:5]) if f and f[0].strip().casefold().startswith("province")), None
    )
    if header_at is None:
        raise InputFileError(path, 1, "no header line starting 'Province/territory'")
    out: list[WinnerRow] = []
    for line, f in rows[header_at + 1 :]:
        if len(f) < 13 or not f[4].strip():
            continue  # the closing note
        n = [parse_count(path, line, what, f[i]) for i, what in
             ((4, "winner votes"), (7, "runner-up votes"), (8, "valid votes"), (9, "margin"))]
        out.append(WinnerRow(line, f[0].strip(), f[1].strip(), f[2].strip(), f[3].strip(), n[0],
                             f[5].strip(), f[6].strip(), n[1], n[2], n[3], f[11].strip(),
                             f[12].strip().casefold() == "yes"))
    return out


_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}
#: Elections Canada's downloads give Eastern time; election season is daylight time.
_EASTERN = dt.timezone(dt.timedelta(hours=-4))


def download_time(line: str) -> dt.datetime | None:
    """When a results download was made, from its first line ('These results were
    downloaded and refreshed on June 13, 2025 at 3:56 p.m. ET.'); None if it does not say."""
    m = re.search(r"on\s+([A-Za-z]+)\s+(\d{1,2}),\s*(\d{4})\s+at\s+(\d{1,2}):(\d{2})\s*([ap])\.?m",
                  " ".join(line.split()))
    if not m or m.group(1).casefold() not in _MONTHS:
        return None
    hour = int(m.group(4)) % 12 + (12 if m.group(6) == "p" else 0)
    return dt.datetime(int(m.group(3)), _MONTHS[m.group(1).casefold()], int(m.group(2)), hour,
                       int(m.group(5)), tzinfo=_EASTERN)
