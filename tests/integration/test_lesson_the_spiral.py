"""The Spiral, pinned over a seeded batch: three security seekers who see each other through noise
and cannot tell a shield from reach arm and distrust each other anyway (the spiral model); a
reassuring player, or clear sight, is the way out; and a purely defensive shield build is read
as a threat when builds cannot be told apart.

The human seat (Orun) is played by ``ai:copycat`` (a player who answers in kind), the same
character as the two AI neighbours of the default seats.
"""

import dataclasses

import numpy as np
import pytest

from game.engine.actions import Diplomacy
from game.engine.orders import budget
from game.engine.state import CIVILIAN, SHIELD, TREATY_SLOTS
from game.scenarios import load
from game.session import Runner, Seat, Session

SEEDS = list(range(40))
ORUN, TESSAR, VEYRA = 0, 1, 2
STAND_IN = "copycat"  # plays the human seat in these tests
OFF = ~np.eye(3, dtype=bool)


def seats(scenario, human="copycat"):
    return tuple(
        Seat(False, human if s == "human" else Seat.parse(s).policy) for s in scenario.default_seats
    )


def play(scenario, human=STAND_IN, **params):
    """Tension [T+1, B, N, N] and belief [T+1, B, N, N] after each turn (and before the first)."""
    if params:
        scenario = _with_params(scenario, **params)
    runner = Runner(scenario, SEEDS, seats(scenario, human))
    tension, belief = [runner.world.tension.copy()], [runner.world.belief.copy()]
    while not runner.finished.all():
        runner.advance(runner.ai_orders())
        tension.append(runner.world.tension.copy())
        belief.append(runner.world.belief.copy())
    return np.array(tension), np.array(belief)


def _with_params(scenario, **params):
    return dataclasses.replace(scenario, params=scenario.params.replace(**params))


@pytest.fixture(scope="module")
def scenario():
    sc = load("the_spiral")
    assert sc.names == ("Orun", "Tessar", "Veyra")
    assert sc.default_seats == ("human", "ai:copycat", "ai:copycat")
    return sc


@pytest.fixture(scope="module")
def spiral(scenario):
    return play(scenario)


def test_the_lesson_is_small_and_its_states_are_all_security_seekers(scenario):
    assert all(s.kind == "security_seeker" for s in scenario.states)
    assert scenario.params.categories == ("reach", "shield", "civilian")
    assert scenario.params.diplomacy == ("signals",)
    assert scenario.params.distinguishability < 0.5 and scenario.params.noise >= 0.2
    world = scenario.initial_world()
    assert (world.kind == 0).all()
    assert world.tension[0][OFF].max() <= 0.1


def test_tension_rises_and_trust_falls_in_most_seeds(spiral):
    tension, belief = spiral
    t = tension[:, :, OFF].mean(axis=2)
    trust = belief[:, :, OFF].mean(axis=2)
    # Measured over these 40 seeds: tension rose in 40, trust fell in 37.
    assert (t[-1] > t[0] + 0.03).mean() >= 0.85
    assert (trust[-1] < trust[0] - 0.03).mean() >= 0.75
    assert t[-1].mean() > 0.4


def test_the_bet_answer_is_what_happens_in_most_seeds(scenario, spiral):
    bet = scenario.bet
    assert bet.measure == "tension" and bet.choices[bet.answer] == "It rises"
    tension, _ = spiral
    pairs = [(scenario.index(a), scenario.index(b)) for a, b in bet.between]
    before = np.mean([tension[bet.ask_before - 1, :, a, b] for a, b in pairs], axis=0)
    last = bet.reveal_after if bet.reveal_after else scenario.params.turns
    after = np.mean([tension[min(last, len(tension) - 1), :, a, b] for a, b in pairs], axis=0)
    rose = after > before + 0.03
    assert rose.mean() >= 0.85


def test_clear_sight_leaves_the_same_seats_calm(scenario, spiral):
    """The spiral is one of misperception: with clear sight and shields that look like shields,
    the same three copycats hold and tension fades in every seed."""
    clear, _ = play(scenario, noise=0.05, distinguishability=1.0)
    t_clear = clear[:, :, OFF].mean(axis=2)
    assert (t_clear[-1] < t_clear[0]).mean() >= 0.9
    assert t_clear[-1].mean() < 0.1
    spiral_t = spiral[0][:, :, OFF].mean(axis=2)
    assert spiral_t[-1].mean() - t_clear[-1].mean() > 0.3


def test_a_reassuring_player_is_the_way_out(scenario, spiral):
    """The same batch with Orun played by the security seeker (it holds unless afraid, cuts a
    little reach and talks when it feels safe): Orun's pairs end far calmer and its neighbours
    end trusting it."""
    tension, belief = spiral
    calm_t, calm_b = play(scenario, human="security_seeker")
    own = tension[-1][:, ORUN, [TESSAR, VEYRA]].mean(axis=1)
    own_calm = calm_t[-1][:, ORUN, [TESSAR, VEYRA]].mean(axis=1)
    # Measured: 0.57 against 0.36 at the end; trust in Orun 0.43 against 0.94.
    assert own.mean() - own_calm.mean() > 0.12
    assert (own_calm < own).mean() >= 0.7
    trust = belief[-1][:, [TESSAR, VEYRA], ORUN].mean(axis=1)
    trust_calm = calm_b[-1][:, [TESSAR, VEYRA], ORUN].mean(axis=1)
    assert trust_calm.mean() - trust.mean() > 0.3


def test_a_purely_defensive_shield_reads_as_a_threat_when_builds_look_alike(scenario):
    """Orun builds only shield (30% of its budget, nothing else, no diplomacy). Where a shield
    is usually taken for reach, its neighbours' tension with it ends higher than where shields
    are always seen for what they are."""

    def shield_builder(distinguishability):
        sc = _with_params(scenario, distinguishability=distinguishability)
        runner = Runner(sc, SEEDS, seats(sc))
        quiet = Diplomacy.none(len(SEEDS), 3, TREATY_SLOTS)
        seen = []
        while not runner.finished.all():
            orders = runner.ai_orders()
            b = budget(runner.world)[:, ORUN]
            spend = np.zeros((len(SEEDS), 5))
            spend[:, SHIELD], spend[:, CIVILIAN] = 0.3 * b, 0.7 * b
            orders = orders.replace_state(ORUN, spend, np.zeros(len(SEEDS)), quiet)
            runner.advance(orders)
            seen.append(runner.world.tension[:, ORUN, [TESSAR, VEYRA]].mean(axis=1))
        return np.array(seen)

    alike, apart = shield_builder(0.2), shield_builder(1.0)
    # Measured: mean tension with Orun 0.36 against 0.24, higher in all 40 seeds.
    assert alike.mean() - apart.mean() > 0.07
    assert (alike.mean(axis=0) > apart.mean(axis=0)).mean() >= 0.85


def test_the_game_reports_the_bet_answer_in_most_seeds(scenario):
    """The same check through the game's own bet reading (``game.analysis.bet_outcome``), one
    session per seed, on the first 16 seeds (measured: 40 of 40 with the direct measure above)."""
    from game.analysis import bet_outcome

    seats = [f"ai:{STAND_IN}" if s == "human" else s for s in scenario.default_seats]
    outcomes = []
    for seed in SEEDS[:16]:
        session = Session.new(scenario, seed, seats)
        session.play_to_end()
        outcomes.append(bet_outcome(session, scenario.bet))
    assert np.mean(np.array(outcomes) == scenario.bet.answer) >= 0.85
