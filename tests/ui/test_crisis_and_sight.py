"""A real crisis reaches the prompt, the answer reaches the engine, and a human seat is only ever
shown what its state sees of its rivals (never their true stocks)."""

from __future__ import annotations

import numpy as np
import pygame
import pytest

from game.engine.diplomacy import escalation_odds
from game.engine.perception import seen_world
from game.scenarios import load
from game.session import Session
from game.ui import navigation as flow
from game.ui.drawing import text as txt
from game.ui.model.views import turn_view

from .drive import frames, key, scene_name

ME, RIVAL = 0, 2  # Aurum (the human seat) and Veyra, in The Shield
#: Rival stocks no screen may show: what Aurum's intelligence saw is far from them.
TRUE_REACH, TRUE_SHIELD = 987.6, 876.5
# Seen large enough to change the odds Aurum reckons (The Shield's forces, since its rivals start
# by just deterring Aurum: at 21 the seen and the true world both read as unstable).
SEEN_REACH, SEEN_SHIELD = 40.0, 3.0


def in_crisis(seed: int = 3, true_reach: float = TRUE_REACH, true_shield: float = TRUE_SHIELD):
    """The Shield with Aurum (human) and Veyra already in crisis, and Veyra seen wrongly."""
    session = Session.new(load("the_shield"), seed, ["human", "ai:hawk", "ai:baseline", "ai:dove"])
    w = session.world
    crisis, tension = w.crisis.copy(), w.tension.copy()
    crisis[0, ME, RIVAL] = crisis[0, RIVAL, ME] = 1.0
    tension[0, ME, RIVAL] = tension[0, RIVAL, ME] = 0.9
    reach, shield = w.reach.copy(), w.shield.copy()
    reach[0, RIVAL], shield[0, RIVAL] = true_reach, true_shield
    seen_reach, seen_shield = w.seen_reach.copy(), w.seen_shield.copy()
    seen_reach[0, ME, RIVAL], seen_shield[0, ME, RIVAL] = SEEN_REACH, SEEN_SHIELD
    transparency = w.transparency.copy()
    transparency[0, ME, RIVAL] = 0.2
    session.runner.world = w.replace(
        crisis=crisis,
        tension=tension,
        reach=reach,
        shield=shield,
        seen_reach=seen_reach,
        seen_shield=seen_shield,
        transparency=transparency,
    )
    return session


def seen_odds(session: Session) -> float:
    return float(escalation_odds(seen_world(session.world, ME))[0, ME, RIVAL])


@pytest.mark.parametrize(("k", "answer"), [(pygame.K_e, "escalate"), (pygame.K_b, "back_down")])
def test_a_crisis_is_answered_by_key_and_the_answer_reaches_the_engine(app, k, answer):
    session = in_crisis()
    true_odds = float(escalation_odds(session.world)[0, ME, RIVAL])
    assert abs(seen_odds(session) - true_odds) > 1e-3  # the test tells the two apart
    flow.start(app, session)
    frames(app, 2)
    assert scene_name(app) == "CrisisScene"
    prompt = app.top
    assert prompt.other == RIVAL
    assert prompt.odds == pytest.approx(seen_odds(session))
    assert f"the odds of war are {seen_odds(session):.0%}" in " ".join(prompt.lines)
    key(app, k)
    assert scene_name(app) == "TurnScene"
    assert [a.action for a in app.top.draft.plan.actions] == [answer]
    key(app, pygame.K_RETURN)  # submit
    assert session.turn == 1
    names = session.scenario.names
    answers = [
        e
        for e in session.history[0].events.records(0)
        if e.kind == "crisis_answer" and e.actors == (names[ME], names[RIVAL])
    ]
    assert len(answers) == 1
    assert answers[0].answer == answer


def _numbers(value: float) -> set[str]:
    return {f"{value:.1f}", f"{value:.0f}", f"{value:.2f}"}


def test_the_turn_screen_and_the_crisis_prompt_never_show_a_rivals_true_stocks(app, monkeypatch):
    drawn: list[str] = []
    render = txt.render

    def spy(text, *args, **kwargs):
        drawn.append(text)
        return render(text, *args, **kwargs)

    monkeypatch.setattr(txt, "render", spy)
    txt.wrap.cache_clear()
    session = in_crisis()
    flow.start(app, session)
    frames(app, 2)
    assert scene_name(app) == "CrisisScene"
    prompt_lines = list(app.top.lines)
    key(app, pygame.K_f)
    turn = app.top
    assert scene_name(app) == "TurnScene"
    for _ in range(len(turn.regions.items) + 1):  # every tooltip, as the keyboard reaches it
        key(app, pygame.K_TAB, n=1)
    shown = drawn + prompt_lines + [t for _, t in turn.regions.items]
    shown += [t for _, t in getattr(turn, "_order_regions", [])]
    secret = _numbers(TRUE_REACH) | _numbers(TRUE_SHIELD)
    assert any(f"{SEEN_REACH:.1f}" in s for s in drawn)  # the spy sees the screen's text
    leaks = [s for s in shown if any(x in s for x in secret)]
    assert leaks == []
    rival = turn.view.states[RIVAL]
    assert rival.reach.value == SEEN_REACH and rival.shield.value == SEEN_SHIELD
    assert not rival.reach.exact and rival.hardening is None and rival.tech is None


def test_what_a_seat_is_shown_does_not_depend_on_its_rivals_true_stocks(app):
    """Two worlds that differ only in a rival's true stocks look the same to the seat."""
    a, b = in_crisis(), in_crisis(true_reach=5.0, true_shield=0.0)
    assert turn_view(a, ME) == turn_view(b, ME)
    assert turn_view(a, None) != turn_view(b, None)  # the observer does see the truth
    from game.ui.model.draft import OrderDraft
    from game.ui.scenes.crisis import CrisisScene

    ca = CrisisScene(app, OrderDraft(a, ME), RIVAL)
    cb = CrisisScene(app, OrderDraft(b, ME), RIVAL)
    assert ca.lines == cb.lines and ca.odds == cb.odds
    assert np.isfinite(ca.odds) and 0.0 < ca.odds <= 1.0
