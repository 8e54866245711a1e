"""Offers and proposals addressed to you pop up as decisions when the turn opens: sign or leave a
treaty, accept or refuse forces on your soil. The answer joins your orders; each offer is asked
about once in the game, not every turn."""

from __future__ import annotations

import pygame

from game.engine.actions import Action
from game.scenarios import load
from game.session import Session
from game.ui import navigation as flow
from game.ui.model.game_match import Match
from game.ui.scenes.turn import TurnScene

from .drive import find_button, frames, key, past_lesson_screens, scene_name


def proposed_shield_cap() -> Session:
    """The Accord after one turn in which Ostrel (a second human seat, so that the proposal is
    the test's and not an AI's choice) proposed a shield cap of 5.4 to Aurum."""
    session = Session.new(load("the_accord"), 3, ["human", "ai:baseline", "human"])
    cap = Action(
        "propose_treaty", "Ostrel", kind="shield_cap", parties=("Aurum", "Ostrel"), cap=5.4
    )
    session.play_turn(actions=[cap])
    return session


def test_a_treaty_proposed_to_you_asks_for_your_signature(app):
    app.reset(TurnScene(app, Match(proposed_shield_cap())))
    frames(app, 2)
    assert scene_name(app) == "OfferScene"
    offer = app.top.offer
    assert offer.title == "A treaty with Ostrel awaits your signature"
    assert "Shield cap 5.4" in offer.body and "Aurum + Ostrel" in offer.body
    # "Shield cap 5.4" alone says nothing to a player: the offer says what the cap binds.
    assert "each party keeps its shield" in offer.body and "at or below 5.4" in offer.body
    # And its glossary card, as the theory lens links them: G opens it, Esc comes back.
    assert find_button(app, "? Arms control").text.endswith("[G]")
    key(app, pygame.K_g)
    frames(app, 1)
    assert scene_name(app) == "GlossaryScene"
    assert app.top.ids[app.top.index] == "arms_control"
    key(app, pygame.K_ESCAPE)
    frames(app, 1)
    assert scene_name(app) == "OfferScene"
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
    # Seed 5: an offer waits after the first turn, and another, new one after the second.
    session = Session.new(load("sandbox"), 5)
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


def test_the_diplomacy_menu_says_what_the_chosen_treaty_binds(app):
    from game.ui.model.draft import OrderDraft
    from game.ui.model.views import turn_view
    from game.ui.scenes.diplomacy_menu import DiplomacyScene

    session = proposed_shield_cap()
    menu = DiplomacyScene(app, OrderDraft(session, 0), turn_view(session, 0))
    menu.action_i = menu.menu.index("sign_treaty")
    labels = menu.targets()
    menu.target_i = next(k for k, t in enumerate(labels) if "Shield cap 5.4" in t)
    assert "This treaty: each party keeps its shield" in menu.meaning()
    assert "at or below 5.4" in menu.meaning()
    menu.target_i = next(k for k, t in enumerate(labels) if "Reach ceiling" in t)
    assert "This treaty: each party keeps its reach (its strike force) at or below" in (
        menu.meaning()
    )


def test_standing_is_said_in_plain_words_where_it_is_lost_or_won():
    """Backing down costs "standing": the crisis prompt, the cost line and the turn report say
    what it is (how far others believe your word), as the state panel's tooltip does."""
    from game.ui.model.plain_words import STANDING_MEANS, action_cost
    from game.ui.model.turn_report import Change, _own_why

    assert "believe your word" in STANDING_MEANS
    assert STANDING_MEANS in action_cost("back_down", {})
    for before, after in ((0.7, 0.5), (0.5, 0.7)):
        why = _own_why("standing", Change("Standing", before, after, 2), 0.0, 0.0, 0.0)
        assert STANDING_MEANS in why
