"""Answer buttons whose labels may be long (the quiz's and the bet's choices): real buttons, a
click or the keys 1-5 pick one, with each label wrapped and drawn over its button."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pygame
from pygame_gui.elements import UIButton

from game.ui.drawing import text as txt
from game.ui.drawing.theme import ACCENT, TEXT

NUMBER_KEYS = (pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4, pygame.K_5)
KEYPAD_KEYS = (pygame.K_KP1, pygame.K_KP2, pygame.K_KP3, pygame.K_KP4, pygame.K_KP5)


class Choices:
    """Answer buttons whose labels may be long: real buttons (a click, or the keys 1-5, picks
    one), with the label wrapped and drawn over each (a button's own text would not wrap).

    ``fit`` picks one font size for the question above them and the choices, so both fit.
    """

    def __init__(self) -> None:
        self.items: list[tuple[UIButton, int, tuple[str, ...]]] = []
        self.size = 16
        self.chosen: int | None = None

    @staticmethod
    def fit(
        scene: Any,
        question: str,
        labels: Sequence[str],
        width: int,
        height: int,
        largest: int,
        smallest: int,
    ) -> tuple[int, tuple[str, ...], list[tuple[str, ...]], int]:
        """(size, question lines, each choice's lines, the height they take). When even the
        smallest size is too tall, the longest texts are cut short with "..." (their buttons
        show the whole text as a tooltip)."""
        u = scene.u
        size = largest
        lab_w = max(width - u(64), 1)

        def need_of(q: Sequence[str], labs: Sequence[Sequence[str]], step: int) -> int:
            need = len(q) * step + u(18) + sum(len(ls) * step + u(16) for ls in labs)
            return need + u(8) * max(0, len(labs) - 1)

        while True:
            q = txt.wrap(question, size, width, True)
            step = round(size * 1.25)
            labs = [txt.wrap(lab, size, lab_w) for lab in labels]
            need = need_of(q, labs, step)
            if need <= height or size <= smallest:
                break
            size = max(smallest, size - max(1, size // 12))
        cap = max([len(q), *(len(ls) for ls in labs)])
        while need > height and cap > 1:
            cap -= 1
            q = _cut(q, cap)
            labs = [_cut(ls, cap) for ls in labs]
            need = need_of(q, labs, step)
        return size, q, labs, need

    def build(
        self,
        scene: Any,
        x: int,
        y: int,
        width: int,
        size: int,
        lines: Sequence[tuple[str, ...]],
        pick: Callable[[int], None],
        chosen: int | None = None,
        full: Sequence[str] = (),
    ) -> int:
        """Make one button per choice from ``y`` down; returns the y below the last. ``full``:
        the whole texts, shown as a tooltip where a label was cut short."""
        u = scene.u
        self.items = []
        self.size = size
        self.chosen = chosen
        step = round(size * 1.25)
        for k, ls in enumerate(lines):
            h = len(ls) * step + u(16)
            key = NUMBER_KEYS[k] if k < len(NUMBER_KEYS) else None
            cut = k < len(full) and ls and ls[-1].endswith("...") and not full[k].endswith("...")
            tip = full[k] if cut else None
            b = scene.button((x, y, width, h), "", lambda k=k: pick(k), tooltip=tip)
            if key is not None:
                scene.shortcut(key, lambda k=k: pick(k))
                scene.shortcut(KEYPAD_KEYS[k], lambda k=k: pick(k))
            self.items.append((b, k, ls))
            y += h + u(8)
        return y

    def draw(self, scene: Any, surface: pygame.Surface) -> None:
        u = scene.u
        step = round(self.size * 1.25)
        for b, k, ls in self.items:
            if not b.alive():
                continue
            r = b.rect
            if k == self.chosen:
                pygame.draw.rect(surface, ACCENT, r.inflate(u(4), u(4)), u(3), border_radius=u(4))
            badge = txt.render(f"{k + 1}", self.size, ACCENT, True)
            surface.blit(badge, (r.x + u(16), r.y + u(8)))
            y = r.y + u(8)
            for line in ls:
                surface.blit(txt.render(line, self.size, TEXT), (r.x + u(52), y))
                y += step


def _cut(lines: tuple[str, ...], most: int) -> tuple[str, ...]:
    """At most ``most`` lines, the last ending in "..." when some were left out."""
    if len(lines) <= most:
        return lines
    return (*lines[: most - 1], lines[most - 1].rstrip(".,;: ") + "...")
