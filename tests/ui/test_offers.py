"""Offers and proposals addressed to you pop up as decisions when the turn opens: sign or leave a
treaty, accept or refuse forces on your soil. The answer joins your orders; each offer is asked
about once in the game, not every turn."""

from __future__ import annotations

import pygame

from game.engine.actions import Action
from game.scenarios import load
from game.session import Session
from game.ui import navigation as flow

from .drive import find_button, frames, key, past_lesson_screens, scene_name


def test_a_treaty_proposed_to_you_asks_for_your_signature(app):
    session = Session.new(load("sandbox"), 3)
    session.play_turn()  # Ostrel proposes a shield cap to Aurum
    flow.start(app, session, intro=False)
    past_lesson_screens(app, offers=False)
    frames(app, 2)
    assert scene_name(app) == "OfferScene"
    offer = app.top.offer
    assert offer.title == "A treaty with Ostrel awaits your signature"
    assert "Shield cap" in offer.body and "Aurum + Ostrel" in offer.body
    assert find_button(app, "Sign").text.endswith("[Y]")
    key(app, pygame.K_y)
    frames(app, 2)
    turn = app.top
    assert scene_name(app) == "TurnScene"
    signed = [a for a in turn.draft.plan.actions if a.action == "sign_treaty"]
    assert len(signed) == 1 and signed[0].treaty == offer.accept.treaty
    # Undo takes the answer back, like any diplomatic action.
    key(app, pygame.K_u)
    assert not turn.draft.plan.actions


def shown(app) -> list[Action]:
    """Answer "Later" to every offer on screen; the actions they would have taken."""
    out = []
    while scene_name(app) == "OfferScene":
        out.append(app.top.offer.accept)
        key(app, pygame.K_ESCAPE)
        frames(app, 2)
    return out


def test_later_leaves_it_and_it_is_not_asked_again(app):
    session = Session.new(load("sandbox"), 3)
    session.play_turn()
    flow.start(app, session, intro=False)
    past_lesson_screens(app, offers=False)
    frames(app, 2)
    first = shown(app)
    assert first
    assert scene_name(app) == "TurnScene" and not app.top.draft.plan.actions
    key(app, pygame.K_h)
    key(app, pygame.K_RETURN)  # the next turn: an offer still open is not asked again
    past_lesson_screens(app, offers=False)
    frames(app, 2)
    second = shown(app)
    assert not set(first) & set(second)
    assert scene_name(app) == "TurnScene"


def test_forces_offered_to_a_host_can_be_refused(app):
    sc = load("the_shield")
    session = Session.new(sc, 3, ["human", "human", "ai", "ai"])
    session.play_turn(actions=[Action("offer_deployment", "Aurum", "Brisa", shield=5.0)])
    flow.start(app, session, intro=False)
    past_lesson_screens(app, offers=False)
    key(app, pygame.K_RETURN)  # Aurum's team takes the keyboard
    frames(app, 2)
    shown(app)
    key(app, pygame.K_h)
    key(app, pygame.K_RETURN)  # Aurum's orders in: the cover for Brisa's team
    assert scene_name(app) == "CoverScene"
    key(app, pygame.K_RETURN)
    frames(app, 2)
    assert scene_name(app) == "OfferScene"
    offer = app.top.offer
    assert offer.title == "Aurum offers to station forces on your soil"
    assert "5.0 shield" in offer.body
    key(app, pygame.K_n)  # refuse
    frames(app, 2)
    shown(app)
    acts = app.top.draft.plan.actions
    assert [(a.action, a.actor, a.other) for a in acts] == [("refuse_deployment", "Brisa", "Aurum")]
