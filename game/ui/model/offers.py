"""Offers and proposals addressed to a seat, as decisions it can take: a treaty awaiting its
signature, an alliance, forces offered for its soil, a joint programme, wider trade (each only
where the lesson opens its group and the engine would take the answer)."""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.actions import ACTION_GROUPS, Action
from game.ui.model.draft import OrderDraft
from game.ui.model.plain_words import treaty_label, treaty_terms
from game.ui.model.views import TurnView


@dataclass(frozen=True)
class Offer:
    """One decision: what is offered, by whom, and the actions that accept or refuse it
    (``refuse`` None: refusing is not answering, and the offer lapses)."""

    title: str
    body: str
    accept: Action
    accept_word: str
    refuse: Action | None = None
    #: The glossary card that explains what is offered ("": none), opened from the offer.
    card: str = ""


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
                    body=f"{treaty_label(k + 1, t, me)}. "
                    + (f"If it comes into force, {treaty_terms(t)}. " if treaty_terms(t) else "")
                    + "It enters into force when every party has signed; a proposal left "
                    "unsigned expires.",
                    accept=Action("sign_treaty", me, treaty=t.slot),
                    accept_word="Sign",
                    card="arms_control",
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
                    card="extended_deterrence",
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
