"""Iterated 2x2 games: classic strategies, matches and round-robin tournaments.

In the *iterated* prisoner's dilemma the same two players meet turn after turn, and each may
condition its move on everything that has happened so far. Axelrod (1980, 1984) invited
strategies to a round-robin tournament: every entry played every other for 200 turns with the
payoffs ``(R, S, T, P) = (3, 0, 5, 1)``, and the simplest entry, tit for tat, won. Its lesson
(be nice, retaliate, forgive, be clear) is the lesson of this module, told with restraint and
arming in place of cooperation and defection.

Moves are small integers: :data:`COOPERATE` ``= 0`` (C, restrain) and :data:`DEFECT` ``= 1``
(D, arm), the same labels as row and column 0 and 1 of the 2x2 games in
:mod:`game.theory.games`. A turn pays the row player ``A[row_move, col_move]`` with
``A = [[R, S], [T, P]]``, and the column player ``A[col_move, row_move]``.

Everything runs on a **batch** of independent matches at once: a history is an integer array of
shape ``[batch, turns so far]`` and a strategy returns one move per match, so a hundred
repetitions of a noisy match cost little more than one.

Randomness
----------
A match draws every random number from one stream, ``numpy.random.default_rng(seed)``, in
this fixed order each turn:

1. the row strategy's move (a stochastic strategy of :data:`STRATEGIES` draws exactly one
   ``rng.random(batch)`` every turn, used or not; deterministic ones draw nothing);
2. the column strategy's move (likewise);
3. if ``noise > 0``, one ``rng.random((2, batch))``: row 0 decides which of the row player's
   moves flip, row 1 the column player's.

Because a stochastic strategy draws the same amount every turn, whatever the history, the noise
of turn ``t`` is the same in two matches that share a seed and the same number of stochastic
strategies: a fair counterfactual. The matches of one batch share the stream, so a batch of
``B`` is *not* the same as ``B`` separate matches with the same seed; each match of the batch is
still an independent draw from the same distribution.

Examples
--------
>>> result = iterated_match("tit_for_tat", "alternator", turns=6)
>>> result.text()
('CCDCDC', 'CDCDCD')
>>> result.scores
(13.0, 18.0)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final, TypeAlias

import numpy as np
import numpy.typing as npt

__all__ = [
    "COOPERATE",
    "DEFECT",
    "STRATEGIES",
    "MatchResult",
    "Strategy",
    "Tournament",
    "iterated_match",
    "moves_from_text",
    "moves_to_text",
    "round_robin",
]

#: The move "cooperate" (C): restrain. Row and column 0 of a 2x2 game.
COOPERATE: Final[int] = 0
#: The move "defect" (D): arm. Row and column 1 of a 2x2 game.
DEFECT: Final[int] = 1

#: A batch of histories or of moves: ``int8`` holding :data:`COOPERATE` or :data:`DEFECT`.
Moves: TypeAlias = npt.NDArray[np.int8]
FloatArray: TypeAlias = npt.NDArray[np.float64]
#: ``move(own_history, other_history, t, rng) -> moves``; see :class:`Strategy`.
MoveFunction: TypeAlias = Callable[[Moves, Moves, int, np.random.Generator], npt.ArrayLike]
#: Anything :func:`numpy.random.default_rng` accepts as a match's seed.
SeedLike: TypeAlias = int | np.random.SeedSequence | np.random.Generator | None

#: Axelrod's tournament payoffs ``(R, S, T, P)``.
AXELROD_PAYOFFS: Final[tuple[float, float, float, float]] = (3.0, 0.0, 5.0, 1.0)

#: Probability that generous tit for tat forgives a defection (Nowak & Sigmund 1992).
GENEROSITY: Final[float] = 1.0 / 3.0

_DETECTIVE_OPENING: Final[tuple[int, ...]] = (COOPERATE, DEFECT, COOPERATE, COOPERATE)


@dataclass(frozen=True)
class Strategy:
    """A rule for an iterated 2x2 game: the history so far in, the next move out.

    Parameters
    ----------
    name : str
        Identifier, such as ``"tit_for_tat"``; the key in :data:`STRATEGIES`.
    title : str
        The name a student reads, such as ``"Tit for Tat"``.
    description : str
        One plain-words line saying what the strategy does.
    source : str
        Where it comes from, such as ``"Axelrod 1980"``.
    deterministic : bool
        True if the move is a function of the histories alone (no draws from ``rng``).
    move : callable
        ``move(own_history, other_history, t, rng) -> moves``. The histories are ``int8``
        arrays of shape ``[batch, t]`` holding the moves already *played* (after any noise),
        oldest first; ``t`` is the index of the turn being chosen (0 for the first) and ``rng``
        the match's :class:`numpy.random.Generator`. It returns ``batch`` moves, each
        :data:`COOPERATE` or :data:`DEFECT`, as an integer or boolean array (a scalar is
        broadcast). The histories are read-only views: do not keep or modify them.

    Notes
    -----
    A strategy is stateless: everything it remembers it reads from the histories, so the same
    object can play many matches at once. To stay reproducible, a stochastic strategy should
    draw a fixed amount from ``rng`` every turn (see the module notes).

    Examples
    --------
    >>> import numpy as np
    >>> copy_twice = Strategy(
    ...     name="copy_the_turn_before_last",
    ...     title="Slow Copycat",
    ...     description="Restrains twice, then copies what the other side did two turns ago.",
    ...     source="an example",
    ...     deterministic=True,
    ...     move=lambda own, other, t, rng: other[:, t - 2] if t >= 2 else 0,
    ... )
    >>> iterated_match(copy_twice, "alternator", turns=6).text()
    ('CCCDCD', 'CDCDCD')
    """

    name: str
    title: str
    description: str
    source: str
    deterministic: bool
    move: MoveFunction

    def __call__(
        self, own_history: Moves, other_history: Moves, t: int, rng: np.random.Generator
    ) -> npt.ArrayLike:
        """Choose the next moves; the same as ``self.move(...)``."""
        return self.move(own_history, other_history, t, rng)


# --------------------------------------------------------------------------------------------
# The classic strategies, each a vectorised function of the histories
# --------------------------------------------------------------------------------------------


def _cooperate(batch: int) -> Moves:
    return np.zeros(batch, dtype=np.int8)


def _defect(batch: int) -> Moves:
    return np.ones(batch, dtype=np.int8)


def _tit_for_tat(own: Moves, other: Moves, t: int, rng: np.random.Generator) -> npt.ArrayLike:
    return other[:, t - 1] if t > 0 else _cooperate(other.shape[0])


class _EverDefected:
    """Whether the other side ever defected, in O(1) a turn instead of a scan of the history.

    A match's history grows by one turn a call and what was played never changes (the contract
    of :class:`Strategy`), so the answer at turn ``t`` is the answer at ``t - 1`` or-ed with the
    other side's last move. The answer is kept per history buffer (the array the view shows, its
    first byte, strides and rows, and the turn); any other call (a new buffer, a skipped turn, a
    second call in the same turn) scans the history, as before. At most :attr:`KEEP` buffers are
    remembered (their arrays are held, so an id cannot be reused while remembered).
    """

    KEEP = 16

    def __init__(self) -> None:
        self.memo: dict[tuple[int, int, tuple[int, ...], int], tuple[Any, int, np.ndarray]] = {}

    def __call__(self, other: Moves, t: int) -> np.ndarray:
        """``[batch]``: 1 where the other side defected at some turn before ``t``."""
        base = other.base
        if base is None:  # an array of its own, not a view: nothing to key on
            return other.max(axis=1) if t > 0 else _cooperate(other.shape[0])
        key = (id(base), other.__array_interface__["data"][0], other.strides, other.shape[0])
        hit = self.memo.get(key)
        if t == 0:
            ever = _cooperate(other.shape[0])
        elif hit is not None and hit[0] is base and hit[1] == t - 1:
            ever = hit[2] | other[:, t - 1]
        else:
            ever = other.max(axis=1)
        self.memo.pop(key, None)
        if len(self.memo) >= self.KEEP:
            del self.memo[next(iter(self.memo))]
        self.memo[key] = (base, t, ever)
        return ever.copy()  # the caller may write into its moves; the kept answer stays


_ever_defected = _EverDefected()


def _grim_trigger(own: Moves, other: Moves, t: int, rng: np.random.Generator) -> npt.ArrayLike:
    # "Has the other side ever defected", read from the history rather than from one's own last
    # move: with noise, one's own move can be flipped, and that must not pull the trigger.
    return _ever_defected(other, t)


def _always_cooperate(own: Moves, other: Moves, t: int, rng: np.random.Generator) -> npt.ArrayLike:
    return _cooperate(other.shape[0])


def _always_defect(own: Moves, other: Moves, t: int, rng: np.random.Generator) -> npt.ArrayLike:
    return _defect(other.shape[0])


def _alternator(own: Moves, other: Moves, t: int, rng: np.random.Generator) -> npt.ArrayLike:
    return np.full(other.shape[0], t % 2, dtype=np.int8)


def _tit_for_two_tats(own: Moves, other: Moves, t: int, rng: np.random.Generator) -> npt.ArrayLike:
    if t < 2:
        return _cooperate(other.shape[0])
    return other[:, t - 1] & other[:, t - 2]


def _win_stay_lose_shift(
    own: Moves, other: Moves, t: int, rng: np.random.Generator
) -> npt.ArrayLike:
    # Last payoff R or T (the other side cooperated): repeat. S or P (it defected): switch.
    # Repeating is own XOR 0 and switching own XOR 1, so the move is own XOR other.
    if t == 0:
        return _cooperate(other.shape[0])
    return own[:, t - 1] ^ other[:, t - 1]


def _suspicious_tit_for_tat(
    own: Moves, other: Moves, t: int, rng: np.random.Generator
) -> npt.ArrayLike:
    return other[:, t - 1] if t > 0 else _defect(other.shape[0])


def _generous_tit_for_tat(
    own: Moves, other: Moves, t: int, rng: np.random.Generator
) -> npt.ArrayLike:
    forgive = rng.random(other.shape[0]) < GENEROSITY  # drawn every turn, used or not
    if t == 0:
        return _cooperate(other.shape[0])
    return other[:, t - 1] & ~forgive


def _detective(own: Moves, other: Moves, t: int, rng: np.random.Generator) -> npt.ArrayLike:
    if t < len(_DETECTIVE_OPENING):
        return np.full(other.shape[0], _DETECTIVE_OPENING[t], dtype=np.int8)
    retaliated = other[:, : len(_DETECTIVE_OPENING)].max(axis=1).astype(bool)
    return np.where(retaliated, other[:, t - 1], np.int8(DEFECT))


def _random(own: Moves, other: Moves, t: int, rng: np.random.Generator) -> npt.ArrayLike:
    return rng.random(other.shape[0]) < 0.5


#: The classic strategies by name. Each is defined once here and used everywhere.
STRATEGIES: Final[dict[str, Strategy]] = {
    s.name: s
    for s in (
        Strategy(
            name="tit_for_tat",
            title="Tit for Tat",
            description="Restrains first, then does whatever the other side did last turn.",
            source="Axelrod 1980",
            deterministic=True,
            move=_tit_for_tat,
        ),
        Strategy(
            name="grim_trigger",
            title="Grim Trigger",
            description="Restrains until the other side arms once, then arms forever.",
            source="Friedman 1971",
            deterministic=True,
            move=_grim_trigger,
        ),
        Strategy(
            name="always_cooperate",
            title="Always Cooperate",
            description="Restrains every turn, whatever the other side does.",
            source="Axelrod 1984",
            deterministic=True,
            move=_always_cooperate,
        ),
        Strategy(
            name="always_defect",
            title="Always Defect",
            description="Arms every turn, whatever the other side does.",
            source="Axelrod 1984",
            deterministic=True,
            move=_always_defect,
        ),
        Strategy(
            name="alternator",
            title="Alternator",
            description="Restrains and arms by turns: C, D, C, D, ... whatever happens.",
            source="Axelrod 1984",
            deterministic=True,
            move=_alternator,
        ),
        Strategy(
            name="tit_for_two_tats",
            title="Tit for Two Tats",
            description="Restrains unless the other side armed on both of the last two turns.",
            source="Axelrod 1980",
            deterministic=True,
            move=_tit_for_two_tats,
        ),
        Strategy(
            name="win_stay_lose_shift",
            title="Win-Stay, Lose-Shift (Pavlov)",
            description="Repeats its last move if the other side restrained, else switches.",
            source="Nowak & Sigmund 1993",
            deterministic=True,
            move=_win_stay_lose_shift,
        ),
        Strategy(
            name="suspicious_tit_for_tat",
            title="Suspicious Tit for Tat",
            description="Arms first, then does whatever the other side did last turn.",
            source="Beaufils, Delahaye & Mathieu 1997",
            deterministic=True,
            move=_suspicious_tit_for_tat,
        ),
        Strategy(
            name="generous_tit_for_tat",
            title="Generous Tit for Tat",
            description="Like Tit for Tat, but forgives an arming one time in three.",
            source="Nowak & Sigmund 1992",
            deterministic=False,
            move=_generous_tit_for_tat,
        ),
        Strategy(
            name="detective",
            title="Detective",
            description=(
                "Opens C, D, C, C; copies the other side if it hit back, else exploits it."
            ),
            source="Case 2017",
            deterministic=True,
            move=_detective,
        ),
        Strategy(
            name="random",
            title="Coin Flip",
            description="Restrains or arms at random, each with probability one half.",
            source="Axelrod 1980",
            deterministic=False,
            move=_random,
        ),
    )
}


# --------------------------------------------------------------------------------------------
# Text rendering of histories
# --------------------------------------------------------------------------------------------


def moves_to_text(moves: npt.ArrayLike) -> str:
    """Render one history as a string of ``C`` (cooperate, restrain) and ``D`` (defect, arm).

    Parameters
    ----------
    moves : array_like of int, shape (turns,)
        Moves, each :data:`COOPERATE` (0) or :data:`DEFECT` (1).

    Returns
    -------
    str
        One letter per turn, oldest first.

    Examples
    --------
    >>> moves_to_text([0, 0, 1, 0])
    'CCDC'
    """
    m = np.asarray(moves)
    if m.ndim != 1:
        raise ValueError(f"one history is a 1-D array of moves; got shape {m.shape}")
    if m.size and (m.min() < COOPERATE or m.max() > DEFECT):
        raise ValueError("moves must be 0 (C, cooperate) or 1 (D, defect)")
    return "".join("CD"[int(v)] for v in m)


def moves_from_text(text: str) -> Moves:
    """Read a history written as ``C`` and ``D`` letters (either case) into an array of moves.

    Parameters
    ----------
    text : str
        Such as ``"CCDC"``.

    Returns
    -------
    ndarray of int8, shape (len(text),)
        ``C`` becomes :data:`COOPERATE` (0) and ``D`` becomes :data:`DEFECT` (1).

    Examples
    --------
    >>> moves_from_text("CCDc").tolist()
    [0, 0, 1, 0]
    """
    letters = text.upper()
    if set(letters) - {"C", "D"}:
        raise ValueError(f"a history is written with C and D only; got {text!r}")
    return np.array([letter == "D" for letter in letters], dtype=np.int8)


# --------------------------------------------------------------------------------------------
# Matches
# --------------------------------------------------------------------------------------------


def _strategy(s: str | Strategy) -> Strategy:
    if isinstance(s, Strategy):
        return s
    if isinstance(s, str):
        try:
            return STRATEGIES[s]
        except KeyError:
            known = ", ".join(sorted(STRATEGIES))
            raise ValueError(
                f"no strategy is called {s!r}; the classic ones are: {known}"
            ) from None
    raise TypeError(f"a strategy is a name or a Strategy; got {type(s).__name__}")


def _payoff_table(payoffs: Iterable[float]) -> FloatArray:
    values = tuple(float(v) for v in payoffs)
    if len(values) != 4:
        raise ValueError(f"payoffs are the four numbers (R, S, T, P); got {len(values)}")
    if not all(math.isfinite(v) for v in values):
        raise ValueError("payoffs must be finite numbers")
    R, S, T, P = values
    table = np.array([[R, S], [T, P]], dtype=float)
    table.setflags(write=False)
    return table


def _whole(value: int, name: str, minimum: int) -> int:
    if isinstance(value, bool) or int(value) != value or value < minimum:
        raise ValueError(f"{name} must be a whole number >= {minimum}; got {value}")
    return int(value)


def _probability(value: float, name: str) -> float:
    v = float(value)
    if not 0.0 <= v <= 1.0:
        raise ValueError(f"{name} is a probability, between 0 and 1; got {value}")
    return v


def _frozen(a: np.ndarray) -> np.ndarray:
    a.setflags(write=False)
    return a


@dataclass(frozen=True, eq=False)
class MatchResult:
    """What happened in a batch of iterated matches (see :func:`iterated_match`).

    Attributes
    ----------
    row_name, col_name : str
        The two strategies' names.
    row_moves, col_moves : ndarray of int8, shape (batch, turns)
        The moves played, after noise, one row per match: 0 is C (cooperate, restrain) and
        1 is D (defect, arm). Always two-dimensional, even for a single match.
    row_score, col_score : ndarray of float, shape (batch,)
        Each player's total payoff over the match.
    payoffs : (float, float, float, float)
        The ``(R, S, T, P)`` used.
    noise : float
        The probability that a move was flipped.

    The arrays are read-only. For a single match (``batch == 1``), :attr:`scores` and
    :meth:`text` give the plain numbers and letters.
    """

    row_name: str
    col_name: str
    row_moves: Moves
    col_moves: Moves
    row_score: FloatArray
    col_score: FloatArray
    payoffs: tuple[float, float, float, float]
    noise: float

    @property
    def batch(self) -> int:
        """The number of matches."""
        return int(self.row_moves.shape[0])

    @property
    def turns(self) -> int:
        """The number of turns of each match."""
        return int(self.row_moves.shape[1])

    @property
    def scores(self) -> tuple[float, float]:
        """``(row total, column total)`` of a single match; for a batch read ``row_score``."""
        if self.batch != 1:
            raise ValueError(
                f"this result holds {self.batch} matches; read row_score and col_score, or "
                "their means"
            )
        return float(self.row_score[0]), float(self.col_score[0])

    def text(self, match: int = 0) -> tuple[str, str]:
        """Both histories of one match as ``C``/``D`` strings: ``(row, column)``."""
        return moves_to_text(self.row_moves[match]), moves_to_text(self.col_moves[match])

    def turn_payoffs(self) -> tuple[FloatArray, FloatArray]:
        """Each player's payoff in every turn, two arrays of shape ``(batch, turns)``.

        Their sums over the turns are :attr:`row_score` and :attr:`col_score`.
        """
        table = _payoff_table(self.payoffs)
        return table[self.row_moves, self.col_moves], table[self.col_moves, self.row_moves]


def iterated_match(
    row: str | Strategy,
    col: str | Strategy,
    *,
    payoffs: Iterable[float] = AXELROD_PAYOFFS,
    turns: int,
    noise: float = 0.0,
    seed: SeedLike = None,
    batch: int = 1,
) -> MatchResult:
    """Play an iterated 2x2 game between two strategies, ``batch`` matches at once.

    Every turn both sides choose at the same time, seeing only the moves of earlier turns;
    then each move may be flipped by noise (a misread order, a false alarm), and both sides
    remember the move as played. Noise is what separates the forgiving strategies from the
    merely retaliatory: two tit for tat players locked in echoes of one mistake score far
    below two that forgive (Molander 1985; Nowak & Sigmund 1992).

    Parameters
    ----------
    row, col : str or Strategy
        The two players: names from :data:`STRATEGIES`, or :class:`Strategy` objects.
    payoffs : (R, S, T, P), optional
        Reward (both restrain), sucker's payoff, temptation and punishment (both arm). The
        default is Axelrod's ``(3, 0, 5, 1)``.
    turns : int
        Length of each match, ``>= 0``.
    noise : float, optional
        Probability, in [0, 1], that each chosen move is flipped before it is played.
    seed : int, SeedSequence, Generator or None, optional
        Seeds the match's one random stream, ``numpy.random.default_rng(seed)``; the order of
        the draws is given in the module notes. A Generator is used (and advanced) as it is.
        ``None`` draws fresh entropy; ``0`` is a seed like any other.
    batch : int, optional
        Number of matches played together, ``>= 1``.

    Returns
    -------
    MatchResult
        Histories of shape ``(batch, turns)`` and total scores of shape ``(batch,)``.

    Raises
    ------
    ValueError
        For an unknown strategy name, malformed payoffs, a noise outside [0, 1], or a strategy
        that returns something other than 0 or 1.

    Examples
    --------
    Axelrod's payoffs over ten turns: tit for tat loses to the alternator's exploitation,
    23 to 28, although it never once takes advantage of it.

    >>> iterated_match("tit_for_tat", "alternator", turns=10).scores
    (23.0, 28.0)
    >>> noisy = iterated_match("tit_for_tat", "tit_for_tat", turns=200, noise=0.05, seed=1,
    ...                        batch=100)
    >>> bool(noisy.row_score.mean() < 500)  # far below the 600 of unbroken restraint
    True
    """
    row_strategy = _strategy(row)
    col_strategy = _strategy(col)
    table = _payoff_table(payoffs)
    n_turns = _whole(turns, "turns", 0)
    n_batch = _whole(batch, "batch", 1)
    p_flip = _probability(noise, "noise")
    rng = np.random.default_rng(seed)
    row_buffer, col_buffer = _play(row_strategy, col_strategy, n_turns, n_batch, p_flip, rng)
    return _match_result(row_strategy, col_strategy, table, row_buffer, col_buffer, p_flip)


def _match_result(
    row_strategy: Strategy,
    col_strategy: Strategy,
    table: FloatArray,
    row_buffer: np.ndarray,
    col_buffer: np.ndarray,
    p_flip: float,
) -> MatchResult:
    """The match's result from the moves played (turn-major); ``ValueError`` if a strategy
    returned a move other than C or D."""
    for strategy, buffer in ((row_strategy, row_buffer), (col_strategy, col_buffer)):
        if buffer.size and (buffer.min() < COOPERATE or buffer.max() > DEFECT):
            raise ValueError(
                f"strategy {strategy.name!r} returned a move other than 0 (C) or 1 (D)"
            )

    row_moves = np.ascontiguousarray(row_buffer.T)
    col_moves = np.ascontiguousarray(col_buffer.T)
    row_score = table[row_moves, col_moves].sum(axis=1)
    col_score = table[col_moves, row_moves].sum(axis=1)
    R, S, T, P = (float(v) for v in table.ravel())
    return MatchResult(
        row_name=row_strategy.name,
        col_name=col_strategy.name,
        row_moves=_frozen(row_moves),
        col_moves=_frozen(col_moves),
        row_score=_frozen(row_score),
        col_score=_frozen(col_score),
        payoffs=(R, S, T, P),
        noise=p_flip,
    )


def _play(
    row: Strategy,
    col: Strategy,
    n_turns: int,
    n_batch: int,
    p_flip: float,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray]:
    """The moves played, turn-major ``[turns, batch]`` for the row and the column seat: each
    turn the row's draws, the column's, then the flips of both (the module notes' order)."""
    # Stored turn-major so that writing one turn and reading the last one touch contiguous
    # memory; strategies see the transposed views, [batch, t].
    row_buffer = np.zeros((n_turns, n_batch), dtype=np.int8)
    col_buffer = np.zeros((n_turns, n_batch), dtype=np.int8)
    row_view = row_buffer.T
    col_view = col_buffer.T
    row_view.setflags(write=False)
    col_view.setflags(write=False)
    row_move = row.move
    col_move = col.move
    for t in range(n_turns):
        row_seen = row_view[:, :t]
        col_seen = col_view[:, :t]
        r = row_move(row_seen, col_seen, t, rng)
        c = col_move(col_seen, row_seen, t, rng)
        row_buffer[t] = r
        col_buffer[t] = c
        if p_flip > 0.0:
            flips = rng.random((2, n_batch)) < p_flip
            row_buffer[t] ^= flips[0]
            col_buffer[t] ^= flips[1]
    return row_buffer, col_buffer


# --------------------------------------------------------------------------------------------
# Tournaments
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Tournament:
    """The results of a round-robin tournament (see :func:`round_robin`).

    Attributes
    ----------
    names : tuple of str
        The strategies, in the order they were given.
    scores : ndarray of float, shape (k, k)
        ``scores[i, j]``: the mean total score of strategy ``i`` per match against strategy
        ``j``, over the repetitions. On the diagonal, a strategy's mean score against a copy of
        itself (the average of both seats), or NaN if ``self_play`` was off.
    totals : ndarray of float, shape (k,)
        Each strategy's row sum of ``scores`` over the pairings played: its tournament score.
    ranking : tuple of str
        The names, best total first; equal totals are ordered by name.
    payoffs : (float, float, float, float)
        The ``(R, S, T, P)`` used.
    turns, repetitions : int
        Length of each match, and matches per pairing.
    noise : float
        The probability that a move was flipped.
    self_play : bool
        Whether each strategy also met a copy of itself.

    The arrays are read-only.
    """

    names: tuple[str, ...]
    scores: FloatArray
    totals: FloatArray
    ranking: tuple[str, ...]
    payoffs: tuple[float, float, float, float]
    turns: int
    repetitions: int
    noise: float
    self_play: bool

    @property
    def per_turn(self) -> FloatArray:
        """``scores / turns``: mean payoff per turn, on the scale of R, S, T and P."""
        if self.turns == 0:
            raise ValueError("a tournament of zero-turn matches has no payoff per turn")
        return self.scores / self.turns

    def score(self, row: str, col: str) -> float:
        """The mean score per match of strategy ``row`` against strategy ``col``."""
        return float(self.scores[self.names.index(row), self.names.index(col)])


def _seed_sequence(seed: int | np.random.SeedSequence | None) -> np.random.SeedSequence:
    """A fresh SeedSequence: spawning from a copy leaves a caller's SeedSequence untouched."""
    if isinstance(seed, np.random.SeedSequence):
        return np.random.SeedSequence(
            entropy=seed.entropy, spawn_key=seed.spawn_key, pool_size=seed.pool_size
        )
    if isinstance(seed, np.random.Generator):
        raise TypeError("pass an int or a SeedSequence as the seed, not a Generator")
    return np.random.SeedSequence(seed)


def round_robin(
    strategies: Iterable[str | Strategy] | Mapping[str, Strategy],
    *,
    payoffs: Iterable[float] = AXELROD_PAYOFFS,
    turns: int = 200,
    repetitions: int = 1,
    noise: float = 0.0,
    seed: int | np.random.SeedSequence | None = None,
    self_play: bool = False,
) -> Tournament:
    """Play every strategy against every other, as in Axelrod's tournaments (1980).

    Each pairing plays ``repetitions`` matches of ``turns`` turns as one vectorised batch
    (:func:`iterated_match`). A strategy's tournament score is the sum over its opponents of
    its mean score per match.

    Parameters
    ----------
    strategies : iterable of str or Strategy
        The entrants, by name or as :class:`Strategy` objects; names must be distinct.
    payoffs : (R, S, T, P), optional
        The stage game; Axelrod's ``(3, 0, 5, 1)`` by default.
    turns : int, optional
        Length of each match; 200 as in Axelrod's first tournament.
    repetitions : int, optional
        Matches per pairing, ``>= 1``. Deterministic strategies without noise need only one.
    noise : float, optional
        Probability that each move is flipped.
    seed : int, SeedSequence or None, optional
        With ``k`` strategies, ``numpy.random.SeedSequence(seed).spawn(k * k)`` gives one
        stream per ordered pair; the pairing of strategies ``i <= j`` (in the order given)
        plays :func:`iterated_match` with ``seed=children[i * k + j]``, ``i`` in the row seat.
        A pairing's result therefore does not depend on ``self_play``.
    self_play : bool, optional
        Whether each strategy also meets a copy of itself (on the diagonal of ``scores``).

    Returns
    -------
    Tournament
        The score matrix, totals and ranking.

    Examples
    --------
    In a field of strategies that never arm first, always defect wins every one of its
    matches yet comes last: it is the pairs of restrained strategies that pile up points.

    >>> t = round_robin(["tit_for_tat", "grim_trigger", "tit_for_two_tats", "always_defect"])
    >>> t.ranking
    ('grim_trigger', 'tit_for_tat', 'tit_for_two_tats', 'always_defect')
    >>> t.score("always_defect", "tit_for_tat"), t.score("tit_for_tat", "always_defect")
    (204.0, 199.0)
    """
    entrants = _entrants(strategies, self_play)
    names = tuple(s.name for s in entrants)
    k = len(entrants)
    table = _payoff_table(payoffs)
    n_turns = _whole(turns, "turns", 0)
    n_reps = _whole(repetitions, "repetitions", 1)
    p_flip = _probability(noise, "noise")
    children = _seed_sequence(seed).spawn(k * k)

    pairs = [(i, j) for i in range(k) for j in range(i if self_play else i + 1, k)]
    seeds = [children[i * k + j] for i, j in pairs]
    means = _pairing_means(entrants, pairs, seeds, table, n_turns, n_reps, p_flip)
    scores = _score_matrix(k, pairs, means)
    totals = np.nansum(scores, axis=1)
    ranking = tuple(sorted(names, key=lambda n: (-float(totals[names.index(n)]), n)))
    R, S, T, P = (float(v) for v in table.ravel())
    return Tournament(
        names=names,
        scores=_frozen(scores),
        totals=_frozen(totals),
        ranking=ranking,
        payoffs=(R, S, T, P),
        turns=n_turns,
        repetitions=n_reps,
        noise=p_flip,
        self_play=bool(self_play),
    )


def _entrants(
    strategies: Iterable[str | Strategy] | Mapping[str, Strategy], self_play: bool
) -> list[Strategy]:
    """A round robin's strategies; ``ValueError`` for names given twice or too few entrants."""
    entrants = [
        _strategy(s)
        for s in (strategies.values() if isinstance(strategies, Mapping) else strategies)
    ]
    names = tuple(s.name for s in entrants)
    if len(set(names)) != len(names):
        raise ValueError(f"strategy names must be distinct; got {list(names)}")
    if len(entrants) < (1 if self_play else 2):
        raise ValueError("a round robin needs at least two strategies (one, with self_play)")
    return entrants


def _score_matrix(
    k: int, pairs: list[tuple[int, int]], means: list[tuple[float, float]]
) -> FloatArray:
    """``scores[i, j]``: i's mean score per match against j (a self-pairing's diagonal is the
    mean of both seats); NaN for a pairing not played."""
    scores = np.full((k, k), np.nan)
    for (i, j), (row_mean, col_mean) in zip(pairs, means, strict=True):
        if i == j:
            scores[i, i] = (row_mean + col_mean) / 2.0
        else:
            scores[i, j] = row_mean
            scores[j, i] = col_mean
    return scores


def _pairing_means(
    entrants: list[Strategy],
    pairs: list[tuple[int, int]],
    seeds: list[np.random.SeedSequence],
    table: FloatArray,
    n_turns: int,
    n_reps: int,
    p_flip: float,
) -> list[tuple[float, float]]:
    """Each pairing's (row mean, column mean) score per match, in the order of ``pairs``."""
    if all(STRATEGIES.get(s.name) is s for s in entrants):
        return _pairings_at_once(entrants, pairs, seeds, table, n_turns, n_reps, p_flip)
    # A strategy of the caller's may draw as it likes: each pairing plays on its own.
    means = []
    for (i, j), child in zip(pairs, seeds, strict=True):
        result = iterated_match(
            entrants[i],
            entrants[j],
            payoffs=table.ravel(),
            turns=n_turns,
            noise=p_flip,
            seed=child,
            batch=n_reps,
        )
        means.append((float(result.row_score.mean()), float(result.col_score.mean())))
    return means


#: The most flips a round robin draws ahead of play (a bool each).
AHEAD_CELLS = 50_000_000


class _Streams:
    """The one generator a strategy draws from, standing for one stream per pairing it plays.

    A built-in stochastic strategy draws ``rng.random(batch)`` once per turn; here ``batch`` is
    every match of every pairing the strategy plays, and each pairing's share is drawn from that
    pairing's own stream, in order, so each pairing sees exactly the draws of its own match.
    """

    def __init__(self, streams: list[np.random.Generator], each: int) -> None:
        self.streams = streams
        self.each = each

    def random(self, size: int) -> np.ndarray:
        """``size`` uniform draws, ``each`` from every stream in turn."""
        if size != self.each * len(self.streams):
            raise ValueError(f"expected one draw per match ({self.each * len(self.streams)})")
        return np.concatenate([g.random(self.each) for g in self.streams])


def _pairings_at_once(
    entrants: list[Strategy],
    pairs: list[tuple[int, int]],
    seeds: list[np.random.SeedSequence],
    table: np.ndarray,
    n_turns: int,
    n_reps: int,
    p_flip: float,
) -> list[tuple[float, float]]:
    """Every pairing of a round robin of built-in strategies as one batch: each turn calls each
    strategy once for all its matches (in both seats), not once per pairing and seat, so the
    cost no longer grows with the number of pairings times turns. Each pairing keeps its own
    stream, drawn in the order :func:`iterated_match` draws it (row seat, column seat, then
    noise), so every pairing's mean scores are bit-identical to its match played alone.

    Returns each pairing's (row mean, column mean), in the order of ``pairs``.
    """
    n_pairs, reps = len(pairs), n_reps
    width = n_pairs * reps  # matches; a turn's moves are [row seats..., column seats...]
    streams = [np.random.default_rng(seed) for seed in seeds]
    moves = np.zeros((n_turns, 2 * width), dtype=np.int8)  # turn-major, as iterated_match
    plays = _seats(entrants, pairs, streams, n_turns, reps)
    drawing, ahead = _flips_ahead(entrants, pairs, streams, n_turns, reps, p_flip)
    for t in range(n_turns):
        now = moves[t]
        for move, mine, _theirs, _own, _other, own_view, other_view, rng in plays:
            now[mine] = move(own_view[:, :t], other_view[:, :t], t, rng)
        if p_flip > 0.0:
            now ^= ahead[t]
            for p in drawing:
                flips = streams[p].random((2, reps)) < p_flip
                now[p * reps : (p + 1) * reps] ^= flips[0]
                now[width + p * reps : width + (p + 1) * reps] ^= flips[1]
        for _move, mine, theirs, own_buffer, other_buffer, _ov, _tv, _rng in plays:
            own_buffer[t] = now[mine]
            other_buffer[t] = now[theirs]

    means = []
    for p in range(n_pairs):
        row_moves = np.ascontiguousarray(moves[:, p * reps : (p + 1) * reps].T)
        col_moves = np.ascontiguousarray(moves[:, width + p * reps : width + (p + 1) * reps].T)
        row_score = table[row_moves, col_moves].sum(axis=1)
        col_score = table[col_moves, row_moves].sum(axis=1)
        means.append((float(row_score.mean()), float(col_score.mean())))
    return means


#: One strategy's part in a round robin played at once: its move function, the columns of a
#: turn's moves it plays and those it faces, its own and its opponents' histories (turn-major
#: buffers and their read-only ``[matches, t]`` views), and the draws it may make.
_Seat = tuple[
    MoveFunction, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, Any
]


def _seats(
    entrants: list[Strategy],
    pairs: list[tuple[int, int]],
    streams: list[np.random.Generator],
    n_turns: int,
    reps: int,
) -> list[_Seat]:
    """Every strategy that plays, with the matches it plays in either seat (see :data:`_Seat`);
    a stochastic one draws from each of its pairings' streams in turn."""
    width = len(pairs) * reps
    block = np.arange(reps)
    plays: list[_Seat] = []
    for s, strategy in enumerate(entrants):
        rows = [p for p, (i, _j) in enumerate(pairs) if i == s]
        cols = [p for p, (_i, j) in enumerate(pairs) if j == s]
        if not rows and not cols:
            continue
        mine = np.concatenate(
            [p * reps + block for p in rows] + [width + p * reps + block for p in cols]
        )
        theirs = np.concatenate(
            [width + p * reps + block for p in rows] + [p * reps + block for p in cols]
        )
        own_buffer = np.zeros((n_turns, mine.size), dtype=np.int8)
        other_buffer = np.zeros((n_turns, mine.size), dtype=np.int8)
        own_view, other_view = own_buffer.T, other_buffer.T
        own_view.setflags(write=False)
        other_view.setflags(write=False)
        rng: Any = (
            _Streams([streams[p] for p in rows + cols], reps)
            if not strategy.deterministic
            else None
        )
        plays.append(
            (strategy.move, mine, theirs, own_buffer, other_buffer, own_view, other_view, rng)
        )
    return plays


def _flips_ahead(
    entrants: list[Strategy],
    pairs: list[tuple[int, int]],
    streams: list[np.random.Generator],
    n_turns: int,
    reps: int,
    p_flip: float,
) -> tuple[list[int], np.ndarray]:
    """The pairings that draw their flips turn by turn, and every other pairing's flips for
    the whole match, ``[turns, 2 * matches]`` (none without noise)."""
    width = len(pairs) * reps
    # A pairing of two deterministic strategies draws nothing but its flips, so its stream gives
    # every turn's flips in one call (the same numbers as one call a turn); the others draw theirs
    # each turn, after the strategies' own draws, as iterated_match does.
    # (Past AHEAD_CELLS flips, every pairing draws turn by turn: the same numbers, less memory.)
    drawing = [
        p
        for p, (i, j) in enumerate(pairs)
        if p_flip > 0.0
        and (
            n_turns * 2 * width > AHEAD_CELLS
            or not (entrants[i].deterministic and entrants[j].deterministic)
        )
    ]
    ahead = np.zeros((n_turns, 2 * width), dtype=bool)
    if p_flip > 0.0:
        for p in set(range(len(pairs))) - set(drawing):
            flips = streams[p].random((n_turns, 2, reps)) < p_flip
            ahead[:, p * reps : (p + 1) * reps] = flips[:, 0]
            ahead[:, width + p * reps : width + (p + 1) * reps] = flips[:, 1]
    return drawing, ahead
