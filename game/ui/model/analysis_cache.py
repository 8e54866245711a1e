"""The analysis of a game in the window, computed once per match and kept on it (until another
turn is played): the debrief, the replay and the export share it."""

from __future__ import annotations

import time

from game.analysis import Analysis, analyse
from game.ui.model.game_match import Match

CACHE_ATTR = "debrief_analysis"


# --------------------------------------------------------------------------------------------
# The analysis, once per game
# --------------------------------------------------------------------------------------------


def match_analysis(match: Match) -> Analysis:
    """The analysis of ``match``'s game, computed once and kept on the match (until another
    turn is played). The seconds it took are kept beside it (:func:`analysis_seconds`)."""
    s = match.session
    key = (len(s.history), s.world.digest())
    cached = getattr(match, CACHE_ATTR, None)
    if cached is not None and cached[0] == key:
        return cached[1]
    t0 = time.perf_counter()
    a = analyse(s)
    setattr(match, CACHE_ATTR, (key, a, time.perf_counter() - t0))
    return a


def analysis_seconds(match: Match) -> float | None:
    """How long the cached analysis of ``match`` took (None before it is computed)."""
    cached = getattr(match, CACHE_ATTR, None)
    return None if cached is None else float(cached[2])
