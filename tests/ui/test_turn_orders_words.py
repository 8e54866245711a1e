"""From a play-test: the turn screen's own summary of the orders says what a treaty proposal
proposes, in the Diplomacy dialog's words, not only "Diplomacy: propose treaty"."""

from __future__ import annotations

import pygame

from game.ui.scenes import turn as turn_scene

from .drive import click, frames, key, queue_ceiling, scene_name, start_game


def test_the_turn_screens_orders_say_what_a_treaty_proposal_proposes(app, monkeypatch):
    queue_ceiling(app)
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


def _orders_diplomacy(app, monkeypatch) -> list[str]:
    """The "Diplomacy:" lines the turn screen's orders panel draws now."""
    drawn: list[str] = []
    wrap = turn_scene.txt.wrap
    monkeypatch.setattr(
        turn_scene.txt, "wrap", lambda text, *a, **k: drawn.append(text) or wrap(text, *a, **k)
    )
    app.top._orders_picture()
    monkeypatch.undo()
    return [t for t in drawn if t.startswith("Diplomacy:")]


def _add(app, action: str, target: str) -> None:
    key(app, pygame.K_d)
    dip = app.top
    dip.action_i = dip.menu.index(action)
    dip.rebuild()
    dip.target_i = next(k for k, t in enumerate(dip.targets()) if t.startswith(target))
    dip.rebuild()
    frames(app, 1)
    click(app, "Add to orders")
    click(app, "Done")
    assert scene_name(app) == "TurnScene"


def test_the_turn_screens_orders_name_other_actions_as_the_dialog_does(app, monkeypatch):
    """A host that sent its guests home read "Diplomacy: withdraw deployment Aurum" (the
    action's code name); an inspection did not say under which treaty."""
    start_game(app, "forward_basing", 1)
    _add(app, "withdraw_deployment", "Aurum")
    assert _orders_diplomacy(app, monkeypatch) == ["Diplomacy: bring stationed forces home (Aurum)"]
    start_game(app, "the_accord", 1)
    _add(app, "inspect", "1.")
    assert _orders_diplomacy(app, monkeypatch) == [
        "Diplomacy: inspect a treaty's parties (treaty 1)"
    ]
