"""Random valid worlds for property tests, and helpers that let engine tests read like the domain.

Every state here is invented. Strategies draw whole scenarios (states, links, forward
deployments, parameters) and build them with :func:`initial_world`, so a property is checked on
worlds the engine can actually meet: alliances, hosts carrying a patron's reach or shield,
states without any reach at all.

Stocks are drawn on a grid of 0.01 so that hypothesis explores the domain (zero, small, large,
equal) rather than floating-point dust far below any unit a player can order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
from hypothesis import strategies as st

from game.engine import (
    CATEGORIES,
    Deployment,
    Events,
    Link,
    Orders,
    Params,
    StateSpec,
    World,
    initial_world,
    step,
)
from game.engine.state import CIVILIAN

#: Invented state names (fictional on purpose: nothing here names a real place).
NAMES = ("Aurum", "Borea", "Cindral", "Dovrane", "Esquilar", "Fennoray", "Gryth", "Halvesk")


# --------------------------------------------------------------------------------------------
# Budget shares: what a state does with its budget this turn, as one readable vector.
# --------------------------------------------------------------------------------------------


def share(
    reach: float = 0.0, shield: float = 0.0, hardening: float = 0.0, intel: float = 0.0
) -> np.ndarray:
    """A share vector over :data:`CATEGORIES`; whatever is left goes to the civilian economy."""
    s = np.array([reach, shield, hardening, intel, 0.0])
    s[CIVILIAN] = 1.0 - s.sum()
    return s


#: Put the whole budget into the civilian economy.
HOLD = share()
#: Put half the budget into new reach.
ARM = share(reach=0.5)


def shares_for(world: World, per_state: dict[int, np.ndarray], default: np.ndarray = HOLD):
    """``[B, N, 5]`` shares: ``per_state[i]`` for the states listed, ``default`` for the rest."""
    out = np.tile(np.asarray(default, dtype=float), (world.batch, world.n, 1))
    for i, s in per_state.items():
        out[:, i] = s
    return out


# --------------------------------------------------------------------------------------------
# Playing a few turns.
# --------------------------------------------------------------------------------------------

Shares = np.ndarray | Sequence[np.ndarray] | Callable[[World, int], np.ndarray]
Seed = int | Sequence[int] | None


@dataclass(frozen=True)
class Play:
    """A played game: every world from the start (``worlds[0]``) and every turn's events."""

    worlds: list[World]
    events: list[Events]

    @property
    def final(self) -> World:
        return self.worlds[-1]


def rng_for(seed: Seed):
    """The engine's chance for ``seed``: a generator, one generator per world, or ``None``."""
    if seed is None:
        return None
    if isinstance(seed, int | np.integer):
        return np.random.default_rng(int(seed))
    return [np.random.default_rng(int(s)) for s in seed]


def play(world: World, shares_per_turn: Shares, seed: Seed, turns: int) -> Play:
    """Play ``turns`` turns of ``world`` and keep every world and every turn's events.

    ``shares_per_turn`` is one share array (broadcast to ``[B, N, 5]``) used every turn, a
    sequence with one per turn (the last repeats), or a callable ``(world, turn) -> shares``.
    ``seed`` is an int (one stream for the batch), a list of ints (one stream per world) or
    ``None`` (the expected-value turn, without chance).
    """
    rng = rng_for(seed)
    worlds, events = [world], []
    for t in range(turns):
        if callable(shares_per_turn):
            s = shares_per_turn(world, t)
        elif isinstance(shares_per_turn, np.ndarray):
            s = shares_per_turn
        else:
            s = shares_per_turn[min(t, len(shares_per_turn) - 1)]
        s = np.broadcast_to(np.asarray(s, dtype=float), (world.batch, world.n, len(CATEGORIES)))
        world, ev = step(world, Orders.from_shares(world, s), rng)
        worlds.append(world)
        events.append(ev)
    return Play(worlds, events)


def random_shares(world: World, rng: np.random.Generator) -> np.ndarray:
    """Random legal budget shares ``[B, N, 5]``: some categories left empty, some over-asked.

    Only the categories the scenario allows get money; asking for more than the budget is scaled
    back by :meth:`Orders.from_shares`, as a menu would.
    """
    shape = (world.batch, world.n, len(CATEGORIES))
    s = rng.random(shape) * (rng.random(shape) < 0.6)
    s *= rng.choice([0.3, 1.0, 2.0], size=shape[:2])[..., None]
    allowed = np.array([c in world.params.categories for c in CATEGORIES])
    s[..., ~allowed] = 0.0
    s[..., CIVILIAN] = 0.0
    return s


def random_orders(world: World, rng: np.random.Generator) -> Orders:
    """Random legal orders: random shares, and now and then a cut of part of the reach held."""
    cut = world.reach * rng.random(world.reach.shape) * (rng.random(world.reach.shape) < 0.3)
    return Orders.from_shares(world, random_shares(world, rng), cut=cut)


def play_random(world: World, orders_seed: int, seed: Seed, turns: int) -> Play:
    """Play ``turns`` turns with random legal orders drawn from ``orders_seed``."""
    order_rng = np.random.default_rng(orders_seed)
    rng = rng_for(seed)
    worlds, events = [world], []
    for _ in range(turns):
        world, ev = step(world, random_orders(world, order_rng), rng)
        worlds.append(world)
        events.append(ev)
    return Play(worlds, events)


def spent(events: Events) -> np.ndarray:
    """``[B, N]`` what each state spent this turn in total (it must be its whole budget)."""
    return events.spend.sum(axis=2)


def brink() -> World:
    """Two fully exposed arsenals (kappa 1, no hardening) at full tension: war is certain.

    FSS = 0 (a first strike disarms the other side completely); with clear sight and no decay,
    tension stays at 1, so the odds are base_war_risk (1) * tension (1) * (1/4 + 3/4 * (1 - 0)).
    """
    params = Params(
        counterforce=1.0, base_war_risk=1.0, crisis_threshold=0.5, tension_decay=0.0, noise=0.0
    )
    return initial_world(
        params,
        (StateSpec("Aurum", reach=10.0), StateSpec("Borea", reach=10.0)),
        links=(Link(0, 1, tension=1.0),),
    )


# --------------------------------------------------------------------------------------------
# Hypothesis strategies.
# --------------------------------------------------------------------------------------------


@cache
def amounts(max_value: float, zero_often: bool = True) -> st.SearchStrategy[float]:
    """A stock on a 0.01 grid in ``[0, max_value]``; exactly zero about a quarter of the time."""
    top = int(round(max_value * 100))
    low = -top // 3 if zero_often else 0
    return st.integers(low, top).map(lambda k: max(k, 0) / 100)


@cache
def economies() -> st.SearchStrategy[float]:
    """An economy on a 0.01 grid in ``[10, 500]``."""
    return st.integers(1_000, 50_000).map(lambda k: k / 100)


@cache
def unit(lo: float = 0.0, hi: float = 1.0) -> st.SearchStrategy[float]:
    """A float in ``[lo, hi]`` (no subnormals: no player orders a share of 1e-320)."""
    return st.floats(lo, hi, allow_nan=False, allow_infinity=False, allow_subnormal=False)


#: Sensible ranges for every scenario parameter the strategies vary.
PARAM_RANGES: dict[str, tuple[float, float]] = {
    "shield_efficiency": (0.2, 3.0),
    "counterforce": (0.0, 1.0),
    "forward_bonus": (1.0, 3.0),
    "unacceptable_damage": (0.05, 1.0),
    "host_share": (0.0, 0.5),
    "tax": (0.05, 0.5),
    "reach_cost": (0.5, 3.0),
    "shield_cost": (0.5, 3.0),
    "hardening_cost": (1.0, 10.0),
    "hardening_max": (0.3, 1.0),
    "upkeep": (0.0, 0.15),
    "attrition": (0.0, 0.1),
    "growth": (-0.02, 0.05),
    "investment_return": (0.0, 0.4),
    "burden_drag": (0.0, 0.3),
    "trade_gain": (0.0, 0.05),
    "sanction_cost": (0.0, 0.05),
    "burden_tolerance": (0.1, 0.6),
    "support_rate": (0.0, 0.5),
    "distinguishability": (0.0, 1.0),
    "noise": (0.0, 1.0),
    "intel_effect": (0.0, 1.0),
    "signal_seeker": (-0.1, 0.1),
    "signal_expansionist": (0.2, 0.6),
    "signal_spread": (0.1, 0.5),
    "tension_arms": (0.0, 0.5),
    "tension_decay": (0.0, 0.3),
    "tension_trade": (0.0, 0.2),
    "tension_targeting": (0.0, 0.2),
    "tension_sanction": (0.0, 0.2),
    "base_war_risk": (0.0, 1.0),
    "crisis_threshold": (0.3, 1.0),
    "war_damage_floor": (0.0, 0.5),
    "threat_weight": (0.0, 2.0),
    "residual_fear": (0.0, 1.0),
    "shield_signal": (0.0, 1.0),
    "tension_forward": (0.0, 0.2),
    "discount": (0.8, 1.0),
}


#: Parameters hypothesis explores (and shrinks) one by one; the rest come from one drawn seed,
#: which keeps a random world cheap to draw while every parameter still varies.
EXPLORED = (
    "shield_efficiency",
    "counterforce",
    "forward_bonus",
    "unacceptable_damage",
    "hardening_max",
    "tax",
    "noise",
    "distinguishability",
)


@st.composite
def params(draw, batch: int = 1, per_world: bool = False, **fixed) -> Params:
    """Random :class:`Params` within :data:`PARAM_RANGES`; ``fixed`` pins chosen fields.

    With ``per_world`` some fields become arrays of shape ``[batch]``: one value per world.
    """
    background = np.random.default_rng(draw(st.integers(0, 2**32 - 1), label="params seed"))
    values = {}
    for name, (lo, hi) in PARAM_RANGES.items():
        if name in fixed:
            continue
        if per_world and background.random() < 0.4:
            values[name] = background.uniform(lo, hi, size=batch)
        elif name in EXPLORED:
            values[name] = draw(unit(lo, hi), label=name)
        else:
            values[name] = float(background.uniform(lo, hi))
    values.update(fixed)
    return Params(**values)


@st.composite
def state_specs(draw, n: int) -> tuple[StateSpec, ...]:
    """``n`` random states: big and small economies, some without reach or shield.

    Stocks and hardening are explored by hypothesis; tech, standing, support and the prior of
    being expansionist come from one drawn seed.
    """
    background = np.random.default_rng(draw(st.integers(0, 2**32 - 1), label="states seed"))
    return tuple(
        StateSpec(
            name=NAMES[i],
            economy=draw(economies(), label=f"economy {i}"),
            reach=draw(amounts(60.0), label=f"reach {i}"),
            shield=draw(amounts(60.0), label=f"shield {i}"),
            hardening=draw(unit(), label=f"hardening {i}"),
            tech=float(background.uniform(0.5, 2.0)),
            standing=float(background.random()),
            support=float(background.random()),
            expansionist=float(background.random()),
        )
        for i in range(n)
    )


@st.composite
def links(draw, n: int) -> tuple[Link, ...]:
    """Random relations between some pairs: alliances, trade ties, standing tension."""
    pairs = [(a, b) for a in range(n) for b in range(a + 1, n)]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=len(pairs)))
    return tuple(
        Link(a, b, alliance=draw(st.booleans()), trade=draw(amounts(3.0)), tension=draw(unit()))
        for a, b in chosen
    )


@st.composite
def deployments(draw, n: int) -> tuple[Deployment, ...]:
    """Random forward deployments: a patron's reach and shield stationed at a host."""
    pairs = [(p, h) for p in range(n) for h in range(n) if p != h]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=min(4, len(pairs))))
    return tuple(
        Deployment(p, h, reach=draw(amounts(30.0)), shield=draw(amounts(30.0))) for p, h in chosen
    )


@dataclass(frozen=True)
class Scenario:
    """The ingredients of a random world, kept so a test can rebuild variants of it."""

    params: Params
    states: tuple[StateSpec, ...]
    links: tuple[Link, ...]
    deployments: tuple[Deployment, ...]

    def world(self, uniforms: np.ndarray | None = None) -> World:
        return initial_world(self.params, self.states, self.links, self.deployments, uniforms)


@st.composite
def scenarios(
    draw,
    min_states: int = 2,
    max_states: int = 5,
    batch: int = 1,
    per_world: bool = False,
    **fixed,
) -> Scenario:
    n = draw(st.integers(min_states, max_states))
    return Scenario(
        params=draw(params(batch=batch, per_world=per_world, **fixed)),
        states=draw(state_specs(n)),
        links=draw(links(n)),
        deployments=draw(deployments(n)),
    )


@st.composite
def worlds(draw, min_states: int = 2, max_states: int = 5, batch: int = 1, **fixed) -> World:
    """A random valid batch of worlds built by :func:`initial_world` (kinds drawn per world)."""
    sc = draw(scenarios(min_states, max_states, batch=batch, **fixed))
    n = len(sc.states)
    uniforms = np.array(draw(st.lists(unit(0.0, 0.999), min_size=batch * n, max_size=batch * n)))
    return sc.world(uniforms.reshape(batch, n))


@st.composite
def pairs(draw, world: World) -> tuple[int, int]:
    """Two different states of ``world``."""
    i = draw(st.integers(0, world.n - 1))
    j = draw(st.integers(0, world.n - 2))
    return i, j + (j >= i)


@cache
def seeds() -> st.SearchStrategy[int]:
    return st.integers(0, 2**32 - 1)
