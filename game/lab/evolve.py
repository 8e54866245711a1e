"""Population dynamics over classic strategies or the game's opponents.

The payoff matrix ``A[i, j]`` says what type ``i`` earns against type ``j``:

- classic strategies: mean payoff *per turn* of a :func:`~game.theory.round_robin` with
  self-play (``turns``, ``noise``, ``payoffs``, ``repetitions``);
- game opponents: the mean final score of opponent ``i`` in one seat of a scenario with ``j`` in
  every other seat, over the seats and the repetitions, from one batched tournament
  (:func:`game.lab.tournament.payoff_matrix`). Game scores can be negative and are on the
  scenario's own scale, so the dynamics use them rescaled to [0, 1] (worst pairing 0, best 1);
  the order of the payoffs, and so who beats whom, is unchanged.

Then, from equal shares:

- ``moran`` (Moran 1958; Nowak et al. 2004): a population of ``population`` individuals, fitness
  ``1 - w + w * payoff``; one *generation* here is ``population`` birth-death steps, so that the
  population is replaced once on average;
- ``replicator`` (Taylor & Jonker 1978): an infinite population, one Euler step of length
  ``0.5 / (max A - min A)`` per generation.

Seeds: ``SeedSequence(seed).spawn(2)``: the first child seeds the round robin (classic), the
second the Moran draws. Opponent tournaments play seed ``seed + r`` in repetition ``r``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from game.lab.errors import LabError
from game.lab.seating import Entrant
from game.lab.tournament import payoff_matrix
from game.scenarios import Scenario
from game.theory import moran_process, replicator_dynamics, round_robin

MODES = ("moran", "replicator")


@dataclass(frozen=True)
class Evolution:
    """Shares of each type at every generation, and how it ended."""

    names: tuple[str, ...]
    mode: str
    shares: np.ndarray  # [generations + 1, k], each row sums to 1
    payoffs: np.ndarray  # [k, k] as measured (per turn, or game score)
    population: int  # 0 for the replicator's infinite population
    fixated: str | None  # Moran: the type that took over, if one did
    fixated_at: int | None  # the generation it did

    @property
    def generations(self) -> int:
        return int(self.shares.shape[0]) - 1

    def csv_header(self) -> list[str]:
        return ["generation", *self.names]

    def csv_rows(self) -> list[list[float]]:
        return [[g, *map(float, row)] for g, row in enumerate(self.shares)]


def equal_counts(k: int, population: int) -> np.ndarray:
    """``population`` split as evenly as possible over ``k`` types (the first get the rest)."""
    if population < max(k, 2):
        raise LabError(
            f"--population {population} cannot hold {k} types: give at least {max(k, 2)}"
        )
    counts = np.full(k, population // k, dtype=int)
    counts[: population % k] += 1
    return counts


def rescaled(a: np.ndarray) -> np.ndarray:
    """``a`` mapped onto [0, 1], worst entry 0 and best 1 (all 0.5 when every entry is equal)."""
    lo, hi = float(a.min()), float(a.max())
    if hi - lo <= 1e-12:
        return np.full_like(a, 0.5)
    return (a - lo) / (hi - lo)


def dynamics(
    a: np.ndarray,
    names: Sequence[str],
    *,
    mode: str,
    population: int,
    generations: int,
    intensity: float,
    seed: np.random.SeedSequence | int | None,
    shown: np.ndarray | None = None,
) -> Evolution:
    """Run ``mode`` over payoff matrix ``a`` from equal shares (``shown``: the matrix to report,
    if ``a`` was rescaled)."""
    if mode not in MODES:
        raise LabError(f"--mode must be one of {', '.join(MODES)}, got {mode!r}")
    if generations < 1:
        raise LabError(f"--generations must be at least 1, got {generations}")
    k = len(names)
    counts = equal_counts(k, population)
    fixated: str | None = None
    fixated_at: int | None = None
    try:
        if mode == "moran":
            run = moran_process(
                counts,
                a,
                generations=generations * population,
                intensity=intensity,
                seed=seed,
            )
            shares = run.shares[::population]
            if run.fixated is not None and run.fixated_at is not None:
                fixated = names[run.fixated]
                fixated_at = -(-run.fixated_at // population)
        else:
            spread = float(a.max() - a.min())
            dt = 0.5 / spread if spread > 0 else 0.1
            shares = replicator_dynamics(a, np.full(k, 1.0 / k), generations, dt=dt)
            population = 0
    except ValueError as exc:  # the theory's own one-line explanation
        raise LabError(str(exc)) from None
    return Evolution(
        names=tuple(names),
        mode=mode,
        shares=np.asarray(shares, dtype=float),
        payoffs=np.asarray(a if shown is None else shown, dtype=float),
        population=population,
        fixated=fixated,
        fixated_at=fixated_at,
    )


def evolve_strategies(
    strategies: Sequence[str],
    *,
    mode: str = "moran",
    population: int = 30,
    generations: int = 100,
    seed: int = 0,
    turns: int = 200,
    noise: float = 0.0,
    payoffs: Sequence[float] = (3.0, 0.0, 5.0, 1.0),
    repetitions: int = 10,
    intensity: float = 0.5,
) -> Evolution:
    """Evolution over classic strategies of :mod:`game.theory.iterated`."""
    tournament_seed, moran_seed = np.random.SeedSequence(seed).spawn(2)
    try:
        t = round_robin(
            list(strategies),
            payoffs=payoffs,
            turns=turns,
            repetitions=repetitions,
            noise=noise,
            seed=tournament_seed,
            self_play=True,
        )
    except ValueError as exc:
        raise LabError(str(exc)) from None
    a = np.array(t.per_turn)
    return dynamics(
        a,
        t.names,
        mode=mode,
        population=population,
        generations=generations,
        intensity=intensity,
        seed=moran_seed,
    )


def evolve_policies(
    scenario: Scenario,
    entrants: Sequence[Entrant],
    *,
    mode: str = "moran",
    population: int = 30,
    generations: int = 100,
    seed: int = 0,
    repetitions: int = 10,
    intensity: float = 0.5,
    tick: Callable[[], None] = lambda: None,
) -> Evolution:
    """Evolution over the game's opponents, scored by a batched tournament of ``scenario``."""
    if len(entrants) < 2:
        raise LabError("evolution needs at least two policies")
    raw = payoff_matrix(scenario, entrants, repetitions=repetitions, seed=seed, tick=tick)
    moran_seed = np.random.SeedSequence(seed).spawn(2)[1]
    return dynamics(
        rescaled(raw),
        [e.label for e in entrants],
        mode=mode,
        population=population,
        generations=generations,
        intensity=intensity,
        seed=moran_seed,
        shown=raw,
    )
