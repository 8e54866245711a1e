"""Command-line entry points of the desktop game (play, demo, replay, and the bare title
screen).

pygame is imported only when a window is opened, so ``simulate`` and the other text commands
never load it.
"""

from __future__ import annotations

import argparse
import sys

from game.commands import UsageError

#: The fastest demo, in turns a second (the window draws 60 frames a second).
MAX_SPEED = 60.0


class WindowError(UsageError):
    """The window could not be opened (no display): one line, exit status 2."""


def _app(settings=None, persist: bool = True):
    try:
        from game.ui.app import App

        return App(settings, persist=persist)
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
    """``python -m game play``: a new game of a lesson, or a save, in the window."""
    from game.limits import MAX_SEED
    from game.saves import load_save
    from game.scenarios import load
    from game.session import Session

    if not 0 <= args.seed <= MAX_SEED:
        raise UsageError(f"--seed must be from 0 to {MAX_SEED}, got {args.seed}")
    if args.load:
        session = load_save(args.load)
    else:
        if not args.scenario:
            raise UsageError("play needs --scenario ID (or --load FILE)")
        scenario = load(args.scenario)
        seats = args.seats.split(",") if args.seats else None
        session = Session.new(scenario, args.seed, seats)
    app = _app()
    from game.ui import navigation

    # A new game opens on the lesson's intro (then its bet); a loaded one where it left off.
    navigation.start(app, session, intro=not args.load)
    return app.run(max_frames=args.frames)


def cmd_demo(args: argparse.Namespace) -> int:
    """``python -m game demo``: the projector demo, AI against AI."""
    from game.scenarios import load

    scenario = load(args.scenario)
    from game.limits import MAX_SEED

    if not 0 <= args.seed <= MAX_SEED:
        raise UsageError(f"--seed must be from 0 to {MAX_SEED}, got {args.seed}")
    if args.frames is not None and args.frames < 1:
        raise UsageError(f"--frames must be at least 1, got {args.frames}")
    if not 0.1 <= args.speed <= MAX_SPEED:  # NaN and inf are refused too
        raise UsageError(
            f"--speed must be from 0.1 to {MAX_SPEED:g} turns a second, got {args.speed}"
        )
    from game.commands import ai_seats
    from game.session import SeatError, parse_seats

    seats = args.seats.split(",") if args.seats else ai_seats(scenario)
    try:
        parsed = parse_seats(seats, len(scenario.states))
    except SeatError as exc:
        raise UsageError(str(exc)) from None
    if any(s.human for s in parsed):
        raise UsageError("demo plays AI seats only: give every seat as ai:NAME")
    app = _app()
    from game.ui.app import stats
    from game.ui.scenes.demo import DemoScene

    scene = DemoScene(app, scenario, args.seed, speed=args.speed, seats=seats)
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


def cmd_replay(args: argparse.Namespace) -> int:
    """``python -m game replay SAVE``: the replay viewer on a save (checked before any window
    opens: a refused save is one line and exit status 2). ``--screenshot PATH`` draws one frame
    of ``--turn T`` into a PNG and exits, without showing a window."""
    import os

    from game.saves import load_save

    session = load_save(args.save)
    last = len(session.history)
    turn = last if args.turn is None and args.screenshot else (args.turn or 0)
    if not 0 <= turn <= last:
        raise UsageError(f"--turn must be from 0 to {last} (the turns in this save), got {turn}")
    if args.frames is not None and args.frames < 1:
        raise UsageError(f"--frames must be at least 1, got {args.frames}")
    if args.screenshot:
        out = os.path.abspath(args.screenshot)
        if not os.path.isdir(os.path.dirname(out)):
            raise UsageError(f"{args.screenshot}: its folder does not exist")
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")  # no window needed for a picture
        from game.ui.model.settings import load_settings

        app = _app(load_settings().replace(sound=False, fullscreen=False), persist=False)
    else:
        app = _app()
    from game.ui.model.game_match import Match
    from game.ui.scenes.replay import ReplayScene

    scene = ReplayScene(app, Match(session), turn=turn)
    if args.screenshot:
        import pygame

        app.reset(scene)
        for _ in range(2):
            app.frame(1 / 60)
        try:
            pygame.image.save(app.screen, out)
        except (pygame.error, OSError) as exc:
            raise UsageError(f"{args.screenshot}: cannot write the picture ({exc})") from None
        print(f"wrote {out} (turn {turn} of {last})")
        return 0
    app.run(scene, max_frames=args.frames)
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
    p.add_argument(
        "--speed",
        type=float,
        default=1 / 3,
        help="turns per second (default one turn every 3 s: time for a class to read the wires)",
    )
    p.add_argument(
        "--seats",
        default=None,
        help="comma-separated AI seats, e.g. ai:hawk,ai:dove (default: the scenario's own, "
        "each human seat played by ai:baseline)",
    )
    p.add_argument(
        "--stats",
        action="store_true",
        help="print frame-time p50/p95/max in ms and the turns played",
    )
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser(
        "replay",
        help="step through a saved game turn by turn (or draw one turn into a PNG)",
        description="Open the replay viewer on a save: the board at each turn, the wires and "
        "the turning points; Left/Right step, Space plays, D opens the debrief.",
    )
    p.add_argument("save", metavar="SAVE", help="a save file (JSON, from Save or the autosave)")
    p.add_argument(
        "--turn",
        type=int,
        default=None,
        help="the turn to open on (0: the start; default 0, or the last with --screenshot)",
    )
    p.add_argument(
        "--screenshot",
        metavar="PATH",
        default=None,
        help="draw one frame of --turn into this PNG and exit (no window; works headless)",
    )
    p.add_argument("--frames", type=int, default=None, help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_replay)
