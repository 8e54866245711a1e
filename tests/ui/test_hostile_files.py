"""Odd files in the user's folders never break the window or lose a game (issue 12).

The Load screen lists what it cannot read as unreadable, with the reason; Continue resumes the
newest readable autosave; a new game keeps the previous game's autosave; interrupted writes'
temporary files are cleaned at start-up; odd settings fall back to the defaults.
"""

from __future__ import annotations

import json
import os
import time

import pygame
import pytest

from game.saves import dumps
from game.scenarios import load
from game.session import Session
from game.ui.model import storage

from .drive import frames, key, open_sandbox_diplomacy, scene_name


def _game(seed: int, turns: int = 1, scenario: str = "two_neighbours") -> Session:
    session = Session.new(load(scenario), seed, ["ai:baseline", "ai:copycat"])
    for _ in range(turns):
        session.play_turn()
    return session


def _odd_files(folder):
    folder.mkdir(parents=True, exist_ok=True)
    base = json.loads(dumps(_game(1)))
    (folder / "huge-turn.json").write_text(json.dumps(base).replace('"turn": 1,', '"turn": 1e400,'))
    far = base | {"saved": "9999-12-31T23:59:59-23:59"}
    (folder / "far-date.json").write_text(json.dumps(far))
    (folder / "old-date.json").write_text(json.dumps(base | {"saved": "0001-01-01T00:00:00+14:00"}))
    (folder / "deep.json").write_text("[" * 50_000 + "]" * 50_000)
    (folder / "list.json").write_text("[1, 2]")
    (folder / "binary.json").write_bytes(b"\xff\xfe\x00garbage")
    (folder / "a-folder.json").mkdir()
    os.symlink(folder / "nowhere.json", folder / "dangling.json")
    (folder / "good.json").write_text(dumps(_game(2)))


def test_the_load_screen_lists_odd_files_as_unreadable_and_loads_the_good_one(app):
    _odd_files(storage.saves_dir())
    key(app, pygame.K_l)
    assert scene_name(app) == "LoadScene"
    saves = app.top.saves
    assert [s.path.name for s in saves if s.readable] == ["good.json"]
    unreadable = {s.path.name for s in saves if not s.readable}
    assert {"huge-turn.json", "deep.json", "list.json", "binary.json", "a-folder.json"} <= (
        unreadable
    )
    assert "dangling.json" in unreadable
    assert all("unreadable (" in s.label() for s in saves if not s.readable)
    for _ in range(len(saves)):  # choosing an unreadable file explains; nothing breaks
        key(app, pygame.K_RETURN)
        if scene_name(app) != "LoadScene":
            break
        if app.dialog_open:
            app.close_dialog()
        key(app, pygame.K_DOWN)
    assert app.errors == []


def test_a_deeply_nested_autosave_does_not_break_continue(app):
    storage.data_dir().mkdir(parents=True, exist_ok=True)
    storage.autosave_path().write_text("[" * 100_000 + "]" * 100_000)
    assert not storage.has_autosave()
    assert storage.newest_autosave() is None
    key(app, pygame.K_c)  # disabled: nothing happens, nothing breaks
    assert scene_name(app) == "TitleScene"
    key(app, pygame.K_l)
    assert [s.readable for s in app.top.saves] == [False]


def test_a_new_game_keeps_the_autosave_of_another(dirs):
    first, second = _game(1, 3), _game(2, 1)
    storage.autosave(first)
    storage.autosave(second)  # a different game: the first is kept, not replaced
    kept = list(storage.autosaves_dir().glob("*.json"))
    assert len(kept) == 1
    assert storage.load_path(kept[0]).world.digest() == first.world.digest()
    newest = storage.newest_autosave()
    assert newest == storage.autosave_path()
    assert storage.load_path(newest).world.digest() == second.world.digest()
    second.play_turn()
    storage.autosave(second)  # the same game going on: no extra copy
    assert len(list(storage.autosaves_dir().glob("*.json"))) == 1
    for seed in range(3, 3 + storage.KEEP_AUTOSAVES + 2):  # the kept set stays bounded
        storage.autosave(_game(seed))
    assert len(list(storage.autosaves_dir().glob("*.json"))) == storage.KEEP_AUTOSAVES
    labels = [i.label() for i in storage.list_saves()]
    assert labels[0].startswith("Autosave: ")
    assert sum(label.startswith("Earlier autosave") for label in labels) == 5


def test_continue_falls_back_to_the_newest_readable_autosave(app):
    game = _game(4, 2)
    storage.autosave(game)
    storage.autosave(_game(5, 1))
    storage.autosave_path().write_text("{broken")  # the current one is damaged
    assert storage.newest_autosave() is not None
    app.to_title()
    frames(app, 2)
    key(app, pygame.K_c)
    assert scene_name(app) in ("TurnScene", "EndScene")
    assert app.top.match.session.seed == 4


def test_orphan_temporary_files_are_cleaned_at_start_up(dirs):
    _, data = dirs
    (data / "saves").mkdir(parents=True)
    orphans = [data / ".autosave.json.abc123.tmp", data / "saves" / ".x.json.def456.tmp"]
    fresh = data / ".autosave.json.zzz999.tmp"  # another window may be writing it right now
    for p in [*orphans, fresh]:
        p.write_text("{half a sa")
    old = time.time() - 3600
    for p in orphans:
        os.utime(p, (old, old))
    from game.ui.app import App
    from game.ui.model.settings import Settings

    App(Settings(sound=False))
    assert not any(p.exists() for p in orphans)
    assert fresh.exists()


@pytest.mark.parametrize(
    "text",
    [
        '{"ui_scale": NaN}',
        '{"ui_scale": Infinity, "volume": -Infinity}',
        '{"ui_scale": 1e400}',
        '{"ui_scale": ' + "9" * 5000 + "}",
        "[" * 100_000,
        '{"width": 100000000, "height": -5}',
    ],
)
def test_odd_settings_fall_back_to_the_defaults_and_the_window_opens(dirs, text):
    config, _ = dirs
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.json").write_text(text)
    from game.ui.app import App
    from game.ui.model.settings import Settings, load_settings

    settings = load_settings()
    assert settings.ui_scale == Settings().ui_scale and 0 <= settings.volume <= 1
    App(settings.replace(sound=False)).frame(1 / 60)


@pytest.mark.parametrize("typed", ["9" * 400, "1" + "0" * 310])  # the box takes digits only
def test_a_treaty_cap_typed_as_400_nines_is_refused_and_the_game_still_saves(app, typed):
    from game.engine.actions import TREATY_KINDS
    from game.ui.scenes.diplomacy_menu import MENU

    from .test_playthrough import answer_crises

    dip = open_sandbox_diplomacy(app)
    dip.action_i = MENU.index("propose_treaty")
    dip.kind_i = list(TREATY_KINDS).index("shield_cap")
    dip.rebuild()
    dip.entries["cap"].set_text(typed)
    dip._status = None
    assert dip.status().startswith("Not available") and "ordinary number" in dip.status()
    key(app, pygame.K_RETURN)  # refused: not added to the orders
    assert not dip.draft.plan.actions
    app.close_dialog()
    app.pop()  # back to the turn screen (the cap box may hold the keyboard's focus)
    frames(app, 2)
    assert scene_name(app) == "TurnScene"
    key(app, pygame.K_RETURN)  # submit the turn
    answer_crises(app)
    assert app.top.match.session.turn == 1
    assert storage.load_path(storage.autosave_path()).turn == 1  # the autosave still works


@pytest.mark.parametrize("typed", ["²", "9" * 5000, "١٢", "-1", ""])
def test_any_seed_typed_in_the_new_game_screen_starts_a_game_or_keeps_the_old_seed(app, typed):
    key(app, pygame.K_n)
    setup = app.top
    assert scene_name(app) == "SetupScene"
    before = setup.seed
    setup.seed_entry.get_text = lambda: typed  # as if the box let it through
    setup._read_seed()
    assert 0 <= setup.seed <= 2**31 - 1
    assert setup.seed == before or typed.isascii()


def test_an_autosave_that_is_a_folder_or_a_dangling_link_is_set_aside(dirs):
    data = storage.data_dir()
    data.mkdir(parents=True)
    (data / storage.AUTOSAVE).mkdir()
    (data / storage.AUTOSAVE / "autosave.json").write_text("{}")  # a nested autosave
    assert not storage.has_autosave()
    storage.autosave(_game(1))  # the game goes on: the odd entry is kept aside, not lost
    assert storage.load_path(storage.newest_autosave()).seed == 1
    storage.autosave_path().unlink()
    os.symlink(data / "nowhere.json", storage.autosave_path())
    assert not storage.has_autosave()
    storage.autosave(_game(2))
    assert storage.load_path(storage.newest_autosave()).seed == 2
    assert any(not i.readable for i in storage.list_saves())
