"""Naming 2x2 games, and the small closed-form results of the security-dilemma literature.

A 2x2 game between two rivals, each choosing to *restrain* (row/column 0, "cooperate", C) or to
*arm* (row/column 1, "defect", D), is characterised by how each player ranks the four outcomes.
For the row player, in the standard notation:

========  ===============================  ==========
symbol    outcome (row, column)            matrix cell
========  ===============================  ==========
R         reward: both restrain (C, C)     ``A[0, 0]``
S         sucker: I restrain, you arm      ``A[0, 1]``
T         temptation: I arm, you restrain  ``A[1, 0]``
P         punishment: both arm (D, D)      ``A[1, 1]``
========  ===============================  ==========

For the column player the same letters are read from ``B`` with the roles swapped:
``R = B[0, 0]``, ``S = B[1, 0]``, ``T = B[0, 1]``, ``P = B[1, 1]``.

The ordering of R, S, T and P names the game (Rapoport & Guyer 1966; Rapoport 1967). The
prisoner's dilemma and the stag hunt are the two faces of the security dilemma (Jervis 1978).

The second half of the module holds the worked formulas of ``theory.md`` (section 12): Jervis's
cooperation threshold, Kydd's assurance threshold, Schelling's fear of surprise attack, the grim
trigger, the inspection game, Fearon's bargaining range and the commitment problem.
"""

from __future__ import annotations

import itertools
from typing import Final

import numpy as np
import numpy.typing as npt

__all__ = [
    "EXAMPLE_PAYOFFS",
    "GAME_EXPLANATIONS",
    "GAME_NAMES",
    "GAME_TITLES",
    "JERVIS_WORLDS",
    "JERVIS_WORLD_EXPLANATIONS",
    "JERVIS_WORLD_TITLES",
    "assurance_threshold",
    "bargaining_range",
    "classify",
    "classify_ordering",
    "cooperation_interval",
    "cooperation_threshold",
    "grim_trigger_delta",
    "inspection_equilibrium",
    "jervis_world",
    "orderings",
    "prefers_preventive_war",
    "strike_threshold",
    "symmetric_game",
]

#: Every name :func:`classify` can return.
GAME_NAMES: Final[tuple[str, ...]] = (
    "prisoners_dilemma",
    "stag_hunt",
    "chicken",
    "deadlock",
    "harmony",
    "leader",
    "hero",
    "battle_of_the_sexes",
    "asymmetric",
    "other",
)

#: Human titles for the names :func:`classify` returns.
GAME_TITLES: Final[dict[str, str]] = {
    "prisoners_dilemma": "Prisoner's Dilemma",
    "stag_hunt": "Stag Hunt",
    "chicken": "Chicken",
    "deadlock": "Deadlock",
    "harmony": "Harmony",
    "leader": "Leader",
    "hero": "Hero",
    "battle_of_the_sexes": "Battle of the Sexes",
    "asymmetric": "Asymmetric game",
    "other": "Unnamed game",
}

#: One plain-words sentence per name, for a student.
GAME_EXPLANATIONS: Final[dict[str, str]] = {
    "prisoners_dilemma": (
        "Each side does better by arming whatever the other does, yet both would be better off "
        "if both restrained."
    ),
    "stag_hunt": (
        "Both sides do best by restraining together, but restraint only pays if you trust the "
        "other side to restrain too."
    ),
    "chicken": (
        "Each side wants the other to back down, and both arming is the worst outcome for both."
    ),
    "deadlock": (
        "Both sides would rather arm, even against each other, so there is no dilemma to solve, "
        "only rivalry."
    ),
    "harmony": (
        "Restraint is the best choice for each side whatever the other does, so nothing pushes "
        "toward an arms race."
    ),
    "leader": (
        "Each side wants exactly one of them to arm, and the side that arms gains the most, so "
        "both are tempted to go first."
    ),
    "hero": (
        "Each side wants exactly one of them to arm, but the side that arms gains less than the "
        "side that holds back, so neither wants to be the one who moves."
    ),
    "battle_of_the_sexes": (
        "Both sides want to make the same choice, but one prefers that both restrain and the "
        "other that both arm."
    ),
    "asymmetric": (
        "The two sides face different kinds of game, so each one reads the same situation in "
        "its own way."
    ),
    "other": (
        "This pattern of payoffs is not one of the classic named games; look at its equilibria "
        "directly."
    ),
}

#: Canonical ordinal payoffs ``(R, S, T, P)`` of each named symmetric game (4 best, 1 worst).
EXAMPLE_PAYOFFS: Final[dict[str, tuple[float, float, float, float]]] = {
    "prisoners_dilemma": (3.0, 1.0, 4.0, 2.0),
    "stag_hunt": (4.0, 1.0, 3.0, 2.0),
    "chicken": (3.0, 2.0, 4.0, 1.0),
    "deadlock": (2.0, 1.0, 4.0, 3.0),
    "harmony": (4.0, 2.0, 3.0, 1.0),
    "leader": (2.0, 3.0, 4.0, 1.0),
    "hero": (2.0, 4.0, 3.0, 1.0),
}

#: The four worlds of Jervis (1978): offense-defense balance x distinguishability.
JERVIS_WORLDS: Final[tuple[str, ...]] = (
    "doubly_dangerous",
    "dilemma_but_compatible",
    "no_dilemma_aggression_pays",
    "doubly_safe",
)

JERVIS_WORLD_TITLES: Final[dict[str, str]] = {
    "doubly_dangerous": "Doubly dangerous",
    "dilemma_but_compatible": "A dilemma, but security is compatible",
    "no_dilemma_aggression_pays": "No dilemma, but aggression pays",
    "doubly_safe": "Doubly safe",
}

JERVIS_WORLD_EXPLANATIONS: Final[dict[str, str]] = {
    "doubly_dangerous": (
        "Attack has the edge and defensive arms look just like offensive ones, so every build "
        "frightens the rival: the security dilemma is at its strongest."
    ),
    "dilemma_but_compatible": (
        "Arms look alike, so builds still frighten the rival, but defense has the edge, so both "
        "sides can be secure at the same time."
    ),
    "no_dilemma_aggression_pays": (
        "Defensive and offensive arms can be told apart, so there is warning, but attack has the "
        "edge, so an aggressive rival is a real danger."
    ),
    "doubly_safe": (
        "Defense has the edge and anyone can tell a defensive build from an offensive one, so "
        "security is cheap and arming threatens no one."
    ),
}

_LABELS: Final[str] = "RSTP"


# --------------------------------------------------------------------------------------------
# Naming 2x2 games
# --------------------------------------------------------------------------------------------


def _two_by_two(A: npt.ArrayLike, B: npt.ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    a = np.asarray(A, dtype=float)
    b = np.asarray(B, dtype=float)
    if a.shape != (2, 2) or b.shape != (2, 2):
        raise ValueError(
            f"a 2x2 game needs two 2x2 payoff matrices; got shapes {a.shape} and {b.shape}"
        )
    if not (np.all(np.isfinite(a)) and np.all(np.isfinite(b))):
        raise ValueError("payoffs must be finite numbers")
    return a, b


def _row_rsTP(a: np.ndarray) -> tuple[float, float, float, float]:
    return float(a[0, 0]), float(a[0, 1]), float(a[1, 0]), float(a[1, 1])


def _col_rsTP(b: np.ndarray) -> tuple[float, float, float, float]:
    return float(b[0, 0]), float(b[1, 0]), float(b[0, 1]), float(b[1, 1])


def classify_ordering(R: float, S: float, T: float, P: float, tol: float = 0.0) -> str:
    """Name one player's ranking of the four outcomes of a 2x2 game.

    Parameters
    ----------
    R, S, T, P : float
        Reward (both restrain), sucker's payoff (I restrain, the other arms), temptation (I arm,
        the other restrains) and punishment (both arm).
    tol : float, optional
        Payoffs closer than ``tol`` count as tied. The default 0 compares exactly.

    Returns
    -------
    str
        ``"prisoners_dilemma"`` (T > R > P > S), ``"stag_hunt"`` (R > T >= P > S; Jervis's
        reading of the security dilemma admits the tie T = P), ``"chicken"`` (T > R > S > P),
        ``"deadlock"`` (T > P > R > S), ``"harmony"`` (R > T and S > P: restraint dominates),
        ``"leader"`` (T > S > R > P) and ``"hero"`` (S > T > R > P) after Rapoport (1967),
        otherwise ``"other"``.

    Notes
    -----
    Names depend on the labelling: action 0 is restraint. Swapping the labels of a stag hunt,
    for instance, gives P > S > R > T, which is ``"other"``. The iterated prisoner's dilemma
    often also asks 2R > T + S (taking turns at exploiting must not beat steady cooperation);
    the one-shot name does not.

    Examples
    --------
    >>> classify_ordering(R=3, S=0, T=5, P=1)
    'prisoners_dilemma'
    >>> classify_ordering(R=4, S=1, T=2, P=2)
    'stag_hunt'
    """

    def gt(u: float, v: float) -> bool:
        return u > v + tol

    def ge(u: float, v: float) -> bool:
        return u >= v - tol

    if gt(T, R) and gt(R, P) and gt(P, S):
        return "prisoners_dilemma"
    if gt(R, T) and ge(T, P) and gt(P, S):
        return "stag_hunt"
    if gt(T, R) and gt(R, S) and gt(S, P):
        return "chicken"
    if gt(T, P) and gt(P, R) and gt(R, S):
        return "deadlock"
    if gt(R, T) and gt(S, P):
        return "harmony"
    if gt(T, S) and gt(S, R) and gt(R, P):
        return "leader"
    if gt(S, T) and gt(T, R) and gt(R, P):
        return "hero"
    return "other"


def _ordering_text(values: tuple[float, float, float, float], tol: float) -> str:
    order = sorted(range(4), key=lambda i: (-values[i], i))
    text = _LABELS[order[0]]
    for prev, cur in itertools.pairwise(order):
        sep = " = " if abs(values[prev] - values[cur]) <= tol else " > "
        text += sep + _LABELS[cur]
    return text


def orderings(A: npt.ArrayLike, B: npt.ArrayLike, tol: float = 0.0) -> tuple[str, str]:
    """Each player's ranking of the outcomes of a 2x2 game, as text.

    Parameters
    ----------
    A, B : array_like, shape (2, 2)
        Payoffs of the row and the column player; action 0 is restrain, 1 is arm.
    tol : float, optional
        Payoffs closer than ``tol`` are shown as tied.

    Returns
    -------
    (str, str)
        The row player's and the column player's ordering, best first, such as
        ``"T > R > P > S"``; ties are written ``"T = P"``.

    Examples
    --------
    >>> orderings([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    ('T > R > P > S', 'T > R > P > S')
    """
    a, b = _two_by_two(A, B)
    return _ordering_text(_row_rsTP(a), tol), _ordering_text(_col_rsTP(b), tol)


def _is_battle_of_the_sexes(a: np.ndarray, b: np.ndarray, tol: float) -> bool:
    rr, rs, rt, rp = _row_rsTP(a)
    cr, cs, ct, cp = _col_rsTP(b)
    row_coordinates = min(rr, rp) > max(rs, rt) + tol
    col_coordinates = min(cr, cp) > max(cs, ct) + tol
    disagree = (rr > rp + tol and cp > cr + tol) or (rp > rr + tol and cr > cp + tol)
    return row_coordinates and col_coordinates and disagree


def classify(A: npt.ArrayLike, B: npt.ArrayLike, tol: float = 0.0) -> str:
    """Name a 2x2 game from the way each player ranks its outcomes.

    Parameters
    ----------
    A, B : array_like, shape (2, 2)
        Payoffs of the row and the column player. Row and column 0 mean restrain (cooperate),
        1 means arm (defect).
    tol : float, optional
        Payoffs closer than ``tol`` count as tied. The default 0 compares exactly.

    Returns
    -------
    str
        One of :data:`GAME_NAMES`. Each player's ordering is named by
        :func:`classify_ordering` (for a symmetric game, ``B == A.T``, the two agree). If both
        players see the same named game, that name is returned. The classic Battle of the Sexes
        (Luce & Raiffa 1957), where both want to match but disagree on which match, gives
        ``"battle_of_the_sexes"``. Any other mix gives ``"asymmetric"``.

    Raises
    ------
    ValueError
        If the matrices are not 2x2 or hold non-finite payoffs.

    Examples
    --------
    >>> classify([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    'prisoners_dilemma'
    >>> classify([[4, 1], [3, 2]], [[4, 3], [1, 2]])
    'stag_hunt'
    >>> classify([[3, 0], [0, 2]], [[2, 0], [0, 3]])
    'battle_of_the_sexes'
    """
    a, b = _two_by_two(A, B)
    if _is_battle_of_the_sexes(a, b, tol):
        return "battle_of_the_sexes"
    row = classify_ordering(*_row_rsTP(a), tol=tol)
    col = classify_ordering(*_col_rsTP(b), tol=tol)
    return row if row == col else "asymmetric"


def symmetric_game(
    R: float, S: float, T: float, P: float
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Build the payoff matrices of a symmetric 2x2 game from R, S, T and P.

    Parameters
    ----------
    R, S, T, P : float
        Reward, sucker's payoff, temptation and punishment (see the module notes).

    Returns
    -------
    (A, B) : tuple of ndarray, shape (2, 2)
        ``A = [[R, S], [T, P]]`` for the row player and ``B = A.T`` for the column player.

    Examples
    --------
    >>> A, B = symmetric_game(R=3, S=0, T=5, P=1)
    >>> A.tolist(), B.tolist()
    ([[3.0, 0.0], [5.0, 1.0]], [[3.0, 5.0], [0.0, 1.0]])
    """
    A = np.array([[R, S], [T, P]], dtype=float)
    return A, A.T.copy()


# --------------------------------------------------------------------------------------------
# Worked formulas (theory.md, sections 3-11)
# --------------------------------------------------------------------------------------------


def cooperation_interval(CC: float, CD: float, DC: float, DD: float) -> tuple[float, float] | None:
    """Beliefs under which cooperating (restraint) is a best reply in a 2x2 game.

    With probability ``p`` that the other side cooperates, cooperating is a best reply iff
    ``p*CC + (1-p)*CD >= p*DC + (1-p)*DD`` (Jervis 1978, expected-value reading). The set of
    such ``p`` in [0, 1] is an interval.

    Parameters
    ----------
    CC, CD, DC, DD : float
        My payoff when both cooperate, when I cooperate and the other defects, when I defect
        and the other cooperates, and when both defect.

    Returns
    -------
    (float, float) or None
        The interval ``(low, high)`` of beliefs for which cooperating is a best reply, or None
        when no belief in [0, 1] makes it one (a prisoner's dilemma). In a stag hunt the
        interval reaches up to 1 (trust makes restraint pay); in chicken it reaches down to 0
        (restraint pays only when the other is expected to arm).

    Examples
    --------
    >>> cooperation_interval(CC=4, CD=1, DC=3, DD=2)
    (0.5, 1.0)
    >>> cooperation_interval(CC=3, CD=2, DC=4, DD=1)
    (0.0, 0.5)
    >>> cooperation_interval(CC=3, CD=0, DC=5, DD=1) is None
    True
    """
    gain = float(CC) - float(DC)  # what cooperating adds when the other cooperates
    safety = float(DD) - float(CD)  # what defecting saves when the other defects
    slope = gain + safety  # cooperate iff p * slope >= safety
    if slope > 0:
        low, high = max(0.0, safety / slope), 1.0
    elif slope < 0:
        low, high = 0.0, min(1.0, safety / slope) + 0.0  # + 0.0 turns -0.0 into 0.0
    else:
        low, high = (0.0, 1.0) if safety <= 0 else (1.0, 0.0)
    return (low, high) if low <= high else None


def cooperation_threshold(CC: float, CD: float, DC: float, DD: float) -> float | None:
    """Jervis's threshold: how sure must I be that the other cooperates before I cooperate?

    Cooperating beats defecting iff ``p >= p* = (DD - CD) / ((CC - DC) + (DD - CD))``, where
    ``p`` is my belief that the other cooperates (Jervis 1978, "Cooperation under the Security
    Dilemma"). Cooperation is easier when exploiting pays little (DC low), being exploited
    costs little (CD high), mutual cooperation pays well (CC high) and mutual arming hurts
    (DD low).

    Parameters
    ----------
    CC, CD, DC, DD : float
        My payoffs for (me, other) = (C, C), (C, D), (D, C) and (D, D).

    Returns
    -------
    float or None
        ``p*`` in [0, 1] (0 when cooperating is always a best reply), or None when no belief
        ``p`` in [0, 1] with every stronger belief makes cooperation a best reply: in a
        prisoner's dilemma because defection dominates, in chicken because cooperation pays
        only against an expected defector (see :func:`cooperation_interval`).

    Examples
    --------
    >>> cooperation_threshold(CC=4, CD=1, DC=3, DD=2)  # stag hunt
    0.5
    >>> cooperation_threshold(CC=3, CD=0, DC=5, DD=1) is None  # prisoner's dilemma
    True
    """
    interval = cooperation_interval(CC, CD, DC, DD)
    if interval is None or interval[1] < 1.0:
        return None
    return interval[0]


def assurance_threshold(c: float, t: float) -> float | None:
    """Kydd's assurance game: the trust a security seeker needs before it restrains.

    Payoffs CC = 1, CD = -c, DC = t, DD = 0. A *trustworthy* type has t < 1 (stag-hunt
    preferences), an *untrustworthy* one t > 1 (prisoner's dilemma). If trustworthy types
    cooperate, a trustworthy player cooperates iff its belief ``p`` that the other is
    trustworthy satisfies ``p >= c / (1 - t + c)`` (Kydd 2000, 2005).

    Parameters
    ----------
    c : float
        Cost of being exploited, ``c >= 0``.
    t : float
        Temptation: the gain from arming while the other restrains.

    Returns
    -------
    float or None
        The belief threshold, or None when no belief makes restraint pay: for ``t > 1`` the
        player is an untrustworthy type, for whom arming dominates.

    Raises
    ------
    ValueError
        If ``c`` is negative.

    Examples
    --------
    >>> round(assurance_threshold(c=1.0, t=0.5), 4)
    0.6667
    """
    if c < 0:
        raise ValueError(f"the cost of being exploited c must be >= 0; got {c}")
    return cooperation_threshold(CC=1.0, CD=-float(c), DC=float(t), DD=0.0)


def strike_threshold(s: float, S: float, m: float) -> float | None:
    """Schelling's reciprocal fear of surprise attack: when does striking first pay?

    Payoffs: both wait 0; I strike first ``-s``; I am struck first ``-S``; both strike ``-m``.
    With ``S > m`` (a first-strike advantage) I strike iff my belief that the other strikes
    exceeds ``p_strike = s / (s + (S - m))`` (Schelling 1960, *The Strategy of Conflict*,
    ch. 9). A larger first-strike advantage ``S - m`` lowers the threshold: fear feeds on fear.

    Parameters
    ----------
    s : float
        Cost to me of striking first (including the ragged retaliation), ``s >= 0``.
    S : float
        Cost of being struck first.
    m : float
        Cost when both strike at once.

    Returns
    -------
    float or None
        ``p_strike`` in [0, 1), or None when no belief makes striking first pay (``S <= m``:
        there is no advantage in going first).

    Raises
    ------
    ValueError
        If ``s`` is negative.

    Examples
    --------
    >>> strike_threshold(s=1, S=10, m=6)
    0.2
    """
    if s < 0:
        raise ValueError(f"the cost of striking first s must be >= 0; got {s}")
    advantage = float(S) - float(m)
    if advantage <= 0:
        return None
    return float(s) / (float(s) + advantage)


def grim_trigger_delta(T: float, R: float, P: float) -> float | None:
    """The patience needed for the grim trigger to sustain cooperation in a repeated game.

    Cooperate until the other defects, then defect forever. Defecting once gains ``T - R`` now
    and loses ``R - P`` in every later round, so cooperation holds iff the discount factor
    ``delta >= (T - R) / (T - P)`` (the folk theorem; Axelrod 1984).

    Parameters
    ----------
    T, R, P : float
        Temptation, reward and punishment of the stage game.

    Returns
    -------
    float or None
        The smallest discount factor that sustains cooperation; 0 when ``T <= R`` (nothing
        tempts), None when ``R <= P`` (the threat of mutual defection punishes nothing, so no
        ``delta < 1`` works).

    Examples
    --------
    >>> grim_trigger_delta(T=5, R=3, P=1)
    0.5
    """
    T, R, P = float(T), float(R), float(P)
    if T <= R:
        return 0.0
    if R <= P:
        return None
    return (T - R) / (T - P)


def inspection_equilibrium(g: float, b: float, c: float, d: float) -> tuple[float, float]:
    """The mixed equilibrium of the arms-control inspection game.

    The inspectee gains ``g`` by cheating undetected and loses ``b`` if caught; the inspector
    pays ``c`` per inspection and loses ``d`` to undetected cheating. In equilibrium each
    side keeps the other indifferent: inspect with probability ``pi* = g / (g + b)`` and cheat
    with probability ``q* = c / d`` (O'Neill 1994; Wittman 1989). Harsher penalties lower the
    inspection rate needed; cheaper inspections lower cheating.

    Parameters
    ----------
    g : float
        Gain from undetected cheating, ``g > 0``.
    b : float
        Penalty when caught, ``b > 0``.
    c : float
        Cost of one inspection, ``0 < c < d``.
    d : float
        Inspector's loss from undetected cheating.

    Returns
    -------
    (pi_star, q_star) : tuple of float
        Probability of inspecting and probability of cheating.

    Raises
    ------
    ValueError
        If ``g`` or ``b`` is not positive, or not ``0 < c < d`` (then inspecting never pays,
        and there is no mixed equilibrium).

    Examples
    --------
    >>> inspection_equilibrium(g=1, b=3, c=0.2, d=1)
    (0.25, 0.2)
    """
    if g <= 0 or b <= 0:
        raise ValueError(f"gain g and penalty b must be positive; got g={g}, b={b}")
    if not 0 < c < d:
        raise ValueError(
            f"need 0 < c < d (an inspection cheaper than undetected cheating); got c={c}, d={d}"
        )
    return float(g) / (float(g) + float(b)), float(c) / float(d)


def bargaining_range(p: float, c_a: float, c_b: float) -> tuple[float, float]:
    """Fearon's bargaining range: the splits both sides prefer to war.

    Side A wins a war with probability ``p``; war costs A ``c_a`` and B ``c_b`` (shares of the
    stake). Any split giving A a share ``x`` with ``p - c_a <= x <= p + c_b`` beats war for
    both, so a peaceful deal always exists (Fearon 1995, "Rationalist Explanations for War").
    War needs private information, commitment problems or an indivisible stake.

    Parameters
    ----------
    p : float
        A's probability of winning, in [0, 1].
    c_a, c_b : float
        Costs of war, ``>= 0``.

    Returns
    -------
    (low, high) : tuple of float
        The range of A's share, clipped to the feasible [0, 1].

    Raises
    ------
    ValueError
        If ``p`` is outside [0, 1] or a cost is negative.

    Examples
    --------
    >>> low, high = bargaining_range(p=0.6, c_a=0.1, c_b=0.15)
    >>> round(low, 6), round(high, 6)
    (0.5, 0.75)
    """
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"p is a probability and must lie in [0, 1]; got {p}")
    if c_a < 0 or c_b < 0:
        raise ValueError(f"costs of war must be >= 0; got c_a={c_a}, c_b={c_b}")
    return max(0.0, float(p) - float(c_a)), min(1.0, float(p) + float(c_b))


def prefers_preventive_war(p: float, p_next: float, c_a: float, delta: float) -> bool:
    """The commitment problem: does a declining side prefer war now to a shrinking peace?

    Two-period toy (Fearon 1995; Powell 2006). A wins with probability ``p`` now but only
    ``p_next`` next period. War now is worth ``p - c_a`` today and ``delta * p`` tomorrow;
    the best peace B can offer is the whole stake today (1) and ``delta * p_next`` tomorrow,
    because B cannot credibly promise more once it is stronger. So A prefers preventive war
    iff ``delta * (p - p_next) > 1 - p + c_a``.

    Parameters
    ----------
    p, p_next : float
        A's probability of winning now and next period.
    c_a : float
        A's cost of war.
    delta : float
        A's discount factor, in [0, 1].

    Returns
    -------
    bool
        True if the coming shift in power makes war attractive today.

    Examples
    --------
    >>> prefers_preventive_war(p=0.7, p_next=0.1, c_a=0.05, delta=0.9)  # .54 > .35
    True
    """
    return float(delta) * (float(p) - float(p_next)) > 1.0 - float(p) + float(c_a)


def jervis_world(offense_advantage: bool, distinguishable: bool) -> str:
    """Which of Jervis's four worlds a setting belongs to.

    Jervis (1978) crosses two variables: whether offense or defense has the advantage, and
    whether offensive and defensive postures can be told apart.

    Parameters
    ----------
    offense_advantage : bool
        True when attacking is easier than defending.
    distinguishable : bool
        True when others can tell a defensive build from an offensive one.

    Returns
    -------
    str
        One of :data:`JERVIS_WORLDS`; see :data:`JERVIS_WORLD_TITLES` and
        :data:`JERVIS_WORLD_EXPLANATIONS`.

    Examples
    --------
    >>> jervis_world(offense_advantage=True, distinguishable=False)
    'doubly_dangerous'
    >>> jervis_world(offense_advantage=False, distinguishable=True)
    'doubly_safe'
    """
    if offense_advantage:
        return "no_dilemma_aggression_pays" if distinguishable else "doubly_dangerous"
    return "doubly_safe" if distinguishable else "dilemma_but_compatible"
