"""Scenario files: load and validate scenario TOML into frozen dataclasses.

A scenario is data, never code (``docs/scenario-format.md``). Numbers live apart from prose, so
that a teacher can rewrite the intro and the discussion questions without touching the balance:

- ``[params]`` sets any field of :class:`game.engine.state.Params` (the rest keep the engine
  defaults);
- ``[[states]]``, ``[[links]]`` and ``[[deployments]]`` give the starting board;
- ``[[treaties]]`` (in force from the first turn) and ``[[targeting]]`` give the starting
  diplomacy;
- ``[text]`` holds every word a player reads; ``[seats]`` says who plays which state by default.

Everything is checked before a world is built. A problem raises :class:`ScenarioError`, whose
message fits on one line and names the file, the field (a dotted path such as
``states[2].economy``) and what was expected, so that ``python -m game check-scenario FILE`` can
print it as it stands. The loader only reads TOML with :mod:`tomllib`: nothing in a scenario file
is ever executed.

The package, one idea a module (import from ``game.scenarios`` itself, which re-exports the
public names):

- :mod:`game.scenarios.model`: the result (:class:`Scenario`, :class:`StateText`,
  :class:`StateLook`, :class:`Bet`, :class:`QuizQuestion`), :class:`ScenarioError` and the
  format's constants (:data:`FORMAT`, :data:`SHAPES`, :data:`PICTURES`, :data:`MAX_TURNS`, ...);
- :mod:`game.scenarios.rules`: the allowed values (:data:`PARAM_RULES`, :data:`STATE_RULES`) and
  the allowed keys of every table;
- :mod:`game.scenarios.checker`: the checker that collects problems in file order, and the
  checks on references to states by name;
- :mod:`game.scenarios.board`: ``[params]``, ``[[states]]``, ``[[links]]``,
  ``[[deployments]]``, ``[[treaties]]``, ``[[targeting]]`` and ``[seats]``;
- :mod:`game.scenarios.teaching`: ``[text]``, with its bet and its quiz;
- :mod:`game.scenarios.loading`: :func:`load_scenario`, :func:`load_text`, :func:`load_builtin`,
  :func:`builtin_ids` and :func:`load`.
"""

from game.scenarios.loading import builtin_ids, load, load_builtin, load_scenario, load_text
from game.scenarios.model import (
    BET_MEASURES,
    BET_PAIR_MEASURES,
    BET_STATE_MEASURES,
    FORMAT,
    MAX_NAME,
    MAX_QUIZ,
    MAX_STATES,
    MAX_TURNS,
    MIN_QUESTIONS,
    MIN_STATES,
    PICTURES,
    SHAPES,
    Bet,
    QuizQuestion,
    Scenario,
    ScenarioError,
    StateLook,
    StateText,
)
from game.scenarios.rules import MAX_LEAD, PARAM_RULES, STATE_RULES

__all__ = [
    "BET_MEASURES",
    "BET_PAIR_MEASURES",
    "BET_STATE_MEASURES",
    "FORMAT",
    "MAX_LEAD",
    "MAX_NAME",
    "MAX_QUIZ",
    "MAX_STATES",
    "MAX_TURNS",
    "MIN_QUESTIONS",
    "MIN_STATES",
    "PARAM_RULES",
    "PICTURES",
    "SHAPES",
    "STATE_RULES",
    "Bet",
    "QuizQuestion",
    "Scenario",
    "ScenarioError",
    "StateLook",
    "StateText",
    "builtin_ids",
    "load",
    "load_builtin",
    "load_scenario",
    "load_text",
]
