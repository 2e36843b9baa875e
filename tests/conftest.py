"""Shared fixtures: where the raw official files are, when a checkout has them beside it."""

from __future__ import annotations

from pathlib import Path

import pytest

RAW = Path(__file__).resolve().parents[1].parent / "shared" / "data"


@pytest.fixture(scope="session")
def raw_data() -> Path:
    """The raw official files (../shared/data); tests that need them skip without them."""
    if not (RAW / "README.md").exists():
        pytest.skip("raw official files (../shared/data) are not beside this checkout")
    return RAW
