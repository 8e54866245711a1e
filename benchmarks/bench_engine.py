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

#: The issue's target: batching should buy at least this much.
TARGET_SPEEDUP = 50.0


def runner(scenario_id: str, batch: int) -> Runner:
    scenario = load(scenario_id)
    seats = tuple(Seat(human=False, policy="baseline") for _ in scenario.states)
    return Runner(scenario, list(range(batch)), seats)


def play(r: Runner, turns: int) -> None:
    for _ in range(turns):
        r.advance(r.ai_orders())


def rate(scenario_id: str, batch: int, turns: int, rounds: int = 1) -> float:
    """World-turns per second of ``turns`` turns of a ``batch`` (the best of ``rounds``)."""
    best = float("inf")
    for _ in range(rounds):
        r = runner(scenario_id, batch)
        start = time.perf_counter()
        play(r, turns)
        best = min(best, time.perf_counter() - start)
    return batch * turns / best


def report(scenario_id: str = "the_shield", batch: int = 4096, turns: int = 20) -> dict:
    single = rate(scenario_id, 1, turns, rounds=5)
    many = rate(scenario_id, batch, turns)
    speedup = many / single
    print(f"{scenario_id}: batch 1: {single:,.0f} world-turns/s ({1000 / single:.2f} ms per turn)")
    print(
        f"{scenario_id}: batch {batch}: {many:,.0f} world-turns/s "
        f"({1e6 / many:.1f} us per world-turn)"
    )
    verdict = "meets" if speedup >= TARGET_SPEEDUP else "misses"
    print(f"batching speed-up: {speedup:.1f}x ({verdict} the target of {TARGET_SPEEDUP:.0f}x)")
    return {"single": single, "batch": many, "speedup": speedup}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="the_shield")
    parser.add_argument("--batch", type=int, default=4096)
    parser.add_argument("--turns", type=int, default=20)
    args = parser.parse_args()
    report(args.scenario, args.batch, args.turns)


if __name__ == "__main__":
    main()
