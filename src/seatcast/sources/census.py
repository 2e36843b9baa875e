"""Census counts by riding: the cartessn importer and the built ``census_<map>.csv``.

The raw file (``census/fed2023-cartessn/census_canada_2022_electoral_ridings.csv``, built by
CLESSN's cartessn from Statistics Canada's Census Profile 98-401-X2021029) is long:
``id_riding, variable, category, count, prop``, 27 rows per riding of the 2023 map.  Traps:
the age band labelled ``18_19`` is "15 to 19 years" (StatCan's CHARACTERISTIC_ID 14), ages
0-14 are not there (age counts are of the population aged 15+), and the gender rows are of
every age.  The built table keeps counts only, one row per riding:

``riding,population,men,age_15_19,age_20_34,age_35_49,age_50_64,age_65_plus,income_none,
income_under_30k,income_30_60k,income_60_90k,income_90_150k,income_over_150k``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path

from seatcast.domain.census import AGE_GROUPS, INCOME_GROUPS, RidingCensus
from seatcast.errors import InputFileError
from seatcast.sources.tables import read_ridings, ridings_table, write_csv
from seatcast.sources.textfile import find_columns, numbered_rows, read_text

RAW_CENSUS = "census/fed2023-cartessn/census_canada_2022_electoral_ridings.csv"
#: The representation order the census counts are on.
CENSUS_MAP = "2023"
HEADER: tuple[str, ...] = ("riding", "population", "men", *(f"age_{g}" for g in AGE_GROUPS),
                           *(f"income_{g}" for g in INCOME_GROUPS))

#: Raw category -> group kept (ages: the five-year bands of cartessn, "18_19" being 15-19).
_AGE = {"18_19": "15_19", "20_24": "20_34", "25_29": "20_34", "30_34": "20_34",
        "35_39": "35_49", "40_44": "35_49", "45_49": "35_49", "50_54": "50_64",
        "55_59": "50_64", "60_64": "50_64"} | {
    k: "65_plus" for k in ("65_69", "70_74", "75_79", "80_84", "85_89", "90_94", "95_99", "100+")}
_INCOME = {"no_income": "none", "1_to_30000": "under_30k", "30001_to_60000": "30_60k",
           "60001_to_90000": "60_90k", "90001_to_110000": "90_150k",
           "110001_to_150000": "90_150k", "more_than_150000": "over_150k"}


def census_table(map_name: str) -> str:
    return f"census_{map_name}.csv"


def read_cartessn(path: str | Path, codes: Iterable[int]) -> dict[int, RidingCensus]:
    """Every riding of ``codes`` from the raw long table (each riding must be complete)."""
    rows = list(numbered_rows(read_text(path), ","))
    if not rows:
        raise InputFileError(path, 1, "empty file")
    hline, header = rows[0]
    col = find_columns(path, hline, header, {"riding": "id_riding", "variable": "variable",
                                             "category": "category", "count": "count"})
    want = set(codes)
    ages: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(AGE_GROUPS, 0))
    incomes: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(INCOME_GROUPS, 0))
    gender: dict[int, dict[str, int]] = defaultdict(dict)
    seen: set[tuple[int, str, str]] = set()
    for line, f in rows[1:]:
        if not "".join(f).strip():
            continue
        code, n = _riding_count(path, line, f, col, want)
        var, cat = f[col["variable"]].strip(), f[col["category"]].strip()
        if (code, var, cat) in seen:
            raise InputFileError(path, line, f"riding {code}: {var} {cat} listed twice")
        seen.add((code, var, cat))
        if var == "ses_age" and cat in _AGE:
            ages[code][_AGE[cat]] += n
        elif var == "ses_income" and cat in _INCOME:
            incomes[code][_INCOME[cat]] += n
        elif var == "ses_gender" and cat in ("male", "female"):
            gender[code][cat] = n
        else:
            raise InputFileError(path, line, f"unknown variable or category {var!r} {cat!r}")
    expected = len(_AGE) + len(_INCOME) + 2
    out: dict[int, RidingCensus] = {}
    for code in sorted(want):
        got = sum(1 for k in seen if k[0] == code)
        if got != expected:
            raise InputFileError(path, None, f"riding {code}: {got} rows, expected {expected}")
        g = gender[code]
        out[code] = RidingCensus(code, g["male"] + g["female"], g["male"],
                                 tuple(ages[code][a] for a in AGE_GROUPS),
                                 tuple(incomes[code][i] for i in INCOME_GROUPS))
    return out


def _riding_count(path: str | Path, line: int, f: list[str], col: Mapping[str, int],
                  want: set[int]) -> tuple[int, int]:
    """The riding and the count of one line of the long table."""
    try:
        code = int(f[col["riding"]])
        count = float(f[col["count"]])
    except (ValueError, IndexError):
        raise InputFileError(path, line, "riding or count is not a number") from None
    if count < 0 or count != int(count):
        raise InputFileError(path, line, f"count {count:g} is not a whole number of people")
    if code not in want:
        raise InputFileError(path, line, f"riding {code} is not on the {CENSUS_MAP} map")
    return code, int(count)


def write_census(path: Path, rows: Mapping[int, RidingCensus]) -> None:
    write_csv(path, HEADER, [(r.riding, r.population, r.men, *r.ages, *r.incomes)
                             for _, r in sorted(rows.items())])


def parse_census_table(text: str, name: str) -> dict[int, RidingCensus]:
    rows = list(numbered_rows(text, ","))
    if not rows or tuple(h.strip() for h in rows[0][1]) != HEADER:
        raise InputFileError(name, 1, f"header is not {','.join(HEADER)!r}")
    out: dict[int, RidingCensus] = {}
    na, ni = len(AGE_GROUPS), len(INCOME_GROUPS)
    for line, f in rows[1:]:
        if not "".join(f).strip():
            continue
        if len(f) != len(HEADER):
            raise InputFileError(name, line, f"{len(f)} fields where the header has {len(HEADER)}")
        try:
            v = [int(x) for x in f]
        except ValueError:
            raise InputFileError(name, line, "a count is not a whole number") from None
        if min(v) < 0:
            raise InputFileError(name, line, "a count is negative")
        if v[0] in out:
            raise InputFileError(name, line, f"riding {v[0]} listed twice")
        out[v[0]] = RidingCensus(v[0], v[1], v[2], tuple(v[3:3 + na]), tuple(v[3 + na:3 + na + ni]))
    return out


def build_census(src: Path, out: Path) -> None:
    """``census_2023.csv``: the counts of every riding of the 2023 map (already built)."""
    rmap = read_ridings((out / ridings_table(CENSUS_MAP)).read_text(encoding="utf-8"), CENSUS_MAP)
    write_census(out / census_table(CENSUS_MAP), read_cartessn(src / RAW_CENSUS, [r.code for r in rmap]))
