"""Demo mode for the projector: AI against AI on the board, with pause, step and speed keys.

When a game ends, its outcome stays up for a few seconds and the next seed begins.
"""

from __future__ import annotations

import pygame

from game.scenarios import Scenario
from game.session import Session
from game.ui import text as txt
from game.ui.board import Board, Tween
from game.ui.headlines import headlines
from game.ui.panels import headlines_panel
from game.ui.scenes.base import Scene
from game.ui.theme import BACKGROUND, MUTED, PANEL, PANEL_EDGE, TEXT
from game.ui.views import TurnView, turn_view

SPEEDS = (0.5, 1.0, 2.0, 4.0, 8.0)  # turns per second
LINGER = 4.0  # seconds the outcome of a finished game stays up


class DemoScene(Scene):
    """Every seat AI; Space pauses, S steps, +/- change the speed, Esc leaves."""

    def __init__(
        self,
        app,
        scenario: Scenario,
        seed: int,
        speed: float = 2.0,
        on_exit=None,
        seats: list[str] | None = None,
    ):
        super().__init__(app)
        self.scenario = scenario
        self.seats = seats or ["ai:baseline"] * len(scenario.states)
        self.seed = seed
        self.speed_i = min(range(len(SPEEDS)), key=lambda k: abs(SPEEDS[k] - speed))
        self.paused = False
        self.turns_played = 0
        self.games = 0
        self.on_exit = on_exit
        self._clock = 0.0
        self._linger = 0.0
        self._tween: Tween | None = None  # the board moving from last turn to this one
        self._animate_from: TurnView | None = None
        self._new_game()

    def _new_game(self) -> None:
        self.session = Session.new(self.scenario, self.seed, self.seats)
        self.lines = [self.scenario.summary]
        self._dirty = True

    @property
    def speed(self) -> float:
        return SPEEDS[self.speed_i]

    def layout(self) -> None:
        self.shortcut(pygame.K_SPACE, self.toggle)
        self.shortcut(pygame.K_s, self.step_once)
        self.shortcut(pygame.K_RIGHT, self.step_once)
        for key in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS):
            self.shortcut(key, lambda: self.faster(1))
        for key in (pygame.K_MINUS, pygame.K_KP_MINUS):
            self.shortcut(key, lambda: self.faster(-1))
        self.shortcut(pygame.K_ESCAPE, self.leave)
        self._dirty = True

    def toggle(self) -> None:
        self.paused = not self.paused

    def faster(self, k: int) -> None:
        self.speed_i = min(max(self.speed_i + k, 0), len(SPEEDS) - 1)

    def leave(self) -> None:
        if self.on_exit is not None:
            self.on_exit()
        else:
            self.app.quit()

    def step_once(self) -> None:
        if self.session.over:
            self.seed += 1
            self.games += 1
            self._new_game()
            return
        self._animate_from = getattr(self, "view", None)
        events = self.session.play_turn()
        self.turns_played += 1
        self.lines = headlines(events, None, limit=10, reasons=self.session.runner.reasons_in(0))
        self._dirty = True
        if self.session.over:
            self._linger = LINGER
            self.app.sound.play("war" if self.session.world.over[0] else "end")

    def update(self, dt: float) -> None:
        if self._tween is not None:
            self._tween.update(dt)
            if self._tween.done:
                self._tween = None
        if self.paused:
            return
        if self.session.over:
            self._linger -= dt
            if self._linger <= 0:
                self.step_once()
            return
        self._clock += dt
        if self._clock >= 1.0 / self.speed:
            self._clock = 0.0
            self.step_once()

    def _render(self) -> None:
        u, W, H = self.u, self.width, self.height
        top = u(50)
        left_w = int(W * 0.62)
        self.view = turn_view(self.session, None)
        board_rect = pygame.Rect(u(10), top, left_w - u(20), H - top - u(40))
        old = getattr(self, "board", None)
        self.board = Board(board_rect, self.view, self.app.palette, self.app.scale)
        self._tween = None
        if self._animate_from is not None:
            duration = min(0.6, 0.9 / self.speed)
            was = old.surface if old is not None else None
            self._tween = Tween(self._animate_from, self.board, duration, was)
            self._animate_from = None
        self.regions.clear()
        self.regions.extend(self.board.regions)
        x = left_w
        table_h = u(34) + u(24) * len(self.view.states)
        self.table = pygame.Surface((W - x - u(10), table_h))
        self.table.fill(PANEL)
        pygame.draw.rect(self.table, PANEL_EDGE, self.table.get_rect(), 1)
        cols = ("economy", "reach", "shield", "score")
        cw = (self.table.get_width() - u(110)) // len(cols)
        for k, c in enumerate(cols):
            self.table.blit(txt.render(c, u(14), MUTED, True), (u(110) + k * cw, u(6)))
        w = self.session.world
        for i, s in enumerate(self.view.states):
            y = u(30) + i * u(24)
            self.table.blit(txt.render(s.name, u(15), TEXT, True), (u(8), y))
            vals = (s.economy, s.reach.value, s.shield.value, float(w.score[0, i]))
            for k, v in enumerate(vals):
                self.table.blit(txt.render(f"{v:.1f}", u(15), TEXT), (u(110) + k * cw, y))
        self.table_pos = (x, top)
        head_h = H - top - table_h - u(50)
        self.head = headlines_panel(
            self.lines, self.session.turn, (W - x - u(10), head_h), self.app.scale
        )
        self.head_pos = (x, top + table_h + u(10))
        self._dirty = False

    def draw(self, surface: pygame.Surface) -> None:
        if self._dirty or self.board.rect.right > self.width:
            self._render()
        u = self.u
        surface.fill(BACKGROUND)
        s = self.session
        state = "paused" if self.paused else f"{self.speed:g} turns/s"
        head = (
            f"Demo: {self.scenario.title}, seed {self.seed}, turn {s.turn} of "
            f"{s.scenario.params.turns} ({state})"
        )
        surface.blit(txt.render(head, u(20), TEXT, True), (u(12), u(12)))
        (self._tween or self.board).draw(surface)
        surface.blit(self.table, self.table_pos)
        surface.blit(self.head, self.head_pos)
        if s.over:
            msg = "War: the game is over" if s.world.over[0] else "Peace held to the last turn"
            pic = txt.render(msg, u(30), self.app.palette.bad if s.world.over[0] else TEXT, True)
            box = pic.get_rect(center=self.board.rect.center).inflate(u(30), u(20))
            pygame.draw.rect(surface, PANEL, box)
            surface.blit(pic, pic.get_rect(center=box.center))
        keys = "Space: pause   S: step   +/-: speed   Tab: numbers   Esc: leave"
        surface.blit(txt.render(keys, u(14), MUTED), (u(12), self.height - u(26)))
