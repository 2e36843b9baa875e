"""Shared fixtures: where the raw official files are, when a checkout has them beside it, and
an in-process client of the web app."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

RAW = Path(__file__).resolve().parents[1].parent / "shared" / "data"


@pytest.fixture(scope="session")
def raw_data() -> Path:
    """The raw official files (../shared/data); tests that need them skip without them."""
    if not (RAW / "README.md").exists():
        pytest.skip("raw official files (../shared/data) are not beside this checkout")
    return RAW


@pytest.fixture(scope="session")
def client() -> TestClient:
    """The app over the built-in catalog, in-process (no socket)."""
    from seatcast.web.app import create_app

    return TestClient(create_app())


# Property tests: no per-example deadline (a loaded 2-core CI box is slow, not wrong), and in
# CI a fixed example sequence so that a run is reproducible from its log.
from hypothesis import settings  # noqa: E402

settings.register_profile("default", deadline=None, print_blob=True)
settings.register_profile("ci", deadline=None, print_blob=True, derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "default")
