"""Fixtures for the live tests (the helpers are in tests/support/live.py)."""

from __future__ import annotations

import pytest

from seatcast.live.feed import Update
from tests.support.live import ATLANTIC, e2025, official, renumber, synthetic


@pytest.fixture(scope="session")
def atlantic_night() -> list[Update]:
    """The synthetic 2025 night (seed 7) for the 32 Atlantic ridings, with later stages."""
    feed = [u for u in synthetic(e2025(), 7) if str(u.riding)[:2] in ATLANTIC]
    return renumber(feed)


@pytest.fixture(scope="session")
def official_2025() -> list[Update]:
    return official(e2025())
