"""The Load list names each save in words (its lesson, turn, date and time, and whether it is an
autosave), not by the file names the game made up ("autosave-20261205-131500-123456"), and no
two lines are alike, since the list picks a save by its line."""

from __future__ import annotations

import re

import pygame

from game.scenarios import load
from game.session import Session
from game.ui.model import storage
from tests.ui.drive import frames, key, scene_name

MADE_UP = re.compile(r"autosave-\d|\d{8}-\d{6}|turn\d\d|\.json")
LINE = re.compile(r"Two Neighbours, turn (\d+), \d{4}-\d\d-\d\d \d\d:\d\d(:\d\d)?( \(\d+\))?")


def _game(seed: int, turns: int = 1) -> Session:
    session = Session.new(load("two_neighbours"), seed, ["ai:baseline", "ai:copycat"])
    for _ in range(turns):
        session.play_turn()
    return session


def test_autosaves_and_saves_are_listed_in_words_and_never_alike(dirs):
    storage.autosave(_game(1, 2))
    for seed in (2, 3, 4):  # each new game keeps the last one's autosave, all in one minute
        storage.autosave(_game(seed, 1))
    storage.save_new(_game(5, 3))
    lines = storage.labels(storage.list_saves())
    assert len(lines) == 5 and len(set(lines)) == 5, lines
    assert lines[0].startswith("Autosave: Two Neighbours, turn 1, ")
    earlier = [line for line in lines if line.startswith("Earlier autosave: ")]
    assert len(earlier) == 3
    assert any(line.startswith("Earlier autosave: Two Neighbours, turn 2, ") for line in earlier)
    assert lines[-1].startswith("Saved game: Two Neighbours, turn 3, ")
    for line in lines:
        assert not MADE_UP.search(line), line
        assert LINE.search(line), line


def test_a_file_someone_named_keeps_its_name_and_an_unreadable_one_is_named_by_its_file(dirs):
    storage.save(_game(1), storage.saves_dir() / "group 3.json")
    (storage.saves_dir() / "broken.json").write_text("{")
    lines = storage.labels(storage.list_saves())
    assert lines[0].startswith("group 3: Two Neighbours, turn 1, ")
    assert lines[1].startswith("broken (broken.json): unreadable (")


def test_the_load_screen_shows_the_words_and_loads_the_line_chosen(app):
    storage.autosave(_game(1, 2))
    storage.autosave(_game(2, 1))
    key(app, pygame.K_l)
    assert scene_name(app) == "LoadScene"
    shown = [item["text"] for item in app.top.list.item_list]
    assert shown == storage.labels(app.top.saves)
    assert shown[1].startswith("Earlier autosave: Two Neighbours, turn 2, ")
    key(app, pygame.K_DOWN)
    key(app, pygame.K_RETURN)
    frames(app, 2)
    assert app.top.match.session.turn == 2
