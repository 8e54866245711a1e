"""Whole games through the window, driven by keys and clicks like a player."""

from __future__ import annotations

import pygame

from .drive import click, find_button, frames, key, scene_name


def answer_crises(app) -> None:
    while scene_name(app) == "CrisisScene":
        key(app, pygame.K_f)


def test_a_whole_game_from_the_title_to_the_end_with_the_keyboard(app):
    key(app, pygame.K_n)
    assert scene_name(app) == "SetupScene"
    assert app.top.scenario.id == "two_neighbours"
    key(app, pygame.K_RETURN)
    assert scene_name(app) == "TurnScene"
    session = app.top.match.session
    assert session.seats[0].human and not session.seats[1].human
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


def test_the_mouse_alone_plays_a_turn_and_undo_takes_orders_back(app):
    click(app, "New game")
    click(app, "Start")
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
    key(app, pygame.K_UP)  # the other scenario: every budget line open
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
    key(app, pygame.K_n)
    key(app, pygame.K_RETURN)
    key(app, pygame.K_d)
    assert scene_name(app) == "DiplomacyScene"
    dip = app.top
    dip.action_i = list(
        type(dip).__module__ and __import__("game.ui.scenes.diplomacy", fromlist=["MENU"]).MENU
    ).index("end_alliance")
    dip.rebuild()
    assert dip.status().startswith("Not available")
    assert "not allies" in dip.status()
    dip.action_i = __import__("game.ui.scenes.diplomacy", fromlist=["MENU"]).MENU.index("talk")
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
