"""Starting and resuming games: which screen a session opens on."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.session import Session
from game.ui.model import storage
from game.ui.model.game_match import Match

if TYPE_CHECKING:
    from game.ui.app import App


def _autosave(app: App):
    def write(session: Session) -> None:
        try:
            storage.autosave(session)
        except OSError as exc:
            app.show_message("Autosave failed", f"The autosave could not be written: {exc}")

    return write


def start(app: App, session: Session, intro: bool = False) -> None:
    """Open ``session``: the end screen if it is over, a cover screen before a hot-seat turn,
    else the turn screen. The autosave is written at once, so "Continue" finds it.

    ``intro`` (a new game of a lesson): the lesson's intro cards come first. Either way, a bet
    due before the coming turn is asked as the turn screen opens (after the intro)."""
    from game.ui.scenes.bet import ask_if_due

    match = Match(session, _autosave(app))
    app.reset(first_scene(app, match))
    if intro and not session.over:
        from game.ui.scenes.intro import IntroScene

        app.push(IntroScene(app, match, on_done=lambda: ask_if_due(app, match)))
    else:
        ask_if_due(app, match)


def first_scene(app: App, match: Match):
    from game.ui.scenes.cover import CoverScene
    from game.ui.scenes.end import EndScene
    from game.ui.scenes.turn import TurnScene

    if match.session.over:
        return EndScene(app, match)
    if match.hot_seat:
        return CoverScene(app, match)
    return TurnScene(app, match)
