"""The Spiral, pinned over a seeded batch: three security seekers who see each other through noise
and cannot tell a shield from reach arm and distrust each other anyway (the spiral model); a
reassuring player, or clear sight, is the way out; and a purely defensive shield build is read
as a threat when builds cannot be told apart.

The human seat (Orun) is played by ``ai:copycat`` (a player who answers in kind), the same
character as the two AI neighbours of the default seats.
"""

import numpy as np
import pytest

from game.analysis import ROSE
from game.engine.actions import Diplomacy
from game.engine.orders import budget
from game.engine.state import CIVILIAN, SHIELD, TREATY_SLOTS
from game.scenarios import load
from tests.integration.lessons import play, share, with_params

ORUN, TESSAR, VEYRA = 0, 1, 2
STAND_IN = "copycat"  # plays the human seat in these tests
OFF = ~np.eye(3, dtype=bool)


def tension(batch):
    """[T + 1, B, N, N]"""
    return batch.track(lambda w: w.tension)


def belief(batch):
    """[T + 1, B, N, N]"""
    return batch.track(lambda w: w.belief)


@pytest.fixture(scope="module")
def scenario():
    sc = load("the_spiral")
    assert sc.names == ("Orun", "Tessar", "Veyra")
    assert sc.default_seats == ("human", "ai:copycat", "ai:copycat")
    return sc


@pytest.fixture(scope="module")
def spiral(scenario):
    return play(scenario, STAND_IN)


@pytest.fixture(scope="module")
def clear(scenario):
    """The same seats and seeds with clear sight and shields that look like shields."""
    return play(with_params(scenario, noise=0.05, distinguishability=1.0), STAND_IN)


def test_the_lesson_is_small_and_its_states_are_all_security_seekers(scenario):
    assert all(s.kind == "security_seeker" for s in scenario.states)
    assert scenario.params.categories == ("reach", "shield", "civilian")
    assert scenario.params.diplomacy == ("signals",)
    assert scenario.params.distinguishability < 0.5 and scenario.params.noise >= 0.1
    # A shield seen for what it is alarms little: only a misread one feeds the spiral.
    assert scenario.params.shield_signal <= 0.25
    world = scenario.initial_world()
    assert (world.kind == 0).all()
    assert world.tension[0][OFF].max() <= 0.1


def test_tension_rises_and_trust_falls_in_most_seeds(spiral):
    t = tension(spiral)[:, :, OFF].mean(axis=2)
    trust = belief(spiral)[:, :, OFF].mean(axis=2)
    # Measured over three windows of 50 seeds: tension rose in 98-100 %, trust fell in 64-74 %
    # (the copycats answer with shields, which tell Bayes less than reach would).
    assert share(t[-1] > t[0] + 0.03) >= 0.85
    assert share(trust[-1] < trust[0] - 0.03) >= 0.45
    assert t[-1].mean() > 0.4


def test_the_bet_answer_is_what_happens_in_most_seeds(scenario, spiral):
    """Read by the game's own bet reading (``game.analysis.bet_outcome``) in every world."""
    bet = scenario.bet
    assert bet.measure == "tension" and bet.choices[bet.answer] == "It rises"
    assert bet.answer == ROSE and len(bet.between) == 3
    # Measured over three windows of 50 seeds: tension rose in 98-100 %.
    assert spiral.bet_share() >= 0.85


def test_with_clear_sight_the_bets_answer_is_clearly_rarer(spiral, clear):
    """The control: the spiral is one of misperception. With clear sight (``noise = 0.05``) and
    shields that look like shields (``distinguishability = 1``), the same three copycats hold and
    tension fades in every seed."""
    # Measured: tension rose in 0 of 40 seeds (fell in all 40), against 40 of 40.
    assert clear.bet_share() <= 0.1
    assert spiral.bet_share() - clear.bet_share() >= 0.75
    t_clear = tension(clear)[:, :, OFF].mean(axis=2)
    assert share(t_clear[-1] < t_clear[0]) >= 0.9
    assert t_clear[-1].mean() < 0.1
    spiral_t = tension(spiral)[:, :, OFF].mean(axis=2)
    assert spiral_t[-1].mean() - t_clear[-1].mean() > 0.3


def test_distinguishable_builds_break_the_spiral(scenario, spiral):
    """Jervis: the spiral is one of defence mistaken for attack. The same seats and seeds, with
    the same noise, where every shield is seen for what it is: the copycats' defensive answers no
    longer read as arming, and tension rises in far fewer seeds."""
    seen_right = play(with_params(scenario, distinguishability=1.0), STAND_IN)
    rose = tension(spiral)[:, :, OFF].mean(axis=2)
    rose_right = tension(seen_right)[:, :, OFF].mean(axis=2)
    # Measured over three windows of 50 seeds, by the bet's reading (a rise beyond 0.03): 98-100 %
    # against 28 %; counting any rise at all, 98-100 % against 50-56 %.
    assert seen_right.bet_share() <= 0.45
    assert spiral.bet_share() - seen_right.bet_share() >= 0.5
    assert share(rose[-1] > rose[0]) - share(rose_right[-1] > rose_right[0]) >= 0.3


def test_a_reassuring_player_is_the_way_out(scenario, spiral):
    """The same batch with Orun played by the dove (a strategist that dreads the spiral: it fears
    little, rarely arms, and talks): Orun's pairs end far calmer and its
    neighbours end trusting it."""
    calm = play(scenario, "dove")
    own = tension(spiral)[-1][:, ORUN, [TESSAR, VEYRA]].mean(axis=1)
    own_calm = tension(calm)[-1][:, ORUN, [TESSAR, VEYRA]].mean(axis=1)
    # Measured on seeds 60000-60049 and 61000-61049: 0.35-0.36 calmer at the end, calmer in
    # all seeds; trust in Orun 0.40-0.41 higher. (With a dove that weighed falling behind at a
    # half, not a fifth: 0.23-0.27 calmer, in 80-90 %; it raced the copycats' shields in reach
    # in about one game in six.)
    assert own.mean() - own_calm.mean() > 0.12
    assert share(own_calm < own) >= 0.7
    trust = belief(spiral)[-1][:, [TESSAR, VEYRA], ORUN].mean(axis=1)
    trust_calm = belief(calm)[-1][:, [TESSAR, VEYRA], ORUN].mean(axis=1)
    assert trust_calm.mean() - trust.mean() > 0.3


def test_a_purely_defensive_shield_reads_as_a_threat_when_builds_look_alike(scenario):
    """Orun builds only shield (30% of its budget, nothing else, no diplomacy). Where a shield
    is usually taken for reach, its neighbours' tension with it ends higher than where shields
    are always seen for what they are."""

    def only_shield(runner, turn, orders):
        b = budget(runner.world)[:, ORUN]
        spend = np.zeros((runner.world.batch, 5))
        spend[:, SHIELD], spend[:, CIVILIAN] = 0.3 * b, 0.7 * b
        quiet = Diplomacy.none(runner.world.batch, 3, TREATY_SLOTS)
        return orders.replace_state(ORUN, spend, np.zeros(runner.world.batch), quiet)

    def shield_builder(distinguishability):
        sc = with_params(scenario, distinguishability=distinguishability)
        batch = play(sc, STAND_IN, script=only_shield)
        return batch.track(lambda w: w.tension[:, ORUN, [TESSAR, VEYRA]].mean(axis=1))[1:]

    alike, apart = shield_builder(0.2), shield_builder(1.0)
    # Measured: mean tension with Orun 0.36 against 0.24, higher in all 40 seeds.
    assert alike.mean() - apart.mean() > 0.07
    assert share(alike.mean(axis=0) > apart.mean(axis=0)) >= 0.85
