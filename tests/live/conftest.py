"""Fixtures for the live tests: small feeds cut from the 2025 nights."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from seatcast.live.feed import Update
from seatcast.live.replay import official_feed
from seatcast.live.synthetic import synthetic_feed

ATLANTIC = ("10", "11", "12", "13")


def renumber(updates: list[Update], step: int = 10) -> list[Update]:
    """Sequence numbers 10, 20, 30 ... (room for records slipped in between)."""
    return [dataclasses.replace(u, seq=(i + 1) * step) for i, u in enumerate(updates)]


@pytest.fixture(scope="session")
def atlantic_night() -> list[Update]:
    """The synthetic 2025 night (seed 7) for the 32 Atlantic ridings, with later stages."""
    feed = [u for u in synthetic_feed("2025", 7) if str(u.riding)[:2] in ATLANTIC]
    return renumber(feed)


@pytest.fixture(scope="session")
def official_2025() -> list[Update]:
    return official_feed("2025")


def store_state(path: Path) -> dict[str, Any]:
    """Everything that must not depend on duplicates, order or restarts."""
    conn = sqlite3.connect(path)
    try:
        return {
            "current": sorted(conn.execute("SELECT riding, seq, record FROM current")),
            "log": sorted(conn.execute("SELECT riding, seq, digest FROM updates")),
            "corrections": sorted(conn.execute("SELECT * FROM corrections")),
            "rejected": sorted(conn.execute("SELECT source, line, reason FROM rejected")),
        }
    finally:
        conn.close()


def calls_of(path: Path) -> dict[str, dict[str, Any]]:
    conn = sqlite3.connect(path)
    try:
        return {s: json.loads(c) for s, c in conn.execute("SELECT subject, call FROM calls")}
    finally:
        conn.close()


def derived_of(path: Path) -> dict[str, Any]:
    """The projections a store holds for readers: per riding and national."""
    conn = sqlite3.connect(path)
    try:
        return {
            "ridings": sorted(conn.execute("SELECT riding, projection FROM riding_projection")),
            "national": conn.execute(
                "SELECT value FROM state WHERE key='projection'").fetchone(),
        }
    finally:
        conn.close()
