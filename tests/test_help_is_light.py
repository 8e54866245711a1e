"""``python -m game --help`` and an argument error answer at once: neither imports matplotlib
nor pygame (they cost about a second of CPU and are needed only to draw)."""

from __future__ import annotations

import subprocess
import sys

import pytest

PROBE = """
import contextlib, io, runpy, sys
sys.argv = ["game", *{args!r}]
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    try:
        runpy.run_module("game", run_name="__main__")
    except SystemExit:
        pass
print("matplotlib" in sys.modules, "pygame" in sys.modules)
"""


@pytest.mark.parametrize(
    "args", [["--help"], ["simulate", "--help"], ["sweep", "--bogus"], ["play", "--seed", "x"]]
)
def test_help_and_usage_errors_import_no_drawing_library(args):
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(args=args)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "False"], (args, done.stdout)
