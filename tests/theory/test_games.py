"""Naming 2x2 games and the worked values of theory.md section 12."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.theory import (
    EXAMPLE_PAYOFFS,
    GAME_EXPLANATIONS,
    GAME_NAMES,
    GAME_TITLES,
    JERVIS_WORLD_EXPLANATIONS,
    JERVIS_WORLD_TITLES,
    JERVIS_WORLDS,
    Game,
    assurance_threshold,
    bargaining_range,
    classify,
    classify_ordering,
    cooperation_interval,
    cooperation_threshold,
    grim_trigger_delta,
    inspection_equilibrium,
    jervis_world,
    nash_equilibria,
    orderings,
    prefers_preventive_war,
    strike_threshold,
    symmetric_game,
)

# ---------------------------------------------------------------------------------------------
# classify
# ---------------------------------------------------------------------------------------------

CANONICAL = {
    # (R, S, T, P) with textbook numbers.
    "prisoners_dilemma": (3, 0, 5, 1),  # Axelrod's tournament payoffs
    "stag_hunt": (4, 1, 3, 2),  # Jervis's ordering CC > DC > DD > CD
    "chicken": (0, -1, 1, -10),
    "deadlock": (1, 0, 3, 2),
    "harmony": (4, 3, 2, 1),
    "leader": (2, 3, 4, 1),
    "hero": (2, 4, 3, 1),
}


@pytest.mark.parametrize(("name", "rstp"), sorted(CANONICAL.items()))
def test_canonical_symmetric_games_are_named(name, rstp):
    A, B = symmetric_game(*rstp)
    assert classify(A, B) == name
    assert classify_ordering(*rstp) == name


@pytest.mark.parametrize("name", sorted(EXAMPLE_PAYOFFS))
def test_example_payoffs_carry_their_own_name(name):
    assert classify(*symmetric_game(*EXAMPLE_PAYOFFS[name])) == name


def test_stag_hunt_admits_a_tie_between_temptation_and_punishment():
    # theory.md: R > T >= P > S.
    assert classify(*symmetric_game(R=4, S=1, T=2, P=2)) == "stag_hunt"
    # Other ties are not named.
    assert classify(*symmetric_game(R=4, S=1, T=4, P=2)) == "other"
    assert classify(*symmetric_game(R=3, S=1, T=5, P=1)) == "other"


def test_every_strict_ordering_gets_exactly_the_expected_share_of_names():
    counts: dict[str, int] = {}
    for values in itertools.permutations([1, 2, 3, 4]):
        name = classify(*symmetric_game(*values))
        counts[name] = counts.get(name, 0) + 1
    # Harmony is every game where restraint dominates (R > T and S > P): 24 / 4 = 6 orderings.
    assert counts == {
        "prisoners_dilemma": 1,
        "stag_hunt": 1,
        "chicken": 1,
        "deadlock": 1,
        "harmony": 6,
        "leader": 1,
        "hero": 1,
        "other": 12,
    }


def test_relabelled_games_are_not_mistaken_for_the_original():
    # Stag hunt with "restrain" and "arm" swapped: mutual arming is now the best outcome.
    A, B = symmetric_game(*CANONICAL["stag_hunt"])
    swapped = A[::-1, ::-1], B[::-1, ::-1]
    assert classify(*swapped) == "other"
    # Swapping the labels of a prisoner's dilemma makes action 0 dominant (S > P > R > T): it is
    # Harmony in the broad sense (R > T and S > P), though the dominant outcome is not the best.
    A, B = symmetric_game(*CANONICAL["prisoners_dilemma"])
    assert classify(A[::-1, ::-1], B[::-1, ::-1]) == "harmony"


def test_asymmetric_games():
    pd_row, _ = symmetric_game(3, 0, 5, 1)
    _, chicken_col = symmetric_game(3, 1, 4, 0)
    assert classify(pd_row, chicken_col) == "asymmetric"
    # Different numbers, same ordering for both players: still a prisoner's dilemma.
    _, pd_col = symmetric_game(10, -5, 12, 0)
    assert classify(pd_row, pd_col) == "prisoners_dilemma"
    # The column player's ordering is read from B with its own roles: B.T is what it sees.
    A, B = symmetric_game(4, 1, 3, 2)
    assert classify(A, B.T) == "asymmetric"


def test_battle_of_the_sexes_is_recognised():
    assert classify([[3, 0], [0, 2]], [[2, 0], [0, 3]]) == "battle_of_the_sexes"
    assert classify([[2, 0], [1, 3]], [[3, 0], [1, 2]]) == "battle_of_the_sexes"
    # Both prefer the same coordinated outcome: a coordination game, not a battle.
    assert classify([[3, 0], [0, 2]], [[3, 0], [0, 2]]) != "battle_of_the_sexes"


def test_tolerance_treats_near_ties_as_ties():
    A, B = symmetric_game(R=4, S=1, T=2.0 + 1e-12, P=2.0)
    assert classify(A, B) == "stag_hunt"
    A, B = symmetric_game(R=4, S=1, T=2.0, P=2.0 + 1e-12)  # T < P by rounding only
    assert classify(A, B) == "other"
    assert classify(A, B, tol=1e-9) == "stag_hunt"


def test_classify_refuses_games_that_are_not_two_by_two():
    with pytest.raises(ValueError, match="2x2"):
        classify(np.zeros((3, 3)), np.zeros((3, 3)))


def test_orderings_as_text():
    A, B = symmetric_game(3, 0, 5, 1)
    assert orderings(A, B) == ("T > R > P > S", "T > R > P > S")
    A, B = symmetric_game(4, 1, 2, 2)
    assert orderings(A, B) == ("R > T = P > S", "R > T = P > S")
    assert orderings([[3, 0], [0, 2]], [[2, 0], [0, 3]]) == ("R > P > S = T", "P > R > S = T")


def test_every_name_has_a_title_and_a_plain_explanation():
    assert set(GAME_TITLES) == set(GAME_NAMES) == set(GAME_EXPLANATIONS)
    assert GAME_TITLES["prisoners_dilemma"] == "Prisoner's Dilemma"
    for text in GAME_EXPLANATIONS.values():
        assert text.endswith(".") and text.count(".") == 1 and 40 < len(text) < 200
    assert set(JERVIS_WORLDS) == set(JERVIS_WORLD_TITLES) == set(JERVIS_WORLD_EXPLANATIONS)


payoff = st.floats(-100, 100, allow_nan=False)
two_by_two = st.lists(payoff, min_size=8, max_size=8).map(
    lambda v: (np.array(v[:4]).reshape(2, 2), np.array(v[4:]).reshape(2, 2))
)


@given(two_by_two, st.floats(0.01, 100), st.floats(-100, 100))
def test_names_survive_positive_affine_changes_of_payoffs(game, scale, shift):
    A, B = game
    # Exact comparisons need exact arithmetic: only keep strict orderings with clear gaps.
    for values in (A.ravel(), B.ravel()):
        gaps = np.diff(np.sort(values))
        if np.any(gaps < 1e-6):
            return
    assert classify(A, B) == classify(scale * A + shift, scale * B + shift)


@given(two_by_two)
def test_swapping_the_players_keeps_the_name(game):
    A, B = game
    assert classify(B.T, A.T) == classify(A, B)


@given(st.permutations([1.0, 2.0, 3.0, 4.0]))
def test_names_agree_with_the_equilibrium_structure(values):
    A, B = symmetric_game(*values)
    name = classify(A, B)
    pure = sorted(
        (int(np.argmax(x)), int(np.argmax(y)))
        for x, y in nash_equilibria(A, B)
        if x.max() == 1.0 and y.max() == 1.0
    )
    expected = {
        "prisoners_dilemma": [(1, 1)],
        "deadlock": [(1, 1)],
        "harmony": [(0, 0)],
        "stag_hunt": [(0, 0), (1, 1)],
        "chicken": [(0, 1), (1, 0)],
        "leader": [(0, 1), (1, 0)],
        "hero": [(0, 1), (1, 0)],
    }
    if name in expected:
        assert pure == expected[name]
    if name == "prisoners_dilemma":
        assert not Game(A, B).pareto()[1, 1]  # the equilibrium is Pareto dominated


# ---------------------------------------------------------------------------------------------
# Worked values (theory.md section 12)
# ---------------------------------------------------------------------------------------------


def test_jervis_threshold_stag_hunt_is_one_half():
    assert cooperation_threshold(CC=4, CD=1, DC=3, DD=2) == pytest.approx(0.5)


def test_jervis_threshold_prisoners_dilemma_has_none():
    assert cooperation_threshold(CC=3, CD=0, DC=5, DD=1) is None
    assert cooperation_interval(CC=3, CD=0, DC=5, DD=1) is None


def test_jervis_threshold_moves_the_way_jervis_says():
    base = cooperation_threshold(CC=4, CD=1, DC=3, DD=2)
    assert base is not None
    # Costlier mutual arming (lower DD) or a lower sucker's cost makes cooperation easier.
    assert cooperation_threshold(CC=4, CD=1, DC=3, DD=1.5) < base
    assert cooperation_threshold(CC=4, CD=1.5, DC=3, DD=2) < base
    # A bigger gain from exploiting (higher DC) makes it harder.
    assert cooperation_threshold(CC=4, CD=1, DC=3.5, DD=2) > base


def test_cooperation_interval_edges():
    assert cooperation_interval(CC=4, CD=3, DC=2, DD=1) == (0.0, 1.0)  # harmony: always
    assert cooperation_threshold(CC=4, CD=3, DC=2, DD=1) == 0.0
    assert cooperation_interval(CC=3, CD=2, DC=4, DD=1) == pytest.approx((0.0, 0.5))  # chicken
    assert cooperation_threshold(CC=3, CD=2, DC=4, DD=1) is None
    assert cooperation_interval(CC=1, CD=1, DC=1, DD=1) == (0.0, 1.0)  # indifferent everywhere


@given(st.lists(st.floats(-10, 10), min_size=4, max_size=4), st.floats(0, 1))
def test_cooperation_interval_matches_expected_payoffs(payoffs, p):
    CC, CD, DC, DD = payoffs
    interval = cooperation_interval(CC, CD, DC, DD)
    margin = (p * CC + (1 - p) * CD) - (p * DC + (1 - p) * DD)
    if abs(margin) < 1e-9:
        return  # on the boundary, rounding decides
    inside = interval is not None and interval[0] <= p <= interval[1]
    assert inside == (margin > 0)


def test_kydd_assurance_threshold():
    assert assurance_threshold(c=1.0, t=0.5) == pytest.approx(2 / 3)
    assert assurance_threshold(c=1.0, t=1.5) is None  # untrustworthy type: never restrains
    assert assurance_threshold(c=0.0, t=0.5) == 0.0  # nothing to lose by restraint
    with pytest.raises(ValueError):
        assurance_threshold(c=-1.0, t=0.5)


def test_schelling_strike_threshold():
    assert strike_threshold(s=1, S=10, m=6) == pytest.approx(0.2)
    # A larger first-strike advantage lowers the fear needed to strike.
    assert strike_threshold(s=1, S=20, m=6) < strike_threshold(s=1, S=10, m=6)
    assert strike_threshold(s=1, S=6, m=6) is None  # no advantage in going first


def test_grim_trigger_patience():
    assert grim_trigger_delta(T=5, R=3, P=1) == pytest.approx(0.5)
    assert grim_trigger_delta(T=3, R=2, P=0) == pytest.approx(1 / 3)
    assert grim_trigger_delta(T=2, R=3, P=1) == 0.0
    assert grim_trigger_delta(T=5, R=1, P=1) is None


def test_inspection_game_equilibrium():
    pi, q = inspection_equilibrium(g=1, b=3, c=0.2, d=1)
    assert (pi, q) == pytest.approx((0.25, 0.2))
    # A harsher penalty lowers the inspection rate needed.
    assert inspection_equilibrium(g=1, b=9, c=0.2, d=1)[0] == pytest.approx(0.1)
    with pytest.raises(ValueError):
        inspection_equilibrium(g=1, b=3, c=2, d=1)


def test_inspection_mix_is_a_nash_equilibrium_of_the_matrix_game():
    g, b, c, d = 1.0, 3.0, 0.2, 1.0
    # Inspectee rows: comply, cheat. Inspector columns: inspect, trust.
    inspectee = np.array([[0.0, 0.0], [-b, g]])
    inspector = np.array([[-c, 0.0], [-c, -d]])
    pi, q = inspection_equilibrium(g, b, c, d)
    [(x, y)] = nash_equilibria(inspectee, inspector)
    np.testing.assert_allclose(x, [1 - q, q])
    np.testing.assert_allclose(y, [pi, 1 - pi])


def test_fearon_bargaining_range():
    assert bargaining_range(p=0.6, c_a=0.1, c_b=0.15) == pytest.approx((0.5, 0.75))
    assert bargaining_range(p=0.95, c_a=0.1, c_b=0.15) == pytest.approx((0.85, 1.0))  # clipped
    with pytest.raises(ValueError):
        bargaining_range(p=1.5, c_a=0.1, c_b=0.1)


def test_commitment_problem():
    # 0.9 * (0.7 - 0.1) = 0.54 > 1 - 0.7 + 0.05 = 0.35.
    assert prefers_preventive_war(p=0.7, p_next=0.1, c_a=0.05, delta=0.9) is True
    # A small shift in power keeps the peace.
    assert prefers_preventive_war(p=0.7, p_next=0.5, c_a=0.05, delta=0.9) is False


def test_jervis_four_worlds():
    assert jervis_world(offense_advantage=True, distinguishable=False) == "doubly_dangerous"
    assert jervis_world(offense_advantage=False, distinguishable=False) == "dilemma_but_compatible"
    assert jervis_world(offense_advantage=True, distinguishable=True) == (
        "no_dilemma_aggression_pays"
    )
    assert jervis_world(offense_advantage=False, distinguishable=True) == "doubly_safe"
