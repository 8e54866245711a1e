"""A game in the window: whose turn it is to give orders, hidden hot-seat drafts, resolution.

Orders resolve only when every human seat has submitted; then the AI seats move, the turn is
played, and the autosave is written (so a crash loses at most the turn in progress).
"""

from __future__ import annotations

from collections.abc import Callable

from game.engine.actions import Action
from game.engine.events import Events
from game.engine.orders import StateOrder
from game.session import Session
from game.ui.model.draft import OrderDraft


class Match:
    """The session plus the turn's submissions."""

    def __init__(self, session: Session, autosave: Callable[[Session], object] | None = None):
        self.session = session
        self.autosave = autosave
        self.submitted: dict[int, tuple[StateOrder, tuple[Action, ...]]] = {}
        self.last_events: Events | None = session.history[-1].events if session.history else None
        self.pending: list[int] = []
        #: Offers already put to a seat as a decision (each is asked once, not every turn).
        self.asked_offers: set[tuple[int, str]] = set()
        #: (turn, seat) pairs whose turn report has been shown: a game opened or loaded tells
        #: no report of a turn played before it was opened.
        self.reported: set[tuple[int, int]] = {(session.turn, s) for s in session.human_seats}
        self.begin_turn()
        self._save()

    @property
    def hot_seat(self) -> bool:
        return len(self.session.human_seats) > 1

    @property
    def current(self) -> int | None:
        """The seat whose orders are being given (None in an AI-only game)."""
        return self.pending[0] if self.pending else None

    def begin_turn(self) -> None:
        self.submitted = {}
        self.pending = list(self.session.human_seats)

    def draft(self) -> OrderDraft | None:
        seat = self.current
        return None if seat is None else OrderDraft(self.session, seat)

    def submit(self, draft: OrderDraft) -> Events | None:
        """Hand in a seat's orders; returns the turn's events when this was the last seat.

        Raises :class:`game.engine.orders.IllegalOrder` (nothing changes) when the whole turn is
        illegal.
        """
        if draft.seat != self.current:
            raise ValueError(f"it is not {draft.name}'s turn to give orders")
        self.submitted[draft.seat] = (draft.state_order(), draft.plan.actions)
        self.pending.pop(0)
        if self.pending:
            return None
        return self.resolve()

    def resolve(self) -> Events:
        human = {seat: order for seat, (order, _) in self.submitted.items()}
        actions = [a for _, acts in self.submitted.values() for a in acts]
        try:
            events = self.session.play_turn(human, actions)
        except Exception:
            self.begin_turn()
            raise
        self.last_events = events
        self.begin_turn()
        self._save()
        return events

    def _save(self) -> None:
        if self.autosave is not None:
            self.autosave(self.session)
