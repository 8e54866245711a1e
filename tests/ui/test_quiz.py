"""The concept quiz: one question at a time by keys or clicks, the answers in the session (and
so in its save), the score and each explanation, and after the game the answers given before
beside the new ones."""

from __future__ import annotations

import html
import json

import pygame
import pytest

from game.session import Session
from game.ui import flow, storage
from game.ui.match import Match
from game.ui.scenes.quiz import QuizScene

from .drive import click, click_at, find_button, frames, key, scene_name
from .lessonkit import QUIZ, reload, shield
from .test_layout import SCALES, big_app, outside  # noqa: F401 (big_app is a fixture)


def open_quiz(app, after: bool, session: Session | None = None, on_done=None) -> QuizScene:
    session = session or Session.new(shield(quiz=QUIZ), 3)
    flow.start(app, session)  # the turn screen (and the autosave) beneath
    scene = QuizScene(app, app.top.match, after=after, on_done=on_done)
    app.push(scene)
    frames(app, 1)
    return scene


def choice(scene: QuizScene, k: int):
    return scene.choices.items[k][0]


def test_the_keys_answer_the_quiz_before_the_game_and_the_answers_are_saved(app):
    done = []
    quiz = open_quiz(app, after=False, on_done=lambda: done.append(scene_name(app)))
    session = quiz.session
    assert quiz.index == 0 and len(quiz.choices.items) == 3
    key(app, pygame.K_2)  # right
    assert session.answers.quiz_before == (1, None, None)  # kept as it goes
    assert quiz.index == 1
    key(app, pygame.K_LEFT)  # back to the first, which shows the answer given
    assert quiz.index == 0 and quiz.choices.chosen == 1
    key(app, pygame.K_1)  # changed to a wrong one
    key(app, pygame.K_s)  # the second left open
    key(app, pygame.K_KP2)  # the keypad too: right
    assert quiz.results
    assert session.answers.quiz_before == (0, None, 1)
    assert quiz.score() == 1 == session.answers.quiz_score(session.scenario, after=False)
    text = quiz.box.html_text
    for q in QUIZ:  # every question's explanation shows
        assert html.escape(q.why) in text
    assert "(wrong)" in text and "(right)" in text and "(left open)" in text
    assert "The right answer: Blue" in text
    # The autosave carries them.
    data = json.loads(storage.autosave_path().read_text())
    assert data["answers"]["quiz_before"] == [0, None, 1]
    key(app, pygame.K_RETURN)  # Done
    assert scene_name(app) == "TurnScene" and done == ["TurnScene"]


def test_the_mouse_answers_skips_and_goes_back(app):
    quiz = open_quiz(app, after=False)
    assert not find_button(app, "Back").is_enabled
    click_at(app, choice(quiz, 1).rect.center)
    assert quiz.index == 1 and quiz.given[0] == 1
    click(app, "Back")
    assert quiz.index == 0
    click_at(app, choice(quiz, 0).rect.center)
    click(app, "Skip question")
    assert quiz.index == 2
    click_at(app, choice(quiz, 3).rect.center)  # the fourth of four choices
    assert quiz.results
    assert quiz.session.answers.quiz_before == (0, None, 3)
    click(app, "Done")
    assert scene_name(app) == "TurnScene"


def test_stop_leaves_the_rest_open_and_nothing_answered_leaves_no_trace(app):
    quiz = open_quiz(app, after=False)
    key(app, pygame.K_ESCAPE)  # nothing answered: the quiz closes as if not opened
    assert scene_name(app) == "TurnScene"
    assert quiz.session.answers.quiz_before == ()
    quiz = open_quiz(app, after=False, session=quiz.session)
    key(app, pygame.K_2)
    click(app, "Stop")
    assert quiz.results and quiz.session.answers.quiz_before == (1, None, None)
    key(app, pygame.K_ESCAPE)
    assert scene_name(app) == "TurnScene"


def test_the_quiz_after_the_game_shows_what_moved(app):
    session = Session.new(shield(quiz=QUIZ), 3)
    session.answers.quiz_before = (0, 1, None)  # wrong, right, open
    quiz = open_quiz(app, after=True, session=session)
    assert quiz.title == "Quiz after the game"
    for k in (pygame.K_2, pygame.K_1, pygame.K_2):  # right, wrong, right
        key(app, k)
    assert session.answers.quiz_after == (1, 0, 1)
    assert session.answers.quiz_before == (0, 1, None)  # untouched
    text = quiz.box.html_text
    assert text.count("Before:") == len(QUIZ) and text.count("After:") == len(QUIZ)
    assert "moved to the right answer" in text and "moved away from the right answer" in text
    summary = quiz.summary()
    assert "Before the game 1 of 3, after it 2 of 3" in summary
    assert "2 answers moved to the right one, 1 away from it" in summary
    # Through a save and back.
    again = reload(session)
    assert again.answers.quiz_before == (0, 1, None)
    assert again.answers.quiz_after == (1, 0, 1)
    assert again.answers.quiz_score(again.scenario, after=True) == 2


def test_the_intro_quiz_answers_survive_a_save_and_load(app):
    session = Session.new(shield(quiz=QUIZ), 5)
    flow.start(app, session, intro=True)
    intro = app.top
    while not intro.last:
        key(app, pygame.K_RIGHT)
    click(app, "Take the quiz first")
    assert scene_name(app) == "QuizScene"
    for k in (pygame.K_2, pygame.K_2, pygame.K_2):
        key(app, k)
    key(app, pygame.K_RETURN)
    assert scene_name(app) == "TurnScene"
    key(app, pygame.K_h)
    key(app, pygame.K_RETURN)  # a turn played and autosaved
    assert session.turn == 1
    data = json.loads(storage.autosave_path().read_text())
    assert data["answers"] == {"bet": None, "quiz_before": [1, 1, 1], "quiz_after": []}
    from game import saves

    loaded = saves.from_dict(data, "autosave", scenario=session.scenario)
    assert loaded.answers.quiz_before == (1, 1, 1)
    assert loaded.answers.quiz_score(loaded.scenario, after=False) == 3
    # A loaded game with the quiz taken does not offer the "before" quiz again.
    flow.start(app, loaded)
    key(app, pygame.K_ESCAPE)
    key(app, pygame.K_i)
    assert scene_name(app) == "IntroScene" and not app.top.offer_quiz


def test_a_lesson_without_a_quiz_says_so(app):
    flow.start(app, Session.new(shield(), 3))
    app.push(QuizScene(app, app.top.match, after=True))
    frames(app, 2)
    assert app.top.results and app.top.box.html_text == "This lesson has no quiz."
    key(app, pygame.K_RETURN)
    assert scene_name(app) == "TurnScene"


@pytest.mark.parametrize("big_app", SCALES, indirect=True)
def test_the_quiz_fits_the_window_at_large_text(big_app):  # noqa: F811 (the fixture, parametrized)
    app = big_app
    long = QUIZ[1].__class__(
        question="A long question " * 12,
        choices=tuple("A long choice that wraps over several lines " * 3 for _ in range(5)),
        answer=0,
        why="Because.",
    )
    session = Session.new(shield(quiz=(long, *QUIZ)), 3)
    session.answers.quiz_before = (0, 1, 1, 1)
    flow.start(app, session)
    app.push(QuizScene(app, Match(session), after=True))
    quiz = app.top
    for _ in range(len(session.scenario.quiz)):
        frames(app, 1)
        assert outside(app) == []
        rects = [b.rect for b, _, _ in quiz.choices.items]
        assert all(a.bottom <= b.top for a, b in zip(rects, rects[1:], strict=False))
        assert rects[-1].bottom <= find_button(app, "Stop").rect.top
        key(app, pygame.K_1)
    assert quiz.results
    frames(app, 1)
    assert outside(app) == []
