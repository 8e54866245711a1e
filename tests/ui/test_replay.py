"""The replay viewer: the board at turn t is the world at turn t; keys, clicks and play step
through the game; the wires and turning points follow; the Load screen, the end screen and the
debrief lead to it; ``python -m game replay SAVE`` opens it, refuses a bad save in one line, and
draws one turn into a PNG without a window."""

from __future__ import annotations

import json

import numpy as np
import pygame
import pytest

from game.analysis import analyse
from game.cli import main
from game.saves import save
from game.scenarios import load
from game.session import Session
from game.ui.model import storage
from game.ui.model.analysis_cache import CACHE_ATTR
from game.ui.model.game_match import Match
from game.ui.scenes.replay import PLAY_STEP, ReplayScene

from . import test_layout
from .drive import click, click_at, find_button, frames, key, scene_name
from .test_layout import SCALES, SIZE, outside

big_app = test_layout.big_app  # the large-text window fixture


@pytest.fixture(scope="module")
def war_game():
    """The Spiral, a human who only holds against two hawks: a war on turn 12."""
    sc = load("the_spiral")
    s = Session.new(sc, 9, ["human", "ai:hawk", "ai:hawk"])
    s.play_to_end()
    assert bool(s.world.over[0])
    return s, analyse(s)


def match_of(played) -> Match:
    session, analysis = played
    m = Match(session)
    setattr(m, CACHE_ATTR, ((len(session.history), session.world.digest()), analysis, 0.0))
    return m


def open_replay(app, played, turn: int = 0) -> ReplayScene:
    app.reset(ReplayScene(app, match_of(played), turn=turn))
    frames(app, 2)
    assert scene_name(app) == "ReplayScene"
    return app.top


def test_the_board_at_each_turn_shows_the_world_of_that_turn(app, war_game):
    session, _ = war_game
    viewer = open_replay(app, war_game)
    again = Session(session.scenario, session.seed, session.seats)  # replayed from the seed
    last = len(session.history)
    assert viewer.last == last
    for t in range(last + 1):
        assert viewer.t == t
        w = again.world
        assert viewer.world_at().digest() == w.digest()
        view = viewer.board.view  # what the board draws
        assert view.turn == t
        for i, st in enumerate(view.states):
            assert st.economy == pytest.approx(float(w.economy[0, i]))
            assert st.reach.value == pytest.approx(float(w.reach[0, i]))
        for lk in view.links:
            assert lk.tension == pytest.approx(float(w.tension[0, lk.a, lk.b]))
        if t < last:
            again.resolve(session.history[t].orders)
            key(app, pygame.K_RIGHT)
    assert again.world.digest() == session.world.digest()
    key(app, pygame.K_RIGHT)  # no further than the end
    assert viewer.t == last
    assert viewer.board.view.over


def test_keys_step_jump_and_play(app, war_game):
    viewer = open_replay(app, war_game, turn=3)
    assert viewer.t == 3
    key(app, pygame.K_LEFT)
    assert viewer.t == 2
    key(app, pygame.K_END)
    assert viewer.t == viewer.last
    key(app, pygame.K_HOME)
    assert viewer.t == 0
    key(app, pygame.K_SPACE)  # play: one turn per PLAY_STEP seconds of frames
    assert viewer.playing and find_button(app, "Pause").text == "Pause  [Space]"
    app.frame(PLAY_STEP)
    app.frame(PLAY_STEP)
    assert viewer.t == 2
    key(app, pygame.K_SPACE)
    assert not viewer.playing
    app.frame(PLAY_STEP)
    assert viewer.t == 2
    key(app, pygame.K_SPACE)
    for _ in range(viewer.last + 2):  # plays to the end and stops there
        app.frame(PLAY_STEP)
    assert viewer.t == viewer.last and not viewer.playing
    key(app, pygame.K_SPACE)  # at the end, Play starts again from the start
    assert viewer.t == 0 and viewer.playing


def test_the_mouse_uses_the_timeline_and_the_buttons(app, war_game):
    viewer = open_replay(app, war_game)
    strip = viewer.strip
    click_at(app, (viewer.strip_x(4), strip.centery))
    assert viewer.t == 4
    # Drag along the timeline.
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(viewer.strip_x(2), strip.centery), button=1)
    )
    pygame.event.post(
        pygame.event.Event(
            pygame.MOUSEMOTION,
            pos=(viewer.strip_x(7), strip.centery),
            rel=(0, 0),
            buttons=(1, 0, 0),
        )
    )
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(viewer.strip_x(7), strip.centery), button=1)
    )
    frames(app, 2)
    assert viewer.t == 7
    click(app, "Next")
    assert viewer.t == 8
    click(app, "Previous")
    click(app, "Previous")
    assert viewer.t == 6
    click(app, "End")
    assert viewer.t == viewer.last
    click(app, "Start")
    assert viewer.t == 0
    click(app, "Play")
    assert viewer.playing
    click(app, "Pause")
    assert not viewer.playing
    click(app, "Back")
    assert app.stack == []  # the viewer was the only screen


def test_the_column_follows_the_turn_and_links_to_the_glossary(app, war_game):
    session, a = war_game
    war = next(tp for tp in a.turning_points if tp.tag == "war")
    viewer = open_replay(app, war_game, turn=war.turn)
    texts = viewer.column_page().texts
    assert war.text in texts and "war" in texts
    assert any(t.startswith("- War between") for t in texts)  # the turn's wires
    assert f"The wires, turn {war.turn}" in texts
    key(app, pygame.K_HOME)
    assert session.scenario.summary in " ".join(viewer.column_page().texts)  # the briefing
    key(app, pygame.K_END)
    frames(app, 2)
    link = next(lk for lk in viewer.links() if lk.card == war.concept)
    click_at(app, link.rect.center)
    assert scene_name(app) == "GlossaryScene" and app.top.card.id == war.concept
    key(app, pygame.K_ESCAPE)
    assert app.top is viewer and viewer.t == war.turn
    key(app, pygame.K_g)  # G: the card of the turn's first turning point
    first = [tp for tp in a.turning_points if tp.turn == war.turn][0]
    assert app.top.card.id == first.concept


def test_the_debrief_and_the_viewer_lead_to_each_other(app, war_game):
    viewer = open_replay(app, war_game, turn=5)
    click(app, "Debrief")
    assert scene_name(app) == "DebriefScene"
    debrief = app.top
    assert debrief.match is viewer.match
    click(app, "Replay")  # back to the viewer beneath, where it was
    assert app.top is viewer and viewer.t == 5 and len(app.stack) == 1
    key(app, pygame.K_d)
    key(app, pygame.K_r)
    assert app.top is viewer


def test_the_load_screen_replays_a_save(app, war_game):
    session, _ = war_game
    storage.saves_dir().mkdir(parents=True, exist_ok=True)
    save(session, storage.saves_dir() / "war.json")
    key(app, pygame.K_l)
    assert scene_name(app) == "LoadScene"
    assert find_button(app, "Replay").text == "Replay  [R]"
    key(app, pygame.K_r)
    assert scene_name(app) == "ReplayScene"
    viewer = app.top
    assert viewer.t == 0 and viewer.last == len(session.history)
    assert viewer.world_at(viewer.last).digest() == session.world.digest()
    key(app, pygame.K_ESCAPE)
    assert scene_name(app) == "LoadScene"


# The command line --------------------------------------------------------------------------


@pytest.fixture
def save_file(war_game, tmp_path):
    return save(war_game[0], tmp_path / "game.json")


def test_the_cli_refuses_a_tampered_save_in_one_line_without_a_window(
    save_file, capsys, dirs, monkeypatch
):
    import game.ui.window_commands

    opened = []
    monkeypatch.setattr(game.ui.window_commands, "_app", lambda: opened.append(1))
    data = json.loads(save_file.read_text())
    data["orders"][2]["spend"][0][0] += 1.0  # an edited turn
    save_file.write_text(json.dumps(data))
    assert main(["replay", str(save_file)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "game.json" in err
    assert opened == []
    assert main(["replay", str(save_file.with_name("missing.json"))]) == 2
    assert "no such save file" in capsys.readouterr().err


def test_the_cli_checks_the_turn(save_file, capsys, dirs):
    assert main(["replay", str(save_file), "--turn", "99", "--screenshot", "x.png"]) == 2
    assert "--turn must be from 0 to 12" in capsys.readouterr().err


def _colours(path) -> tuple[np.ndarray, int]:
    px = pygame.surfarray.array3d(pygame.image.load(str(path)))
    return px, len(np.unique(px.reshape(-1, 3), axis=0))


def test_the_cli_draws_one_turn_into_a_png(save_file, tmp_path, capsys, dirs):
    first, last = tmp_path / "t0.png", tmp_path / "t12.png"
    assert main(["replay", str(save_file), "--screenshot", str(first), "--turn", "0"]) == 0
    assert "turn 0 of 12" in capsys.readouterr().out
    assert main(["replay", str(save_file), "--screenshot", str(last)]) == 0  # the end by default
    a, na = _colours(first)
    b, _ = _colours(last)
    assert a.shape[:2] == (1280, 800)  # the default window
    assert na > 100  # a drawn screen, not a blank one
    assert not np.array_equal(a, b)  # two different turns
    assert main(["replay", str(save_file), "--screenshot", str(tmp_path / "no" / "x.png")]) == 2


def test_the_cli_opens_the_viewer(save_file, dirs, monkeypatch):
    from game.ui.app import App

    seen = {}
    run = App.run

    def brief(self, first=None, max_frames=None):
        seen["app"] = self
        return run(self, first, max_frames=3)

    monkeypatch.setattr(App, "run", brief)
    assert main(["replay", str(save_file), "--turn", "4"]) == 0
    top = seen["app"].top
    assert type(top).__name__ == "ReplayScene" and top.t == 4


@pytest.mark.parametrize("big_app", SCALES, indirect=True)
def test_the_viewer_fits_the_window_in_large_text(big_app, war_game):
    app = big_app
    assert app.size == SIZE
    viewer = open_replay(app, war_game)
    window = pygame.Rect((0, 0), app.size)
    for _ in range(viewer.last + 1):
        assert outside(app) == []
        for b in viewer._buttons:
            assert not b.rect.colliderect(viewer.board_rect), b.text
            assert not b.rect.colliderect(viewer.strip), b.text
            assert not b.rect.colliderect(viewer.column), b.text
        assert window.contains(viewer.board_rect) and window.contains(viewer.column)
        assert window.contains(viewer.strip)
        assert not viewer.board_rect.colliderect(viewer.column)
        for link in viewer.links():
            assert viewer.column.contains(link.rect)
        key(app, pygame.K_RIGHT)
    key(app, pygame.K_PAGEDOWN)  # a long column scrolls
    assert viewer.col_scroll == viewer.max_col_scroll or viewer.col_scroll > 0
