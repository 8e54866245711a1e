"""The lab's tournament as one mixed batch against one Runner per seat assignment.

    python benchmarks/bench_lab.py [--policies hawk,dove,copycat] [--repetitions 5]

A tournament plays every seating of the entrants; :mod:`game.lab.mixed` runs them all as one
batch (each seat's policy split over the worlds where it sits). The obvious alternative loops
over the seatings, one Runner each. Both play the same games (a test pins it); this prints both
times and their ratio.
"""

from __future__ import annotations

import argparse
import time

from game.cli import scenario_with_turns
from game.lab.seating import assignments, parse_entrants
from game.lab.tournament import run_tournament
from game.scenarios import load
from game.session import Runner


def report(policies: str = "hawk,dove,copycat", repetitions: int = 5, turns: int = 20) -> dict:
    scenario = scenario_with_turns(load("the_shield"), turns)
    entrants = parse_entrants(policies)
    seats = assignments(len(entrants), len(scenario.states))
    start = time.perf_counter()
    run_tournament(scenario, entrants, repetitions=repetitions)
    mixed = time.perf_counter() - start
    start = time.perf_counter()
    for a in seats:
        r = Runner(scenario, list(range(repetitions)), tuple(entrants[e].seat for e in a))
        while not r.finished.all():
            r.advance(r.ai_orders())
    looped = time.perf_counter() - start
    games = len(seats) * repetitions
    print(
        f"tournament of {policies} on the_shield: {len(seats)} seatings x {repetitions} = "
        f"{games} games of {turns} turns: one mixed batch {mixed:.2f} s, one Runner per "
        f"seating {looped:.2f} s: {looped / mixed:.1f}x"
    )
    return {"mixed": mixed, "looped": looped, "ratio": looped / mixed}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--policies", default="hawk,dove,copycat")
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument("--turns", type=int, default=20)
    args = parser.parse_args()
    report(args.policies, args.repetitions, args.turns)


if __name__ == "__main__":
    main()
