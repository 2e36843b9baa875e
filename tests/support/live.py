"""Helpers for the live tests: small feeds cut from the 2025 nights, the 2025 night's plan
(computed once per session: the forecast prior takes a few seconds), and readers of a store."""

from __future__ import annotations

import json
import sqlite3
from functools import cache
from pathlib import Path
from typing import Any

import msgspec

from seatcast.catalog import Catalog, load
from seatcast.domain.results import Election
from seatcast.forecast.projection import Forecaster
from seatcast.live.feed import Update
from seatcast.live.night import LiveNight
from seatcast.live.plan import NightPlan, plan_night
from seatcast.live.replay import official_feed
from seatcast.live.status import LiveStatus, current_status
from seatcast.live.synthetic import synthetic_feed

ATLANTIC = ("10", "11", "12", "13")


@cache
def e2025() -> Election:
    return load("2025")


@cache
def forecaster() -> Forecaster:
    return Forecaster(Catalog.builtin())


@cache
def plan2025() -> NightPlan:
    return plan_night(forecaster(), e2025(), load("2021t"))


def official(e: Election) -> list[Update]:
    """The official-stage replay of `e`, later stages on the built-in snapshots."""
    return official_feed(e, Catalog.builtin().snapshots(e.id))


def synthetic(e: Election, seed: int) -> list[Update]:
    return synthetic_feed(e, seed, Catalog.builtin().snapshots(e.id))


def open_night(path: Path) -> LiveNight:
    """A night of 2025 on `path` (created with the 2025 plan if new)."""
    return LiveNight(path, e2025(), plan=plan2025())


def status(path: Path, **kw: Any) -> LiveStatus:
    return current_status(path, e2025(), **kw)


def renumber(updates: list[Update], step: int = 10) -> list[Update]:
    """Sequence numbers 10, 20, 30 ... (room for records slipped in between)."""
    return [msgspec.structs.replace(u, seq=(i + 1) * step) for i, u in enumerate(updates)]


def store_state(path: Path) -> dict[str, Any]:
    """Everything that must not depend on duplicates, order or restarts."""
    conn = sqlite3.connect(path)
    try:
        return {
            "current": sorted(conn.execute(
                "SELECT c.riding, c.seq, u.record FROM current c CROSS JOIN updates u "
                "ON u.riding = c.riding AND u.seq = c.seq")),
            "log": sorted(conn.execute("SELECT riding, seq, digest FROM updates")),
            "corrections": sorted(conn.execute("SELECT * FROM corrections")),
            "rejected": sorted(conn.execute("SELECT source, line, reason FROM rejected")),
        }
    finally:
        conn.close()


def calls_of(path: Path) -> dict[str, dict[str, Any]]:
    """Every call as stored, with what it rested on (the update, the figures) and the log
    position it was made after: subject key -> call."""
    conn = sqlite3.connect(path)
    try:
        return {s: {**json.loads(c), "made_after": m}
                for s, c, m in conn.execute("SELECT subject, call, made_after FROM calls")}
    finally:
        conn.close()


def riding_call(calls: dict[str, dict[str, Any]], code: int) -> dict[str, Any]:
    return calls[f"riding:{code}"]


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


def dump(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of a store, but the night's random id: two stores that
    went through the same night must be equal here, byte for byte."""
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        out = {t: sorted(conn.execute(f"SELECT * FROM {t}")) for t in tables}
        out["meta"] = [r for r in out["meta"] if r[0] != "night"]
        return out
    finally:
        conn.close()

