"""Golden screenshots: a few screens at a fixed seed and window size under the dummy driver.

They are compared with a tolerance, so that font anti-aliasing on another machine does not break
them, while a moved panel or a missing widget does. After an intended change of the look, look
at the new pictures and regenerate them::

    python -m tests.ui.golden --update      # writes tests/ui/golden/*.png
    python -m tests.ui.golden               # compares, prints the differences

(or ``DB_UPDATE_GOLDEN=1 python -m pytest tests/ui/test_golden.py``).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import numpy as np  # noqa: E402
import pygame  # noqa: E402

GOLDEN = Path(__file__).with_name("golden")
SIZE = (1280, 800)
#: Mean absolute difference per channel (0-255) a shot may have from its golden picture...
MAX_MEAN = 2.0
#: ...and the share of pixels that may differ by more than ``FAR`` in some channel (0.2%: a
#: whole new button on the title is about 1%, so it must not pass).
MAX_FAR_SHARE = 0.002
FAR = 40


@contextlib.contextmanager
def isolated_folders() -> Iterator[None]:
    """The user's settings and saves in a temporary folder (no autosave: Continue is off)."""
    import platformdirs

    saved = platformdirs.user_config_dir, platformdirs.user_data_dir
    with tempfile.TemporaryDirectory() as tmp:
        platformdirs.user_config_dir = lambda *a, **k: str(Path(tmp, "config"))  # type: ignore
        platformdirs.user_data_dir = lambda *a, **k: str(Path(tmp, "data"))  # type: ignore
        try:
            yield
        finally:
            platformdirs.user_config_dir, platformdirs.user_data_dir = saved


def _app(scale: float = 1.0):
    from game.ui.app import App
    from game.ui.model.settings import Settings

    settings = Settings(sound=False, ui_scale=scale, width=SIZE[0], height=SIZE[1])
    app = App(settings, persist=False)
    pygame.mouse.set_pos((0, 0))  # no tooltip
    return app


def _settle(app, n: int = 4) -> pygame.Surface:
    for _ in range(n):
        app.frame(1 / 60)
    return app.screen.copy()


def title() -> pygame.Surface:
    app = _app()
    app.to_title()
    return _settle(app)


def _turn(scale: float) -> pygame.Surface:
    from game.scenarios import load
    from game.session import Session
    from game.ui.model.game_match import Match
    from game.ui.scenes.turn import TurnScene

    app = _app(scale)
    session = Session.new(load("the_shield"), 3)
    app.reset(TurnScene(app, Match(session)))  # no autosave written
    return _settle(app)


def the_shield_turn() -> pygame.Surface:
    """The Shield at seed 3, turn 0, as Aurum sees it."""
    return _turn(1.0)


def the_shield_turn_large_text() -> pygame.Surface:
    """The same at 200% UI scale: the right-hand column scrolls."""
    return _turn(2.0)


SHOTS: dict[str, Callable[[], pygame.Surface]] = {
    "title": title,
    "the_shield_seed3_turn0": the_shield_turn,
    "the_shield_seed3_turn0_scale2": the_shield_turn_large_text,
}


def shoot(name: str) -> pygame.Surface:
    with isolated_folders():
        return SHOTS[name]()


def pixels(surface: pygame.Surface) -> np.ndarray:
    return pygame.surfarray.array3d(surface).astype(np.int16)


def difference(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """(mean absolute difference per channel, share of pixels off by more than ``FAR``)."""
    if a.shape != b.shape:
        return float("inf"), 1.0
    d = np.abs(a - b)
    return float(d.mean()), float((d.max(axis=2) > FAR).mean())


def check(name: str) -> tuple[bool, str]:
    """Compare the shot ``name`` with its golden picture."""
    path = GOLDEN / f"{name}.png"
    if not path.exists():
        return False, f"{path} is missing: run python -m tests.ui.golden --update"
    now = pixels(shoot(name))
    want = pixels(pygame.image.load(str(path)))
    mean, far = difference(now, want)
    ok = mean < MAX_MEAN and far < MAX_FAR_SHARE
    return ok, f"{name}: mean difference {mean:.3f} (< {MAX_MEAN}), {far:.2%} of pixels far off"


def update(names: list[str] | None = None) -> list[Path]:
    GOLDEN.mkdir(exist_ok=True)
    out = []
    for name in names or list(SHOTS):
        path = GOLDEN / f"{name}.png"
        pygame.image.save(shoot(name), str(path))
        out.append(path)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.ui.golden", description=__doc__)
    parser.add_argument("--update", action="store_true", help="regenerate the golden pictures")
    parser.add_argument("names", nargs="*", help=f"shots (default: all of {', '.join(SHOTS)})")
    args = parser.parse_args(argv)
    if args.update:
        for path in update(args.names):
            print(f"wrote {path}")
        return 0
    failed = 0
    for name in args.names or list(SHOTS):
        ok, text = check(name)
        failed += not ok
        print(("ok   " if ok else "FAIL ") + text)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
