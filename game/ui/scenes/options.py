"""Settings: window size, full screen, text size, colour-blind safe palette, sound and volume.

Every change applies at once and is kept in the user's config folder.
"""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.elements import UIHorizontalSlider

from game.scenarios import SHAPES
from game.ui import text as txt
from game.ui.board import draw_shape
from game.ui.scenes.base import Scene
from game.ui.settings import PALETTE_NAMES, SCALES, SIZES
from game.ui.theme import BACKGROUND, MUTED, TEXT

PALETTE_WORDS = {"standard": "standard", "colour_blind": "colour-blind safe"}


def _next(options, current, step=1):
    options = list(options)
    k = options.index(current) if current in options else -1
    return options[(k + step) % len(options)]


class SettingsScene(Scene):
    """Buttons cycle each setting; Esc goes back."""

    def layout(self) -> None:
        s = self.app.settings
        u = self.u
        w, h = u(420), u(42)
        x = (self.width - w) // 2
        y = u(110)
        step = h + u(10)
        rows = [
            (f"Window size: {s.width} x {s.height}", self.size, pygame.K_w),
            (f"Full screen: {'on' if s.fullscreen else 'off'}", self.fullscreen, pygame.K_f),
            (f"Text size: {round(s.ui_scale * 100)}%", self.text_size, pygame.K_t),
            (f"Colours: {PALETTE_WORDS.get(s.palette, s.palette)}", self.colours, pygame.K_p),
            (f"Sound: {'on' if s.sound else 'off'}", self.sound, pygame.K_m),
        ]
        for k, (label, action, key) in enumerate(rows):
            self.button((x, y + k * step, w, h), label, action, key)
        y += len(rows) * step
        self.label((x, y, u(150), h), f"Volume {round(s.volume * 100)}% [-/+]")
        self.volume = UIHorizontalSlider(
            pygame.Rect(x + u(155), y + u(8), w - u(155), u(28)),
            s.volume,
            (0.0, 1.0),
            self.manager,
            container=self.root,
            click_increment=0.1,
        )
        self.shortcut(pygame.K_MINUS, lambda: self.set_volume(s.volume - 0.1))
        self.shortcut(pygame.K_EQUALS, lambda: self.set_volume(s.volume + 0.1))
        self.shortcut(pygame.K_PLUS, lambda: self.set_volume(s.volume + 0.1))
        self.preview_y = y + step + u(10)
        self.button(
            (x, self.height - u(70), w, h),
            "Back",
            self.app.pop,
            pygame.K_ESCAPE,
            object_id="#primary",
        )

    def _apply(self, **changes) -> None:
        self.app.apply_settings(self.app.settings.replace(**changes))

    def size(self) -> None:
        w, h = _next(SIZES, self.app.settings.size)
        self._apply(width=w, height=h)

    def fullscreen(self) -> None:
        self._apply(fullscreen=not self.app.settings.fullscreen)

    def text_size(self) -> None:
        self._apply(ui_scale=_next(SCALES, self.app.settings.ui_scale))

    def colours(self) -> None:
        self._apply(palette=_next(PALETTE_NAMES, self.app.settings.palette))

    def sound(self) -> None:
        self._apply(sound=not self.app.settings.sound)
        self.app.sound.play("click")

    def set_volume(self, v: float) -> None:
        self._apply(volume=round(min(max(v, 0.0), 1.0), 2))
        self.app.sound.play("click")

    def on_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_HORIZONTAL_SLIDER_MOVED and event.ui_element is self.volume:
            self.set_volume(float(event.value))

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(BACKGROUND)
        u = self.u
        surface.blit(txt.render("Settings", u(30), TEXT, True), (u(20), u(20)))
        surface.blit(
            txt.render("Each state has its own colour and its own shape:", u(15), MUTED),
            ((self.width - u(420)) // 2, self.preview_y),
        )
        pal = self.app.palette
        for k, shape in enumerate(SHAPES):
            c = ((self.width - u(420)) // 2 + u(24) + k * u(52), self.preview_y + u(50))
            draw_shape(surface, shape, c, u(16), pal.states[k], TEXT, 1)
