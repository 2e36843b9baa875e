"""Fixtures for the browser tests (the helpers are in tests/support/web.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.support.web import chromium


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's headless Chromium, one per test module."""
    with chromium() as b:
        yield b
