"""One real window: the demo under Xvfb with the X11 video driver (skipped where Xvfb is absent;
``.ci/run`` installs it)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pygame
import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="xvfb-run is not installed")
def test_the_demo_runs_in_a_real_x11_window(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "SDL_VIDEODRIVER"}  # x11, not dummy
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")  # the user's folders, out of the way
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    env.pop("DISPLAY", None)
    cmd = [
        "xvfb-run",
        "-a",
        sys.executable,
        "-m",
        "game",
        "demo",
        "--scenario",
        "two_neighbours",
        "--seed",
        "1",
        "--frames",
        "60",
        "--speed",
        "8",
        "--stats",
    ]
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    line = re.search(
        r"frames 60; frame time p50 [\d.]+ ms, p95 [\d.]+ ms, max [\d.]+ ms; turns played (\d+)",
        done.stdout,
    )
    assert line is not None, done.stdout + done.stderr
    assert int(line.group(1)) >= 1


def test_the_window_idles_down_when_nothing_moves_and_wakes_on_input(app):
    """No input and nothing animating for half a second: 10 frames a second instead of 60; a
    key, or a scene that moves (the board's tween, the turn report being told), brings back 60
    at once. Frame times are given, never measured."""
    from game.ui.app import FPS, IDLE_FPS

    from .drive import frames, key, start_game

    start_game(app, "two_neighbours", 7)
    frames(app, 40, dt=1 / 60)  # two thirds of a second, nothing happening
    assert app.fps == IDLE_FPS
    key(app, pygame.K_h, n=1)
    assert app.fps == FPS
    frames(app, 40)
    assert app.fps == IDLE_FPS
    key(app, pygame.K_RETURN)  # the turn: the board moves, the report is told
    for _ in range(40):
        frames(app, 1)
        if not app.animating:
            break
        assert app.fps == FPS
    app.idle_down = False  # the old behaviour, for the benchmark's "before"
    frames(app, 60)
    assert app.fps == FPS
