"""The debrief's Story tab: the outcome, the class's bet against what happened, and the turning
points in turn order, each with its tag, a plain sentence, a sentence of theory and a link to
its glossary card."""

from __future__ import annotations

import pygame

from game.analysis import Analysis, bet_report
from game.analysis.bets import solo_game
from game.analysis.words import outcome_sentence, tag_words
from game.session import Session
from game.ui.drawing import text as txt
from game.ui.drawing.theme import ACCENT, MUTED, TEXT, Palette
from game.ui.scenes.debrief_pages import Page, concept_title, tag_colour


def reasons_at(session: Session, turn: int, actors: tuple[str, ...]) -> list[str]:
    """What the AI states among ``actors`` (all of them, if none is named) said of their moves
    on ``turn`` (1-based), for the story: the game is over, so nothing is hidden any more. Each
    reason is labelled by the move it explains: "Why: ..." for how a state spent, "Diplomacy:
    ..." for its diplomatic moves (which never explain an arms build)."""
    for record in session.history:
        if record.turn + 1 == turn:
            out = []
            for name in record.reasons:
                if actors and name not in actors:
                    continue
                diplomacy, spending = record.told(name)
                out += [f"Why: {spending}"] if spending else []
                out += [f"Diplomacy: {diplomacy}"] if diplomacy else []
            return out
    return []


def story_page(a: Analysis, session: Session, palette: Palette, width: int, scale: float) -> Page:
    """The Story page of ``a``, the analysis of ``session``'s game, ``width`` pixels wide."""
    sc, pal = session.scenario, palette
    p = Page(width, scale)
    u = p.u
    p.text(outcome_sentence(a), 20, pal.bad if a.war else TEXT, bold=True)
    p.gap(12)
    if sc.bet is not None:
        r = bet_report(a, sc.bet, session.answers.bet, solo_game(session))
        mark, top = len(p.ops), p.y
        p.gap(10)
        x, w = u(14), width - u(28)
        p.text("The bet", 17, ACCENT, True, x=x, width=w)
        p.text(r.question, 16, TEXT, x=x, width=w)
        p.text(r.placed_sentence, 16, TEXT, x=x, width=w)
        if r.revealed:
            p.text(r.happened_sentence, 16, TEXT, True, x=x, width=w)
            if r.early_sentence:
                p.text(r.early_sentence, 15, MUTED, x=x, width=w)
        else:
            p.text(r.reason, 16, MUTED, True, x=x, width=w)
        if r.verdict_sentence:
            colour = pal.good if r.called_it else pal.warn
            p.text(r.verdict_sentence, 16, colour, True, x=x, width=w)
        p.text(f"{r.expected_sentence} {r.explanation}", 15, MUTED, x=x, width=w)
        if r.theory_sentence:
            p.text(r.theory_sentence, 15, MUTED, x=x, width=w)
        p.gap(10)
        p.box(pygame.Rect(0, top, width, p.y - top), at=mark)
        p.gap(16)
    p.text("Turning points", 20, TEXT, True)
    p.gap(4)
    points = sorted(a.turning_points, key=lambda tp: tp.turn)
    if not points:
        p.text(
            "No turning point stood out in this game: no spiral, crisis, broken treaty, "
            "pressure on a host, forces sent home or sudden fear of surprise attack. The charts "
            "show how it moved.",
            16,
            MUTED,
        )
    for tp in points:
        p.gap(12)
        top = p.y
        head = f"Turn {tp.turn}"
        p.text(head, 16, TEXT, True, advance=False)
        tx = txt.font(u(16), True).size(head)[0] + u(12)
        tag = p.tag(tag_words(tp.tag), tag_colour(tp.tag, pal), tx, top)
        who = " and ".join(tp.actors)
        if who:
            p.text(who, 15, MUTED, x=tag.right + u(10), y=top + u(1), advance=False)
        p.y = max(p.y, tag.bottom + u(4))
        p.text(tp.text, 16, TEXT, x=u(16))
        for why in reasons_at(session, tp.turn, tp.actors):
            p.text(why, 15, TEXT, x=u(16))
        p.text(tp.theory, 15, MUTED, x=u(16))
        p.gap(6)
        p.link(f"Concept: {concept_title(tp.concept)}", tp.concept, u(16))
    p.gap(12)
    return p
