"""Diplomacy a student can read: each action in plain words with what it does and costs (the
lesson's own numbers), the dialog opening on something you can do (no refusal before you have
done anything, and never in red), lists that open inside the dialog, and treaties named with
their parties, terms and status."""

from __future__ import annotations

import pygame
import pytest

from game.scenarios import load
from game.session import Session
from game.ui import navigation as flow
from game.ui.model.plain_words import ACTION_LABELS, action_label, treaty_label
from game.ui.model.views import TreatyView

from .drive import click_at, find_button, frames, key, past_lesson_screens, scene_name
from .test_layout import SCALES, big_app  # noqa: F401 (big_app is a fixture)


def open_diplomacy(app, lesson: str = "the_shield", seed: int = 3):
    flow.start(app, Session.new(load(lesson), seed), intro=False)
    past_lesson_screens(app)
    key(app, pygame.K_d)
    assert scene_name(app) == "DiplomacyScene"
    frames(app, 1)
    return app.top


def test_every_action_has_a_plain_label_and_sentence(app):
    from game.engine.actions import ACTIONS

    assert set(ACTION_LABELS) == set(ACTIONS)
    dip = open_diplomacy(app)
    for k in range(len(dip.menu)):
        dip.action_i = k
        label, meaning = action_label(dip.action), dip.meaning()
        assert "_" not in label and label[0].isupper()
        assert "_" not in meaning and meaning.endswith(".")  # no parameter names
    dip.action_i = dip.menu.index("drill")
    assert "5% of your budget" in dip.meaning()  # the lesson's drill cost, as a share


def test_it_opens_on_an_action_you_can_take_and_a_refusal_is_not_red(app):
    dip = open_diplomacy(app)
    assert dip.status() == "Available."
    assert dip.status_colour == app.palette.good
    dip.action_i = dip.menu.index("end_alliance")
    dip.target_i = dip.targets().index("Veyra")  # no alliance with Veyra to end
    dip._status = None
    assert dip.status().startswith("Not available")
    assert dip.status_colour != app.palette.bad


def test_the_action_list_opens_inside_the_dialog(app):
    dip = open_diplomacy(app)
    click_at(app, dip.action_menu.rect.center)
    frames(app, 2)
    assert dip.action_menu.current_state is dip.action_menu.menu_states["expanded"]
    expanded = [
        el.rect
        for el in app.manager.get_sprite_group().sprites()
        if el.visible and type(el).__name__ == "UISelectionList"
    ]
    assert expanded and all(dip.box.contains(r) for r in expanded)


def test_treaties_are_named_with_parties_terms_and_status():
    t = TreatyView(
        slot=3,
        kind="shield_cap",
        status="proposed",
        parties=("Aurum", "Veyra"),
        signed=("Veyra",),
        cap=20.0,
        verification=0.5,
    )
    assert treaty_label(1, t, "Aurum") == (
        "1. Shield cap 20.0: Aurum + Veyra (proposed, awaits your signature)"
    )
    assert (
        treaty_label(2, t, "Veyra")
        == "2. Shield cap 20.0: Aurum + Veyra (proposed, signed by Veyra)"
    )
    t = TreatyView(3, "transparency", "in_force", ("Aurum", "Ostrel"), ("Aurum", "Ostrel"), 0, 1)
    assert treaty_label(1, t, "Aurum") == "1. Transparency accord: Aurum + Ostrel (in force)"


def test_a_refusal_names_the_treaty_as_the_menu_numbers_it(app):
    session = Session.new(load("the_accord"), 7)
    for _ in range(2):
        session.play_turn()
    flow.start(app, session, intro=False)
    past_lesson_screens(app)
    key(app, pygame.K_d)
    dip = app.top
    dip.action_i = dip.menu.index("sign_treaty")
    dip.target_i = 0
    dip.rebuild()
    frames(app, 1)
    assert dip.targets()[0].startswith("1. Reach ceiling ")
    assert dip.status().startswith("Not available")
    assert "treaty 0" not in dip.status()


@pytest.mark.parametrize("big_app", SCALES, indirect=True)
def test_the_buttons_do_not_overlap_at_large_text(big_app):  # noqa: F811
    app = big_app
    flow.start(app, Session.new(load("the_shield"), 3), intro=False)
    past_lesson_screens(app)
    key(app, pygame.K_d)
    frames(app, 1)
    rects = [find_button(app, t).rect for t in ("Done", "Remove last", "Add to orders")]
    assert not rects[0].colliderect(rects[1]) and not rects[1].colliderect(rects[2])
    assert all(app.top.box.contains(r) for r in rects)


def test_a_three_party_treaty_can_be_proposed_from_the_window(app):
    dip = open_diplomacy(app, "three_powers", 7)
    dip.action_i = dip.menu.index("propose_treaty")
    dip.target_i = dip.targets().index("Veyra")
    dip.rebuild()
    frames(app, 1)
    assert dip.also_options() == ["no one else", "Ostrel"]  # never the first party twice
    assert dip.current().parties == ("Veyra",)
    dip.also = "Ostrel"
    dip._status = None
    assert dip.current().parties == ("Veyra", "Ostrel")
    assert dip.status() == "Available."
    key(app, pygame.K_RETURN)  # add it
    key(app, pygame.K_ESCAPE)
    assert scene_name(app) == "TurnScene"
    key(app, pygame.K_RETURN)  # submit: the proposal names all three
    past_lesson_screens(app)
    session = app.top.match.session
    w = session.world
    proposed = [k for k in range(w.treaty_status.shape[1]) if w.treaty_status[0, k] == 1]
    invited = {
        tuple(session.scenario.names[m] for m in range(w.n) if w.treaty_invited[0, k, m] > 0)
        for k in proposed
    }
    assert ("Aurum", "Veyra", "Ostrel") in invited


@pytest.mark.parametrize("big_app", SCALES, indirect=True)
def test_the_fields_stay_inside_the_dialog_at_large_text(big_app):  # noqa: F811
    app = big_app
    dip = open_diplomacy(app, "three_powers", 7)
    dip.action_i = dip.menu.index("propose_treaty")
    dip.rebuild()
    frames(app, 1)
    for entry in dip.entries.values():
        assert dip.box.contains(entry.rect)


def test_actions_are_grouped_by_purpose_with_their_cost_and_the_engines_preview(app):
    from game.engine.actions import ACTION_GROUPS
    from game.ui.model.plain_words import purpose_label

    dip = open_diplomacy(app)
    purposes = [o[0] for o in dip.purpose_menu.options_list]
    assert purposes == [purpose_label(g) for g in dip.purposes()]
    assert len(purposes) == len({ACTION_GROUPS[a] for a in dip.menu})  # each purpose once
    # The action list holds the chosen purpose's actions only.
    dip.action_i = dip.menu.index("drill")
    dip.rebuild()
    assert dip.purpose_menu.selected_option[0] == "Signals"
    assert [o[0] for o in dip.action_menu.options_list] == [
        action_label(a) for a in dip.menu if ACTION_GROUPS[a] == "signals"
    ]
    budget = dip.draft.menu.budget
    assert dip.cost() == f"Cost: 5% of your budget ({0.05 * budget:.1f}) this turn."
    # The engine's own forecast, from what Aurum knows: drills raise its standing and the
    # tension with the rival they name, and cost a little growth.
    preview = dip.preview()
    assert preview.startswith("Preview, if the others hold: ")
    assert "your standing 0.80 -> 0.8" in preview and "tension with Veyra" in preview
    dip.action_i = dip.menu.index("talk")
    dip.rebuild()
    assert dip.cost() == "Cost: nothing this turn."
    assert "trust in you" in dip.preview()
    # An action the engine refuses has no preview; its refusal is muted, never red.
    dip.action_i = dip.menu.index("end_alliance")
    dip.target_i = dip.targets().index("Veyra")
    dip._status = None
    assert dip.preview() == "" and dip.status().startswith("Not available")


def test_a_signals_only_lesson_offers_one_purpose(app):
    from .test_disclosure import scenario, turn_screen

    turn_screen(app, scenario("the_shield", ("signals",)))
    key(app, pygame.K_d)
    dip = app.top
    assert [o[0] for o in dip.purpose_menu.options_list] == ["Signals"]
