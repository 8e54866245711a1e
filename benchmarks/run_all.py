"""Every benchmark, one command: ``python benchmarks/run_all.py`` (``--quick`` for a smoke run).

Each prints a ratio measured in one run (see docs/performance.md for this machine's figures):

1. the batch engine: world-turns per second of ``the_shield`` at batch 1 and batch 4096;
2. the classic round robin: 10 strategies, 200 turns, 50 repetitions, whole, and per match;
3. peak memory of the 4096-world run (tracemalloc) against the size of its world state;
4. where the 4096-world run spends its time (cProfile);
5. the lab's tournament: one mixed batch against one Runner per seat assignment;
6. the debrief: batched stage games and counterfactuals against one at a time, the whole
   analysis, the charts and the report export;
7. the strategist: one seat's decision latency (median, p95) against the baseline's, a
   strategist-only game at batch 1 and as a batch, and ``step``'s own cost at batch 1.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import bench_debrief  # noqa: E402
import bench_engine  # noqa: E402
import bench_lab  # noqa: E402
import bench_memory  # noqa: E402
import bench_round_robin  # noqa: E402
import bench_strategist  # noqa: E402
import numpy  # noqa: E402
import profile_engine  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes: checks it runs")
    args = parser.parse_args(argv)
    batch, turns, reps = (64, 3, 5) if args.quick else (4096, 20, 50)
    print(
        f"Python {platform.python_version()}, numpy {numpy.__version__}, "
        f"{os.cpu_count()} CPU(s), {platform.machine()} {platform.system()}"
    )
    start = time.perf_counter()
    print("\n== 1. batch engine ==")
    bench_engine.report("the_shield", batch, turns)
    print("\n== 2. classic round robin ==")
    bench_round_robin.report(200 if not args.quick else 20, reps)
    print("\n== 3. peak memory ==")
    bench_memory.report("the_shield", batch, turns)
    print("\n== 4. profile ==")
    profile_engine.report("the_shield", batch, max(turns // 2, 1))
    print("\n== 5. lab tournament ==")
    # Quick: two entrants (16 seatings, not 81), one repetition, two turns.
    bench_lab.report(
        "hawk,dove" if args.quick else "hawk,dove,copycat",
        1 if args.quick else 5,
        2 if args.quick else 20,
    )
    print("\n== 6. debrief ==")
    bench_debrief.report("two_neighbours" if args.quick else "the_shield", 3)
    print("\n== 7. strategist ==")
    # Quick: 3 decisions, and the strategist-only games only 2 turns long at batch 1 and 4.
    if args.quick:
        bench_strategist.report("the_shield", 3, 4, turns=2)
    else:
        bench_strategist.report("the_shield", 40, 256)
    print(f"\nall benchmarks: {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
