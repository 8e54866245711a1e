"""Lessons: the shipped scenarios in teaching order, ticked once played to their end.

The list shows each lesson's number, title and one-line summary; Enter (or a click) opens one,
with its intro and objectives, and Play opens the new-game set-up on it.
"""

from __future__ import annotations

import html

import pygame
from pygame_gui.elements import UITextBox

from game.lessons import lessons
from game.scenarios import Scenario, load
from game.ui import navigation
from game.ui.drawing import text as txt
from game.ui.drawing.theme import ACCENT, BACKGROUND, MUTED, PANEL, PANEL_EDGE, TEXT
from game.ui.model import storage
from game.ui.scenes.scene import Scene


class LessonsScene(Scene):
    """Choose a lesson (Up/Down, Enter), read it, play it."""

    def __init__(self, app):
        super().__init__(app)
        self.ids = lessons()
        self.index = 0
        self.opened = False
        self.completed: set[str] = storage.read_completed()
        self.scenarios: dict[str, Scenario] = {}
        self._rows: list[tuple[pygame.Rect, int]] = []

    # State ----------------------------------------------------------------------------------

    def scenario_of(self, sid: str) -> Scenario:
        if sid not in self.scenarios:
            self.scenarios[sid] = load(sid)
        return self.scenarios[sid]

    @property
    def scenario(self) -> Scenario:
        return self.scenario_of(self.ids[self.index])

    def move(self, step: int) -> None:
        if self.ids:
            self.index = (self.index + step) % len(self.ids)

    def open(self, index: int | None = None) -> None:
        if not self.ids:
            return
        if index is not None:
            self.index = index
        self.opened = True
        self.rebuild()

    def close(self) -> None:
        self.opened = False
        self.rebuild()

    def play(self) -> None:
        navigation.push(self.app, "setup", self.ids[self.index])

    # Widgets --------------------------------------------------------------------------------

    def layout(self) -> None:
        u, W, H = self.u, self.width, self.height
        self.completed = storage.read_completed()  # a game may have ended since the last look
        bw, bh, pad = min(u(200), (W - 3 * u(20)) // 2), u(44), u(20)
        y = H - u(64)
        self._rows = []
        if self.opened:
            sc = self.scenario
            body = "<br><br>".join(html.escape(c) for c in sc.intro_cards)
            goals = "<br>".join(f"- {html.escape(o)}" for o in sc.objectives)
            top = u(96)
            UITextBox(
                f"{body}<br><br><b>Objectives</b><br>{goals}",
                pygame.Rect(pad, top, W - 2 * pad, y - u(16) - top),
                self.manager,
                container=self.root,
            )
            self.button(
                (W - pad - bw, y, bw, bh), "Play", self.play, pygame.K_RETURN, object_id="#primary"
            )
            self.button((W - 2 * pad - 2 * bw, y, bw, bh), "Back", self.close, pygame.K_ESCAPE)
            return
        top, bottom = u(96), y - u(16)
        n = max(1, len(self.ids))
        row_h = max(u(30), min(u(64), (bottom - top) // n))
        for i in range(len(self.ids)):
            rect = pygame.Rect(pad, top + i * row_h, W - 2 * pad, row_h - u(6))
            if rect.bottom > bottom:
                break
            self._rows.append((rect, i))
        self.button((W - pad - bw, y, bw, bh), "Open", self.open, pygame.K_RETURN)
        self.button((W - 2 * pad - 2 * bw, y, bw, bh), "Back", self.app.pop, pygame.K_ESCAPE)
        self.shortcut(pygame.K_UP, lambda: self.move(-1))
        self.shortcut(pygame.K_DOWN, lambda: self.move(1))

    # Events and drawing ---------------------------------------------------------------------

    def on_event(self, event: pygame.event.Event) -> None:
        if not self.opened and event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for rect, i in self._rows:
                if rect.collidepoint(event.pos):
                    self.open(i)
                    return

    def draw(self, surface: pygame.Surface) -> None:
        u = self.u
        surface.fill(BACKGROUND)
        if self.opened and self.ids:
            sc = self.scenario
            self.heading(surface, f"Lesson {self.index + 1}: {sc.title}", (u(20), u(14)))
            sub = _fit(sc.summary, u(16), self.width - u(40))
            surface.blit(txt.render(sub, u(16), MUTED), (u(20), u(56)))
            return
        self.heading(surface, "Lessons", (u(20), u(14)))
        sub = "The scenarios in teaching order. A tick marks the ones you have played to the end."
        surface.blit(txt.render(_fit(sub, u(15), self.width - u(40)), u(15), MUTED), (u(20), u(56)))
        good = self.app.palette.good
        for rect, i in self._rows:
            sid = self.ids[i]
            sc = self.scenario_of(sid)
            chosen = i == self.index
            pygame.draw.rect(surface, PANEL, rect, border_radius=u(6))
            edge = ACCENT if chosen else PANEL_EDGE
            pygame.draw.rect(surface, edge, rect, width=u(3) if chosen else 1, border_radius=u(6))
            mark_w = u(90)
            text_w = rect.w - u(24) - mark_w
            title = _fit(f"{i + 1}. {sc.title}", u(18), text_w, bold=True)
            big = rect.h >= u(50)
            ty = rect.y + (u(6) if big else (rect.h - u(18)) // 2 - u(2))
            surface.blit(txt.render(title, u(18), TEXT, True), (rect.x + u(12), ty))
            if big:
                summary = _fit(sc.summary, u(14), text_w)
                surface.blit(txt.render(summary, u(14), MUTED), (rect.x + u(12), ty + u(26)))
            if sid in self.completed:
                r = min(u(10), rect.h // 3)
                cx, cy = rect.right - mark_w, rect.centery
                _tick(surface, (cx, cy), r, good)
                surface.blit(txt.render("done", u(15), good), (cx + r + u(8), cy - u(10)))
        hint = "Up/Down: choose   Enter or click: open   Esc: back"
        surface.blit(txt.render(hint, u(13), MUTED), (u(20), self.height - u(24)))


def _tick(surface: pygame.Surface, centre: tuple[int, int], r: int, colour) -> None:
    """A check mark drawn as two strokes (no font glyph needed)."""
    cx, cy = centre
    points = [(cx - r, cy), (cx - r // 3, cy + r * 2 // 3), (cx + r, cy - r * 2 // 3)]
    pygame.draw.lines(surface, colour, False, points, max(2, r // 3))


def _fit(text: str, size: int, width: int, bold: bool = False) -> str:
    """``text`` cut with an ellipsis to fit ``width`` pixels."""
    f = txt.font(size, bold)
    if f.size(text)[0] <= width:
        return text
    while text and f.size(text + "...")[0] > width:
        text = text[:-1]
    return text.rstrip() + "..."
