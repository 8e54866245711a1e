"""Regenerate the figures the teacher guide and the README quote: ``docs/lesson-figures.md``.

Every number in ``lesson-figures.md`` comes from this script, measured on two windows of seeds
that no lesson was tuned on, so a teacher can trust that a fresh class sees the same shares.
For each lesson it plays the lesson's own seats (the human seat played by the stand-in the
lesson's tests use) as one batch per window, then reads:

- the bet's answer, by the game's own bet reading (``game.analysis.bet_outcome``), against the
  lesson's control (the same seeds with the lesson's mechanism taken away);
- the share of games that ended in war;
- the stage games the theory lens names for rival pairs (every other turn).

It also runs the Jervis sweep over the Sandbox (shield efficiency x distinguishability) and
draws its heat-map, ``docs/jervis-sweep.png``.

Run from the repository's top folder (a few minutes on two cores)::

    .venv/bin/python docs/lesson_figures.py
"""

from __future__ import annotations

import collections
import dataclasses
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from game.analysis import bet_outcome
from game.analysis.core import batch_stage_names
from game.analysis.series import series_from
from game.engine.orders import Orders
from game.lab.seating import seats_for
from game.lab.sweep import Axis, run_sweep
from game.lab.verbs import _sweep_heatmap
from game.lessons import LESSON_ORDER
from game.scenarios import Scenario, load
from game.session import Runner, Seat

HERE = Path(__file__).parent
WINDOWS = (range(100_000, 100_100), range(200_000, 200_100))

Script = Callable[[Runner, int, Orders], Orders]


def with_params(sc: Scenario, **params: object) -> Scenario:
    return dataclasses.replace(sc, params=sc.params.replace(**params))


def no_deployments(sc: Scenario) -> Scenario:
    return with_params(sc, diplomacy=tuple(g for g in sc.params.diplomacy if g != "deployments"))


def checked(sc: Scenario, verification: float) -> Scenario:
    return dataclasses.replace(
        sc, treaties=tuple(dataclasses.replace(t, verification=verification) for t in sc.treaties)
    )


def bound_outsider(sc: Scenario) -> Scenario:
    (t,) = sc.treaties
    return dataclasses.replace(
        sc, treaties=(dataclasses.replace(t, parties=tuple(range(len(sc.states)))),)
    )


@dataclasses.dataclass(frozen=True)
class Lesson:
    """How the figures play a lesson: the stand-in for the human seat, an optional plan, and
    the control (what the lesson's mechanism is measured against)."""

    stand_in: str
    control: str  # words for the table
    make_control: Callable[[Scenario], Scenario]
    script: Script | None = None
    control_script: Script | None = None


LESSONS = {
    "two_neighbours": Lesson(
        "copycat", "noisy sight (noise 0.5)", lambda s: with_params(s, noise=0.5)
    ),
    "the_spiral": Lesson(
        "copycat",
        "shields always seen as shields (distinguishability 1)",
        lambda s: with_params(s, distinguishability=1.0),
    ),
    "the_shield": Lesson("baseline", "no forward deployments allowed", no_deployments),
    "forward_basing": Lesson(
        "baseline", "no forward reach in the host", lambda s: dataclasses.replace(s, deployments=())
    ),
    "the_accord": Lesson("baseline", "verification 0.8", lambda s: checked(s, 0.8)),
    "three_powers": Lesson("balancer", "the outsider bound by the ceiling too", bound_outsider),
    "joint_shield": Lesson(
        "baseline",
        "no joint programmes allowed",
        lambda s: with_params(
            s, diplomacy=tuple(g for g in s.params.diplomacy if g != "programmes")
        ),
    ),
    "sandbox": Lesson(
        "baseline",
        "clear sight, shields seen as shields",
        lambda s: with_params(s, noise=0.05, distinguishability=1.0),
    ),
}


@dataclasses.dataclass
class Played:
    bet: float  # share of games where the bet's answer came true
    war: float
    lens: collections.Counter


def play(sc: Scenario, stand_in: str, seeds: list[int], script: Script | None) -> Played:
    seats = tuple(
        Seat(False, stand_in) if s == "human" else seat
        for s, seat in zip(
            sc.default_seats, seats_for(None, len(sc.states), sc.default_seats), strict=True
        )
    )
    runner = Runner(sc, seeds, seats)
    n = runner.world.n
    plist = [(i, j) for i in range(n) for j in range(i + 1, n)]
    worlds, spends = [runner.world], []
    lens: collections.Counter = collections.Counter()
    turn = 0
    while not runner.finished.all():
        turn += 1
        world = runner.world
        if world.turn % 2 == 0:
            names = batch_stage_names(world, plist)
            for i, j in plist:
                rival = (world.alliance[:, i, j] < 0.5) & ~world.over
                lens.update(np.asarray(names[(i, j)])[rival])
        orders = runner.ai_orders()
        if script is not None:
            orders = script(runner, turn, orders)
        events = runner.advance(orders)
        spends.append(events.spend)
        worlds.append(runner.world)
    outcomes = [
        bet_outcome((series_from(worlds, spends, b=b), sc.names), sc.bet) for b in range(len(seeds))
    ]
    bet = float(np.mean(np.array(outcomes) == sc.bet.answer))
    return Played(bet, float(worlds[-1].over.mean()), lens)


def pct(x: float) -> str:
    return f"{100 * x:.0f} %"


def lens_text(counts: collections.Counter) -> str:
    total = sum(counts.values())
    if not total:
        return "no rival pairs"
    top = counts.most_common(3)
    return ", ".join(f"{name.replace('_', ' ')} {pct(c / total)}" for name, c in top)


def lesson_rows() -> list[str]:
    lines = [
        "| lesson | the bet's answer came true | in the control | control | war | the lens names |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for sid in LESSON_ORDER:
        sc = load(sid)
        spec = LESSONS[sid]
        main = [play(sc, spec.stand_in, list(w), spec.script) for w in WINDOWS]
        ctrl = [
            play(spec.make_control(sc), spec.stand_in, list(w), spec.control_script)
            for w in WINDOWS
        ]
        lens = main[0].lens + main[1].lens
        lines.append(
            f"| {sc.title} | {' / '.join(pct(p.bet) for p in main)} "
            f"| {' / '.join(pct(p.bet) for p in ctrl)} | {spec.control} "
            f"| {' / '.join(pct(p.war) for p in main)} | {lens_text(lens)} |"
        )
        print(lines[-1], file=sys.stderr)
    return lines


def jervis_rows() -> list[str]:
    sc = load("sandbox")
    seats = seats_for(None, len(sc.states), sc.default_seats)
    lines = [
        "| shield efficiency | distinguishability | Jervis's world | dilemma share | war | "
        "mean final arms | lowest stability |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    corners = run_sweep(
        sc,
        (Axis("shield_efficiency", (0.5, 2.5)), Axis("distinguishability", (0.0, 1.0))),
        seats,
        seeds=len(WINDOWS[0]),
        seed=WINDOWS[0][0],
    )
    names = {
        (0.5, 0.0): "offense, indistinguishable: doubly dangerous",
        (0.5, 1.0): "offense, distinguishable: aggression pays",
        (2.5, 0.0): "defense, indistinguishable: dilemma but compatible",
        (2.5, 1.0): "defense, distinguishable: doubly safe",
    }
    dil, war = corners.dilemma_share(), corners.war_rate()
    arms, stab = corners.mean_arms(), corners.mean_min_stability()
    for g, point in enumerate(corners.points):
        lines.append(
            f"| {point[0]:g} | {point[1]:g} | {names[point]} | {pct(dil[g])} | {pct(war[g])} "
            f"| {arms[g]:.0f} | {stab[g]:.2f} |"
        )
    grid = run_sweep(
        sc,
        (
            Axis("shield_efficiency", tuple(np.linspace(0.5, 2.5, 5))),
            Axis("distinguishability", tuple(np.linspace(0.0, 1.0, 5))),
        ),
        seats,
        seeds=20,
        seed=WINDOWS[1][0],
    )
    _sweep_heatmap(str(HERE / "jervis-sweep.png"), grid)
    return lines


def main() -> None:
    start = time.time()
    lessons = lesson_rows()
    jervis = jervis_rows()
    windows = " and ".join(f"{w.start}-{w.stop - 1}" for w in WINDOWS)
    text = f"""# Lesson figures

Generated by `docs/lesson_figures.py` (run it from the repository's top folder to regenerate this
page and `jervis-sweep.png`); do not edit by hand. Seeds {windows}: two windows of 100 games
that no lesson was tuned on. Each cell gives the two windows' figures.

## Each lesson, its bet and its control

Each lesson is played with its own seats; the human seat is played by the AI its tests use
(Two Neighbours and The Spiral: the copycat; Three Powers: the balancer; the rest: the steady
deterrer). The control takes the lesson's mechanism away on the same seeds.
"The lens names" counts the stage games of rival pairs every other turn ("asymmetric": each side
of the pair sees a different game).

{chr(10).join(lessons)}

## Jervis's four worlds, from data

The Sandbox with its own seats at the four corners of shield efficiency (the offense-defense
balance) and distinguishability, 100 games each. "Dilemma share": of the rival pairs' stage games
every four turns, the share that is a prisoner's dilemma or chicken. The payoffs follow Jervis:
offense with builds that look alike is the most dilemma-prone world, defense with builds told apart
the least. Two of the Sandbox's four AI seats still arm by rules (the Steady Deterrer and the
copycat; the dove and the balancer look ahead through the payoffs), so arms, war and stability
do not order the same way.

{chr(10).join(jervis)}

![Jervis's four worlds: war rate, arms and the dilemma share over the Sandbox](jervis-sweep.png)

(Heat-map: a 5 x 5 grid, 20 games a cell, seeds from {WINDOWS[1][0]}.)
"""
    (HERE / "lesson-figures.md").write_text(text, encoding="utf-8")
    print(f"wrote docs/lesson-figures.md and docs/jervis-sweep.png in {time.time() - start:.0f} s")


if __name__ == "__main__":
    main()
