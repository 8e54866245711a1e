"""Navigation in one place: every screen by name, the moves between them, and how a game opens.

Scenes never import one another: a scene that leads to another asks this module by name
(``navigation.push(app, "diplomacy", draft, view)``), and the table below says where each screen
lives, imported only when it is first opened. So the scenes form no circle, a new screen is one
line here (and its module), and :data:`TRANSITIONS` lists which screen leads to which (a test
checks that the scenes' own calls and this table agree).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from game.session import Session
from game.ui.model import storage
from game.ui.model.game_match import Match

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.scenes.scene import Scene

#: Every screen: its name and where its class lives ("module:Class").
SCENES: dict[str, str] = {
    "title": "game.ui.scenes.title:TitleScene",
    "setup": "game.ui.scenes.setup:SetupScene",
    "lessons": "game.ui.scenes.lesson_list:LessonsScene",
    "load": "game.ui.scenes.load:LoadScene",
    "settings": "game.ui.scenes.options:SettingsScene",
    "glossary": "game.ui.scenes.glossary_screen:GlossaryScene",
    "intro": "game.ui.scenes.intro:IntroScene",
    "quiz": "game.ui.scenes.quiz:QuizScene",
    "bet": "game.ui.scenes.bet:BetScene",
    "reveal": "game.ui.scenes.bet:RevealScene",
    "turn": "game.ui.scenes.turn:TurnScene",
    "cover": "game.ui.scenes.cover:CoverScene",
    "crisis": "game.ui.scenes.crisis:CrisisScene",
    "offer": "game.ui.scenes.offer:OfferScene",
    "report": "game.ui.scenes.report:TurnReportScene",
    "diplomacy": "game.ui.scenes.diplomacy_menu:DiplomacyScene",
    "lens": "game.ui.scenes.lens:LensScene",
    "pause": "game.ui.scenes.pause:PauseScene",
    "end": "game.ui.scenes.end:EndScene",
    "debrief": "game.ui.scenes.debrief:DebriefScene",
    "export": "game.ui.scenes.export:ExportScene",
    "replay": "game.ui.scenes.replay:ReplayScene",
    "demo": "game.ui.scenes.demo:DemoScene",
}

#: Which screen leads to which: (from, to). ``None`` as the source: this module (a game opening).
TRANSITIONS: frozenset[tuple[str | None, str]] = frozenset(
    {
        (None, "title"),
        (None, "turn"),
        (None, "cover"),
        (None, "end"),
        (None, "intro"),
        (None, "bet"),
        (None, "reveal"),
        ("title", "setup"),
        ("title", "lessons"),
        ("title", "load"),
        ("title", "settings"),
        ("title", "glossary"),
        ("lessons", "setup"),
        ("load", "replay"),
        ("intro", "quiz"),
        ("turn", "report"),
        ("turn", "crisis"),
        ("turn", "offer"),
        ("turn", "diplomacy"),
        ("turn", "lens"),
        ("turn", "pause"),
        ("turn", "cover"),
        ("turn", "end"),
        ("cover", "turn"),
        ("cover", "pause"),
        ("lens", "glossary"),
        ("pause", "intro"),
        ("pause", "settings"),
        ("end", "debrief"),
        ("end", "replay"),
        ("end", "setup"),
        ("end", "title"),
        ("end", "export"),
        ("debrief", "glossary"),
        ("debrief", "quiz"),
        ("debrief", "replay"),
        ("debrief", "export"),
        ("replay", "glossary"),
        ("replay", "debrief"),
        ("offer", "glossary"),
    }
)


def scene_class(name: str) -> type[Scene]:
    """The class of the screen called ``name`` (its module imported on first use)."""
    module, _, cls = SCENES[name].partition(":")
    return getattr(importlib.import_module(module), cls)


def make(app: App, name: str, *args: Any, **kwargs: Any) -> Scene:
    """A new ``name`` screen (not yet shown)."""
    return scene_class(name)(app, *args, **kwargs)


def push(app: App, name: str, *args: Any, **kwargs: Any) -> Scene:
    """Open the ``name`` screen over the current one (which it returns to)."""
    scene = make(app, name, *args, **kwargs)
    app.push(scene)
    return scene


def replace(app: App, name: str, *args: Any, **kwargs: Any) -> Scene:
    """Open the ``name`` screen in place of the current one."""
    scene = make(app, name, *args, **kwargs)
    app.replace(scene)
    return scene


def reset(app: App, name: str, *args: Any, **kwargs: Any) -> Scene:
    """Clear the stack and open the ``name`` screen (the title, a new game...)."""
    scene = make(app, name, *args, **kwargs)
    app.reset(scene)
    return scene


def is_scene(scene: object, name: str) -> bool:
    """Whether ``scene`` is a ``name`` screen (without importing it when none is open)."""
    module, _, cls = SCENES[name].partition(":")
    return type(scene).__module__ == module and type(scene).__name__ == cls


def back_or_push(app: App, name: str, match: Match, make_it: Callable[[], Scene]) -> None:
    """Go back to the screen beneath when it is a ``name`` screen of the same game, else open
    ``make_it()`` (the debrief and the replay viewer lead to each other without piling up)."""
    below = app.stack[-2] if len(app.stack) >= 2 else None
    if is_scene(below, name) and getattr(below, "match", None) is match:
        app.pop()
    else:
        app.push(make_it())


def export_report(app: App, match: Match) -> Scene | None:
    """Write the classroom report of ``match``'s game (the end screen's and the debrief's E):
    the export screen says it is under way, then a dialog names the files."""
    module = importlib.import_module("game.ui.scenes.export")
    return module.export_report(app, match)


# Bets: asked before their turn, revealed after it --------------------------------------------


def ask_bet_if_due(app: App, match: Match) -> bool:
    """Ask the lesson's bet if it is due before the coming turn (True if asked)."""
    from game.ui.model.bet_timing import ask_due

    if not ask_due(match.session):
        return False
    push(app, "bet", match)
    return True


def reveal_bet_if_due(app: App, match: Match) -> bool:
    """Reveal the bet if its turn has been played (True if revealed)."""
    from game.ui.model.bet_timing import reveal_due

    if not reveal_due(match.session):
        return False
    push(app, "reveal", match)
    return True


# Opening a game ------------------------------------------------------------------------------


def _autosave(app: App) -> Callable[[Session], None]:
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
    match = Match(session, _autosave(app))
    app.reset(first_scene(app, match))
    if intro and not session.over:
        push(app, "intro", match, on_done=lambda: ask_bet_if_due(app, match))
    else:
        ask_bet_if_due(app, match)


def first_scene(app: App, match: Match) -> Scene:
    """The screen a game opens on: its end, a hot-seat cover, or the turn."""
    if match.session.over:
        return make(app, "end", match)
    if match.hot_seat:
        return make(app, "cover", match)
    return make(app, "turn", match)
