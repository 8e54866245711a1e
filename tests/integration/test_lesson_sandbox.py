"""The Sandbox, pinned over a seeded batch: everything is open, the start is balanced, and its
knobs do what their comments say. Each knob is compared on the same seeds in one batch, with a
per-world parameter array: the first half of the batch plays the low setting, the second half
the high one, seed for seed.

The human seat (Aurum) is played by ``ai:baseline`` (the steady deterrer); the other seats are
the scenario's defaults. One test seats a scripted shield builder in Aurum's place instead.
"""

import dataclasses

import numpy as np
import pytest

from game.analysis import ROSE
from game.engine import exchange
from game.engine.actions import Diplomacy
from game.engine.orders import budget
from game.engine.state import CATEGORIES, CIVILIAN, DIPLOMACY_GROUPS, SHIELD, TREATY_SLOTS
from game.scenarios import load
from tests.integration.lessons import SEEDS, play, with_params

STAND_IN = "baseline"  # plays the human seat in these tests
N = 5
OFF = ~np.eye(N, dtype=bool)


@pytest.fixture(scope="module")
def scenario():
    return load("sandbox")


def only_shield(fraction):
    """Aurum spends ``fraction`` of its budget on shield and nothing else on arms, with no
    diplomacy."""

    def script(runner, turn, orders):
        b = runner.world.batch
        money = budget(runner.world)[:, 0]
        spend = np.zeros((b, len(CATEGORIES)))
        spend[:, SHIELD] = fraction * money
        spend[:, CIVILIAN] = (1.0 - fraction) * money
        return orders.replace_state(0, spend, np.zeros(b), Diplomacy.none(b, N, TREATY_SLOTS))

    return script


def paired(scenario, knob, low, high, shield_builder=None):
    """Play every seed twice in one batch, ``knob`` at ``low`` then at ``high``. Returns the mean
    over the game of pair tension and of first-strike stability, per world ``[2B]``, and the
    shield on the board after every turn ``[T, 2B]``. ``shield_builder``: Aurum spends that share
    of its budget on shield and nothing else on arms, with no diplomacy."""
    values = np.array([low] * len(SEEDS) + [high] * len(SEEDS), dtype=float)
    script = None if shield_builder is None else only_shield(shield_builder)
    batch = play(with_params(scenario, **{knob: values}), STAND_IN, SEEDS + SEEDS, script)
    after = slice(1, None)  # after every turn
    tension = batch.track(lambda w: w.tension[:, OFF].mean(axis=1))[after]
    stability = batch.track(lambda w: exchange(w).stability[:, OFF].mean(axis=1))[after]
    shield = batch.track(lambda w: w.shield.sum(axis=1) + w.fwd_shield.sum(axis=(1, 2)))[after]
    return tension.mean(axis=0), stability.mean(axis=0), shield


def halves(x):
    return x[: len(SEEDS)], x[len(SEEDS) :]


def test_everything_is_open_and_the_start_is_balanced(scenario):
    assert 4 <= len(scenario.states) <= 5
    assert scenario.params.categories == CATEGORIES
    assert scenario.params.diplomacy == DIPLOMACY_GROUPS
    first = scenario.states[0]
    for s in scenario.states[1:]:
        assert dataclasses.replace(s, name=first.name) == first
    assert scenario.states[0].kind is None  # hidden kinds are drawn, for everyone alike
    world = scenario.initial_world()
    assert world.alliance.max() == 0
    assert np.allclose(world.tension[0][OFF], world.tension[0][OFF][0])
    assert not scenario.deployments and not scenario.treaties and not scenario.targeting


def test_the_file_invites_teachers_to_change_every_knob(scenario):
    text = open(scenario.path, encoding="utf-8").read()
    for knob in ("shield_efficiency", "distinguishability", "noise", "reach_cost", "seats"):
        assert knob in text
    assert "TEACHERS" in text


def test_clearer_shields_mean_lower_tension(scenario):
    """distinguishability 0 against 1 with the default seats: the AIs build a little shield, and
    where it cannot be told from reach the board is tenser."""
    tension, _, _ = paired(scenario, "distinguishability", 0.0, 1.0)
    fog, clear = halves(tension)
    # Measured: 0.226 against 0.208; higher in the fog in 36 seeds of 40.
    assert (fog > clear).mean() >= 0.75
    assert fog.mean() - clear.mean() > 0.008


def test_a_shield_builder_frightens_more_where_shields_look_like_reach(scenario):
    """Aurum builds only shield (30% of its budget): the same knob now moves tension a lot."""
    tension, _, _ = paired(scenario, "distinguishability", 0.0, 1.0, shield_builder=0.3)
    fog, clear = halves(tension)
    # Measured: 0.48 against 0.31; higher in the fog in every seed.
    assert (fog > clear).mean() >= 0.9
    assert fog.mean() - clear.mean() > 0.1


def test_better_shields_lower_first_strike_stability(scenario):
    """shield_efficiency 0.5 against 2.0 with the default seats, shields on the board throughout:
    a better shield catches more of a ragged retaliation, so going first costs less."""
    _, stability, shield = paired(scenario, "shield_efficiency", 0.5, 2.0)
    assert shield.min() > 0
    weak, strong = halves(stability)
    # Measured: 0.658 against 0.574; lower with the better shield in every seed.
    assert (strong < weak).mean() >= 0.9
    assert weak.mean() - strong.mean() > 0.04


@pytest.fixture(scope="module")
def default(scenario):
    return play(scenario, STAND_IN)


def test_the_bet_answer_is_what_happens_in_most_seeds(scenario, default):
    """Read by the game's own bet reading (``game.analysis.bet_outcome``) in every world."""
    bet = scenario.bet
    assert bet.measure == "arms" and bet.choices[bet.answer] == "It rises"
    assert bet.answer == ROSE and set(bet.states) == set(scenario.names)
    # Measured over three windows of 50 seeds (60000, 61000, 62000): everyone's reach and shield
    # rose in all.
    assert default.bet_share() >= 0.85


def test_with_clear_sight_the_bets_answer_is_clearly_rarer(scenario, default):
    """The control: the same seeds and seats with clear sight (``noise = 0.05``) and shields
    that look like shields (``distinguishability = 1``): fewer builds are misread as threats."""
    clear = play(with_params(scenario, noise=0.05, distinguishability=1.0), STAND_IN)
    # Measured over the same three windows: arms rose in 36-42 %, against all.
    assert clear.bet_share() <= 0.55
    assert default.bet_share() - clear.bet_share() >= 0.35
