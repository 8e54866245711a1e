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
    top = short_runs["app"].top
    assert type(top).__name__ == "TurnScene"
    assert top.match.session.seed == 4


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
