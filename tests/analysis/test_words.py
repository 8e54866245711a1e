"""The sentences the debrief, the reveal and the report share (game.analysis.words) and the bet
in words (game.analysis.bet_report): when the answer is known, and what is said about it."""

from __future__ import annotations

import dataclasses

import pytest

from game import scenarios
from game.analysis import LEVEL, analyse, bet_outcome, bet_report, bet_value
from game.analysis.bets import measure_words, reveal_turn
from game.analysis.words import (
    NO_STAGE_GAME_TITLE,
    ending_sentence,
    game_title,
    landing_sentence,
    landing_sentences,
    landing_where,
    names_list,
    outcome_kind,
    outcome_sentence,
    tag_words,
)
from game.scenarios import Bet
from game.session import Session
from tests.analysis.helpers import loaded_after
from tests.ui import lessonkit

#: The lesson screens' bet on Veyra's and Ostrel's reach, revealed after turn 6.
BET = dataclasses.replace(lessonkit.BET, reveal_after=6)


def shield(turns: int, bet: Bet = BET, length: int | None = None) -> Session:
    """The Shield with ``bet``, AI seats, ``turns`` turns played (the game ``length`` long)."""
    sc = dataclasses.replace(scenarios.load("the_shield"), bet=bet)
    if length is not None:
        sc = dataclasses.replace(sc, params=sc.params.replace(turns=length))
    s = Session.new(sc, 3, ["ai:baseline"] * len(sc.states))
    while s.turn < turns and not s.over:
        s.play_turn()
    return s


def test_the_shared_modules_load_neither_pygame_nor_matplotlib():
    imports = "import game.analysis.words, game.analysis.style, game.analysis.bets"
    assert loaded_after(imports, ["pygame", "matplotlib"]) == [False, False]


def test_names_titles_and_tags():
    assert names_list([]) == "" and names_list(["A"]) == "A"
    assert names_list(["A", "B"]) == "A and B" and names_list(("A", "B", "C")) == "A, B and C"
    assert game_title("stag_hunt") == "Stag Hunt"
    assert game_title("none") == NO_STAGE_GAME_TITLE
    assert game_title("some_new_game") == "some new game"
    assert tag_words("surprise_attack_fear") == "fear of surprise attack"
    assert tag_words("treaty_lapse") == "treaty in trouble"


def test_how_a_game_ended():
    assert ending_sentence(12, 12) == "Peace held: no war broke out in 12 turns."
    assert ending_sentence(3, 12) == "Game in progress: 3 of 12 turns played, no war so far."
    war = ending_sentence(4, 12, 4, ("Veyra", "Aurum"))
    assert war.startswith("War broke out between Veyra and Aurum on turn 4 (Veyra struck first).")
    assert "no one won it" in war
    assert ending_sentence(4, 12, 4).startswith("War broke out on turn 4. The game ended there")


def test_landing_words_follow_one_scale():
    assert "below even" in landing_where(-0.2)
    assert "close to where everyone arming" in landing_where(0.0)
    assert "close to where everyone arming" in landing_where(-0.05)  # an end's rounding
    assert "halfway" in landing_where(0.5)
    assert "close to where everyone restraining" in landing_where(1.0)
    assert "close to where everyone restraining" in landing_where(1.05)
    assert "above even" in landing_where(1.2)
    assert landing_sentence("Veyra", 0.5).startswith("Veyra landed at 0.50: about halfway")


@pytest.mark.parametrize("counterfactuals", [True, False])
def test_an_analysis_in_words(counterfactuals):
    s = shield(3)
    a = analyse(s, counterfactuals=counterfactuals)
    assert outcome_kind(a) == "open"
    assert outcome_sentence(a) == (
        f"Game in progress: 3 of {a.turns_total} turns played, no war so far."
    )
    lines = landing_sentences(a)
    if not counterfactuals:
        assert lines == []
        return
    assert lines[0].startswith("On a scale from 0") and "on average" in lines[0]
    assert lines[1:] == [landing_sentence(n, a.landing[n]) for n in a.names]


def test_before_the_reveal_nothing_is_known_yet():
    for turns in (0, 1, 2, 5):
        s = shield(turns)
        for source in (s, analyse(s, counterfactuals=False)):
            r = bet_report(source, BET, 1)
            assert not r.revealed and r.outcome is None, turns
            assert r.reason == "Not known yet: the reveal comes after turn 6."
            assert r.happened_sentence == r.reason
            assert r.verdict_sentence == "" and r.theory_sentence == "" and r.called_it is None
            assert r.placed_sentence == "The class bet: It stays about level."
    assert bet_outcome(shield(1), BET) == LEVEL  # what the debrief used to show as an answer


def test_after_the_reveal_the_session_and_its_analysis_say_the_same():
    s = shield(7)
    r = bet_report(s, BET, 2)
    assert r == bet_report(analyse(s, counterfactuals=False), BET, 2)
    assert r.revealed and (r.before_turn, r.after_turn) == (1, 6)
    assert r.outcome == bet_outcome(shield(6), BET)  # after turn 6, however long the game runs
    assert r.before == bet_value(s, BET, 1) and r.after == bet_value(s, BET, 6)
    assert not r.measured_early_because_war_or_end and r.early_sentence == ""
    assert r.measure == measure_words(BET) == "the reach of Veyra and Ostrel together"
    assert r.happened_sentence == (
        f"What happened: {BET.choices[r.outcome]}. In this game, the reach of Veyra and Ostrel "
        f"together went from {r.before:.1f} before turn 2 to {r.after:.1f} after turn 6."
    )
    assert r.called_it == (r.outcome == 2)
    assert r.verdict_sentence.startswith("The class called it" if r.called_it else "The class did")
    assert bet_report(s, BET, None).placed_sentence == "No bet was placed."
    assert bet_report(s, BET, 7).placed is None  # not a choice: no bet


def test_a_game_that_ends_before_the_reveal_is_measured_at_its_end():
    s = shield(4, length=4)
    assert s.over
    r = bet_report(s, BET, 0)
    assert r.revealed and r.after_turn == 4 and r.measured_early_because_war_or_end
    assert r.early_sentence == (
        "The game ended after turn 4, before the reveal planned after turn 6, so it was "
        "measured at the end."
    )
    last = dataclasses.replace(BET, reveal_after=0)  # 0: the last turn
    assert reveal_turn(last, 4) == 4
    assert not shield(3, last, length=4).over
    assert not bet_report(shield(3, last, length=4), last, 0).revealed
    r = bet_report(s, last, 0)
    assert r.revealed and r.after_turn == 4 and not r.measured_early_because_war_or_end


def test_a_war_before_the_bet_leaves_nothing_to_reveal():
    from tests.report.helpers import war_session

    s = war_session()  # war in turn 4
    late = dataclasses.replace(BET, ask_before=6, reveal_after=8)
    r = bet_report(s, late, None)
    assert not r.revealed and r.reason.startswith("Not known: the game ended after turn 4")
    r = bet_report(s, BET, None)
    assert r.revealed and r.after_turn == 4 and r.measured_early_because_war_or_end
