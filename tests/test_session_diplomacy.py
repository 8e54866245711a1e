"""A human seat's diplomacy: actions reach the engine, illegal ones explain themselves, and a
game full of diplomacy saves and replays bit for bit."""

import pytest

from game.engine import Action, IllegalOrder, StateOrder
from game.saves import load_save, save
from game.scenarios import load
from game.session import Session


def new_game(seed: int = 4) -> Session:
    return Session.new(
        load("the_shield"), seed, ["human", "ai:baseline", "ai:baseline", "ai:baseline"]
    )


def diplomatic_turns(session: Session) -> None:
    """Aurum offers its shield to Brisa, proposes a shield cap to Veyra, declares nothing."""
    session.play_turn(
        {0: StateOrder(reach=2.0)},
        [
            Action("offer_deployment", "Aurum", "Brisa", shield=3.0),
            Action(
                "propose_treaty",
                "Aurum",
                kind="shield_cap",
                parties=("Veyra",),
                cap=40.0,
                verification=0.6,
            ),
            Action("talk", "Aurum", "Ostrel"),
        ],
    )
    session.play_turn({}, [Action("offer_trade", "Aurum", "Veyra")])
    session.play_turn({0: StateOrder(hardening=1.0)}, [Action("drill", "Aurum", "Veyra")])


def test_the_ai_host_accepts_the_humans_offer_and_the_shield_moves_forward():
    session = new_game()
    home = float(session.world.shield[0, 0])
    diplomatic_turns(session)
    kinds = [e.kind for rec in session.history for e in rec.events.records(0)]
    assert "deployment_offered" in kinds and "deployment_accepted" in kinds
    # Accepted on turn 1; it has worn for two turns since (attrition 0.02 a turn).
    assert session.world.fwd_shield[0, 0, 1] == pytest.approx(3.0 * 0.98**2)
    assert session.world.shield[0, 0] < home
    assert "drill" in kinds and "treaty_proposed" in kinds and "talk" in kinds


def test_an_illegal_action_explains_itself_and_changes_nothing():
    session = new_game()
    digest = session.world.digest()
    with pytest.raises(IllegalOrder, match="can only station forces at an ally; Veyra is not one"):
        session.play_turn({}, [Action("offer_deployment", "Aurum", "Veyra", shield=1.0)])
    with pytest.raises(IllegalOrder, match="Brisa is not played by a human"):
        session.play_turn({}, [Action("ally", "Brisa", "Veyra")])
    with pytest.raises(IllegalOrder, match="no state called 'Nowhere'"):
        session.play_turn({}, [Action("target", "Aurum", "Nowhere")])
    assert session.world.digest() == digest and session.turn == 0


def test_a_game_with_diplomacy_saves_loads_and_continues_bit_for_bit(tmp_path):
    straight = new_game()
    diplomatic_turns(straight)
    straight.play_to_end()

    interrupted = new_game()
    diplomatic_turns(interrupted)
    path = save(interrupted, tmp_path / "game.json")
    resumed = load_save(path)
    assert resumed.world.digest() == interrupted.world.digest()
    resumed.play_to_end()
    assert resumed.world.digest() == straight.world.digest()
