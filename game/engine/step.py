"""The one transition: ``step(world, orders, rng) -> (world, events)``.

Seats move simultaneously, so ``orders`` is the joint order of every seat (as in OpenSpiel's
simultaneous-move games). The order of play inside a turn:

1. validate the orders (an illegal order raises :class:`~game.engine.orders.IllegalOrder`);
2. spend the budget: builds, cuts, hardening, intelligence; the rest goes to the civilian economy;
3. upkeep and growth of the economy, domestic support (section 4);
4. perception: everyone sees everyone else through noise, and may take a shield for reach;
   beliefs update by Bayes' rule (section 5);
5. the strike exchange, deterrence margins and first-strike stability (sections 2-3);
6. tension; in a crisis, the odds of war are computed, then rolled; a war ends that world (6);
7. utility and discounted score (section 7).
"""

from __future__ import annotations

import numpy as np

from game.engine import economy, perception, tension
from game.engine.deterrence import exchange
from game.engine.events import Events
from game.engine.orders import Orders, budget, check
from game.engine.payoffs import utility
from game.engine.perception import Noise
from game.engine.state import CIVILIAN, World

Rng = np.random.Generator | list[np.random.Generator] | None


def step(world: World, orders: Orders, rng: Rng) -> tuple[World, Events]:
    """Advance every world of the batch by one turn.

    Parameters
    ----------
    world
        The batch of worlds before the turn.
    orders
        The joint orders of all seats in all worlds.
    rng
        One ``numpy.random.Generator`` for the whole batch, or a list with one generator per
        world (so world ``b`` of a batch equals the single game run with ``rng[b]``), or ``None``
        for the expected-value turn without chance (the theory lens projects with it).

    Returns
    -------
    (World, Events)
        The new worlds and what happened, as data. Worlds already over (a war) do not change.
    """
    check(world, orders)
    b, n = world.batch, world.n
    noise = Noise.expected(b, n) if rng is None else perception.draw_noise(rng, b, n)

    # 2. Spending: what is not ordered goes to the civilian economy, so budgets balance exactly.
    spend = np.array(orders.spend, dtype=float)
    spend[:, :, CIVILIAN] += budget(world) - spend.sum(axis=2)
    spend[:, :, CIVILIAN] = np.maximum(spend[:, :, CIVILIAN], 0.0)  # rounding, never a debt
    cut = np.minimum(np.asarray(orders.cut, dtype=float), world.reach)
    built = economy.build(world, spend, cut)

    # 3. Economy and support, charged on the stocks held this turn.
    load = economy.burden(world, spend)
    new_economy = economy.grow(world, spend, load)
    new_support = economy.support(world, load)

    # 4. Perception and belief.
    clarity = perception.transparency(world, spend)
    sight = perception.observe(world, built.reach, built.shield, spend, cut, clarity, noise)
    belief = perception.update_beliefs(world, sight)

    after = world.replace(
        economy=new_economy,
        reach=built.reach,
        shield=built.shield,
        hardening=built.hardening,
        support=new_support,
        belief=belief,
        seen_reach=sight.seen_reach,
        seen_shield=sight.seen_shield,
        transparency=clarity,
        last_spend=spend,
    )

    # 5. The exchange on the new stocks.
    ex = exchange(after)

    # 6. Tension, crisis, war.
    new_tension = tension.next_tension(world, sight.signal)
    odds = tension.war_odds(world, new_tension, ex.stability)
    war = tension.roll_war(after, odds, noise.war, ex)
    war_economy = after.economy * (1.0 - war.loss)
    after = after.replace(
        tension=new_tension,
        economy=np.maximum(war_economy, economy.ECONOMY_FLOOR * world.base_economy),
        over=world.over | war.started,
    )

    # 7. Utility and the discounted score.
    u = utility(after, ex, war.loss)
    weight = world.param("discount")[:, None] ** world.turn
    after = after.replace(utility=u, score=world.score + weight * u, turn=world.turn + 1)

    # Worlds that were already over stay exactly as they were (only the turn counter moves).
    if world.over.any():
        after = _freeze(world, after)

    events = Events(
        turn=world.turn,
        before=world,
        after=after,
        spend=spend,
        cut=cut,
        signal=sight.signal,
        misread=sight.misread,
        stability=ex.stability,
        margin=ex.margin,
        war_odds=odds,
        war_started=war.started & ~world.over,
        war_striker=war.striker,
        war_target=war.target,
        war_loss=war.loss,
    )
    return after, events


def _freeze(before: World, after: World) -> World:
    """Keep every array of the worlds that were over before this turn."""
    done = before.over
    fields = {}
    for name, new in after.arrays().items():
        old = getattr(before, name)
        mask = done.reshape((-1,) + (1,) * (new.ndim - 1))
        fields[name] = np.where(mask, old, new)
    return after.replace(**fields)
