"""A lesson's intro cards: shown when a new game starts (from the set-up and the Lessons screen),
never on loading or continuing; driven by keys and clicks; reachable again from the pause menu;
and the diagrams the game draws for every picture of every shipped scenario."""

from __future__ import annotations

import dataclasses
import itertools

import numpy as np
import pygame
import pytest

from game.scenarios import PICTURES, builtin_ids, load
from game.session import Session
from game.ui import navigation as flow
from game.ui.drawing.pictures import draw_picture, render_picture
from game.ui.drawing.theme import COLOUR_BLIND, PANEL, STANDARD
from game.ui.model import storage

from .drive import click, find_button, frames, key, past_lesson_screens, scene_name
from .lessonkit import BET, QUIZ, shield
from .test_layout import SCALES, big_app, outside  # noqa: F401 (big_app is a fixture)

IDEA = "One idea, said big."


@pytest.fixture
def offer(monkeypatch):
    """The set-up (and the Lessons screen) offer ``scenario`` in place of the shipped one."""

    def use(scenario):
        import game.ui.scenes.lesson_list as lessons_scene
        import game.ui.scenes.setup as setup_scene

        def fake(sid):
            return scenario if sid == scenario.id else load(sid)

        monkeypatch.setattr(setup_scene, "load", fake)
        monkeypatch.setattr(lessons_scene, "load", fake)
        return scenario

    return use


def new_game(app, scenario_id: str) -> None:
    """The set-up of a new game on the scenario (as the title's New game or the Lessons
    screen's Play open it), then Enter."""
    from game.ui.scenes.setup import SetupScene

    app.push(SetupScene(app, scenario_id))
    frames(app, 1)
    key(app, pygame.K_RETURN)


def drawn_share(surface: pygame.Surface, rect: pygame.Rect, background=PANEL) -> float:
    """The share of the pixels in ``rect`` that are not ``background``."""
    px = pygame.surfarray.array3d(surface.subsurface(rect)).astype(int)
    return float((np.abs(px - np.array(background)).sum(axis=2) > 24).mean())


# The pictures -------------------------------------------------------------------------------


@pytest.mark.parametrize("sid", builtin_ids())
def test_every_picture_draws_something_for_every_shipped_scenario_and_they_differ(app, sid):
    sc = load(sid)
    shots = {}
    for kind in PICTURES:
        surf = render_picture((480, 300), sc, STANDARD, kind)
        inner = surf.get_rect().inflate(-20, -20)
        share = drawn_share(surf, inner)
        assert share > 0.02, f"{sid}/{kind}: only {share:.2%} of the picture is drawn"
        shots[kind] = pygame.surfarray.array3d(surf).astype(int)
    for a, b in itertools.combinations(PICTURES, 2):
        differ = float((np.abs(shots[a] - shots[b]).sum(axis=2) > 24).mean())
        assert differ > 0.01, f"{sid}: {a} and {b} look alike"


def test_pictures_use_the_scenarios_states_and_the_palette(app):
    sc = load("the_shield")
    for pal in (STANDARD, COLOUR_BLIND):
        surf = render_picture((480, 300), sc, pal, "board")
        px = pygame.surfarray.array3d(surf).reshape(-1, 3)
        for i in range(len(sc.states)):  # every state's own colour is on its board
            assert (np.abs(px - np.array(pal.states[i])).sum(axis=1) < 6).any(), (pal.name, i)
    # Into a region of a larger surface: nothing is drawn outside the rectangle.
    big = pygame.Surface((300, 200))
    big.fill((0, 0, 0))
    rect = pygame.Rect(50, 40, 200, 120)
    draw_picture(big, rect, sc, STANDARD, "spiral")
    px = pygame.surfarray.array3d(big).astype(int)
    mask = np.ones(px.shape[:2], bool)
    mask[rect.left : rect.right, rect.top : rect.bottom] = False
    assert px[mask].max() == 0
    assert drawn_share(big, rect.inflate(-12, -12)) > 0.02


# The cards ----------------------------------------------------------------------------------


def test_a_new_game_opens_on_the_intro_and_the_keys_walk_its_cards(app, offer):
    sc = offer(shield(idea=IDEA, picture="shield", quiz=QUIZ))
    new_game(app, "the_shield")
    assert scene_name(app) == "IntroScene"
    intro = app.top
    assert intro.match.session.turn == 0
    # The first card: the title, the idea, and the picture drawn by the game.
    assert intro.card == ("idea", IDEA)
    assert intro.picture_rect is not None
    assert drawn_share(app.screen, intro.picture_rect.inflate(-20, -20)) > 0.02
    assert not find_button(app, "Back").is_enabled
    # Then one card per paragraph of the intro, then the objectives.
    texts = []
    for _ in sc.intro_cards:
        key(app, pygame.K_RIGHT)
        texts.append(intro.card[1])
    assert texts == list(sc.intro_cards)
    key(app, pygame.K_LEFT)
    assert intro.card == ("text", sc.intro_cards[-2])
    key(app, pygame.K_RETURN)  # Enter moves on as well
    key(app, pygame.K_SPACE)
    assert intro.card[0] == "goals" and intro.last
    assert find_button(app, "Start").text == "Start  [Right]"
    assert find_button(app, "Take the quiz first").text.endswith("[Q]")
    key(app, pygame.K_RETURN)  # past the last card: the game
    assert scene_name(app) == "TurnScene"
    assert app.top.match.session.turn == 0


def test_the_mouse_walks_the_intro_and_skip_leads_to_the_bet(app, offer):
    offer(shield(idea=IDEA, bet=dataclasses.replace(BET, ask_before=1)))
    new_game(app, "the_shield")
    intro = app.top
    click(app, "Next")
    click(app, "Next")
    assert intro.index == 2
    click(app, "Back")
    assert intro.index == 1
    click(app, "Skip")
    assert scene_name(app) == "BetScene"  # the bet due before turn 1 follows the intro
    click(app, "No bet")
    assert scene_name(app) == "TurnScene"


def test_the_lessons_screen_plays_a_lesson_through_its_intro(app, offer):
    offer(shield(idea=IDEA))
    click(app, "Lessons")
    lessons = app.top
    lessons.index = lessons.ids.index("the_shield")
    key(app, pygame.K_RETURN)  # open
    key(app, pygame.K_RETURN)  # play: the set-up on it
    assert scene_name(app) == "SetupScene" and app.top.scenario.idea == IDEA
    key(app, pygame.K_RETURN)
    assert scene_name(app) == "IntroScene"
    assert app.top.card == ("idea", IDEA)
    key(app, pygame.K_ESCAPE)
    assert scene_name(app) == "TurnScene"


def test_loading_or_continuing_a_game_shows_no_intro(app):
    session = Session.new(load("the_shield"), 3)
    flow.start(app, session)
    assert scene_name(app) == "TurnScene"
    session.play_turn()
    storage.autosave(session)
    app.to_title()
    frames(app, 2)
    key(app, pygame.K_c)  # Continue
    assert scene_name(app) not in ("IntroScene", "TitleScene")
    assert app.top.match.session.turn == 1
    path = storage.save_new(session)
    app.to_title()
    key(app, pygame.K_l)
    load_scene = app.top
    load_scene.index = next(i for i, s in enumerate(load_scene.saves) if s.path == path)
    key(app, pygame.K_RETURN)
    assert scene_name(app) not in ("IntroScene", "LoadScene")


def test_the_pause_menu_shows_the_intro_again(app):
    flow.start(app, Session.new(shield(idea=IDEA, quiz=QUIZ), 3))
    key(app, pygame.K_ESCAPE)
    assert scene_name(app) == "PauseScene"
    assert find_button(app, "Lesson intro").text == "Lesson intro  [I]"
    key(app, pygame.K_i)
    assert scene_name(app) == "IntroScene" and app.top.card == ("idea", IDEA)
    assert app.top.offer_quiz  # the game has not begun: the quiz is still offered
    key(app, pygame.K_ESCAPE)
    assert scene_name(app) == "PauseScene"
    click(app, "Lesson intro")
    intro = app.top
    while not intro.last:
        key(app, pygame.K_RIGHT)
    key(app, pygame.K_RIGHT)
    assert scene_name(app) == "PauseScene"  # back where it was opened, no bet, no new game
    key(app, pygame.K_ESCAPE)
    assert scene_name(app) == "TurnScene"
    key(app, pygame.K_h)
    key(app, pygame.K_RETURN)  # a turn played: the "before" quiz is no longer offered
    assert scene_name(app) == "TurnReportScene"
    key(app, pygame.K_ESCAPE)  # the turn report closes
    past_lesson_screens(app)  # and an AI's offer, if one opens the turn, waits ("Later")
    assert scene_name(app) == "TurnScene"
    key(app, pygame.K_ESCAPE)
    key(app, pygame.K_i)
    intro = app.top
    while not intro.last:
        key(app, pygame.K_RIGHT)
    assert not intro.offer_quiz
    assert not any(b.text.startswith("Take the quiz") for b in intro._buttons)
    key(app, pygame.K_q)
    assert scene_name(app) == "IntroScene"


def test_the_last_card_offers_the_quiz_only_when_there_is_one(app, offer):
    offer(shield(quiz=QUIZ))
    new_game(app, "the_shield")
    intro = app.top
    while not intro.last:
        key(app, pygame.K_RIGHT)
    key(app, pygame.K_q)
    assert scene_name(app) == "QuizScene"
    assert not app.top.after
    key(app, pygame.K_ESCAPE)  # nothing answered: as if not opened; the game follows
    assert scene_name(app) == "TurnScene"
    assert app.top.match.session.answers.quiz_before == ()
    # A lesson without a quiz offers none.
    offer(shield())
    app.to_title()
    new_game(app, "the_shield")
    intro = app.top
    while not intro.last:
        key(app, pygame.K_RIGHT)
    assert not intro.offer_quiz
    key(app, pygame.K_q)
    assert scene_name(app) == "IntroScene"


@pytest.mark.parametrize("big_app", SCALES, indirect=True)
def test_every_intro_card_fits_the_window_at_large_text(big_app):  # noqa: F811 (the fixture, parametrized)
    app = big_app
    for sid in ("two_neighbours", "the_shield"):
        flow.start(app, Session.new(load(sid), 3), intro=True)
        intro = app.top
        assert scene_name(app) == "IntroScene"
        while True:
            frames(app, 1)
            assert outside(app) == []
            buttons = [b for b in intro._buttons if b.alive()]
            for a, b in itertools.combinations(buttons, 2):
                assert not a.rect.colliderect(b.rect), (a.text, b.text)
            if intro.card[0] == "idea":
                assert intro.picture_rect is not None  # room for the picture even at 200%
            if intro.last:
                break
            key(app, pygame.K_RIGHT)
