"""The fact-checker's test articles and how a test writes down what it expects of them."""

from __future__ import annotations

from pathlib import Path

from seatcast.factcheck import FactCheck

ARTICLES = Path(__file__).resolve().parents[1] / "factcheck" / "articles"

C, CL, W, U = "correct", "close", "wrong", "cannot be checked"


def table(result: FactCheck) -> list[tuple[str, str | None, object, str]]:
    """Every claim of a fact-check as (kind, party, stated, verdict)."""
    return [(c.claim.kind.value, c.claim.party.value if c.claim.party else None, c.claim.stated,
             c.verdict.value) for c in result.claims]
