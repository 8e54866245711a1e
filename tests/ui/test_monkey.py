"""A seeded monkey: random clicks, keys and resizes on every screen, and nothing may break."""

from __future__ import annotations

import numpy as np
import pygame

from .drive import random_events

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
    seen = random_events(app, rng, 1500, KEYS, click=0.45, type_up_to=0.45, key_up_to=0.97)
    print(sorted(seen))
    assert {"TitleScene", "SetupScene", "TurnScene", "PauseScene"} <= seen
