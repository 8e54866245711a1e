"""Richardson's arms race: worked values, the N-state form, simulation and fitting."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from game.theory import (
    RichardsonFit,
    richardson_eigenvalues,
    richardson_equilibrium,
    richardson_equilibrium_n,
    richardson_fit,
    richardson_nullclines,
    richardson_simulate,
    richardson_spectral_radius,
    richardson_stable,
    richardson_stable_n,
)

STABLE = dict(k=0.9, l=0.8, a=1.2, b=1.0, g=1.0, h=0.5)  # theory.md section 12
RUNAWAY = dict(k=1.5, l=1.2, a=1.0, b=1.0, g=1.0, h=1.0)
SLOW = dict(k=0.3, l=0.2, a=0.5, b=0.4, g=1.0, h=0.5)


def coefficients(d: dict[str, float]) -> tuple[float, ...]:
    return tuple(d[name] for name in "klabgh")


def fitted(fit: RichardsonFit) -> tuple[float, ...]:
    return (fit.k, fit.l, fit.a, fit.b, fit.g, fit.h)


# ---------------------------------------------------------------------------------------------
# Worked values
# ---------------------------------------------------------------------------------------------


def test_stable_race_worked_values():
    assert richardson_stable(STABLE["k"], STABLE["l"], STABLE["a"], STABLE["b"])
    x, y = richardson_equilibrium(**STABLE)
    assert (x, y) == pytest.approx((3.0208, 2.9167), abs=1e-4)
    assert (x, y) == pytest.approx((1.45 / 0.48, 1.4 / 0.48))
    eig = richardson_eigenvalues(STABLE["k"], STABLE["l"], STABLE["a"], STABLE["b"])
    assert np.all(eig.real < 0) and np.all(eig.imag == 0)


def test_stable_race_settles_at_its_equilibrium_from_any_start():
    target = richardson_equilibrium(**STABLE)
    for start in [(0.0, 0.0), (10.0, 0.0), (0.0, 10.0), (8.0, 8.0)]:
        x, y = richardson_simulate(*coefficients(STABLE), *start, steps=1000, dt=0.1)
        assert (x[-1], y[-1]) == pytest.approx(target, abs=1e-6)


def test_runaway_race_worked_values():
    k, l, a, b = RUNAWAY["k"], RUNAWAY["l"], RUNAWAY["a"], RUNAWAY["b"]  # noqa: E741
    assert not richardson_stable(k, l, a, b)
    assert a * b - k * l == pytest.approx(-0.8)
    # A saddle: one eigenvalue of each sign, and the equilibrium lies at negative arms.
    eig = richardson_eigenvalues(k, l, a, b).real
    assert eig[0] < 0 < eig[1]
    x, y = richardson_equilibrium(**RUNAWAY)
    assert (x, y) == pytest.approx((-3.125, -2.75))


def test_runaway_race_explodes_from_any_non_negative_start():
    for start in [(0.0, 0.0), (5.0, 0.0), (0.0, 5.0), (1.0, 1.0)]:
        x, y = richardson_simulate(*coefficients(RUNAWAY), *start, steps=200, dt=0.1)
        assert x[-1] > 100 and y[-1] > 100
        assert np.all(np.diff(x[50:]) > 0) and np.all(np.diff(y[50:]) > 0)


def test_no_equilibrium_when_fear_balances_restraint():
    with pytest.raises(ValueError, match="ab = kl"):
        richardson_equilibrium(k=2.0, l=0.5, a=1.0, b=1.0, g=1.0, h=1.0)
    assert not richardson_stable(k=2.0, l=0.5, a=1.0, b=1.0)


def test_simulate_is_the_discrete_form():
    x, y = richardson_simulate(*coefficients(STABLE), x0=2.0, y0=1.0, steps=3)
    assert x.shape == y.shape == (4,)
    for t in range(3):
        assert x[t + 1] - x[t] == pytest.approx(0.9 * y[t] - 1.2 * x[t] + 1.0)
        assert y[t + 1] - y[t] == pytest.approx(0.8 * x[t] - 1.0 * y[t] + 0.5)
    x0, y0 = richardson_simulate(*coefficients(STABLE), x0=2.0, y0=1.0, steps=0)
    assert x0.tolist() == [2.0] and y0.tolist() == [1.0]
    with pytest.raises(ValueError):
        richardson_simulate(*coefficients(STABLE), x0=0, y0=0, steps=-1)
    with pytest.raises(ValueError):
        richardson_simulate(*coefficients(STABLE), x0=0, y0=0, steps=3, dt=0)


def test_nullclines_cross_at_the_equilibrium():
    x_star, y_star = richardson_equilibrium(**STABLE)
    xs = np.array([0.0, x_star, 6.0])
    on_x, on_y = richardson_nullclines(*coefficients(STABLE), xs)
    assert on_x[1] == pytest.approx(y_star) and on_y[1] == pytest.approx(y_star)
    # Along each nullcline the matching rate of change is zero.
    k, l, a, b, g, h = coefficients(STABLE)  # noqa: E741
    np.testing.assert_allclose(k * on_x - a * xs + g, 0, atol=1e-12)
    np.testing.assert_allclose(l * xs - b * on_y + h, 0, atol=1e-12)
    # Stable: x's nullcline is the steeper (a/k > l/b).
    assert np.diff(on_x)[0] > np.diff(on_y)[0]
    with pytest.raises(ValueError, match="vertical"):
        richardson_nullclines(0.0, 0.8, 1.2, 1.0, 1.0, 0.5, xs)


# ---------------------------------------------------------------------------------------------
# The N-state form
# ---------------------------------------------------------------------------------------------

positive = st.floats(0.01, 10)
fear = st.floats(0.0, 10)


@given(fear, fear, positive, positive)
def test_n_state_stability_reduces_to_ab_greater_than_kl(k, l, a, b):  # noqa: E741
    assume(abs(a * b - k * l) > 1e-9 * (a * b + k * l))  # rounding decides the borderline
    K = [[0.0, k], [l, 0.0]]
    assert richardson_stable_n(K, [a, b]) == (a * b > k * l) == richardson_stable(k, l, a, b)
    assert richardson_stable_n(K, np.diag([a, b])) == (a * b > k * l)
    assert richardson_spectral_radius(K, [a, b]) == pytest.approx(np.sqrt(k * l / (a * b)))


@given(fear, fear, positive, positive, st.floats(-5, 5), st.floats(-5, 5))
def test_n_state_equilibrium_matches_the_two_state_formula(k, l, a, b, g, h):  # noqa: E741
    assume(abs(a * b - k * l) > 1e-3 * (a * b + k * l))
    got = richardson_equilibrium_n([[0.0, k], [l, 0.0]], [a, b], [g, h])
    want = richardson_equilibrium(k, l, a, b, g, h)
    np.testing.assert_allclose(got, want, rtol=1e-7, atol=1e-7)


@given(st.lists(fear, min_size=9, max_size=9), st.lists(positive, min_size=3, max_size=3))
def test_a_third_rival_never_makes_the_race_more_stable(entries, a):
    K = np.array(entries).reshape(3, 3)
    np.fill_diagonal(K, 0.0)
    # Perron-Frobenius: a principal sub-race never has a larger spectral radius.
    pair = richardson_spectral_radius(K[:2, :2], a[:2])
    trio = richardson_spectral_radius(K, a)
    assert trio >= pair - 1e-9


def test_three_way_races():
    a = [1.0, 1.0, 1.0]
    # All against all, each reacting at 0.6 to each rival: explosive although every pair is stable.
    everyone = np.full((3, 3), 0.6) - 0.6 * np.eye(3)
    assert richardson_stable(0.6, 0.6, 1.0, 1.0)
    assert not richardson_stable_n(everyone, a)
    assert richardson_spectral_radius(everyone, a) == pytest.approx(1.2)
    # Two allies (who do not fear each other) against one: rho = sqrt(2) * 0.6 < 1, stable.
    blocs = np.array([[0.0, 0.0, 0.6], [0.0, 0.0, 0.6], [0.6, 0.6, 0.0]])
    assert richardson_stable_n(blocs, a)
    x = richardson_equilibrium_n(blocs, a, [1.0, 1.0, 1.0])
    dx = (blocs - np.eye(3)) @ x + 1.0
    np.testing.assert_allclose(dx, 0.0, atol=1e-12)


def test_n_state_inputs_are_checked():
    with pytest.raises(ValueError, match=">= 0"):
        richardson_stable_n([[0, -1], [1, 0]], [1, 1])
    with pytest.raises(ValueError, match="> 0"):
        richardson_stable_n([[0, 1], [1, 0]], [1, 0])
    with pytest.raises(ValueError, match="diagonal"):
        richardson_stable_n([[0, 1], [1, 0]], [[1, 1], [0, 1]])
    with pytest.raises(ValueError, match="square"):
        richardson_stable_n([[0, 1, 1], [1, 0, 1]], [1, 1])
    with pytest.raises(ValueError, match="singular"):
        richardson_equilibrium_n([[0, 1], [1, 0]], [1, 1], [1, 1])


# ---------------------------------------------------------------------------------------------
# Fitting
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("params", [STABLE, RUNAWAY, SLOW], ids=["stable", "runaway", "slow"])
def test_fit_recovers_known_coefficients_from_noise_free_data(params):
    x, y = richardson_simulate(*coefficients(params), x0=0.0, y0=5.0, steps=15)
    fit = richardson_fit(x, y)
    np.testing.assert_allclose(fitted(fit), coefficients(params), atol=1e-6)
    assert fit.r2 == pytest.approx((1.0, 1.0))
    assert fit.stable == richardson_stable(params["k"], params["l"], params["a"], params["b"])
    assert fit.equilibrium == pytest.approx(richardson_equilibrium(**params), abs=1e-6)
    assert fit.n_points == 16


def test_fit_with_a_time_step():
    x, y = richardson_simulate(*coefficients(SLOW), x0=0.0, y0=5.0, steps=20, dt=0.5)
    fit = richardson_fit(x, y, dt=0.5)
    np.testing.assert_allclose(fitted(fit), coefficients(SLOW), atol=1e-6)


@given(
    st.integers(0, 2**32 - 1),
    st.floats(-5, 5),
    st.floats(-5, 5),
)
def test_fit_recovers_random_coefficients_exactly(seed, x0, y0):
    rng = np.random.default_rng(seed)
    k, l = rng.uniform(0.05, 1.5, size=2)  # noqa: E741
    a, b = rng.uniform(0.1, 1.5, size=2)
    g, h = rng.uniform(-2, 2, size=2)
    x0, y0 = x0 + rng.normal(), y0 + rng.normal()  # never exactly on a special line
    x, y = richardson_simulate(k, l, a, b, g, h, x0, y0, steps=10)
    fit = richardson_fit(x, y)
    np.testing.assert_allclose(fitted(fit), (k, l, a, b, g, h), atol=1e-6)


def test_fit_is_close_under_small_noise():
    x, y = richardson_simulate(*coefficients(SLOW), x0=0.0, y0=10.0, steps=40)
    for seed in range(5):
        rng = np.random.default_rng(seed)
        fit = richardson_fit(x + rng.normal(0, 1e-3, x.size), y + rng.normal(0, 1e-3, y.size))
        np.testing.assert_allclose(fitted(fit), coefficients(SLOW), atol=0.02)
        assert min(fit.r2) > 0.99 and max(fit.r2) < 1.0
        assert fit.stable


def test_fit_reports_no_equilibrium_on_the_borderline():
    x, y = richardson_simulate(2.0, 0.5, 1.0, 1.0, 1.0, 1.0, x0=0.0, y0=3.0, steps=10)
    fit = richardson_fit(x, y)
    assert fit.k == pytest.approx(2.0) and fit.l == pytest.approx(0.5)
    assert fit.equilibrium is None
    assert fit.stable is False


def test_fit_result_is_frozen():
    x, y = richardson_simulate(*coefficients(STABLE), x0=0.0, y0=5.0, steps=6)
    fit = richardson_fit(x, y)
    with pytest.raises(AttributeError):
        fit.k = 0.0  # type: ignore[misc]


def test_fit_refuses_data_it_cannot_use():
    with pytest.raises(ValueError, match="at least 4 points"):
        richardson_fit([1.0, 2.0, 3.0], [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="same length"):
        richardson_fit([1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="too regularly"):
        richardson_fit([1.0] * 6, [2.0] * 6)
    with pytest.raises(ValueError, match="finite"):
        richardson_fit([1.0, 2.0, np.inf, 4.0], [1.0, 2.0, 3.0, 4.0])
