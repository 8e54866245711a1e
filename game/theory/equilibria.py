"""Nash equilibria of two-player games, best responses and Pareto optimality.

A *bimatrix game* gives the row player the payoffs ``A`` and the column player the payoffs ``B``,
both of shape ``(m, n)``: when the row player picks row ``i`` and the column player column ``j``,
they receive ``A[i, j]`` and ``B[i, j]``. A *mixed strategy* is a probability vector over one's
own actions. A pair ``(x, y)`` is a **Nash equilibrium** (Nash 1950) when each strategy is a best
response to the other: neither player can gain by changing only its own choice.

Equilibria are found by **support enumeration** (Nisan, Roughgarden, Tardos & Vazirani 2007,
*Algorithmic Game Theory*, ch. 3; the method of the Nashpy library). In an equilibrium, every
action a player uses (its *support*) must earn the same, best, payoff against the other's mix;
so for each pair of supports we solve the linear *indifference* equations and keep the
solutions that are probabilities and that no unused action beats. In a *non-degenerate* game
(no mixed strategy on ``k`` actions has more than ``k`` pure best responses; true with
probability 1 for payoffs drawn from a continuous distribution) both supports have the same
size, and the number of equilibria is odd (Lemke & Howson 1964; Shapley 1974).

The functions work on raw arrays; :class:`Game` is a thin facade over them, as in Nashpy.
"""

from __future__ import annotations

import itertools
from typing import TypeAlias

import numpy as np
import numpy.typing as npt

from game.theory.games import classify

__all__ = [
    "Equilibrium",
    "Game",
    "best_responses",
    "expected_payoffs",
    "is_equilibrium",
    "nash_equilibria",
    "pareto_optimal_cells",
]

FloatArray: TypeAlias = npt.NDArray[np.float64]
IntArray: TypeAlias = npt.NDArray[np.intp]
#: An equilibrium: the row player's and the column player's mixed strategies.
Equilibrium: TypeAlias = tuple[FloatArray, FloatArray]

#: Default tolerance: payoff comparisons allow ``tol`` times the largest absolute payoff (at
#: least ``tol``); probabilities may be ``tol`` below zero.
DEFAULT_TOL = 1e-9


def _payoff_matrices(A: npt.ArrayLike, B: npt.ArrayLike) -> tuple[FloatArray, FloatArray]:
    a = np.array(A, dtype=float)
    b = np.array(B, dtype=float)
    if a.ndim != 2 or a.shape != b.shape or a.size == 0:
        raise ValueError(
            "A and B must be non-empty 2-D payoff matrices of the same shape (m actions for the "
            f"row player, n for the column player); got shapes {a.shape} and {b.shape}"
        )
    if not (np.all(np.isfinite(a)) and np.all(np.isfinite(b))):
        raise ValueError("payoffs must be finite numbers")
    return a, b


def _payoff_tol(a: FloatArray, b: FloatArray, tol: float) -> float:
    """Absolute tolerance for payoff comparisons, scaled to the size of the payoffs."""
    return tol * max(1.0, float(np.abs(a).max()), float(np.abs(b).max()))


def _strategy(s: npt.ArrayLike, size: int, who: str) -> FloatArray:
    v = np.asarray(s, dtype=float)
    if v.shape != (size,):
        raise ValueError(f"the {who} player's strategy needs {size} entries; got shape {v.shape}")
    return v


def expected_payoffs(
    A: npt.ArrayLike, B: npt.ArrayLike, x: npt.ArrayLike, y: npt.ArrayLike
) -> tuple[float, float]:
    """Expected payoffs ``(x A y, x B y)`` when the players mix with ``x`` and ``y``.

    Parameters
    ----------
    A, B : array_like, shape (m, n)
        Payoffs of the row and the column player.
    x : array_like, shape (m,)
        The row player's mixed strategy.
    y : array_like, shape (n,)
        The column player's mixed strategy.

    Returns
    -------
    (float, float)
        The row player's and the column player's expected payoff.

    Examples
    --------
    >>> expected_payoffs([[1, -1], [-1, 1]], [[-1, 1], [1, -1]], [0.5, 0.5], [0.5, 0.5])
    (0.0, 0.0)
    """
    a, b = _payoff_matrices(A, B)
    xv = _strategy(x, a.shape[0], "row")
    yv = _strategy(y, a.shape[1], "column")
    return float(xv @ a @ yv), float(xv @ b @ yv)


def best_responses(
    A: npt.ArrayLike,
    B: npt.ArrayLike,
    x: npt.ArrayLike,
    y: npt.ArrayLike,
    tol: float = DEFAULT_TOL,
) -> tuple[IntArray, IntArray]:
    """The pure best responses of each player to the other's mixed strategy.

    Parameters
    ----------
    A, B : array_like, shape (m, n)
        Payoffs of the row and the column player.
    x : array_like, shape (m,)
        The row player's mixed strategy (the column player responds to it).
    y : array_like, shape (n,)
        The column player's mixed strategy (the row player responds to it).
    tol : float, optional
        Actions within ``tol`` (scaled by the largest payoff) of the best count as best.

    Returns
    -------
    (rows, cols) : tuple of ndarray of int
        The rows that are best responses to ``y`` and the columns that are best responses to
        ``x``, in increasing order. Any mix of best responses is itself a best response.

    Examples
    --------
    >>> rows, cols = best_responses([[3, 0], [5, 1]], [[3, 5], [0, 1]], [1, 0], [1, 0])
    >>> rows.tolist(), cols.tolist()  # in a prisoner's dilemma, arming answers restraint
    ([1], [1])
    """
    a, b = _payoff_matrices(A, B)
    xv = _strategy(x, a.shape[0], "row")
    yv = _strategy(y, a.shape[1], "column")
    atol = _payoff_tol(a, b, tol)
    row_values = a @ yv
    col_values = xv @ b
    rows = np.flatnonzero(row_values >= row_values.max() - atol)
    cols = np.flatnonzero(col_values >= col_values.max() - atol)
    return rows, cols


def _is_probability(v: FloatArray, tol: float) -> bool:
    return bool(np.all(v >= -tol) and abs(float(v.sum()) - 1.0) <= tol * max(1, v.size))


def is_equilibrium(
    A: npt.ArrayLike,
    B: npt.ArrayLike,
    x: npt.ArrayLike,
    y: npt.ArrayLike,
    tol: float = DEFAULT_TOL,
) -> bool:
    """Whether ``(x, y)`` is a Nash equilibrium: each a best response to the other.

    Parameters
    ----------
    A, B : array_like, shape (m, n)
        Payoffs of the row and the column player.
    x, y : array_like, shapes (m,) and (n,)
        Mixed strategies of the row and the column player.
    tol : float, optional
        Probabilities may be ``tol`` below zero and sum to within ``tol`` of one; a deviation
        must gain more than ``tol`` (scaled by the largest payoff) to count.

    Returns
    -------
    bool
        True if both are probability vectors and no pure action, hence no mixed one, earns
        either player more than its current expected payoff.

    Examples
    --------
    >>> A, B = [[3, 0], [5, 1]], [[3, 5], [0, 1]]  # a prisoner's dilemma
    >>> is_equilibrium(A, B, [0, 1], [0, 1]), is_equilibrium(A, B, [1, 0], [1, 0])
    (True, False)
    """
    a, b = _payoff_matrices(A, B)
    xv = _strategy(x, a.shape[0], "row")
    yv = _strategy(y, a.shape[1], "column")
    if not (_is_probability(xv, tol) and _is_probability(yv, tol)):
        return False
    atol = _payoff_tol(a, b, tol)
    row_values = a @ yv
    col_values = xv @ b
    return bool(
        float(xv @ row_values) >= float(row_values.max()) - atol
        and float(col_values @ yv) >= float(col_values.max()) - atol
    )


def _indifferent_mix(M: FloatArray) -> FloatArray | None:
    """The mix ``z`` over the columns of square ``M`` that makes every row of ``M`` earn the same.

    Solves ``M z = v 1`` with ``sum(z) = 1`` for ``(z, v)``; None if the system is singular.
    """
    k = M.shape[0]
    system = np.zeros((k + 1, k + 1))
    system[:k, :k] = M
    system[:k, k] = -1.0
    system[k, :k] = 1.0
    rhs = np.zeros(k + 1)
    rhs[k] = 1.0
    try:
        solution = np.linalg.solve(system, rhs)
    except np.linalg.LinAlgError:
        return None
    if not np.all(np.isfinite(solution)):
        return None
    return solution[:k]


def _embed(part: FloatArray, support: tuple[int, ...], size: int) -> FloatArray:
    full = np.zeros(size)
    full[list(support)] = np.clip(part, 0.0, None)
    return full / full.sum()


def nash_equilibria(
    A: npt.ArrayLike, B: npt.ArrayLike, tol: float = DEFAULT_TOL
) -> list[Equilibrium]:
    """Every Nash equilibrium of a non-degenerate bimatrix game, by support enumeration.

    For each support size ``k`` and each pair of supports ``I`` (rows) and ``J`` (columns) of
    size ``k``, solve the indifference equations: the column mix ``y`` on ``J`` must make every
    row in ``I`` earn the same, and the row mix ``x`` on ``I`` must make every column in ``J``
    earn the same. Keep the solution when both are probability vectors and no action outside
    the supports earns more (Nisan et al. 2007, ch. 3; as Nashpy's ``support_enumeration``).

    Parameters
    ----------
    A : array_like, shape (m, n)
        The row player's payoffs.
    B : array_like, shape (m, n)
        The column player's payoffs.
    tol : float, optional
        Tolerance for small negative probabilities and for payoff ties (scaled by the largest
        absolute payoff).

    Returns
    -------
    list of (x, y)
        The equilibria as pairs of probability arrays of shapes ``(m,)`` and ``(n,)``, without
        duplicates, sorted by support size, then by the supports (row then column), then by
        the probabilities. Pure equilibria therefore come first.

    Notes
    -----
    The work grows like ``C(m + n, m)`` linear solves, fine for the small games of a lesson.
    In a non-degenerate game the list is complete and has odd length. A *degenerate* game
    (payoff ties, such as a stag hunt with T = P) can have equilibria with supports of
    different sizes, or whole segments of equilibria; every pure equilibrium is still found,
    but such mixed equilibria may be missed or represented only by some of their points.

    Examples
    --------
    Stag hunt: two pure equilibria and a mixed one in which each restrains with probability
    1/2 (Jervis's threshold).

    >>> eqs = nash_equilibria([[4, 1], [3, 2]], [[4, 3], [1, 2]])
    >>> [(x.round(3).tolist(), y.round(3).tolist()) for x, y in eqs]
    [([1.0, 0.0], [1.0, 0.0]), ([0.0, 1.0], [0.0, 1.0]), ([0.5, 0.5], [0.5, 0.5])]
    """
    a, b = _payoff_matrices(A, B)
    m, n = a.shape
    found: list[Equilibrium] = []
    for k in range(1, min(m, n) + 1):
        for rows in itertools.combinations(range(m), k):
            for cols in itertools.combinations(range(n), k):
                block = np.ix_(rows, cols)
                y_part = _indifferent_mix(a[block])
                if y_part is None or np.any(y_part < -tol):
                    continue
                x_part = _indifferent_mix(b[block].T)
                if x_part is None or np.any(x_part < -tol):
                    continue
                x = _embed(x_part, rows, m)
                y = _embed(y_part, cols, n)
                if not is_equilibrium(a, b, x, y, tol):
                    continue
                if any(
                    np.allclose(x, fx, atol=1e-7) and np.allclose(y, fy, atol=1e-7)
                    for fx, fy in found
                ):
                    continue
                found.append((x, y))

    def order(eq: Equilibrium) -> tuple[object, ...]:
        x, y = eq
        sx = tuple(np.flatnonzero(x > tol).tolist())
        sy = tuple(np.flatnonzero(y > tol).tolist())
        return (max(len(sx), len(sy)), sx, sy, tuple(np.round(x, 9)), tuple(np.round(y, 9)))

    return sorted(found, key=order)


def pareto_optimal_cells(A: npt.ArrayLike, B: npt.ArrayLike) -> npt.NDArray[np.bool_]:
    """Which pure outcomes are Pareto optimal among the pure outcomes.

    A cell is *Pareto dominated* if another cell gives both players at least as much and one of
    them strictly more. The prisoner's dilemma is the classic case where the equilibrium, mutual
    arming, is dominated by mutual restraint (Rapoport & Chammah 1965).

    Parameters
    ----------
    A, B : array_like, shape (m, n)
        Payoffs of the row and the column player.

    Returns
    -------
    ndarray of bool, shape (m, n)
        True where the cell is not Pareto dominated by any other cell. Comparisons are exact.

    Examples
    --------
    >>> pareto_optimal_cells([[3, 0], [5, 1]], [[3, 5], [0, 1]]).tolist()
    [[True, True], [True, False]]
    """
    a, b = _payoff_matrices(A, B)
    pa = a.ravel()
    pb = b.ravel()
    # other[i, j]: does cell j weakly improve on cell i for both, and strictly for one?
    weakly = (pa[None, :] >= pa[:, None]) & (pb[None, :] >= pb[:, None])
    strictly = (pa[None, :] > pa[:, None]) | (pb[None, :] > pb[:, None])
    dominated = np.any(weakly & strictly, axis=1)
    return ~dominated.reshape(a.shape)


class Game:
    """A two-player normal-form game: a thin facade over this module's pure functions.

    Modelled on Nashpy's ``Game``: hold the two payoff matrices, then ask for equilibria, the
    name of the game or its Pareto-optimal cells. Every method forwards to a function that can
    also be called on raw arrays.

    Parameters
    ----------
    A : array_like, shape (m, n)
        The row player's payoffs.
    B : array_like, shape (m, n), optional
        The column player's payoffs. If omitted the game is zero-sum: ``B = -A``.

    Examples
    --------
    >>> pd = Game([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> pd.classify()
    'prisoners_dilemma'
    >>> [(x.tolist(), y.tolist()) for x, y in pd.equilibria()]
    [([0.0, 1.0], [0.0, 1.0])]
    """

    def __init__(self, A: npt.ArrayLike, B: npt.ArrayLike | None = None) -> None:
        a = np.array(A, dtype=float)
        a, b = _payoff_matrices(a, -a if B is None else B)
        a.setflags(write=False)
        b.setflags(write=False)
        self._a = a
        self._b = b

    @property
    def A(self) -> FloatArray:
        """The row player's payoffs (read-only)."""
        return self._a

    @property
    def B(self) -> FloatArray:
        """The column player's payoffs (read-only)."""
        return self._b

    @property
    def shape(self) -> tuple[int, int]:
        """``(m, n)``: the numbers of row and column actions."""
        m, n = self._a.shape
        return int(m), int(n)

    def equilibria(self, tol: float = DEFAULT_TOL) -> list[Equilibrium]:
        """Every Nash equilibrium; see :func:`nash_equilibria`."""
        return nash_equilibria(self._a, self._b, tol)

    def classify(self, tol: float = 0.0) -> str:
        """The name of a 2x2 game; see :func:`game.theory.games.classify`."""
        return classify(self._a, self._b, tol)

    def pareto(self) -> npt.NDArray[np.bool_]:
        """The Pareto-optimal pure cells; see :func:`pareto_optimal_cells`."""
        return pareto_optimal_cells(self._a, self._b)

    def best_responses(
        self, x: npt.ArrayLike, y: npt.ArrayLike, tol: float = DEFAULT_TOL
    ) -> tuple[IntArray, IntArray]:
        """Pure best responses to ``y`` (rows) and ``x`` (columns); see :func:`best_responses`."""
        return best_responses(self._a, self._b, x, y, tol)

    def is_equilibrium(self, x: npt.ArrayLike, y: npt.ArrayLike, tol: float = DEFAULT_TOL) -> bool:
        """Whether ``(x, y)`` is a Nash equilibrium; see :func:`is_equilibrium`."""
        return is_equilibrium(self._a, self._b, x, y, tol)

    def payoffs(self, x: npt.ArrayLike, y: npt.ArrayLike) -> tuple[float, float]:
        """Expected payoffs of ``(x, y)``; see :func:`expected_payoffs`."""
        return expected_payoffs(self._a, self._b, x, y)

    def __repr__(self) -> str:
        return f"Game(A={self._a.tolist()}, B={self._b.tolist()})"
