"""Fonts and rendered text, cached: a frame blits text it rendered once.

The default font is Noto Sans, which pygame_gui ships, so the window reads the same on every
machine; sizes are given already multiplied by the UI scale.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import pygame

from game.ui.drawing.theme import TEXT, Colour


def _font_path(bold: bool) -> str:
    name = "NotoSans-Bold.ttf" if bold else "NotoSans-Regular.ttf"
    return str(resources.files("pygame_gui.data") / name)


@lru_cache(maxsize=64)
def font(size: int, bold: bool = False) -> pygame.font.Font:
    """The UI font at ``size`` pixels."""
    if not pygame.font.get_init():
        pygame.font.init()
    try:
        return pygame.font.Font(_font_path(bold), max(6, int(size)))
    except (OSError, FileNotFoundError):  # a stripped install: pygame's own default font
        return pygame.font.Font(None, max(6, int(size * 1.3)))


@lru_cache(maxsize=4096)
def render(text: str, size: int, colour: Colour = TEXT, bold: bool = False) -> pygame.Surface:
    """``text`` rendered once per (text, size, colour, weight)."""
    return font(size, bold).render(text, True, colour)


@lru_cache(maxsize=1024)
def wrap(text: str, size: int, width: int, bold: bool = False) -> tuple[str, ...]:
    """``text`` broken into lines no wider than ``width`` pixels (words kept whole)."""
    f = font(size, bold)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            trial = f"{line} {word}" if line else word
            if f.size(trial)[0] <= width or not line:
                line = trial
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return tuple(lines)


def blit_lines(
    surface: pygame.Surface,
    lines: tuple[str, ...] | list[str],
    pos: tuple[int, int],
    size: int,
    colour: Colour = TEXT,
    bold: bool = False,
    spacing: float = 1.25,
) -> int:
    """Draw ``lines`` from ``pos`` down; returns the y below the last one."""
    x, y = pos
    step = round(size * spacing)
    for line in lines:
        surface.blit(render(line, size, colour, bold), (x, y))
        y += step
    return y
