"""The window and the exported report say the same thing about the same game: the bet (before
and after its reveal), how the game ended, where the players landed and the stage games, each
sentence written once (game.analysis.words, game.analysis.bet_report)."""

from __future__ import annotations

import html

import pygame
import pytest

from game.analysis import analyse, bet_report
from game.analysis.words import (
    game_title,
    landing_sentences,
    outcome_sentence,
    stage_games_line,
)
from game.report.html import render
from game.scenarios import load
from game.session import Session
from game.ui.model import storage
from game.ui.model.analysis_cache import CACHE_ATTR
from game.ui.model.game_match import Match
from game.ui.scenes.bet import RevealScene
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.end import EndScene
from game.ui.scenes.load import LoadScene
from tests.report.helpers import tiny_charts, war_session

from .drive import frames, key, scene_name


def ai_shield(turns: int) -> Session:
    sc = load("the_shield")
    s = Session.new(sc, 3, ["ai:baseline"] * len(sc.states))
    while s.turn < turns and not s.over:
        s.play_turn()
    return s


def debrief_of(app, session: Session, analysis=None) -> DebriefScene:
    m = Match(session)
    if analysis is not None:
        setattr(m, CACHE_ATTR, ((len(session.history), session.world.digest()), analysis, 0.0))
    app.reset(DebriefScene(app, m))
    frames(app, 2)
    return app.top


def bet_section(page: str) -> str:
    start = page.index('<section id="bet">')
    return page[start : page.index("</section>", start)]


def page_texts(d: DebriefScene, tab: str) -> list[str]:
    return d.page_of(tab).texts


def test_before_the_reveal_the_debrief_and_the_report_say_not_known_yet(app):
    """B1: a save made at turn 1 of The Shield (or before, should its bet be revealed after
    turn 1), opened by Load, Replay, then D."""
    bet = load("the_shield").bet
    assert bet is not None and bet.reveal_after >= 1
    session = ai_shield(min(1, bet.reveal_after - 1))
    session.answers.bet = 1
    storage.save_new(session)
    app.push(LoadScene(app))
    frames(app, 2)
    key(app, pygame.K_r)
    assert scene_name(app) == "ReplayScene"
    key(app, pygame.K_d)
    assert scene_name(app) == "DebriefScene"
    d = app.top
    assert d.session.turn == session.turn and not d.session.over
    r = bet_report(d.analysis, bet, 1)
    assert not r.revealed and r.outcome is None
    assert r.reason == f"Not known yet: the reveal comes after turn {bet.reveal_after}."
    texts = page_texts(d, "story")
    assert r.reason in texts and r.placed_sentence in texts
    assert not any(t.startswith("What happened") or "call it" in t for t in texts)
    assert not any("the game ended" in t.lower() for t in texts)  # the invented ending
    assert outcome_sentence(d.analysis) in texts
    assert outcome_sentence(d.analysis).startswith(f"Game in progress: {session.turn} of")
    page = bet_section(render(d.session, d.analysis, tiny_charts()))
    assert html.escape(r.reason) in page and html.escape(r.placed_sentence) in page
    assert "What happened" not in page and "call it" not in page


def test_after_the_reveal_the_reveal_the_debrief_and_the_report_agree(app):
    bet = load("the_shield").bet
    assert bet is not None
    session = ai_shield(bet.reveal_after)
    session.answers.bet = 2
    app.reset(EndScene(app, Match(session)))
    app.push(RevealScene(app, Match(session)))
    frames(app, 2)
    reveal = app.top
    r = reveal.report
    assert r.revealed and r == bet_report(session, bet, 2)
    shown = [t for t, _, _ in reveal.paragraphs()]
    said = [r.placed_sentence, r.happened_sentence, r.verdict_sentence, r.theory_sentence]
    assert all(any(s in t for t in shown) for s in said)
    a = analyse(session, counterfactuals=False)
    assert bet_report(a, bet, 2) == r
    texts = page_texts(debrief_of(app, session, a), "story")
    assert all(s in texts for s in said)
    page = bet_section(render(session, a, tiny_charts()))
    assert all(html.escape(s) in page for s in said)
    assert f"{r.before:.1f}" in r.happened_sentence and f"{r.after:.1f}" in r.happened_sentence


@pytest.fixture(scope="module")
def games():
    """One game with a war and one without, each analysed with its counterfactual replays."""
    out = []
    for s in (war_session(), ai_shield(99)):
        out.append((s, analyse(s)))
    return out


@pytest.mark.parametrize("which", [0, 1], ids=["war", "peace"])
def test_the_debrief_and_the_report_tell_a_game_the_same_way(app, games, which):
    session, a = games[which]
    assert a.war == (which == 0) and session.over
    page = render(session, a, tiny_charts())
    d = debrief_of(app, session, a)
    # How the game ended: the debrief's first line, the report's header and the end screen.
    ending = outcome_sentence(a)
    assert ending.startswith("War broke out between" if a.war else "Peace held")
    assert page_texts(d, "story")[0] == ending
    assert f'<p class="outcome {"war" if a.war else "peace"}">{html.escape(ending)}</p>' in page
    end = EndScene(app, Match(session))
    assert end.outcome()[0] == ending
    # Where the players landed.
    landing = landing_sentences(a)
    assert len(landing) == len(a.names) + 1
    whatif = page_texts(d, "whatif")
    for line in landing:
        assert line in whatif
        assert f"<li>{html.escape(line)}</li>" in page
    # The stage games, by the same titles.
    theory = page_texts(d, "theory")
    for pair in sorted(a.stage_names):
        assert stage_games_line(a, pair) in theory
        for name in set(a.stage_names[pair]):
            assert html.escape(game_title(name)) in page
