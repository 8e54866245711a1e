"""The series of an analysed game: shapes, invariants, determinism, purity."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from game import glossary, scenarios
from game.analysis import TAGS, analyse, series_of
from game.analysis.core import stage_names
from game.analysis.series import worlds_of
from game.engine import CATEGORIES, KINDS
from game.engine.stage import stage_game
from game.session import Session
from tests.analysis.helpers import ai_game, loaded_after, neighbours, shield, war_game


def test_importing_game_analysis_leaves_pygame_out():
    imports = "from game.analysis import charts, analyse, bet_outcome, turn_rows"
    assert loaded_after(imports, ["pygame", "game.analysis.charts"]) == [False, True]


@pytest.mark.parametrize("game", [shield, neighbours, war_game])
def test_shapes(game):
    session, a = game() if game is war_game else game(1)
    n = len(session.scenario.states)
    t = len(session.history)
    s = a.series
    assert a.turns_played == t == s.turns
    assert s.turn.tolist() == list(range(t + 1))
    for name in (
        "reach",
        "shield",
        "hardening",
        "economy",
        "budget",
        "support",
        "standing",
        "score",
        "home_reach",
    ):
        assert getattr(s, name).shape == (t + 1, n), name
    for name in ("tension", "stability", "seen_reach", "trust", "margin", "alliance", "deployed"):
        assert getattr(s, name).shape == (t + 1, n, n), name
    assert s.spend.shape == (t, n, len(CATEGORIES))
    assert s.war_odds.shape == (t, n, n)
    assert len(s.kinds) == n and set(s.kinds) <= set(KINDS)
    assert a.names == session.scenario.names
    assert a.seats == tuple(str(x) for x in session.seats)
    assert set(a.stage_names) == {(i, j) for i in range(n) for j in range(i + 1, n)}
    assert all(len(v) == t + 1 for v in a.stage_names.values())
    assert all(
        np.isfinite(getattr(s, f.name)).all()
        for f in dataclasses.fields(s)
        if isinstance(getattr(s, f.name), np.ndarray)
    )


@pytest.mark.parametrize("game", [shield, neighbours, war_game])
def test_invariants(game):
    session, a = game() if game is war_game else game(1)
    s = a.series
    assert ((s.trust >= 0) & (s.trust <= 1)).all()
    assert ((s.stability >= 0) & (s.stability <= 1)).all()
    assert ((s.tension >= 0) & (s.tension <= 1)).all()
    np.testing.assert_allclose(s.tension, np.swapaxes(s.tension, 1, 2))
    np.testing.assert_allclose(s.stability, np.swapaxes(s.stability, 1, 2))
    for t in range(s.turns + 1):
        np.testing.assert_allclose(np.diag(s.seen_reach[t]), s.reach[t])


def _totals(w):
    return w.reach[0] + w.fwd_reach[0].sum(axis=1), w.shield[0] + w.fwd_shield[0].sum(axis=1)


@pytest.mark.parametrize("game", [shield, neighbours])
def test_first_row_is_the_start_and_last_row_is_now(game):
    session, a = game(1)
    s = a.series
    sc = session.scenario
    start = Session.new(sc, session.seed, [str(x) for x in session.seats]).world
    for row, w in ((0, start), (-1, session.world)):
        reach, shield_ = _totals(w)
        np.testing.assert_array_equal(s.reach[row], reach)
        np.testing.assert_array_equal(s.shield[row], shield_)
        np.testing.assert_array_equal(s.economy[row], w.economy[0])
        np.testing.assert_array_equal(s.score[row], w.score[0])
        np.testing.assert_array_equal(s.trust[row], w.belief[0])
        np.testing.assert_array_equal(s.tension[row], w.tension[0])
        np.testing.assert_array_equal(s.hardening[row], w.hardening[0])
        np.testing.assert_array_equal(s.support[row], w.support[0])
        np.testing.assert_array_equal(s.standing[row], w.standing[0])
    # the scenario's own numbers at row 0
    np.testing.assert_allclose(s.economy[0], [st.economy for st in sc.states])
    np.testing.assert_allclose(s.home_reach[0], [st.reach for st in sc.states])
    assert s.score[0].tolist() == [0.0] * s.n
    # the final score is the engine's, the one the end screen ranks by
    np.testing.assert_array_equal(s.score[-1], session.world.score[0])


def test_spend_matches_the_history():
    session, a = shield(1)
    for t, rec in enumerate(session.history):
        np.testing.assert_array_equal(a.series.spend[t], rec.events.spend[0])


def test_series_of_equals_the_analysis_series():
    session, a = neighbours(1)
    s = series_of(session)
    np.testing.assert_array_equal(s.reach, a.series.reach)
    np.testing.assert_array_equal(s.stability, a.series.stability)


def test_analyse_is_deterministic():
    a1 = analyse(ai_game("the_shield", 5))
    a2 = analyse(ai_game("the_shield", 5))
    for f in dataclasses.fields(a1.series):
        v1, v2 = getattr(a1.series, f.name), getattr(a2.series, f.name)
        if isinstance(v1, np.ndarray):
            np.testing.assert_array_equal(v1, v2)
        else:
            assert v1 == v2
    assert a1.turning_points == a2.turning_points
    assert a1.stage_names == a2.stage_names
    assert a1.landing == a2.landing
    for c1, c2 in zip(a1.counterfactuals, a2.counterfactuals, strict=True):
        np.testing.assert_array_equal(c1.final_score, c2.final_score)
        np.testing.assert_array_equal(c1.series.reach, c2.series.reach)


def test_analyse_does_not_change_the_session():
    session = ai_game("two_neighbours", 7)
    digest, length = session.world.digest(), len(session.history)
    before = [rec.events.before.digest() for rec in session.history]
    analyse(session)
    assert session.world.digest() == digest
    assert len(session.history) == length
    assert [rec.events.before.digest() for rec in session.history] == before


def test_analyse_an_unfinished_game_and_a_fresh_one():
    sc = scenarios.load("the_shield")
    s = Session.new(sc, 2, ["ai:baseline"] * 4)
    a0 = analyse(s)
    assert a0.turns_played == 0 and a0.series.reach.shape == (1, 4)
    assert a0.turning_points == ()
    assert all(f.fit is None and f.reason for f in a0.fits)
    for _ in range(5):
        s.play_turn()
    a = analyse(s)
    assert a.turns_played == 5 and not a.war
    assert all(c.series.turns <= 5 for c in a.counterfactuals)


def test_war_fields():
    session, a = war_game()
    assert a.war and a.war_turn == len(session.history)
    assert a.war_pair is not None and set(a.war_pair) <= set(a.names)
    assert any(tp.tag == "war" and tp.turn == a.war_turn for tp in a.turning_points)
    _, calm = shield(1)
    assert not calm.war and calm.war_turn is None and calm.war_pair is None


def test_rivals_and_fits():
    _, a = shield(1)
    # Aurum and Brisa are allies in The Shield: not a rival pair.
    names = a.names
    ab = (names.index("Aurum"), names.index("Brisa"))
    assert ab not in a.rivals
    assert len(a.fits) == len(a.rivals) == 5
    assert a.main_pair in a.rivals
    for f in a.fits:
        assert f.reading.endswith(".") and f.a in f.reading and f.b in f.reading
        if f.fit is not None:
            assert f.stable == f.fit.stable and f.equilibrium == f.fit.equilibrium
            assert f.raw is f.fit
        else:
            assert f.reason and f.equilibrium is None and f.stable is None
            assert "settles" not in f.reading and "outweighs" not in f.reading


def test_glossary_ids_exist():
    for concept in TAGS.values():
        assert concept in glossary.CONCEPTS
    for game in (shield, neighbours):
        for tp in game(1)[1].turning_points:
            assert tp.concept in glossary.CONCEPTS
    for tp in war_game()[1].turning_points:
        assert tp.concept in glossary.CONCEPTS


def test_batched_stage_names_equal_the_lens():
    session, a = shield(1)
    worlds = worlds_of(session)
    for t in (0, 3, len(worlds) - 1):
        for i, j in ((0, 2), (2, 3), (1, 3)):
            assert a.stage_names[(i, j)][t] == stage_game(worlds[t], i, j).name
    assert stage_names(worlds[:2], [(0, 1)]) == {(0, 1): a.stage_names[(0, 1)][:2]}
    assert set(a.stage_titles((0, 1))) <= {
        "Harmony",
        "Asymmetric game",
        "Stag Hunt",
        "Prisoner's Dilemma",
        "Chicken",
        "Deadlock",
        "Leader",
        "Hero",
        "Battle of the Sexes",
        "Unnamed game",
    }


def test_stage_names_under_a_binding_treaty_cap():
    from game.engine import TreatySpec
    from game.theory import GAME_NAMES
    from tests.analysis.helpers import open_diplomacy

    # Reach 10 under a ceiling of 10.5: the lens's "arm" cell would pass the cap.
    sc = open_diplomacy("two_neighbours", treaties=(TreatySpec("reach_ceiling", (0, 1), cap=10.5),))
    s = Session.new(sc, 1, ["ai:baseline"] * 2)
    s.play_turn()
    names = stage_names(worlds_of(s))[(0, 1)]
    assert len(names) == 2 and set(names) <= set(GAME_NAMES)


def test_batched_stage_names_equal_the_lens_under_a_treaty_cap():
    """The Accord starts under a reach ceiling: the lens's "arm" stops at the cap, and the
    batched names must agree with it cell for cell (they once differed, and the lens crashed)."""
    scenario = scenarios.load("the_accord")
    session = Session.new(scenario, 2, ["ai:baseline", "ai:baseline", "ai:opportunist"])
    session.play_to_end()
    worlds = worlds_of(session)
    names = stage_names(worlds[::5])
    for (i, j), row in names.items():
        assert list(row) == [stage_game(w, i, j).name for w in worlds[::5]]
