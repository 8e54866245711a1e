"""A seeded random-event run with hostile typing and odd files in the user's folders (issue 12).

Clicks, keys, resizes and typed text (400 nines, NaN, infinity, control characters) across every
screen, with unreadable saves and a damaged autosave waiting on the Load screen and Continue.
Nothing may break: every exception in a scene fails the test (the ``app`` fixture).

``DELICATE_BALANCE_FUZZ_EVENTS`` sets the length of the run: 10 000 events for a long run, and a
shorter slice by default so the suite stays within its budget.
"""

from __future__ import annotations

import os

import numpy as np

from game.saves import dumps
from game.scenarios import load
from game.session import Session
from game.ui.model import storage

from .drive import random_events
from .test_monkey import KEYS

EVENTS = int(os.environ.get("DELICATE_BALANCE_FUZZ_EVENTS", "1200"))
TYPED = ["9" * 400, "nan", "inf", "-inf", "1e400", "-5", "\x00", "\u202e", "$x$", "=1+1", "0.5"]


def _odd_folders() -> None:
    saves = storage.saves_dir()
    saves.mkdir(parents=True)
    (saves / "deep.json").write_text("[" * 10_000 + "]" * 10_000)
    (saves / "turn.json").write_text('{"scenario": "the_shield", "turn": 1e400, "saved": "x"}')
    os.symlink(saves / "gone.json", saves / "dangling.json")
    session = Session.new(load("two_neighbours"), 1, ["human", "ai:baseline"])
    session.play_turn()
    (saves / "good.json").write_text(dumps(session))
    storage.autosave_path().write_text('{"broken')


def test_random_events_and_hostile_typing_break_nothing(app):
    _odd_folders()
    rng = np.random.default_rng(20261205)
    seen = random_events(
        app, rng, EVENTS, KEYS, click=0.4, type_up_to=0.55, key_up_to=0.98, typed=TYPED
    )
    assert {"TitleScene", "TurnScene"} <= seen
