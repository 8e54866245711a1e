"""The Shield over a seeded batch, with the lesson's own seats: Aurum (the human seat) played by
``ai:baseline``, Brisa by the baseline, Veyra and Ostrel by strategists. Aurum offers Brisa half
its home shield on turn 1 and Brisa accepts on turn 2, in every seed. The control is the same
seeds with forward deployment not allowed (the lesson without its "deployments" group); nothing
else changes.

Two claims, each against the control: on the turn the shield goes up, first-strike stability
between Aurum and its rivals falls (the bet); and over the next turns the rivals answer it, with
nothing scripting them: more reach, aiming at or sanctioning the host, and coordinating with each
other (an alliance, drills or a joint programme).
"""

import numpy as np
import pytest

from game.analysis import FELL, ROSE
from game.engine import exchange
from game.scenarios import load
from tests.integration.lessons import play, share, with_params

AURUM, BRISA, VEYRA, OSTREL = 0, 1, 2, 3
RIVALS = [VEYRA, OSTREL]
STAND_IN = "baseline"  # plays the human seat (Aurum) in these tests


def no_deployments(scenario):
    """The control: the lesson with forward deployment not allowed."""
    groups = tuple(g for g in scenario.params.diplomacy if g != "deployments")
    return with_params(scenario, diplomacy=groups)


def stability(batch):
    """[T + 1, B] mean first-strike stability between Aurum and each rival."""
    return batch.track(lambda w: exchange(w).stability[:, AURUM, RIVALS].mean(axis=1))


def rivals_reach(batch, turn):
    """[B] the rivals' reach together after ``turn`` turns."""
    return batch.worlds[turn].reach[:, RIVALS].sum(axis=1)


def countermeasures(batch):
    """[B] masks: a rival aimed at or sanctioned the host; the rivals allied, ran a joint
    programme or drilled (a drill names a rival of the driller's alliance)."""
    pressed = np.zeros(batch.size, dtype=bool)
    coordinated = np.zeros(batch.size, dtype=bool)
    for w, e in zip(batch.worlds[1:], batch.events, strict=True):
        pressed |= (w.targeting[:, RIVALS, BRISA] > 0).any(axis=1)
        pressed |= (w.sanction[:, RIVALS, BRISA] > 0).any(axis=1)
        coordinated |= w.alliance[:, VEYRA, OSTREL] > 0.5
        coordinated |= w.programme[:, VEYRA, OSTREL] > 0.5
        coordinated |= e.diplomacy.drill[:, RIVALS].any(axis=(1, 2))
    return pressed, coordinated


@pytest.fixture(scope="module")
def scenario():
    return load("the_shield")


@pytest.fixture(scope="module")
def shielded(scenario):
    return play(scenario, STAND_IN)


@pytest.fixture(scope="module")
def unshielded(scenario):
    return play(no_deployments(scenario), STAND_IN)


def test_the_lesson_has_its_idea_picture_and_quiz(scenario):
    assert scenario.picture == "shield" and scenario.idea
    assert len(scenario.quiz) == 5
    assert len(scenario.params.diplomacy) == 7, "every diplomatic action stays open"


def test_the_bet_is_placed_on_the_turn_the_shield_goes_up(scenario, shielded, unshielded):
    bet = scenario.bet
    assert bet.measure == "stability"
    assert set(bet.between) == {("Aurum", "Veyra"), ("Aurum", "Ostrel")}
    forward = shielded.track(lambda w: w.fwd_shield[:, AURUM, BRISA])
    placed = np.argmax(forward > 0, axis=0)
    # The shield stands after turn 2 in every seed (offered on turn 1, accepted on turn 2): the
    # bet is placed before turn 2 and revealed after it.
    assert (placed == 2).all()
    assert bet.ask_before == 2 and bet.reveal_after == 2
    assert unshielded.track(lambda w: w.fwd_shield).max() == 0.0
    assert scenario.default_seats == (
        "human",
        "ai:baseline",
        "ai:security_seeker",
        "ai:security_seeker",
    )


def test_the_bet_answer_is_what_happens_in_most_seeds(scenario, shielded):
    """Read by the game's own bet reading (``game.analysis.bet_outcome``) in every world."""
    bet = scenario.bet
    assert bet.choices[bet.answer] == "It falls" and bet.answer == FELL
    # Measured on three windows of 40 seeds: stability fell on the turn the shield went up in
    # every seed (the rivals' building that turn does not make up for it).
    assert shielded.bet_share() >= 0.8
    assert shielded.bet_share(outcome=ROSE) <= 0.05


def test_without_the_shield_the_bets_answer_is_clearly_rarer(shielded, unshielded):
    """The control: the same seeds with Aurum's shield kept at home. Stability never falls on
    that turn, and it stays higher for the rest of the game."""
    # Measured on three windows of 40 seeds: fell in none, against every seed with the shield.
    assert unshielded.bet_share() <= 0.05
    assert shielded.bet_share() - unshielded.bet_share() >= 0.5
    # Measured on this batch: mean stability over turns 2 to 20 was 0.57 against 0.69, lower
    # in 46 of 50 seeds.
    after = slice(2, None)
    with_shield = stability(shielded)[after].mean(axis=0)
    without = stability(unshielded)[after].mean(axis=0)
    assert share(with_shield < without) >= 0.8
    assert without.mean() - with_shield.mean() > 0.04


def test_the_rivals_answer_the_shield_with_reach(shielded, unshielded):
    """Nothing scripts it: the strategists restore the second strike the forward shield erodes.
    Each fears a strike it does not deter; Veyra and Ostrel start just deterring Aurum, so
    without the shield they arm little, and with it they build back to deterrence (they see the
    offer a turn before the shield stands). Measured on three windows of 40 seeds: their reach
    after turn 6 was at least 15 % above the control in 78-85 % of seeds (median 25 %), and in
    84 % of this batch."""
    ratio = rivals_reach(shielded, 6) / rivals_reach(unshielded, 6)
    assert np.median(ratio) >= 1.15
    assert share(ratio >= 1.15) >= 0.65
    # Not a race that any start would show: before the shield goes up they build alike.
    np.testing.assert_allclose(rivals_reach(shielded, 1), rivals_reach(unshielded, 1))


def test_the_rivals_press_the_host_and_coordinate(shielded, unshielded):
    """Measured on three windows of 40 seeds: a rival aimed at or sanctioned Brisa in 78-93 %
    (90 % of this batch; none in the control, with nothing stationed there), and the rivals
    allied, drilled or pooled in every seed."""
    pressed, coordinated = countermeasures(shielded)
    assert share(pressed) >= 0.6
    assert share(coordinated) >= 0.8
    pressed_without, _ = countermeasures(unshielded)
    assert share(pressed) - share(pressed_without) >= 0.3


def test_wars_stay_rare_enough_to_play_the_lesson_to_its_end(shielded):
    """Measured on three windows of 40 seeds: a war in 0-5 % of games (a rival that finds the
    odds of war, were both to escalate, more than its risk weight bears backs down)."""
    assert share(shielded.worlds[-1].over) <= 0.15
