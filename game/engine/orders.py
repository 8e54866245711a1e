"""What a state may do in a turn, as data; what is legal; and why an order is not.

Human clicks, AI policies, CLI scripts and saved replays all produce :class:`Orders`: the joint
order of every seat in every world (seats move simultaneously). The engine interprets them.

Arms orders are budget amounts per category (reach, shield, hardening, intelligence, civilian)
plus a unilateral *cut* of reach: dismantling stock, the costly signal of Kydd's reassurance.
Whatever part of the budget is not spent goes to the civilian economy, so budgets always balance.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from game.engine.actions import Diplomacy
from game.engine.prices import budget, diplomacy_costs, unit_costs
from game.engine.state import CATEGORIES, CIVILIAN, TREATY_SLOTS, World, state_name

#: Tolerance for "spends exactly the budget" (floating point, not a rule).
BUDGET_TOLERANCE = 1e-9


class IllegalOrder(ValueError):
    """An order the rules do not allow. The message explains itself to a learner."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


@dataclass(frozen=True)
class StateOrder:
    """One state's orders for a turn, in budget units. ``civilian=None`` takes what is left."""

    reach: float = 0.0
    shield: float = 0.0
    hardening: float = 0.0
    intel: float = 0.0
    civilian: float | None = None
    cut: float = 0.0  # reach dismantled (a unilateral, costly signal of restraint)

    def military(self) -> float:
        """The military spending: reach, shield and hardening."""
        return self.reach + self.shield + self.hardening


@dataclass(frozen=True)
class Orders:
    """The joint orders of all seats in all worlds.

    ``spend[b, i, c]`` is what state ``i`` of world ``b`` puts into category ``c`` (see
    :data:`CATEGORIES`); ``cut[b, i]`` is the reach it dismantles.
    """

    spend: np.ndarray  # [B, N, 5]
    cut: np.ndarray  # [B, N]
    diplomacy: Diplomacy | None = field(default=None)  # None: no diplomatic action at all

    def diplomacy_or_none(self) -> Diplomacy:
        """The diplomatic orders, as arrays even when there are none."""
        if self.diplomacy is not None:
            return self.diplomacy
        b, n = self.cut.shape
        return Diplomacy.none(b, n, TREATY_SLOTS)

    def with_diplomacy(self, diplomacy: Diplomacy | None) -> Orders:
        """These orders with ``diplomacy`` in place of theirs."""
        return Orders(spend=self.spend, cut=self.cut, diplomacy=diplomacy)

    def pay_diplomacy(self, world: World, states: list[int] | None = None) -> Orders:
        """These orders with the diplomacy's costs (drills, inspections) taken from the civilian
        share of ``states`` (all by default): "the rest to the civilian economy" means the rest
        after those costs."""
        if self.diplomacy is None:
            return self
        owed = diplomacy_costs(world, self.diplomacy)
        if states is not None:
            keep = np.zeros(owed.shape[1], dtype=bool)
            keep[list(states)] = True
            owed = np.where(keep[None, :], owed, 0.0)
        spend = self.spend.copy()
        spend[:, :, CIVILIAN] = np.maximum(spend[:, :, CIVILIAN] - owed, 0.0)
        return Orders(spend=spend, cut=self.cut, diplomacy=self.diplomacy)

    @staticmethod
    def hold(world: World) -> Orders:
        """Everyone puts the whole budget into the civilian economy."""
        spend = np.zeros((world.batch, world.n, len(CATEGORIES)))
        spend[:, :, CIVILIAN] = budget(world)
        return Orders(spend=spend, cut=np.zeros((world.batch, world.n)))

    @staticmethod
    def from_shares(world: World, shares: np.ndarray, cut: np.ndarray | None = None) -> Orders:
        """Orders from budget shares ``[B, N, 5]`` (non-negative; the rest goes to civilian)."""
        shares = np.asarray(shares, dtype=float)
        total = shares[..., :CIVILIAN].sum(axis=-1) + shares[..., CIVILIAN + 1 :].sum(axis=-1)
        scale = np.divide(1.0, total, out=np.ones_like(total), where=total > 1.0)
        shares = shares.copy()
        shares[..., :CIVILIAN] *= scale[..., None]
        shares[..., CIVILIAN] = 0.0
        spend = shares * budget(world)[..., None]
        spend[..., CIVILIAN] = budget(world) - spend.sum(axis=-1)
        spend[..., CIVILIAN] = np.maximum(spend[..., CIVILIAN], 0.0)
        c = np.zeros((world.batch, world.n)) if cut is None else np.asarray(cut, dtype=float)
        return Orders(spend=spend, cut=c)

    @staticmethod
    def from_states(world: World, orders: list[StateOrder] | tuple[StateOrder, ...]) -> Orders:
        """Orders for a batch of one from one :class:`StateOrder` per state."""
        if world.batch != 1:
            raise ValueError("from_states() builds orders for a batch of one")
        if len(orders) != world.n:
            raise ValueError(f"expected {world.n} state orders, got {len(orders)}")
        b = budget(world)[0]
        spend = np.zeros((1, world.n, len(CATEGORIES)))
        for i, o in enumerate(orders):
            spend[0, i, :CIVILIAN] = [o.reach, o.shield, o.hardening, o.intel]
            rest = b[i] - spend[0, i, :CIVILIAN].sum()
            spend[0, i, CIVILIAN] = max(rest, 0.0) if o.civilian is None else o.civilian
        cut = np.array([[o.cut for o in orders]], dtype=float)
        return Orders(spend=spend, cut=cut)

    def state_order(self, b: int, i: int) -> StateOrder:
        """State ``i``'s order in world ``b``."""
        r, sh, h, intel, civ = (float(x) for x in self.spend[b, i])
        return StateOrder(r, sh, h, intel, civ, cut=float(self.cut[b, i]))

    def select(self, b: int | slice | np.ndarray) -> Orders:
        """The orders of worlds ``b`` (always a batch, even for one index)."""
        idx = np.atleast_1d(np.arange(self.spend.shape[0])[b])
        dip = None if self.diplomacy is None else self.diplomacy.select(idx)
        return Orders(spend=self.spend[idx], cut=self.cut[idx], diplomacy=dip)

    def replace_state(
        self, i: int, spend: np.ndarray, cut: np.ndarray, diplomacy: Diplomacy | None = None
    ) -> Orders:
        """These orders with state ``i``'s replaced (``spend`` ``[B, 5]``, ``cut`` ``[B]``, and
        its rows of ``diplomacy`` when given)."""
        new_spend, new_cut = self.spend.copy(), self.cut.copy()
        new_spend[:, i] = spend
        new_cut[:, i] = cut
        dip = self.diplomacy
        if diplomacy is not None:
            dip = self.diplomacy_or_none().set_state(i, diplomacy)
        return Orders(spend=new_spend, cut=new_cut, diplomacy=dip)


@dataclass(frozen=True)
class LegalOrders:
    """What one state may do this turn, for a menu or a policy: limits and prices."""

    state: str
    budget: float
    categories: tuple[str, ...]  # categories this scenario allows
    unit_costs: dict[str, float]  # budget per unit of reach, shield, hardening
    max_cut: float  # reach it could dismantle
    hardening_room: float  # hardening_max - hardening


def legal_orders(world: World, i: int, b: int = 0) -> LegalOrders:
    """The menu of legal arms orders for state ``i`` in world ``b``."""
    costs = unit_costs(world)[b, i]
    return LegalOrders(
        state=state_name(world, i),
        budget=float(budget(world)[b, i]),
        categories=tuple(world.params.categories),
        unit_costs={
            "reach": float(costs[0]),
            "shield": float(costs[1]),
            "hardening": float(costs[2]),
        },
        max_cut=float(world.reach[b, i]),
        hardening_room=float(world.param("hardening_max")[b] - world.hardening[b, i]),
    )


def fmt_amount(x: float) -> str:
    """An amount in an order's message: one decimal, or three significant digits when small."""
    return f"{x:.1f}" if abs(x) >= 0.05 or x == 0 else f"{x:.3g}"


__all__ = [
    "BUDGET_TOLERANCE",
    "IllegalOrder",
    "LegalOrders",
    "Orders",
    "StateOrder",
    "budget",
    "fmt_amount",
    "legal_orders",
    "unit_costs",
]
