"""Headlines: every event kind is worded, and a team reads only what its state could know."""

from __future__ import annotations

from game.engine.events import EVENT_KINDS
from game.scenarios import load
from game.session import Session
from game.ui.model.headlines import TEMPLATES, headlines


def test_every_event_kind_has_a_headline():
    assert set(TEMPLATES) == set(EVENT_KINDS)


def test_a_team_reads_its_own_build_and_only_a_seen_build_of_a_rival():
    s = Session.new(load("the_shield"), 3, ["ai:baseline"] * 4)
    names = s.scenario.names
    for _ in range(10):  # a turn in which a state arms and Veyra's intelligence sees it
        events = s.play_turn()
        everyone = headlines(events, None, limit=99)
        veyra = headlines(events, "Veyra", limit=99)
        armed = [
            n for n in names if n != "Veyra" and any(x.startswith(f"{n} puts") for x in everyone)
        ]
        seen = [n for n in armed if any(f"{n} appears to be arming" in x for x in veyra)]
        if seen:
            break
    assert seen, "no build seen in ten turns"
    for name in armed:
        assert not any(line.startswith(f"{name} puts") for line in veyra)  # never the truth


def test_a_team_reads_why_an_ai_made_the_moves_it_could_see_and_nothing_of_its_spending():
    """A strategist explains each visible move in the wire reports; the reasons a human reads
    never mention its spending (that stays hidden), and a team is not told its own reasons."""
    s = Session.new(
        load("the_shield"),
        60_003,
        ["human", "ai:baseline", "ai:security_seeker", "ai:security_seeker"],
    )
    seen_why = []
    for _ in range(6):
        events = s.play_turn()
        public = s.runner.reasons_in(0, public=True)
        full = s.runner.reasons_in(0)
        for name, why in public.items():
            assert full[name].startswith(why)
            assert "budget" not in why and "%" not in why
        lines = headlines(events, "Aurum", limit=99, reasons=public)
        seen_why += [line for line in lines if line.startswith("Diplomacy: ")]
        veyra = headlines(events, "Veyra", limit=99, reasons=public)
        assert not any(line.startswith("Diplomacy: Veyra ") for line in veyra)
    assert seen_why, "six turns of two strategists bring at least one visible, explained move"


def test_the_turn_report_puts_each_ai_reason_right_under_what_that_state_did():
    """In the turn screen's wires a state's account of its diplomatic move follows its state's
    own line, so it is on screen even when the wires run long; it is labelled "Diplomacy:",
    not "Why:", since it does not explain the arms build on the line above it."""
    from game.ui.model.trend import trail_of, turn_lines

    s = Session.new(
        load("the_shield"),
        60_003,
        ["human", "ai:baseline", "ai:security_seeker", "ai:security_seeker"],
    )
    names = s.scenario.names
    placed = 0
    for _ in range(5):
        events = s.play_turn()
        public = s.runner.reasons_in(0, public=True)
        wires = headlines(events, "Aurum", limit=99, reasons=public)
        lines = turn_lines(events, trail_of(s, 0), names, True, wires)
        assert not any(line.startswith("Why: ") for line in lines), lines
        for k, line in enumerate(lines):
            if line.startswith("Diplomacy: "):
                who = line.removeprefix("Diplomacy: ").split(" ")[0]
                above = lines[k - 1]
                assert above.startswith((f"{who}: ", f"Diplomacy: {who}")), lines
                placed += 1
    assert placed >= 2
