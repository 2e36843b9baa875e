"""A riding's people, from the census: how many, how old, how much income.

Counts of Statistics Canada's 2021 Census Profile (98-401-X2021029) by federal electoral
district of the 2023 Representation Order.  Ages are of the population aged 15 and over
(five-year bands grouped here); incomes are each person's total income in 2020 (aged 15 and
over in private households, with or without income), not household income.  The census was
taken on 2021-05-11 and these tables published in 2022 (`PUBLISHED`), so a forecast of an
election held before then cannot use them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

#: The age groups kept (ages 15+), and the income groups (total income in 2020).
AGE_GROUPS: tuple[str, ...] = ("15_19", "20_34", "35_49", "50_64", "65_plus")
INCOME_GROUPS: tuple[str, ...] = ("none", "under_30k", "30_60k", "60_90k", "90_150k", "over_150k")
#: The last of the Census Profile releases these counts come from (income: 2022-07-13).
PUBLISHED = dt.date(2022, 7, 13)


@dataclass(frozen=True, slots=True)
class RidingCensus:
    """One riding's census counts."""

    riding: int
    population: int  # every age (the gender total)
    men: int
    ages: tuple[int, ...]  # AGE_GROUPS order, ages 15+
    incomes: tuple[int, ...]  # INCOME_GROUPS order, persons 15+ in private households

    def age_share(self, group: str) -> float:
        """Share of the population aged 15+ in one age group."""
        total = sum(self.ages)
        return self.ages[AGE_GROUPS.index(group)] / total if total else 0.0

    def income_share(self, *groups: str) -> float:
        """Share of the persons aged 15+ in the given income groups."""
        total = sum(self.incomes)
        part = sum(self.incomes[INCOME_GROUPS.index(g)] for g in groups)
        return part / total if total else 0.0
