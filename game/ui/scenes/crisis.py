"""A crisis prompt: back down, stand firm or escalate, with the odds of war shown first."""

from __future__ import annotations

from functools import partial

import pygame

from game.engine.actions import Action
from game.engine.diplomacy import escalation_odds
from game.engine.perception import seen_world
from game.ui.drawing import text as txt
from game.ui.drawing.theme import PANEL, TEXT
from game.ui.model.draft import OrderDraft
from game.ui.model.plain_words import STANDING_MEANS
from game.ui.scenes.scene import Overlay

CHOICES = (
    ("back_down", "Back down", pygame.K_b),
    ("stand_firm", "Stand firm", pygame.K_f),
    ("escalate", "Escalate", pygame.K_e),
)


class CrisisScene(Overlay):
    """The seat answers its crisis with ``other``; the answer joins its orders (undo works).

    The odds shown are those of the world as the seat sees it (its rival's stocks as last seen,
    never the truth): ``odds`` if both escalate, ``odds_one`` if only one side does.
    """

    def __init__(self, app, draft: OrderDraft, other: int):
        super().__init__(app)
        self.draft = draft
        self.other = other
        i = draft.seat
        w = seen_world(draft.session.world, i)
        full = float(escalation_odds(w)[0, i, other])
        share = float(w.param("accident_share")[0])
        self.odds, self.odds_one = full, full * share
        self.names = draft.session.scenario.names
        self.lines = [
            f"Crisis with {self.names[other]}",
            f"Tension between you is {float(w.tension[0, i, other]):.2f}. Each side chooses at "
            "the same time.",
            f"Back down: no war; you lose {float(w.param('backdown_standing')[0]):.2f} standing "
            f"({STANDING_MEANS}; more if you had publicly committed).",
            "Stand firm: no war unless the other side escalates; if both stand firm, tension "
            "rises.",
            f"Escalate: if {self.names[other]} escalates too, the odds of war are {full:.0%}; if "
            f"it only stands firm, {full * share:.0%}.",
        ]

    def layout(self) -> None:
        u = self.u
        self.box = pygame.Rect(0, 0, min(self.width - u(40), u(760)), u(330))
        self.box.center = (self.width // 2, self.height // 2)
        bw = (self.box.w - u(40)) // 3
        for k, (action, label, key) in enumerate(CHOICES):
            self.button(
                (self.box.x + u(10) + k * (bw + u(10)), self.box.bottom - u(60), bw, u(44)),
                label,
                partial(self.answer, action),
                key,
            )

    def answer(self, action: str) -> None:
        me = self.names[self.draft.seat]
        reason = self.draft.add_action(Action(action, me, self.names[self.other]))
        if reason is not None:
            self.app.show_message("Cannot answer", reason)
        self.app.pop()

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        u = self.u
        pygame.draw.rect(surface, PANEL, self.box, border_radius=6)
        pygame.draw.rect(surface, self.app.palette.bad, self.box, 2, border_radius=6)
        y = self.box.y + u(14)
        surface.blit(txt.render(self.lines[0], u(26), TEXT, True), (self.box.x + u(16), y))
        y += u(44)
        for line in self.lines[1:]:
            for part in txt.wrap(line, u(16), self.box.w - u(32)):
                surface.blit(txt.render(part, u(16), TEXT), (self.box.x + u(16), y))
                y += u(21)
            y += u(4)
