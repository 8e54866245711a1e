"""Every scene at 100 % and 200 % text, at 1280x720 and 1920x1080: no widget outside the window
and no two buttons of a scene over each other (the title, set-up, glossary, settings, load, a
lesson's intro, its turn screen, the lens, diplomacy and the pause menu, the turn report, the end
screen, every debrief tab and the replay); the turn screen's orders need no scroll, and neither
the turn report's lines nor the diplomacy dialog's text run over each other or its buttons."""

from __future__ import annotations

import itertools

import pygame
import pytest

from game.scenarios import load
from game.session import Session
from game.ui import navigation as flow

from .drive import buttons, frames, key, past_lesson_screens, scene_name

CONFIGS = list(itertools.product((1.0, 2.0), ((1280, 720), (1920, 1080))))


def faults(app) -> list[tuple]:
    window = pygame.Rect((0, 0), app.size)
    out: list[tuple] = [
        ("outside", type(el).__name__, getattr(el, "text", ""), tuple(el.rect))
        for el in app.manager.get_sprite_group().sprites()
        if el.visible and not window.contains(el.rect)
    ]
    shown = [b for b in buttons(app) if b.visible]
    out += [
        ("overlap", a.text, b.text)
        for a, b in itertools.combinations(shown, 2)
        if a.rect.colliderect(b.rect)
    ]
    return out


def orders_faults(app) -> list[tuple]:
    """The turn screen's orders need no scroll: every budget line, its slider (the chosen
    line's, in a narrow column) and the buttons in sight at the column's top."""
    turn = app.top
    out: list[tuple] = []
    if turn.scroll != 0:
        out.append(("scrolled", turn.scroll))
    bottom = turn.orders_top + len(turn.categories) * turn.row_h
    if bottom > turn.column.bottom:
        out.append(("budget lines below the column", bottom, turn.column.bottom))
    for cat, sl in turn.sliders.items():
        if not turn.column.contains(sl.rect):
            out.append(("slider out of the column", cat, tuple(sl.rect)))
    if not turn.sliders:
        out.append(("no slider in sight",))
    return out


def text_faults(report) -> list[tuple]:
    """The turn report's lines inside its box, above its key hint, none over another."""
    rects = report.row_rects()
    inner = report.box.inflate(-2, -2)
    hint_top = report.box.bottom - report.u(30)
    out: list[tuple] = [("outside", tuple(r)) for r in rects if not inner.contains(r)]
    out += [("over the hint", tuple(r)) for r in rects if r.bottom > hint_top]
    out += [
        ("overlap", tuple(a), tuple(b))
        for a, b in itertools.combinations(rects, 2)
        if a.colliderect(b)
    ]
    return out


@pytest.fixture
def sized(dirs, monkeypatch, request):
    monkeypatch.setenv("DELICATE_BALANCE_DEBUG", "1")
    from game.ui.app import App
    from game.ui.model.settings import Settings

    scale, size = request.param
    app = App(Settings(sound=False, ui_scale=scale, width=size[0], height=size[1]))
    app.to_title()
    frames(app, 2)
    yield app
    assert app.errors == []


@pytest.mark.parametrize("sized", CONFIGS, indirect=True, ids=lambda c: f"{c[0]}x@{c[1][0]}")
def test_every_scene_keeps_its_widgets_in_the_window_and_apart(sized):
    app = sized
    seen: dict[str, list] = {}

    def look(where: str) -> None:
        frames(app, 2)
        seen[f"{where} ({scene_name(app)})"] = faults(app)

    look("title")
    for k, name in ((pygame.K_n, "set-up"), (pygame.K_g, "glossary"), (pygame.K_s, "settings")):
        key(app, k)
        look(name)
        key(app, pygame.K_ESCAPE)
    key(app, pygame.K_l)
    look("load")
    key(app, pygame.K_ESCAPE)
    flow.start(app, Session.new(load("the_shield"), 3), intro=True)
    look("intro")
    past_lesson_screens(app)
    look("turn")
    seen["turn orders (TurnScene)"] = orders_faults(app)
    for k, name in ((pygame.K_l, "lens"), (pygame.K_d, "diplomacy"), (pygame.K_ESCAPE, "pause")):
        key(app, k)
        look(name)
        if name == "diplomacy":
            dip = app.top
            for action in ("drill", "propose_treaty", "offer_deployment"):
                dip.action_i = dip.menu.index(action)
                dip.rebuild()
                look(f"diplomacy: {action}")
                frames(app, 1)
                hint_top = dip.box.bottom - dip.u(76)
                if dip.text_bottom > hint_top:  # the text runs into the key hint, the buttons
                    seen[f"diplomacy: {action} text"] = [("text", dip.text_bottom, hint_top)]
        key(app, pygame.K_ESCAPE)
    key(app, pygame.K_h)
    key(app, pygame.K_RETURN)
    frames(app, 1)
    while scene_name(app) in ("CrisisScene", "OfferScene"):
        key(app, pygame.K_f if scene_name(app) == "CrisisScene" else pygame.K_ESCAPE)
    assert scene_name(app) == "TurnReportScene"
    report = app.top
    for page in range(len(report.pages)):
        key(app, pygame.K_SPACE)  # the page told in full
        look(f"turn report page {page + 1}")
        seen[f"turn report page {page + 1} text"] = text_faults(report)
        key(app, pygame.K_SPACE)  # the next page, or closed
    assert scene_name(app) != "TurnReportScene"
    past_lesson_screens(app)
    ended = Session.new(load("the_shield"), 3)
    ended.play_to_end()
    flow.start(app, ended, intro=False)
    look("end")
    key(app, pygame.K_d)
    for tab in range(6):
        look(f"debrief tab {tab + 1}")
        key(app, pygame.K_TAB)
    key(app, pygame.K_ESCAPE)
    key(app, pygame.K_r)
    look("replay")
    assert len(seen) >= 23
    assert {k: v for k, v in seen.items() if v} == {}


@pytest.mark.parametrize("sized", CONFIGS, indirect=True, ids=lambda c: f"{c[0]}x@{c[1][0]}")
def test_the_hot_seat_cover_keeps_its_words_in_the_window_and_off_its_buttons(sized):
    """The cover's lines (drawn, not widgets) wrap inside the window at large text, none over
    another or over a button: "Pass the keyboard to the team playing ..." ran off both edges at
    200 % in a 1280-wide window."""
    app = sized
    flow.start(app, Session.new(load("the_shield"), 3, ["human", "human", "ai", "ai"]))
    frames(app, 2)
    assert scene_name(app) == "CoverScene"
    window = pygame.Rect((0, 0), app.size)
    rects = [r for _, r in app.top.placed_lines()]
    out = faults(app) + [("outside", tuple(r)) for r in rects if not window.contains(r)]
    out += [
        ("overlap", tuple(a), tuple(b))
        for a, b in itertools.combinations(rects, 2)
        if a.colliderect(b)
    ]
    out += [
        ("over a button", tuple(r), b.text)
        for r in rects
        for b in buttons(app)
        if r.colliderect(b.rect)
    ]
    assert out == []
