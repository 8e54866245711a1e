"""The pure core imports no pygame (architecture.md, principle 2)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_importing_the_engine_leaves_pygame_out():
    code = (
        "import sys\n"
        "import game.engine\n"
        "from game.engine import step, exchange, stage_game\n"
        "print('pygame' in sys.modules, 'game.engine' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert out.stdout.split() == ["False", "True"]
