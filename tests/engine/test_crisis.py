"""Crises (model.md section 6): a game of Chicken with a risk that leaves something to chance.

A crisis opens when a pair of non-allies reaches the crisis threshold. Each side answers back
down, stand firm (the default) or escalate: backing down costs standing and ends the crisis (the
other side prevails); firm against firm raises tension; escalation rolls for war with odds that
grow with tension and with ``1 - FSS`` (the full odds when both escalate, ``accident_share`` of
them when one does). A war ends the game: nobody wins, and the world stays frozen.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.engine import (
    Action,
    IllegalOrder,
    Link,
    Orders,
    Params,
    StateSpec,
    exchange,
    initial_world,
    step,
)
from game.engine.actions import BACK_DOWN, ESCALATE, NO_ANSWER, STAND_FIRM
from game.engine.diplomacy import crisis_onset, crisis_war_odds

from .worlds import (
    answering,
    escalate,
    in_crisis,
    play,
    seeds,
    share,
    shares_for,
    turn,
    unit,
    worlds,
)

A, B, C = 0, 1, 2
CLEAR = Params(noise=0.0)


def rivals(params: Params = CLEAR, tension: float = 0.9, crisis: bool = True, batch: int = 1):
    """Aurum and Borea, 10 reach each, economy 100, at ``tension`` (in a crisis by default)."""
    world = initial_world(
        params,
        (StateSpec("Aurum", reach=10.0), StateSpec("Borea", reach=10.0)),
        links=(Link(A, B, tension=tension),),
        uniforms=np.ones((batch, 2)),
    )
    return in_crisis(world) if crisis else world


def answers_of(world, a: int, b: int) -> Orders:
    """Aurum answers ``a`` and Borea ``b`` (NO_ANSWER leaves a side silent)."""
    orders = Orders.hold(world)
    dip = answering(world, NO_ANSWER).diplomacy.copy()
    dip.answer[:, A, B] = a
    dip.answer[:, B, A] = b
    return orders.with_diplomacy(dip)


# --------------------------------------------------------------------------------------------
# Onset.
# --------------------------------------------------------------------------------------------


@given(worlds(), seeds())
def test_a_crisis_opens_exactly_where_rivals_reach_the_threshold(world, seed):
    rng = np.random.default_rng(seed)
    t = rng.random(world.tension.shape)
    t = np.triu(t, 1) + np.swapaxes(np.triu(t, 1), 1, 2)
    calm = world.replace(crisis=np.zeros_like(world.crisis))
    opened = crisis_onset(calm, t) > 0.5
    threshold = world.param("crisis_threshold")[:, None, None]
    rivals_ = (world.alliance < 0.5) & ~np.eye(world.n, dtype=bool)
    np.testing.assert_array_equal(opened, (t >= threshold) & rivals_)
    np.testing.assert_array_equal(opened, np.swapaxes(opened, 1, 2))


def test_arming_past_the_threshold_opens_a_crisis_between_rivals_and_not_between_allies():
    def after_arming(allied: bool):
        world = initial_world(
            CLEAR,
            (StateSpec("Aurum", reach=10.0), StateSpec("Borea", reach=10.0)),
            links=(Link(A, B, tension=0.65, alliance=allied),),
        )
        return play(world, shares_for(world, {A: share(reach=0.8)}), seed=None, turns=1)

    game = after_arming(False)
    assert game.final.tension[0, A, B] >= 0.7  # crisis_threshold
    assert game.final.crisis[0, A, B] == game.final.crisis[0, B, A] == 1.0
    assert "crisis" in [r.kind for r in game.events[0].records(0)]
    allies = after_arming(True)
    assert allies.final.tension[0, A, B] >= 0.7
    assert allies.final.crisis[0].sum() == 0.0


def test_answering_outside_a_crisis_is_refused_by_name():
    world = rivals(crisis=False)
    with pytest.raises(IllegalOrder, match="Aurum and Borea are not in a crisis"):
        turn(world, Action("escalate", "Aurum", "Borea"))


# --------------------------------------------------------------------------------------------
# Backing down, standing firm.
# --------------------------------------------------------------------------------------------


def test_backing_down_costs_standing_ends_the_crisis_and_the_other_side_prevails():
    world = rivals()
    after, events = turn(world, Action("back_down", "Aurum", "Borea"))
    # backdown_standing 0.1 lost; prevail_standing 0.05 won.
    assert after.standing[0].tolist() == pytest.approx([0.7 - 0.1, 0.7 + 0.05])
    # The crisis ends and crisis_relief (0.3) of the tension goes, before the usual decay (0.1).
    assert after.crisis[0].sum() == 0.0
    assert after.tension[0, A, B] == pytest.approx(0.9 * 0.7 * 0.9)
    assert events.war_odds[0].max() == 0.0
    answers = {r.actors: r.answer for r in events.records(0) if r.kind == "crisis_answer"}
    assert answers[("Aurum", "Borea")] == "back_down"
    assert answers[("Borea", "Aurum")] == "stand_firm"  # silence counts as standing firm


def test_when_both_back_down_both_pay_and_neither_prevails():
    after, _ = turn(
        rivals(), Action("back_down", "Aurum", "Borea"), Action("back_down", "Borea", "Aurum")
    )
    assert after.standing[0].tolist() == pytest.approx([0.6, 0.6])
    assert after.crisis[0].sum() == 0.0


@given(
    st.sampled_from([NO_ANSWER, BACK_DOWN, STAND_FIRM, ESCALATE]),
    st.sampled_from([NO_ANSWER, BACK_DOWN, STAND_FIRM, ESCALATE]),
    unit(0.0, 1.0),
    unit(0.0, 1.0),
)
def test_only_backing_down_moves_standing_in_a_crisis(a, b, s_a, s_b):
    world = rivals(Params(noise=0.0, base_war_risk=0.0)).replace(standing=np.array([[s_a, s_b]]))
    after, _ = step(world, answers_of(world, a, b), None)
    for me, mine, theirs in ((A, a, b), (B, b, a)):
        expected = world.standing[0, me]
        if mine == BACK_DOWN:
            expected -= 0.1
        elif theirs == BACK_DOWN:
            expected += 0.05
        assert after.standing[0, me] == pytest.approx(min(max(expected, 0.0), 1.0))
    settled = BACK_DOWN in (a, b)
    assert (after.crisis[0, A, B] == 0.0) == settled  # tension 0.9 keeps an unsettled one open


def test_firm_against_firm_raises_tension():
    firm, _ = step(rivals(), answers_of(rivals(), STAND_FIRM, STAND_FIRM), None)
    calm, _ = step(rivals(crisis=False), Orders.hold(rivals(crisis=False)), None)
    # firm_tension 0.05 on top of what the same pair out of a crisis would have.
    assert firm.tension[0, A, B] - calm.tension[0, A, B] == pytest.approx(0.05)
    assert firm.crisis[0, A, B] == 1.0
    silent, _ = step(rivals(), Orders.hold(rivals()), None)
    assert silent.tension[0, A, B] == pytest.approx(firm.tension[0, A, B])  # silence is firm


def test_each_side_that_escalates_adds_tension():
    world = rivals(Params(noise=0.0, base_war_risk=0.0), tension=0.5)
    calm, _ = step(rivals(crisis=False, tension=0.5), Orders.hold(world), None)
    one, _ = step(world, answers_of(world, ESCALATE, STAND_FIRM), None)
    both, _ = step(world, answers_of(world, ESCALATE, ESCALATE), None)
    assert one.tension[0, A, B] - calm.tension[0, A, B] == pytest.approx(0.1)  # escalate_tension
    assert both.tension[0, A, B] - calm.tension[0, A, B] == pytest.approx(0.2)


# --------------------------------------------------------------------------------------------
# Escalation and the odds of war.
# --------------------------------------------------------------------------------------------


def exposed(tension: float, batch: int = 1, **params):
    """Rivals whose first strike disarms the other (kappa 1, no hardening): FSS 0."""
    return rivals(Params(noise=0.0, counterforce=1.0, **params), tension=tension, batch=batch)


def test_the_odds_shown_are_those_of_the_answers_given():
    world = exposed(0.8, base_war_risk=0.5)
    assert exchange(world).stability[0, A, B] == 0.0
    for a, b, odds in (
        (ESCALATE, ESCALATE, 0.5 * 0.8),  # base_war_risk * tension * (1/4 + 3/4 * (1 - 0))
        (ESCALATE, STAND_FIRM, 0.25 * 0.5 * 0.8),  # accident_share 0.25 of it
        (NO_ANSWER, ESCALATE, 0.25 * 0.5 * 0.8),
        (STAND_FIRM, STAND_FIRM, 0.0),
        (ESCALATE, BACK_DOWN, 0.0),
    ):
        _, events = step(world, answers_of(world, a, b), np.random.default_rng(0))
        assert events.war_odds[0, A, B] == pytest.approx(odds)
        assert events.war_odds[0, B, A] == pytest.approx(odds)


@given(worlds(min_states=2, max_states=3), unit(), unit(), seeds())
def test_the_odds_of_an_escalated_crisis_rise_with_tension(world, t1, t2, seed):
    low, high = sorted((t1, t2))
    odds = []
    for level in (low, high):
        hot = in_crisis(world, tension=level)
        _, events = step(hot, escalate(hot), np.random.default_rng(seed))
        np.testing.assert_allclose(
            events.war_odds, crisis_war_odds(hot, events.answers), rtol=0, atol=0
        )
        odds.append(events.war_odds)
    assert np.all(odds[1] >= odds[0])


@pytest.mark.parametrize(
    ("a", "b", "odds"),
    [(ESCALATE, ESCALATE, 0.3), (ESCALATE, STAND_FIRM, 0.075), (STAND_FIRM, STAND_FIRM, 0.0)],
)
def test_wars_break_out_at_the_shown_odds(a, b, odds):
    batch = 2000
    world = exposed(0.75, batch=batch, base_war_risk=0.4)
    streams = [np.random.default_rng(s) for s in range(batch)]
    after, events = step(world, answers_of(world, a, b), streams)
    np.testing.assert_allclose(events.war_odds[:, A, B], odds)
    rate = events.war_started.mean()
    assert abs(rate - odds) <= 4 * math.sqrt(odds * (1 - odds) / batch)
    np.testing.assert_array_equal(after.over, events.war_started)


# --------------------------------------------------------------------------------------------
# War: nobody wins, and the game is over.
# --------------------------------------------------------------------------------------------


def three_at_the_brink():
    """Aurum and Borea in a crisis at full tension with exposed arsenals (FSS 0, base risk 1),
    and Cindral looking on: if both escalate, war is certain."""
    params = Params(noise=0.0, counterforce=1.0, base_war_risk=1.0, tension_decay=0.0)
    world = initial_world(
        params,
        (
            StateSpec("Aurum", reach=10.0),
            StateSpec("Borea", reach=10.0),
            StateSpec("Cindral", reach=5.0),
        ),
        links=(Link(A, B, tension=1.0),),
    )
    return world.replace(crisis=np.array([[[0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 0.0]]]))


def test_war_ends_the_game_with_every_partys_score_below_its_prewar_level():
    world = three_at_the_brink()
    for _ in range(2):  # two turns of standing firm: scores build up
        world, events = step(world, Orders.hold(world), np.random.default_rng(1))
        assert not events.war_started.any()
        world = world.replace(crisis=three_at_the_brink().crisis)
    before = world.score.copy()
    assert np.all(before > 0)
    after, events = step(world, escalate(world), np.random.default_rng(1))
    assert bool(events.war_started[0]) and bool(after.over[0])
    assert {int(events.war_striker[0]), int(events.war_target[0])} == {A, B}
    assert np.all(events.war_loss[0] >= 0.3)  # war_damage_floor, the bystander too
    assert np.all(after.score < before)
    assert np.all(after.utility < 0)
    assert after.crisis[0].sum() == 0.0
    # Frozen: whatever is ordered afterwards, nothing moves but the turn counter.
    frozen = after
    for _ in range(2):
        frozen, events = step(frozen, Orders.hold(frozen), np.random.default_rng(2))
        assert frozen.digest() != after.digest()  # the turn counter moved...
        for name, arr in frozen.arrays().items():
            np.testing.assert_array_equal(arr, after.arrays()[name], err_msg=name)
        assert not events.war_started.any() and events.records(0) == []


@given(worlds(batch=4, min_states=2, max_states=4, base_war_risk=1.0), seeds())
def test_whoever_goes_to_war_ends_below_its_prewar_score(world, seed):
    # A random world with every pair of rivals in a crisis at full tension, all escalating.
    params = world.params.replace(war_damage_floor=0.3)
    hot = in_crisis(world.replace(params=params), tension=1.0)
    after, events = step(hot, escalate(hot), [np.random.default_rng(seed + b) for b in range(4)])
    war = events.war_started
    assert np.all(after.score[war] < hot.score[war])
    assert np.all(after.over[war])
    assert np.all(events.war_loss[war] >= 0.3)
