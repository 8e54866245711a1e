"""The turn's changes move on the board: tensions go from last turn's values to this turn's over
about 0.6 s, from cached surfaces, with no text rendered while they move."""

from __future__ import annotations

import pygame

from game.scenarios import load
from game.session import Session
from game.ui.drawing import text as txt
from game.ui.drawing.game_board import Board, Tween, blend
from game.ui.drawing.theme import palette
from game.ui.model.game_match import Match
from game.ui.model.views import turn_view
from game.ui.scenes.turn import TurnScene

from .drive import frames, key, past_lesson_screens, scene_name


def two_views():
    session = Session.new(load("the_shield"), 3, ["ai:hawk", "ai:hawk", "ai:hawk", "ai:hawk"])
    before = turn_view(session, None)
    session.play_turn()
    return before, turn_view(session, None)


def test_blend_moves_each_tension_part_way_and_keeps_the_rest():
    old, new = two_views()
    assert any(a.tension != b.tension for a, b in zip(old.links, new.links, strict=True))
    half = blend(old, new, 0.5)
    for a, b, m in zip(old.links, new.links, half.links, strict=True):
        assert abs(m.tension - (a.tension + b.tension) / 2) < 1e-12
        assert (m.crisis, m.allied, m.war_odds) == (b.crisis, b.allied, b.war_odds)
    assert blend(old, new, 1.0) == new
    assert half.states == new.states


def test_a_tween_steps_through_cached_boards_and_ends_on_the_turns_board(app):
    old, new = two_views()
    rect = pygame.Rect(0, 0, 600, 400)
    board = Board(rect, new, palette("standard"), 1.0)
    before = Board(rect, old, palette("standard"), 1.0)
    tween = Tween(old, board, 0.6, before.surface)
    assert tween.surface is before.surface  # step 0: last turn's board, nothing rendered
    misses = txt.render.cache_info().misses
    steps, pictures = set(), set()
    while not tween.done:
        tween.update(1 / 60)
        pictures.add(id(tween.surface))
        steps.add(tween._k)
    assert tween.surface is board.surface
    assert steps == set(range(Tween.STEPS))  # it moved through every step...
    assert len(pictures) == 3  # ...drawn into one reused surface (old board, steps, new board)
    assert txt.render.cache_info().misses == misses  # labels are the turn's, already rendered


def test_after_a_turn_the_board_animates_then_settles(app):
    session = Session.new(load("the_shield"), 3, ["human", "ai:hawk", "ai:hawk", "ai:hawk"])
    app.reset(TurnScene(app, Match(session)))
    frames(app, 2)
    key(app, pygame.K_h)
    key(app, pygame.K_RETURN, n=1)
    past_lesson_screens(app)  # the lesson's bet comes before turn 2
    while scene_name(app) == "CrisisScene":
        key(app, pygame.K_f, n=1)
    scene = app.top
    assert session.turn == 1 and scene._tween is not None
    frames(app, 2)
    misses = txt.render.cache_info().misses
    frames(app, 40)  # about 0.7 s
    assert scene._tween is None
    assert txt.render.cache_info().misses == misses  # no text was rendered while it moved
