"""Budget, builds, upkeep, growth and domestic support (model.md section 4).

Arming costs twice: what the budget buys is not invested, and every stock costs upkeep each turn
(Richardson's "fatigue" term).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.engine import (
    Deployment,
    Link,
    Orders,
    Params,
    StateSpec,
    check_world,
    initial_world,
    step,
)
from game.engine.economy import ECONOMY_FLOOR, build, upkeep
from game.engine.orders import budget

from .worlds import HOLD, amounts, play, play_random, seeds, share, shares_for, unit, worlds

A, B = 0, 1


def pair(params: Params | None = None, links=(), **aurum):
    """Aurum (economy 100, budget 20) and Borea (economy 100)."""
    spec = {"economy": 100.0, **aurum}
    return initial_world(
        params or Params(), (StateSpec("Aurum", **spec), StateSpec("Borea")), links=links
    )


def arms_share(draw_share: float, where: int) -> np.ndarray:
    """All of ``draw_share`` into one military category (0 reach .. 3 intelligence)."""
    s = np.zeros(5)
    s[where] = draw_share
    s[4] = 1.0 - draw_share
    return s


# --------------------------------------------------------------------------------------------
# Growth: arming forgoes investment.
# --------------------------------------------------------------------------------------------


@given(worlds(base_war_risk=0.0), st.data(), unit(0.01, 1.0), st.integers(0, 3), seeds())
def test_arming_lowers_next_turns_economy_compared_with_investing(world, data, amount, where, seed):
    i = data.draw(st.integers(0, world.n - 1), label="state")
    arm_orders = Orders.from_shares(world, shares_for(world, {i: arms_share(amount, where)}))
    hold_orders = Orders.from_shares(world, shares_for(world, {}))
    armed, events = step(world, arm_orders, np.random.default_rng(seed))
    invested, _ = step(world, hold_orders, np.random.default_rng(seed))
    e_arm, e_inv = armed.economy[0, i], invested.economy[0, i]
    assert e_arm <= e_inv
    floor = ECONOMY_FLOOR * world.base_economy[0, i]
    if e_arm > floor:
        # Every unit put into arms is a unit not invested at investment_return (at the least).
        forgone = float(world.param("investment_return")[0]) * events.spend[0, i, :4].sum()
        assert e_inv - e_arm >= forgone * (1 - 1e-9) - 1e-9
    # Other states' economies do not depend on i's budget split.
    others = [k for k in range(world.n) if k != i]
    np.testing.assert_allclose(armed.economy[0, others], invested.economy[0, others], rtol=1e-12)


def test_worked_growth_of_an_economy_that_invests_everything():
    # E' = E * (1 + growth + investment_return * civilian / E) - upkeep
    #    = 100 * (1 + 0.01) + 0.15 * 20 - 0.05 * (10 reach * unit cost 1) = 103.5
    world = pair(reach=10.0)
    after = play(world, HOLD, seed=None, turns=1).final
    assert after.economy[0, A] == pytest.approx(103.5)


def test_trade_ties_raise_growth():
    alone = play(pair(), HOLD, seed=None, turns=1).final
    trading = play(pair(links=(Link(A, B, trade=2.0),)), HOLD, seed=None, turns=1).final
    # trade_gain 0.01 per unit of ties: 2 units add 2% of 100.
    assert trading.economy[0, A] - alone.economy[0, A] == pytest.approx(2.0)


def test_a_burden_above_tolerance_drags_growth():
    world = pair(reach=10.0)
    heavy = shares_for(world, {A: share(reach=0.9)})  # burden 0.9 + upkeep, tolerance 0.35
    without = play(world.replace(params=world.params.replace(burden_drag=0.0)), heavy, None, 1)
    with_drag = play(world.replace(params=world.params.replace(burden_drag=0.3)), heavy, None, 1)
    assert with_drag.final.economy[0, A] < without.final.economy[0, A]


# --------------------------------------------------------------------------------------------
# Upkeep grows with stocks.
# --------------------------------------------------------------------------------------------


@given(worlds(), st.data(), amounts(50.0), amounts(50.0), amounts(50.0), amounts(50.0))
def test_upkeep_grows_with_every_stock_held_at_home_and_abroad(
    world, data, reach, shield, fwd, fwd_shield
):
    i, h = data.draw(st.integers(0, world.n - 1)), data.draw(st.integers(0, world.n - 2))
    h += h >= i
    abroad = np.outer(np.eye(world.n)[i], np.eye(world.n)[h])
    more = world.replace(
        reach=world.reach + reach * np.eye(world.n)[i],
        shield=world.shield + shield * np.eye(world.n)[i],
        fwd_reach=world.fwd_reach + fwd * abroad,
        fwd_shield=world.fwd_shield + fwd_shield * abroad,
    )
    before, after = upkeep(world)[0], upkeep(more)[0]
    tech = world.tech[0, i]
    rate = float(world.param("upkeep")[0])
    reach_cost, shield_cost = (float(world.param(c)[0]) for c in ("reach_cost", "shield_cost"))
    value = ((reach + fwd) * reach_cost + (shield + fwd_shield) * shield_cost) / tech
    assert after[i] == pytest.approx(before[i] + rate * value, rel=1e-9, abs=1e-12)
    assert after[i] >= before[i]
    # The host pays host_upkeep_share of the upkeep of what it carries (at the patron's prices).
    hosted = (fwd * reach_cost + fwd_shield * shield_cost) / tech
    share = float(world.param("host_upkeep_share")[0])
    assert after[h] == pytest.approx(before[h] + share * rate * hosted, rel=1e-9, abs=1e-12)
    assert after[h] >= before[h]
    others = [k for k in range(world.n) if k not in (i, h)]
    np.testing.assert_array_equal(after[others], before[others])


def test_worked_upkeep_of_a_patron_and_its_host():
    # Aurum keeps 10 reach at home and stations 4 shield at Borea: it pays upkeep 0.05 on 14 units
    # of build cost 1 (0.7); Borea pays host_upkeep_share 0.5 of the 0.2 upkeep of the 4 (0.1).
    world = initial_world(
        Params(),
        (StateSpec("Aurum", reach=10.0), StateSpec("Borea")),
        links=(Link(A, B, alliance=True),),
        deployments=(Deployment(A, B, shield=4.0),),
    )
    np.testing.assert_allclose(upkeep(world)[0], [0.7, 0.1])


def test_a_larger_arsenal_costs_more_growth_under_the_same_orders():
    small = play(pair(reach=5.0), HOLD, seed=None, turns=1).final
    large = play(pair(reach=50.0), HOLD, seed=None, turns=1).final
    # 45 more reach at upkeep 0.05 per unit of build cost 1: 2.25 less economy.
    assert small.economy[0, A] - large.economy[0, A] == pytest.approx(2.25)


# --------------------------------------------------------------------------------------------
# Builds and hardening.
# --------------------------------------------------------------------------------------------


def test_builds_add_amount_times_tech_over_unit_cost_after_cuts_and_wear():
    world = pair(reach=10.0, shield=4.0, tech=2.0)
    cut = np.array([[4.0, 0.0]])
    orders = Orders.from_shares(world, shares_for(world, {A: share(reach=0.5, shield=0.25)}), cut)
    after, _ = step(world, orders, None)
    # Reach: (10 - 4) * (1 - 0.02) + 10 * 2 / 1 = 25.88. Shield: 4 * 0.98 + 5 * 2 / 1 = 13.92.
    assert after.reach[0, A] == pytest.approx(25.88)
    assert after.shield[0, A] == pytest.approx(13.92)


def test_spending_one_hardening_cost_closes_the_gap_to_the_maximum_by_one_e_fold():
    world = pair()
    after = play(world, shares_for(world, {A: share(hardening=0.2)}), None, 1).final
    # 4 of a budget of 20 is exactly hardening_cost / tech: H = 0.9 * (1 - 1/e).
    assert after.hardening[0, A] == pytest.approx(0.9 * (1 - math.exp(-1)))


@given(worlds(batch=2), st.floats(0.0, 1e12), st.data())
def test_hardening_never_exceeds_its_maximum_whatever_is_spent(world, amount, data):
    h_max = world.param("hardening_max")[:, None]
    spend = np.zeros((world.batch, world.n, 5))
    spend[..., 2] = amount
    built = build(world, spend, np.zeros((world.batch, world.n)))
    assert np.all(built.hardening <= h_max)
    assert np.all(built.hardening >= world.hardening)  # it never falls by spending


@given(worlds(batch=2, base_war_risk=0.0), seeds())
def test_hardening_approaches_its_maximum_from_below_over_many_turns(world, seed):
    h_max = world.param("hardening_max")[:, None]
    game = play(world, share(hardening=1.0), seed, turns=5)
    for w in game.worlds:
        assert np.all(w.hardening <= h_max + 1e-12)
    for a, b in zip(game.worlds, game.worlds[1:], strict=False):
        assert np.all(b.hardening >= a.hardening)


# --------------------------------------------------------------------------------------------
# Domestic support.
# --------------------------------------------------------------------------------------------


def test_support_falls_under_a_lasting_burden_above_tolerance_and_recovers_below_it():
    world = pair(reach=10.0)
    burdened = play(world, shares_for(world, {A: share(reach=1.0)}), None, turns=5)
    support = [float(w.support[0, A]) for w in burdened.worlds]
    # Turn 1: burden (20 + upkeep 0.5) / 20 = 1.025 > 0.35: support 0.8 + 0.2 * (0.35 - 1.025) / 2.
    assert support[1] == pytest.approx(0.8 - 0.0675)
    assert all(b < a for a, b in zip(support, support[1:], strict=False))
    recovered = play(burdened.final, HOLD, None, turns=3)
    support = [float(w.support[0, A]) for w in recovered.worlds]
    assert all(b > a for a, b in zip(support, support[1:], strict=False))


@given(worlds(base_war_risk=0.0), st.data(), seeds())
def test_support_never_rises_while_the_burden_stays_above_tolerance(world, data, seed):
    i = data.draw(st.integers(0, world.n - 1), label="state")
    tolerance = float(world.param("burden_tolerance")[0])
    heavy = data.draw(unit(min(tolerance + 0.01, 1.0), 1.0), label="arms share")
    game = play(world, lambda w, t: shares_for(w, {i: share(reach=heavy)}), seed, turns=4)
    for a, b in zip(game.worlds, game.worlds[1:], strict=False):
        assert b.support[0, i] <= a.support[0, i]


@given(worlds(batch=2, caps=True), seeds(), seeds())
def test_the_economy_shrinks_but_never_vanishes(world, orders_seed, seed):
    game = play_random(world, orders_seed, seed, turns=4)
    for w in game.worlds:
        assert np.all(w.economy >= ECONOMY_FLOOR * w.base_economy * (1 - 1e-12))
        assert np.all(budget(w) > 0)
        assert check_world(w) == []
