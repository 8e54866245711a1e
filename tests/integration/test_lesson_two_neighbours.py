"""Two Neighbours, pinned over a seeded batch: reciprocity keeps two careful neighbours holding in
most games while sight is nearly clear; with noisy sight most games fall into arming; and a
copycat answers a hawk with arming and a dove with holding.

The human seat (Calder) is played by ``ai:copycat`` (a player who answers in kind); Mirel keeps
its default seat, ``ai:baseline``.
"""

import dataclasses

import numpy as np
import pytest

from game.scenarios import load
from game.session import Runner, Seat, Session

SEEDS = list(range(40))
CALDER, MIREL = 0, 1
STAND_IN = "copycat"  # plays the human seat in these tests


@pytest.fixture(scope="module")
def scenario():
    sc = load("two_neighbours")
    assert sc.names == ("Calder", "Mirel")
    assert sc.default_seats == ("human", "ai:baseline")
    return sc


def play(scenario, policies=None, **params):
    """Reach [T+1, B, N] and tension [T+1, B] after every turn (and before the first)."""
    if params:
        scenario = dataclasses.replace(scenario, params=scenario.params.replace(**params))
    if policies is None:
        policies = [
            STAND_IN if s == "human" else Seat.parse(s).policy for s in scenario.default_seats
        ]
    runner = Runner(scenario, SEEDS, tuple(Seat(False, p) for p in policies))
    reach, tension = [runner.world.reach.copy()], [runner.world.tension[:, CALDER, MIREL].copy()]
    while not runner.finished.all():
        runner.advance(runner.ai_orders())
        reach.append(runner.world.reach.copy())
        tension.append(runner.world.tension[:, CALDER, MIREL].copy())
    return np.array(reach), np.array(tension)


@pytest.fixture(scope="module")
def calm(scenario):
    return play(scenario)


def held(reach):
    """[B] the two kept holding: their reach ends no more than half again above the start."""
    total = reach.sum(axis=2)
    return total[-1] <= 1.5 * total[0]


def test_the_first_lesson_is_two_buttons_and_no_diplomacy(scenario):
    assert scenario.params.categories == ("reach", "civilian")
    assert scenario.params.diplomacy == ()
    assert scenario.picture == "dilemma" and scenario.idea
    assert len(scenario.quiz) == 5


def test_careful_neighbours_keep_holding_in_most_games(calm):
    reach, tension = calm
    # Measured: both held in 28 of 40 games, and tension fell in 31.
    assert held(reach).mean() >= 0.55
    assert (tension[-1] < tension[0] - 0.03).mean() >= 0.65


def test_noisy_sight_tips_most_games_into_arming(scenario, calm):
    reach, _ = calm
    noisy, noisy_tension = play(scenario, noise=0.5)
    # Measured: both held in 1 game of 40; mean reach over the game 70 against 31.
    assert held(noisy).mean() <= held(reach).mean() - 0.4
    assert noisy.sum(axis=2).mean() > 1.8 * reach.sum(axis=2).mean()
    assert (noisy_tension[-1] > noisy_tension[0]).mean() >= 0.7


def test_a_copycat_answers_arming_with_arming_and_holding_with_holding(scenario):
    against_hawk, _ = play(scenario, ["hawk", "copycat"])
    against_dove, _ = play(scenario, ["dove", "copycat"])
    mirel_hawk, mirel_dove = against_hawk[:, :, MIREL], against_dove[:, :, MIREL]
    # Measured: Mirel armed against the hawk in every game (87 reach at the end on average, or
    # when war ended the game), and ended with 11 against the dove.
    assert (mirel_hawk[-1] > 1.05 * mirel_hawk[0]).mean() >= 0.9
    assert (mirel_hawk[-1] > mirel_dove[-1]).mean() >= 0.9
    assert mirel_dove[-1].mean() < 0.5 * mirel_hawk[-1].mean()


def test_the_bet_answer_is_what_happens_in_most_seeds(scenario, calm):
    bet = scenario.bet
    assert bet.measure == "tension" and bet.choices[bet.answer] == "It falls"
    assert [tuple(p) for p in bet.between] == [("Calder", "Mirel")]
    _, tension = calm
    last = bet.reveal_after if bet.reveal_after else scenario.params.turns
    before, after = tension[bet.ask_before - 1], tension[min(last, len(tension) - 1)]
    assert (after < before - 0.03).mean() >= 0.65


def test_the_game_reports_the_bet_answer_in_most_seeds(scenario):
    """The same check through the game's own bet reading (``game.analysis.bet_outcome``), one
    session per seed, on the first 20 seeds (measured: 15 of these 20; 31 of 40 with the direct
    measure above)."""
    from game.analysis import bet_outcome

    seats = [f"ai:{STAND_IN}" if s == "human" else s for s in scenario.default_seats]
    outcomes = []
    for seed in SEEDS[:20]:
        session = Session.new(scenario, seed, seats)
        session.play_to_end()
        outcomes.append(bet_outcome(session, scenario.bet))
    assert np.mean(np.array(outcomes) == scenario.bet.answer) >= 0.6
