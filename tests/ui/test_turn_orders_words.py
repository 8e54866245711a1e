"""From a play-test: the turn screen's own summary of the orders says what a treaty proposal
proposes, in the Diplomacy dialog's words, not only "Diplomacy: propose treaty"."""

from __future__ import annotations

import pygame

from game.ui.scenes import turn as turn_scene

from .drive import click, frames, key, scene_name, start_game


def test_the_turn_screens_orders_say_what_a_treaty_proposal_proposes(app, monkeypatch):
    start_game(app, "three_powers", 3)
    key(app, pygame.K_d)
    assert scene_name(app) == "DiplomacyScene"
    dip = app.top
    dip.action_i = dip.menu.index("propose_treaty")
    dip.target_i = dip.targets().index("Veyra")
    dip.also = "Ostrel"
    dip.rebuild()
    frames(app, 1)
    dip.kind_i = 2  # reach ceiling
    dip.rebuild()
    dip.entries["cap"].set_text("30")
    frames(app, 1)
    click(app, "Add to orders")
    click(app, "Done")
    assert scene_name(app) == "TurnScene"
    turn = app.top
    assert [a.action for a in turn.draft.plan.actions] == ["propose_treaty"]
    # What the turn screen's orders panel draws, as the player reads it.
    drawn: list[str] = []
    wrap = turn_scene.txt.wrap
    monkeypatch.setattr(
        turn_scene.txt, "wrap", lambda text, *a, **k: drawn.append(text) or wrap(text, *a, **k)
    )
    turn._orders_picture()
    said = [t for t in drawn if t.startswith("Diplomacy:")]
    assert said == ["Diplomacy: propose a reach ceiling at 30 to Veyra and Ostrel"], said
