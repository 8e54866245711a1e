"""Peak memory of a big batch, measured with tracemalloc in one run.

    python benchmarks/bench_memory.py [--batch 4096] [--turns 20]

Reports the peak of Python-traced allocations (numpy's arrays included) while the batch plays,
the size of one world state of the batch, and their ratio: how many world states' worth of
memory are alive at the worst moment of a turn (the world, the new world, the observations,
the orders and the temporaries of the rules).
"""

from __future__ import annotations

import argparse
import tracemalloc

from bench_engine import play, runner


def world_bytes(r) -> int:  # noqa: ANN001
    return sum(a.nbytes for a in r.world.arrays().values())


def report(scenario_id: str = "the_shield", batch: int = 4096, turns: int = 20) -> dict:
    tracemalloc.start()
    r = runner(scenario_id, batch)
    tracemalloc.reset_peak()
    base, _ = tracemalloc.get_traced_memory()
    play(r, turns)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    state = world_bytes(r)
    mb = 1024 * 1024
    print(
        f"{scenario_id}: batch {batch}, {turns} turns: peak {peak / mb:.1f} MiB traced "
        f"({peak / batch / 1024:.1f} KiB per world); one world state {state / mb:.1f} MiB "
        f"({state / batch / 1024:.1f} KiB per world); peak / state = {peak / state:.1f}x "
        f"(before the first turn: {base / mb:.1f} MiB)"
    )
    return {"peak": peak, "state": state, "ratio": peak / state}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="the_shield")
    parser.add_argument("--batch", type=int, default=4096)
    parser.add_argument("--turns", type=int, default=20)
    args = parser.parse_args()
    report(args.scenario, args.batch, args.turns)


if __name__ == "__main__":
    main()
