"""Place your bet: before a key turn the class predicts whether a measure will fall, stay level
or rise; after a later turn (or at the end, if the game ends sooner) the reveal shows the bet,
what the lesson's theory expects and why, and what really happened in this game.

One bet per game (the class's), asked once as the turn screen of ``bet.ask_before`` opens and
kept in ``session.answers.bet`` (so a save carries it and a loaded game does not ask again).
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.analysis import bet_report, bet_value, series_of
from game.analysis.bets import ABSOLUTE_BAND, RELATIVE_BAND, bet_number, solo_game
from game.scenarios import Bet
from game.ui.drawing import text as txt
from game.ui.drawing.choices import Choices
from game.ui.drawing.text import blit_paragraphs, fit_paragraphs
from game.ui.drawing.theme import ACCENT, MUTED, PANEL, PANEL_EDGE, TEXT
from game.ui.model.bet_timing import reveal_turn
from game.ui.model.game_match import Match
from game.ui.scenes.scene import Overlay

# --------------------------------------------------------------------------------------------
# The screens


class _Box(Overlay):
    """A panel over the game, as large as the window allows."""

    box: pygame.Rect  # set by each screen's layout

    def box_rect(self, need: int | None = None) -> pygame.Rect:
        """The panel: as wide as fits (up to 900 at 100%), as tall as ``need`` (or the room)."""
        u = self.u
        room = self.height - u(40)
        h = room if need is None else min(room, need)
        box = pygame.Rect(0, 0, min(self.width - u(40), u(900)), h)
        box.center = (self.width // 2, self.height // 2)
        return box

    def draw_box(self, surface: pygame.Surface, title: str) -> None:
        Overlay.draw(self, surface)
        u = self.u
        pygame.draw.rect(surface, PANEL, self.box, border_radius=u(6))
        pygame.draw.rect(surface, ACCENT, self.box, max(2, u(2)), border_radius=u(6))
        surface.blit(txt.render(title, u(26), TEXT, True), (self.box.x + u(18), self.box.y + u(12)))


class BetScene(_Box):
    """The question and its three choices (keys 1-3 or a click); Esc: no bet this game."""

    def __init__(self, app, match: Match, on_done: Callable[[], None] | None = None):
        super().__init__(app)
        self.match = match
        self.session = match.session
        bet = self.session.scenario.bet
        assert bet is not None, "a bet screen needs a scenario with a bet"
        self.bet: Bet = bet
        self.on_done = on_done
        self.choices = Choices()

    def layout(self) -> None:
        u = self.u
        bh = u(42)
        head, foot = u(80), u(18) + bh + u(14)
        room = self.box_rect()
        width = room.w - u(36)
        size, self.q_lines, labs, need = Choices.fit(
            self, self.bet.question, self.bet.choices, width, room.h - head - foot, u(21), u(12)
        )
        self.box = self.box_rect(head + need + foot)
        inner = self.box.inflate(-u(36), 0)
        by = self.box.bottom - u(14) - bh
        top = self.box.y + head
        self.q_size, self.q_top = size, top
        y = top + len(self.q_lines) * round(size * 1.25) + u(18)
        self.choices.build(
            self,
            inner.x,
            y,
            inner.w,
            size,
            labs,
            self.place,
            self.session.answers.bet,
            self.bet.choices,
        )
        bw = min(u(220), inner.w // 2)
        self.button(
            (inner.right - bw, by, bw, bh),
            "No bet",
            self.no_bet,
            pygame.K_ESCAPE,
            tooltip="Play without a bet this game",
        )

    def place(self, k: int) -> None:
        if not 0 <= k < 3:
            return
        self.session.answers.bet = k
        if self.match.autosave is not None:
            self.match.autosave(self.session)
        self.app.sound.play("click")
        self._close()

    def no_bet(self) -> None:
        self._close()

    def _close(self) -> None:
        if self.app.top is self:
            self.app.pop()
        if self.on_done is not None:
            self.on_done()

    def draw(self, surface: pygame.Surface) -> None:
        self.draw_box(surface, "Place your bet")
        u = self.u
        last = reveal_turn(self.session, self.bet)
        when = f"Before turn {self.bet.ask_before}. The answer comes after turn {last}" + (
            " (the last)." if last >= self.session.scenario.params.turns else "."
        )
        surface.blit(txt.render(when, u(15), MUTED), (self.box.x + u(18), self.box.y + u(50)))
        txt.blit_lines(
            surface, self.q_lines, (self.box.x + u(18), self.q_top), self.q_size, TEXT, True
        )

    def draw_over(self, surface: pygame.Surface) -> None:
        self.choices.draw(self, surface)
        super().draw_over(surface)


class RevealScene(_Box):
    """The bet, the theory's answer and why, and what happened in this game (with its curve)."""

    def __init__(self, app, match: Match):
        super().__init__(app)
        self.match = match
        self.session = match.session
        bet = self.session.scenario.bet
        assert bet is not None, "a reveal needs a scenario with a bet"
        self.bet: Bet = bet
        #: What the debrief and the report say too (:func:`game.analysis.bet_report`).
        self.report = bet_report(
            self.session, bet, self.session.answers.bet, solo_game(self.session)
        )
        r = self.report
        self.outcome, self.placed = r.outcome, r.placed
        self.before, self.after = r.before, r.after
        self.start, self.end = r.before_turn, r.after_turn
        series = series_of(self.session)
        names = tuple(self.session.scenario.names)
        self.values = [bet_value((series, names), bet, t) for t in range(series.turns + 1)]

    def paragraphs(self) -> list[tuple[str, tuple[int, int, int], bool]]:
        pal = self.app.palette
        r = self.report
        happened = " ".join(t for t in (r.happened_sentence, r.early_sentence) if t)
        verdict = " ".join(t for t in (r.verdict_sentence, r.theory_sentence) if t)
        paragraphs = [
            (r.question, MUTED, False),
            (r.placed_sentence, TEXT, True),
            (r.expected_sentence, ACCENT, True),
            (r.explanation, TEXT, False),
            (happened, pal.good if r.called_it else TEXT, True),
            (verdict, MUTED, False),
        ]
        return [p for p in paragraphs if p[0]]

    def layout(self) -> None:
        """The text, then the chart. Where both fit (100 % on a laptop) the box holds them;
        where large text leaves no room for the chart under the text, the text keeps its size
        and the text and chart scroll together in the box (Up/Down, the wheel), with a
        scrollbar and a hint, rather than the chart being left out."""
        u = self.u
        bh = u(42)
        head, foot = u(58), u(14) + bh + u(14)
        room = self.box_rect()
        width = room.w - u(36)
        avail = room.h - head - foot
        chart_h = u(110)
        fits = avail > u(360)
        text_room = avail - (chart_h + u(12)) if fits else avail
        self.size, self.blocks = fit_paragraphs(self.paragraphs(), width, text_room, u(18), u(11))
        step = round(self.size * 1.25)
        text_h = sum(len(ls) * step for ls, _, _ in self.blocks)
        text_h += (len(self.blocks) - 1) * (step // 2)
        if fits:
            text_h = min(text_room, text_h)
        #: The height of the text and chart together, and how far they scroll (0: no scroll).
        self.content_h = text_h + u(12) + chart_h
        view_h = min(avail, self.content_h)
        self.max_scroll = max(0, self.content_h - view_h)
        self.scroll = min(getattr(self, "scroll", 0), self.max_scroll)
        self.box = self.box_rect(head + view_h + foot)
        x, y = self.box.x + u(18), self.box.y + head
        self.view = pygame.Rect(x, y, width, view_h)
        self.text_rect = pygame.Rect(x, y, width, text_h)
        self.chart = pygame.Rect(x, self.text_rect.bottom + u(12), width, chart_h)
        bw = min(u(220), self.box.w // 2)
        by = self.box.bottom - u(14) - bh
        self.button(
            (self.box.right - u(18) - bw, by, bw, bh),
            "Continue",
            self.close,
            pygame.K_RETURN,
            object_id="#primary",
        )
        self.shortcut(pygame.K_ESCAPE, self.close)
        self.shortcut(pygame.K_KP_ENTER, self.close)
        if self.max_scroll:
            line = round(self.size * 1.25)
            self.shortcut(pygame.K_DOWN, lambda: self.scroll_by(3 * line))
            self.shortcut(pygame.K_UP, lambda: self.scroll_by(-3 * line))
            self.shortcut(pygame.K_PAGEDOWN, lambda: self.scroll_by(self.view.h - line))
            self.shortcut(pygame.K_PAGEUP, lambda: self.scroll_by(line - self.view.h))

    def scroll_by(self, dy: int) -> None:
        self.scroll = min(max(self.scroll + dy, 0), self.max_scroll)

    def on_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.MOUSEWHEEL and self.max_scroll:
            self.scroll_by(-event.y * 3 * round(self.size * 1.25))

    def close(self) -> None:
        if self.app.top is self:
            self.app.pop()

    def draw(self, surface: pygame.Surface) -> None:
        self.draw_box(surface, "Your bet, revealed")
        if not self.max_scroll:
            blit_paragraphs(
                surface, self.blocks, self.text_rect.topleft, self.size, self.text_rect.bottom
            )
            self._draw_chart(surface)
            return
        u, v = self.u, self.view
        surface.set_clip(v)
        blit_paragraphs(surface, self.blocks, (v.x, v.y - self.scroll), self.size)
        self._draw_chart(surface, self.chart.move(0, -self.scroll))
        surface.set_clip(None)
        # The scrollbar beside the view, and a hint under it while the chart is out of sight.
        bar = pygame.Rect(v.right + u(6), v.y, max(2, u(4)), v.h)
        pygame.draw.rect(surface, PANEL_EDGE, bar, border_radius=u(2))
        thumb_h = max(u(20), v.h * v.h // self.content_h)
        thumb_y = v.y + (v.h - thumb_h) * self.scroll // self.max_scroll
        pygame.draw.rect(surface, ACCENT, (bar.x, thumb_y, bar.w, thumb_h), border_radius=u(2))
        if self.scroll < self.max_scroll:
            hint = txt.render("More below, with the chart: Down or the mouse wheel", u(13), MUTED)
            surface.blit(hint, (v.x, self.box.bottom - u(14) - hint.get_height()))

    def chart_span(self) -> tuple[float, float]:
        """The chart's value range: the curve's, and at least three times the "about level"
        band either side of the value at the bet (the band :func:`game.analysis.bet_outcome`
        judges by), so a change the reveal calls level does not fill the chart as a plunge."""
        vals = self.values
        before = vals[min(self.start, len(vals) - 1)]
        relative = self.bet.measure in ("reach", "shield", "arms", "economy")
        band = RELATIVE_BAND * abs(before) if relative else ABSOLUTE_BAND
        lo, hi = min(*vals, before - 3 * band), max(*vals, before + 3 * band)
        if hi - lo < 1e-9:
            lo, hi = lo - 1.0, hi + 1.0
        return lo, hi

    def _draw_chart(self, surface: pygame.Surface, rect: pygame.Rect | None = None) -> None:
        """The measure turn by turn, with the bet's two moments marked (in ``rect``: the
        chart's place, moved by the scroll)."""
        u, r = self.u, (self.chart if rect is None else rect)
        pygame.draw.rect(surface, (28, 33, 40), r, border_radius=u(4))
        pygame.draw.rect(surface, PANEL_EDGE, r, 1, border_radius=u(4))
        vals = self.values
        lo, hi = self.chart_span()
        plot = r.inflate(-u(24), -u(36))
        plot.y = r.y + u(10)

        def at(t: int, v: float) -> tuple[float, float]:
            x = plot.x + plot.w * t / max(len(vals) - 1, 1)
            y = plot.bottom - plot.h * (v - lo) / (hi - lo)
            return (x, y)

        tags = []
        for t, word in ((self.start, "bet"), (self.end, "reveal")):
            x, _ = at(t, lo)
            pygame.draw.line(surface, MUTED, (x, plot.y), (x, plot.bottom), 1)
            tag = txt.render(
                f"{word} ({bet_number(self.bet, vals[min(t, len(vals) - 1)])})", u(13), MUTED
            )
            tags.append((tag, tag.get_rect(midtop=(x, plot.bottom + u(4))).clamp(r), x))
        (bet, at_bet, bx), (reveal, at_reveal, rx) = tags
        if at_bet.colliderect(at_reveal):  # marks a turn or two apart: the words side by side
            at_bet = bet.get_rect(topright=(bx + u(2), at_bet.y)).clamp(r)
            at_reveal = reveal.get_rect(topleft=(max(rx - u(2), at_bet.right + u(8)), at_bet.y))
            at_reveal = at_reveal.clamp(r)
            if at_bet.colliderect(at_reveal):  # no room either side: the bet's word goes left
                at_bet.right = at_reveal.x - u(8)
        surface.blit(bet, at_bet)
        surface.blit(reveal, at_reveal)
        if len(vals) > 1:
            pygame.draw.lines(
                surface, ACCENT, False, [at(t, v) for t, v in enumerate(vals)], max(2, u(2))
            )
        for t in (self.start, self.end):
            pygame.draw.circle(surface, TEXT, at(t, vals[min(t, len(vals) - 1)]), u(4))
