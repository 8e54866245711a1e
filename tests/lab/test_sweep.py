"""Sweeps: a grid x seeds as one batch, one CSV row per grid point, and each world of the batch
the single game with its point's parameters and its seed: one engine."""

from __future__ import annotations

import dataclasses
import itertools

import numpy as np
import pytest

from game.cli import scenario_with_turns
from game.lab.seating import seats_for
from game.lab.sweep import Axis, jervis_corners, run_sweep, sweepable
from game.scenarios import load
from game.session import Runner

from .conftest import is_png, read_csv


@pytest.fixture(scope="module")
def volatile():
    """The Shield on a hair trigger, so that some worlds go to war within a few turns (with a
    hawk in Veyra's seat, which escalates every crisis)."""
    shield = load("the_shield")
    params = shield.params.replace(crisis_threshold=0.3, base_war_risk=0.25, accident_share=0.5)
    return scenario_with_turns(dataclasses.replace(shield, params=params), 5)


def test_the_csv_has_a_row_per_grid_point_and_rates_are_shares(run, tmp_path) -> None:
    csv_path, png = tmp_path / "sweep.csv", tmp_path / "sweep.png"
    ran = run(
        "sweep",
        "--scenario",
        "the_shield",
        "--param",
        "shield_efficiency=0.2:2:3",
        "--param",
        "distinguishability=0:1:2",
        "--seeds",
        "2",
        "--turns",
        "3",
        "--csv",
        str(csv_path),
        "--heatmap",
        str(png),
    )
    assert ran.code == 0, ran.err
    rows = read_csv(csv_path)
    assert len(rows) == 3 * 2
    assert [(float(r["shield_efficiency"]), float(r["distinguishability"])) for r in rows] == list(
        itertools.product([0.2, 1.1, 2.0], [0.0, 1.0])
    )
    for r in rows:
        assert 0.0 <= float(r["war_rate"]) <= 1.0
        assert float(r["mean_final_arms"]) >= 0.0
        assert 0.0 <= float(r["mean_min_stability"]) <= 1.0
        assert r["seeds"] == "2"
    assert is_png(png)
    assert "6 grid points x 2 seeds = 12 worlds in one run" in ran.out


def test_a_world_of_the_sweep_is_the_single_game_at_its_point(volatile) -> None:
    axes = (Axis("shield_efficiency", (0.3, 1.7)), Axis("tension_arms", (0.15, 0.4)))
    seats = seats_for("baseline,baseline,hawk,baseline", len(volatile.states))
    result = run_sweep(volatile, axes, seats, seeds=3, seed=11, digests=True)
    assert result.outcomes.worlds == 4 * 3
    # both endings, and wars in different turns, are in the batch
    assert 0 < result.outcomes.war.sum() < 12
    assert len(set(result.outcomes.turns[result.outcomes.war].tolist())) > 1
    for g, (eff, arms) in enumerate(result.points):
        point = dataclasses.replace(
            volatile, params=volatile.params.replace(shield_efficiency=eff, tension_arms=arms)
        )
        for s, seed in enumerate(result.seeds):
            alone = Runner(point, [seed], seats)
            while not alone.finished.all():
                alone.advance(alone.ai_orders())
            w = g * 3 + s
            assert alone.world.select(0).digest() == result.outcomes.digests[w]
            assert bool(alone.world.over[0]) == bool(result.outcomes.war[w])
    war = result.war_rate()
    assert ((0 <= war) & (war <= 1)).all()


def test_chunks_change_nothing(volatile) -> None:
    axes = (Axis("shield_efficiency", (0.5, 1.5)),)
    seats = seats_for(None, len(volatile.states))
    whole = run_sweep(volatile, axes, seats, seeds=3, digests=True)
    chunked = run_sweep(volatile, axes, seats, seeds=3, chunk=4, digests=True)
    assert whole.outcomes.digests == chunked.outcomes.digests
    np.testing.assert_array_equal(whole.mean_arms(), chunked.mean_arms())


def test_ranges_and_names() -> None:
    assert Axis.parse("shield_efficiency=0.2:2:10").values == tuple(np.linspace(0.2, 2, 10))
    assert Axis.parse("noise=0.5").values == (0.5,)
    names = sweepable()
    assert "shield_efficiency" in names and "distinguishability" in names
    assert "turns" not in names and "categories" not in names and "recall_lead" not in names


def test_jervis_corners_follow_the_axes() -> None:
    corners = jervis_corners("shield_efficiency", "distinguishability")
    assert corners is not None
    assert corners["low-low"] == "Doubly dangerous"
    assert corners["high-high"] == "Doubly safe"
    flipped = jervis_corners("distinguishability", "shield_efficiency")
    assert flipped is not None and flipped["high-low"] == "No dilemma, but aggression pays"
    assert jervis_corners("shield_efficiency", "noise") is None
