"""The Settings screen at every text size and window size: nothing outside the window, no widget
over another (Back over Sound, as it was at 200 %), the colour preview in sight and clear of them,
and the preview drawing each state's colour with the shape the board gives that state."""

from __future__ import annotations

import itertools

import pygame
import pytest

from game.scenarios import load
from game.ui.model.settings import SCALES

from .drive import frames, key, scene_name
from .test_layout import outside

SIZES = [(1280, 720), (1280, 800), (1920, 1080), (1024, 640)]


@pytest.mark.parametrize(("scale", "size"), list(itertools.product(SCALES, SIZES)))
def test_nothing_overlaps_and_the_preview_is_in_sight(window, scale, size):
    app = window(scale, size)
    key(app, pygame.K_s)
    assert scene_name(app) == "SettingsScene"
    frames(app, 1)
    scene = app.top
    assert app.size == size
    assert outside(app) == []
    slider = pygame.Rect(scene.volume.rect)
    rects = [
        (getattr(el, "text", type(el).__name__), pygame.Rect(el.rect))
        for el in app.manager.get_sprite_group().sprites()
        if el.visible
        and type(el).__name__ in ("UIButton", "UILabel", "UIHorizontalSlider")
        and (el is scene.volume or not slider.contains(el.rect))  # not the slider's own parts
    ]
    assert len(rects) >= 8  # six settings, the volume slider, Back
    for (a, ra), (b, rb) in itertools.combinations(rects, 2):
        assert not ra.colliderect(rb), f"{a!r} {tuple(ra)} overlaps {b!r} {tuple(rb)}"
    window_rect = pygame.Rect((0, 0), size)
    assert window_rect.contains(scene.preview)
    for name, r in rects:
        assert not scene.preview.colliderect(r), f"the colour preview is under {name!r}"
    # Every state drawn, inside the window.
    assert len(scene.drawn) == len(load(scene.PREVIEW).names)
    for *_, centre in scene.drawn:
        assert window_rect.collidepoint(centre)


@pytest.mark.parametrize("palette_key_presses", [0, 1])
def test_the_preview_matches_the_boards_colours_and_shapes(app, palette_key_presses):
    key(app, pygame.K_s)
    for _ in range(palette_key_presses):
        key(app, pygame.K_p)  # the colour-blind safe palette too
    frames(app, 1)
    scene = app.top
    sc = load(scene.PREVIEW)
    pal = app.palette
    surface = pygame.display.get_surface()
    for name, shape, colour, centre in scene.drawn:
        i = sc.names.index(name)
        # The board draws state i in pal.states[i] with the shape its lesson gives it.
        assert shape == sc.looks[i].shape
        assert colour == pal.states[i % len(pal.states)]
        assert tuple(surface.get_at(centre))[:3] == colour
