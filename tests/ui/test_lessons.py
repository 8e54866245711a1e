"""The Lessons screen: from the title by key E, the lesson order, Play into the set-up, and the
tick a scenario earns once a game of it has been played to its end."""

from __future__ import annotations

import json

import pygame

from game.lessons import lessons
from game.scenarios import load
from game.session import Session
from game.ui import navigation as flow
from game.ui.model import storage

from .drive import click_at, find_button, frames, key, scene_name
from .test_playthrough import answer_crises


def open_lessons(app):
    assert find_button(app, "Lessons").text == "Lessons  [E]"
    key(app, pygame.K_e)
    assert scene_name(app) == "LessonsScene"
    return app.top


def test_the_title_keeps_its_buttons_and_keys_with_lessons_after_new_game(app):
    labels = [b.text for b in sorted(app.top._buttons, key=lambda b: b.rect.y)]
    assert labels == [
        "New game  [N]",
        "Lessons  [E]",
        "Continue  [C]",
        "Load  [L]",
        "Glossary  [G]",
        "Settings  [S]",
        "Quit  [Q]",
    ]


def test_the_keys_choose_a_lesson_open_it_and_play_opens_the_setup_on_it(app):
    scene = open_lessons(app)
    assert scene.ids == lessons() and scene.ids[0] == "two_neighbours"
    assert scene.completed == set() and not scene.opened
    key(app, pygame.K_DOWN)
    assert scene.index == 1 % len(scene.ids)
    key(app, pygame.K_UP)
    key(app, pygame.K_UP)  # wraps round to the last lesson
    assert scene.index == len(scene.ids) - 1
    key(app, pygame.K_DOWN)
    key(app, pygame.K_DOWN)
    chosen = scene.ids[scene.index]
    key(app, pygame.K_RETURN)
    assert scene.opened and scene.scenario.id == chosen
    assert find_button(app, "Play").text == "Play  [Enter]"
    assert find_button(app, "Back").text == "Back  [Esc]"
    key(app, pygame.K_ESCAPE)  # back to the list, not out
    assert scene_name(app) == "LessonsScene" and not scene.opened
    key(app, pygame.K_RETURN)
    key(app, pygame.K_RETURN)  # Play
    assert scene_name(app) == "SetupScene"
    assert app.top.scenario.id == chosen
    key(app, pygame.K_ESCAPE)  # the set-up's Back returns to the lessons
    assert scene_name(app) == "LessonsScene"
    key(app, pygame.K_ESCAPE)
    key(app, pygame.K_ESCAPE)
    assert scene_name(app) == "TitleScene"


def test_a_click_on_a_row_opens_that_lesson(app):
    scene = open_lessons(app)
    rect, i = scene._rows[-1]
    click_at(app, rect.center)
    assert scene.opened and scene.index == i
    assert scene.scenario.id == scene.ids[-1]


def test_a_game_played_to_its_end_ticks_its_lesson(app):
    session = Session.new(load("two_neighbours"), 5)
    while not session.over and session.turn < session.runner.turns - 1:
        session.play_turn()  # everyone holds: the game nears its end
    assert not session.over and session.turn == session.runner.turns - 1
    flow.start(app, session)
    frames(app, 2)
    assert scene_name(app) in ("TurnScene", "CrisisScene")  # the last turn is still to play
    assert not storage.completed_path().exists()
    for _ in range(5):
        answer_crises(app)
        if scene_name(app) == "EndScene":
            break
        key(app, pygame.K_RETURN)
    assert scene_name(app) == "EndScene" and session.over
    assert storage.completed_path().exists()
    assert storage.read_completed() == {"two_neighbours"}
    key(app, pygame.K_t)  # the title screen
    scene = open_lessons(app)
    assert scene.completed == {"two_neighbours"}
    frames(app, 2)  # the tick is drawn without error


def test_a_corrupt_or_odd_completion_file_means_nothing_completed(app):
    path = storage.completed_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{not json", encoding="utf-8")
    assert storage.read_completed() == set()
    scene = open_lessons(app)
    assert scene.completed == set()
    key(app, pygame.K_ESCAPE)
    path.write_text(json.dumps({"completed": ["the_shield", 3, None]}), encoding="utf-8")
    assert storage.read_completed() == {"the_shield"}
    path.write_text(json.dumps(["two_neighbours"]), encoding="utf-8")
    assert storage.read_completed() == set()
    path.write_text("{not json", encoding="utf-8")
    storage.mark_completed("the_shield")  # a corrupt file is replaced, not a crash
    assert storage.read_completed() == {"the_shield"}
