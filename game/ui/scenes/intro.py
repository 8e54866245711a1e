"""A lesson's intro, as cards: the one idea with its picture, one card per paragraph of the intro,
then the objectives (and, when the lesson has a quiz, the offer to take it first).

Shown when a game of a scenario starts (from the set-up, which the Lessons screen opens), and
from the pause menu ("Lesson intro") during a game. Right, Enter or Space: next card; Left or
Backspace: back; Esc: skip the rest; Q on the last card: the quiz first.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.lessons import lessons
from game.ui import navigation
from game.ui.drawing import text as txt
from game.ui.drawing.pictures import CAPTIONS, draw_picture
from game.ui.drawing.text import Paragraph, blit_paragraphs, fit_paragraphs, fit_text
from game.ui.drawing.theme import ACCENT, BACKGROUND, MUTED, PANEL, PANEL_EDGE, TEXT
from game.ui.model.game_match import Match
from game.ui.scenes.scene import Scene


class IntroScene(Scene):
    """The lesson intro cards for ``match``'s scenario.

    ``on_done`` runs after the intro closes (the turn screen's bet, at the start of a game);
    ``offer_quiz`` shows "Take the quiz first" on the last card when the scenario has a quiz
    (default: when the game has not begun and the quiz has not been taken).
    """

    def __init__(
        self,
        app,
        match: Match,
        on_done: Callable[[], None] | None = None,
        offer_quiz: bool | None = None,
    ):
        super().__init__(app)
        self.match = match
        self.scenario = match.session.scenario
        self.on_done = on_done
        sc = self.scenario
        if offer_quiz is None:
            offer_quiz = match.session.turn == 0 and not match.session.answers.quiz_before
        self.offer_quiz = bool(offer_quiz and sc.quiz)
        #: (kind, text): "idea", then "text" per paragraph, then "goals".
        self.cards: list[tuple[str, str]] = [("idea", sc.idea or sc.summary)]
        self.cards += [("text", c) for c in sc.intro_cards]
        self.cards.append(("goals", ""))
        self.index = 0
        ids = lessons()
        self.number = ids.index(sc.id) + 1 if sc.id in ids else None

    # Intents --------------------------------------------------------------------------------

    @property
    def card(self) -> tuple[str, str]:
        return self.cards[self.index]

    @property
    def last(self) -> bool:
        return self.index == len(self.cards) - 1

    def next(self) -> None:
        if self.last:
            self.finish()
            return
        self.index += 1
        self.rebuild()

    def back(self) -> None:
        if self.index > 0:
            self.index -= 1
            self.rebuild()

    def finish(self) -> None:
        """Close the intro (Skip or past the last card)."""
        if self.app.top is self:
            self.app.pop()
        if self.on_done is not None:
            self.on_done()

    def quiz(self) -> None:
        navigation.replace(self.app, "quiz", self.match, after=False, on_done=self.on_done)

    # Widgets --------------------------------------------------------------------------------

    def layout(self) -> None:
        u, W, H = self.u, self.width, self.height
        pad = u(20)
        bh = u(44)
        bw = min(u(200), (W - 4 * pad) // 3)
        y = H - pad - bh
        self.buttons_y = y
        self.bottom = y - u(40)  # the band above the buttons holds the progress dots
        self.button((pad, y, bw, bh), "Back", self.back, pygame.K_LEFT, enabled=self.index > 0)
        self.button(
            ((W - bw) // 2, y, bw, bh),
            "Skip",
            self.finish,
            pygame.K_ESCAPE,
            tooltip="Straight to the game (the pause menu shows this intro again)",
        )
        self.button(
            (W - pad - bw, y, bw, bh),
            "Start" if self.last else "Next",
            self.next,
            pygame.K_RIGHT,
            object_id="#primary",
        )
        self.shortcut(pygame.K_RETURN, self.next)
        self.shortcut(pygame.K_KP_ENTER, self.next)
        self.shortcut(pygame.K_SPACE, self.next)
        self.shortcut(pygame.K_BACKSPACE, self.back)
        self.quiz_rect: pygame.Rect | None = None
        if self.last and self.offer_quiz:
            qw = min(W - 2 * pad, u(420))
            self.quiz_rect = pygame.Rect((W - qw) // 2, self.bottom - bh, qw, bh)
            self.button(
                self.quiz_rect,
                "Take the quiz first",
                self.quiz,
                pygame.K_q,
                tooltip=f"{len(self.scenario.quiz)} questions, optional; the same quiz after the "
                "game shows what moved",
            )
            self.bottom = self.quiz_rect.y - u(12)

    # Drawing --------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        u, W = self.u, self.width
        surface.fill(BACKGROUND)
        sc = self.scenario
        title = f"Lesson {self.number}: {sc.title}" if self.number else sc.title
        size, lines = fit_text(title, W - u(40), u(40), u(28), u(16), bold=True)
        surface.blit(txt.render(lines[0], size, TEXT, True), (u(20), u(14)))
        top = u(62)
        area = pygame.Rect(u(20), top, W - u(40), self.bottom - top)
        kind, words = self.card
        if kind == "idea":
            self._draw_idea(surface, area, words)
        elif kind == "text":
            self._draw_text(surface, area, words)
        else:
            self._draw_goals(surface, area)
        self._draw_progress(surface)

    def _draw_idea(self, surface: pygame.Surface, area: pygame.Rect, idea: str) -> None:
        u = self.u
        label = txt.render("The idea", u(15), ACCENT, True)
        surface.blit(label, area.topleft)
        y = area.y + label.get_height() + u(4)
        size, lines = fit_text(idea, area.w, max(u(40), area.h // 4), u(30), u(15), bold=True)
        y = txt.blit_lines(surface, lines, (area.x, y), size, TEXT, True)
        caption = CAPTIONS.get(self.scenario.picture, "")
        cap_size = u(15)
        cap_lines = txt.wrap(caption, cap_size, area.w)[:2] if caption else ()
        cap_h = len(cap_lines) * round(cap_size * 1.25)
        room = pygame.Rect(area.x, y + u(10), area.w, area.bottom - y - u(16) - cap_h)
        if room.h >= u(60):
            w = min(room.w, round(room.h * 1.9))
            pic = pygame.Rect(0, 0, w, room.h)
            pic.midtop = (area.centerx, room.y)
            draw_picture(surface, pic, self.scenario, self.app.palette, scale=self.app.scale)
            self.picture_rect: pygame.Rect | None = pic
            y = pic.bottom + u(6)
        else:
            self.picture_rect = None
        for line in cap_lines:
            pic_line = txt.render(line, cap_size, MUTED)
            surface.blit(pic_line, pic_line.get_rect(midtop=(area.centerx, y)))
            y += round(cap_size * 1.25)

    def _draw_text(self, surface: pygame.Surface, area: pygame.Rect, words: str) -> None:
        u = self.u
        inner = area.inflate(-u(40), -u(30))
        inner.w = min(inner.w, u(1000))
        inner.centerx = area.centerx
        pygame.draw.rect(surface, PANEL, area, border_radius=u(8))
        pygame.draw.rect(surface, PANEL_EDGE, area, 1, border_radius=u(8))
        size, lines = fit_text(words, inner.w, inner.h, u(24), u(13))
        h = len(lines) * round(size * 1.25)
        txt.blit_lines(surface, lines, (inner.x, inner.y + max(0, (inner.h - h) // 3)), size, TEXT)

    def _draw_goals(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        u = self.u
        pygame.draw.rect(surface, PANEL, area, border_radius=u(8))
        pygame.draw.rect(surface, PANEL_EDGE, area, 1, border_radius=u(8))
        inner = area.inflate(-u(32), -u(24))
        head = txt.render("What to aim for", u(20), ACCENT, True)
        surface.blit(head, inner.topleft)
        body = pygame.Rect(inner.x, inner.y + head.get_height() + u(10), inner.w, 0)
        body.h = inner.bottom - body.y
        paragraphs: list[Paragraph] = [(g, TEXT, False) for g in self.scenario.objectives]
        indent = u(26)
        size, blocks = fit_paragraphs(paragraphs, body.w - indent, body.h, u(22), u(12))
        step = round(size * 1.25)
        y = body.y
        for lines, _, _ in blocks:
            if y + step > body.bottom:
                break
            pygame.draw.circle(surface, ACCENT, (body.x + u(8), y + step // 2), max(3, size // 5))
            y = blit_paragraphs(
                surface, [(lines, TEXT, False)], (body.x + indent, y), size, body.bottom
            )
        if self.offer_quiz:
            note = (
                f"Optional: a {len(self.scenario.quiz)}-question quiz before you play; "
                "the same quiz after the game shows what moved."
            )
            small = max(u(12), size - u(4))
            lines = txt.wrap(note, small, body.w)
            if y + len(lines) * round(small * 1.25) <= body.bottom:  # only where it fits
                txt.blit_lines(surface, lines, (body.x, y), small, MUTED)

    def _draw_progress(self, surface: pygame.Surface) -> None:
        """One dot per card, the current one filled, in the band above the buttons."""
        u = self.u
        n = len(self.cards)
        r, gap = u(5), u(18)
        x0 = self.width // 2 - (n - 1) * gap // 2
        y = self.buttons_y - u(20)
        for k in range(n):
            c = (x0 + k * gap, y)
            if k == self.index:
                pygame.draw.circle(surface, TEXT, c, r)
            else:
                pygame.draw.circle(surface, MUTED, c, r, max(1, u(1)))
        pic = txt.render(f"{self.index + 1} of {n}", u(14), MUTED)
        surface.blit(pic, pic.get_rect(midleft=(x0 + (n - 1) * gap + u(16), y)))
