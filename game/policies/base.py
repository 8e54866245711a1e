"""The policy interface and its registry: AI seats turn what they *see* into orders.

A policy never reads the world's hidden truth about others: it gets an :class:`Observation`
(its own stocks, what it sees of rivals, its beliefs, tension). Policies are vectorised over
the batch and each seat has its own random streams, one per world, spawned from the session
seed, so a policy cannot predict the engine's noise (as in Axelrod's ``Match``).

Subclasses join the registry by being defined (``__init_subclass__``); nobody keeps a list.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from game.engine.deterrence import exchange
from game.engine.orders import budget, unit_costs
from game.engine.state import CATEGORIES, World

REGISTRY: dict[str, type[Policy]] = {}
DIFFICULTIES = ("easy", "normal", "hard")


class UnknownPolicy(KeyError):
    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True)
class Observation:
    """What seat ``i`` knows at the start of a turn, for every world of the batch."""

    seat: int
    names: tuple[str, ...]
    budget: np.ndarray  # [B]
    economy: np.ndarray  # [B, N]: economies are public
    own_reach: np.ndarray  # [B]
    own_shield: np.ndarray  # [B]
    own_hardening: np.ndarray  # [B]
    kind: np.ndarray  # [B]: its own hidden kind
    seen_reach: np.ndarray  # [B, N]: what it sees of each state (its own true value at i)
    seen_shield: np.ndarray  # [B, N]
    belief: np.ndarray  # [B, N]: probability each is a security seeker
    tension: np.ndarray  # [B, N]
    ally: np.ndarray  # [B, N] bool
    deterrence_margin: np.ndarray  # [B, N]: its second strike against each, as it sees them
    cover_margin: np.ndarray  # [B, N]: the best second strike against each of itself or an ally
    threat_margin: np.ndarray  # [B, N]: each one's second strike against it, as it sees them
    unit_costs: np.ndarray  # [B, 3]: reach, shield, hardening
    hardening_max: np.ndarray  # [B]
    allowed: tuple[str, ...]
    over: np.ndarray  # [B]

    @property
    def batch(self) -> int:
        return int(self.budget.shape[0])

    @property
    def rivals(self) -> np.ndarray:
        """[B, N] True for every other state that is not an ally."""
        mask = ~self.ally
        mask[:, self.seat] = False
        return mask


def observe(world: World, i: int) -> Observation:
    """Seat ``i``'s view: its own truth, and others as it sees them."""
    seen_reach = world.seen_reach[:, i, :].copy()
    seen_shield = world.seen_shield[:, i, :].copy()
    seen_reach[:, i] = world.reach[:, i]
    seen_shield[:, i] = world.shield[:, i]
    imagined = world.replace(
        reach=seen_reach, shield=seen_shield
    )  # i imagines the exchange with the stocks it sees
    ex = exchange(imagined)
    ally = world.alliance[:, i, :] > 0.5
    # Extended deterrence: a rival is held off if i *or any ally* would retaliate unacceptably.
    guard = ally.copy()
    guard[:, i] = True
    cover = np.where(guard[:, :, None], ex.margin, -np.inf).max(axis=1)
    return Observation(
        seat=i,
        names=world.names,
        budget=budget(world)[:, i],
        economy=world.economy.copy(),
        own_reach=world.reach[:, i].copy(),
        own_shield=world.shield[:, i].copy(),
        own_hardening=world.hardening[:, i].copy(),
        kind=world.kind[:, i].copy(),
        seen_reach=seen_reach,
        seen_shield=seen_shield,
        belief=world.belief[:, i, :].copy(),
        tension=world.tension[:, i, :].copy(),
        ally=ally,
        deterrence_margin=ex.margin[:, i, :],
        cover_margin=cover,
        threat_margin=ex.margin[:, :, i],
        unit_costs=unit_costs(world)[:, i, :],
        hardening_max=world.param("hardening_max"),
        allowed=tuple(world.params.categories),
        over=world.over.copy(),
    )


@dataclass(frozen=True)
class Move:
    """A seat's orders for every world: ``spend`` ``[B, 5]`` in budget units, ``cut`` ``[B]``."""

    spend: np.ndarray
    cut: np.ndarray


class Policy:
    """An AI opponent: ``act(observation) -> Move``, vectorised over the batch.

    Subclasses set ``name`` (what a student types: ``ai:NAME``), ``title``, ``traits`` and a
    docstring naming the source of the idea. ``difficulty`` changes how well it sees and plays,
    never the rules.
    """

    name: ClassVar[str] = ""
    title: ClassVar[str] = ""
    traits: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if cls.name:
            if cls.name in REGISTRY:
                raise ValueError(f"two policies are named {cls.name!r}")
            REGISTRY[cls.name] = cls

    def __init__(
        self, seat: int, rngs: list[np.random.Generator], difficulty: str = "normal"
    ) -> None:
        if difficulty not in DIFFICULTIES:
            raise ValueError(
                f"difficulty must be one of {', '.join(DIFFICULTIES)}, got {difficulty!r}"
            )
        self.seat = seat
        self.rngs = rngs
        self.difficulty = difficulty

    def act(self, obs: Observation) -> Move:
        raise NotImplementedError

    @staticmethod
    def shares_to_move(obs: Observation, shares: np.ndarray, cut: np.ndarray | None = None) -> Move:
        """A move from budget shares ``[B, 5]``: disallowed categories dropped, rest civilian."""
        shares = np.clip(np.asarray(shares, dtype=float), 0.0, None).copy()
        for c, cat in enumerate(CATEGORIES):
            if cat not in obs.allowed:
                shares[:, c] = 0.0
        military = shares[:, :4].sum(axis=1)
        scale = np.where(military > 1.0, 1.0 / np.maximum(military, 1e-12), 1.0)
        shares[:, :4] *= scale[:, None]
        shares[:, 4] = 0.0
        spend = shares * obs.budget[:, None]
        spend[:, 4] = np.maximum(obs.budget - spend[:, :4].sum(axis=1), 0.0)
        c = np.zeros(obs.batch) if cut is None else np.minimum(np.maximum(cut, 0.0), obs.own_reach)
        return Move(spend=spend, cut=c)


def get_policy(name: str) -> type[Policy]:
    """The policy class registered as ``name``; a clear error listing the known names if none."""
    try:
        return REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(REGISTRY))
        raise UnknownPolicy(f"no opponent is called {name!r}; known opponents: {known}") from None
