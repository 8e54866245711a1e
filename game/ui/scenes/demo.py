"""Demo mode for the projector: AI against AI on the board, with pause, step and speed keys.

When a game ends, its outcome stays up for a few seconds and the next seed begins.
"""

from __future__ import annotations

import pygame

from game.scenarios import Scenario
from game.session import Session
from game.ui.drawing import text as txt
from game.ui.drawing.game_board import Board, Tween
from game.ui.drawing.panels import headlines_panel
from game.ui.drawing.theme import ACCENT, BACKGROUND, MUTED, PANEL, PANEL_EDGE, TEXT
from game.ui.model.turn_report import narration
from game.ui.model.views import TurnView, turn_view
from game.ui.scenes.scene import Scene

#: Turns per second: from a few seconds a turn (a class following the story) to fast.
SPEEDS = (0.2, 0.33, 0.5, 1.0, 2.0, 4.0, 8.0)
LINGER = 4.0  # seconds the outcome of a finished game stays up


class DemoScene(Scene):
    """Every seat AI; Space pauses, S steps, +/- change the speed, Esc leaves."""

    def __init__(
        self,
        app,
        scenario: Scenario,
        seed: int,
        speed: float = 1 / 3,
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
        self.told = 1
        self._tell = 0.0
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
        # The turn report, narrated: one line after another through the first part of the turn.
        self.lines = narration(self.session, events)
        self.told = 1 if not self.app.settings.reduce_motion else len(self.lines)
        self._tell = 0.0
        self._dirty = True
        if self.session.over:
            self._linger = LINGER
            self.app.sound.play("war" if self.session.world.over[0] else "end")

    def _narrate(self, dt: float) -> None:
        """Reveal the report's next line: all told within the first 60 % of a turn (at most half
        a second a line)."""
        if self.told >= len(self.lines):
            return
        self._tell += dt
        gap = min(0.5, 0.6 / self.speed / max(len(self.lines), 1))
        told = min(len(self.lines), 1 + int(self._tell / gap))
        if told != self.told:
            self.told = told
            self._head: pygame.Surface | None = None

    @property
    def animating(self) -> bool:
        """The board is moving or the narration is being told (between them the demo only
        waits for its next turn, which a slower frame rate times as well)."""
        return self._tween is not None or self.told < len(self.lines)

    def update(self, dt: float) -> None:
        self._narrate(dt)
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
        if self._animate_from is not None and not self.app.settings.reduce_motion:
            duration = min(0.6, 0.9 / self.speed)
            was = old.surface if old is not None else None
            self._tween = Tween(self._animate_from, self.board, duration, was)
            self._animate_from = None
        self.regions.clear()
        self.regions.extend(self.board.regions)
        x = left_w
        tw = W - x - u(10)
        w = self.session.world
        cols = ("economy", "reach", "shield", "score")
        rows = [
            (s.name, (s.economy, s.reach.value, s.shield.value, float(w.score[0, i])))
            for i, s in enumerate(self.view.states)
        ]
        # One font size for the table that fits its columns (large text shrinks it, never
        # overlapping the numbers); the key numbers below wrap instead.
        size = u(15)
        while size > 8:
            name_w = max(txt.font(size, True).size(n)[0] for n, _ in rows) + u(12)
            cw = (tw - u(8) - name_w) // len(cols)
            cells = [txt.font(size, True).size(c)[0] for c in cols]
            cells += [txt.font(size).size(f"{v:.1f}")[0] for _, vals in rows for v in vals]
            if max(cells) + u(6) <= cw:
                break
            size -= 1
        step = round(size * 1.6)
        keys = [
            part
            for line in key_numbers(self.view)
            for part in txt.wrap(line, u(15), tw - u(16), True)
        ]
        key_step = round(u(15) * 1.3)
        table_h = u(10) + step * (len(rows) + 1) + u(8) + key_step * len(keys) + u(6)
        self.table = pygame.Surface((tw, table_h))
        self.table.fill(PANEL)
        pygame.draw.rect(self.table, PANEL_EDGE, self.table.get_rect(), 1)
        x0 = u(8) + name_w
        for k, c in enumerate(cols):
            self.table.blit(txt.render(c, size, MUTED, True), (x0 + k * cw, u(6)))
        for i, (name, vals) in enumerate(rows):
            y = u(6) + (i + 1) * step
            self.table.blit(txt.render(name, size, TEXT, True), (u(8), y))
            for k, v in enumerate(vals):
                self.table.blit(txt.render(f"{v:.1f}", size, TEXT), (x0 + k * cw, y))
        # The lesson's key numbers, always in sight: the weakest first-strike stability of a
        # rival pair and the highest tension, with their pair.
        y = u(6) + (len(rows) + 1) * step + u(8)
        for line in keys:
            self.table.blit(txt.render(line, u(15), ACCENT, True), (u(8), y))
            y += key_step
        self.table_pos = (x, top)
        self._head_size = (W - x - u(10), H - top - table_h - u(50))
        self._head = None
        self.head_pos = (x, top + table_h + u(10))
        self._dirty = False

    def draw(self, surface: pygame.Surface) -> None:
        if self._dirty or self.board.rect.right > self.width:
            self._render()
        u = self.u
        surface.fill(BACKGROUND)
        s = self.session
        state = "paused" if self.paused else pace(self.speed)
        head = (
            f"Demo: {self.scenario.title}, seed {self.seed}, turn {s.turn} of "
            f"{s.scenario.params.turns} ({state})"
        )
        if s.over:
            # The outcome takes the title line's place: over nothing the room needs to see.
            war = bool(s.world.over[0])
            head = "War: the game is over" if war else "Peace held to the last turn"
            colour = self.app.palette.bad if war else ACCENT
            self.banner = txt.render(head, u(24), colour, True)
            box = self.banner.get_rect(topleft=(u(12), u(8))).inflate(u(16), u(6))
            pygame.draw.rect(surface, PANEL, box, border_radius=u(4))
            surface.blit(self.banner, (u(12), u(8)))
            self.banner_rect: pygame.Rect | None = box
        else:
            surface.blit(txt.render(head, u(20), TEXT, True), (u(12), u(12)))
            self.banner_rect = None
        (self._tween or self.board).draw(surface)
        surface.blit(self.table, self.table_pos)
        if self._head is None:  # the narration's lines told so far, the newest in sight
            told = self.lines[: self.told]
            start = 0
            while start < len(told) - 1 and not _fits(told[start:], self._head_size, self.u):
                start += 1
            self._head = headlines_panel(
                told[start:], self.session.turn, self._head_size, self.app.scale
            )
        told_panel = self._head
        assert told_panel is not None
        surface.blit(told_panel, self.head_pos)
        keys = "Space: pause   S: step   +/-: speed   Tab: numbers   Esc: leave"
        surface.blit(txt.render(keys, u(14), MUTED), (u(12), self.height - u(26)))


def _fits(lines: list[str], size: tuple[int, int], u) -> bool:
    """Whether ``lines`` fit whole in a wires panel of ``size`` (as ``headlines_panel`` lays
    them out)."""
    fs = u(15)
    y = u(28)
    for line in lines:
        y += len(txt.wrap(line, fs, size[0] - u(30))) * round(fs * 1.25) + u(3)
    return y <= size[1] - u(4)


def pace(speed: float) -> str:
    """The speed as a room hears it: "3 s a turn" when slow, "2 turns/s" when fast."""
    if speed < 1.0:
        return f"{1.0 / speed:.0f} s a turn"
    return f"{speed:g} turns/s"


def key_numbers(view: TurnView) -> list[str]:
    """The numbers the lessons turn on, for the projector: the weakest first-strike stability
    of any rival pair (allies aside; 1: nobody gains by striking first) and the highest tension
    (the crisis line beside it)."""
    names = [st.name for st in view.states]
    if not view.links:
        return []
    rivals = [lk for lk in view.links if not lk.allied] or list(view.links)  # allies aside
    weak = min(rivals, key=lambda lk: lk.stability)
    tense = max(view.links, key=lambda lk: lk.tension)
    return [
        f"Weakest first-strike stability: {weak.stability:.2f} ({names[weak.a]}-{names[weak.b]})",
        f"Highest tension: {tense.tension:.2f} ({names[tense.a]}-{names[tense.b]}; "
        f"crisis at {view.crisis_threshold:.2f})",
    ]
