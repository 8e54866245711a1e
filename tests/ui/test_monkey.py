"""A seeded monkey: random clicks, keys and resizes on every screen, and nothing may break."""

from __future__ import annotations

import numpy as np
import pygame

from .drive import frames

KEYS = [
    pygame.K_RETURN,
    pygame.K_ESCAPE,
    pygame.K_TAB,
    pygame.K_UP,
    pygame.K_DOWN,
    pygame.K_LEFT,
    pygame.K_RIGHT,
    pygame.K_SPACE,
    pygame.K_BACKSPACE,
    pygame.K_MINUS,
    pygame.K_EQUALS,
    *range(pygame.K_1, pygame.K_6),
    *range(pygame.K_a, pygame.K_z + 1),
]


def test_random_input_across_screens_raises_nothing(app):
    rng = np.random.default_rng(20240611)
    seen: set[str] = set()
    for _ in range(1500):
        w, h = app.size
        r = rng.random()
        if r < 0.45:
            pos = (int(rng.integers(0, w)), int(rng.integers(0, h)))
            pygame.event.post(
                pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
            )
            pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
            pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
        elif r < 0.97:
            k = int(rng.choice(KEYS))
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
        if not app.running:  # the monkey found Quit: open the window again
            app.running = True
            app.to_title()
    print(sorted(seen))
    assert {"TitleScene", "SetupScene", "TurnScene", "PauseScene"} <= seen
