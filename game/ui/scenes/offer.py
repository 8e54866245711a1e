"""Offers and proposals addressed to you, as decisions: a treaty that awaits your signature, an
alliance, forces to station on your soil, a joint programme, wider trade. The turn screen asks
about each once in the game, when the turn opens (after any crisis); the answer joins your
orders like any other diplomatic action (Undo takes it back), and "Later" leaves it to the
Diplomacy menu.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.engine.actions import ACTION_GROUPS, Action
from game.ui.drawing import text as txt
from game.ui.drawing.theme import ACCENT, MUTED, PANEL, TEXT
from game.ui.model.draft import OrderDraft
from game.ui.model.plain_words import treaty_label
from game.ui.model.views import TurnView
from game.ui.scenes.scene import Overlay


@dataclass(frozen=True)
class Offer:
    """One decision: what is offered, by whom, and the actions that accept or refuse it
    (``refuse`` None: refusing is not answering, and the offer lapses)."""

    title: str
    body: str
    accept: Action
    accept_word: str
    refuse: Action | None = None


def offers_for(draft: OrderDraft, view: TurnView) -> list[Offer]:
    """What is addressed to ``draft``'s seat now that the lesson lets it answer (the action's
    group is open and the engine would take the answer)."""
    session = draft.session
    w = session.world
    names = session.scenario.names
    i = draft.seat
    me = names[i]
    groups = set(session.scenario.params.diplomacy) | {"crisis"}
    out: list[Offer] = []

    def add(offer: Offer) -> None:
        if ACTION_GROUPS[offer.accept.action] in groups and draft.why_not(offer.accept) is None:
            out.append(offer)

    for k, t in enumerate(view.treaties):
        if t.status == "proposed" and me in t.parties and me not in t.signed:
            others = [p for p in t.parties if p != me]
            add(
                Offer(
                    title=f"A treaty with {' and '.join(others)} awaits your signature"
                    if others
                    else "A treaty awaits your signature",
                    body=f"{treaty_label(k + 1, t, me)}. It enters into force when every party "
                    "has signed; a proposal left unsigned expires.",
                    accept=Action("sign_treaty", me, treaty=t.slot),
                    accept_word="Sign",
                )
            )
    for j, name in enumerate(names):
        if j == i:
            continue
        if w.ally_offer[0, j, i] > 0.5 and w.alliance[0, i, j] < 0.5:
            add(
                Offer(
                    title=f"{name} offers you an alliance",
                    body=f"Accept, and {name} and you count on each other: your rivals may see "
                    "it as a threat. Say nothing, and the offer lapses.",
                    accept=Action("ally", me, name),
                    accept_word="Accept",
                )
            )
        reach, shield = float(w.offer_reach[0, j, i]), float(w.offer_shield[0, j, i])
        if reach + shield > 0:
            what = " and ".join(
                f"{v:.1f} {k}" for k, v in (("reach", reach), ("shield", shield)) if v > 0
            )
            add(
                Offer(
                    title=f"{name} offers to station forces on your soil",
                    body=f"{name} would station {what} with you. It protects you, and makes you "
                    f"a target for {name}'s rivals.",
                    accept=Action("accept_deployment", me, name),
                    accept_word="Accept",
                    refuse=Action("refuse_deployment", me, name),
                )
            )
        if w.programme_offer[0, j, i] > 0.5 and w.programme[0, i, j] < 0.5:
            add(
                Offer(
                    title=f"{name} offers a joint shield programme",
                    body="You would pool your shield money and build with the better technology "
                    "of the two, sharing what it buys; the know-how flows to the partner with "
                    "less.",
                    accept=Action("offer_programme", me, name),
                    accept_word="Accept",
                )
            )
        if w.trade_offer[0, j, i] > 0.5:
            add(
                Offer(
                    title=f"{name} offers wider trade",
                    body="When both sides offer, trade ties grow: both economies gain, and war "
                    "would cost more.",
                    accept=Action("offer_trade", me, name),
                    accept_word="Accept",
                )
            )
    return out


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
        bottom = self.box.bottom - u(70)
        lines = txt.wrap(self.offer.body, u(16), width)
        step = round(u(16) * 1.25)
        lines = lines[: max(1, (bottom - y) // step)]
        y = txt.blit_lines(surface, lines, (x, y), u(16), TEXT)
        hint = "Your answer joins your orders for this turn (Undo takes it back)."
        if y + step <= bottom:
            surface.blit(txt.render(hint, u(14), MUTED), (x, y + u(6)))
