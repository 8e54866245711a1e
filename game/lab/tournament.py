"""Tournaments of the game's opponents on a scenario: every seating, many repetitions.

Every assignment of the entrants to the scenario's seats (:func:`itertools.product`, so with
``k`` entrants and ``N`` seats there are ``k**N``) plays ``repetitions`` games. Repetition ``r``
of *every* assignment plays seed ``seed + r``: the same hidden kinds and the same dice for every
seating (common random numbers), so differences between seatings are the policies' doing, not
luck's. All the games run as one batch through the one engine (see :mod:`game.lab.mixed`).

An entrant's standing is taken over the seats it played: its mean final score, the share of those
seats whose game ended in war, and its mean final reach. Every entrant plays every seat equally
often, so a strong seat (a great power) favours nobody.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from game.lab.mixed import CHUNK, Outcomes, play
from game.lab.seating import MAX_ASSIGNMENTS, Entrant, assignments
from game.scenarios import Scenario


@dataclass(frozen=True)
class Standing:
    """One entrant's results over every seat it played."""

    label: str
    seats_played: int
    mean_score: float
    war_rate: float
    mean_final_reach: float


@dataclass(frozen=True)
class TournamentResult:
    """Every game of a tournament: world ``a * repetitions + r`` is assignment ``a``, seed
    ``seeds[r]``."""

    scenario: Scenario
    entrants: tuple[Entrant, ...]
    assignments: tuple[tuple[int, ...], ...]
    seeds: tuple[int, ...]
    outcomes: Outcomes

    @property
    def repetitions(self) -> int:
        return len(self.seeds)

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(e.label for e in self.entrants)

    def seated(self) -> np.ndarray:
        """``[W, N]`` the entrant index in each seat of each world."""
        a = np.array(self.assignments, dtype=int)
        return np.repeat(a, self.repetitions, axis=0)

    def standings(self) -> list[Standing]:
        """Per entrant, best mean score first (ties by label)."""
        seated = self.seated()
        war = np.broadcast_to(self.outcomes.war[:, None], seated.shape)
        out = []
        for e, label in enumerate(self.labels):
            mine = seated == e
            count = int(mine.sum())
            out.append(
                Standing(
                    label=label,
                    seats_played=count,
                    mean_score=float(self.outcomes.score[mine].mean()),
                    war_rate=float(war[mine].mean()),
                    mean_final_reach=float(self.outcomes.final_reach[mine].mean()),
                )
            )
        return sorted(out, key=lambda s: (-s.mean_score, s.label))

    def by_state(self) -> np.ndarray:
        """``[k, N]``: each entrant's mean score in each state's seat."""
        seated = self.seated()
        k, n = len(self.entrants), len(self.scenario.states)
        table = np.full((k, n), np.nan)
        for e in range(k):
            for i in range(n):
                mine = seated[:, i] == e
                if mine.any():
                    table[e, i] = self.outcomes.score[mine, i].mean()
        return table

    def csv_header(self) -> list[str]:
        head = ["assignment", "repetition", "seed", "outcome", "turns"]
        for name in self.scenario.names:
            head += [f"{name}_policy", f"{name}_score", f"{name}_final_reach"]
        return head

    def csv_rows(self) -> Iterator[list[Any]]:
        o = self.outcomes
        for a, seating in enumerate(self.assignments):
            for r, seed in enumerate(self.seeds):
                w = a * self.repetitions + r
                row: list[Any] = [
                    a,
                    r,
                    seed,
                    "war" if o.war[w] else "peace",
                    int(o.turns[w]),
                ]
                for i, e in enumerate(seating):
                    row += [self.labels[e], float(o.score[w, i]), float(o.final_reach[w, i])]
                yield row


def run_tournament(
    scenario: Scenario,
    entrants: Sequence[Entrant],
    *,
    repetitions: int,
    seed: int = 0,
    cap: int = MAX_ASSIGNMENTS,
    chunk: int = CHUNK,
    tick: Callable[[], None] = lambda: None,
    digests: bool = False,
) -> TournamentResult:
    """Play every assignment of ``entrants`` to the seats ``repetitions`` times; repetition
    ``r`` plays seed ``seed + r``."""
    seats = assignments(len(entrants), len(scenario.states), cap)
    seeds = tuple(seed + r for r in range(repetitions))
    seatings = [tuple(entrants[e].seat for e in a) for a in seats for _ in seeds]
    world_seeds = [s for _ in seats for s in seeds]
    outcomes = play(scenario, seatings, world_seeds, chunk=chunk, tick=tick, digests=digests)
    return TournamentResult(
        scenario=scenario,
        entrants=tuple(entrants),
        assignments=tuple(seats),
        seeds=seeds,
        outcomes=outcomes,
    )


def payoff_matrix(
    scenario: Scenario,
    entrants: Sequence[Entrant],
    *,
    repetitions: int,
    seed: int = 0,
    chunk: int = CHUNK,
    tick: Callable[[], None] = lambda: None,
) -> np.ndarray:
    """``A[i, j]``: entrant ``i``'s mean score in one seat with ``j`` in every other seat,
    averaged over the seats and the repetitions (seed ``seed + r``). One batch for all."""
    k, n = len(entrants), len(scenario.states)
    seatings: list[tuple[int, ...]] = []
    for i in range(k):
        for j in range(k):
            for s in range(n):
                seating = tuple(i if t == s else j for t in range(n))
                if seating not in seatings:
                    seatings.append(seating)
    seeds = [seed + r for r in range(repetitions)]
    rows = [tuple(entrants[e].seat for e in a) for a in seatings for _ in seeds]
    outcomes = play(scenario, rows, [s for _ in seatings for s in seeds], chunk=chunk, tick=tick)
    score = outcomes.score.reshape(len(seatings), repetitions, n).mean(axis=1)
    index = {a: g for g, a in enumerate(seatings)}
    a = np.zeros((k, k))
    for i in range(k):
        for j in range(k):
            a[i, j] = np.mean(
                [score[index[tuple(i if t == s else j for t in range(n))], s] for s in range(n)]
            )
    return a


def tournament_worlds(k: int, seats: int, repetitions: int) -> int:
    """Worlds a full round robin of ``k`` entrants over ``seats`` seats plays."""
    return k**seats * repetitions


def matrix_worlds(k: int, seats: int, repetitions: int) -> int:
    """Worlds a pairwise matrix of ``k`` entrants over ``seats`` seats plays."""
    return (k + k * (k - 1) * seats) * repetitions
