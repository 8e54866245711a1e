"""What a debrief costs: the analysis of one finished game, its charts and its report.

    python benchmarks/bench_debrief.py [--scenario the_shield] [--seed 3]

The analysis names the stage game of every pair at every turn by projecting each 2x2 cell with
the real engine; it runs them as one batch (every pair, turn and cell) rather than one
``stage_game`` call per pair and turn. It also replays the two counterfactuals as one batch of two
worlds. This prints the batched and the one-at-a-time times and their ratios, then the whole
``analyse``, the charts and the report export, all measured in this one run.
"""

from __future__ import annotations

import argparse
import tempfile
import time

from game.analysis import analyse, charts
from game.analysis.core import pairs, stage_names
from game.analysis.counterfactuals import COUNTERFACTUALS, replay, replay_all
from game.analysis.series import worlds_of
from game.cli import ai_seats
from game.engine.orders import IllegalOrder
from game.engine.stage import stage_game
from game.report import export
from game.report.writer import chart_pngs
from game.scenarios import load
from game.session import Session


def _timed(fn, *args):
    start = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - start


def report(scenario_id: str = "the_shield", seed: int = 3) -> dict:
    scenario = load(scenario_id)
    session = Session.new(scenario, seed, ai_seats(scenario))
    session.play_to_end()
    worlds = worlds_of(session)
    plist = pairs(len(scenario.states))

    _, batched = _timed(stage_names, worlds, plist)

    def one_by_one() -> None:
        for w in worlds:
            for i, j in plist:
                try:
                    stage_game(w, i, j)
                except IllegalOrder:
                    pass

    _, looped = _timed(one_by_one)
    _, together = _timed(replay_all, session)

    def apart() -> None:
        for key in COUNTERFACTUALS:
            replay(session, key)

    _, separate = _timed(apart)
    analysis, whole = _timed(analyse, session)
    _, drawn = _timed(lambda: [charts.png(analysis, name) for name in charts.FIGURES])
    # The report's charts: one process against two (both cores), each on a fresh analysis (an
    # analysis keeps its charts once drawn), and a second report of the same analysis.
    _, serial = _timed(chart_pngs, analyse(session), 1)
    shared = analyse(session)
    _, pooled = _timed(chart_pngs, shared, 2)
    _, again = _timed(chart_pngs, shared)
    print(
        f"report charts: one process {serial * 1e3:.0f} ms, two {pooled * 1e3:.0f} ms "
        f"({serial / pooled:.2f}x); the same analysis again {again * 1e3:.1f} ms"
    )
    with tempfile.TemporaryDirectory() as out:
        _, exported = _timed(export, session, out, analysis)
    cells = len(worlds) * len(plist)
    print(
        f"{scenario_id} seed {seed}, {session.turn} turns, {len(plist)} pairs: stage games "
        f"({cells} pair-turns x 4 cells) as one batch {batched * 1e3:.0f} ms, one stage_game "
        f"call each {looped * 1e3:.0f} ms: {looped / batched:.1f}x"
    )
    print(
        f"counterfactuals as one batch of two {together * 1e3:.0f} ms, one replay each "
        f"{separate * 1e3:.0f} ms: {separate / together:.2f}x"
    )
    print(
        f"analyse (everything) {whole * 1e3:.0f} ms; {len(charts.FIGURES)} charts "
        f"{drawn * 1e3:.0f} ms; report export (HTML + CSV + save, charts included) "
        f"{exported * 1e3:.0f} ms"
    )
    return {"stage_ratio": looped / batched, "analyse_s": whole, "export_s": exported}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="the_shield")
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    report(args.scenario, args.seed)
