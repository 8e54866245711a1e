"""Textbook tools of game theory and arms-race models, usable on their own in a notebook.

numpy and the standard library only: no pygame, no I/O. Every function works on plain numbers
and arrays, and its docstring names the concept and its source.

- :mod:`game.theory.equilibria`: Nash equilibria by support enumeration, best responses,
  Pareto-optimal cells, and the :class:`Game` facade.
- :mod:`game.theory.games`: naming 2x2 games (prisoner's dilemma, stag hunt, chicken, ...) and
  the worked formulas of the security-dilemma literature (Jervis, Kydd, Schelling, Fearon).
- :mod:`game.theory.richardson`: Richardson's arms-race model, its stability, its N-state form
  and fitting it to data.
- :mod:`game.theory.iterated`: iterated 2x2 matches between classic strategies (tit for tat,
  grim trigger, Pavlov, ...), vectorised over a batch, and Axelrod's round-robin tournament.
- :mod:`game.theory.evolution`: replicator dynamics and the Moran process over a population
  of types or strategies.

Examples
--------
>>> from game.theory import Game, symmetric_game
>>> Game(*symmetric_game(R=4, S=1, T=3, P=2)).classify()
'stag_hunt'
"""

from game.theory.equilibria import (
    Equilibrium,
    Game,
    best_responses,
    expected_payoffs,
    is_equilibrium,
    nash_equilibria,
    pareto_optimal_cells,
)
from game.theory.evolution import (
    MoranRun,
    fixation_probability,
    moran_fixation_exact,
    moran_process,
    replicator_dynamics,
)
from game.theory.games import (
    EXAMPLE_PAYOFFS,
    GAME_EXPLANATIONS,
    GAME_NAMES,
    GAME_TITLES,
    JERVIS_WORLD_EXPLANATIONS,
    JERVIS_WORLD_TITLES,
    JERVIS_WORLDS,
    assurance_threshold,
    bargaining_range,
    classify,
    classify_ordering,
    cooperation_interval,
    cooperation_threshold,
    grim_trigger_delta,
    inspection_equilibrium,
    jervis_world,
    orderings,
    prefers_preventive_war,
    strike_threshold,
    symmetric_game,
)
from game.theory.iterated import (
    COOPERATE,
    DEFECT,
    STRATEGIES,
    MatchResult,
    Strategy,
    Tournament,
    iterated_match,
    moves_from_text,
    moves_to_text,
    round_robin,
)
from game.theory.richardson import (
    RichardsonFit,
    richardson_eigenvalues,
    richardson_equilibrium,
    richardson_equilibrium_n,
    richardson_fit,
    richardson_nullclines,
    richardson_simulate,
    richardson_spectral_radius,
    richardson_stable,
    richardson_stable_n,
)

__all__ = [
    # equilibria
    "Equilibrium",
    "Game",
    "best_responses",
    "expected_payoffs",
    "is_equilibrium",
    "nash_equilibria",
    "pareto_optimal_cells",
    # games
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
    # richardson
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
    # iterated
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
    # evolution
    "MoranRun",
    "fixation_probability",
    "moran_fixation_exact",
    "moran_process",
    "replicator_dynamics",
]
