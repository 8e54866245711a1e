"""Large text for projectors: at 150% and 200% UI scale on a 1280x800 window every widget stays
inside the window, and the turn screen's right-hand column scrolls instead of overflowing."""

from __future__ import annotations

import pygame
import pytest

from game.scenarios import load
from game.session import Session
from game.ui import navigation as flow

from .drive import frames, key, scene_name

SIZE = (1280, 800)


@pytest.fixture
def big_app(dirs, monkeypatch, request):
    monkeypatch.setenv("DELICATE_BALANCE_DEBUG", "1")
    from game.ui.app import App
    from game.ui.model.settings import Settings

    window = App(Settings(sound=False, ui_scale=request.param, width=SIZE[0], height=SIZE[1]))
    window.to_title()
    frames(window, 1)
    yield window
    assert window.errors == []


def outside(app) -> list[tuple[str, str, tuple[int, int, int, int]]]:
    """Every visible widget whose rect is not inside the window."""
    window = pygame.Rect((0, 0), app.size)
    return [
        (type(el).__name__, getattr(el, "text", ""), tuple(el.rect))
        for el in app.manager.get_sprite_group().sprites()
        if el.visible and not window.contains(el.rect)
    ]


SCALES = [1.5, 2.0]


@pytest.mark.parametrize("big_app", SCALES, indirect=True)
def test_every_widget_of_the_setup_is_inside_the_window(big_app):
    app = big_app
    assert app.size == SIZE
    key(app, pygame.K_n)
    assert scene_name(app) == "SetupScene"
    for _ in app.top.ids:  # each scenario (two seats and four)
        assert outside(app) == []
        key(app, pygame.K_DOWN)


@pytest.mark.parametrize("big_app", SCALES, indirect=True)
def test_the_orders_need_no_scroll_at_large_text_and_nothing_leaves_the_window(big_app):
    """What a player needs every turn needs no scroll: at large text the orders come first in
    the right-hand column (one row a budget line; where the column is narrow, one slider for
    the chosen line), and the panels below them scroll."""
    app = big_app
    flow.start(app, Session.new(load("the_shield"), 3))
    frames(app, 2)
    turn = app.top
    assert scene_name(app) == "TurnScene"
    assert turn.max_scroll > 0 and turn.orders_first and turn.scroll == 0
    assert outside(app) == []
    assert turn.orders_top + len(turn.categories) * turn.row_h <= turn.column.bottom
    for k, cat in enumerate(turn.categories):
        key(app, pygame.K_1 + k)  # a line picked by key: its slider is in sight, no scroll
        assert cat in turn.sliders and turn.scroll == 0
        for sl in turn.sliders.values():
            assert turn.column.contains(sl.rect)  # never over the buttons
        for rect, _ in turn.regions.items:
            assert pygame.Rect((0, 0), app.size).contains(rect)
    key(app, pygame.K_1)
    key(app, pygame.K_UP)
    assert turn.draft.plan.amount("reach") > 0
    before = turn.scroll
    pygame.mouse.set_pos(turn.column.center)
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False))
    frames(app, 2)
    assert turn.scroll > before  # the wheel over the column scrolls the panels into sight
    for name in ("Hold", "Arm", "Diplomacy", "Undo", "Submit orders"):
        b = next(b for b in turn._buttons if b.text.startswith(name))
        assert pygame.Rect((0, 0), app.size).contains(b.rect)
        assert not b.rect.colliderect(turn.column)
