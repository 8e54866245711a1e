"""The stage game behind a turn (model.md section 8): the theory lens's projection.

For a pair of states, each cell of ``{Restrain, Arm} x {Restrain, Arm}`` is projected a short
horizon with the real engine (:func:`game.engine.step.step`, without chance), and each side's
payoff is its discounted utility toward the other (:mod:`game.engine.payoffs`). That is how a
student sees *why* arming looked rational this turn. One projection serves the lens, the
debrief's timeline, the sweep's dilemma census and the counterfactuals.

It sits above :mod:`~game.engine.step` (which scores a turn with :mod:`~game.engine.payoffs`),
so the engine's modules import one another in one direction only.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.deterrence import exchange, host_exposure
from game.engine.diplomacy import within_caps
from game.engine.orders import Orders, budget
from game.engine.payoffs import last_shares, usual_mix, utility_terms
from game.engine.perception import private_view
from game.engine.state import CATEGORIES, CIVILIAN, HARDENING, REACH, SHIELD, World
from game.engine.step import step
from game.theory import Equilibrium, classify, nash_equilibria, pareto_optimal_cells
from game.theory import jervis_world as _jervis_world

RESTRAIN, ARM = 0, 1
MOVES = ("restrain", "arm")


#: The lens's cut of a turn: how far it looks ahead, and what share of the budget "arm" spends.
#: Three turns, because arming costs at once while what it buys (deterrence, leverage) builds
#: up over the next turns; half the budget, because a token build would show only its cost.
STAGE_HORIZON = 3
STAGE_ARM_SHARE = 0.5


def move_orders(world: World, moves: dict[int, np.ndarray], arm_share: float = 0.5) -> Orders:
    """Orders in which the states in ``moves`` restrain (0) or arm (1), one move per world, and
    everyone else keeps the shares of its last orders.

    Arm puts ``arm_share`` of the budget into the state's usual arms mix; Restrain puts the whole
    budget into the civilian economy.
    """
    seats = [(np.full(world.batch, i), np.asarray(m)) for i, m in moves.items()]
    return seat_orders(world, seats, arm_share)


def seat_orders(
    world: World, seats: list[tuple[np.ndarray, np.ndarray]], arm_share: float = 0.5
) -> Orders:
    """Like :func:`move_orders`, with the moving state chosen per world: each ``(who, move)`` of
    ``seats`` gives, for every world ``b``, the state ``who[b]`` and its move ``move[b]``."""
    shares = last_shares(world)
    mix = usual_mix(world)
    rows = np.arange(world.batch)
    for who, move in seats:
        arm = np.asarray(move, dtype=float).reshape(-1)
        s = np.zeros((world.batch, len(CATEGORIES)))
        s[:, [REACH, SHIELD, HARDENING]] = arm[:, None] * arm_share * mix[rows, who]
        s[:, CIVILIAN] = 1.0 - s.sum(axis=1)
        shares[rows, who] = s
    spend = shares * budget(world)[:, :, None]
    # Arming stops at a treaty cap in force: the cell is "arm within the rules", not "cheat".
    return Orders(spend=within_caps(world, spend), cut=np.zeros((world.batch, world.n)))


def stage_payoffs(
    cells: World,
    i: np.ndarray,
    j: np.ndarray,
    horizon: int = STAGE_HORIZON,
    arm_share: float = STAGE_ARM_SHARE,
) -> np.ndarray:
    """``[C, 2]``: the projected payoffs of the row ``i[c]`` and the column ``j[c]`` in each cell.

    ``cells`` holds groups of four copies of a world, in the order (restrain, restrain),
    (restrain, arm), (arm, restrain), (arm, arm); ``i`` and ``j`` name the pair of each cell. Each
    group runs ``horizon`` turns of the real engine without chance (expected values), the pair
    playing its cell's moves and everyone else its last orders, and each side's payoff is its
    discounted utility *toward the other* (:meth:`UtilityTerms.toward`). This is the one
    projection behind the lens, the debrief's stage-game timeline and the counterfactuals, run
    as one batch however many pairs, turns and worlds it covers.
    """
    c = cells.batch
    if c % 4:
        raise ValueError("stage cells come in groups of four")
    row_moves = np.tile(np.array([RESTRAIN, RESTRAIN, ARM, ARM]), c // 4)
    col_moves = np.tile(np.array([RESTRAIN, ARM, RESTRAIN, ARM]), c // 4)
    total = np.zeros((c, 2))
    discount = cells.param("discount")
    alive = np.ones(c // 4, dtype=bool)
    for k in range(horizon):
        # A group stops counting once all four of its cells are over (a war in every one).
        alive &= ~cells.over.reshape(-1, 4).all(axis=1)
        if not alive.any():
            break
        orders = seat_orders(cells, [(i, row_moves), (j, col_moves)], arm_share)
        cells, events = step(cells, orders, None)
        terms = utility_terms(cells, exchange(cells), events.war_loss)
        u = np.stack([terms.toward(i, j), terms.toward(j, i)], axis=1)
        total += np.repeat(alive, 4)[:, None] * (discount**k)[:, None] * u
    return total


@dataclass(frozen=True)
class StageGame:
    """The 2x2 game a pair faces this turn, with everything the theory lens shows."""

    row: str
    col: str
    A: np.ndarray  # row player's payoffs, [restrain, arm] x [restrain, arm]
    B: np.ndarray  # column player's payoffs
    name: str  # classify(A, B)
    equilibria: list[Equilibrium]  # [(x, y), ...] from nash_equilibria(A, B)
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
    horizon: int = STAGE_HORIZON,
    arm_share: float = STAGE_ARM_SHARE,
    seen_by: int | None = None,
) -> StageGame:
    """Project ``horizon`` turns for each of the four cells and read off the 2x2 payoffs.

    Others keep their last orders. The projection runs the real engine on a batch of four copies
    of the world, without chance (expected values), so the cells differ only by the pair's moves.
    Payoffs are the discounted utility over the horizon. With ``seen_by``, the projection starts
    from the world as that state knows it (:func:`~game.engine.perception.private_view`: the
    others' stocks as it saw them, their kinds the ones it thinks likelier, their beliefs a
    mirror of its own), so a player's lens never shows what its intelligence does not: neither a
    rival's hidden stocks nor its hidden kind, which its payoffs would otherwise betray.
    """
    if i == j:
        raise ValueError("a stage game needs two different states")
    if seen_by is not None:
        world = private_view(world, seen_by)
    base = world.select(b)
    total = stage_payoffs(base.tile(4), np.full(4, i), np.full(4, j), horizon, arm_share)
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
