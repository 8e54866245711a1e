"""The title screen: new game, lessons, continue, load, glossary, settings, quit."""

from __future__ import annotations

import pygame

from game.saves import SaveError
from game.ui import navigation
from game.ui.drawing import text as txt
from game.ui.drawing.theme import BACKGROUND, MUTED, TEXT
from game.ui.model import storage
from game.ui.scenes.scene import Scene

TAGLINE = "A turn-based game of deterrence and the security dilemma. Every state in it is invented."


class TitleScene(Scene):
    """The first screen a player sees."""

    def layout(self) -> None:
        w, h = self.u(320), self.u(48)
        x = (self.width - w) // 2
        y = self.height // 2 - self.u(70)
        # Seven buttons above the hint line; in a short window they close up, then get thinner.
        room = self.height - self.u(56) - y
        step = max(min(h + self.u(12), room // 7), self.u(30))
        h = min(h, step - self.u(4))
        self.button((x, y, w, h), "New game", self.new_game, pygame.K_n, object_id="#primary")
        self.button(
            (x, y + step, w, h),
            "Lessons",
            self.lessons,
            pygame.K_e,
            tooltip="The scenarios in teaching order, with the ones you have finished ticked",
        )
        y += step
        auto = storage.has_autosave()
        self.button(
            (x, y + step, w, h),
            "Continue",
            self.resume,
            pygame.K_c,
            tooltip="Resume the game autosaved after its last turn" if auto else "No autosave yet",
            enabled=auto,
        )
        self.button((x, y + 2 * step, w, h), "Load", self.load, pygame.K_l)
        self.button(
            (x, y + 3 * step, w, h),
            "Glossary",
            self.glossary,
            pygame.K_g,
            tooltip="The ideas behind the game, in plain words",
        )
        self.button((x, y + 4 * step, w, h), "Settings", self.settings, pygame.K_s)
        self.button((x, y + 5 * step, w, h), "Quit", self.app.quit, pygame.K_q)

    def new_game(self) -> None:
        navigation.push(self.app, "setup")

    def lessons(self) -> None:
        navigation.push(self.app, "lessons")

    def resume(self) -> None:
        path = storage.newest_autosave()
        if path is None:
            self.app.show_message("Cannot continue", "There is no autosave that can be read.")
            return
        try:
            session = storage.load_path(path)
        except SaveError as exc:
            self.app.show_message("Cannot continue", f"The autosave was refused: {exc}")
            return
        navigation.start(self.app, session)

    def load(self) -> None:
        navigation.push(self.app, "load")

    def glossary(self) -> None:
        navigation.push(self.app, "glossary")

    def settings(self) -> None:
        navigation.push(self.app, "settings")

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(BACKGROUND)
        title = txt.render("Delicate Balance", self.u(56), TEXT, True)
        y = self.height // 2 - self.u(200)
        surface.blit(title, ((self.width - title.get_width()) // 2, y))
        ty = y + self.u(78)
        for line in txt.wrap(TAGLINE, self.u(17), self.width - self.u(40)):
            tag = txt.render(line, self.u(17), MUTED)
            surface.blit(tag, ((self.width - tag.get_width()) // 2, ty))
            ty += round(self.u(17) * 1.25)
        hint = txt.render("Keys in [brackets] work everywhere; Esc goes back.", self.u(14), MUTED)
        surface.blit(hint, ((self.width - hint.get_width()) // 2, self.height - self.u(40)))
