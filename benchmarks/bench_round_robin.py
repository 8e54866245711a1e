"""A classic round robin, whole: 10 strategies, 200 turns, 50 repetitions per pairing.

    python benchmarks/bench_round_robin.py [--turns 200] [--repetitions 50] [--noise 0.05]

Axelrod's format (every strategy meets every other, no self-play): 45 pairings, each one
vectorised batch of 50 matches. Prints the whole time against the target of half a second, and
the cost of one match and of one pairing.

Before and after, measured in the same run: the round robin with every pairing in one batch (each
turn calls each strategy once) against the same field played pairing by pairing (copies of the
strategies, which the round robin plays one pairing at a time as it did before), at 10 and 50
repetitions; and grim trigger's remembered "ever defected" against a scan of the history every
turn, over long matches (O(T) against O(T^2)).
"""

from __future__ import annotations

import argparse
import dataclasses
import time

import numpy as np

from game.theory import STRATEGIES, Strategy, iterated_match, round_robin

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


def best_of(fn, rounds: int = 5) -> float:
    """Seconds for ``fn()``, the best of ``rounds``."""
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def before_after(turns: int = 200, noise: float = 0.0) -> dict[int, tuple[float, float]]:
    """The round robin at 10 and 50 repetitions: pairing by pairing (before) and at once (now)."""
    copies = [dataclasses.replace(STRATEGIES[n]) for n in FIELD]  # not the built-ins: one by one
    out = {}
    for reps in (10, 50):
        old = best_of(lambda r=reps: round_robin(copies, turns=turns, repetitions=r, noise=noise))
        new = best_of(lambda r=reps: round_robin(FIELD, turns=turns, repetitions=r, noise=noise))
        out[reps] = (old, new)
        print(
            f"round robin, {reps} repetitions, noise {noise:g}: pairing by pairing "
            f"{old * 1000:.1f} ms, all pairings at once {new * 1000:.1f} ms ({old / new:.1f}x)"
        )
    return out


def grim_before_after(turns: tuple[int, ...] = (500, 2000), batch: int = 100) -> None:
    """Grim trigger over long matches: a scan of the history every turn against the kept answer."""

    def scan(own, other, t, rng):
        return other.max(axis=1) if t > 0 else np.zeros(other.shape[0], dtype=np.int8)

    scanning = Strategy("scan_grim", "Grim (scan)", "a scan every turn", "benchmark", True, scan)
    for n in turns:
        old = best_of(lambda n=n: iterated_match(scanning, "random", turns=n, batch=batch), 3)
        new = best_of(lambda n=n: iterated_match("grim_trigger", "random", turns=n, batch=batch), 3)
        print(
            f"grim trigger against random, {n} turns x {batch} matches: scan {old * 1000:.1f} ms, "
            f"remembered {new * 1000:.1f} ms ({old / new:.1f}x)"
        )


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
    before_after(turns)
    grim_before_after()
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
