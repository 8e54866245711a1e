"""Evolution of strategies: replicator dynamics and the Moran process.

Instead of asking what a rational player should do, evolutionary game theory asks which
strategies *spread* when those that earn more are copied more. Two classic models:

- **Replicator dynamics** (Taylor & Jonker 1978): an infinite population with shares ``x`` of
  ``k`` types. Type ``i`` earns ``f_i = (A x)_i`` against the population and grows in proportion
  to how far it beats the average ``f_bar = x . A x``::

      dx_i/dt = x_i (f_i - f_bar)

  Its rest points include every Nash equilibrium of the symmetric game ``A``; a strict
  equilibrium (such as mutual arming in a prisoner's dilemma) attracts, and in a chicken
  (hawk-dove) game the mixed equilibrium does.

- **The Moran process** (Moran 1958; with game payoffs, Nowak, Sasaki, Taylor & Fudenberg
  2004): a finite population of ``N`` individuals. Each step one individual is chosen to
  reproduce with probability proportional to its fitness, and one, chosen uniformly (possibly
  the parent), dies and is replaced by the offspring. Chance matters here: a favoured type can
  die out and a disfavoured one can take over. Eventually one type **fixates** (is all that is
  left). Without selection (neutral drift) a single newcomer fixates with probability ``1/N``.

Fitness in the Moran process is frequency dependent: an individual of type ``i`` plays each of
the other ``N - 1`` individuals once and earns the average payoff
``pi_i = (sum_j A[i, j] n_j - A[i, i]) / (N - 1)``; its fitness is ``1 - w + w pi_i`` with
selection *intensity* ``w`` (``w = 1``, the default, makes fitness the payoff itself; a small
``w`` is weak selection). The types can be classic strategies of
:mod:`game.theory.iterated`, whose payoffs against each other come from a round robin.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeAlias

import numpy as np
import numpy.typing as npt

from game.theory.iterated import AXELROD_PAYOFFS, Strategy, _seed_sequence, round_robin

__all__ = [
    "MoranRun",
    "fixation_probability",
    "moran_fixation_exact",
    "moran_process",
    "replicator_dynamics",
]

FloatArray: TypeAlias = npt.NDArray[np.float64]
IntArray: TypeAlias = npt.NDArray[np.int64]

#: How far from 1 the starting shares of the replicator may sum before they are refused.
_SIMPLEX_TOL = 1e-6


def _square(payoff_matrix: npt.ArrayLike) -> FloatArray:
    a = np.array(payoff_matrix, dtype=float)
    if a.ndim != 2 or a.shape[0] != a.shape[1] or a.shape[0] == 0:
        raise ValueError(
            "the payoff matrix must be square, k x k: entry (i, j) is what type i earns against "
            f"type j; got shape {a.shape}"
        )
    if not np.all(np.isfinite(a)):
        raise ValueError("payoffs must be finite numbers")
    return a


# --------------------------------------------------------------------------------------------
# Replicator dynamics
# --------------------------------------------------------------------------------------------


def replicator_dynamics(
    payoff_matrix: npt.ArrayLike, x0: npt.ArrayLike, steps: int, dt: float = 0.1
) -> FloatArray:
    """Shares of each type over time under the replicator dynamics (Taylor & Jonker 1978).

    Discrete Euler steps of ``x_i' = x_i (f_i - f_bar)`` with ``f = A x`` and
    ``f_bar = x . f``::

        x[t+1] = x[t] + dt * x[t] * (A x[t] - x[t] . A x[t])

    The shares keep summing to 1 (the changes cancel out), and a type that is absent stays
    absent: evolution selects among the types present, it does not invent new ones.

    Parameters
    ----------
    payoff_matrix : array_like, shape (k, k)
        ``A[i, j]``: what a type ``i`` individual earns against a type ``j`` one.
    x0 : array_like, shape (k,)
        Starting shares: non-negative and summing to 1.
    steps : int
        Number of steps, ``>= 0``.
    dt : float, optional
        Step length, ``> 0``, at most ``1 / (max A - min A)``: a longer step could overshoot
        and drive a share below zero. Small steps approach the continuous dynamics.

    Returns
    -------
    ndarray of float, shape (steps + 1, k)
        The shares at each step, starting with ``x0``; every row lies on the simplex
        (non-negative, summing to 1; rounding is cleaned up after each step).

    Raises
    ------
    ValueError
        If the matrix is not square, ``x0`` is not a vector of shares, or ``dt`` is too long.

    Examples
    --------
    In a prisoner's dilemma, arming (type 1) takes over from any mix:

    >>> x = replicator_dynamics([[3, 0], [5, 1]], [0.99, 0.01], steps=400)
    >>> x[-1].round(3).tolist()
    [0.0, 1.0]

    In hawk-dove (chicken), the population settles at the mixed equilibrium, here one hawk
    in three (V = 2, C = 6: a hawk's share is V / C):

    >>> x = replicator_dynamics([[1, 0], [2, -2]], [0.9, 0.1], steps=400)
    >>> x[-1].round(3).tolist()
    [0.667, 0.333]
    """
    a = _square(payoff_matrix)
    k = a.shape[0]
    x = np.array(x0, dtype=float)
    if x.shape != (k,):
        raise ValueError(f"x0 needs one share per type, {k}; got shape {x.shape}")
    if not np.all(np.isfinite(x)) or np.any(x < 0) or abs(float(x.sum()) - 1.0) > _SIMPLEX_TOL:
        raise ValueError(f"x0 must be shares: non-negative and summing to 1; got {x.tolist()}")
    if int(steps) != steps or steps < 0:
        raise ValueError(f"steps must be a whole number >= 0; got {steps}")
    spread = float(a.max() - a.min())
    if not (dt > 0 and math.isfinite(dt)):
        raise ValueError(f"dt must be a finite number > 0; got {dt}")
    if dt * spread > 1.0:
        raise ValueError(
            f"dt = {dt:g} is too long for payoffs that spread over {spread:g}: a share could "
            f"overshoot below zero; use dt <= 1 / {spread:g} = {1.0 / spread:.4g}"
        )
    trajectory = np.empty((int(steps) + 1, k))
    x = x / x.sum()
    trajectory[0] = x
    for t in range(1, int(steps) + 1):
        f = a @ x
        x = x + dt * x * (f - x @ f)
        x = np.clip(x, 0.0, None)
        x = x / x.sum()
        trajectory[t] = x
    return trajectory


# --------------------------------------------------------------------------------------------
# The Moran process
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class MoranRun:
    """One run of a Moran process (see :func:`moran_process`).

    Attributes
    ----------
    counts : ndarray of int, shape (generations + 1, k)
        How many individuals of each type there are, before the first step and after each
        step. Every row sums to the population size ``N``. After fixation the rows repeat.
    fixated : int or None
        The index of the type that took over the whole population, or None if several types
        were still present at the end.
    fixated_at : int or None
        The step after which only the fixated type was left (0 if it started alone).
    names : tuple of str
        A label per type: the strategy names, or ``"0"``, ``"1"``, ... for a payoff matrix.
    payoff_matrix : ndarray of float, shape (k, k)
        The payoffs between types that set the fitness (per turn, for strategies).

    The arrays are read-only.
    """

    counts: IntArray
    fixated: int | None
    fixated_at: int | None
    names: tuple[str, ...]
    payoff_matrix: FloatArray

    @property
    def fixated_name(self) -> str | None:
        """The label of the fixated type, or None."""
        return None if self.fixated is None else self.names[self.fixated]

    @property
    def shares(self) -> FloatArray:
        """``counts`` as shares of the population, each row summing to 1."""
        return self.counts / self.counts[0].sum()


def _population(population: npt.ArrayLike, k: int | None) -> IntArray:
    counts = np.asarray(population)
    if counts.ndim != 1 or counts.size == 0:
        raise ValueError(
            f"population is one count per type, such as [1, 9]; got shape {counts.shape}"
        )
    if not np.all(np.isfinite(counts)) or np.any(counts != np.round(counts)):
        raise ValueError(f"counts must be whole numbers; got {counts.tolist()}")
    whole = counts.astype(np.int64)
    if np.any(whole < 0):
        raise ValueError(f"counts must be >= 0; got {whole.tolist()}")
    if k is not None and whole.size != k:
        raise ValueError(f"population has {whole.size} counts for {k} types")
    if whole.sum() < 2:
        raise ValueError("a Moran process needs at least two individuals")
    return whole


def _types(
    population: npt.ArrayLike,
    payoff_matrix: npt.ArrayLike | None,
    strategies: Sequence[str | Strategy] | None,
    turns: int,
    payoffs: Iterable[float],
    noise: float,
    repetitions: int,
    seed: np.random.SeedSequence,
) -> tuple[IntArray, FloatArray, tuple[str, ...]]:
    """Counts, payoff matrix and labels, from either a payoff matrix or strategy names."""
    if (payoff_matrix is None) == (strategies is None):
        raise ValueError("give either a payoff matrix between types or a list of strategies")
    if payoff_matrix is not None:
        a = _square(payoff_matrix)
        names = tuple(str(i) for i in range(a.shape[0]))
    else:
        assert strategies is not None
        entrants = list(strategies)
        tournament = round_robin(
            entrants,
            payoffs=payoffs,
            turns=turns,
            repetitions=repetitions,
            noise=noise,
            seed=seed,
            self_play=True,
        )
        a = np.array(tournament.per_turn)
        names = tournament.names
    return _population(population, a.shape[0]), a, names


def _fitness_weights(counts: IntArray, a: FloatArray, intensity: float) -> FloatArray:
    """Each type's total fitness ``n_i * f_i``, for a batch of populations ``[runs, k]``."""
    size = counts.sum(axis=1, keepdims=True)
    # Type i meets everyone but itself: sum_j A[i, j] n_j - A[i, i].
    payoff = (counts @ a.T - np.diag(a)) / (size - 1)
    weights = counts * (1.0 - intensity + intensity * payoff)
    weights[counts == 0] = 0.0
    if np.any(weights < 0):
        raise ValueError(
            "a fitness came out negative; with intensity w, fitness is 1 - w + w * payoff, so "
            "use non-negative payoffs or a smaller intensity"
        )
    if np.any(weights.sum(axis=1) <= 0):
        raise ValueError("every individual has zero fitness, so no one can reproduce")
    return weights


def _moran_step(counts: IntArray, a: FloatArray, intensity: float, u: FloatArray) -> None:
    """One birth-death step for each population of the batch, in place.

    ``u[:, 0]`` picks the parent's type in proportion to fitness, ``u[:, 1]`` the type that
    dies, uniformly over individuals.
    """
    weights = _fitness_weights(counts, a, intensity)
    birth_cum = np.cumsum(weights, axis=1)
    births = np.argmax(birth_cum > u[:, :1] * birth_cum[:, -1:], axis=1)
    death_cum = np.cumsum(counts, axis=1)
    deaths = np.argmax(death_cum > u[:, 1:] * death_cum[:, -1:], axis=1)
    rows = np.arange(counts.shape[0])
    counts[rows, births] += 1
    counts[rows, deaths] -= 1


def _check_intensity(intensity: float) -> float:
    w = float(intensity)
    if not 0.0 <= w <= 1.0:
        raise ValueError(f"selection intensity w must be between 0 and 1; got {intensity}")
    return w


def moran_process(
    population: npt.ArrayLike,
    payoff_matrix: npt.ArrayLike | None = None,
    *,
    strategies: Sequence[str | Strategy] | None = None,
    generations: int,
    intensity: float = 1.0,
    turns: int = 200,
    payoffs: Iterable[float] = AXELROD_PAYOFFS,
    noise: float = 0.0,
    repetitions: int = 10,
    seed: int | np.random.SeedSequence | None = None,
) -> MoranRun:
    """One run of a Moran process over a finite population of types (Moran 1958).

    Each step (here called a generation) one individual reproduces, chosen with probability
    proportional to its fitness, and one individual chosen uniformly at random dies; the
    offspring takes its place. ``N`` steps replace the population once, on average.

    Parameters
    ----------
    population : array_like of int, shape (k,)
        How many individuals of each type there are at the start; at least two in all.
    payoff_matrix : array_like, shape (k, k), optional
        ``A[i, j]``: what a type ``i`` individual earns against a type ``j`` one.
    strategies : sequence of str or Strategy, optional
        Instead of a payoff matrix: ``k`` strategies of :mod:`game.theory.iterated`. ``A`` is
        then their mean payoff *per turn* against each other (self-play included) in a
        :func:`~game.theory.iterated.round_robin` with ``turns``, ``payoffs``, ``noise`` and
        ``repetitions``. Give exactly one of ``payoff_matrix`` and ``strategies``.
    generations : int
        Number of birth-death steps, ``>= 0``. The run stops drawing once a type fixates.
    intensity : float, optional
        Selection intensity ``w`` in [0, 1]: fitness is ``1 - w + w * payoff``. ``w = 0`` is
        neutral drift.
    turns, payoffs, noise, repetitions : optional
        The round robin that scores ``strategies``; ignored with a payoff matrix.
    seed : int, SeedSequence or None, optional
        ``numpy.random.SeedSequence(seed).spawn(2)``: the first child seeds the round robin,
        the second the birth-death draws (one ``rng.random((1, 2))`` per step: the parent's
        draw, then the death's).

    Returns
    -------
    MoranRun
        The counts at every step, and which type fixated, if any.

    Examples
    --------
    Type 0 earns twice what type 1 earns, whoever it meets. Fitness is the payoff itself
    (``w = 1``), so a lone type 0 individual among five takes over about half the time (16
    times in 31, see :func:`moran_fixation_exact`), against one time in five without
    selection:

    >>> run = moran_process([1, 4], [[2, 2], [1, 1]], generations=100, seed=3)
    >>> run.counts.shape, run.counts[0].tolist()
    ((101, 2), [1, 4])
    >>> bool((run.counts.sum(axis=1) == 5).all()), run.fixated in (0, 1)
    (True, True)
    """
    w = _check_intensity(intensity)
    n_steps = int(generations)
    if n_steps != generations or n_steps < 0:
        raise ValueError(f"generations must be a whole number >= 0; got {generations}")
    tournament_seed, moran_seed = _seed_sequence(seed).spawn(2)
    counts0, a, names = _types(
        population, payoff_matrix, strategies, turns, payoffs, noise, repetitions, tournament_seed
    )
    rng = np.random.default_rng(moran_seed)
    counts, fixated_at = _moran_run(counts0, a, w, n_steps, rng)
    fixated = int(np.argmax(counts[-1])) if fixated_at is not None else None
    counts.setflags(write=False)
    a.setflags(write=False)
    return MoranRun(
        counts=counts, fixated=fixated, fixated_at=fixated_at, names=names, payoff_matrix=a
    )


def _moran_run(
    counts0: IntArray, a: FloatArray, w: float, n_steps: int, rng: np.random.Generator
) -> tuple[IntArray, int | None]:
    """The counts ``[steps + 1, k]`` of ``n_steps`` birth-death steps from ``counts0``, and the
    step at which one type took the whole population (``None`` if none did); once one has, no
    more draws are made and the counts stay as they are."""
    size = int(counts0.sum())
    counts = np.empty((n_steps + 1, counts0.size), dtype=np.int64)
    counts[0] = counts0
    current = counts0[None, :].copy()
    fixated_at: int | None = 0 if counts0.max() == size else None
    for t in range(1, n_steps + 1):
        if fixated_at is not None:
            counts[t:] = current[0]
            break
        _moran_step(current, a, w, rng.random((1, 2)))
        counts[t] = current[0]
        if current.max() == size:
            fixated_at = t
    return counts, fixated_at


def fixation_probability(
    population: npt.ArrayLike,
    payoff_matrix: npt.ArrayLike | None = None,
    *,
    strategies: Sequence[str | Strategy] | None = None,
    runs: int = 1000,
    max_generations: int = 100_000,
    intensity: float = 1.0,
    turns: int = 200,
    payoffs: Iterable[float] = AXELROD_PAYOFFS,
    noise: float = 0.0,
    repetitions: int = 10,
    seed: int | np.random.SeedSequence | None = None,
) -> FloatArray:
    """Estimate how likely each type is to take over, by running the Moran process many times.

    All the runs advance together as one batch, each until a type fixates. The estimate for a
    type is the share of runs it won; its standard error is ``sqrt(p (1 - p) / runs)``. For
    two types :func:`moran_fixation_exact` gives the exact value.

    Parameters
    ----------
    population : array_like of int, shape (k,)
        Starting counts of each type, such as ``[1, N - 1]`` for a single newcomer.
    payoff_matrix, strategies, intensity, turns, payoffs, noise, repetitions
        As in :func:`moran_process`.
    runs : int, optional
        Number of independent runs, ``>= 1``.
    max_generations : int, optional
        A run still mixed after this many steps counts for no type.
    seed : int, SeedSequence or None, optional
        ``numpy.random.SeedSequence(seed).spawn(2)``: the first child seeds the round robin,
        the second the birth-death draws (each step, one ``rng.random((r, 2))`` for the ``r``
        runs not yet fixated, in their original order).

    Returns
    -------
    ndarray of float, shape (k,)
        The share of runs each type fixated in. It sums to 1 unless some run reached
        ``max_generations`` undecided.

    Examples
    --------
    Neutral drift: a single newcomer among five takes over one time in five.

    >>> p = fixation_probability([1, 4], [[1, 1], [1, 1]], runs=2000, seed=7)
    >>> bool(abs(p[0] - 0.2) < 0.04), float(p.sum())
    (True, 1.0)
    """
    w = _check_intensity(intensity)
    n_runs = int(runs)
    if n_runs != runs or n_runs < 1:
        raise ValueError(f"runs must be a whole number >= 1; got {runs}")
    if int(max_generations) != max_generations or max_generations < 0:
        raise ValueError(f"max_generations must be a whole number >= 0; got {max_generations}")
    tournament_seed, moran_seed = _seed_sequence(seed).spawn(2)
    counts0, a, _ = _types(
        population, payoff_matrix, strategies, turns, payoffs, noise, repetitions, tournament_seed
    )
    size = int(counts0.sum())
    rng = np.random.default_rng(moran_seed)
    counts = np.repeat(counts0[None, :], n_runs, axis=0)
    active = np.flatnonzero(counts.max(axis=1) < size)
    for _ in range(int(max_generations)):
        if active.size == 0:
            break
        batch = counts[active]
        _moran_step(batch, a, w, rng.random((active.size, 2)))
        counts[active] = batch
        active = active[batch.max(axis=1) < size]
    won = counts == size
    return won.sum(axis=0) / n_runs


def moran_fixation_exact(
    population: npt.ArrayLike, payoff_matrix: npt.ArrayLike, *, intensity: float = 1.0
) -> FloatArray:
    """Exact fixation probabilities of the two-type Moran process (Nowak et al. 2004).

    With ``i`` individuals of type 0 among ``N``, the count goes up by one with probability
    ``T+_i = i f_i / (i f_i + (N - i) g_i) * (N - i) / N`` and down by one with
    ``T-_i = (N - i) g_i / (i f_i + (N - i) g_i) * i / N``, where ``f_i`` and ``g_i`` are the
    fitnesses of types 0 and 1. The chance ``rho_i`` that type 0 takes over solves
    ``T+_i (rho_{i+1} - rho_i) = T-_i (rho_i - rho_{i-1})`` with ``rho_0 = 0`` and
    ``rho_N = 1``; for fitness that does not depend on ``i`` this is the classic
    ``(1 - 1/r^i) / (1 - 1/r^N)`` with ``r = f / g``, and without selection it is ``i / N``.

    Parameters
    ----------
    population : array_like of int, shape (2,)
        Starting counts of type 0 and type 1.
    payoff_matrix : array_like, shape (2, 2)
        ``A[i, j]``: what type ``i`` earns against type ``j``.
    intensity : float, optional
        Selection intensity ``w``: fitness is ``1 - w + w * payoff``.

    Returns
    -------
    ndarray of float, shape (2,)
        The probabilities that type 0 and that type 1 fixate; they sum to 1.

    Raises
    ------
    ValueError
        If the process can get stuck with both types present forever (some fitnesses zero).

    Examples
    --------
    >>> moran_fixation_exact([1, 4], [[1, 1], [1, 1]]).round(4).tolist()  # neutral drift: 1/N
    [0.2, 0.8]
    >>> moran_fixation_exact([1, 4], [[2, 2], [1, 1]]).round(4).tolist()  # r = 2
    [0.5161, 0.4839]
    """
    a = _square(payoff_matrix)
    if a.shape != (2, 2):
        raise ValueError(f"the exact formula is for two types; got a {a.shape} matrix")
    counts0 = _population(population, 2)
    w = _check_intensity(intensity)
    size = int(counts0.sum())
    start = int(counts0[0])
    if start in (0, size):
        return np.array([float(start == size), float(start == 0)])
    i = np.arange(1, size)
    states = np.stack([i, size - i], axis=1)
    weights = _fitness_weights(states, a, w)
    total = weights.sum(axis=1)
    up = weights[:, 0] / total * (size - i) / size
    down = weights[:, 1] / total * i / size
    # Unknowns rho_1 .. rho_{N-1}; rho_0 = 0 and rho_N = 1 move to the right-hand side.
    m = size - 1
    system = np.zeros((m, m))
    rhs = np.zeros(m)
    idx = np.arange(m)
    system[idx, idx] = up + down
    system[idx[1:], idx[:-1]] = -down[1:]
    system[idx[:-1], idx[1:]] = -up[:-1]
    rhs[-1] = up[-1]
    try:
        rho = np.linalg.solve(system, rhs)
    except np.linalg.LinAlgError:
        raise ValueError(
            "with these payoffs the process can get stuck with both types present, so neither "
            "is sure to take over"
        ) from None
    p = float(np.clip(rho[start - 1], 0.0, 1.0))
    return np.array([p, 1.0 - p])
