"""The benchmarks still run (tiny sizes; nothing about speed is asserted here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_run_all_quick_prints_every_ratio() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run_all.py"), "--quick"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    for needle in (
        "batching speed-up:",
        "per match",
        "peak / state =",
        "by own time",
        "one mixed batch",
        "one stage_game call each",
        "report export",
    ):
        assert needle in done.stdout
