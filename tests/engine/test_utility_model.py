"""The payoff model's terms (model.md section 7): what arming buys, what it costs, and how much
each weighs by Jervis's two variables. Each arrow is pinned on raw worlds; the lens built on them
is pinned in ``test_stage_game.py`` and the lesson tests."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine import Params, StateSpec, exchange, initial_world
from game.engine.payoffs import (
    balance,
    leverage_pairs,
    security_stakes,
    spiral_pairs,
    threat_pairs,
    utility_terms,
)
from game.engine.stage import stage_game

from .worlds import pairs, worlds

A, B = 0, 1


def rivals(params: Params | None = None, reach=(10.0, 10.0), shield=(0.0, 0.0)):
    return initial_world(
        params or Params(),
        (
            StateSpec("Aurum", reach=reach[0], shield=shield[0], kind="security_seeker"),
            StateSpec("Borea", reach=reach[1], shield=shield[1], kind="security_seeker"),
        ),
    )


def with_reach(world, i, extra):
    reach = world.reach.copy()
    reach[:, i] += extra
    seen = world.seen_reach.copy()
    seen[:, :, i] += extra
    return world.replace(reach=reach, seen_reach=seen)


@pytest.mark.parametrize(
    ("eta", "delta", "expected"),
    [(1.0, 0.5, 1.0), (0.5, 0.0, 2.0), (2.5, 1.0, 2.0 / 7.0), (1.0, 0.0, 1.5), (3.0, 0.5, 0.5)],
)
def test_security_weighs_by_jervis_two_variables(eta, delta, expected):
    world = rivals(Params(shield_efficiency=eta, distinguishability=delta))
    assert security_stakes(world)[0] == pytest.approx(expected)


def test_offense_and_indistinguishable_builds_weigh_most():
    stakes = {
        (eta, delta): security_stakes(
            rivals(Params(shield_efficiency=eta, distinguishability=delta))
        )[0]
        for eta in (0.5, 2.5)
        for delta in (0.0, 1.0)
    }
    assert stakes[(0.5, 0.0)] == max(stakes.values())
    assert stakes[(2.5, 1.0)] == min(stakes.values())


def test_the_balance_is_a_difference_not_a_ratio():
    # Both sides adding the same reach keeps the balance: a race only dilutes no lead.
    behind = rivals(reach=(10.0, 20.0))
    both_armed = with_reach(with_reach(behind, A, 20.0), B, 20.0)
    x0 = balance(behind, exchange(behind))[0, A, B]
    x1 = balance(both_armed, exchange(both_armed))[0, A, B]
    assert x0 < 0 and x1 == pytest.approx(x0)
    # Worked value: tanh((10 - 20) / (0.3 * 100)).
    assert x0 == pytest.approx(np.tanh(-1.0 / 3.0))


def test_a_lead_is_not_worth_more_because_the_rival_is_feared():
    ahead = rivals(reach=(30.0, 10.0))
    trusting, wary = ahead.belief.copy(), ahead.belief.copy()
    trusting[0, A, B], wary[0, A, B] = 0.95, 0.1
    ex = exchange(ahead)
    lev_trusting = leverage_pairs(ahead.replace(belief=trusting), ex)[0, A, B]
    lev_wary = leverage_pairs(ahead.replace(belief=wary), ex)[0, A, B]
    assert lev_trusting == pytest.approx(lev_wary) and lev_wary > 0
    # Behind, distrust makes it worse (the fear of being coerced).
    behind = rivals(reach=(10.0, 30.0))
    ex = exchange(behind)
    assert (
        leverage_pairs(behind.replace(belief=wary), ex)[0, A, B]
        < leverage_pairs(behind.replace(belief=trusting), ex)[0, A, B]
        < 0
    )


def test_an_expansionist_values_an_edge_more():
    world = rivals(reach=(30.0, 10.0))
    greedy = world.replace(kind=np.array([[1, 0]], dtype=world.kind.dtype))
    ex = exchange(world)
    assert leverage_pairs(greedy, ex)[0, A, B] > leverage_pairs(world, ex)[0, A, B] > 0


def test_tension_and_instability_raise_the_spiral_risk():
    world = rivals()
    tense = world.tension.copy()
    tense[0, A, B] = tense[0, B, A] = 0.6
    calm_risk = spiral_pairs(world, exchange(world))[0, A, B]
    tense_risk = spiral_pairs(world.replace(tension=tense), exchange(world))[0, A, B]
    assert tense_risk > calm_risk >= 0


def test_at_war_only_the_loss_counts():
    world = rivals(reach=(30.0, 10.0))
    terms = utility_terms(world.replace(over=np.array([True])), exchange(world), np.zeros((1, 2)))
    for arr in (terms.insecurity, terms.leverage, terms.spiral):
        assert np.all(arr == 0.0)


@settings(max_examples=40)
@given(worlds(batch=1), st.data(), st.floats(0.5, 50.0))
def test_own_reach_never_lowers_leverage_and_a_rivals_never_raises_it(world, data, extra):
    i, j = data.draw(pairs(world), label="pair")
    base = leverage_pairs(world, exchange(world))[0, i, j]
    mine = with_reach(world, i, extra)
    theirs = with_reach(world, j, extra)
    assert leverage_pairs(mine, exchange(mine))[0, i, j] >= base - 1e-12
    assert leverage_pairs(theirs, exchange(theirs))[0, i, j] <= base + 1e-12


@settings(max_examples=40)
@given(worlds(batch=1), st.data(), st.floats(0.5, 50.0))
def test_a_rivals_reach_never_lowers_the_fear_of_its_first_strike_at_fixed_stability(
    world, data, extra
):
    i, j = data.draw(pairs(world), label="pair")
    # Seen reach raises the strike feared; stability and deterrence held as they were.
    ex = exchange(world)
    seen = world.seen_reach.copy()
    seen[:, i, j] += extra
    more = world.replace(seen_reach=seen)
    assert threat_pairs(more, ex)[0, i, j] >= threat_pairs(world, ex)[0, i, j] - 1e-12


def test_rising_trust_shrinks_the_temptation():
    """Kydd (2005): the more a rival is trusted, the less arming against it tempts (T - R)."""
    world = rivals()
    temptation = []
    for trust in (0.5, 0.8, 0.99):
        belief = world.belief.copy()
        belief[0, A, B] = belief[0, B, A] = trust
        g = stage_game(world.replace(belief=belief), A, B)
        temptation.append(g.A[1, 0] - g.A[0, 0])
    assert temptation[0] > temptation[1] > temptation[2]


def test_defense_with_distinguishable_builds_is_harmony_offense_without_is_a_dilemma():
    shielded = dict(reach=(20.0, 20.0), shield=(8.0, 8.0))
    safe = rivals(Params(shield_efficiency=2.5, distinguishability=1.0), **shielded)
    dangerous = rivals(Params(shield_efficiency=0.5, distinguishability=0.0), **shielded)
    assert stage_game(dangerous, A, B).name == "prisoners_dilemma"
    assert stage_game(safe, A, B).name in ("harmony", "stag_hunt")
