"""Tension, crises and the odds of war (model.md section 6).

Tension rises with a rival's seen arms growth, forward deployments, targeting and sanctions; it
falls with trade and time. In a crisis the odds of war grow with tension and with ``1 - FSS``:
Schelling's reciprocal fear of surprise attack.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.engine import Deployment, Link, Orders, Params, StateSpec, initial_world, step
from game.engine.tension import next_tension, war_odds

from .worlds import ARM, HOLD, pairs, play, play_random, seeds, share, shares_for, unit, worlds

A, B, C = 0, 1, 2
CLEAR = Params(noise=0.0)  # clear sight: what is seen is what was done


def rivals(params: Params = CLEAR, tension: float = 0.0, trade: float = 0.0, **kw):
    return initial_world(
        params,
        (StateSpec("Aurum", reach=10.0), StateSpec("Borea", reach=10.0)),
        links=(Link(A, B, trade=trade, tension=tension),),
        **kw,
    )


def tension_of(world) -> float:
    return float(world.tension[0, A, B])


# --------------------------------------------------------------------------------------------
# Tension.
# --------------------------------------------------------------------------------------------


def test_tension_rises_when_a_rival_arms():
    world = rivals()
    after = play(world, shares_for(world, {A: ARM}), seed=5, turns=1).final
    # Borea sees Aurum put half its budget into reach: tension_arms 0.15 * 0.5.
    assert tension_of(after) == pytest.approx(0.075)
    both = play(world, ARM, seed=5, turns=1).final
    assert tension_of(both) == pytest.approx(0.15)  # both arm: twice the rise


def test_tension_keeps_rising_while_both_arm_and_falls_with_time_once_they_hold():
    world = rivals()
    arming = play(world, ARM, seed=1, turns=4)
    levels = [tension_of(w) for w in arming.worlds]
    assert all(b > a for a, b in zip(levels, levels[1:], strict=False))
    holding = play(arming.final, HOLD, seed=1, turns=5)
    levels = [tension_of(w) for w in holding.worlds]
    # Each quiet turn a tenth of it fades (tension_decay 0.1).
    np.testing.assert_allclose(levels[1:], [levels[0] * 0.9**k for k in range(1, 6)])


def test_tension_falls_on_average_under_noisy_sight_when_both_hold():
    worlds_ = 200
    world = rivals(Params(), tension=0.6, uniforms=np.ones((worlds_, 2)))
    game = play(world, HOLD, seed=list(range(worlds_)), turns=10)
    means = [float(w.tension[:, A, B].mean()) for w in game.worlds]
    assert means[-1] < 0.6 * 0.9**5  # well on the way down after ten quiet turns
    assert all(b < a for a, b in zip(means, means[1:], strict=False))


def test_trade_relieves_tension():
    without = play(rivals(tension=0.5), HOLD, seed=2, turns=1).final
    with_trade = play(rivals(tension=0.5, trade=2.0), HOLD, seed=2, turns=1).final
    # tension_trade 0.05 per unit of ties: 2 units take 0.1 off.
    assert tension_of(without) - tension_of(with_trade) == pytest.approx(0.1)


def test_a_cut_seen_clearly_relieves_tension():
    cut = np.array([[5.0, 0.0]])
    world = rivals(tension=0.5)
    after, _ = step(world, Orders.from_shares(world, shares_for(world, {}), cut), None)
    held = play(world, HOLD, seed=None, turns=1).final
    assert tension_of(after) < tension_of(held)


def test_a_targeting_declaration_raises_tension_every_turn():
    world = rivals()
    targeting = world.targeting.copy()
    targeting[0, A, B] = 1.0
    aimed = play(world.replace(targeting=targeting), HOLD, seed=None, turns=1).final
    assert tension_of(aimed) == pytest.approx(0.1)  # tension_targeting


def test_a_rivals_forward_deployment_raises_tension():
    states = (StateSpec("Aurum", reach=10.0), StateSpec("Borea", reach=10.0), StateSpec("Cindral"))
    calm = initial_world(CLEAR, states)
    posted = initial_world(CLEAR, states, deployments=(Deployment(A, C, reach=5.0),))
    calm_after = play(calm, HOLD, seed=None, turns=1).final
    posted_after = play(posted, HOLD, seed=None, turns=1).final
    assert posted_after.tension[0, A, B] > calm_after.tension[0, A, B]
    assert posted_after.tension[0, B, C] > calm_after.tension[0, B, C]  # the host is marked too


@given(worlds(), st.data(), unit(0.05, 1.0))
def test_tension_with_a_state_that_arms_is_never_lower_than_if_it_held(world, data, amount):
    i, j = data.draw(pairs(world), label="armer, rival")
    world = world.replace(params=world.params.replace(noise=0.0))
    armed = play(world, lambda w, t: shares_for(w, {i: share(reach=amount)}), None, 1).final
    held = play(world, HOLD, None, 1).final
    assert armed.tension[0, i, j] >= held.tension[0, i, j]


@given(worlds(), seeds())
def test_next_tension_is_symmetric_in_unit_interval_and_zero_on_the_diagonal(world, seed):
    signal = np.random.default_rng(seed).normal(0.0, 1.0, world.tension.shape)
    t = next_tension(world, signal)
    np.testing.assert_array_equal(t, np.swapaxes(t, 1, 2))
    assert np.all((t >= 0.0) & (t <= 1.0))
    assert np.all(np.diagonal(t, axis1=1, axis2=2) == 0.0)


@given(worlds(batch=2), seeds(), seeds())
def test_tension_stays_symmetric_through_play(world, orders_seed, seed):
    for w in play_random(world, orders_seed, seed, turns=4).worlds:
        np.testing.assert_array_equal(w.tension, np.swapaxes(w.tension, 1, 2))


# --------------------------------------------------------------------------------------------
# War odds.
# --------------------------------------------------------------------------------------------


def uniform_pairs(world, value: float) -> np.ndarray:
    return np.full(world.tension.shape, value)


@given(worlds(), unit(), unit())
def test_war_odds_are_zero_below_the_crisis_threshold(world, level, fss):
    threshold = float(world.param("crisis_threshold")[0])
    calm = level * threshold * 0.999
    odds = war_odds(world, uniform_pairs(world, calm), uniform_pairs(world, fss))
    assert np.all(odds == 0.0)


@given(worlds(), unit(), unit(), unit())
def test_war_odds_rise_with_tension_in_a_crisis(world, a, b, fss):
    threshold = float(world.param("crisis_threshold")[0])
    low, high = sorted(threshold + (1.0 - threshold) * x for x in (a, b))
    s = uniform_pairs(world, fss)
    odds_low = war_odds(world, uniform_pairs(world, low), s)
    odds_high = war_odds(world, uniform_pairs(world, high), s)
    assert np.all(odds_high >= odds_low)
    assert np.all(np.diagonal(odds_high, axis1=1, axis2=2) == 0.0)


@given(worlds(), unit(), unit(), unit())
def test_war_odds_rise_as_first_strike_stability_falls(world, level, a, b):
    threshold = float(world.param("crisis_threshold")[0])
    t = uniform_pairs(world, threshold + (1.0 - threshold) * level)
    unstable, stable = sorted((a, b))
    assert np.all(
        war_odds(world, t, uniform_pairs(world, unstable))
        >= war_odds(world, t, uniform_pairs(world, stable))
    )


def test_worked_war_odds():
    world = rivals(Params(base_war_risk=0.2, crisis_threshold=0.6))
    t = np.array([[[0.0, 0.8], [0.8, 0.0]]])
    # base 0.2 * tension 0.8 * (1/4 + 3/4 * (1 - FSS)): a stable pair can still stumble into war.
    assert war_odds(world, t, np.ones_like(t))[0, A, B] == pytest.approx(0.2 * 0.8 * 0.25)
    assert war_odds(world, t, np.zeros_like(t))[0, A, B] == pytest.approx(0.2 * 0.8)
    assert war_odds(world, t * 0.7, np.zeros_like(t))[0, A, B] == 0.0  # 0.56 < 0.6: no crisis


def test_a_world_already_over_has_no_war_odds():
    world = rivals(Params(base_war_risk=1.0, crisis_threshold=0.1))
    world = world.replace(over=np.array([True]))
    t = np.full((1, 2, 2), 0.9)
    assert np.all(war_odds(world, t, np.zeros_like(t)) == 0.0)
