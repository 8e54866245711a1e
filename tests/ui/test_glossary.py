"""The glossary through the window: from the title and from the theory lens, keys and clicks."""

from __future__ import annotations

import numpy as np
import pygame
import pytest

from game.engine.stage import stage_game
from game.glossary import CONCEPTS, concept_for_game, concept_for_world, ordered

from .drive import (
    buttons,
    click,
    click_at,
    find_button,
    frames,
    key,
    past_lesson_screens,
    scene_name,
)


def find_buttons(app, prefix: str):
    return [b for b in buttons(app) if b.text.startswith(prefix)]


def open_lens(app):
    """A new game of the first lesson, then the theory lens."""
    key(app, pygame.K_n)
    key(app, pygame.K_RETURN)
    past_lesson_screens(app)
    assert scene_name(app) == "TurnScene"
    key(app, pygame.K_l)
    assert scene_name(app) == "LensScene"
    return app.top


def overrate(session, me: int, rival: int, factor: float = 4.0) -> None:
    """``me``'s intelligence sees ``rival`` with ``factor`` times its real reach."""
    w = session.world
    seen = w.seen_reach.copy()
    seen[:, me, rival] *= factor
    new = w.replace(seen_reach=seen)
    if hasattr(session, "runner"):  # the session keeps its world in its runner
        session.runner.world = new
    else:
        session.world = new
    assert session.world is new


def test_the_title_opens_the_glossary_and_the_keys_walk_the_cards(app):
    assert find_button(app, "Glossary").text == "Glossary  [G]"
    key(app, pygame.K_g)
    assert scene_name(app) == "GlossaryScene"
    gl = app.top
    assert gl.card.id == ordered()[0].id and not gl.opened
    key(app, pygame.K_DOWN)
    key(app, pygame.K_DOWN)
    key(app, pygame.K_UP)
    assert gl.card.id == ordered()[1].id
    key(app, pygame.K_RETURN)  # open the card: Up/Down now choose among its links
    assert gl.opened
    first = gl.card
    key(app, pygame.K_DOWN)
    assert gl.link == 1
    key(app, pygame.K_RIGHT)  # follow the chosen link
    assert gl.card.id == first.related[1]
    assert gl.history == [first.id]
    key(app, pygame.K_RETURN)  # and its first link in turn
    second = CONCEPTS[first.related[1]]
    assert gl.card.id == second.related[0]
    key(app, pygame.K_ESCAPE)  # back along the links...
    assert gl.card.id == second.id
    key(app, pygame.K_LEFT)
    assert gl.card.id == first.id and gl.opened
    key(app, pygame.K_ESCAPE)  # ...to the list...
    assert not gl.opened and gl.card.id == first.id
    key(app, pygame.K_DOWN)  # where Up/Down choose cards again
    assert gl.card.id == ordered()[2].id
    key(app, pygame.K_ESCAPE)  # ...and out
    assert scene_name(app) == "TitleScene"


def test_the_list_scrolls_to_keep_the_chosen_card_in_sight(app):
    key(app, pygame.K_g)
    gl = app.top
    for _ in range(len(ordered()) - 1):
        key(app, pygame.K_DOWN, n=1)
    frames(app, 2)
    assert gl.card.id == ordered()[-1].id
    assert gl.scroll > 0
    assert any(k == gl.index for _, k in gl._rows)  # its row is drawn
    key(app, pygame.K_DOWN)  # wraps round to the first
    frames(app, 2)
    assert gl.index == 0 and gl.scroll == 0


def test_the_mouse_opens_a_card_and_follows_a_link(app):
    click(app, "Glossary")
    assert scene_name(app) == "GlossaryScene"
    gl = app.top
    frames(app, 2)
    rect, k = gl._rows[3]
    click_at(app, rect.center)
    assert gl.index == k and gl.opened
    frames(app, 2)
    rect, target = gl._links[-1]
    click_at(app, rect.center)
    assert gl.card.id == target
    assert gl.history == [ordered()[k].id]
    click(app, "Back")
    assert gl.card.id == ordered()[k].id
    click(app, "Back")
    click(app, "Back")
    assert scene_name(app) == "TitleScene"


def test_a_long_card_scrolls_in_a_small_window(app):
    app.settings = app.settings.replace(ui_scale=2.0)
    app.manager = app._new_manager()
    app.to_title()
    key(app, pygame.K_g)
    gl = app.top
    key(app, pygame.K_RETURN)
    frames(app, 2)
    body, _ = gl._card_body()
    assert body.get_height() > gl._view().h  # it does not fit...
    key(app, pygame.K_PAGEDOWN)
    frames(app, 2)
    assert gl.card_scroll > 0  # ...so it scrolls
    for _ in range(len(gl.related())):
        key(app, pygame.K_DOWN, n=1)
    frames(app, 2)
    rect = next(r for r, cid in gl._links if cid == gl.related()[gl.link])
    assert gl._view().contains(rect)  # the chosen link is in sight


def test_the_lens_opens_the_card_of_its_game_and_comes_back(app):
    lens = open_lens(app)
    pick = lens.pick
    g = lens.game()
    want = concept_for_game(g.name) or "stage_game"
    assert find_button(app, "? ").text.endswith("[G]")
    key(app, pygame.K_g)
    assert scene_name(app) == "GlossaryScene"
    gl = app.top
    assert gl.card.id == want and gl.opened
    key(app, pygame.K_DOWN)
    key(app, pygame.K_RETURN)  # wander off along a link...
    assert gl.card.id == CONCEPTS[want].related[1]
    key(app, pygame.K_ESCAPE)
    assert gl.card.id == want
    key(app, pygame.K_ESCAPE)  # ...and Esc from the card we came for is back at the lens
    assert scene_name(app) == "LensScene"
    assert app.top is lens and lens.pick == pick
    frames(app, 2)


def test_each_lens_button_opens_its_card(app):
    lens = open_lens(app)
    g = lens.game()
    expected = {
        pygame.K_g: concept_for_game(g.name) or "stage_game",
        pygame.K_w: concept_for_world(g.world),
        pygame.K_d: "deterrence",
        pygame.K_f: "first_strike_stability",
    }
    for k, card in expected.items():
        key(app, k)
        assert scene_name(app) == "GlossaryScene", pygame.key.name(k)
        assert app.top.card.id == card
        key(app, pygame.K_ESCAPE)
        assert scene_name(app) == "LensScene"
    click(app, "? Deterrence")  # the mouse too
    assert scene_name(app) == "GlossaryScene" and app.top.card.id == "deterrence"
    click(app, "Back")
    assert scene_name(app) == "LensScene"
    key(app, pygame.K_ESCAPE)
    assert scene_name(app) == "TurnScene"


def test_the_lens_shows_the_world_as_the_player_sees_it(app):
    key(app, pygame.K_n)
    key(app, pygame.K_RETURN)
    past_lesson_screens(app)
    turn = app.top
    session = turn.match.session
    me = turn.seat
    assert me == 0
    overrate(session, me, 1 - me)  # what we see is no longer the truth
    key(app, pygame.K_l)
    lens = app.top
    assert scene_name(app) == "LensScene" and lens.seat == me
    j = lens.others[lens.pick]
    shown = lens.game()
    as_seen = stage_game(session.world, me, j, seen_by=me)
    truth = stage_game(session.world, me, j)
    assert not np.allclose(as_seen.A, truth.A)  # the test can tell them apart
    np.testing.assert_allclose(shown.A, as_seen.A)
    np.testing.assert_allclose(shown.B, as_seen.B)
    assert shown.name == as_seen.name
    assert shown.stability == as_seen.stability
    assert (shown.margin_row, shown.margin_col) == (as_seen.margin_row, as_seen.margin_col)
    # The game button opens the card of the game the player sees, not the true one.
    key(app, pygame.K_g)
    assert app.top.card.id == (concept_for_game(as_seen.name) or "stage_game")


def test_a_spectator_lens_shows_the_true_world(app):
    from game.ui.scenes.lens import TRUE_NOTE, LensScene

    key(app, pygame.K_n)
    key(app, pygame.K_RETURN)
    session = app.top.match.session
    overrate(session, 0, 1)
    app.push(LensScene(app, session, None))
    frames(app, 2)
    lens = app.top
    assert lens.seat is None and TRUE_NOTE.startswith("The true world")
    truth = stage_game(session.world, 0, 1)
    assert not np.allclose(truth.A, stage_game(session.world, 0, 1, seen_by=0).A)
    np.testing.assert_allclose(lens.game().A, truth.A)


@pytest.mark.parametrize("scale, size", [(1.0, (640, 480)), (1.5, (1280, 800)), (2.0, (1280, 800))])
def test_the_glossary_and_the_lens_fit_small_windows_and_large_text(dirs, monkeypatch, scale, size):
    monkeypatch.setenv("DELICATE_BALANCE_DEBUG", "1")
    from game.ui.app import App
    from game.ui.model.settings import Settings

    app = App(Settings(sound=False, ui_scale=scale, width=size[0], height=size[1]))
    app.to_title()
    frames(app, 2)
    window = pygame.Rect((0, 0), app.size)

    def outside():
        return [
            (type(el).__name__, getattr(el, "text", ""), tuple(el.rect))
            for el in app.manager.get_sprite_group().sprites()
            if el.visible and not window.contains(el.rect)
        ]

    assert outside() == []
    key(app, pygame.K_g)
    key(app, pygame.K_RETURN)
    assert outside() == []
    gl = app.top
    assert gl.list_rect.bottom <= window.bottom and gl.card_rect.right <= window.right
    key(app, pygame.K_ESCAPE)
    key(app, pygame.K_ESCAPE)
    lens = open_lens(app)
    assert outside() == []
    labels = [b.text for b in find_buttons(app, "?")]
    assert len(labels) == 4 and all(t.endswith(("[G]", "[W]", "[D]", "[F]")) for t in labels)
    key(app, pygame.K_DOWN)  # the lens scrolls where it does not fit
    frames(app, 2)
    body_h = lens._body.get_height()
    assert lens.scroll == min(app.top.u(48), max(0, body_h - lens._view_h()))
    assert app.errors == []
