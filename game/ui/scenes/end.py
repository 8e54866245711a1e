"""The end of a game: the outcome, the scores, arms over time, and the questions to discuss;
from here the debrief (D), the replay (R), the report (E) and the saved record (S)."""

from __future__ import annotations

import pygame

from game.analysis.core import war_of
from game.analysis.words import ending_sentence
from game.ui import navigation
from game.ui.drawing import text as txt
from game.ui.drawing.theme import BACKGROUND, MUTED, TEXT
from game.ui.drawing.window_charts import arms_chart
from game.ui.model import storage
from game.ui.model.game_match import Match
from game.ui.model.verdicts import Verdict, verdicts
from game.ui.scenes.scene import Scene, key_label

#: How a verdict is said, and its colour (the palette's good/bad, else muted).
VERDICT_WORDS: dict[bool | None, tuple[str, str]] = {
    True: ("Met", "good"),
    False: ("Missed", "bad"),
    None: ("Yours to judge", "muted"),
}


#: What a score is, in plain words (model.md section 7: the discounted sum of each turn's
#: welfare).
SCORE_MEANS = (
    "A score adds up how well a state fared, turn by turn: its prosperity (1 a turn for an "
    "economy the size it started at, more as it grows) and its standing, plus any edge its "
    "strike held over a rival's, less the fear of its rivals' strikes and the strain of "
    "tension; later turns count a little less. Higher is better; below 0, fear outweighed "
    "prosperity over the game."
)


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
        """How the game ended (as the debrief and the report say it), then a note."""
        s = self.session
        war_turn, war_pair = war_of(s)
        lines = [ending_sentence(s.turn, s.scenario.params.turns, war_turn, war_pair)]
        ev = self.match.last_events
        war = [e for e in ev.records(0) if e.kind == "war"] if ev is not None else []
        if war_turn is not None and war:
            lines.append(f"The odds had been {war[0].values.get('odds', 0.0):.0%}.")
        return lines

    def layout(self) -> None:
        from game.ui.scenes.debrief_pages import flow

        u, W, H = self.u, self.width, self.height
        fs, gap, bh = u(16), u(10), u(42)
        # Left to right; the debrief, the main thing to do now, last and highlighted.
        specs = [
            ("Quit", self.app.quit, pygame.K_q, None),
            ("Title screen", self.app.to_title, pygame.K_t, None),
            ("New game", self.new_game, pygame.K_n, "The same scenario again"),
            (
                "Save record",
                self.save,
                pygame.K_s,
                "Save the whole game (a replayable JSON file) in your saves folder",
            ),
            ("Replay", self.replay, pygame.K_r, "Step through the game turn by turn"),
            (
                "Export report",
                self.export,
                pygame.K_e,
                "Write an HTML report with the charts, a CSV of every turn and the save",
            ),
            ("Debrief", self.debrief, pygame.K_d, "What happened, the charts and the theory"),
        ]
        labels = [f"{t}  [{key_label(k)}]" for t, _, k, _ in specs]
        rects, _ = flow(labels, fs, u(20), 0, W - u(40), bh, gap, right=True)
        rows = len({r.y for r in rects})
        self.bar_top = H - u(18) - rows * (bh + gap) + gap
        for (text, action, key, tip), rect in zip(specs, rects, strict=True):
            self.button(
                rect.move(0, self.bar_top),
                text,
                action,
                key,
                tooltip=tip,
                object_id="#primary" if text == "Debrief" else None,
            )
        chart_h = max(u(100), min(int(H * 0.5), self.bar_top - u(100) - u(16)))
        self.chart_rect = pygame.Rect(W // 2, u(90), W // 2 - u(20), chart_h)
        self._chart = None

    def debrief(self) -> None:
        navigation.push(self.app, "debrief", self.match)

    def replay(self) -> None:
        navigation.push(self.app, "replay", self.match)

    def export(self) -> None:
        navigation.export_report(self.app, self.match)

    def new_game(self) -> None:

        navigation.reset(self.app, "title")
        navigation.push(self.app, "setup", self.session.scenario.id)

    def save(self) -> None:
        try:
            path = storage.save_new(self.session)
        except OSError as exc:
            self.app.show_message("Not saved", f"The game could not be saved: {exc}")
            return
        from game.ui.app import tilde

        self.app.show_message(
            "Saved",
            f"The whole game was saved.\nFile: {path.name}\nFolder: {tilde(path.parent)}",
            path.parent,
        )

    def _column(self, compact: bool) -> list[tuple[str, int, tuple, bool, int, int]]:
        """The left column as (text, size, colour, bold, indent, space after) items."""
        out = []
        lines = self.outcome()
        for k, line in enumerate(lines[:1] if compact else lines):
            out.append((line, 17, TEXT, False, 0, 12 if k == len(lines) - 1 or compact else 0))
        judged = verdicts(self.session)
        if judged and not compact:
            out += self._objectives(judged)
        out.append(("Scores", 18, TEXT, True, 0, 6))
        w = self.session.world
        order = sorted(range(w.n), key=lambda i: -float(w.score[0, i]))
        humans = set(self.session.human_seats)
        for k, i in enumerate(order):
            who = " (you)" if i in humans else ""
            line = f"{self.session.scenario.names[i]}{who}: score {float(w.score[0, i]):.2f}"
            if not compact:
                line += f", economy {float(w.economy[0, i]):.0f}, reach {float(w.reach[0, i]):.1f}"
            out.append((line, 16, TEXT, False, 10, 14 if k == len(order) - 1 and compact else 0))
        if not compact:  # what the numbers mean, in plain words
            out.append((SCORE_MEANS, 15, MUTED, False, 10, 14))
        if judged and compact:  # large text: one line, after the scores
            counts = [sum(v.met is m for v in judged) for m in (True, False, None)]
            line = f"Objectives: {counts[0]} met, {counts[1]} missed"
            line += f", {counts[2]} yours to judge" if counts[2] else ""
            colour = self.app.palette.bad if counts[1] else self.app.palette.good
            out.append((line, 16, colour, False, 0, 12))
        out.append(("To discuss", 18, TEXT, True, 0, 6))
        for q in self.session.scenario.questions:
            out.append((f"- {q}", 15, MUTED, False, 10, 4))
        return out

    def _objectives(self, judged: list[Verdict]) -> list[tuple[str, int, tuple, bool, int, int]]:
        """Each objective with its verdict (met, missed, or yours to judge) and the fact."""
        pal = self.app.palette
        out: list[tuple[str, int, tuple, bool, int, int]] = [
            ("Your objectives", 18, TEXT, True, 0, 6)
        ]
        for k, v in enumerate(judged):
            word, tone = VERDICT_WORDS[v.met]
            colour = {"good": pal.good, "bad": pal.bad}.get(tone, MUTED)
            said = v.objective.rstrip(".")
            line = f"{word}: {said}" + (f" ({v.why})." if v.met is not None else ".")
            out.append((line, 15, colour, False, 10, 14 if k == len(judged) - 1 else 3))
        return out

    def _height(self, items, width: int) -> int:
        u = self.u
        total = 0
        for text, size, _, bold, indent, after in items:
            n = len(txt.wrap(text, u(size), width - u(indent), bold))
            total += n * round(u(size) * 1.25) + u(after)
        # the questions may be cut: what must fit is everything before them
        return total - sum(
            len(txt.wrap(t, u(sz), width - u(ind), b)) * round(u(sz) * 1.25) + u(a)
            for t, sz, _, b, ind, a in items
            if t.startswith("- ")
        )

    def draw(self, surface: pygame.Surface) -> None:
        u = self.u
        surface.fill(BACKGROUND)
        war = bool(self.session.world.over[0])
        title = "War" if war else "The game is over"
        colour = self.app.palette.bad if war else TEXT
        head = txt.render(title, u(32), colour, True)
        surface.blit(head, (u(20), u(16)))
        y = u(16) + head.get_height()
        surface.blit(txt.render(self.session.scenario.title, u(18), MUTED), (u(20), y))
        col_w = self.width // 2 - u(40)
        y = max(u(100), y + u(34))
        # The left column stops above the buttons; in large text it drops the explanations
        # and the details first (the debrief has them all).
        bottom = self.bar_top - u(10)
        items = self._column(compact=False)
        if y + self._height(items, col_w) > bottom:
            items = self._column(compact=True)
        surface.set_clip(pygame.Rect(0, 0, self.width // 2 - u(10), bottom))
        for k, (text, size, colour, bold, indent, after) in enumerate(items):
            lines = txt.wrap(text, u(size), col_w - u(indent), bold)
            need = len(lines) * round(u(size) * 1.25)
            if text == "To discuss" and k + 1 < len(items):  # not a heading alone
                nxt = items[k + 1]
                need += u(after) + round(u(nxt[1]) * 1.25)
            if y + need > bottom:
                break
            y = txt.blit_lines(surface, lines, (u(20 + indent), y), u(size), colour, bold)
            y += u(after)
        surface.set_clip(None)
        if self._chart is None:
            self._chart = arms_chart(
                self.session, self.chart_rect.size, self.app.palette, self.app.scale
            )
        surface.blit(self._chart, self.chart_rect)
