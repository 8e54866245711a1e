"""What the theory lens names, over seeded batches with each lesson's own seats (the human seat
played by the baseline): the lessons' stage games come from the payoffs, not from a script.

Every claim runs on two windows of seeds that the model was not tuned on.
"""

from __future__ import annotations

import collections

import numpy as np
import pytest

from game.analysis.core import batch_stage_names
from game.lab.mixed import DILEMMAS
from game.lab.seating import seats_for
from game.lab.sweep import Axis, run_sweep
from game.scenarios import load
from game.session import Runner

WINDOWS = (list(range(20_000, 20_040)), list(range(31_000, 31_040)))


def census(scenario_id: str, seeds: list[int], every: int = 2) -> collections.Counter:
    """Stage-game names of every rival pair, every ``every`` turns, in every world at peace."""
    scenario = load(scenario_id)
    runner = Runner(scenario, seeds, seats_for(None, len(scenario.states), scenario.default_seats))
    n = runner.world.n
    plist = [(i, j) for i in range(n) for j in range(i + 1, n)]
    counts: collections.Counter = collections.Counter()
    while not runner.finished.all():
        world = runner.world
        if world.turn % every == 0:
            names = batch_stage_names(world, plist)
            for i, j in plist:
                rival = (world.alliance[:, i, j] < 0.5) & ~world.over
                counts.update(np.asarray(names[(i, j)])[rival])
        runner.advance(runner.ai_orders())
    return counts


@pytest.mark.parametrize("window", range(len(WINDOWS)))
def test_two_neighbours_is_a_prisoners_dilemma_turn_by_turn(window):
    # Measured on seeds the model was not tuned on: 96-98 % of pair-turns.
    counts = census("two_neighbours", WINDOWS[window])
    share = counts["prisoners_dilemma"] / sum(counts.values())
    assert share >= 0.8


@pytest.mark.parametrize("window", range(len(WINDOWS)))
def test_jervis_offense_and_indistinguishable_is_the_most_dilemma_prone_world(window):
    """The Sandbox at Jervis's four corners: offense dominant with builds that look alike gives
    the most dilemma games (prisoner's dilemma or chicken), defense dominant with builds told
    apart the fewest; measured 85 % against 3 %."""
    seeds = WINDOWS[window][:20]
    scenario = load("sandbox")
    result = run_sweep(
        scenario,
        (Axis("shield_efficiency", (0.5, 2.5)), Axis("distinguishability", (0.0, 1.0))),
        seats_for(None, len(scenario.states), scenario.default_seats),
        seeds=len(seeds),
        seed=seeds[0],
    )
    share = dict(zip(result.points, result.dilemma_share(), strict=True))
    assert share[(0.5, 0.0)] == max(share.values())
    assert share[(2.5, 1.0)] == min(share.values())
    assert share[(0.5, 0.0)] >= share[(2.5, 1.0)] + 0.5


def test_a_dilemma_is_a_prisoners_dilemma_or_chicken():
    assert set(DILEMMAS) == {"prisoners_dilemma", "chicken"}
