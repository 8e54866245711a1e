"""Utility and the stage game behind a turn (model.md sections 7-8): the theory lens."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine import (
    Link,
    Params,
    StateSpec,
    exchange,
    initial_world,
    perceived_threat,
    stage_game,
    utility,
)
from game.engine.payoffs import utility_terms, war_weight
from game.theory import GAME_NAMES, JERVIS_WORLDS, is_equilibrium

from .worlds import ARM, pairs, play, worlds

A, B = 0, 1


def rivals(params: Params | None = None, links=()):
    return initial_world(
        params or Params(),
        (StateSpec("Aurum", reach=10.0), StateSpec("Borea", reach=10.0)),
        links=links,
    )


# --------------------------------------------------------------------------------------------
# Utility.
# --------------------------------------------------------------------------------------------


def test_an_ally_is_not_feared():
    apart = rivals()
    allied = rivals(links=(Link(A, B, alliance=True),))
    assert np.all(perceived_threat(apart, exchange(apart)) > 0.0)
    assert np.all(perceived_threat(allied, exchange(allied)) == 0.0)


def test_the_more_a_rival_is_trusted_the_less_it_is_feared():
    world = rivals()
    trusting = world.belief.copy()
    trusting[0, A, B] = 0.95
    wary = world.belief.copy()
    wary[0, A, B] = 0.2
    fear_trusting = perceived_threat(world.replace(belief=trusting), exchange(world))[0, A]
    fear_wary = perceived_threat(world.replace(belief=wary), exchange(world))[0, A]
    assert fear_trusting < fear_wary


def test_utility_is_prosperity_minus_weighted_threat_plus_standing_minus_war_loss():
    world = rivals()
    ex = exchange(world)
    loss = np.array([[0.3, 0.0]])
    u = utility(world, ex, loss)
    terms = utility_terms(world, ex, loss)
    threat = perceived_threat(world, ex)
    rel = (terms.leverage - terms.insecurity - terms.spiral).sum(axis=2)
    np.testing.assert_allclose(terms.insecurity.sum(axis=2), threat)  # threat_weight 1
    # Prosperity 1 at the start, standing 0.7; a war loss weighs 10 times for every turn the
    # game had left (20 turns at discount 0.95 from turn 0).
    weight = 10.0 * (1.0 - 0.95**20) / 0.05
    assert war_weight(world)[0] == pytest.approx(weight)
    np.testing.assert_allclose(u, 1.0 + 0.7 + rel - weight * loss)


def test_a_war_late_in_the_game_weighs_less_than_one_early_but_never_less_than_ten_times():
    world = rivals()
    early = war_weight(world)[0]
    late = war_weight(world.replace(turn=19))[0]
    after = war_weight(world.replace(turn=25))[0]
    assert early > war_weight(world.replace(turn=10))[0] > late == pytest.approx(10.0)
    assert after == pytest.approx(10.0)


def test_the_score_is_the_discounted_sum_of_utility():
    game = play(rivals(), ARM, seed=3, turns=3)
    expected = sum(0.95**t * game.worlds[t + 1].utility for t in range(3))
    np.testing.assert_allclose(game.final.score, expected, rtol=1e-12)


# --------------------------------------------------------------------------------------------
# The stage game (the theory lens).
# --------------------------------------------------------------------------------------------


def test_the_lens_reads_a_two_by_two_game_off_the_engine():
    world = rivals()
    g = stage_game(world, A, B)
    assert (g.row, g.col) == ("Aurum", "Borea")
    assert g.A.shape == g.B.shape == (2, 2) and g.pareto.shape == (2, 2)
    assert g.name in GAME_NAMES
    assert g.world in JERVIS_WORLDS
    assert g.equilibria, "every 2x2 game has an equilibrium"
    for x, y in g.equilibria:
        assert is_equilibrium(g.A, g.B, x, y)
    ex = exchange(world)
    assert g.stability == pytest.approx(ex.stability[0, A, B])
    assert g.margin_row == pytest.approx(ex.margin[0, A, B])
    assert g.margin_col == pytest.approx(ex.margin[0, B, A])


@pytest.mark.parametrize(
    ("eta", "delta", "expected"),
    [
        (0.5, 0.2, "doubly_dangerous"),
        (0.5, 0.8, "no_dilemma_aggression_pays"),
        (2.0, 0.2, "dilemma_but_compatible"),
        (2.0, 0.8, "doubly_safe"),
    ],
)
def test_the_lens_places_the_pair_in_one_of_jervis_four_worlds(eta, delta, expected):
    world = rivals(Params(shield_efficiency=eta, distinguishability=delta))
    assert stage_game(world, A, B).world == expected


def test_a_stage_game_needs_two_different_states():
    with pytest.raises(ValueError, match="two different states"):
        stage_game(rivals(), A, A)


@settings(max_examples=25)  # each example projects four copies of a world over three turns
@given(worlds(batch=2), st.data())
def test_the_lens_never_changes_the_world_it_looks_at(world, data):
    i, j = data.draw(pairs(world), label="pair")
    digest = world.digest()
    g = stage_game(world, i, j, b=1)
    assert world.digest() == digest
    assert np.all(np.isfinite(g.A)) and np.all(np.isfinite(g.B))
    assert g.stability == pytest.approx(exchange(world).stability[1, i, j])
