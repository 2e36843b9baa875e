"""Number formats every face shares (the CLI's tables, the pages, the report)."""

from __future__ import annotations


def margin_pct(x: float | None) -> str:
    """A margin's share of the vote: two decimals, three for a margin under 0.01 % (a 1-vote
    margin of 61,118 ballots is 0.002 %, not 0.00 %)."""
    if x is None:
        return "—"
    if 0 < x < 0.0001:
        return f"{100 * x:.3f} %"
    return f"{100 * x:.2f} %"
