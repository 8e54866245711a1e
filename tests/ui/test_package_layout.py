"""game/ui read from its folders: ``model`` (what the screens show, no pygame), ``drawing`` (what
they draw with), ``scenes`` (the screens), and the shell (the app, its navigation, its sound, its
commands). No two modules of the package share a basename, nor with a module elsewhere in game."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "game" / "ui"


def test_the_model_imports_no_pygame():
    """Every module of game.ui.model imported in a fresh interpreter: pygame never loads."""
    names = sorted(p.stem for p in (UI / "model").glob("*.py") if p.stem != "__init__")
    assert {
        "views",
        "draft",
        "game_match",
        "headlines",
        "storage",
        "settings",
        "plain_words",
    } <= set(names)
    code = (
        "import sys\n"
        + "".join(f"import game.ui.model.{n}\n" for n in names)
        + "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('pygame', 'pygame_gui'))\n"
        + "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""


def test_no_basename_repeats_within_ui_or_with_the_rest_of_game():
    ui = [p for p in UI.rglob("*.py") if p.stem != "__init__" and "__pycache__" not in p.parts]
    counts = Counter(p.stem for p in ui)
    assert [n for n, c in counts.items() if c > 1] == []
    others = {
        p.stem
        for p in (ROOT / "game").rglob("*.py")
        if UI not in p.parents and p.stem != "__init__" and "__pycache__" not in p.parts
    }
    # The shared shells' entry points are named for what they are (window_commands...).
    assert sorted(set(counts) & others) == []


def test_the_ui_root_holds_only_the_shell():
    root = sorted(p.stem for p in UI.glob("*.py") if p.stem != "__init__")
    shell = {"app", "navigation", "sound", "window_commands", "remote"}
    assert set(root) <= shell, set(root) - shell
