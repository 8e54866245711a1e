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


def fit_text(
    text: str, width: int, height: int, largest: int, smallest: int, bold: bool = False
) -> tuple[int, tuple[str, ...]]:
    """The largest font size (from ``largest`` down to ``smallest``) at which ``text`` wrapped to
    ``width`` fits in ``height``; with its lines (cut, at the smallest size, if it never fits)."""
    size = max(largest, smallest)
    while True:
        lines = wrap(text, size, max(width, 1), bold)
        if len(lines) * round(size * 1.25) <= height or size <= smallest:
            break
        size = max(smallest, size - max(1, size // 12))
    room = max(1, height // round(size * 1.25))
    if len(lines) > room:
        lines = (*lines[: room - 1], lines[room - 1].rstrip(".,;: ") + "...")
    return size, lines


Paragraph = tuple[str, tuple[int, int, int], bool]  # text, colour, bold


def fit_paragraphs(
    paragraphs: list[Paragraph], width: int, height: int, largest: int, smallest: int
) -> tuple[int, list[tuple[tuple[str, ...], tuple[int, int, int], bool]]]:
    """One font size for several paragraphs (a blank half-line between them): the largest at
    which they all fit in ``height``; with each paragraph's wrapped lines."""
    size = max(largest, smallest)
    while True:
        out = [(wrap(t, size, max(width, 1), b), c, b) for t, c, b in paragraphs if t]
        step = round(size * 1.25)
        need = sum(len(lines) * step for lines, _, _ in out) + (len(out) - 1) * step // 2
        if need <= height or size <= smallest:
            return size, out
        size = max(smallest, size - max(1, size // 12))


def blit_paragraphs(
    surface: pygame.Surface,
    blocks: list[tuple[tuple[str, ...], tuple[int, int, int], bool]],
    pos: tuple[int, int],
    size: int,
    bottom: int | None = None,
) -> int:
    """Draw what :func:`fit_paragraphs` gave; returns the y below the last line (lines that
    would pass ``bottom`` are left out)."""
    x, y = pos
    step = round(size * 1.25)
    for lines, colour, bold in blocks:
        for line in lines:
            if bottom is not None and y + step > bottom:
                return y
            surface.blit(render(line, size, colour, bold), (x, y))
            y += step
        y += step // 2
    return y
