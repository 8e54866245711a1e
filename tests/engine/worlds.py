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
    TREATY_KINDS,
    Action,
    Deployment,
    Diplomacy,
    Events,
    Link,
    Orders,
    Params,
    StateSpec,
    Targeting,
    TreatySpec,
    World,
    initial_world,
    step,
)
from game.engine import treaties as treaty_rules
from game.engine.actions import ESCALATE, NO_ANSWER, REACH_CEILING, SHIELD_CAP, apply_actions
from game.engine.diplomacy import crisis_onset
from game.engine.economy import build
from game.engine.prices import diplomacy_costs
from game.engine.state import CIVILIAN, REACH, SHIELD, TREATY_SLOTS

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


def random_orders(world: World, rng: np.random.Generator, diplomacy: bool = True) -> Orders:
    """Random legal orders: random shares, now and then a cut of part of the reach held, and
    (with ``diplomacy``) random legal diplomacy as :func:`random_diplomacy` draws it."""
    cut = world.reach * rng.random(world.reach.shape) * (rng.random(world.reach.shape) < 0.3)
    orders = Orders.from_shares(world, random_shares(world, rng), cut=cut)
    if not diplomacy:
        return orders
    return random_diplomacy(world, orders, rng)


def play_random(world: World, orders_seed: int, seed: Seed, turns: int) -> Play:
    """Play ``turns`` turns with random legal orders (arms and diplomacy) from ``orders_seed``."""
    order_rng = np.random.default_rng(orders_seed)
    rng = rng_for(seed)
    worlds, events = [world], []
    for _ in range(turns):
        world, ev = step(world, random_orders(world, order_rng), rng)
        worlds.append(world)
        events.append(ev)
    return Play(worlds, events)


# --------------------------------------------------------------------------------------------
# Diplomacy: named actions, and random legal diplomacy for property tests.
# --------------------------------------------------------------------------------------------


def no_diplomacy(world: World) -> Diplomacy:
    """Empty diplomatic orders for ``world`` (zero means "nothing")."""
    return Diplomacy.none(world.batch, world.n, TREATY_SLOTS)


def tile_diplomacy(one: Diplomacy, copies: int) -> Diplomacy:
    """A batch-of-one :class:`Diplomacy` repeated over ``copies`` worlds."""
    return Diplomacy(**{k: np.repeat(v, copies, axis=0) for k, v in one.arrays().items()})


def with_actions(world: World, *actions: Action, orders: Orders | None = None) -> Orders:
    """``orders`` (everyone holds, by default) with ``actions`` in every world of the batch.

    Written through :func:`apply_actions` (the path people, saves and scripts take); drills and
    inspections are paid out of civilian spending, so the orders stay within budget.
    """
    base = Orders.hold(world) if orders is None else orders
    one = apply_actions(Diplomacy.none(1, world.n, TREATY_SLOTS), list(actions), world.names)
    dip = tile_diplomacy(one, world.batch)
    if base.diplomacy is not None:
        merged = base.diplomacy.copy()
        for key, arr in dip.arrays().items():
            blank = getattr(Diplomacy.none(world.batch, world.n, TREATY_SLOTS), key)
            mine = arr != blank
            getattr(merged, key)[mine] = arr[mine]
        dip = merged
    return base.with_diplomacy(dip).pay_diplomacy(world)


def turn(world: World, *actions: Action, orders: Orders | None = None, seed: Seed = None):
    """One step with ``actions`` (see :func:`with_actions`); ``seed`` as in :func:`play`."""
    return step(world, with_actions(world, *actions, orders=orders), rng_for(seed))


def answering(world: World, answer: int, orders: Orders | None = None) -> Orders:
    """``orders`` (everyone holds, by default) in which every state gives ``answer`` to every
    crisis it is in."""
    base = Orders.hold(world) if orders is None else orders
    dip = base.diplomacy_or_none().copy()
    dip.answer[...] = np.where(world.crisis > 0.5, answer, NO_ANSWER)
    return base.with_diplomacy(dip)


def escalate(world: World) -> Orders:
    """Everyone holds and escalates every crisis it is in."""
    return answering(world, ESCALATE)


def in_crisis(world: World, tension: float | None = None) -> World:
    """``world`` with every pair of non-allies in a crisis (and at ``tension``, when given)."""
    n = world.n
    rivals = (world.alliance < 0.5) & ~np.eye(n, dtype=bool)
    out = world.replace(crisis=rivals.astype(float))
    if tension is not None:
        level = np.full_like(world.tension, tension)
        out = out.replace(tension=np.where(np.eye(n, dtype=bool)[None], 0.0, level))
    return out


def random_diplomacy(
    world: World,
    orders: Orders,
    rng: np.random.Generator,
    *,
    propose: bool = True,
    leave: bool = True,
    cheat: bool = False,
) -> Orders:
    """``orders`` with random *legal* diplomacy, as an AI or a busy player might send.

    Offers and ends of alliances, deployment offers within the stock a patron keeps at home,
    answers to standing offers, recalls, targeting, sanctions, trade and programme offers, drills,
    commitments, talk, crisis answers, treaty proposals, signatures, notices and inspections
    (``cheat`` adds secret breaches). Arms builds that would take a state past a treaty cap it
    does not cheat on go to the civilian economy instead, as :meth:`Policy.within_caps` does, and
    drills and inspections are paid out of civilian spending (dropped when it cannot cover them).
    """
    b, n, k_slots = world.batch, world.n, TREATY_SLOTS
    eye = np.eye(n, dtype=bool)
    off = ~eye[None]
    allied = world.alliance > 0.5
    d = Diplomacy.none(b, n, k_slots)

    def chance(p: float) -> np.ndarray:
        return (rng.random((b, n, n)) < p) & off

    d.ally[chance(0.15) & ~allied] = 1
    d.ally[chance(0.05) & allied] = -1
    for name, arr in (("target", world.targeting), ("sanction", world.sanction)):
        out = getattr(d, name)
        out[chance(0.1)] = 1
        out[chance(0.3) & (arr > 0.5)] = -1
    d.trade[chance(0.2)] = 1
    d.programme[chance(0.1)] = 1
    d.programme[chance(0.2) & (world.programme > 0.5)] = -1
    d.commit[...] = chance(0.1)
    d.talk[...] = chance(0.15)
    deployed = (world.fwd_reach + world.fwd_shield) > 0
    d.withdraw[...] = chance(0.15) & (deployed | np.swapaxes(deployed, 1, 2))
    crisis = world.crisis > 0.5
    d.answer[...] = np.where(crisis, rng.integers(-1, 3, size=(b, n, n)), NO_ANSWER)
    # Deployment offers to allies, within what the patron keeps at home after wear and cuts.
    banned = treaty_rules.forward_banned(world)
    wear = 1.0 - world.param("attrition")[:, None]
    home_reach = np.maximum(world.reach - orders.cut, 0.0) * wear * 0.9
    home_shield = world.shield * wear * 0.9
    offer = chance(0.2) & allied
    split = rng.random((b, n, n)) / n
    d.deploy_shield[...] = np.where(offer, split * home_shield[:, :, None], 0.0)
    may_reach = offer & ~banned[:, :, None] & ~banned[:, None, :]
    d.deploy_reach[...] = np.where(may_reach, split * home_reach[:, :, None], 0.0)
    # Answers to standing offers ([host, patron]); a banned host refuses reach.
    pending = np.swapaxes((world.offer_reach + world.offer_shield) > 0, 1, 2)
    reach_offered = np.swapaxes(world.offer_reach > 0, 1, 2)
    answer = np.where(rng.random((b, n, n)) < 0.7, 1, -1)
    answer = np.where(reach_offered & banned[:, :, None], -1, answer)
    d.deploy_answer[...] = np.where(pending & (rng.random((b, n, n)) < 0.7), answer, 0)
    # One drill at most, with an ally, naming a non-ally.
    has_ally = allied.any(axis=2)
    drill = chance(0.1) & ~allied & has_ally[:, :, None]
    first = np.cumsum(drill, axis=2) == 1
    d.drill[...] = drill & first
    # Treaties.
    status = world.treaty_status[:, None, :]  # [B, 1, K]
    invited = np.swapaxes(world.treaty_invited > 0, 1, 2)  # [B, N, K]
    signed = np.swapaxes(world.treaty_signed > 0, 1, 2)
    slot_chance = rng.random((b, n, k_slots))
    d.sign[...] = (status == treaty_rules.PROPOSED) & invited & ~signed & (slot_chance < 0.5)
    binding = (status == treaty_rules.IN_FORCE) | (status == treaty_rules.WITHDRAWING)
    if leave:
        d.leave[...] = signed & (status == treaty_rules.IN_FORCE) & (slot_chance > 0.95)
    d.inspect[...] = signed & binding & (rng.random((b, n, k_slots)) < 0.1)
    if cheat:
        d.cheat[...] = signed & binding & (rng.random((b, n, k_slots)) < 0.2)
    if propose:
        free = (
            (world.treaty_status == treaty_rules.EMPTY)
            | (world.treaty_status == treaty_rules.LAPSED)
        ).sum(axis=1)
        wants = rng.random((b, n)) < 0.08
        wants &= np.cumsum(wants, axis=1) <= free[:, None]
        d.propose_kind[...] = np.where(wants, rng.integers(0, len(TREATY_KINDS), (b, n)), -1)
        parties = chance(0.6)
        other = (np.arange(n)[None, :] + 1 + rng.integers(0, n - 1, (b, n))) % n  # never i
        parties[np.arange(b)[:, None], np.arange(n)[None, :], other] = True
        d.propose_parties[...] = parties & wants[:, :, None]
        d.propose_cap[...] = np.where(wants, np.round(rng.uniform(0.0, 40.0, (b, n)), 2), 0.0)
        d.propose_verification[...] = np.where(wants, np.round(rng.random((b, n)), 2), 0.0)
    # Drills and inspections are paid from the civilian share; drop them where it cannot pay.
    spend = np.array(orders.spend, dtype=float)
    owed = diplomacy_costs(world, d)
    short = owed > spend[:, :, CIVILIAN] * (1 - 1e-9)
    d.drill[short] = False
    d.inspect[short] = False
    # Builds that would pass a cap the state is bound by (and does not cheat on) go civilian.
    built = build(world, spend, np.minimum(orders.cut, world.reach))
    for kind, c, stock, fwd, have in (
        (SHIELD_CAP, SHIELD, built.shield, world.fwd_shield, world.shield),
        (REACH_CEILING, REACH, built.reach, world.fwd_reach, world.reach),
    ):
        cap = treaty_rules.caps_for(world, kind, d.cheat)
        held = stock + fwd.sum(axis=2)
        over = (held > cap + 1e-9) & (held > have + fwd.sum(axis=2) + 1e-9)
        spend[:, :, CIVILIAN] += np.where(over, spend[:, :, c], 0.0)
        spend[:, :, c] = np.where(over, 0.0, spend[:, :, c])
    return Orders(spend=spend, cut=orders.cut, diplomacy=d).pay_diplomacy(world)


def spent(events: Events) -> np.ndarray:
    """``[B, N]`` what each state spent this turn in total (it must be its whole budget)."""
    return events.spend.sum(axis=2)


def brink() -> World:
    """Two fully exposed arsenals (kappa 1, no hardening) in a crisis at full tension: if both
    escalate (:func:`escalate`), war is certain.

    FSS = 0 (a first strike disarms the other side completely); with clear sight and no decay,
    tension stays at 1, so the odds when both escalate are base_war_risk (1) * tension (1) *
    (1/4 + 3/4 * (1 - 0)) = 1.
    """
    params = Params(
        counterforce=1.0, base_war_risk=1.0, crisis_threshold=0.5, tension_decay=0.0, noise=0.0
    )
    world = initial_world(
        params,
        (StateSpec("Aurum", reach=10.0), StateSpec("Borea", reach=10.0)),
        links=(Link(0, 1, tension=1.0),),
    )
    return in_crisis(world)


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
    # Diplomacy.
    "host_upkeep_share": (0.0, 1.0),
    "host_trade_loss": (0.0, 0.6),
    "sanction_sender_cost": (0.0, 0.02),
    "support_sanction": (0.0, 0.1),
    "review_threshold": (0.0, 0.6),
    "review_chance": (0.0, 1.0),
    "treaty_tension": (0.0, 0.1),
    "treaty_transparency": (0.0, 0.5),
    "withdrawal_tension": (0.0, 0.3),
    "withdrawal_trust": (0.1, 1.0),
    "inspection_cost": (0.0, 0.1),
    "passive_detection": (0.0, 1.0),
    "violation_tension": (0.0, 0.3),
    "violation_trust": (0.1, 1.0),
    "violation_standing": (0.0, 0.2),
    "drill_cost": (0.0, 0.1),
    "drill_standing": (0.0, 0.1),
    "drill_tension": (0.0, 0.2),
    "audience_cost": (0.0, 0.3),
    "talk_weight": (0.0, 2.0),
    "transfer_rate": (0.0, 0.5),
    "trade_step": (0.0, 0.5),
    "trade_max": (0.5, 3.0),
    "backdown_standing": (0.0, 0.2),
    "prevail_standing": (0.0, 0.1),
    "firm_tension": (0.0, 0.1),
    "escalate_tension": (0.0, 0.2),
    "crisis_relief": (0.0, 0.5),
    "accident_share": (0.0, 1.0),
    "targeting_fear": (0.0, 1.0),
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


#: Treaty kinds that never make an arms order illegal (caps and ceilings do).
UNCAPPED_KINDS = ("forward_ban", "transparency")


@st.composite
def treaty_specs(draw, n: int, caps: bool = False) -> tuple[TreatySpec, ...]:
    """Up to two treaties in force at the start, of two or more parties. Shield caps and reach
    ceilings only with ``caps`` (they make arms orders over the cap illegal, so only tests whose
    orders respect them, such as :func:`random_orders`, can use them)."""
    kinds = TREATY_KINDS if caps else UNCAPPED_KINDS
    specs = []
    for _ in range(draw(st.integers(0, 2), label="treaties")):
        parties = draw(
            st.lists(st.integers(0, n - 1), min_size=2, max_size=n, unique=True), label="parties"
        )
        specs.append(
            TreatySpec(
                kind=draw(st.sampled_from(kinds), label="treaty kind"),
                parties=tuple(sorted(parties)),
                cap=draw(amounts(40.0), label="cap"),
                verification=draw(unit(), label="verification"),
            )
        )
    return tuple(specs)


@st.composite
def targetings(draw, n: int) -> tuple[Targeting, ...]:
    """Targeting declarations in force at the start."""
    pairs_ = [(s, t) for s in range(n) for t in range(n) if s != t]
    chosen = draw(st.lists(st.sampled_from(pairs_), unique=True, max_size=2), label="targeting")
    return tuple(Targeting(s, t) for s, t in chosen)


@dataclass(frozen=True)
class Scenario:
    """The ingredients of a random world, kept so a test can rebuild variants of it."""

    params: Params
    states: tuple[StateSpec, ...]
    links: tuple[Link, ...]
    deployments: tuple[Deployment, ...]
    treaties: tuple[TreatySpec, ...] = ()
    targeting: tuple[Targeting, ...] = ()

    def world(self, uniforms: np.ndarray | None = None, params: Params | None = None) -> World:
        return initial_world(
            self.params if params is None else params,
            self.states,
            self.links,
            self.deployments,
            uniforms,
            treaties=self.treaties,
            targeting=self.targeting,
        )


@st.composite
def scenarios(
    draw,
    min_states: int = 2,
    max_states: int = 5,
    batch: int = 1,
    per_world: bool = False,
    caps: bool = False,
    **fixed,
) -> Scenario:
    n = draw(st.integers(min_states, max_states))
    return Scenario(
        params=draw(params(batch=batch, per_world=per_world, **fixed)),
        states=draw(state_specs(n)),
        links=draw(links(n)),
        deployments=draw(deployments(n)),
        treaties=draw(treaty_specs(n, caps)),
        targeting=draw(targetings(n)),
    )


@st.composite
def worlds(
    draw, min_states: int = 2, max_states: int = 5, batch: int = 1, caps: bool = False, **fixed
) -> World:
    """A random valid batch of worlds built by :func:`initial_world` (kinds drawn per world).

    ``caps`` allows treaties that cap arms (see :func:`treaty_specs`). Pairs of rivals that
    start at or above the crisis threshold start in a crisis, as they would after a turn, so
    that crisis answers matter from the first turn.
    """
    sc = draw(scenarios(min_states, max_states, batch=batch, caps=caps, **fixed))
    n = len(sc.states)
    uniforms = np.array(draw(st.lists(unit(0.0, 0.999), min_size=batch * n, max_size=batch * n)))
    world = sc.world(uniforms.reshape(batch, n))
    return world.replace(crisis=crisis_onset(world, world.tension))


@st.composite
def pairs(draw, world: World) -> tuple[int, int]:
    """Two different states of ``world``."""
    i = draw(st.integers(0, world.n - 1))
    j = draw(st.integers(0, world.n - 2))
    return i, j + (j >= i)


@cache
def seeds() -> st.SearchStrategy[int]:
    return st.integers(0, 2**32 - 1)
