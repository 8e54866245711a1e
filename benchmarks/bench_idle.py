"""What an idle window costs: the CPU the game takes while a player reads the turn screen.

    xvfb-run -a python benchmarks/bench_idle.py [--seconds 6] [--size 1280x800]

Opens the real window (it needs a display: run it under ``xvfb-run`` on a machine without one)
on Two Neighbours' turn screen, lets it settle, then runs the window's own loop for
``--seconds`` with no input at all, twice: first as before (``idle_down`` off: every frame drawn
and flipped at 60 fps), then as now (after half a second without input or animation, 10 fps).
Prints, for each, the frames drawn and the process's CPU time per wall-clock second.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time


def measure(app, seconds: float) -> tuple[int, float]:
    """Frames drawn and CPU seconds per wall second over ``seconds`` of the window's loop (the
    loop of ``App.run``)."""
    settle = time.perf_counter() + 1.0  # past IDLE_AFTER: the idle rate, if any, has set in
    while time.perf_counter() < settle:
        app.frame(min(app.clock.tick(app.fps) / 1000.0, 0.1))
    frames0, cpu0, wall0 = app.frames, time.process_time(), time.perf_counter()
    while time.perf_counter() - wall0 < seconds:
        app.frame(min(app.clock.tick(app.fps) / 1000.0, 0.1))
    wall = time.perf_counter() - wall0
    return app.frames - frames0, (time.process_time() - cpu0) / wall


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=6.0)
    parser.add_argument("--size", default="1280x800")
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.lower().split("x"))
    tmp = tempfile.mkdtemp()
    os.environ.setdefault("XDG_DATA_HOME", os.path.join(tmp, "data"))
    os.environ.setdefault("XDG_CONFIG_HOME", os.path.join(tmp, "config"))
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

    from game.scenarios import load
    from game.session import Session
    from game.ui import navigation as flow
    from game.ui.app import App
    from game.ui.model.settings import Settings

    app = App(Settings(sound=False, width=width, height=height), persist=False)
    flow.start(app, Session.new(load("two_neighbours"), 7), intro=False)
    driver = os.environ.get("SDL_VIDEODRIVER") or "default"
    print(f"idle turn screen, {width}x{height}, video driver {driver}, {args.seconds:g} s each")
    for label, idle in (("before (always 60 fps)", False), ("after (idles down)", True)):
        app.idle_down = idle
        frames, cpu = measure(app, args.seconds)
        print(
            f"  {label:24s} {frames / args.seconds:5.1f} frames/s, "
            f"CPU {100 * cpu:5.1f}% of one core"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
