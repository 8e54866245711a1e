"""``join ADDRESS CODE`` plays a seat from the desktop window. The window is fed by two functions
(the seat's view, the hand-in): here fakes drive it headless, and the real command joins a real
host. This module imports pygame and never the engine (the host runs in its own process)."""

import os
import subprocess
import time

import pygame
import pytest

from game.ui.remote import RemoteWindow, describe
from tests.classroom.procs import Host, env, python, wait_for

VIEW = {
    "title": "A Lesson", "seat": "Aurum", "group": 1, "turn": 0, "turns": 5, "finished": False,
    "paused": False, "submitted": False, "budget": 30.0, "wires": ["Aurum builds a road"],
    "states": [
        {"name": "Aurum", "own": True, "economy": 150.0, "reach": 30.0, "shield": 20.0,
         "hardening": 0.4, "support": 0.75},
        {"name": "Veyra", "own": False, "economy": 120.0, "reach": 24.5,
         "reach_range": [18.1, 33.1], "shield": 0.0, "trust": 0.4},
    ],
    "pairs": [{"other": "Veyra", "tension": 0.3, "stability": 0.8, "allied": False,
               "crisis": False}],
}


def _frames(window, n=5):
    for _ in range(n):
        window.frame(0.05)
        time.sleep(0.01)


def test_the_window_shows_the_seats_view_and_hands_in_what_is_typed():
    handed: list[tuple[list[float], float]] = []

    def hand_in(spend, cut):
        handed.append((spend, cut))
        return None if spend[0] <= 30 else "Aurum's budget is 30.0; these orders spend 99.0"

    window = RemoteWindow(lambda: dict(VIEW), hand_in, poll=0.05)
    try:
        wait_for(lambda: (_frames(window), "Aurum (you)" in window.shown)[1], 30)
        assert "24.50 (18.10 to 33.10)" in window.shown
        assert "Aurum builds a road" in window.shown
        window.fields["reach"].set_text("99")
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0,
                                             unicode="\r", scancode=0))
        wait_for(lambda: (_frames(window), window.status.startswith("Refused"))[1], 30)
        assert "budget is 30.0" in window.status
        window.fields["reach"].set_text("2.5")
        window.submit()
        wait_for(lambda: (_frames(window), window.status == "Orders handed in.")[1], 30)
        assert handed[-1] == ([2.5, 0.0, 0.0, 0.0], 0.0)
    finally:
        pygame.display.quit()


def test_an_empty_view_reads_as_connecting():
    assert describe({}).startswith("Connecting")


@pytest.mark.skipif(os.environ.get("SDL_VIDEODRIVER") != "dummy", reason="needs a headless SDL")
def test_join_opens_the_window_on_a_real_host(tmp_path):
    host = Host(tmp_path / "class", "--lesson", "the_spiral", "--groups", "1", "--seats",
                "human,ai:hawk,ai:dove", "--turns", "3")
    try:
        code = host.class_file()["teams"][0]["code"]
        done = subprocess.run([python(), "-m", "game", "join", host.url, code, "--frames", "60"],
                              env=env() | {"SDL_VIDEODRIVER": "dummy"}, capture_output=True,
                              text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        assert "Budget" in done.stdout or "handed in" in done.stdout, done.stdout
        bad = subprocess.run([python(), "-m", "game", "join", host.url, "WRONG1"],
                             env=env(), capture_output=True, text=True, timeout=120)
        assert bad.returncode == 2 and "does not know this code" in bad.stderr
    finally:
        host.stop()
