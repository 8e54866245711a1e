"""Scripted games for the analysis tests: seeded, short, built from engine orders."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np

from game import scenarios
from game.analysis import Analysis, analyse
from game.analysis.counterfactuals import policy_orders
from game.engine import Link, Orders, TreatySpec
from game.engine.actions import Action, Diplomacy, apply_actions
from game.engine.diplomacy import cap_room
from game.engine.orders import budget
from game.engine.state import CIVILIAN, DIPLOMACY_GROUPS, REACH, TREATY_SLOTS, World
from game.session import Session

REPO = Path(__file__).resolve().parents[2]


def loaded_after(imports: str, modules: Sequence[str]) -> list[bool]:
    """Whether each of ``modules`` is loaded once ``imports`` (Python statements) have run in a
    fresh interpreter (what a module pulls in, pygame and matplotlib above all)."""
    code = f"import sys\n{imports}\nprint(*[m in sys.modules for m in {list(modules)!r}])\n"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    return [word == "True" for word in out.stdout.split()]


def orders(world: World, reach_shares: Sequence[float], actions: Sequence[Action] = ()) -> Orders:
    """Every state puts ``reach_shares[i]`` of its budget into reach, the rest civilian."""
    shares = np.zeros((1, world.n, 5))
    shares[0, :, 0] = reach_shares
    o = Orders.from_shares(world, shares)
    if actions:
        dip = apply_actions(Diplomacy.none(1, world.n, TREATY_SLOTS), list(actions), world.names)
        o = o.with_diplomacy(dip)
    return o


def open_diplomacy(scenario_id: str, **changes) -> scenarios.Scenario:
    """A shipped scenario with every diplomacy group allowed (and ``changes`` made)."""
    sc = scenarios.load(scenario_id)
    return dataclasses.replace(sc, params=sc.params.replace(diplomacy=DIPLOMACY_GROUPS), **changes)


def ai_game(scenario_id: str, seed: int) -> Session:
    sc = scenarios.load(scenario_id)
    s = Session.new(sc, seed, ["ai:baseline"] * len(sc.states))
    s.play_to_end()
    return s


@cache
def shield(seed: int = 1) -> tuple[Session, Analysis]:
    s = ai_game("the_shield", seed)
    return s, analyse(s)


@cache
def neighbours(seed: int = 1) -> tuple[Session, Analysis]:
    s = ai_game("two_neighbours", seed)
    return s, analyse(s)


def arm_and_escalate(world):
    """Every state puts 60 % of its budget into reach (stopping at a cap) and escalates every
    crisis: the war fixture's orders (harder than the counterfactual's "arm", so that the war
    comes early)."""
    orders = policy_orders(world, ("arm",) * world.batch)
    bud = budget(world)
    spend = np.zeros_like(orders.spend)
    spend[:, :, REACH] = np.minimum(0.6 * bud, cap_room(world, "reach"))
    spend[:, :, CIVILIAN] = bud - spend[:, :, REACH]
    return Orders(spend=spend, cut=orders.cut, diplomacy=orders.diplomacy)


@cache
def war_game() -> tuple[Session, Analysis]:
    """The Shield, seed 4, every state arming and escalating: war breaks out in turn 4."""
    s = Session.new(scenarios.load("the_shield"), 4, ["ai:baseline"] * 4)
    while not s.over:
        s.resolve(arm_and_escalate(s.world))
    return s, analyse(s)


def arms_race(turns: int = 6, seed: int = 3) -> Session:
    """Two Neighbours, both putting 60 % of the budget into reach every turn."""
    s = Session.new(scenarios.load("two_neighbours"), seed, ["ai:baseline"] * 2)
    for _ in range(turns):
        s.resolve(orders(s.world, [0.6, 0.6]))
    return s


def crisis_backed_down() -> Session:
    """Two Neighbours starting at tension 0.9: Calder commits, then backs down; Mirel stands."""
    sc = open_diplomacy("two_neighbours", links=(Link(0, 1, tension=0.9),))
    s = Session.new(sc, 3, ["ai:baseline"] * 2)
    s.resolve(orders(s.world, [0, 0]))
    s.resolve(orders(s.world, [0, 0], [Action("commit", "Calder", "Mirel")]))
    s.resolve(
        orders(
            s.world,
            [0, 0],
            [Action("back_down", "Calder", "Mirel"), Action("stand_firm", "Mirel", "Calder")],
        )
    )
    return s


def treaty_left() -> Session:
    """Two Neighbours under a reach ceiling that Calder leaves in turn 1 (it lapses later)."""
    sc = open_diplomacy(
        "two_neighbours",
        treaties=(TreatySpec("reach_ceiling", (0, 1), cap=40.0, verification=0.5),),
    )
    s = Session.new(sc, 3, ["ai:baseline"] * 2)
    s.resolve(orders(s.world, [0, 0], [Action("leave_treaty", "Calder", treaty=0)]))
    for _ in range(4):
        s.resolve(orders(s.world, [0, 0]))
    return s


def build_then_cut() -> Session:
    """Mirel builds three turns, then cuts most of its reach: Calder's trust jumps."""
    s = Session.new(scenarios.load("two_neighbours"), 3, ["ai:baseline"] * 2)
    for _ in range(3):
        s.resolve(orders(s.world, [0, 0.5]))
    o = orders(s.world, [0, 0])
    s.resolve(Orders(spend=o.spend, cut=np.array([[0.0, 0.8 * float(s.world.reach[0, 1])]])))
    return s


def deployment() -> Session:
    """The Shield: Aurum offers Brisa a shield deployment, Brisa accepts."""
    s = Session.new(scenarios.load("the_shield"), 2, ["ai:baseline"] * 4)
    s.resolve(orders(s.world, [0] * 4, [Action("offer_deployment", "Aurum", "Brisa", shield=2.0)]))
    s.resolve(orders(s.world, [0] * 4, [Action("accept_deployment", "Brisa", "Aurum")]))
    s.resolve(orders(s.world, [0] * 4))
    return s
