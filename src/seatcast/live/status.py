"""What a live store says now: a pure read API for the CLI and the web page.

``current_status(store_path) -> dict`` opens the store read-only (it works while another
process is ingesting: SQLite WAL readers never block the writer) and returns plain JSON-
ready data:

* ``election``, ``majority``, ``seats_total``; ``updates`` (records in the log),
  ``duplicates``, ``rejected`` (malformed records), ``corrections`` (counts that went down);
* ``seats``: party -> ridings it leads or has won (called or leading);
* ``called``: riding codes called; ``called_seats``: party -> called ridings;
* ``government``: ``{"largest": call|None, "outcome": call|None}``;
* ``projection``: party -> ``{mean, low, high, majority_chance, most_seats_chance}``
  (5th-95th percentile seats from the latest national draws);
* ``wrong_calls``: calls contradicted by a final (certified or official) count;
  ``retractions``: calls a later count went against (recorded, never deleted);
* ``ridings``: one row per riding with its count, leader, projection interval and call;
* ``calls``, ``retraction_list``, ``rejections``, ``correction_list``: the details;
* ``timing``: how early the calls came (see `call_timing`).

``ingest_lines(store_path, lines, election=None) -> dict`` applies POSTed JSON Lines records.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from seatcast.catalog import load
from seatcast.domain.parties import ALL_PARTIES, Party
from seatcast.domain.results import Election
from seatcast.live.feed import FINAL_STAGES, RawRecord, Update
from seatcast.live.store import connect, read_current


def _calls(conn: Any) -> dict[str, dict[str, Any]]:
    return {s: json.loads(c) for s, c in conn.execute("SELECT subject, call FROM calls")}


def _state(conn: Any, key: str) -> str | None:
    row = conn.execute("SELECT value FROM state WHERE key=?", (key,)).fetchone()
    return row[0] if row else None


def call_timing(calls: dict[str, dict[str, Any]], seats_total: int) -> dict[str, Any]:
    """Median share of polls reporting when ridings were called, the share of ridings
    called by the end of the preliminary count, and when the government calls came."""
    riding = [c for s, c in calls.items() if s.isdigit()]
    shares = [c["reporting_share"] for c in riding]
    prelim = [c for c in riding if c["stage"] == "preliminary"]
    gov = {k: calls.get(s) for k, s in (("largest", "government:largest"),
                                         ("outcome", "government"))}
    return {
        "median_polls_reporting_at_call": statistics.median(shares) if shares else None,
        "called_during_preliminary_count": len(prelim) / seats_total if seats_total else 0.0,
        "largest_party_call_time": gov["largest"]["time"] if gov["largest"] else None,
        "government_call_time": gov["outcome"]["time"] if gov["outcome"] else None,
    }


def current_status(store_path: str | Path, *, ridings: bool = True) -> dict[str, Any]:
    """The live state of a store (see the module docstring for the keys)."""
    conn = connect(store_path, readonly=True)
    try:
        election_id = conn.execute("SELECT value FROM meta WHERE key='election'").fetchone()[0]
        e = load(election_id)
        current = read_current(conn)
        calls = _calls(conn)
        proj_rows = {r: json.loads(j) for r, j in
                     conn.execute("SELECT riding, projection FROM riding_projection")}
        retractions = [{"subject": s, "seq": q, "time": t, "detail": d} for s, q, t, d in
                       conn.execute("SELECT subject, seq, time, detail FROM retractions")]
        rejections = [{"source": s, "line": n, "reason": r} for s, n, r in conn.execute(
            "SELECT source, line, reason FROM rejected ORDER BY rowid DESC LIMIT 50")]
        n_rejected = conn.execute("SELECT count(*) FROM rejected").fetchone()[0]
        corrections = [{"riding": r, "seq": q, "prev_seq": p, "kind": k, "detail": d}
                       for r, q, p, k, d in conn.execute(
                           "SELECT riding, seq, prev_seq, kind, detail FROM corrections "
                           "ORDER BY riding, seq")]
        n_updates = conn.execute("SELECT max(rowid) FROM updates").fetchone()[0] or 0
        dup = int(_state(conn, "duplicates") or 0)
        projection = json.loads(_state(conn, "projection") or "{}")
    finally:
        conn.close()
    seats = dict.fromkeys(ALL_PARTIES, 0)
    for u in current.values():
        if u.valid_votes > 0:
            lead = max(u.candidates, key=lambda c: c.votes)
            seats[lead.party] += 1
    called = sorted(int(s) for s in calls if s.isdigit())
    called_seats = dict.fromkeys(ALL_PARTIES, 0)
    for code in called:
        called_seats[Party(calls[str(code)]["party"])] += 1
    wrong = 0
    for code in called:
        cur = current.get(code)
        if cur is not None and cur.stage in FINAL_STAGES:
            lead = max(cur.candidates, key=lambda c: c.votes)
            call = calls[str(code)]
            if (lead.name, lead.party.value) != (call["candidate"], call["party"]):
                wrong += 1
    polls = [(u.polls_reporting, u.polls_total) for u in current.values()
             if u.polls_total is not None and u.polls_reporting is not None]
    out: dict[str, Any] = {
        "election": e.id,
        "store": str(store_path),
        "seats_total": e.seats_total,
        "majority": e.majority,
        "updates": n_updates,
        "duplicates": dup,
        "rejected": n_rejected,
        "corrections": len(corrections),
        "last_time": max((u.time for u in current.values()), default=None),
        "ridings_reporting": sum(1 for u in current.values() if u.valid_votes > 0),
        "ridings_complete": sum(1 for u in current.values() if u.complete),
        "polls_reporting": sum(p for p, _ in polls),
        "polls_total": sum(t for _, t in polls),
        "seats": {p.value: n for p, n in seats.items() if n},
        "called": called,
        "called_seats": {p.value: n for p, n in called_seats.items() if n},
        "government": {"largest": calls.get("government:largest"),
                       "outcome": calls.get("government")},
        "projection": projection.get("national", {}),
        "prior": projection.get("prior"),
        "wrong_calls": wrong,
        "retractions": len(retractions),
        "timing": call_timing(calls, e.seats_total),
        "calls": [calls[str(c)] for c in called],
        "retraction_list": retractions,
        "rejections": rejections,
        "correction_list": corrections,
    }
    if ridings:
        out["ridings"] = [_riding_row(e, code, current.get(code), calls.get(str(code)),
                                      proj_rows.get(code)) for code in e.results]
    return out


def _riding_row(e: Election, code: int, u: Update | None, call: dict[str, Any] | None,
                proj: dict[str, Any] | None) -> dict[str, Any]:
    riding = e.map.get(code)
    row: dict[str, Any] = {"riding": code, "name": riding.name_en if riding else str(code),
                           "stage": None, "polls_reporting": None, "polls_total": None,
                           "leader": None, "party": None, "margin": None, "votes": None,
                           "called": call["party"] if call else None,
                           "call_time": call["time"] if call else None, "projection": proj}
    if u is not None and u.valid_votes > 0:
        ordered = sorted(u.candidates, key=lambda c: -c.votes)
        row.update(stage=u.stage.value, polls_reporting=u.polls_reporting,
                   polls_total=u.polls_total, leader=ordered[0].name,
                   party=ordered[0].party.value,
                   margin=ordered[0].votes - (ordered[1].votes if len(ordered) > 1 else 0),
                   votes=[{"name": c.name, "party": c.party.value, "votes": c.votes}
                          for c in ordered])
    return row


def compare_official(store_path: str | Path, election: Election) -> dict[str, Any]:
    """Replay end: the store's state against the official final result, riding by riding."""
    conn = connect(store_path, readonly=True)
    try:
        current = read_current(conn)
        calls = _calls(conn)
    finally:
        conn.close()
    mismatched = []
    for code, final in election.results.items():
        u = current.get(code)
        want = {(c.name, c.party): c.votes for c in final.candidates}
        if u is None or u.votes_of() != want:
            mismatched.append(code)
    wrong = []
    for s, c in calls.items():
        if s.isdigit():
            w = election.results[int(s)].winner
            if (c["candidate"], c["party"]) != (w.name, w.party.value):
                wrong.append(int(s))
    seats = election.seats()
    top = max(seats, key=lambda p: seats[p])
    actual = "majority" if seats[top] >= election.majority else "minority"
    gov, largest = calls.get("government"), calls.get("government:largest")
    gov_wrong = gov is not None and (gov["party"] != top.value or gov["outcome"] != actual)
    largest_wrong = largest is not None and largest["party"] != top.value
    return {"matches_official": not mismatched, "mismatched_ridings": mismatched,
            "wrong_calls": len(wrong) + int(gov_wrong) + int(largest_wrong),
            "wrong_call_list": wrong}


def ingest_lines(store_path: str | Path, lines: Iterable[str], *, election: str | None = None,
                 source: str = "api") -> dict[str, Any]:
    """Apply JSON Lines records (e.g. a POST body) to a store; returns the ingest report."""
    from seatcast.live.night import LiveNight

    night = LiveNight(store_path, election)
    try:
        raws = [RawRecord(source, i, t.strip()) for i, t in enumerate(lines, start=1)
                if t.strip()]
        return night.ingest(raws, source=source).as_dict()
    finally:
        night.close()
