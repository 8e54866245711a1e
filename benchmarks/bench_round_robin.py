"""A classic round robin, whole: 10 strategies, 200 turns, 50 repetitions per pairing.

    python benchmarks/bench_round_robin.py [--turns 200] [--repetitions 50] [--noise 0.05]

Axelrod's format (every strategy meets every other, no self-play): 45 pairings, each one
vectorised batch of 50 matches. Prints the whole time against the target of half a second, and
the cost of one match and of one pairing.
"""

from __future__ import annotations

import argparse
import time

from game.theory import STRATEGIES, round_robin

TARGET_SECONDS = 0.5
#: The ten entrants: every classic strategy but the coin flip.
FIELD = tuple(name for name in STRATEGIES if name != "random")[:10]


def timed(turns: int, repetitions: int, noise: float, rounds: int = 5) -> float:
    """Seconds for the whole round robin (the best of ``rounds``)."""
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        round_robin(FIELD, turns=turns, repetitions=repetitions, noise=noise, seed=1)
        best = min(best, time.perf_counter() - start)
    return best


def report(turns: int = 200, repetitions: int = 50, noises: tuple[float, ...] = (0.0, 0.05)):
    k = len(FIELD)
    pairings = k * (k - 1) // 2
    out = {}
    for noise in noises:
        seconds = timed(turns, repetitions, noise)
        matches = pairings * repetitions
        print(
            f"round robin, {k} strategies, {turns} turns, {repetitions} repetitions, noise "
            f"{noise:g}: {seconds * 1000:.1f} ms whole ({TARGET_SECONDS / seconds:.1f}x under "
            f"the {TARGET_SECONDS} s target); {pairings} pairings x {repetitions} = {matches} "
            f"matches: {seconds / matches * 1e6:.1f} us per match, "
            f"{seconds / pairings * 1000:.2f} ms per pairing"
        )
        out[noise] = seconds
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=200)
    parser.add_argument("--repetitions", type=int, default=50)
    parser.add_argument("--noise", type=float, action="append")
    args = parser.parse_args()
    report(args.turns, args.repetitions, tuple(args.noise) if args.noise else (0.0, 0.05))


if __name__ == "__main__":
    main()
