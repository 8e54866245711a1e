"""Batch engine against single-world runs, measured in one run: world-turns per second.

    python benchmarks/bench_engine.py [--scenario the_shield] [--batch 4096] [--turns 20]

Plays the same AI game (baseline seats) as a batch of one and as a batch of B worlds, and
prints both rates and their ratio. Nothing here is asserted: timings belong in a report, not in
the test suite.
"""

from __future__ import annotations

import argparse
import time

from game.scenarios import load
from game.session import Runner, Seat


def rate(scenario_id: str, batch: int, turns: int) -> float:
    scenario = load(scenario_id)
    seats = tuple(Seat(human=False, policy="baseline") for _ in scenario.states)
    runner = Runner(scenario, list(range(batch)), seats)
    start = time.perf_counter()
    for _ in range(turns):
        runner.advance(runner.ai_orders())
    elapsed = time.perf_counter() - start
    return batch * turns / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="the_shield")
    parser.add_argument("--batch", type=int, default=4096)
    parser.add_argument("--turns", type=int, default=20)
    args = parser.parse_args()
    single = rate(args.scenario, 1, args.turns)
    many = rate(args.scenario, args.batch, args.turns)
    print(f"{args.scenario}: batch 1: {single:,.0f} world-turns/s")
    print(f"{args.scenario}: batch {args.batch}: {many:,.0f} world-turns/s")
    print(f"batching speed-up: {many / single:.1f}x")


if __name__ == "__main__":
    main()
