"""Load a game: the autosave and every save, with scenario, turn and date."""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.elements import UISelectionList

from game.saves import SaveError
from game.session import Session
from game.ui import navigation
from game.ui.drawing import text as txt
from game.ui.drawing.theme import BACKGROUND, MUTED, TEXT
from game.ui.model import storage
from game.ui.scenes.scene import Scene


class LoadScene(Scene):
    """Up/Down choose, Enter loads; a refused save says why."""

    def __init__(self, app):
        super().__init__(app)
        self.saves = storage.list_saves()
        self.index = 0

    def layout(self) -> None:
        u, W, H = self.u, self.width, self.height
        labels: list[str | tuple[str, str]] = [*storage.labels(self.saves)]
        rect = pygame.Rect(u(20), u(80), W - u(40), H - u(170))
        if labels:
            self.list = UISelectionList(
                rect,
                labels,
                self.manager,
                container=self.root,
                default_selection=labels[self.index],
            )
        bw = u(200)
        self.button(
            (W - u(20) - bw, H - u(70), bw, u(44)),
            "Load",
            self.load,
            pygame.K_RETURN,
            object_id="#primary",
            enabled=bool(labels),
        )
        self.button(
            (W - u(30) - 2 * bw, H - u(70), bw, u(44)),
            "Replay",
            self.replay,
            pygame.K_r,
            tooltip="Step through the saved game turn by turn",
            enabled=bool(labels),
        )
        self.button(
            (W - u(40) - 3 * bw, H - u(70), bw, u(44)), "Back", self.app.pop, pygame.K_ESCAPE
        )
        self.shortcut(pygame.K_UP, lambda: self.move(-1))
        self.shortcut(pygame.K_DOWN, lambda: self.move(1))

    def move(self, step: int) -> None:
        if self.saves:
            self.index = (self.index + step) % len(self.saves)
            self.rebuild()

    def chosen(self) -> Session | None:
        """The chosen save, loaded; None when there is none or it is refused (a dialog says
        why)."""
        if not self.saves:
            return None
        info = self.saves[self.index]
        if info.problem:
            self.app.show_message(
                "This file cannot be read", f"{storage._shown(info.path.name)}: {info.problem}"
            )
            return None
        try:
            return storage.load_path(info.path)
        except SaveError as exc:
            self.app.show_message("This save was refused", str(exc))
            return None

    def load(self) -> None:
        session = self.chosen()
        if session is not None:
            navigation.start(self.app, session)

    def replay(self) -> None:
        """Open the chosen save in the replay viewer (Back returns here)."""
        session = self.chosen()
        if session is None:
            return
        from game.ui.model.game_match import Match

        navigation.push(self.app, "replay", Match(session))

    def on_event(self, event: pygame.event.Event) -> None:
        if event.type in (
            pygame_gui.UI_SELECTION_LIST_NEW_SELECTION,
            pygame_gui.UI_SELECTION_LIST_DOUBLE_CLICKED_SELECTION,
        ):
            labels = storage.labels(self.saves)
            if event.text in labels:
                self.index = labels.index(event.text)
                if event.type == pygame_gui.UI_SELECTION_LIST_DOUBLE_CLICKED_SELECTION:
                    self.load()

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(BACKGROUND)
        surface.blit(txt.render("Load a game", self.u(30), TEXT, True), (self.u(20), self.u(20)))
        if not self.saves:
            msg = "No saves yet: a game is autosaved after every turn."
            surface.blit(txt.render(msg, self.u(17), MUTED), (self.u(20), self.u(90)))
        where = f"Saves folder: {storage.saves_dir()}"
        surface.blit(txt.render(where, self.u(13), MUTED), (self.u(20), self.height - self.u(24)))
