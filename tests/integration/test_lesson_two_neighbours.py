"""Two Neighbours, pinned over a seeded batch: reciprocity keeps two careful neighbours holding in
most games while sight is nearly clear; with noisy sight most games fall into arming; and a
copycat answers a hawk with arming and a dove with holding.

The human seat (Calder) is played by ``ai:copycat`` (a player who answers in kind); Mirel keeps
its default seat, ``ai:baseline``.
"""

import pytest

from game.analysis import FELL, bet_outcome
from game.scenarios import load
from game.session import Session
from tests.integration.lessons import SEEDS, play, share, with_params

CALDER, MIREL = 0, 1
STAND_IN = "copycat"  # plays the human seat in these tests


@pytest.fixture(scope="module")
def scenario():
    sc = load("two_neighbours")
    assert sc.names == ("Calder", "Mirel")
    assert sc.default_seats == ("human", "ai:baseline")
    return sc


def reach(batch):
    return batch.track(lambda w: w.reach)


def tension(batch):
    return batch.track(lambda w: w.tension[:, CALDER, MIREL])


@pytest.fixture(scope="module")
def calm(scenario):
    return play(scenario, STAND_IN)


@pytest.fixture(scope="module")
def noisy(scenario):
    return play(with_params(scenario, noise=0.5), STAND_IN)


@pytest.fixture(scope="module")
def against_hawk(scenario):
    """Calder always arms (a hawk) and Mirel answers in kind (a copycat)."""
    return play(scenario, "hawk", Mirel="copycat")


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
    # Measured over three windows of 50 seeds: both held in 76-80 %, tension fell in 82 %.
    t = tension(calm)
    assert share(held(reach(calm))) >= 0.55
    assert share(t[-1] < t[0] - 0.03) >= 0.65


def test_noisy_sight_tips_most_games_into_arming(calm, noisy):
    # Measured over three windows of 50 seeds: both held in none; mean reach 2.1-2.4 times as
    # high; tension rose in 62-76 %.
    assert share(held(reach(noisy))) <= share(held(reach(calm))) - 0.4
    assert reach(noisy).sum(axis=2).mean() > 1.8 * reach(calm).sum(axis=2).mean()
    t = tension(noisy)
    assert share(t[-1] > t[0]) >= 0.5


def test_a_copycat_answers_arming_with_arming_and_holding_with_holding(scenario, against_hawk):
    against_dove = play(scenario, "dove", Mirel="copycat")
    mirel_hawk, mirel_dove = reach(against_hawk)[:, :, MIREL], reach(against_dove)[:, :, MIREL]
    # Measured: Mirel armed against the hawk in every game (87 reach at the end on average, or
    # when war ended the game), and ended with 11 against the dove.
    assert share(mirel_hawk[-1] > 1.05 * mirel_hawk[0]) >= 0.9
    assert share(mirel_hawk[-1] > mirel_dove[-1]) >= 0.9
    assert mirel_dove[-1].mean() < 0.5 * mirel_hawk[-1].mean()


def test_the_bet_answer_is_what_happens_in_most_seeds(scenario, calm):
    """Read by the game's own bet reading (``game.analysis.bet_outcome``) in every world."""
    bet = scenario.bet
    assert bet.measure == "tension" and bet.choices[bet.answer] == "It falls"
    assert bet.answer == FELL
    assert [tuple(p) for p in bet.between] == [("Calder", "Mirel")]
    # Measured: tension fell in 31 of 40 seeds (rose in 7, level in 2).
    assert calm.bet_share() >= 0.65


def test_without_reciprocity_or_clear_sight_the_bets_answer_is_clearly_rarer(
    calm, noisy, against_hawk
):
    """The controls: the same seeds with Calder arming whatever Mirel does (no reciprocity to
    reward holding), and with noisy sight (``noise = 0.5``, so builds are misread)."""
    # Measured over three windows of 50 seeds: tension fell in none against the hawk, in 20-36 %
    # with noisy sight (one misreading starts an echo that does not always outlast the game),
    # against 82 %.
    assert against_hawk.bet_share() <= 0.15
    assert calm.bet_share() - against_hawk.bet_share() >= 0.6
    assert noisy.bet_share() <= 0.5
    assert calm.bet_share() - noisy.bet_share() >= 0.35


def test_a_single_game_reads_the_bet_as_its_world_in_the_batch(scenario, calm):
    """The batch reading above is the single game's: world ``b`` is the game with seed ``b``."""
    seats = [f"ai:{STAND_IN}" if s == "human" else s for s in scenario.default_seats]
    for b, seed in enumerate(SEEDS[:3]):
        session = Session.new(scenario, seed, seats)
        session.play_to_end()
        assert bet_outcome(session, scenario.bet) == calm.bet_outcomes()[b]
