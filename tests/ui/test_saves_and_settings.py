"""Saves, the autosave and settings, through the window; kept in the user's folders."""

from __future__ import annotations

import json

import pygame

from game.ui.model import storage

from .drive import frames, key, past_lesson_screens, scene_name


def play_turns(app, n: int) -> None:
    for _ in range(n):
        past_lesson_screens(app)
        while scene_name(app) == "CrisisScene":
            key(app, pygame.K_f)
        key(app, pygame.K_a)
        key(app, pygame.K_RETURN)
    past_lesson_screens(app)


def test_save_and_load_through_the_menus(app, dirs):
    key(app, pygame.K_n)
    key(app, pygame.K_RETURN)
    play_turns(app, 2)
    session = app.top.match.session
    digest = session.world.digest()
    key(app, pygame.K_ESCAPE)
    assert scene_name(app) == "PauseScene"
    key(app, pygame.K_s)
    assert app.dialog_open
    key(app, pygame.K_RETURN)  # closes the dialog
    assert not app.dialog_open
    saves = list(storage.saves_dir().glob("*.json"))
    assert len(saves) == 1
    key(app, pygame.K_t)
    assert scene_name(app) == "TitleScene"
    key(app, pygame.K_l)
    assert scene_name(app) == "LoadScene"
    labels = [s.label() for s in app.top.saves]
    assert labels[0].startswith("Autosave: Two Neighbours, turn 2")
    assert "Two Neighbours, turn 2" in labels[1]
    key(app, pygame.K_DOWN)
    key(app, pygame.K_RETURN)
    assert scene_name(app) == "TurnScene"
    assert app.top.match.session.turn == 2
    assert app.top.match.session.world.digest() == digest


def test_continue_resumes_the_autosave(app):
    key(app, pygame.K_n)
    key(app, pygame.K_RETURN)
    play_turns(app, 1)
    app.to_title()
    frames(app, 2)
    key(app, pygame.K_c)
    assert scene_name(app) == "TurnScene"
    assert app.top.match.session.turn == 1


def test_a_bad_save_is_refused_with_its_reason(app):
    folder = storage.saves_dir()
    folder.mkdir(parents=True)
    good = {
        "format": "delicate-balance-save",
        "version": 1,
        "scenario": "two_neighbours",
        "seed": 1,
        "seats": ["human", "ai:baseline"],
        "turn": 3,
        "orders": [],
        "state_digest": "x",
        "saved": "2024-01-01T00:00:00+00:00",
        "checksum": "bad",
    }
    (folder / "edited.json").write_text(json.dumps(good))
    key(app, pygame.K_l)
    assert [s.turn for s in app.top.saves] == [3]
    key(app, pygame.K_RETURN)
    assert scene_name(app) == "LoadScene"
    assert app.dialog_open
    assert "checksum" in app._dialog.text_block.html_text


def test_settings_persist_in_the_config_folder(app, dirs):
    config, _ = dirs
    key(app, pygame.K_s)
    assert scene_name(app) == "SettingsScene"
    key(app, pygame.K_p)  # colour-blind safe palette
    key(app, pygame.K_t)  # larger text
    key(app, pygame.K_MINUS)  # quieter
    saved = json.loads((config / "settings.json").read_text())
    assert saved["palette"] == "colour_blind"
    assert saved["ui_scale"] == 1.25
    assert saved["volume"] == 0.4
    from game.ui.model.settings import load_settings

    again = load_settings()
    assert again.palette == "colour_blind" and again.ui_scale == 1.25
    key(app, pygame.K_ESCAPE)
    assert scene_name(app) == "TitleScene"


def test_a_broken_settings_file_falls_back_to_defaults(dirs):
    config, _ = dirs
    config.mkdir(parents=True)
    (config / "settings.json").write_text('{"ui_scale": "huge", "palette": 3, "width": 800}')
    from game.ui.model.settings import load_settings

    s = load_settings()
    assert s.ui_scale == 1.0 and s.palette == "standard" and s.width == 800
