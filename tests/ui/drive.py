"""Drive the real window with posted events, as a player would: keys and clicks."""

from __future__ import annotations

import pygame
from pygame_gui.elements import UIButton


def frames(app, n: int = 2, dt: float = 1 / 60) -> None:
    """Run ``n`` frames without waiting for the clock."""
    for _ in range(n):
        app.frame(dt)


def key(app, k: int, mod: int = 0, n: int = 2) -> None:
    """Press and release a key, then let the frames run."""
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=k, mod=mod, unicode="", scancode=0))
    frames(app, n)


def click_at(app, pos: tuple[int, int], n: int = 3) -> None:
    motion = pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
    pygame.event.post(motion)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    frames(app, n)


def buttons(app) -> list[UIButton]:
    """The live buttons of the top scene."""
    top = app.top
    return [b for b in top._buttons if b.alive()] if top is not None else []


def find_button(app, text: str) -> UIButton:
    for b in buttons(app):
        if b.text.startswith(text):
            return b
    raise AssertionError(f"no button {text!r}: {[b.text for b in buttons(app)]}")


def click(app, text: str, n: int = 3) -> None:
    """Click the top scene's button whose label starts with ``text``."""
    b = find_button(app, text)
    click_at(app, b.rect.center, n)


def scene_name(app) -> str:
    return type(app.top).__name__


#: Screens a lesson puts before or between turns: its intro, the quiz, the bet and its reveal.
LESSON_SCREENS = ("IntroScene", "QuizScene", "BetScene", "RevealScene", "TurnReportScene")


#: Decisions a turn may open with: an offer or proposal addressed to the player.
OFFER_SCREENS = ("OfferScene",)


def past_lesson_screens(app, offers: bool = True) -> None:
    """Skip what a lesson shows around the turns (intro skipped, no bet, reveal closed, the turn
    report closed) and,
    unless ``offers`` is False, the offers put to the player ("Later"), for tests about
    something else."""
    skip = LESSON_SCREENS + (OFFER_SCREENS if offers else ())
    for _ in range(20):
        name = scene_name(app)
        if offers and name == "TurnScene" and getattr(app.top, "_offers", None):
            frames(app, 1)  # an offer opens on the turn screen's next frame
            name = scene_name(app)
        if name not in skip:
            return
        key(app, pygame.K_RETURN if name == "RevealScene" else pygame.K_ESCAPE)


def start_game(app, lesson: str, seed: int = 3):
    """A new game of ``lesson`` (its default seats) on its turn screen, past the lesson's own
    screens; returns the session."""
    from game.scenarios import load
    from game.session import Session
    from game.ui import navigation as flow

    session = Session.new(load(lesson), seed)
    flow.start(app, session, intro=False)
    past_lesson_screens(app)
    frames(app, 2)
    assert scene_name(app) == "TurnScene"
    return session


def random_events(
    app, rng, count: int, keys, *, click: float, type_up_to: float, key_up_to: float, typed=()
) -> set[str]:
    """``count`` seeded random events, each followed by two frames: a click where ``r <
    click``, a typed text from ``typed`` below ``type_up_to``, a key from ``keys`` below
    ``key_up_to``, else a resize. Quitting reopens the title. Returns the scenes seen."""
    seen: set[str] = set()
    for _ in range(count):
        w, h = app.size
        r = rng.random()
        if r < click:
            pos = (int(rng.integers(0, w)), int(rng.integers(0, h)))
            pygame.event.post(
                pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
            )
            pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
            pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
        elif r < type_up_to:
            pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=str(rng.choice(typed))))
        elif r < key_up_to:
            k = int(rng.choice(keys))
            if k == pygame.K_q and rng.random() < 0.8:
                k = pygame.K_RETURN
            pygame.event.post(
                pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0)
            )
        else:
            size = (int(rng.integers(700, 1400)), int(rng.integers(500, 900)))
            pygame.event.post(
                pygame.event.Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1])
            )
        frames(app, 2)
        seen.add(type(app.top).__name__)
        if not app.running:  # the run found Quit: open the window again
            app.running = True
            app.to_title()
    return seen


def open_sandbox_diplomacy(app):
    """From the title: a new Sandbox game (every kind of diplomacy, no alliance yet), past its
    lesson screens, with the Diplomacy dialog open; returns the dialog."""
    key(app, pygame.K_n)
    while app.top.scenario.id != "sandbox":
        key(app, pygame.K_DOWN)
    key(app, pygame.K_RETURN)
    past_lesson_screens(app)
    key(app, pygame.K_d)
    assert scene_name(app) == "DiplomacyScene"
    return app.top


def open_proposal(app):
    """Three Powers (seed 3), its Diplomacy dialog on "Propose a treaty" to Veyra with Ostrel
    invited too; returns the dialog."""
    start_game(app, "three_powers", 3)
    key(app, pygame.K_d)
    assert scene_name(app) == "DiplomacyScene"
    dip = app.top
    dip.action_i = dip.menu.index("propose_treaty")
    dip.target_i = dip.targets().index("Veyra")
    dip.also = "Ostrel"
    dip.rebuild()
    frames(app, 1)
    return dip


def queue_ceiling(app, cap: str = "30"):
    """:func:`open_proposal`, then a reach ceiling at ``cap`` added to the orders; returns the
    dialog."""
    dip = open_proposal(app)
    dip.kind_i = 2  # reach ceiling
    dip.rebuild()
    dip.entries["cap"].set_text(cap)
    frames(app, 1)
    click(app, "Add to orders")
    return dip
