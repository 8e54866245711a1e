"""The debrief's Questions tab: the scenario's discussion questions, large enough to project,
and the class's concept quiz scores before and after the game."""

from __future__ import annotations

from game.session import Session
from game.ui.drawing import text as txt
from game.ui.drawing.theme import MUTED, TEXT
from game.ui.scenes.debrief_pages import Page


def questions_page(session: Session, width: int, scale: float, quiz_label: str | None) -> Page:
    """The Questions page of ``session``'s scenario; ``quiz_label`` names the quiz button when
    the quiz can be taken again (None: it cannot)."""
    sc = session.scenario
    p = Page(width, scale)
    p.text("To discuss", 26, TEXT, True)
    p.gap(10)
    indent = txt.font(p.u(22)).size(f"{len(sc.questions)}.  ")[0]
    for k, q in enumerate(sc.questions, 1):
        p.text(f"{k}.", 22, TEXT, advance=False)
        p.text(q, 22, TEXT, x=indent)
        p.gap(14)
    if sc.quiz:
        ans = session.answers
        before = ans.quiz_score(sc, after=False)
        after = ans.quiz_score(sc, after=True)
        n = len(sc.quiz)
        words = [
            f"before the game {before} of {n} right"
            if before is not None
            else "not taken before the game",
            f"after it {after} of {n}" if after is not None else "not yet taken after it",
        ]
        p.gap(6)
        p.text(f"The concept quiz: {words[0]}; {words[1]}.", 17, MUTED)
        if quiz_label is not None:
            p.text(f"{quiz_label}: Q, or the button below.", 15, MUTED)
    return p
