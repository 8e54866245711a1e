"""Classroom bets: before a turn, the class predicts whether a measure will fall, hold or rise.

A scenario's optional ``[text.bet]`` table describes one bet. This module only needs an object
with these attributes (duck-typed, so it works with the loader's dataclass and with a plain
``types.SimpleNamespace``):

``measure``
    one of :data:`BET_MEASURES`:

    ==============  ========================================================================
    ``reach``       total reach (home + abroad) summed over ``states``
    ``shield``      total shield (home + abroad) summed over ``states``
    ``arms``        reach + shield summed over ``states``
    ``economy``     economy summed over ``states``
    ``trust``       mean over ``states`` of the mean belief *the other states* hold that it
                    is a security seeker
    ``tension``     mean tension over the pairs ``between``
    ``stability``   mean first-strike stability over the pairs ``between``
    ==============  ========================================================================

``states``
    state names (empty or missing: every state);
``between``
    pairs of state names (empty or missing: every pair);
``ask_before``
    the 1-based turn before which the bet is placed;
``reveal_after``
    the 1-based turn after which the answer is revealed (clipped to the turns played; 0 or
    missing: the last turn played, as ``game.scenarios.Bet`` defines it).

:func:`bet_outcome` compares the world before turn ``ask_before`` with the world after turn
``reveal_after`` and returns :data:`FELL` (0), :data:`LEVEL` (1) or :data:`ROSE` (2). "Level"
means a relative change within +-5 % (:data:`RELATIVE_BAND`) for the stocks and the economy,
and an absolute change within +-0.03 (:data:`ABSOLUTE_BAND`) for tension, stability and trust.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from game.analysis.types import Series

#: Measures a bet can be about.
BET_MEASURES: tuple[str, ...] = (
    "reach",
    "shield",
    "arms",
    "tension",
    "stability",
    "trust",
    "economy",
)
#: Outcomes, and their words (index = outcome).
FELL, LEVEL, ROSE = 0, 1, 2
BET_LABELS: tuple[str, ...] = ("fell", "level", "rose")
#: Half-widths of the "level" band.
RELATIVE_BAND = 0.05  # stocks and economy: share of the starting value
ABSOLUTE_BAND = 0.03  # tension, stability, trust: in [0, 1] units
_RELATIVE = ("reach", "shield", "arms", "economy")


def _series(source: Any) -> tuple[Series, tuple[str, ...]]:
    """(series, names) from a Session, an Analysis, or a (Series, names) pair."""
    if isinstance(source, tuple) and len(source) == 2 and isinstance(source[0], Series):
        return source[0], tuple(source[1])
    if hasattr(source, "series") and hasattr(source, "names"):
        return source.series, tuple(source.names)
    from game.analysis.core import series_of

    return series_of(source), tuple(source.scenario.names)


def _indices(names: tuple[str, ...], wanted: Sequence[str] | None) -> list[int]:
    if not wanted:
        return list(range(len(names)))
    out = []
    for w in wanted:
        if w not in names:
            raise ValueError(f"a bet names {w!r}, which is not a state ({', '.join(names)})")
        out.append(names.index(w))
    return out


def _pairs(names: tuple[str, ...], wanted: Sequence[Sequence[str]] | None) -> list[tuple[int, int]]:
    if not wanted:
        n = len(names)
        return [(i, j) for i in range(n) for j in range(i + 1, n)]
    out = []
    for pair in wanted:
        a, b = _indices(names, list(pair))
        if a == b:
            raise ValueError(f"a bet's pair needs two different states, got {tuple(pair)}")
        out.append((a, b))
    return out


def bet_value(source: Any, bet: Any, index: int) -> float:
    """The bet's measure at point ``index`` of the series (0: the start world, ``t``: after turn
    ``t``). ``source`` is a Session, an Analysis, or a ``(Series, names)`` pair."""
    series, names = _series(source)
    measure = getattr(bet, "measure", "")
    if measure not in BET_MEASURES:
        raise ValueError(
            f"a bet's measure must be one of {', '.join(BET_MEASURES)}, got {measure!r}"
        )
    t = int(np.clip(index, 0, series.turns))
    states = _indices(names, getattr(bet, "states", ()) or ())
    if measure == "reach":
        return float(series.reach[t, states].sum())
    if measure == "shield":
        return float(series.shield[t, states].sum())
    if measure == "arms":
        return float(series.reach[t, states].sum() + series.shield[t, states].sum())
    if measure == "economy":
        return float(series.economy[t, states].sum())
    if measure == "trust":
        n = series.n
        per = [float(np.mean([series.trust[t, o, s] for o in range(n) if o != s])) for s in states]
        return float(np.mean(per))
    pair_list = _pairs(names, getattr(bet, "between", ()) or ())
    arr = series.tension if measure == "tension" else series.stability
    return float(np.mean([arr[t, i, j] for i, j in pair_list]))


def bet_window(bet: Any, turns_played: int) -> tuple[int, int]:
    """(start, end) series indices a bet compares: the world before turn ``ask_before`` and the
    world after turn ``reveal_after`` (0 or missing: the last turn), both clipped to the turns
    played. ``end <= start`` means there is nothing to reveal yet."""
    start = int(np.clip(int(getattr(bet, "ask_before", 1)) - 1, 0, turns_played))
    reveal = int(getattr(bet, "reveal_after", 0) or 0)
    end = turns_played if reveal <= 0 else min(reveal, turns_played)
    return start, end


def bet_outcome(session: Any, bet: Any) -> int:
    """0 if the bet's measure fell, 1 if it held level, 2 if it rose, from the world before turn
    ``bet.ask_before`` to the world after turn ``bet.reveal_after`` (clipped to the turns played;
    see the module docstring for the bands). ``session`` may also be an Analysis."""
    series, names = _series(session)
    start, end = bet_window(bet, series.turns)
    if end <= start:
        return LEVEL
    before = bet_value((series, names), bet, start)
    after = bet_value((series, names), bet, end)
    change = after - before
    if bet.measure in _RELATIVE:
        band = RELATIVE_BAND * abs(before)
        if before == 0.0:
            band = 1e-9
    else:
        band = ABSOLUTE_BAND
    band += 1e-12  # the band's edge counts as level, whatever the rounding
    if change > band:
        return ROSE
    if change < -band:
        return FELL
    return LEVEL
