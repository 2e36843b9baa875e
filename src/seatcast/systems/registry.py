"""Named electoral systems, and the one serialization boundary for system definitions.

A system is a small frozen object with a ``name``, a ``kind``, ``describe()``, ``run(election)
-> Outcome`` and ``to_dict()``; ``from_dict(system.to_dict()) == system`` for every kind, so a
counterfactual is data: it can be saved as JSON, edited and run again
(``seatcast whatif --definition FILE``, read by
`seatcast.sources.systems`).  :data:`SYSTEMS` holds the built-in named systems;
:func:`configure` applies option overrides to one of them through its definition.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any, ClassVar, Protocol

from seatcast.domain.results import Election
from seatcast.errors import SeatcastError
from seatcast.systems.fptp import FPTP
from seatcast.systems.inputs import Inputs
from seatcast.systems.irv import IRV
from seatcast.systems.listpr import ListPR
from seatcast.systems.mmp import MMP
from seatcast.systems.outcome import Outcome
from seatcast.systems.stv import STV


class System(Protocol):
    kind: ClassVar[str]

    @property
    def name(self) -> str: ...

    def describe(self) -> str: ...

    def to_dict(self) -> dict[str, Any]: ...

    def run(self, election: Election, inputs: Inputs = ...) -> Outcome: ...


KINDS: dict[str, Any] = {"fptp": FPTP, "list-pr": ListPR, "mmp": MMP, "irv": IRV, "stv": STV}

SYSTEMS: dict[str, System] = {
    s.name: s
    for s in (
        FPTP(),
        ListPR(name="pr-national", grouping="national"),
        ListPR(name="pr-provincial", grouping="province"),
        ListPR(name="pr-regional", grouping="region"),
        MMP(name="mmp"),
        MMP(name="mmp-regional", areas="region"),
        IRV(),
        STV(),
    )
}


def from_dict(data: Mapping[str, Any]) -> System:
    """Rebuild a system from its definition (``to_dict()`` output)."""
    kind = data.get("kind")
    if kind not in KINDS:
        raise SeatcastError(f"unknown system kind {kind!r} (known: {', '.join(KINDS)})")
    try:
        system: System = KINDS[kind].from_dict(dict(data))
    except (KeyError, TypeError, ValueError, ZeroDivisionError) as e:
        raise SeatcastError(f"bad {kind} definition: {e}") from None
    return system


def get(name: str) -> System:
    key = name.strip().lower()
    if key not in SYSTEMS:
        raise SeatcastError(f"unknown system {name!r} (known: {', '.join(SYSTEMS)})")
    return SYSTEMS[key]


#: The definition keys an option may set (each only on the kinds whose definitions have it).
OPTIONS = frozenset({"method", "grouping", "areas", "local_share", "overhang", "preferences",
                     "magnitude", "tie_rule", "threshold"})


def configure(system: System, **options: Any) -> System:
    """A copy of ``system`` with options changed (``None`` leaves a setting as it is).

    ``threshold`` takes a :class:`~seatcast.systems.thresholds.Threshold`; ``grouping`` and
    ``areas`` take a built-in grouping name or a :class:`~seatcast.systems.districts.Grouping`.
    An option the system does not have is an error, not silently ignored.
    """
    data = system.to_dict()
    for key, value in options.items():
        if value is None:
            continue
        if key not in OPTIONS or key not in data:
            raise SeatcastError(f"option {key.replace('_', '-')} does not apply to system "
                                f"{system.name} ({data['kind']})")
        if hasattr(value, "to_dict"):  # a Threshold or a Grouping
            data[key] = value.to_dict()
        elif isinstance(value, Fraction):
            data[key] = str(value)
        else:
            data[key] = value
    return from_dict(data)
