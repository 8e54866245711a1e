"""Command-line entry points of the desktop game (play, demo, and the bare title screen).

pygame is imported only when a window is opened, so ``simulate`` and the other text commands
never load it.
"""

from __future__ import annotations

import argparse
import sys

from game.cli import UsageError


class WindowError(UsageError):
    """The window could not be opened (no display): one line, exit status 2."""


def _app():
    try:
        from game.ui.app import App

        return App()
    except Exception as exc:  # pygame.error and friends: no display, no video driver
        raise WindowError(
            f"cannot open the game window ({exc}); on a machine without a display try "
            "SDL_VIDEODRIVER=dummy, or use the text commands (python -m game --help)"
        ) from None


def run_title() -> int:
    """``python -m game`` with no command: the window, on the title screen."""
    app = _app()
    return app.run()


def cmd_play(args: argparse.Namespace) -> int:
    from game.saves import load_save
    from game.scenarios import load
    from game.session import Session

    if args.load:
        session = load_save(args.load)
    else:
        if not args.scenario:
            raise UsageError("play needs --scenario ID (or --load FILE)")
        scenario = load(args.scenario)
        seats = args.seats.split(",") if args.seats else None
        session = Session.new(scenario, args.seed, seats)
    app = _app()
    from game.ui.flow import first_scene
    from game.ui.match import Match

    def autosave(s):
        from game.ui import storage

        try:
            storage.autosave(s)
        except OSError as exc:
            app.show_message("Autosave failed", str(exc))

    match = Match(session, autosave)
    return app.run(first_scene(app, match), max_frames=args.frames)


def cmd_demo(args: argparse.Namespace) -> int:
    from game.scenarios import load

    scenario = load(args.scenario)
    if args.seed < 0:
        raise UsageError(f"--seed must be 0 or more, got {args.seed}")
    if args.frames is not None and args.frames < 1:
        raise UsageError(f"--frames must be at least 1, got {args.frames}")
    app = _app()
    from game.ui.app import stats
    from game.ui.scenes.demo import DemoScene

    scene = DemoScene(app, scenario, args.seed, speed=args.speed)
    app.run(scene, max_frames=args.frames)
    if args.stats:
        st = stats(app.frame_ms)
        print(
            f"frames {app.frames}; frame time p50 {st['p50']:.2f} ms, p95 {st['p95']:.2f} ms, "
            f"max {st['max']:.2f} ms; turns played {scene.turns_played}"
        )
    for err in app.errors:
        print(f"error shown in the window: {err}", file=sys.stderr)
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Register the window's subcommands on the main parser."""
    p = sub.add_parser("play", help="open the game window straight into a game")
    p.add_argument("--scenario", default=None, help="a shipped scenario id or a .toml file")
    p.add_argument(
        "--seats",
        default=None,
        help="comma-separated seats, e.g. human,ai:baseline (default: the scenario's)",
    )
    p.add_argument("--seed", type=int, default=0, help="the game's seed (default 0)")
    p.add_argument("--load", metavar="FILE", default=None, help="resume a saved game")
    p.add_argument("--frames", type=int, default=None, help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_play)

    p = sub.add_parser("demo", help="AI against AI in the window, for a projector")
    p.add_argument("--scenario", required=True)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--frames", type=int, default=None, help="stop after this many frames")
    p.add_argument("--speed", type=float, default=2.0, help="turns per second (default 2)")
    p.add_argument(
        "--stats",
        action="store_true",
        help="print frame-time p50/p95/max in ms and the turns played",
    )
    p.set_defaults(func=cmd_demo)
