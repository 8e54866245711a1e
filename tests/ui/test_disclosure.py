"""Progressive disclosure: a lesson without diplomacy has no Diplomacy button (and no hole where
it was); a lesson that opens some groups offers only their actions, plus the crisis answers
while in a crisis."""

from __future__ import annotations

import dataclasses

import pygame
import pytest

from game.engine.actions import ACTION_GROUPS
from game.scenarios import load
from game.session import Session
from game.ui import navigation as flow
from game.ui.model.plain_words import action_label
from game.ui.scenes.diplomacy_menu import CRISIS_ANSWERS, MENU

from .drive import buttons, click, find_button, frames, key, scene_name
from .test_layout import SCALES, big_app, outside  # noqa: F401 (big_app is a fixture)

SIGNALS = ("drill", "commit", "talk")


def scenario(sid: str, groups: tuple[str, ...] | None = None, **params):
    sc = dataclasses.replace(load(sid), bet=None, quiz=())
    changes = dict(params)
    if groups is not None:
        changes["diplomacy"] = groups
    return dataclasses.replace(sc, params=sc.params.replace(**changes)) if changes else sc


def turn_screen(app, sc, seed: int = 3):
    flow.start(app, Session.new(sc, seed))
    frames(app, 1)
    assert scene_name(app) == "TurnScene"
    return app.top


def labels(app) -> list[str]:
    return [b.text.split("  [")[0] for b in buttons(app)]


def in_crisis(session: Session, me: int, other: int) -> None:
    w = session.world
    crisis, tension = w.crisis.copy(), w.tension.copy()
    crisis[0, me, other] = crisis[0, other, me] = 1.0
    tension[0, me, other] = tension[0, other, me] = 0.9
    session.runner.world = w.replace(crisis=crisis, tension=tension)


def test_no_diplomacy_no_button_and_no_hole(app):
    turn = turn_screen(app, scenario("two_neighbours", ()))
    assert "Diplomacy" not in labels(app)
    key(app, pygame.K_d)  # the key does nothing either
    assert scene_name(app) == "TurnScene"
    row = [find_button(app, name).rect for name in ("Hold", "Arm", "Undo")]
    left = min(r.left for r in row)
    right = max(r.right for r in row)
    assert left == turn.x0 and right >= turn.x0 + turn.right_w - 3  # the row is filled
    assert len({r.y for r in row}) == 1  # one row of three
    widths = {r.w for r in row}
    assert max(widths) - min(widths) <= 1


def test_the_shield_has_its_diplomacy_button(app):
    turn_screen(app, scenario("the_shield"))
    assert "Diplomacy" in labels(app)
    key(app, pygame.K_d)
    assert scene_name(app) == "DiplomacyScene"
    assert app.top.menu == MENU  # every group open: every action (no crisis, no answers)


def test_a_signals_lesson_offers_only_drill_commit_and_talk(app):
    turn_screen(app, scenario("the_shield", ("signals",)))
    click(app, "Diplomacy")
    dip = app.top
    assert dip.menu == SIGNALS
    seen = set()
    for _ in range(len(SIGNALS) + 1):  # Right walks the actions, round to the first
        seen.add(dip.action)
        key(app, pygame.K_RIGHT)
    assert seen == set(SIGNALS)
    labels = [action_label(a) for a in SIGNALS]
    assert [o[0] for o in dip.action_menu.options_list] == labels  # the drop-down too
    dip.action_i = SIGNALS.index("talk")
    dip.rebuild()
    key(app, pygame.K_RETURN)  # add it
    assert [a.action for a in dip.draft.plan.actions] == ["talk"]


@pytest.mark.parametrize("groups", [("signals",), ("treaties", "economy")])
def test_the_menu_follows_the_groups_and_adds_the_crisis_answers_in_a_crisis(app, groups):
    sc = scenario("the_shield", groups)
    session = Session.new(sc, 3, ["human", "ai:dove", "ai:dove", "ai:dove"])
    in_crisis(session, 0, 2)
    flow.start(app, session)
    frames(app, 1)
    assert scene_name(app) == "CrisisScene"
    key(app, pygame.K_ESCAPE)  # (Esc is not an answer: the prompt stays)
    crisis = app.top
    assert scene_name(app) == "CrisisScene"
    from game.ui.scenes.diplomacy_menu import DiplomacyScene

    app.push(DiplomacyScene(app, crisis.draft, app.stack[-2].view))
    frames(app, 1)
    dip = app.top
    expected = tuple(a for a in MENU if ACTION_GROUPS[a] in groups) + CRISIS_ANSWERS
    assert dip.menu == expected
    assert all(ACTION_GROUPS[a] in (*groups, "crisis") for a in dip.menu)
    dip.action_i = dip.menu.index("stand_firm")
    dip.rebuild()
    assert dip.targets() == [sc.names[2]]  # the crisis answers name the crisis opponent
    key(app, pygame.K_RETURN)
    assert [(a.action, a.other) for a in dip.draft.plan.actions] == [("stand_firm", "Veyra")]


@pytest.mark.parametrize("big_app", SCALES, indirect=True)
def test_without_diplomacy_the_buttons_fit_at_large_text(big_app):  # noqa: F811 (the fixture, parametrized)
    app = big_app
    turn = turn_screen(app, scenario("two_neighbours", ()))
    assert outside(app) == []
    rows = [find_button(app, n).rect for n in ("Hold", "Arm", "Undo")]
    submit = find_button(app, "Submit orders").rect
    for r in rows:
        assert not r.colliderect(turn.column) and r.bottom <= submit.top
    # Each row of buttons reaches across the column: no hole.
    by_row: dict[int, list[pygame.Rect]] = {}
    for r in rows:
        by_row.setdefault(r.y, []).append(r)
    for row in by_row.values():
        assert min(r.left for r in row) == turn.x0
        assert max(r.right for r in row) >= turn.x0 + turn.right_w - 3
