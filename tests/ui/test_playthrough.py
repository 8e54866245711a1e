"""Whole games through the window, driven by keys and clicks like a player."""

from __future__ import annotations

import pygame

from game.policies import roster

from .drive import (
    click,
    find_button,
    frames,
    key,
    open_sandbox_diplomacy,
    past_lesson_screens,
    scene_name,
)


def answer_crises(app) -> None:
    past_lesson_screens(app)
    while scene_name(app) == "CrisisScene":
        key(app, pygame.K_f)
        past_lesson_screens(app)


def type_text(app, text: str) -> None:
    for ch in text:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
    frames(app, 2)


def test_a_whole_game_from_the_title_to_the_end_with_the_keyboard(app):
    key(app, pygame.K_n)
    assert scene_name(app) == "SetupScene"
    setup = app.top
    assert setup.scenario.id == "two_neighbours"
    assert setup.selected == 1  # the AI seat: O and D change its opponent and difficulty
    assert find_button(app, "Steady Deterrer").text.endswith("[O]")
    assert find_button(app, "normal").text.endswith("[D]")
    for _ in range(3):
        key(app, pygame.K_o)  # three opponents on from the Steady Deterrer (baseline)...
    key(app, pygame.K_o, mod=pygame.KMOD_SHIFT)  # and back one
    key(app, pygame.K_d)  # normal -> hard
    key(app, pygame.K_s)  # the seed field takes the keyboard
    assert setup.typing()
    type_text(app, "42")
    key(app, pygame.K_RETURN)  # Enter leaves the field...
    assert not setup.typing() and setup.seed == 42
    names = roster()  # the opponents in the order O steps through them
    second = names[(names.index("baseline") + 2) % len(names)]
    assert setup.seat_texts() == ["human", f"ai:{second}:hard"]
    key(app, pygame.K_RETURN)  # ...and starts, with the lesson's intro
    assert scene_name(app) == "IntroScene"
    past_lesson_screens(app)
    assert scene_name(app) == "TurnScene"
    session = app.top.match.session
    assert session.seed == 42
    assert [str(s) for s in session.seats] == ["human", f"ai:{second}:hard"]
    assert session.runner.policies[1].difficulty == "hard"
    key(app, pygame.K_l)  # the theory lens, and back
    assert scene_name(app) == "LensScene"
    key(app, pygame.K_RIGHT)
    key(app, pygame.K_ESCAPE)
    for turn in range(40):
        answer_crises(app)
        if scene_name(app) == "EndScene":
            break
        assert scene_name(app) == "TurnScene"
        key(app, pygame.K_a if turn % 3 == 0 else pygame.K_h)
        assert app.top.draft.problems() == []
        key(app, pygame.K_RETURN)
    frames(app, 3)
    assert scene_name(app) == "EndScene"
    assert session.over
    assert session.turn == 15 or bool(session.world.over[0])
    assert app.top._chart is not None  # the arms chart was drawn


def test_the_keyboard_sets_up_every_seat_of_a_four_state_game(app):
    key(app, pygame.K_n)
    setup = app.top
    while setup.scenario.id != "the_shield":
        key(app, pygame.K_DOWN)
    assert len(setup.seats) == 4 and setup.lead == 0
    key(app, pygame.K_RIGHT)  # lead the second state instead
    assert setup.lead == 1 and setup.seats[0][0] == "ai"
    key(app, pygame.K_TAB)
    key(app, pygame.K_TAB)
    assert setup.selected == 3
    names = roster()
    for _ in range((names.index("hawk") - names.index(setup.seats[3][1])) % len(names)):
        key(app, pygame.K_o)
    key(app, pygame.K_d, mod=pygame.KMOD_SHIFT)  # normal -> easy
    key(app, pygame.K_TAB, mod=pygame.KMOD_SHIFT)
    key(app, pygame.K_TAB, mod=pygame.KMOD_SHIFT)
    key(app, pygame.K_TAB, mod=pygame.KMOD_SHIFT)
    assert setup.selected == 0
    key(app, pygame.K_d)  # normal -> hard
    key(app, pygame.K_3)  # the third seat: a second human team
    texts = setup.seat_texts()
    assert texts == ["ai:baseline:hard", "human", "human", "ai:hawk:easy"]
    key(app, pygame.K_s)
    type_text(app, "7")
    key(app, pygame.K_ESCAPE)  # Esc also leaves the field (and does not leave the set-up)
    assert scene_name(app) == "SetupScene" and setup.seed == 7
    key(app, pygame.K_RETURN)
    past_lesson_screens(app)
    assert scene_name(app) == "CoverScene"  # two human teams: hot-seat
    session = app.top.match.session
    assert [str(s) for s in session.seats] == texts and session.seed == 7
    assert session.scenario.names[session.human_seats[0]] == "Brisa"


def test_the_mouse_alone_plays_a_turn_and_undo_takes_orders_back(app):
    click(app, "New game")
    click(app, "Start")
    assert scene_name(app) == "IntroScene"
    click(app, "Skip")
    if scene_name(app) == "BetScene":
        click(app, "No bet")
    assert scene_name(app) == "TurnScene"
    scene = app.top
    click(app, "Arm")
    assert scene.draft.plan.amount("reach") > 0
    click(app, "Undo")
    assert scene.draft.plan.amount("reach") == 0
    click(app, "Arm")
    click(app, "Submit orders")
    frames(app, 2)
    answer_crises(app)
    assert scene.match.session.turn == 1
    assert scene.match.session.history[0].orders.spend[0, 0, 0] > 0


def test_an_illegal_order_is_explained_and_nothing_is_sent(app):
    key(app, pygame.K_n)
    while app.top.scenario.id != "the_shield":  # every budget line open, no treaty in force
        key(app, pygame.K_DOWN)
    key(app, pygame.K_RETURN)
    answer_crises(app)
    scene = app.top
    budget = scene.draft.menu.budget
    scene.draft.set_spend("reach", budget)
    scene.draft.set_spend("shield", budget)
    scene.sync()
    frames(app, 2)
    assert any("budget" in p for p in scene.draft.problems())
    assert not find_button(app, "Submit orders").is_enabled
    key(app, pygame.K_RETURN)  # a disabled button's key does nothing either
    assert scene.match.session.turn == 0
    key(app, pygame.K_u)
    assert scene.draft.problems() == []


def test_diplomacy_shows_why_an_action_is_refused_and_adds_a_legal_one(app):
    dip = open_sandbox_diplomacy(app)
    dip.action_i = list(
        type(dip).__module__ and __import__("game.ui.scenes.diplomacy_menu", fromlist=["MENU"]).MENU
    ).index("end_alliance")
    dip.rebuild()
    assert dip.status().startswith("Not available")
    assert "not allies" in dip.status()
    dip.action_i = __import__("game.ui.scenes.diplomacy_menu", fromlist=["MENU"]).MENU.index("talk")
    dip.rebuild()
    assert dip.status() == "Available."
    key(app, pygame.K_RETURN)
    assert [a.action for a in dip.draft.plan.actions] == ["talk"]
    key(app, pygame.K_ESCAPE)
    assert scene_name(app) == "TurnScene"
    key(app, pygame.K_RETURN)
    answer_crises(app)
    rec = app.top.match.session.history[0]
    assert rec.orders.diplomacy is not None and rec.orders.diplomacy.talk[0, 0, 1]


def test_hot_seat_covers_each_team_and_resolves_when_all_have_submitted(app):
    key(app, pygame.K_n)
    key(app, pygame.K_2)  # Mirel becomes a human seat too
    assert app.top.seat_texts() == ["human", "human"]
    key(app, pygame.K_RETURN)
    past_lesson_screens(app)
    assert scene_name(app) == "CoverScene"
    match = app.top.match
    assert match.current == 0
    key(app, pygame.K_RETURN)
    assert scene_name(app) == "TurnScene" and app.top.seat == 0
    key(app, pygame.K_a)
    key(app, pygame.K_RETURN)
    assert scene_name(app) == "CoverScene"
    assert match.current == 1 and match.session.turn == 0  # nothing resolved yet
    key(app, pygame.K_RETURN)
    assert scene_name(app) == "TurnScene" and app.top.seat == 1
    # Mirel's screen shows Calder as seen (a range), not Calder's orders.
    assert not app.top.view.states[0].reach.exact
    key(app, pygame.K_h)
    key(app, pygame.K_RETURN)
    assert match.session.turn == 1
    assert scene_name(app) == "CoverScene" and match.current == 0
    spend = match.session.history[0].orders.spend[0]
    assert spend[0, 0] > 0 and spend[1, 0] == 0
