"""Who sits where: the lab's entrants (``name`` or ``name:difficulty``) and their assignments
to a scenario's seats."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from game.lab.errors import LabError
from game.policies import DIFFICULTIES, UnknownPolicy, get_policy
from game.session import Seat

#: Most seat assignments a tournament plays unless told otherwise (4 policies on 4 seats: 256).
MAX_ASSIGNMENTS = 256


@dataclass(frozen=True)
class Entrant:
    """An AI opponent from the registry at a difficulty: ``baseline`` or ``baseline:hard``."""

    policy: str
    difficulty: str = "normal"

    @property
    def label(self) -> str:
        return self.policy if self.difficulty == "normal" else f"{self.policy}:{self.difficulty}"

    @property
    def seat(self) -> Seat:
        return Seat(human=False, policy=self.policy, difficulty=self.difficulty)

    @staticmethod
    def parse(text: str) -> Entrant:
        parts = text.strip().split(":")
        if len(parts) > 2 or not parts[0]:
            raise LabError(f"a policy is NAME or NAME:DIFFICULTY, got {text.strip()!r}")
        name = parts[0]
        try:
            get_policy(name)
        except UnknownPolicy as exc:  # the registry's own message, listing every opponent
            raise LabError(str(exc)) from None
        difficulty = parts[1] if len(parts) == 2 else "normal"
        if difficulty not in DIFFICULTIES:
            raise LabError(f"{text.strip()!r}: difficulty must be one of {', '.join(DIFFICULTIES)}")
        return Entrant(name, difficulty)


def parse_entrants(text: str, *, at_least: int = 1) -> tuple[Entrant, ...]:
    """Comma-separated entrants, each once."""
    items = [t for t in (s.strip() for s in text.split(",")) if t]
    if len(items) < at_least:
        raise LabError(f"list at least {at_least} policies, separated by commas; got {text!r}")
    entrants = tuple(Entrant.parse(t) for t in items)
    labels = [e.label for e in entrants]
    twice = sorted({x for x in labels if labels.count(x) > 1})
    if twice:
        raise LabError(f"each policy is listed once; listed twice: {', '.join(twice)}")
    return entrants


def seats_for(text: str | None, n: int, default: tuple[str, ...] | None = None) -> tuple[Seat, ...]:
    """One entrant for every seat, or one per seat (``--policies`` of a sweep). Without
    ``text``: the seats ``default`` (a scenario's own, each human seat played by the baseline),
    or the baseline everywhere."""
    if text is None:
        if default is not None and len(default) == n:
            return tuple(
                Entrant("baseline").seat if s == "human" else Seat.parse(s) for s in default
            )
        return tuple(Entrant("baseline").seat for _ in range(n))
    items = [Entrant.parse(t) for t in text.split(",") if t.strip()]
    if len(items) == 1:
        return tuple(items[0].seat for _ in range(n))
    if len(items) != n:
        raise LabError(f"give one policy for every seat, or one per seat ({n}); got {len(items)}")
    return tuple(e.seat for e in items)


def assignments(k: int, seats: int, cap: int = MAX_ASSIGNMENTS) -> list[tuple[int, ...]]:
    """Every assignment of ``k`` entrants to ``seats`` seats (entrant index per seat), in
    :func:`itertools.product` order; a :class:`LabError` past ``cap``."""
    total = k**seats
    if total > cap:
        raise LabError(
            f"{k} policies on {seats} seats make {k}^{seats} = {total} seat assignments, more "
            f"than the cap of {cap}: list fewer policies, or raise --max-assignments"
        )
    return list(itertools.product(range(k), repeat=seats))
