"""Utility, score, and the stage game behind a turn (model.md sections 7-8).

``U_i = prosperity_i - lambda * threat_i + standing_i - war_loss_i``, where ``threat_i`` is the
first-strike damage ``i`` *perceives* it could suffer from each rival, weighted by how likely it
believes that rival is to strike: an expansionist it does not deter is the worst case.

The stage game (the theory lens) projects a short horizon for each cell of
``{Restrain, Arm} x {Restrain, Arm}`` for a pair, with the same engine, and reads off the 2x2
payoffs. That is how a student sees *why* arming looked rational this turn.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.deterrence import Exchange, exchange, host_exposure, leak
from game.engine.orders import Orders, budget
from game.engine.state import CATEGORIES, CIVILIAN, HARDENING, REACH, SHIELD, World
from game.theory import classify, nash_equilibria, pareto_optimal_cells
from game.theory import jervis_world as _jervis_world

RESTRAIN, ARM = 0, 1
MOVES = ("restrain", "arm")


def perceived_threat(world: World, ex: Exchange) -> np.ndarray:
    """``[B, N]``: expected first-strike damage ``i`` fears, over its economy.

    For each rival ``j`` (not an ally), ``i`` imagines j's first strike with the reach it *sees*
    j holding, weighted by ``P(attack) = (1 - belief) * (r + (1 - r) * (1 - deterred))``, where
    ``deterred`` is how far i's own second strike reaches unacceptable damage on j and ``r`` the
    residual fear that remains even under deterrence (Schelling).
    """
    eta = world.param("shield_efficiency")[:, None, None]
    beta = world.param("forward_bonus")[:, None, None]
    theta = world.param("unacceptable_damage")[:, None, None]
    fear = world.param("residual_fear")[:, None, None]
    seen_reff = world.seen_reach + beta * world.fwd_reach.sum(axis=2)[:, None, :]
    seen_first = leak(seen_reff, ex.effective_shield[:, :, None], eta)  # [B, i, j]: j hits i
    deterred = np.clip(ex.retaliation / (theta * world.economy[:, None, :]), 0.0, 1.0)
    p_attack = (1.0 - world.belief) * (fear + (1.0 - fear) * (1.0 - deterred))
    # A rival that has declared its reach aimed at i is feared more (targeting).
    aimed = np.swapaxes(world.targeting, 1, 2)
    p_attack = np.minimum(
        p_attack * (1.0 + world.param("targeting_fear")[:, None, None] * aimed), 1.0
    )
    rival = (world.alliance < 0.5) & ~np.eye(world.n, dtype=bool)[None]
    return (rival * p_attack * seen_first).sum(axis=2) / world.economy


def utility(world: World, ex: Exchange, war_loss: np.ndarray) -> np.ndarray:
    """``[B, N]`` this turn's utility (model.md section 7), on the world after the turn."""
    prosperity = world.economy / world.base_economy
    lam = world.param("threat_weight")[:, None]
    return prosperity - lam * perceived_threat(world, ex) + world.standing - 10.0 * war_loss


def _usual_mix(world: World) -> np.ndarray:
    """``[B, N, 3]`` each state's usual split of arms spending (reach first when it has none)."""
    mil = world.last_spend[:, :, : CIVILIAN - 1]  # reach, shield, hardening
    total = mil.sum(axis=2, keepdims=True)
    allowed = np.array([c in world.params.categories for c in CATEGORIES[:3]], dtype=float)
    default = np.zeros(3)
    default[REACH] = 1.0
    mix = np.where(total > 0, mil / np.where(total > 0, total, 1.0), default)
    mix = mix * allowed
    s = mix.sum(axis=2, keepdims=True)
    return np.where(s > 0, mix / np.where(s > 0, s, 1.0), default)


def _last_shares(world: World) -> np.ndarray:
    last = world.last_spend
    total = last.sum(axis=2, keepdims=True)
    return np.where(total > 0, last / np.where(total > 0, total, 1.0), 0.0)


def move_orders(world: World, moves: dict[int, np.ndarray], arm_share: float = 0.5) -> Orders:
    """Orders in which the states in ``moves`` restrain (0) or arm (1), one move per world, and
    everyone else keeps the shares of its last orders.

    Arm puts ``arm_share`` of the budget into the state's usual arms mix; Restrain puts the whole
    budget into the civilian economy.
    """
    shares = _last_shares(world)
    mix = _usual_mix(world)
    for i, move in moves.items():
        arm = np.asarray(move, dtype=float).reshape(-1)
        s = np.zeros((world.batch, len(CATEGORIES)))
        s[:, [REACH, SHIELD, HARDENING]] = arm[:, None] * arm_share * mix[:, i]
        s[:, CIVILIAN] = 1.0 - s.sum(axis=1)
        shares[:, i] = s
    spend = shares * budget(world)[:, :, None]
    # Arming stops at a treaty cap in force: the cell is "arm within the rules", not "cheat".
    from game.engine.diplomacy import within_caps

    return Orders(spend=within_caps(world, spend), cut=np.zeros((world.batch, world.n)))


@dataclass(frozen=True)
class StageGame:
    """The 2x2 game a pair faces this turn, with everything the theory lens shows."""

    row: str
    col: str
    A: np.ndarray  # row player's payoffs, [restrain, arm] x [restrain, arm]
    B: np.ndarray  # column player's payoffs
    name: str  # classify(A, B)
    equilibria: list  # [(x, y), ...] from nash_equilibria(A, B)
    pareto: np.ndarray  # 2x2 bool: Pareto-optimal cells
    world: str  # Jervis's four worlds
    stability: float  # first-strike stability of the pair now
    margin_row: float  # row's deterrence margin against col (>= 0: deters)
    margin_col: float
    exposure_row: float  # the most a rival's first strike would spill onto row as a host
    exposure_col: float
    tech_row: float  # tech levels: a joint programme's transfer risk shows as a closing gap
    tech_col: float
    programme: bool  # the pair runs a joint programme


def jervis_world(world: World, b: int = 0) -> str:
    """Jervis (1978): offense or defense advantage x distinguishable or not.

    Defense has the advantage when a budget unit of shield stops more reach than a budget unit of
    reach delivers: ``eta * reach_cost / shield_cost > 1``. Builds are distinguishable when a
    shield is more often seen for what it is than not (``delta > 1/2``; at 1/2 it is a coin flip).
    """
    eta = float(world.param("shield_efficiency")[b])
    ratio = eta * float(world.param("reach_cost")[b]) / float(world.param("shield_cost")[b])
    distinguishable = float(world.param("distinguishability")[b]) > 0.5
    return _jervis_world(offense_advantage=ratio <= 1.0, distinguishable=distinguishable)


def stage_game(
    world: World,
    i: int,
    j: int,
    b: int = 0,
    horizon: int = 3,
    arm_share: float = 0.5,
    seen_by: int | None = None,
) -> StageGame:
    """Project ``horizon`` turns for each of the four cells and read off the 2x2 payoffs.

    Others keep their last orders. The projection runs the real engine on a batch of four copies
    of the world, without chance (expected values), so the cells differ only by the pair's moves.
    Payoffs are the discounted utility over the horizon. With ``seen_by``, the projection starts
    from the world as that state sees it (:func:`~game.engine.perception.seen_world`), so a
    player's lens never shows what its intelligence does not.
    """
    from game.engine.step import step  # step imports this module for utility()

    if i == j:
        raise ValueError("a stage game needs two different states")
    if seen_by is not None:
        from game.engine.perception import seen_world

        world = seen_world(world, seen_by)
    base = world.select(b)
    cells = base.tile(4)
    row_moves = np.array([RESTRAIN, RESTRAIN, ARM, ARM])
    col_moves = np.array([RESTRAIN, ARM, RESTRAIN, ARM])
    total = np.zeros((4, 2))
    discount = float(base.param("discount")[0])
    for k in range(horizon):
        if cells.over.all():
            break
        orders = move_orders(cells, {i: row_moves, j: col_moves}, arm_share)
        cells, _ = step(cells, orders, None)
        total += (discount**k) * cells.utility[:, [i, j]]
    A = total[:, 0].reshape(2, 2)
    B = total[:, 1].reshape(2, 2)
    ex = exchange(base)
    spill = host_exposure(base, ex.first_strike)[0].max(axis=0)  # by host
    names = base.names or tuple(f"state {k}" for k in range(base.n))
    return StageGame(
        row=names[i],
        col=names[j],
        A=A,
        B=B,
        name=classify(A, B),
        equilibria=nash_equilibria(A, B),
        pareto=pareto_optimal_cells(A, B),
        world=jervis_world(base),
        stability=float(ex.stability[0, i, j]),
        margin_row=float(ex.margin[0, i, j]),
        margin_col=float(ex.margin[0, j, i]),
        exposure_row=float(spill[i]),
        exposure_col=float(spill[j]),
        tech_row=float(base.tech[0, i]),
        tech_col=float(base.tech[0, j]),
        programme=bool(base.programme[0, i, j] > 0.5),
    )
