"""Number formats and party helpers for the templates (one place, so pages agree)."""

from __future__ import annotations

import json
from typing import Any

from jinja2 import Environment

from seatcast.domain.parties import Party, label_of
from seatcast.domain.ridings import display_name
from seatcast.present.formats import margin_pct
from seatcast.present.palette import colour, text_colour_on
from seatcast.serialize import to_jsonable


def pct(x: float | None, digits: int = 1) -> str:
    return "—" if x is None else f"{100 * x:.{digits}f} %"


def points(x: float | None, digits: int = 1) -> str:
    return "—" if x is None else f"{100 * x:+.{digits}f}"


def thousands(x: int | None) -> str:
    return "—" if x is None else f"{x:,}"


def signed(x: int | None) -> str:
    return "—" if x is None else f"{x:+d}"


def party_name(code: str) -> str:
    return Party(code).name_en


def party_chip(code: str) -> str:
    """Inline style for a party chip: the party colour with readable text."""
    fill = colour(code)
    return f"background:{fill};color:{text_colour_on(fill)}"


def candidate_party(c: Any) -> str:
    return label_of(Party(c.party), c.affiliation)


def pretty_json(x: object) -> str:
    return json.dumps(to_jsonable(x), indent=2, ensure_ascii=False)


def install(env: Environment) -> None:
    filters: dict[str, Any] = {
        "pct": pct, "points": points, "thousands": thousands, "signed": signed,
        "pretty_json": pretty_json, "riding": display_name, "margin_pct": margin_pct,
        "candidate_party": candidate_party,
        "party_name": party_name, "party_colour": colour, "party_chip": party_chip,
    }
    env.filters.update(filters)
