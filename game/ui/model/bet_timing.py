"""When the lesson's bet is asked and revealed (no window: the navigation opens its screens)."""

from __future__ import annotations

from game.analysis.bets import reveal_turn as planned_reveal
from game.scenarios import Bet
from game.session import Session


def reveal_turn(session: Session, bet: Bet) -> int:
    """The turn after which the bet is revealed (``reveal_after``, 0 meaning the last turn)."""
    return planned_reveal(bet, session.scenario.params.turns)


def ask_due(session: Session) -> bool:
    """The bet is to be asked now: the coming turn is ``ask_before`` and none is placed yet."""
    bet = session.scenario.bet
    return (
        bet is not None
        and session.answers.bet is None
        and not session.over
        and session.turn + 1 == bet.ask_before
    )


def reveal_due(session: Session) -> bool:
    """The turn just resolved is the reveal's (or the game ended before it, after the bet)."""
    bet = session.scenario.bet
    if bet is None or session.turn < bet.ask_before:
        return False
    last = reveal_turn(session, bet)
    return session.turn == last or (session.over and session.turn < last)
