"""Iterated 2x2 games: the classic strategies' histories, textbook scores and tournaments."""

from __future__ import annotations

import doctest
import itertools
import re

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import game.theory.iterated
from game.theory import (
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

AXELROD = (3, 0, 5, 1)  # (R, S, T, P)
DETERMINISTIC = sorted(name for name, s in STRATEGIES.items() if s.deterministic)


def moves(row: str | Strategy, col: str | Strategy, turns: int, **kwargs) -> tuple[str, str]:
    """Both histories of one match, as C/D strings."""
    return iterated_match(row, col, turns=turns, **kwargs).text()


def scores(row: str, col: str, turns: int, **kwargs) -> tuple[float, float]:
    return iterated_match(row, col, turns=turns, **kwargs).scores


# ---------------------------------------------------------------------------------------------
# The registry
# ---------------------------------------------------------------------------------------------

CLASSICS = {
    "tit_for_tat",
    "grim_trigger",
    "always_cooperate",
    "always_defect",
    "alternator",
    "tit_for_two_tats",
    "win_stay_lose_shift",
    "suspicious_tit_for_tat",
    "generous_tit_for_tat",
    "detective",
    "random",
}


def test_every_classic_strategy_is_registered():
    assert CLASSICS <= set(STRATEGIES)


@pytest.mark.parametrize("name", sorted(STRATEGIES))
def test_each_strategy_declares_itself(name):
    s = STRATEGIES[name]
    assert s.name == name
    assert s.title and s.title != name and s.title[0].isupper()
    assert s.description and "\n" not in s.description and len(s.description) <= 100
    assert s.description.endswith(".")
    assert re.search(r"\b(19|20)\d\d\b", s.source), "a source is an author and a year"
    assert callable(s.move)


def test_only_the_generous_and_the_random_strategies_draw_chance():
    assert {n for n, s in STRATEGIES.items() if not s.deterministic} == {
        "generous_tit_for_tat",
        "random",
    }


def test_moves_are_zero_for_cooperate_and_one_for_defect():
    assert (COOPERATE, DEFECT) == (0, 1)
    assert moves_to_text([0, 1, 1, 0]) == "CDDC"
    assert moves_from_text("cDDc").tolist() == [0, 1, 1, 0]
    assert moves_to_text(moves_from_text("CCDCDD")) == "CCDCDD"
    with pytest.raises(ValueError, match="C and D"):
        moves_from_text("CXD")
    with pytest.raises(ValueError):
        moves_to_text([0, 2])


# ---------------------------------------------------------------------------------------------
# Expected histories, strategy by strategy
# ---------------------------------------------------------------------------------------------

HISTORIES = [
    # tit for tat: restrain first, then copy
    ("tit_for_tat", "alternator", "CCDCDC", "CDCDCD"),
    ("tit_for_tat", "always_defect", "CDDDDD", "DDDDDD"),
    ("tit_for_tat", "tit_for_tat", "CCCCCC", "CCCCCC"),
    ("tit_for_tat", "suspicious_tit_for_tat", "CDCDCD", "DCDCDC"),  # an echo of one slight
    # grim trigger: one arming and the trust is gone for good
    ("grim_trigger", "alternator", "CCDDDD", "CDCDCD"),
    ("grim_trigger", "suspicious_tit_for_tat", "CDDDDD", "DCDDDD"),
    ("grim_trigger", "always_cooperate", "CCCCCC", "CCCCCC"),
    # the unconditional ones
    ("always_cooperate", "always_defect", "CCCCCC", "DDDDDD"),
    ("alternator", "always_defect", "CDCDCD", "DDDDDD"),
    ("alternator", "alternator", "CDCDCD", "CDCDCD"),
    # tit for two tats: lets a single arming pass
    ("tit_for_two_tats", "alternator", "CCCCCC", "CDCDCD"),
    ("tit_for_two_tats", "always_defect", "CCDDDD", "DDDDDD"),
    ("tit_for_two_tats", "suspicious_tit_for_tat", "CCCCCC", "DCCCCC"),
    # win-stay, lose-shift (Pavlov)
    ("win_stay_lose_shift", "always_defect", "CDCDCD", "DDDDDD"),
    ("win_stay_lose_shift", "always_cooperate", "CCCCCC", "CCCCCC"),
    ("win_stay_lose_shift", "alternator", "CCDDCCDD", "CDCDCDCD"),
    ("win_stay_lose_shift", "suspicious_tit_for_tat", "CDDCDD", "DCDDCD"),
    # suspicious tit for tat: arms first, then copies
    ("suspicious_tit_for_tat", "always_cooperate", "DCCCCC", "CCCCCC"),
    ("suspicious_tit_for_tat", "suspicious_tit_for_tat", "DDDDDD", "DDDDDD"),
    # detective: probes, then copies a rival that hit back and exploits one that did not
    ("detective", "always_cooperate", "CDCCDDDD", "CCCCCCCC"),
    ("detective", "tit_for_tat", "CDCCCCCC", "CCDCCCCC"),
    ("detective", "always_defect", "CDCCDDDD", "DDDDDDDD"),
    ("detective", "alternator", "CDCCDCDC", "CDCDCDCD"),
    ("detective", "detective", "CDCCCCCC", "CDCCCCCC"),
    # generous tit for tat never needs to forgive a rival that never arms
    ("generous_tit_for_tat", "always_cooperate", "CCCCCC", "CCCCCC"),
    ("generous_tit_for_tat", "tit_for_tat", "CCCCCC", "CCCCCC"),
]


@pytest.mark.parametrize(("row", "col", "row_text", "col_text"), HISTORIES)
def test_expected_histories(row, col, row_text, col_text):
    assert moves(row, col, len(row_text), seed=2024) == (row_text, col_text)
    # The same match with the seats swapped.
    assert moves(col, row, len(row_text), seed=2024) == (col_text, row_text)


def test_every_classic_strategy_has_expected_histories():
    tested = {name for case in HISTORIES for name in case[:2]}
    assert CLASSICS - tested == {"random"}  # random is tested by its frequencies below


# ---------------------------------------------------------------------------------------------
# Textbook scores
# ---------------------------------------------------------------------------------------------


def test_tit_for_tat_against_the_alternator_scores_23_to_28():
    assert scores("tit_for_tat", "alternator", 10, payoffs=AXELROD) == (23.0, 28.0)


@pytest.mark.parametrize(
    ("row", "col", "turns", "expected"),
    [
        ("tit_for_tat", "always_defect", 10, (9.0, 14.0)),  # one sucker's payoff, then P
        ("always_cooperate", "always_defect", 10, (0.0, 50.0)),
        ("tit_for_tat", "tit_for_tat", 200, (600.0, 600.0)),  # Axelrod's benchmark
        ("always_defect", "always_defect", 200, (200.0, 200.0)),
        ("tit_for_two_tats", "always_defect", 200, (198.0, 208.0)),
        ("win_stay_lose_shift", "always_defect", 10, (5.0, 30.0)),
    ],
)
def test_textbook_totals(row, col, turns, expected):
    assert scores(row, col, turns, payoffs=AXELROD) == expected


def test_payoffs_are_read_as_R_S_T_P():
    # A stag hunt: R = 4, S = 1, T = 3, P = 2.
    assert scores("always_cooperate", "always_defect", 1, payoffs=(4, 1, 3, 2)) == (1.0, 3.0)
    assert scores("always_cooperate", "always_cooperate", 1, payoffs=(4, 1, 3, 2)) == (4.0, 4.0)
    assert scores("always_defect", "always_defect", 1, payoffs=(4, 1, 3, 2)) == (2.0, 2.0)


def test_turn_payoffs_add_up_to_the_scores():
    result = iterated_match("win_stay_lose_shift", "alternator", turns=8)
    row_pay, col_pay = result.turn_payoffs()
    assert row_pay.tolist() == [[3, 0, 5, 1, 3, 0, 5, 1]]
    assert col_pay.tolist() == [[3, 5, 0, 1, 3, 5, 0, 1]]
    assert result.scores == (18.0, 18.0)


# ---------------------------------------------------------------------------------------------
# Chance: noise and the stochastic strategies
# ---------------------------------------------------------------------------------------------


def test_full_noise_flips_every_move_and_both_sides_remember_the_flipped_move():
    # Both mean to restrain, both are seen to arm; each copies that, and is seen to restrain.
    assert moves("tit_for_tat", "tit_for_tat", 6, noise=1.0, seed=0) == ("DCDCDC", "DCDCDC")


def test_noise_flips_each_move_independently_at_its_rate():
    result = iterated_match(
        "always_cooperate", "always_cooperate", turns=100, noise=0.1, seed=11, batch=200
    )
    n = result.row_moves.size  # 20,000 moves per side
    tolerance = 4 * np.sqrt(0.1 * 0.9 / n)
    assert abs(result.row_moves.mean() - 0.1) < tolerance
    assert abs(result.col_moves.mean() - 0.1) < tolerance
    both = (result.row_moves & result.col_moves).mean()
    assert abs(both - 0.01) < 4 * np.sqrt(0.01 * 0.99 / n)


def test_noise_breaks_tit_for_tat_but_generosity_repairs_it():
    kwargs = dict(turns=200, noise=0.05, seed=5, batch=200)
    tft = iterated_match("tit_for_tat", "tit_for_tat", **kwargs)
    gtft = iterated_match("generous_tit_for_tat", "generous_tit_for_tat", **kwargs)
    assert tft.row_score.mean() < 500  # echoes of mistakes, far below 600
    assert gtft.row_score.mean() > tft.row_score.mean() + 50


def test_generous_tit_for_tat_forgives_one_arming_in_three():
    result = iterated_match("generous_tit_for_tat", "always_defect", turns=11, seed=3, batch=4000)
    after_first = result.row_moves[:, 1:]
    forgiven = 1.0 - after_first.mean()
    assert abs(forgiven - 1 / 3) < 4 * np.sqrt((1 / 3) * (2 / 3) / after_first.size)
    assert (result.row_moves[:, 0] == COOPERATE).all()


def test_the_random_strategy_flips_a_fair_coin():
    result = iterated_match("random", "random", turns=50, seed=9, batch=400)
    n = result.row_moves.size
    for history in (result.row_moves, result.col_moves):
        assert abs(history.mean() - 0.5) < 4 * np.sqrt(0.25 / n)
    assert not np.array_equal(result.row_moves, result.col_moves)


def test_the_documented_order_of_random_draws():
    # Each turn: the row strategy's draw, the column strategy's draw, then the noise.
    batch, turns, noise = 3, 5, 0.2
    result = iterated_match(
        "random", "generous_tit_for_tat", turns=turns, noise=noise, seed=42, batch=batch
    )
    rng = np.random.default_rng(42)
    row = np.zeros((batch, turns), dtype=int)
    col = np.zeros((batch, turns), dtype=int)
    for t in range(turns):
        row[:, t] = rng.random(batch) < 0.5
        forgive = rng.random(batch) < 1 / 3
        col[:, t] = 0 if t == 0 else row[:, t - 1] & ~forgive
        flips = rng.random((2, batch)) < noise
        row[:, t] ^= flips[0]
        col[:, t] ^= flips[1]
    assert result.row_moves.tolist() == row.tolist()
    assert result.col_moves.tolist() == col.tolist()


def test_seed_zero_is_a_seed():
    first = iterated_match("random", "random", turns=30, seed=0)
    again = iterated_match("random", "random", turns=30, seed=0)
    other = iterated_match("random", "random", turns=30, seed=1)
    assert first.text() == again.text()
    assert first.text() != other.text()


def test_a_generator_is_used_as_the_stream():
    a = iterated_match("random", "random", turns=20, seed=np.random.default_rng(8))
    b = iterated_match("random", "random", turns=20, seed=8)
    assert a.text() == b.text()


# ---------------------------------------------------------------------------------------------
# The result and the errors
# ---------------------------------------------------------------------------------------------


def test_the_result_is_a_read_only_batch():
    result = iterated_match("tit_for_tat", "alternator", turns=4, batch=3)
    assert isinstance(result, MatchResult)
    assert result.row_moves.shape == result.col_moves.shape == (3, 4)
    assert result.row_score.shape == result.col_score.shape == (3,)
    assert (result.batch, result.turns) == (3, 4)
    assert (result.row_name, result.col_name) == ("tit_for_tat", "alternator")
    assert result.text(2) == ("CCDC", "CDCD")
    with pytest.raises(ValueError):
        result.row_moves[0, 0] = 1
    with pytest.raises(ValueError, match="3 matches"):
        _ = result.scores


def test_zero_turns_is_an_empty_match():
    result = iterated_match("tit_for_tat", "always_defect", turns=0, batch=2)
    assert result.row_moves.shape == (2, 0)
    assert result.row_score.tolist() == [0.0, 0.0]


def test_a_strategy_of_ones_own():
    # Restrains until it has been hit twice in all, then arms for good.
    two_strikes = Strategy(
        name="two_strikes",
        title="Two Strikes",
        description="Restrains until the other side has armed twice, then arms.",
        source="a test",
        deterministic=True,
        move=lambda own, other, t, rng: other.sum(axis=1) >= 2,
    )
    assert moves(two_strikes, "alternator", 8) == ("CCCCDDDD", "CDCDCDCD")


def test_a_strategy_that_returns_nonsense_is_named():
    bad = Strategy("bad", "Bad", "Returns a two.", "a test", True, lambda o, p, t, r: 2)
    with pytest.raises(ValueError, match="'bad'"):
        iterated_match(bad, "tit_for_tat", turns=3)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (dict(row="tit_for_tatt"), "tit_for_tat"),  # the error lists the known names
        (dict(noise=1.5), "probability"),
        (dict(noise=-0.1), "probability"),
        (dict(batch=0), "batch"),
        (dict(turns=-1), "turns"),
        (dict(payoffs=(3, 0, 5)), "R, S, T, P"),
        (dict(payoffs=(3, 0, 5, float("nan"))), "finite"),
    ],
)
def test_bad_arguments_explain_themselves(kwargs, message):
    arguments = dict(row="tit_for_tat", col="alternator", turns=5) | kwargs
    row = arguments.pop("row")
    col = arguments.pop("col")
    with pytest.raises(ValueError, match=message):
        iterated_match(row, col, **arguments)


def test_a_strategy_must_be_a_name_or_a_strategy():
    with pytest.raises(TypeError):
        iterated_match(42, "tit_for_tat", turns=3)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------------------------

names = st.sampled_from(sorted(STRATEGIES))
deterministic_names = st.sampled_from(DETERMINISTIC)
payoff_values = st.tuples(*[st.integers(-10, 10)] * 4)
seeds = st.integers(0, 2**32 - 1)


@given(
    row=names,
    col=names,
    payoffs=payoff_values,
    turns=st.integers(0, 25),
    noise=st.sampled_from([0.0, 0.1, 0.5, 1.0]),
    seed=seeds,
    batch=st.integers(1, 4),
)
def test_scores_are_the_payoffs_of_the_histories(row, col, payoffs, turns, noise, seed, batch):
    result = iterated_match(
        row, col, payoffs=payoffs, turns=turns, noise=noise, seed=seed, batch=batch
    )
    R, S, T, P = payoffs
    mine = {("C", "C"): R, ("C", "D"): S, ("D", "C"): T, ("D", "D"): P}
    for match in range(batch):
        row_text, col_text = result.text(match)
        assert len(row_text) == len(col_text) == turns
        assert result.row_score[match] == sum(
            mine[r, c] for r, c in zip(row_text, col_text, strict=True)
        )
        assert result.col_score[match] == sum(
            mine[c, r] for r, c in zip(row_text, col_text, strict=True)
        )


@given(row=deterministic_names, col=deterministic_names, turns=st.integers(0, 30), a=seeds, b=seeds)
def test_without_noise_deterministic_strategies_ignore_the_seed(row, col, turns, a, b):
    first = iterated_match(row, col, turns=turns, seed=a, batch=3)
    second = iterated_match(row, col, turns=turns, seed=b, batch=1)
    for match in range(3):
        assert first.text(match) == second.text()
    assert first.row_score.tolist() == [second.row_score[0]] * 3


@given(row=deterministic_names, col=deterministic_names, turns=st.integers(0, 30))
def test_swapping_seats_swaps_the_histories(row, col, turns):
    there = iterated_match(row, col, turns=turns)
    back = iterated_match(col, row, turns=turns)
    assert there.text() == back.text()[::-1]
    assert there.scores == back.scores[::-1]


@given(row=names, col=names, noise=st.sampled_from([0.0, 0.2]), seed=seeds)
def test_the_same_seed_replays_the_same_matches(row, col, noise, seed):
    a = iterated_match(row, col, turns=20, noise=noise, seed=seed, batch=3)
    b = iterated_match(row, col, turns=20, noise=noise, seed=seed, batch=3)
    assert np.array_equal(a.row_moves, b.row_moves)
    assert np.array_equal(a.col_moves, b.col_moves)


# Reference rules, one turn at a time on C/D strings: each classic strategy as a student would
# state it. The vectorised strategies must agree with them against any opponent.
def _flip(move: str) -> str:
    return "D" if move == "C" else "C"


REFERENCE = {
    "tit_for_tat": lambda own, other, t: "C" if t == 0 else other[-1],
    "grim_trigger": lambda own, other, t: "D" if "D" in other else "C",
    "always_cooperate": lambda own, other, t: "C",
    "always_defect": lambda own, other, t: "D",
    "alternator": lambda own, other, t: "CD"[t % 2],
    "tit_for_two_tats": lambda own, other, t: "D" if other[-2:] == "DD" else "C",
    "win_stay_lose_shift": lambda own, other, t: (
        "C" if t == 0 else own[-1] if other[-1] == "C" else _flip(own[-1])
    ),
    "suspicious_tit_for_tat": lambda own, other, t: "D" if t == 0 else other[-1],
    "detective": lambda own, other, t: (
        "CDCC"[t] if t < 4 else other[-1] if "D" in other[:4] else "D"
    ),
}


def test_every_deterministic_strategy_has_a_reference_rule():
    assert set(REFERENCE) == set(DETERMINISTIC)


@given(name=deterministic_names, opponent=names, seed=seeds, turns=st.integers(0, 30))
def test_strategies_follow_their_rule_against_anyone(name, opponent, seed, turns):
    result = iterated_match(name, opponent, turns=turns, seed=seed, batch=2)
    rule = REFERENCE[name]
    for match in range(2):
        own, other = result.text(match)
        for t in range(turns):
            assert own[t] == rule(own[:t], other[:t], t), (name, opponent, own, other, t)


@given(opponent=names, seed=seeds)
def test_generous_tit_for_tat_only_arms_after_being_armed_against(opponent, seed):
    result = iterated_match("generous_tit_for_tat", opponent, turns=30, seed=seed, batch=4)
    own, other = result.row_moves, result.col_moves
    assert (own[:, 0] == COOPERATE).all()
    assert not (own[:, 1:] & (other[:, :-1] == COOPERATE)).any()


# ---------------------------------------------------------------------------------------------
# Round-robin tournaments
# ---------------------------------------------------------------------------------------------


def test_a_small_tournament_by_hand():
    t = round_robin(["tit_for_tat", "always_defect", "always_cooperate"], turns=10)
    assert isinstance(t, Tournament)
    assert t.names == ("tit_for_tat", "always_defect", "always_cooperate")
    expected = [
        [np.nan, 9, 30],
        [14, np.nan, 50],
        [30, 0, np.nan],
    ]
    np.testing.assert_array_equal(t.scores, expected)
    assert t.totals.tolist() == [39.0, 64.0, 30.0]
    assert t.ranking == ("always_defect", "tit_for_tat", "always_cooperate")
    assert t.score("always_defect", "tit_for_tat") == 14.0


def test_among_restrained_rivals_always_defect_wins_its_matches_and_loses_the_tournament():
    field = ["tit_for_tat", "grim_trigger", "tit_for_two_tats", "always_cooperate", "always_defect"]
    t = round_robin(field)  # Axelrod: 200 turns, (3, 0, 5, 1)
    # Equal totals are ranked by name.
    assert t.ranking == (
        "grim_trigger",
        "tit_for_tat",
        "tit_for_two_tats",
        "always_cooperate",
        "always_defect",
    )
    assert dict(zip(t.names, t.totals.tolist(), strict=True)) == {
        "tit_for_tat": 1999.0,
        "grim_trigger": 1999.0,
        "tit_for_two_tats": 1998.0,
        "always_cooperate": 1800.0,
        "always_defect": 1616.0,
    }
    alld = t.names.index("always_defect")
    others = [i for i in range(len(field)) if i != alld]
    assert (t.scores[alld, others] > t.scores[others, alld]).all()  # it wins every match


def test_self_play_fills_the_diagonal():
    t = round_robin(["tit_for_tat", "always_defect"], turns=200, self_play=True)
    assert t.scores.tolist() == [[600.0, 199.0], [204.0, 200.0]]
    assert t.per_turn.tolist() == [[3.0, 0.995], [1.02, 1.0]]
    assert t.self_play
    without = round_robin(["tit_for_tat", "always_defect"], turns=200)
    assert np.isnan(np.diag(without.scores)).all()


def test_a_tournament_accepts_the_registry_itself():
    t = round_robin(STRATEGIES, turns=20, seed=1)
    assert t.names == tuple(STRATEGIES)
    assert sorted(t.ranking) == sorted(STRATEGIES)


def test_each_pairing_plays_one_batch_on_its_documented_stream():
    field = ["tit_for_tat", "random", "generous_tit_for_tat"]
    k, seed, reps = len(field), 123, 7
    t = round_robin(field, turns=30, repetitions=reps, noise=0.05, seed=seed, self_play=True)
    children = np.random.SeedSequence(seed).spawn(k * k)
    for i in range(k):
        for j in range(i, k):
            m = iterated_match(
                field[i], field[j], turns=30, noise=0.05, seed=children[i * k + j], batch=reps
            )
            if i == j:
                assert t.scores[i, i] == pytest.approx(
                    (m.row_score.mean() + m.col_score.mean()) / 2
                )
            else:
                assert t.scores[i, j] == pytest.approx(m.row_score.mean())
                assert t.scores[j, i] == pytest.approx(m.col_score.mean())


def test_self_play_does_not_change_the_other_pairings():
    field = ["random", "generous_tit_for_tat", "tit_for_tat"]
    a = round_robin(field, turns=40, repetitions=5, noise=0.1, seed=4)
    b = round_robin(field, turns=40, repetitions=5, noise=0.1, seed=4, self_play=True)
    off = ~np.eye(3, dtype=bool)
    assert np.array_equal(a.scores[off], b.scores[off])


def test_a_tournament_replays_from_its_seed():
    field = ["random", "generous_tit_for_tat", "win_stay_lose_shift"]
    sequence = np.random.SeedSequence(99)
    a = round_robin(field, turns=40, repetitions=5, noise=0.1, seed=sequence)
    b = round_robin(field, turns=40, repetitions=5, noise=0.1, seed=sequence)
    c = round_robin(field, turns=40, repetitions=5, noise=0.1, seed=99)
    d = round_robin(field, turns=40, repetitions=5, noise=0.1, seed=0)
    assert np.array_equal(a.scores, b.scores, equal_nan=True)
    assert np.array_equal(a.scores, c.scores, equal_nan=True)
    assert not np.array_equal(a.scores, d.scores, equal_nan=True)
    assert sequence.n_children_spawned == 0  # the caller's sequence is left as it was


def test_tournament_arguments_are_checked():
    with pytest.raises(ValueError, match="distinct"):
        round_robin(["tit_for_tat", "tit_for_tat"])
    with pytest.raises(ValueError, match="at least two"):
        round_robin(["tit_for_tat"])
    assert round_robin(["tit_for_tat"], self_play=True, turns=10).totals.tolist() == [30.0]
    with pytest.raises(ValueError, match="repetitions"):
        round_robin(["tit_for_tat", "random"], repetitions=0)


@given(
    field=st.lists(deterministic_names, min_size=2, max_size=5, unique=True),
    turns=st.integers(1, 30),
    repetitions=st.integers(1, 3),
    seed=seeds,
)
def test_deterministic_tournaments_ignore_seed_and_repetitions(field, turns, repetitions, seed):
    a = round_robin(field, turns=turns, repetitions=repetitions, seed=seed, self_play=True)
    b = round_robin(field, turns=turns, seed=0, self_play=True)
    assert np.array_equal(a.scores, b.scores)
    for i, row in enumerate(field):
        for j, col in enumerate(field):
            if i != j:
                assert a.scores[i, j] == iterated_match(row, col, turns=turns).row_score[0]


@given(
    field=st.lists(names, min_size=2, max_size=5, unique=True),
    self_play=st.booleans(),
    seed=seeds,
)
def test_totals_and_ranking_follow_the_scores(field, self_play, seed):
    t = round_robin(field, turns=10, repetitions=2, noise=0.1, seed=seed, self_play=self_play)
    np.testing.assert_allclose(t.totals, np.nansum(t.scores, axis=1))
    total = dict(zip(t.names, t.totals.tolist(), strict=True))
    for better, worse in itertools.pairwise(t.ranking):
        assert total[better] > total[worse] or (total[better] == total[worse] and better < worse)


def test_docstring_examples_are_true():
    failures, attempted = doctest.testmod(
        game.theory.iterated, optionflags=doctest.NORMALIZE_WHITESPACE
    )
    assert attempted > 0
    assert failures == 0
