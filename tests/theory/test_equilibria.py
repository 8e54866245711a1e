"""Nash equilibria by support enumeration: textbook games, then properties of random games."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.theory import (
    EXAMPLE_PAYOFFS,
    Game,
    best_responses,
    expected_payoffs,
    is_equilibrium,
    nash_equilibria,
    pareto_optimal_cells,
    symmetric_game,
)

C, D = [1.0, 0.0], [0.0, 1.0]  # pure restrain / pure arm


def as_lists(eqs: list[tuple[np.ndarray, np.ndarray]], digits: int = 9) -> list[tuple]:
    return [(x.round(digits).tolist(), y.round(digits).tolist()) for x, y in eqs]


def independently_an_equilibrium(A, B, x, y, tol=1e-7) -> bool:
    """Mutual best response, checked without the library: no pure deviation gains."""
    A, B = np.asarray(A, float), np.asarray(B, float)
    row_value = x @ A @ y
    col_value = x @ B @ y
    return bool(np.all(A @ y <= row_value + tol) and np.all(x @ B <= col_value + tol))


def brute_force_pure(A, B) -> list[tuple[int, int]]:
    A, B = np.asarray(A, float), np.asarray(B, float)
    m, n = A.shape
    return [
        (i, j)
        for i in range(m)
        for j in range(n)
        if A[i, j] >= A[:, j].max() and B[i, j] >= B[i, :].max()
    ]


# ---------------------------------------------------------------------------------------------
# Textbook games
# ---------------------------------------------------------------------------------------------


def test_matching_pennies_has_only_the_fifty_fifty_mix():
    A = [[1, -1], [-1, 1]]
    eqs = nash_equilibria(A, np.negative(A))
    assert as_lists(eqs) == [([0.5, 0.5], [0.5, 0.5])]


def test_prisoners_dilemma_has_only_mutual_arming():
    A, B = symmetric_game(R=3, S=0, T=5, P=1)
    assert as_lists(nash_equilibria(A, B)) == [(D, D)]


def test_stag_hunt_has_two_pure_equilibria_and_a_mix_at_jervis_threshold():
    A, B = symmetric_game(R=4, S=1, T=3, P=2)
    # The mix makes the other indifferent: restrain with p = (P - S) / ((R - T) + (P - S)) = 1/2.
    assert as_lists(nash_equilibria(A, B)) == [(C, C), (D, D), ([0.5, 0.5], [0.5, 0.5])]


def test_chicken_has_two_asymmetric_pure_equilibria_and_a_mix():
    A, B = symmetric_game(R=3, S=1, T=4, P=0)
    # Indifference: 3p + 1(1-p) = 4p + 0(1-p)  =>  p = 1/2.
    assert as_lists(nash_equilibria(A, B)) == [(C, D), (D, C), ([0.5, 0.5], [0.5, 0.5])]


def test_chicken_mixed_equilibrium_moves_with_the_cost_of_collision():
    A, B = symmetric_game(R=0, S=-1, T=1, P=-10)
    x, y = nash_equilibria(A, B)[-1]
    # Restrain with p where 0p - 1(1-p) = 1p - 10(1-p)  =>  p = 0.9.
    np.testing.assert_allclose(x, [0.9, 0.1])
    np.testing.assert_allclose(y, [0.9, 0.1])


def test_battle_of_the_sexes():
    A = [[3, 0], [0, 2]]
    B = [[2, 0], [0, 3]]
    eqs = nash_equilibria(A, B)
    # Row mixes to leave column indifferent: 2x = 3(1-x) => x = 3/5; column: 3y = 2(1-y) => 2/5.
    assert as_lists(eqs) == [(C, C), (D, D), ([0.6, 0.4], [0.4, 0.6])]
    payoffs = expected_payoffs(A, B, *eqs[-1])
    np.testing.assert_allclose(payoffs, [1.2, 1.2])


def test_rock_paper_scissors_uniform():
    A = np.array([[0, -1, 1], [1, 0, -1], [-1, 1, 0]], dtype=float)
    eqs = nash_equilibria(A, -A)
    assert len(eqs) == 1
    x, y = eqs[0]
    np.testing.assert_allclose(x, [1 / 3] * 3)
    np.testing.assert_allclose(y, [1 / 3] * 3)


def test_rectangular_game_with_a_dominated_column():
    # Column 2 is strictly dominated for the column player; the rest is matching pennies.
    A = [[1, -1, 0], [-1, 1, 0]]
    B = [[-1, 1, -5], [1, -1, -5]]
    assert as_lists(nash_equilibria(A, B)) == [([0.5, 0.5], [0.5, 0.5, 0.0])]


def test_one_action_games_reduce_to_best_responses():
    assert as_lists(nash_equilibria([[1.0, 2.0, 3.0]], [[5.0, 7.0, 6.0]])) == [([1.0], [0, 1, 0])]
    assert as_lists(nash_equilibria([[1.0], [4.0]], [[0.0], [0.0]])) == [([0, 1], [1.0])]


def test_degenerate_game_still_finds_every_pure_equilibrium():
    # Every cell ties: each of the four pure profiles is an equilibrium.
    eqs = nash_equilibria(np.zeros((2, 2)), np.zeros((2, 2)))
    pure = [(x.tolist(), y.tolist()) for x, y in eqs if max(x) == 1 and max(y) == 1]
    assert pure == [(C, C), (C, D), (D, C), (D, D)]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("prisoners_dilemma", [(D, D)]),
        ("deadlock", [(D, D)]),
        ("harmony", [(C, C)]),
        ("stag_hunt", [(C, C), (D, D)]),
        ("chicken", [(C, D), (D, C)]),
        ("leader", [(C, D), (D, C)]),
        ("hero", [(C, D), (D, C)]),
    ],
)
def test_pure_equilibria_of_each_named_game(name, expected):
    A, B = symmetric_game(*EXAMPLE_PAYOFFS[name])
    eqs = as_lists(nash_equilibria(A, B))
    assert [e for e in eqs if max(e[0]) == 1.0] == expected
    # Two pure equilibria in a non-degenerate 2x2 game come with exactly one mixed one.
    assert len(eqs) == (3 if len(expected) == 2 else 1)


def test_results_are_fresh_arrays_and_inputs_untouched():
    A = np.array([[4.0, 1.0], [3.0, 2.0]])
    before = A.copy()
    eqs = nash_equilibria(A, A.T)
    eqs[0][0][:] = 99
    assert np.array_equal(A, before)
    assert as_lists(nash_equilibria(A, A.T))[0] == (C, C)


def test_malformed_games_are_refused_with_a_reason():
    with pytest.raises(ValueError, match="same shape"):
        nash_equilibria(np.zeros((2, 2)), np.zeros((2, 3)))
    with pytest.raises(ValueError, match="finite"):
        nash_equilibria([[np.nan, 0], [0, 0]], np.zeros((2, 2)))
    with pytest.raises(ValueError, match="2 entries"):
        is_equilibrium(np.eye(2), np.eye(2), [1, 0, 0], [1, 0])


# ---------------------------------------------------------------------------------------------
# Best responses, the equilibrium test, Pareto optimality, the facade
# ---------------------------------------------------------------------------------------------


def test_best_responses_in_the_stag_hunt_follow_the_belief():
    A, B = symmetric_game(R=4, S=1, T=3, P=2)
    rows, cols = best_responses(A, B, x=[0.8, 0.2], y=[0.8, 0.2])
    assert rows.tolist() == [0] and cols.tolist() == [0]  # trusting: restrain
    rows, cols = best_responses(A, B, x=[0.2, 0.8], y=[0.2, 0.8])
    assert rows.tolist() == [1] and cols.tolist() == [1]  # fearful: arm
    rows, cols = best_responses(A, B, x=[0.5, 0.5], y=[0.5, 0.5])
    assert rows.tolist() == [0, 1] and cols.tolist() == [0, 1]  # exactly at p*: indifferent


def test_is_equilibrium_rejects_profitable_deviations_and_non_probabilities():
    A, B = symmetric_game(R=3, S=0, T=5, P=1)
    assert is_equilibrium(A, B, D, D)
    assert not is_equilibrium(A, B, C, C)  # each gains 2 by arming
    assert not is_equilibrium(A, B, D, [0.5, 0.5])  # column should arm
    assert not is_equilibrium(A, B, [1.2, -0.2], D)  # not a probability vector
    assert not is_equilibrium(A, B, [0.5, 0.4], D)  # does not sum to 1


def test_pareto_cells_of_the_prisoners_dilemma_exclude_the_equilibrium():
    A, B = symmetric_game(R=3, S=0, T=5, P=1)
    assert pareto_optimal_cells(A, B).tolist() == [[True, True], [True, False]]


def test_pareto_cells_with_ties_and_rectangular_shapes():
    A = [[1, 1, 0], [2, 0, 2]]
    B = [[1, 1, 3], [1, 0, 1]]
    # (0,0) and (0,1) are dominated by (1,0) (2,1); (1,2) ties (1,0) exactly, so both survive.
    assert pareto_optimal_cells(A, B).tolist() == [[False, False, True], [True, False, True]]


def test_game_facade_forwards_to_the_pure_functions():
    A, B = symmetric_game(R=4, S=1, T=3, P=2)
    g = Game(A, B)
    assert g.shape == (2, 2)
    assert g.classify() == "stag_hunt"
    assert as_lists(g.equilibria()) == as_lists(nash_equilibria(A, B))
    assert np.array_equal(g.pareto(), pareto_optimal_cells(A, B))
    assert g.is_equilibrium(C, C) and not g.is_equilibrium(C, D)
    assert g.payoffs(C, D) == (1.0, 3.0)
    rows, cols = g.best_responses(D, D)
    assert rows.tolist() == [1] and cols.tolist() == [1]
    with pytest.raises(ValueError):
        g.A[0, 0] = 10.0  # read-only: a Game cannot be changed behind its back


def test_game_without_b_is_zero_sum():
    g = Game([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    assert np.array_equal(g.B, -g.A)
    assert g.payoffs([1, 0, 0], [0, 0, 1]) == (1.0, -1.0)


# ---------------------------------------------------------------------------------------------
# Properties of random non-degenerate games
# ---------------------------------------------------------------------------------------------

random_games = st.builds(
    lambda m, n, seed: tuple(np.random.default_rng(seed).uniform(-10, 10, size=(2, m, n))),
    st.integers(1, 4),
    st.integers(1, 4),
    st.integers(0, 2**32 - 1),
)


@given(random_games)
def test_every_result_is_a_mutual_best_response_and_the_count_is_odd(game):
    A, B = game
    eqs = nash_equilibria(A, B)
    # Oddness theorem (Lemke & Howson 1964; Shapley 1974): non-degenerate games have an odd number.
    assert len(eqs) % 2 == 1
    for x, y in eqs:
        assert x.shape == (A.shape[0],) and y.shape == (A.shape[1],)
        assert np.all(x >= 0) and np.all(y >= 0)
        assert x.sum() == pytest.approx(1.0) and y.sum() == pytest.approx(1.0)
        assert is_equilibrium(A, B, x, y)
        assert independently_an_equilibrium(A, B, x, y)
        # Non-degenerate: both supports have the same size.
        assert np.count_nonzero(x > 1e-9) == np.count_nonzero(y > 1e-9)
    # No duplicates.
    for (x1, y1), (x2, y2) in itertools.combinations(eqs, 2):
        assert not (np.allclose(x1, x2) and np.allclose(y1, y2))


@given(random_games)
def test_every_pure_equilibrium_found_by_brute_force_is_returned(game):
    A, B = game
    m, n = A.shape
    found = {
        (int(np.argmax(x)), int(np.argmax(y)))
        for x, y in nash_equilibria(A, B)
        if x.max() == 1.0 and y.max() == 1.0
    }
    assert found == set(brute_force_pure(A, B))


@given(random_games, st.floats(0.1, 10), st.floats(-5, 5))
def test_equilibria_do_not_change_under_positive_affine_payoff_changes(game, scale, shift):
    A, B = game
    before = nash_equilibria(A, B)
    after = nash_equilibria(scale * A + shift, scale * B - shift)
    assert len(before) == len(after)
    for (x1, y1), (x2, y2) in zip(before, after, strict=True):
        np.testing.assert_allclose(x1, x2, atol=1e-7)
        np.testing.assert_allclose(y1, y2, atol=1e-7)


@given(random_games)
def test_swapping_the_players_swaps_the_equilibria(game):
    A, B = game
    forward = {(tuple(x.round(6)), tuple(y.round(6))) for x, y in nash_equilibria(A, B)}
    swapped = {(tuple(y.round(6)), tuple(x.round(6))) for x, y in nash_equilibria(B.T, A.T)}
    assert forward == swapped


@given(random_games)
def test_results_are_sorted_deterministically(game):
    A, B = game
    eqs = nash_equilibria(A, B)
    sizes = [np.count_nonzero(x > 1e-9) for x, _ in eqs]
    assert sizes == sorted(sizes)
    assert as_lists(eqs) == as_lists(nash_equilibria(A.copy(), B.copy()))


@given(random_games)
def test_pareto_cells_are_exactly_the_undominated_ones(game):
    A, B = game
    mask = pareto_optimal_cells(A, B)
    cells = list(itertools.product(range(A.shape[0]), range(A.shape[1])))
    for i, j in cells:
        dominated = any(
            A[r, c] >= A[i, j] and B[r, c] >= B[i, j] and (A[r, c], B[r, c]) != (A[i, j], B[i, j])
            for r, c in cells
        )
        assert mask[i, j] == (not dominated)
    # The cell with the highest total payoff is always Pareto optimal.
    best = np.unravel_index(np.argmax(A + B), A.shape)
    assert mask[best]
