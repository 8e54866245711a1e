"""Counterfactual replays: same seed, fixed policies, the session untouched."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from game import scenarios
from game.analysis import COUNTERFACTUALS, replay
from game.analysis.counterfactuals import landing, policy_orders, replay_all
from game.engine import TreatySpec, check
from game.engine.actions import BACK_DOWN, ESCALATE
from game.session import Session
from tests.analysis.helpers import ai_game, crisis_backed_down, open_diplomacy, shield


def test_the_shield_seed_1_arming_costs_everyone():
    _, a = shield(1)
    assert [c.key for c in a.counterfactuals] == list(COUNTERFACTUALS)
    restrain, arm = a.counterfactual("restrain"), a.counterfactual("arm")
    assert restrain is not None and arm is not None
    assert (arm.series.reach[-1] > restrain.series.reach[-1]).all()
    assert (arm.final_score <= restrain.final_score).all()
    assert not restrain.war
    np.testing.assert_array_equal(restrain.final_score, restrain.series.score[-1])


def test_counterfactuals_start_from_the_same_world():
    _, a = shield(1)
    for c in a.counterfactuals:
        np.testing.assert_array_equal(c.series.reach[0], a.series.reach[0])
        np.testing.assert_array_equal(c.series.trust[0], a.series.trust[0])
        assert c.series.kinds == a.series.kinds


def test_policies_spend_as_documented():
    _, a = shield(1)
    restrain, arm = a.counterfactual("restrain"), a.counterfactual("arm")
    assert restrain is not None and arm is not None
    assert (restrain.series.spend[:, :, :4] == 0).all()
    budget = arm.series.budget[:-1]
    # The lens's "arm": half the budget into each state's usual arms mix, the rest civilian.
    np.testing.assert_allclose(arm.series.spend[:, :, :3].sum(axis=2), 0.5 * budget)
    np.testing.assert_allclose(arm.series.spend[:, :, 3], 0.0)


def test_replays_do_not_touch_the_session():
    session = ai_game("the_shield", 1)
    digest = session.world.digest()
    history = [(r.turn, r.events.before.digest()) for r in session.history]
    replay_all(session)
    assert session.world.digest() == digest
    assert [(r.turn, r.events.before.digest()) for r in session.history] == history


@pytest.mark.parametrize("key", list(COUNTERFACTUALS))
def test_the_batch_replay_equals_a_single_session_replay(key):
    session = ai_game("two_neighbours", 4)
    batched = replay(session, key)
    single = Session.new(session.scenario, session.seed, ["ai:baseline"] * 2)
    while not single.over:
        single.resolve(policy_orders(single.world, (key,)))
    np.testing.assert_array_equal(batched.series.reach[-1], single.world.reach[0])
    np.testing.assert_array_equal(batched.final_score, single.world.score[0])
    assert batched.war == bool(single.world.over[0])


def test_crisis_answers():
    session = crisis_backed_down()
    world = session.history[1].events.before  # in crisis
    assert world.crisis[0, 0, 1] > 0.5
    restrain = policy_orders(world, ("restrain",)).diplomacy
    arm = policy_orders(world, ("arm",)).diplomacy
    assert restrain is not None and arm is not None
    assert restrain.answer[0, 0, 1] == BACK_DOWN and arm.answer[0, 0, 1] == ESCALATE


def test_arming_respects_a_reach_ceiling():
    sc = dataclasses.replace(
        scenarios.load("two_neighbours"),
        treaties=(TreatySpec("reach_ceiling", (0, 1), cap=12.0, verification=0.5),),
    )
    s = Session.new(sc, 1, ["ai:baseline"] * 2)
    for _ in range(4):
        o = policy_orders(s.world, ("arm",))
        check(s.world, o)
        s.resolve(o)
    assert (s.world.reach[0] <= 12.0 + 1e-6).all()


def test_restrainers_sign_proposals():
    from game.engine.actions import Action
    from tests.analysis.helpers import orders

    s = Session.new(open_diplomacy("two_neighbours"), 1, ["ai:baseline"] * 2)
    s.resolve(
        orders(
            s.world,
            [0, 0],
            [
                Action(
                    "propose_treaty",
                    "Calder",
                    kind="reach_ceiling",
                    parties=("Mirel",),
                    cap=30.0,
                    verification=0.5,
                )
            ],
        )
    )
    o = policy_orders(s.world, ("restrain",))
    assert o.diplomacy is not None and o.diplomacy.sign[0, 1].any()
    s.resolve(o)
    assert any(e.kind == "treaty_in_force" for e in s.history[-1].events.records(0))


def test_landing_is_finite_and_clipped():
    _, a = shield(1)
    assert set(a.landing) == set(a.names)
    for v in a.landing.values():
        assert np.isfinite(v) and -0.5 <= v <= 1.5
    restrain, arm = a.counterfactual("restrain"), a.counterfactual("arm")
    assert restrain is not None and arm is not None
    names = a.names
    assert landing(restrain.final_score, a.counterfactuals, names) == {n: 1.0 for n in names}
    assert landing(arm.final_score, a.counterfactuals, names) == {n: 0.0 for n in names}
    assert landing(arm.final_score - 1e6, a.counterfactuals, names) == {n: -0.5 for n in names}
    same = tuple(dataclasses.replace(c, final_score=np.ones(4)) for c in a.counterfactuals)
    assert landing(np.ones(4), same, names) == {n: 0.5 for n in names}
    assert landing(np.full(4, 3.0), same, names) == {n: 1.5 for n in names}


def test_without_counterfactuals():
    from game.analysis import analyse

    a = analyse(ai_game("two_neighbours", 1), counterfactuals=False)
    assert a.counterfactuals == () and a.landing == {}
