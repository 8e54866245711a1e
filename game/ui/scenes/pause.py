"""The pause menu (Esc): resume, save, the lesson intro, settings, quit to the title."""

from __future__ import annotations

import pygame

from game.ui import navigation
from game.ui.drawing import text as txt
from game.ui.drawing.theme import TEXT
from game.ui.model import storage
from game.ui.model.game_match import Match
from game.ui.scenes.scene import Overlay


class PauseScene(Overlay):
    """Over the game; Esc resumes."""

    def __init__(self, app, match: Match):
        super().__init__(app)
        self.match = match

    def layout(self) -> None:
        w, h = self.u(300), self.u(46)
        x = (self.width - w) // 2
        y = self.height // 2 - self.u(110)
        step = h + self.u(12)
        self.button((x, y, w, h), "Resume", self.app.pop, pygame.K_ESCAPE, object_id="#primary")
        self.button((x, y + step, w, h), "Save game", self.save, pygame.K_s)
        self.button(
            (x, y + 2 * step, w, h),
            "Lesson intro",
            self.intro,
            pygame.K_i,
            tooltip="The lesson's idea, its intro and its objectives again",
        )
        self.button((x, y + 3 * step, w, h), "Settings", self.settings, pygame.K_o)
        self.button(
            (x, y + 4 * step, w, h),
            "Quit to title",
            self.app.to_title,
            pygame.K_t,
            tooltip="Your game is autosaved after every turn: Continue resumes it",
        )

    def save(self) -> None:
        try:
            path = storage.save_new(self.match.session)
        except OSError as exc:
            self.app.show_message("Not saved", f"The game could not be saved: {exc}")
            return
        from game.ui.app import tilde

        self.app.show_message(
            "Saved",
            f"{saved_when(self.match.session)}.\nFile: {path.name}\nFolder: {tilde(path.parent)}",
            path.parent,
        )

    def intro(self) -> None:
        navigation.push(self.app, "intro", self.match)

    def settings(self) -> None:
        navigation.push(self.app, "settings")

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        pic = txt.render("Paused", self.u(34), TEXT, True)
        surface.blit(pic, ((self.width - pic.get_width()) // 2, self.height // 2 - self.u(180)))


def saved_when(session) -> str:
    """When in the game a save was made, in the words of the turn screen's header ("turn 6 of
    20" is the turn being planned, so five have been played): "Saved after turn 5 (turn 6 of
    20 is next)"."""
    played, turns = session.turn, int(session.scenario.params.turns)
    if session.over:
        return f"Saved at the end of the game, after turn {played}"
    if played == 0:
        return f"Saved before turn 1 of {turns}"
    return f"Saved after turn {played} (turn {played + 1} of {turns} is next)"
