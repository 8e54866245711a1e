"""The end of a game: the outcome, the scores, arms over time, and the questions to discuss."""

from __future__ import annotations

import pygame

from game.ui import storage
from game.ui import text as txt
from game.ui.charts import arms_chart
from game.ui.match import Match
from game.ui.scenes.base import Scene
from game.ui.theme import BACKGROUND, MUTED, TEXT


class EndScene(Scene):
    """Honest and short: what happened, who scored what, how the arms moved."""

    def __init__(self, app, match: Match):
        super().__init__(app)
        self.match = match
        self.session = match.session
        self._chart: pygame.Surface | None = None
        if self.session.over:  # played to its end, in peace or war: the lesson is done
            try:
                storage.mark_completed(self.session.scenario.id)
            except OSError:
                pass  # a read-only data folder costs the tick, not the game

    def outcome(self) -> list[str]:
        s = self.session
        ev = self.match.last_events
        war = [e for e in ev.records(0) if e.kind == "war"] if ev is not None else []
        if s.world.over[0] and war:
            a, b = war[0].actors
            return [
                f"War broke out between {a} and {b} on turn {s.turn}.",
                "Every state lost heavily; no one won it. The game ended there.",
                f"The odds had been {war[0].values.get('odds', 0.0):.0%}.",
            ]
        if s.world.over[0]:
            return [f"War broke out on turn {s.turn}; the game ended there."]
        return [
            f"Peace held for all {s.turn} turns.",
            "Scores are the discounted sum of each state's welfare: prosperity, less the "
            "threat it felt, plus its standing.",
        ]

    def layout(self) -> None:
        u, W, H = self.u, self.width, self.height
        bw, bh = u(200), u(42)
        y = H - u(60)
        self.button((W - u(20) - bw, y, bw, bh), "Title screen", self.app.to_title, pygame.K_t)
        self.button(
            (W - u(30) - 2 * bw, y, bw, bh),
            "New game",
            self.new_game,
            pygame.K_n,
            object_id="#primary",
        )
        self.button(
            (W - u(40) - 3 * bw, y, bw, bh),
            "Save record",
            self.save,
            pygame.K_s,
            tooltip="Save the whole game (a replayable JSON file) in your saves folder",
        )
        self.button((u(20), y, u(140), bh), "Quit", self.app.quit, pygame.K_q)
        self.chart_rect = pygame.Rect(W // 2, u(90), W // 2 - u(20), int(H * 0.5))
        self._chart = None

    def new_game(self) -> None:
        from game.ui.scenes.setup import SetupScene
        from game.ui.scenes.title import TitleScene

        self.app.reset(TitleScene(self.app))
        self.app.push(SetupScene(self.app, self.session.scenario.id))

    def save(self) -> None:
        try:
            path = storage.save_new(self.session)
        except OSError as exc:
            self.app.show_message("Not saved", f"The game could not be saved: {exc}")
            return
        self.app.show_message("Saved", f"The game was saved to {path}")

    def draw(self, surface: pygame.Surface) -> None:
        u = self.u
        surface.fill(BACKGROUND)
        war = bool(self.session.world.over[0])
        title = "War" if war else "The game is over"
        colour = self.app.palette.bad if war else TEXT
        surface.blit(txt.render(title, u(34), colour, True), (u(20), u(20)))
        surface.blit(txt.render(self.session.scenario.title, u(18), MUTED), (u(20), u(66)))
        col_w = self.width // 2 - u(40)
        y = u(100)
        for line in self.outcome():
            y = txt.blit_lines(surface, txt.wrap(line, u(17), col_w), (u(20), y), u(17), TEXT)
        y += u(12)
        surface.blit(txt.render("Scores", u(18), TEXT, True), (u(20), y))
        y += u(28)
        w = self.session.world
        order = sorted(range(w.n), key=lambda i: -float(w.score[0, i]))
        humans = set(self.session.human_seats)
        for i in order:
            who = " (you)" if i in humans else ""
            line = (
                f"{self.session.scenario.names[i]}{who}: score {float(w.score[0, i]):.2f}, "
                f"economy {float(w.economy[0, i]):.0f}, reach {float(w.reach[0, i]):.1f}"
            )
            surface.blit(txt.render(line, u(16), TEXT), (u(30), y))
            y += u(22)
        y += u(14)
        surface.blit(txt.render("To discuss", u(18), TEXT, True), (u(20), y))
        y += u(28)
        for q in self.session.scenario.questions:
            lines = txt.wrap(f"- {q}", u(15), col_w)
            if y + len(lines) * u(19) > self.height - u(80):
                break
            y = txt.blit_lines(surface, lines, (u(30), y), u(15), MUTED) + u(4)
        if self._chart is None:
            self._chart = arms_chart(self.session, self.chart_rect.size, self.app.palette)
        surface.blit(self._chart, self.chart_rect)
