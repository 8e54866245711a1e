"""Tooltips for what the game draws itself: hover with the mouse, or Tab through with the keys.

A drawn panel registers ``(rect, text)`` regions; the scene asks which one the mouse is over (or
which one keyboard focus is on) and draws its text in a box beside it.
"""

from __future__ import annotations

import pygame

from game.ui.drawing import text as txt
from game.ui.drawing.theme import ACCENT, TEXT


class Regions:
    """Hoverable regions and the keyboard focus among them."""

    def __init__(self) -> None:
        self.items: list[tuple[pygame.Rect, str]] = []
        self.focus: int | None = None

    def clear(self) -> None:
        self.items = []
        self.focus = None

    def add(self, rect: pygame.Rect, text: str) -> None:
        self.items.append((pygame.Rect(rect), text))

    def extend(self, items: list[tuple[pygame.Rect, str]]) -> None:
        self.items.extend((pygame.Rect(r), t) for r, t in items)

    def at(self, pos: tuple[int, int]) -> tuple[pygame.Rect, str] | None:
        for rect, text in reversed(self.items):
            if rect.collidepoint(pos):
                return rect, text
        return None

    def cycle(self, step: int = 1) -> None:
        if not self.items:
            self.focus = None
            return
        self.focus = 0 if self.focus is None else (self.focus + step) % len(self.items)

    def focused(self) -> tuple[pygame.Rect, str] | None:
        if self.focus is None or self.focus >= len(self.items):
            return None
        return self.items[self.focus]

    def current(self, mouse: tuple[int, int]) -> tuple[pygame.Rect, str] | None:
        """The focused region, else the one under the mouse."""
        return self.focused() or self.at(mouse)


def draw_tip(
    surface: pygame.Surface, anchor: pygame.Rect, text: str, size: int, outline: bool = False
) -> None:
    """``text`` in a box beside ``anchor``, kept inside the window."""
    width = max(160, min(size * 26, surface.get_width() // 2))
    lines = txt.wrap(text, size, width)
    line_h = round(size * 1.3)
    w = max(txt.font(size).size(line)[0] for line in lines) + size
    h = line_h * len(lines) + size // 2
    x = anchor.right + 8
    y = anchor.top
    if x + w > surface.get_width():
        x = anchor.left - 8 - w
    x = max(4, min(x, surface.get_width() - w - 4))
    y = max(4, min(y, surface.get_height() - h - 4))
    box = pygame.Rect(x, y, w, h)
    pygame.draw.rect(surface, (14, 18, 22), box, border_radius=4)
    pygame.draw.rect(surface, ACCENT, box, 1, border_radius=4)
    if outline:
        pygame.draw.rect(surface, ACCENT, anchor.inflate(4, 4), 2, border_radius=4)
    txt.blit_lines(surface, lines, (x + size // 2, y + size // 4), size, TEXT, spacing=1.3)
