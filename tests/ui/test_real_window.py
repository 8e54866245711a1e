"""One real window: the demo under Xvfb with the X11 video driver (skipped where Xvfb is absent;
``.ci/run`` installs it)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

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
