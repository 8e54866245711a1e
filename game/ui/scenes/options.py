"""Settings: window size, full screen, text size, colour-blind safe palette, sound and volume,
and reduced motion.

Every change applies at once and is kept in the user's config folder.
"""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.elements import UIHorizontalSlider

from game.ui.drawing import text as txt
from game.ui.drawing.game_board import draw_shape
from game.ui.drawing.text import fit_text
from game.ui.drawing.theme import BACKGROUND, MUTED, TEXT
from game.ui.model.settings import PALETTE_NAMES, SCALES, SIZES
from game.ui.scenes.scene import Scene

PALETTE_WORDS = {"standard": "standard", "colour_blind": "colour-blind safe"}


def _next(options, current, step=1):
    options = list(options)
    k = options.index(current) if current in options else -1
    return options[(k + step) % len(options)]


class SettingsScene(Scene):
    """Buttons cycle each setting; Esc goes back.

    The rows go in one column, or in two when large text would push them into the Back button;
    below them, the board's own colours and shapes (a lesson's states, drawn as the board draws
    them), so a palette can be judged by what the game will show."""

    #: The lesson whose states the colour preview draws (the most states of any lesson).
    PREVIEW = "sandbox"

    def layout(self) -> None:
        s = self.app.settings
        u, W, H = self.u, self.width, self.height
        pad = u(20)
        top = u(20) + txt.font(u(30), True).get_linesize() + u(16)
        rows = [
            (f"Window size: {s.width} x {s.height}", self.size, pygame.K_w),
            (f"Full screen: {'on' if s.fullscreen else 'off'}", self.fullscreen, pygame.K_f),
            (f"Text size: {round(s.ui_scale * 100)}%", self.text_size, pygame.K_t),
            (f"Colours: {PALETTE_WORDS.get(s.palette, s.palette)}", self.colours, pygame.K_p),
            (f"Sound: {'on' if s.sound else 'off'}", self.sound, pygame.K_m),
            (f"Motion: {'reduced' if s.reduce_motion else 'full'}", self.motion, pygame.K_r),
        ]
        n = len(rows) + 1  # and the volume
        back_h = u(42)
        back_y = H - pad - back_h
        legend_h = self.legend_height()
        room = back_y - u(12) - legend_h - top
        cols = 1 if n * u(52) <= room else 2
        per_col = -(-n // cols)
        step = max(min(u(52), room // per_col), u(25))
        h = step - max(u(6), step // 8)
        w = min(u(420), (W - (cols + 1) * pad) // cols)
        x0 = (W - cols * w - (cols - 1) * pad) // 2
        cells = [(x0 + (k // per_col) * (w + pad), top + (k % per_col) * step) for k in range(n)]
        for (label, action, key), (x, y) in zip(rows, cells, strict=False):
            self.button((x, y, w, h), label, action, key)
        x, y = cells[-1]
        pct = round(s.volume * 100)
        font = txt.font(self.font_size)
        labels = (f"Volume {pct}% [-/+]", f"Volume {pct}%", f"{pct}%")
        label = next((t for t in labels if font.size(t)[0] + u(10) <= w // 2), labels[-1])
        lw = min(font.size(label)[0] + u(10), w // 2)
        self.label((x, y, lw, h), label, tooltip="Volume: - and + change it")
        self.volume = UIHorizontalSlider(
            pygame.Rect(x + lw + u(5), y + (h - u(28)) // 2, w - lw - u(5), u(28)),
            s.volume,
            (0.0, 1.0),
            self.manager,
            container=self.root,
            click_increment=0.1,
        )
        self.shortcut(pygame.K_MINUS, lambda: self.set_volume(s.volume - 0.1))
        self.shortcut(pygame.K_EQUALS, lambda: self.set_volume(s.volume + 0.1))
        self.shortcut(pygame.K_PLUS, lambda: self.set_volume(s.volume + 0.1))
        # The colour preview: as wide as the buttons, or wider (up to the window) for the names.
        wide = max(cols * w + (cols - 1) * pad, min(W - 2 * pad, self.legend_width()))
        self.preview = pygame.Rect((W - wide) // 2, top + per_col * step + u(4), wide, legend_h)
        bw = min(w, u(300))
        self.button(
            ((W - bw) // 2, back_y, bw, back_h),
            "Back",
            self.app.pop,
            pygame.K_ESCAPE,
            object_id="#primary",
        )

    def legend_height(self) -> int:
        u = self.u
        return txt.font(u(15)).get_linesize() + u(8) + u(36)

    def legend_width(self) -> int:
        """The width the preview needs to name every state beside its shape."""
        u = self.u
        widths = self._item_widths()
        return sum(widths) + u(22) * (len(widths) - 1)

    def _item_widths(self) -> list[int]:
        u = self.u
        font = txt.font(u(15))
        return [2 * u(12) + u(8) + font.size(name)[0] for name, _, _ in self.preview_states()]

    def preview_states(self) -> list[tuple[str, str, int]]:
        """(name, shape, palette index) of the preview lesson's states, as the board has them."""
        from game.scenarios import load

        if getattr(self, "_states", None) is None:
            sc = load(self.PREVIEW)
            self._states = [(sc.names[i], sc.looks[i].shape, i) for i in range(len(sc.names))]
        return self._states

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

    def motion(self) -> None:
        """Reduced motion: the turn report shows whole, the board jumps to each new turn."""
        s = self.app.settings
        self._apply(reduce_motion=not s.reduce_motion)

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
        box = self.preview
        caption = "On the board, each state has its own colour and its own shape:"
        size, lines = fit_text(caption, box.w, u(19), u(15), u(11))
        surface.blit(txt.render(lines[0], size, MUTED), box.topleft)
        pal = self.app.palette
        r = u(12)
        cy = box.y + txt.font(u(15)).get_linesize() + u(8) + u(18)
        states = self.preview_states()
        fs = u(15)
        widths = self._item_widths()
        gap = u(22)
        named = sum(widths) + gap * (len(states) - 1) <= box.w
        x = box.x + r
        #: What the preview drew: (state name, shape, colour, centre), for the tests.
        self.drawn: list[tuple[str, str, tuple[int, int, int], tuple[int, int]]] = []
        for (name, shape, i), wd in zip(states, widths, strict=True):
            colour = pal.states[i % len(pal.states)]  # as the board colours state i
            draw_shape(surface, shape, (x, cy), r, colour, TEXT, 1)
            self.drawn.append((name, shape, colour, (x, cy)))
            if named:
                label = txt.render(name, fs, TEXT)
                surface.blit(label, (x + r + u(8), cy - label.get_height() // 2))
                x += wd + gap
            else:
                x += 2 * r + gap
