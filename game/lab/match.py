"""A classic iterated match, printed: both histories as C/D strings, wrapped, and the scores."""

from __future__ import annotations

from collections.abc import Sequence

from game.lab.errors import LabError
from game.theory import STRATEGIES, MatchResult, iterated_match

#: Letters per line of a printed history.
WRAP = 50


def strategy_name(text: str) -> str:
    """``text`` if a classic strategy has that name, else a ``LabError`` listing them."""
    if text not in STRATEGIES:
        raise LabError(
            f"no classic strategy is called {text!r}; known: {', '.join(sorted(STRATEGIES))}"
        )
    return text


def parse_payoffs(text: str) -> tuple[float, float, float, float]:
    """``R,S,T,P`` such as ``3,0,5,1``."""
    try:
        values = tuple(float(v) for v in text.split(","))
    except ValueError:
        values = ()
    if len(values) != 4:
        raise LabError(f"--payoffs takes four numbers R,S,T,P (e.g. 3,0,5,1); got {text!r}")
    return values  # type: ignore[return-value]


def play_match(
    row: str,
    col: str,
    *,
    turns: int,
    noise: float = 0.0,
    seed: int = 0,
    payoffs: Sequence[float] = (3.0, 0.0, 5.0, 1.0),
    repetitions: int = 1,
) -> MatchResult:
    """Two classic strategies over ``turns`` turns, ``repetitions`` times as one batch."""
    if turns < 1:
        raise LabError(f"--turns must be at least 1, got {turns}")
    if not 0.0 <= noise <= 1.0:
        raise LabError(f"--noise is a probability, between 0 and 1; got {noise}")
    if repetitions < 1:
        raise LabError(f"--repetitions must be at least 1, got {repetitions}")
    try:
        return iterated_match(
            strategy_name(row),
            strategy_name(col),
            payoffs=payoffs,
            turns=turns,
            noise=noise,
            seed=seed,
            batch=repetitions,
        )
    except ValueError as exc:
        raise LabError(str(exc)) from None


def _number(x: float) -> str:
    return f"{x:g}" if float(x).is_integer() else f"{x:.2f}"


def describe(result: MatchResult, *, seed: int, wrap: int = WRAP) -> str:
    """Histories of the first match, wrapped with turn numbers, then the scores; with several
    repetitions, also the means over them."""
    row, col = result.row_name, result.col_name
    if row == col:
        row, col = f"{row} (1)", f"{col} (2)"
    R, S, T, P = result.payoffs
    first = "" if result.batch == 1 else f"; histories of match 1 of {result.batch}"
    lines = [
        f"{row} against {col}: {result.turns} turns, noise {result.noise:g}, seed {seed}, "
        f"payoffs R={_number(R)} S={_number(S)} T={_number(T)} P={_number(P)}",
        f"C: cooperate (restrain); D: defect (arm){first}",
    ]
    a, b = result.text(0)
    width = max(len(row), len(col))
    for start in range(0, result.turns, wrap):
        stop = min(start + wrap, result.turns)
        lines.append(f"turns {start + 1}-{stop}")
        lines.append(f"  {row:<{width}}  {a[start:stop]}")
        lines.append(f"  {col:<{width}}  {b[start:stop]}")
    rs, cs = float(result.row_score[0]), float(result.col_score[0])
    t = max(result.turns, 1)
    which = "scores" if result.batch == 1 else f"scores (match 1 of {result.batch})"
    lines.append(
        f"{which}: {row} {_number(rs)}, {col} {_number(cs)} "
        f"(per turn {rs / t:.2f} and {cs / t:.2f}; R = {_number(R)} is unbroken restraint)"
    )
    if result.batch > 1:
        rm, cm = float(result.row_score.mean()), float(result.col_score.mean())
        lines.append(
            f"mean over {result.batch} matches: {row} {rm:.2f} ({rm / t:.3f} per turn), "
            f"{col} {cm:.2f} ({cm / t:.3f} per turn)"
        )
    return "\n".join(lines)
