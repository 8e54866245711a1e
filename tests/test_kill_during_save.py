"""SIGKILL during a save: the save on disk is always a whole one, and the orphan temporary file
an interrupted write leaves is cleaned at the next start-up.

A child process saves two different games over the same file as fast as it can; the parent
kills it at several moments. Whenever the kill lands, the file holds one of the two games, whole.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.saves import load_save

CHILD = r"""
import sys
from game.saves import save
from game.scenarios import load
from game.session import Session

path = sys.argv[1]
games = []
for seed, turns in ((1, 2), (2, 5)):
    s = Session.new(load("two_neighbours"), seed, ["ai:baseline", "ai:copycat"])
    for _ in range(turns):
        s.play_turn()
    games.append(s)
save(games[0], path)
print("ready", flush=True)
k = 0
while True:
    save(games[k % 2], path)
    k += 1
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="no SIGKILL here")
@pytest.mark.parametrize("delay", [0.0, 0.01, 0.03, 0.07, 0.15])
def test_a_save_killed_mid_write_leaves_a_whole_save(tmp_path, monkeypatch, delay):
    path = tmp_path / "data" / "autosave.json"
    path.parent.mkdir()
    root = Path(__file__).resolve().parents[1]
    env = os.environ | {"PYTHONPATH": str(root)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path)], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        time.sleep(delay)  # where the kill lands varies; the assertions hold wherever it does
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=60)
    session = load_save(path)  # never a half-written file
    assert session.turn in (2, 5)
    # An orphan .tmp may be left; the next start-up removes it once it is clearly abandoned.
    import platformdirs

    from game.ui.model import storage

    monkeypatch.setattr(platformdirs, "user_data_dir", lambda *a, **k: str(path.parent))
    monkeypatch.setattr(platformdirs, "user_config_dir", lambda *a, **k: str(tmp_path / "c"))
    storage.clean_orphans(now=time.time() + storage.ORPHAN_AGE + 1)
    assert [p.name for p in path.parent.iterdir()] == ["autosave.json"]
