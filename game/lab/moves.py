"""Which diplomatic moves the AI seats of a lesson make on their own, and whether each visible
move came with a reason a player could read.

:func:`move_census` plays a lesson's own seats (every human seat played by a stand-in AI) over a
batch of seeds and records, per world, which of :data:`MOVES` any AI seat made at least once. A
move counts when its order is given, whatever the engine then does with it (an alliance offer
that nobody takes up still counts as an offer). The census is what ``docs/ai-moves.md`` tabulates
and what the tests pin: across the eight lessons, every move of the list comes from some AI.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from game.engine.actions import Diplomacy
from game.scenarios import Scenario
from game.session import Runner, Seat


def _pair(name: str) -> Callable[[Diplomacy, list[int]], np.ndarray]:
    def read(d: Diplomacy, seats: list[int]) -> np.ndarray:
        a = np.asarray(getattr(d, name))[:, seats]
        return np.asarray((a > 0).reshape(a.shape[0], -1).any(axis=1))

    return read


#: The moves the census looks for, each read from a turn's diplomatic orders for the AI seats:
#: ``[B]`` True where one of them made it.
MOVES: dict[str, Callable[[Diplomacy, list[int]], np.ndarray]] = {
    "targeting": _pair("target"),
    "sanction": _pair("sanction"),
    "drill": _pair("drill"),
    "joint programme": _pair("programme"),
    "inspection": _pair("inspect"),
    "treaty proposal": lambda d, s: np.asarray((d.propose_kind[:, s] >= 0).any(axis=1)),
    "treaty withdrawal": _pair("leave"),
    "alliance": _pair("ally"),
    "deployment offer": lambda d, s: np.asarray(
        ((d.deploy_shield[:, s] > 0) | (d.deploy_reach[:, s] > 0)).any(axis=(1, 2))
    ),
    "public commitment": _pair("commit"),
    "talk": _pair("talk"),
    "crisis answer": lambda d, s: np.asarray((d.answer[:, s] >= 0).any(axis=(1, 2))),
}

#: The visible moves a reason must explain (crisis answers are read from the crisis itself).
VISIBLE = tuple(m for m in MOVES if m != "crisis answer")


@dataclass(frozen=True)
class Census:
    """A lesson's census: ``made[move]`` is ``[B]``, True where an AI seat made that move;
    ``unexplained`` counts the (world, turn, seat) cases where an AI seat made a visible move
    and gave no public reason for it, out of ``visible``."""

    made: dict[str, np.ndarray]
    unexplained: int
    visible: int

    def shares(self) -> dict[str, float]:
        """``{move: share of worlds}`` for the moves made at least once."""
        return {m: float(v.mean()) for m, v in self.made.items() if v.any()}


def move_census(scenario: Scenario, seeds: list[int], stand_in: str = "baseline") -> Census:
    """Play ``scenario`` with its own seats (``stand_in`` in every human seat) over ``seeds`` in
    one batch, and record which moves the AI seats made (see the module docstring)."""
    seats = tuple(
        Seat(False, stand_in) if s == "human" else Seat.parse(s) for s in scenario.default_seats
    )
    ai = [i for i, s in enumerate(scenario.default_seats) if s != "human"]
    runner = Runner(scenario, seeds, seats)
    made = {m: np.zeros(len(seeds), dtype=bool) for m in MOVES}
    unexplained = visible = 0
    while not runner.finished.all():
        live = ~runner.finished
        orders = runner.ai_orders()
        d = orders.diplomacy
        if d is not None:
            for m, read in MOVES.items():
                made[m] |= read(d, ai) & live
            for i in ai:
                shown = np.zeros(len(seeds), dtype=bool)
                for m in VISIBLE:
                    shown |= MOVES[m](d, [i])
                reasons = runner.public_reasons.get(i, [""] * len(seeds))
                for b in np.flatnonzero(shown & live):
                    visible += 1
                    unexplained += not reasons[b]
        runner.advance(orders)
    return Census(made, unexplained, visible)


__all__ = ["MOVES", "VISIBLE", "Census", "move_census"]
