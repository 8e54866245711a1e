"""The one controller that turns a seat's intents into engine orders: a draft with undo.

Widgets never build orders: a slider says "set reach to 6", a menu says "add this action", and
the draft records it, keeps the undo stack, and asks the engine (through
:meth:`game.session.Session.human_orders`) whether the whole is legal, in the engine's words.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from game.engine.actions import Action
from game.engine.orders import IllegalOrder, StateOrder, legal_orders
from game.engine.state import CATEGORIES
from game.session import Session

#: Categories a slider sets; the civilian economy takes whatever is left.
SET_BY_SLIDER = tuple(c for c in CATEGORIES if c != "civilian")
#: Share of the budget the "arm" preset puts into reach.
ARM_SHARE = 0.5


@dataclass(frozen=True)
class Plan:
    """One seat's orders as the player has set them so far."""

    spend: tuple[tuple[str, float], ...] = ()
    cut: float = 0.0
    actions: tuple[Action, ...] = ()

    def amount(self, category: str) -> float:
        return dict(self.spend).get(category, 0.0)


class OrderDraft:
    """A seat's orders under construction: intents in, legality and costs out, undo until submit."""

    def __init__(self, session: Session, seat: int):
        self.session = session
        self.seat = seat
        self.name = session.scenario.names[seat]
        self.menu = legal_orders(session.world, seat)
        self.plan = Plan()
        self._undo: list[Plan] = []
        self._last_key: str | None = None
        self._problems: list[str] | None = None

    # Intents --------------------------------------------------------------------------------

    def _push(self, plan: Plan, key: str | None = None) -> None:
        if plan == self.plan:
            return
        if key is None or key != self._last_key:
            self._undo.append(self.plan)
        self._last_key = key
        self.plan = plan
        self._problems = None

    def set_spend(self, category: str, amount: float) -> None:
        """Put ``amount`` of the budget into ``category`` (a slider drag is one undo step)."""
        if category not in SET_BY_SLIDER:
            raise ValueError(f"{category} is set by the rest of the budget")
        spend = dict(self.plan.spend)
        spend[category] = max(0.0, float(amount))
        self._push(replace(self.plan, spend=tuple(sorted(spend.items()))), f"spend:{category}")

    def set_cut(self, amount: float) -> None:
        self._push(replace(self.plan, cut=max(0.0, float(amount))), "cut")

    def hold(self) -> None:
        """Everything into the civilian economy."""
        self._push(replace(self.plan, spend=(), cut=0.0))

    def arm(self) -> None:
        """Half the budget into reach, the rest to the economy."""
        self._push(replace(self.plan, spend=(("reach", ARM_SHARE * self.menu.budget),), cut=0.0))

    def add_action(self, action: Action) -> str | None:
        """Add a diplomatic action; returns why the engine refuses it (and adds nothing) or None."""
        reason = self.why_not(action)
        if reason is None:
            self._push(replace(self.plan, actions=(*self.plan.actions, action)))
        return reason

    def remove_action(self, index: int) -> None:
        acts = list(self.plan.actions)
        if 0 <= index < len(acts):
            del acts[index]
            self._push(replace(self.plan, actions=tuple(acts)))

    def undo(self) -> bool:
        """Step back one change; False when there is nothing to undo."""
        if not self._undo:
            return False
        self.plan = self._undo.pop()
        self._last_key = None
        self._problems = None
        return True

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    # Read-outs ------------------------------------------------------------------------------

    def state_order(self, plan: Plan | None = None) -> StateOrder:
        p = plan or self.plan
        return StateOrder(
            reach=p.amount("reach"),
            shield=p.amount("shield"),
            hardening=p.amount("hardening"),
            intel=p.amount("intel"),
            cut=p.cut,
        )

    def _check(self, plan: Plan) -> list[str]:
        try:
            self.session.human_orders({self.seat: self.state_order(plan)}, plan.actions)
        except IllegalOrder as exc:
            return list(exc.problems)
        return []

    def problems(self) -> list[str]:
        """Every reason the draft is illegal, in the engine's words (empty: ready to submit)."""
        if self._problems is None:
            self._problems = self._check(self.plan)
        return self._problems

    def why_not(self, action: Action) -> str | None:
        """Why ``action`` cannot join the draft (None: it can)."""
        if action in self.plan.actions:
            return "that action is already in your orders"
        base = replace(self.plan, spend=(), cut=0.0)  # judge the action, not the budget
        before = set(self._check(base))
        trial = replace(base, actions=(*base.actions, action))
        new = [p for p in self._check(trial) if p not in before]
        return "; ".join(new) if new else None

    def preview(self, action: Action) -> list[str]:
        """The engine's own forecast of what ``action`` changes this turn: the turn played
        through the real step, without chance, from the world as this seat knows it (never the
        truth), with and without the action, everyone else holding. Each of your numbers and
        tensions that moves, as "Tension with Veyra 0.20 -> 0.31"; empty when nothing moves
        this turn (or the engine cannot say)."""
        key = repr(action)
        cache = self.__dict__.setdefault("_previews", {})
        if key not in cache:
            cache[key] = self._preview(action)
        return cache[key]

    def _preview(self, action: Action) -> list[str]:
        from game.engine.perception import private_view
        from game.engine.step import step

        world, me = self.session.world, self.seat
        try:
            seen = private_view(world, me)
            bare = self.session.human_orders({me: self.state_order(Plan())}, ())
            with_it = self.session.human_orders({me: self.state_order(Plan())}, (action,))
            a, _ = step(seen, bare, None)
            b, _ = step(seen, with_it, None)
        except Exception:  # the engine cannot forecast it from what this seat knows
            return []
        names = self.session.scenario.names
        out = []
        pairs = [("your economy", a.economy[0, me], b.economy[0, me], 1)]
        pairs += [("your standing", a.standing[0, me], b.standing[0, me], 2)]
        pairs += [("your support", a.support[0, me], b.support[0, me], 2)]
        for j, name in enumerate(names):
            if j != me:
                pairs.append((f"tension with {name}", a.tension[0, me, j], b.tension[0, me, j], 2))
                pairs.append(
                    (f"{name}'s trust in you (a guess)", a.belief[0, j, me], b.belief[0, j, me], 2)
                )
        for label, x, y, digits in pairs:
            x, y = float(x), float(y)
            if round(y - x, digits) != 0:
                out.append(f"{label} {x:.{digits}f} -> {y:.{digits}f}")
        return out

    def diplomacy_cost(self) -> float:
        """Budget the draft's drills and inspections take (from the civilian share)."""
        w = self.session.world
        drills = sum(1 for a in self.plan.actions if a.action == "drill")
        inspections = sum(1 for a in self.plan.actions if a.action == "inspect")
        share = drills * float(w.param("drill_cost")[0]) + inspections * float(
            w.param("inspection_cost")[0]
        )
        return share * self.menu.budget

    def military(self) -> float:
        return sum(amount for _, amount in self.plan.spend)

    def civilian(self) -> float:
        """What is left for the civilian economy (negative when the draft overspends)."""
        return self.menu.budget - self.military() - self.diplomacy_cost()

    def units(self, category: str) -> float | None:
        """Stock the category's spending would buy (None for hardening and the economy)."""
        cost = self.menu.unit_costs.get(category)
        if cost is None or category == "hardening":
            return None
        return self.plan.amount(category) / cost
