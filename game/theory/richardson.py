"""Richardson's arms-race model: fear, fatigue and grievance.

Lewis Fry Richardson (1960, *Arms and Insecurity*) modelled two rivals' arms levels ``x`` and
``y`` as reacting to each other::

    dx/dt = k*y - a*x + g
    dy/dt = l*x - b*y + h

- ``k, l > 0`` are the *fear* (defense) coefficients: how strongly each side answers the other's
  arms;
- ``a, b > 0`` are the *fatigue* (restraint) coefficients: the economic and political burden
  that pulls one's own arms down;
- ``g, h`` are *grievances*: standing ambitions or hostility, which may be negative (goodwill).

The Jacobian ``[[-a, k], [l, -b]]`` has trace ``-(a + b) < 0`` and determinant ``ab - kl``, so
the equilibrium is a **stable node iff ab > kl**: restraint beats mutual reaction, and arms
settle at a steady level. If ``ab < kl`` it is a saddle, and arms run away (or collapse to
disarmament) depending on where they start. The lesson: arms can rise with no one wanting war,
purely from mutual reaction.

With N rivals, ``dx/dt = (K - D) x + g`` with fear matrix ``K >= 0`` and ``D = diag(a)``; the race
is stable iff ``D - K`` is a non-singular M-matrix, that is iff the spectral radius of
``D^-1 K`` is below 1 (Berman & Plemmons 1979, ch. 6). For N = 2 that radius is
``sqrt(kl / (ab))``, which gives back ``ab > kl``.

:func:`richardson_fit` estimates the six coefficients from two arms series by least squares on
the discrete form ``x[t+1] - x[t] = dt * (k*y[t] - a*x[t] + g)`` (and likewise for ``y``), which
:func:`richardson_simulate` produces exactly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TypeAlias

import numpy as np
import numpy.typing as npt

__all__ = [
    "RichardsonFit",
    "richardson_eigenvalues",
    "richardson_equilibrium",
    "richardson_equilibrium_n",
    "richardson_fit",
    "richardson_nullclines",
    "richardson_simulate",
    "richardson_spectral_radius",
    "richardson_stable",
    "richardson_stable_n",
]

FloatArray: TypeAlias = npt.NDArray[np.float64]

#: Relative size below which ``ab - kl`` counts as zero (no unique equilibrium).
_SINGULAR = 1e-12


def _determinant(k: float, l: float, a: float, b: float) -> float:  # noqa: E741
    det = a * b - k * l
    if abs(det) <= _SINGULAR * max(abs(a * b), abs(k * l)):
        raise ValueError(
            f"ab = kl ({a * b:g}), so the fear and restraint lines are parallel: there is no "
            "single equilibrium"
        )
    return det


def richardson_equilibrium(
    k: float,
    l: float,  # noqa: E741
    a: float,
    b: float,
    g: float,
    h: float,
) -> tuple[float, float]:
    """The arms levels at which neither side changes its arms: ``dx/dt = dy/dt = 0``.

    Parameters
    ----------
    k, l : float
        Fear coefficients of x (toward y) and of y (toward x).
    a, b : float
        Fatigue (restraint) coefficients of x and y.
    g, h : float
        Grievances of x and y.

    Returns
    -------
    (x_star, y_star) : tuple of float
        ``x* = (b g + k h) / (ab - kl)`` and ``y* = (a h + l g) / (ab - kl)``. The point is an
        attractor only if :func:`richardson_stable`; in a runaway race (``ab < kl``) it is a
        saddle, often at negative arms, that marks the watershed between escalation and
        disarmament.

    Raises
    ------
    ValueError
        If ``ab = kl``: the two nullclines are parallel.

    Examples
    --------
    >>> x, y = richardson_equilibrium(k=0.9, l=0.8, a=1.2, b=1.0, g=1.0, h=0.5)
    >>> round(x, 4), round(y, 4)
    (3.0208, 2.9167)
    """
    det = _determinant(k, l, a, b)
    return (b * g + k * h) / det, (a * h + l * g) / det


def richardson_stable(k: float, l: float, a: float, b: float) -> bool:  # noqa: E741
    """Whether the Richardson race settles to its equilibrium rather than running away.

    The Jacobian ``[[-a, k], [l, -b]]`` has both eigenvalues with negative real part iff its
    trace ``-(a + b)`` is negative and its determinant ``ab - kl`` positive (Routh-Hurwitz).
    With positive fatigue coefficients that is Richardson's condition **ab > kl**: the product
    of the restraints exceeds the product of the fears.

    Parameters
    ----------
    k, l : float
        Fear coefficients.
    a, b : float
        Fatigue coefficients.

    Returns
    -------
    bool
        True for a stable node (or focus); False for a saddle or the borderline ``ab = kl``.

    Examples
    --------
    >>> richardson_stable(k=0.9, l=0.8, a=1.2, b=1.0)
    True
    >>> richardson_stable(k=1.5, l=1.2, a=1.0, b=1.0)  # runaway
    False
    """
    # The borderline ab = kl (up to rounding) is not stable: deviations along one line persist.
    margin = a * b - k * l
    return bool(a + b > 0 and margin > _SINGULAR * max(abs(a * b), abs(k * l)))


def richardson_eigenvalues(
    k: float,
    l: float,  # noqa: E741
    a: float,
    b: float,
) -> npt.NDArray[np.complex128]:
    """Eigenvalues of the Richardson Jacobian ``[[-a, k], [l, -b]]``, in increasing real part.

    Negative real parts mean deviations from the equilibrium shrink; a positive one means
    they grow along its eigenvector (the runaway direction).

    Parameters
    ----------
    k, l, a, b : float
        Fear and fatigue coefficients.

    Returns
    -------
    ndarray of complex, shape (2,)
        The two eigenvalues. With ``k l >= 0`` they are real.

    Examples
    --------
    >>> richardson_eigenvalues(k=1.5, l=1.2, a=1.0, b=1.0).real.round(4).tolist()
    [-2.3416, 0.3416]
    """
    jacobian = np.array([[-a, k], [l, -b]], dtype=float)
    eig = np.linalg.eigvals(jacobian).astype(np.complex128)
    return np.sort_complex(eig)


def _n_state(K: npt.ArrayLike, D_or_a: npt.ArrayLike) -> tuple[FloatArray, FloatArray]:
    fear = np.asarray(K, dtype=float)
    if fear.ndim != 2 or fear.shape[0] != fear.shape[1] or fear.shape[0] == 0:
        raise ValueError(f"K must be a square N x N fear matrix; got shape {fear.shape}")
    n = fear.shape[0]
    restraint = np.asarray(D_or_a, dtype=float)
    if restraint.ndim == 2:
        if restraint.shape != (n, n) or np.any(restraint != np.diag(np.diag(restraint))):
            raise ValueError("D must be an N x N diagonal matrix of fatigue coefficients")
        restraint = np.diag(restraint).copy()
    if restraint.shape != (n,):
        raise ValueError(f"need {n} fatigue coefficients to match K; got shape {restraint.shape}")
    if not (np.all(np.isfinite(fear)) and np.all(np.isfinite(restraint))):
        raise ValueError("coefficients must be finite numbers")
    if np.any(fear < 0):
        raise ValueError("fear coefficients in K must be >= 0: arms are feared, never welcomed")
    if np.any(restraint <= 0):
        raise ValueError("fatigue coefficients a must be > 0")
    return fear, restraint


def richardson_spectral_radius(K: npt.ArrayLike, D_or_a: npt.ArrayLike) -> float:
    """Reaction strength against restraint in an N-state race: the spectral radius of D^-1 K.

    Entry ``(i, j)`` of ``D^-1 K`` is how many units state ``i`` ends up holding per unit that
    state ``j`` holds, once ``i``'s fatigue balances its fear. The largest eigenvalue modulus
    measures whether this echo dies out (below 1) or amplifies itself (1 or more).

    Parameters
    ----------
    K : array_like, shape (N, N)
        Non-negative fear matrix; ``K[i, j]`` is state ``i``'s reaction to state ``j``'s arms.
        The diagonal is normally zero.
    D_or_a : array_like, shape (N,) or (N, N)
        The positive fatigue coefficients, as a vector ``a`` or as ``D = diag(a)``.

    Returns
    -------
    float
        ``rho(D^-1 K)``; for two states ``sqrt(kl / (ab))``.

    Examples
    --------
    >>> round(richardson_spectral_radius([[0, 0.9], [0.8, 0]], [1.2, 1.0]), 4)
    0.7746
    """
    fear, restraint = _n_state(K, D_or_a)
    return float(np.max(np.abs(np.linalg.eigvals(fear / restraint[:, None]))))


def richardson_stable_n(K: npt.ArrayLike, D_or_a: npt.ArrayLike) -> bool:
    """Whether an N-state Richardson race ``dx/dt = (K - D) x + g`` is stable.

    ``D - K`` is a Z-matrix (non-positive off the diagonal), so the race is stable iff it is a
    non-singular M-matrix, iff **rho(D^-1 K) < 1** (Berman & Plemmons 1979). For two states this
    is ``kl < ab``. Adding a third rival who fears both others usually pushes rho up: third
    parties make stability harder.

    Parameters
    ----------
    K : array_like, shape (N, N)
        Non-negative fear matrix (diagonal normally zero).
    D_or_a : array_like, shape (N,) or (N, N)
        Positive fatigue coefficients, as a vector or a diagonal matrix.

    Returns
    -------
    bool
        True iff the spectral radius of ``D^-1 K`` is below 1.

    Raises
    ------
    ValueError
        If ``K`` has a negative entry, a fatigue coefficient is not positive, or the shapes
        do not match.

    Examples
    --------
    Three states, each fearing both others as much as it tires of its own arms, run away:

    >>> richardson_stable_n([[0, 0.6, 0.6], [0.6, 0, 0.6], [0.6, 0.6, 0]], [1.0, 1.0, 1.0])
    False
    """
    return richardson_spectral_radius(K, D_or_a) < 1.0


def richardson_equilibrium_n(K: npt.ArrayLike, a: npt.ArrayLike, g: npt.ArrayLike) -> FloatArray:
    """The steady arms levels of an N-state race: solve ``(D - K) x = g``.

    Parameters
    ----------
    K : array_like, shape (N, N)
        Non-negative fear matrix.
    a : array_like, shape (N,) or (N, N)
        Positive fatigue coefficients, as a vector or ``D = diag(a)``.
    g : array_like, shape (N,)
        Grievances.

    Returns
    -------
    ndarray, shape (N,)
        The equilibrium; an attractor only if :func:`richardson_stable_n`.

    Raises
    ------
    ValueError
        If ``D - K`` is singular (no unique equilibrium) or the inputs are malformed.

    Examples
    --------
    >>> richardson_equilibrium_n([[0, 0.9], [0.8, 0]], [1.2, 1.0], [1.0, 0.5]).round(4).tolist()
    [3.0208, 2.9167]
    """
    fear, restraint = _n_state(K, a)
    grievance = np.asarray(g, dtype=float)
    if grievance.shape != restraint.shape:
        raise ValueError(f"need {restraint.size} grievances; got shape {grievance.shape}")
    system = np.diag(restraint) - fear
    if np.linalg.cond(system) > 1.0 / _SINGULAR:
        raise ValueError("D - K is singular: there is no single equilibrium")
    return np.linalg.solve(system, grievance)


def richardson_simulate(
    k: float,
    l: float,  # noqa: E741
    a: float,
    b: float,
    g: float,
    h: float,
    x0: float,
    y0: float,
    steps: int,
    dt: float = 1.0,
) -> tuple[FloatArray, FloatArray]:
    """Trajectories of the discrete Richardson race (an Euler step of length ``dt``).

    ``x[t+1] = x[t] + dt * (k*y[t] - a*x[t] + g)`` and
    ``y[t+1] = y[t] + dt * (l*x[t] - b*y[t] + h)``, which with ``dt = 1`` is the turn-by-turn
    form a game plays. Levels are not clipped at zero; in Richardson's reading negative arms
    stand for cooperation.

    Parameters
    ----------
    k, l, a, b, g, h : float
        Fear, fatigue and grievance coefficients.
    x0, y0 : float
        Starting arms.
    steps : int
        Number of steps, ``>= 0``.
    dt : float, optional
        Step length, ``> 0``. Small steps approach the continuous model.

    Returns
    -------
    (x, y) : tuple of ndarray, each of shape (steps + 1,)
        The two arms series, starting with ``x0`` and ``y0``.

    Examples
    --------
    >>> x, y = richardson_simulate(0.9, 0.8, 1.2, 1.0, 1.0, 0.5, 0.0, 0.0, steps=2, dt=0.5)
    >>> x.round(4).tolist(), y.round(4).tolist()
    ([0.0, 0.5, 0.8125], [0.0, 0.25, 0.575])
    """
    if int(steps) != steps or steps < 0:
        raise ValueError(f"steps must be a whole number >= 0; got {steps}")
    if not dt > 0:
        raise ValueError(f"dt must be > 0; got {dt}")
    xs = [float(x0)]
    ys = [float(y0)]
    for _ in range(int(steps)):
        x, y = xs[-1], ys[-1]
        xs.append(x + dt * (k * y - a * x + g))
        ys.append(y + dt * (l * x - b * y + h))
    return np.array(xs), np.array(ys)


@dataclass(frozen=True)
class RichardsonFit:
    """Richardson coefficients estimated from two arms series (see :func:`richardson_fit`).

    Attributes
    ----------
    k, l : float
        Fitted fear coefficients of x and y.
    a, b : float
        Fitted fatigue coefficients.
    g, h : float
        Fitted grievances.
    stable : bool
        Whether the fitted race settles (:func:`richardson_stable`).
    equilibrium : (float, float) or None
        The fitted equilibrium, or None when ``ab = kl`` or it is not finite.
    r2 : (float, float)
        Share of the variance of the changes in x and in y that the fit explains (R squared).
    n_points : int
        Length of the series.
    """

    k: float
    l: float  # noqa: E741
    a: float
    b: float
    g: float
    h: float
    stable: bool
    equilibrium: tuple[float, float] | None
    r2: tuple[float, float]
    n_points: int


def _r_squared(observed: FloatArray, fitted: FloatArray) -> float:
    residual = float(np.sum((observed - fitted) ** 2))
    total = float(np.sum((observed - observed.mean()) ** 2))
    if total == 0.0:
        return 1.0 if residual <= 1e-24 else 0.0
    return 1.0 - residual / total


def richardson_fit(x: npt.ArrayLike, y: npt.ArrayLike, dt: float = 1.0) -> RichardsonFit:
    """Estimate Richardson's coefficients from two arms series by least squares.

    Each equation is a linear regression of the change on the levels:
    ``(x[t+1] - x[t]) / dt = k*y[t] - a*x[t] + g`` gives ``k, a, g`` and
    ``(y[t+1] - y[t]) / dt = l*x[t] - b*y[t] + h`` gives ``l, b, h`` (Richardson 1960; the
    standard econometric reading of the model). On noise-free data made by
    :func:`richardson_simulate` with the same ``dt`` the fit is exact.

    Parameters
    ----------
    x, y : array_like, shape (n,)
        The two sides' arms levels, one value per period; ``n >= 4``.
    dt : float, optional
        Time between observations, ``> 0``.

    Returns
    -------
    RichardsonFit
        The coefficients, whether the fitted race is stable, its equilibrium and the R squared
        of each equation.

    Raises
    ------
    ValueError
        If the series differ in length, hold fewer than 4 points or non-finite values, or move
        so regularly (for example constant, or one always a fixed multiple of the other plus a
        constant) that the coefficients cannot be told apart.

    Examples
    --------
    >>> xs, ys = richardson_simulate(0.9, 0.8, 1.2, 1.0, 1.0, 0.5, x0=0.0, y0=5.0, steps=10)
    >>> fit = richardson_fit(xs, ys)
    >>> round(fit.k, 6), round(fit.a, 6), fit.stable
    (0.9, 1.2, True)
    """
    xv, yv = _series(x, y, dt)
    ones = np.ones(xv.size - 1)
    design_x = np.column_stack([yv[:-1], -xv[:-1], ones])  # coefficients k, a, g
    design_y = np.column_stack([xv[:-1], -yv[:-1], ones])  # coefficients l, b, h
    if np.linalg.matrix_rank(design_x) < 3:
        raise ValueError(
            "the series move too regularly to tell fear, fatigue and grievance apart "
            "(x, y and a constant are linearly dependent); use a longer or more varied history"
        )
    change_x = np.diff(xv) / dt
    change_y = np.diff(yv) / dt
    (k, a, g), *_ = np.linalg.lstsq(design_x, change_x, rcond=None)
    (l, b, h), *_ = np.linalg.lstsq(design_y, change_y, rcond=None)  # noqa: E741
    k, l, a, b, g, h = (float(v) for v in (k, l, a, b, g, h))  # noqa: E741
    r2 = (
        _r_squared(change_x, design_x @ np.array([k, a, g])),
        _r_squared(change_y, design_y @ np.array([l, b, h])),
    )
    return RichardsonFit(
        k=k,
        l=l,
        a=a,
        b=b,
        g=g,
        h=h,
        stable=richardson_stable(k, l, a, b),
        equilibrium=_finite_equilibrium(k, l, a, b, g, h),
        r2=r2,
        n_points=int(xv.size),
    )


def _series(x: npt.ArrayLike, y: npt.ArrayLike, dt: float) -> tuple[FloatArray, FloatArray]:
    """The two series as float arrays; ``ValueError`` unless they are 1-D, of one length of at
    least 4, finite, and ``dt > 0``."""
    xv = np.asarray(x, dtype=float)
    yv = np.asarray(y, dtype=float)
    if xv.ndim != 1 or xv.shape != yv.shape:
        raise ValueError(
            f"x and y must be 1-D series of the same length; got shapes {xv.shape} and {yv.shape}"
        )
    if xv.size < 4:
        raise ValueError(
            f"need at least 4 points (3 changes) to fit 3 coefficients per equation; got {xv.size}"
        )
    if not (np.all(np.isfinite(xv)) and np.all(np.isfinite(yv))):
        raise ValueError("the series must hold finite numbers")
    if not dt > 0:
        raise ValueError(f"dt must be > 0; got {dt}")
    return xv, yv


def _finite_equilibrium(
    k: float,
    l: float,  # noqa: E741
    a: float,
    b: float,
    g: float,
    h: float,
) -> tuple[float, float] | None:
    """The fitted race's equilibrium, or ``None`` where there is none or it is not finite."""
    try:
        point: tuple[float, float] | None = richardson_equilibrium(k, l, a, b, g, h)
    except ValueError:
        point = None
    if point is not None and not all(math.isfinite(v) for v in point):
        point = None
    return point


def richardson_nullclines(
    k: float,
    l: float,  # noqa: E741
    a: float,
    b: float,
    g: float,
    h: float,
    xs: npt.ArrayLike,
) -> tuple[FloatArray, FloatArray]:
    """The two nullclines of the phase plane, as heights over the x values ``xs``.

    Along x's nullcline ``dx/dt = 0``, so ``y = (a*x - g) / k``: the level of y at which x
    neither builds nor cuts. Along y's nullcline ``dy/dt = 0``, so ``y = (l*x + h) / b``. They
    cross at the equilibrium; if x's line is the steeper (``a/k > l/b``, that is ``ab > kl``)
    the race is stable.

    Parameters
    ----------
    k, l, a, b, g, h : float
        Fear, fatigue and grievance coefficients; ``k`` and ``b`` must be non-zero.
    xs : array_like
        The x values at which to evaluate both lines.

    Returns
    -------
    (y_on_x_nullcline, y_on_y_nullcline) : tuple of ndarray, each shaped like ``xs``

    Raises
    ------
    ValueError
        If ``k = 0`` (x's nullcline is the vertical line ``x = g/a``) or ``b = 0``.

    Examples
    --------
    >>> yx, yy = richardson_nullclines(0.9, 0.8, 1.2, 1.0, 1.0, 0.5, [0.0, 3.0])
    >>> yx.round(4).tolist(), yy.round(4).tolist()
    ([-1.1111, 2.8889], [0.5, 2.9])
    """
    if k == 0:
        raise ValueError("with k = 0, x's nullcline is the vertical line x = g/a, not y(x)")
    if b == 0:
        raise ValueError("with b = 0, y's nullcline is not a function of x")
    xv = np.asarray(xs, dtype=float)
    return (a * xv - g) / k, (l * xv + h) / b
