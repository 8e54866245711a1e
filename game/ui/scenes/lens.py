"""The theory lens: the 2x2 stage game behind this turn, for a rival of your choice.

Its name, the equilibria and the Pareto cells marked on the table, Jervis's world, the deterrence
margins both ways and first-strike stability, each with one line saying what it means, and a key
to the glossary card of each. A player's lens starts from the world as its intelligence sees it
(``stage_game(..., seen_by=seat)``), so it never shows what the player's screen does not; only a
spectator of an AI-only game sees the truth.
"""

from __future__ import annotations

from functools import partial

import pygame

from game.engine.stage import MOVES, StageGame, stage_game
from game.glossary import concept_for_game, concept_for_world
from game.session import Session
from game.theory import (
    GAME_EXPLANATIONS,
    GAME_TITLES,
    JERVIS_WORLD_EXPLANATIONS,
    JERVIS_WORLD_TITLES,
)
from game.ui import navigation
from game.ui.drawing import text as txt
from game.ui.drawing.theme import ACCENT, MUTED, PANEL, TEXT
from game.ui.model.plain_words import best_replies, deters, reading
from game.ui.scenes.scene import Overlay, key_label

#: The glossary keys of the lens: key, what the button says, which card (None: the game's name).
GLOSSARY_KEYS = (
    (pygame.K_g, None, None),
    (pygame.K_w, "Jervis's world", None),
    (pygame.K_d, "Deterrence", "deterrence"),
    (pygame.K_f, "First-strike stability", "first_strike_stability"),
)

SEEN_NOTE = (
    "As you see it: the others' reach and shield are what your intelligence last saw, which may "
    "not be the truth."
)
TRUE_NOTE = "The true world: you are watching an AI game, so nothing is hidden from you."
#: The glossary buttons' labels when the window is too narrow for the long ones.
SHORT_LABELS = ("Game", "World", "Deterrence", "Stability")


class LensScene(Overlay):
    """Left/Right chooses the rival; G, W, D, F (or ?) open the glossary; Esc or L closes."""

    def __init__(self, app, session: Session, seat: int | None):
        super().__init__(app)
        self.session = session
        #: Whose eyes the lens uses (None: a spectator, who sees the true world).
        self.seat = seat
        self.me = 0 if seat is None else seat
        world = session.world
        # Rivals first (the lens is about them); allies after, since a host's game matters too.
        others = [j for j in range(world.n) if j != self.me]
        self.others = sorted(others, key=lambda j: bool(world.alliance[0, self.me, j] > 0.5))
        self.pick = 0
        self._games: dict[int, StageGame] = {}
        self._picture: pygame.Surface | None = None  # the header
        self._body: pygame.Surface | None = None  # the table and the numbers, scrolled
        self._head_h = 0
        self.scroll = 0
        self.glossary_top = 0

    def game(self) -> StageGame:
        j = self.others[self.pick]
        if j not in self._games:
            self._games[j] = stage_game(self.session.world, self.me, j, seen_by=self.seat)
        return self._games[j]

    def card_for(self, key: int) -> str | None:
        """The glossary card a lens key opens."""
        g = self.game()
        if key == pygame.K_g:
            return concept_for_game(g.name) or "stage_game"
        if key == pygame.K_w:
            return concept_for_world(g.world) or "four_worlds"
        return next((card for k, _, card in GLOSSARY_KEYS if k == key), None)

    def open_card(self, key: int) -> None:
        """The glossary, focused on the card; leaving it comes back here."""
        card = self.card_for(key)
        if card is not None:
            navigation.push(self.app, "glossary", card, back_to="the lens")

    def layout(self) -> None:
        u = self.u
        self.box = pygame.Rect(u(30), u(30), self.width - u(60), self.height - u(60))
        bw, bh, top = u(150), u(34), self.box.y + u(10)
        self.button((self.box.right - u(160), top, bw, bh), "Close", self.app.pop, pygame.K_ESCAPE)
        self.shortcut(pygame.K_l, self.app.pop)
        if len(self.others) > 1:  # with one other state there is nobody to switch to
            self.button(
                (self.box.right - u(470), top, bw, bh),
                "Rival",
                lambda: self.step(-1),
                pygame.K_LEFT,
                tooltip="The previous state",
            )
            self.button(
                (self.box.right - u(315), top, bw, bh),
                "Rival",
                lambda: self.step(1),
                pygame.K_RIGHT,
                tooltip="The next state",
            )
        # The glossary row, above the hint line; short labels when the long ones do not fit.
        gap = u(8)
        bw = (self.box.w - u(40) - 3 * gap) // 4
        by = self.box.bottom - u(30) - bh
        title = GAME_TITLES.get(self.game().name, self.game().name)
        room = bw - u(16)
        for k, (key, text, _) in enumerate(GLOSSARY_KEYS):
            labels = (f"? {text or title}", f"? {SHORT_LABELS[k]}", SHORT_LABELS[k], "?")
            font = txt.font(self.font_size)
            label = next(
                (t for t in labels if font.size(f"{t}  [{key_label(key)}]")[0] <= room), "?"
            )
            self.button(
                (self.box.x + u(20) + k * (bw + gap), by, bw, bh),
                label,
                partial(self.open_card, key),
                key,
                tooltip=f"Open the glossary card: {text or title}",
            )
        self.glossary_top = by - self.box.y
        self.shortcut(pygame.K_SLASH, lambda: self.open_card(pygame.K_g))
        self.shortcut(pygame.K_QUESTION, lambda: self.open_card(pygame.K_g))
        self.shortcut(pygame.K_UP, lambda: self.scroll_by(-u(48)))
        self.shortcut(pygame.K_DOWN, lambda: self.scroll_by(u(48)))
        self.shortcut(pygame.K_PAGEUP, lambda: self.scroll_by(-self._view_h()))
        self.shortcut(pygame.K_PAGEDOWN, lambda: self.scroll_by(self._view_h()))
        self._picture = None

    def step(self, k: int) -> None:
        self.pick = (self.pick + k) % len(self.others)
        self.scroll = 0
        self.rebuild()  # the first glossary button names the new pair's game

    # The picture: a fixed header, then a body that scrolls when the window is short ----------

    def _header(self) -> pygame.Surface:
        """The title (below the buttons when they leave it no room) and the whose-eyes note."""
        u, g = self.u, self.game()
        w = self.box.w
        surf = pygame.Surface((w, u(400)))
        surf.fill(PANEL)
        x = u(20)
        title = txt.render(f"Theory lens: {g.row} and {g.col}", u(26), TEXT, True)
        y = u(14) if x + title.get_width() <= w - u(480) else u(54)
        surf.blit(title, (x, y))
        y += u(40)
        note = SEEN_NOTE if self.seat is not None else TRUE_NOTE
        y = txt.blit_lines(
            surf, txt.wrap(note, u(15), w - 2 * x), (x, y), u(15), self.app.palette.warn
        )
        return surf.subsurface((0, 0, w, y + u(8))).copy()

    def _view_h(self) -> int:
        return max(self.u(40), self.glossary_top - self.u(8) - self._head_h)

    def scroll_by(self, dy: int) -> None:
        self.scroll += dy
        self._clamp()

    def _clamp(self) -> None:
        body_h = self._body.get_height() if self._body is not None else 0
        self.scroll = max(0, min(self.scroll, body_h - self._view_h()))

    def _render(self) -> pygame.Surface:
        """The lens's text from the top: the game and its plain reading, the payoff table and
        its notes, then Jervis's world, deterrence both ways and first-strike stability."""
        u = self.u
        g = self.game()
        surf = pygame.Surface((self.box.w, u(1600)))
        surf.fill(PANEL)
        x, y = u(20), 0
        title = GAME_TITLES.get(g.name, g.name)
        y = self._para(surf, f"This turn's game: {title}", GAME_EXPLANATIONS.get(g.name, ""), x, y)
        #: The game read in one plain sentence, for a player (the row is always the player).
        self.sentence = reading(g.A, g.B, g.row, g.col) if self.seat is not None else ""
        if self.sentence:
            y = self._wrap(surf, self.sentence, x, y, ACCENT) + u(4)
        y = self._table(surf, g, x, y)
        y = self._table_notes(surf, g, x, y)
        y += u(6)
        y = self._deterrence(surf, g, x, y)
        return surf.subsurface((0, 0, surf.get_width(), min(y, surf.get_height()))).copy()

    def _table(self, surf: pygame.Surface, g: StageGame, x: int, y: int) -> int:
        """The 2x2 payoff table below ``y``, pure equilibria outlined, Nash and Pareto cells
        marked, best-reply arrows over it; returns the ``y`` below it."""
        u = self.u
        tx, ty = x + u(150), y + u(30)
        cell_w, cell_h = max(u(110), min(u(220), (self.box.w - tx - x) // 2)), u(60)
        for c, m in enumerate(MOVES):
            pic = txt.render(f"{g.col}: {m}", u(15), MUTED, True)
            surf.blit(pic, (tx + c * cell_w + (cell_w - pic.get_width()) // 2, ty - u(24)))
        pure = {
            (int(a.argmax()), int(b.argmax()))
            for a, b in g.equilibria
            if a.max() > 1 - 1e-9 and b.max() > 1 - 1e-9
        }
        for r, m in enumerate(MOVES):
            surf.blit(
                txt.render(f"{g.row}: {m}", u(15), MUTED, True),
                (x, ty + r * cell_h + cell_h // 2 - u(10)),
            )
            for c in range(2):
                rect = pygame.Rect(tx + c * cell_w, ty + r * cell_h, cell_w - u(4), cell_h - u(4))
                pygame.draw.rect(surf, (44, 52, 62), rect)
                if (r, c) in pure:
                    pygame.draw.rect(surf, self.app.palette.good, rect, u(4))
                text = f"{g.A[r, c]:.2f}, {g.B[r, c]:.2f}"
                pic = txt.render(text, u(17), TEXT, True)
                surf.blit(pic, pic.get_rect(center=rect.center))
                marks = (["Nash"] if (r, c) in pure else []) + (
                    ["Pareto"] if g.pareto[r, c] else []
                )
                if marks:
                    tag = txt.render(" + ".join(marks), u(13), MUTED)
                    surf.blit(tag, (rect.x + u(6), rect.y + u(3)))
        self._best_reply_arrows(surf, g, tx, ty, cell_w, cell_h)
        return ty + 2 * cell_h + u(10)

    def _table_notes(self, surf: pygame.Surface, g: StageGame, x: int, y: int) -> int:
        """What the payoffs, the marks and the arrows mean, and any mixed equilibrium."""
        note = (
            "Payoffs: the row's, then the column's: each side's utility toward the other over "
            "the next three turns, arming with half its budget or restraining: its economy and "
            "standing, plus what its edge in strike power is worth, less its fear of the "
            "other's strike and of a spiral. "
            "Nash: neither side gains by changing alone (outlined). Pareto: no other cell is "
            "better for one without being worse for the other."
        )
        y = self._wrap(surf, note, x, y, MUTED)
        y = self._wrap(
            surf,
            f"Arrows: the better move for {g.row} (blue, up and down) against each move of "
            f"{g.col}, and for {g.col} (yellow, across) against each of {g.row}'s; where they "
            "meet, the game settles.",
            x,
            y,
            MUTED,
        )
        for a, b in g.equilibria:
            if not (a.max() > 1 - 1e-9 and b.max() > 1 - 1e-9):
                y = self._wrap(
                    surf,
                    f"Mixed equilibrium: {g.row} arms with chance {a[1]:.0%}, "
                    f"{g.col} with chance {b[1]:.0%}.",
                    x,
                    y,
                    TEXT,
                )
        return y

    def _deterrence(self, surf: pygame.Surface, g: StageGame, x: int, y: int) -> int:
        """Jervis's world, each side's deterrence of the other, first-strike stability."""
        y = self._para(
            surf,
            f"Jervis's world: {JERVIS_WORLD_TITLES.get(g.world, g.world)}",
            JERVIS_WORLD_EXPLANATIONS.get(g.world, ""),
            x,
            y,
        )
        you = self.session.scenario.names[self.seat] if self.seat is not None else None
        for who, other, margin in (
            (g.row, g.col, g.margin_row),
            (g.col, g.row, g.margin_col),
        ):
            y = self._para(
                surf,
                deters(who, other, margin, you),
                "The damage its surviving reach would do after being struck first, "
                "less what the other side finds unacceptable.",
                x,
                y,
            )
        return self._para(
            surf,
            f"First-strike stability {g.stability:.2f}",
            "1: nobody gains by striking first; near 0: use it or lose it, and every "
            "crisis is more dangerous.",
            x,
            y,
        )

    def _wrap(self, surf, text, x, y, colour):
        lines = txt.wrap(text, self.u(15), self.box.w - 2 * x)
        return txt.blit_lines(surf, lines, (x, y), self.u(15), colour)

    def _best_reply_arrows(self, surf, g, tx: int, ty: int, cell_w: int, cell_h: int) -> None:
        """Best-reply arrows, as the intro's first card draws them: in each column, a vertical
        arrow toward the row's better move (ACCENT: the row, you); in each row, a horizontal
        arrow toward the column's better move (the warning colour). Where they all point is
        where the game settles."""
        u = self.u
        (row_h, row_a), (col_h, col_a) = best_replies(g.A, g.B)
        self.arrows: list[tuple[str, int, int]] = []  # (whose, fixed move, better move)
        warn = self.app.palette.warn
        for c, best in enumerate((row_h, row_a)):
            cx = tx + c * cell_w + cell_w - u(22)
            top, bottom = ty + cell_h // 2 + u(8), ty + cell_h + cell_h // 2 - u(8)
            start, end = (top, bottom) if best == 1 else (bottom, top)
            _line_arrow(surf, ACCENT, (cx, start), (cx, end), u(3), u(7))
            self.arrows.append(("row", c, best))
        for r, best in enumerate((col_h, col_a)):
            cy = ty + r * cell_h + cell_h - u(16)
            left, right = tx + cell_w // 2 - u(20), tx + cell_w + cell_w // 2 - u(20)
            start, end = (left, right) if best == 1 else (right, left)
            _line_arrow(surf, warn, (start, cy), (end, cy), u(3), u(7))
            self.arrows.append(("col", r, best))

    def _para(self, surf, head, body, x, y):
        surf.blit(txt.render(head, self.u(17), TEXT, True), (x, y))
        y += self.u(24)
        if body:
            y = self._wrap(surf, body, x, y, MUTED)
        return y + self.u(6)

    def on_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.MOUSEWHEEL:
            self.scroll_by(-event.y * self.u(40))

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        u, box = self.u, self.box
        if self._picture is None or self._picture.get_width() != box.w:
            self._picture = self._header()
            self._head_h = self._picture.get_height()
            self._body = self._render()
            self._clamp()
        assert self._body is not None
        pygame.draw.rect(surface, PANEL, box)
        surface.blit(self._picture, box.topleft)
        view = pygame.Rect(box.x, box.y + self._head_h, box.w, self._view_h())
        surface.blit(self._body, view.topleft, pygame.Rect(0, self.scroll, view.w, view.h))
        more = self.scroll + view.h < self._body.get_height()
        if self.scroll > 0:
            _arrow(surface, (box.right - u(16), view.y + u(8)), u(6), up=True)
        if more:
            _arrow(surface, (box.right - u(16), view.bottom - u(8)), u(6), up=False)
        pygame.draw.rect(surface, ACCENT, box, 2)
        hint = "G, W, D, F or ?: its card in the glossary   Esc: close"
        if len(self.others) > 1:
            hint = "Left/Right: another rival   " + hint
        if more or self.scroll > 0:
            hint = "Up/Down: scroll   " + hint
        lines = txt.wrap(hint, u(14), box.w - u(40))
        surface.blit(txt.render(lines[0], u(14), MUTED), (box.x + u(20), box.bottom - u(24)))


def _line_arrow(surface, colour, start, end, width: int, head: int) -> None:
    """A straight arrow from ``start`` to ``end`` with a filled head."""
    pygame.draw.line(surface, colour, start, end, width)
    (x0, y0), (x1, y1) = start, end
    length = max(((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5, 1e-9)
    dx, dy = (x1 - x0) / length, (y1 - y0) / length
    base = (x1 - dx * head * 1.6, y1 - dy * head * 1.6)
    pygame.draw.polygon(
        surface,
        colour,
        [
            (x1, y1),
            (base[0] - dy * head, base[1] + dx * head),
            (base[0] + dy * head, base[1] - dx * head),
        ],
    )


def _arrow(surface: pygame.Surface, centre: tuple[int, int], r: int, up: bool) -> None:
    cx, cy = centre
    if up:
        points = [(cx - r, cy + r // 2), (cx + r, cy + r // 2), (cx, cy - r)]
    else:
        points = [(cx - r, cy - r // 2), (cx + r, cy - r // 2), (cx, cy + r)]
    pygame.draw.polygon(surface, ACCENT, points)
