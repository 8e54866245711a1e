"""The debrief's analysis of a game: series, turning points, Richardson fits, stage games,
counterfactual replays, classroom bets, CSV rows and charts.

Pure numpy (plus matplotlib's Agg backend in :mod:`game.analysis.charts`); never pygame.
A debrief screen and an HTML/CSV report are built on top of this API::

    from game.analysis import analyse, turn_rows
    a = analyse(session)                 # a finished or in-progress game.session.Session
    a.series.reach[-1]                   # [N] reach now
    for tp in a.turning_points: print(tp.turn, tp.tag, tp.text)
    rows = turn_rows(a)                  # list of dicts for a CSV

    from game.analysis import charts
    png_bytes = charts.png(a, "arms")    # see charts.FIGURES for every chart name

Public names:

- :func:`analyse` -> :class:`Analysis` (with :class:`Series`, :class:`TurningPoint`,
  :class:`PairFit`, :class:`Counterfactual`), :data:`TAGS` (turning-point tag -> glossary id)
- :func:`series_of` (the series of a session alone, cheap)
- :func:`bet_outcome`, :func:`bet_value`, :func:`bet_window`, :data:`BET_MEASURES`,
  :func:`bet_report` -> :class:`BetReport` (classroom predictions, :mod:`game.analysis.bets`)
- the sentences the debrief and the report share: :mod:`game.analysis.words`
- :func:`turn_rows`, :data:`ROW_COLUMNS` (CSV rows, :mod:`game.analysis.rows`)
"""

from game.analysis.bets import (
    BET_LABELS,
    BET_MEASURES,
    FELL,
    LEVEL,
    ROSE,
    BetReport,
    bet_outcome,
    bet_report,
    bet_value,
    bet_window,
)
from game.analysis.core import analyse
from game.analysis.counterfactuals import COUNTERFACTUALS, replay
from game.analysis.rows import ROW_COLUMNS, turn_rows
from game.analysis.series import series_of
from game.analysis.turning import MAX_POINTS, turning_points
from game.analysis.types import (
    TAGS,
    THEORY,
    Analysis,
    Counterfactual,
    PairFit,
    Series,
    TurningPoint,
)

__all__ = [
    "BET_LABELS",
    "BET_MEASURES",
    "COUNTERFACTUALS",
    "FELL",
    "LEVEL",
    "MAX_POINTS",
    "ROSE",
    "ROW_COLUMNS",
    "TAGS",
    "THEORY",
    "Analysis",
    "BetReport",
    "Counterfactual",
    "PairFit",
    "Series",
    "TurningPoint",
    "analyse",
    "bet_outcome",
    "bet_report",
    "bet_value",
    "bet_window",
    "replay",
    "series_of",
    "turn_rows",
    "turning_points",
]
