"""Evolution: replicator dynamics and the Moran process, with exact values to test against."""

from __future__ import annotations

import doctest

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import game.theory.evolution
from game.theory import (
    MoranRun,
    fixation_probability,
    moran_fixation_exact,
    moran_process,
    nash_equilibria,
    replicator_dynamics,
    round_robin,
    symmetric_game,
)

PD = [[3, 0], [5, 1]]  # rows and columns: cooperate (restrain), defect (arm)
HAWK_DOVE = [[1, 0], [2, -2]]  # dove, hawk with V = 2, C = 6: one hawk in three at rest
NEUTRAL = [[2, 2], [2, 2]]


def within(estimate: float, p: float, runs: int, sigmas: float = 4.0) -> bool:
    """Whether a share of ``runs`` Bernoulli(p) trials is within ``sigmas`` standard errors."""
    return abs(estimate - p) <= sigmas * np.sqrt(p * (1 - p) / runs)


# ---------------------------------------------------------------------------------------------
# Replicator dynamics
# ---------------------------------------------------------------------------------------------


def test_in_a_prisoners_dilemma_arming_takes_over():
    x = replicator_dynamics(PD, [0.99, 0.01], steps=400)
    assert x.shape == (401, 2)
    assert x[0].tolist() == [0.99, 0.01]
    assert x[-1, 1] > 0.999
    assert (np.diff(x[:, 0]) < 0).all()  # restraint loses ground at every step


@pytest.mark.parametrize("hawks", [0.05, 0.5, 0.95])
def test_in_hawk_dove_the_mixed_equilibrium_is_approached_from_either_side(hawks):
    x = replicator_dynamics(HAWK_DOVE, [1 - hawks, hawks], steps=400)
    np.testing.assert_allclose(x[-1], [2 / 3, 1 / 3], atol=1e-6)
    distance = np.abs(x[:, 1] - 1 / 3)
    assert (np.diff(distance) <= 1e-15).all()  # it closes in at every step


def test_the_hawk_dove_rest_point_is_the_mixed_nash_equilibrium():
    A = np.array(HAWK_DOVE, dtype=float)
    mixed = [x for x, y in nash_equilibria(A, A.T) if 0 < x[0] < 1]
    assert len(mixed) == 1
    rest = replicator_dynamics(A, [0.5, 0.5], steps=400)[-1]
    np.testing.assert_allclose(rest, mixed[0], atol=1e-6)


def test_in_a_stag_hunt_trust_decides_where_the_population_ends():
    A, _ = symmetric_game(R=4, S=1, T=3, P=2)  # restraint pays if half or more restrain
    trusting = replicator_dynamics(A, [0.6, 0.4], steps=400)[-1]
    fearful = replicator_dynamics(A, [0.4, 0.6], steps=400)[-1]
    assert trusting[0] > 0.999
    assert fearful[1] > 0.999


def test_pure_states_and_equal_payoffs_stay_where_they_are():
    for x0 in ([1.0, 0.0], [0.0, 1.0]):
        x = replicator_dynamics(PD, x0, steps=10)
        assert (x == x0).all()  # a type that is absent is never invented
    x = replicator_dynamics(np.ones((3, 3)), [0.2, 0.3, 0.5], steps=10)
    np.testing.assert_allclose(x, np.tile([0.2, 0.3, 0.5], (11, 1)))


def test_rock_paper_scissors_stays_on_the_simplex_and_keeps_all_three():
    rps = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
    x = replicator_dynamics(rps, [0.5, 0.3, 0.2], steps=1000, dt=0.05)
    assert (x > 0).all()
    np.testing.assert_allclose(x.sum(axis=1), 1.0)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (dict(payoff_matrix=[[1, 2, 3]]), "square"),
        (dict(x0=[0.5, 0.6]), "shares"),
        (dict(x0=[1.2, -0.2]), "shares"),
        (dict(x0=[1.0]), "one share per type"),
        (dict(steps=-1), "steps"),
        (dict(dt=0.0), "dt"),
        (dict(dt=float("inf")), "finite"),
        (dict(dt=float("nan")), "finite"),
        (dict(dt=0.5), "too long"),  # PD payoffs spread over 5: dt must be at most 0.2
    ],
)
def test_replicator_arguments_are_checked(kwargs, message):
    arguments = dict(payoff_matrix=PD, x0=[0.5, 0.5], steps=5) | kwargs
    with pytest.raises(ValueError, match=message):
        replicator_dynamics(**arguments)


#: Payoff spreads below this are treated as this (see the test below).
SPREAD_FLOOR = 1e-6


def simplex_points(k: int):
    return hnp.arrays(float, k, elements=st.floats(0.0, 1.0)).filter(lambda v: v.sum() > 1e-3)


@given(
    data=st.data(),
    k=st.integers(1, 5),
    steps=st.integers(0, 60),
    dt_fraction=st.floats(0.01, 1.0),
)
def test_trajectories_stay_on_the_simplex(data, k, steps, dt_fraction):
    A = data.draw(hnp.arrays(float, (k, k), elements=st.floats(-10, 10)))
    x0 = data.draw(simplex_points(k))
    x0 = x0 / x0.sum()
    # The step may be as long as 1 / spread, but no longer than 1 / SPREAD_FLOOR: a spread of
    # 2e-313 (a subnormal) made dt = inf, and a spread near rounding noise makes a step that long
    # amplify the noise in f - x.f instead of the payoff differences.
    spread = max(float(A.max() - A.min()), SPREAD_FLOOR)
    dt = dt_fraction / spread
    x = replicator_dynamics(A, x0, steps=steps, dt=dt)
    assert x.shape == (steps + 1, k)
    assert np.isfinite(x).all()
    assert (x >= 0).all()
    np.testing.assert_allclose(x.sum(axis=1), 1.0, atol=1e-12)
    assert ((x > 0) <= (x0 > 0)).all()  # no absent type appears


# ---------------------------------------------------------------------------------------------
# The Moran process: exact values
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [2, 3, 5, 10, 40])
def test_neutral_drift_fixes_a_single_newcomer_with_probability_one_over_n(size):
    # theory.md section 12, "Moran neutral".
    p = moran_fixation_exact([1, size - 1], NEUTRAL)
    np.testing.assert_allclose(p, [1 / size, 1 - 1 / size])


@pytest.mark.parametrize(("r", "size", "start"), [(2, 5, 1), (1.5, 10, 1), (0.8, 6, 2), (3, 4, 3)])
def test_constant_fitness_gives_the_classic_moran_formula(r, size, start):
    A = [[r, r], [1, 1]]  # type 0 is r times as fit, whoever it meets
    expected = (1 - r**-start) / (1 - r**-size)
    p = moran_fixation_exact([start, size - start], A)
    np.testing.assert_allclose(p, [expected, 1 - expected])


@given(
    A=hnp.arrays(float, (2, 2), elements=st.floats(0.1, 10)),
    size=st.integers(2, 30),
    data=st.data(),
)
def test_exact_fixation_probabilities_are_probabilities(A, size, data):
    start = data.draw(st.integers(0, size))
    p = moran_fixation_exact([start, size - start], A)
    assert (p >= 0).all() and (p <= 1).all()
    assert p.sum() == pytest.approx(1.0)
    # Without selection only the starting share matters.
    np.testing.assert_allclose(
        moran_fixation_exact([start, size - start], A, intensity=0.0),
        [start / size, 1 - start / size],
    )


def test_tit_for_tat_can_invade_always_defect_but_not_the_other_way():
    # Nowak, Sasaki, Taylor & Fudenberg (2004): in a finite population, reciprocity can take
    # over from a single individual, while a lone defector among reciprocators is doomed.
    A = round_robin(["tit_for_tat", "always_defect"], self_play=True).per_turn
    size = 10
    tft_invades = moran_fixation_exact([1, size - 1], A)[0]
    alld_invades = moran_fixation_exact([size - 1, 1], A)[1]
    assert tft_invades > 1 / size
    assert alld_invades < 1 / size / 10


# ---------------------------------------------------------------------------------------------
# The Moran process: estimates by simulation
# ---------------------------------------------------------------------------------------------


def test_neutral_drift_estimate_is_one_over_n():
    runs = 2000
    p = fixation_probability([1, 4], NEUTRAL, runs=runs, seed=2024)
    assert p.sum() == 1.0
    assert within(p[0], 1 / 5, runs)


def test_no_selection_means_drift_for_three_types():
    runs = 2000
    three = [[3, 0, 5], [5, 1, 0], [0, 2, 2]]
    p = fixation_probability([1, 2, 2], three, intensity=0.0, runs=runs, seed=17)
    assert p.sum() == 1.0
    assert within(p[0], 0.2, runs) and within(p[1], 0.4, runs) and within(p[2], 0.4, runs)


@pytest.mark.parametrize(
    ("population", "A"),
    [([1, 4], [[2, 2], [1, 1]]), ([1, 7], PD), ([3, 3], [[1, 3], [2, 1]])],
)
def test_simulated_fixation_matches_the_exact_value(population, A):
    runs = 2000
    p = fixation_probability(population, A, runs=runs, seed=31)
    exact = moran_fixation_exact(population, A)
    assert within(p[0], exact[0], runs)


def test_fixation_among_classic_strategies_matches_the_exact_value():
    runs = 2000
    field = ["tit_for_tat", "always_defect"]
    p = fixation_probability([1, 9], strategies=field, repetitions=1, runs=runs, seed=5)
    A = round_robin(field, self_play=True).per_turn
    assert within(p[0], moran_fixation_exact([1, 9], A)[0], runs)


def test_a_capped_run_counts_for_no_one():
    p = fixation_probability([50, 50], NEUTRAL, runs=20, max_generations=3, seed=1)
    assert p.tolist() == [0.0, 0.0]


def test_fixation_estimates_replay_from_their_seed():
    a = fixation_probability([2, 3], PD, runs=300, seed=0)
    b = fixation_probability([2, 3], PD, runs=300, seed=0)
    c = fixation_probability([2, 3], PD, runs=300, seed=1)
    assert a.tolist() == b.tolist()
    assert a.tolist() != c.tolist()


# ---------------------------------------------------------------------------------------------
# One run of the Moran process
# ---------------------------------------------------------------------------------------------


def test_a_run_records_every_generation_until_fixation():
    run = moran_process(
        [1, 9], strategies=["tit_for_tat", "always_defect"], generations=500, seed=0
    )
    assert isinstance(run, MoranRun)
    assert run.names == ("tit_for_tat", "always_defect")
    assert run.counts.shape == (501, 2)
    assert run.counts[0].tolist() == [1, 9]
    assert (run.counts.sum(axis=1) == 10).all()
    assert run.fixated is not None and run.fixated_at is not None
    assert run.fixated_name == run.names[run.fixated]
    winner = [0, 0]
    winner[run.fixated] = 10
    assert (run.counts[run.fixated_at :] == winner).all()
    assert (run.counts[: run.fixated_at].max(axis=1) < 10).all()
    np.testing.assert_allclose(run.payoff_matrix, [[3, 0.995], [1.02, 1]])
    np.testing.assert_allclose(run.shares.sum(axis=1), 1.0)


def test_a_run_replays_from_its_seed():
    kwargs = dict(population=[5, 5, 5], payoff_matrix=np.ones((3, 3)), generations=200)
    a = moran_process(**kwargs, seed=0)
    b = moran_process(**kwargs, seed=0)
    c = moran_process(**kwargs, seed=1)
    assert np.array_equal(a.counts, b.counts)
    assert not np.array_equal(a.counts, c.counts)


def test_a_population_of_one_type_has_already_fixated():
    run = moran_process([0, 6], PD, generations=5, seed=1)
    assert (run.fixated, run.fixated_at, run.fixated_name) == (1, 0, "1")
    assert (run.counts == [0, 6]).all()


def test_a_short_run_may_end_undecided():
    run = moran_process([50, 50], NEUTRAL, generations=3, seed=1)
    assert run.fixated is None and run.fixated_at is None and run.fixated_name is None
    assert run.counts.shape == (4, 2)


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        (([1, 4],), {}, "either"),
        (([1, 4], PD), dict(strategies=["tit_for_tat", "always_defect"]), "either"),
        (([1, 4, 2], PD), {}, "3 counts for 2 types"),
        (([1, -4], PD), {}, ">= 0"),
        (([1.5, 3], PD), {}, "whole"),
        (([1, 0], PD), {}, "at least two"),
        (([1, 4], PD), dict(intensity=1.5), "intensity"),
        (([1, 4], HAWK_DOVE), {}, "negative"),  # fitness 1 - w + w * payoff must stay >= 0
        (([1, 4], [[0, 0], [0, 0]]), {}, "zero fitness"),
        (([1, 4], PD), dict(generations=-1), "generations"),
    ],
)
def test_moran_arguments_are_checked(args, kwargs, message):
    arguments = dict(generations=5, seed=0) | kwargs
    with pytest.raises(ValueError, match=message):
        moran_process(*args, **arguments)


def test_weak_selection_keeps_hawk_dove_fitness_positive():
    run = moran_process([3, 3], HAWK_DOVE, intensity=0.1, generations=50, seed=2)
    assert (run.counts.sum(axis=1) == 6).all()


@given(
    A=hnp.arrays(float, (3, 3), elements=st.floats(0.01, 5.0)),
    counts=st.lists(st.integers(0, 6), min_size=3, max_size=3).filter(lambda c: sum(c) >= 2),
    intensity=st.floats(0.0, 1.0),
    seed=st.integers(0, 2**32 - 1),
)
def test_each_generation_moves_one_individual_at_most(A, counts, intensity, seed):
    # Positive payoffs keep every fitness positive at any intensity.
    run = moran_process(counts, A, intensity=intensity, generations=40, seed=seed)
    size = sum(counts)
    assert (run.counts >= 0).all()
    assert (run.counts.sum(axis=1) == size).all()
    steps = np.abs(np.diff(run.counts, axis=0)).sum(axis=1)
    assert set(steps.tolist()) <= {0, 2}  # one birth and one death, or the parent replaced
    present = run.counts > 0
    assert (present[1:] <= present[:-1]).all()  # a type that dies out never comes back
    if run.fixated is not None:
        assert run.counts[-1, run.fixated] == size


def test_docstring_examples_are_true():
    failures, attempted = doctest.testmod(
        game.theory.evolution, optionflags=doctest.NORMALIZE_WHITESPACE
    )
    assert attempted > 0
    assert failures == 0


def test_a_subnormal_payoff_spread_gives_a_finite_step_and_trajectory():
    # The draw that made the simplex property flaky: a spread of 2.2e-313 gave dt = 1/spread = inf.
    A = np.array([[3.0, 3.0 + 2.2e-313], [3.0, 3.0]])
    with pytest.raises(ValueError, match="finite"):
        replicator_dynamics(A, [0.5, 0.5], steps=3, dt=1.0 / 2.2e-313)
    x = replicator_dynamics(A, [0.5, 0.5], steps=3, dt=1.0 / SPREAD_FLOOR)
    assert np.isfinite(x).all()
    np.testing.assert_allclose(x.sum(axis=1), 1.0, atol=1e-12)
