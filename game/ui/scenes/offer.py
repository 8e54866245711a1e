"""Offers and proposals addressed to you, as decisions: a treaty that awaits your signature, an
alliance, forces to station on your soil, a joint programme, wider trade. The turn screen asks
about each once in the game, when the turn opens (after any crisis); the answer joins your
orders like any other diplomatic action (Undo takes it back), and "Later" leaves it to the
Diplomacy menu.
"""

from __future__ import annotations

import pygame

from game.engine.actions import Action
from game.glossary import CONCEPTS
from game.ui import navigation
from game.ui.drawing import text as txt
from game.ui.drawing.theme import ACCENT, MUTED, PANEL, TEXT
from game.ui.model.draft import OrderDraft
from game.ui.model.offers import Offer
from game.ui.scenes.scene import Overlay


class OfferScene(Overlay):
    """Accept (or sign), refuse, or decide later; the answer joins the seat's orders."""

    def __init__(self, app, draft: OrderDraft, offer: Offer):
        super().__init__(app)
        self.draft = draft
        self.offer = offer

    def layout(self) -> None:
        u = self.u
        self.box = pygame.Rect(0, 0, min(self.width - u(40), u(720)), min(self.height, u(300)))
        self.box.center = (self.width // 2, self.height // 2)
        n = 3 if self.offer.refuse is not None else 2
        gap = u(10)
        bw = (self.box.w - 2 * u(16) - (n - 1) * gap) // n
        y = self.box.bottom - u(60)
        x = self.box.x + u(16)
        self.button(
            (x, y, bw, u(44)), self.offer.accept_word, self.accept, pygame.K_y, object_id="#primary"
        )
        x += bw + gap
        if self.offer.refuse is not None:
            self.button((x, y, bw, u(44)), "Refuse", self.refuse, pygame.K_n)
            x += bw + gap
        self.button(
            (x, y, bw, u(44)),
            "Later",
            self.app.pop,
            pygame.K_ESCAPE,
            tooltip="Leave it for now: the Diplomacy menu can answer it this turn",
        )
        #: Where the offer's words must end (above the glossary link, when there is one).
        self.text_bottom = self.box.bottom - u(70)
        card = CONCEPTS.get(self.offer.card)
        if card is not None:  # the glossary link, as the theory lens has them
            label = f"? {card.title}"
            w = min(txt.font(self.font_size).size(f"{label}  [G]")[0] + u(24), self.box.w // 2)
            top = y - u(10) - u(36)
            self.button(
                (self.box.x + u(16), top, w, u(36)),
                label,
                self.open_card,
                pygame.K_g,
                tooltip=f"Open the glossary card: {card.title}",
            )
            self.text_bottom = top - u(6)

    def open_card(self) -> None:
        """The glossary, focused on the offer's card; leaving it comes back to the offer."""
        navigation.push(self.app, "glossary", self.offer.card, back_to="the offer")

    def _answer(self, action: Action) -> None:
        reason = self.draft.add_action(action)
        self.app.pop()
        if reason is not None:
            self.app.show_message("Not possible", reason)

    def accept(self) -> None:
        self._answer(self.offer.accept)

    def refuse(self) -> None:
        if self.offer.refuse is not None:
            self._answer(self.offer.refuse)

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        u = self.u
        pygame.draw.rect(surface, PANEL, self.box, border_radius=6)
        pygame.draw.rect(surface, ACCENT, self.box, 2, border_radius=6)
        x, width = self.box.x + u(16), self.box.w - u(32)
        y = self.box.y + u(14)
        y = txt.blit_lines(
            surface, txt.wrap(self.offer.title, u(22), width, True), (x, y), u(22), TEXT, True
        )
        y += u(8)
        bottom = self.text_bottom
        lines = txt.wrap(self.offer.body, u(16), width)
        step = round(u(16) * 1.25)
        lines = lines[: max(1, (bottom - y) // step)]
        y = txt.blit_lines(surface, lines, (x, y), u(16), TEXT)
        hint = "Your answer joins your orders for this turn (Undo takes it back)."
        if y + step <= bottom:
            surface.blit(txt.render(hint, u(14), MUTED), (x, y + u(6)))
