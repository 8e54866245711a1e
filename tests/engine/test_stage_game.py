"""The theory lens: the 2x2 stage game a pair faces, projected with the real engine."""

import numpy as np
import pytest

from game.engine import stage_game
from game.engine.stage import ARM, RESTRAIN, move_orders
from game.scenarios import load
from game.session import Session
from game.theory import GAME_NAMES, is_equilibrium


@pytest.fixture(scope="module")
def neighbours():
    return Session.new(load("two_neighbours"), seed=3, seats=["ai:baseline"] * 2)


def test_two_neighbours_start_as_a_prisoners_dilemma(neighbours):
    """The lesson's claim: arming is each side's best reply whatever the other does (T > R and
    P > S), yet both arming leaves both worse off than both holding (R > P)."""
    world = neighbours.world
    world = world.replace(kind=np.zeros_like(world.kind))  # two security seekers
    game = stage_game(world, 0, 1)
    assert game.name == "prisoners_dilemma"
    A, B = game.A, game.B
    assert A[ARM, RESTRAIN] > A[RESTRAIN, RESTRAIN] > A[ARM, ARM] > A[RESTRAIN, ARM]
    # Symmetric states, symmetric game.
    np.testing.assert_allclose(A, B.T, rtol=1e-12)
    assert len(game.equilibria) == 1  # (arm, arm), the one equilibrium
    x, y = game.equilibria[0]
    assert x[ARM] == 1 and y[ARM] == 1
    assert game.pareto[RESTRAIN, RESTRAIN] and not game.pareto[ARM, ARM]


def test_every_equilibrium_is_a_mutual_best_response(neighbours):
    scenario = load("the_shield")
    session = Session.new(scenario, seed=7, seats=["ai:baseline"] * 4)
    for _ in range(3):
        session.play_turn()
    for i, j in ((0, 2), (2, 3), (1, 3)):
        game = stage_game(session.world, i, j)
        assert game.name in GAME_NAMES
        assert np.all(np.isfinite(game.A)) and np.all(np.isfinite(game.B))
        assert game.equilibria, "a finite game always has an equilibrium"
        for x, y in game.equilibria:
            assert is_equilibrium(game.A, game.B, x, y, 1e-9)
        assert 0.0 <= game.stability <= 1.0


def test_the_lens_changes_nothing_and_repeats_exactly(neighbours):
    digest = neighbours.world.digest()
    first = stage_game(neighbours.world, 0, 1)
    second = stage_game(neighbours.world, 0, 1)
    assert neighbours.world.digest() == digest
    np.testing.assert_array_equal(first.A, second.A)
    np.testing.assert_array_equal(first.B, second.B)


def test_arming_spends_the_set_share_on_the_usual_mix(neighbours):
    world = neighbours.world.tile(2)
    orders = move_orders(world, {0: np.array([ARM, RESTRAIN])}, arm_share=0.5)
    budget = world.economy[:, 0] * world.params.tax
    # Two neighbours allow only reach: arming puts half the budget into reach.
    np.testing.assert_allclose(orders.spend[0, 0, 0], 0.5 * budget[0])
    assert orders.spend[1, 0, 0] == 0.0
    np.testing.assert_allclose(orders.spend.sum(axis=2), world.economy * world.params.tax)


def test_a_pair_needs_two_states(neighbours):
    with pytest.raises(ValueError, match="two different states"):
        stage_game(neighbours.world, 1, 1)


def test_a_players_lens_starts_from_what_it_sees(neighbours):
    """The lens seen by a state uses its own stocks and the others' as it sees them."""
    from game.engine.perception import private_view

    world = neighbours.world.replace(seen_reach=neighbours.world.seen_reach * 0.0 + 80.0)
    view = private_view(world, 0)
    assert view.reach[0, 0] == world.reach[0, 0] and view.reach[0, 1] == 80.0
    true_game = stage_game(world, 0, 1)
    seen_game = stage_game(world, 0, 1, seen_by=0)
    assert not np.array_equal(true_game.A, seen_game.A)
    np.testing.assert_array_equal(seen_game.A, stage_game(view, 0, 1).A)


def test_a_players_lens_does_not_betray_a_rivals_hidden_kind_or_beliefs(neighbours):
    """Flip what state 0 cannot see (the rival's kind, its beliefs, its true stocks): the lens
    seen by state 0 gives the same payoffs, both columns included."""
    world = neighbours.world
    kind = world.kind.copy()
    kind[0, 1] = 1 - kind[0, 1]
    belief = world.belief.copy()
    belief[0, 1, 0] = 0.05 if belief[0, 1, 0] > 0.5 else 0.95
    altered = world.replace(kind=kind, belief=belief, reach=world.reach * [[1.0, 3.0]])
    seen = stage_game(world, 0, 1, seen_by=0)
    again = stage_game(altered, 0, 1, seen_by=0)
    np.testing.assert_array_equal(seen.A, again.A)
    np.testing.assert_array_equal(seen.B, again.B)
    assert seen.name == again.name
    # Without seen_by (the debrief's truth) the kind does change the rival's column.
    assert not np.array_equal(stage_game(world, 0, 1).B, stage_game(altered, 0, 1).B)


def test_the_arm_cell_keeps_a_treaty_cap_in_force():
    """Under a reach ceiling, "arm" means arming up to the cap, not cheating: the projection is
    legal (it used to raise IllegalOrder and crash the lens) and no party ends above the cap."""
    from game.engine.diplomacy import within_caps
    from game.engine.legality import validate
    from game.engine.stage import ARM, move_orders
    from game.scenarios import load

    world = load("the_accord").initial_world()
    assert np.isfinite(world.treaty_cap).any()  # the lesson starts under a cap
    orders = move_orders(world, {0: np.array([ARM]), 1: np.array([ARM])}, arm_share=1.0)
    assert validate(world, orders) == []
    spend = orders.spend
    assert np.allclose(within_caps(world, spend), spend)  # already within the caps
    assert np.allclose(spend.sum(axis=2), orders.spend.sum(axis=2))  # the budget is all spent
    game = stage_game(world, 0, 1)
    assert game.A.shape == (2, 2) and np.isfinite(game.A).all()
