"""The debrief's story says why the AI moved as it did at each turning point, and a loaded game
says it too (loading replays the AI's moves)."""

from __future__ import annotations

from game.saves import from_dict, to_dict
from game.scenarios import load
from game.session import Session
from game.ui.scenes.debrief_story import reasons_at

SEATS = ["ai:baseline", "ai:baseline", "ai:security_seeker", "ai:security_seeker"]


def played(turns: int = 5) -> Session:
    session = Session.new(load("the_shield"), 60_003, SEATS)
    for _ in range(turns):
        session.play_turn()
    return session


def test_each_turn_keeps_the_ai_reasons_and_a_loaded_game_has_the_same():
    session = played()
    for record in session.history:
        assert {"Veyra", "Ostrel"} <= set(record.reasons)
        for name, why in record.reasons.items():
            assert why.startswith(name + " ")
    loaded = from_dict(to_dict(session))
    assert [r.reasons for r in loaded.history] == [r.reasons for r in session.history]


def test_the_story_gives_the_reasons_of_the_states_a_turning_point_names():
    session = played()
    both = reasons_at(session, 1, ())
    assert len(both) >= 2
    veyra = reasons_at(session, 1, ("Veyra",))
    assert veyra and all(why.startswith(("Why: Veyra ", "Diplomacy: Veyra ")) for why in veyra)
    assert reasons_at(session, 99, ()) == []


def test_the_story_labels_a_diplomatic_reason_as_diplomacy_not_as_why_a_state_armed():
    """A play-tester read "Veyra: armed ... Why: Veyra (Balancer) offered Aurum an alliance": a
    diplomatic reason is told as "Diplomacy: ...", and a strategist's reason is cut in two, why
    it spent as it did ("Why: ...") and its diplomacy."""
    session = Session.new(load("three_powers"), 1, ["human", "ai:balancer", "ai:hawk"])
    session.play_turn()
    session.play_turn()
    assert reasons_at(session, 2, ("Veyra",)) == [
        "Why: Veyra put 45% of its budget into arms (it chose 50% into shield, and a treaty's "
        "cap held back the rest): to blunt Ostrel's strike",
        "Diplomacy: Veyra (Balancer) proposed a reach ceiling to every state: everyone frozen "
        "where they stand, so that no one is left outside the deal to build",
    ]
    shield = played(1)
    told = reasons_at(shield, 1, ("Veyra",))
    assert told == [
        "Why: Veyra held: arming would cost more than it buys",
        "Diplomacy: Veyra (Security Seeker) offered Ostrel an alliance: together they need not "
        "fear each other",
    ]
