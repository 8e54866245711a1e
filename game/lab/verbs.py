"""Command-line front door of the lab: ``tournament``, ``evolve``, ``sweep`` and ``match``.

Each command is seeded (the same command prints the same bytes and writes the same files),
shows a progress bar on stderr for long work (on a terminal, not under CI), prints aligned
tables, and explains a mistake in one line with exit status 2.
"""

from __future__ import annotations

import argparse
import functools
from collections.abc import Callable

import numpy as np

from game.commands import UsageError, scenario_with_turns
from game.lab.errors import LabError
from game.lab.evolve import MODES, Evolution, evolve_policies, evolve_strategies
from game.lab.files import check_writable, write_csv
from game.lab.match import describe, parse_payoffs, play_match, strategy_name
from game.lab.mixed import CENSUS_EVERY, batches
from game.lab.progress import Progress
from game.lab.seating import MAX_ASSIGNMENTS, assignments, parse_entrants, seats_for
from game.lab.sweep import SweepResult, axis_label, jervis_corners, parse_axes, run_sweep
from game.lab.tables import table
from game.lab.tournament import matrix_worlds, run_tournament, tournament_worlds
from game.limits import (
    MAX_GENERATIONS,
    MAX_MATCH_TURNS,
    MAX_MATCH_WORK,
    MAX_MORAN_STEPS,
    MAX_POPULATION,
    MAX_REPETITIONS,
    MAX_SEED,
    MAX_SWEEP_SEEDS,
)
from game.scenarios import MAX_TURNS, Scenario, load

Command = Callable[[argparse.Namespace], int]

#: Rows of a sweep printed in the terminal (the CSV has them all).
SHOWN_POINTS = 60


def _lab(func: Command) -> Command:
    """The lab's own errors become the CLI's one-line usage errors (exit status 2)."""

    @functools.wraps(func)
    def run(args: argparse.Namespace) -> int:
        try:
            return func(args)
        except LabError as exc:
            raise UsageError(str(exc)) from None

    return run


def _scenario(args: argparse.Namespace) -> Scenario:
    scenario = load(args.scenario)
    if args.turns is not None:
        if not 1 <= args.turns <= MAX_TURNS:
            raise LabError(f"--turns must be from 1 to {MAX_TURNS}, got {args.turns}")
        scenario = scenario_with_turns(scenario, args.turns)
    return scenario


def _check_seed(seed: int) -> None:
    if not 0 <= seed <= MAX_SEED:
        raise LabError(f"--seed must be from 0 to {MAX_SEED}, got {seed}")


def _at_most(flag: str, value: int, limit: int, lo: int = 1) -> None:
    """A size argument within its documented range (README, "Limits")."""
    if not lo <= value <= limit:
        raise LabError(f"{flag} must be from {lo} to {_n(limit)}, got {_n(value)}")


def _n(x: int) -> str:
    """A whole number with its thousands apart: 10 000."""
    return f"{x:,}".replace(",", " ")


def _outputs(args: argparse.Namespace, *pairs: tuple[str, str]) -> None:
    for attr, what in pairs:
        path = getattr(args, attr, None)
        if path:
            check_writable(path, what)


def _match_work(turns: int, repetitions: int) -> None:
    if turns * repetitions > MAX_MATCH_WORK:
        raise LabError(
            f"--turns x --repetitions is {_n(turns * repetitions)} moves per pairing; the most "
            f"is {_n(MAX_MATCH_WORK)} (every move is kept in memory)"
        )


# --------------------------------------------------------------------------------------------
# tournament


@_lab
def cmd_tournament(args: argparse.Namespace) -> int:
    """``tournament``: a round robin of AI opponents on a scenario."""
    _check_seed(args.seed)
    _at_most("--repetitions", args.repetitions, MAX_REPETITIONS)
    scenario = _scenario(args)
    entrants = parse_entrants(args.policies)
    _outputs(args, ("csv", "CSV"))
    n = len(scenario.states)
    worlds = tournament_worlds(len(entrants), n, args.repetitions)
    turns = int(scenario.params.turns)
    assignments(len(entrants), n, args.max_assignments)  # a refusal before any game is played
    with Progress(batches(worlds) * turns, "tournament") as bar:
        result = run_tournament(
            scenario,
            entrants,
            repetitions=args.repetitions,
            seed=args.seed,
            cap=args.max_assignments,
            tick=bar.advance,
        )
    games = len(result.assignments) * result.repetitions
    last = args.seed + args.repetitions - 1
    print(
        f"{scenario.title}: {len(entrants)} policies on {n} seats, "
        f"{len(result.assignments)} seat assignments x {args.repetitions} repetitions = "
        f"{games} games of up to {turns} turns (seeds {args.seed}-{last} in every assignment)"
    )
    rows = [
        [s.label, s.seats_played, s.mean_score, s.war_rate, s.mean_final_reach]
        for s in result.standings()
    ]
    print(
        table(
            ["policy", "seats played", "mean score", "war rate", "mean final reach"],
            rows,
        )
    )
    print("Mean score by seat:")
    by_state = result.by_state()
    print(
        table(
            ["policy", *scenario.names],
            [[label, *map(float, by_state[e])] for e, label in enumerate(result.labels)],
        )
    )
    wars = int(result.outcomes.war.sum())
    print(f"{wars} of {games} games ended in war.")
    if args.csv:
        write_csv(args.csv, result.csv_header(), result.csv_rows())
        print(f"wrote {games} games to {args.csv}")
    return 0


# --------------------------------------------------------------------------------------------
# evolve


@_lab
def cmd_evolve(args: argparse.Namespace) -> int:
    """``evolve``: replicator dynamics over a population of AI opponents."""
    _check_seed(args.seed)
    _outputs(args, ("csv", "CSV"), ("chart", "chart"))
    _at_most("--repetitions", args.repetitions, MAX_REPETITIONS)
    _at_most("--population", args.population, MAX_POPULATION)
    _at_most("--generations", args.generations, MAX_GENERATIONS)
    if args.mode == "moran" and args.population * args.generations > MAX_MORAN_STEPS:
        raise LabError(
            f"--population x --generations is {_n(args.population * args.generations)} "
            f"birth-death steps; the most is {_n(MAX_MORAN_STEPS)} (each step's shares are kept)"
        )
    if not 0.0 <= args.intensity <= 1.0:
        raise LabError(f"--intensity must be from 0 to 1, got {args.intensity}")
    if args.mode not in MODES:
        raise LabError(f"--mode must be one of {', '.join(MODES)}, got {args.mode!r}")
    if (args.strategies is None) == (args.policies is None):
        raise LabError(
            "give either --strategies (classic strategies) or --scenario ID --policies a,b"
        )
    common = dict(
        mode=args.mode,
        population=args.population,
        generations=args.generations,
        seed=args.seed,
        repetitions=args.repetitions,
        intensity=args.intensity,
    )
    if args.strategies is not None:
        if args.scenario is not None:
            raise LabError("--scenario goes with --policies, not with --strategies")
        names = [strategy_name(s.strip()) for s in args.strategies.split(",") if s.strip()]
        if len(names) < 2:
            raise LabError("--strategies: list at least two classic strategies")
        if len(set(names)) != len(names):
            raise LabError("--strategies: list each strategy once")
        turns = 200 if args.turns is None else args.turns
        _at_most("--turns", turns, MAX_MATCH_TURNS)
        _match_work(turns, args.repetitions)
        if not 0.0 <= args.noise <= 1.0:
            raise LabError(f"--noise is a probability, between 0 and 1; got {args.noise}")
        evo = evolve_strategies(
            names, turns=turns, noise=args.noise, payoffs=parse_payoffs(args.payoffs), **common
        )
        source = f"classic strategies, {turns}-turn matches, noise {args.noise:g}"
        unit = "mean payoff per turn of the row strategy against the column"
    else:
        if args.scenario is None:
            raise LabError("--policies needs --scenario ID: the game the opponents play")
        scenario = _scenario(args)
        entrants = parse_entrants(args.policies, at_least=2)
        n = len(scenario.states)
        worlds = matrix_worlds(len(entrants), n, args.repetitions)
        with Progress(batches(worlds) * int(scenario.params.turns), "payoffs") as bar:
            evo = evolve_policies(scenario, entrants, tick=bar.advance, **common)
        source = f"{scenario.title}, {args.repetitions} games per seating"
        unit = "mean score of the row policy in one seat, the column policy in all others"
    _print_evolution(evo, source, unit)
    if args.csv:
        write_csv(args.csv, evo.csv_header(), evo.csv_rows())
        print(f"wrote {evo.generations + 1} generations to {args.csv}")
    if args.chart:
        _evolution_chart(args.chart, evo, source)
        print(f"wrote the chart to {args.chart}")
    return 0


def _mode_title(evo: Evolution) -> str:
    if evo.mode == "moran":
        return f"Moran process, population {evo.population}"
    return "replicator dynamics"


def _print_evolution(evo: Evolution, source: str, unit: str) -> None:
    print(f"Evolution ({_mode_title(evo)}; {source}), {evo.generations} generations")
    print(f"Payoffs ({unit}):")
    rows = [[name, *map(float, evo.payoffs[i])] for i, name in enumerate(evo.names)]
    print(table(["", *evo.names], rows))
    start, end = evo.shares[0], evo.shares[-1]
    order = np.argsort(-end, kind="stable")
    print("Shares of the population:")
    print(
        table(
            ["type", "start", "end"],
            [[evo.names[i], float(start[i]), float(end[i])] for i in order],
        )
    )
    if evo.fixated is not None:
        print(f"{evo.fixated} took over the whole population in generation {evo.fixated_at}.")
    elif evo.mode == "moran":
        print("No type took over: the population is still mixed.")


def _evolution_chart(path: str, evo: Evolution, source: str) -> None:
    from game.lab import plots  # matplotlib only when a chart is drawn (--help stays light)

    plots.line_chart(
        path,
        np.arange(evo.generations + 1),
        {name: evo.shares[:, i] for i, name in enumerate(evo.names)},
        title=f"Which strategies spread? {_mode_title(evo)}",
        subtitle=source,
        xlabel="generation" + (" (population replaced once)" if evo.mode == "moran" else ""),
        ylabel="share of the population",
    )


# --------------------------------------------------------------------------------------------
# sweep


@_lab
def cmd_sweep(args: argparse.Namespace) -> int:
    """``sweep``: a scenario's outcome over a grid of parameter values."""
    _check_seed(args.seed)
    _outputs(args, ("csv", "CSV"), ("heatmap", "heat-map"))
    scenario = _scenario(args)
    axes = parse_axes(args.param or [])
    seats = seats_for(args.policies, len(scenario.states), scenario.default_seats)
    _at_most("--seeds", args.seeds, MAX_SWEEP_SEEDS)
    points = int(np.prod([len(a.values) for a in axes]))
    worlds = points * args.seeds
    with Progress(batches(worlds) * int(scenario.params.turns), "sweep") as bar:
        result = run_sweep(
            scenario, axes, seats, seeds=args.seeds, seed=args.seed, tick=bar.advance
        )
    names = " x ".join(f"{a.name} ({len(a.values)})" for a in axes)
    print(
        f"{scenario.title}: {names} = {points} grid points x {args.seeds} seeds = {worlds} "
        f"worlds in one run of the engine, up to {scenario.params.turns} turns "
        f"(seeds {args.seed}-{args.seed + args.seeds - 1} at every point)"
    )
    rows = [[*map(float, r[: len(axes)]), *r[len(axes) + 1 :]] for r in result.csv_rows()]
    print(
        table(
            [
                *(a.name for a in axes),
                "war rate",
                "mean final arms",
                "mean min stability",
                "dilemma share",
            ],
            rows[:SHOWN_POINTS],
        )
    )
    if len(rows) > SHOWN_POINTS:
        print(f"  ... and {len(rows) - SHOWN_POINTS} more grid points (see the CSV)")
    print(
        "(arms: reach + shield of every state at the end; stability: the lowest first-strike "
        "stability of any pair of rivals during the game, 1 = nobody gains by striking first; "
        "dilemma share: of the rival pairs' stage games every "
        f"{CENSUS_EVERY} turns, the share that is a prisoner's dilemma or chicken)"
    )
    if args.csv:
        write_csv(args.csv, result.csv_header(), result.csv_rows())
        print(f"wrote {points} grid points to {args.csv}")
    if args.heatmap:
        _sweep_heatmap(args.heatmap, result)
        print(f"wrote the heat-map to {args.heatmap}")
    return 0


def _sweep_heatmap(path: str, result: SweepResult) -> None:
    from game.lab import plots  # matplotlib only when a chart is drawn (--help stays light)

    axes = result.axes
    x = axes[0]
    y = axes[1] if len(axes) > 1 else None
    note = f" (mean over {', '.join(a.name for a in axes[2:])})" if len(axes) > 2 else ""
    corners = jervis_corners(x.name, y.name) if y is not None else None
    if corners:
        headline = (
            "Jervis's four worlds, drawn from data: offense-defense balance x distinguishability"
        )
    else:
        over = x.name if y is None else f"{x.name} x {y.name}"
        headline = f"War and arms over {over}, drawn from data (after Jervis's four worlds)"
    plots.heatmaps(
        path,
        x.values,
        y.values if y is not None else [0.0],
        [
            (
                "War rate",
                result.grid(result.war_rate()),
                "share of games ending in war",
                "Reds",
                (0.0, 1.0),
            ),
            (
                "Mean arms at the end",
                result.grid(result.mean_arms()),
                "reach + shield, all states",
                "viridis",
                None,
            ),
            (
                "Dilemma share of the stage games",
                result.grid(result.dilemma_share()),
                "prisoner's dilemma or chicken, rival pairs",
                "Purples",
                (0.0, 1.0),
            ),
        ],
        xlabel=axis_label(x.name),
        ylabel=axis_label(y.name) if y is not None else "",
        title=f"{headline}\n{result.scenario.title}, {len(result.seeds)} seeds per cell{note}",
        corners=corners,
    )


# --------------------------------------------------------------------------------------------
# match


@_lab
def cmd_match(args: argparse.Namespace) -> int:
    """``match``: two classic iterated-game strategies against each other."""
    _check_seed(args.seed)
    _at_most("--turns", args.turns, MAX_MATCH_TURNS)
    _at_most("--repetitions", args.repetitions, MAX_REPETITIONS)
    _match_work(args.turns, args.repetitions)
    result = play_match(
        args.row,
        args.col,
        turns=args.turns,
        noise=args.noise,
        seed=args.seed,
        payoffs=parse_payoffs(args.payoffs),
        repetitions=args.repetitions,
    )
    print(describe(result, seed=args.seed))
    return 0


# --------------------------------------------------------------------------------------------


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Register the lab's subcommands on the main parser."""
    _add_tournament(sub)
    _add_evolve(sub)
    _add_sweep(sub)
    _add_match(sub)


def _add_tournament(sub: argparse._SubParsersAction) -> None:
    """``tournament``: its options, run by :func:`cmd_tournament`."""
    p = sub.add_parser(
        "tournament",
        help="every seating of AI opponents on a scenario, many times: table and CSV",
        description="Play every assignment of the listed policies to the scenario's seats, "
        "each for --repetitions games (repetition r plays seed SEED + r in every assignment).",
    )
    p.add_argument("--scenario", required=True, help="a shipped scenario id or a .toml file")
    p.add_argument(
        "--policies", required=True, help="comma-separated opponents, NAME or NAME:DIFFICULTY"
    )
    p.add_argument("--repetitions", type=int, default=10, help="games per seating (default 10)")
    p.add_argument("--seed", type=int, default=0, help="first seed (default 0)")
    p.add_argument("--turns", type=int, default=None, help="turns (default: the scenario's)")
    p.add_argument("--csv", metavar="FILE", help="write one row per game")
    p.add_argument(
        "--max-assignments",
        type=int,
        default=MAX_ASSIGNMENTS,
        help=f"refuse more seat assignments than this (default {MAX_ASSIGNMENTS})",
    )
    p.set_defaults(func=cmd_tournament)


def _add_evolve(sub: argparse._SubParsersAction) -> None:
    """``evolve``: its options, run by :func:`cmd_evolve`."""
    p = sub.add_parser(
        "evolve",
        help="population dynamics over classic strategies or AI opponents: CSV and chart",
        description="Moran process or replicator dynamics from equal shares. Classic strategies "
        "are scored by a round robin; opponents (--scenario, --policies) by a batched "
        "tournament of the scenario, each in one seat against another in all the others.",
    )
    p.add_argument(
        "--strategies", help="comma-separated classic strategies, e.g. tit_for_tat,always_defect"
    )
    p.add_argument("--scenario", help="with --policies: the scenario that scores them")
    p.add_argument("--policies", help="comma-separated opponents, NAME or NAME:DIFFICULTY")
    p.add_argument("--mode", default="moran", choices=MODES, help="default moran")
    p.add_argument("--population", type=int, default=30, help="Moran population (default 30)")
    p.add_argument(
        "--generations",
        type=int,
        default=100,
        help="generations (Moran: population-many birth-death steps each; default 100)",
    )
    p.add_argument("--seed", type=int, default=0)
    p.add_argument(
        "--turns",
        type=int,
        default=None,
        help="turns per match (default 200) or per game (default: the scenario's)",
    )
    p.add_argument("--noise", type=float, default=0.0, help="classic: chance a move flips")
    p.add_argument("--payoffs", default="3,0,5,1", help="classic: R,S,T,P (default 3,0,5,1)")
    p.add_argument(
        "--repetitions", type=int, default=10, help="matches or games per pairing (default 10)"
    )
    p.add_argument(
        "--intensity",
        type=float,
        default=0.5,
        help="selection intensity w: fitness 1 - w + w * payoff (default 0.5)",
    )
    p.add_argument("--csv", metavar="FILE", help="write the shares of every generation")
    p.add_argument("--chart", metavar="PNG", help="draw the shares over the generations")
    p.set_defaults(func=cmd_evolve)


def _add_sweep(sub: argparse._SubParsersAction) -> None:
    """``sweep``: its options, run by :func:`cmd_sweep`."""
    p = sub.add_parser(
        "sweep",
        help="a grid of scenario parameters x seeds in one batch: CSV and heat-map",
        description="Each --param NAME=START:STOP:COUNT takes COUNT evenly spaced values; every "
        "grid point plays seeds SEED .. SEED + SEEDS - 1, all as one batch of worlds.",
    )
    p.add_argument("--scenario", required=True)
    p.add_argument(
        "--param",
        action="append",
        metavar="NAME=START:STOP:COUNT",
        help="a parameter to sweep (repeat for more; the first two make the heat-map)",
    )
    p.add_argument("--seeds", type=int, default=10, help="games per grid point (default 10)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--turns", type=int, default=None)
    p.add_argument(
        "--policies",
        default=None,
        help="one opponent for every seat, or one per seat (default: the scenario's own seats, "
        "each human seat played by the baseline)",
    )
    p.add_argument("--csv", metavar="FILE", help="write one row per grid point")
    p.add_argument("--heatmap", metavar="PNG", help="draw war rate and mean arms over the grid")
    p.set_defaults(func=cmd_sweep)


def _add_match(sub: argparse._SubParsersAction) -> None:
    """``match``: its options, run by :func:`cmd_match`."""
    p = sub.add_parser(
        "match",
        help="one iterated match between two classic strategies",
        description="Plays ROW against COL and prints both histories (C restrain, D arm) and "
        "the scores.",
    )
    p.add_argument("row", help="a classic strategy, e.g. tit_for_tat")
    p.add_argument("col", help="a classic strategy, e.g. alternator")
    p.add_argument("--turns", type=int, default=200, help="default 200")
    p.add_argument("--noise", type=float, default=0.0, help="chance each move flips")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--payoffs", default="3,0,5,1", help="R,S,T,P (default 3,0,5,1)")
    p.add_argument(
        "--repetitions",
        type=int,
        default=1,
        help="matches played at once; prints the first and the mean scores",
    )
    p.set_defaults(func=cmd_match)
