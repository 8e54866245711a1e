"""Is this turn's set of orders legal, and if not, why: in words a student understands.

One place answers it for the engine (``step`` checks every turn's orders once), the window's
preview, the classroom host and the tests. A turn is legal when every state spends within its
budget on the categories its scenario allows, cuts no more reach than it holds, stays under the
treaty caps in force with the stocks its builds would leave (joint programmes' pooled tech
included), and makes only the diplomatic moves the rules allow
(:func:`game.engine.diplomacy.validate`). The AI policies trim their orders by the same caps
(:func:`game.engine.diplomacy.cap_room`).
"""

from __future__ import annotations

import numpy as np

from game.engine import diplomacy
from game.engine.economy import build
from game.engine.orders import BUDGET_TOLERANCE, IllegalOrder, Orders, fmt_amount
from game.engine.prices import budget, diplomacy_costs
from game.engine.state import CATEGORIES, World, state_name


def validate(world: World, orders: Orders) -> list[str]:
    """Every reason these orders are illegal, in words a student understands (empty if legal).

    Problems are reported for the first world in which they occur, by state name.
    """
    problems: list[str] = []
    shape = (world.batch, world.n, len(CATEGORIES))
    spend, cut = np.asarray(orders.spend), np.asarray(orders.cut)
    if spend.shape != shape or cut.shape != shape[:2]:
        return [
            f"orders have the wrong shape: spending {spend.shape} and cuts {cut.shape}, "
            f"expected {shape} and {shape[:2]}"
        ]
    bad = ~np.isfinite(spend).all(axis=2) | ~np.isfinite(cut)
    if bad.any():
        return [
            f"{state_name(world, i)}'s orders must be ordinary numbers (no NaN or infinity)"
            + (f" (world {b})" if world.batch > 1 else "")
            for b, i in zip(*np.nonzero(bad), strict=True)
        ]
    allowed = set(world.params.categories)
    bud = budget(world)
    dip = orders.diplomacy
    total = spend.sum(axis=-1)
    if dip is not None:
        total = total + diplomacy_costs(world, dip)
    over = total > bud * (1 + BUDGET_TOLERANCE) + BUDGET_TOLERANCE

    def tag(b: int) -> str:
        return f" (world {b})" if world.batch > 1 else ""

    for b, i in zip(*np.nonzero(over), strict=True):
        problems.append(
            f"{state_name(world, i)}'s budget is {fmt_amount(bud[b, i])}; "
            f"these orders spend {fmt_amount(total[b, i])}{tag(b)}"
        )
    for c, cat in enumerate(CATEGORIES):
        neg = spend[:, :, c] < 0
        for b, i in zip(*np.nonzero(neg), strict=True):
            hint = " (to dismantle reach, order a cut)" if cat == "reach" else ""
            problems.append(
                f"{state_name(world, i)} cannot spend a negative amount on {cat}{hint}{tag(b)}"
            )
        if cat not in allowed:
            used = spend[:, :, c] > 0
            for b, i in zip(*np.nonzero(used), strict=True):
                problems.append(
                    f"this scenario does not allow spending on {cat} "
                    f"({state_name(world, i)} ordered {fmt_amount(spend[b, i, c])}){tag(b)}"
                )
    for b, i in zip(*np.nonzero(cut < 0), strict=True):
        problems.append(f"{state_name(world, i)} cannot cut a negative amount of reach{tag(b)}")
    too_deep = cut > world.reach * (1 + BUDGET_TOLERANCE) + BUDGET_TOLERANCE
    for b, i in zip(*np.nonzero(too_deep), strict=True):
        problems.append(
            f"{state_name(world, i)} cannot cut {fmt_amount(cut[b, i])} reach: "
            f"it has only {fmt_amount(world.reach[b, i])}{tag(b)}"
        )
    if not problems:  # treaty caps bind arms orders too, with or without diplomacy
        built = build(world, spend, np.minimum(cut, world.reach))
        problems += diplomacy.validate(world, orders.diplomacy_or_none(), built)
    return problems


def check(world: World, orders: Orders) -> None:
    """Raise :class:`IllegalOrder` with every problem when ``orders`` are not legal."""
    problems = validate(world, orders)
    if problems:
        raise IllegalOrder(problems)


__all__ = ["check", "validate"]
