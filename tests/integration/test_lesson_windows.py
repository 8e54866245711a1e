"""Each lesson's headline on a second window of seeds (``SECOND_WINDOW``), which its own test
module does not play: the bet's answer comes true in most games and clearly less often in the
lesson's control. The thresholds sit well below what three windows measured."""

from __future__ import annotations

import dataclasses

import pytest

from game.scenarios import load
from tests.integration import test_lesson_joint_shield as joint
from tests.integration.lessons import SECOND_WINDOW, play, with_params


def no_deployments(sc):
    return with_params(sc, diplomacy=tuple(g for g in sc.params.diplomacy if g != "deployments"))


def verified(sc):
    (t,) = sc.treaties
    return dataclasses.replace(sc, treaties=(dataclasses.replace(t, verification=0.8),))


def outsider_bound(sc):
    (t,) = sc.treaties
    return dataclasses.replace(
        sc, treaties=(dataclasses.replace(t, parties=tuple(range(len(sc.states)))),)
    )


#: lesson -> (stand-in for the human seat, the control, the least share of the bet, the least
#: gap to the control). Measured on other windows: see each lesson's test module.
HEADLINES = {
    "two_neighbours": ("copycat", lambda sc: with_params(sc, noise=0.5), 0.65, 0.35),
    "the_spiral": ("copycat", lambda sc: with_params(sc, distinguishability=1.0), 0.85, 0.5),
    "the_shield": ("baseline", no_deployments, 0.75, 0.6),
    "forward_basing": ("baseline", lambda sc: dataclasses.replace(sc, deployments=()), 0.75, 0.6),
    "the_accord": ("baseline", verified, 0.55, 0.5),
    "three_powers": ("balancer", outsider_bound, 0.85, 0.75),
    "joint_shield": (
        "baseline",
        lambda sc: with_params(
            sc, diplomacy=tuple(g for g in sc.params.diplomacy if g != "programmes")
        ),
        0.75,
        0.4,
    ),
    "sandbox": (
        "baseline",
        lambda sc: with_params(sc, noise=0.05, distinguishability=1.0),
        0.75,
        0.3,
    ),
}


@pytest.mark.parametrize("scenario_id", sorted(HEADLINES))
def test_the_headline_holds_on_a_second_window(scenario_id):
    stand_in, control, least, gap = HEADLINES[scenario_id]
    scenario = load(scenario_id)
    lesson = play(scenario, stand_in, seeds=SECOND_WINDOW)
    without = play(control(scenario), stand_in, seeds=SECOND_WINDOW)
    assert lesson.bet_share() >= least
    assert lesson.bet_share() - without.bet_share() >= gap


def test_joint_shields_conditional_bet_holds_on_a_second_window():
    """The bet supposes the player offers the programme and builds shield: played so, Aurum's
    reach rises in most games, and clearly less often with the programme but no shield."""
    scenario = load("joint_shield")
    lesson = play(scenario, joint.STAND_IN, seeds=SECOND_WINDOW, script=joint.plan())
    bare = play(scenario, joint.STAND_IN, seeds=SECOND_WINDOW, script=joint.plan(shield_share=0.0))
    assert lesson.bet_share() >= 0.8
    assert lesson.bet_share() - bare.bet_share() >= 0.3
