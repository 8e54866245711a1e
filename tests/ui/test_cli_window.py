"""The window's commands: the bare launch opens the title; the demo runs and reports frames."""

from __future__ import annotations

import pytest

from game.cli import main


@pytest.fixture
def short_runs(monkeypatch, dirs):
    from game.ui.app import App

    run = App.run
    seen = {}

    def brief(self, first=None, max_frames=None):
        seen["app"] = self
        return run(self, first, max_frames=min(max_frames or 5, 5))

    monkeypatch.setattr(App, "run", brief)
    return seen


def test_no_command_opens_the_title_screen(short_runs):
    assert main([]) == 0
    assert type(short_runs["app"].top).__name__ == "TitleScene"


def test_help_still_prints(capsys):
    assert main(["--help"]) == 0
    assert "COMMAND" in capsys.readouterr().out
    assert main(["play", "--help"]) == 0
    assert "--scenario" in capsys.readouterr().out


def test_play_starts_straight_into_a_game(short_runs):
    assert (
        main(
            ["play", "--scenario", "two_neighbours", "--seats", "human,ai:baseline", "--seed", "4"]
        )
        == 0
    )
    app = short_runs["app"]
    # A new game of a lesson opens on its intro cards, over the turn screen.
    assert [type(s).__name__ for s in app.stack] == ["TurnScene", "IntroScene"]
    assert app.top.match.session.seed == 4


def test_play_of_a_save_resumes_without_the_intro(short_runs, tmp_path):
    from game.saves import save
    from game.scenarios import load
    from game.session import Answers, Session

    session = Session.new(load("two_neighbours"), 4, ["human", "ai:baseline"])
    session.answers = Answers(bet=1)  # the bet was placed before the save
    session.play_turn()
    path = save(session, tmp_path / "game.json")
    assert main(["play", "--load", str(path)]) == 0
    app = short_runs["app"]
    assert [type(s).__name__ for s in app.stack] == ["TurnScene"]
    assert app.top.match.session.turn == 1


def test_play_with_a_missing_save_says_why(capsys, dirs):
    assert main(["play", "--load", "/nonexistent/save.json"]) == 2
    assert "no such save file" in capsys.readouterr().err


def test_demo_runs_headless_and_prints_frame_stats(capsys, dirs):
    assert (
        main(["demo", "--scenario", "two_neighbours", "--frames", "40", "--speed", "8", "--stats"])
        == 0
    )
    out = capsys.readouterr().out
    assert "p50" in out and "p95" in out and "max" in out
    played = int(out.rsplit("turns played", 1)[1].strip())
    assert played >= 1


def test_demo_plays_the_given_ai_seats(short_runs):
    assert main(["demo", "--scenario", "the_spiral", "--seats", "ai:hawk,ai:dove,ai:copycat"]) == 0
    seats = [str(s) for s in short_runs["app"].top.session.seats]
    assert seats == ["ai:hawk", "ai:dove", "ai:copycat"]


def test_demo_defaults_to_the_lessons_own_opponents(short_runs):
    assert main(["demo", "--scenario", "the_spiral"]) == 0
    seats = [str(s) for s in short_runs["app"].top.session.seats]
    assert seats == ["ai:baseline", "ai:copycat", "ai:copycat"]


def test_demo_refuses_a_human_seat(capsys, dirs):
    assert main(["demo", "--scenario", "two_neighbours", "--seats", "human,ai:dove"]) == 2
    assert "demo plays AI seats only" in capsys.readouterr().err
