"""The theory lens: the 2x2 stage game behind this turn, for a rival of your choice.

Its name, the equilibria and the Pareto cells marked on the table, Jervis's world, the deterrence
margins both ways and first-strike stability, each with one line saying what it means.
"""

from __future__ import annotations

import pygame

from game.engine.payoffs import MOVES, StageGame, stage_game
from game.session import Session
from game.theory import (
    GAME_EXPLANATIONS,
    GAME_TITLES,
    JERVIS_WORLD_EXPLANATIONS,
    JERVIS_WORLD_TITLES,
)
from game.ui import text as txt
from game.ui.scenes.base import Overlay
from game.ui.theme import ACCENT, MUTED, PANEL, TEXT


class LensScene(Overlay):
    """Left/Right chooses the rival; Esc or L closes."""

    def __init__(self, app, session: Session, seat: int | None):
        super().__init__(app)
        self.session = session
        self.me = 0 if seat is None else seat
        world = session.world
        # Rivals first (the lens is about them); allies after, since a host's game matters too.
        others = [j for j in range(world.n) if j != self.me]
        self.others = sorted(others, key=lambda j: bool(world.alliance[0, self.me, j] > 0.5))
        self.pick = 0
        self._games: dict[int, StageGame] = {}
        self._picture: pygame.Surface | None = None

    def game(self) -> StageGame:
        j = self.others[self.pick]
        if j not in self._games:
            self._games[j] = stage_game(self.session.world, self.me, j)
        return self._games[j]

    def layout(self) -> None:
        u = self.u
        self.box = pygame.Rect(u(30), u(30), self.width - u(60), self.height - u(60))
        self.button(
            (self.box.right - u(160), self.box.y + u(10), u(150), u(34)),
            "Close",
            self.app.pop,
            pygame.K_ESCAPE,
        )
        self.shortcut(pygame.K_l, self.app.pop)
        self.button(
            (self.box.right - u(470), self.box.y + u(10), u(150), u(34)),
            "Rival",
            lambda: self.step(-1),
            pygame.K_LEFT,
        )
        self.button(
            (self.box.right - u(315), self.box.y + u(10), u(150), u(34)),
            "Rival",
            lambda: self.step(1),
            pygame.K_RIGHT,
        )
        self._picture = None

    def step(self, k: int) -> None:
        self.pick = (self.pick + k) % len(self.others)
        self._picture = None

    def _render(self) -> pygame.Surface:
        u = self.u
        g = self.game()
        surf = pygame.Surface(self.box.size)
        surf.fill(PANEL)
        pygame.draw.rect(surf, ACCENT, surf.get_rect(), 2)
        x, y = u(20), u(14)
        surf.blit(txt.render(f"Theory lens: {g.row} and {g.col}", u(26), TEXT, True), (x, y))
        y += u(48)
        title = GAME_TITLES.get(g.name, g.name)
        y = self._para(surf, f"This turn's game: {title}", GAME_EXPLANATIONS.get(g.name, ""), x, y)
        # The table.
        cell_w, cell_h = u(220), u(60)
        tx, ty = x + u(150), y + u(30)
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
        y = ty + 2 * cell_h + u(10)
        note = (
            "Payoffs: the row's, then the column's (utility over the next few turns). "
            "Nash: neither side gains by changing alone (outlined). Pareto: no other cell is "
            "better for one without being worse for the other."
        )
        y = self._wrap(surf, note, x, y, MUTED)
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
        y += u(6)
        y = self._para(
            surf,
            f"Jervis's world: {JERVIS_WORLD_TITLES.get(g.world, g.world)}",
            JERVIS_WORLD_EXPLANATIONS.get(g.world, ""),
            x,
            y,
        )
        for who, other, m in ((g.row, g.col, g.margin_row), (g.col, g.row, g.margin_col)):
            verdict = "deters" if m >= 0 else "does not deter"
            y = self._para(
                surf,
                f"{who}'s second strike {verdict} {other} (margin {m:+.1f})",
                "The damage its surviving reach would do after being struck first, "
                "less what the other side finds unacceptable.",
                x,
                y,
            )
        self._para(
            surf,
            f"First-strike stability {g.stability:.2f}",
            "1: nobody gains by striking first; near 0: use it or lose it, and every "
            "crisis is more dangerous.",
            x,
            y,
        )
        hint = txt.render("Left/Right: another rival   Esc: close", u(14), MUTED)
        surf.blit(hint, (x, self.box.h - u(26)))
        return surf

    def _wrap(self, surf, text, x, y, colour):
        lines = txt.wrap(text, self.u(15), self.box.w - 2 * x)
        return txt.blit_lines(surf, lines, (x, y), self.u(15), colour)

    def _para(self, surf, head, body, x, y):
        surf.blit(txt.render(head, self.u(17), TEXT, True), (x, y))
        y += self.u(24)
        if body:
            y = self._wrap(surf, body, x, y, MUTED)
        return y + self.u(6)

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        if self._picture is None or self._picture.get_size() != self.box.size:
            self._picture = self._render()
        surface.blit(self._picture, self.box)
