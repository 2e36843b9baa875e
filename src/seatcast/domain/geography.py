"""Provinces, territories and the seven regions used for swing and seat projections.

A federal electoral district (FED) code is five digits whose first two give the province
(10 = Newfoundland and Labrador ... 62 = Nunavut), so the province of any riding is known
from its code alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Region(StrEnum):
    ATL = "ATL"
    QC = "QC"
    ON = "ON"
    PR = "PR"
    AB = "AB"
    BC = "BC"
    NO = "NO"

    @property
    def label(self) -> str:
        return REGION_NAMES[self]


REGION_NAMES: dict[Region, str] = {
    Region.ATL: "Atlantic",
    Region.QC: "Quebec",
    Region.ON: "Ontario",
    Region.PR: "Prairies",
    Region.AB: "Alberta",
    Region.BC: "British Columbia",
    Region.NO: "North",
}
REGIONS: tuple[Region, ...] = tuple(Region)


@dataclass(frozen=True, slots=True)
class Province:
    code: str  # postal abbreviation, e.g. "QC"
    ec_prefix: int  # first two digits of its FED codes, e.g. 24
    name_en: str
    name_fr: str
    region: Region


PROVINCES: tuple[Province, ...] = (
    Province("NL", 10, "Newfoundland and Labrador", "Terre-Neuve-et-Labrador", Region.ATL),
    Province("PE", 11, "Prince Edward Island", "Île-du-Prince-Édouard", Region.ATL),
    Province("NS", 12, "Nova Scotia", "Nouvelle-Écosse", Region.ATL),
    Province("NB", 13, "New Brunswick", "Nouveau-Brunswick", Region.ATL),
    Province("QC", 24, "Quebec", "Québec", Region.QC),
    Province("ON", 35, "Ontario", "Ontario", Region.ON),
    Province("MB", 46, "Manitoba", "Manitoba", Region.PR),
    Province("SK", 47, "Saskatchewan", "Saskatchewan", Region.PR),
    Province("AB", 48, "Alberta", "Alberta", Region.AB),
    Province("BC", 59, "British Columbia", "Colombie-Britannique", Region.BC),
    Province("YT", 60, "Yukon", "Yukon", Region.NO),
    Province("NT", 61, "Northwest Territories", "Territoires du Nord-Ouest", Region.NO),
    Province("NU", 62, "Nunavut", "Nunavut", Region.NO),
)
PROVINCE_BY_CODE: dict[str, Province] = {p.code: p for p in PROVINCES}
PROVINCE_BY_PREFIX: dict[int, Province] = {p.ec_prefix: p for p in PROVINCES}


def province_of(riding_code: int) -> Province:
    """The province of a FED code; raises ValueError for a code no province owns."""
    try:
        return PROVINCE_BY_PREFIX[riding_code // 1000]
    except KeyError:
        raise ValueError(f"riding code {riding_code} belongs to no province") from None


def parse_province(text: str) -> Province:
    """Parse a province code or English/French name (case-insensitive)."""
    key = text.strip()
    if key.upper() in PROVINCE_BY_CODE:
        return PROVINCE_BY_CODE[key.upper()]
    low = key.casefold()
    for p in PROVINCES:
        if low in (p.name_en.casefold(), p.name_fr.casefold()):
            return p
    known = ", ".join(PROVINCE_BY_CODE)
    raise ValueError(f"unknown province {text!r} (known: {known})")


def parse_region(text: str) -> Region:
    key = text.strip()
    if key.upper() in Region.__members__:
        return Region(key.upper())
    for r, name in REGION_NAMES.items():
        if key.casefold() == name.casefold():
            return r
    raise ValueError(f"unknown region {text!r} (known: {', '.join(r.value for r in Region)})")
