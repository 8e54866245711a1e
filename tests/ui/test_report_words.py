"""Words of the turn report found wrong in a play-test: a diplomatic reason given as the reason
for an arms build, a verdict in the past tense in the middle of a game, an economy that "went
from 100 to 100", and "the class bet" in one player's game."""

from __future__ import annotations

from game.analysis import bet_report
from game.analysis.bets import solo_game
from game.scenarios import load
from game.session import Session, split_reason
from game.ui.model.turn_report import narration, standing_of_objectives, turn_report

BALANCER = (
    "Veyra (Balancer) proposed a reach ceiling to every state: everyone frozen where they "
    "stand, so that no one is left outside the deal to build"
)


def three_powers(turns: int) -> tuple[Session, object]:
    session = Session.new(load("three_powers"), 1, ["human", "ai:balancer", "ai:hawk"])
    events = None
    for _ in range(turns):
        events = session.play_turn()
    return session, events


def test_a_diplomatic_reason_is_labelled_and_never_the_why_of_an_arms_build():
    """Turn 2 of this game: Veyra (a Balancer) armed and proposed a three-party ceiling. A
    play-test's report said "Veyra: armed ..." then "Why: Veyra (Balancer) offered Aurum an
    alliance"; a diplomatic move is its own "Diplomacy:" line, and the "Why:" under the build
    speaks of arming (what Veyra's spending was for stays its secret)."""
    session, events = three_powers(2)
    lines = turn_report(session, 0, events).lines()
    k = next(k for k, line in enumerate(lines) if line.startswith("Veyra: armed"))
    assert lines[k + 1].startswith(
        "Why: it gave no reason for its build; in this model a state arms when"
    )
    assert lines[k + 2] == f"Diplomacy: {BALANCER}"
    assert not any(line.startswith("Why: Veyra") for line in lines), lines


def test_the_projector_narration_tells_a_diplomatic_reason_on_its_own_line():
    """The projector tells the teacher why Veyra spent as it did on the build's line, and its
    diplomacy on a line of its own."""
    session, events = three_powers(2)
    lines = narration(session, events)
    k = next(k for k, line in enumerate(lines) if line.startswith("Veyra "))
    assert lines[k].startswith("Veyra armed (") and "). Why: Veyra put " in lines[k]
    assert "proposed" not in lines[k]
    assert lines[k + 1] == f"Diplomacy: {BALANCER}"


def test_a_strategists_reason_gives_the_share_it_played_not_the_plan_a_cap_trimmed():
    """A play-test read "Veyra armed (16% of its budget). Why: Veyra put 70% of its budget into
    reach": the ceiling had held the plan back. The projector's build and its reason now give the
    same share, and the reason says when a cap held the plan back."""
    import re

    session = Session.new(load("three_powers"), 1, ["human", "ai:balancer", "ai:hawk"])
    trimmed = 0
    for _ in range(8):
        events = session.play_turn()
        for line in narration(session, events):
            m = re.match(r"(\w+) armed \((\d+)% of its budget\)\. Why: \1 put (\d+)%", line)
            if m:
                assert m.group(2) == m.group(3), line
                trimmed += "a treaty's cap held back the rest" in line
    assert trimmed >= 3


def test_a_strategists_reason_is_cut_into_its_diplomacy_and_its_spending():
    full = (
        "Veyra offered Brisa an alliance: together they need not fear each other; put 70% of "
        "its budget into shield: to blunt Brisa's strike"
    )
    public = "Veyra offered Brisa an alliance: together they need not fear each other"
    assert split_reason("Veyra", full, public) == (
        public,
        "Veyra put 70% of its budget into shield: to blunt Brisa's strike",
    )
    assert split_reason("Veyra", "Veyra held: arming costs", "") == ("", "Veyra held: arming costs")
    assert split_reason("Veyra", public, public) == (public, "")


def test_a_verdict_in_the_middle_of_a_game_is_in_the_present_and_at_the_end_in_the_past():
    session, _ = three_powers(4)
    news = standing_of_objectives(session, 0)
    assert "Off track so far: you do not yet deter Ostrel." in news
    assert "On track so far: no war has broken out in 4 turns." in news
    assert not any("at the end" in line for line in news), news
    while not session.over:
        session.play_turn()
    news = standing_of_objectives(session, 0)
    assert f"On track: no war broke out in {session.turn} turns." in news
    assert "Off track: at the end, you did not deter Ostrel." in news
    assert not any("so far" in line for line in news), news


def test_an_economy_unchanged_as_shown_held_steady():
    session = Session.new(load("three_powers"), 1, ["human", "ai:balancer", "ai:hawk"])
    news = standing_of_objectives(session, 0)
    assert "Off track so far: your economy has held steady at 120." in news
    assert not any("from 120 to 120" in line for line in news), news


def test_one_players_bet_is_your_bet_and_a_class_game_keeps_the_class():
    session = Session.new(load("three_powers"), 1, ["human", "ai:balancer", "ai:hawk"])
    bet = session.scenario.bet
    assert bet is not None
    session.answers.bet = 0
    while not session.over:
        session.play_turn()
    solo = bet_report(session, bet, 0, solo_game(session))
    assert solo.placed_sentence.startswith("Your bet: ")
    assert solo.verdict_sentence.startswith(("You called it: your bet", "You did not call it"))
    assert "class" not in solo.placed_sentence + solo.verdict_sentence
    teams = Session.new(load("three_powers"), 1, ["human", "human", "ai:hawk"])
    assert not solo_game(teams)
    assert bet_report(teams, bet, 0, solo_game(teams)).placed_sentence.startswith("The class bet")
