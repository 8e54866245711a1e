"""The teacher's lab at the command line: tournaments, evolution, sweeps and classic matches.

- :mod:`game.lab.verbs`: the ``tournament``, ``evolve``, ``sweep`` and ``match`` commands;
- :mod:`game.lab.tournament`: every seating of the opponents on a scenario, and payoff matrices;
- :mod:`game.lab.evolve`: Moran and replicator dynamics over strategies or opponents;
- :mod:`game.lab.sweep`: a grid of scenario parameters x seeds as one batch;
- :mod:`game.lab.match`: a classic iterated match, printed;
- :mod:`game.lab.mixed`: many seatings and parameter settings in one batch of the one engine;
- :mod:`game.lab.seating`, :mod:`game.lab.tables`, :mod:`game.lab.progress`,
  :mod:`game.lab.plots`, :mod:`game.lab.files`, :mod:`game.lab.errors`: the plumbing.
"""
