"""The replay viewer: a saved or finished game stepped through turn by turn.

Position ``t`` (0 to ``T``, the turns played) shows the world after ``t`` turns: the start world at
0 (``history[0].events.before``), ``history[t].events.before`` in between, the final world
(``session.world``) at ``T``. Beside the board: the states' numbers, the turning points of turn
``t`` (with their glossary cards) and the turn's wire reports. Under it, a timeline strip: click or
drag it to jump; its marks are the turning points (a cross: the war).

Keys: Left/Right a turn, Home/End the start and the end, Space plays (one turn every
:data:`PLAY_STEP` seconds), G the card of the turn's first turning point, D the debrief, Esc back.
Everything is read from the session; the viewer never changes it.
"""

from __future__ import annotations

from types import SimpleNamespace

import pygame

from game.analysis.words import tag_words
from game.engine.state import World
from game.ui import navigation
from game.ui.drawing import text as txt
from game.ui.drawing.game_board import Board
from game.ui.drawing.theme import ACCENT, BACKGROUND, MUTED, PANEL, PANEL_EDGE, TEXT
from game.ui.model.analysis_cache import match_analysis
from game.ui.model.game_match import Match
from game.ui.model.headlines import headlines
from game.ui.model.views import TurnView, turn_view
from game.ui.scenes.debrief_pages import Link, Page, concept_title, flow, tag_colour
from game.ui.scenes.scene import Scene

#: Seconds per turn when playing.
PLAY_STEP = 0.8
#: Boards kept rendered.
BOARD_CACHE = 12


def worlds_of(session) -> list[World]:
    """The ``T + 1`` worlds a session went through: before each turn, then now."""
    return [rec.events.before for rec in session.history] + [session.world]


class ReplayScene(Scene):
    """Step through ``match``'s game; ``turn`` is where it opens (default: the start)."""

    def __init__(self, app, match: Match, turn: int = 0):
        super().__init__(app)
        self.match = match
        self.session = match.session
        self.worlds = worlds_of(self.session)
        self.analysis = match_analysis(match)
        self.t = max(0, min(int(turn), self.last))
        self.playing = False
        self._clock = 0.0
        self._boards: dict[tuple, Board] = {}
        self._dragging = False
        self._column: tuple | None = None  # (key, page)
        self.col_scroll = 0
        self.strip = pygame.Rect(0, 0, 1, 1)

    # The game at turn t ---------------------------------------------------------------------

    @property
    def last(self) -> int:
        return len(self.worlds) - 1

    def world_at(self, t: int | None = None) -> World:
        """The world after ``t`` turns (the current position by default)."""
        return self.worlds[self.t if t is None else t]

    def view_at(self, t: int) -> TurnView:
        """The observer's view of the world after ``t`` turns (every number true)."""
        w = self.world_at(t)
        s = self.session
        snapshot = SimpleNamespace(
            world=w,
            scenario=s.scenario,
            seats=s.seats,
            turn=int(w.turn),
            over=bool(w.over[0]) or (t == self.last and s.over),
        )
        return turn_view(snapshot, None)  # type: ignore[arg-type]

    def lines_at(self, t: int) -> list[str]:
        if t == 0:
            return [self.session.scenario.summary]
        return headlines(self.session.history[t - 1].events, None, limit=12)

    def points_at(self, t: int):
        return [tp for tp in self.analysis.turning_points if tp.turn == t]

    # Moving ---------------------------------------------------------------------------------

    def go(self, t: int) -> None:
        t = max(0, min(int(t), self.last))
        if t != self.t:
            self.t = t
            self.col_scroll = 0
            self.regions.clear()
            self.regions.extend(self.board.regions)

    def step(self, k: int) -> None:
        self.playing = False if k < 0 else self.playing
        self.go(self.t + k)

    def home(self) -> None:
        self.go(0)

    def end(self) -> None:
        self.go(self.last)

    def toggle(self) -> None:
        if not self.playing and self.t >= self.last:
            self.go(0)
        self.playing = not self.playing and self.last > 0
        self._clock = 0.0
        self.rebuild()  # the button says Play or Pause

    def debrief(self) -> None:
        self.playing = False
        navigation.back_or_push(
            self.app,
            "debrief",
            self.match,
            lambda: navigation.make(self.app, "debrief", self.match),
        )

    def concept(self) -> None:
        points = self.points_at(self.t)
        if points:
            self.open_card(points[0].concept)

    def open_card(self, card: str) -> None:
        self.playing = False
        navigation.push(self.app, "glossary", card, back_to="the replay")

    def update(self, dt: float) -> None:
        if not self.playing:
            return
        self._clock += dt
        if self._clock >= PLAY_STEP:
            self._clock = 0.0
            self.go(self.t + 1)
            if self.t >= self.last:
                self.playing = False
                self.rebuild()

    # Layout ---------------------------------------------------------------------------------

    def layout(self) -> None:
        u, W, H = self.u, self.width, self.height
        fs, gap, bh = u(16), u(8), u(38)
        play = "Pause" if self.playing else "Play"
        specs = [
            ("Start", self.home, pygame.K_HOME, "Home", "The start of the game"),
            ("Previous", lambda: self.step(-1), pygame.K_LEFT, "Left", "One turn back"),
            (play, self.toggle, pygame.K_SPACE, "Space", "Play the turns one by one"),
            ("Next", lambda: self.step(1), pygame.K_RIGHT, "Right", "One turn on"),
            ("End", self.end, pygame.K_END, "End", "The end of the game"),
            ("Debrief", self.debrief, pygame.K_d, "D", "Charts, turning points and questions"),
            ("Back", self.app.pop, pygame.K_ESCAPE, "Esc", None),
        ]
        labels = [f"{t}  [{k}]" for t, _, _, k, _ in specs]
        if len({r.y for r in flow(labels, fs, 0, 0, W - u(20), bh, gap)[0]}) > 1:
            # Large text: Start and End stay on their keys (and the timeline), not buttons.
            specs = [sp for sp in specs if sp[0] not in ("Start", "End")]
            labels = [f"{t}  [{k}]" for t, _, _, k, _ in specs]
        rects, _ = flow(labels, fs, u(10), 0, W - u(20), bh, gap)
        rows = len({r.y for r in rects})
        bar_top = H - u(30) - rows * (bh + gap) + gap
        for (text, action, key, _name, tip), label, rect in zip(specs, labels, rects, strict=True):
            self.button(
                rect.move(0, bar_top),
                label,
                action,
                None,
                tooltip=tip,
                object_id="#primary" if text == "Debrief" else None,
            )
            self.shortcut(key, action)
        for key, action in (
            (pygame.K_HOME, self.home),
            (pygame.K_END, self.end),
            (pygame.K_g, self.concept),
            (pygame.K_PAGEUP, lambda: self.scroll_column(-1)),
            (pygame.K_PAGEDOWN, lambda: self.scroll_column(1)),
        ):
            self.shortcut(key, action)
        self.strip = pygame.Rect(u(10), bar_top - u(10) - u(34), W - u(20), u(34))
        top = u(56)
        left_w = int(W * (0.56 if W / self.app.scale >= 1000 else 0.5))
        self.board_rect = pygame.Rect(
            u(10), top, left_w - u(20), max(self.strip.y - u(12) - top, u(80))
        )
        self.column = pygame.Rect(left_w, top, W - left_w - u(10), self.board_rect.h)
        self._column = None
        self.col_scroll = min(getattr(self, "col_scroll", 0), self.max_col_scroll)
        self.regions.clear()
        self.regions.extend(self.board.regions)

    @property
    def max_col_scroll(self) -> int:
        return max(0, self.column_page().height - self.column.h)

    def scroll_column(self, pages: float) -> None:
        step = max(self.u(40), int(self.column.h * 0.8))
        self.col_scroll = max(0, min(self.col_scroll + round(pages * step), self.max_col_scroll))

    @property
    def board(self) -> Board:
        key = (self.t, tuple(self.board_rect), self.app.palette.name, self.app.scale)
        b = self._boards.get(key)
        if b is None:
            b = Board(self.board_rect, self.view_at(self.t), self.app.palette, self.app.scale)
            self._boards[key] = b
            while len(self._boards) > BOARD_CACHE:
                self._boards.pop(next(iter(self._boards)))
        return b

    @property
    def view(self) -> TurnView:
        return self.board.view

    def column_page(self) -> Page:
        """The right-hand column at the current turn: numbers, turning points, wires."""
        key = (self.t, tuple(self.column), self.app.palette.name, self.app.scale)
        if self._column is not None and self._column[0] == key:
            return self._column[1]
        pal = self.app.palette
        p = Page(self.column.w - self.u(12), self.app.scale)
        u = p.u
        w = self.world_at(self.t)
        names = self.session.scenario.names
        # The states' numbers: a table when it fits, else a line each.
        cols = ("economy", "reach", "shield", "score")
        rows = []
        for i in range(len(names)):
            reach = float(w.reach[0, i] + w.fwd_reach[0, i].sum())
            shield = float(w.shield[0, i] + w.fwd_shield[0, i].sum())
            vals = (float(w.economy[0, i]), reach, shield, float(w.score[0, i]))
            rows.append([f"{v:.1f}" if k < 3 else f"{v:.2f}" for k, v in enumerate(vals)])
        f15, f14 = txt.font(u(15)), txt.font(u(14), True)
        cw = max(
            max(f14.size(c)[0] for c in cols),
            max(f15.size(v)[0] for r in rows for v in r),
        ) + u(14)
        name_w = max(f15.size(n)[0] for n in names) + u(40)
        table = name_w + cw * len(cols) <= p.w
        mark, top = len(p.ops), p.y
        p.gap(6)
        if table:
            y = p.y
            for k, c in enumerate(cols):
                p.text(c, 14, MUTED, True, x=name_w + k * cw, width=cw, y=y, advance=False)
            p.y = y + u(22)
        for i, name in enumerate(names):
            y = p.y
            look = self.session.scenario.looks[i]
            p.shape(look.shape, (u(14), y + u(11)), u(7), pal.states[i % len(pal.states)])
            if table:
                p.text(name, 15, TEXT, True, x=u(26), width=name_w - u(28), y=y, advance=False)
                for k, v in enumerate(rows[i]):
                    p.text(v, 15, TEXT, x=name_w + k * cw, width=cw, y=y, advance=False)
                p.y = y + u(24)
            else:
                line = ", ".join(f"{c} {v}" for c, v in zip(cols, rows[i], strict=True))
                p.text(name, 15, TEXT, True, x=u(26), advance=True)
                p.text(line, 14, MUTED, x=u(26))
                p.gap(4)
        p.gap(4)
        p.box(pygame.Rect(0, top, p.w, p.y - top), at=mark)
        p.gap(12)
        # The turn's turning points.
        points = self.points_at(self.t)
        if points:
            p.text(f"Turning points of turn {self.t}", 17, TEXT, True)
            for tp in points:
                p.gap(6)
                tag = p.tag(tag_words(tp.tag), tag_colour(tp.tag, pal), 0, p.y)
                p.y = tag.bottom + u(4)
                p.text(tp.text, 15, TEXT)
                p.link(f"Concept: {concept_title(tp.concept)}", tp.concept, 0, size=14)
            p.gap(12)
        # The wires.
        title = "Briefing" if self.t == 0 else f"The wires, turn {self.t}"
        p.text(title, 17, TEXT, True)
        p.gap(4)
        for line in self.lines_at(self.t):
            p.text(f"- {line}", 15, TEXT)
        p.render()
        self._column = (key, p)
        return p

    # Events and drawing ---------------------------------------------------------------------

    def strip_turn(self, x: int) -> int:
        cell = self.strip.w / (self.last + 1)
        return max(0, min(int((x - self.strip.x) // cell), self.last))

    def strip_x(self, t: int) -> int:
        """The centre of turn ``t``'s cell on the timeline strip."""
        cell = self.strip.w / (self.last + 1)
        return round(self.strip.x + (t + 0.5) * cell)

    def on_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            if self.strip.collidepoint(event.pos):
                self.playing = False
                self._dragging = True
                self.go(self.strip_turn(event.pos[0]))
                return
            for lk in self.links():
                if lk.rect.collidepoint(event.pos):
                    self.open_card(lk.card)
                    return
        elif event.type == pygame.MOUSEMOTION and self._dragging:
            self.go(self.strip_turn(event.pos[0]))
        elif event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            self._dragging = False
        elif event.type == pygame.MOUSEWHEEL:
            mouse = pygame.mouse.get_pos()
            if self.strip.collidepoint(mouse):
                self.go(self.t - event.y)
            elif self.column.collidepoint(mouse):
                self.col_scroll = max(
                    0, min(self.col_scroll - event.y * self.u(40), self.max_col_scroll)
                )

    def links(self) -> list[Link]:
        """The glossary links of the column, where they are on screen."""
        page = self.column_page()
        out = []
        for lk in page.links:
            r = lk.rect.move(self.column.x, self.column.y - self.col_scroll)
            if self.column.contains(r):
                out.append(Link(r, lk.card, lk.label))
        return out

    def draw(self, surface: pygame.Surface) -> None:
        u = self.u
        surface.fill(BACKGROUND)
        s = self.session
        head = txt.render(f"Replay: {s.scenario.title}", u(26), TEXT, True)
        surface.blit(head, (u(10), u(8)))
        sub = f"Turn {self.t} of {self.last}"
        sub += " (the start)" if self.t == 0 else ""
        sub += "" if s.over else " played so far"
        sub += " (playing)" if self.playing else ""
        pic = txt.render(sub, u(18), TEXT, True)
        x = self.width - u(10) - pic.get_width()
        if x < u(10) + head.get_width() + u(16):  # no room beside the title: under it, small
            pic = txt.render(sub, u(14), MUTED, True)
            x = self.width - u(10) - pic.get_width()
        surface.blit(pic, (x, u(8) + head.get_height() - pic.get_height() - u(4)))
        seed = txt.render(f"seed {s.seed}", u(14), MUTED)
        if u(10) + head.get_width() + u(16) + seed.get_width() < x - u(16):
            sx = u(10) + head.get_width() + u(16)
            surface.blit(seed, (sx, u(8) + head.get_height() - seed.get_height() - u(5)))
        board = self.board
        board.draw(surface)
        w = self.world_at(self.t)
        if bool(w.over[0]):
            msg = "War: the game ended here"
            pic = txt.render(msg, u(26), self.app.palette.bad, True)
            box = pic.get_rect(midtop=(board.rect.centerx, board.rect.y + u(8)))
            box = box.inflate(u(24), u(12))
            pygame.draw.rect(surface, PANEL, box)
            pygame.draw.rect(surface, self.app.palette.bad, box, 2)
            surface.blit(pic, pic.get_rect(center=box.center))
        page = self.column_page()
        assert page.surface is not None
        col = self.column
        surface.blit(page.surface, col.topleft, pygame.Rect(0, self.col_scroll, col.w, col.h))
        if self.max_col_scroll > 0:
            track = pygame.Rect(col.right - u(5), col.y, u(5), col.h)
            pygame.draw.rect(surface, PANEL, track)
            h = max(u(20), col.h * col.h // page.height)
            y = col.y + (col.h - h) * self.col_scroll // self.max_col_scroll
            pygame.draw.rect(surface, PANEL_EDGE, (track.x, y, track.w, h))
        self._draw_strip(surface)
        hint = "Left/Right: a turn   Home/End   Space: play   G: concept   D: debrief   Esc: back"
        if self.max_col_scroll > 0:
            hint = hint.replace("   G:", "   PgUp/PgDn: scroll   G:")
        pic = txt.render(hint, u(14), MUTED)
        if pic.get_width() > self.width - u(20):
            pic = txt.render("Left/Right, Home/End, Space: play, D: debrief", u(14), MUTED)
        surface.blit(pic, (u(10), self.height - u(24)))

    def _draw_strip(self, surface: pygame.Surface) -> None:
        u, r = self.u, self.strip
        pal = self.app.palette
        pygame.draw.rect(surface, PANEL, r, 0, u(4))
        pygame.draw.rect(surface, PANEL_EDGE, r, 1, u(4))
        n = self.last + 1
        cell = r.w / n
        cur = pygame.Rect(round(r.x + self.t * cell), r.y, max(2, round(cell)), r.h)
        pygame.draw.rect(surface, (61, 106, 153), cur)
        pygame.draw.rect(surface, ACCENT, cur, 2)
        # Turn numbers: as many as fit.
        size = u(13)
        every = 1
        widest = txt.font(size).size(str(self.last))[0] + u(6)
        while cell * every < widest:
            every += 1
        for t in range(0, n, every):
            pic = txt.render(str(t), size, TEXT if t == self.t else MUTED)
            surface.blit(pic, (self.strip_x(t) - pic.get_width() // 2, r.bottom - pic.get_height()))
        # Turning points: a dot in the tag's colour; the war: a cross.
        seen: dict[int, int] = {}
        for tp in self.analysis.turning_points:
            k = seen.get(tp.turn, 0)
            seen[tp.turn] = k + 1
            cx = self.strip_x(tp.turn) + (k % 3 - 1) * u(7)
            cy = r.y + u(8) + (k // 3) * u(7)
            colour = tag_colour(tp.tag, pal)
            if tp.tag == "war":
                d = u(5)
                pygame.draw.line(surface, colour, (cx - d, cy - d), (cx + d, cy + d), u(3))
                pygame.draw.line(surface, colour, (cx - d, cy + d), (cx + d, cy - d), u(3))
            else:
                pygame.draw.circle(surface, colour, (cx, cy), u(3.5))
