"""A round robin of built-in strategies plays every pairing as one batch; each pairing's scores
must still be those of its match played alone (its own stream, the same draws in the same order)."""

from __future__ import annotations

import numpy as np
import pytest

from game.theory import STRATEGIES, Strategy, round_robin
from game.theory.iterated import iterated_match

FIELD = tuple(STRATEGIES)  # the stochastic ones (generous tit for tat, random) included


def pairing_by_pairing(names, *, turns, repetitions, noise, seed, self_play):
    """The reference: each pairing played alone by iterated_match, seeded as documented."""
    k = len(names)
    children = np.random.SeedSequence(seed).spawn(k * k)
    scores = np.full((k, k), np.nan)
    for i in range(k):
        for j in range(i if self_play else i + 1, k):
            r = iterated_match(
                names[i],
                names[j],
                turns=turns,
                noise=noise,
                seed=children[i * k + j],
                batch=repetitions,
            )
            row, col = float(r.row_score.mean()), float(r.col_score.mean())
            if i == j:
                scores[i, i] = (row + col) / 2.0
            else:
                scores[i, j], scores[j, i] = row, col
    return scores


@pytest.mark.parametrize(
    ("turns", "repetitions", "noise", "seed", "self_play"),
    [(30, 4, 0.0, 1, False), (25, 3, 0.1, 7, True), (1, 2, 0.5, 3, False), (0, 1, 0.0, 2, True)],
)
def test_every_pairing_scores_as_if_played_alone(turns, repetitions, noise, seed, self_play):
    t = round_robin(
        FIELD, turns=turns, repetitions=repetitions, noise=noise, seed=seed, self_play=self_play
    )
    expected = pairing_by_pairing(
        FIELD, turns=turns, repetitions=repetitions, noise=noise, seed=seed, self_play=self_play
    )
    np.testing.assert_array_equal(t.scores, expected)


def test_a_field_in_another_order_gives_each_pairing_its_own_stream():
    names = ("random", "grim_trigger", "generous_tit_for_tat", "tit_for_tat")
    t = round_robin(names, turns=40, repetitions=5, noise=0.05, seed=11, self_play=True)
    expected = pairing_by_pairing(
        names, turns=40, repetitions=5, noise=0.05, seed=11, self_play=True
    )
    np.testing.assert_array_equal(t.scores, expected)


def test_a_callers_own_strategy_still_plays():
    """A strategy that is not a built-in (here one that draws twice a turn) plays each pairing
    on its own, with the same result as alone."""
    twice = Strategy(
        name="coin_twice",
        title="Two coins",
        description="Defects when two coins both land heads.",
        source="a test",
        deterministic=False,
        move=lambda own, other, t, rng: (rng.random(other.shape[0]) < 0.5)
        & (rng.random(other.shape[0]) < 0.5),
    )
    t = round_robin([twice, "tit_for_tat"], turns=20, repetitions=3, seed=5)
    r = iterated_match(
        twice,
        "tit_for_tat",
        turns=20,
        batch=3,
        seed=np.random.SeedSequence(5).spawn(4)[1],
    )
    assert t.score("coin_twice", "tit_for_tat") == float(r.row_score.mean())


def scan_grim(own, other, t, rng):
    """Grim trigger as it was: a scan of the whole history every turn."""
    return other.max(axis=1) if t > 0 else np.zeros(other.shape[0], dtype=np.int8)


@pytest.mark.parametrize("noise", [0.0, 0.02, 0.2])
def test_grim_trigger_remembers_what_a_scan_would_find(noise):
    scan = Strategy("scan_grim", "Grim (scan)", "The old grim trigger.", "a test", True, scan_grim)
    for opponent in ("random", "alternator", "tit_for_tat", "generous_tit_for_tat"):
        fast = iterated_match("grim_trigger", opponent, turns=120, noise=noise, seed=3, batch=9)
        slow = iterated_match(scan, opponent, turns=120, noise=noise, seed=3, batch=9)
        np.testing.assert_array_equal(fast.row_moves, slow.row_moves)
        np.testing.assert_array_equal(fast.col_moves, slow.col_moves)


def test_grim_trigger_on_histories_it_has_not_followed():
    """Called out of order, twice a turn, or on a fresh array, it scans instead of trusting a
    kept answer."""
    grim = STRATEGIES["grim_trigger"].move
    rng = np.random.default_rng(0)
    buffer = np.zeros((6, 4), dtype=np.int8)  # turn-major, as a match keeps it
    view = buffer.T
    buffer[2, 1] = 1
    assert list(grim(view[:, :0], view[:, :0], 0, rng)) == [0, 0, 0, 0]
    assert list(grim(view[:, :4], view[:, :4], 4, rng)) == [0, 1, 0, 0]  # skipped turns
    buffer[4, 3] = 1
    assert list(grim(view[:, :5], view[:, :5], 5, rng)) == [0, 1, 0, 1]
    assert list(grim(view[:, :5], view[:, :5], 5, rng)) == [0, 1, 0, 1]  # the same turn again
    history = rng.random((4, 7)) < 0.1  # an array of its own
    assert list(grim(history, history, 7, rng)) == list(history.max(axis=1))
    out = grim(view[:, :6], view[:, :6], 6, rng)
    out[:] = 0  # a caller writing into the answer does not change what is kept
    buffer[5] = 0
    assert list(grim(view[:, :6], view[:, :6], 6, rng)) == [0, 1, 0, 1]


def test_flips_drawn_turn_by_turn_past_the_memory_cap(monkeypatch):
    """A round robin too big to draw its flips ahead draws them turn by turn: the same scores."""
    from game.theory import iterated

    names = ("grim_trigger", "tit_for_tat", "alternator", "random")
    ahead = round_robin(names, turns=30, repetitions=4, noise=0.1, seed=9)
    monkeypatch.setattr(iterated, "AHEAD_CELLS", 0)
    stepwise = round_robin(names, turns=30, repetitions=4, noise=0.1, seed=9)
    np.testing.assert_array_equal(ahead.scores, stepwise.scores)
    expected = pairing_by_pairing(
        names, turns=30, repetitions=4, noise=0.1, seed=9, self_play=False
    )
    np.testing.assert_array_equal(ahead.scores, expected)
