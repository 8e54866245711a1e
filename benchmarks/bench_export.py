"""What a report export costs from the window against the command line.

    python benchmarks/bench_export.py [--scenario the_shield] [--seed 3] [--repeats 2]

The command line: ``python -m game report SAVE --out DIR``, timed from the command to its exit
(start-up and imports included: what a teacher waits for). The window: a fresh process opens the
game's window on the finished game's end screen (SDL's dummy driver unless ``--real``, which
needs a display, for example under ``xvfb-run``) and presses E; timed from the key to the
"Report exported" dialog, with nothing computed beforehand (no debrief opened, no analysis
cached). Prints both, best of ``--repeats``, and the ratio (window / command line).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: Run in a fresh interpreter: open the window on the end screen, press E, time to the dialog.
WINDOW = r"""
import json, sys, time
import pygame
from game.saves import from_dict
from game.ui import navigation as flow
from game.ui.app import App
from game.ui.model.settings import Settings

session = from_dict(json.loads(open(sys.argv[1], encoding="utf-8").read()))
app = App(Settings(sound=False), persist=False)
flow.start(app, session)
for _ in range(3):
    app.frame(1 / 60)
assert type(app.top).__name__ == "EndScene", type(app.top).__name__
press = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_e, mod=0, unicode="e", scancode=0)
pygame.event.post(press)
t0 = time.perf_counter()
while not app.dialog_open and time.perf_counter() - t0 < 300:
    app.frame(1 / 60)
    time.sleep(1 / 60)  # the window's own pace: it waits for the next frame
print(json.dumps({"seconds": time.perf_counter() - t0, "errors": app.errors}))
"""


def _env(tmp: Path, real: bool) -> dict[str, str]:
    env = dict(os.environ)
    env["XDG_DATA_HOME"] = str(tmp / "data")
    env["XDG_CONFIG_HOME"] = str(tmp / "config")
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    if not real:
        env["SDL_VIDEODRIVER"] = "dummy"
    env.setdefault("SDL_AUDIODRIVER", "dummy")
    return env


def cli_seconds(save: Path, tmp: Path, k: int) -> float:
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "game", "report", str(save), "--out", str(tmp / f"cli{k}")],
        check=True,
        cwd=ROOT,
        env=_env(tmp, False),
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - t0


def window_seconds(save: Path, tmp: Path, real: bool) -> float:
    out = subprocess.run(
        [sys.executable, "-c", WINDOW, str(save)],
        check=True,
        cwd=ROOT,
        env=_env(tmp, real),
        capture_output=True,
        text=True,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if result["errors"]:
        raise RuntimeError(f"the window reported errors: {result['errors']}")
    return float(result["seconds"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="the_shield")
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--real", action="store_true", help="a real window (needs a display)")
    args = parser.parse_args(argv)

    from game.commands import ai_seats
    from game.saves import save
    from game.scenarios import load
    from game.session import Session

    scenario = load(args.scenario)
    session = Session.new(scenario, args.seed, ai_seats(scenario))
    session.play_to_end()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        path = save(session, tmp / "game.json")
        cli = min(cli_seconds(path, tmp, k) for k in range(args.repeats))
        window = min(window_seconds(path, tmp, args.real) for _ in range(args.repeats))
    print(f"export of {args.scenario} seed {args.seed} ({len(session.history)} turns)")
    print(f"  command line (python -m game report): {cli:6.2f} s")
    print(f"  window (E on the end screen to the dialog): {window:6.2f} s")
    print(f"  ratio window / command line: {window / cli:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
