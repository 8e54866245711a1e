"""The hot-seat cover: nothing of the last team's orders shows until the next team is ready."""

from __future__ import annotations

import pygame

from game.ui import navigation
from game.ui.drawing import text as txt
from game.ui.drawing.theme import BACKGROUND, MUTED, TEXT, Colour
from game.ui.model.game_match import Match
from game.ui.scenes.scene import Scene


class CoverScene(Scene):
    """ "Pass the keyboard to ..."; Enter shows that team's turn screen."""

    def __init__(self, app, match: Match):
        super().__init__(app)
        self.match = match

    @property
    def name(self) -> str:
        seat = self.match.current
        return self.match.session.scenario.names[seat] if seat is not None else ""

    def layout(self) -> None:
        w, h = self.u(360), self.u(52)
        below = max((r.bottom for _, r in self.placed_lines()), default=0) + self.u(16)
        self.button(
            ((self.width - w) // 2, max(self.height // 2 + self.u(40), below), w, h),
            f"{self.name} is ready",
            self.ready,
            pygame.K_RETURN,
            object_id="#primary",
        )
        self.button(
            (self.width - self.u(150), self.u(8), self.u(140), self.u(32)),
            "Menu",
            self.pause,
            pygame.K_ESCAPE,
        )

    def ready(self) -> None:
        navigation.replace(self.app, "turn", self.match)

    def pause(self) -> None:
        navigation.push(self.app, "pause", self.match)

    def lines(self) -> list[tuple[str, int, Colour, bool]]:
        """What the cover says: (text, size, colour, bold), one a paragraph."""
        s = self.match.session
        done = len(s.human_seats) - len(self.match.pending)
        return [
            (f"Turn {s.turn + 1} of {s.scenario.params.turns}", self.u(20), MUTED, False),
            (f"Pass the keyboard to the team playing {self.name}", self.u(34), TEXT, True),
            (
                f"{done} of {len(s.human_seats)} teams have given their orders; the turn resolves "
                "when every team has.",
                self.u(17),
                MUTED,
                False,
            ),
            ("Other teams: please look away.", self.u(17), MUTED, False),
        ]

    def placed_lines(self) -> list[tuple[pygame.Surface, pygame.Rect]]:
        """Each line drawn and where, centred and wrapped to the window (large text on a narrow
        window breaks a paragraph into lines instead of running past the edges)."""
        width = self.width - 2 * self.u(24)
        y = self.height // 2 - self.u(150)
        out: list[tuple[pygame.Surface, pygame.Rect]] = []
        for text, size, colour, bold in self.lines():
            wrapped = txt.wrap(text, size, width, bold)
            for k, line in enumerate(wrapped):
                pic = txt.render(line, size, colour, bold)
                out.append((pic, pic.get_rect(midtop=(self.width // 2, y))))
                step = round(size * 1.8) if k == len(wrapped) - 1 else pic.get_height()
                y += max(step, pic.get_height())
        return out

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(BACKGROUND)
        for pic, rect in self.placed_lines():
            surface.blit(pic, rect)
