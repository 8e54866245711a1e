"""Tournaments: every seating is played, the table agrees with the CSV, and a seating played
inside the mixed batch is the very game played alone."""

from __future__ import annotations

import itertools
from collections import Counter

import numpy as np
import pytest

from game.cli import scenario_with_turns
from game.lab.seating import Entrant, parse_entrants
from game.lab.tournament import payoff_matrix, run_tournament
from game.scenarios import load
from game.session import Runner

from .conftest import read_csv

ENTRANTS = (Entrant("baseline", "easy"), Entrant("baseline", "hard"))
SEATS = ("Aurum", "Brisa", "Veyra", "Ostrel")


@pytest.fixture(scope="module")
def shield3():
    return scenario_with_turns(load("the_shield"), 3)


@pytest.fixture(scope="module")
def result(shield3):
    return run_tournament(shield3, ENTRANTS, repetitions=2, seed=5, digests=True)


def test_every_assignment_is_played_for_every_repetition(result) -> None:
    assert result.assignments == tuple(itertools.product(range(2), repeat=4))
    assert result.outcomes.worlds == 16 * 2
    seated = result.seated()
    # each entrant sits in each seat in exactly half of the worlds
    assert ((seated == 0).sum(axis=0) == 16).all()


def test_a_seating_in_the_mixed_batch_is_the_single_game(shield3, result) -> None:
    for a in (0, 5, 10, 15):
        seats = tuple(ENTRANTS[e].seat for e in result.assignments[a])
        for r, seed in enumerate(result.seeds):
            alone = Runner(shield3, [seed], seats)
            while not alone.finished.all():
                alone.advance(alone.ai_orders())
            w = a * result.repetitions + r
            assert alone.world.select(0).digest() == result.outcomes.digests[w]


def test_repetition_r_plays_seed_plus_r_in_every_assignment(result) -> None:
    assert result.seeds == (5, 6)
    rows = list(result.csv_rows())
    assert [row[2] for row in rows] == [5, 6] * 16


def test_cli_table_and_csv_agree(run, tmp_path) -> None:
    path = tmp_path / "games.csv"
    ran = run(
        "tournament",
        "--scenario",
        "the_shield",
        "--policies",
        "baseline:easy,baseline:hard",
        "--repetitions",
        "2",
        "--turns",
        "3",
        "--seed",
        "5",
        "--csv",
        str(path),
    )
    assert ran.code == 0, ran.err
    rows = read_csv(path)
    assert len(rows) == 16 * 2
    seatings = {tuple(row[f"{s}_policy"] for s in SEATS) for row in rows}
    assert len(seatings) == 16
    assert Counter(row["seed"] for row in rows) == {"5": 16, "6": 16}
    # the table's mean score, war rate and final reach, recomputed from the CSV's games
    for label in ("baseline:easy", "baseline:hard"):
        scores, wars, reach = [], [], []
        for row in rows:
            for s in SEATS:
                if row[f"{s}_policy"] == label:
                    scores.append(float(row[f"{s}_score"]))
                    wars.append(row["outcome"] == "war")
                    reach.append(float(row[f"{s}_final_reach"]))
        line = next(ln for ln in ran.out.splitlines() if ln.split()[:1] == [label])
        cells = line.split()
        assert int(cells[1]) == len(scores) == 64
        assert float(cells[2]) == pytest.approx(np.mean(scores), abs=1e-3)
        assert float(cells[3]) == pytest.approx(np.mean(wars), abs=1e-3)
        assert float(cells[4]) == pytest.approx(np.mean(reach), abs=1e-3)
    assert "16 seat assignments x 2 repetitions = 32 games" in ran.out


def test_the_same_command_prints_the_same_bytes(run, tmp_path) -> None:
    argv = (
        "tournament",
        "--scenario",
        "two_neighbours",
        "--policies",
        "baseline,baseline:hard",
        "--repetitions",
        "2",
        "--turns",
        "2",
    )
    assert run(*argv).out == run(*argv).out


def test_payoff_matrix_reads_one_seat_against_the_rest(shield3) -> None:
    a = payoff_matrix(shield3, ENTRANTS, repetitions=2, seed=5)
    assert a.shape == (2, 2) and np.isfinite(a).all()
    # the diagonal is the all-same seating: the mean score over all seats of that game
    same = run_tournament(shield3, ENTRANTS[:1], repetitions=2, seed=5)
    assert a[0, 0] == pytest.approx(same.outcomes.score.mean())


@pytest.mark.parametrize("pair", ["grudger,random:hard", "hawk,forgiving_copycat:easy"])
def test_characters_with_memory_and_dice_play_the_same_games_mixed(shield3, pair) -> None:
    """Opponents that remember (grudger), draw (random) or answer diplomacy each see, in the
    mixed batch, exactly the worlds and streams they would see alone."""
    from game.policies import REGISTRY

    names = [p.split(":")[0] for p in pair.split(",")]
    if not all(n in REGISTRY for n in names):
        pytest.skip(f"{pair} not in the registry yet")
    entrants = parse_entrants(pair)
    res = run_tournament(shield3, entrants, repetitions=1, seed=2, digests=True)
    for a, seating in enumerate(res.assignments):
        alone = Runner(shield3, [2], tuple(entrants[e].seat for e in seating))
        while not alone.finished.all():
            alone.advance(alone.ai_orders())
        assert alone.world.select(0).digest() == res.outcomes.digests[a]
