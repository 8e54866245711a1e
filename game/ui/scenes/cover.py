"""The hot-seat cover: nothing of the last team's orders shows until the next team is ready."""

from __future__ import annotations

import pygame

from game.ui import navigation
from game.ui.drawing import text as txt
from game.ui.drawing.theme import BACKGROUND, MUTED, TEXT
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
        self.button(
            ((self.width - w) // 2, self.height // 2 + self.u(40), w, h),
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

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(BACKGROUND)
        s = self.match.session
        done = len(s.human_seats) - len(self.match.pending)
        lines = [
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
        y = self.height // 2 - self.u(150)
        for text, size, colour, bold in lines:
            pic = txt.render(text, size, colour, bold)
            surface.blit(pic, ((self.width - pic.get_width()) // 2, y))
            y += round(size * 1.8)
