"""The command line: ``python -m game COMMAND`` (or ``delicate-balance COMMAND``).

With no command, the game window opens on its title screen.

Commands: ``simulate`` (AI games, as JSON or CSV), ``lens`` (the stage game a pair faces),
``scenarios`` (list), ``check-scenario`` (validate a file). Errors print one clear line and exit
with status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from game.commands import UsageError, ai_seats, scenario_with_turns
from game.engine.deterrence import exchange
from game.engine.events import Events
from game.engine.orders import IllegalOrder
from game.engine.stage import MOVES, StageGame, stage_game
from game.engine.state import CATEGORIES, KINDS, World
from game.limits import MAX_BATCH, MAX_GAME_TURNS, MAX_SEED, SIMULATE_BYTES, TooBig, check_memory
from game.saves import SaveError
from game.scenarios import Scenario, ScenarioError, builtin_ids, load, load_builtin
from game.session import Runner, SeatError, Session, parse_seats


def _rounded(x: Any) -> Any:
    """Numbers as JSON with fixed rounding, so the same game prints the same bytes."""
    if isinstance(x, np.ndarray):
        return _rounded(x.tolist())
    if isinstance(x, dict):
        return {k: _rounded(v) for k, v in x.items()}
    if isinstance(x, list | tuple):
        return [_rounded(v) for v in x]
    if isinstance(x, float | np.floating):
        v = float(x)
        if not np.isfinite(v):
            return None
        return round(v, 6)
    if isinstance(x, np.integer | np.bool_):
        return x.item()
    return x


def world_snapshot(world: World, b: int, ex: Any = None) -> dict[str, Any]:
    """One world's state as plain data: per state, and per pair (i < j). ``ex`` is the batch's
    exchange when the caller has it (computing it for the whole batch once per world made
    ``simulate --batch`` grow with the square of the batch)."""
    ex = exchange(world) if ex is None else ex
    names = world.names
    states = []
    for i, name in enumerate(names):
        states.append(
            {
                "name": name,
                "kind": KINDS[int(world.kind[b, i])],
                "economy": world.economy[b, i],
                "reach": world.reach[b, i],
                "shield": world.shield[b, i],
                "hardening": world.hardening[b, i],
                "tech": world.tech[b, i],
                "standing": world.standing[b, i],
                "support": world.support[b, i],
                "utility": world.utility[b, i],
                "score": world.score[b, i],
            }
        )
    pairs = []
    for i in range(world.n):
        for j in range(i + 1, world.n):
            pairs.append(
                {
                    "pair": [names[i], names[j]],
                    "allied": bool(world.alliance[b, i, j] > 0.5),
                    "tension": world.tension[b, i, j],
                    "stability": ex.stability[b, i, j],
                    "deters": [bool(ex.margin[b, i, j] >= 0), bool(ex.margin[b, j, i] >= 0)],
                    "belief": [world.belief[b, i, j], world.belief[b, j, i]],
                }
            )
    return _rounded({"turn": world.turn, "states": states, "pairs": pairs})


def run_batch(
    scenario: Scenario,
    seeds: list[int],
    seats: list[str] | None,
    turns: int | None,
    kept: list[Session] | None = None,
):
    """Play AI games for ``seeds``; yields ``(events, world, runner)`` after each turn (the
    runner's ``reasons_in(b)`` says why each explaining AI seat played as it did).

    With ``kept`` (one seed), the game is played as a :class:`Session`, appended to ``kept``, so
    that ``--save`` writes the game just played instead of playing it a second time.
    """
    texts = seats if seats is not None else ai_seats(scenario)
    parsed = parse_seats(texts, len(scenario.states))
    if any(s.human for s in parsed):
        raise UsageError("simulate plays AI seats only: give every seat as ai:NAME")
    if turns is not None:
        if turns < 1:
            raise UsageError(f"--turns must be at least 1, got {turns}")
        scenario = scenario_with_turns(scenario, turns)
    if kept is not None:
        (seed,) = seeds
        session = Session.new(scenario, seed, list(texts))
        kept.append(session)
        yield None, session.world, session.runner
        while not session.over:
            events = session.play_turn()
            yield events, session.world, session.runner
        return
    runner = Runner(scenario, seeds, parsed)
    yield None, runner.world, runner
    while not runner.finished.all():
        events = runner.advance(runner.ai_orders())
        yield events, runner.world, runner


def _with_progress(steps: Iterator[Any], total: int, label: str) -> Iterator[Any]:
    """``steps`` with a progress bar on stderr (on a terminal, not under CI); Ctrl-C stops the
    run cleanly (the bar is cleared, ``main`` prints "interrupted" and exits 130)."""
    from game.lab.progress import Progress

    with Progress(total, label) as bar:
        for step in steps:
            yield step
            bar.advance()


def cmd_simulate(args: argparse.Namespace) -> int:
    """``simulate``: play a scenario with AI seats and print, save or stream it."""
    scenario = load(args.scenario)
    _check_seed(args.seed)
    if not 1 <= args.batch <= MAX_BATCH:
        raise UsageError(f"--batch must be from 1 to {MAX_BATCH}, got {args.batch}")
    if args.seed + args.batch - 1 > MAX_SEED:
        raise UsageError(f"--seed + --batch - 1 must be at most {MAX_SEED} (the largest seed)")
    if args.turns is not None and not 1 <= args.turns <= MAX_GAME_TURNS:
        raise UsageError(f"--turns must be from 1 to {MAX_GAME_TURNS}, got {args.turns}")
    turns = int(scenario.params.turns) if args.turns is None else args.turns
    try:
        check_memory(
            "this run",
            args.batch * turns * len(scenario.states),
            SIMULATE_BYTES,
            "use a smaller --batch or --turns",
        )
    except TooBig as exc:
        raise UsageError(str(exc)) from None
    seeds = [args.seed + b for b in range(args.batch)]
    seats = args.seats.split(",") if args.seats else None
    if args.save and args.batch != 1:
        raise UsageError("--save writes one game: use it without --batch")
    worlds: list[dict[str, Any]] = [{"seed": s, "turns": [], "events": []} for s in seeds]
    rows: list[list[Any]] = []
    final: World | None = None
    kept: list[Session] | None = [] if args.save else None
    steps = run_batch(scenario, seeds, seats, args.turns, kept)
    for events, world, runner in _with_progress(steps, turns + 1, "simulate"):
        final = world
        ex = exchange(world)  # once per turn for the whole batch, not once per world
        for b in range(world.batch):
            if events is not None and events.before.over[b]:
                continue
            if world.over[b]:  # the game ended here: its digest is the single game's last one
                worlds[b]["digest"] = world.select(b).digest()
            snap = world_snapshot(world, b, ex)
            worlds[b]["turns"].append(snap)
            if events is not None:
                worlds[b]["events"].extend(e.to_dict() for e in events.records(b))
                reasons = runner.reasons_in(b)
                if reasons:
                    snap["reasons"] = reasons
            if args.csv:
                rows.extend(_csv_rows(seeds[b], snap, events, b))
    assert final is not None
    for b in range(final.batch):
        worlds[b]["outcome"] = "war" if final.over[b] else "peace"
        worlds[b].setdefault("digest", final.select(b).digest())
    if args.csv:
        _write_csv(args.csv, rows)
    if kept:
        _save_game(kept[0], args.save)
    if args.json or not args.csv:
        doc = {
            "scenario": scenario.id,
            "seed": args.seed,
            "batch": args.batch,
            "seed_scheme": "world b plays seed + b",
            "seats": seats or ai_seats(scenario),
            "worlds": worlds,
        }
        if args.json:
            sys.stdout.write(json.dumps(doc, indent=1, sort_keys=False) + "\n")
        else:
            _print_summary(scenario, worlds)
    return 0


CSV_COLUMNS = [
    "seed",
    "turn",
    "state",
    "kind",
    "economy",
    "reach",
    "shield",
    "hardening",
    "tech",
    "standing",
    "support",
    "utility",
    "score",
    *[f"spend_{c}" for c in CATEGORIES],
    "cut",
]


def _csv_rows(seed: int, snap: dict[str, Any], events: Events | None, b: int) -> list[list[Any]]:
    rows = []
    for i, s in enumerate(snap["states"]):
        spend = events.spend[b, i] if events is not None else np.zeros(len(CATEGORIES))
        cut = events.cut[b, i] if events is not None else 0.0
        rows.append(
            [
                seed,
                snap["turn"],
                s["name"],
                s["kind"],
                *(s[k] for k in CSV_COLUMNS[4:13]),
                *_rounded(spend),
                _rounded(float(cut)),
            ]
        )
    return rows


def _save_game(session: Session, path: str) -> None:
    """Write the save of the AI game just played, so a teacher can prepare an example to load,
    replay or report on."""
    from game.saves import save

    try:
        save(session, path)
    except OSError as exc:
        raise UsageError(f"{path}: cannot write the save ({exc.strerror})") from None


def _write_csv(path: str, rows: list[list[Any]]) -> None:
    from game.report.table import text_cell, write_table

    def cell(v: Any) -> Any:
        # Text is never a formula in a spreadsheet (OWASP): a leading = + - @ gets a quote.
        return text_cell(v) if isinstance(v, str) else v

    try:
        with open(path, "w", newline="", encoding="utf-8") as fh:
            write_table(fh, CSV_COLUMNS, rows, cell=cell)
    except OSError as exc:
        raise UsageError(f"{path}: cannot write the CSV ({exc.strerror})") from None


def _print_summary(scenario: Scenario, worlds: list[dict[str, Any]]) -> None:
    """One game: a line per turn (arms, the most tense pair, the least stable pair, events).
    Several games: one line each."""
    print(f"{scenario.title}: {len(worlds)} game(s)")
    if len(worlds) == 1:
        _print_game(worlds[0])
    for w in worlds:
        last = w["turns"][-1]
        scores = ", ".join(f"{s['name']} {s['score']:.2f}" for s in last["states"])
        print(f"  seed {w['seed']}: {w['outcome']} after {last['turn']} turns; scores: {scores}")


def _print_game(world: dict[str, Any]) -> None:
    names = [s["name"] for s in world["turns"][0]["states"]]
    print("  turn  " + "".join(f"{n[:9]:>10}" for n in names) + "   tension  stability  events")
    by_turn: dict[int, list[str]] = {}
    for e in world["events"]:
        if e["kind"] in ("crisis", "crisis_eased", "war", "reach_cut", "deterrence_lost"):
            by_turn.setdefault(e["turn"] + 1, []).append(f"{e['kind']} {'/'.join(e['actors'])}")
    for snap in world["turns"]:
        reach = "".join(f"{s['reach']:>10.1f}" for s in snap["states"])
        rivals = [p for p in snap["pairs"] if not p["allied"]] or snap["pairs"]
        tense = max(rivals, key=lambda p: p["tension"])
        shaky = min(rivals, key=lambda p: p["stability"])
        notes = "; ".join(by_turn.get(snap["turn"], []))
        tense_pair, shaky_pair = "/".join(tense["pair"])[:13], "/".join(shaky["pair"])[:13]
        print(
            f"  {snap['turn']:>4}  {reach}   {tense['tension']:.2f} {tense_pair:<13}"
            f" {shaky['stability']:.2f} {shaky_pair:<13} {notes}"
        )
    print("  (reach of each state; the most tense and the least stable pair of rivals;")
    print("   first-strike stability 1 = nobody gains by striking first)")


def _check_seed(seed: int) -> None:
    if not 0 <= seed <= MAX_SEED:
        raise UsageError(f"--seed must be from 0 to {MAX_SEED}, got {seed}")


def cmd_lens(args: argparse.Namespace) -> int:
    """``lens``: the stage game of one pair at one turn, as the Theory lens shows it."""
    scenario = load(args.scenario)
    _check_seed(args.seed)
    row, col = _lens_pair(scenario, args.pair)
    if args.turn < 0:
        raise UsageError(f"--turn must be 0 or more, got {args.turn}")
    session = Session.new(scenario, args.seed, ai_seats(scenario))
    while session.turn < args.turn and not session.over:
        session.play_turn()
    game = stage_game(session.world, row, col)
    if args.json:
        print(json.dumps(_rounded(_lens_doc(scenario.id, args.seed, session.turn, game)), indent=1))
        return 0
    print(
        f"{scenario.title}, seed {args.seed}, turn {session.turn}: "
        f"{game.row} (rows) against {game.col} (columns)"
    )
    _print_stage_game(game)
    _print_deterrence(game)
    return 0


def _lens_pair(scenario: Scenario, pair: str) -> tuple[int, int]:
    """The two states ``--pair`` names (``A,B``), as indices; :class:`UsageError` if not two
    different states of the scenario."""
    names = [x.strip() for x in pair.split(",")]
    if len(names) != 2:
        raise UsageError(f"--pair takes two state names separated by a comma, got {pair!r}")
    idx = []
    for name in names:
        if name not in scenario.names:
            raise UsageError(
                f"--pair: no state called {name!r}; states: {', '.join(scenario.names)}"
            )
        idx.append(scenario.names.index(name))
    if idx[0] == idx[1]:
        raise UsageError("--pair needs two different states")
    return idx[0], idx[1]


def _lens_doc(scenario_id: str, seed: int, turn: int, game: StageGame) -> dict[str, Any]:
    """``lens --json``: the stage game and what the lens says of it, as data."""
    return {
        "scenario": scenario_id,
        "seed": seed,
        "turn": turn,
        "row": game.row,
        "col": game.col,
        "moves": list(MOVES),
        "A": game.A,
        "B": game.B,
        "name": game.name,
        "equilibria": [[x, y] for x, y in game.equilibria],
        "pareto": game.pareto,
        "jervis_world": game.world,
        "first_strike_stability": game.stability,
        "margins": {game.row: game.margin_row, game.col: game.margin_col},
        "host_exposure": {game.row: game.exposure_row, game.col: game.exposure_col},
        "tech": {game.row: game.tech_row, game.col: game.tech_col},
        "joint_programme": game.programme,
    }


def _print_stage_game(game: StageGame) -> None:
    """The game's name and meaning, its payoff table and its Nash equilibria."""
    from game.theory import GAME_EXPLANATIONS, GAME_TITLES, classify_ordering

    print(
        f"Stage game: {GAME_TITLES.get(game.name, game.name)}. "
        f"{GAME_EXPLANATIONS.get(game.name, '')}".rstrip()
    )
    if game.name == "asymmetric":
        for who, pay in ((game.row, game.A), (game.col, game.B.T)):
            own = classify_ordering(pay[0, 0], pay[0, 1], pay[1, 0], pay[1, 1])
            print(f"  {who}'s own preferences make it a {GAME_TITLES.get(own, own)}")
    label = max(len(f"{who} {m}") for who in (game.row, game.col) for m in MOVES) + 2
    print(" " * label + "".join(f"{game.col + ' ' + m:>22}" for m in MOVES))
    for r, m in enumerate(MOVES):
        cells = []
        for c in range(2):
            mark = "*" if game.pareto[r, c] else " "
            cells.append(f"{game.A[r, c]:.3f}, {game.B[r, c]:.3f}{mark}".rjust(22))
        print(f"{game.row + ' ' + m:<{label}}" + "".join(cells))
    print("(payoffs: the row's, then the column's; * marks the Pareto-optimal cells)")
    for x, y in game.equilibria:
        kind = "pure" if max(x) > 1 - 1e-9 and max(y) > 1 - 1e-9 else "mixed"
        mix_x = ", ".join(f"{MOVES[k]} {x[k]:.2f}" for k in range(2))
        mix_y = ", ".join(f"{MOVES[k]} {y[k]:.2f}" for k in range(2))
        print(f"Nash equilibrium ({kind}): {game.row} [{mix_x}], {game.col} [{mix_y}]")


def _print_deterrence(game: StageGame) -> None:
    """Jervis's world, first-strike stability, each side's second strike and exposure as a
    host, and a joint shield programme if the pair runs one."""
    from game.theory import JERVIS_WORLD_EXPLANATIONS, JERVIS_WORLD_TITLES

    print(
        f"Jervis's world: {JERVIS_WORLD_TITLES.get(game.world, game.world)}. "
        f"{JERVIS_WORLD_EXPLANATIONS.get(game.world, '')}".rstrip()
    )
    print(
        f"First-strike stability: {game.stability:.3f} "
        "(1: nobody gains by striking first; near 0: use it or lose it)"
    )
    for who, other, margin in (
        (game.row, game.col, game.margin_row),
        (game.col, game.row, game.margin_col),
    ):
        verdict = "deters" if margin >= 0 else "does not deter"
        exposure = game.exposure_row if who == game.row else game.exposure_col
        if exposure > 0:
            print(
                f"{who} is exposed as a host: a first strike on the forces it carries (or a "
                f"declared targeting) would spill {exposure:.2f} damage onto it"
            )
        print(
            f"{who}'s second strike {verdict} {other} (margin {margin:+.2f}: damage its "
            "survivors would do, less what the other finds unacceptable)"
        )
    if game.programme:
        print(
            f"{game.row} and {game.col} run a joint shield programme: tech {game.tech_row:.2f} "
            f"and {game.tech_col:.2f}; the gap closes each turn (know-how that could one day "
            "be turned against its giver)"
        )


def cmd_scenarios(args: argparse.Namespace) -> int:
    """``scenarios``: list the built-in scenarios, one line each."""
    for sid in builtin_ids():
        s = load_builtin(sid)
        print(f"{sid:<16} {len(s.states)} states, {s.params.turns} turns  {s.title}: {s.summary}")
    return 0


def cmd_check_scenario(args: argparse.Namespace) -> int:
    """``check-scenario``: load a scenario file and print every problem found in it."""
    try:
        s = load(args.file)
    except ScenarioError as exc:
        problems = getattr(exc, "problems", None) or [str(exc)]
        if len(problems) > 1:  # a teacher sees every problem at once, one per line
            print("\n".join(f"error: {p}" for p in problems), file=sys.stderr)
            return 2
        raise
    print(f"{args.file}: ok ({s.title}; {len(s.states)} states, {s.params.turns} turns)")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The ``python -m game`` parser with every sub-command."""
    parser = argparse.ArgumentParser(
        prog="python -m game",
        description="Delicate Balance: a teaching game of deterrence and the security dilemma.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("simulate", help="play AI games and print them (JSON, CSV or a summary)")
    p.add_argument("--scenario", required=True, help="a shipped scenario id or a .toml file")
    p.add_argument("--seed", type=int, default=0, help="the game's seed (default 0)")
    p.add_argument(
        "--turns", type=int, default=None, help="turns to play (default: the scenario's)"
    )
    p.add_argument(
        "--batch", type=int, default=1, help="games to play at once; world b plays seed + b"
    )
    p.add_argument(
        "--seats",
        default=None,
        help="comma-separated seats, e.g. ai:baseline,ai:hawk:hard (default: the scenario's "
        "own seats, each human seat played by ai:baseline)",
    )
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print every turn and event as JSON")
    out.add_argument("--csv", metavar="FILE", help="write one row per world, turn and state")
    p.add_argument("--save", metavar="FILE", help="also write the game's save (one game only)")
    p.set_defaults(func=cmd_simulate)

    p = sub.add_parser("lens", help="the 2x2 stage game a pair faces at a turn")
    p.add_argument("--scenario", required=True)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--turn", type=int, default=0, help="turns to play (AI seats) before looking")
    p.add_argument("--pair", required=True, help="two state names, e.g. Aurum,Veyra")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_lens)

    p = sub.add_parser("scenarios", help="list the shipped scenarios")
    p.set_defaults(func=cmd_scenarios)

    p = sub.add_parser("check-scenario", help="validate a scenario file")
    p.add_argument("file")
    p.set_defaults(func=cmd_check_scenario)

    from game.classroom.class_commands import add_commands as add_class_commands
    from game.lab.verbs import add_commands as add_lab_commands
    from game.report.command import add_commands as add_report_commands
    from game.ui.window_commands import add_commands as add_window_commands

    add_lab_commands(sub)
    add_report_commands(sub)
    add_window_commands(sub)
    add_class_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line ``argv``; returns the exit code (2 for a usage error)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse prints its own one-line usage error
        return int(exc.code or 0)
    if args.command is None:  # no command: the game window, on its title screen
        from game.ui.window_commands import run_title

        args.func = lambda _args: run_title()
    try:
        return int(args.func(args))
    except (UsageError, ScenarioError, SaveError, SeatError, IllegalOrder) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug of ours: one line, not a traceback (DEBUG=1 shows it)
        if os.environ.get("DELICATE_BALANCE_DEBUG"):
            raise
        print(
            f"error: unexpected {type(exc).__name__}: {exc} (set DELICATE_BALANCE_DEBUG=1 "
            "for details, and please report it)",
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":
    sys.exit(main())
