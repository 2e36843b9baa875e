"""Fixtures for the fact-checker: the built-in elections and the test articles."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import seatcast
from seatcast.domain.results import Election
from seatcast.factcheck import FactCheck, check_text
from tests.support.articles import ARTICLES


@pytest.fixture(scope="session")
def elections() -> dict[str, Election]:
    return {k: seatcast.load(k) for k in seatcast.election_ids()}


@pytest.fixture(scope="session")
def check(elections: dict[str, Election]) -> Callable[..., FactCheck]:
    """check(name_or_text, election=None) -> FactCheck, for an article file or inline text."""

    def run(source: str, election: str | None = None) -> FactCheck:
        path = ARTICLES / source
        is_file = "\n" not in source and len(source) < 200 and path.is_file()
        text = path.read_text(encoding="utf-8") if is_file else source
        html = True if is_file and path.suffix == ".html" else None
        return check_text(text, elections, election=election, html=html)

    return run

