"""The strategist's cost, measured in one run against the Steady Deterrer's.

    python benchmarks/bench_strategist.py [--scenario the_shield] [--decisions 40] [--batch 256]

Prints:

1. decision latency at batch 1: the median and 95th percentile of one seat's ``act`` over
   ``--decisions`` turns of a game, for the strategist at each difficulty and for the baseline,
   with the ratio (a human's patience is the yardstick: well under a second);
2. a strategist-only game of the scenario's length at batch 1 (every seat a strategist);
3. the same game as a batch of ``--batch`` worlds, with the world-turns per second of both;
4. the engine's own per-turn overhead at batch 1 (``step`` with held orders), which every
   look-ahead multiplies.

Nothing here is asserted: timings belong in a report, not in the test suite.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from game.engine.orders import Orders
from game.engine.step import step
from game.policies import observe
from game.scenarios import load
from game.session import Runner, Seat


def latencies(scenario_id: str, policy: str, difficulty: str, decisions: int) -> np.ndarray:
    """Seconds per decision of seat 2 (a rival in The Shield) over a baseline game."""
    scenario = load(scenario_id)
    n = len(scenario.states)
    seats = tuple(
        Seat(False, policy, difficulty) if k == 2 else Seat(False, "baseline") for k in range(n)
    )
    runner = Runner(scenario, [1], seats)
    seat = runner.policies[2]
    out = []
    while len(out) < decisions:
        if runner.finished.all():
            runner = Runner(scenario, [len(out) + 2], seats)
            seat = runner.policies[2]
        obs = observe(runner.world, 2, None, seat.needs_view)
        start = time.perf_counter()
        seat.act(obs)
        out.append(time.perf_counter() - start)
        runner.advance(runner.ai_orders())
    return np.array(out)


def game_rate(scenario_id: str, batch: int, most: int | None = None) -> tuple[float, float]:
    """(seconds, world-turns per second) of a strategist-only game as a batch of ``batch``
    (its first ``most`` turns if given, else to the end)."""
    scenario = load(scenario_id)
    seats = tuple(Seat(False, "strategist") for _ in scenario.states)
    runner = Runner(scenario, list(range(batch)), seats)
    start = time.perf_counter()
    turns = 0
    while not runner.finished.all() and (most is None or turns < most):
        runner.advance(runner.ai_orders())
        turns += 1
    took = time.perf_counter() - start
    return took, batch * turns / took


def step_overhead(scenario_id: str, turns: int = 200) -> float:
    """World-turns per second of ``step`` alone at batch 1 (held orders, no policies)."""
    world = load(scenario_id).initial_world()
    orders = Orders.hold(world)
    start = time.perf_counter()
    for _ in range(turns):
        world, _ = step(world.replace(turn=0), orders, None)
    return turns / (time.perf_counter() - start)


def report(scenario_id: str, decisions: int, batch: int, turns: int | None = None) -> None:
    """``turns``: play only the first turns of the strategist-only games (a smoke run)."""
    base = latencies(scenario_id, "baseline", "normal", decisions)
    print(f"{scenario_id}: one seat's decision at batch 1, over {decisions} turns")
    print(f"  baseline (Steady Deterrer): median {1e3 * np.median(base):7.2f} ms")
    for difficulty in ("easy", "normal", "hard"):
        lat = latencies(scenario_id, "strategist", difficulty, decisions)
        print(
            f"  strategist {difficulty:6s}: median {1e3 * np.median(lat):7.1f} ms, "
            f"p95 {1e3 * np.percentile(lat, 95):7.1f} ms "
            f"({np.median(lat) / np.median(base):.0f}x the baseline)"
        )
    # The hawk looks two turns further than its difficulty (patience 2): five at "normal".
    lat = latencies(scenario_id, "hawk", "normal", decisions)
    print(
        f"  hawk       normal: median {1e3 * np.median(lat):7.1f} ms, "
        f"p95 {1e3 * np.percentile(lat, 95):7.1f} ms "
        f"({np.median(lat) / np.median(base):.0f}x the baseline; 5 turns ahead)"
    )
    one, rate_one = game_rate(scenario_id, 1, turns)
    many, rate_many = game_rate(scenario_id, batch, turns)
    length = "" if turns is None else f", its first {turns} turns"
    print(f"strategist-only game, every seat a strategist (normal){length}:")
    print(f"  batch 1: {one:.1f} s ({rate_one:.1f} world-turns/s)")
    print(
        f"  batch {batch}: {many:.1f} s ({rate_many:.1f} world-turns/s, "
        f"{rate_many / rate_one:.1f}x batch 1 per world-turn)"
    )
    print(f"engine step alone at batch 1: {step_overhead(scenario_id):.0f} world-turns/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="the_shield")
    parser.add_argument("--decisions", type=int, default=40)
    parser.add_argument("--batch", type=int, default=256)
    args = parser.parse_args()
    report(args.scenario, args.decisions, args.batch)


if __name__ == "__main__":
    main()
