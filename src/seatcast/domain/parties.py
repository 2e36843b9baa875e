"""Parties: the one source of truth for party codes, names and their left-right order.

Six parties are modelled by name (LPC, CPC, BQ, NDP, GPC, PPC).  Every other candidate is
kept under IND (independents and candidates with no affiliation) or OTH (registered minor
parties); the candidate's own affiliation label is kept on the candidate.
"""

from __future__ import annotations

from enum import StrEnum


class Party(StrEnum):
    LPC = "LPC"
    CPC = "CPC"
    BQ = "BQ"
    NDP = "NDP"
    GPC = "GPC"
    PPC = "PPC"
    IND = "IND"
    OTH = "OTH"

    @property
    def name_en(self) -> str:
        return PARTY_NAMES_EN[self]

    @property
    def name_fr(self) -> str:
        return PARTY_NAMES_FR[self]

    @property
    def is_list_party(self) -> bool:
        """True for parties that can hold list seats (IND and OTH are not one party)."""
        return self in NAMED_PARTIES


#: The parties modelled by name, in the order Seatcast prints them.
NAMED_PARTIES: tuple[Party, ...] = (
    Party.LPC,
    Party.CPC,
    Party.BQ,
    Party.NDP,
    Party.GPC,
    Party.PPC,
)
#: Every party code, named parties first.
ALL_PARTIES: tuple[Party, ...] = (*NAMED_PARTIES, Party.IND, Party.OTH)

#: The conventional left-to-right order used for "connected" coalitions.
LEFT_RIGHT: tuple[Party, ...] = (
    Party.NDP,
    Party.GPC,
    Party.BQ,
    Party.LPC,
    Party.CPC,
    Party.PPC,
)

PARTY_NAMES_EN: dict[Party, str] = {
    Party.LPC: "Liberal",
    Party.CPC: "Conservative",
    Party.BQ: "Bloc Québécois",
    Party.NDP: "New Democratic Party",
    Party.GPC: "Green Party",
    Party.PPC: "People's Party",
    Party.IND: "Independent / no affiliation",
    Party.OTH: "Other parties",
}
PARTY_NAMES_FR: dict[Party, str] = {
    Party.LPC: "Parti libéral",
    Party.CPC: "Parti conservateur",
    Party.BQ: "Bloc Québécois",
    Party.NDP: "Nouveau Parti démocratique",
    Party.GPC: "Parti vert",
    Party.PPC: "Parti populaire",
    Party.IND: "Indépendant / aucune appartenance",
    Party.OTH: "Autres partis",
}

def parse_party(text: str) -> Party:
    """Parse a party code such as ``"lpc"`` or ``"NDP"``; raises ValueError for others."""
    key = text.strip().upper()
    aliases = {"LIB": "LPC", "CON": "CPC", "BLOC": "BQ", "GRN": "GPC", "GREEN": "GPC", "IND": "IND"}
    key = aliases.get(key, key)
    try:
        return Party(key)
    except ValueError:
        known = ", ".join(p.value for p in ALL_PARTIES)
        raise ValueError(f"unknown party {text!r} (known: {known})") from None


def label_of(party: Party, affiliation: str) -> str:
    """One display name per party: a named party's own (not EC's "NDP-New Democratic Party" or
    "People's Party - PPC"); for an independent or a minor party, the label on the ballot."""
    return party.name_en if party in NAMED_PARTIES else (affiliation or party.name_en)
