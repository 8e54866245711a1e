"""``host``, ``join`` and ``class-report`` on the main command line. Light to import: the web
stack loads only when a command runs (``--help`` stays fast)."""

from __future__ import annotations

import argparse
import ipaddress
import socket
import sys
from pathlib import Path


def lan_address() -> str:
    """This machine's address on its local network (the interface a route out would use; no
    packet is sent), or the loopback address when there is none."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.255.255.255", 1))
        address = probe.getsockname()[0]
    except OSError:
        address = "127.0.0.1"
    finally:
        probe.close()
    ip = ipaddress.ip_address(address)
    return address if (ip.is_private or ip.is_loopback) and not ip.is_unspecified else "127.0.0.1"


def check_bind(address: str, public: bool) -> str:
    """The address to listen on; refused (unless ``public``) when it reaches beyond the local
    network: every interface (0.0.0.0, ::) or a public address."""
    from game.commands import UsageError

    try:
        ip = ipaddress.ip_address(
            socket.gethostbyname(address) if address == "localhost" else address
        )
    except (ValueError, OSError):
        raise UsageError(f"--bind: {address!r} is not an address of this machine") from None
    local = (ip.is_private or ip.is_loopback or ip.is_link_local) and not ip.is_unspecified
    if not local and not public:
        raise UsageError(
            f"--bind {address}: that listens beyond the local network; add --public if you mean it"
        )
    return str(ip)


def cmd_host(args: argparse.Namespace) -> int:
    """``host``: create (or resume) the class in its folder and serve it until Ctrl-C."""
    import uvicorn

    from game.classroom.room import CLASS_FILE, Room, RoomError
    from game.classroom.server import create_app
    from game.commands import UsageError
    from game.scenarios import load

    bind = check_bind(args.bind or lan_address(), args.public)
    folder = Path(args.dir) if args.dir else Path(f"class-{Path(args.lesson or 'lesson').stem}")
    try:
        if (folder / CLASS_FILE).exists():
            room = Room.open(folder)
            print(f"resuming the class in {folder} at turn {room.turn + 1}", flush=True)
        else:
            if not args.lesson:
                raise UsageError("--lesson is needed to start a class (or --dir of one to resume)")
            scenario = load(args.lesson)
            if args.turns is not None:
                from game.commands import scenario_with_turns
                from game.limits import MAX_GAME_TURNS

                if not 1 <= args.turns <= MAX_GAME_TURNS:
                    raise UsageError(
                        f"--turns must be from 1 to {MAX_GAME_TURNS}, got {args.turns}"
                    )
                scenario = scenario_with_turns(scenario, args.turns)
            seats = args.seats.split(",") if args.seats else list(scenario.default_seats)
            timer = None if not args.timer else float(args.timer)
            room = Room.create(
                folder, scenario, args.groups, args.seed, args.seed_each, seats, timer
            )
    except RoomError as exc:
        raise UsageError(str(exc)) from None
    family = socket.AF_INET6 if ":" in bind else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((bind, args.port))
        sock.listen(128)  # from now on a team's browser waits in the queue, never refused
    except OSError as exc:
        raise UsageError(f"cannot listen on {bind}:{args.port} ({exc.strerror})") from None
    port = sock.getsockname()[1]
    host = f"[{bind}]" if family == socket.AF_INET6 else bind
    url = f"http://{host}:{port}/"
    sc = room.scenario
    seeds = ", ".join(str(s) for s in room.seeds)
    print(f"{sc.title}: {room.groups} group(s), seeds {seeds}", flush=True)
    print(f"Teams join at: {url}")
    print(f"Teacher's page: {url}teacher  teacher code: {room.teacher_code}")
    for t in room.teams:
        print(f"  group {t.group + 1:<3} {t.name:<12} code {t.code}   (ai code {t.ai_code})")
    if not room.teams:
        print("  (no human seats: the AI plays every seat; the teacher moves the turns on)")
    print(
        f"The class is saved in {folder} after every turn; stop with Ctrl-C, and start the "
        f"host again with --dir {folder} to resume.",
        flush=True,
    )
    config = uvicorn.Config(
        create_app(room),
        log_level="warning",
        access_log=False,
        lifespan="on",
        timeout_graceful_shutdown=2,
        limit_concurrency=400,
        h11_max_incomplete_event_size=16 * 1024,
    )
    server = uvicorn.Server(config)
    server.run(sockets=[sock])
    return 0


def cmd_join(args: argparse.Namespace) -> int:
    """``join``: an AI plays the seat (``--ai``), or the team's page opens in the browser."""
    from game.classroom.client import JoinError, open_page, play_ai, play_window
    from game.commands import UsageError

    if args.ai is None and args.browser:
        return open_page(args.address, args.code)
    if args.ai is None:
        try:
            return play_window(args.address, args.code, args.frames)
        except JoinError as exc:
            raise UsageError(str(exc)) from None
    parts = args.ai.split(":")
    policy, difficulty = parts[0], parts[1] if len(parts) > 1 else "normal"
    from game.policies import DIFFICULTIES, get_policy

    try:
        get_policy(policy)
    except KeyError as exc:
        raise UsageError(str(exc)) from None
    if difficulty not in DIFFICULTIES:
        raise UsageError(f"difficulty must be one of {', '.join(DIFFICULTIES)}")
    try:
        return play_ai(args.address, args.code, policy, difficulty, args.poll, args.patience)
    except JoinError as exc:
        raise UsageError(str(exc)) from None


def cmd_class_report(args: argparse.Namespace) -> int:
    """``class-report``: the class report, merged CSV and handout from the groups' saves."""
    from game.classroom.results import read_save, write_class_report
    from game.commands import print_written

    saves = [read_save(p) for p in args.saves]
    names = [Path(p).name for p in args.saves]
    return print_written(args.out, lambda: write_class_report(saves, args.out, names))


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Register ``host``, ``join`` and ``class-report`` on the main parser."""
    p = sub.add_parser(
        "host",
        help="serve one lesson to a class on the local network (teams join from a browser)",
        description="Serve a lesson to several groups of teams, each group in its own game "
        "(one engine batch). Prints the address, the teacher's code and a join code per team. "
        "The class is kept in DIR (class.json and one save per group, written after every "
        "turn); started again on the same DIR, the host resumes the class where it was.",
    )
    p.add_argument("--lesson", help="a shipped scenario id or a .toml file")
    p.add_argument("--groups", type=int, default=2, help="groups of teams (default 2)")
    p.add_argument(
        "--seats",
        help="comma-separated seats, each human (a team) or ai:NAME[:DIFFICULTY] (default: "
        "the lesson's own seats)",
    )
    p.add_argument("--seed", type=int, default=0, help="the world's seed (default 0)")
    p.add_argument(
        "--seed-each",
        action="store_true",
        help="one seed per group (seed, seed+1, ...) instead of the same world for all",
    )
    p.add_argument("--timer", type=float, default=0, help="minutes per turn (default: none)")
    p.add_argument("--turns", type=int, help="play fewer turns than the lesson's")
    p.add_argument("--dir", help="the class's folder (default: class-LESSON here)")
    p.add_argument(
        "--bind",
        help="the address to listen on (default: this machine's local-network address)",
    )
    p.add_argument("--port", type=int, default=8000, help="port (default 8000; 0: any free)")
    p.add_argument(
        "--public",
        action="store_true",
        help="allow listening beyond the local network (every interface or a public address)",
    )
    p.set_defaults(func=cmd_host)

    p = sub.add_parser(
        "join",
        help="play a seat of a hosted class from the window (--ai: an AI plays it)",
    )
    p.add_argument("address", help="the host's address, e.g. 192.168.1.20:8000")
    p.add_argument("code", help="the team's join code (with --ai: the seat's AI code)")
    p.add_argument("--ai", metavar="NAME[:DIFFICULTY]", help="let an AI opponent play the seat")
    p.add_argument(
        "--browser", action="store_true", help="open the team's page in the browser instead"
    )
    p.add_argument("--frames", type=int, default=None, help=argparse.SUPPRESS)
    p.add_argument("--poll", type=float, default=0.5, help="seconds between checks (default 0.5)")
    p.add_argument(
        "--patience",
        type=float,
        default=120.0,
        help="seconds to keep trying while the host does not answer (default 120)",
    )
    p.set_defaults(func=cmd_join)

    p = sub.add_parser(
        "class-report",
        help="a class's report, merged CSV and student handout from its groups' saves",
    )
    p.add_argument("saves", nargs="+", metavar="SAVE", help="the groups' saves (group-G.json)")
    p.add_argument("--out", required=True, metavar="DIR", help="folder to write into")
    p.set_defaults(func=cmd_class_report)


if __name__ == "__main__":  # pragma: no cover
    sys.exit("run: python -m game host|join|class-report")
