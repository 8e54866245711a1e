"""The concept quiz: one question at a time by keys or clicks, the answers in the session (and
so in its save), the score and each explanation, and after the game the answers given before
beside the new ones."""

from __future__ import annotations

import html
import json

import pygame
import pytest

from game.session import Session
from game.ui import navigation as flow
from game.ui.drawing.choices import NUMBER_KEYS
from game.ui.model import storage
from game.ui.model.game_match import Match
from game.ui.scenes.quiz import QuizScene, shown_order

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
    # Before the game the results give nothing away: the answers as given, no mark, no right
    # answer, no explanation and no score (they would make the quiz after it a memory test).
    for q in QUIZ:
        assert html.escape(q.why) not in text
    assert "(wrong)" not in text and "(right)" not in text and "right answer:" not in text
    assert "Your answer: Green" in text and "(left open)" in text
    assert "after the game" in text
    frames(app, 1)
    assert "score" not in quiz.summary().lower()
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
    for k, meant in enumerate((1, 0, 1)):  # right, wrong, right (in the lesson's order)
        place = quiz.orders[k].index(meant)  # where that choice shows after the game
        key(app, NUMBER_KEYS[place])
    text = quiz.box.html_text
    for q in QUIZ:  # after the game, every explanation and right answer shows
        assert html.escape(q.why) in text
    assert "The right answer: No: it can" in text
    assert session.answers.quiz_after == (1, 0, 1)
    assert session.answers.quiz_before == (0, 1, None)  # untouched
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


@pytest.mark.parametrize("big_app", SCALES, indirect=True)
def test_the_results_line_is_whole_at_large_text(big_app):  # noqa: F811 (the fixture, parametrized)
    """The line under the results' heading is one line: before the game it was cut ("... and
    what...") at 200 % text in a 1280-wide window."""
    app = big_app
    session = Session.new(shield(quiz=QUIZ), 3)
    for after in (False, True):
        quiz = open_quiz(app, after=after, session=session)
        for _ in QUIZ:
            key(app, pygame.K_1)
        assert quiz.results
        _, lines = quiz.summary_fit()
        assert len(lines) == 1 and not lines[0].endswith("..."), lines
        key(app, pygame.K_RETURN)


def test_the_quiz_after_the_game_shows_the_choices_in_another_seeded_order(app):
    """Pressing the keys remembered from before the game scores nothing: every right answer has
    moved, the order is the same when the quiz is opened again (after a save too), and the
    stored answer still means the choice that was clicked."""
    session = Session.new(shield(quiz=QUIZ), 3)
    session.answers.quiz_before = tuple(q.answer for q in QUIZ)  # all right, by keys 2, 2, 3
    quiz = open_quiz(app, after=True, session=session)
    for k, q in enumerate(QUIZ):
        order = quiz.orders[k]
        assert sorted(order) == list(range(len(q.choices)))
        assert order.index(q.answer) != q.answer  # the right answer is not where it was
        assert order == shown_order(q.choices, q.answer, 3, session.scenario.id, k)
    # The labels on screen follow that order.
    assert [ls[0] for _, _, ls in quiz.choices.items] == [
        QUIZ[0].choices[i] for i in quiz.orders[0]
    ]
    for before in session.answers.quiz_before:  # the remembered keys
        key(app, NUMBER_KEYS[before])
    assert quiz.results
    assert session.answers.quiz_score(session.scenario, after=True) == 0
    for k, q in enumerate(QUIZ):  # what is stored is what was shown at that key
        assert session.answers.quiz_after[k] == quiz.orders[k][q.answer]
    # Reopened after a save: the same order, and the answers are marked as clicked.
    again = reload(session)
    key(app, pygame.K_RETURN)
    quiz2 = open_quiz(app, after=True, session=again)
    assert quiz2.orders == quiz.orders
    assert quiz2.choices.chosen == quiz.orders[0].index(again.answers.quiz_after[0])
    # Another game's seed shuffles differently for at least one question of a long quiz.
    choices = tuple("abcdef")
    assert {shown_order(choices, 2, s, "x", 0) for s in range(20)}.__len__() > 1


def test_the_quiz_before_the_game_keeps_the_lessons_order(app):
    quiz = open_quiz(app, after=False)
    assert quiz.orders == [tuple(range(len(q.choices))) for q in QUIZ]
    assert [ls[0] for _, _, ls in quiz.choices.items] == list(QUIZ[0].choices)
