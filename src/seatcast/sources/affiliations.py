"""Elections Canada affiliation labels and the party code each maps to."""

from __future__ import annotations

import unicodedata

from seatcast.domain.parties import Party

#: English labels as printed by Elections Canada, folded (see `_fold`) -> party code.
_NAMED: dict[str, Party] = {
    "liberal": Party.LPC,
    "liberal party of canada": Party.LPC,
    "conservative": Party.CPC,
    "conservative party of canada": Party.CPC,
    "ndp-new democratic party": Party.NDP,
    "new democratic party": Party.NDP,
    "ndp": Party.NDP,
    "bloc quebecois": Party.BQ,
    "green party": Party.GPC,
    "green party of canada": Party.GPC,
    "people's party - ppc": Party.PPC,
    "people's party": Party.PPC,
    "people's party of canada": Party.PPC,
    "independent": Party.IND,
    "no affiliation": Party.IND,
}

#: French -> English labels of the official tables (table 12 packs "Name PartyEN/PartyFR").
TABLE12_FR_TO_EN: dict[str, str] = {
    "Libéral": "Liberal",
    "Conservateur": "Conservative",
    "NPD-Nouveau Parti démocratique": "NDP-New Democratic Party",
    "Parti populaire - PPC": "People's Party - PPC",
    "Parti populaire": "People's Party",
    "Parti Vert": "Green Party",
    "Parti de l'Héritage Chrétien": "Christian Heritage Party",
    "Indépendant(e)": "Independent",
    "Communiste": "Communist",
    "Parti Rhinocéros Party": "Parti Rhinocéros Party",
    "Marxiste-Léniniste": "Marxist-Leninist",
    "Parti Libre Canada": "Free Party Canada",
    "Libertarien": "Libertarian",
    "Bloc Québécois": "Bloc Québécois",
    "Parti Marijuana": "Marijuana Party",
    "Pour l'Indépendance du Québec": "Pour l'Indépendance du Québec",
    "CAC": "VCP",
    "Parti Protection Animaux": "Animal Protection Party",
    "Aucune appartenance": "No Affiliation",
    "Parti Patriote": "Parti Patriote",
    "QFC - Quatrième front du Canada": "CFF - Canada's Fourth Front",
    "Centriste": "Centrist",
    "Alliance Nationale Citoyens": "National Citizens Alliance",
    "Nationaliste": "Nationalist",
    "Maverick Party": "Maverick Party",
    "Radical Marijuana": "Radical Marijuana",
    "ML": "ML",
    "Parti PC": "PC Party",
    "UPC": "UPC",
    "Arrêtonslechangementclimatique": "Stop Climate Change",
    # 2015 and 2011 (42nd and 41st general elections)
    "Indépendant": "Independent",
    "Rhinocéros": "Rhinoceros",
    "PHC Canada": "CHP Canada",
    "Parti Pirate": "Pirate Party",
    "Pirate": "Pirate",
    "PAC": "CAP",
    "Parti Uni": "United Party",
    "Animal Alliance/Environment Voters": "Animal Alliance/Environment Voters",
    "Forces et Démocratie - Allier les forces de nos régions":
        "Forces et Démocratie - Allier les forces de nos régions",
    "ADN": "ATN",
    "PRCT": "PACT",
    "Parti des aînés": "Seniors Party",
    "Le Lien": "The Bridge",
    "Parti Canada": "Canada Party",
    "Avancement de la Démocratie": "Democratic Advancement",
    "FPNP": "FPNP",
    "WBP": "WBP",
}


_KNOWN_LONGEST_FIRST = sorted(TABLE12_FR_TO_EN.items(), key=lambda kv: -len(kv[0]) - len(kv[1]))


def _fold(text: str) -> str:
    d = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in d if not unicodedata.combining(c)).casefold()
    return " ".join(s.replace("’", "'").split())


def party_of(label: str) -> Party:
    """The party code of an affiliation label; minor parties map to OTH."""
    return _NAMED.get(_fold(label), Party.OTH)


def split_packed_candidate(packed: str) -> tuple[str, str, bool]:
    """Split table 12's ``"Name [**] PartyEN/PartyFR"`` into (name, English label, incumbent).

    The French label follows the last slash, except for the labels of the known
    French->English table, which are matched whole (one has a slash of its own: "Animal
    Alliance/Environment Voters"); for a party not in it, the English label is taken to have
    as many words as the French one (true of most minor-party labels).
    """
    text = " ".join(packed.split())
    cut = text.rfind("/")
    if cut < 0:
        raise ValueError(f"candidate field {packed!r} has no 'PartyEN/PartyFR' part")
    known = next(((fr, en) for fr, en in _KNOWN_LONGEST_FIRST
                  if text.endswith(f"{en}/{fr}") or text.endswith(f"{en} /{fr}")), None)
    fr = text[cut + 1 :].strip()
    head = text[:cut].strip()
    en = TABLE12_FR_TO_EN.get(fr)
    if known is not None:
        fr, en = known
        head = text[: len(text) - len(fr) - 1].strip()
        name_part = head[: len(head) - len(en)]
    else:
        words = head.split()
        n = max(1, len(fr.split()))
        if len(words) <= n:
            raise ValueError(f"candidate field {packed!r} has no candidate name")
        en = " ".join(words[-n:])
        name_part = " ".join(words[:-n])
    name_part = name_part.strip()
    incumbent = name_part.endswith("**")
    name = name_part.removesuffix("**").strip()
    if not name:
        raise ValueError(f"candidate field {packed!r} has no candidate name")
    return name, en, incumbent
