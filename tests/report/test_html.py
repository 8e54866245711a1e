"""The page's text: escaping, the bet, the quiz, the counterfactuals (charts faked, so fast)."""

from __future__ import annotations

import dataclasses
import html

from game import scenarios
from game.analysis import analyse, bet_report
from game.report.html import render, short_definition, timeline_rows
from game.session import Session
from tests.report.helpers import spiral_with_answers, tiny_charts

EVIL = '<script>alert("x")</script>'


def _evil_session() -> Session:
    """The Accord with a script tag in every text a teacher can edit, and in a state's name."""
    sc = scenarios.load("the_accord")
    states = list(sc.states)
    states[1] = dataclasses.replace(states[1], name=f"Veyra{EVIL}")  # the bet names only Ostrel
    texts = list(sc.texts)
    texts[1] = dataclasses.replace(texts[1], name=states[1].name, role=EVIL)
    looks = list(sc.looks)
    looks[1] = dataclasses.replace(looks[1], name=states[1].name)
    quiz = tuple(
        dataclasses.replace(
            q, question=EVIL + q.question, choices=(EVIL,) + q.choices[1:], why=EVIL
        )
        for q in sc.quiz
    )
    sc = dataclasses.replace(
        sc,
        title=EVIL,
        idea=EVIL,
        objectives=(EVIL,),
        questions=(EVIL, EVIL, EVIL),
        states=tuple(states),
        texts=tuple(texts),
        looks=tuple(looks),
        bet=dataclasses.replace(sc.bet, question=EVIL, explanation=EVIL, choices=(EVIL,) * 3),
        quiz=quiz,
    )
    s = Session.new(sc, 2, ["ai:baseline"] * len(sc.states))
    for _ in range(4):
        s.play_turn()
    s.answers = dataclasses.replace(s.answers, bet=0, quiz_before=(0,) * len(quiz))
    return s


def test_every_edited_text_is_escaped():
    s = _evil_session()
    page = render(s, analyse(s, counterfactuals=False), tiny_charts())
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert page.count("&lt;script&gt;") >= 10
    assert "Veyra&lt;script&gt;" in page


def test_bet_and_quiz_with_the_class_answers():
    s = spiral_with_answers()
    a = analyse(s, counterfactuals=False)
    page = render(s, a, tiny_charts())
    bet = s.scenario.bet
    assert bet.reveal_after == 0  # "the last turn": read after the last turn played
    r = bet_report(a, bet, 0)
    assert f"<p>The class bet: {bet.choices[0]}." in page
    assert f"<p>The lesson&#x27;s theory expects: {bet.choices[bet.answer]}." in page
    assert r.revealed and r.after_turn == a.series.turns  # read after the last turn played
    assert f"after turn {a.series.turns}." in r.happened_sentence
    assert html.escape(r.happened_sentence) in page
    n = len(s.scenario.quiz)
    assert f"<b>Score before the game:</b> 0 of {n} right." in page
    assert f"<b>After:</b> {n} of {n} right." in page
    assert "no answer" in page
    assert page.count("(right answer)") == n
    assert "were not computed" in page


def test_no_bet_no_quiz_and_bet_not_placed():
    s = spiral_with_answers()
    s.answers = dataclasses.replace(s.answers, bet=None, quiz_before=(), quiz_after=())
    page = render(s, analyse(s, counterfactuals=False), tiny_charts())
    assert "<p>No bet was placed.</p>" in page
    assert "not taken" in page
    plain = dataclasses.replace(s.scenario, bet=None, quiz=())
    s2 = Session(plain, s.seed, s.seats)
    s2.play_turn()
    page = render(s2, analyse(s2, counterfactuals=False), tiny_charts())
    assert "This scenario has no bet." in page and "This scenario has no quiz." in page
    assert "Game in progress: 1 of" in page


def test_counterfactual_landing_table(shield3):
    a = shield3.analysis
    page = shield3.html
    assert "Everyone restrains and signs" in page and "Everyone arms" in page
    for name, value in a.landing.items():
        assert f"{name} landed at {value:.2f}:" in page


def test_short_definition_and_timeline_runs(shield3):
    text = "Asks: is it safe? If not, both fear. Third sentence here."
    assert short_definition(text) == "Asks: is it safe? If not, both fear. Third sentence here."
    assert short_definition("One. Two.", at_least=2) == "One."
    runs = timeline_rows(shield3.analysis)
    assert runs[0][0] == 0 and runs[-1][1] == shield3.analysis.series.turns
    assert all(b[0] == a[1] + 1 and a[2] != b[2] for a, b in zip(runs, runs[1:], strict=False))
