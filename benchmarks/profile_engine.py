"""Where the time of a big batch goes: cProfile over a 4096-world game, top functions.

    python benchmarks/profile_engine.py [--batch 4096] [--turns 10] [--top 15]

Prints the functions with the most time of their own (``tottime``) and the engine stages with
the most time inclusive (``cumtime``), each as a share of the whole run.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats

from bench_engine import play, runner

#: Stages worth reading inclusive: the turn's parts and the policies' part.
STAGES = (
    ("game/session.py", "ai_orders"),
    ("game/policies/base.py", "observe"),
    ("game/engine/step.py", "step"),
    ("game/engine/diplomacy.py", "resolve"),
    ("game/engine/diplomacy.py", "escalation_odds"),
    ("game/engine/diplomacy.py", "crisis_war_odds"),
    ("game/engine/treaties.py", "caps_for"),
    ("game/engine/deterrence.py", "exchange"),
    ("game/engine/perception.py", "observe"),
    ("game/engine/perception.py", "update_beliefs"),
    ("game/engine/perception.py", "draw_noise"),
    ("game/engine/tension.py", "next_tension"),
    ("game/engine/economy.py", "build"),
    ("game/engine/treaties.py", "violations"),
    ("game/engine/orders.py", "check"),
    ("game/engine/payoffs.py", "utility"),
)


REDUCTIONS = tuple(
    f"<method '{m}' of 'numpy.ndarray' objects>" for m in ("sum", "max", "min", "any", "all")
)


def _short(key: tuple[str, int, str]) -> str:
    path, line, name = key
    if "game/" in path:
        path = path[path.rindex("game/") :]
    elif path.startswith("~") or path.startswith("<"):
        return name
    else:
        path = path.rsplit("/", 1)[-1]
    return f"{path}:{line} {name}"


def report(scenario_id: str = "the_shield", batch: int = 4096, turns: int = 10, top: int = 15):
    r = runner(scenario_id, batch)
    profiler = cProfile.Profile()
    profiler.enable()
    play(r, turns)
    profiler.disable()
    stats = pstats.Stats(profiler)
    entries = stats.stats  # type: ignore[attr-defined]
    total = sum(v[2] for v in entries.values())  # tottime summed is the whole run
    print(f"{scenario_id}: batch {batch}, {turns} turns under cProfile: {total:.2f} s")
    print(f"  top {top} by own time (tottime), share of the run, calls per turn:")
    ranked = sorted(entries.items(), key=lambda kv: -kv[1][2])[:top]
    rows = []
    for key, (_cc, calls, tottime, _cum, _callers) in ranked:
        rows.append((key, tottime, calls))
        print(
            f"  {tottime:7.3f} s {100 * tottime / total:5.1f}%  {calls / turns:8.0f}  {_short(key)}"
        )
    print("  stages, inclusive (cumtime):")
    for suffix, name in STAGES:
        for key, (_cc, _calls, _tot, cum, _callers) in entries.items():
            if key[0].endswith(suffix) and key[2] == name:
                print(f"  {cum:7.3f} s {100 * cum / total:5.1f}%  {_short(key)}")
    print("  numpy reductions (sum, max, min, any) by the game function that calls them:")
    by_caller: dict[tuple[str, int, str], float] = {}
    for key, (_cc, _calls, _tot, _cum, callers) in entries.items():
        if key[2] in REDUCTIONS:
            for caller, (_c1, _n1, _t1, cum1) in callers.items():
                by_caller[caller] = by_caller.get(caller, 0.0) + cum1
    for caller, seconds in sorted(by_caller.items(), key=lambda kv: -kv[1])[:8]:
        print(f"  {seconds:7.3f} s {100 * seconds / total:5.1f}%  {_short(caller)}")
    return {"total": total, "top": rows, "reductions": by_caller}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="the_shield")
    parser.add_argument("--batch", type=int, default=4096)
    parser.add_argument("--turns", type=int, default=10)
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()
    report(args.scenario, args.batch, args.turns, args.top)


if __name__ == "__main__":
    main()
