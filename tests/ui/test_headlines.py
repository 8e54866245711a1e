"""Headlines: every event kind is worded, and a team reads only what its state could know."""

from __future__ import annotations

from game.engine.events import EVENT_KINDS
from game.scenarios import load
from game.session import Session
from game.ui.headlines import TEMPLATES, headlines


def test_every_event_kind_has_a_headline():
    assert set(TEMPLATES) == set(EVENT_KINDS)


def test_a_team_reads_its_own_build_and_only_a_seen_build_of_a_rival():
    s = Session.new(load("the_shield"), 3, ["ai:baseline"] * 4)
    events = s.play_turn()
    everyone = headlines(events, None, limit=99)
    veyra = headlines(events, "Veyra", limit=99)
    assert any(line.startswith("Ostrel puts") for line in everyone)
    assert not any(line.startswith("Ostrel puts") for line in veyra)
    assert any("Ostrel appears to be arming" in line for line in veyra)
