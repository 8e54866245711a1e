"""What things cost this turn: each state's budget, the price of a unit of each stock after
tech, and what a turn's diplomacy costs (drills and inspections, sunk costs).

Orders, the diplomacy, the economy and the legality of a turn all read these, so they live
below all of them.
"""

from __future__ import annotations

import numpy as np

from game.engine.actions import Diplomacy
from game.engine.state import World


def budget(world: World) -> np.ndarray:
    """``[B, N]`` budget of each state this turn: ``economy * tax`` (model.md section 4)."""
    return world.economy * world.param("tax")[:, None]


def unit_costs(world: World) -> np.ndarray:
    """``[B, N, 3]`` budget per unit of reach, shield and one step of hardening, after tech."""
    costs = np.stack(
        [world.param("reach_cost"), world.param("shield_cost"), world.param("hardening_cost")],
        axis=1,
    )
    return costs[:, None, :] / world.tech[:, :, None]


def diplomacy_costs(world: World, dip: Diplomacy) -> np.ndarray:
    """``[B, N]`` budget the turn's diplomacy costs: drills and inspections (sunk costs)."""
    bud = budget(world)
    drills = dip.drill.sum(axis=2)
    inspections = dip.inspect.sum(axis=2)
    return bud * (
        world.param("drill_cost")[:, None] * drills
        + world.param("inspection_cost")[:, None] * inspections
    )


def programme_tech(world: World) -> np.ndarray:
    """``[B, N]`` tech each state builds shields with: its own, or its best partner's."""
    partner = np.where(world.programme > 0.5, world.tech[:, None, :], 0.0).max(axis=2)
    return np.maximum(world.tech, partner)


__all__ = ["budget", "diplomacy_costs", "programme_tech", "unit_costs"]
