"""Tension, crises and the odds of war (model.md section 6).

Tension rises with a rival's seen arms growth, forward deployments, targeting and sanctions; it
falls with trade and time. War comes only from a crisis answered by escalation: its odds grow
with tension and with ``1 - FSS`` (Schelling's reciprocal fear of surprise attack).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.engine import Deployment, Link, Orders, Params, StateSpec, exchange, initial_world, step
from game.engine.actions import BACK_DOWN, ESCALATE, NO_ANSWER, STAND_FIRM
from game.engine.diplomacy import crisis_war_odds, escalation_odds
from game.engine.tension import next_tension

from .worlds import (
    ARM,
    HOLD,
    escalate,
    in_crisis,
    pairs,
    play,
    play_random,
    seeds,
    share,
    shares_for,
    unit,
    worlds,
)

ANSWER_CODES = (NO_ANSWER, BACK_DOWN, STAND_FIRM, ESCALATE)

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


@given(worlds(batch=2, caps=True), seeds(), seeds())
def test_tension_stays_symmetric_through_play(world, orders_seed, seed):
    for w in play_random(world, orders_seed, seed, turns=4).worlds:
        np.testing.assert_array_equal(w.tension, np.swapaxes(w.tension, 1, 2))


# --------------------------------------------------------------------------------------------
# War odds: only a crisis answered by escalation can become a war (diplomacy.crisis_war_odds).
# --------------------------------------------------------------------------------------------


def everyone(world, answer: int) -> np.ndarray:
    """Every state gives ``answer`` to every other."""
    return np.full(world.tension.shape, answer, dtype=np.int8)


def at_tension(world, level: float):
    """``world`` with every pair at tension ``level``, all non-allies in a crisis."""
    return in_crisis(world, tension=level)


@given(worlds(), unit(), st.sampled_from(ANSWER_CODES), st.sampled_from(ANSWER_CODES))
def test_war_odds_are_zero_outside_a_crisis_whatever_the_answers_and_tension(world, level, a, b):
    calm = at_tension(world, level).replace(crisis=np.zeros_like(world.crisis))
    answers = np.where(np.triu(np.ones((world.n, world.n), dtype=bool)), a, b).astype(np.int8)
    assert np.all(crisis_war_odds(calm, answers[None].repeat(world.batch, 0)) == 0.0)


@given(worlds(), unit())
def test_in_a_crisis_backing_down_or_standing_firm_on_both_sides_is_peace(world, level):
    hot = at_tension(world, level)
    assert np.all(crisis_war_odds(hot, everyone(hot, STAND_FIRM)) == 0.0)
    assert np.all(crisis_war_odds(hot, everyone(hot, BACK_DOWN)) == 0.0)
    # One side backing down settles it, whatever the other does.
    answers = everyone(hot, ESCALATE)
    answers[:, 0, :] = BACK_DOWN
    odds = crisis_war_odds(hot, answers)
    assert np.all(odds[:, 0, :] == 0.0) and np.all(odds[:, :, 0] == 0.0)


@given(worlds(), unit(), unit())
def test_war_odds_rise_with_tension_in_a_crisis(world, a, b):
    low, high = sorted((a, b))
    both = everyone(world, ESCALATE)
    odds_low = crisis_war_odds(at_tension(world, low), both)
    odds_high = crisis_war_odds(at_tension(world, high), both)
    assert np.all(odds_high >= odds_low)
    assert np.all(np.diagonal(odds_high, axis1=1, axis2=2) == 0.0)
    np.testing.assert_array_equal(odds_high, np.swapaxes(odds_high, 1, 2))


@given(worlds(), unit())
def test_war_odds_follow_tension_and_one_minus_first_strike_stability(world, level):
    # base_war_risk * tension * (1/4 + 3/4 * (1 - FSS)) when both escalate; accident_share of it
    # when only one does.
    hot = at_tension(world, level)
    fss = exchange(hot).stability
    full = hot.param("base_war_risk")[:, None, None] * level * (0.25 + 0.75 * (1.0 - fss))
    full = np.where(hot.crisis > 0.5, full, 0.0)
    np.testing.assert_allclose(crisis_war_odds(hot, everyone(hot, ESCALATE)), full, atol=1e-15)
    one = everyone(hot, STAND_FIRM)
    one[:, 0, :] = ESCALATE
    accident = hot.param("accident_share")[:, None, None] * full
    odds = crisis_war_odds(hot, one)
    np.testing.assert_allclose(odds[:, 0, :], accident[:, 0, :], atol=1e-15)
    np.testing.assert_allclose(odds[:, :, 0], accident[:, :, 0], atol=1e-15)


@given(worlds(), unit(0.01, 1.0), unit(), unit())
def test_war_odds_rise_as_first_strike_stability_falls(world, level, k1, k2):
    # More counterforce never raises stability (test_deterrence), so it never lowers the odds.
    weak, strong = sorted((k1, k2))
    hot = at_tension(world, level)
    both = everyone(hot, ESCALATE)
    kappa = lambda k: hot.replace(params=hot.params.replace(counterforce=k))  # noqa: E731
    unstable, stable = kappa(strong), kappa(weak)
    assert np.all(exchange(unstable).stability <= exchange(stable).stability + 1e-12)  # the premise
    assert np.all(crisis_war_odds(unstable, both) >= crisis_war_odds(stable, both) - 1e-15)


def test_worked_war_odds():
    # Two exposed arsenals of 10 without hardening or shields: with kappa 0 a first strike
    # destroys nothing (FSS 1); with kappa 1 it disarms the other side (FSS 0).
    stable = in_crisis(rivals(Params(base_war_risk=0.2, counterforce=0.0), tension=0.8))
    unstable = in_crisis(rivals(Params(base_war_risk=0.2, counterforce=1.0), tension=0.8))
    assert exchange(stable).stability[0, A, B] == 1.0
    assert exchange(unstable).stability[0, A, B] == 0.0
    both = everyone(stable, ESCALATE)
    # base 0.2 * tension 0.8 * (1/4 + 3/4 * (1 - FSS)): a stable pair can still stumble into war.
    assert crisis_war_odds(stable, both)[0, A, B] == pytest.approx(0.2 * 0.8 * 0.25)
    assert crisis_war_odds(unstable, both)[0, A, B] == pytest.approx(0.2 * 0.8)
    # One side escalates, the other stands firm: accident_share (0.25) of it.
    one = everyone(unstable, STAND_FIRM)
    one[0, A, B] = ESCALATE
    assert crisis_war_odds(unstable, one)[0, A, B] == pytest.approx(0.25 * 0.2 * 0.8)
    assert crisis_war_odds(unstable, one)[0, B, A] == pytest.approx(0.25 * 0.2 * 0.8)
    # The same pair at the same tension but not in a crisis: no odds at all.
    calm = unstable.replace(crisis=np.zeros_like(unstable.crisis))
    assert crisis_war_odds(calm, both)[0, A, B] == 0.0
    # escalation_odds shows the both-escalate odds before anyone answers.
    np.testing.assert_array_equal(escalation_odds(unstable), crisis_war_odds(unstable, both))


def test_the_shown_odds_of_a_turn_are_those_of_the_answers_given():
    world = in_crisis(rivals(Params(base_war_risk=0.2, counterforce=1.0), tension=0.8))
    _, events = step(world, escalate(world), np.random.default_rng(1))
    assert events.war_odds[0, A, B] == pytest.approx(0.2 * 0.8)
    _, events = step(world, Orders.hold(world), np.random.default_rng(1))
    assert events.war_odds[0, A, B] == 0.0  # no answer counts as standing firm


def test_a_world_already_over_has_no_war_odds():
    world = in_crisis(rivals(Params(base_war_risk=1.0, crisis_threshold=0.1), tension=0.9))
    world = world.replace(over=np.array([True]))
    assert np.all(crisis_war_odds(world, everyone(world, ESCALATE)) == 0.0)
