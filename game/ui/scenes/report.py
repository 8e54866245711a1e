"""The turn report: a short animated summary after each turn, over the turn screen.

It tells the turn in three parts, one line after another: what each state did as your
intelligence saw it (and why, in its own public words or the model's), what changed for you
(each number counting from last turn's value to this turn's, with the change; arrows on the
board beside every state whose reach moved), then the news that matters to your objectives.

Space, Enter or a click shows the rest of the page at once, then turns the page, then closes;
Esc closes at once. With reduced motion (Settings) every page is shown whole, nothing counts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pygame

from game.ui.drawing import text as txt
from game.ui.drawing.theme import ACCENT, MUTED, PANEL, TEXT, Colour
from game.ui.model.turn_report import Change, TurnReport
from game.ui.scenes.scene import Overlay

#: Seconds between two lines appearing, and for a number to count to its new value.
LINE_SECONDS = 0.22
COUNT_SECONDS = 0.6


@dataclass(frozen=True)
class Row:
    """One drawn line: plain text, or a number that counts (``change``, with its ``why``)."""

    text: str
    size: int
    colour: Colour
    bold: bool = False
    change: Change | None = None
    indent: int = 0


class TurnReportScene(Overlay):
    """The report of the turn just played, drawn over the turn screen beside its board."""

    def __init__(
        self,
        app,
        report: TurnReport,
        board=None,
        on_close: Callable[[], object] | None = None,
        tick: Callable[[float], object] | None = None,
    ):
        super().__init__(app)
        self.report = report
        self.board = board  # the turn screen's board: arrows are drawn on it
        self.on_close = on_close
        self.tick = tick  # the screen beneath goes on moving (its board's tween)
        self.page = 0
        self.clock = 0.0
        self.closed = False

    # Content --------------------------------------------------------------------------------

    @property
    def still(self) -> bool:
        """Reduced motion: no line-by-line reveal, no counting."""
        return bool(getattr(self.app.settings, "reduce_motion", False))

    def _items(self) -> list[Row]:
        u, r, pal = self.u, self.report, self.app.palette
        head, body, small = u(18), u(16), u(15)
        rows = [Row("What the others did, as your intelligence saw it", head, ACCENT, True)]
        for m in r.moves:
            rows.append(Row(f"{m.name}: {m.did}", body, TEXT))
            if m.why:
                rows.append(Row(f"Why: {m.why}", small, MUTED, indent=u(14)))
            if m.diplomacy:  # its own line: a diplomatic reason never explains the arms above
                rows.append(Row(f"Diplomacy: {m.diplomacy}", small, MUTED, indent=u(14)))
        rows.append(Row("What changed for you", head, ACCENT, True))
        rows.append(Row(r.own, body, TEXT))
        for c in (*r.changes, *r.tensions):
            up = round(c.delta, c.digits) > 0
            down = round(c.delta, c.digits) < 0
            bad = (up and c.label.startswith("Tension")) or (
                down and not c.label.startswith("Tension")
            )
            colour = pal.bad if bad else (pal.good if up or down else TEXT)
            rows.append(Row(c.at(1.0), body, colour, True, change=c))
            if c.why:
                rows.append(Row(c.why, small, MUTED, indent=u(14)))
        rows.append(Row("What matters to your objectives", head, ACCENT, True))
        news = list(r.news) or ["Nothing this turn touched your objectives directly."]
        for line in news:
            rows.append(Row(line, body, TEXT))
        return rows

    def _wrapped(self) -> list[Row]:
        width = self.box.w - self.u(32)
        out = []
        for row in self._items():
            if row.change is not None:
                out.append(row)
                continue
            for k, line in enumerate(txt.wrap(row.text, row.size, width - row.indent, row.bold)):
                indent = row.indent + (self.u(14) if k and not row.bold else 0)
                out.append(Row(line, row.size, row.colour, row.bold, None, indent))
        return out

    def _paginate(self) -> list[list[Row]]:
        room = self.box.h - self.u(56) - self.u(44)
        pages: list[list[Row]] = [[]]
        used = 0
        for row in self._wrapped():
            heading = _heading(row)
            starts = heading and bool(pages[-1]) and not _heading(pages[-1][-1])  # 1st line
            h = round(row.size * 1.3) + (self.u(8) if starts else 0)
            # A heading never ends a page: it moves to the next with its first line.
            need = h + (round(self.u(16) * 1.3) if heading else 0)
            if used + need > room and pages[-1]:
                pages.append([])
                used = 0
            pages[-1].append(row)
            used += h
        return pages

    # Layout ---------------------------------------------------------------------------------

    def layout(self) -> None:
        u, W, H = self.u, self.width, self.height
        top = u(44)
        board = getattr(self.board, "rect", None)
        # Beside the board when there is room for a readable column (about 30 characters of
        # its body text: at 200 % on 1280x800 the 570 px beside the board), so the board's
        # arrows of the turn stay in sight; over it only in a window too narrow for that.
        left = board.right + u(10) if board is not None and W - board.right > u(260) else u(10)
        self.box = pygame.Rect(left, top, W - left - u(10), H - top - u(10))
        self.pages = self._paginate()
        self.page = min(self.page, len(self.pages) - 1)
        self.shortcut(pygame.K_SPACE, self.advance)
        self.shortcut(pygame.K_RETURN, self.advance)
        self.shortcut(pygame.K_KP_ENTER, self.advance)
        self.shortcut(pygame.K_RIGHT, self.advance)
        self.shortcut(pygame.K_ESCAPE, self.close)

    @property
    def rows(self) -> list[Row]:
        return self.pages[self.page]

    @property
    def shown(self) -> int:
        """How many of the page's lines are in sight."""
        if self.still:
            return len(self.rows)
        return min(len(self.rows), 1 + int(self.clock / LINE_SECONDS))

    @property
    def done(self) -> bool:
        """The page is told in full (every line in sight, every number counted)."""
        if self.still:
            return True
        return self.clock >= (len(self.rows) - 1) * LINE_SECONDS + COUNT_SECONDS

    def advance(self) -> None:
        """Show the rest of the page, else the next page, else close."""
        if not self.done:
            self.clock = 1e9
        elif self.page + 1 < len(self.pages):
            self.page += 1
            self.clock = 0.0
        else:
            self.close()

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        if self.app.top is self:
            self.app.pop()
        if self.on_close is not None:
            self.on_close()

    def on_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self.advance()

    def update(self, dt: float) -> None:
        if self.tick is not None:
            self.tick(dt)
        if not self.done:
            self.clock += dt

    @property
    def animating(self) -> bool:
        return not self.done

    # Drawing --------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        # No veil: the board beside the report stays in plain sight, with its arrows.
        u = self.u
        self._arrows(surface)
        pygame.draw.rect(surface, PANEL, self.box, border_radius=u(6))
        pygame.draw.rect(surface, ACCENT, self.box, 2, border_radius=u(6))
        x, y = self.box.x + u(16), self.box.y + u(12)
        title = f"Turn {self.report.turn} report"
        if len(self.pages) > 1:
            title += f" ({self.page + 1} of {len(self.pages)})"
        surface.blit(txt.render(title, u(22), TEXT, True), (x, y))
        for k, (row, pos) in enumerate(self.placed()[: self.shown]):
            if row.change is not None:
                age = self.clock - k * LINE_SECONDS
                t = 1.0 if self.still else age / COUNT_SECONDS
                line = row.change.at(t)
                surface.blit(txt.font(row.size, True).render(line, True, row.colour), pos)
            else:
                surface.blit(txt.render(row.text, row.size, row.colour, row.bold), pos)
        more = self.page + 1 < len(self.pages)
        hint = (
            "Space: show all" if not self.done else ("Space: next page" if more else "Space: close")
        ) + "   Esc: close"
        surface.blit(txt.render(hint, u(14), MUTED), (x, self.box.bottom - u(30)))

    def placed(self) -> list[tuple[Row, tuple[int, int]]]:
        """The page's rows and where each is drawn (a little air before each part)."""
        u = self.u
        x, y = self.box.x + u(16), self.box.y + u(56)
        out = []
        for k, row in enumerate(self.rows):
            if _heading(row) and k and not _heading(self.rows[k - 1]):  # a heading's 2nd line
                y += u(8)  # follows its first without the air before a part
            out.append((row, (x + row.indent, y)))
            y += round(row.size * 1.3)
        return out

    def row_rects(self) -> list[pygame.Rect]:
        """The rectangles of the page's text in full (what a layout test checks)."""
        out = []
        for row, pos in self.placed():
            text = row.change.at(1.0) if row.change is not None else row.text
            width = txt.font(row.size, row.bold).size(text)[0]
            out.append(pygame.Rect(pos, (width, round(row.size * 1.3))))  # one line's box
        return out

    def arrow_places(self) -> list[tuple[int, float, pygame.Rect]]:
        """Beside each state whose reach moved (as you saw it): its index, the change and the
        rectangle of its arrow and words, right of the state, or moved left to end at the
        board's edge where there is no room (large text, a state near the edge), so that
        they stay clear of the report beside the board."""
        board = self.board
        if board is None:
            return []
        u = self.u
        r = board.shape_radius()
        limit = board.rect.right
        if self.box.x > board.rect.centerx:  # the report beside the board
            limit = min(limit, self.box.x - u(4))
        out = []
        for j, d in self.report.arrows.items():
            cx, cy = board.centre(j)
            w = u(18) + txt.font(u(14), True).size(_arrow_label(d))[0]
            x, y = board.rect.x + cx + r + u(8), board.rect.y + cy - r
            if x + w > limit:
                x = max(limit - w, board.rect.x + cx)
            out.append((j, d, pygame.Rect(x, y - u(2), w, txt.font(u(14), True).get_height())))
        return out

    def _arrows(self, surface: pygame.Surface) -> None:
        """Beside each state whose reach moved (as you saw it), an arrow and the change."""
        board = self.board
        if board is None:
            return
        pal, u = self.app.palette, self.u
        for j, d, rect in self.arrow_places():
            x, y = rect.x, rect.y + u(2)
            mine = self.report.viewer == board.view.states[j].name
            colour = ACCENT if mine else (pal.bad if d > 0 else pal.good)
            h = u(14)
            if d > 0:
                pts = [(x, y + h), (x + u(7), y), (x + u(14), y + h)]
            else:
                pts = [(x, y), (x + u(7), y + h), (x + u(14), y)]
            pygame.draw.polygon(surface, colour, pts)
            surface.blit(txt.render(_arrow_label(d), u(14), colour, True), (x + u(18), y - u(2)))


def _arrow_label(d: float) -> str:
    return f"reach {d:+.1f}".replace("-", "\u2212")


def _heading(row: Row) -> bool:
    """A part's heading line (bold, in the accent colour)."""
    return row.bold and row.colour == ACCENT
